"""The catalogue of a year (jenis pelayanan dasar with their mutu items) and the periods with deadlines."""

from typing import Annotated

from ninja import Query, Router, Schema
from pydantic import Field

from django.db.models import Prefetch

from reporting.models import MutuItem, PeriodExtension, RegionLevel, ServiceType
from reporting.models import Period as PeriodModel
from reporting.selectors import access

from ..auth import api_user
from ..common import READ_ERRORS, PageParams, paginate
from ..schemas import Id, PeriodPage, ServicePage

router = Router(tags=["katalog dan periode"])
Year = Annotated[int, Field(ge=2000, le=2100)]


class CatalogueFilter(Schema):
    year: Year
    urusan: Id | None = None
    level: RegionLevel | None = None


@router.get("/katalog", response={200: ServicePage, **READ_ERRORS}, summary="Katalog SPM satu tahun")
def catalogue_list(request, page: PageParams, filters: Query[CatalogueFilter]):
    services = (
        ServiceType.objects.filter(year=filters.year)
        .order_by("urusan__order", "level", "order", "code")
        .prefetch_related(Prefetch("mutu_items", queryset=MutuItem.objects.order_by("order", "id")))
    )
    if filters.urusan:
        services = services.filter(urusan_id=filters.urusan)
    if filters.level:
        services = services.filter(level=filters.level)
    return paginate(services, page, lambda s: {**s.__dict__, "mutu_items": list(s.mutu_items.all())})


class PeriodFilter(Schema):
    year: Year | None = None
    quarter: Annotated[int | None, Field(None, ge=1, le=4)]


@router.get("/periode", response={200: PeriodPage, **READ_ERRORS}, summary="Periode pelaporan dan batas input")
def period_list(request, page: PageParams, filters: Query[PeriodFilter]):
    user = api_user(request)
    periods = PeriodModel.objects.order_by("-year", "-quarter")
    if filters.year:
        periods = periods.filter(year=filters.year)
    if filters.quarter:
        periods = periods.filter(quarter=filters.quarter)
    result = paginate(periods, page)
    own = access.own_region(user)
    extensions = {}
    if own is not None and result["items"]:
        extensions = {
            e.period_id: e.closes_at
            for e in PeriodExtension.objects.filter(region=own, period__in=[p.pk for p in result["items"]])
        }

    def period(p):
        own_closes = None
        if own is not None:
            extended = extensions.get(p.pk)
            own_closes = extended if extended and extended > p.closes_at else p.closes_at
        return {
            "id": p.pk,
            "year": p.year,
            "quarter": p.quarter,
            "label": str(p),
            "opens_at": p.opens_at,
            "closes_at": p.closes_at,
            "own_closes_at": own_closes,
        }

    result["items"] = [period(p) for p in result["items"]]
    return result

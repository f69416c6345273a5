"""Regions (wilayah) the token may read, and the urusan."""

from typing import Annotated

from ninja import Query, Router, Schema
from pydantic import Field

from reporting.models import Region, RegionLevel, Urusan
from reporting.selectors import access

from ..auth import api_user
from ..common import READ_ERRORS, PageParams, paginate
from ..schemas import PROVINCE_CODE_HELP, NoNul, RegionPage, UrusanPage

router = Router(tags=["wilayah"])


class RegionFilter(Schema):
    level: RegionLevel | None = None
    province: Annotated[str | None, Field(None, max_length=8, pattern=NoNul, description=PROVINCE_CODE_HELP)]


def _region(region) -> dict:
    return {
        "id": region.pk,
        "code": region.code,
        "login_code": region.login_code,
        "name": region.name,
        "level": region.level,
        "province_code": region.province.code if region.province_id else None,
    }


@router.get("/wilayah", response={200: RegionPage, **READ_ERRORS}, summary="Wilayah yang dapat dibaca token")
def region_list(request, page: PageParams, filters: Query[RegionFilter]):
    regions = access.region_readable_list(api_user(request)).order_by("code")
    if filters.level:
        regions = regions.filter(level=filters.level)
    if filters.province:
        regions = regions.filter(province__in=Region.objects.with_code(filters.province))
    return paginate(regions, page, _region)


@router.get("/urusan", response={200: UrusanPage, **READ_ERRORS}, summary="Urusan SPM")
def urusan_list(request, page: PageParams):
    return paginate(Urusan.objects.order_by("order", "code"), page, lambda u: u)

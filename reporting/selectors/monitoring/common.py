"""What the monitoring readers share: the summary columns as sent, the periods of a year, a pemda's
deadline and the figures the catalogue requires (rules in the package docstring)."""

from collections import defaultdict

from django.db.models import Case, Count, DateTimeField, DecimalField, F, OuterRef, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from reporting.models import MutuItem, Period, PeriodExtension, Report, ServiceType

# Figures a pemda fills per jenis pelayanan and per mutu item (harus dilayani and terlayani).
FIGURES_PER_SERVICE = 2
FIGURES_PER_MUTU = 2
SUMMARY_FIELDS = (
    "id",
    "region_id",
    "urusan_id",
    "period_id",
    "status",
    "submitted_at",
    *Report.SUMMARY_FIELDS,
)
SUM_DECIMAL = DecimalField(max_digits=20, decimal_places=2)
# Summary columns that monitors read from the last sent version (``Report.sent_snapshot``).
SENT_COLUMNS = Report.SUMMARY_FIELDS


def sent_value(name: str):
    """SQL of a summary column as monitors see it: the last sent version's (one LEFT JOIN per report), so
    a returned report being corrected keeps showing what was sent; a report sent before snapshots existed
    (or written by the bulk seed) has none and shows its own column."""
    return Case(When(sent_snapshot__isnull=False, then=F(f"sent_snapshot__{name}")), default=F(name))


def sent_summary_values(reports: QuerySet[Report], *extra: str) -> list[dict]:
    """``reports.values(*SUMMARY_FIELDS, *extra)`` with the summary columns taken from the sent version."""
    own = [name for name in SUMMARY_FIELDS if name not in SENT_COLUMNS]
    rows = reports.annotate(**{f"sent_{name}": sent_value(name) for name in SENT_COLUMNS}).values(
        *own, *extra, *(f"sent_{name}" for name in SENT_COLUMNS)
    )
    result = []
    for row in rows:
        for name in SENT_COLUMNS:
            row[name] = row.pop(f"sent_{name}")
        result.append(row)
    return result


# --- periods -------------------------------------------------------------------------


def year_list() -> list[int]:
    """Fiscal years that have periods, newest first."""
    return list(Period.objects.order_by("-year").values_list("year", flat=True).distinct())


def period_list(*, year: int) -> list[Period]:
    return list(Period.objects.filter(year=year).order_by("quarter"))


def period_default(periods: list[Period]) -> Period | None:
    """The latest period already open, else the first one."""
    now = timezone.now()
    opened = [p for p in periods if p.opens_at <= now]
    if opened:
        return opened[-1]
    return periods[0] if periods else None


def period_pick(periods: list[Period], quarter: int | None) -> Period | None:
    """The period of ``quarter`` among ``periods``, or the default one."""
    for period in periods:
        if period.quarter == quarter:
            return period
    return period_default(periods)


def deadline_expression(region_ref: str = "region_id", period: Period | None = None):
    """SQL of a pemda's deadline in a period, as ``selectors.reports.period_window_for`` decides it:
    its extension when later than the period's close, else the period's close.

    Without ``period`` the expression reads the period of the report row it annotates; prefer
    ``Report.objects.with_window()`` there (a join instead of one subquery per report).
    """
    if period is None:
        extension = PeriodExtension.objects.filter(period_id=OuterRef("period_id"), region_id=OuterRef(region_ref))
        closes_at = F("period__closes_at")
    else:
        extension = PeriodExtension.objects.filter(period=period, region_id=OuterRef(region_ref))
        closes_at = Value(period.closes_at, output_field=DateTimeField())
    return Greatest(Coalesce(Subquery(extension.values("closes_at")[:1]), closes_at), closes_at)


def catalogue_required_map(*, year: int) -> dict[tuple[int, str], int]:
    """Figures a new report of ``year`` requires by (urusan id, level).

    Counted as ``report_get_or_create`` builds a report: the catalogue of ``year`` or
    the latest year before it, two figures per service and two per mutu item.
    """
    services = (
        ServiceType.objects.filter(year__lte=year)
        .values("urusan_id", "level", "year")
        .annotate(n=Count("id"))
        .order_by()
    )
    mutu = (
        MutuItem.objects.filter(service__year__lte=year)
        .values("service__urusan_id", "service__level", "service__year")
        .annotate(n=Count("id"))
        .order_by()
    )
    latest: dict[tuple[int, str], int] = {}
    for row in services:
        key = (row["urusan_id"], row["level"])
        latest[key] = max(latest.get(key, 0), row["year"])
    required: dict[tuple[int, str], int] = defaultdict(int)
    for row in services:
        key = (row["urusan_id"], row["level"])
        if row["year"] == latest[key]:
            required[key] += row["n"] * FIGURES_PER_SERVICE
    for row in mutu:
        key = (row["service__urusan_id"], row["service__level"])
        if row["service__year"] == latest.get(key):
            required[key] += row["n"] * FIGURES_PER_MUTU
    return dict(required)

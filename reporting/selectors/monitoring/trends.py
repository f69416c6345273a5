"""The trend over the years: reporting rate and mean indeks per fiscal year, nationally, of a province's
kab/kota or of one pemda."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import TypedDict

from django.db.models import Count, QuerySet, Sum

from reporting import calculations
from reporting.models import SENT_STATUSES, Period, Region, Report, Urusan, User
from reporting.selectors.access import is_province_pemda, region_readable_list, report_readable_list
from reporting.selectors.monitoring.common import SUM_DECIMAL as _SUM_DECIMAL
from reporting.selectors.monitoring.common import sent_value
from reporting.selectors.public import public_cached

TREND_YEARS = 5


@dataclass
class YearTrend:
    """One fiscal year: sent reports against those expected over its quarters, and their mean indeks."""

    year: int
    expected: int = 0
    reported: int = 0
    indeks: Decimal | None = None
    serapan: Decimal | None = None

    @property
    def reporting_rate(self) -> Decimal | None:
        return calculations.percentage(self.reported, self.expected)


def trend_years(years: list[int], year: int) -> list[int]:
    """The ``TREND_YEARS`` fiscal years up to ``year`` that have periods, oldest first."""
    return sorted(y for y in years if y <= year)[-TREND_YEARS:]


def year_trend_get(
    *, user: User, years: list[int], province: Region | None = None, per_quarter: int | None = None
) -> list[YearTrend]:
    """Reporting rate and mean indeks (of the sent versions) per year, nationally or of ``province``'s kab/kota,
    as ``user`` may see them. Expected: ``per_quarter`` (today's active pemda x urusan; counted when not given)
    times the year's periods, so a pemda created later counts in earlier years too. Readers who see every
    sent report of the scope (the ministry; a province's pemda account its own kab/kota) share one copy kept
    for the public generation, like the quarter trend: no query once computed."""
    regions = region_readable_list(user)
    reports = report_readable_list(user).filter(
        period__year__in=years, region__is_active=True, status__in=SENT_STATUSES
    )
    if province is not None:
        regions, reports = regions.filter(province=province), reports.filter(region__province=province)

    def compute():
        expected = per_quarter if per_quarter is not None else regions.count() * Urusan.objects.count()
        return _year_trend_rows(reports, years, expected)

    if reads_whole_scope(user, province):
        scope = province.pk if province is not None else "all"
        return public_cached(f"year-trend:{'-'.join(map(str, years))}:{scope}:{per_quarter}", compute)
    return compute()


def reads_whole_scope(user: User, province: Region | None) -> bool:
    """Does ``user`` read every sent report of the scope (the nation, or ``province``'s kab/kota)?"""
    if user.is_ministry:
        return True
    return province is not None and is_province_pemda(user) and user.region_id == province.pk


def _year_trend_rows(reports: QuerySet[Report], years: list[int], per_quarter: int) -> list[YearTrend]:
    quarters = dict(
        Period.objects.filter(year__in=years).values("year").annotate(n=Count("id")).values_list("year", "n")
    )
    sums = {
        row["period__year"]: row
        for row in reports.values("period__year")
        .annotate(
            reported=Count("id"),
            indeks_sum=Sum(sent_value("indeks"), output_field=_SUM_DECIMAL),
            indeks_n=Count(sent_value("indeks")),
        )
        .order_by()
    }
    trend = []
    for year in years:
        row = sums.get(year, {})
        trend.append(
            YearTrend(
                year=year,
                expected=per_quarter * quarters.get(year, 0),
                reported=row.get("reported", 0),
                indeks=calculations.mean_of(row.get("indeks_sum"), row.get("indeks_n", 0)),
            )
        )
    return trend


class UrusanYearRow(TypedDict):
    """One report of a pemda's year as ``region_year_trend_get`` reads it."""

    urusan_id: int
    period__year: int
    indeks: Decimal | None
    pagu_total: int
    realisasi_total: int


def region_year_trend_get(*, user: User, region: Region, years: list[int]) -> list[YearTrend]:
    """A pemda's years as its dashboard's "persentase realisasi" figure: the mean indeks of each urusan's latest
    report of the year and the serapan of those reports (budget figures are cumulative over a year). One query."""
    rows = (
        report_readable_list(user)
        .filter(region=region, period__year__in=years)
        .order_by("period__year", "period__quarter")
        .values("urusan_id", "period__year", "indeks", "pagu_total", "realisasi_total")
    )
    latest: dict[int, dict[int, UrusanYearRow]] = defaultdict(dict)
    for row in rows:
        latest[row["period__year"]][row["urusan_id"]] = row  # ordered by quarter: the last one stays
    trend = []
    for year in years:
        reports = list(latest.get(year, {}).values())
        _pagu, _realisasi, absorbed = calculations.money_totals(
            (r["pagu_total"], r["realisasi_total"]) for r in reports
        )
        trend.append(
            YearTrend(
                year=year,
                reported=len(reports),
                indeks=calculations.mean_percentage(r["indeks"] for r in reports),
                serapan=absorbed,
            )
        )
    return trend

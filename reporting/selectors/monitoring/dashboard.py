"""A pemda's dashboard: its urusan in the chosen quarter, the quarters of the year and the year's result."""

from dataclasses import dataclass, field
from decimal import Decimal

from reporting import calculations
from reporting.models import Period, Quarter, Region, ReportStatus, SkTim, Urusan, User
from reporting.selectors.access import report_readable_list
from reporting.selectors.monitoring.common import SUMMARY_FIELDS, period_list, period_pick, year_list
from reporting.selectors.quality import open_warning_count
from reporting.selectors.reports import STATUS_EMPTY, status_label


@dataclass
class UrusanFigures:
    urusan: Urusan
    report: dict | None = None

    @property
    def status(self) -> str:
        return self.report["status"] if self.report else ""

    @property
    def status_label(self) -> str:
        return status_label(self.status if self.report else STATUS_EMPTY)

    @property
    def serapan(self) -> Decimal | None:
        return calculations.serapan(self.report["pagu_total"], self.report["realisasi_total"]) if self.report else None

    @property
    def fill_rate(self) -> Decimal | None:
        if not self.report:
            return None
        return calculations.fill_rate(self.report["figures_required"], self.report["figures_filled"])

    def value(self, name: str):
        return self.report[name] if self.report else None

    @property
    def quarter_label(self) -> str:
        return Quarter(self.report["period__quarter"]).label if self.report else ""

    @property
    def open_warnings(self) -> int:
        """Plausibility warnings of the report not yet confirmed (read by ``dashboard_get`` only)."""
        return self.report.get("open_warnings", 0) if self.report else 0


@dataclass
class QuarterTrend:
    period: Period
    indeks: Decimal | None
    serapan: Decimal | None
    reported: int


@dataclass
class Dashboard:
    region: Region
    year: int
    years: list[int]
    periods: list[Period]
    period: Period | None
    rows: list[UrusanFigures]
    trend: list[QuarterTrend]
    year_rows: list[UrusanFigures]
    year_indeks: Decimal | None
    year_serapan: Decimal | None
    pagu_total: int = 0
    realisasi_total: int = 0
    sk_tim: SkTim | None = None
    extra: dict = field(default_factory=dict)
    # Reports of the year that came back, with the reviewer's reason: (urusan, period, report values).
    returned: list[tuple[Urusan, Period, dict]] = field(default_factory=list)

    @property
    def open_warnings(self) -> int:
        """Plausibility warnings not yet confirmed in the chosen quarter's reports."""
        return sum(row.open_warnings for row in self.rows)


def dashboard_get(*, user: User, region: Region, year: int, quarter: int | None = None) -> Dashboard:
    """A pemda's year: per urusan figures of the chosen quarter, the trend and the year's result.

    The year's result of an urusan is its latest report of the year (budget figures are
    cumulative over the year, so quarters are not added up). Each report carries the number of
    its open plausibility warnings (``open_warnings``), counted in the same query.
    """
    urusan_list = list(Urusan.objects.all())
    periods = period_list(year=year)
    period = period_pick(periods, quarter)
    reports = (
        report_readable_list(user)
        .filter(region=region, period__year=year)
        .annotate(open_warnings=open_warning_count())
        .values(*SUMMARY_FIELDS, "period__quarter", "return_reason", "open_warnings")
    )
    by_key = {(r["urusan_id"], r["period__quarter"]): r for r in reports}
    rows = [UrusanFigures(u, by_key.get((u.pk, period.quarter)) if period else None) for u in urusan_list]
    trend = []
    for p in periods:
        quarter_reports = [by_key[(u.pk, p.quarter)] for u in urusan_list if (u.pk, p.quarter) in by_key]
        pagu, realisasi, absorbed = calculations.money_totals(
            (r["pagu_total"], r["realisasi_total"]) for r in quarter_reports
        )
        trend.append(
            QuarterTrend(
                p, calculations.mean_percentage(r["indeks"] for r in quarter_reports), absorbed, len(quarter_reports)
            )
        )
    year_rows = []
    for u in urusan_list:
        latest = [by_key[(u.pk, p.quarter)] for p in periods if (u.pk, p.quarter) in by_key]
        year_rows.append(UrusanFigures(u, latest[-1] if latest else None))
    pagu, realisasi, absorbed = calculations.money_totals(
        (r.report["pagu_total"], r.report["realisasi_total"]) for r in year_rows if r.report
    )
    return Dashboard(
        region=region,
        year=year,
        years=year_list(),
        periods=periods,
        period=period,
        rows=rows,
        trend=trend,
        year_rows=year_rows,
        year_indeks=calculations.mean_percentage(r.value("indeks") for r in year_rows),
        year_serapan=absorbed,
        pagu_total=pagu,
        realisasi_total=realisasi,
        sk_tim=SkTim.objects.filter(region=region, year=year).first(),
        returned=[
            (u, p, by_key[(u.pk, p.quarter)])
            for p in periods
            for u in urusan_list
            if by_key.get((u.pk, p.quarter), {}).get("status") == ReportStatus.RETURNED
        ],
    )

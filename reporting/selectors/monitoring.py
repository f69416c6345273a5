"""Reads behind the dashboards, the monitoring pages and the public figures.

Everything here is built on the summary fields the report services keep on every
write (``Report.indeks``, ``figures_filled``, ``pagu_total``...), with aggregate
queries whose number does not grow with the data. What a user sees is scoped only
through :mod:`reporting.selectors.access`.

Rules used throughout:

- a report counts as *reported* once it is sent (submitted, returned or accepted);
  drafts are private to their pemda and count as not reported;
- *on time*: sent no later than the pemda's deadline in that period (its
  ``PeriodExtension`` if any, else the period's ``closes_at``);
- *expected*: the active pemda (``Region.is_active``) times the urusan, so a rate is
  never above 100 %;
- *fill rate* of a group: figures filled in its sent reports over the figures
  required, where a report not sent counts with the catalogue's required figures
  of its level and nothing filled (the seed's "Kota Bogor 17 %, Pendidikan 0 %").
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DateTimeField,
    DecimalField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from reporting import calculations
from reporting.models import (
    SENT_STATUSES,
    MutuItem,
    Period,
    PeriodExtension,
    Quarter,
    Region,
    RegionLevel,
    Report,
    ReportStatus,
    ServiceType,
    SkTim,
    Urusan,
    User,
)
from reporting.selectors.access import is_province_pemda, region_readable_list, report_readable_list
from reporting.selectors.public import public_cached
from reporting.selectors.quality import open_warning_count
from reporting.selectors.reports import STATUS_EMPTY, status_label

PUBLIC_STATUSES = (ReportStatus.ACCEPTED,)
NOT_SENT = "Belum dikirim"
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
_SUM_DECIMAL = DecimalField(max_digits=20, decimal_places=2)
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


def _on_time_count():
    return Count("id", filter=Q(submitted_at__isnull=False, submitted_at__lte=F("deadline")))


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


# --- pemda dashboard -------------------------------------------------------------------


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


# --- province monitoring ---------------------------------------------------------------


@dataclass
class MonitoringCell:
    urusan: Urusan
    report: dict | None

    @property
    def on_time(self) -> bool:
        return bool(
            self.report and self.report["submitted_at"] and self.report["submitted_at"] <= self.report["deadline"]
        )

    @property
    def fill_rate(self) -> Decimal | None:
        if not self.report:
            return None
        return calculations.fill_rate(self.report["figures_required"], self.report["figures_filled"])

    @property
    def status_label(self) -> str:
        return status_label(self.report["status"]) if self.report else NOT_SENT


@dataclass
class MonitoringRow:
    region: dict
    cells: list[MonitoringCell]
    reported: int
    on_time: int
    fill_rate: Decimal
    capaian: Decimal | None


SORT_KEYS = {
    "kode": lambda row: row.region["code"],
    "nama": lambda row: row.region["name"].lower(),
    "dikirim": lambda row: row.reported,
    "tepat": lambda row: row.on_time,
    "isian": lambda row: row.fill_rate,
    "capaian": lambda row: row.capaian if row.capaian is not None else Decimal(-1),
}


def province_monitoring_get(
    *, user: User, province: Region, period: Period, sort: str = "kode", descending: bool = False
) -> list[MonitoringRow]:
    """The province's kab/kota against the urusan in ``period``, as ``user`` may see them."""
    urusan_list = list(Urusan.objects.all())
    regions = list(
        region_readable_list(user)
        .filter(province=province)
        .order_by("code")
        .values("id", "code", "name", "login_code")
    )
    reports = sent_summary_values(
        report_readable_list(user)
        .filter(region__province=province, region__is_active=True, period=period, status__in=SENT_STATUSES)
        .with_window(),
        "deadline",
    )
    by_key = {(r["region_id"], r["urusan_id"]): r for r in reports}
    required = catalogue_required_map(year=period.year)
    rows = []
    for region in regions:
        cells = [MonitoringCell(u, by_key.get((region["id"], u.pk))) for u in urusan_list]
        sent = [c.report for c in cells if c.report]
        needed = sum(
            c.report["figures_required"] if c.report else required.get((c.urusan.pk, RegionLevel.KABKOTA), 0)
            for c in cells
        )
        rows.append(
            MonitoringRow(
                region=region,
                cells=cells,
                reported=len(sent),
                on_time=sum(1 for c in cells if c.on_time),
                fill_rate=calculations.fill_rate(needed, sum(r["figures_filled"] for r in sent)),
                capaian=calculations.mean_percentage(r["indeks"] for r in sent),
            )
        )
    rows.sort(key=SORT_KEYS.get(sort, SORT_KEYS["kode"]), reverse=descending)
    return rows


# --- national monitoring -----------------------------------------------------------------


@dataclass
class RateRow:
    label: str
    key: int
    expected: int = 0
    reported: int = 0
    on_time: int = 0
    filled: int = 0
    required: int = 0
    code: str = ""
    indeks_sum: Decimal = Decimal(0)
    indeks_n: int = 0

    @property
    def reporting_rate(self) -> Decimal | None:
        return calculations.percentage(self.reported, self.expected)

    @property
    def indeks(self) -> Decimal | None:
        """Mean indeks capaian of the group's sent reports (their sent versions)."""
        return calculations.mean_of(self.indeks_sum, self.indeks_n)

    @property
    def on_time_rate(self) -> Decimal | None:
        return calculations.percentage(self.on_time, self.expected)

    @property
    def fill_rate(self) -> Decimal:
        return calculations.fill_rate(self.required, self.filled)

    @property
    def not_reported(self) -> int:
        return self.expected - self.reported


@dataclass
class NationalMonitoring:
    period: Period
    total: RateRow
    by_urusan: list[RateRow]
    by_province: list[RateRow]
    categories: list[str]
    distribution: list[tuple[Urusan, list[int]]]
    trend: list[tuple[Period, RateRow]]


def national_monitoring_get(*, user: User, period: Period) -> NationalMonitoring:
    """Reporting, on-time and fill rates of ``period`` per urusan and per province, as ``user`` may see them.

    In named steps: the rows to fill (``_national_rows``), what is expected of the pemda ``user`` reads
    (``_add_expected``), what they sent (``_add_sent``), the category distribution and the year's trend."""
    urusan_list = list(Urusan.objects.all())
    regions = region_readable_list(user)
    reports = report_readable_list(user).filter(period=period, region__is_active=True, status__in=SENT_STATUSES)
    required = catalogue_required_map(year=period.year)
    total, by_urusan, by_province = _national_rows(regions, urusan_list)
    _add_expected(regions, urusan_list, required, (total, by_urusan, by_province))
    _add_sent(reports, required, (total, by_urusan, by_province))
    categories = [name for name, _ in calculations.DEFAULT_CATEGORIES]
    return NationalMonitoring(
        period=period,
        total=total,
        by_urusan=list(by_urusan.values()),
        by_province=sorted(by_province.values(), key=lambda r: r.code),
        categories=categories,
        distribution=_category_distribution(reports, urusan_list, categories),
        trend=_national_trend(user, period, regions.count() * len(urusan_list)),
    )


def _national_rows(regions, urusan_list) -> tuple[RateRow, dict[int, RateRow], dict[int, RateRow]]:
    """The empty rows: the national total, one per urusan, one per province ``regions`` holds."""
    provinces = regions.filter(level=RegionLevel.PROVINSI).values("id", "code", "name")
    by_province = {p["id"]: RateRow(p["name"], p["id"], code=p["code"]) for p in provinces}
    return RateRow("Nasional", 0), {u.pk: RateRow(u.short_name, u.pk) for u in urusan_list}, by_province


def _add_expected(regions, urusan_list, required: dict, rows) -> None:
    """Every active pemda owes a report per urusan with the figures of its level's catalogue (one query:
    pemda counted per province and level)."""
    total, by_urusan, by_province = rows
    expected = (
        regions.annotate(group=Coalesce("province_id", "id"))
        .values("group", "level")
        .annotate(n=Count("id"))
        .order_by()
    )
    for group, level, n in ((row["group"], row["level"], row["n"]) for row in expected):
        for u in urusan_list:
            for row in (total, by_urusan[u.pk], by_province.get(group)):
                if row is not None:
                    row.expected += n
                    row.required += n * required.get((u.pk, level), 0)


def _add_sent(reports, required: dict, rows) -> None:
    """The sent reports per province, urusan and level (one query): reported, on time (against the pemda's
    deadline) and filled; a sent report counts with its own required figures instead of the catalogue's."""
    total, by_urusan, by_province = rows
    buckets = (
        reports.with_window()
        .annotate(group=Coalesce("region__province_id", "region_id"))
        .values("group", "urusan_id", "region__level")
        .annotate(
            reported=Count("id"),
            on_time=_on_time_count(),
            filled=Sum(sent_value("figures_filled")),
            required=Sum(sent_value("figures_required")),
            indeks_sum=Sum(sent_value("indeks"), output_field=_SUM_DECIMAL),
            indeks_n=Count(sent_value("indeks")),
        )
        .order_by()
    )
    for b in buckets:
        catalogue = required.get((b["urusan_id"], b["region__level"]), 0)
        for row in (total, by_urusan.get(b["urusan_id"]), by_province.get(b["group"])):
            if row is None:
                continue
            row.reported += b["reported"]
            row.on_time += b["on_time"]
            row.filled += b["filled"] or 0
            row.indeks_sum += b["indeks_sum"] or 0
            row.indeks_n += b["indeks_n"]
            row.required += (b["required"] or 0) - b["reported"] * catalogue


def _category_distribution(reports, urusan_list, categories: list[str]) -> list[tuple]:
    """Per urusan, how many sent reports fall in each category (as sent), in ``categories`` order (one query)."""
    counts = {
        (r["urusan_id"], r["sent_category"]): r["n"]
        for r in reports.annotate(sent_category=sent_value("category"))
        .values("urusan_id", "sent_category")
        .annotate(n=Count("id"))
        .order_by()
    }
    return [(u, [counts.get((u.pk, c), 0) for c in categories]) for u in urusan_list]


def _national_trend(user: User, period: Period, expected: int) -> list[tuple[Period, RateRow]]:
    """Reported and on-time counts per quarter of the year: they follow only statuses, submission dates and
    deadlines, so the ministry's (one scope for every ministry user) are kept for the public generation."""
    if user.is_ministry:
        return public_cached(f"trend:{period.year}:{expected}", lambda: _trend_rows(user, period, expected))
    return _trend_rows(user, period, expected)


def _trend_rows(user: User, period: Period, expected: int) -> list[tuple[Period, RateRow]]:
    periods = period_list(year=period.year)
    counts = {
        row["period_id"]: row
        for row in report_readable_list(user)
        .filter(period__year=period.year, region__is_active=True, status__in=SENT_STATUSES)
        .with_window()
        .values("period_id")
        .annotate(reported=Count("id"), on_time=_on_time_count())
        .order_by()
    }
    trend = []
    for p in periods:
        row = counts.get(p.pk, {})
        trend.append(
            (
                p,
                RateRow(
                    str(p), p.pk, expected=expected, reported=row.get("reported", 0), on_time=row.get("on_time", 0)
                ),
            )
        )
    return trend


NOT_REPORTED_NOTHING, NOT_REPORTED_PART = "kosong", "sebagian"


def not_reported_list(
    *, user: User, period: Period, province_id: int | None = None, urusan_id: int | None = None, state: str = ""
) -> QuerySet[Region]:
    """Active pemda that have not sent every urusan in ``period``, with their deadline and sent count; narrowed
    to a province (with its kab/kota), to those missing one urusan, or to those that sent nothing
    (``NOT_REPORTED_NOTHING``) or part (``NOT_REPORTED_PART``)."""
    urusan_count = Urusan.objects.count()
    sent_reports = Report.objects.filter(period=period, status__in=SENT_STATUSES)
    sent = sent_reports.filter(region_id=OuterRef("pk"))
    sent_count = Subquery(sent.order_by().values("region_id").annotate(n=Count("id")).values("n")[:1])
    regions = region_readable_list(user).annotate(
        sent=Coalesce(sent_count, 0),
        deadline=deadline_expression(region_ref="pk", period=period),
    )
    regions = regions.filter(sent__lt=urusan_count)
    if province_id is not None:
        regions = regions.filter(Q(pk=province_id) | Q(province_id=province_id))
    if urusan_id is not None:
        regions = regions.exclude(pk__in=sent_reports.filter(urusan_id=urusan_id).values("region_id"))
    if state == NOT_REPORTED_NOTHING:
        regions = regions.filter(sent=0)
    elif state == NOT_REPORTED_PART:
        regions = regions.filter(sent__gt=0)
    return regions.order_by("code")


def sent_urusan_map(*, region_ids: list[int], period: Period) -> dict[int, set[int]]:
    """Urusan ids each region has sent in ``period``."""
    sent: dict[int, set[int]] = defaultdict(set)
    rows = Report.objects.filter(region_id__in=region_ids, period=period, status__in=SENT_STATUSES).values_list(
        "region_id", "urusan_id"
    )
    for region_id, urusan_id in rows:
        sent[region_id].add(urusan_id)
    return sent


# --- public figures ----------------------------------------------------------------------


@dataclass
class PublicFigure:
    province_code: str
    province: str
    urusan: str
    accepted: int
    capaian_penerima: Decimal | None
    capaian_mutu: Decimal | None
    indeks: Decimal | None
    pagu: int
    realisasi: int

    @property
    def serapan(self) -> Decimal | None:
        return calculations.serapan(self.pagu, self.realisasi)

    def as_dict(self) -> dict:
        def text(value):
            return None if value is None else str(value)

        return {
            "kode_provinsi": self.province_code,
            "provinsi": self.province,
            "urusan": self.urusan,
            "laporan_diterima": self.accepted,
            "capaian_penerima": text(self.capaian_penerima),
            "capaian_mutu": text(self.capaian_mutu),
            "indeks": text(self.indeks),
            "pagu": self.pagu,
            "realisasi": self.realisasi,
            "serapan": text(self.serapan),
        }


def public_figure_list(*, period: Period) -> list[PublicFigure]:
    """Mean figures of the accepted reports of ``period`` per province (with its kab/kota) and urusan."""
    provinces = {r["id"]: r for r in Region.objects.filter(level=RegionLevel.PROVINSI).values("id", "code", "name")}
    urusan_list = list(Urusan.objects.all())
    urusan = {u.pk: u.short_name for u in urusan_list}
    rows = (
        Report.objects.filter(period=period, status__in=PUBLIC_STATUSES, region__is_active=True)
        .annotate(group=Coalesce("region__province_id", "region_id"))
        .values("group", "urusan_id")
        .annotate(
            n=Count("id"),
            penerima=Sum(sent_value("capaian_penerima"), output_field=_SUM_DECIMAL),
            penerima_n=Count(sent_value("capaian_penerima")),
            mutu=Sum(sent_value("capaian_mutu"), output_field=_SUM_DECIMAL),
            mutu_n=Count(sent_value("capaian_mutu")),
            indeks_sum=Sum(sent_value("indeks"), output_field=_SUM_DECIMAL),
            indeks_n=Count(sent_value("indeks")),
            pagu=Sum(sent_value("pagu_total")),
            realisasi=Sum(sent_value("realisasi_total")),
        )
        .order_by()
    )
    figures = [
        PublicFigure(
            province_code=provinces[r["group"]]["code"],
            province=provinces[r["group"]]["name"],
            urusan=urusan[r["urusan_id"]],
            accepted=r["n"],
            capaian_penerima=calculations.mean_of(r["penerima"], r["penerima_n"]),
            capaian_mutu=calculations.mean_of(r["mutu"], r["mutu_n"]),
            indeks=calculations.mean_of(r["indeks_sum"], r["indeks_n"]),
            pagu=r["pagu"] or 0,
            realisasi=r["realisasi"] or 0,
        )
        for r in rows
    ]
    order = {u.short_name: position for position, u in enumerate(urusan_list)}
    return sorted(figures, key=lambda f: (f.province_code, order.get(f.urusan, 0)))


# --- trend over the years ------------------------------------------------------------------

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

    if _reads_whole_scope(user, province):
        scope = province.pk if province is not None else "all"
        return public_cached(f"year-trend:{'-'.join(map(str, years))}:{scope}:{per_quarter}", compute)
    return compute()


def _reads_whole_scope(user: User, province: Region | None) -> bool:
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


def region_year_trend_get(*, user: User, region: Region, years: list[int]) -> list[YearTrend]:
    """A pemda's years as its dashboard's "persentase realisasi" figure: the mean indeks of each urusan's latest
    report of the year and the serapan of those reports (budget figures are cumulative over a year). One query."""
    rows = (
        report_readable_list(user)
        .filter(region=region, period__year__in=years)
        .order_by("period__year", "period__quarter")
        .values("urusan_id", "period__year", "indeks", "pagu_total", "realisasi_total")
    )
    latest: dict[int, dict[int, dict]] = defaultdict(dict)
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

"""The ministry's national monitoring: rates per urusan and province, the quarter trend and the pemda that
have not reported."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from reporting import calculations
from reporting.models import SENT_STATUSES, Period, Region, RegionLevel, Report, Urusan, User
from reporting.selectors.access import region_readable_list, report_readable_list
from reporting.selectors.monitoring.common import SUM_DECIMAL as _SUM_DECIMAL
from reporting.selectors.monitoring.common import catalogue_required_map, deadline_expression, period_list, sent_value
from reporting.selectors.monitoring.trends import reads_whole_scope
from reporting.selectors.public import public_cached


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


def _on_time_count():
    return Count("id", filter=Q(submitted_at__isnull=False, submitted_at__lte=F("deadline")))


def national_monitoring_get(*, user: User, period: Period) -> NationalMonitoring:
    """Reporting, on-time and fill rates of ``period`` per urusan and per province, as ``user`` may see them.

    Every figure comes from sent reports (their status, sent version and dates), the active pemda, the
    catalogue and the deadlines: what the public generation follows (``selectors.public``). So the ministry's
    (one scope for every ministry user) are kept for it: no query once computed, and the first view after a
    status, region, catalogue, period or extension change computes them again.

    In named steps: the rows to fill (``_national_rows``), what is expected of the pemda ``user`` reads
    (``_add_expected``), what they sent (``_add_sent``), the category distribution and the year's trend."""
    if reads_whole_scope(user, None):
        return public_cached(f"national:{period.pk}", lambda: _national_monitoring(user, period))
    return _national_monitoring(user, period)


def _national_monitoring(user: User, period: Period) -> NationalMonitoring:
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


@dataclass
class NotReportedPage:
    """One page of ``not_reported_list`` and, per region on it, the urusan ids it has sent."""

    page: Page
    sent: dict[int, set[int]]


def not_reported_page_get(
    *,
    user: User,
    period: Period,
    number: int,
    per_page: int,
    province_id: int | None = None,
    urusan_id: int | None = None,
    state: str = "",
) -> NotReportedPage:
    """Page ``number`` (the nearest page that exists) of ``not_reported_list`` with the urusan each of its
    pemda has sent. Only sent reports and active pemda decide it: the ministry's are kept for the public
    generation (page count and rows: no query once computed), as its national figures."""

    def compute():
        regions = not_reported_list(
            user=user, period=period, province_id=province_id, urusan_id=urusan_id, state=state
        )
        page = Paginator(regions, per_page).get_page(number)
        rows = list(page.object_list)
        sent = sent_urusan_map(region_ids=[r.pk for r in rows], period=period)
        return page.paginator.count, page.number, rows, dict(sent)

    if reads_whole_scope(user, None):
        name = f"not-reported:{period.pk}:{province_id}:{urusan_id}:{state}:{per_page}:{number}"
        count, number, rows, sent = public_cached(name, compute)
    else:
        count, number, rows, sent = compute()
    # The page rebuilt from what was kept: a paginator over the count alone gives the pager its figures.
    return NotReportedPage(page=Page(rows, number, Paginator(range(count), per_page)), sent=sent)


def sent_urusan_map(*, region_ids: list[int], period: Period) -> dict[int, set[int]]:
    """Urusan ids each region has sent in ``period``."""
    sent: dict[int, set[int]] = defaultdict(set)
    rows = Report.objects.filter(region_id__in=region_ids, period=period, status__in=SENT_STATUSES).values_list(
        "region_id", "urusan_id"
    )
    for region_id, urusan_id in rows:
        sent[region_id].add(urusan_id)
    return sent

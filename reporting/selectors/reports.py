"""Reads about quarterly reports: windows, locks, status tables and the rows of each tab.

Every list here runs a fixed number of queries whatever the number of rows
(``select_related`` / ``prefetch_related``); scoping by user goes through
``reporting.selectors.access`` only.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict, cast

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from core.generations import generation_cached, generation_replace
from reporting import calculations
from reporting.messages import (
    NOT_ALLOWED,
    QUARTER_CLOSED,
    QUARTER_NOT_OPEN,
    READ_ONLY_ACCEPTED,
    READ_ONLY_SUBMITTED,
    WINDOW_CLOSED,
    WINDOW_NOT_OPEN,
)
from reporting.models import (
    Activity,
    CategoryThreshold,
    MutuEntry,
    Period,
    PeriodExtension,
    Problem,
    ProblemCategory,
    Region,
    RegionLevel,
    Report,
    ReportEvent,
    ReportStatus,
    ServiceEntry,
    SupportingFile,
    Urusan,
)
from reporting.selectors import access
from reporting.selectors.sent import sent_view_for, sent_view_of

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise, WithAnnotations

# What the pemda sees for a report that does not exist yet or was never saved.
STATUS_EMPTY = "empty"
STATUS_EMPTY_LABEL = "Belum diisi"


def status_label(status: str) -> str:
    """The label of a report status: the model's (``ReportStatus``), "Belum diisi" for ``STATUS_EMPTY``."""
    return STATUS_EMPTY_LABEL if status == STATUS_EMPTY else str(ReportStatus(status).label)


@dataclass(frozen=True)
class Window:
    """The input window of one pemda in one period (extension included)."""

    opens_at: datetime.datetime
    closes_at: datetime.datetime
    extended: bool = False
    reason: str = ""

    def is_open(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now <= self.closes_at

    def has_closed(self, now: datetime.datetime | None = None) -> bool:
        return (now or timezone.now()) > self.closes_at


def period_window_for(region: Region, period: Period) -> Window:
    """The window of ``region`` in ``period``: the period's, or later when the ministry extended it."""
    extension = PeriodExtension.objects.filter(period=period, region=region).only("closes_at", "reason").first()
    return _window_with(period, extension)


def report_lock_reason(*, report: Report, user=None, now: datetime.datetime | None = None) -> str | None:
    """Why the content of ``report`` cannot be changed now (by ``user`` when given); ``None`` if it can.

    Status first (submitted / accepted are read-only), then the window: open between
    opens_at and closes_at (extension included), or until the ministry's reopen date.
    """
    if user is not None and not access.can_edit_report(user, report):
        return NOT_ALLOWED
    if report.status == ReportStatus.SUBMITTED:
        return READ_ONLY_SUBMITTED
    if report.status == ReportStatus.ACCEPTED:
        return READ_ONLY_ACCEPTED
    now = now or timezone.now()
    if report.reopened_until is not None and now <= report.reopened_until:
        return None
    window = report_window(report)
    if now < window.opens_at:
        return WINDOW_NOT_OPEN
    if window.has_closed(now):
        return WINDOW_CLOSED
    return None


def report_display_status(report: Report | None) -> str:
    """ "empty" for a missing or never-saved draft, else the report's status value."""
    if report is None or (report.status == ReportStatus.DRAFT and report.version <= 1):
        return STATUS_EMPTY
    return report.status


# --- Status table (Daftar bidang SPM) ----------------------------------------------


@dataclass
class StatusCell:
    period: Period
    report: Report | None
    status: str
    window: Window | None = None

    @property
    def label(self) -> str:
        return status_label(self.status)

    @property
    def is_open(self) -> bool:
        """Whether the quarter can be filled now (a reopened report aside: it has its own date)."""
        return self.window is not None and self.window.is_open()

    @property
    def fillable(self) -> bool:
        """Whether the pemda may type into this quarter's report now (before the role checks)."""
        if self.report is None:
            return self.is_open
        if self.report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
            return False
        reopened = self.report.reopened_until
        return self.is_open or (reopened is not None and timezone.now() <= reopened)

    @property
    def closed_reason(self) -> str:
        """Why the quarter cannot be filled now ("" while it can): shown in Daftar bidang."""
        if self.window is None or self.window.is_open():
            return ""
        if self.window.has_closed():
            return QUARTER_CLOSED.format(closes_at=_local(self.window.closes_at))
        return QUARTER_NOT_OPEN.format(opens_at=_local(self.window.opens_at))


def _local(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%d-%m-%Y %H:%M")


@dataclass
class StatusRow:
    urusan: Urusan
    cells: list[StatusCell] = field(default_factory=list)


def report_year_list() -> list[int]:
    """Years that have periods, newest first."""
    return list(Period.objects.order_by("-year").values_list("year", flat=True).distinct())


class PeriodWindow(TypedDict):
    """What ``report_status_table`` puts on each of its periods: the column's Batas input."""

    window: Window


def report_status_table(
    *, user, region: Region, year: int
) -> "tuple[list[WithAnnotations[Period, PeriodWindow]], list[StatusRow]]":
    """Each urusan against the year's quarters with the status of ``region``'s report.

    Only the urusan ``user`` works on (``access.urusan_readable_list``); reports ``user`` may not read
    (another pemda's drafts) show as "Belum diisi" without a link. Each cell knows its quarter's window (the pemda's extension
    included) and why a closed one cannot be filled. Four queries whatever the size.
    """
    periods = cast(
        "list[WithAnnotations[Period, PeriodWindow]]", list(Period.objects.filter(year=year).order_by("quarter"))
    )  # each gets its window below
    extensions = {e.period_id: e for e in PeriodExtension.objects.filter(region=region, period__year=year)}
    windows = {p.pk: _window_with(p, extensions.get(p.pk)) for p in periods}
    for period in periods:
        period.window = windows[period.pk]  # the column's Batas input (this pemda's extension included)
    urusan_list = list(access.urusan_readable_list(user))
    reports = (
        access.report_readable_list(user)
        .filter(region=region, period__year=year)
        .only(
            "id",
            "urusan_id",
            "period_id",
            "status",
            "version",
            "capaian_penerima",
            "figures_required",
            "figures_filled",
            "return_reason",
            "reopened_until",
            "sent_snapshot__capaian_penerima",
            "sent_snapshot__figures_required",
            "sent_snapshot__figures_filled",
        )
        .select_related("sent_snapshot")
    )
    by_key = {}
    for report in reports:
        report.region = region  # every report of the table is the region's (and no query to fetch it)
        if access.reads_sent_version(user, report):
            # the province reads how far the sent version was filled, not the corrections (selectors.sent)
            for name in ("capaian_penerima", "figures_required", "figures_filled"):
                setattr(report, name, getattr(report.sent_snapshot, name))
        by_key[(report.urusan_id, report.period_id)] = report
    rows = []
    for urusan in urusan_list:
        row = StatusRow(urusan=urusan)
        for period in periods:
            cell_report = by_key.get((urusan.pk, period.pk))
            status = report_display_status(cell_report)
            row.cells.append(StatusCell(period=period, report=cell_report, status=status, window=windows[period.pk]))
        rows.append(row)
    return periods, rows


def _window_with(period: Period, extension: PeriodExtension | None) -> Window:
    if extension is not None and extension.closes_at > period.closes_at:
        return Window(period.opens_at, extension.closes_at, extended=True, reason=extension.reason)
    return Window(period.opens_at, period.closes_at)


def open_period_of(rows: list[StatusRow]) -> Period | None:
    """The quarter that can be filled now (the first open one), for the phone's priority layout."""
    for cell in rows[0].cells if rows else []:
        if cell.is_open:
            return cell.period
    return None


def province_kabkota_list(*, user, province: Region) -> QuerySet[Region]:
    """The kab/kota of ``province`` that ``user`` may read (LIHAT CAPAIAN KABUPATEN/KOTA)."""
    return access.region_readable_list(user).filter(level=RegionLevel.KABKOTA, province=province).order_by("name")


def report_get(*, user, pk: int) -> Report | None:
    """One report ``user`` may read, with what every tab's header needs; ``None`` otherwise.

    The pemda's extension of the period comes in the same query (one LEFT JOIN: at most one
    extension per period and region), so ``report_window`` needs no query of its own. A reader other than
    the pemda of a returned report gets its last sent version (``selectors.sent``): every tab, file list,
    printout and API answer built from it shows what was sent, not the corrections in progress.
    """
    report = (
        access.report_readable_list(user)
        .select_related("region", "urusan", "period")
        .with_window()
        .filter(pk=pk)
        .first()
    )
    if report is not None:
        sent_view_for(user, report)
    return report


def report_window(report: Report) -> Window:
    """The window of ``report``'s pemda in its period; free when the report came from ``report_get``
    (``Report.objects.with_window()``)."""
    if not (hasattr(report, "extension_closes_at") and hasattr(report, "extension_reason")):  # both or neither
        return period_window_for(report.region, report.period)
    period = report.period
    if report.extension_closes_at is not None and report.extension_closes_at > period.closes_at:
        return Window(period.opens_at, report.extension_closes_at, extended=True, reason=report.extension_reason)
    return Window(period.opens_at, period.closes_at)


def report_find(*, region: Region, urusan: Urusan, period: Period) -> Report | None:
    return Report.objects.filter(region=region, urusan=urusan, period=period).first()


# --- Tab rows ----------------------------------------------------------------------


@dataclass
class MutuRow:
    entry: MutuEntry
    belum: int | None
    percent: Decimal | None


@dataclass
class CapaianRow:
    entry: ServiceEntry
    belum: int | None
    penerima: Decimal | None
    mutu: Decimal | None
    indeks: Decimal | None
    category: str
    mutu_rows: list[MutuRow]


def report_capaian_rows(*, report: Report, thresholds=None) -> list[CapaianRow]:
    """Tab A: every service with its mutu items and computed figures (two queries)."""
    thresholds = thresholds if thresholds is not None else category_thresholds()
    if (sent := sent_view_of(report)) is not None:
        return capaian_rows_build(sent.entries, thresholds)
    entries = report.entries.order_by("order", "id").prefetch_related(
        Prefetch("mutu_entries", queryset=MutuEntry.objects.order_by("order", "id"))
    )
    return capaian_rows_build(entries, thresholds)


def capaian_rows_build(entries, thresholds) -> list[CapaianRow]:
    """The tab A rows of service entries whose ``mutu_entries`` are prefetched (no query of its own)."""
    rows = []
    for entry in entries:
        mutu_entries = list(entry.mutu_entries.all())
        penerima = calculations.capaian_penerima(entry.harus_dilayani, entry.terlayani)
        mutu = calculations.capaian_mutu((m.harus_dipenuhi, m.terpenuhi) for m in mutu_entries)
        indeks = calculations.indeks_capaian(penerima, mutu)
        rows.append(
            CapaianRow(
                entry=entry,
                belum=calculations.belum_terlayani(entry.harus_dilayani, entry.terlayani),
                penerima=penerima,
                mutu=mutu,
                indeks=indeks,
                category=calculations.category_for(indeks, thresholds),
                mutu_rows=[
                    MutuRow(
                        m,
                        calculations.belum_terlayani(m.harus_dipenuhi, m.terpenuhi),
                        calculations.percentage(m.terpenuhi, m.harus_dipenuhi),
                    )
                    for m in mutu_entries
                ],
            )
        )
    return rows


THRESHOLDS_GENERATION_KEY = "spm:thresholds-generation"
THRESHOLDS_TTL = 3600


def category_thresholds() -> list[tuple[str, Decimal]]:
    """The live category thresholds (data), or the defaults when none are stored.

    Read on every tab A page and every save, changed a few times a year: kept in the cache (shared by the
    workers) under the thresholds' generation (``core.generations``, as the public figures), which every
    save or delete of a threshold replaces (``signals``).
    """
    return generation_cached(THRESHOLDS_GENERATION_KEY, "rows", _thresholds_read, THRESHOLDS_TTL)


def _thresholds_read() -> list[tuple[str, Decimal]]:
    rows = [(c.name, c.min_index) for c in CategoryThreshold.objects.all()]
    return rows or list(calculations.DEFAULT_CATEGORIES)


def category_thresholds_forget() -> None:
    """A threshold changed: the cached thresholds are not used again (now, and by no worker after commit)."""
    generation_replace(THRESHOLDS_GENERATION_KEY)


@dataclass
class ActivityRow:
    activity: Activity
    serapan: Decimal | None


@dataclass
class KegiatanGroup:
    entry: ServiceEntry
    activities: list[ActivityRow]
    pagu: int
    realisasi: int
    serapan: Decimal | None


def report_kegiatan_groups(*, report: Report) -> tuple[list[KegiatanGroup], tuple[int, int, Decimal | None]]:
    """Tab B: per service its activities, JUMLAH, and the JUMLAH KESELURUHAN (two queries)."""
    if (sent := sent_view_of(report)) is not None:
        return kegiatan_groups_build(sent.entries)
    entries = report.entries.order_by("order", "id").prefetch_related(
        Prefetch("activities", queryset=Activity.objects.order_by("id"))
    )
    return kegiatan_groups_build(entries)


def kegiatan_groups_build(entries) -> tuple[list[KegiatanGroup], tuple[int, int, Decimal | None]]:
    """Tab B's groups and grand total of service entries whose ``activities`` are prefetched (no query)."""
    groups = []
    for entry in entries:
        activities = list(entry.activities.all())
        pagu, realisasi, total = calculations.money_totals((a.pagu, a.realisasi) for a in activities)
        groups.append(
            KegiatanGroup(
                entry=entry,
                activities=[ActivityRow(a, calculations.serapan(a.pagu, a.realisasi)) for a in activities],
                pagu=pagu,
                realisasi=realisasi,
                serapan=total,
            )
        )
    grand = calculations.money_totals((g.pagu, g.realisasi) for g in groups)
    return groups, grand


@dataclass
class ProblemGroup:
    value: str
    label: "StrOrPromise"  # ProblemCategory's label, translated when shown
    problems: list[Problem]
    files: list[SupportingFile]


def report_problem_groups(*, report: Report) -> tuple[list[ProblemGroup], list[SupportingFile]]:
    """Tab C: the five categories with their notes and files, plus files without a category (two queries)."""
    sent = sent_view_of(report)
    if sent is not None:
        problems = sorted(sent.problems, key=lambda p: p.pk or 0)
    else:
        problems = list(Problem.objects.filter(report=report).order_by("id"))
    files = list(SupportingFile.objects.filter(report=report).order_by("uploaded_at", "id"))
    if sent is not None:
        files = [f for f in files if sent.file_shown(f)]
    groups = [
        ProblemGroup(
            value=value,
            label=label,
            problems=[p for p in problems if p.category == value],
            files=[f for f in files if f.category == value],
        )
        for value, label in ProblemCategory.choices
    ]
    return groups, [f for f in files if not f.category]


# The tabs show the latest changes only; "?riwayat=semua" shows them all (years of history can be long).
HISTORY_LIMIT = 20


def report_history_list(*, report: Report, limit: int | None = HISTORY_LIMIT) -> list[ReportEvent]:
    """The latest changes and transitions of a report, newest first, with who made them (all when no limit)."""
    events = (
        report.events.select_related("user")
        .only(
            "report_id",
            "created_at",
            "kind",
            "field",
            "old_value",
            "new_value",
            "message",
            "user__username",
            "user__first_name",
        )
        .order_by("-created_at", "-id")
    )
    if (sent := sent_view_of(report)) is not None:  # the corrections since Kirim are not history yet
        events = events.filter(Q(created_at__lte=sent.sent_at) | Q(kind=ReportEvent.Kind.TRANSITION))
    return list(events if limit is None else events[:limit])


def supporting_file_get(*, user, report_pk: int, pk: int) -> SupportingFile | None:
    """A data dukung file, only when ``user`` may read its report."""
    readable = access.report_readable_list(user).filter(pk=report_pk)
    record = SupportingFile.objects.filter(pk=pk, report__in=readable).select_related("report__region").first()
    if record is None or not access.reads_sent_version(user, record.report):
        return record
    sent = sent_view_for(user, record.report)  # a file added since Kirim is not the province's to read yet
    return record if sent is None or sent.file_shown(record) else None

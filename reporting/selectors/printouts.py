"""Reads behind the printed reports (Cetak PDF): a quarterly report and a pemda's laporan penerapan SPM tahunan.

The figures are the report pages' own: the rows come from ``reporting.selectors.reports`` builders and the
summary columns the report services keep, so a printout never computes anything the pages do not show.
Scoping only through :mod:`reporting.selectors.access`: whoever may open a report page may print it, a
region's annual report holds only the reports the user may read (never another pemda's drafts). A fixed
number of queries whatever the number of services, kegiatan or notes.
"""

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict, cast

from django.db.models import Prefetch
from django.utils import timezone

from reporting import calculations
from reporting.models import (
    SENT_STATUSES,
    Activity,
    MutuEntry,
    Period,
    Problem,
    ProblemCategory,
    Region,
    Report,
    ReportSnapshot,
    ReportWarning,
    ServiceEntry,
    Urusan,
    User,
    WarningStatus,
)
from reporting.selectors import access
from reporting.selectors import reports as report_selectors
from reporting.selectors.documents import RegionDocuments, region_documents_get
from reporting.selectors.sent import sent_view_of


class ConfirmedWarnings(TypedDict):
    """What ``sent_reports`` prefetches onto each report (``Prefetch(..., to_attr=...)``, set at run time)."""

    confirmed_warnings: list[ReportWarning]


if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    SentReport = WithAnnotations[Report, ConfirmedWarnings]


@dataclass
class Signature:
    """The block under a printed report: "<place>, 3 Desember 2026", the title and the official's name."""

    place: str
    date_text: str
    title: str
    name: str
    nip: str

    @property
    def complete(self) -> bool:
        return bool(self.name and self.title)


def signature_for(region: Region, on: datetime.date | None = None) -> Signature:
    """What ``region`` named on its account page, dated ``on`` (today in the portal's time zone)."""
    on = on or timezone.localdate()
    return Signature(
        place=region.signing_place,
        date_text=calculations.format_date_long(on),
        title=region.signatory_title,
        name=region.signatory_name,
        nip=region.signatory_nip,
    )


# --- quarterly report -------------------------------------------------------------------------


@dataclass
class QuarterlyPrintout:
    report: Report
    rows: list[report_selectors.CapaianRow]
    groups: list[report_selectors.KegiatanGroup]
    grand: tuple
    problems: list[report_selectors.ProblemGroup]
    signature: Signature
    status_label: str
    # Which content is printed: "v<version>" (the live report, for its pemda) or "kirim-<n>" (a sent version).
    variant: str = ""
    sent_at: datetime.datetime | None = None  # set when the last sent version is printed (selectors.sent)


def quarterly_printout_get(*, user: User, pk: int) -> QuarterlyPrintout | None:
    """Report ``pk`` as its three tabs show it, when ``user`` may open it; ``None`` otherwise."""
    report = report_selectors.report_get(user=user, pk=pk)
    if report is None:
        return None
    groups, grand = report_selectors.report_kegiatan_groups(report=report)
    problems, _files = report_selectors.report_problem_groups(report=report)
    sent = sent_view_of(report)  # applied by report_get for readers other than the pemda
    return QuarterlyPrintout(
        report=report,
        rows=report_selectors.report_capaian_rows(report=report),
        groups=groups,
        grand=grand,
        problems=problems,
        signature=signature_for(report.region),
        status_label=report_selectors.status_label(report_selectors.report_display_status(report)),
        variant=f"kirim-{sent.snapshot.pk}" if sent is not None else f"v{report.version}",
        sent_at=sent.sent_at if sent is not None else None,
    )


# --- laporan penerapan SPM tahunan ---------------------------------------------------------------
#
# The annual report goes to the Minister: it holds only what the pemda sent (Kirim), each urusan's figures
# as its last sent version has them (``Report.sent_snapshot``: a returned report being corrected keeps the
# version that was sent), and says which quarter every figure comes from. A draft is never printed.


class SentRows(list):
    """Rows of a sent version that answer ``.all()`` like a prefetched relation, so the report pages' row
    builders (``capaian_rows_build``, ``kegiatan_groups_build``) read a sent version as they read a report."""

    def all(self):
        return self


@dataclass
class SentMutu:
    name: str
    harus_dipenuhi: int | None
    terpenuhi: int | None


@dataclass
class SentActivity:
    name: str
    pagu: int
    realisasi: int
    justification: str = ""


@dataclass
class SentEntry:
    """One jenis pelayanan of a sent version, with the attributes of a ``ServiceEntry`` the builders read."""

    service_code: str
    service_name: str
    harus_dilayani: int | None
    terlayani: int | None
    mutu_entries: SentRows
    activities: SentRows
    indikator: str = ""


def sent_entries(data: dict) -> list[SentEntry]:
    """The services of a sent version's ``data`` (``ReportSnapshot.data``) as entries; no query."""
    return [
        SentEntry(
            service_code=service.get("code", ""),
            service_name=service.get("name", ""),
            harus_dilayani=service.get("harus_dilayani"),
            terlayani=service.get("terlayani"),
            mutu_entries=SentRows(
                SentMutu(m.get("name", ""), m.get("harus_dipenuhi"), m.get("terpenuhi"))
                for m in service.get("mutu", [])
            ),
            activities=SentRows(
                SentActivity(
                    k.get("name", ""), k.get("pagu") or 0, k.get("realisasi") or 0, k.get("justification", "")
                )
                for k in service.get("kegiatan", [])
            ),
        )
        for service in data.get("services", [])
    ]


@dataclass
class QuarterSummary:
    """One quarter of one urusan: what its pemda last sent (summary columns of the sent version), or nothing."""

    period: Period
    report: "SentReport | None" = None
    # The sent version's summary (a ``ReportSnapshot``, or the report itself when sent before versions were kept).
    sent: Report | ReportSnapshot | None = None
    entries: list = field(default_factory=list)
    problems: list = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return report_selectors.status_label(self.report.status) if self.report else SUMMARY_NOT_SENT

    @property
    def sent_at(self):
        return getattr(self.sent, "sent_at", None) or (self.report.submitted_at if self.report else None)

    @property
    def indeks(self):
        return self.sent.indeks if self.sent else None

    @property
    def serapan(self):
        return calculations.serapan(self.sent.pagu_total, self.sent.realisasi_total) if self.sent else None


SUMMARY_NOT_SENT = "Belum dikirim"


@dataclass
class ServiceYear:
    """One jenis pelayanan through the year: its tab A row in each sent quarter (``None`` where not sent)."""

    code: str
    name: str
    indikator: str
    quarters: list[report_selectors.CapaianRow | None]


@dataclass
class ProblemLine:
    period: Period
    category: str
    text: str
    solution: str = ""


@dataclass
class QualityNoteLine:
    """A data-quality warning of one quarter that the pemda's officer confirmed, with the officer's note."""

    period: Period
    reason: str
    note: str


@dataclass
class UrusanYear:
    urusan: Urusan
    quarters: list[QuarterSummary]
    services: list[ServiceYear]
    # Kegiatan dan anggaran of the latest quarter sent: realisasi is cumulative over the year.
    kegiatan_period: Period | None = None
    groups: list[report_selectors.KegiatanGroup] = field(default_factory=list)
    grand: tuple = (0, 0, None)
    problems: list[ProblemLine] = field(default_factory=list)
    quality_notes: list[QualityNoteLine] = field(default_factory=list)

    @property
    def latest(self) -> QuarterSummary | None:
        """The latest quarter the pemda sent."""
        sent = [q for q in self.quarters if q.sent is not None]
        return sent[-1] if sent else None


@dataclass
class AnnualPrintout:
    region: Region
    year: int
    periods: list[Period]
    urusan: list[UrusanYear]
    documents: RegionDocuments
    signature: Signature
    year_indeks: object = None
    pagu_total: int = 0
    realisasi_total: int = 0
    year_serapan: object = None
    # The urusan with at least one sent quarter (each gets its section), and those with nothing sent in the
    # year (named in one sentence instead of an empty page each).
    sent_urusan: list[UrusanYear] = field(default_factory=list)
    unsent_urusan: list[UrusanYear] = field(default_factory=list)


def annual_region_get(*, user: User, code: str | None) -> Region | None:
    """The region whose annual report ``user`` asks for: ``code`` among the readable ones, else its own."""
    if code:
        return access.region_readable_list(user).filter(code=code).first()
    return access.own_region(user)


def annual_region_for_job(*, user: User | None, region_id) -> Region | None:
    """The region of an annual-report job, when the user who asked may still read it."""
    if user is None or not isinstance(region_id, int):
        return None
    return access.region_readable_list(user).filter(pk=region_id).first()


def annual_printout_get(*, user: User, region: Region, year: int) -> AnnualPrintout:
    """``region``'s year as it was sent: per urusan the four quarters' capaian, indeks and category, each service
    by quarter, the kegiatan of the latest quarter sent, every permasalahan with its solusi, the data-quality
    warnings confirmed with a note; the tahapan and rencana aksi of the year. A fixed number of queries."""
    periods = list(Period.objects.filter(year=year).order_by("quarter"))
    urusan_list = list(Urusan.objects.order_by("order", "code"))
    thresholds = report_selectors.category_thresholds()
    reports = sent_reports(user=user, region=region, periods=periods)
    by_key = {(r.urusan_id, r.period_id): r for r in reports}
    result = []
    for urusan in urusan_list:
        quarters = [sent_quarter(period, by_key.get((urusan.pk, period.pk))) for period in periods]
        result.append(_urusan_year(urusan, quarters, thresholds))
    latest = [q.sent for q in (u.latest for u in result) if q is not None and q.sent is not None]
    pagu, realisasi, absorbed = calculations.money_totals((s.pagu_total, s.realisasi_total) for s in latest)
    return AnnualPrintout(
        region=region,
        year=year,
        periods=periods,
        urusan=result,
        documents=region_documents_get(region=region, year=year),
        signature=signature_for(region),
        year_indeks=calculations.mean_percentage(s.indeks for s in latest),
        pagu_total=pagu,
        realisasi_total=realisasi,
        year_serapan=absorbed,
        sent_urusan=[u for u in result if u.latest is not None],
        unsent_urusan=[u for u in result if u.latest is None],
    )


def sent_reports(*, user: User, region: Region, periods: list[Period]) -> "list[SentReport]":
    """``region``'s reports of ``periods`` that were sent and ``user`` may read, with what ``sent_quarter``
    reads (a fixed number of queries): the sent version, the confirmed warnings and, for a report sent before
    versions were kept, its own rows."""
    unversioned = ServiceEntry.objects.filter(report__sent_snapshot__isnull=True).order_by("order", "id")
    reports = list(
        access.report_readable_list(user)
        .filter(region=region, period__in=periods, status__in=SENT_STATUSES)
        .select_related("period", "sent_snapshot")
        .prefetch_related(
            Prefetch(
                "entries",
                queryset=unversioned.prefetch_related(
                    Prefetch("mutu_entries", queryset=MutuEntry.objects.order_by("order", "id")),
                    Prefetch("activities", queryset=Activity.objects.order_by("id")),
                ),
            ),
            Prefetch(
                "problems",
                queryset=Problem.objects.filter(report__sent_snapshot__isnull=True).order_by("category", "id"),
            ),
            Prefetch(
                "warnings",
                queryset=ReportWarning.objects.filter(status=WarningStatus.CONFIRMED).order_by("id"),
                to_attr="confirmed_warnings",
            ),
        )
    )
    return cast("list[SentReport]", reports)  # the prefetch's to_attr is invisible to the type checker


def sent_quarter(period: Period, report: "SentReport | None") -> QuarterSummary:
    """The quarter as sent (``report`` from ``sent_reports``): from the report's last sent version, or from its
    own rows when it has none; an empty summary without a report."""
    if report is None:
        return QuarterSummary(period)
    snapshot = report.sent_snapshot
    if snapshot is None:
        labels = dict(ProblemCategory.choices)
        problems = [(labels.get(p.category, p.category), p.text, p.solution) for p in report.problems.all()]
        return QuarterSummary(period, report, report, list(report.entries.all()), problems)
    problems = [
        (p.get("category", ""), p.get("text", ""), p.get("solution") or "")
        for p in snapshot.data.get("permasalahan", [])
    ]
    return QuarterSummary(period, report, snapshot, sent_entries(snapshot.data), problems)


def _urusan_year(urusan: Urusan, quarters: list[QuarterSummary], thresholds) -> UrusanYear:
    services: dict[str, ServiceYear] = {}
    problems, quality_notes = [], []
    for index, quarter in enumerate(quarters):
        if quarter.sent is None or quarter.report is None:  # both or neither (``sent_quarter``)
            continue
        for row in report_selectors.capaian_rows_build(quarter.entries, thresholds):
            entry = row.entry
            line = services.setdefault(
                entry.service_code,
                ServiceYear(entry.service_code, entry.service_name, entry.indikator, [None] * len(quarters)),
            )
            line.quarters[index] = row
        problems += [ProblemLine(quarter.period, *problem) for problem in quarter.problems]
        quality_notes += [
            QualityNoteLine(quarter.period, f"{w.label}: {w.message}", w.note)
            for w in quarter.report.confirmed_warnings
        ]
    year = UrusanYear(
        urusan=urusan,
        quarters=quarters,
        services=list(services.values()),
        problems=problems,
        quality_notes=quality_notes,
    )
    if year.latest is not None:
        year.kegiatan_period = year.latest.period
        year.groups, year.grand = report_selectors.kegiatan_groups_build(year.latest.entries)
    return year

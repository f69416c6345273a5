"""Reads behind the printed reports (Cetak PDF): a quarterly report and a pemda's laporan penerapan SPM tahunan.

The figures are the report pages' own: the rows come from ``reporting.selectors.reports`` builders and the
summary columns the report services keep, so a printout never computes anything the pages do not show.
Scoping only through :mod:`reporting.selectors.access`: whoever may open a report page may print it, a
region's annual report holds only the reports the user may read (never another pemda's drafts). A fixed
number of queries whatever the number of services, kegiatan or notes.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from reporting import calculations
from reporting.models import (
    Activity,
    MutuEntry,
    Period,
    Problem,
    ProblemCategory,
    Region,
    Report,
    ReportWarning,
    ServiceEntry,
    Urusan,
    User,
    WarningStatus,
)
from reporting.selectors import access
from reporting.selectors import reports as report_selectors
from reporting.selectors.documents import RegionDocuments, region_documents_get
from reporting.selectors.sent import sent_view_for, sent_view_of


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


@dataclass
class QuarterSummary:
    """One quarter of one urusan: the report's summary columns (as the dashboard shows them) or nothing."""

    period: Period
    report: Report | None

    @property
    def status_label(self) -> str:
        return report_selectors.status_label(report_selectors.report_display_status(self.report))

    @property
    def serapan(self):
        return calculations.serapan(self.report.pagu_total, self.report.realisasi_total) if self.report else None


@dataclass
class ServiceYear:
    """One jenis pelayanan through the year: its tab A row in each quarter (``None`` where not reported)."""

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
    # Kegiatan dan anggaran of the latest quarter reported: realisasi is cumulative over the year.
    kegiatan_period: Period | None = None
    groups: list[report_selectors.KegiatanGroup] = field(default_factory=list)
    grand: tuple = (0, 0, None)
    problems: list[ProblemLine] = field(default_factory=list)
    quality_notes: list[QualityNoteLine] = field(default_factory=list)

    @property
    def latest(self) -> QuarterSummary | None:
        """The latest quarter with a report saved at least once (a report opened but never filled is not one)."""
        reported = [
            q
            for q in self.quarters
            if report_selectors.report_display_status(q.report) != report_selectors.STATUS_EMPTY
        ]
        return reported[-1] if reported else None


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
    """``region``'s year: per urusan the four quarters' capaian, indeks and category, each service by quarter,
    the kegiatan of the latest quarter, every permasalahan with its solusi, the data-quality warnings confirmed
    with a note; the tahapan and rencana aksi of the year."""
    periods = list(Period.objects.filter(year=year).order_by("quarter"))
    urusan_list = list(Urusan.objects.order_by("order", "code"))
    thresholds = report_selectors.category_thresholds()
    entries = ServiceEntry.objects.order_by("order", "id").prefetch_related(
        Prefetch("mutu_entries", queryset=MutuEntry.objects.order_by("order", "id")),
        Prefetch("activities", queryset=Activity.objects.order_by("id")),
    )
    reports = list(
        access.report_readable_list(user)
        .filter(region=region, period__year=year)
        .select_related("period", "region")
        .prefetch_related(
            Prefetch("entries", queryset=entries),
            Prefetch("problems", queryset=Problem.objects.order_by("category", "id")),
            Prefetch(
                "warnings",
                queryset=ReportWarning.objects.filter(status=WarningStatus.CONFIRMED).order_by("id"),
                to_attr="confirmed_warnings",
            ),
        )
    )
    for report in reports:  # a returned report, read by anyone but its pemda: as it was last sent
        sent_view_for(user, report)
    by_key = {(r.urusan_id, r.period_id): r for r in reports}
    labels = dict(ProblemCategory.choices)
    result = []
    for urusan in urusan_list:
        own = [(p, by_key.get((urusan.pk, p.pk))) for p in periods]
        result.append(_urusan_year(urusan, own, thresholds, labels))
    latest = [u.latest.report for u in result if u.latest is not None]
    pagu, realisasi, absorbed = calculations.money_totals((r.pagu_total, r.realisasi_total) for r in latest)
    return AnnualPrintout(
        region=region,
        year=year,
        periods=periods,
        urusan=result,
        documents=region_documents_get(region=region, year=year),
        signature=signature_for(region),
        year_indeks=calculations.mean_percentage(r.indeks for r in latest),
        pagu_total=pagu,
        realisasi_total=realisasi,
        year_serapan=absorbed,
    )


def _urusan_year(urusan: Urusan, own: list[tuple[Period, Report | None]], thresholds, labels) -> UrusanYear:
    services: dict[str, ServiceYear] = {}
    problems, quality_notes = [], []
    for index, (period, report) in enumerate(own):
        if report is None:
            continue
        for row in report_selectors.capaian_rows_build(report.entries.all(), thresholds):
            entry = row.entry
            line = services.setdefault(
                entry.service_code,
                ServiceYear(entry.service_code, entry.service_name, entry.indikator, [None] * len(own)),
            )
            line.quarters[index] = row
        problems += [
            ProblemLine(period, labels.get(p.category, p.category), p.text, p.solution) for p in report.problems.all()
        ]
        quality_notes += [
            QualityNoteLine(period, f"{w.label}: {w.message}", w.note) for w in report.confirmed_warnings
        ]
    year = UrusanYear(
        urusan=urusan,
        quarters=[QuarterSummary(period, report) for period, report in own],
        services=list(services.values()),
        problems=problems,
        quality_notes=quality_notes,
    )
    if year.latest is not None:
        year.kegiatan_period = year.latest.period
        year.groups, year.grand = report_selectors.kegiatan_groups_build(year.latest.report.entries.all())
    return year

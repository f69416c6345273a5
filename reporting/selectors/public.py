"""Live figures of the public home page. Anonymous visitors see them: only counts and names, never values.

Every function runs a fixed number of queries whatever the number of reports or regions. The home
summary and the latest submissions are read on every public page and change only when a report changes
status or the catalogue changes: they are cached under a "public generation" that those changes replace
(``public_figures_changed``, called by ``services.reports`` and ``signals``), so a visitor never sees an
old count; ``PUBLIC_TTL`` bounds it anyway.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Max, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from core.generations import generation_cached, generation_replace
from reporting.models import Region, RegionLevel, Report, ReportStatus, ServiceType, Urusan

# The home page's rule, not monitoring's "sent" (``reporting.models.SENT_STATUSES``): it counts the pemda
# whose report stands as sent now and lists the latest of those; a returned one is back in the pemda's hands
# until it is sent again.
HOME_COUNTED_STATUSES = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
LATEST_SUBMISSIONS = 7
PUBLIC_GENERATION_KEY = "spm:public-generation"
PUBLIC_TTL = 10 * 60


def public_figures_changed() -> None:
    """A report changed status or the catalogue changed: figures cached before are not used again."""
    generation_replace(PUBLIC_GENERATION_KEY)


def public_cached(name: str, compute):
    """``compute()``, kept for the current generation (figures that follow only report statuses, dates and the catalogue)."""
    return generation_cached(PUBLIC_GENERATION_KEY, name, compute, PUBLIC_TTL)


@dataclass
class UrusanSummary:
    """One urusan on the home page: its jenis pelayanan and how many pemda reported on it."""

    urusan: Urusan
    provinsi_services: list[ServiceType] = field(default_factory=list)
    kabkota_services: list[ServiceType] = field(default_factory=list)
    reported_pemda: int = 0

    @property
    def service_count(self) -> int:
        return len(self.provinsi_services) + len(self.kabkota_services)


@dataclass
class HomeSummary:
    catalogue_year: int | None
    report_year: int
    urusan: list[UrusanSummary]

    @property
    def catalogue_size(self) -> int:
        """The number of jenis pelayanan dasar in the catalogue (the "43 Indikator" counter)."""
        return sum(row.service_count for row in self.urusan)


def catalogue_year_current(*, today: datetime.date | None = None) -> int | None:
    """The catalogue year in force: this year's, else the latest earlier one, else the earliest one."""
    year = (today or timezone.localdate()).year
    latest = ServiceType.objects.filter(year__lte=year).aggregate(latest=Max("year"))["latest"]
    if latest is None:
        latest = ServiceType.objects.order_by("year").values_list("year", flat=True).first()
    return latest


def reported_pemda_counts(*, year: int) -> dict[int, int]:
    """Per urusan id, how many distinct pemda sent a report for a period of ``year``."""
    rows = (
        Report.objects.filter(period__year=year, status__in=HOME_COUNTED_STATUSES)
        .values("urusan_id")
        .annotate(pemda=Count("region_id", distinct=True))
        .order_by()
    )
    return {row["urusan_id"]: row["pemda"] for row in rows}


def home_summary_get(*, today: datetime.date | None = None) -> HomeSummary:
    """The six urusan with the catalogue's services and this year's reporting counts (4 queries, or none
    when cached for this generation and day)."""
    today = today or timezone.localdate()
    return public_cached(f"home:{today.isoformat()}", lambda: _home_summary(today))


def _home_summary(today: datetime.date) -> HomeSummary:
    catalogue_year = catalogue_year_current(today=today)
    rows = {urusan.pk: UrusanSummary(urusan=urusan) for urusan in Urusan.objects.order_by("order", "code")}
    services = ServiceType.objects.filter(year=catalogue_year).order_by("urusan__order", "level", "order", "code")
    for service in services:
        row = rows.get(service.urusan_id)
        if row is None:
            continue
        target = row.provinsi_services if service.level == RegionLevel.PROVINSI else row.kabkota_services
        target.append(service)
    for urusan_id, count in reported_pemda_counts(year=today.year).items():
        if urusan_id in rows:
            rows[urusan_id].reported_pemda = count
    return HomeSummary(catalogue_year=catalogue_year, report_year=today.year, urusan=list(rows.values()))


@dataclass
class PemdaSubmission:
    """One pemda under "Pelaporan daerah": when it last sent a report and the urusan it sent for that period."""

    region: Region
    submitted_at: datetime.datetime
    urusan: list[Urusan] = field(default_factory=list)


def latest_submission_list(*, limit: int = LATEST_SUBMISSIONS) -> list[PemdaSubmission]:
    """The pemda that sent a report most recently, each once (two queries, or none when cached).

    A pemda sends one report per urusan and period: listing reports named a pemda that sent two urusan
    twice. Each pemda's latest sent report places it; the urusan are those it sent for that same period.
    """
    # Its own cache name: a list of reports cached under the old name before a deploy is never read as rows.
    return public_cached(f"latest-pemda:{limit}", lambda: _latest_submissions(limit))


def _latest_submissions(limit: int) -> list[PemdaSubmission]:
    sent = Report.objects.filter(status__in=HOME_COUNTED_STATUSES, submitted_at__isnull=False)
    newest_first = [F("submitted_at").desc(), F("pk").desc()]
    latest = list(
        sent.annotate(rank=Window(RowNumber(), partition_by=F("region_id"), order_by=newest_first))
        .filter(rank=1)
        .select_related("region__province")
        .order_by("-submitted_at", "-pk")[:limit]
    )
    if not latest:
        return []
    rows = {
        report.region_id: PemdaSubmission(region=report.region, submitted_at=report.submitted_at) for report in latest
    }
    same_period = Q()
    for report in latest:
        same_period |= Q(region_id=report.region_id, period_id=report.period_id)
    for report in sent.filter(same_period).select_related("urusan").order_by("urusan__order", "urusan__code"):
        rows[report.region_id].urusan.append(report.urusan)
    return list(rows.values())

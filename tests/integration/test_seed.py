"""seed_national: deterministic, consistent with the report services, realistic spreads."""

import datetime
import io
from collections import Counter

import pytest

from django.core.management import call_command
from django.utils import timezone

from reporting.models import Activity, MutuEntry, Problem, Report, ReportEvent, ReportStatus, ServiceEntry, User
from reporting.services.reports import report_summary_refresh
from reporting.services.seed import load_test_accounts_issue, seed_national
from tests import factories

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 11, 24, 9, 0))
SUMMARY = (
    "capaian_penerima",
    "capaian_mutu",
    "indeks",
    "category",
    "figures_required",
    "figures_filled",
    "pagu_total",
    "realisasi_total",
)


@pytest.fixture
def world():
    return factories.seed_world(provinces=2, kabkota_per_province=3, years=[2025, 2026])


def _snapshot():
    reports = Report.objects.order_by("region__code", "urusan__code", "period__year", "period__quarter")
    return [
        (
            r.region.code,
            r.urusan.code,
            r.period.year,
            r.period.quarter,
            r.status,
            r.version,
            r.submitted_at,
            *(getattr(r, f) for f in SUMMARY),
        )
        for r in reports.select_related("region", "urusan", "period")
    ]


def test_every_pemda_urusan_and_opened_quarter_gets_one_report(world):
    result = seed_national(regions=world, years=[2025, 2026], now=NOW)

    # 8 regions x 6 urusan x 8 quarters, all opened by 24 November 2026.
    assert result.reports == Report.objects.count() == 8 * 6 * 8
    assert result.entries == ServiceEntry.objects.count()
    assert result.mutu_entries == MutuEntry.objects.count() > 0
    assert result.activities == Activity.objects.count() > 0
    assert result.problems == Problem.objects.count() > 0
    assert result.events == ReportEvent.objects.count() > 0


def test_quarters_not_yet_open_get_no_report(world):
    seed_national(regions=world, years=[2026], now=timezone.make_aware(datetime.datetime(2026, 5, 1)))

    assert set(Report.objects.values_list("period__quarter", flat=True)) == {1, 2}


def test_same_seed_gives_the_same_data_and_another_seed_other_data(world):
    seed_national(regions=world, years=[2025, 2026], now=NOW, seed=7)
    first = _snapshot()
    Report.objects.all().delete()
    seed_national(regions=world, years=[2025, 2026], now=NOW, seed=7)
    assert _snapshot() == first
    Report.objects.all().delete()
    seed_national(regions=world, years=[2025, 2026], now=NOW, seed=8)
    assert _snapshot() != first


def test_a_rerun_skips_existing_reports_and_adds_nothing(world):
    seed_national(regions=world, years=[2026], now=NOW)
    count = Report.objects.count()

    result = seed_national(regions=world, years=[2026], now=NOW)

    assert result.reports == 0
    assert result.skipped == count == Report.objects.count()


def test_summary_fields_equal_what_the_report_service_computes(world):
    seed_national(regions=world, years=[2025, 2026], now=NOW)

    for report in Report.objects.all():
        seeded = [getattr(report, f) for f in SUMMARY]
        report_summary_refresh(report=report)
        report.refresh_from_db()
        assert [getattr(report, f) for f in SUMMARY] == seeded, report


def test_spreads_are_realistic(world):
    seed_national(regions=world, years=[2025, 2026], now=NOW)

    past = Report.objects.filter(period__closes_at__lt=NOW)
    statuses = Counter(past.values_list("status", flat=True))
    assert statuses[ReportStatus.ACCEPTED] > statuses[ReportStatus.SUBMITTED] > 0
    assert statuses[ReportStatus.RETURNED] > 0 and statuses[ReportStatus.DRAFT] > 0
    late = [r for r in past.exclude(submitted_at=None).select_related("period") if r.submitted_at > r.period.closes_at]
    assert late, "some reports must be sent after the deadline"
    assert not past.filter(status=ReportStatus.RETURNED, return_reason="").exists()
    per_entry = Counter(Activity.objects.values_list("entry_id", flat=True))
    assert min(per_entry.values()) >= 3 and max(per_entry.values()) <= 8
    capaian = [r.capaian_penerima for r in past.exclude(capaian_penerima=None)]
    assert min(capaian) < 90 and max(capaian) == 100


def test_the_open_period_is_mostly_drafts_that_can_still_be_edited(world):
    seed_national(regions=world, years=[2026], now=NOW)

    current = Report.objects.filter(period__year=2026, period__quarter=4)
    statuses = Counter(current.values_list("status", flat=True))
    assert statuses[ReportStatus.DRAFT] > current.count() / 2
    assert not current.filter(status=ReportStatus.ACCEPTED).exists()
    assert not current.filter(submitted_at__gt=NOW).exists()


def test_history_is_dated_in_the_past_not_at_seeding_time(world):
    seed_national(regions=world, years=[2025], now=NOW)

    assert not ReportEvent.objects.filter(created_at__gt=NOW).exists()
    assert Report.objects.filter(created_at__year=2025).count() == Report.objects.count()


def test_load_test_accounts_get_their_own_random_password_and_no_forced_change(world):
    kabkota = [r for r in world if not r.is_province][:2]
    factories.PemdaUserFactory(region=kabkota[0], must_change_password=True)

    issued = load_test_accounts_issue(regions=kabkota)

    assert [i.username for i in issued] == [r.login_code for r in kabkota]
    assert issued[0].password != issued[1].password
    for row in issued:
        user = User.objects.get(username=row.username)
        assert user.check_password(row.password) and not user.must_change_password


def test_command_writes_the_accounts_file_only_readable_by_its_owner(world, tmp_path):
    target = tmp_path / "accounts.txt"

    call_command(
        "seed_national", provinces=1, years=1, last_year=2026, accounts=2, accounts_file=target, stdout=io.StringIO()
    )

    lines = [line.split("\t") for line in target.read_text().splitlines() if not line.startswith("#")]
    assert len(lines) == 3  # two kab/kota and their province
    assert target.stat().st_mode & 0o077 == 0
    assert Report.objects.filter(region__code__startswith="11").exists()
    assert not Report.objects.filter(region__code__startswith="12").exists()

"""The home page's live figures: reporting counts per urusan, latest submissions, catalogue size."""

import datetime

import pytest

from django.utils import timezone

from reporting.models import RegionLevel, ReportStatus
from reporting.selectors import public
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 5, 20)


@pytest.fixture
def urusan():
    return factories.UrusanFactory(code="1.01", name="Pendidikan", short_name="PENDIDIKAN", order=1)


def _report(urusan, *, status=ReportStatus.SUBMITTED, year=2026, quarter=1, region=None, minutes_ago=0):
    return factories.ReportFactory(
        urusan=urusan,
        region=region or factories.KabKotaFactory(),
        period=factories.PeriodFactory(year=year, quarter=quarter),
        status=status,
        submitted_at=None
        if status == ReportStatus.DRAFT
        else timezone.now() - datetime.timedelta(minutes=minutes_ago),
    )


def test_reported_pemda_counts_each_pemda_once_per_urusan_whatever_the_quarters(urusan):
    region = factories.KabKotaFactory()
    _report(urusan, region=region, quarter=1)
    _report(urusan, region=region, quarter=2, status=ReportStatus.ACCEPTED)
    _report(urusan)

    assert public.reported_pemda_counts(year=2026) == {urusan.pk: 2}


def test_drafts_returned_reports_and_other_years_do_not_count(urusan):
    _report(urusan, status=ReportStatus.DRAFT)
    _report(urusan, status=ReportStatus.RETURNED)
    _report(urusan, year=2025)

    assert public.reported_pemda_counts(year=2026) == {}


def test_home_summary_lists_every_urusan_with_its_services_by_level_and_counts(urusan):
    other = factories.UrusanFactory(code="1.02", name="Kesehatan", short_name="KESEHATAN", order=2)
    factories.ServiceTypeFactory(year=2026, urusan=urusan, level=RegionLevel.PROVINSI, name="Pendidikan menengah")
    factories.ServiceTypeFactory(year=2026, urusan=urusan, level=RegionLevel.KABKOTA, name="PAUD")
    factories.ServiceTypeFactory(year=2025, urusan=urusan, level=RegionLevel.KABKOTA, name="Tahun lalu")
    _report(urusan)

    summary = public.home_summary_get(today=TODAY)

    assert [row.urusan for row in summary.urusan] == [urusan, other]
    first, second = summary.urusan
    assert [s.name for s in first.provinsi_services] == ["Pendidikan menengah"]
    assert [s.name for s in first.kabkota_services] == ["PAUD"]
    assert (first.reported_pemda, second.reported_pemda) == (1, 0)
    assert summary.catalogue_size == 2
    assert summary.catalogue_year == 2026


def test_catalogue_year_falls_back_to_the_latest_earlier_year(urusan):
    factories.ServiceTypeFactory(year=2024, urusan=urusan)
    factories.ServiceTypeFactory(year=2025, urusan=urusan)

    assert public.catalogue_year_current(today=TODAY) == 2025


def test_catalogue_year_is_none_without_a_catalogue():
    assert public.catalogue_year_current(today=TODAY) is None


def test_latest_submissions_are_the_seven_most_recently_sent(urusan):
    province = factories.ProvinceFactory(code="63", name="Kalimantan Selatan")
    newest = _report(
        urusan, region=factories.KabKotaFactory(code="63.04", name="Kabupaten Barito Kuala", province=province)
    )
    older = [_report(urusan, minutes_ago=minutes) for minutes in range(1, 9)]
    _report(urusan, status=ReportStatus.DRAFT)

    latest = public.latest_submission_list()

    assert len(latest) == 7
    assert latest[0].region == newest.region
    assert latest[0].region.province.name == "Kalimantan Selatan"
    assert older[-1].region not in [row.region for row in latest]


def test_latest_submissions_list_each_pemda_once_with_the_urusan_it_sent_for_its_latest_period(urusan):
    """Issue 25: Jombang sent two urusan and was listed twice under "Pelaporan daerah"."""
    province = factories.ProvinceFactory(code="35", name="Jawa Timur")
    jombang = factories.KabKotaFactory(code="35.17", name="Kabupaten Jombang", province=province)
    kesehatan = factories.UrusanFactory(code="1.02", name="Kesehatan", short_name="KESEHATAN", order=2)
    _report(urusan, region=jombang, year=2025, quarter=4, minutes_ago=30)
    _report(kesehatan, region=jombang, minutes_ago=5)
    _report(urusan, region=jombang, minutes_ago=1)
    other = _report(urusan, minutes_ago=3)

    latest = public.latest_submission_list()

    assert [row.region for row in latest] == [jombang, other.region]
    assert [u.short_name for u in latest[0].urusan] == ["PENDIDIKAN", "KESEHATAN"]
    assert latest[0].region.province.name == "Jawa Timur"
    assert latest[1].submitted_at == other.submitted_at


def test_home_summary_and_latest_submissions_run_a_fixed_number_of_queries(urusan, django_assert_num_queries):
    for level in (RegionLevel.PROVINSI, RegionLevel.KABKOTA):
        factories.ServiceTypeFactory(year=2026, urusan=urusan, level=level)
    for _ in range(3):
        _report(urusan)
    with django_assert_num_queries(6):
        public.home_summary_get(today=TODAY)
        public.latest_submission_list()
    for _ in range(10):
        _report(factories.UrusanFactory())
        factories.ServiceTypeFactory(year=2026)
    with django_assert_num_queries(6):
        summary = public.home_summary_get(today=TODAY)
        latest = public.latest_submission_list()
        [(row.urusan.short_name, row.reported_pemda) for row in summary.urusan]
        [(row.region.name, row.region.province, [u.short_name for u in row.urusan]) for row in latest]

"""Sent versions: monitoring shows what the pemda sent while a returned report is being corrected."""

from decimal import Decimal

import pytest

from reporting.models import Role
from reporting.selectors.monitoring.national import national_monitoring_get
from reporting.selectors.monitoring.province import province_monitoring_get
from reporting.selectors.monitoring.public_figures import public_figure_list
from reporting.services import reports as services
from reporting.services.snapshots import report_snapshot_take
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def jombang():
    """The seed's worked example: Kabupaten Jombang, PAUD 41.250 / 39.870, mutu 41.250 / 40.100 (indeks 96,76 %),
    kegiatan PAUD pagu 1.072.692.000 realisasi 1.071.045.000."""
    province = factories.ProvinceFactory(code="35", name="Jawa Timur")
    region = factories.KabKotaFactory(code="35.17", name="Kabupaten Jombang", province=province)
    report = factories.report_with_catalogue(region, services=1, mutu=1)
    pemda = factories.PemdaUserFactory(region=region)
    province_user = factories.PemdaUserFactory(region=province)
    entry = report.entries.get()
    mutu = entry.mutu_entries.get()
    services.report_capaian_save(
        report=report,
        user=pemda,
        expected_version=report.version,
        entries={
            entry.pk: {
                "harus_dilayani": 41250,
                "terlayani": 39870,
                "mutu": {mutu.pk: {"harus_dipenuhi": 41250, "terpenuhi": 40100}},
            }
        },
    )
    services.activity_create(
        report=report, user=pemda, entry_id=entry.pk, name="Gedung PAUD", pagu=1072692000, realisasi=1071045000
    )
    return report, entry, pemda, province_user


def _province_cell(user, report):
    rows = province_monitoring_get(user=user, province=report.region.province, period=report.period)
    return next(c for row in rows for c in row.cells if c.report).report


def test_submit_takes_a_numbered_snapshot_of_the_content(jombang):
    report, entry, pemda, _ = jombang
    services.report_submit(report=report, user=pemda)
    report.refresh_from_db()
    snapshot = report.sent_snapshot
    assert (snapshot.number, snapshot.sent_by, snapshot.indeks) == (1, pemda, Decimal("96.76"))
    assert snapshot.data["services"][0]["harus_dilayani"] == 41250
    assert snapshot.data["services"][0]["kegiatan"][0]["realisasi"] == 1071045000
    assert snapshot.data["summary"]["pagu_total"] == "1072692000"


def test_monitoring_shows_the_sent_figures_during_correction_and_the_new_ones_after_resubmission(jombang):
    report, entry, pemda, province_user = jombang
    ministry = factories.UserFactory(role=Role.REVIEWER)
    services.report_submit(report=report, user=pemda)
    services.report_return(report=report, user=province_user, reason="Periksa terlayani")
    services.report_capaian_save(
        report=report, user=pemda, expected_version=report.version, entries={entry.pk: {"terlayani": 20000}}
    )
    report.refresh_from_db()
    assert report.indeks < Decimal("96.76")  # the correction in progress

    sent = _province_cell(province_user, report)
    assert (sent["indeks"], sent["pagu_total"]) == (Decimal("96.76"), 1072692000)
    national = national_monitoring_get(user=ministry, period=report.period)
    assert national.total.filled == 4

    services.report_submit(report=report, user=pemda)
    again = _province_cell(province_user, report)
    assert again["indeks"] == report.indeks
    assert report.snapshots.count() == 2


def test_public_figures_follow_the_accepted_snapshot(jombang):
    report, entry, pemda, province_user = jombang
    services.report_submit(report=report, user=pemda)
    services.report_accept(report=report, user=province_user)
    (figure,) = public_figure_list(period=report.period)
    assert (figure.indeks, figure.realisasi) == (Decimal("96.76"), 1071045000)


def test_snapshot_numbers_follow_each_other(jombang):
    report, _, pemda, _ = jombang
    first = report_snapshot_take(report=report, user=pemda)
    second = report_snapshot_take(report=report, user=pemda)
    assert (first.number, second.number) == (1, 2)


def test_the_recap_shows_the_sent_figures_of_a_report_being_corrected(jombang, tmp_path):
    """The ministry's recap, like monitoring, keeps what was sent while a returned report is corrected."""
    from openpyxl import load_workbook

    from reporting.models import Region, Report
    from reporting.services.excel_export import recap_write

    report, entry, pemda, province_user = jombang
    other = factories.report_with_catalogue(
        factories.KabKotaFactory(code="35.78", name="Kota Surabaya", province=report.region.province),
        services=1,
        mutu=1,
    )
    other_pemda = factories.PemdaUserFactory(region=other.region)
    services.report_submit(report=other, user=other_pemda)
    services.report_submit(report=report, user=pemda)
    services.report_return(report=report, user=province_user, reason="Periksa terlayani")
    services.report_capaian_save(
        report=report, user=pemda, expected_version=report.version, entries={entry.pk: {"terlayani": 20000}}
    )
    path = tmp_path / "rekap.xlsx"
    written = recap_write(
        period=report.period, reports=Report.objects.all(), regions=Region.objects.all(), output=path
    )
    rows = list(load_workbook(path)["Rekap capaian"].iter_rows(min_row=3, values_only=True))
    codes = [row[0] for row in rows]
    assert written == len(rows) and codes[0] == "35.17" and set(codes[1:]) == {"35.78"}  # one order for both kinds
    jombang_row = rows[0]
    assert (jombang_row[4], jombang_row[8], jombang_row[9]) == ("Dikembalikan", 41250, 39870)
    assert Decimal(str(jombang_row[11])) == Decimal("96.76") and jombang_row[14] == 1071045000

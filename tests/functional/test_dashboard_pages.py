"""The landing page /pelaporan/ for each kind of account."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from home.emblem import emblem_get
from reporting.models import Report, ReportStatus, SkTim, WarningStatus
from tests import factories
from tests.integration.test_monitoring_selectors import build_world

URL = "/pelaporan/"


@pytest.fixture
def world(db):
    return build_world()


def _login(client, user):
    client.force_login(user)
    return client


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_kabkota_dashboard_shows_table_charts_and_year_figure(client, world):
    user = factories.PemdaUserFactory(region=world["jombang"])
    html = _login(client, user).get(URL, {"tahun": 2026, "triwulan": 1}).content.decode()
    assert "KABUPATEN JOMBANG" in html
    assert "TABEL PENERAPAN SPM" in html and "GRAFIK PENERAPAN SPM" in html
    assert "PERSENTASE REALISASI CAPAIAN SPM TAHUN 2026" in html
    assert "80,00 %" in html and "90,00 %" in html  # PEND indeks and serapan
    assert "75,00 %" in html  # year figure
    assert "<svg" in html and "<caption>" in html
    assert 'id="kabkota"' not in html
    assert "Belum diunggah" in html


def test_dashboard_shows_uploaded_sk_tim(client, world):
    user = factories.PemdaUserFactory(region=world["jombang"])
    SkTim.objects.create(region=world["jombang"], year=2026, nomor="188/42/2026", judul="Tim SPM", file="sk-tim/x.pdf")
    html = _login(client, user).get(URL, {"tahun": 2026}).content.decode()
    assert "Sudah diunggah" in html and "188/42/2026" in html


def test_province_dashboard_includes_its_kabkota_monitoring(client, world):
    user = factories.PemdaUserFactory(region=world["jatim"])
    html = _login(client, user).get(URL, {"tahun": 2026, "triwulan": 1}).content.decode()
    assert 'id="kabkota"' in html
    assert "Kabupaten Jombang" in html and "Kota Surabaya" in html
    assert "Kota Bogor" not in html
    assert "12,50 %" in html  # Surabaya fill rate; its draft stays hidden


def test_ministry_dashboard_is_the_national_monitoring(client, world):
    html = (
        _login(client, factories.UserFactory(role="reviewer"))
        .get(URL, {"tahun": 2026, "triwulan": 1})
        .content.decode()
    )
    assert "Monitoring nasional" in html
    assert "41,67 %" in html


def test_account_without_region_gets_a_notice(client, db):
    html = _login(client, factories.UserFactory(role="editor")).get(URL).content.decode()
    assert "tidak terhubung dengan pemda" in html


def _add_kabkota_with_reports(world, count):
    for n in range(count):
        region = factories.KabKotaFactory(code=f"35.{50 + n}", login_code=f"35{50 + n}", province=world["jatim"])
        for urusan in (world["pend"], world["kes"]):
            factories.ReportFactory(
                region=region,
                urusan=urusan,
                period=world["period"],
                status=ReportStatus.SUBMITTED,
                figures_required=4,
                figures_filled=3,
            )
        factories.ReportFactory(
            region=region, urusan=world["pend"], period=world["tw2"], status=ReportStatus.SUBMITTED
        )


def test_dashboard_counts_open_warnings_per_urusan_and_links_to_kirim(client, world):
    reports = world["reports"]
    draft, returned = reports["surabaya_pend"], reports["surabaya_kes"]
    factories.ReportWarningFactory.create_batch(2, report=draft)
    factories.ReportWarningFactory(report=returned)
    factories.ReportWarningFactory(report=returned, status=WarningStatus.CONFIRMED, note="Angka benar.")
    user = factories.PemdaUserFactory(region=world["surabaya"])
    html = _login(client, user).get(URL, {"tahun": 2026, "triwulan": 1}).content.decode()
    assert "<strong>3 peringatan pemeriksaan data belum dikonfirmasi</strong> pada laporan TW I 2026" in html
    kirim = reverse("reporting:report_submit", kwargs={"pk": draft.pk})
    assert f'<a href="{kirim}">2<span class="visually-hidden"> peringatan PENDIDIKAN</span></a>' in html
    kirim = reverse("reporting:report_submit", kwargs={"pk": returned.pk})
    assert f'<a href="{kirim}">1<span class="visually-hidden"> peringatan KESEHATAN</span></a>' in html


def test_an_operator_is_sent_to_the_reports_warnings_not_to_kirim(client, world):
    draft = world["reports"]["surabaya_pend"]
    factories.ReportWarningFactory(report=draft)
    pemda = factories.PemdaUserFactory(region=world["surabaya"])
    operator = factories.OperatorUserFactory(parent=pemda, urusan=world["pend"])
    html = _login(client, operator).get(URL, {"tahun": 2026, "triwulan": 1}).content.decode()
    assert "1 peringatan pemeriksaan data belum dikonfirmasi" in html
    assert f'href="/pelaporan/laporan/{draft.pk}/#pemeriksaan-data">1<' in html
    assert reverse("reporting:report_submit", kwargs={"pk": draft.pk}) not in html


def test_dashboard_without_open_warnings_says_nothing_of_them(client, world):
    factories.ReportWarningFactory(report=world["reports"]["jombang_pend"], status=WarningStatus.RESOLVED)
    html = _login(client, factories.PemdaUserFactory(region=world["jombang"])).get(URL, {"tahun": 2026}).content
    assert "belum dikonfirmasi</strong>" not in html.decode()


def _count(client, url, params):
    emblem_get()  # the header's emblem is computed once per cache generation (home.emblem), not by this page
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", ["jombang", "jatim"])
def test_dashboard_query_count_does_not_grow_with_data(client, world, who):
    _login(client, factories.PemdaUserFactory(region=world[who]))
    small = _count(client, URL, {"tahun": 2026, "triwulan": 1})
    _add_kabkota_with_reports(world, 8)
    _add_urusan_with_warnings(world, world[who], 3)
    assert _count(client, URL, {"tahun": 2026, "triwulan": 1}) == small


def _add_urusan_with_warnings(world, region, count):
    """More urusan, each with a report of the pemda in both quarters, and warnings on every one of its reports."""
    for n in range(count):
        urusan = factories.UrusanFactory(code=f"1.{10 + n}", order=10 + n)
        for period in (world["period"], world["tw2"]):
            factories.ReportFactory(region=region, urusan=urusan, period=period)
    for report in Report.objects.filter(region=region):
        factories.ReportWarningFactory.create_batch(2, report=report)


def test_the_province_dashboards_kabkota_table_is_folded_until_sorted(client, world):
    """The kab/kota × urusan table (38 rows for a big province) folds under a summary on the dashboard; a sort
    link leads back to it open. The province monitoring page shows it unfolded, in the wide layout."""
    user = _login(client, factories.PemdaUserFactory(region=world["jatim"]))
    html = user.get(URL, {"tahun": 2026, "triwulan": 1}).content.decode()
    assert '<details class="fold">' in html and "Tampilkan tabel 3 kabupaten/kota × urusan</summary>" in html
    sorted_html = user.get(URL, {"tahun": 2026, "triwulan": 1, "urut": "nama"}).content.decode()
    assert '<details class="fold" open>' in sorted_html
    page = user.get("/pelaporan/monitoring/provinsi/", {"tahun": 2026, "triwulan": 1}).content.decode()
    assert "<details" not in page.split('id="kabkota"')[1] and 'class="wide-page"' in page

"""Journey 4, the ministry: national monitoring of the quarter, then the Excel recap, checked with openpyxl."""

import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from reporting.services import reports as svc
from tests import factories
from tests.functional.e2e import journeys
from tests.functional.e2e.conftest import E2E_DB, login
from tests.functional.e2e.journeys import PERIOD, QUARTER, YEAR
from tests.jobs import run_queued_jobs

pytestmark = E2E_DB


def _sent_report(region, urusan, period, figures, *, accept_by=None):
    officer = factories.PemdaUserFactory(region=region)
    report = svc.report_get_or_create(region=region, urusan=urusan, period=period)
    entry = report.entries.order_by("order").first()
    svc.report_capaian_save(
        report=report,
        user=officer,
        expected_version=report.version,
        entries={
            entry.pk: {"harus_dilayani": figures[0], "terlayani": figures[1], "mutu": {}},
        },
    )
    svc.report_submit(report=report, user=officer)
    if accept_by is not None:
        svc.report_accept(report=report, user=accept_by)
    return report


@pytest.fixture
def national(db):
    """Jawa Timur, Jombang and Surabaya: two PENDIDIKAN reports sent (Jombang's accepted) of 18 expected."""
    data = journeys.world()
    surabaya = factories.KabKotaFactory(
        code="35.78", login_code="3578", name="Kota Surabaya", province=data["province"]
    )
    reviewer = factories.PemdaUserFactory(region=data["province"])
    _sent_report(
        data["kabkota"], data["pendidikan"], data["period"], (1_200_998_320, 1_200_998_000), accept_by=reviewer
    )
    _sent_report(surabaya, data["pendidikan"], data["period"], (400, 100))
    return {**data, "ministry": factories.UserFactory(role="reviewer")}


def test_the_ministry_monitors_the_quarter_and_checks_the_recap(page, live_server, national, tmp_path):
    login(page, live_server, national["ministry"].username)
    journeys.go_by_menu(page, "MONITORING")
    page.wait_for_url("**/pelaporan/monitoring/nasional/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Monitoring nasional penerapan SPM")
    expect(page.locator(".card").filter(has_text=f"Tingkat pelaporan {PERIOD}")).to_contain_text("2 dari 18 laporan")
    province_row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Jawa Timur", exact=True))
    expect(province_row).to_contain_text("2 / 18")
    expect(page.get_by_role("table", name=re.compile("^Pemda yang belum mengirim"))).to_contain_text("Kota Surabaya")
    journeys.check(page, "monitoring nasional", False)

    page.get_by_role("button", name=f"Buat rekap nasional {PERIOD} (Excel)").click()
    page.wait_for_url("**/pelaporan/pekerjaan/*/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rekap")
    run_queued_jobs()  # the worker host; the page follows the job by itself and shows the link when done
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile(r"^Unduh rekap-capaian-spm")).click()
    download = info.value
    assert download.suggested_filename == f"rekap-capaian-spm-{YEAR}-tw{QUARTER}.xlsx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)

    workbook = load_workbook(path)
    recap = workbook["Rekap capaian"]
    assert recap["A1"].value == f"Rekap capaian SPM {PERIOD}"
    header = [cell.value for cell in recap[2]]
    rows = [dict(zip(header, row, strict=True)) for row in recap.iter_rows(min_row=3, values_only=True)]
    assert [(r["Kode wilayah"], r["Urusan"], r["Status laporan"]) for r in rows] == [
        ("35.17", "PENDIDIKAN", "Diterima")
    ] * 3 + [("35.78", "PENDIDIKAN", "Dikirim")] * 3
    paud = rows[0]
    assert paud["Jenis pelayanan dasar"] == journeys.PAUD
    assert paud["Pemda"] == "Kabupaten Jombang" and paud["Provinsi"] == "Jawa Timur"
    assert (paud["Jumlah yang harus dilayani"], paud["Jumlah yang terlayani"]) == (1_200_998_320, 1_200_998_000)
    assert Decimal(str(paud["Capaian penerima (%)"])).quantize(Decimal("0.01")) == Decimal("100.00")  # 99,99997 %
    surabaya = rows[3]
    assert (surabaya["Jumlah yang harus dilayani"], surabaya["Jumlah yang terlayani"]) == (400, 100)
    assert Decimal(str(surabaya["Capaian penerima (%)"])) == Decimal("25")
    missing = set(workbook["Belum dikirim"].iter_rows(min_row=2, values_only=True))
    assert ("35", "Provinsi Jawa Timur", "PENDIDIKAN") in missing
    assert ("35.17", "Kabupaten Jombang", "KESEHATAN") in missing
    assert not any(code in ("35.17", "35.78") and urusan == "PENDIDIKAN" for code, _, urusan in missing)
    assert len(missing) == 18 - 2

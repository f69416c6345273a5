"""Journey: the seed's typo in tab B warns without blocking; the officer confirms it with a note on the Kirim page
and sends; the province reads the warning and the note before accepting."""

import re

import pytest
from playwright.sync_api import expect

from reporting.models import ReportStatus
from reporting.services import reports as svc
from tests import factories
from tests.functional.e2e import journeys
from tests.functional.e2e.conftest import DESKTOP, E2E_DB, PHONE, login
from tests.functional.e2e.journeys import PAUD, QUARTER, YEAR

pytestmark = E2E_DB

NOTE = "Realisasi TW ini baru sebagian karena pencairan termin kedua tertunda."


@pytest.fixture
def draft(db):
    data = journeys.world()
    factories.default_rules_ensure()
    officer = factories.PemdaUserFactory(region=data["kabkota"], must_change_password=False)
    reviewer = factories.PemdaUserFactory(region=data["province"], must_change_password=False)
    report = svc.report_get_or_create(region=data["kabkota"], urusan=data["pendidikan"], period=data["period"])
    return {"report": report, "officer": officer, "reviewer": reviewer}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_an_officer_confirms_the_seed_typo_with_a_note_and_the_province_reads_it(
    open_page, live_server, draft, viewport
):
    report, phone = draft["report"], viewport == PHONE
    page = open_page(viewport)
    login(page, live_server, draft["officer"].username)
    page.goto(f"{live_server.url}/pelaporan/laporan/{report.pk}/kegiatan/")
    add = page.locator("details.add-activity").filter(has_text=f"Tambah kegiatan untuk {PAUD}")
    add.locator("summary").click()
    add.get_by_label("Sub kegiatan").fill("Pembangunan Gedung/Ruang Kelas/Ruang Guru PAUD")
    add.get_by_label("Pagu (Rp)").press_sequentially("1072692000")
    add.get_by_label("Realisasi (Rp)").press_sequentially("107104500")
    add.get_by_role("button", name="Tambah data").click()
    expect(page.get_by_text("Data tersimpan.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Serapan 9,98 %.*1\.071\.045\.000")).first).to_be_visible()
    journeys.check(page, "tab B dengan peringatan", phone)

    # The dashboard counts the open warnings (the sub kegiatan and the total), per urusan with a link to the Kirim page, and in total on top.
    page.goto(f"{live_server.url}/pelaporan/?tahun={YEAR}&triwulan={QUARTER}")
    expect(page.locator("#peringatan-data")).to_contain_text("2 peringatan pemeriksaan data belum dikonfirmasi")
    count = page.get_by_role("link", name="2 peringatan PENDIDIKAN")
    expect(count).to_have_attribute("href", f"/pelaporan/laporan/{report.pk}/kirim/")
    journeys.check(page, "dashboard dengan peringatan", phone)
    page.go_back()

    page.get_by_role("link", name="Periksa lalu kirim").click()
    page.wait_for_url(f"**/pelaporan/laporan/{report.pk}/kirim/")
    journeys.check(page, "halaman Kirim dengan peringatan", phone)
    page.get_by_role("button", name="Konfirmasi dan kirim laporan").click()  # no note: refused
    expect(page.get_by_text(re.compile("belum dikonfirmasi")).first).to_be_visible()
    for field in page.get_by_label("Catatan konfirmasi").all():
        field.fill(NOTE)
    page.get_by_label(re.compile("^Alasan mengirim laporan yang belum lengkap")).fill("Capaian tab A menyusul.")
    page.get_by_role("button", name="Konfirmasi dan kirim laporan").click()
    expect(page.get_by_text("Laporan terkirim.")).to_be_visible()
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED

    province = open_page()
    login(province, live_server, draft["reviewer"].username)
    province.goto(f"{live_server.url}/pelaporan/laporan/{report.pk}/capaian/")
    warnings = province.locator(".report-warnings")
    expect(warnings).to_contain_text("Serapan 9,98 %")
    expect(warnings).to_contain_text(f"Catatan pemda: {NOTE}")
    journeys.check(province, "peringatan untuk pemeriksa", False)
    province.get_by_role("button", name="Terima laporan").click()
    expect(province.get_by_text("Laporan diterima.")).to_be_visible()

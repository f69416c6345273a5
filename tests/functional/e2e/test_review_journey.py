"""Journey 3, the province reviews: opens a kab/kota's sent report, returns it with a reason; the kab/kota
sees the reason, corrects and sends again; the province accepts."""

import re

import pytest
from playwright.sync_api import expect

from reporting.models import Notification, NotificationKind, ReportStatus
from reporting.services import reports as svc
from tests import factories
from tests.functional.e2e import journeys
from tests.functional.e2e.conftest import E2E_DB, login
from tests.functional.e2e.journeys import PAUD, PERIOD, percent

pytestmark = E2E_DB

REASON = "Jumlah PAUD yang terlayani tidak sesuai data dinas pendidikan; periksa kembali."


@pytest.fixture
def sent(db):
    """Jombang's PENDIDIKAN report of the open quarter, filled and sent."""
    data = journeys.world()
    officer = factories.PemdaUserFactory(region=data["kabkota"])
    reviewer = factories.PemdaUserFactory(region=data["province"])
    report = svc.report_get_or_create(region=data["kabkota"], urusan=data["pendidikan"], period=data["period"])
    entry = report.entries.order_by("order").first()
    svc.report_capaian_save(
        report=report,
        user=officer,
        expected_version=report.version,
        entries={
            entry.pk: {"harus_dilayani": 1200, "terlayani": 1100, "mutu": {}},
        },
    )
    svc.report_submit(report=report, user=officer, incomplete_reason="Layanan lain menyusul.")
    return {"report": report, "officer": officer, "reviewer": reviewer}


def test_a_province_returns_a_report_and_accepts_it_once_corrected(open_page, live_server, sent):
    report = sent["report"]
    province = open_page()
    login(province, live_server, sent["reviewer"].username)
    journeys.go_by_menu(province, "LIHAT CAPAIAN KABUPATEN/KOTA")
    province.wait_for_url("**/pelaporan/kabkota/")
    journeys.check(province, "lihat capaian kab/kota", False)
    province.get_by_label("Pilih kabupaten/kota").select_option(label="Kabupaten Jombang (3517)")
    province.get_by_role("button", name="Klik untuk melihat").click()
    row = province.get_by_role("row").filter(has=province.get_by_role("rowheader", name="PENDIDIKAN"))
    expect(row).to_contain_text("Dikirim")
    journeys.check(province, "status kab/kota", False)
    row.get_by_role("link", name=re.compile(f"^Lihat PENDIDIKAN {PERIOD}")).click()
    province.wait_for_url(f"**/pelaporan/laporan/{report.pk}/capaian/")
    expect(province.get_by_text("Anda membuka laporan ini hanya untuk dibaca.")).to_be_visible()
    expect(province.get_by_role("button", name="Simpan capaian")).to_have_count(0)
    journeys.check(province, "laporan kab/kota (provinsi)", False)

    province.get_by_role("button", name="Kembalikan ke pemda").click()  # without a reason: refused
    expect(province.locator(".report-head .badge")).to_have_text("Dikirim")
    province.get_by_role("textbox", name="Alasan dikembalikan").fill(REASON)
    province.get_by_role("button", name="Kembalikan ke pemda").click()
    expect(province.get_by_text("Laporan dikembalikan ke pemda.")).to_be_visible()
    expect(province.locator(".report-head .badge")).to_have_text("Dikembalikan")
    journeys.check(province, "laporan dikembalikan (provinsi)", False)

    kabkota = open_page()
    login(kabkota, live_server, sent["officer"].username)
    journeys.go_by_menu(kabkota, "INPUT CAPAIAN KABUPATEN/KOTA")
    row = kabkota.get_by_role("row").filter(has=kabkota.get_by_role("rowheader", name="PENDIDIKAN"))
    expect(row).to_contain_text("Dikembalikan")
    row.get_by_role("link", name=re.compile(f"^Isi PENDIDIKAN {PERIOD}")).click()  # the report exists: a link
    kabkota.wait_for_url(f"**/pelaporan/laporan/{report.pk}/capaian/")
    expect(kabkota.get_by_role("status").filter(has_text="Laporan dikembalikan.")).to_contain_text(REASON)
    journeys.check(kabkota, "laporan dikembalikan (kab/kota)", False)
    journeys.fill_capaian(kabkota, target="1.200", served="900", mutu_target="50", mutu_met="40")
    journeys.save_capaian(kabkota)
    expect(kabkota.get_by_role("table", name=re.compile(PAUD)).locator('[data-out="indeks"]')).to_have_text(
        percent("76,00")
    )
    returned = Notification.objects.get(recipient=sent["officer"], kind=NotificationKind.RETURNED)
    assert returned.read_at is not None  # opening its report read it
    journeys.send_from_check_step(kabkota, "kirim ulang", False, reason="Layanan lain menyusul.")
    expect(kabkota.locator(".report-head .badge")).to_have_text("Dikirim")
    journeys.check(kabkota, "laporan dikirim ulang", False)

    province.reload()
    expect(province.get_by_role("table", name=re.compile(PAUD)).locator('[data-out="percent"]').first).to_have_text(
        percent("75,00")
    )
    province.get_by_role("button", name="Terima laporan").click()
    expect(province.get_by_text("Laporan diterima.")).to_be_visible()
    expect(province.locator(".report-head .badge")).to_have_text("Diterima")
    expect(province.get_by_role("button", name="Terima laporan")).to_have_count(0)
    journeys.check(province, "laporan diterima", False)
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    # Acted on: the province's "sent" notices of this report are read, and its bell says so.
    assert not Notification.objects.filter(report=report, kind=NotificationKind.SUBMITTED, read_at__isnull=True)
    journeys.go_by_menu(province, "Notifikasi: tidak ada yang belum dibaca")
    expect(province.get_by_role("heading", level=1, name="Notifikasi")).to_be_visible()
    journeys.check(province, "notifikasi sudah dibaca", False)

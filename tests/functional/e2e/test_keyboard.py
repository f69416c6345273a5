"""Keyboard only: the login and the report forms work with Tab, typing and Enter, and focus stays visible."""

import re

import pytest
from playwright.sync_api import expect

from reporting.models import ServiceEntry
from tests import factories
from tests.functional.e2e import journeys
from tests.functional.e2e.conftest import E2E_DB, PASSWORD, PHONE, assert_accessible, login
from tests.functional.e2e.journeys import PAUD, QUARTER, YEAR, percent

pytestmark = E2E_DB

# What has the focus: a short description, whether a person can see it, and whether it shows a focus ring.
FOCUSED_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) { return null; }
  const rect = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  return {
    name: el.getAttribute('aria-label') || (el.labels && el.labels[0] ? el.labels[0].textContent.trim() : '')
      || el.textContent.trim().slice(0, 60) || el.name || el.id,
    tag: el.tagName.toLowerCase(), id: el.id,
    visible: rect.width > 0 && rect.height > 0 && style.visibility !== 'hidden',
    ring: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none',
  };
}
"""


def focused(page) -> dict | None:
    return page.evaluate(FOCUSED_JS)


def tab_to(page, matches, limit: int = 60) -> dict:
    """Press Tab until the focused element matches; every element passed on the way is visible and ringed."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        assert now is not None, "Fokus keyboard hilang dari halaman"
        assert now["visible"], f"Fokus keyboard pada elemen yang tidak terlihat: {now}"
        assert now["ring"], f"Elemen yang difokus tidak menampakkan fokus: {now}"
        if matches(now):
            return now
    raise AssertionError(f"Tidak tercapai dengan Tab dalam {limit} langkah")


@pytest.fixture
def officer(db):
    data = journeys.world()
    return factories.PemdaUserFactory(region=data["kabkota"]), data


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_login_with_the_keyboard_only(open_page, live_server, officer, viewport):
    user, _ = officer
    page = open_page(viewport) if viewport else open_page()
    page.goto(live_server.url + "/login/")
    start = focused(page)
    if not (start and start["name"].startswith("Username")):  # without autofocus: skip link, then Tab
        page.keyboard.press("Tab")
        assert focused(page)["name"] == "Langsung ke konten"
        page.keyboard.press("Enter")
        tab_to(page, lambda f: f["name"].startswith("Username"))
    page.keyboard.type(user.username)
    tab_to(page, lambda f: f["name"].startswith("Password"), limit=1)
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/pelaporan/")
    assert_accessible(page, "dashboard setelah login dengan keyboard")


def test_tab_a_b_and_kirim_with_the_keyboard_only(page, live_server, officer):
    user, data = officer
    login(page, live_server, user.username)
    page.goto(live_server.url + f"/pelaporan/laporan/buka/3517/{data['pendidikan'].pk}/{YEAR}/{QUARTER}/")
    tab_to(page, lambda f: f["name"].startswith("Isi PENDIDIKAN"), limit=60)  # the quarter is only read so far
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/capaian/$"))
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # skip link
    tab_to(page, lambda f: f["name"] == f"Jumlah yang harus dilayani: {PAUD}")
    page.keyboard.type("1200")
    tab_to(page, lambda f: True, limit=1)
    assert focused(page)["name"] == f"Jumlah yang terlayani: {PAUD}"
    page.keyboard.type("900")
    table = page.get_by_role("table", name=re.compile(PAUD))
    expect(table.locator('tr[data-line="penerima"] [data-out="percent"]')).to_have_text(percent("75,00"))
    page.keyboard.press("Enter")  # Enter in a field sends the form
    expect(page.get_by_text("Data tersimpan.")).to_be_visible()
    entry = ServiceEntry.objects.get(report__region=user.region, service_name=PAUD)
    assert (entry.harus_dilayani, entry.terlayani) == (1200, 900)

    tab_to(page, lambda f: f["name"] == "B. Kegiatan dan Anggaran")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/kegiatan/$"))
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "Langsung ke konten"
    page.keyboard.press("Enter")
    tab_to(page, lambda f: f["tag"] == "summary" and PAUD in f["name"])
    page.keyboard.press("Enter")  # opens the "Tambah kegiatan" form
    tab_to(page, lambda f: f["name"] == "Sub kegiatan", limit=5)
    page.keyboard.type("Pelatihan pendidik PAUD")
    tab_to(page, lambda f: f["name"] == "Pagu (Rp)", limit=1)
    page.keyboard.type("2.000.000")
    tab_to(page, lambda f: f["name"] == "Realisasi (Rp)", limit=1)
    page.keyboard.type("1500000")
    tab_to(page, lambda f: f["name"] == "Tambah data", limit=5)
    page.keyboard.press("Enter")
    expect(page.get_by_text("Data tersimpan.")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Pelatihan pendidik PAUD")).to_contain_text("75,00")

    tab_to(page, lambda f: f["name"] == "Periksa lalu kirim", limit=120)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/kirim/$"))
    tab_to(page, lambda f: f["name"].startswith("Alasan mengirim laporan yang belum lengkap"), limit=60)
    page.keyboard.type("Layanan lain menyusul.")
    tab_to(page, lambda f: f["name"] == "Kirim laporan", limit=5)
    page.keyboard.press("Enter")
    expect(page.locator(".report-head .badge")).to_have_text("Dikirim")

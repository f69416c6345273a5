"""Data and steps shared by the browser journeys: the real catalogue, Jombang in Jawa Timur, an open quarter,
and the steps a kab/kota officer takes on the report tabs."""

import re

from playwright.sync_api import expect

from django.core.management import call_command
from django.utils import timezone

from reporting.models import Urusan
from tests import factories
from tests.functional.e2e.conftest import assert_accessible, assert_fits_the_screen

# This year, as the pages default to it; any quarter of it may be the open one.
YEAR = timezone.localdate().year
QUARTER = 4
PERIOD = f"TW IV {YEAR}"  # how the pages name that quarter
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF\n"
)
PAUD = "Pendidikan Anak Usia Dini"


def percent(text: str) -> re.Pattern:
    """The page's percentage format, "75,00 %", whatever space precedes the sign."""
    return re.compile(rf"^\s*{re.escape(text)}\s*%\s*$")


def world() -> dict:
    """The real SPM catalogue of YEAR, Jawa Timur with Kabupaten Jombang, and the open quarter."""
    call_command("load_catalogue", year=YEAR, verbosity=0)
    province = factories.ProvinceFactory(code="35", login_code="3500", name="Jawa Timur")
    kabkota = factories.KabKotaFactory(code="35.17", login_code="3517", name="Kabupaten Jombang", province=province)
    period = factories.PeriodFactory(year=YEAR, quarter=QUARTER)
    return {"province": province, "kabkota": kabkota, "period": period, "pendidikan": Urusan.objects.get(code="1.01")}


def go_by_menu(page, name: str) -> None:
    """Follow a link of the main menu, opening it first where it is folded (phone)."""
    toggle = page.get_by_role("button", name="Menu")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name=name).click()


def check(page, context: str, phone: bool) -> None:
    assert_accessible(page, context)
    if phone:
        assert_fits_the_screen(page, context)


def open_tab(page, label: str) -> None:
    page.locator("ul.tabs").get_by_role("link", name=label).click()
    expect(page.get_by_role("heading", level=2, name=label)).to_be_visible()


def fill_capaian(page, *, target: str, served: str, mutu_target: str, mutu_met: str) -> None:
    """Tab A, first service (PAUD): type the figures key by key, as a person does."""
    table = page.get_by_role("table", name=re.compile(PAUD))
    for label, value in ((f"Jumlah yang harus dilayani: {PAUD}", target), (f"Jumlah yang terlayani: {PAUD}", served)):
        field = table.get_by_label(label)
        field.fill("")
        field.press_sequentially(value)
    mutu = table.locator('tr[data-line="mutu"]').first
    for label, value in (("Jumlah yang harus dipenuhi", mutu_target), ("Jumlah yang terpenuhi", mutu_met)):
        field = mutu.get_by_label(re.compile(f"^{label}"))
        field.fill("")
        field.press_sequentially(value)


def save_capaian(page) -> None:
    page.get_by_role("button", name="Simpan capaian").click()
    expect(page.get_by_text("Data tersimpan.")).to_be_visible()


# On a phone the report tabs stack their tables as cards: no table scrolls sideways inside its wrapper,
# every input of the page is visible, inside the screen and at least 44 px high (a tap target).
PHONE_LAYOUT_JS = """
() => {
  const problems = [];
  document.querySelectorAll('.table-wrap').forEach((wrap) => {
    if (wrap.querySelector('table.stack') && wrap.scrollWidth > wrap.clientWidth + 1) {
      problems.push('scrolls sideways: ' + (wrap.getAttribute('aria-label') || wrap.className));
    }
  });
  document.querySelectorAll('main input:not([type=hidden]), main select, main textarea, main button').forEach((el) => {
    if (el.closest('details:not([open])')) { return; }
    const box = el.getBoundingClientRect();
    const name = el.name || el.textContent.trim().slice(0, 30);
    if (box.width === 0 || box.height === 0) { problems.push('hidden: ' + name); }
    else if (box.left < 0 || box.right > window.innerWidth + 1) { problems.push('off-screen: ' + name); }
    else if (box.height < 44) { problems.push('under 44 px: ' + name + ' ' + box.height); }
  });
  return problems;
}
"""


def check_phone_tab(page, context: str) -> None:
    """A report tab on a phone: cards, not sideways-scrolling tables; inputs visible, on screen, tappable."""
    assert page.evaluate(PHONE_LAYOUT_JS) == [], context


# Printed, a page keeps its content in black on white without the site's menus, buttons and forms.
PRINT_JS = """
() => {
  const shown = (sel) => Array.from(document.querySelectorAll(sel)).filter((el) => el.getClientRects().length > 0);
  const body = getComputedStyle(document.body);
  const h1 = getComputedStyle(document.querySelector('h1'));
  return {
    chrome: shown('.site-header, .site-footer, .main-nav, .tabs').length,
    buttons: shown('main button, main .button').length,
    colours: [body.backgroundColor, h1.color],
    clipped: Array.from(document.querySelectorAll('.table-wrap')).filter(
      (w) => w.getClientRects().length > 0 && getComputedStyle(w).overflowX !== 'visible').length,
  };
}
"""


def check_print(page, context: str) -> None:
    """The page as printed (print media): no chrome or buttons, black on white, no table cut off."""
    page.emulate_media(media="print")
    try:
        found = page.evaluate(PRINT_JS)
    finally:
        page.emulate_media(media="screen")
    assert found == {
        "chrome": 0,
        "buttons": 0,
        "colours": ["rgb(255, 255, 255)", "rgb(0, 0, 0)"],
        "clipped": 0,
    }, context


def open_quarter_from_daftar_bidang(page, urusan: str, phone: bool) -> None:
    """Daftar bidang: "Isi" of the open quarter (a button: reading a quarter creates nothing). On a phone the
    open quarter comes first in its urusan's card, so its button is on screen without scrolling sideways."""
    button = page.get_by_role("button", name=re.compile(f"^Isi {urusan} {PERIOD}"))
    expect(button).to_be_visible()
    if phone:
        box = button.bounding_box()
        width = page.viewport_size["width"]
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
        assert box["height"] >= 44, box
        card = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=urusan))
        tops = [cell.bounding_box()["y"] for cell in card.locator("td.status-cell").all()]
        assert card.locator("td.status-cell.is-open").bounding_box()["y"] == min(tops)  # the open quarter first
    button.click()
    page.wait_for_url(re.compile(r"/pelaporan/laporan/\d+/capaian/$"))


def focus_from_error_summary(page, field_id: str) -> None:
    """The error summary is focused on load; its link moves the focus into the refused field."""
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    summary.locator(f'a[href="#{field_id}"]').click()
    expect(page.locator(f"#{field_id}")).to_be_focused()


def send_from_check_step(page, context: str, phone: bool, *, reason: str = "", notes: str = "") -> None:
    """Periksa lalu kirim: the check step lists filled and empty figures and the warnings, then one button.
    An incomplete report sent without a reason is refused with a summary whose link focuses the reason."""
    page.get_by_role("link", name="Periksa lalu kirim").click()
    page.wait_for_url(re.compile(r"/pelaporan/laporan/\d+/kirim/$"))
    expect(page.get_by_role("heading", level=2, name="1. Kelengkapan isian capaian")).to_be_visible()
    check(page, f"{context}: periksa lalu kirim", phone)
    for field in page.get_by_label("Catatan konfirmasi").all() if notes else []:
        field.fill(notes)
    send = page.get_by_role("button", name=re.compile("kirim laporan$", re.IGNORECASE))
    reason_field = page.get_by_label(re.compile("^Alasan mengirim laporan yang belum lengkap"))
    if reason_field.count():
        send.click()  # no reason: refused, the summary links to the field
        focus_from_error_summary(page, "id-incomplete_reason")
        check(page, f"{context}: alasan belum diisi", phone)
        page.keyboard.type(reason)
        send = page.get_by_role("button", name=re.compile("kirim laporan$", re.IGNORECASE))
    send.click()
    expect(page.get_by_text("Laporan terkirim.")).to_be_visible()

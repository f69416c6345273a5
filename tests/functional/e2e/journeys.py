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
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
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

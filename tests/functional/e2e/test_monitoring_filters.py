"""Monitoring in the browser (issue 25): the national list of pemda that have not reported narrows by province,
urusan and status and pages through 50 at a time keeping its filters; the province monitoring shows its six
urusan on a 1366 px laptop without the page or the table scrolling sideways."""

import re

import pytest
from playwright.sync_api import expect

from reporting.models import Urusan
from reporting.services import reports as svc
from tests import factories
from tests.functional.e2e import journeys
from tests.functional.e2e.conftest import E2E_DB, login
from tests.functional.e2e.journeys import QUARTER, YEAR

pytestmark = E2E_DB

LAPTOP = {"width": 1366, "height": 768}
KALSEL_KABKOTA = 55  # with their province, 56 pemda: two pages of the list
NATIONAL = f"/pelaporan/monitoring/nasional/?tahun={YEAR}&triwulan={QUARTER}"


def _send(region, urusan, period):
    officer = factories.PemdaUserFactory(region=region)
    report = svc.report_get_or_create(region=region, urusan=urusan, period=period)
    svc.report_submit(report=report, user=officer, incomplete_reason="Uji monitoring")
    return report


@pytest.fixture
def monitored(db):
    """Jawa Timur with Jombang (sent PENDIDIKAN only) and Surabaya (nothing); Kalimantan Selatan with 55 kab/kota
    (nothing): 59 pemda have not sent every urusan."""
    data = journeys.world()
    surabaya = factories.KabKotaFactory(
        code="35.78", login_code="3578", name="Kota Surabaya", province=data["province"]
    )
    kalsel = factories.ProvinceFactory(code="63", login_code="6300", name="Kalimantan Selatan")
    for n in range(1, KALSEL_KABKOTA + 1):
        factories.KabKotaFactory(
            code=f"63.{n:02d}", login_code=f"63{n:02d}", name=f"Kabupaten Uji {n:02d}", province=kalsel
        )
    _send(data["kabkota"], data["pendidikan"], data["period"])
    return {**data, "surabaya": surabaya, "kalsel": kalsel, "ministry": factories.UserFactory(role="reviewer")}


def _list(page):
    return page.get_by_role("table", name=re.compile("^Pemda yang belum mengirim semua urusan"))


def _codes(page) -> list[str]:
    return [code.strip() for code in _list(page).locator("tbody tr td:first-child").all_inner_texts()]


def _filter(page, *, province="Semua provinsi", urusan="Semua urusan", status="Semua"):
    form = page.get_by_role("form", name="Saring daftar pemda")
    form.get_by_label("Provinsi", exact=True).select_option(label=province)
    form.get_by_label("Urusan belum dikirim").select_option(label=urusan)
    form.get_by_label("Status").select_option(label=status)
    form.get_by_role("button", name="Saring").click()
    page.wait_for_load_state()


def _count(page, text: str):
    expect(page.get_by_role("status").filter(has_text="pemda belum mengirim")).to_have_text(re.compile(text))


def test_the_national_list_filters_by_province_urusan_and_status_and_pages_keeping_them(page, live_server, monitored):
    login(page, live_server, monitored["ministry"].username)
    page.goto(live_server.url + NATIONAL)

    _count(page, r"^59 pemda belum mengirim semua urusan\.$")
    pages = page.get_by_role("navigation", name="Halaman daftar pemda")
    expect(pages).to_contain_text("Halaman 1 dari 2")
    assert len(_codes(page)) == 50
    assert _codes(page)[:3] == ["35", "35.17", "35.78"]
    journeys.check(page, "monitoring nasional: daftar belum melapor", False)
    pages.get_by_role("link", name="Berikutnya").click()
    expect(pages).to_contain_text("Halaman 2 dari 2")
    assert _codes(page) == [f"63.{n:02d}" for n in range(47, KALSEL_KABKOTA + 1)]

    _filter(page, province="Jawa Timur")
    _count(page, r"^3 pemda .*\(sesuai saringan\)\.$")
    assert _codes(page) == ["35", "35.17", "35.78"]
    expect(page.get_by_role("navigation", name="Halaman daftar pemda")).to_have_count(0)
    jombang = _list(page).get_by_role("row").filter(has=page.get_by_role("rowheader", name="Kabupaten Jombang"))
    expect(jombang.locator("td").nth(2)).not_to_contain_text("PENDIDIKAN")  # the urusan it has sent

    _filter(page, province="Jawa Timur", urusan="PENDIDIKAN")
    assert _codes(page) == ["35", "35.78"]  # Jombang has sent PENDIDIKAN
    _filter(page, province="Jawa Timur", status="Sebagian terkirim")
    assert _codes(page) == ["35.17"]
    _filter(page, status="Belum mengirim satu pun")
    _count(page, r"^58 pemda ")
    assert "35.17" not in _codes(page)
    journeys.check(page, "monitoring nasional: daftar tersaring", False)

    # A filtered list of two pages keeps its filters on the next page.
    _filter(page, province="Kalimantan Selatan", status="Belum mengirim satu pun")
    _count(page, r"^56 pemda ")
    pages = page.get_by_role("navigation", name="Halaman daftar pemda")
    pages.get_by_role("link", name="Berikutnya").click()
    expect(pages).to_contain_text("Halaman 2 dari 2")
    _count(page, r"^56 pemda ")
    assert _codes(page) == [f"63.{n:02d}" for n in range(50, KALSEL_KABKOTA + 1)]
    assert "provinsi=63" in page.url and "status=" in page.url
    form = page.get_by_role("form", name="Saring daftar pemda")
    expect(form.get_by_label("Provinsi", exact=True)).to_have_value("63")
    expect(form.get_by_label("Status")).to_have_value("kosong")
    journeys.check(page, "monitoring nasional: halaman 2 tersaring", False)


# The six urusan heads of the province table, where they are, and whether the page or the table scrolls.
PROVINCE_LAYOUT_JS = """
() => {
  const wrap = document.querySelector('#kabkota .table-wrap');
  const heads = Array.from(wrap.querySelectorAll('thead th')).slice(6);
  return {
    page: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
    table: [wrap.scrollWidth, wrap.clientWidth],
    heads: heads.map((th) => [th.textContent.trim(), Math.round(th.getBoundingClientRect().right)]),
  };
}
"""


@pytest.mark.parametrize("who", ["province", "ministry"])
def test_province_monitoring_shows_the_six_urusan_at_1366_px_without_scrolling_sideways(
    open_page, live_server, monitored, who
):
    user = factories.PemdaUserFactory(region=monitored["province"]) if who == "province" else monitored["ministry"]
    page = open_page(LAPTOP)
    login(page, live_server, user.username)
    page.goto(f"{live_server.url}/pelaporan/monitoring/provinsi/35/?tahun={YEAR}&triwulan={QUARTER}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Monitoring Provinsi Jawa Timur")
    layout = page.evaluate(PROVINCE_LAYOUT_JS)
    names = list(Urusan.objects.order_by("order").values_list("short_name", flat=True))
    assert [name for name, _ in layout["heads"]] == names and len(names) == 6
    assert all(right <= LAPTOP["width"] for _, right in layout["heads"]), layout["heads"]
    assert layout["page"][0] <= layout["page"][1], layout  # the page does not scroll sideways
    assert layout["table"][0] <= layout["table"][1], layout  # nor does the table inside it
    journeys.check(page, f"monitoring provinsi 1366 px ({who})", False)

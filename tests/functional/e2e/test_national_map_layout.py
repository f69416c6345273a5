"""The national tile map and its per-province table: side by side on a 1280 px screen (the table in its own
column, within the screen, scrolling inside it), one below the other on a phone, never wider than the screen;
on a phone the tiles come as a list of cards from west to east, legible and each a 44 px target."""

from decimal import Decimal

import pytest

from reporting.models import ReportStatus
from tests import factories
from tests.functional.e2e.conftest import DESKTOP, E2E_DB, assert_accessible, assert_fits_the_screen, login
from tests.functional.e2e.journeys import QUARTER, YEAR, check_print

pytestmark = E2E_DB

# The 38 provinces by code, with their names at full length (the table's widest cells).
PROVINCES = {
    "11": "Aceh",
    "12": "Sumatera Utara",
    "13": "Sumatera Barat",
    "14": "Riau",
    "15": "Jambi",
    "16": "Sumatera Selatan",
    "17": "Bengkulu",
    "18": "Lampung",
    "19": "Kepulauan Bangka Belitung",
    "21": "Kepulauan Riau",
    "31": "DKI Jakarta",
    "32": "Jawa Barat",
    "33": "Jawa Tengah",
    "34": "DI Yogyakarta",
    "35": "Jawa Timur",
    "36": "Banten",
    "51": "Bali",
    "52": "Nusa Tenggara Barat",
    "53": "Nusa Tenggara Timur",
    "61": "Kalimantan Barat",
    "62": "Kalimantan Tengah",
    "63": "Kalimantan Selatan",
    "64": "Kalimantan Timur",
    "65": "Kalimantan Utara",
    "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah",
    "73": "Sulawesi Selatan",
    "74": "Sulawesi Tenggara",
    "75": "Gorontalo",
    "76": "Sulawesi Barat",
    "81": "Maluku",
    "82": "Maluku Utara",
    "91": "Papua",
    "92": "Papua Barat",
    "93": "Papua Selatan",
    "94": "Papua Tengah",
    "95": "Papua Pegunungan",
    "96": "Papua Barat Daya",
}
PHONES = (360, 390, 414)
URL = f"/pelaporan/monitoring/nasional/?tahun={YEAR}&triwulan={QUARTER}"
TABLE = "Tabel per provinsi, dapat digeser"


@pytest.fixture
def country(db):
    """The 38 provinces, six urusan, and sent reports in every category for most of them."""
    period = factories.PeriodFactory(year=YEAR, quarter=QUARTER)
    urusan = [factories.UrusanFactory(code=f"1.0{n + 1}", order=n + 1) for n in range(6)]
    for n, (code, name) in enumerate(PROVINCES.items()):
        province = factories.ProvinceFactory(code=code, login_code=f"{code}00", name=name)
        if n % 7 == 6:
            continue  # some provinces have sent nothing: their tile is the dashed "belum ada laporan"
        for u in urusan[: 1 + n % 6]:
            factories.ReportFactory(
                region=province,
                urusan=u,
                period=period,
                status=ReportStatus.SUBMITTED,
                submitted_at=period.opens_at,
                indeks=Decimal(100 - 2 * n),
                figures_required=10,
                figures_filled=10 - n % 10,
            )
    return {"ministry": factories.UserFactory(role="reviewer")}


def _boxes(page):
    """The map's box and the box of the table's region (the table scrolls inside it)."""
    tile_map = page.locator("figure.tile-map").bounding_box()
    table = page.get_by_role("region", name=TABLE).bounding_box()
    return tile_map, table


def test_the_table_sits_beside_the_tile_map_at_1280_px_and_below_it_on_a_phone(open_page, live_server, country):
    page = open_page(DESKTOP)
    login(page, live_server, country["ministry"].username)
    page.goto(live_server.url + URL)
    assert page.locator("a.tile").count() == len(PROVINCES)
    assert page.locator("figure.tile-map svg").is_visible() and not page.locator(".tile-list").is_visible()

    tile_map, table = _boxes(page)
    assert table["x"] >= tile_map["x"] + tile_map["width"], (tile_map, table)  # to the right of the map
    assert table["y"] < tile_map["y"] + tile_map["height"]  # beside it, not below
    assert table["x"] + table["width"] <= DESKTOP["width"] and tile_map["x"] >= 0  # within the screen
    assert_fits_the_screen(page, "monitoring nasional 1280 px")
    # The table's card is as tall as the map's: the 38 rows scroll inside it instead of lengthening the page.
    cards = page.locator(".map-pair > .card")
    bottoms = [box["y"] + box["height"] for box in (cards.nth(0).bounding_box(), cards.nth(1).bounding_box())]
    assert abs(bottoms[0] - bottoms[1]) <= 1, bottoms
    # Every province is in the table, reached by scrolling the table's own region.
    region = page.get_by_role("region", name=TABLE)
    last = region.get_by_role("rowheader", name="Papua Barat Daya")
    last.scroll_into_view_if_needed()
    box, table = last.bounding_box(), region.bounding_box()
    assert table["y"] <= box["y"] and box["y"] + box["height"] <= table["y"] + table["height"] + 1
    assert_accessible(page, "monitoring nasional 1280 px")
    check_print(page, "monitoring nasional dicetak")
    page.emulate_media(media="print")  # printed, the table is whole again: no rows hidden in a scroll
    assert region.evaluate("(wrap) => wrap.scrollHeight <= wrap.clientHeight + 1")
    page.emulate_media(media="screen")

    for width in PHONES:
        page.set_viewport_size({"width": width, "height": 800})
        tile_map, table = _boxes(page)
        assert table["y"] >= tile_map["y"] + tile_map["height"], width  # below the map
        assert tile_map["x"] + tile_map["width"] <= width and table["x"] + table["width"] <= width
        _assert_tiles_legible(page, width)
        assert_fits_the_screen(page, f"monitoring nasional {width} px")
    assert_accessible(page, f"monitoring nasional {PHONES[-1]} px")


def _assert_tiles_legible(page, width):
    """On a phone the drawing to scale is hidden and the 38 tiles are cards: names at 12 px or more, each at
    least 44 px square, within the screen, in the order from Aceh to Papua, each linking to its province."""
    assert not page.locator("figure.tile-map svg").is_visible(), width
    cards = page.locator("a.tile-card")
    assert cards.count() == len(PROVINCES)
    sizes = cards.evaluate_all(
        """(cards) => cards.map((card) => {
            const box = card.getBoundingClientRect();
            const name = card.querySelector('.tile-name');
            return {w: box.width, h: box.height, right: box.right,
                    font: parseFloat(getComputedStyle(name).fontSize), label: card.getAttribute('aria-label')};
        })"""
    )
    for size in sizes:
        assert size["w"] >= 44 and size["h"] >= 44 and size["right"] <= width, (width, size)
        assert size["font"] >= 12, (width, size)
    assert sizes[0]["label"].startswith("Aceh:") and sizes[-1]["label"].startswith("Papua Selatan:"), width
    href = cards.first.get_attribute("href")
    assert href.startswith("/pelaporan/monitoring/provinsi/11/"), href

"""Chart geometry (reporting/charts.py) and the tile map's grid and colours (reporting/tilemap.py)."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from reporting import calculations, charts, tilemap

PROVINCE_CODES = [
    "11",
    "12",
    "13",
    "14",
    "15",
    "16",
    "17",
    "18",
    "19",
    "21",
    "31",
    "32",
    "33",
    "34",
    "35",
    "36",
    "51",
    "52",
    "53",
    "61",
    "62",
    "63",
    "64",
    "65",
    "71",
    "72",
    "73",
    "74",
    "75",
    "76",
    "81",
    "82",
    "91",
    "92",
    "93",
    "94",
    "95",
    "96",
]


def test_bars_are_as_long_as_their_percentage_and_carry_their_value():
    chart = charts.bar_chart(
        [{"label": "PENDIDIKAN", "values": [Decimal("50"), Decimal("99.85")]}], ["Indeks", "Serapan"]
    )
    (band,) = chart.bands
    assert [bar.width for bar in band.bars] == [Decimal(190), Decimal("379.4")]
    assert [bar.text for bar in band.bars] == ["50,00 %", "99,85 %"]
    assert [bar.name for bar in band.bars] == ["Indeks", "Serapan"]
    assert band.bars[1].text_x > band.bars[1].width  # the value is written after the bar, never on it


@pytest.mark.parametrize(
    ("value", "width", "text"),
    [(None, Decimal(0), "-"), (Decimal("-3"), Decimal(0), "-3,00 %"), (Decimal("150"), Decimal(380), "150,00 %")],
)
def test_bars_stay_within_the_plot_while_the_value_shows_as_it_is(value, width, text):
    bar = charts.bar_chart([{"label": "X", "values": [value]}], ["S"]).bands[0].bars[0]
    assert (bar.width, bar.text) == (width, text)


def test_gridlines_mark_0_50_and_100_percent_across_every_band():
    chart = charts.bar_chart([{"label": str(y), "values": [Decimal(1)]} for y in range(3)], ["S"])
    assert [(g.x, g.label) for g in chart.gridlines] == [(0, "0 %"), (190, "50 %"), (380, "100 %")]
    assert chart.gridlines[0].anchor == "start" and chart.gridlines[1].anchor == "middle"
    assert chart.plot_bottom > chart.bands[-1].y


def test_every_province_of_the_registry_has_its_own_tile():
    assert sorted(tilemap.TILE_POSITIONS) == sorted(PROVINCE_CODES)
    positions = [(row, col) for row, col, _ in tilemap.TILE_POSITIONS.values()]
    assert len(set(positions)) == len(positions) == 38
    labels = [label for _, _, label in tilemap.TILE_POSITIONS.values()]
    assert len(set(labels)) == 38


def test_aceh_is_west_of_papua_and_java_south_of_kalimantan():
    pos = tilemap.TILE_POSITIONS
    assert pos["11"][1] < pos["35"][1] < pos["91"][1]
    assert pos["35"][0] > pos["64"][0]


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize(("fill", "text"), [*tilemap.RANK_STYLES, tilemap.NO_DATA_STYLE])
def test_tile_text_has_at_least_4_5_to_1_contrast_on_its_fill(fill, text):
    light, dark = sorted((_luminance(fill), _luminance(text)), reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 4.5


def test_category_short_names_are_unique_for_the_default_categories():
    names = [name for name, _ in calculations.DEFAULT_CATEGORIES]
    shorts = tilemap.category_shorts(names)
    assert len(set(shorts)) == len(names)
    assert shorts[0] == "TPar" and shorts[-1] == "BT"


def test_tiles_take_the_category_of_the_mean_indeks_and_unknown_codes_go_below_the_grid():
    rows = [
        SimpleNamespace(code="35", label="Jawa Timur", indeks=Decimal("85.2"), reporting_rate=Decimal(50)),
        SimpleNamespace(code="32", label="Jawa Barat", indeks=None, reporting_rate=Decimal(0)),
        SimpleNamespace(code="99", label="Provinsi Uji", indeks=Decimal(10), reporting_rate=None),
    ]
    result = tilemap.tile_map(rows, calculations.DEFAULT_CATEGORIES, lambda code: f"/p/{code}/")
    jatim, jabar, extra = result.tiles
    assert (jatim.category_name, jatim.category_short, jatim.url) == ("Tuntas Utama", "TU", "/p/35/")
    assert (jatim.x, jatim.y) == (7 * 64, 5 * 64)
    assert (jabar.category_name, jabar.category_short) == (tilemap.NO_DATA_LABEL, "–")
    assert extra.category_name == "Belum Tuntas" and extra.y == tilemap.GRID_ROWS * 64
    assert result.height == (tilemap.GRID_ROWS + 1) * 64


def test_the_phone_list_of_tiles_runs_from_aceh_in_the_west_to_papua_in_the_east():
    rows = [
        SimpleNamespace(code=code, label=code, indeks=None, reporting_rate=None)
        for code in ("91", "35", "11", "12", "93")
    ]
    result = tilemap.tile_map(rows, calculations.DEFAULT_CATEGORIES, lambda code: f"/p/{code}/")
    assert [tile.code for tile in result.west_to_east] == ["11", "12", "35", "91", "93"]

"""The charts as the pages draw them: values on the bars, gridlines, the five-year trend, the tile map's links."""

import re

import pytest

from tests import factories
from tests.functional.test_dashboard_pages import _login
from tests.integration.test_monitoring_selectors import build_world

NATIONAL = "/pelaporan/monitoring/nasional/"
PARAMS = {"tahun": 2026, "triwulan": 1}


@pytest.fixture
def world(db):
    return build_world()


def svg_of(html: str, chart_id: str) -> str:
    start = html.index(f'aria-labelledby="{chart_id}-t"')
    return html[start : html.index("</figure>", start)]


def test_national_bars_carry_their_values_and_gridlines_at_0_50_100(client, world):
    client.force_login(factories.UserFactory(role="reviewer"))
    html = client.get(NATIONAL, PARAMS).content.decode()
    svg = svg_of(html, "grafik-urusan")
    assert re.search(r'<text class="chart-value"[^>]*>\d+,\d\d %</text>', svg)
    for x, label in ((0, "0 %"), (190, "50 %"), (380, "100 %")):
        assert f'<line class="chart-grid" x1="{x}" x2="{x}"' in svg
        assert f">{label}</text>" in svg
    assert "<desc" in svg and "PENDIDIKAN: Tingkat pelaporan" in svg
    # SVG lengths are never written the Indonesian way ("0,7" is no length)
    assert not re.search(r'(width|x|y|height)="[0-9]+,[0-9]+"', svg)


def test_national_tile_map_links_every_province_to_its_monitoring_with_a_text_cue(client, world):
    client.force_login(factories.UserFactory(role="reviewer"))
    html = client.get(NATIONAL, PARAMS).content.decode()
    start = html.index('id="peta-judul"')
    section = html[start : html.index("</section>", start)]
    link = re.search(
        r'<a href="/pelaporan/monitoring/provinsi/35/\?tahun=2026&amp;triwulan=1" class="tile" aria-label="([^"]+)"',
        section,
    )
    assert link, section[:2000]
    assert link.group(1).startswith("Jawa Timur: ")
    assert ">JATIM</text>" in section and ">JABAR</text>" in section
    assert 'role="group"' in section and '<title id="peta-t">' in section
    # the phone's list of the same tiles links there too, with the same words
    card = re.search(
        r'<a href="/pelaporan/monitoring/provinsi/35/\?tahun=2026&amp;triwulan=1" class="tile-card[^"]*"[^>]*aria-label="([^"]+)"',
        section,
    )
    assert card and card.group(1) == link.group(1)
    assert '<span class="tile-name">JATIM</span>' in section
    # the table right after the map holds the same provinces with the category in words
    start = html.index('id="provinsi-judul"')
    table = html[start : html.index("</section>", start)]
    jatim = re.search(r"<tr><td>35</td>.*?</tr>", table).group(0)
    assert "Rata-rata indeks" in table and re.search(r"(TPar|TU|TMad|TMud|TPra|BT) · Tuntas|Belum Tuntas", jatim)


def test_national_and_province_monitoring_show_the_trend_over_the_years(client, world):
    factories.PeriodFactory(year=2025, quarter=4)
    client.force_login(factories.UserFactory(role="reviewer"))
    html = client.get(NATIONAL, PARAMS).content.decode()
    svg = svg_of(html, "grafik-tren-tahun")
    assert '<text x="0" y="16" class="chart-label">2025</text>' in svg
    assert '<text x="0" y="16" class="chart-label">2026</text>' in svg
    province = client.get("/pelaporan/monitoring/provinsi/35/", PARAMS).content.decode()
    assert "grafik-tren-tahun" in province and "Tren 2025-2026" in province


def test_pemda_dashboard_shows_its_years_with_values_on_the_bars(client, world):
    _login(client, factories.PemdaUserFactory(region=world["jombang"]))
    html = client.get("/pelaporan/", PARAMS).content.decode()
    svg = svg_of(html, "grafik-tren-tahun")
    assert '<text x="0" y="16" class="chart-label">2026</text>' in svg
    assert re.search(r'<text class="chart-value"[^>]*>(\d+,\d\d %|-)</text>', svg)

"""Province and national monitoring pages: who may see what, and fixed query counts."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from reporting.selectors.public import public_figures_changed
from reporting.selectors.reports import category_thresholds
from tests import factories
from tests.functional.test_dashboard_pages import _add_kabkota_with_reports
from tests.integration.test_monitoring_selectors import build_world

NATIONAL = "/pelaporan/monitoring/nasional/"
PARAMS = {"tahun": 2026, "triwulan": 1}


@pytest.fixture
def world(db):
    return build_world()


def province_url(code):
    return f"/pelaporan/monitoring/provinsi/{code}/"


@pytest.mark.parametrize("url", [NATIONAL, province_url("35"), "/pelaporan/monitoring/provinsi/"])
def test_anonymous_is_sent_to_login(client, world, url):
    assert client.get(url).status_code == 302


@pytest.mark.parametrize(("who", "status"), [("jombang", 403), ("jatim", 403), ("ministry", 200)])
def test_only_the_ministry_reaches_national_monitoring(client, world, who, status):
    user = (
        factories.UserFactory(role="reviewer") if who == "ministry" else factories.PemdaUserFactory(region=world[who])
    )
    client.force_login(user)
    assert client.get(NATIONAL, PARAMS).status_code == status


@pytest.mark.parametrize(
    ("who", "code", "status"),
    [
        ("jatim", "35", 200),
        ("jatim", "32", 404),
        ("jabar", "35", 404),
        ("jombang", "35", 404),
        ("ministry", "35", 200),
        ("ministry", "32", 200),
    ],
)
def test_province_monitoring_scope(client, world, who, code, status):
    user = (
        factories.UserFactory(role="reviewer") if who == "ministry" else factories.PemdaUserFactory(region=world[who])
    )
    client.force_login(user)
    assert client.get(province_url(code), PARAMS).status_code == status


def test_operator_of_a_province_sees_no_kabkota(client, world):
    parent = factories.PemdaUserFactory(region=world["jatim"])
    operator = factories.OperatorUserFactory(parent=parent, urusan=world["kes"])
    client.force_login(operator)
    html = client.get(province_url("35"), PARAMS).content.decode()
    assert "Kabupaten Jombang" not in html


def test_province_page_sorts_without_javascript(client, world):
    client.force_login(factories.PemdaUserFactory(region=world["jatim"]))
    html = client.get("/pelaporan/monitoring/provinsi/", {**PARAMS, "urut": "isian", "arah": "turun"}).content.decode()
    assert html.index("Kabupaten Jombang") < html.index("Kabupaten Malang") < html.index("Kota Surabaya")
    assert 'aria-sort="descending"' in html


def test_ministry_sees_province_rows_and_not_reported_list(client, world):
    client.force_login(factories.UserFactory(role="reviewer"))
    html = client.get(NATIONAL, PARAMS).content.decode()
    assert "62,50 %" in html and "46,43 %" in html  # Jawa Timur reporting and fill rate
    assert "Kabupaten Lama" not in html  # inactive
    assert "Kota Surabaya" in html and "PENDIDIKAN" in html
    assert "20-04-2026 23:59" in html


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, PARAMS).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", ["jatim", "ministry"])
def test_monitoring_query_count_does_not_grow_with_data(client, world, who):
    user = (
        factories.UserFactory(role="reviewer") if who == "ministry" else factories.PemdaUserFactory(region=world[who])
    )
    client.force_login(user)
    url = NATIONAL if who == "ministry" else province_url("35")
    category_thresholds()  # the tile map's thresholds stay cached (shared cache) whatever the data
    public_figures_changed()  # the five-year trend is computed (not read from the shared cache) both times
    small = _count(client, url)
    _add_kabkota_with_reports(world, 8)
    public_figures_changed()
    assert _count(client, url) == small

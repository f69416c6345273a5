"""Province and national monitoring pages: who may see what, and fixed query counts."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.emblem import emblem_get
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
    emblem_get()  # the header's emblem is computed once per cache generation (home.emblem), not by this page
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


def _not_reported_names(client, **filters):
    html = client.get(NATIONAL, {**PARAMS, **filters}).content.decode()
    section = html[html.index('id="belum-judul"') :]
    names = ("Jawa Timur", "Jawa Barat", "Kabupaten Jombang", "Kota Surabaya", "Kabupaten Malang", "Kota Bogor")
    return {name for name in names if f'<th scope="row">{name}</th>' in section}


def test_the_not_reported_list_filters_by_province_urusan_and_status(client, world):
    """The list of every pemda not complete is narrowed on the server: a province (with its kab/kota), the
    urusan still missing, nothing sent or part sent; an unknown value is ignored."""
    client.force_login(factories.UserFactory(role="reviewer"))
    everyone = _not_reported_names(client)
    jatim = _not_reported_names(client, provinsi="35")
    assert jatim and jatim <= {"Jawa Timur", "Kabupaten Jombang", "Kota Surabaya", "Kabupaten Malang"}
    assert "Kota Bogor" in everyone - jatim
    pendidikan = factories.UrusanFactory(code="1.01")
    missing_pend = _not_reported_names(client, provinsi="35", urusan=pendidikan.pk)
    assert "Jawa Timur" not in missing_pend and "Kota Surabaya" in missing_pend  # its Pendidikan is a draft
    nothing = _not_reported_names(client, status="kosong")
    part = _not_reported_names(client, status="sebagian")
    assert nothing | part == everyone and not nothing & part
    assert "Kota Surabaya" in part
    assert _not_reported_names(client, provinsi="99", status="x") == everyone


def test_the_not_reported_pages_keep_the_filters(client, world, monkeypatch):
    from reporting.views import monitoring as views

    monkeypatch.setattr(views, "NOT_REPORTED_PER_PAGE", 1)
    client.force_login(factories.UserFactory(role="reviewer"))
    html = client.get(NATIONAL, {**PARAMS, "provinsi": "35", "status": "sebagian"}).content.decode()
    assert "provinsi=35&amp;status=sebagian&amp;hal=2#belum-judul" in html

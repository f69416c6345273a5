"""Landasan hukum / produk hukum: filters by name, year, urusan and kind, pagination, downloads."""

import pytest

from home.services import site_structure_ensure
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages():
    return site_structure_ensure()


@pytest.fixture
def urusan():
    return {
        "pendidikan": factories.UrusanFactory(code="1.01", name="Pendidikan", short_name="PENDIDIKAN", order=1),
        "trantib": factories.UrusanFactory(code="1.05", name="Trantibumlinmas", short_name="TRANTIBUMLINMAS", order=5),
    }


@pytest.fixture
def regulations(pages, urusan):
    return {
        "pp": factories.RegulationPageFactory(
            title="Peraturan Pemerintah Nomor 2 Tahun 2018 tentang Standar Pelayanan Minimal",
            nomor="2",
            tahun=2018,
        ),
        "bencana": factories.RegulationPageFactory(
            title="Peraturan Menteri Dalam Negeri Nomor 101 Tahun 2018 tentang Sub-Urusan Bencana",
            nomor="101",
            tahun=2018,
            kind="petunjuk_teknis",
            urusan=[urusan["trantib"]],
        ),
        "penerapan": factories.RegulationPageFactory(
            title="Peraturan Menteri Dalam Negeri Nomor 59 Tahun 2021 tentang Penerapan SPM",
            nomor="59",
            tahun=2021,
        ),
    }


def _titles(client, query=""):
    html = client.get(f"/landasan-hukum/{query}").content.decode()
    return html, {
        key
        for key, word in (("pp", "Nomor 2 Tahun"), ("bencana", "Nomor 101"), ("penerapan", "Nomor 59"))
        if word in html
    }


def test_list_shows_every_regulation_with_its_download(client, regulations):
    html, found = _titles(client)

    assert found == {"pp", "bencana", "penerapan"}
    assert "Total 3 item" in html
    assert html.count("Download / Lihat") == 3
    assert "Semua urusan" in html and "TRANTIBUMLINMAS" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?q=bencana", {"bencana"}),
        ("?q=pemerintah+standar", {"pp"}),
        ("?tahun=2021", {"penerapan"}),
        ("?kind=petunjuk_teknis", {"bencana"}),
        ("?tahun=2018&kind=landasan_hukum", {"pp"}),
    ],
)
def test_filters_by_name_year_and_kind(client, regulations, query, expected):
    assert _titles(client, query)[1] == expected


def test_filter_by_urusan(client, regulations, urusan):
    assert _titles(client, f"?urusan={urusan['trantib'].pk}")[1] == {"bencana"}
    html, found = _titles(client, f"?urusan={urusan['pendidikan'].pk}")
    assert found == set()
    assert "Tidak ada peraturan yang sesuai dengan filter." in html


def test_bad_filter_values_show_an_error_and_the_whole_list(client, regulations):
    html, found = _titles(client, "?tahun=abad&urusan=999999")

    assert found == {"pp", "bencana", "penerapan"}
    assert 'class="error"' in html


def test_list_paginates_and_keeps_the_filters(client, pages):
    for number in range(1, 13):
        factories.RegulationPageFactory(
            title=f"Peraturan Uji Nomor {number} Tahun 2019", nomor=str(number), tahun=2019
        )
    factories.RegulationPageFactory(title="Peraturan Lain Tahun 2020", tahun=2020)

    first = client.get("/landasan-hukum/?tahun=2019").content.decode()
    second = client.get("/landasan-hukum/?tahun=2019&page=2").content.decode()

    assert "Total 12 item" in first and "Total 12 item" in second
    assert "?tahun=2019&amp;page=2" in first
    assert first.count("Download / Lihat") == 10
    assert second.count("Download / Lihat") == 2
    assert "Peraturan Lain" not in first + second


def test_signed_in_users_see_the_list_as_produk_hukum(client, regulations):
    client.force_login(factories.PemdaUserFactory())

    assert "<h1>Produk Hukum</h1>" in client.get("/landasan-hukum/").content.decode()
    client.logout()
    assert "<h1>Landasan Hukum SPM</h1>" in client.get("/landasan-hukum/").content.decode()


def test_regulation_page_shows_its_facts_and_download(client, regulations, django_assert_max_num_queries):
    client.get(regulations["bencana"].url)  # Wagtail caches the site's root paths on the first page of a process
    with django_assert_max_num_queries(14):
        html = client.get(regulations["bencana"].url).content.decode()

    assert "101" in html and "Petunjuk teknis" in html and "TRANTIBUMLINMAS" in html
    assert "Download / Lihat (PDF)" in html


def test_news_page_runs_a_bounded_number_of_queries(client, pages, django_assert_max_num_queries):
    page = factories.NewsPageFactory()
    client.get(page.url)

    with django_assert_max_num_queries(14):
        assert client.get(page.url).status_code == 200

"""Search finds news, regulations and the guide by words in their text, with Wagtail search."""

import pytest

from home.services import site_structure_ensure
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    pages = site_structure_ensure()
    guide = pages["buku-panduan"]
    guide.body = "<p>Masukkan username berupa kode wilayah tanpa titik.</p>"
    guide.save_revision().publish()
    return {
        "news": factories.NewsPageFactory(
            title="Asistensi daerah",
            summary="Ringkasan.",
            body="<p>Pertemuan membahas penganggaran pelayanan dasar.</p>",
        ),
        "regulation": factories.RegulationPageFactory(
            title="Peraturan Menteri Dalam Negeri Nomor 114 Tahun 2018",
            tentang="Sub-urusan kebakaran daerah kabupaten/kota",
        ),
    }


def test_site_search_finds_news_by_a_word_in_its_body(client, content):
    html = client.get("/cari/?q=penganggaran").content.decode()

    assert "Asistensi daerah" in html
    assert "Nomor 114" not in html


def test_site_search_finds_regulations_by_a_word_in_tentang(client, content):
    html = client.get("/cari/?q=kebakaran").content.decode()

    assert "Nomor 114" in html
    assert "Asistensi daerah" not in html


def test_site_search_finds_the_guide(client, content):
    assert "Buku Panduan" in client.get("/cari/?q=username").content.decode()


def test_site_search_ignores_unpublished_pages(client, content):
    content["news"].unpublish()

    html = client.get("/cari/?q=penganggaran").content.decode()

    assert "Asistensi daerah" not in html
    assert "Tidak ada hasil" in html


def test_news_search_box_searches_only_news(client, content):
    factories.NewsPageFactory(title="Berita lain", body="<p>Tidak relevan.</p>")

    html = client.get("/berita/?q=penganggaran").content.decode()

    assert "Asistensi daerah" in html and "Berita lain" not in html
    assert "Total 1 item" in html


def test_empty_and_odd_queries_do_not_fail(client, content):
    assert client.get("/cari/").status_code == 200
    assert client.get("/cari/?q=" + "x" * 5000).status_code == 200
    assert client.get("/cari/?q=%22%27%29%28*").status_code == 200
    assert client.get("/berita/?q=%22%27%29%28*").status_code == 200
    for words in ("OR", "spm OR", "AND tim", "NOT", "NEAR(a b)", "tim^2", "a:b"):
        assert client.get("/cari/", {"q": words}).status_code == 200, words
        assert client.get("/berita/", {"q": words}).status_code == 200, words

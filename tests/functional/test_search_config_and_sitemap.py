"""Search on PostgreSQL stems Indonesian words; /sitemap.xml lists the public pages."""

import pytest

from django.conf import settings
from django.db import connection

from home.services import site_structure_ensure
from tests import factories

pytestmark = pytest.mark.django_db


def test_search_uses_the_indonesian_configuration_on_postgresql():
    config = settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG")
    assert config == ("indonesian" if connection.vendor == "postgresql" else None)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming is PostgreSQL's full-text search")
def test_searching_layanan_finds_a_page_that_says_pelayanan(client):
    site_structure_ensure()
    factories.NewsPageFactory(title="Rapat koordinasi", summary="Ringkasan.", body="<p>Standar pelayanan dasar.</p>")
    factories.NewsPageFactory(title="Berita lain", summary="Ringkasan.", body="<p>Penganggaran daerah.</p>")

    html = client.get("/cari/?q=layanan").content.decode()

    assert "Rapat koordinasi" in html
    assert "Berita lain" not in html


def test_sitemap_lists_live_public_pages_and_not_drafts(client):
    site_structure_ensure()
    live = factories.NewsPageFactory(title="Berita terbit", summary="Ringkasan.", body="<p>Isi.</p>")
    draft = factories.NewsPageFactory(title="Berita draf", summary="Ringkasan.", body="<p>Isi.</p>")
    draft.unpublish()

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    xml = response.content.decode()
    assert live.url_path.split("/", 2)[-1].rstrip("/") in xml or live.slug in xml
    assert draft.slug not in xml

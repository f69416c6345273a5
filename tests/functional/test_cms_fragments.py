"""The home page's and the news list's drawn parts (``home.cms_cache``) follow the CMS at once.

Each test draws a page (so that its fragment is kept), changes the CMS as an editor does, and draws it again:
with the CMS generation's replacement (``home.signals``) switched off, the second page would be the old one.
"""

import pytest

from wagtail.models import Site

from home.models import NewsPage, PortalSettings
from home.services import site_structure_ensure
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages():
    return site_structure_ensure()


def _news(pages, title):
    news = factories.NewsPageFactory.build(title=title, slug=title.lower().replace(" ", "-"))
    pages["berita"].add_child(instance=news)
    return NewsPage.objects.get(pk=news.pk)


def _html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_news_page_published_unpublished_or_deleted_shows_at_once_on_home_and_berita(client, pages):
    news = _news(pages, "Rapat koordinasi")
    for url in ("/", "/berita/"):
        assert "Rapat koordinasi" in _html(client, url)
    news.title = "Rapat koordinasi nasional"
    news.save_revision().publish()
    for url in ("/", "/berita/"):
        assert "Rapat koordinasi nasional" in _html(client, url)
    news.unpublish()
    for url in ("/", "/berita/"):
        assert "Rapat koordinasi" not in _html(client, url)
    news.save_revision().publish()
    assert "Rapat koordinasi nasional" in _html(client, "/berita/")
    news.delete()
    for url in ("/", "/berita/"):
        assert "Rapat koordinasi" not in _html(client, url)


def test_the_home_page_own_text_and_the_settings_show_at_once(client, pages, pemda_user):
    client.force_login(pemda_user)  # the logged-in home draws the same fragment
    home = pages["home"]
    assert "Bidang dan pelaporan pemda" in _html(client, "/")
    home.reporting_heading = "Rekap pelaporan daerah"
    home.save_revision().publish()
    assert "Rekap pelaporan daerah" in _html(client, "/")
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.sipd_profile_url = "https://sipd.example.go.id/profil"
    settings.save()
    for url in ("/", "/berita/"):
        assert "https://sipd.example.go.id/profil" in _html(client, url)


def test_a_search_and_an_address_with_other_parameters_are_drawn_for_themselves(client, pages):
    _news(pages, "Rapat koordinasi")
    assert "Rapat koordinasi" in _html(client, "/berita/")
    assert "Tidak ada berita yang cocok" in _html(client, "/berita/?q=anggaran")
    assert "Rapat koordinasi" in _html(client, "/berita/?q=koordinasi")


def test_an_editor_previewing_a_draft_sees_the_draft_not_the_kept_live_page(client, pages):
    assert "Bidang dan pelaporan pemda" in _html(client, "/")  # the live fragment is kept
    home = pages["home"].specific
    home.reporting_heading = "Judul konsep"  # a draft: not saved
    preview = home.make_preview_request()  # as Wagtail's preview draws it
    assert "Judul konsep" in preview.content.decode()
    assert "Judul konsep" not in _html(client, "/")

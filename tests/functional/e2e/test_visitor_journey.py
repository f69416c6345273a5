"""Journey 1, a visitor without an account: home, berita, search, landasan hukum and a document download."""

import re

import pytest
from playwright.sync_api import expect

from django.core.management import call_command

from home.services import site_structure_ensure
from tests import factories
from tests.functional.e2e.conftest import E2E_DB, assert_accessible
from tests.functional.e2e.journeys import YEAR

pytestmark = E2E_DB

NEWS_TITLE = "Asistensi penerapan SPM di Kabupaten Jombang"
REGULATION_TITLE = "Peraturan Menteri Dalam Negeri Nomor 100 Tahun 2018 tentang Penerapan SPM"


@pytest.fixture
def portal(db):
    call_command("load_catalogue", year=YEAR, verbosity=0)
    site_structure_ensure()
    factories.NewsPageFactory(
        title=NEWS_TITLE,
        slug="asistensi-jombang",
        summary="Asistensi daerah.",
        body="<p>Pertemuan membahas penganggaran pelayanan dasar tahun depan.</p>",
    )
    factories.NewsPageFactory(title="Rapat koordinasi nasional", slug="rakornas", body="<p>Rapat tahunan.</p>")
    factories.RegulationPageFactory(
        title=REGULATION_TITLE,
        slug="permendagri-100-2018",
        nomor="100",
        tentang="Penerapan Standar Pelayanan Minimal kebakaran",
    )


def test_a_visitor_reads_the_news_searches_and_downloads_a_regulation(page, live_server, portal):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("#judul-urusan")).to_be_visible()
    expect(page.get_by_text("PENDIDIKAN").first).to_be_visible()  # the real catalogue's urusan
    assert_accessible(page, "beranda")

    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="BERITA").click()
    page.wait_for_url("**/berita/")
    expect(page.get_by_role("heading", level=1, name="Berita")).to_be_visible()
    assert_accessible(page, "daftar berita")
    page.get_by_role("link", name=NEWS_TITLE).first.click()
    page.wait_for_url("**/berita/asistensi-jombang/")
    expect(page.get_by_text("penganggaran pelayanan dasar")).to_be_visible()
    assert_accessible(page, "halaman berita")

    page.goto(live_server.url + "/cari/")
    assert_accessible(page, "pencarian kosong")
    page.get_by_label("Cari berita, peraturan dan buku panduan").fill("penganggaran")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/cari/\?q=penganggaran"))
    expect(page.get_by_role("link", name=NEWS_TITLE)).to_be_visible()
    expect(page.get_by_role("link", name="Rapat koordinasi nasional")).to_have_count(0)
    assert_accessible(page, "hasil pencarian")

    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="LANDASAN HUKUM").click()
    page.wait_for_url("**/landasan-hukum/")
    expect(page.get_by_role("table")).to_contain_text(REGULATION_TITLE)
    assert_accessible(page, "landasan hukum")
    page.get_by_role("link", name=REGULATION_TITLE, exact=True).click()
    page.wait_for_url("**/landasan-hukum/permendagri-100-2018/")
    assert_accessible(page, "halaman peraturan")

    # Wagtail serves a PDF inline: the browser opens (views) it; the link is the download.
    link = page.get_by_role("link", name="Download / Lihat")
    with page.expect_response(lambda response: "/documents/" in response.url) as info:
        link.click()
    response = info.value
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    # Chromium shows it in its PDF viewer; fetch the same address to check the bytes themselves.
    assert page.request.get(response.url).body().startswith(b"%PDF-")

"""Public pages: the home figures are live, news and guide render, dates are Indonesian, feeds work."""

import datetime
import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home import demo
from home.models import NewsPage
from home.services import site_structure_ensure
from reporting.models import RegionLevel, ReportStatus
from reporting.services import reports as report_services
from tests import factories

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


@pytest.fixture
def pages():
    return site_structure_ensure()


@pytest.fixture
def pendidikan():
    return factories.UrusanFactory(code="1.01", name="Pendidikan", short_name="PENDIDIKAN", order=1)


def _reported_figure(html, code):
    match = re.search(rf'data-urusan="{re.escape(code)}">([\d.]+)<', html)
    assert match, f"no figure for urusan {code}"
    return int(match.group(1).replace(".", ""))


def _submit(urusan, region=None):
    return factories.ReportFactory(
        urusan=urusan,
        region=region or factories.KabKotaFactory(),
        period=factories.PeriodFactory(year=YEAR, quarter=1),
        status=ReportStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )


def test_home_lists_the_urusan_with_their_services_from_the_catalogue(client, pages, pendidikan):
    factories.ServiceTypeFactory(
        year=YEAR, urusan=pendidikan, level=RegionLevel.KABKOTA, name="Pendidikan Anak Usia Dini"
    )

    html = client.get("/").content.decode()

    assert "PENDIDIKAN" in html
    assert "Pendidikan Anak Usia Dini" in html
    assert '<strong id="jumlah-indikator">1</strong>' in html


def test_home_figures_change_when_a_report_is_submitted(client, pages, pendidikan):
    province = factories.ProvinceFactory(code="63", name="Kalimantan Selatan")
    region = factories.KabKotaFactory(code="63.04", name="Kabupaten Barito Kuala", province=province)
    before = client.get("/").content.decode()
    assert _reported_figure(before, "1.01") == 0
    assert "Barito Kuala" not in before

    # Through the service, as the portal does: the cached home figures follow the status change.
    factories.ServiceTypeFactory(year=YEAR, urusan=pendidikan, level=RegionLevel.KABKOTA)
    period = factories.PeriodFactory(
        year=YEAR,
        quarter=1,
        opens_at=timezone.now() - datetime.timedelta(days=1),
        closes_at=timezone.now() + datetime.timedelta(days=30),
    )
    report = report_services.report_get_or_create(region=region, urusan=pendidikan, period=period)
    report_services.report_submit(report=report, user=factories.PemdaUserFactory(region=region))

    after = client.get("/").content.decode()
    assert _reported_figure(after, "1.01") == 1
    assert "Provinsi Kalimantan Selatan, Kabupaten Barito Kuala" in after
    assert "Bidang PENDIDIKAN" in after


def test_home_counts_the_published_regulations(client, pages):
    factories.RegulationPageFactory()
    factories.RegulationPageFactory()
    draft = factories.RegulationPageFactory()
    draft.unpublish()

    html = client.get("/").content.decode()

    assert '<strong id="jumlah-landasan-hukum">2</strong>' in html


def test_home_links_to_the_configured_sipd_profile(client, pages, settings):
    settings.SIPD_PROFILE_URL = "https://sipd.example.test/profil"

    assert 'href="https://sipd.example.test/profil"' in client.get("/").content.decode()


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# The site search loads each page type on the results page with one query (at most three types):
# "berita" matches only the news here, so both sizes show one type.
@pytest.mark.parametrize(
    "url", ["/", "/berita/", "/berita/?q=spm", "/landasan-hukum/?tahun=2018", "/buku-panduan/", "/cari/?q=berita"]
)
def test_public_pages_run_the_same_number_of_queries_whatever_the_data_size(client, pages, pendidikan, url):
    def grow(n):
        for _ in range(n):
            _submit(pendidikan)
            factories.ServiceTypeFactory(year=YEAR, urusan=pendidikan)
            factories.NewsPageFactory(title="Berita SPM")
            factories.RegulationPageFactory(urusan=[pendidikan])

    grow(2)
    client.get(url)  # warm caches (site root, content types)
    small = _count_queries(client, url)
    grow(12)
    client.get(url)  # the public figures are cached per generation: the growth (status changes) began a new one
    assert _count_queries(client, url) == small


@pytest.mark.parametrize(
    "url", ["/", "/berita/", "/landasan-hukum/", "/buku-panduan/", "/cari/?q=spm", "/berita/rss/"]
)
def test_public_pages_are_open_to_everyone(client, pages, url):
    users = [
        None,
        factories.PemdaUserFactory(),
        factories.PemdaUserFactory(region=factories.ProvinceFactory()),
        factories.UserFactory(),
        factories.OperatorUserFactory(),
    ]
    for user in users:
        client.logout()
        if user is not None:
            client.force_login(user)
        assert client.get(url).status_code == 200, user


def test_news_list_shows_indonesian_dates_newest_first_and_paginates(client, pages):
    factories.NewsPageFactory(title="Berita Oktober", date=datetime.date(2019, 10, 17))
    factories.NewsPageFactory(title="Berita November", date=datetime.date(2019, 11, 8))
    for day in range(1, 11):
        factories.NewsPageFactory(title=f"Berita lama {day}", date=datetime.date(2019, 1, day))

    first = client.get("/berita/").content.decode()
    second = client.get("/berita/?page=2").content.decode()

    assert first.index("Berita November") < first.index("Berita Oktober")
    assert "8 November 2019" in first and "17 Oktober 2019" in first
    assert "Total 12 item" in first
    assert "Berita lama 1<" in second and "Berita lama 1<" not in first
    assert client.get("/berita/?page=abc").status_code == 200


def test_unpublished_news_is_hidden(client, pages):
    page = factories.NewsPageFactory(title="Belum terbit")
    page.unpublish()

    assert "Belum terbit" not in client.get("/berita/").content.decode()
    assert client.get(page.url or "/berita/belum-terbit/").status_code == 404


def test_news_page_shows_date_author_and_body(client, pages):
    page = factories.NewsPageFactory(
        title="Rapat SPM", author="MA", body="<p>Isi lengkap rapat.</p>", date=datetime.date(2019, 9, 18)
    )

    html = client.get(page.url).content.decode()

    assert "18 September 2019" in html
    assert "Penulis: MA" in html
    assert "Isi lengkap rapat." in html


@pytest.mark.parametrize(
    ("path", "content_type", "marker"),
    [
        ("/berita/rss/", "application/rss+xml", "<rss"),
        ("/berita/atom/", "application/atom+xml", "<feed"),
    ],
)
def test_news_feeds_list_the_published_news(client, pages, path, content_type, marker):
    factories.NewsPageFactory(title="Berita di feed")
    hidden = factories.NewsPageFactory(title="Draft tidak di feed")
    hidden.unpublish()

    response = client.get(path)

    body = response.content.decode()
    assert response["Content-Type"].startswith(content_type)
    assert marker in body and "Berita di feed" in body and "Draft tidak di feed" not in body


def test_demo_content_loads_the_seed_news_regulations_and_guide_once(client, pages):
    factories.UrusanFactory(code="1.05", name="Trantibumlinmas", short_name="TRANTIBUMLINMAS")
    first = demo.demo_content_load(pages)
    second = demo.demo_content_load(pages)

    assert first == {"beranda": 1, "berita": 4, "peraturan": 10, "panduan": 1}
    assert second == {"beranda": 0, "berita": 0, "peraturan": 0, "panduan": 0}
    assert list(NewsPage.objects.order_by("-date").values_list("date", flat=True)) == [
        datetime.date(2019, 11, 8),
        datetime.date(2019, 10, 17),
        datetime.date(2019, 10, 9),
        datetime.date(2019, 9, 18),
    ]
    guide = client.get("/buku-panduan/").content.decode()
    assert "Unduh buku panduan (PDF)" in guide
    document_url = re.search(r'href="(/documents/[^"]+)"', guide).group(1)
    download = client.get(document_url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-1.4")
    regulation = client.get("/landasan-hukum/permendagri-114-2018/").content.decode()
    assert "Berkas contoh" in regulation and "TRANTIBUMLINMAS" in regulation


def test_home_figures_follow_a_catalogue_change_at_once(client, pages, pendidikan):
    client.get("/")
    factories.ServiceTypeFactory(year=YEAR, urusan=pendidikan, level=RegionLevel.KABKOTA, name="Layanan baru sekali")

    assert "Layanan baru sekali" in client.get("/").content.decode()

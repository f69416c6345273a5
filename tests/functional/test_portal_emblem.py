"""The portal's emblem: the logo an editor sets in Pengaturan portal shows in the header of every page (public
site and pemda app) and at the top of every printout, read through Django's storage (the bucket) and never
fetched; the neutral default emblem otherwise; uploads are checked by content and size; no query per page."""

import http.server
import io
import threading

import pytest
from PIL import Image as PILImage
from pypdf import PdfReader

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.images import get_image_model
from wagtail.models import Site

from home import emblem as emblem_module
from home.image_forms import ERROR_IMAGE_CONTENT
from home.models import PortalSettings
from home.services import editorial_setup, site_structure_ensure
from reporting.accounts.services.roles import roles_setup, user_groups_sync
from reporting.models import Job, Role
from reporting.selectors import evaluation as evaluation_selectors
from reporting.services import evaluation as evaluation_services
from reporting.services import pdf
from tests import factories
from tests.jobs import download_bytes, job_from_redirect, run_queued_jobs

pytestmark = pytest.mark.django_db

Image = get_image_model()
LOGO_SIZE = (900, 300)
PRINTED_SIZE = (720, 240)  # emblem.PRINT_FILTER: max-720x240
DEFAULT_SRC = 'src="/static/img/lambang-spm.svg"'


def logo_png(colour=(180, 20, 40), size=LOGO_SIZE) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def logo_image(title="Logo Kemendagri", colour=(180, 20, 40)):
    return Image.objects.create(title=title, file=ContentFile(logo_png(colour), name="logo-kemendagri.png"))


def logo_set(image, alt="Logo Kementerian Dalam Negeri"):
    portal = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    portal.logo = image
    portal.logo_alt_text = alt
    portal.save()
    return portal


@pytest.fixture
def site(db):
    pages = site_structure_ensure()
    return pages


@pytest.fixture
def report(kabkota):
    return factories.report_with_catalogue(kabkota)


@pytest.fixture
def editor(site):
    roles_setup()
    editorial_setup(site)
    user = factories.UserFactory(role=Role.EDITOR)
    user_groups_sync(user)
    return user


def header(html: str) -> str:
    return html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]


def pdf_images(data: bytes) -> list[tuple[int, int]]:
    """The size of every raster image on the printout's first page."""
    page = PdfReader(io.BytesIO(data)).pages[0]
    return [image.image.size for image in page.images]


# --- header ------------------------------------------------------------------------------------------


def test_without_a_logo_every_header_shows_the_neutral_default_with_its_alt_text(client, site, pemda_user):
    public = header(client.get("/").content.decode())
    client.force_login(pemda_user)
    app = header(client.get(reverse("reporting:dashboard")).content.decode())

    for html in (public, app):
        assert DEFAULT_SRC in html
        assert 'alt="Lambang Pelaporan SPM"' in html
        assert 'width="64" height="72"' in html  # no layout shift while it loads


def test_an_editor_sets_the_logo_in_pengaturan_portal_and_every_header_shows_it(client, editor, pemda_user):
    image = logo_image()
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["home", "portalsettings", site.pk])
    client.force_login(editor)
    assert "Pengaturan portal" in client.get("/admin/").content.decode()  # the editor finds it in the menu
    form = client.get(url)
    assert form.status_code == 200 and "Logo instansi" in form.content.decode()

    refused = client.post(url, {"sipd_profile_url": "", "logo": image.pk, "logo_alt_text": ""})
    assert refused.status_code == 200 and PortalSettings.objects.filter(logo=image).count() == 0

    saved = client.post(url, {"sipd_profile_url": "", "logo": image.pk, "logo_alt_text": "Logo Kemendagri RI"})
    assert saved.status_code == 302

    client.logout()
    public = header(client.get("/").content.decode())
    client.force_login(pemda_user)
    app = header(client.get(reverse("reporting:dashboard")).content.decode())
    rendition = image.get_rendition(emblem_module.HEADER_FILTER)
    for html in (public, app):
        assert f'src="{rendition.url}?v={rendition.pk}"' in html
        assert 'alt="Logo Kemendagri RI"' in html
        assert f'width="{rendition.width}" height="{rendition.height}"' in html  # 288 x 96
        assert DEFAULT_SRC not in html
    assert client.get(rendition.url).status_code == 200  # served by the portal's /media/ route


def test_the_header_reads_the_logo_without_a_query_per_page(client, site, pemda_user):
    url = reverse("reporting:dashboard")
    client.force_login(pemda_user)

    def warm_queries():
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return [query["sql"] for query in queries.captured_queries]

    without_logo = warm_queries()
    logo_set(logo_image())
    with_logo = warm_queries()

    assert "/media/images/" in header(client.get(url).content.decode())
    assert len(with_logo) == len(without_logo)
    assert not [sql for sql in with_logo if "home_portalsettings" in sql or "wagtailimages" in sql]


def test_a_new_logo_a_replaced_file_and_a_removed_logo_show_at_once(client, site):
    first = logo_image()
    logo_set(first)
    shown = header(client.get("/").content.decode())
    assert first.get_rendition(emblem_module.HEADER_FILTER).url in shown

    # The image library's "change file": the new file replaces the old, the renditions go (BaseImageForm.save).
    first.file = ContentFile(logo_png((10, 120, 40)), name="logo-baru.png")
    first.save()
    first.renditions.all().delete()
    replaced = header(client.get("/").content.decode())
    assert replaced != shown and first.get_rendition(emblem_module.HEADER_FILTER).url in replaced

    second = logo_image("Logo lain", (0, 0, 0))
    logo_set(second, alt="Logo lain")
    assert 'alt="Logo lain"' in header(client.get("/").content.decode())

    logo_set(None)
    assert DEFAULT_SRC in header(client.get("/").content.decode())


def test_a_logo_whose_file_is_gone_falls_back_to_the_default_emblem(client, site):
    image = logo_image()
    logo_set(image)
    image.file.storage.delete(image.file.name)  # gone from the bucket, no rendition made yet

    assert DEFAULT_SRC in header(client.get("/").content.decode())
    assert not emblem_module.emblem_embedded_get().uploaded


# --- upload checks ---------------------------------------------------------------------------------


def test_an_image_that_does_not_decode_is_refused_with_an_indonesian_message_and_not_stored(client, editor):
    client.force_login(editor)
    truncated = logo_png()[:400]  # a PNG's header and the start of its data: Wagtail's own check passes it
    response = client.post(
        reverse("wagtailimages:add"), {"title": "Logo", "file": SimpleUploadedFile("logo.png", truncated)}
    )

    assert response.status_code == 200
    assert ERROR_IMAGE_CONTENT.format(extension="png") in response.content.decode()
    assert not Image.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "Format gambar"),
        ("logo.png", b"GIF89a<script>alert(1)</script>", "Bukan gambar .png yang sah"),
    ],
)
def test_an_svg_or_a_lying_image_is_refused_in_indonesian(client, editor, name, data, message):
    client.force_login(editor)
    response = client.post(reverse("wagtailimages:add"), {"title": "Logo", "file": SimpleUploadedFile(name, data)})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Image.objects.exists()


def test_an_image_over_the_size_limit_is_refused_in_indonesian(client, editor, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024
    client.force_login(editor)
    response = client.post(
        reverse("wagtailimages:add"), {"title": "Logo", "file": SimpleUploadedFile("logo.png", logo_png())}
    )

    assert response.status_code == 200
    assert "terlalu besar" in response.content.decode()
    assert not Image.objects.exists()


def test_a_sound_logo_upload_is_accepted(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("wagtailimages:add"), {"title": "Logo", "file": SimpleUploadedFile("logo.png", logo_png())}
    )

    assert response.status_code == 302
    assert Image.objects.get().width == LOGO_SIZE[0]


# --- printouts ---------------------------------------------------------------------------------------


def _print_quarterly(client, report) -> bytes:
    job = job_from_redirect(client.post(reverse("reporting:report_pdf", args=[report.pk])))
    run_queued_jobs()
    job.refresh_from_db()
    assert job.status == "done", job.message
    return download_bytes(client, job)


def test_every_printout_carries_the_logo_read_from_the_bucket(client, s3_server, s3_bucket, site, pemda_user, report):
    logo_set(logo_image())
    assert [key for key in s3_server.keys(s3_bucket, "media/original_images/") if "logo-kemendagri" in key]
    client.force_login(pemda_user)

    quarterly = _print_quarterly(client, report)
    started = client.post(reverse("reporting:annual_pdf", args=[2026]))
    assert started.status_code == 302
    run_queued_jobs()
    annual_job = Job.objects.latest("pk")
    assert annual_job.status == "done", annual_job.message
    annual = download_bytes(client, annual_job)
    evaluation = evaluation_services.evaluation_pdf(
        evaluation=evaluation_selectors.evaluation_get(user=pemda_user, region=report.region, period=report.period)
    )

    for printout in (quarterly, annual, evaluation):
        assert PRINTED_SIZE in pdf_images(printout)
    # The printed rendition was made by the worker from the original in the bucket, and stored there.
    assert [key for key in s3_server.keys(s3_bucket, "media/images/") if ".max-720x240.format-png" in key]


def test_without_a_logo_a_printout_carries_the_default_emblem_as_a_drawing(site):
    emblem = emblem_module.emblem_embedded_get()
    data = pdf.pdf_render(template="reporting/pdf/_emblem.html", context={})

    assert emblem.src.startswith("data:image/svg+xml;base64,") and not emblem.uploaded
    assert pdf_images(data) == []  # the SVG is drawn as vectors, not an embedded picture
    drawing = PdfReader(io.BytesIO(data)).pages[0].get_contents().get_data()
    assert b"0.043137 0.227451 0.431373 rg" in drawing  # the shield's navy (#0b3a6e)


def test_a_new_logo_prints_anew_rather_than_serving_the_stored_copy(client, site, pemda_user, report):
    client.force_login(pemda_user)
    without_logo = _print_quarterly(client, report)
    url = reverse("reporting:report_pdf", args=[report.pk])
    assert client.get(url)["Content-Type"] == "application/pdf"  # the same content: the stored copy

    logo_set(logo_image())
    assert client.get(url)["Content-Type"] != "application/pdf"  # a new logo: nothing stored for it yet
    with_logo = _print_quarterly(client, report)

    assert pdf_images(without_logo) == [] and PRINTED_SIZE in pdf_images(with_logo)


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 -- http.server's name
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(logo_png())

    def log_message(self, *args):
        pass


def test_a_printout_fetches_nothing_over_the_network_or_from_the_disk(monkeypatch, tmp_path, site):
    server = http.server.HTTPServer(("127.0.0.1", 0), _CountingHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    local = tmp_path / "logo.png"
    local.write_bytes(logo_png())
    try:
        for src in (f"http://127.0.0.1:{server.server_port}/logo.png", local.as_uri()):
            fake = emblem_module.Emblem(src, "Logo", 10, 10, uploaded=True)
            monkeypatch.setattr("home.templatetags.emblem.emblem_embedded_get", lambda fake=fake: fake)
            assert pdf_images(pdf.pdf_render(template="reporting/pdf/_emblem.html", context={})) == []
    finally:
        server.shutdown()
    assert _CountingHandler.hits == []

"""Files in an S3 bucket (a real S3 API server, tests/s3.py): report files and forum attachments under
``private/`` behind the permission-checked views, Wagtail images under ``media/`` served by the portal with
DEBUG=0, job results in the bucket. Also the local-folder default's public media route."""

import io

import pytest
from PIL import Image as PILImage

from django.core.files.images import ImageFile
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from machina.core.db.models import get_model
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from reporting.jobs import queue
from reporting.models import Job, JobKind, JobStatus, Role, SupportingFile
from reporting.services import reports as report_services
from reporting.services.seed import seed_national
from tests import factories, s3
from tests.functional.test_report_pages import PDF, make_catalogue, upload
from tests.jobs import run_queued_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(kabkota):
    urusan = factories.UrusanFactory(code="1.01", name="Pendidikan", short_name="PENDIDIKAN")
    make_catalogue(urusan)
    return report_services.report_get_or_create(
        region=kabkota, urusan=urusan, period=factories.PeriodFactory(year=2026, quarter=1)
    )


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def make_image(title="Peta"):
    return get_image_model().objects.create(title=title, file=ImageFile(io.BytesIO(png_bytes()), name="peta.png"))


def test_s3_settings_put_both_storages_in_the_bucket_under_two_prefixes(s3_bucket):
    assert storages["private"].bucket_name == s3_bucket and storages["private"].location == "private"
    assert default_storage.bucket_name == s3_bucket and default_storage.location == "media"


def test_data_dukung_lands_in_the_bucket_and_downloads_only_through_the_checked_view(
    client, s3_server, s3_bucket, pemda_user, report
):
    client.force_login(pemda_user)
    assert upload(client, report, "data.pdf", PDF, "pelaksanaan").status_code == 302
    stored = SupportingFile.objects.get(original_name="data.pdf")
    assert f"private/{stored.file.name}" in s3_server.keys(s3_bucket, "private/data-dukung/")
    url = reverse("reporting:report_file", kwargs={"pk": report.pk, "file_pk": stored.pk})
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF

    client.force_login(factories.PemdaUserFactory(region=factories.KabKotaFactory()))
    assert client.get(url).status_code in (403, 404)
    client.logout()
    assert client.get(url).status_code == 302  # to the login page, never the file


def test_two_uploads_with_one_name_keep_both_files_in_the_bucket(client, s3_server, s3_bucket, pemda_user, report):
    client.force_login(pemda_user)
    upload(client, report, "data.pdf", PDF)
    upload(client, report, "data.pdf", PDF + b"%kedua")
    names = {record.file.name for record in SupportingFile.objects.all()}
    assert len(names) == 2 and all(f"private/{name}" in s3_server.keys(s3_bucket) for name in names)


def test_forum_attachments_are_private_files_served_by_the_forum_view(client, s3_server, s3_bucket):
    from forum.forum_abuse.forums import forums_setup
    from reporting.accounts.services.roles import roles_setup

    roles_setup()
    factories.UrusanFactory(code="1.01", name="Pendidikan")
    forum = forums_setup()[0]
    topic = factories.ForumTopicFactory(forum=forum, poster=factories.PemdaUserFactory())
    attachment = get_model("forum_attachments", "Attachment").objects.create(
        post=topic.first_post, file=SimpleUploadedFile("surat.pdf", PDF)
    )
    assert s3_server.keys(s3_bucket, "private/machina/attachments/") == [f"private/{attachment.file.name}"]
    assert s3_server.keys(s3_bucket, "media/") == []
    client.force_login(factories.PemdaUserFactory())  # attachments are for signed-in readers (issue 24.5)
    response = client.get(reverse("forum_conversation:attachment", args=[attachment.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


def test_wagtail_rendition_is_served_from_the_bucket_with_debug_off(client, settings, s3_server, s3_bucket):
    settings.DEBUG = False
    rendition = make_image().get_rendition("fill-20x20")
    assert rendition.url.startswith("/media/images/")
    assert f"media/{rendition.file.name}" in s3_server.keys(s3_bucket, "media/images/")
    response = client.get(rendition.url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert PILImage.open(io.BytesIO(b"".join(response.streaming_content))).size == (20, 20)


def test_wagtail_rendition_is_served_from_the_local_folder_with_debug_off(client, settings):
    settings.DEBUG = False
    rendition = make_image().get_rendition("fill-10x10")
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert PILImage.open(io.BytesIO(b"".join(response.streaming_content))).size == (10, 10)


def test_cms_documents_are_not_served_under_media_only_by_wagtails_view(client):
    document = get_document_model().objects.create(
        title="Panduan", file=SimpleUploadedFile("panduan.pdf", PDF, content_type="application/pdf")
    )
    assert client.get(f"/media/{document.file.name}").status_code == 404
    assert client.get(document.url).status_code == 200


@pytest.mark.parametrize("path", ["images/../documents/x.pdf", "images/missing.png", "../settings.py"])
def test_media_route_refuses_paths_outside_the_image_folders_and_missing_files(client, path):
    assert client.get(f"/media/{path}").status_code == 404


def test_recap_job_result_lands_in_the_bucket_and_downloads_for_its_owner(client, s3_server, s3_bucket):
    seed_national(
        regions=factories.seed_world(provinces=1, kabkota_per_province=2, years=[2026], urusan=1), years=[2026]
    )
    reviewer = factories.UserFactory(role=Role.REVIEWER)
    job = queue.job_start(kind=JobKind.RECAP, user=reviewer, params={"year": 2026, "quarter": 1})
    run_queued_jobs()
    job = Job.objects.get(pk=job.pk)
    assert job.status == JobStatus.DONE, job.message
    assert s3_server.keys(s3_bucket, f"private/jobs/{job.pk}/") == [f"private/{job.result}"]
    client.force_login(reviewer)
    response = client.get(reverse("reporting:job_download", kwargs={"pk": job.pk}))
    assert response.status_code == 200 and b"".join(response.streaming_content)[:2] == b"PK"


def test_storages_go_back_to_the_local_folders_after_an_s3_test(s3_server):
    bucket = s3_server.create_bucket()
    with s3.use_bucket(s3_server, bucket):
        assert SupportingFile._meta.get_field("file").storage.__class__.__name__ == "S3Storage"
    assert type(storages["private"]).__name__ == "FileSystemStorage"
    assert type(storages["default"]).__name__ == "FileSystemStorage"
    assert SupportingFile._meta.get_field("file").storage.__class__.__name__ == "FileSystemStorage"


def test_cms_documents_in_the_bucket_download_through_wagtails_view(client, s3_server, s3_bucket):
    document = get_document_model().objects.create(
        title="Panduan", file=SimpleUploadedFile("panduan.pdf", PDF, content_type="application/pdf")
    )
    assert f"media/{document.file.name}" in s3_server.keys(s3_bucket, "media/documents/")
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert client.get(f"/media/{document.file.name}").status_code == 404

"""A report form submitted again after its save committed (the answer was lost: a host killed after the
commit, a 502 while a host drains) is recognised by its submission key: "Perubahan Anda sebelumnya sudah
tersimpan", no second version, no second file, no "changed by another user" about the user's own save
(issue 23, item 8). A different content, a failed save or a form without a key is a new submission."""

import re

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reporting import messages
from reporting.models import FormSubmission, RencanaAksi, Report, SkTim, SupportingFile
from reporting.services import reports as report_services
from reporting.services.idempotency import submissions_prune
from tests import factories
from tests.functional.test_report_pages import capaian_post, make_catalogue

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF\n"
)
KEY = re.compile(r'name="submission_key" value="([0-9a-f]{32})"')


@pytest.fixture
def report(kabkota):
    urusan = factories.UrusanFactory(code="1.01", name="Pendidikan", short_name="PENDIDIKAN")
    period = factories.PeriodFactory(year=2026, quarter=1)
    make_catalogue(urusan)
    return report_services.report_get_or_create(region=kabkota, urusan=urusan, period=period)


def _keys(client, url) -> list[str]:
    keys = KEY.findall(client.get(url).content.decode())
    assert keys, "the form carries no submission key"
    return keys


def _figures(report: Report, value: int) -> dict:
    entry = report.entries.order_by("order").first()
    return capaian_post(report, **{f"entry-{entry.pk}-harus_dilayani": str(value), f"entry-{entry.pk}-terlayani": "1"})


def test_every_form_of_the_three_tabs_carries_a_submission_key(client, pemda_user, report):
    client.force_login(pemda_user)
    for tab in ("capaian", "kegiatan", "permasalahan"):
        page = client.get(reverse(f"reporting:report_{tab}", kwargs={"pk": report.pk})).content.decode()
        forms = page.count('name="version"')
        assert forms and len(KEY.findall(page)) == forms, tab


def test_tab_a_sent_again_after_its_save_says_it_was_saved_and_saves_nothing_twice(client, pemda_user, report):
    client.force_login(pemda_user)
    url = reverse("reporting:report_capaian", kwargs={"pk": report.pk})
    data = {**_figures(report, 120), "submission_key": _keys(client, url)[0]}
    assert client.post(url, data).status_code == 302  # saved; imagine this answer never arrived
    version = Report.objects.get(pk=report.pk).version
    again = client.post(url, data, follow=True)
    page = again.content.decode()
    assert again.status_code == 200
    assert messages.SUBMISSION_ALREADY_SAVED in page and messages.CONFLICT not in page
    assert Report.objects.get(pk=report.pk).version == version  # nothing written the second time


def test_an_upload_sent_again_is_stored_once(client, pemda_user, report):
    client.force_login(pemda_user)
    url = reverse("reporting:report_permasalahan", kwargs={"pk": report.pk})
    page = client.get(url).content.decode()
    upload = page[page.index('value="upload"') - 400 :]
    key = KEY.search(upload).group(1)

    def post():
        file = SimpleUploadedFile("sk.pdf", PDF, content_type="application/pdf")
        data = {"version": str(report.version), "action": "upload", "category": "", "submission_key": key}
        return client.post(url, {**data, "file": file})

    assert post().status_code == 302
    assert post().status_code == 302
    assert SupportingFile.objects.filter(report=report).count() == 1


def test_other_content_under_the_same_key_is_a_new_submission(client, pemda_user, report):
    client.force_login(pemda_user)
    url = reverse("reporting:report_capaian", kwargs={"pk": report.pk})
    key = _keys(client, url)[0]
    assert client.post(url, {**_figures(report, 120), "submission_key": key}).status_code == 302
    changed = client.post(url, {**_figures(report, 130), "submission_key": key})  # the old page, another figure
    assert changed.status_code != 302 and messages.CONFLICT in changed.content.decode()  # the optimistic lock


def test_a_failed_save_leaves_no_record_so_its_retry_runs(client, pemda_user, report):
    client.force_login(pemda_user)
    url = reverse("reporting:report_capaian", kwargs={"pk": report.pk})
    entry = report.entries.order_by("order").first()
    bad = {
        **capaian_post(report, **{f"entry-{entry.pk}-harus_dilayani": "10", f"entry-{entry.pk}-terlayani": "12"}),
        "submission_key": _keys(client, url)[0],
    }
    for _ in range(2):
        response = client.post(url, bad)
        assert response.status_code == 400 and messages.SERVED_EXCEEDS_TARGET in response.content.decode()
    assert not FormSubmission.objects.exists()


def test_without_a_key_a_resend_is_refused_as_before(client, pemda_user, report):
    client.force_login(pemda_user)
    url = reverse("reporting:report_capaian", kwargs={"pk": report.pk})
    data = _figures(report, 120)
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    assert again.status_code != 302 and messages.CONFLICT in again.content.decode()  # the optimistic lock, as before


def test_old_records_are_pruned(client, pemda_user, report):
    from django.utils import timezone

    FormSubmission.objects.create(fingerprint="f" * 64, user=pemda_user)
    assert submissions_prune(before=timezone.now()) == 1


def _documents_url(region) -> str:
    return reverse("reporting:documents", args=[region.login_code]) + "?tahun=2026"


def test_every_form_of_the_documents_page_carries_a_submission_key(client, pemda_user, kabkota):
    client.force_login(pemda_user)
    page = client.get(_documents_url(kabkota)).content.decode()
    forms = page.count('name="action"')
    assert forms == 3 and len(KEY.findall(page)) == forms


@pytest.mark.parametrize(
    ("action", "model", "fields"),
    [
        ("sk_tim", SkTim, {"nomor": "188/42/KPTS/013/2026", "judul": "TIM PENERAPAN SPM"}),
        ("rencana_aksi", RencanaAksi, {}),
    ],
)
def test_a_document_upload_sent_again_says_it_was_saved_and_stores_the_file_once(
    client, pemda_user, kabkota, action, model, fields
):
    client.force_login(pemda_user)
    url = _documents_url(kabkota)
    page = client.get(url).content.decode()
    key = KEY.search(page[page.index(f'value="{action}"') :]).group(1)

    def post(**options):
        file = SimpleUploadedFile("dokumen.pdf", PDF, content_type="application/pdf")
        return client.post(url, {"action": action, **fields, "submission_key": key, "file": file}, **options)

    assert post().status_code == 302  # saved; imagine this answer never arrived
    stored = model.objects.get(region=kabkota, year=2026)
    again = post(follow=True)
    assert again.status_code == 200
    assert messages.SUBMISSION_ALREADY_SAVED in again.content.decode()
    kept = model.objects.get(region=kabkota, year=2026)
    assert (kept.file.name, kept.updated_at) == (stored.file.name, stored.updated_at)  # nothing written again

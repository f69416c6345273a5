"""Report pages over HTTP: tabs A/B/C, rules shown next to fields, workflow, access, query counts."""

import datetime
import io
import zipfile

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from home.emblem import emblem_get
from reporting import messages
from reporting.models import Report, ReportStatus, SupportingFile
from reporting.services import files as file_services
from reporting.services import reports as svc
from tests import factories

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF\n"
)


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
        )
    return buffer.getvalue()


@pytest.fixture
def urusan(db):
    return factories.UrusanFactory(code="1.01", name="Pendidikan", short_name="PENDIDIKAN")


@pytest.fixture
def period(db):
    return factories.PeriodFactory(year=2026, quarter=1)


def make_catalogue(urusan, level="kabkota", services=2, mutu=2):
    made = []
    for i in range(services):
        service = factories.ServiceTypeFactory(urusan=urusan, year=2026, level=level, name=f"Layanan {level} {i}")
        for j in range(mutu):
            factories.MutuItemFactory(service=service, name=f"Mutu {i}.{j}")
        made.append(service)
    return made


@pytest.fixture
def report(kabkota, urusan, period):
    make_catalogue(urusan)
    return svc.report_get_or_create(region=kabkota, urusan=urusan, period=period)


def capaian_post(report, **overrides):
    data = {"version": str(report.version)}
    for entry in report.entries.all():
        data[f"entry-{entry.pk}-harus_dilayani"] = ""
        data[f"entry-{entry.pk}-terlayani"] = ""
        for mutu in entry.mutu_entries.all():
            data[f"mutu-{mutu.pk}-harus_dipenuhi"] = ""
            data[f"mutu-{mutu.pk}-terpenuhi"] = ""
    data.update(overrides)
    return data


def test_tab_a_saves_grouped_numbers_and_shows_seed_percentages(client, pemda_user, report):
    client.force_login(pemda_user)
    entry = report.entries.order_by("order").first()
    mutu = list(entry.mutu_entries.order_by("order"))
    data = capaian_post(
        report,
        **{
            f"entry-{entry.pk}-harus_dilayani": "352.523",
            f"entry-{entry.pk}-terlayani": "352523",
            f"mutu-{mutu[0].pk}-harus_dipenuhi": "17550",
            f"mutu-{mutu[0].pk}-terpenuhi": "17.550",
        },
    )
    url = reverse("reporting:report_capaian", kwargs={"pk": report.pk})
    response = client.post(url, data)
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "100,00 %" in page
    assert 'value="352.523"' in page
    entry.refresh_from_db()
    assert entry.terlayani == 352523


def test_tab_a_refuses_non_ascii_digits_and_says_too_large_for_long_numbers(client, pemda_user, report):
    client.force_login(pemda_user)
    entry = report.entries.order_by("order").first()
    url = reverse("reporting:report_capaian", kwargs={"pk": report.pk})
    response = client.post(url, capaian_post(report, **{f"entry-{entry.pk}-harus_dilayani": "\u0661\u0662\u0663"}))
    assert response.status_code == 400
    assert messages.COUNT_INVALID in response.content.decode()
    response = client.post(url, capaian_post(report, **{f"entry-{entry.pk}-harus_dilayani": "1" * 25}))
    assert response.status_code == 400
    assert messages.NUMBER_TOO_LARGE in response.content.decode()
    entry.refresh_from_db()
    assert entry.harus_dilayani is None


def test_tab_a_error_is_shown_next_to_the_field_with_the_typed_value_kept(client, pemda_user, report):
    client.force_login(pemda_user)
    entry = report.entries.order_by("order").first()
    url = reverse("reporting:report_capaian", kwargs={"pk": report.pk})
    data = capaian_post(report, **{f"entry-{entry.pk}-harus_dilayani": "10", f"entry-{entry.pk}-terlayani": "12"})
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert messages.SERVED_EXCEEDS_TARGET in page
    assert f'id="err-entry-{entry.pk}-terlayani"' in page
    assert 'value="12"' in page
    response = client.post(url, capaian_post(report, **{f"entry-{entry.pk}-harus_dilayani": "sepuluh"}))
    assert messages.COUNT_INVALID in response.content.decode()
    assert 'value="sepuluh"' in response.content.decode()
    entry.refresh_from_db()
    assert entry.harus_dilayani is None


def test_stale_form_is_refused_with_a_message(client, pemda_user, report):
    client.force_login(pemda_user)
    entry = report.entries.order_by("order").first()
    url = reverse("reporting:report_capaian", kwargs={"pk": report.pk})
    stale = capaian_post(report, **{f"entry-{entry.pk}-harus_dilayani": "5"})
    client.post(url, capaian_post(report, **{f"entry-{entry.pk}-harus_dilayani": "7"}))
    response = client.post(url, stale)
    assert messages.CONFLICT in response.content.decode()
    entry.refresh_from_db()
    assert entry.harus_dilayani == 7


def test_tab_b_shows_the_jombang_paud_serapan(client, pemda_user, report):
    client.force_login(pemda_user)
    entry = report.entries.order_by("order").first()
    url = reverse("reporting:report_kegiatan", kwargs={"pk": report.pk})
    for name, pagu, realisasi in (
        ("Pembangunan Gedung PAUD", "1072692000", "1.071.045.000"),
        ("Pengembangan Karir Pendidik", "178.310.000", "158965200"),
    ):
        report.refresh_from_db()
        response = client.post(
            url,
            {
                "version": report.version,
                "action": "add",
                "target": entry.pk,
                f"add-{entry.pk}-name": name,
                f"add-{entry.pk}-pagu": pagu,
                f"add-{entry.pk}-realisasi": realisasi,
            },
        )
        assert response.status_code == 302
    page = client.get(url).content.decode()
    for text in ("99,85 %", "89,15 %", "98,32 %", "1.251.002.000", "1.230.010.200"):
        assert text in page


def test_tab_b_realisasi_above_pagu_asks_for_a_justification(client, pemda_user, report):
    client.force_login(pemda_user)
    entry = report.entries.order_by("order").first()
    url = reverse("reporting:report_kegiatan", kwargs={"pk": report.pk})
    response = client.post(
        url,
        {
            "version": report.version,
            "action": "add",
            "target": entry.pk,
            f"add-{entry.pk}-name": "Rehab",
            f"add-{entry.pk}-pagu": "100",
            f"add-{entry.pk}-realisasi": "120",
        },
    )
    assert response.status_code == 400
    assert messages.JUSTIFICATION_REQUIRED in response.content.decode()
    assert 'value="120"' in response.content.decode()


def test_province_report_shows_the_jawa_timur_total(client, province_user, province, urusan, period):
    make_catalogue(urusan, level="provinsi", services=1, mutu=3)
    report = svc.report_get_or_create(region=province, urusan=urusan, period=period)
    entry = report.entries.get()
    svc.activity_create(
        report=report,
        user=province_user,
        entry_id=entry.pk,
        name="Krisis kesehatan",
        pagu=168585700,
        realisasi=167302510,
    )
    svc.activity_create(
        report=report, user=province_user, entry_id=entry.pk, name="KLB", pagu=635975000, realisasi=610536000
    )
    svc.activity_create(
        report=report,
        user=province_user,
        entry_id=entry.pk,
        name="Lainnya",
        pagu=6528335700 - 168585700 - 635975000,
        realisasi=6272662510 - 167302510 - 610536000,
    )
    client.force_login(province_user)
    page = client.get(reverse("reporting:report_kegiatan", kwargs={"pk": report.pk})).content.decode()
    for text in ("99,24 %", "96,00 %", "96,08 %", "6.528.335.700", "6.272.662.510"):
        assert text in page


# --- Lock banners ---------------------------------------------------------------------------


def test_closed_window_shows_the_banner_and_no_inputs(client, pemda_user, report, period):
    period.opens_at = timezone.now() - datetime.timedelta(days=40)
    period.closes_at = timezone.now() - datetime.timedelta(days=1)
    period.save()
    client.force_login(pemda_user)
    page = client.get(reverse("reporting:report_capaian", kwargs={"pk": report.pk})).content.decode()
    assert messages.WINDOW_CLOSED in page
    assert 'class="num figure' not in page
    assert "Simpan capaian" not in page


def test_submitted_report_is_read_only_for_the_pemda(client, pemda_user, report):
    svc.report_submit(report=report, user=pemda_user)
    client.force_login(pemda_user)
    page = client.get(reverse("reporting:report_kegiatan", kwargs={"pk": report.pk})).content.decode()
    assert messages.READ_ONLY_SUBMITTED in page
    assert "Tambah data" not in page


# --- Files ------------------------------------------------------------------------------------


def upload(client, report, name, content, category=""):
    return client.post(
        reverse("reporting:report_permasalahan", kwargs={"pk": report.pk}),
        {
            "version": Report.objects.get(pk=report.pk).version,
            "action": "upload",
            "category": category,
            "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
        },
    )


def test_pdf_and_docx_are_accepted_and_downloaded_as_attachments(client, pemda_user, report):
    client.force_login(pemda_user)
    assert upload(client, report, "data.pdf", PDF, "pelaksanaan").status_code == 302
    assert upload(client, report, "laporan.docx", docx_bytes()).status_code == 302
    stored = SupportingFile.objects.get(original_name="data.pdf")
    response = client.get(reverse("reporting:report_file", kwargs={"pk": report.pk, "file_pk": stored.pk}))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    assert SupportingFile.objects.get(original_name="laporan.docx").content_type.endswith("wordprocessingml.document")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("virus.pdf", b"MZ\x90\x00 this is an exe"),
        ("page.pdf", b"<html><script>alert(1)</script></html>"),
        ("fake.docx", b"PK\x03\x04 not really a zip"),
    ],
)
def test_files_are_checked_by_content_not_by_name(client, pemda_user, report, name, content):
    client.force_login(pemda_user)
    response = upload(client, report, name, content)
    assert response.status_code == 400
    assert messages.FILE_TYPE_NOT_ALLOWED in response.content.decode()
    assert not SupportingFile.objects.exists()


def test_too_large_file_is_refused(client, pemda_user, report, settings):
    settings.REPORT_UPLOAD_MAX_BYTES = 10
    client.force_login(pemda_user)
    response = upload(client, report, "besar.pdf", PDF)
    assert "Berkas terlalu besar" in response.content.decode()
    assert not SupportingFile.objects.exists()


def test_legacy_office_file_is_recognised_by_ole_magic_and_refused_with_the_reason():
    upload_file = SimpleUploadedFile("lama.xls", bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 600)
    assert file_services.file_sniff(upload_file).kind == file_services.KIND_LEGACY_OFFICE
    with pytest.raises(svc.ReportValidationError) as refused:
        file_services.file_check(uploaded=upload_file)
    assert refused.value.field_errors["file"] == messages.FILE_LEGACY_OFFICE


def test_another_pemda_cannot_download_a_file(client, pemda_user, report):
    record = file_services.supporting_file_add(
        report=report, user=pemda_user, uploaded=SimpleUploadedFile("a.pdf", PDF)
    )
    other = factories.PemdaUserFactory()
    client.force_login(other)
    assert (
        client.get(reverse("reporting:report_file", kwargs={"pk": report.pk, "file_pk": record.pk})).status_code == 404
    )


# --- Workflow ---------------------------------------------------------------------------------


def fill_all_tabs(client, report, user):
    client.force_login(user)
    report.refresh_from_db()
    data = capaian_post(report)
    for key in list(data):
        if key != "version":
            data[key] = "100"
    assert client.post(reverse("reporting:report_capaian", kwargs={"pk": report.pk}), data).status_code == 302
    entry = report.entries.order_by("order").first()
    report.refresh_from_db()
    assert (
        client.post(
            reverse("reporting:report_kegiatan", kwargs={"pk": report.pk}),
            {
                "version": report.version,
                "action": "add",
                "target": entry.pk,
                f"add-{entry.pk}-name": "Sub kegiatan",
                f"add-{entry.pk}-pagu": "1.000",
                f"add-{entry.pk}-realisasi": "900",
            },
        ).status_code
        == 302
    )
    report.refresh_from_db()
    assert (
        client.post(
            reverse("reporting:report_permasalahan", kwargs={"pk": report.pk}),
            {
                "version": report.version,
                "action": "add_problem",
                "category": "pengumpulan_data",
                "text": "Data belum lengkap",
            },
        ).status_code
        == 302
    )
    assert upload(client, report, "dukung.pdf", PDF, "pengumpulan_data").status_code == 302


@pytest.mark.parametrize("level", ["kabkota", "provinsi"])
def test_full_workflow_fill_submit_return_correct_accept(
    client, level, pemda_user, province_user, kabkota, province, urusan, period
):
    make_catalogue(urusan, level=level)
    region, user = (kabkota, pemda_user) if level == "kabkota" else (province, province_user)
    reviewer = province_user if level == "kabkota" else factories.UserFactory(role="reviewer")
    client.force_login(user)
    open_url = reverse(
        "reporting:report_open",
        kwargs={"login_code": region.login_code, "urusan_id": urusan.pk, "year": 2026, "quarter": 1},
    )
    assert client.get(open_url).status_code == 200  # reading the quarter creates nothing
    assert not Report.objects.filter(region=region, urusan=urusan, period=period).exists()
    response = client.post(open_url)  # "Isi"
    report = Report.objects.get(region=region, urusan=urusan, period=period)
    assert response.url == reverse("reporting:report_capaian", kwargs={"pk": report.pk})
    fill_all_tabs(client, report, user)
    assert client.post(reverse("reporting:report_submit", kwargs={"pk": report.pk})).status_code == 302
    client.force_login(reviewer)
    page = client.get(reverse("reporting:report_capaian", kwargs={"pk": report.pk})).content.decode()
    assert "Terima laporan" in page
    client.post(reverse("reporting:report_return", kwargs={"pk": report.pk}), {"reason": "Data mutu belum sesuai"})
    client.force_login(user)
    page = client.get(reverse("reporting:report_capaian", kwargs={"pk": report.pk})).content.decode()
    assert "Data mutu belum sesuai" in page
    assert "Simpan capaian" in page
    fill_all_tabs(client, report, user)  # corrected
    client.post(reverse("reporting:report_submit", kwargs={"pk": report.pk}))
    client.force_login(reviewer)
    client.post(reverse("reporting:report_accept", kwargs={"pk": report.pk}))
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    client.force_login(user)
    page = client.get(reverse("reporting:report_capaian", kwargs={"pk": report.pk})).content.decode()
    for text in ("Laporan dikirim", "Data mutu belum sesuai", "Laporan diterima", "Riwayat perubahan"):
        assert text in page


def test_return_without_reason_is_refused(client, pemda_user, province_user, report):
    svc.report_submit(report=report, user=pemda_user)
    client.force_login(province_user)
    response = client.post(reverse("reporting:report_return", kwargs={"pk": report.pk}), {"reason": " "}, follow=True)
    assert messages.RETURN_REASON_REQUIRED in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


# --- Access -----------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, report):
    response = client.get(reverse("reporting:report_capaian", kwargs={"pk": report.pk}))
    assert response.status_code == 302
    assert "login" in response.url


def test_another_pemda_can_neither_read_nor_write(client, report):
    other = factories.PemdaUserFactory()
    client.force_login(other)
    for name in ("report_capaian", "report_kegiatan", "report_permasalahan"):
        assert client.get(reverse(f"reporting:{name}", kwargs={"pk": report.pk})).status_code == 404
    entry = report.entries.first()
    response = client.post(
        reverse("reporting:report_capaian", kwargs={"pk": report.pk}),
        capaian_post(report, **{f"entry-{entry.pk}-harus_dilayani": "1"}),
    )
    assert response.status_code == 404
    assert client.post(reverse("reporting:report_submit", kwargs={"pk": report.pk})).status_code == 404
    response = client.get(
        reverse(
            "reporting:report_open",
            kwargs={"login_code": report.region.login_code, "urusan_id": report.urusan_id, "year": 2026, "quarter": 1},
        )
    )
    assert response.status_code == 404


def test_province_sees_its_kabkota_only_once_sent_and_cannot_edit(client, pemda_user, province_user, report):
    client.force_login(province_user)
    url = reverse("reporting:report_capaian", kwargs={"pk": report.pk})
    assert client.get(url).status_code == 404  # draft
    svc.report_submit(report=report, user=pemda_user)
    page = client.get(url).content.decode()
    assert "Simpan capaian" not in page
    entry = report.entries.first()
    report.refresh_from_db()
    response = client.post(url, capaian_post(report, **{f"entry-{entry.pk}-harus_dilayani": "1"}))
    assert response.status_code in (400, 403)
    entry.refresh_from_db()
    assert entry.harus_dilayani is None


def test_province_of_another_province_cannot_read_or_review(client, pemda_user, report):
    svc.report_submit(report=report, user=pemda_user)
    stranger = factories.PemdaUserFactory(region=factories.ProvinceFactory(code="32", name="Jawa Barat"))
    client.force_login(stranger)
    assert client.get(reverse("reporting:report_capaian", kwargs={"pk": report.pk})).status_code == 404
    assert client.post(reverse("reporting:report_accept", kwargs={"pk": report.pk})).status_code == 404
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_kabkota_cannot_review_its_own_report(client, pemda_user, report):
    svc.report_submit(report=report, user=pemda_user)
    client.force_login(pemda_user)
    assert client.post(reverse("reporting:report_accept", kwargs={"pk": report.pk})).status_code == 403


def test_bidang_list_shows_statuses_and_is_only_for_pemda(client, pemda_user, report, urusan):
    factories.UrusanFactory(code="1.02", name="Kesehatan", short_name="KESEHATAN")
    client.force_login(pemda_user)
    page = client.get(reverse("reporting:bidang_list") + "?tahun=2026").content.decode()
    assert "PENDIDIKAN" in page and "KESEHATAN" in page
    assert "Belum diisi" in page
    client.force_login(factories.UserFactory(role="editor"))
    assert client.get(reverse("reporting:bidang_list")).status_code == 403
    client.logout()
    assert client.get(reverse("reporting:bidang_list")).status_code == 302


def test_kabkota_view_lists_only_the_provinces_own_kabkota(client, province_user, kabkota, pemda_user, report):
    other_province = factories.ProvinceFactory(code="32", name="Jawa Barat")
    foreign = factories.KabKotaFactory(code="32.71", name="Kota Bogor", province=other_province)
    svc.report_submit(report=report, user=pemda_user)
    client.force_login(province_user)
    page = client.get(reverse("reporting:kabkota_list")).content.decode()
    assert kabkota.name in page and foreign.name not in page
    page = client.get(reverse("reporting:kabkota_list") + f"?wilayah={kabkota.login_code}&tahun=2026").content.decode()
    assert "Dikirim" in page
    assert reverse("reporting:report_capaian", kwargs={"pk": report.pk}) in page
    page = client.get(reverse("reporting:kabkota_list") + f"?wilayah={foreign.login_code}&tahun=2026").content.decode()
    assert "DAFTAR BIDANG SPM" not in page
    client.force_login(pemda_user)
    assert client.get(reverse("reporting:kabkota_list")).status_code == 403


# --- Query counts -----------------------------------------------------------------------------


def count_queries(client, url):
    emblem_get()  # the header's emblem is computed once per cache generation (home.emblem), not by this page
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("tab", ["report_capaian", "report_kegiatan", "report_permasalahan"])
def test_report_tabs_run_the_same_number_of_queries_for_small_and_large_reports(
    client, pemda_user, urusan, period, kabkota, tab
):
    counts = []
    for size, quarter in ((1, 2), (6, 3)):
        other_period = factories.PeriodFactory(year=2026, quarter=quarter)
        other_urusan = factories.UrusanFactory(code=f"9.{size}", name=f"U{size}")
        make_catalogue(other_urusan, services=size, mutu=size)
        report = svc.report_get_or_create(region=kabkota, urusan=other_urusan, period=other_period)
        for entry in report.entries.all():
            for i in range(size):
                svc.activity_create(
                    report=report, user=pemda_user, entry_id=entry.pk, name=f"K{i}", pagu=10, realisasi=5
                )
            svc.problem_create(report=report, user=pemda_user, category="pelaksanaan", text="x")
            file_services.supporting_file_add(
                report=report, user=pemda_user, uploaded=SimpleUploadedFile("a.pdf", PDF)
            )
        client.force_login(pemda_user)
        counts.append(count_queries(client, reverse(f"reporting:{tab}", kwargs={"pk": report.pk})))
    assert counts[0] == counts[1]


def test_status_tables_run_the_same_number_of_queries_with_more_reports(
    client, pemda_user, province_user, kabkota, period
):
    urls = [
        reverse("reporting:bidang_list") + "?tahun=2026",
        reverse("reporting:kabkota_list") + f"?wilayah={kabkota.login_code}&tahun=2026",
    ]
    users = [pemda_user, province_user]
    before = []
    for url, user in zip(urls, users, strict=True):
        client.force_login(user)
        before.append(count_queries(client, url))
    for quarter in (2, 3, 4):
        factories.PeriodFactory(year=2026, quarter=quarter)
    for i in range(4):
        u = factories.UrusanFactory(code=f"8.{i}", name=f"Urusan besar {i}")
        for p in factories.models.Period.objects.filter(year=2026):
            factories.ReportFactory(region=kabkota, urusan=u, period=p, status="submitted")
    after = []
    for url, user in zip(urls, users, strict=True):
        client.force_login(user)
        after.append(count_queries(client, url))
    assert before == after


# --- Rendering of many inputs (tab A cells, tab B forms and rows by template tags), history -----------


def test_tab_a_inputs_are_labelled_escape_names_and_keep_typed_text_with_its_error(
    client, pemda_user, kabkota, urusan, period
):
    service = factories.ServiceTypeFactory(urusan=urusan, year=2026, level="kabkota", name='Layanan <b>"x"</b>')
    factories.MutuItemFactory(service=service, name="Mutu <i>")
    report = svc.report_get_or_create(region=kabkota, urusan=urusan, period=period)
    entry = report.entries.get()
    mutu = entry.mutu_entries.get()
    client.force_login(pemda_user)
    url = reverse("reporting:report_capaian", kwargs={"pk": report.pk})
    response = client.post(
        url,
        {
            "version": report.version,
            f"entry-{entry.pk}-harus_dilayani": '12"<x>',
            f"entry-{entry.pk}-terlayani": "9",
            f"mutu-{mutu.pk}-harus_dipenuhi": "4",
            f"mutu-{mutu.pk}-terpenuhi": "",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "<b>" not in page and "<i>" not in page.split("<main", 1)[-1]
    name = f"entry-{entry.pk}-harus_dilayani"
    assert (
        f'<label class="cell-label" for="id-{name}">Jumlah yang harus dilayani<span class="visually-hidden">: '
        "Layanan &lt;b&gt;&quot;x&quot;&lt;/b&gt;</span></label>"
    ) in page
    assert f'value="12&quot;&lt;x&gt;" data-role="target" aria-invalid="true" aria-describedby="err-{name}"' in page
    assert f'<p class="error" id="err-{name}">{messages.COUNT_INVALID}</p>' in page
    assert f'id="id-mutu-{mutu.pk}-harus_dipenuhi" value="4"' in page
    assert ">1. Mutu &lt;i&gt;</th>" in page


def test_tab_a_read_only_shows_values_without_inputs(client, pemda_user, report):
    entry = report.entries.order_by("order").first()
    entry.harus_dilayani, entry.terlayani = 1200, 900
    entry.save()
    svc.report_submit(report=report, user=pemda_user)
    client.force_login(pemda_user)
    page = client.get(reverse("reporting:report_capaian", kwargs={"pk": report.pk})).content.decode()
    assert (
        '<td class="num" data-label="Jumlah yang harus dilayani"><span data-role="target" data-value="1.200">1.200</span>'
        in page
    )
    assert f'name="entry-{entry.pk}-terlayani"' not in page


def test_tab_b_add_form_error_stays_next_to_its_field_of_its_service_only(client, pemda_user, report):
    client.force_login(pemda_user)
    first, second = report.entries.order_by("order")[:2]
    url = reverse("reporting:report_kegiatan", kwargs={"pk": report.pk})
    response = client.post(
        url,
        {
            "version": report.version,
            "action": "add",
            "target": second.pk,
            f"add-{second.pk}-name": "Bimtek <guru>",
            f"add-{second.pk}-pagu": "1.2.3",
            f"add-{second.pk}-realisasi": "5",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert f'name="add-{second.pk}-name" value="Bimtek &lt;guru&gt;"' in page
    assert (
        f'name="add-{second.pk}-pagu" value="1.2.3" inputmode="numeric" class="num" autocomplete="off" '
        f'aria-invalid="true" aria-describedby="id_add-{second.pk}-pagu_error" required'
    ) in page
    assert f'<p class="error" role="alert" id="id_add-{second.pk}-pagu_error">{messages.MONEY_INVALID}</p>' in page
    # Next to its field, and once in the error summary at the top, as a link to that field.
    assert page.count(messages.MONEY_INVALID) == 2
    assert f'<a href="#id_add-{second.pk}-pagu">Pagu (Rp): {messages.MONEY_INVALID}</a>' in page
    assert f'<label for="id_add-{first.pk}-name">Sub kegiatan</label>' in page
    assert f'name="add-{first.pk}-pagu" inputmode="numeric"' in page  # the other services' forms stay empty
    assert not Report.objects.get(pk=report.pk).entries.filter(activities__isnull=False).exists()


def test_tab_b_rows_escape_names_and_the_change_form_starts_from_the_saved_values(client, pemda_user, report):
    entry = report.entries.order_by("order").first()
    activity = svc.activity_create(
        report=report,
        user=pemda_user,
        entry_id=entry.pk,
        name="Rehab <ruang>",
        pagu=1000,
        realisasi=1200,
        justification="Harga naik & ongkir",
    )
    client.force_login(pemda_user)
    url = reverse("reporting:report_kegiatan", kwargs={"pk": report.pk})
    page = client.get(url, {"ubah": activity.pk}).content.decode()
    assert (
        '<td class="row-name">Rehab &lt;ruang&gt;<p class="small">Alasan realisasi melebihi pagu: Harga naik &amp; ongkir</p>'
        in page
    )
    assert (
        '<td class="num" data-label="Pagu (Rp)">1.000</td><td class="num" data-label="Realisasi (Rp)">1.200</td>'
        '<td class="num" data-label="Serapan">120,00 %</td>'
    ) in page
    assert 'aria-label="Hapus Rehab &lt;ruang&gt;"' in page
    assert 'name="csrfmiddlewaretoken" value="' in page
    assert f'name="act-{activity.pk}-name" value="Rehab &lt;ruang&gt;"' in page
    assert f'name="act-{activity.pk}-pagu" value="1.000"' in page
    assert f'id="id_act-{activity.pk}-justification">\nHarga naik &amp; ongkir</textarea>' in page


def test_tab_b_change_form_shows_amounts_grouped_as_the_table_and_saves_them_back_unchanged(
    client, pemda_user, report
):
    """Issue 25: the Ubah form showed 1072692000 where the table showed 1.072.692.000."""
    entry = report.entries.order_by("order").first()
    activity = svc.activity_create(
        report=report, user=pemda_user, entry_id=entry.pk, name="Gedung PAUD", pagu=1072692000, realisasi=1071045000
    )
    client.force_login(pemda_user)
    url = reverse("reporting:report_kegiatan", kwargs={"pk": report.pk})
    page = client.get(url, {"ubah": activity.pk}).content.decode()
    assert f'name="act-{activity.pk}-pagu" value="1.072.692.000"' in page
    assert f'name="act-{activity.pk}-realisasi" value="1.071.045.000"' in page
    report.refresh_from_db()
    response = client.post(
        url,
        {
            "version": report.version,
            "action": "update",
            "target": activity.pk,
            f"act-{activity.pk}-name": "Gedung PAUD",
            f"act-{activity.pk}-pagu": "1.072.692.000",
            f"act-{activity.pk}-realisasi": "1.071.045.000",
        },
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.pagu, activity.realisasi) == (1072692000, 1071045000)


def test_tab_b_delete_form_carries_a_token_the_server_accepts(pemda_user, report):
    from django.test import Client

    entry = report.entries.order_by("order").first()
    activity = svc.activity_create(
        report=report, user=pemda_user, entry_id=entry.pk, name="Hapus saya", pagu=1, realisasi=1
    )
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(pemda_user)
    url = reverse("reporting:report_kegiatan", kwargs={"pk": report.pk})
    page = strict.get(url).content.decode()
    token = (
        page.split(f'<input type="hidden" name="target" value="{activity.pk}">', 1)[0]
        .rsplit('name="csrfmiddlewaretoken" value="', 1)[1]
        .split('"', 1)[0]
    )
    report.refresh_from_db()
    response = strict.post(
        url, {"csrfmiddlewaretoken": token, "version": report.version, "action": "delete", "target": activity.pk}
    )
    assert response.status_code == 302
    assert not entry.activities.exists()


def test_history_shows_the_latest_changes_with_a_link_to_all_of_them(client, pemda_user, report):
    from reporting.models import ReportEvent
    from reporting.selectors.reports import HISTORY_LIMIT

    ReportEvent.objects.bulk_create(
        [
            ReportEvent(report=report, user=pemda_user, kind="change", field=f"isian-{i}")
            for i in range(HISTORY_LIMIT + 5)
        ]
    )
    total = report.events.count()
    client.force_login(pemda_user)
    url = reverse("reporting:report_permasalahan", kwargs={"pk": report.pk})
    page = client.get(url).content.decode()
    assert f"Riwayat perubahan ({HISTORY_LIMIT} terbaru)" in page
    assert page.count("isian-") == HISTORY_LIMIT
    assert 'href="?riwayat=semua#riwayat"' in page
    everything = client.get(url, {"riwayat": "semua"}).content.decode()
    assert f"Riwayat perubahan ({total})" in everything
    assert everything.count("isian-") == HISTORY_LIMIT + 5
    assert "?riwayat=semua" not in everything


def test_history_queries_do_not_grow_with_its_length(client, pemda_user, report):
    from reporting.models import ReportEvent

    client.force_login(pemda_user)
    url = reverse("reporting:report_capaian", kwargs={"pk": report.pk}) + "?riwayat=semua"
    before = count_queries(client, url)
    ReportEvent.objects.bulk_create(
        [ReportEvent(report=report, user=factories.UserFactory(), kind="change") for _ in range(30)]
    )
    assert count_queries(client, url) == before


def test_history_names_the_person_and_groups_numbers(client, report, kabkota):
    officer = factories.PemdaUserFactory(region=kabkota, first_name="Kabupaten Jombang")
    entry = report.entries.order_by("order").first()
    svc.report_capaian_save(
        report=report,
        user=officer,
        expected_version=report.version,
        entries={entry.pk: {"harus_dilayani": 1200998, "terlayani": 900}},
    )
    client.force_login(officer)
    page = client.get(reverse("reporting:report_capaian", kwargs={"pk": report.pk})).content.decode()
    history = page.split('id="riwayat"', 1)[1]
    assert f'<td data-label="Oleh">Kabupaten Jombang ({officer.username})</td>' in history
    assert '<td data-label="Nilai baru">1.200.998</td>' in history
    assert '<td data-label="Nilai lama">-</td>' in history


@pytest.mark.parametrize("action", ["add", "update", "delete"])
def test_tab_b_on_an_unknown_target_answers_400_with_a_visible_message(client, pemda_user, report, action):
    client.force_login(pemda_user)
    url = reverse("reporting:report_kegiatan", kwargs={"pk": report.pk})
    prefix = "add-999999" if action == "add" else "act-999999"
    response = client.post(
        url,
        {
            "version": report.version,
            "action": action,
            "target": "999999",
            f"{prefix}-name": "Kegiatan",
            f"{prefix}-pagu": "100",
            f"{prefix}-realisasi": "50",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="messages"' in page and str(messages.UNKNOWN_ROW) in page


def test_a_megabyte_of_permasalahan_is_refused_with_the_limit_and_nothing_saved(client, pemda_user, report):
    """The form says the limit and refuses a 1 MB paste in Indonesian; the typed category stays, no row is made."""
    client.force_login(pemda_user)
    url = reverse("reporting:report_permasalahan", kwargs={"pk": report.pk})
    assert 'maxlength="5000"' in client.get(url).content.decode()
    assert "Paling banyak 5.000 karakter." in client.get(url).content.decode()
    response = client.post(
        url,
        {"version": report.version, "action": "add_problem", "category": "pengumpulan_data", "text": "x" * 1_000_000},
    )
    assert response.status_code == 400
    assert (
        "Teks terlalu panjang: paling banyak 5.000 karakter, yang diisi 1.000.000 karakter."
        in response.content.decode()
    )
    assert not report.problems.exists()


def test_services_refuse_over_long_texts_from_any_caller(pemda_user, report, province_user):
    """The API and scripts go through the same services: the limits hold without a form."""
    entry = report.entries.order_by("order").first()
    with pytest.raises(svc.ReportValidationError) as error:
        svc.problem_create(report=report, user=pemda_user, category="pengumpulan_data", text="x" * 5001)
    assert error.value.message_dict["text"] == [
        "Teks terlalu panjang: paling banyak 5.000 karakter, yang diisi 5.001 karakter."
    ]
    with pytest.raises(svc.ReportValidationError) as error:
        svc.activity_create(
            report=report,
            user=pemda_user,
            entry_id=entry.pk,
            name="x" * 501,
            pagu=100,
            realisasi=120,
            justification="y" * 2001,
        )
    assert set(error.value.message_dict) == {"name", "justification"}
    svc.problem_create(report=report, user=pemda_user, category="pengumpulan_data", text="x" * 5000)
    assert report.problems.count() == 1

"""Cetak PDF: the quarterly report and the laporan penerapan SPM tahunan carry the portal's own figures, the
signing official and the date; user text stays text; the report pages' access rules apply."""

import io

import pytest
from pypdf import PdfReader

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reporting import calculations
from reporting.messages import ANNUAL_PDF_NOT_ALLOWED, PDF_JOBS_BUSY, PDF_TOO_LARGE, PDF_TOO_MANY_PAGES
from reporting.models import (
    ImplementationStage,
    Job,
    JobKind,
    ReportWarning,
    RuleKind,
    StageStatus,
    ValidationRule,
    WarningStatus,
)
from reporting.selectors import printouts
from reporting.services import reports as svc
from tests import factories
from tests.jobs import job_from_redirect, run_queued_jobs

# The seed's worked example (Kabupaten Jombang, PAUD): 99,85 % and 89,15 %, urusan total 98,32 %.
JOMBANG_KEGIATAN = [
    ("Pembangunan Gedung/Ruang Kelas/Ruang Guru PAUD", 1072692000, 1071045000),
    ("Pengembangan Karir Pendidik dan Tenaga Kependidikan PAUD", 178310000, 158965200),
]
SOLUSI = "Pemutakhiran bersama <i>Dukcapil</i> tiap bulan"


def annual_pdf_text(client, url) -> str:
    """Start the annual report's job (POST), run the queue, download its result."""
    started = client.post(url)
    assert started.status_code == 302, started.content[:300]
    job = Job.objects.latest("pk")
    run_queued_jobs()
    job.refresh_from_db()
    assert job.status == "done", job.message
    return pdf_text(client.get(reverse("reporting:job_download", args=[job.pk])))


def quarterly_pdf_text(client, report) -> str:
    """Cetak PDF as the report page's button does it: POST, the job page, the queue run, the download."""
    started = client.post(reverse("reporting:report_pdf", args=[report.pk]))
    job = job_from_redirect(started)
    assert job.kind == JobKind.REPORT_PDF
    run_queued_jobs()
    job.refresh_from_db()
    assert job.status == "done", job.message
    return pdf_text(client.get(reverse("reporting:job_download", args=[job.pk])))


def pdf_text(response) -> str:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))
    # pypdf may break a line inside a long cell: compare on single spaces
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def urusan(db):
    return factories.UrusanFactory(code="1.01", name="Pendidikan", short_name="PENDIDIKAN", order=1)


@pytest.fixture
def jombang_report(kabkota, pemda_user, urusan):
    period = factories.PeriodFactory(year=2026, quarter=1)
    service = factories.ServiceTypeFactory(urusan=urusan, year=2026, level="kabkota", name="Pendidikan Anak Usia Dini")
    factories.MutuItemFactory(service=service, name="Buku dan alat pendidikan")
    report = svc.report_get_or_create(region=kabkota, urusan=urusan, period=period)
    entry = report.entries.get()
    mutu = entry.mutu_entries.get()
    report = svc.report_capaian_save(
        report=report,
        user=pemda_user,
        expected_version=report.version,
        entries={
            entry.pk: {
                "harus_dilayani": 41250,
                "terlayani": 39870,
                "mutu": {mutu.pk: {"harus_dipenuhi": 41250, "terpenuhi": 40100}},
            }
        },
    )
    for name, pagu, realisasi in JOMBANG_KEGIATAN:
        svc.activity_create(
            report=report, user=pemda_user, entry_id=entry.pk, name=name, pagu=pagu, realisasi=realisasi
        )
    svc.problem_create(
        report=report,
        user=pemda_user,
        category="pengumpulan_data",
        text="Data <b>Dukcapil</b> belum mutakhir <script>alert(1)</script>",
        solution=SOLUSI,
    )
    kabkota.signatory_name = "Dr. H. Mundjidah Wahab"
    kabkota.signatory_title = "Bupati Jombang"
    kabkota.signing_place = "Jombang"
    kabkota.save()
    report.refresh_from_db()
    return report


def test_quarterly_pdf_carries_the_seed_figures_the_official_and_the_long_date(client, pemda_user, jombang_report):
    client.force_login(pemda_user)
    text = quarterly_pdf_text(client, jombang_report)
    assert "Kabupaten Jombang" in text
    assert "1.072.692.000" in text and "1.071.045.000" in text and "99,85 %" in text
    assert "89,15 %" in text
    assert "1.251.002.000" in text and "1.230.010.200" in text and "98,32 %" in text
    assert "96,65 %" in text  # capaian penerima 39870 / 41250
    assert "Dr. H. Mundjidah Wahab" in text
    assert "BUPATI JOMBANG" in text
    assert f"Jombang, {calculations.format_date_long(timezone.localdate())}" in text


def test_markup_typed_in_permasalahan_is_printed_as_literal_text(client, pemda_user, jombang_report):
    client.force_login(pemda_user)
    text = quarterly_pdf_text(client, jombang_report)
    assert "Data <b>Dukcapil</b> belum mutakhir <script>alert(1)</script>" in text


def test_quarterly_pdf_prints_each_permasalahan_with_its_solusi_in_its_own_column(client, pemda_user, jombang_report):
    svc.problem_create(report=jombang_report, user=pemda_user, category="pelaksanaan", text="Guru PAUD kurang")
    client.force_login(pemda_user)
    text = quarterly_pdf_text(client, jombang_report)
    assert "C. PERMASALAHAN DAN SOLUSI" in text.upper()
    assert "Permasalahan Solusi / tindak lanjut" in text  # the two column headings
    assert f"Data <b>Dukcapil</b> belum mutakhir <script>alert(1)</script> {SOLUSI}" in text
    assert "Guru PAUD kurang -" in text  # a note without solusi says so


def _warning(report, rule, key, status, note=""):
    return ReportWarning.objects.create(
        report=report,
        rule=rule,
        target_key=key,
        label=f"Isian {key}",
        message=f"Nilai {key} jauh dari triwulan lalu.",
        status=status,
        note=note,
    )


def test_annual_pdf_lists_the_confirmed_data_quality_warnings_with_the_officers_note(
    client, pemda_user, jombang_report, kabkota
):
    """Only sent reports reach the annual report: both quarters are sent before their warnings are listed."""
    svc.report_submit(report=jombang_report, user=pemda_user)
    rule = ValidationRule.objects.create(name="Nilai jauh", kind=RuleKind.OUTLIER, factor=3)
    _warning(jombang_report, rule, "terlayani", WarningStatus.CONFIRMED, "Angka benar: sasaran <b>bertambah</b>")
    _warning(jombang_report, rule, "pagu", WarningStatus.OPEN)
    _warning(jombang_report, rule, "realisasi", WarningStatus.RESOLVED, "Sudah dikoreksi lama")
    later = factories.PeriodFactory(year=2026, quarter=2)
    second = svc.report_get_or_create(region=kabkota, urusan=jombang_report.urusan, period=later)
    svc.report_submit(report=second, user=pemda_user)
    _warning(second, rule, "harus_dilayani", WarningStatus.CONFIRMED, "Pemekaran desa")
    client.force_login(pemda_user)
    text = annual_pdf_text(client, reverse("reporting:annual_pdf", args=[2026]))
    assert "D. CATATAN MUTU DATA" in text.upper() and "Triwulan Peringatan Catatan petugas" in text
    assert (
        "TW I Isian terlayani: Nilai terlayani jauh dari triwulan lalu. Angka benar: sasaran <b>bertambah</b>" in text
    )
    assert "TW II Isian harus_dilayani: Nilai harus_dilayani jauh dari triwulan lalu. Pemekaran desa" in text
    assert "Isian pagu" not in text and "Sudah dikoreksi lama" not in text
    assert f"Data <b>Dukcapil</b> belum mutakhir <script>alert(1)</script> {SOLUSI}" in text


def test_annual_pdf_holds_every_quarter_the_tahapan_and_the_signature(client, pemda_user, jombang_report, kabkota):
    svc.report_submit(report=jombang_report, user=pemda_user)
    later = factories.PeriodFactory(year=2026, quarter=2)
    svc.report_get_or_create(region=kabkota, urusan=jombang_report.urusan, period=later)
    for quarter in (3, 4):
        factories.PeriodFactory(year=2026, quarter=quarter)
    ImplementationStage.objects.create(
        region=kabkota, year=2026, stage=1, status=StageStatus.SELESAI, note="Data sasaran dari Dukcapil"
    )
    client.force_login(pemda_user)
    text = annual_pdf_text(client, reverse("reporting:annual_pdf", args=[2026]))
    assert "LAPORAN PENERAPAN STANDAR PELAYANAN MINIMAL" in text.upper()
    assert "Menteri Dalam Negeri" in text
    for label in ("TW I", "TW II", "TW III", "TW IV"):
        assert label in text
    assert "99,85 %" in text and "98,32 %" in text
    assert jombang_report.category in text and "96,65 %" in text
    assert "Data sasaran dari Dukcapil" in text and "Selesai" in text
    assert "Data <b>Dukcapil</b> belum mutakhir <script>alert(1)</script>" in text
    assert "Dr. H. Mundjidah Wahab" in text and "BUPATI JOMBANG" in text


def test_annual_pdf_of_a_kabkota_read_by_its_province_leaves_out_drafts(client, province_user, jombang_report):
    """The province reads its kab/kota's sent reports only: the draft's figures are not in the PDF."""
    client.force_login(province_user)
    url = reverse("reporting:annual_pdf", args=[2026]) + "?wilayah=35.17"
    assert "99,85 %" not in annual_pdf_text(client, url)
    svc.report_submit(report=jombang_report, user=jombang_report.region.users.get(role="pemda"))
    assert "99,85 %" in annual_pdf_text(client, url)


def test_a_draft_is_printed_for_its_pemda_only(client, jombang_report, province_user):
    url = reverse("reporting:report_pdf", args=[jombang_report.pk])
    client.force_login(province_user)
    assert client.get(url).status_code == 404
    other = factories.PemdaUserFactory(region=factories.KabKotaFactory(code="35.18", province=province_user.region))
    client.force_login(other)
    assert client.get(url).status_code == 404
    annual = reverse("reporting:annual_pdf", args=[2026]) + "?wilayah=35.17"
    assert client.get(annual).status_code == 404
    assert client.post(annual).status_code == 404
    assert not Job.objects.exists()


def test_without_an_official_the_pdf_says_the_field_is_still_empty(client, pemda_user, jombang_report, kabkota):
    kabkota.signatory_name = kabkota.signatory_title = ""
    kabkota.save()
    client.force_login(pemda_user)
    text = quarterly_pdf_text(client, jombang_report)
    assert "(nama penanda tangan belum diisi)" in text


def test_annual_pdf_gathers_its_reports_in_a_fixed_number_of_queries(pemda_user, jombang_report, kabkota):
    """The year's reports with their services, mutu, kegiatan, notes and confirmed warnings: the same queries
    for 1 or 7 reports."""
    svc.report_submit(report=jombang_report, user=pemda_user)
    rule = ValidationRule.objects.create(name="Nilai jauh", kind=RuleKind.OUTLIER, factor=3)
    with CaptureQueriesContext(connection) as small:
        printouts.annual_printout_get(user=pemda_user, region=kabkota, year=2026)
    for code in ("1.02", "1.03", "1.04"):
        urusan = factories.UrusanFactory(code=code)
        for _ in range(3):
            service = factories.ServiceTypeFactory(urusan=urusan, year=2026, level="kabkota")
            factories.MutuItemFactory(service=service)
        for quarter in (1, 2):
            period = factories.PeriodFactory(year=2026, quarter=quarter)
            report = svc.report_get_or_create(region=kabkota, urusan=urusan, period=period)
            svc.problem_create(
                report=report, user=pemda_user, category="pelaksanaan", text="Catatan", solution="Tindak lanjut"
            )
            svc.report_submit(report=report, user=pemda_user)
            _warning(report, rule, "terlayani", WarningStatus.CONFIRMED, "Catatan petugas")
    with CaptureQueriesContext(connection) as big:
        printout = printouts.annual_printout_get(user=pemda_user, region=kabkota, year=2026)
    assert sum(len(u.problems) for u in printout.urusan) == 7
    assert sum(len(u.quality_notes) for u in printout.urusan) == 6
    assert len(big) == len(small)


def test_the_annual_job_of_a_user_who_lost_the_region_fails_with_a_reason(client, province_user, kabkota):
    client.force_login(province_user)
    client.post(reverse("reporting:annual_pdf", args=[2026]) + "?wilayah=35.17")
    kabkota.province = factories.ProvinceFactory(code="36")
    kabkota.save()
    run_queued_jobs()
    job = Job.objects.get()
    assert job.status == "failed" and job.message == ANNUAL_PDF_NOT_ALLOWED and not job.result


def test_signatory_page_saves_the_official_and_refuses_an_empty_name(client, pemda_user, kabkota):
    client.force_login(pemda_user)
    url = reverse("signatory_edit")
    response = client.post(url, {"signatory_name": "", "signatory_title": "Bupati Jombang"})
    assert response.status_code == 200
    assert "Nama pejabat penanda tangan wajib diisi." in response.content.decode()
    kabkota.refresh_from_db()
    assert kabkota.signatory_name == ""
    response = client.post(
        url,
        {"signatory_name": "H. Warsubi", "signatory_title": "Bupati Jombang", "signing_place": "Jombang"},
    )
    assert response.status_code == 302
    kabkota.refresh_from_db()
    assert (kabkota.signatory_name, kabkota.signatory_title, kabkota.signing_place) == (
        "H. Warsubi",
        "Bupati Jombang",
        "Jombang",
    )


def test_an_operator_cannot_change_the_official(client, kabkota, pemda_user, urusan):
    operator = factories.OperatorUserFactory(parent=pemda_user, urusan=urusan)
    client.force_login(operator)
    assert client.post(reverse("signatory_edit"), {"signatory_name": "X", "signatory_title": "Y"}).status_code == 403


# --- issue 24.1: printing never holds a web worker ------------------------------------------------------


def test_cetak_pdf_queues_a_job_and_a_second_print_of_the_same_version_is_served_at_once(
    client, pemda_user, jombang_report
):
    """The first Cetak PDF renders nothing in the request (a job does, and its page says "Sedang disiapkan");
    the second of the same version downloads the stored copy at once, with no job."""
    client.force_login(pemda_user)
    url = reverse("reporting:report_pdf", args=[jombang_report.pk])
    assert "Cetak PDF" in client.get(url).content.decode()  # nothing printed yet: the page with the button
    assert not Job.objects.exists()
    job = job_from_redirect(client.post(url))
    page = client.get(reverse("reporting:job_detail", args=[job.pk])).content.decode()
    assert "Sedang disiapkan" in page and 'http-equiv="refresh"' in page
    assert client.post(url).status_code == 302 and Job.objects.count() == 1  # the same job again
    run_queued_jobs()
    job.refresh_from_db()
    assert job.status == "done" and "siap: 2 halaman" in job.message
    done = client.get(reverse("reporting:job_detail", args=[job.pk])).content.decode()
    assert f'content="1;url={reverse("reporting:job_download", args=[job.pk])}"' in done  # then it downloads
    again = client.post(url)
    assert again.status_code == 302 and again["Location"] == url
    assert "99,85 %" in pdf_text(client.get(url))
    assert Job.objects.count() == 1
    # a new save is a new version: it is printed again
    svc.problem_create(report=jombang_report, user=pemda_user, category="pelaksanaan", text="Guru PAUD kurang")
    assert client.get(url)["Content-Type"] != "application/pdf"
    assert "Guru PAUD kurang" in quarterly_pdf_text(client, jombang_report)


def test_a_user_waits_for_at_most_the_limit_of_printouts_at_once(client, settings, pemda_user, jombang_report):
    settings.PDF_JOBS_PER_USER = 1
    later = factories.PeriodFactory(year=2026, quarter=2)
    second = svc.report_get_or_create(region=jombang_report.region, urusan=jombang_report.urusan, period=later)
    client.force_login(pemda_user)
    first_job = job_from_redirect(client.post(reverse("reporting:report_pdf", args=[jombang_report.pk])))
    refused = client.post(reverse("reporting:report_pdf", args=[second.pk]))
    assert refused.status_code == 429
    assert PDF_JOBS_BUSY.format(count=1, limit=1) in refused.content.decode()
    annual = client.post(reverse("reporting:annual_pdf", args=[2026]))
    assert annual.status_code == 429 and PDF_JOBS_BUSY.format(count=1, limit=1) in annual.content.decode()
    assert list(Job.objects.all()) == [first_job]
    run_queued_jobs()
    assert job_from_redirect(client.post(reverse("reporting:report_pdf", args=[second.pk]))).pk != first_job.pk


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [("PDF_MAX_PAGES", 0, PDF_TOO_MANY_PAGES), ("PDF_MAX_HTML_BYTES", 1000, PDF_TOO_LARGE)],
)
def test_a_printout_past_the_page_bound_fails_with_the_reason_and_stores_nothing(
    client, settings, pemda_user, jombang_report, setting, value, message
):
    setattr(settings, setting, value)
    client.force_login(pemda_user)
    job = job_from_redirect(client.post(reverse("reporting:report_pdf", args=[jombang_report.pk])))
    run_queued_jobs()
    job.refresh_from_db()
    assert job.status == "failed" and not job.result
    assert job.message == message.format(limit=settings.PDF_MAX_PAGES)
    page = client.get(reverse("reporting:job_detail", args=[job.pk])).content.decode()
    assert "Excel" in page and "halaman" in page
    url = reverse("reporting:report_pdf", args=[jombang_report.pk])
    assert client.get(url)["Content-Type"] != "application/pdf"


def test_the_stored_printout_lives_in_the_bucket_and_any_host_serves_it(
    client, s3_server, s3_bucket, pemda_user, jombang_report
):
    """Nothing on one host's disk: the copy is in the private prefix of the bucket, and the second Cetak PDF
    (on whichever host) is served from there."""
    client.force_login(pemda_user)
    text = quarterly_pdf_text(client, jombang_report)
    keys = s3_server.keys(s3_bucket, f"private/pdf-laporan/{jombang_report.pk}/")
    assert len(keys) == 1 and keys[0].endswith(".pdf")
    url = reverse("reporting:report_pdf", args=[jombang_report.pk])
    assert pdf_text(client.get(url)) == text
    assert Job.objects.count() == 1

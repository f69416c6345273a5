"""Excel downloads and upload over HTTP: who may reach them, what comes back, fixed query counts."""

import io

import pytest
from openpyxl import load_workbook

from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reporting import messages
from reporting.models import Report, ReportWarning, RuleKind, ServiceEntry, WarningStatus
from reporting.services import excel_import
from reporting.services import reports as svc
from tests import factories
from tests.integration.test_excel_export import make_filled_report
from tests.integration.test_excel_import import paud_typo, template_bytes
from tests.jobs import download_bytes, job_from_redirect, run_queued_jobs


@pytest.fixture
def report(kabkota, pemda_user):
    return make_filled_report(kabkota, pemda_user)


def test_anonymous_is_sent_to_login(client, report):
    assert client.get(f"/pelaporan/excel/laporan/{report.pk}/").status_code == 302


@pytest.mark.parametrize(("who", "status"), [("owner", 200), ("other", 404), ("province", 404), ("ministry", 404)])
def test_a_draft_export_reaches_only_its_pemda(client, report, pemda_user, province_user, who, status):
    users = {
        "owner": pemda_user,
        "other": factories.PemdaUserFactory(),
        "province": province_user,
        "ministry": factories.UserFactory(role="reviewer"),
    }
    client.force_login(users[who])
    assert client.get(f"/pelaporan/excel/laporan/{report.pk}/").status_code == status


def test_a_sent_report_is_exported_for_its_province(client, report, pemda_user, province_user):
    svc.report_submit(report=report, user=pemda_user)
    client.force_login(province_user)
    response = client.get(f"/pelaporan/excel/laporan/{report.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "Capaian SPM" in load_workbook(io.BytesIO(response.content)).sheetnames
    assert client.get(f"/pelaporan/excel/laporan/{report.pk}/templat/").status_code == 404


def test_upload_saves_and_redirects_to_the_report(client, report, pemda_user):
    client.force_login(pemda_user)
    data = template_bytes(report)
    response = client.post(
        f"/pelaporan/excel/laporan/{report.pk}/impor/", {"berkas": SimpleUploadedFile("x.xlsx", data)}
    )
    job = job_from_redirect(response)
    assert job.upload and storages["private"].exists(job.upload)  # kept for the worker, not on this host
    run_queued_jobs()
    job.refresh_from_db()
    assert job.status == "done" and not storages["private"].exists(job.upload or "x")
    page = client.get(response["Location"]).content.decode()
    assert job.message in page and f"/pelaporan/laporan/{report.pk}/" in page


def test_an_import_with_the_seed_typo_warns_at_once_and_its_job_page_says_so(client, report, pemda_user):
    """The background import rechecks the warnings as a tab B save does: the serapan warning exists as soon as
    the job is done, and the job's summary counts it."""
    client.force_login(pemda_user)
    data = template_bytes(report, paud_typo)
    job = job_from_redirect(
        client.post(f"/pelaporan/excel/laporan/{report.pk}/impor/", {"berkas": SimpleUploadedFile("x.xlsx", data)})
    )
    run_queued_jobs()
    job.refresh_from_db()
    assert job.status == "done"
    warning = ReportWarning.objects.get(report=report, status=WarningStatus.OPEN)
    assert warning.rule.kind == RuleKind.SERAPAN and "realisasi 107.104.500" in warning.message
    sentence = messages.IMPORT_OPEN_WARNINGS.format(count="1")
    assert job.message.endswith(sentence)
    assert sentence in client.get(f"/pelaporan/pekerjaan/{job.pk}/").content.decode()


def test_a_template_with_bad_cells_fails_its_job_with_every_error_and_saves_nothing(client, report, pemda_user):
    from openpyxl import load_workbook as load

    client.force_login(pemda_user)
    wb = load(io.BytesIO(template_bytes(report)))
    ws = wb[excel_import.CAPAIAN_SHEET]
    row = next(r for r in range(1, ws.max_row + 1) if str(ws.cell(row=r, column=1).value or "").startswith("E"))
    ws.cell(row=row, column=excel_import.COL_TARGET, value="banyak")
    buffer = io.BytesIO()
    wb.save(buffer)
    before = list(ServiceEntry.objects.filter(report=report).values_list("harus_dilayani", "terlayani"))
    response = client.post(
        f"/pelaporan/excel/laporan/{report.pk}/impor/", {"berkas": SimpleUploadedFile("x.xlsx", buffer.getvalue())}
    )
    job = job_from_redirect(response)
    run_queued_jobs()
    job.refresh_from_db()
    assert job.status == "failed" and job.message == messages.IMPORT_FAILED
    assert any(f"baris {row}, kolom E" in error for error in job.errors), job.errors
    page = client.get(response["Location"]).content.decode()
    assert f"baris {row}, kolom E" in page and messages.IMPORT_FAILED in page
    assert list(ServiceEntry.objects.filter(report=report).values_list("harus_dilayani", "terlayani")) == before


def test_an_import_of_a_report_changed_since_the_download_fails_with_the_conflict_message(client, report, pemda_user):
    client.force_login(pemda_user)
    data = template_bytes(report)
    svc.activity_create(
        report=report, user=pemda_user, entry_id=report.entries.first().pk, name="Baru", pagu=1, realisasi=1
    )
    job = job_from_redirect(
        client.post(f"/pelaporan/excel/laporan/{report.pk}/impor/", {"berkas": SimpleUploadedFile("x.xlsx", data)})
    )
    run_queued_jobs()
    job.refresh_from_db()
    assert job.status == "failed" and job.errors == [messages.IMPORT_CONFLICT]


def test_a_bad_upload_shows_every_error_and_changes_nothing(client, report, pemda_user):
    client.force_login(pemda_user)
    before = list(ServiceEntry.objects.filter(report=report).values_list("harus_dilayani", "terlayani"))
    response = client.post(
        f"/pelaporan/excel/laporan/{report.pk}/impor/", {"berkas": SimpleUploadedFile("x.xlsx", b"PK\x03\x04 rusak")}
    )
    assert response.status_code == 400
    assert messages.IMPORT_NOT_XLSX in response.content.decode()
    assert list(ServiceEntry.objects.filter(report=report).values_list("harus_dilayani", "terlayani")) == before


def test_import_page_is_only_for_editors_of_the_report(client, report):
    client.force_login(factories.PemdaUserFactory())
    assert client.get(f"/pelaporan/excel/laporan/{report.pk}/impor/").status_code == 404


def test_year_export_of_an_unreadable_region_is_refused(client, report, pemda_user):
    client.force_login(factories.PemdaUserFactory())
    assert client.get("/pelaporan/excel/tahun/2026/", {"wilayah": report.region.code}).status_code == 404
    client.force_login(pemda_user)
    assert client.get("/pelaporan/excel/tahun/2026/").status_code == 200


def test_ministry_downloads_the_national_recap(client, report, pemda_user):
    svc.report_submit(report=report, user=pemda_user)
    client.force_login(factories.UserFactory(role="reviewer"))
    assert client.get("/pelaporan/excel/rekap/2026/1/").status_code == 200  # the page with the button
    job = job_from_redirect(client.post("/pelaporan/excel/rekap/2026/1/"))
    run_queued_jobs()
    ws = load_workbook(io.BytesIO(download_bytes(client, job)))["Rekap capaian"]
    assert [row[0] for row in ws.iter_rows(min_row=3, values_only=True)] == ["35.17"]


def test_export_recap_command_writes_the_file(report, pemda_user, tmp_path):
    svc.report_submit(report=report, user=pemda_user)
    output = tmp_path / "rekap.xlsx"
    call_command("export_recap", "--year", "2026", "--quarter", "1", "--output", str(output))
    assert load_workbook(output)["Rekap capaian"].cell(row=3, column=1).value == "35.17"


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_report_export_query_count_does_not_grow_with_rows(client, report, pemda_user):
    client.force_login(pemda_user)
    url = f"/pelaporan/excel/laporan/{report.pk}/"
    small = _count(client, url)
    for _ in range(5):
        entry = factories.ServiceEntryFactory(report=report)
        factories.MutuEntryFactory(entry=entry)
        factories.ActivityFactory(entry=entry)
    assert _count(client, url) == small
    year_small = _count(client, "/pelaporan/excel/tahun/2026/")
    factories.ReportFactory(region=report.region, period=report.period)
    assert _count(client, "/pelaporan/excel/tahun/2026/") == year_small
    assert Report.objects.count() == 2

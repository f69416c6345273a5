"""Issue 24.6: while a pemda corrects a returned report, its province, the ministry and API tokens read the last
sent version on every surface (report pages, history, data dukung list and download, Excel, PDF, API, the
status table); the pemda reads its corrections. Sending again shows the corrections to everybody."""

import io

import pytest
from openpyxl import load_workbook

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reporting.accounts.models import ApiTokenKind
from reporting.models import ReportWarning, Role, RuleKind, SupportingFile, ValidationRule
from reporting.services import files as file_services
from reporting.services import reports as svc
from tests import factories
from tests.functional.api.conftest import issue
from tests.functional.test_printouts import quarterly_pdf_text
from tests.functional.test_report_pages import PDF
from tests.integration.test_excel_export import make_filled_report

SENT, CORRECTED = "352.523", "300.111"


@pytest.fixture
def returned(kabkota, pemda_user, province_user):
    """Jombang's report sent (352.523 terlayani, PAUD and Rehab, one note, one file), returned by the province
    and being corrected: 300.111, a new kegiatan, a new note and a new file, none of them sent yet."""
    report = make_filled_report(kabkota, pemda_user)
    svc.problem_create(report=report, user=pemda_user, category="pelaksanaan", text="Catatan terkirim")
    file_services.supporting_file_add(
        report=report, user=pemda_user, uploaded=SimpleUploadedFile("terkirim.pdf", PDF, "application/pdf")
    )
    svc.report_submit(report=report, user=pemda_user)
    svc.report_return(report=report, user=province_user, reason="Periksa lagi angka terlayani")
    report.refresh_from_db()
    entry = report.entries.get()
    svc.report_capaian_save(
        report=report, user=pemda_user, expected_version=report.version, entries={entry.pk: {"terlayani": 300111}}
    )
    svc.activity_create(report=report, user=pemda_user, entry_id=entry.pk, name="Koreksi rahasia", pagu=7, realisasi=7)
    svc.problem_create(report=report, user=pemda_user, category="pelaksanaan", text="Catatan belum dikirim")
    file_services.supporting_file_add(
        report=report, user=pemda_user, uploaded=SimpleUploadedFile("koreksi.pdf", PDF, "application/pdf")
    )
    report.refresh_from_db()
    return report


@pytest.fixture
def reviewer(db):
    return factories.UserFactory(role=Role.REVIEWER)


def _page_text(client, report) -> str:
    return "".join(
        client.get(reverse(f"reporting:{tab}", args=[report.pk])).content.decode()
        for tab in ("report_capaian", "report_kegiatan", "report_permasalahan")
    )


def _assert_sent(text: str) -> None:
    assert SENT in text and "Catatan terkirim" in text
    for unsent in (CORRECTED, "Koreksi rahasia", "Catatan belum dikirim", "koreksi.pdf"):
        assert unsent not in text, unsent


def _assert_corrected(text: str) -> None:
    for corrected in (CORRECTED, "Koreksi rahasia", "Catatan belum dikirim"):
        assert corrected in text, corrected


@pytest.mark.parametrize("reader", ["province", "ministry"])
def test_the_report_pages_and_history_show_other_readers_the_sent_version(
    client, returned, pemda_user, province_user, reviewer, reader
):
    client.force_login(province_user if reader == "province" else reviewer)
    text = _page_text(client, returned)
    _assert_sent(text)
    assert "terkirim.pdf" in text and "versi terakhir yang dikirim" in text
    client.force_login(pemda_user)
    own = _page_text(client, returned)
    _assert_corrected(own)
    assert "koreksi.pdf" in own and "versi terakhir yang dikirim" not in own


@pytest.mark.parametrize("reader", ["province", "ministry"])
def test_a_file_added_since_kirim_downloads_for_the_pemda_only(
    client, returned, pemda_user, province_user, reviewer, reader
):
    added = SupportingFile.objects.get(original_name="koreksi.pdf")
    sent = SupportingFile.objects.get(original_name="terkirim.pdf")
    client.force_login(province_user if reader == "province" else reviewer)
    assert client.get(reverse("reporting:report_file", args=[returned.pk, added.pk])).status_code == 404
    assert client.get(reverse("reporting:report_file", args=[returned.pk, sent.pk])).status_code == 200
    client.force_login(pemda_user)
    assert client.get(reverse("reporting:report_file", args=[returned.pk, added.pk])).status_code == 200


def _workbook_text(response) -> str:
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    return " ".join(str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c)


@pytest.mark.parametrize("reader", ["province", "ministry"])
def test_the_excel_exports_hold_the_sent_version_for_other_readers(
    client, returned, pemda_user, province_user, reviewer, reader
):
    client.force_login(province_user if reader == "province" else reviewer)
    one = _workbook_text(client.get(reverse("reporting:excel_report", args=[returned.pk])))
    year = _workbook_text(client.get(reverse("reporting:excel_year", args=[2026]) + "?wilayah=35.17"))
    for text in (one, year):
        assert "352523" in text and "300111" not in text and "Koreksi rahasia" not in text
    assert "Catatan terkirim" in one and "Catatan belum dikirim" not in one
    client.force_login(pemda_user)
    own = _workbook_text(client.get(reverse("reporting:excel_report", args=[returned.pk])))
    assert "300111" in own and "Koreksi rahasia" in own and "Catatan belum dikirim" in own


@pytest.mark.parametrize("reader", ["province", "ministry"])
def test_the_pdf_prints_the_sent_version_for_other_readers(
    client, returned, pemda_user, province_user, reviewer, reader
):
    client.force_login(province_user if reader == "province" else reviewer)
    text = quarterly_pdf_text(client, returned)
    _assert_sent(text)
    assert "versi terakhir yang dikirim" in text
    client.force_login(pemda_user)
    _assert_corrected(quarterly_pdf_text(client, returned))


def test_the_annual_pdf_of_the_province_holds_the_sent_version(client, returned, province_user):
    client.force_login(province_user)
    started = client.post(reverse("reporting:annual_pdf", args=[2026]) + "?wilayah=35.17")
    from tests.functional.test_printouts import pdf_text
    from tests.jobs import job_from_redirect, run_queued_jobs

    job = job_from_redirect(started)
    run_queued_jobs()
    text = pdf_text(client.get(reverse("reporting:job_download", args=[job.pk])))
    assert SENT in text and CORRECTED not in text and "Koreksi rahasia" not in text


def test_the_api_gives_a_ministry_token_the_sent_version_and_the_pemda_token_its_corrections(
    client, returned, pemda_user
):
    ministry = factories.UserFactory(role=Role.MINISTRY_ADMIN)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {issue(ministry, kind=ApiTokenKind.MINISTRY)}"}
    detail = client.get(f"/api/v1/laporan/{returned.pk}", **headers).json()
    assert [e["terlayani"] for e in detail["entries"]] == [352523]
    assert [k["name"] for k in detail["kegiatan"]] == ["PAUD", "Rehab"]
    assert [p["text"] for p in detail["permasalahan"]] == ["Catatan terkirim"]
    assert detail["pagu_total"] == 1072692000 + 178310000
    listed = client.get("/api/v1/laporan", **headers).json()["items"]
    assert [item["pagu_total"] for item in listed] == [1072692000 + 178310000]
    own = {"HTTP_AUTHORIZATION": f"Bearer {issue(pemda_user)}"}
    mine = client.get(f"/api/v1/laporan/{returned.pk}", **own).json()
    assert [e["terlayani"] for e in mine["entries"]] == [300111]
    assert "Koreksi rahasia" in [k["name"] for k in mine["kegiatan"]]
    assert mine["pagu_total"] == 1072692000 + 178310000 + 7


def test_sending_again_shows_the_corrections_to_everybody(client, returned, pemda_user, province_user):
    svc.report_submit(report=returned, user=pemda_user)
    client.force_login(province_user)
    _assert_corrected(_page_text(client, returned))
    assert "versi terakhir yang dikirim" not in _page_text(client, returned)


@pytest.mark.parametrize("reader", ["province", "ministry"])
def test_a_warning_raised_by_the_corrections_is_not_shown_to_other_readers(
    client, returned, pemda_user, province_user, reviewer, reader
):
    rule = ValidationRule.objects.create(name="Nilai jauh", kind=RuleKind.OUTLIER, factor=3)
    ReportWarning.objects.create(
        report=returned, rule=rule, target_key="terlayani", label="Terlayani", message=f"Nilai {CORRECTED} jauh"
    )
    client.force_login(province_user if reader == "province" else reviewer)
    assert f"Nilai {CORRECTED} jauh" not in _page_text(client, returned)
    assert f"Nilai {CORRECTED} jauh" not in client.get(reverse("reporting:warning_monitoring")).content.decode()
    client.force_login(pemda_user)
    assert f"Nilai {CORRECTED} jauh" in _page_text(client, returned)


def test_the_status_table_shows_the_province_how_far_the_sent_version_was_filled(
    client, returned, pemda_user, province_user
):
    mutu = returned.entries.get().mutu_entries.order_by("order").first()
    svc.report_capaian_save(
        report=returned,
        user=pemda_user,
        expected_version=returned.version,
        entries={mutu.entry_id: {"mutu": {mutu.pk: {"terpenuhi": None}}}},
    )
    returned.refresh_from_db()
    sent = f"{returned.sent_snapshot.figures_filled}/{returned.figures_required} isian"
    corrected = f"{returned.figures_filled}/{returned.figures_required} isian"
    assert sent != corrected
    client.force_login(province_user)
    table = client.get(reverse("reporting:kabkota_list"), {"wilayah": "3517", "tahun": 2026}).content.decode()
    assert sent in table and corrected not in table
    client.force_login(pemda_user)
    own = client.get(reverse("reporting:bidang_list"), {"tahun": 2026}).content.decode()
    assert corrected in own

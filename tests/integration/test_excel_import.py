"""Excel import: export then import gives back the same data; a wrong file changes nothing and says where."""

import io
import zipfile

import pytest
from openpyxl import load_workbook

from django.test import override_settings

from reporting import messages
from reporting.models import Activity, Report, ReportWarning, RuleKind, ServiceEntry, WarningStatus
from reporting.services import excel_export, excel_import
from reporting.services import reports as svc
from tests.integration.test_excel_export import make_filled_report


@pytest.fixture
def report(kabkota, pemda_user):
    return make_filled_report(kabkota, pemda_user)


def template_bytes(report, edit=None) -> bytes:
    report = excel_export.report_queryset(Report.objects.filter(pk=report.pk)).get()
    wb = excel_export.report_workbook(report, template=True)
    if edit:
        edit(wb)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def snapshot(report):
    entries = [
        (e.harus_dilayani, e.terlayani, [(m.harus_dipenuhi, m.terpenuhi) for m in e.mutu_entries.order_by("order")])
        for e in ServiceEntry.objects.filter(report=report).order_by("order")
    ]
    activities = list(
        Activity.objects.filter(entry__report=report)
        .order_by("id")
        .values_list("name", "pagu", "realisasi", "justification")
    )
    return entries, activities


def _row(ws, text):
    return next(cell.row for row in ws.iter_rows() for cell in row if cell.value == text)


def test_importing_an_unchanged_template_gives_back_the_same_data(report, pemda_user):
    before = snapshot(report)
    result = excel_import.report_import(report=report, user=pemda_user, data=template_bytes(report))
    assert snapshot(report) == before
    assert result.values_changed == 0
    assert result.summary == messages.IMPORTED_UNCHANGED.format(figures=result.figures)


def test_filled_template_is_saved_and_exports_back_identically(report, pemda_user):
    def edit(wb):
        ws = wb[excel_export.CAPAIAN_SHEET]
        row = _row(ws, "Air minum")
        ws.cell(row=row, column=5, value=400000)
        ws.cell(row=row, column=6, value="352.600")  # typed the Indonesian way
        ws.cell(row=row + 1, column=6, value=90)
        keg = wb[excel_export.KEGIATAN_SHEET]
        rehab = _row(keg, "Rehab")
        keg.cell(row=rehab, column=5, value=178310000)
        blank = rehab + 1
        assert keg.cell(row=blank, column=1).value.startswith("N")
        keg.cell(row=blank, column=3, value="Sub kegiatan baru")
        keg.cell(row=blank, column=4, value=1000)
        keg.cell(row=blank, column=5, value=1200)
        keg.cell(row=blank, column=7, value="Tambahan dari APBD perubahan")

    result = excel_import.report_import(report=report, user=pemda_user, data=template_bytes(report, edit))
    assert (result.created, result.updated, result.deleted) == (1, 1, 0)
    assert (result.figures_changed, result.values_changed) == (3, 5)  # harus dilayani, terlayani, one mutu
    assert result.summary.startswith("Berkas Excel diimpor: 5 nilai berubah. Dari 6 isian capaian yang diperiksa, 3 ")
    entries, activities = snapshot(report)
    assert entries == [(400000, 352600, [(100, 90), (50, 50)])]
    assert activities[1:] == [
        ("Rehab", 178310000, 178310000, ""),
        ("Sub kegiatan baru", 1000, 1200, "Tambahan dari APBD perubahan"),
    ]
    report.refresh_from_db()
    assert report.pagu_total == 1072692000 + 178310000 + 1000
    # export again: the same figures come out as numbers
    ws = load_workbook(io.BytesIO(template_bytes(report)))[excel_export.CAPAIAN_SHEET]
    row = _row(ws, "Air minum")
    assert (ws.cell(row=row, column=5).value, ws.cell(row=row, column=6).value) == (400000, 352600)


def test_clearing_an_activity_row_deletes_it(report, pemda_user):
    def edit(wb):
        keg = wb[excel_export.KEGIATAN_SHEET]
        row = _row(keg, "Rehab")
        for col in (3, 4, 5):
            keg.cell(row=row, column=col).value = None

    result = excel_import.report_import(report=report, user=pemda_user, data=template_bytes(report, edit))
    assert result.deleted == 1
    assert [a[0] for a in snapshot(report)[1]] == ["PAUD"]


def test_every_bad_cell_is_named_and_nothing_is_saved(report, pemda_user):
    def edit(wb):
        ws = wb[excel_export.CAPAIAN_SHEET]
        row = _row(ws, "Air minum")
        ws.cell(row=row, column=5, value="banyak")
        ws.cell(row=row + 1, column=6, value=101)  # terpenuhi above harus dipenuhi (100)
        keg = wb[excel_export.KEGIATAN_SHEET]
        paud = _row(keg, "PAUD")
        keg.cell(row=paud, column=5, value=2000000000)  # above pagu, no justification
        keg.cell(row=paud + 2, column=3, value="Tanpa angka")  # first blank row: pagu and realisasi missing
        keg.cell(row=_row(keg, "Rehab"), column=3, value="Rehab diubah")  # valid change, must not be saved

    before = snapshot(report)
    version = Report.objects.get(pk=report.pk).version
    with pytest.raises(excel_import.ExcelImportError) as caught:
        excel_import.report_import(report=report, user=pemda_user, data=template_bytes(report, edit))
    errors = caught.value.errors
    ws_row = _row(load_workbook(io.BytesIO(template_bytes(report)))[excel_export.CAPAIAN_SHEET], "Air minum")
    assert (
        f"Lembar “Capaian SPM”, baris {ws_row}, kolom E (jumlah yang harus dilayani/dipenuhi): {messages.COUNT_INVALID}"
        in errors
    )
    assert any(f"baris {ws_row + 1}, kolom F" in e and messages.MET_EXCEEDS_TARGET in e for e in errors)
    assert any(
        "Kegiatan dan Anggaran" in e and "kolom G" in e and messages.JUSTIFICATION_REQUIRED in e for e in errors
    )
    assert sum(messages.MONEY_REQUIRED in e for e in errors) == 2
    assert snapshot(report) == before
    assert Report.objects.get(pk=report.pk).version == version


def test_a_template_of_another_report_is_refused(report, pemda_user, kabkota):
    other = svc.report_get_or_create(
        region=kabkota,
        urusan=report.urusan,
        period=type(report.period).objects.create(
            year=2026, quarter=2, opens_at=report.period.opens_at, closes_at=report.period.closes_at
        ),
    )
    with pytest.raises(excel_import.ExcelImportError) as caught:
        excel_import.report_import(report=other, user=pemda_user, data=template_bytes(report))
    assert caught.value.errors == [messages.IMPORT_WRONG_REPORT]


def test_a_stale_template_is_refused_as_a_conflict(report, pemda_user):
    data = template_bytes(report)
    excel_import.report_import(report=report, user=pemda_user, data=data)  # bumps the version
    with pytest.raises(excel_import.ExcelImportError) as caught:
        excel_import.report_import(report=report, user=pemda_user, data=data)
    assert caught.value.errors == [messages.IMPORT_CONFLICT]


def test_a_file_that_is_not_xlsx_is_refused_by_content(report, pemda_user):
    with pytest.raises(excel_import.ExcelImportError) as caught:
        excel_import.report_import(report=report, user=pemda_user, data=b"%PDF-1.4 not a spreadsheet")
    assert caught.value.errors == [messages.IMPORT_NOT_XLSX]


@override_settings(REPORT_UPLOAD_MAX_BYTES=1024)
def test_a_file_above_the_size_limit_is_refused(report, pemda_user):
    with pytest.raises(excel_import.ExcelImportError) as caught:
        excel_import.report_import(report=report, user=pemda_user, data=template_bytes(report))
    assert "terlalu besar" in caught.value.errors[0]


def test_a_zip_bomb_is_refused_before_decompression(report, pemda_user):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (60 * 1024 * 1024))
    with pytest.raises(excel_import.ExcelImportError) as caught:
        excel_import.report_import(report=report, user=pemda_user, data=buffer.getvalue())
    assert caught.value.errors in ([messages.IMPORT_ZIP_BOMB], [messages.IMPORT_NOT_XLSX])
    assert caught.value.errors == [messages.IMPORT_ZIP_BOMB]


def test_a_submitted_report_cannot_be_changed_by_import(report, pemda_user):
    data = template_bytes(report)
    svc.report_submit(report=report, user=pemda_user)
    with pytest.raises(excel_import.ExcelImportError) as caught:
        excel_import.report_import(report=report, user=pemda_user, data=data)
    assert "dikirim" in caught.value.errors[0]


SEED_PAGU, SEED_TYPO = 1072692000, 107104500  # the seed's PAUD realisasi with a digit lost


def paud_typo(wb):
    """Edit of a template (``template_bytes``): the PAUD sub kegiatan's realisasi typed with a digit lost."""
    keg = wb[excel_export.KEGIATAN_SHEET]
    paud = _row(keg, "PAUD")
    assert keg.cell(row=paud, column=4).value == SEED_PAGU
    keg.cell(row=paud, column=5, value=SEED_TYPO)


def test_an_import_rechecks_the_warnings_at_once_and_its_summary_counts_the_open_ones(report, pemda_user):
    assert not ReportWarning.objects.filter(report=report).exists()
    result = excel_import.report_import(report=report, user=pemda_user, data=template_bytes(report, paud_typo))

    warning = ReportWarning.objects.get(report=report, status=WarningStatus.OPEN)
    assert warning.rule.kind == RuleKind.SERAPAN and warning.label == "Kegiatan PAUD"
    assert "Serapan 9,98 %" in warning.message  # TW I: below 40 % of the expected 25 %
    assert result.open_warnings == 1
    assert result.summary.startswith("Berkas Excel diimpor: 1 nilai berubah.")
    assert result.summary.endswith(" " + messages.IMPORT_OPEN_WARNINGS.format(count="1"))
    assert "1 peringatan yang belum dikonfirmasi" in result.summary


def test_an_import_that_corrects_the_figure_resolves_its_warning_and_says_nothing_of_warnings(report, pemda_user):
    excel_import.report_import(report=report, user=pemda_user, data=template_bytes(report, paud_typo))

    def fix(wb):
        keg = wb[excel_export.KEGIATAN_SHEET]
        keg.cell(row=_row(keg, "PAUD"), column=5, value=1071045000)

    result = excel_import.report_import(report=report, user=pemda_user, data=template_bytes(report, fix))
    assert result.open_warnings == 0
    assert ReportWarning.objects.get(report=report).status == WarningStatus.RESOLVED
    assert "peringatan" not in result.summary

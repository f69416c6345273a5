"""Excel export: the seed's layout, numbers as numbers, a year per sheet, and the streamed recap."""

import io

import pytest
from openpyxl import load_workbook

from reporting.models import Region
from reporting.services import excel_export
from reporting.services import reports as svc
from tests import factories
from tests.integration.test_monitoring_selectors import build_world


@pytest.fixture
def filled(kabkota, pemda_user):
    return make_filled_report(kabkota, pemda_user)


def make_filled_report(kabkota, pemda_user):
    """A Jombang PU report with the seed's air minum figures and PAUD activities."""
    urusan = factories.UrusanFactory(code="1.03", name="Pekerjaan Umum", short_name="PEKERJAAN UMUM")
    service = factories.ServiceTypeFactory(urusan=urusan, year=2026, name="Air minum", order=1)
    factories.MutuItemFactory(service=service, name="SPAM jaringan perpipaan", order=1)
    factories.MutuItemFactory(service=service, name="SPAM bukan jaringan perpipaan", order=2)
    period = factories.PeriodFactory(year=2026, quarter=1)
    report = svc.report_get_or_create(region=kabkota, urusan=urusan, period=period)
    entry = report.entries.get()
    mutu = list(entry.mutu_entries.order_by("order"))
    svc.report_capaian_save(
        report=report,
        user=pemda_user,
        expected_version=report.version,
        entries={
            entry.pk: {
                "harus_dilayani": 352523,
                "terlayani": 352523,
                "mutu": {
                    mutu[0].pk: {"harus_dipenuhi": 100, "terpenuhi": 80},
                    mutu[1].pk: {"harus_dipenuhi": 50, "terpenuhi": 50},
                },
            },
        },
    )
    svc.activity_create(
        report=report, user=pemda_user, entry_id=entry.pk, name="PAUD", pagu=1072692000, realisasi=1071045000
    )
    svc.activity_create(
        report=report, user=pemda_user, entry_id=entry.pk, name="Rehab", pagu=178310000, realisasi=158965200
    )
    report.refresh_from_db()
    return report


def _reload(wb):
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return load_workbook(buffer)


def _row_of(ws, text):
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell.row
    raise AssertionError(text)


def test_report_sheet_has_numbered_columns_section_row_and_real_numbers(filled):
    report = excel_export.report_queryset(type(filled).objects.filter(pk=filled.pk)).get()
    wb = _reload(excel_export.report_workbook(report))
    ws = wb[excel_export.CAPAIAN_SHEET]
    assert [ws.cell(row=5, column=c).value for c in range(2, 9)] == ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"]
    assert ws.cell(row=6, column=2).value == "A. KABUPATEN JOMBANG"
    row = _row_of(ws, "Air minum")
    target, served, belum, capaian = (ws.cell(row=row, column=c) for c in (5, 6, 7, 8))
    assert (target.value, served.value, belum.value) == (352523, 352523, 0)
    assert target.data_type == "n" and target.number_format == "#,##0"
    assert float(capaian.value) == 100.0 and capaian.number_format == '0.00" %"'
    mutu = ws.cell(row=row + 1, column=8)
    assert float(mutu.value) == 80.0 and ws.cell(row=row + 1, column=3).value == "SPAM jaringan perpipaan"
    assert ws.column_dimensions["A"].hidden


def test_report_kegiatan_sheet_totals_match_the_seed(filled):
    report = excel_export.report_queryset(type(filled).objects.filter(pk=filled.pk)).get()
    ws = _reload(excel_export.report_workbook(report))[excel_export.KEGIATAN_SHEET]
    row = _row_of(ws, "PAUD")
    assert (ws.cell(row=row, column=4).value, ws.cell(row=row, column=5).value) == (1072692000, 1071045000)
    assert float(ws.cell(row=row, column=6).value) == 99.85
    total = _row_of(ws, "JUMLAH")
    assert (ws.cell(row=total, column=4).value, ws.cell(row=total, column=5).value) == (1251002000, 1230010200)
    assert float(ws.cell(row=total, column=6).value) == 98.32
    assert ws.cell(row=total, column=4).number_format == "#,##0"


def test_year_workbook_has_a_sheet_per_urusan_and_quarter(db):
    world = build_world()
    reports = Region.objects.get(pk=world["jombang"].pk).reports.all()
    wb = excel_export.year_workbook(reports)
    assert wb.sheetnames == ["TW I PENDIDIKAN", "TW I KESEHATAN", "TW II PENDIDIKAN"]


def test_recap_is_written_in_streaming_mode_from_chunked_queries(db, monkeypatch, tmp_path):
    """The recap uses a write-only workbook and reads the rows with .iterator(), so memory stays flat."""
    world = build_world()
    for report in world["reports"].values():
        factories.ServiceEntryFactory(report=report, harus_dilayani=10, terlayani=5)
    seen = {}
    real_workbook = excel_export.Workbook

    def spy_workbook(*args, **kwargs):
        seen["write_only"] = kwargs.get("write_only")
        return real_workbook(*args, **kwargs)

    iterated = []
    real_iterator = type(type(world["period"]).objects.all()).iterator

    def spy_iterator(self, chunk_size=None):
        iterated.append((self.model.__name__, chunk_size))
        return real_iterator(self, chunk_size=chunk_size)

    monkeypatch.setattr(excel_export, "Workbook", spy_workbook)
    monkeypatch.setattr(type(type(world["period"]).objects.all()), "iterator", spy_iterator)
    output = tmp_path / "rekap.xlsx"
    written = excel_export.recap_write(
        period=world["period"],
        reports=type(world["reports"]["jatim_pend"]).objects.all(),
        regions=Region.objects.all(),
        output=str(output),
    )
    assert seen["write_only"] is True
    assert ("ServiceEntry", excel_export.RECAP_CHUNK) in iterated
    assert written == 6  # one service row for each sent report of an active pemda in TW I
    ws = load_workbook(output)["Rekap capaian"]
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert [(r[0], r[3], r[4]) for r in rows] == [
        ("32.71", "PENDIDIKAN", "Dikirim"),
        ("35", "PENDIDIKAN", "Diterima"),
        ("35.07", "KESEHATAN", "Diterima"),
        ("35.17", "PENDIDIKAN", "Dikirim"),
        ("35.17", "KESEHATAN", "Diterima"),
        ("35.78", "KESEHATAN", "Dikembalikan"),
    ]
    assert (rows[0][8], rows[0][9], float(rows[0][10])) == (10, 5, 50.0)


def test_recap_lists_pemda_that_have_not_reported(db, tmp_path):
    world = build_world()
    output = tmp_path / "rekap.xlsx"
    excel_export.recap_write(
        period=world["period"],
        reports=type(world["reports"]["jatim_pend"]).objects.all(),
        regions=Region.objects.all(),
        output=str(output),
    )
    rows = list(load_workbook(output)["Belum dikirim"].iter_rows(min_row=2, values_only=True))
    assert ("35.78", "Kota Surabaya", "PENDIDIKAN") in rows  # a draft is not reported
    assert ("32", "Provinsi Jawa Barat", "KESEHATAN") in rows
    assert not any(r[0] == "32.99" for r in rows)  # inactive
    assert not any(r[0] == "35.17" for r in rows)


def test_recap_formats_only_its_number_and_date_columns(db, tmp_path):
    """Plain values elsewhere, and every formatted column keeps its format on every row."""
    world = build_world()
    for report in world["reports"].values():
        factories.ServiceEntryFactory(report=report, harus_dilayani=1200, terlayani=900)
    output = tmp_path / "rekap.xlsx"
    excel_export.recap_write(
        period=world["period"],
        reports=type(world["reports"]["jatim_pend"]).objects.all(),
        regions=Region.objects.all(),
        output=str(output),
    )
    ws = load_workbook(output)["Rekap capaian"]
    rows = list(ws.iter_rows(min_row=3))
    assert len(rows) == 6
    for row in rows:
        for index, number_format in excel_export.RECAP_FORMATS.items():
            assert row[index].number_format == number_format
        assert row[0].number_format == "General" and row[7].number_format == "General"
    assert rows[0][8].value == 1200 and float(rows[0][10].value) == 75.0


def test_recap_progress_total_is_the_number_of_rows_written(db, tmp_path):
    """The job's bar starts from the right total: live services plus the sent versions of returned reports."""
    world = build_world()
    for report in world["reports"].values():
        factories.ServiceEntryFactory(report=report, harus_dilayani=10, terlayani=5)
        factories.ServiceEntryFactory(report=report, harus_dilayani=4, terlayani=4)
    told = []
    written = excel_export.recap_write(
        period=world["period"],
        reports=type(world["reports"]["jatim_pend"]).objects.all(),
        regions=Region.objects.all(),
        output=str(tmp_path / "rekap.xlsx"),
        progress=lambda done, total=None: told.append((done, total)),
    )
    assert told[0] == (0, written) and written == 12

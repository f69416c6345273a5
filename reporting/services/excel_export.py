"""Excel files out of the portal (openpyxl): one report, a pemda's year and the recap of a period.

Numbers are written as numbers with a number format (``#,##0`` for counts and
rupiah, ``0.00" %"`` for percentages stored as 0-100), never as text, so that a
spreadsheet can add them up. The one-report file is also the import template:
hidden column A holds the row's id and the hidden sheet "Info" the report and its
version, so a file exported and uploaded again gives back the same data.
"""

import datetime
import heapq
from collections.abc import Callable, Iterable
from typing import IO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from django.conf import settings
from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from core.nulls import not_null
from core.spreadsheets import row_texts_literal, workbook_texts_literal
from reporting import calculations
from reporting.models import (
    SENT_STATUSES,
    Activity,
    MutuEntry,
    Period,
    Region,
    Report,
    ReportStatus,
    ServiceEntry,
    Urusan,
)
from reporting.selectors.sent import sent_view_for

NUMBER_FORMAT = "#,##0"
PERCENT_FORMAT = '0.00" %"'
CAPAIAN_SHEET = "Capaian SPM"
KEGIATAN_SHEET = "Kegiatan dan Anggaran"
PROBLEM_SHEET = "Permasalahan"
INFO_SHEET = "Info"
# Blank activity rows the template offers under each service for new sub kegiatan.
TEMPLATE_BLANK_ACTIVITIES = 3
RECAP_CHUNK = 5000
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="0B3A6E")
HEADER_FONT = Font(bold=True, color="FFFFFF")
SECTION_FILL = PatternFill("solid", fgColor="E7EEF7")
WRAP = Alignment(wrap_text=True, vertical="top")

CAPAIAN_HEADERS = (
    "ID",
    "NO",
    "JENIS PELAYANAN DASAR / MUTU PELAYANAN",
    "INDIKATOR PENCAPAIAN",
    "JUMLAH YANG HARUS DILAYANI / DIPENUHI",
    "JUMLAH YANG TERLAYANI / TERPENUHI",
    "JUMLAH YANG BELUM TERLAYANI",
    "CAPAIAN",
)
KEGIATAN_HEADERS = (
    "ID",
    "NO",
    "JENIS PELAYANAN / SUB KEGIATAN",
    "PAGU",
    "REALISASI",
    "SERAPAN",
    "ALASAN REALISASI MELEBIHI PAGU",
)
# Columns of the capaian and kegiatan sheets the import reads (1-based, column A is the id).
COL_ID, COL_NO, COL_NAME = 1, 2, 3
COL_TARGET, COL_SERVED = 5, 6
COL_PAGU, COL_REALISASI, COL_JUSTIFICATION = 4, 5, 7
FIRST_DATA_ROW = 7


def report_queryset(reports: QuerySet[Report]) -> QuerySet[Report]:
    """Reports with everything a sheet shows, in a fixed number of queries."""
    return reports.select_related("region", "urusan", "period").prefetch_related(
        Prefetch(
            "entries",
            queryset=ServiceEntry.objects.order_by("order", "id").prefetch_related(
                Prefetch("mutu_entries", queryset=MutuEntry.objects.order_by("order", "id")),
                Prefetch("activities", queryset=Activity.objects.order_by("id")),
            ),
        ),
        "problems",
    )


def _title(report: Report) -> str:
    return f"{report.urusan.name.upper()} · {report.period} · {report.region.display_name.upper()}"


def _header(ws, row: int, headers: Iterable[str]) -> None:
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(row=row, column=col, value=text)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, WRAP
        number = ws.cell(row=row + 1, column=col, value=f"({col - 1})" if col > 1 else "")
        number.alignment = Alignment(horizontal="center")


def _section(ws, row: int, text: str, last_col: int, row_id: str = "") -> None:
    ws.cell(row=row, column=COL_ID, value=row_id or None)
    cell = ws.cell(row=row, column=COL_NO, value=text)
    cell.font = BOLD
    for col in range(COL_NO, last_col + 1):
        ws.cell(row=row, column=col).fill = SECTION_FILL


def _put(ws, row: int, col: int, value, number_format: str | None = None) -> None:
    cell = ws.cell(row=row, column=col, value=value)
    if number_format:
        cell.number_format = number_format
    else:
        cell.alignment = WRAP


def _widths(ws, widths: Iterable[int]) -> None:
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.column_dimensions["A"].hidden = True


def _figure_row(ws, row: int, row_id: str, number: str, name: str, target, met) -> None:
    """One figure line of tab A (a service or a mutu item): target, met, not yet met and percentage."""
    _put(ws, row, COL_ID, row_id)
    _put(ws, row, COL_NO, number)
    _put(ws, row, COL_NAME, name)
    _put(ws, row, COL_TARGET, target, NUMBER_FORMAT)
    _put(ws, row, COL_SERVED, met, NUMBER_FORMAT)
    _put(ws, row, 7, calculations.belum_terlayani(target, met), NUMBER_FORMAT)
    _put(ws, row, 8, calculations.percentage(met, target), PERCENT_FORMAT)


def write_capaian(ws, report: Report, start: int = 1) -> int:
    """Tab A in the seed's layout from row ``start``; returns the next free row."""
    ws.cell(row=start, column=COL_NO, value=f"CAPAIAN SPM {_title(report)}").font = BOLD
    _header(ws, start + 3, CAPAIAN_HEADERS)
    row = start + 5
    _section(ws, row, f"A. {report.region.display_name.upper()}", len(CAPAIAN_HEADERS))
    row += 1
    for number, entry in enumerate(report.entries.all(), start=1):
        _figure_row(ws, row, f"E{entry.pk}", f"{number}.", entry.service_name, entry.harus_dilayani, entry.terlayani)
        _put(ws, row, 4, entry.indikator)
        ws.cell(row=row, column=COL_NAME).font = BOLD
        row += 1
        for sub, mutu in enumerate(entry.mutu_entries.all(), start=1):
            _figure_row(ws, row, f"M{mutu.pk}", f"{number}.{sub}", mutu.name, mutu.harus_dipenuhi, mutu.terpenuhi)
            row += 1
    row += 1
    for label, value in (
        ("Capaian penerima layanan", report.capaian_penerima),
        ("Capaian mutu", report.capaian_mutu),
        ("Indeks capaian", report.indeks),
    ):
        _put(ws, row, COL_NAME, label)
        _put(ws, row, 8, value, PERCENT_FORMAT)
        row += 1
    _put(ws, row, COL_NAME, "Kategori")
    _put(ws, row, 8, report.category or "-")
    return row + 2


def write_kegiatan(ws, report: Report, start: int = 1, blank_rows: int = 0) -> int:
    """Tab B in the seed's layout from row ``start``; returns the next free row."""
    ws.cell(row=start, column=COL_NO, value=f"KEGIATAN DAN ANGGARAN SPM {_title(report)}").font = BOLD
    _header(ws, start + 3, KEGIATAN_HEADERS)
    row = start + 5
    _section(ws, row, f"A. {report.region.display_name.upper()}", len(KEGIATAN_HEADERS))
    row += 1
    pairs = []
    for number, entry in enumerate(report.entries.all(), start=1):
        _section(ws, row, f"{number}. {entry.service_name}", len(KEGIATAN_HEADERS), row_id=f"S{entry.pk}")
        row += 1
        for sub, activity in enumerate(entry.activities.all(), start=1):
            _put(ws, row, COL_ID, f"A{activity.pk}")
            _put(ws, row, COL_NO, f"{number}.{sub}")
            _put(ws, row, COL_NAME, activity.name)
            _put(ws, row, COL_PAGU, activity.pagu, NUMBER_FORMAT)
            _put(ws, row, COL_REALISASI, activity.realisasi, NUMBER_FORMAT)
            _put(ws, row, 6, calculations.serapan(activity.pagu, activity.realisasi), PERCENT_FORMAT)
            _put(ws, row, COL_JUSTIFICATION, activity.justification or None)
            pairs.append((activity.pagu, activity.realisasi))
            row += 1
        for _ in range(blank_rows):
            _put(ws, row, COL_ID, f"N{entry.pk}")
            for col in (COL_PAGU, COL_REALISASI):
                ws.cell(row=row, column=col).number_format = NUMBER_FORMAT
            row += 1
    pagu, realisasi, absorbed = calculations.money_totals(pairs)
    _put(ws, row, COL_NAME, "JUMLAH")
    ws.cell(row=row, column=COL_NAME).font = BOLD
    _put(ws, row, COL_PAGU, pagu, NUMBER_FORMAT)
    _put(ws, row, COL_REALISASI, realisasi, NUMBER_FORMAT)
    _put(ws, row, 6, absorbed, PERCENT_FORMAT)
    return row + 2


def write_problems(ws, report: Report, start: int = 1) -> int:
    ws.cell(row=start, column=COL_NO, value=f"PERMASALAHAN {_title(report)}").font = BOLD
    _header(ws, start + 3, ("ID", "NO", "KATEGORI", "PERMASALAHAN", "SOLUSI / TINDAK LANJUT"))
    row = start + 5
    for number, problem in enumerate(report.problems.all(), start=1):
        _put(ws, row, COL_NO, f"{number}.")
        _put(ws, row, COL_NAME, problem.get_category_display())
        _put(ws, row, 4, problem.text)
        _put(ws, row, 5, problem.solution)
        row += 1
    return row + 1


def report_workbook(report: Report, *, template: bool = False) -> Workbook:
    """One report: tabs A, B and C as sheets, plus the hidden "Info" sheet the import checks."""
    wb = Workbook()
    capaian = wb.active
    capaian.title = CAPAIAN_SHEET
    write_capaian(capaian, report)
    _widths(capaian, (8, 7, 50, 40, 18, 18, 18, 14))
    kegiatan = wb.create_sheet(KEGIATAN_SHEET)
    write_kegiatan(kegiatan, report, blank_rows=TEMPLATE_BLANK_ACTIVITIES if template else 0)
    _widths(kegiatan, (8, 7, 60, 20, 20, 14, 40))
    problems = wb.create_sheet(PROBLEM_SHEET)
    write_problems(problems, report)
    _widths(problems, (8, 7, 30, 60, 60))
    info = wb.create_sheet(INFO_SHEET)
    for key, value in (
        ("laporan", report.pk),
        ("versi", report.version),
        ("wilayah", report.region.code),
        ("urusan", report.urusan.code),
        ("periode", str(report.period)),
        ("diunduh", timezone.localtime().strftime("%d-%m-%Y %H:%M")),
    ):
        info.append([key, value])
    info.sheet_state = "hidden"
    if template:
        capaian.cell(
            row=2,
            column=COL_NO,
            value=(
                "Isi kolom (4) dan (5). Di lembar Kegiatan dan Anggaran, isi baris kosong untuk sub kegiatan baru; "
                "kosongkan nama, pagu dan realisasi sebuah baris untuk menghapus sub kegiatan itu."
            ),
        )
    return workbook_texts_literal(wb)


def _sheet_name(report: Report) -> str:
    """Excel allows 31 characters and no []:*?/\\ in a sheet name."""
    name = f"{report.period.get_quarter_display()} {report.urusan.short_name}"
    for char in "[]:*?/\\":
        name = name.replace(char, " ")
    return name[:31]


def year_workbook(reports: QuerySet[Report], *, reader=None) -> Workbook:
    """A pemda's year: one sheet per urusan and quarter, tab A above tab B; for ``reader`` other than the pemda,
    a returned report as it was last sent (``selectors.sent``)."""
    wb = Workbook()
    wb.remove(wb.active)
    for report in report_queryset(reports).order_by("period__quarter", "urusan__order", "urusan__code"):
        if reader is not None:
            sent_view_for(reader, report)
        ws = wb.create_sheet(_sheet_name(report))
        row = write_capaian(ws, report)
        write_kegiatan(ws, report, start=row + 1)
        _widths(ws, (8, 7, 50, 40, 18, 18, 18, 14))
    if not wb.sheetnames:
        wb.create_sheet("Kosong").append(["Belum ada laporan pada tahun ini."])
    return workbook_texts_literal(wb)


# --- the recap of a period, streamed ---------------------------------------------------

RECAP_HEADERS = (
    "Kode wilayah",
    "Pemda",
    "Provinsi",
    "Urusan",
    "Status laporan",
    "Dikirim pada",
    "Kode layanan",
    "Jenis pelayanan dasar",
    "Jumlah yang harus dilayani",
    "Jumlah yang terlayani",
    "Capaian penerima (%)",
    "Indeks laporan (%)",
    "Kategori",
    "Pagu laporan",
    "Realisasi laporan",
)
RECAP_FORMATS = {
    5: "DD-MM-YYYY HH:MM",
    8: NUMBER_FORMAT,
    9: NUMBER_FORMAT,
    10: PERCENT_FORMAT,
    11: PERCENT_FORMAT,
    13: NUMBER_FORMAT,
    14: NUMBER_FORMAT,
}


def _naive(moment: datetime.datetime | None) -> datetime.datetime | None:
    """Excel has no time zones: write local wall time."""
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def _recap_styles(ws) -> dict[int, WriteOnlyCell]:
    """One styled cell per formatted recap column, made once and refilled for every row: the write-only
    sheet writes a row's cells out before the next row is appended, so a cell can carry the next row's
    value (setting ``number_format`` or copying a style on every cell cost more than writing it, see
    bench/README.md)."""
    styles = {}
    for index, number_format in RECAP_FORMATS.items():
        cell = WriteOnlyCell(ws)
        cell.number_format = number_format
        styles[index] = cell
    return styles


def _recap_row(ws, values: list, styles: dict[int, WriteOnlyCell]) -> None:
    """Plain values, and the column's styled cell in the formatted columns (openpyxl wraps plain values)."""
    for index, cell in styles.items():
        cell.value = values[index]
        values[index] = cell
    ws.append(row_texts_literal(ws, values))


RECAP_KEY = (
    "report__region__code",
    "report__region__name",
    "report__region__level",
    "report__region__province__name",
    "report__urusan__short_name",
    "report__status",
    "report__submitted_at",
    "report__urusan__order",
    "report__urusan__code",
)
RECAP_SUMMARY = ("report__indeks", "report__category", "report__pagu_total", "report__realisasi_total")


def _recap_sort_key(row: tuple) -> tuple:
    """Region code, urusan order and code: the recap's order, the same for live rows and snapshot rows."""
    return (row[0], row[7], row[8])


def _snapshot_rows(corrected: QuerySet[Report]):
    """(sort key, row) per service of each returned report's last sent version, in the recap's order: the
    services as the JSON keeps them (their order at Kirim), the summary from the snapshot's columns."""
    reports = corrected.select_related("region__province", "urusan", "sent_snapshot").order_by(
        "region__code", "urusan__order", "urusan__code"
    )
    for report in reports:
        snapshot = not_null(report.sent_snapshot)  # ``corrected`` has one (recap_write)
        province = report.region.province
        head = (
            report.region.code,
            report.region.name,
            report.region.level,
            province.name if province is not None else None,
            report.urusan.short_name,
            report.status,
            snapshot.sent_at,
            report.urusan.order,
            report.urusan.code,
        )
        summary = (snapshot.indeks, snapshot.category, snapshot.pagu_total, snapshot.realisasi_total)
        for service in snapshot.data.get("services", []):
            row = (*head, service["code"], service["name"], service["harus_dilayani"], service["terlayani"], *summary)
            yield _recap_sort_key(row), row


def recap_write(
    *,
    period: Period,
    reports: QuerySet[Report],
    regions: QuerySet[Region],
    output: IO[bytes] | str,
    progress: Callable[..., None] | None = None,
) -> int:
    """Every service of every sent report of ``period`` within ``reports``, then the pemda of ``regions`` not reported.

    Written with a write-only (streaming) workbook while the rows are read from the
    database in chunks, so memory stays flat whatever the number of pemda. Returns
    the number of service rows written. ``progress(done, total)`` is told the total
    first, then the rows done every ``JOB_PROGRESS_EVERY`` rows (a background job's bar).
    """
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Rekap capaian")
    ws.append([f"Rekap capaian SPM {period}"])
    ws.append(list(RECAP_HEADERS))
    sent = reports.filter(period=period, status__in=SENT_STATUSES, region__is_active=True)
    # A returned report being corrected shows what was sent (its snapshot), like monitoring; the others are
    # read-only since Kirim, so their rows are the sent ones.
    # One small query names the reports and counts their services (the progress bar's total): the rows are
    # then read by report id, an index scan, instead of a semi-join over every service of every year.
    live, corrected_ids, live_services = [], [], 0
    for pk, status, snapshot_id, services in sent.annotate(services=Count("entries")).values_list(
        "pk", "status", "sent_snapshot_id", "services"
    ):
        if status == ReportStatus.RETURNED and snapshot_id is not None:
            corrected_ids.append(pk)
        else:
            live.append(pk)
            live_services += services
    corrected = Report.objects.filter(pk__in=corrected_ids)
    entries = (
        ServiceEntry.objects.filter(report_id__in=live)
        .order_by("report__region__code", "report__urusan__order", "report__urusan__code", "order", "id")
        .values_list(*RECAP_KEY, "service_code", "service_name", "harus_dilayani", "terlayani", *RECAP_SUMMARY)
    )
    sent_rows = list(_snapshot_rows(corrected))
    written, styles = 0, _recap_styles(ws)
    labels = {status.value: str(status.label) for status in ReportStatus}  # the model's labels, once per recap
    every = settings.JOB_PROGRESS_EVERY
    if progress is not None:
        progress(0, live_services + len(sent_rows))
    rows = heapq.merge(
        ((_recap_sort_key(row), row) for row in entries.iterator(chunk_size=RECAP_CHUNK)),
        sent_rows,
        key=lambda pair: pair[0],
    )
    for _key, row in rows:
        (code, name, level, province, urusan, status, submitted_at, _order, _ucode) = row[:9]
        (service_code, service_name, target, served, indeks, category, pagu, realisasi) = row[9:]
        display = f"Provinsi {name}" if level == "provinsi" else name
        _recap_row(
            ws,
            [
                code,
                display,
                province or name,
                urusan,
                labels.get(status, status),
                _naive(submitted_at),
                service_code,
                service_name,
                target,
                served,
                calculations.capaian_penerima(target, served),
                indeks,
                category,
                pagu,
                realisasi,
            ],
            styles,
        )
        written += 1
        if progress is not None and written % every == 0:
            progress(written)
    _write_missing(wb, sent, regions)
    wb.save(output)
    if progress is not None:
        progress(written)
    return written


def _write_missing(wb: Workbook, sent: QuerySet[Report], regions: QuerySet[Region]) -> None:
    """Second sheet: each active pemda of ``regions`` and urusan without a sent report."""
    ws = wb.create_sheet("Belum dikirim")
    ws.append(["Kode wilayah", "Pemda", "Urusan"])
    done = set(sent.values_list("region_id", "urusan_id").iterator(chunk_size=RECAP_CHUNK))
    urusan = list(Urusan.objects.values_list("id", "short_name"))
    rows = regions.filter(is_active=True).order_by("code").values_list("id", "code", "name", "level")
    for pk, code, name, level in rows.iterator(chunk_size=RECAP_CHUNK):
        for urusan_id, short_name in urusan:
            if (pk, urusan_id) not in done:
                ws.append(
                    row_texts_literal(ws, [code, f"Provinsi {name}" if level == "provinsi" else name, short_name])
                )

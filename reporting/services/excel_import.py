"""Import a filled-in report template (see ``excel_export.report_workbook(template=True)``).

All or nothing: the file is checked by content and size, every cell is read, and the values are saved by
the values service of the web forms and the API (``values.report_values_save``): the same rules,
permissions, window, optimistic lock (the version in the template's Info sheet: the one the user
downloaded), history and plausibility recheck, in one transaction. This module only reads the cells and
names every error by sheet, row and column, in Indonesian; the summary says how many warnings are open.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field

import filetype
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from django.conf import settings
from django.core.exceptions import PermissionDenied

from core.uploads import UNSOUND, ooxml_problem, zip_is_safe
from reporting import calculations, messages
from reporting.models import Activity, Report, ServiceEntry, User
from reporting.services.excel_export import (
    CAPAIAN_SHEET,
    COL_ID,
    COL_JUSTIFICATION,
    COL_NAME,
    COL_PAGU,
    COL_REALISASI,
    COL_SERVED,
    COL_TARGET,
    INFO_SHEET,
    KEGIATAN_SHEET,
)
from reporting.services.kegiatan_caps import KEGIATAN_CAP, kegiatan_cap_errors, kegiatan_counts_after
from reporting.services.values import TARGET_MET, KegiatanLine, figure_key, report_values_check, report_values_save
from reporting.services.writes import (
    ReportConflictError,
    ReportLockedError,
    ReportValidationError,
)

# Limits of the xlsx container: a zip bomb is refused before anything is decompressed.
MAX_ROWS = 5000


_ID = re.compile(r"^([EMASN])(\d+)$")
_LABELS = {
    (CAPAIAN_SHEET, COL_TARGET): "jumlah yang harus dilayani/dipenuhi",
    (CAPAIAN_SHEET, COL_SERVED): "jumlah yang terlayani/terpenuhi",
    (KEGIATAN_SHEET, COL_NAME): "sub kegiatan",
    (KEGIATAN_SHEET, COL_PAGU): "pagu",
    (KEGIATAN_SHEET, COL_REALISASI): "realisasi",
    (KEGIATAN_SHEET, COL_JUSTIFICATION): "alasan realisasi melebihi pagu",
}


class ExcelImportError(Exception):
    """The file was refused; ``errors`` lists every problem found, nothing was saved."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass
class ImportResult:
    """What an import did; ``summary`` is the sentence the officer sees (also after a background import)."""

    figures: int = 0  # tab A figures read
    figures_changed: int = 0  # of those, the ones whose value differs from the report's
    created: int = 0
    updated: int = 0
    deleted: int = 0
    open_warnings: int = 0  # plausibility warnings not yet confirmed, rechecked right after the save

    @property
    def values_changed(self) -> int:
        """Every value that changed: tab A figures plus sub kegiatan added, changed or deleted."""
        return self.figures_changed + self.created + self.updated + self.deleted

    @property
    def summary(self) -> str:
        text = self._changes
        if self.open_warnings:
            count = calculations.format_number(self.open_warnings)
            text += " " + messages.IMPORT_OPEN_WARNINGS.format(count=count)
        return text

    @property
    def _changes(self) -> str:
        if not self.values_changed:
            return messages.IMPORTED_UNCHANGED.format(figures=self.figures)
        return messages.IMPORTED.format(
            changed=calculations.format_number(self.values_changed),
            figures=calculations.format_number(self.figures),
            figures_changed=calculations.format_number(self.figures_changed),
            created=self.created,
            updated=self.updated,
            deleted=self.deleted,
        )


@dataclass
class _ActivityRow:
    row: int
    entry_id: int | None = None
    activity_id: int | None = None
    name: str = ""
    pagu: int | None = None
    realisasi: int | None = None
    justification: str = ""
    empty: bool = True


@dataclass
class _Parsed:
    errors: list[str] = field(default_factory=list)
    cells: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # service error key -> (sheet, row, col)
    values: dict[str, int | None] = field(default_factory=dict)  # tab A figures by input name
    activities: list[_ActivityRow] = field(default_factory=list)
    figures: int = 0
    bad_cells: set[tuple[str, int, int]] = field(default_factory=set)  # unreadable: one error each is enough

    def cell_error(self, sheet: str, row: int, col: int, message: str) -> None:
        if (sheet, row, col) in self.bad_cells:
            return
        self.bad_cells.add((sheet, row, col))
        label = _LABELS.get((sheet, col), "")
        self.errors.append(
            messages.IMPORT_CELL.format(
                sheet=sheet, row=row, column=get_column_letter(col), label=label, message=message
            )
        )

    def row_error(self, row: int) -> None:
        """A kegiatan row whose code names no row of this report."""
        self.errors.append(
            messages.IMPORT_CELL.format(
                sheet=KEGIATAN_SHEET, row=row, column="A", label="kode baris", message=messages.UNKNOWN_ROW
            )
        )


# --- the container ------------------------------------------------------------------


def workbook_open(data: bytes):
    """Check size, type and zip sizes of an uploaded file, then open it read-only."""
    upload_check(data)
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 -- openpyxl raises many types for a damaged file
        raise ExcelImportError([messages.IMPORT_NOT_XLSX]) from error


def upload_check(data: bytes) -> None:
    """The container checks, cheap enough for the upload request itself (the import then runs as a job)."""
    limit = settings.REPORT_UPLOAD_MAX_BYTES
    if not data:
        raise ExcelImportError([messages.IMPORT_FILE_REQUIRED])
    if len(data) > limit:
        raise ExcelImportError([messages.IMPORT_TOO_LARGE.format(limit=limit // (1024 * 1024))])
    kind = filetype.guess(data)
    if kind is None or kind.extension != "xlsx":
        raise ExcelImportError([messages.IMPORT_NOT_XLSX])
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ExcelImportError([messages.IMPORT_NOT_XLSX])
    if not zip_is_safe(io.BytesIO(data)):
        raise ExcelImportError([messages.IMPORT_ZIP_BOMB])
    problem = ooxml_problem(io.BytesIO(data), "xlsx")
    if problem is not None:
        raise ExcelImportError([messages.IMPORT_NOT_XLSX if problem == UNSOUND else messages.UPLOAD_REFUSED[problem]])


# --- cells ------------------------------------------------------------------------------


def _whole_number(value) -> int | None:
    """A cell as a whole number: numbers, or text typed plainly or grouped ("1.200"). Raises ValueError."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        if value < 0:
            raise ValueError(value)
        return value
    if isinstance(value, float):
        if value < 0 or not value.is_integer():
            raise ValueError(value)
        return int(value)
    return calculations.parse_whole_number(str(value))


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _rows(wb, sheet: str, parsed: _Parsed):
    if sheet not in wb.sheetnames:
        parsed.errors.append(messages.IMPORT_SHEET_MISSING.format(sheet=sheet))
        return []
    rows = []
    for number, values in enumerate(wb[sheet].iter_rows(values_only=True), start=1):
        if number > MAX_ROWS:
            parsed.errors.append(messages.IMPORT_TOO_MANY_ROWS.format(sheet=sheet, limit=MAX_ROWS))
            break
        values = tuple(values) + (None,) * max(0, COL_JUSTIFICATION - len(values))
        rows.append((number, values))
    return rows


def _number(parsed: _Parsed, sheet: str, row: int, col: int, value, message: str) -> int | None:
    try:
        return _whole_number(value)
    except calculations.NumberTooLargeError:
        parsed.cell_error(sheet, row, col, messages.NUMBER_TOO_LARGE)
    except ValueError:
        parsed.cell_error(sheet, row, col, message)
    return None


def _read_info(wb, report: Report, parsed: _Parsed) -> int | None:
    if INFO_SHEET not in wb.sheetnames:
        parsed.errors.append(messages.IMPORT_SHEET_MISSING.format(sheet=INFO_SHEET))
        return None
    info = {_text(row[0]): row[1] for row in wb[INFO_SHEET].iter_rows(values_only=True, max_col=2) if row}
    if str(info.get("laporan")) != str(report.pk):
        parsed.errors.append(messages.IMPORT_WRONG_REPORT)
        return None
    try:
        return int(info["versi"])
    except (KeyError, TypeError, ValueError):
        parsed.errors.append(messages.IMPORT_VERSION_MISSING)
        return None


def _read_capaian(wb, parsed: _Parsed) -> None:
    for number, values in _rows(wb, CAPAIAN_SHEET, parsed):
        match = _ID.match(_text(values[COL_ID - 1]))
        if not match:
            continue
        kind, pk = match.group(1), int(match.group(2))
        if kind not in "EM":
            parsed.errors.append(
                messages.IMPORT_CELL.format(
                    sheet=CAPAIAN_SHEET,
                    row=number,
                    column="A",
                    label="kode baris",
                    message=messages.IMPORT_UNKNOWN_ID.format(value=values[COL_ID - 1]),
                )
            )
            continue
        target = _number(parsed, CAPAIAN_SHEET, number, COL_TARGET, values[COL_TARGET - 1], messages.COUNT_INVALID)
        met = _number(parsed, CAPAIAN_SHEET, number, COL_SERVED, values[COL_SERVED - 1], messages.COUNT_INVALID)
        parsed.figures += 2
        prefix = "entry" if kind == "E" else "mutu"
        for name, value, col in zip(TARGET_MET[prefix], (target, met), (COL_TARGET, COL_SERVED), strict=True):
            parsed.values[figure_key(prefix, pk, name)] = value
            parsed.cells[figure_key(prefix, pk, name)] = (CAPAIAN_SHEET, number, col)


def _read_kegiatan(wb, parsed: _Parsed) -> None:
    for number, values in _rows(wb, KEGIATAN_SHEET, parsed):
        match = _ID.match(_text(values[COL_ID - 1]))
        if not match or match.group(1) not in "AN":
            continue
        row = _ActivityRow(row=number)
        if match.group(1) == "A":
            row.activity_id = int(match.group(2))
        else:
            row.entry_id = int(match.group(2))
        row.name = _text(values[COL_NAME - 1])
        row.justification = _text(values[COL_JUSTIFICATION - 1])
        raw_money = (values[COL_PAGU - 1], values[COL_REALISASI - 1])
        row.empty = not row.name and all(_text(v) == "" for v in raw_money)
        if not row.empty:
            row.pagu = _number(parsed, KEGIATAN_SHEET, number, COL_PAGU, raw_money[0], messages.MONEY_INVALID)
            row.realisasi = _number(
                parsed, KEGIATAN_SHEET, number, COL_REALISASI, raw_money[1], messages.MONEY_INVALID
            )
        parsed.activities.append(row)


# Where a sub kegiatan's error goes: the values service's field -> the column of the Kegiatan sheet.
_KEGIATAN_COLUMNS = {
    "name": COL_NAME,
    "pagu": COL_PAGU,
    "realisasi": COL_REALISASI,
    "justification": COL_JUSTIFICATION,
}


def _lines(parsed: _Parsed) -> tuple[list[KegiatanLine], list[int]]:
    """The Kegiatan sheet as the values service's lines (a cleared row with a code deletes its kegiatan, a
    blank row without one is skipped), with each line's row number."""
    lines, numbers = [], []
    for row in parsed.activities:
        if row.activity_id is None and row.empty:
            continue
        if row.activity_id is not None and row.empty:
            lines.append(KegiatanLine(activity_id=row.activity_id, delete=True))
        else:
            lines.append(
                KegiatanLine(
                    entry_id=row.entry_id if row.activity_id is None else None,
                    activity_id=row.activity_id,
                    name=row.name,
                    pagu=row.pagu,
                    realisasi=row.realisasi,
                    justification=row.justification,
                )
            )
        numbers.append(row.row)
    return lines, numbers


def _map_service_errors(parsed: _Parsed, errors: dict[str, str], numbers: list[int]) -> None:
    """The values service's errors, each at its cell (or its row's code for a row of another report)."""
    for key, message in errors.items():
        if key.startswith("kegiatan-"):
            _, index, name = key.split("-", 2)
            row = numbers[int(index)]
            if name in _KEGIATAN_COLUMNS:
                parsed.cell_error(KEGIATAN_SHEET, row, _KEGIATAN_COLUMNS[name], message)
            else:
                parsed.row_error(row)
        elif key in parsed.cells:
            sheet, row, col = parsed.cells[key]
            parsed.cell_error(sheet, row, col, message)
        else:
            parsed.errors.append(f"Lembar “{CAPAIAN_SHEET}”: {message}")


def _cap_errors_of_file(report: Report, lines: list[KegiatanLine], error: ReportValidationError) -> list[str]:
    """When the values service refused a kegiatan at its cap (its code ``KEGIATAN_CAP``), the counts the whole
    file would leave, named by sheet (``kegiatan_caps.kegiatan_cap_errors``); two queries, on this refusal only."""
    if KEGIATAN_CAP not in error.codes.values():
        return []
    existing = Activity.objects.filter(entry__report=report).values_list("id", "entry_id")
    after = kegiatan_counts_after(existing, lines)
    names = dict(ServiceEntry.objects.filter(report=report).values_list("id", "service_name"))
    return kegiatan_cap_errors(after=after, names=names, sheet=KEGIATAN_SHEET)


# --- the import -------------------------------------------------------------------------


def report_import(*, report: Report, user: User, data: bytes) -> ImportResult:
    """Read, check and save a filled-in template of ``report``; raises ExcelImportError, saving nothing."""
    wb = workbook_open(data)
    parsed = _Parsed()
    try:
        version = _read_info(wb, report, parsed)
        if parsed.errors:
            raise ExcelImportError(parsed.errors)
        _read_capaian(wb, parsed)
        _read_kegiatan(wb, parsed)
    finally:
        wb.close()
    lines, numbers = _lines(parsed)
    if parsed.errors:  # unreadable cells: the rules' errors of the rest are named too, nothing is saved
        errors = report_values_check(report=report, figures=parsed.values, kegiatan=lines)
        _map_service_errors(parsed, errors, numbers)
        raise ExcelImportError(parsed.errors)
    try:
        saved = report_values_save(
            report=report, user=user, expected_version=version, figures=parsed.values, kegiatan=lines
        )
    except ReportValidationError as error:
        if capped := _cap_errors_of_file(report, lines, error):
            raise ExcelImportError(capped) from error
        _map_service_errors(parsed, error.field_errors, numbers)
        raise ExcelImportError(parsed.errors) from error
    except ReportConflictError as error:
        raise ExcelImportError([messages.IMPORT_CONFLICT]) from error
    except (ReportLockedError, PermissionDenied) as error:
        raise ExcelImportError([str(error.messages[0]) if hasattr(error, "messages") else str(error)]) from error
    return ImportResult(
        figures=parsed.figures,
        figures_changed=saved.figures_changed,
        created=len(saved.created),
        updated=saved.updated,
        deleted=saved.deleted,
        open_warnings=len(saved.open_warnings),
    )

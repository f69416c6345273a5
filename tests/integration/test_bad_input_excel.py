"""Property-based bad input for the Excel import (reporting.services.excel_import.report_import):
any bytes and any cell values give either a saved import or ExcelImportError with Indonesian messages,
never another exception and never a partial save."""

import contextlib
import io

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from django.db import transaction

from reporting.services import excel_export, excel_import
from tests.functional import permission_matrix as pm

EXAMPLES = settings(
    max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
ENGLISH = ("Traceback", "Error:", "invalid literal", "NoneType", "object has no attribute", "Enter a ")
BIGINT = 2**63 - 1

cell_value = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.integers(min_value=-(10**6), max_value=BIGINT // 4),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.sampled_from(["1.000", "1,5", "-1", "=1+1", '=HYPERLINK("http://x")', "E999999", "A1", "\x00", "Rp 10"]),
)


class _Rollback(Exception):
    pass


@pytest.fixture
def world(db):
    return pm.world_build()


def _template_bytes(report, edits) -> bytes:
    workbook = excel_export.report_workbook(report, template=True)
    for sheet_name, row, column, value in edits:
        if sheet_name in workbook.sheetnames:
            sheet = workbook[sheet_name]
            with contextlib.suppress(ValueError, TypeError, IllegalCharacterError):  # openpyxl's own refusals
                sheet.cell(row=row, column=column, value=value)
    buffer = io.BytesIO()
    try:
        workbook.save(buffer)
    except AttributeError:
        # openpyxl itself cannot write some sequences of edits made here through its API (seen once on CI:
        # an int left in a string cell); a spreadsheet program never writes such a file, so skip the example.
        assume(False)
    return buffer.getvalue()


def _import(world, data: bytes):
    """Run the import in a rolled-back savepoint: (errors or None, protected data changed?)."""
    out = {}
    with contextlib.suppress(_Rollback), transaction.atomic():
        before = pm.fingerprint()
        try:
            excel_import.report_import(report=world.draft, user=world.users["kabkota"], data=data)
        except excel_import.ExcelImportError as error:
            out["errors"] = error.errors
        else:
            out["errors"] = None
        out["changed"] = pm.fingerprint() != before
        raise _Rollback
    return out["errors"], out["changed"]


def _assert_refusal_is_clean(errors, changed):
    assert errors and all(isinstance(e, str) and e.strip() for e in errors)
    assert not any(word in e for e in errors for word in ENGLISH), errors
    assert not changed, "a refused workbook changed saved data"


@EXAMPLES
@given(data=st.binary(max_size=2048) | st.sampled_from([b"", b"PK\x03\x04", pm.PDF, b"PK\x05\x06" + b"\x00" * 18]))
def test_any_bytes_are_refused_cleanly(world, data):
    errors, changed = _import(world, data)
    _assert_refusal_is_clean(errors, changed)


SHEETS = [excel_export.CAPAIAN_SHEET, excel_export.KEGIATAN_SHEET, excel_export.INFO_SHEET]


@EXAMPLES
@given(
    edits=st.lists(
        st.tuples(st.sampled_from(SHEETS), st.integers(1, 30), st.integers(1, 8), cell_value), min_size=1, max_size=8
    )
)
def test_any_cell_values_in_the_template_save_all_or_nothing(world, edits):
    errors, changed = _import(world, _template_bytes(world.draft, edits))
    if errors is not None:
        _assert_refusal_is_clean(errors, changed)


def test_the_untouched_template_imports(world):
    errors, _ = _import(world, _template_bytes(world.draft, []))
    assert errors is None


@pytest.mark.parametrize("value", [2**63, 10**25])
def test_a_number_past_the_database_column_is_a_cell_error(world, value):
    from reporting.services.excel_export import COL_TARGET

    workbook = excel_export.report_workbook(world.draft, template=True)
    sheet = workbook[excel_export.CAPAIAN_SHEET]
    row = next(r for r in range(1, sheet.max_row + 1) if str(sheet.cell(row=r, column=1).value or "").startswith("E"))
    edits = [(excel_export.CAPAIAN_SHEET, row, COL_TARGET, str(value))]
    errors, changed = _import(world, _template_bytes(world.draft, edits))
    _assert_refusal_is_clean(errors, changed)

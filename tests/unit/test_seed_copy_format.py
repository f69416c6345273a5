"""Values written by seed_national through PostgreSQL's COPY text format."""

import datetime
from decimal import Decimal

from reporting.services.bulk_load import _copy_text


def test_null_booleans_numbers_and_dates_use_copy_text_notation():
    moment = datetime.datetime(2026, 4, 20, 23, 59, 59, tzinfo=datetime.UTC)

    assert _copy_text(None) == "\\N"
    assert (_copy_text(True), _copy_text(False)) == ("t", "f")
    assert _copy_text(1_200_998_320) == "1200998320"
    assert _copy_text(Decimal("99.85")) == "99.85"
    assert _copy_text(moment) == "2026-04-20T23:59:59+00:00"


def test_tabs_newlines_and_backslashes_in_text_are_escaped():
    assert _copy_text("a\tb\nc\\d\re") == "a\\tb\\nc\\\\d\\re"

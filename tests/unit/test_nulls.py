import datetime

import pytest

from core.nulls import not_null


def test_not_null_returns_the_value_itself_falsy_ones_included():
    moment = datetime.datetime(2025, 1, 31, 12, 0)
    assert not_null(moment) is moment
    assert not_null(0) == 0
    assert not_null("") == ""


def test_not_null_refuses_none_instead_of_passing_it_on():
    with pytest.raises(ValueError, match="NULL"):
        not_null(None)

"""The pure halves of the plausibility checks, at their edges."""

from decimal import Decimal

import pytest

from reporting import calculations
from reporting.calculations import ABOVE, BELOW


def test_median_value_ignores_missing_values_and_averages_the_middle_pair():
    assert calculations.median_value([100, None, 300, 200]) == 200
    assert calculations.median_value([100, 200, 300, 400]) == Decimal(250)
    assert calculations.median_value([None, None]) is None
    assert calculations.median_value([]) is None


def test_far_from_flags_more_than_factor_times_and_less_than_one_over_factor():
    assert calculations.far_from(1200, 300, 3) == ABOVE
    assert calculations.far_from(99, 300, 3) == BELOW
    assert calculations.far_from(900, 300, 3) is None  # exactly 3 x is not "more than"
    assert calculations.far_from(100, 300, 3) is None  # exactly 1/3 is not "less than"


def test_far_from_has_no_ratio_with_a_zero_or_missing_reference():
    assert calculations.far_from(5000, 0, 3) is None
    assert calculations.far_from(5000, None, 3) is None
    assert calculations.far_from(None, 300, 3) is None


def test_far_from_a_zero_value_against_a_positive_reference_is_below():
    assert calculations.far_from(0, 300, 3) == BELOW


def test_far_from_a_dropped_digit_in_huge_rupiah_is_exact():
    assert calculations.far_from(107_104_500, 1_071_045_000, 3) == BELOW
    assert calculations.far_from(999_999_999_999_999, 333_333_333_333_332, 3) == ABOVE
    assert calculations.far_from(999_999_999_999_999, 333_333_333_333_333, 3) is None


def test_change_percent_is_relative_to_the_old_value():
    assert calculations.change_percent(1000, 1300) == Decimal("30.00")
    assert calculations.change_percent(1000, 700) == Decimal("-30.00")
    assert calculations.change_percent(1000, 1000) == Decimal("0.00")
    assert calculations.change_percent(3, 4) == Decimal("33.33")


def test_change_percent_has_no_base_when_old_is_zero_or_missing():
    assert calculations.change_percent(0, 100) is None
    assert calculations.change_percent(None, 100) is None
    assert calculations.change_percent(100, None) is None


def test_change_percent_of_huge_counts_rounds_half_up():
    assert calculations.change_percent(200_000_000_000_000, 200_000_000_010_000) == Decimal("0.00")
    assert calculations.change_percent(200, 201) == Decimal("0.50")


def test_expected_serapan_is_a_quarter_of_the_year_per_quarter():
    assert [calculations.expected_serapan(q) for q in (1, 2, 3, 4)] == [25, 50, 75, 100]
    with pytest.raises(ValueError):
        calculations.expected_serapan(5)


def test_serapan_outside_catches_the_seed_typo_at_every_quarter():
    typo = calculations.serapan(1072692000, 107104500)
    assert typo == Decimal("9.98")
    for quarter in (1, 2, 3, 4):
        assert calculations.serapan_outside(typo, quarter, min_percent=40) == BELOW


def test_serapan_outside_leaves_the_seed_correct_examples_alone_at_every_quarter():
    for pagu, realisasi in ((1072692000, 1071045000), (178310000, 158965200), (168585700, 167302510)):
        value = calculations.serapan(pagu, realisasi)
        for quarter in (1, 2, 3, 4):
            assert calculations.serapan_outside(value, quarter, min_percent=40) is None


def test_serapan_outside_edges_floor_is_inclusive_and_100_percent_is_not_above_100():
    assert calculations.serapan_outside(Decimal("10.00"), 1, min_percent=40) is None
    assert calculations.serapan_outside(Decimal("9.99"), 1, min_percent=40) == BELOW
    assert calculations.serapan_outside(Decimal("100.00"), 4, min_percent=40, max_percent=100) is None
    assert calculations.serapan_outside(Decimal("100.01"), 4, max_percent=100) == ABOVE


def test_serapan_outside_without_a_pagu_or_bounds_never_warns():
    assert calculations.serapan_outside(calculations.serapan(0, 5), 4, min_percent=40) is None
    assert calculations.serapan_outside(Decimal("1.00"), 4) is None

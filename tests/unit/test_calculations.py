"""The arithmetic of the SPM figures, checked against the seed's worked examples."""

import datetime
from decimal import Decimal

import pytest

from reporting import calculations as calc


@pytest.mark.parametrize(
    ("pagu", "realisasi", "expected"),
    [
        (168585700, 167302510, Decimal("99.24")),
        (635975000, 610536000, Decimal("96.00")),
        (1072692000, 1071045000, Decimal("99.85")),
        (178310000, 158965200, Decimal("89.15")),
        (6528335700, 6272662510, Decimal("96.08")),
        (1251002000, 1230010200, Decimal("98.32")),
    ],
)
def test_serapan_matches_seed_examples(pagu, realisasi, expected):
    assert calc.serapan(pagu, realisasi) == expected


def test_money_totals_of_jombang_paud_give_seed_total():
    assert calc.money_totals([(1072692000, 1071045000), (178310000, 158965200)]) == (
        1251002000,
        1230010200,
        Decimal("98.32"),
    )


def test_capaian_penerima_full_service_is_100():
    assert calc.capaian_penerima(229662, 229662) == Decimal("100.00")
    assert calc.belum_terlayani(229662, 229662) == 0
    assert calc.capaian_penerima(352523, 352523) == Decimal("100.00")


def test_zero_target_is_not_applicable_not_an_error():
    assert calc.capaian_penerima(0, 0) is None
    assert calc.serapan(0, 0) is None
    assert calc.format_percent(None) == "-"


def test_rounding_is_half_up_at_005():
    assert calc.round_half_up(Decimal("99.845")) == Decimal("99.85")
    assert calc.round_half_up(Decimal("0.005")) == Decimal("0.01")
    assert calc.percentage(1, 8) == Decimal("12.50")
    assert calc.percentage(1, 3) == Decimal("33.33")
    assert calc.percentage(2, 3) == Decimal("66.67")


def test_capaian_mutu_is_ratio_of_sums_and_skips_missing_items():
    assert calc.capaian_mutu([(17550, 17550), (25000, 25000), (10000, 10000)]) == Decimal("100.00")
    assert calc.capaian_mutu([(100, 50), (300, 300)]) == Decimal("87.50")
    assert calc.capaian_mutu([(100, None), (None, 5)]) is None
    assert calc.capaian_mutu([]) is None


def test_indeks_weights_penerima_80_and_mutu_20():
    assert calc.indeks_capaian(Decimal("90"), Decimal("50")) == Decimal("82.00")
    assert calc.indeks_capaian(Decimal("70"), None) == Decimal("70.00")
    assert calc.indeks_capaian(None, Decimal("50")) is None


@pytest.mark.parametrize(
    ("indeks", "category"),
    [
        (Decimal("100"), "Tuntas Paripurna"),
        (Decimal("99.99"), "Tuntas Utama"),
        (Decimal("80"), "Tuntas Utama"),
        (Decimal("79.99"), "Tuntas Madya"),
        (Decimal("40"), "Tuntas Muda"),
        (Decimal("20"), "Tuntas Pratama"),
        (Decimal("19.99"), "Belum Tuntas"),
        (Decimal("0"), "Belum Tuntas"),
        (None, ""),
    ],
)
def test_category_thresholds_edges(indeks, category):
    assert calc.category_for(indeks) == category


def test_huge_rupiah_amounts_stay_exact():
    pagu = 12_345_678_901_234_567
    assert calc.money_totals([(pagu, pagu - 1)])[2] == Decimal("100.00")
    assert calc.format_number(pagu) == "12.345.678.901.234.567"


@pytest.mark.parametrize("text", ["1200998320", "1.200.998.320", " 1 200 998 320 ", "Rp1.200.998.320"])
def test_parse_whole_number_accepts_plain_and_grouped(text):
    assert calc.parse_whole_number(text) == 1200998320


@pytest.mark.parametrize("text", ["-5", "1,5", "12.5", "1.20.998", "abc", "", "1..000"])
def test_parse_whole_number_rejects_other_input(text):
    with pytest.raises(ValueError):
        calc.parse_whole_number(text)


def test_indonesian_formats():
    assert calc.format_number(1200998320) == "1.200.998.320"
    assert calc.format_percent(Decimal("99.85")) == "99,85 %"
    assert calc.format_percent(Decimal("100")) == "100,00 %"


def test_fill_rate_like_the_seeds_kota_bogor():
    assert calc.fill_rate(6, 1) == Decimal("16.67")
    assert calc.fill_rate(0, 0) == Decimal("0.00")


def test_quarter_bounds_and_default_deadline():
    assert calc.quarter_bounds(2024, 4) == (datetime.date(2024, 10, 1), datetime.date(2024, 12, 31))
    assert calc.quarter_bounds(2024, 1) == (datetime.date(2024, 1, 1), datetime.date(2024, 3, 31))
    assert calc.default_deadline(2024, 1) == datetime.date(2024, 4, 20)
    with pytest.raises(ValueError):
        calc.quarter_bounds(2024, 5)


def test_mean_of_an_aggregate_rounds_half_up_and_handles_no_rows():
    assert calc.mean_of(Decimal("199.5"), 2) == Decimal("99.75")
    assert calc.mean_of(Decimal("200.01"), 2) == Decimal("100.01")
    assert calc.mean_of(None, 0) is None
    assert calc.mean_of(Decimal("5"), 0) is None


def test_whole_numbers_have_an_upper_bound_that_fits_the_database():
    assert calc.parse_whole_number("999.999.999.999.999") == calc.MAX_WHOLE_NUMBER
    for too_big in ("1.000.000.000.000.000", "9" * 30, "9" * 5000):
        with pytest.raises(ValueError):
            calc.parse_whole_number(too_big)
    assert calc.is_whole_number(calc.MAX_WHOLE_NUMBER)
    assert not calc.is_whole_number(calc.MAX_WHOLE_NUMBER + 1)
    assert not calc.is_whole_number(True) and not calc.is_whole_number(-1) and not calc.is_whole_number(1.0)


def test_parse_whole_number_takes_only_ascii_digits():
    for text in ("١٢٣", "۱۲۳", "१२३", "１２３", "1.２00"):
        with pytest.raises(ValueError):
            calc.parse_whole_number(text)
    assert calc.parse_whole_number("1.200") == 1200


def test_parse_whole_number_says_too_large_for_long_numbers():
    for text in ("1" * 25, "1.000.000.000.000.000", "9" * 100_000):
        with pytest.raises(calc.NumberTooLargeError):
            calc.parse_whole_number(text)
    with pytest.raises(ValueError) as caught:
        calc.parse_whole_number("12a")
    assert not isinstance(caught.value, calc.NumberTooLargeError)


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (datetime.date(2026, 12, 3), "3 Desember 2026"),
        (datetime.date(2026, 1, 31), "31 Januari 2026"),
        (datetime.date(2024, 2, 29), "29 Februari 2024"),
        (datetime.date(2026, 8, 17), "17 Agustus 2026"),
    ],
)
def test_long_date_is_the_indonesian_letter_form_without_a_leading_zero(day, text):
    assert calc.format_date_long(day) == text

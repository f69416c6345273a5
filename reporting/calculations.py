"""Every SPM figure the portal shows: pure functions, no ORM, no request.

Percentages are ``Decimal`` rounded half up to two places; ``None`` means "not
applicable" (a zero target) and is shown as "-". Money is whole rupiah as ``int``.
"""

import datetime
import re
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")
# Weights of the per-service index (two public implementations of the ministry's
# format weight recipients 80 % and quality 20 %; not confirmed by the regulation).
WEIGHT_PENERIMA = Decimal("0.8")
WEIGHT_MUTU = Decimal("0.2")
# Default category thresholds (lower bound, inclusive). The live values are data
# (CategoryThreshold); these seed them and serve tests.
DEFAULT_CATEGORIES: tuple[tuple[str, Decimal], ...] = (
    ("Tuntas Paripurna", Decimal(100)),
    ("Tuntas Utama", Decimal(80)),
    ("Tuntas Madya", Decimal(60)),
    ("Tuntas Muda", Decimal(40)),
    ("Tuntas Pratama", Decimal(20)),
    ("Belum Tuntas", Decimal(0)),
)
NOT_APPLICABLE = "-"


def round_half_up(value: Decimal) -> Decimal:
    """Round to two decimals, half up: ``round_half_up(Decimal("99.845")) == Decimal("99.85")``."""
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def percentage(part: int | None, whole: int | None) -> Decimal | None:
    """``part / whole x 100``; ``None`` when ``whole`` is zero or missing.

    >>> percentage(1071045000, 1072692000)
    Decimal('99.85')
    """
    if whole is None or whole == 0 or part is None:
        return None
    return round_half_up(Decimal(part) * HUNDRED / Decimal(whole))


def belum_terlayani(harus_dilayani: int | None, terlayani: int | None) -> int | None:
    """Citizens not yet served: ``belum_terlayani(229662, 229662) == 0``."""
    if harus_dilayani is None or terlayani is None:
        return None
    return harus_dilayani - terlayani


def capaian_penerima(harus_dilayani: int | None, terlayani: int | None) -> Decimal | None:
    """Recipients achievement (A): ``capaian_penerima(352523, 352523) == Decimal("100.00")``."""
    return percentage(terlayani, harus_dilayani)


def capaian_mutu(items: Iterable[tuple[int | None, int | None]]) -> Decimal | None:
    """Quality achievement (B) over a service's mutu items as (harus dipenuhi, terpenuhi).

    The rule is the ratio of sums (sum of terpenuhi / sum of harus dipenuhi x 100);
    items with a missing figure are left out. ``None`` when nothing applies.

    >>> capaian_mutu([(17550, 17550), (25000, 25000), (10000, 10000)])
    Decimal('100.00')
    """
    filled = [(target, met) for target, met in items if target is not None and met is not None]
    return percentage(sum(met for _, met in filled), sum(target for target, _ in filled))


def indeks_capaian(penerima: Decimal | None, mutu: Decimal | None) -> Decimal | None:
    """Per-service index: 0.8 x A + 0.2 x B; a service without mutu figures is A alone.

    >>> indeks_capaian(Decimal("90"), Decimal("50"))
    Decimal('82.00')
    """
    if penerima is None:
        return None
    if mutu is None:
        return round_half_up(penerima)
    return round_half_up(WEIGHT_PENERIMA * penerima + WEIGHT_MUTU * mutu)


def category_for(indeks: Decimal | None, thresholds: Sequence[tuple[str, Decimal]] = DEFAULT_CATEGORIES) -> str:
    """The first category whose lower bound the index reaches; "" when not applicable.

    >>> category_for(Decimal("79.99"))
    'Tuntas Madya'
    """
    if indeks is None:
        return ""
    for name, lower in sorted(thresholds, key=lambda t: t[1], reverse=True):
        if indeks >= lower:
            return name
    return thresholds[-1][0] if thresholds else ""


def serapan(pagu: int, realisasi: int) -> Decimal | None:
    """Budget absorption: ``serapan(168585700, 167302510) == Decimal("99.24")``."""
    return percentage(realisasi, pagu)


def money_totals(pairs: Iterable[tuple[int, int]]) -> tuple[int, int, Decimal | None]:
    """(pagu, realisasi) pairs to (total pagu, total realisasi, serapan).

    >>> money_totals([(1072692000, 1071045000), (178310000, 158965200)])
    (1251002000, 1230010200, Decimal('98.32'))
    """
    pagu = realisasi = 0
    for p, r in pairs:
        pagu += p
        realisasi += r
    return pagu, realisasi, serapan(pagu, realisasi)


def mean_percentage(values: Iterable[Decimal | None]) -> Decimal | None:
    """Mean of the applicable percentages (urusan totals): ``mean_percentage([100, None, 50]) == 75.00``."""
    applicable = [Decimal(v) for v in values if v is not None]
    if not applicable:
        return None
    return round_half_up(sum(applicable, Decimal(0)) / len(applicable))


def mean_of(total, count: int) -> Decimal | None:
    """Mean from an aggregate sum and count (monitoring): ``mean_of(Decimal("199.5"), 2) == Decimal("99.75")``."""
    if not count or total is None:
        return None
    return round_half_up(Decimal(total) / count)


def fill_rate(required: int, filled: int) -> Decimal:
    """Share of required figures filled (the seed's "Kota Bogor 17%"): ``fill_rate(6, 1) == 16.67``."""
    return percentage(filled, required) or Decimal("0.00")


def exceeds_pagu(pagu: int, realisasi: int) -> bool:
    """A realisasi above its pagu needs a written justification: ``exceeds_pagu(10, 11) is True``."""
    return realisasi > pagu


# --- Plausibility checks (ValidationRule) ------------------------------------------
# Pure halves of reporting.services.quality: each says whether a figure looks wrong, never why in words.

BELOW, ABOVE = "below", "above"


def median_value(values: Iterable[int | None]) -> Decimal | None:
    """Median of the known values, the pemda's usual figure: ``median_value([100, None, 300, 200]) == 200``.

    ``None`` when no value is known; the mean of the middle two for an even count.
    """
    known = sorted(Decimal(v) for v in values if v is not None)
    if not known:
        return None
    middle = len(known) // 2
    return known[middle] if len(known) % 2 else (known[middle - 1] + known[middle]) / 2


def far_from(value: int | None, reference, factor) -> str | None:
    """Is ``value`` more than ``factor`` times or less than 1/``factor`` of ``reference``? ``ABOVE``/``BELOW``/None.

    >>> far_from(1200, 300, 3), far_from(100, 300, 3), far_from(900, 300, 3)
    ('above', 'below', None)

    A zero or missing reference gives no ratio (``None``), so a service reported for the first time or
    zero before never warns; a zero value against a positive reference is ``BELOW``.
    """
    if value is None or reference is None or reference <= 0 or factor is None:
        return None
    reference, factor = Decimal(reference), Decimal(factor)
    if Decimal(value) > reference * factor:
        return ABOVE
    if Decimal(value) * factor < reference:
        return BELOW
    return None


def change_percent(old: int | None, new: int | None) -> Decimal | None:
    """Relative change from ``old`` to ``new`` in percent: ``change_percent(1000, 1300) == Decimal("30.00")``.

    Negative for a decrease; ``None`` when either is missing or ``old`` is zero (no base to compare with).
    """
    if old is None or old == 0 or new is None:
        return None
    return round_half_up((Decimal(new) - Decimal(old)) * HUNDRED / Decimal(old))


def expected_serapan(quarter: int) -> Decimal:
    """Cumulative serapan expected by the end of a quarter, spent evenly: ``expected_serapan(2) == 50``."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(quarter)
    return Decimal(25 * quarter)


def serapan_outside(value: Decimal | None, quarter: int, min_percent=None, max_percent=None) -> str | None:
    """Is a serapan below ``min_percent`` % of the quarter's expected serapan or above ``max_percent`` %?

    >>> serapan_outside(Decimal("9.98"), 4, min_percent=40)   # the seed's typo: 9,98 % < 40 % of 100 %
    'below'
    >>> serapan_outside(Decimal("9.98"), 1, min_percent=40)   # TW I expects 25 %: warns below 10 %
    'below'

    ``None`` (no warning) for a serapan that does not apply (zero pagu) or a bound that is not set.
    """
    if value is None:
        return None
    if min_percent is not None and value < expected_serapan(quarter) * Decimal(min_percent) / HUNDRED:
        return BELOW
    if max_percent is not None and value > Decimal(max_percent):
        return ABOVE
    return None


# --- Indonesian number formats -------------------------------------------------

# Largest count or rupiah amount accepted (just under 10^15, far above any province's budget line)
# so that totals stay inside the database's 64-bit integers.
MAX_WHOLE_NUMBER = 999_999_999_999_999


def is_whole_number(value) -> bool:
    """A count or amount the portal stores: ``is_whole_number(0) and not is_whole_number(-1)``; bools are not numbers."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_WHOLE_NUMBER


# ASCII digits only: Python's \d and int() also take Arabic-Indic and other digits, which a pemda never means.
_GROUPED = re.compile(r"^[0-9]{1,3}(\.[0-9]{3})+$")
_PLAIN = re.compile(r"^[0-9]+$")


class NumberTooLargeError(ValueError):
    """A well-formed number above MAX_WHOLE_NUMBER: the user gets "terlalu besar", not "not a number"."""


def parse_whole_number(text: str) -> int:
    """Parse a count or rupiah amount typed plainly or grouped the Indonesian way.

    ``parse_whole_number("1.200.998.320") == parse_whole_number("1200998320") == 1200998320``.
    Spaces (also between groups) are ignored. Raises ``ValueError`` for anything else:
    decimals, negative numbers, letters, non-ASCII digits (``"١٢٣"``) or dots in the wrong places;
    ``NumberTooLargeError`` (a ValueError) for a well-formed number above MAX_WHOLE_NUMBER.
    """
    cleaned = re.sub(r"[\s\u00a0]", "", str(text)).removeprefix("Rp")
    if (_PLAIN.match(cleaned) or _GROUPED.match(cleaned)) and len(cleaned.replace(".", "")) > 15:
        raise NumberTooLargeError(text)  # before int(): no conversion of a megabyte of digits
    if _PLAIN.match(cleaned):
        value = int(cleaned)
    elif _GROUPED.match(cleaned):
        value = int(cleaned.replace(".", ""))
    else:
        raise ValueError(text)
    if value > MAX_WHOLE_NUMBER:
        raise NumberTooLargeError(text)
    return value


def format_number(value: int | None) -> str:
    """Group thousands with dots: ``format_number(1200998320) == "1.200.998.320"``; None gives "-"."""
    if value is None:
        return NOT_APPLICABLE
    sign = "-" if value < 0 else ""
    return sign + f"{abs(int(value)):,}".replace(",", ".")


def format_percent(value: Decimal | None) -> str:
    """Indonesian percentage: ``format_percent(Decimal("99.85")) == "99,85 %"``; None gives "-"."""
    if value is None:
        return NOT_APPLICABLE
    return f"{round_half_up(Decimal(value)):.2f}".replace(".", ",") + " %"


MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def format_date_long(value: datetime.date) -> str:
    """The long Indonesian date of letters and signatures: ``format_date_long(date(2026, 12, 3)) == "3 Desember 2026"``.

    Spelt out here instead of through the active locale: a PDF is also made in the job worker, where no
    request activated a language.
    """
    return f"{value.day} {MONTHS_ID[value.month - 1]} {value.year}"


# --- Periods ---------------------------------------------------------------------

DEFAULT_DAYS_AFTER_QUARTER = 20


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of a quarter: ``quarter_bounds(2024, 4) == (date(2024, 10, 1), date(2024, 12, 31))``."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(quarter)
    first = datetime.date(year, 3 * quarter - 2, 1)
    next_first = datetime.date(year + 1, 1, 1) if quarter == 4 else datetime.date(year, 3 * quarter + 1, 1)
    return first, next_first - datetime.timedelta(days=1)


def default_deadline(year: int, quarter: int, days: int = DEFAULT_DAYS_AFTER_QUARTER) -> datetime.date:
    """Default closing date, ``days`` after the quarter ends (about 20 observed in 2024).

    ``default_deadline(2024, 1) == date(2024, 4, 20)``.
    """
    return quarter_bounds(year, quarter)[1] + datetime.timedelta(days=days)

"""Indonesian number formats for templates: ``{{ value|angka }}`` and ``{{ value|persen }}``."""

from django import template

from reporting import calculations

register = template.Library()


@register.filter
def angka(value):
    """1200998320 -> "1.200.998.320"; empty -> "-"."""
    if value in (None, ""):
        return calculations.NOT_APPLICABLE
    return calculations.format_number(int(value))


@register.filter
def persen(value):
    """Decimal("99.85") -> "99,85 %"; None -> "-"."""
    if value in (None, ""):
        return calculations.NOT_APPLICABLE
    return calculations.format_percent(value)

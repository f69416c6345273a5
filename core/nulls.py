"""``not_null``: a value that the query reading it, a database constraint or an earlier step keeps from being None.

django-stubs types every nullable column as ``X | None``; mypy cannot read the SQL (``submitted_at__isnull=False``)
or the ``CheckConstraint`` that rules ``None`` out. Said here once instead of an ``assert`` (stripped by ``-O``)
or a ``# type: ignore`` at each place.
"""

from typing import TypeVar

T = TypeVar("T")


def not_null(value: T | None) -> T:
    """``value``, which cannot be ``None`` here: ``not_null(report.submitted_at)`` of a report filtered on
    ``submitted_at__isnull=False``. A ``None`` is a broken promise of the caller's query (``ValueError``), never
    a user's mistake."""
    if value is None:
        raise ValueError("a value the query or a constraint keeps from being NULL is None")
    return value

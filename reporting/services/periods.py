"""Reporting periods and their input windows."""

import datetime

from django.db import transaction
from django.utils import timezone

from reporting.calculations import default_deadline, quarter_bounds
from reporting.models import Period


def _aware(day: datetime.date, end_of_day: bool = False) -> datetime.datetime:
    moment = datetime.datetime.combine(day, datetime.time(23, 59, 59) if end_of_day else datetime.time(0, 0))
    return timezone.make_aware(moment)


@transaction.atomic
def periods_create_year(*, year: int) -> list[Period]:
    """The four quarters of a year, each open from the quarter's first day to the default deadline."""
    periods = []
    for quarter in (1, 2, 3, 4):
        period, _ = Period.objects.get_or_create(
            year=year,
            quarter=quarter,
            defaults={
                "opens_at": _aware(quarter_bounds(year, quarter)[0]),
                "closes_at": _aware(default_deadline(year, quarter), end_of_day=True),
            },
        )
        periods.append(period)
    return periods

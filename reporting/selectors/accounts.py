"""Reads about accounts and login."""

import math
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from reporting.models import LoginAttempt, RegionCodeChange


def login_lockout_minutes_left(username: str) -> int:
    """Minutes until ``username`` may try again; 0 when it is not locked."""
    window = timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    since = timezone.now() - window
    failures = list(
        LoginAttempt.objects.filter(username=username, succeeded=False, created_at__gte=since)
        .order_by("-created_at")
        .values_list("created_at", flat=True)[: settings.LOGIN_MAX_FAILURES]
    )
    if len(failures) < settings.LOGIN_MAX_FAILURES:
        return 0
    unlock_at = failures[0] + window
    return max(1, math.ceil((unlock_at - timezone.now()).total_seconds() / 60))


def region_code_change_get(login_code: str) -> RegionCodeChange | None:
    return RegionCodeChange.objects.select_related("region").filter(old_login_code=login_code).first()


# DKI Jakarta's kota/kabupaten administrasi are not autonomous: they have no account and report through
# Provinsi DKI Jakarta (fixtures/regions/non_autonomous.csv, where a test keeps this list in step).
REPORTS_THROUGH_PROVINCE = {
    "3101": "3100",
    "3171": "3100",
    "3172": "3100",
    "3173": "3100",
    "3174": "3100",
    "3175": "3100",
}


def reporting_province_login_code(login_code: str) -> str | None:
    """The login code of the province an administrative area reports through ("3171" -> "3100"), else None."""
    return REPORTS_THROUGH_PROVINCE.get(login_code)

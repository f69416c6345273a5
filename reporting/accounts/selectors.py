"""Reads about accounts and login."""

from reporting.models import RegionCodeChange


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

"""Password rules of the portal, beside Django's validators (``AUTH_PASSWORD_VALIDATORS``).

A pemda's username is its public region code and its name is on every page, so the first guesses are the
region's name and code (``Jombang2026``, ``Kabupaten1``, ``35173517``), the username, the password already
in use, and the passwords common in Indonesia (``common_id.txt``, beside Django's English list).
"""

import re
from pathlib import Path

from django.core.exceptions import ValidationError

from reporting.messages import (
    PASSWORD_COMMON_ID,
    PASSWORD_COMMON_ID_HELP,
    PASSWORD_NOT_CURRENT_HELP,
    PASSWORD_REGION_CODE_USED,
    PASSWORD_REGION_HELP,
    PASSWORD_REGION_NAME_USED,
    PASSWORD_SAME_AS_CURRENT,
)

COMMON_ID_PATH = Path(__file__).with_name("common_id.txt")
# Words of a region's type: a password made of them is guessed for any region.
REGION_TYPE_WORDS = frozenset(
    {"kabupaten", "kab", "kota", "provinsi", "prov", "pemda", "pemkab", "pemkot", "pemprov", "daerah", "administrasi"}
)
MIN_NAME_WORD = 4  # shorter name words ("Aru", "Gowa"'s neighbours) are too common inside random passwords


def _letters(password: str) -> str:
    """The password's letters only, lowercased: "Jombang-2026!" -> "jombang"."""
    return re.sub(r"[^a-z]", "", password.casefold())


def _region_words(region) -> set[str]:
    words = {word for word in re.split(r"[^a-z]+", region.name.casefold()) if len(word) >= MIN_NAME_WORD}
    return words | REGION_TYPE_WORDS


class RegionNameValidator:
    """Refuses a password that holds the region's name or type words, its codes, or the username
    (also doubled): ``Jombang2026``, ``Kabupaten1``, ``3517xyz3517``."""

    def validate(self, password, user=None):
        if user is None:
            return
        folded = password.casefold()
        letters = _letters(password)
        region = getattr(user, "region", None)
        if region is not None:
            for word in sorted(_region_words(region), key=len, reverse=True):
                if word in letters:
                    raise ValidationError(
                        PASSWORD_REGION_NAME_USED, code="password_region_name", params={"word": word}
                    )
        codes = {user.get_username().casefold()}
        if region is not None:
            codes |= {region.login_code.casefold(), region.code.casefold(), region.code.replace(".", "")}
        if any(len(code) >= 3 and code in folded for code in codes):
            raise ValidationError(PASSWORD_REGION_CODE_USED, code="password_region_code")

    def get_help_text(self):
        return PASSWORD_REGION_HELP


class NotCurrentPasswordValidator:
    """Refuses the password the account already has (a change must change it)."""

    def validate(self, password, user=None):
        if user is not None and user.pk and user.has_usable_password() and user.check_password(password):
            raise ValidationError(PASSWORD_SAME_AS_CURRENT, code="password_unchanged")

    def get_help_text(self):
        return PASSWORD_NOT_CURRENT_HELP


class IndonesianCommonPasswordValidator:
    """Refuses a password common in Indonesia, also with digits or signs around it: ``Bismillah2026!``."""

    def __init__(self, password_list_path=COMMON_ID_PATH):
        lines = Path(password_list_path).read_text(encoding="utf-8").splitlines()
        self.passwords = {line.strip().casefold() for line in lines if line.strip()}

    def validate(self, password, user=None):
        folded = password.casefold().strip()
        letters = _letters(password)
        for candidate in (folded, letters):
            if candidate in self.passwords:
                raise ValidationError(PASSWORD_COMMON_ID, code="password_too_common_id", params={"word": candidate})

    def get_help_text(self):
        return PASSWORD_COMMON_ID_HELP

"""Password rules of the portal, beside Django's validators (``AUTH_PASSWORD_VALIDATORS``).

A pemda's username is its public region code and its name is on every page, so the first guesses are the
region's name and code (``Jombang2026``, ``Kabupaten1``, ``35173517``), its province's name and the way it is
shortened (``Jatim2026!!x`` for a Jawa Timur kab/kota), the portal's own words (``SPM2026spm2026``), the
username, the password already in use or used before (the one-time password too), patterns (``aaaaaaaaaaA1``,
a block typed twice, ``123456``, ``qwerty``) and the passwords common in Indonesia (``common_id.txt``,
beside Django's English list).
"""

import re
from pathlib import Path

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError

from reporting.messages import (
    PASSWORD_APP_WORD_USED,
    PASSWORD_COMMON_ID,
    PASSWORD_COMMON_ID_HELP,
    PASSWORD_NOT_CURRENT_HELP,
    PASSWORD_PATTERN,
    PASSWORD_PATTERN_HELP,
    PASSWORD_PREVIOUS_HELP,
    PASSWORD_PREVIOUS_USED,
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
# How each province is shortened in speech and in e-mail addresses (by its two-digit code); only the ones of
# four letters or more (DKI, DIY, NTB, NTT, PBD would turn up inside random letters).
PROVINCE_SHORT_NAMES = {
    "12": {"sumut"},
    "13": {"sumbar"},
    "16": {"sumsel"},
    "19": {"babel"},
    "21": {"kepri"},
    "31": {"jakarta"},
    "32": {"jabar"},
    "33": {"jateng"},
    "34": {"jogja", "yogya", "jogjakarta", "yogyakarta"},
    "35": {"jatim"},
    "61": {"kalbar"},
    "62": {"kalteng"},
    "63": {"kalsel"},
    "64": {"kaltim"},
    "65": {"kaltara"},
    "71": {"sulut"},
    "72": {"sulteng"},
    "73": {"sulsel"},
    "74": {"sultra"},
    "76": {"sulbar"},
    "82": {"malut"},
    "92": {"pabar"},
    "93": {"papsel"},
    "94": {"papteng"},
    "95": {"pappeg"},
}
# The portal's and the ministry's own names: the first words anyone tries on any account.
APP_WORDS = ("kemendagri", "bangda", "pelaporan", "spm")


def _letters(password: str) -> str:
    """The password's letters only, lowercased: "Jombang-2026!" -> "jombang"."""
    return re.sub(r"[^a-z]", "", password.casefold())


def _name_words(name: str) -> set[str]:
    return {word for word in re.split(r"[^a-z]+", name.casefold()) if len(word) >= MIN_NAME_WORD}


def _region_words(region) -> set[str]:
    """The region's and its province's name words, the province's short names and the region type words."""
    words = _name_words(region.name) | REGION_TYPE_WORDS
    province = region.province if region.province_id else None
    if province is not None:
        words |= _name_words(province.name)
    return words | PROVINCE_SHORT_NAMES.get(region.code[:2], set())


class RegionNameValidator:
    """Refuses a password that holds the region's or its province's name, short name or type words, its
    codes, the username (also doubled) or the portal's own words: ``Jombang2026``, ``Kabupaten1``,
    ``3517xyz3517``, ``Jatim2026!!x``, ``SPM2026spm2026``."""

    def validate(self, password, user=None):
        letters = _letters(password)
        for word in APP_WORDS:
            if word in letters:
                raise ValidationError(PASSWORD_APP_WORD_USED, code="password_app_word", params={"word": word})
        if user is None:
            return
        folded = password.casefold()
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


class PreviousPasswordValidator:
    """Refuses the account's recent passwords (``PasswordHistory``: the last five it replaced, the one-time
    password it was given too), so a forced change cannot go back to the distributed password."""

    def validate(self, password, user=None):
        if user is None or not user.pk:
            return
        from reporting.accounts.services.accounts import PASSWORD_HISTORY_COUNT

        for old_hash in user.password_history.values_list("password", flat=True)[:PASSWORD_HISTORY_COUNT]:
            if check_password(password, old_hash):
                raise ValidationError(PASSWORD_PREVIOUS_USED, code="password_previous")

    def get_help_text(self):
        return PASSWORD_PREVIOUS_HELP


# Rows of the keyboard and the alphabet and digits: five in a row, either way, is a pattern, not a secret.
SEQUENCES = ("abcdefghijklmnopqrstuvwxyz", "0123456789", "qwertyuiop", "asdfghjkl", "zxcvbnm")
MIN_SEQUENCE = 5
MAX_SAME_IN_ROW = 3


def password_pattern(password: str) -> str | None:
    """The pattern ``password`` is made of, or ``None``: a character four times in a row (``aaaaaaaaaaA1``),
    a block typed again that fills half of it (``SPM2026spm2026``), or five in a row of the alphabet, the
    digits or a keyboard row, forwards or backwards (``Abcdefg!99``, ``x98765xyzW``)."""
    folded = password.casefold()
    run = re.search(rf"(.)\1{{{MAX_SAME_IN_ROW},}}", folded)
    if run:
        return run.group(0)
    repeated = sum(len(m.group(0)) for m in re.finditer(r"(.{2,})\1+", folded))
    if folded and repeated * 2 >= len(folded):
        return next(re.finditer(r"(.{2,})\1+", folded)).group(1)
    for sequence in SEQUENCES:
        for row in (sequence, sequence[::-1]):
            for start in range(len(row) - MIN_SEQUENCE + 1):
                if row[start : start + MIN_SEQUENCE] in folded:
                    return row[start : start + MIN_SEQUENCE]
    return None


class RepeatedPatternValidator:
    """Refuses a password made of a pattern (``password_pattern``)."""

    def validate(self, password, user=None):
        pattern = password_pattern(password)
        if pattern is not None:
            raise ValidationError(PASSWORD_PATTERN, code="password_pattern", params={"pattern": pattern})

    def get_help_text(self):
        return PASSWORD_PATTERN_HELP

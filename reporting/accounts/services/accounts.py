"""Accounts: one per pemda with its own random one-time password, operators, lockout lifting."""

import io
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from axes.utils import reset as axes_reset
from openpyxl import Workbook
from openpyxl.styles import Font

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.db.models import Q

from core.spreadsheets import workbook_texts_literal
from reporting.accounts.models import PasswordHistory
from reporting.accounts.passwords import APP_WORDS, password_pattern
from reporting.accounts.services.api_tokens import api_tokens_of_owner_revoke
from reporting.messages import (
    ACCOUNT_RIGHTS_EXCEEDED,
    OPERATOR_USERNAME_RESERVED,
    OPERATOR_USERNAME_TAKEN,
    SIGNATORY_NOT_ALLOWED,
)
from reporting.models import Region, Role, Urusan, User
from reporting.selectors import access

# Letters and digits without look-alikes (0/O, 1/l/I) so a password can be read aloud or typed from print.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # noqa: S105 -- an alphabet, not a password
PASSWORD_LENGTH = 14


def password_generate() -> str:
    """A random password from the OS's secure source, with letters and digits, that the portal's own rules
    accept (no pattern, none of the portal's words: a random draw sometimes holds "spm" or "aaaa")."""
    while True:
        candidate = "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))
        if not (any(c.isdigit() for c in candidate) and any(c.isalpha() for c in candidate)):
            continue
        if password_pattern(candidate) is None and not any(word in candidate.casefold() for word in APP_WORDS):
            return candidate


@dataclass
class IssuedPassword:
    region: Region | None
    username: str
    password: str


def pemda_accounts_create(
    *,
    regions=None,
    reset_existing: bool = False,
    progress: Callable[[int, int | None], None] | None = None,
    store: Callable[[list["IssuedPassword"]], None] | None = None,
) -> list[IssuedPassword]:
    """Give every active region a pemda account with its own one-time password.

    Existing accounts keep their password unless ``reset_existing``. Every issued password must be changed
    at first login. The passwords are hashed first (the slow part: about half a second each with the
    production hasher), reporting ``progress(done, total)`` as they go, and the accounts are then saved in
    one transaction, all or none.

    ``store(issued)`` keeps the only copy of the new passwords (the distribution list) and runs inside that
    transaction, after the saves: if it raises, no password is changed, so no pemda is locked out by a
    password nobody can read. A list stored by a transaction that then did not commit names no valid
    password; ``manage.py sweep_storage`` removes such leftovers.
    """
    regions = regions if regions is not None else Region.objects.filter(is_active=True)
    existing = {u.region_id: u for u in User.objects.filter(role=Role.PEMDA, region__in=regions)}
    due = [r for r in regions.order_by("code") if r.pk not in existing or reset_existing]
    every = max(1, settings.JOB_PROGRESS_EVERY // 100)  # hashing is slow: report every few accounts
    if progress:
        progress(0, len(due))
    accounts = []
    for done, region in enumerate(due, start=1):
        user = existing.get(region.pk) or User(
            username=region.login_code, role=Role.PEMDA, region=region, first_name=region.display_name[:150]
        )
        password = password_generate()
        user.password = make_password(password)
        user.must_change_password = True
        accounts.append((region, user, password))
        if progress and (done % every == 0 or done == len(due)):
            progress(done, None)
    issued = [
        IssuedPassword(region=region, username=user.username, password=password) for region, user, password in accounts
    ]
    with transaction.atomic():
        for _region, user, _password in accounts:
            user.save()
        if store is not None:
            store(issued)
    return issued


@transaction.atomic
def account_password_reset(*, user: User, by: User | None = None) -> str:
    """Give an account a new one-time password (the ministry's reset); returns it to show once. ``by``, the
    admin asking, must have rights covering the account's (``access.can_manage_account``: a ministry admin
    never resets a superuser); scripts run by the operators pass no ``by``."""
    if by is not None and not access.can_manage_account(by, user):
        raise PermissionError(ACCOUNT_RIGHTS_EXCEEDED)
    password = password_generate()
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    account_lock_lift(username=user.username)
    return password


def account_lock_lift(*, username: str) -> int:
    """Lift every lockout on ``username`` (at whatever address); the failure logs stay for the audit trail.
    Returns how many lock counters were cleared."""
    return axes_reset(username=username.strip().casefold())


def login_lock_lift(*, username: str, ip_address: str | None) -> int:
    """The ministry lifts a lock seen in the admin: every counter of that username and of that client address
    (a lock per username at one address, or the address's own limit). The failure logs stay."""
    if not ip_address:
        return account_lock_lift(username=username)
    return axes_reset(ip=ip_address, username=username, ip_or_username=True)


# Words of the ministry's, the moderators' and the administrators' accounts: an operator named so would pass
# for staff in the forum and in the history ("kemendagri", "Moderator_Forum", "admin.pusat").
STAFF_WORDS = (
    "kemendagri",
    "kementerian",
    "menteri",
    "bangda",
    "ditjen",
    "admin",
    "moderator",
    "reviewer",
    "superuser",
    "root",
    "staff",
    "pusat",
    "helpdesk",
    "support",
)


def operator_username_reserved(username: str) -> str | None:
    """What in ``username`` is reserved, or ``None``: a region code or anything made of digits and signs only
    (``9101``, ``35.17``: the pemda accounts' login codes, today's and tomorrow's), or a staff word."""
    folded = username.strip().casefold()
    if not any(c.isalpha() for c in folded):
        return username
    if Region.objects.filter(Q(login_code__iexact=folded) | Q(code__iexact=folded)).exists():
        return username
    letters = "".join(c for c in folded if c.isalpha())
    return next((word for word in STAFF_WORDS if word in letters), None)


@transaction.atomic
def operator_create(*, parent: User, username: str, urusan: Urusan, full_name: str = "") -> IssuedPassword:
    """A pemda account creates an operator for one urusan (the Perangkat Daerah that owns the data); region
    codes and staff-like names are reserved (``operator_username_reserved``)."""
    reserved = operator_username_reserved(username)
    if reserved is not None:
        raise ValueError(OPERATOR_USERNAME_RESERVED % {"word": reserved})
    if User.objects.filter(username__iexact=username).exists():
        raise ValueError(OPERATOR_USERNAME_TAKEN)
    password = password_generate()
    operator = User(
        username=username,
        role=Role.OPERATOR,
        region=parent.region,
        urusan=urusan,
        parent=parent,
        first_name=full_name[:150],
        must_change_password=True,
    )
    validate_password(password, operator)
    operator.set_password(password)
    operator.save()
    return IssuedPassword(region=parent.region, username=username, password=password)


def accounts_workbook(issued: list[IssuedPassword]) -> bytes:
    """The .xlsx handed out to pemda: region, username, one-time password."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Akun Pemda"
    sheet.append(["Kode wilayah", "Nama wilayah", "Tingkat", "Username", "Password sekali pakai"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in issued:
        region = row.region
        sheet.append(
            [
                region.code if region else "",
                region.display_name if region else "",
                region.get_level_display() if region else "",
                row.username,
                row.password,
            ]
        )
    for column, width in zip("ABCDE", (14, 40, 16, 14, 24), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook_texts_literal(workbook).save(buffer)
    return buffer.getvalue()


@transaction.atomic
def region_signatory_update(
    *, user: User, region: Region, name: str, title: str, nip: str = "", place: str = ""
) -> Region:
    """Name the official who signs ``region``'s printed reports (the pemda account itself only)."""
    if not access.can_edit_region_signatory(user, region):
        raise PermissionError(SIGNATORY_NOT_ALLOWED)
    region.signatory_name, region.signatory_title = name.strip(), title.strip()
    region.signatory_nip, region.signing_place = nip.strip(), place.strip()
    region.save(update_fields=["signatory_name", "signatory_title", "signatory_nip", "signing_place"])
    return region


# --- What an account may do changed: its tokens and sessions end; its old password is remembered ------------

# The fields whose change ends an account's tokens (and, through ``User._get_session_auth_hash``, sessions).
TRUST_FIELDS = ("role", "is_superuser", "region_id", "is_active")
PASSWORD_HISTORY_COUNT = 5  # a new password may not be one of the last five (the one-time password too)


def account_state_remember(*, user: User) -> None:
    """Before ``user`` is saved: keep what the database holds now on the instance (one query), for
    ``account_change_apply`` after the save. A new account has nothing to remember."""
    if user.pk is None:
        user._state_before = None
        return
    user._state_before = User.objects.filter(pk=user.pk).values("password", *TRUST_FIELDS).first()


def account_change_apply(*, user: User) -> None:
    """After ``user`` was saved: a replaced password joins its history (``reporting.accounts.passwords`` refuses going
    back to it); a lost activity or a changed role, superuser status or region revokes every API token it
    issued. Its sessions already ended with the change of its session hash."""
    before = getattr(user, "_state_before", None)
    user._state_before = None
    if not before:
        return
    old_password = before["password"]
    if old_password and old_password != user.password and not old_password.startswith("!"):
        password_history_add(user=user, password_hash=old_password)
    if any(before[field] != getattr(user, field) for field in TRUST_FIELDS):
        api_tokens_of_owner_revoke(owner=user)


def password_history_add(*, user: User, password_hash: str) -> None:
    """Remember one replaced password hash of ``user``, keeping only the last ``PASSWORD_HISTORY_COUNT``."""
    PasswordHistory.objects.create(user=user, password=password_hash)
    stale = user.password_history.values_list("pk", flat=True)[PASSWORD_HISTORY_COUNT:]
    PasswordHistory.objects.filter(pk__in=list(stale)).delete()

"""Tokens of the integration API: issue (shown once), revoke, find by the token a system sends, mark as used.

A token reads ``spm_<prefix>_<secret>``: the prefix (10 characters, kept in clear) finds the row, the
SHA-256 of the whole token is compared in constant time. The secret has 256 bits from the OS's secure
source, so a plain hash is enough (no password stretching: nobody can guess such a value).
"""

import datetime
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from reporting.accounts.models import ApiToken, ApiTokenKind
from reporting.messages import (
    TOKEN_ALREADY_REVOKED,
    TOKEN_EXPIRY_INVALID,
    TOKEN_ISSUE_NOT_ALLOWED,
    TOKEN_NAME_REQUIRED,
    TOKEN_REVOKE_NOT_ALLOWED,
)
from reporting.models import Region, Urusan, User
from reporting.selectors import access

TOKEN_START = "spm_"  # noqa: S105 -- the visible start of every token, not a secret
PREFIX_LENGTH = 10
# last_used_at is written at most once a minute per token: no write on every request.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)
MAX_LIFETIME_DAYS = 365


class ApiTokenError(ValueError):
    """A token request that cannot be done; the message is for the user."""


@dataclass
class IssuedToken:
    token: ApiToken
    secret: str  # the whole token: shown once, never stored


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _new_token_text() -> tuple[str, str]:
    prefix = secrets.token_hex(PREFIX_LENGTH // 2)
    return prefix, f"{TOKEN_START}{prefix}_{secrets.token_urlsafe(32)}"


@transaction.atomic
def api_token_create(
    *, user: User, name: str, kind: str, days: int, region: Region | None = None, urusan: Urusan | None = None
) -> IssuedToken:
    """Issue a token; the returned ``secret`` is the only copy of it.

    A pemda account issues pemda tokens for its own region (every urusan, or one); the ministry issues
    ministry (read-only) tokens. Raises ApiTokenError with an Indonesian message.
    """
    if not access.can_issue_api_token(user, kind=kind, region=region):
        raise ApiTokenError(TOKEN_ISSUE_NOT_ALLOWED)
    if not (name or "").strip():
        raise ApiTokenError(TOKEN_NAME_REQUIRED)
    if not isinstance(days, int) or not 1 <= days <= MAX_LIFETIME_DAYS:
        raise ApiTokenError(TOKEN_EXPIRY_INVALID.format(days=MAX_LIFETIME_DAYS))
    prefix, secret = _new_token_text()
    token = ApiToken.objects.create(
        name=name.strip()[:120],
        kind=kind,
        region=region if kind == ApiTokenKind.PEMDA else None,
        urusan=urusan if kind == ApiTokenKind.PEMDA else None,
        prefix=prefix,
        secret_hash=token_hash(secret),
        created_by=user,
        issued_role=user.role,
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )
    return IssuedToken(token=token, secret=secret)


@transaction.atomic
def api_token_revoke(*, user: User, token: ApiToken) -> ApiToken:
    """Revoke ``token`` now: every later request with it answers 401."""
    if not access.api_token_manageable_list(user).filter(pk=token.pk).exists():
        raise ApiTokenError(TOKEN_REVOKE_NOT_ALLOWED)
    if token.revoked_at is not None:
        raise ApiTokenError(TOKEN_ALREADY_REVOKED)
    token.revoked_at, token.revoked_by = timezone.now(), user
    token.save(update_fields=["revoked_at", "revoked_by"])
    return token


def api_token_find(raw: str) -> ApiToken | None:
    """The active token whose text is ``raw`` with its owner (one query), else ``None``: unknown, wrong
    secret, revoked or expired. Whether its owner still holds it is ``access.api_token_user``'s decision."""
    if not raw.startswith(TOKEN_START):
        return None
    prefix = raw[len(TOKEN_START) : len(TOKEN_START) + PREFIX_LENGTH]
    token = (
        ApiToken.objects.select_related("region", "urusan", "created_by", "created_by__region")
        .filter(prefix=prefix)
        .first()
    )
    if token is None or not hmac.compare_digest(token.secret_hash, token_hash(raw)):
        return None
    return token if token.is_active() else None


def api_token_touch(*, token: ApiToken, now: datetime.datetime | None = None) -> None:
    """Record that ``token`` was used, at most once per ``LAST_USED_PRECISION``."""
    now = now or timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_PRECISION:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now


def api_tokens_of_owner_revoke(*, owner: User, by: User | None = None) -> int:
    """Revoke every active token ``owner`` issued (its account was deactivated or its role changed); returns
    how many. The tokens of a pemda account are its region's systems: they stop with it."""
    return ApiToken.objects.filter(created_by=owner, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=by
    )

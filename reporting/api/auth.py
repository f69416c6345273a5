"""Bearer tokens of the integration API, the user view they get, and the per-token rate limit.

Only ``Authorization: Bearer spm_...`` authenticates: a session cookie never does (so no request of the
API is cookie-authenticated and none needs CSRF). The token's view of the data is a user built by
``access.api_token_user``, and every decision after that goes through ``reporting.selectors.access``
as for the pages.
"""

import time

from ninja.security import HttpBearer

from django.conf import settings

from core.ratelimit import count_hit, rate_limit_exceeded, rate_limit_reached
from reporting.accounts.models import ApiTokenKind
from reporting.accounts.services.api_tokens import api_token_find, api_token_touch
from reporting.messages import API_AUTH_FAILURES_LIMITED, API_RATE_LIMITED, API_READ_ONLY_TOKEN
from reporting.models import User
from reporting.selectors import access

from .errors import ApiError

RATE_WINDOW = 60  # seconds
AUTH_FAILURE_SCOPE = "api-auth-failure"


def rate_limit_check(token) -> None:
    """At most ``settings.API_RATE_LIMIT_PER_MINUTE`` requests per token and minute (fixed window in the
    shared cache, so every worker counts together); raises the 429 answer past it."""
    limit = settings.API_RATE_LIMIT_PER_MINUTE
    now = int(time.time())
    window = now // RATE_WINDOW
    key = f"spm:api-rate:{token.pk}:{window}"
    count = count_hit(key, timeout=RATE_WINDOW * 2)  # fails safe while the shared cache is away
    if count > limit:
        retry = (window + 1) * RATE_WINDOW - now
        raise ApiError(429, API_RATE_LIMITED.format(seconds=retry), headers={"Retry-After": str(retry)})


class TokenAuth(HttpBearer):
    """Finds the token with its owner (one query), checks that the owner still holds it, the rate, and marks
    it used."""

    def authenticate(self, request, token):
        limit = settings.API_AUTH_FAILURES_PER_MINUTE
        retry = rate_limit_reached(request, AUTH_FAILURE_SCOPE, limit)
        if retry:  # an address guessing tokens is not even looked up until the minute is over
            raise ApiError(429, API_AUTH_FAILURES_LIMITED.format(seconds=retry), headers={"Retry-After": str(retry)})
        found = api_token_find(token)
        user = access.api_token_user(found) if found is not None else None
        if user is None:
            rate_limit_exceeded(request, AUTH_FAILURE_SCOPE, limit)
            return None
        rate_limit_check(found)
        api_token_touch(token=found)
        request.api_token, request.api_user = found, user
        return found


def api_user(request) -> User:
    return request.api_user


def require_writer(request) -> User:
    """The user of a pemda token; a ministry token only reads (403)."""
    if request.api_token.kind != ApiTokenKind.PEMDA:
        raise ApiError(403, API_READ_ONLY_TOKEN)
    return request.api_user


__all__ = ["TokenAuth", "api_user", "rate_limit_check", "require_writer"]

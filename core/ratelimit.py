"""Rate limits per client address for pages that cost work or invite guessing (search, open data, abuse
reports, forum search, the admin's password reset e-mail, failed API authentications).

A fixed window of one minute counted in the shared ``default`` cache (Redis in production), so every app
host sees the same count; the client address is ``core.net.client_ip`` (proxy-aware). Over the limit the
visitor gets the Indonesian 429 page with ``Retry-After``.
"""

import functools
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.shortcuts import render

from core.net import client_ip

WINDOW = 60  # seconds


def _window_key(request, scope: str) -> tuple[str, int]:
    """The cache key of this address's count in the current minute, and the seconds until the next minute."""
    now = int(time.time())
    window = now // WINDOW
    return f"ratelimit:{scope}:{client_ip(request) or 'unknown'}:{window}", (window + 1) * WINDOW - now


def rate_limit_reached(request, scope: str, limit: int) -> int:
    """Without counting: the seconds to wait when this address already used up ``limit`` this minute, else 0
    (for counters of failures only, such as failed API authentications)."""
    key, retry = _window_key(request, scope)
    return retry if (cache.get(key) or 0) >= limit else 0


def rate_limit_exceeded(request, scope: str, limit: int) -> int:
    """Count this request; the seconds to wait when it is over ``limit`` in the current minute, else 0."""
    key, retry = _window_key(request, scope)
    cache.add(key, 0, timeout=WINDOW * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, timeout=WINDOW * 2)
        count = 1
    return retry if count > limit else 0


def rate_limit_response(request, retry: int):
    """The Indonesian 429 page with ``Retry-After``."""
    response = render(request, "429.html", {"retry": retry}, status=429)
    response["Retry-After"] = str(retry)
    return response


def rate_limited(scope: str, setting: str):
    """Decorate a view (function or page method): at most ``settings.<setting>`` requests per address and
    minute, e.g. ``@rate_limited("search", "RATE_LIMIT_SEARCH_PER_MINUTE")``."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            request = next(arg for arg in args if isinstance(arg, HttpRequest))
            retry = rate_limit_exceeded(request, scope, getattr(settings, setting))
            if retry:
                return rate_limit_response(request, retry)
            return view(*args, **kwargs)

        return wrapper

    return decorator

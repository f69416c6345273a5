"""The login lockout, by django-axes: it follows the attacker, not the victim.

Failures count per username *and* client address (``LOGIN_MAX_FAILURES``), and per address across every
username (``LOGIN_MAX_FAILURES_PER_IP``), so an anonymous visitor who knows a region code (the codes are
public) locks only their own address out, never the pemda. Attempts made during a lock are not counted, a
successful login deletes nothing, and every failure and login stays in axes' logs for the audit trail.
axes' backend is the first in ``AUTHENTICATION_BACKENDS``, so the lock holds on every login page that calls
``authenticate`` (the portal's, Wagtail's admin login and its private-page login).
"""

import math
from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt

from django.conf import settings
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone

from reporting.messages import LOCKED_OUT


def lockout_username(request, credentials) -> str | None:
    """The username a failure counts against: the form's, without spaces and case (" 3517 " is "3517")."""
    username = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD)
    if username is None and request is not None:
        username = request.POST.get(settings.AXES_USERNAME_FORM_FIELD)
    return username.strip().casefold() if username else None


def failure_limit(request, credentials) -> int:
    return settings.LOGIN_MAX_FAILURES


def cool_off(request=None) -> timedelta:
    return timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def _recent(request):
    return AccessAttempt.objects.filter(
        ip_address=request.axes_ip_address, attempt_time__gte=timezone.now() - cool_off()
    )


def _counted(attempts) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class PortalAxesHandler(AxesDatabaseHandler):
    """axes' database handler with two limits: one per username and address, a higher one per address."""

    def get_failures(self, request, credentials=None) -> int:
        from_address = _recent(request)
        username = get_client_username(request, credentials)
        pair = _counted(from_address.filter(username=username)) if username else 0
        if _counted(from_address) >= settings.LOGIN_MAX_FAILURES_PER_IP:
            return max(pair, failure_limit(request, credentials))
        return pair


def lockout_minutes_left(request) -> int:
    """Minutes until the address may try again: the lock ends one window after the last counted failure."""
    last = _recent(request).aggregate(last=Max("attempt_time"))["last"]
    if last is None:
        return settings.LOGIN_LOCKOUT_MINUTES
    return max(1, math.ceil((last + cool_off() - timezone.now()).total_seconds() / 60))


def lockout_response(request, original_response=None, credentials=None):
    """axes' lockout page (AXES_LOCKOUT_CALLABLE): the Indonesian message, with the wait, as 429."""
    message = LOCKED_OUT % {"minutes": lockout_minutes_left(request)}
    return render(request, "accounts/locked_out.html", {"message": message}, status=429)

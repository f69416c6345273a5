"""Response headers the whole site shares, and the 503 answers while a dependency is unreachable."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

from core.requestid import current_request_id
from core.storage import storage_unreachable

# Every asset is served by the app itself, so the policy allows only our own origin. The portal's own pages
# carry no inline script (tests/functional/test_content_security_policy.py keeps it so): script-src is 'self'.
# Wagtail's admin and django-ninja's API docs page write inline scripts, so only their paths keep
# 'unsafe-inline' for scripts. Inline styles (Wagtail, the charts' SVG) stay allowed everywhere.
_POLICY = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
    "script-src {scripts}; font-src 'self' data:; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
CONTENT_SECURITY_POLICY = _POLICY.format(scripts="'self'")
ADMIN_CONTENT_SECURITY_POLICY = _POLICY.format(scripts="'self' 'unsafe-inline'")
INLINE_SCRIPT_PATHS = ("/admin/", "/_util/", "/api/v1/docs")


def content_security_policy(path: str) -> str:
    """The policy for a path: strict for the portal, inline scripts allowed for the Wagtail admin and API docs."""
    return ADMIN_CONTENT_SECURITY_POLICY if path.startswith(INLINE_SCRIPT_PATHS) else CONTENT_SECURITY_POLICY


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", content_security_policy(request.path))
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.headers.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY)
        return response


# The database unreachable (down, restarting, cut from this host) and the object storage unreachable.
DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30

outage_logger = logging.getLogger("core.outage")


def _unavailable(request, template: str, what: str, error: BaseException) -> HttpResponse:
    """The standalone Indonesian 503 page with Retry-After, logged once as a warning: an outage of a
    dependency is the operator's alarm (readiness, ops/README.md), not a bug of the portal. Django would
    log every 503 as an error ("Service Unavailable: ..."): this line replaces that one."""
    outage_logger.warning("%s unavailable: %s %s answered 503 (%s)", what, request.method, request.path, error)
    body = loader.get_template(template).render({"request_id": current_request_id()})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    # Answered before the header middleware runs: the same headers as every page.
    response["Content-Security-Policy"] = content_security_policy(request.path)
    response["X-Frame-Options"] = "DENY"
    response._has_been_logged = True  # django.utils.log.log_response skips it
    return response


def database_unavailable_response(request, error: BaseException) -> HttpResponse:
    return _unavailable(request, "503.html", "database", error)


def storage_unavailable_response(request, error: BaseException) -> HttpResponse:
    return _unavailable(request, "503_storage.html", "storage", error)


def unavailable_response_for(request, error: BaseException) -> HttpResponse | None:
    """The 503 answer for an outage of the database or of the object storage; None for any other error."""
    if isinstance(error, DATABASE_ERRORS):
        return database_unavailable_response(request, error)
    if storage_unreachable(error):
        return storage_unavailable_response(request, error)
    return None


class DatabaseUnavailableMiddleware:
    """While the database (or the object storage) is unreachable, answer its Indonesian 503 page.

    Placed right after the authentication middleware: it loads the session and the user itself (the first
    database work of a logged-in request, which the later middleware would otherwise meet outside any
    view, where Django answers 500), and it turns the views' outage exceptions into the same page.
    Anything still missed reaches ``core.views.server_error``, which answers the same way.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            request.user.is_authenticated  # noqa: B018 -- loads the session and the user now, here
        except DATABASE_ERRORS as error:
            return database_unavailable_response(request, error)
        return self.get_response(request)

    def process_exception(self, request, exception):
        return unavailable_response_for(request, exception)

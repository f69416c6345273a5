"""Response headers the whole site shares."""

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

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


class DatabaseUnavailableMiddleware:
    """While the database is unreachable, answer the standalone Indonesian 503 page with Retry-After."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError):
            response = HttpResponse(loader.get_template("503.html").render(), status=503)
            response["Retry-After"] = "30"
            return response
        return None

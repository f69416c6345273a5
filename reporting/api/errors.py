"""Every API error as JSON ``{"detail": "...", "errors": [{"loc": [...], "msg": "..."}]}`` in Bahasa Indonesia.

``loc`` is the path of the field in the request: ``["entries", 3, "terlayani"]`` for a body field (index
in the list sent), ``["query", "tahun"]`` for a query parameter.
"""

from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from django.http import Http404

from reporting import messages
from reporting.services import quality as quality_services
from reporting.services import reports as report_services


class ErrorItem(Schema):
    loc: list[str | int]
    msg: str


class ErrorOut(Schema):
    detail: str
    errors: list[ErrorItem] = []


class ApiError(HttpError):
    """An error answer with Indonesian ``detail`` and optional field ``errors``; extra ``headers``."""

    def __init__(self, status_code: int, detail: str, errors=None, headers=None):
        super().__init__(status_code, detail)
        self.errors = list(errors or [])
        self.headers = dict(headers or {})


def pydantic_message(error: dict) -> str:
    template = messages.API_FIELD_ERRORS.get(error.get("type"), messages.API_FIELD_ERROR_FALLBACK)
    try:
        return template.format(**(error.get("ctx") or {}))
    except (KeyError, IndexError, ValueError):
        return messages.API_FIELD_ERROR_FALLBACK


def _loc(loc) -> list:
    parts = list(loc)
    if parts and parts[0] == "body":
        parts = parts[2:] if len(parts) > 1 else []  # the body parameter's name means nothing to the caller
    return [p if isinstance(p, int) else str(p) for p in parts] or ["body"]


def _response(api, request, status: int, detail: str, errors=(), headers=None):
    response = api.create_response(request, {"detail": detail, "errors": list(errors)}, status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def install(api) -> None:
    """Replace ninja's English handlers with ours."""

    def validation(request, exc: ValidationError):
        errors = [{"loc": _loc(e.get("loc", ())), "msg": pydantic_message(e)} for e in exc.errors]
        return _response(api, request, 422, messages.API_VALIDATION, errors)

    def unauthorized(request, exc):
        return _response(
            api, request, 401, messages.API_UNAUTHORIZED, headers={"WWW-Authenticate": 'Bearer realm="spm"'}
        )

    def api_error(request, exc: ApiError):
        return _response(api, request, exc.status_code, exc.message, exc.errors, exc.headers)

    def http_error(request, exc: HttpError):
        return _response(api, request, exc.status_code, str(exc))

    def not_found(request, exc):
        return _response(api, request, 404, messages.API_NOT_FOUND)

    def permission(request, exc):
        return _response(api, request, 403, str(exc) or messages.API_FORBIDDEN)

    def conflict(request, exc):
        return _response(api, request, 409, messages.CONFLICT)

    def locked(request, exc):
        return _response(api, request, 423, exc.messages[0])

    def unconfirmed(request, exc):
        # The API has no confirmation notes yet: the pemda confirms the warnings on the Kirim page.
        return _response(api, request, 422, exc.messages[0])

    api.add_exception_handler(ValidationError, validation)
    api.add_exception_handler(AuthenticationError, unauthorized)
    api.add_exception_handler(ApiError, api_error)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(report_services.ReportPermissionError, permission)
    api.add_exception_handler(report_services.ReportConflictError, conflict)
    api.add_exception_handler(report_services.ReportLockedError, locked)
    api.add_exception_handler(quality_services.WarningsUnconfirmedError, unconfirmed)

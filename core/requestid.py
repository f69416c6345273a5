"""The request id: one per request, on every log line it causes, in its response and on its 500 page.

``RequestIdMiddleware`` takes the load balancer's ``X-Request-ID`` (so one id follows a request from HAProxy
through gunicorn to the logs) or makes one, keeps it in a context variable for the log formatter
(core.logging) and the error hooks, and answers it in the ``X-Request-ID`` header.
"""

import re
import uuid
from contextvars import ContextVar

HEADER = "X-Request-ID"
# What a proxy's id may look like; anything else (too long, odd characters) is replaced, never logged.
VALID = re.compile(r"[A-Za-z0-9._:-]{8,128}")

_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)


def current_request_id() -> str | None:
    """The id of the request being served, or None outside a request (a job, a command)."""
    return _request_id.get()


def request_id_from(header: str | None) -> str:
    """The proxy's id when it looks like one, else a new one: ``"abc12345-9"`` stays, ``"<x>"`` does not."""
    if header and VALID.fullmatch(header):
        return header
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_from(request.headers.get(HEADER))
        token = _request_id.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response[HEADER] = request.request_id
        return response

"""Liveness and readiness, answered as the first middleware after the request id: no session, no login, no
redirect to HTTPS (the balancer checks over plain HTTP on the private network).

- ``/livez`` (liveness, what the load balancer checks): this host's process answers. It touches no
  dependency, so an outage of PostgreSQL, Redis or S3 never takes every host out of the balancer at
  once: the hosts stay in and answer the portal's own degraded pages (issue 23).
- ``/healthz`` and ``/readyz`` (readiness, for monitoring and the operator): the database, the shared cache
  and the storage, each tried once with a fixed number of cheap calls (one ``SELECT 1``, one cache round
  trip, one existence check per storage); 503 names the failing part.
"""

import logging

from django.core.cache import caches
from django.core.files.storage import storages
from django.db import connections
from django.http import JsonResponse

PATH = "/healthz"
READY_PATHS = (PATH, "/readyz")
LIVE_PATH = "/livez"
KEY = "healthz"

logger = logging.getLogger(__name__)


def _database():
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache():
    cache = caches["default"]
    cache.set(KEY, "ok", 30)
    if cache.get(KEY) != "ok":
        raise RuntimeError("the cache did not return what was just written")


def _storage():
    for alias in ("default", "private"):
        storages[alias].exists(f"{KEY}/probe")  # raises when the folder or bucket cannot be reached


CHECKS = {"database": _database, "cache": _cache, "storage": _storage}


def health() -> dict[str, str]:
    """``{"database": "ok", "cache": "ok", "storage": "ok"}``, with ``"error"`` for each part that failed."""
    result = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:  # noqa: BLE001 -- any failure of a part is that part's "error"
            # A dependency's outage, not a bug here: the operator's alarm comes from readiness failing.
            logger.warning("health check failed: %s", name, exc_info=True)
            result[name] = "error"
        else:
            result[name] = "ok"
    return result


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == LIVE_PATH:
            response = JsonResponse({"status": "ok"})
            response["Cache-Control"] = "no-store"
            return response
        if request.path not in READY_PATHS:
            return self.get_response(request)
        parts = health()
        healthy = all(state == "ok" for state in parts.values())
        response = JsonResponse(parts, status=200 if healthy else 503)
        response["Cache-Control"] = "no-store"
        return response

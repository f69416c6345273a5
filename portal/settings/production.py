"""Production: PostgreSQL behind gunicorn. Refuses to start without SECRET_KEY or CACHE_URL."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403 -- settings modules extend the base by star import

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
if not ENV.get("CACHE_URL"):  # noqa: F405
    # Each gunicorn worker would otherwise keep its own cache: a category threshold changed in the admin
    # would reach only the worker that saved it, and sessions would need a query on every page.
    raise ImproperlyConfigured(
        "CACHE_URL (Redis, e.g. redis://127.0.0.1:6379/1) must be set for production: "
        "the workers share sessions and cached values through it."
    )

DEBUG = False
# A sample of the traffic (with or without X-Forwarded-For, per peer address) for `check --deploy`: it warns
# when TRUSTED_PROXY_COUNT and the requests disagree (core/proxy_traffic.py). Right after /healthz.
_after_health = MIDDLEWARE.index("core.health.HealthCheckMiddleware") + 1  # noqa: F405
MIDDLEWARE = [*MIDDLEWARE[:_after_health], "core.proxy_traffic.ProxyTrafficMiddleware", *MIDDLEWARE[_after_health:]]  # noqa: F405
PROXY_TRAFFIC_FLUSH_SECONDS = int(ENV.get("PROXY_TRAFFIC_FLUSH_SECONDS", "60"))  # noqa: F405
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = ENV.get("SECURE_SSL_REDIRECT", "1") == "1"  # noqa: F405
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(ENV.get("SECURE_HSTS_SECONDS", "31536000"))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Search: base's database backend with PostgreSQL's "indonesian" configuration (PostgreSQL 12 or later:
# "layanan" finds "pelayanan"), as in the tests; tests/unit/test_production_settings.py holds it.

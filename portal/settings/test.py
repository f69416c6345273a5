"""Test run: fast hasher, locmem cache, plain static storage, files in a temp folder."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403 -- settings modules extend the base by star import

SECRET_KEY = "test-only-not-secret"  # noqa: S105 -- test only
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "machina_attachments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "att"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
_TMP = Path(tempfile.mkdtemp(prefix="spm-test-"))
MEDIA_ROOT = _TMP / "media"
PRIVATE_MEDIA_ROOT = _TMP / "private"
STATIC_ROOT = _TMP / "static"
STATIC_ROOT.mkdir()
# Local folders whatever the environment says; tests/s3.py switches a test to a real S3 API server.
STORAGES = storage_settings.storages_setting(s3=None, private_root=PRIVATE_MEDIA_ROOT)  # noqa: F405
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
WAGTAILADMIN_BASE_URL = "http://testserver"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# The locmem cache lives for the whole run: many tests from 127.0.0.1 within a minute must not meet the
# public rate limits; tests/functional/test_rate_limits.py sets its own small ones.
RATE_LIMIT_SEARCH_PER_MINUTE = RATE_LIMIT_OPEN_DATA_PER_MINUTE = RATE_LIMIT_ABUSE_REPORT_PER_MINUTE = 10_000
RATE_LIMIT_FORUM_SEARCH_PER_MINUTE = RATE_LIMIT_PASSWORD_RESET_PER_MINUTE = API_AUTH_FAILURES_PER_MINUTE = 10_000

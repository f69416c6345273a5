"""Settings of the benchmark: production's behaviour (DEBUG off, PostgreSQL, gunicorn), plus a bare view.

Only differences from ``portal.settings.base``: the URLconf adds the bare baseline view, static
files need no collectstatic manifest, and the secret key comes from the bench runner (one per
run, shared by every gunicorn worker so that their sessions agree).
"""

import os
import secrets
import warnings

from portal.settings.base import *  # noqa: F403 -- the benchmark measures the real settings

SECRET_KEY = os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50)
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "bench.urls"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}

# The benchmark serves no static files; WhiteNoise's warning about the missing STATIC_ROOT is noise here.
warnings.filterwarnings("ignore", message="No directory at")

"""Local development: dummy key, console e-mail, SQLite unless DATABASE_URL says otherwise."""

from .base import *  # noqa: F403 -- settings modules extend the base by star import

SECRET_KEY = ENV.get("SECRET_KEY", "dev-only-not-secret")  # noqa: F405, S105 -- dev only
DEBUG = ENV.get("DEBUG", "1") == "1"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

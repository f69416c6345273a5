"""Settings of the app "hosts" and workers that the process tests (tests/cluster) start as real processes.

Production's settings, read from the environment the test gives each process, with one test-only
difference: static files are served by WhiteNoise from the apps' folders (``WHITENOISE_USE_FINDERS``)
instead of a collected, hashed copy, because ``collectstatic`` takes minutes and the tests do not
measure static files. Everything else (cache, sessions, database, storage) is exactly production's, so
a host keeps nothing that another host needs: MEDIA_ROOT and PRIVATE_MEDIA_ROOT point where the test says.
"""

from portal.settings.production import *  # noqa: F403 -- the hosts run production's settings

STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WHITENOISE_USE_FINDERS = True

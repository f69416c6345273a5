"""``manage.py check --deploy``: a production host keeps nothing that another host needs.

core.E001: a storage (public media or private files) is a local folder: an upload made on one app host
would be missing on the others. core.E002: a cache is not shared (local memory, files, dummy): sessions,
rate limits and forum attachments between preview and save would differ from host to host.
"""

from django.conf import settings
from django.core.checks import Error, Tags, register

LOCAL_STORAGES = ("django.core.files.storage.FileSystemStorage", "django.core.files.storage.filesystem.")
UNSHARED_CACHES = (
    "django.core.cache.backends.locmem.",
    "django.core.cache.backends.filebased.",
    "django.core.cache.backends.dummy.",
)


@register(Tags.files, deploy=True)
def check_storages_are_shared(app_configs=None, **kwargs):
    return [
        Error(
            f'STORAGES["{alias}"] is a local folder ({settings.STORAGES[alias]["BACKEND"]}).',
            hint="Set STORAGE_URL (or AWS_STORAGE_BUCKET_NAME and its AWS_* variables) to an S3-compatible bucket.",
            id="core.E001",
        )
        for alias in ("default", "private")
        if settings.STORAGES.get(alias, {}).get("BACKEND", "").startswith(LOCAL_STORAGES)
    ]


@register(Tags.caches, deploy=True)
def check_caches_are_shared(app_configs=None, **kwargs):
    return [
        Error(
            f'CACHES["{alias}"] is not shared between hosts ({config["BACKEND"]}).',
            hint="Set CACHE_URL to the Redis every app host uses.",
            id="core.E002",
        )
        for alias, config in settings.CACHES.items()
        if config.get("BACKEND", "").startswith(UNSHARED_CACHES)
    ]

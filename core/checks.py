"""``manage.py check --deploy``: a production host keeps nothing that another host needs.

core.E001: a storage (public media or private files) is a local folder: an upload made on one app host
would be missing on the others. core.E002: a cache is not shared (local memory, files, dummy): sessions,
rate limits and forum attachments between preview and save would differ from host to host.
core.W010 / core.W011: ``TRUSTED_PROXY_COUNT`` and the traffic disagree (core/proxy_traffic.py).
"""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from core import proxy_traffic

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


@register(Tags.security, deploy=True)
def check_proxy_traffic(app_configs=None, **kwargs):
    """TRUSTED_PROXY_COUNT against the requests the app hosts received (the shared sample of the last day)."""
    sample = proxy_traffic.sample()
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        forwarded = sorted(address for address, (with_header, _) in sample.items() if with_header)
        if forwarded:
            return [
                Warning(
                    "TRUSTED_PROXY_COUNT is 0, but requests from "
                    f"{', '.join(forwarded)} came with X-Forwarded-For: they come through a proxy, so every "
                    "visitor has the proxy's address and the login lockout locks them all together.",
                    hint="Behind the load balancer set TRUSTED_PROXY_COUNT=1 (the number of proxies that append "
                    "to X-Forwarded-For) and let only the balancer reach the app hosts.",
                    id="core.W010",
                )
            ]
        return []
    direct = {address: without for address, (_, without) in sample.items() if without}
    if direct:
        seen = ", ".join(f"{address} ({count})" for address, count in sorted(direct.items()))
        return [
            Warning(
                f"TRUSTED_PROXY_COUNT is {proxies}, but requests came without X-Forwarded-For from {seen}: the app "
                "hosts are reached without the balancer (or it does not set the header), and a client that "
                "reaches them directly picks the address the login lockout counts.",
                hint="Let app hosts listen only where the balancer reaches them (GUNICORN_BIND on a private "
                "address), and have the balancer set X-Forwarded-For (HAProxy: option forwardfor).",
                id="core.W011",
            )
        ]
    return []

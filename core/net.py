"""The client's address, as the app sees it behind the load balancer.

Behind ``TRUSTED_PROXY_COUNT`` proxies that each append the address they received the request from to
``X-Forwarded-For``, the client is the entry that many places from the right: entries further left were
written by the client itself and prove nothing. With no trusted proxy configured (the default) the header
is ignored and the socket's peer address is the client, so nobody can pick the address a lock counts.
"""

from ipaddress import ip_address

from django.conf import settings


def _valid(value: str) -> str | None:
    try:
        return str(ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The client's IP: ``REMOTE_ADDR``, or with ``TRUSTED_PROXY_COUNT = 1`` and
    ``X-Forwarded-For: 203.0.113.9, 10.0.0.5`` from the proxy at 10.0.0.7, ``"10.0.0.5"``."""
    if request is None:
        return None
    peer = _valid(request.META.get("REMOTE_ADDR", ""))
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        return peer
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return peer
    return _valid(forwarded[-proxies]) or peer

"""Does the traffic match ``TRUSTED_PROXY_COUNT``? A sample for ``manage.py check --deploy`` (issue 24, item 7).

The lockout counts failures per client address (``core.net.client_ip``). Behind HAProxy with
``TRUSTED_PROXY_COUNT=0`` every visitor has the balancer's address, so 30 failures lock everybody out;
with ``1`` and the app host reachable without the balancer, a client writes its own X-Forwarded-For and
picks the address the lock counts. Settings alone cannot tell which is the case: the requests can.

``ProxyTrafficMiddleware`` (production settings) counts, per peer address (``REMOTE_ADDR``), the requests
that came with an X-Forwarded-For header and those without, in the process's memory, and adds them to one
shared cache entry at most every ``PROXY_TRAFFIC_FLUSH_SECONDS`` (at most ``MAX_ADDRESSES`` addresses; a
day's sample). The balancer's health checks carry no header by design and are not counted.
``check_proxy_traffic`` (core.checks) reads the sample:

- core.W010: ``TRUSTED_PROXY_COUNT`` is 0 but requests came with X-Forwarded-For: they come through a proxy,
  and every visitor shares its address;
- core.W011: ``TRUSTED_PROXY_COUNT`` is 1 or more but requests came without the header: the app host is
  reached without the balancer (or the balancer does not set it: ``option forwardfor`` in HAProxy).
"""

import contextlib
import threading
import time

from django.conf import settings
from django.core.cache import cache

CACHE_KEY = "core:proxy-traffic"
SAMPLE_SECONDS = 24 * 3600
MAX_ADDRESSES = 20
HEALTH_PATHS = ("/healthz", "/livez", "/readyz")  # the balancer's checks: no X-Forwarded-For by design

_lock = threading.Lock()
_pending: dict[str, list[int]] = {}  # peer address -> [with X-Forwarded-For, without]
_last_flush = 0.0


def record(peer: str, forwarded: bool) -> None:
    global _last_flush
    with _lock:
        counts = _pending.get(peer)
        if counts is None:
            if len(_pending) >= MAX_ADDRESSES:
                return
            counts = _pending[peer] = [0, 0]
        counts[0 if forwarded else 1] += 1
        now = time.monotonic()
        if now - _last_flush < getattr(settings, "PROXY_TRAFFIC_FLUSH_SECONDS", 60):
            return
        pending = {address: list(pair) for address, pair in _pending.items()}
        _pending.clear()
        _last_flush = now
    flush(pending)


def flush(pending: dict[str, list[int]]) -> None:
    """Add a process's counts to the shared sample (a lost race loses a few counts of a sample, no more)."""
    try:
        sample = cache.get(CACHE_KEY) or {}
        for address, (forwarded, direct) in pending.items():
            if address not in sample and len(sample) >= MAX_ADDRESSES:
                continue
            total = sample.setdefault(address, [0, 0])
            total[0] += forwarded
            total[1] += direct
        cache.set(CACHE_KEY, sample, SAMPLE_SECONDS)
    except Exception:  # noqa: BLE001, S110 -- a sample must never fail a request (cache down: no sample)
        pass


def sample() -> dict[str, list[int]]:
    """Peer address -> [requests with X-Forwarded-For, without], from every host; {} when unknown."""
    try:
        return cache.get(CACHE_KEY) or {}
    except Exception:  # noqa: BLE001 -- the cache down: nothing to compare
        return {}


def reset() -> None:
    global _last_flush
    with _lock:
        _pending.clear()
        _last_flush = 0.0
    with contextlib.suppress(Exception):  # the cache down: nothing to reset
        cache.delete(CACHE_KEY)


class ProxyTrafficMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(HEALTH_PATHS):
            record(request.META.get("REMOTE_ADDR", ""), bool(request.META.get("HTTP_X_FORWARDED_FOR", "").strip()))
        return self.get_response(request)

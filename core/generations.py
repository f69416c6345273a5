"""Cache generations: values computed from data that changes rarely are cached under the current
generation of that data, and every change replaces the generation, so a value from before the change is
never read again (it expires on its own). The generation itself lives in the shared cache."""

import uuid

from django.core.cache import cache
from django.db import transaction


def generation_get(key: str) -> str:
    """The current generation under ``key`` (a new random one when the cache lost it)."""
    current = cache.get(key)
    if current is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)
        current = cache.get(key)
    return current


def generation_replace(key: str) -> None:
    """A new generation now (for the changing transaction's own reads) and again at commit, so that no
    other worker keeps a value it computed from the old data in between."""
    _new_generation(key)
    transaction.on_commit(lambda: _new_generation(key))


def _new_generation(key: str) -> None:
    cache.set(key, uuid.uuid4().hex, timeout=None)


def generation_cached(key: str, name: str, compute, timeout: int):
    """``compute()``, kept for the current generation under ``key``."""
    cache_key = f"{key}:{generation_get(key)}:{name}"
    value = cache.get(cache_key)
    if value is None:
        value = compute()
        cache.set(cache_key, value, timeout=timeout)
    return value

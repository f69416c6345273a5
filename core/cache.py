"""The shared cache (Redis) that fails open: while Redis is down or frozen, reads miss and writes are dropped.

Everything the portal keeps in the cache can be recomputed or read from the database: rendered tab parts,
generations, rate-limit counters (``core.ratelimit`` counts on in the process meanwhile) and the session
copies of ``cached_db`` (the session itself is in the database). So a dead Redis costs speed, never a page:

- short socket timeouts (``OPTIONS`` in ``portal/settings/base.py``) bound the wait on a frozen Redis;
- after one failure this process leaves Redis alone for ``RETRY_SECONDS`` (a miss at once), then tries again;
- a write or delete dropped meanwhile would leave a stale copy behind when Redis comes back (a session that
  was logged out, a replaced generation), so the process that dropped one empties the cache database
  (``clear``) as soon as Redis answers again: a thread of its own tries every ``RECOVERY_SECONDS``, and
  the process's next operation does it first. Other processes may read a stale copy only in that moment.
  Redis restarted empty needs nothing, and gets it anyway.

Each connection pool gets one ``redis.Redis`` client for the life of the process (``ReusedClientRedisCacheClient``):
Django makes a new one per operation, and redis-py 8 fills a table of about 170 response callbacks in every
new client, a third of a cache read's CPU (bench/profiles). A client holds no state of its own between commands
(it takes a connection from the pool for each), so sharing it between threads is what redis-py intends.
"""

import logging
import threading
import time

import redis

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

OUTAGE = (redis.ConnectionError, redis.TimeoutError, OSError)
RETRY_SECONDS = 5.0
RECOVERY_SECONDS = 0.5


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis cache client, keeping one ``redis.Redis`` per connection pool instead of one per call."""

    def __init__(self, servers, **options):
        super().__init__(servers, **options)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            if index not in self._pools:
                self._pools[index] = self._pool_class.from_url(self._servers[index], **self._pool_options)
            client = self._clients[index] = self._client(connection_pool=self._pools[index])
        return client


class FailOpenRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
        self._lock = threading.Lock()
        self._down_until = 0.0
        self._dropped_writes = False
        self._recovery: threading.Thread | None = None

    def is_down(self) -> bool:
        """True while this process treats Redis as unreachable (``core.ratelimit`` counts locally then)."""
        return time.monotonic() < self._down_until

    def _failed(self, operation: str, *, write: bool) -> None:
        with self._lock:
            if not self.is_down():
                logger.warning("shared cache unavailable (%s failed): reads miss and writes are dropped", operation)
            self._down_until = time.monotonic() + RETRY_SECONDS
        if write:
            self._dropped()

    def _dropped(self) -> None:
        with self._lock:
            self._dropped_writes = True
            if self._recovery is None or not self._recovery.is_alive():
                self._recovery = threading.Thread(target=self._recover, name="cache-recovery", daemon=True)
                self._recovery.start()

    def _recover(self) -> None:
        """Until Redis answers: try to empty it (a stale copy must not outlive a dropped write)."""
        while self._dropped_writes:
            time.sleep(RECOVERY_SECONDS)
            try:
                self._recovered()
            except OUTAGE:
                continue
            with self._lock:
                self._down_until = 0.0

    def _recovered(self) -> None:
        """Empty the cache if a write was dropped; raises while Redis is still away."""
        if not self._dropped_writes:
            return
        with self._lock:
            if not self._dropped_writes:
                return
            super().clear()
            self._dropped_writes = False
        logger.warning("shared cache reachable again; emptied because writes were dropped while it was away")

    def _call(self, operation: str, default, *, write: bool, call):
        if self.is_down():
            if write:
                self._dropped()
            return default
        try:
            self._recovered()
            return call()
        except OUTAGE:
            self._failed(operation, write=write)
            return default

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            "add", False, write=True, call=lambda: super(FailOpenRedisCache, self).add(key, value, timeout, version)
        )

    def get(self, key, default=None, version=None):
        return self._call(
            "get", default, write=False, call=lambda: super(FailOpenRedisCache, self).get(key, default, version)
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            "set", None, write=True, call=lambda: super(FailOpenRedisCache, self).set(key, value, timeout, version)
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            "touch", False, write=True, call=lambda: super(FailOpenRedisCache, self).touch(key, timeout, version)
        )

    def delete(self, key, version=None):
        return self._call(
            "delete", False, write=True, call=lambda: super(FailOpenRedisCache, self).delete(key, version)
        )

    def get_many(self, keys, version=None):
        return self._call(
            "get_many", {}, write=False, call=lambda: super(FailOpenRedisCache, self).get_many(keys, version)
        )

    def has_key(self, key, version=None):
        return self._call(
            "has_key", False, write=False, call=lambda: super(FailOpenRedisCache, self).has_key(key, version)
        )

    def incr(self, key, delta=1, version=None):
        missing = object()
        value = self._call(
            "incr", missing, write=True, call=lambda: super(FailOpenRedisCache, self).incr(key, delta, version)
        )
        if value is missing:
            raise ValueError(f"Key {key!r} not found (the shared cache is unavailable)")
        return value

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            "set_many",
            list(data),
            write=True,
            call=lambda: super(FailOpenRedisCache, self).set_many(data, timeout, version),
        )

    def delete_many(self, keys, version=None):
        return self._call(
            "delete_many", None, write=True, call=lambda: super(FailOpenRedisCache, self).delete_many(keys, version)
        )

    def clear(self):
        return self._call("clear", False, write=True, call=lambda: super(FailOpenRedisCache, self).clear())

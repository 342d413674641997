"""The Redis cache with a local fallback, so that a Redis outage costs no request.

Rate limits (allauth's and the survey's), used-TOTP markers and the survey's send-once marks
live in the cache. When Redis does not answer within half a second, this backend serves from a
per-process local-memory cache instead and tries Redis again after a pause (a circuit breaker:
one request pays the timeout, the others in the meantime go straight to the fallback). Limits
then count per process, which is stricter per worker and looser per city, never absent.
`/healthz/` reports the outage (see `ping`).
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Refused or timed-out connections, a server still loading, a read-only replica, garbage on the
# port: whatever Redis answers with instead of data counts as an outage.
OUTAGE_ERRORS = (RedisError,)


class Circuit:
    """Whether Redis is thought to be down, shared by all threads of the process."""

    def __init__(self, retry_after):
        self.retry_after = retry_after
        self.lock = threading.Lock()
        self.down_since = None
        self.retry_at = 0.0

    @property
    def is_open(self):
        return self.down_since is not None

    def should_try(self):
        """True when Redis is up, or when this caller is the one to probe it again."""
        if self.down_since is None:
            return True
        with self.lock:
            now = time.monotonic()
            if now < self.retry_at:
                return False
            self.retry_at = now + self.retry_after  # only this caller probes now
            return True

    def failed(self, error):
        with self.lock:
            first = self.down_since is None
            if first:
                self.down_since = time.monotonic()
            self.retry_at = time.monotonic() + self.retry_after
        if first:
            logger.warning(
                "Cache unreachable (%s): serving from the per-process fallback until it is back.",
                type(error).__name__,
            )

    def succeeded(self):
        if self.down_since is None:
            return
        with self.lock:
            was_down, self.down_since = self.down_since is not None, None
        if was_down:
            logger.warning("Cache reachable again: the local fallback is off.")


_circuits = {}
_circuits_lock = threading.Lock()


def circuit_for(location, retry_after):
    """One circuit per Redis location and process (Django makes a cache object per thread)."""
    with _circuits_lock:
        if location not in _circuits:
            _circuits[location] = Circuit(retry_after)
        return _circuits[location]


class ResilientRedisCache(RedisCache):
    """Django's RedisCache that falls back to local memory while Redis is unreachable.

    OPTIONS: `fallback_retry_after` (seconds before Redis is tried again, default 5); the
    socket timeouts default to 0.5 s so that an outage is noticed quickly.
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        retry_after = float(options.pop("fallback_retry_after", 5))
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        # One attempt per call: redis-py's own retries would multiply the wait.
        options.setdefault("retry", None)
        super().__init__(server, {**params, "OPTIONS": options})
        location = server if isinstance(server, str) else ",".join(server)
        self.circuit = circuit_for(location, retry_after)
        self.fallback = LocMemCache(
            f"gwa-cache-fallback:{location}",
            {**params, "OPTIONS": {"MAX_ENTRIES": 10_000}},
        )

    @property
    def degraded(self):
        """True while requests are served from the local fallback."""
        return self.circuit.is_open

    def ping(self):
        """A round trip to Redis itself, never to the fallback; raises while it is down."""
        try:
            self._cache.get_client(write=True).ping()
        except OUTAGE_ERRORS as error:
            self.circuit.failed(error)
            raise
        self.circuit.succeeded()

    def _run(self, name, *args):
        if self.circuit.should_try():
            try:
                result = getattr(super(), name)(*args)
            except OUTAGE_ERRORS as error:
                self.circuit.failed(error)
            else:
                self.circuit.succeeded()
                return result
        return getattr(self.fallback, name)(*args)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._run("add", key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._run("get", key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._run("set", key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._run("touch", key, timeout, version)

    def delete(self, key, version=None):
        return self._run("delete", key, version)

    def get_many(self, keys, version=None):
        return self._run("get_many", keys, version)

    def has_key(self, key, version=None):
        return self._run("has_key", key, version)

    def incr(self, key, delta=1, version=None):
        return self._run("incr", key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._run("set_many", data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._run("delete_many", keys, version)

    def clear(self):
        return self._run("clear")

    def run_script(self, source, keys, args, fallback):
        """Run the Lua script `source` on Redis in one round trip (EVALSHA), with the cache
        keys `keys` (made like every other key of this cache) and `args`. While Redis is
        unreachable, `fallback(local_cache)` does the same steps on the local cache instead."""
        if self.circuit.should_try():
            try:
                client = self._cache.get_client(keys[0], write=True)
                script = client.register_script(source)
                result = script(keys=[self.make_and_validate_key(k) for k in keys], args=args)
            except OUTAGE_ERRORS as error:
                self.circuit.failed(error)
            else:
                self.circuit.succeeded()
                return result
        return fallback(self.fallback)

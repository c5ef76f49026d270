"""Sessions kept in the database and read through the cache (Django's `cached_db`), that go
on working while the cache does not.

Django's `cached_db` store already falls back to the database when a cache read fails, but
then writes the session back to the cache without catching anything, and checks and deletes
keys in the cache without catching anything either: with Redis down, every signed-in request
answered 500 (`make soak`, Redis outage). Here every cache operation of the store is tried
and, when the cache fails, logged and skipped: sessions are read from and written to the
database alone until the cache answers again. Nobody is signed out by a cache outage; each
signed-in request pays one more query for its session while it lasts.

What the cache cannot be told during the outage (a session signed out, or changed) it may
still hold afterwards, if it comes back with its data rather than empty. Signing in and
changing a password give the session a new key, so an old entry is never read for them; an
entry of a session signed out during the outage could be, until it expires or the cache is
emptied. Flush the sessions' cache after an outage in which Redis kept its data
(`redis-cli -n <db> FLUSHDB`, or `cache.clear()`).
"""

import logging

from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore

log = logging.getLogger(__name__)


class _TolerantCache:
    """The cache operations `cached_db` uses; a failing one is logged and does nothing (a
    read finds nothing), so the store goes to the database."""

    def __init__(self, cache):
        self._cache = cache

    def _failed(self, operation: str) -> None:
        log.warning("session cache %s failed; using the database alone", operation, exc_info=True)

    def get(self, key, default=None):
        try:
            return self._cache.get(key, default)
        except Exception:
            self._failed("read")
            return default

    def set(self, key, value, timeout=None):
        try:
            self._cache.set(key, value, timeout)
        except Exception:
            self._failed("write")

    def delete(self, key):
        try:
            return self._cache.delete(key)
        except Exception:
            self._failed("delete")
            return False

    def __contains__(self, key):
        try:
            return key in self._cache
        except Exception:
            self._failed("lookup")
            return False

    def __getattr__(self, name):  # anything else (the async methods) as the cache has it
        return getattr(self._cache, name)


class SessionStore(CachedDBStore):
    def __init__(self, session_key=None):
        super().__init__(session_key)
        self._cache = _TolerantCache(self._cache)

"""Version-keyed caching: what is cached is keyed on the state of everything it was built
from, so a change to any input makes a new key and nothing is ever stale. No timed expiry
stands in for correctness; entries only age out of the cache to make room.

The cache is Redis when REDIS_URL is set and local memory otherwise (config/settings.py).
A cache that cannot be reached, or that answers with something that is not what was
stored under the key, costs only the time to compute the value again: `cached` never
raises because of the cache, and it never returns another key's value.

Keys are built from plain parts by `make_key`, hashed so that any length of part is fine.
Per-request parts (the CSRF token, messages, the signed-in user's name) are never inside a
cached value: callers cache the rest and fill those in per request.
"""

import hashlib
import logging
import zlib

from django.core.cache import cache

log = logging.getLogger(__name__)

# Bump when the shape of what any caller stores changes, so old entries are never read.
KEY_VERSION = 1
# HTML fragments above this many characters are stored compressed (zlib is ~1 ms a MB).
COMPRESS_ABOVE = 16_000
# Entries age out after a week unread (not for correctness: to free the space of old keys).
TIMEOUT = 7 * 24 * 3600

_MISSING = object()


def make_key(kind: str, *parts) -> str:
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    return f"rc{KEY_VERSION}:{kind}:{digest}"


def _read(key: str):
    try:
        stored = cache.get(key, _MISSING)
    except Exception:  # Redis down, a value that will not unpickle, …: compute instead
        log.warning("cache read failed for %s", key, exc_info=True)
        return _MISSING
    # Every value is stored with its key: anything else found there is not ours.
    if not (isinstance(stored, tuple) and len(stored) == 3 and stored[0] == key):
        if stored is not _MISSING:
            log.warning("cache entry %s holds something else; recomputing", key)
        return _MISSING
    _key, compressed, value = stored
    if compressed:
        try:
            return zlib.decompress(value).decode()
        except (zlib.error, UnicodeDecodeError, TypeError):
            log.warning("cache entry %s does not decompress; recomputing", key)
            return _MISSING
    return value


def _write(key: str, value) -> None:
    compressed = isinstance(value, str) and len(value) > COMPRESS_ABOVE
    stored = (key, compressed, zlib.compress(value.encode(), 1) if compressed else value)
    try:
        cache.set(key, stored, timeout=TIMEOUT)
    except Exception:
        log.warning("cache write failed for %s", key, exc_info=True)


def cached(key: str, compute):
    """The value stored under `key`, or `compute()` stored there and returned."""
    value = _read(key)
    if value is _MISSING:
        value = compute()
        _write(key, value)
    return value

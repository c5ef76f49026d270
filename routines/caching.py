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
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from accounts import once

log = logging.getLogger(__name__)

# Bump when the shape of what any caller stores changes, so old entries are never read.
KEY_VERSION = 1
# HTML fragments above this many characters are stored compressed (zlib is ~1 ms a MB).
COMPRESS_ABOVE = 16_000
# Entries age out after a week unread (not for correctness: to free the space of old keys).
TIMEOUT = 7 * 24 * 3600

_MISSING = object()


# What the code is: cached pages are made by templates, Python and static files, so a
# deploy that changes any of them must not serve pages made by the last one from Redis.
CODE_SUFFIXES = (".py", ".html", ".txt", ".json", ".css", ".js", ".po", ".mo")
CODE_DIRS = (
    "accounts",
    "classes",
    "config",
    "routines",
    "students",
    "templates",
    "static",
    "locale",
)


@lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of the project's code, templates, static files and translations, read once
    per process (a few milliseconds at start)."""
    digest = hashlib.blake2b(digest_size=8)
    base = Path(settings.BASE_DIR)
    for top in CODE_DIRS:
        for path in sorted((base / top).rglob("*")):
            if path.suffix in CODE_SUFFIXES and path.is_file():
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def make_key(kind: str, *parts) -> str:
    """A cache key for `kind` made of `parts` (any values with a stable repr) and the
    version of the code."""
    digest = hashlib.blake2b(repr((code_version(), parts)).encode(), digest_size=16).hexdigest()
    return f"rc{KEY_VERSION}:{kind}:{digest}"


def _unwrap(key: str, stored):
    """The value of a stored entry, or _MISSING if it is absent or not what was stored."""
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


def _read(key: str):
    try:
        stored = cache.get(key, _MISSING)
    except Exception:  # Redis down, a value that will not unpickle, …: compute instead
        log.warning("cache read failed for %s", key, exc_info=True)
        return _MISSING
    return _unwrap(key, stored)


def _wrap(key: str, value) -> tuple:
    compressed = isinstance(value, str) and len(value) > COMPRESS_ABOVE
    return (key, compressed, zlib.compress(value.encode(), 1) if compressed else value)


def _write(key: str, value) -> None:
    try:
        cache.set(key, _wrap(key, value), timeout=TIMEOUT)
    except Exception:
        log.warning("cache write failed for %s", key, exc_info=True)


def cached_many(computations: dict) -> dict:
    """`cached` for many keys in two round trips: {key: compute} → {key: value}."""
    try:
        found = cache.get_many(list(computations))
    except Exception:
        log.warning("cache read failed for %d keys", len(computations), exc_info=True)
        found = {}
    values, made = {}, {}
    for key, compute in computations.items():
        value = _unwrap(key, found.get(key, _MISSING))
        if value is _MISSING:
            value = made[key] = compute()
        values[key] = value
    if made:
        try:
            cache.set_many({key: _wrap(key, v) for key, v in made.items()}, timeout=TIMEOUT)
        except Exception:
            log.warning("cache write failed for %d keys", len(made), exc_info=True)
    return values


# Process-local copies of a few hot, immutable values (the library the checks read): a key
# names one state of the data for good, so a copy under it is never stale either.
_MEMO: dict[str, object] = {}
MEMO_SIZE = 8


def memo_cached(key: str, compute):
    """`cached`, with a copy kept in this process: no cache round trip or unpickling on a
    hit. For values that nobody mutates."""
    try:
        return _MEMO[key]
    except KeyError:
        pass
    value = cached(key, compute)
    if len(_MEMO) >= MEMO_SIZE:  # old states: start again rather than track their age
        _MEMO.clear()
    _MEMO[key] = value
    return value


def cached(key: str, compute):
    """The value stored under `key`, or `compute()` stored there and returned."""
    value = _read(key)
    if value is _MISSING:
        value = compute()
        _write(key, value)
    return value


# What `{% csrf_token %}` writes inside a cached fragment, replaced per request.
CSRF_PLACEHOLDER = "rollcall-csrf-placeholder-8d1f3b"


def render_fragment(request, template: str, context: dict) -> str:
    """A template rendered for caching: its `{% csrf_token %}` tags write a placeholder
    that `fill_csrf` replaces per request. Nothing else per request or per user may be in
    a cached fragment: its key must name all it shows."""
    return render_to_string(
        template, {**context, "csrf_token": CSRF_PLACEHOLDER, "once_placeholder": True}, request
    )


def fill_csrf(request, html: str) -> SafeString:
    """A cached fragment with this request's CSRF token in its forms, and a fresh one-time
    token in each create form (accounts/once.py)."""
    if CSRF_PLACEHOLDER not in html:  # no form: no token, no CSRF cookie for the page
        return mark_safe(html)
    # Safe: rendered (and escaped) by the template; the tokens are letters and digits.
    return mark_safe(once.fill(html.replace(CSRF_PLACEHOLDER, get_token(request))))


def cached_fragment(request, key: str | None, template: str, context) -> SafeString:
    """A template rendered once per key for everybody, with this request's CSRF token
    filled in. `context` is a function returning the context, called only on a miss.
    With no key (a page showing a form's errors), it is rendered and not stored."""

    def render():
        return render_fragment(request, template, context())

    return fill_csrf(request, render() if key is None else cached(key, render))

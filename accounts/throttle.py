"""Sign-up throttling, per address and per IP, counted in the cache like the login lock.

Each attempt adds one to a counter that lives for the window; past the limit the attempt is
refused. With Redis (production) the counters are shared by every app server; with the local
memory cache (development) they are per process. The limits can be set in settings
(SIGNUP_LIMIT_PER_ADDRESS, SIGNUP_LIMIT_PER_IP, SIGNUP_WINDOW_SECONDS).
"""

import hashlib

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache

PER_ADDRESS = 3  # sign-ups (and new verification links) for one address in the window
PER_IP = 20  # sign-up form posts from one IP address in the window
WINDOW_SECONDS = 60 * 60


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"signup-throttle:{kind}:{digest}"


def _hit(key: str, limit: int) -> bool:
    """Count one attempt under key; True while the count is within the limit."""
    window = getattr(settings, "SIGNUP_WINDOW_SECONDS", WINDOW_SECONDS)
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count <= limit


def allow_ip(request) -> bool:
    """Count a sign-up post from this request's IP address; False once past the limit."""
    ip = get_client_ip_address(request) or "unknown"
    return _hit(_key("ip", ip), getattr(settings, "SIGNUP_LIMIT_PER_IP", PER_IP))


def allow_address(email: str) -> bool:
    """Count a sign-up (or a new link) for this address; False once past the limit."""
    limit = getattr(settings, "SIGNUP_LIMIT_PER_ADDRESS", PER_ADDRESS)
    return _hit(_key("address", email), limit)

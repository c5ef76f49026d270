"""Throttling, counted in the cache: every password check, and sign-ups.

Password checks (issue 16). Every check of a password goes through `authenticate()` and so
through `accounts.backends.ThrottledModelBackend`, which asks `password_refused` first and
reports the outcome to `password_failed` / `password_succeeded`: sign-in (the site's and the
admin's), the password change form, confirming an email address, and a student's data
export and account deletion. The policy:

- by the pair (account, address): 5 wrong passwords lock that account *from that address*
  for 15 minutes (PASSWORD_PAIR_LIMIT, PASSWORD_PAIR_LOCK_SECONDS);
- by the account alone, a slower back-off: 50 wrong passwords in an hour from anywhere lock
  the account for an hour (PASSWORD_ACCOUNT_LIMIT, PASSWORD_ACCOUNT_WINDOW_SECONDS), but not
  from an address where its owner has given the right password in the last 30 days
  (PASSWORD_KNOWN_ADDRESS_SECONDS). So a stranger cannot lock a teacher out before class: the
  stranger's failures lock only the stranger's own address, and the many addresses it takes
  to reach the account's limit still leave the teacher's usual ones open.

A right password clears its pair's count (not the account's). An unknown address counts the
same as a known one, so the answers tell nothing about which accounts exist.

Sign-ups: a sign-up post counts once for its IP (20 an hour) and, when the form is valid,
once for the address it names (3 an hour); past either limit it is refused with HTTP 429
(SIGNUP_LIMIT_PER_ADDRESS, SIGNUP_LIMIT_PER_IP, SIGNUP_WINDOW_SECONDS).

With Redis (production) the counters are shared by every app server; with the local memory
cache (development) they are per process. When the cache cannot be reached (Redis down), the
counters fall back to this process's memory: throttling goes on, per process, and nobody is
refused a sign-in because the cache is down.

The client's address is accounts/clientip.py's: REMOTE_ADDR, or X-Forwarded-For only when the
request comes from a proxy named in settings.TRUSTED_PROXIES.
"""

import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.utils.translation import gettext_lazy as _

from .clientip import client_ip

log = logging.getLogger(__name__)

PER_ADDRESS = 3  # sign-ups (and new verification links) for one address in the window
PER_IP = 20  # sign-up form posts from one IP address in the window
WINDOW_SECONDS = 60 * 60

PAIR_LIMIT = 5  # wrong passwords for one account from one address ...
PAIR_LOCK_SECONDS = 15 * 60  # ... lock that pair this long (the count lives as long)
ACCOUNT_LIMIT = 50  # wrong passwords for one account from anywhere in ...
ACCOUNT_WINDOW_SECONDS = 60 * 60  # ... this window lock it this long for unknown addresses
KNOWN_ADDRESS_SECONDS = 30 * 24 * 60 * 60  # an address that gave the right password, known

SIGNUP_REFUSED = _(
    "Too many sign-up attempts from here or for this address. Wait an hour and try again."
)

# Used only while the shared cache cannot be reached.
_fallback = LocMemCache("rollcall-throttle-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})


def _setting(name: str, default: int) -> int:
    return getattr(settings, name, default)


def client_address(request) -> str:
    """The address a request came from ("unknown" without a request, e.g. a shell)."""
    if request is None or not hasattr(request, "META"):
        return "unknown"
    return client_ip(request) or "unknown"


def _key(kind: str, *values: str) -> str:
    joined = "\x1f".join(str(value).strip().lower() for value in values)
    return f"throttle:{kind}:{hashlib.sha256(joined.encode()).hexdigest()[:32]}"


def _call(method: str, *args):
    """A cache operation on the shared cache, or on this process's memory when the shared
    cache fails (the throttle never turns a cache outage into a refused or failed request)."""
    try:
        return getattr(cache, method)(*args)
    except ValueError:  # incr of a key that has expired: the caller's to handle
        raise
    except Exception:  # any cache client error: Redis down, a timeout
        log.warning("throttle: cache unavailable, counting in this process", exc_info=True)
        return getattr(_fallback, method)(*args)


def _count(key: str, window: int) -> int:
    """Add one to the counter under key (which lives `window` seconds from its first count)."""
    _call("add", key, 0, window)
    try:
        return _call("incr", key)
    except ValueError:  # expired between add and incr
        _call("set", key, 1, window)
        return 1


# --- Password checks ------------------------------------------------------------------


@dataclass(frozen=True)
class Refusal:
    """Why a password check was refused, for the page that says so."""

    seconds: int
    limit: int

    @property
    def minutes(self) -> int:
        return max(1, round(self.seconds / 60))


def _pair_key(kind: str, account: str, request) -> str:
    return _key(kind, account, client_address(request))


def password_refused(request, account: str) -> Refusal | None:
    """Whether a password check for `account` (an email) from this request's address is
    refused now, without counting anything."""
    if _call("get", _pair_key("pw-pair-lock", account, request)):
        return Refusal(
            _setting("PASSWORD_PAIR_LOCK_SECONDS", PAIR_LOCK_SECONDS),
            _setting("PASSWORD_PAIR_LIMIT", PAIR_LIMIT),
        )
    if _call("get", _key("pw-account-lock", account)) and not _call(
        "get", _pair_key("pw-known", account, request)
    ):
        return Refusal(
            _setting("PASSWORD_ACCOUNT_WINDOW_SECONDS", ACCOUNT_WINDOW_SECONDS),
            _setting("PASSWORD_ACCOUNT_LIMIT", ACCOUNT_LIMIT),
        )
    return None


def password_failed(request, account: str) -> None:
    """Count a wrong password for `account` from this request's address."""
    pair_lock = _setting("PASSWORD_PAIR_LOCK_SECONDS", PAIR_LOCK_SECONDS)
    if _count(_pair_key("pw-pair", account, request), pair_lock) >= _setting(
        "PASSWORD_PAIR_LIMIT", PAIR_LIMIT
    ):
        _call("set", _pair_key("pw-pair-lock", account, request), 1, pair_lock)
        _call("delete", _pair_key("pw-pair", account, request))
    window = _setting("PASSWORD_ACCOUNT_WINDOW_SECONDS", ACCOUNT_WINDOW_SECONDS)
    if _count(_key("pw-account", account), window) >= _setting(
        "PASSWORD_ACCOUNT_LIMIT", ACCOUNT_LIMIT
    ):
        _call("set", _key("pw-account-lock", account), 1, window)
        _call("delete", _key("pw-account", account))


def password_succeeded(request, account: str) -> None:
    """A right password: its pair's count starts again, and its address is known."""
    _call("delete", _pair_key("pw-pair", account, request))
    _call(
        "set",
        _pair_key("pw-known", account, request),
        1,
        _setting("PASSWORD_KNOWN_ADDRESS_SECONDS", KNOWN_ADDRESS_SECONDS),
    )


# --- Sign-ups -------------------------------------------------------------------------


def allow_ip(request) -> bool:
    """Count a sign-up post from this request's IP address; False once past the limit."""
    window = _setting("SIGNUP_WINDOW_SECONDS", WINDOW_SECONDS)
    count = _count(_key("signup-ip", client_address(request)), window)
    return count <= _setting("SIGNUP_LIMIT_PER_IP", PER_IP)


def allow_address(email: str) -> bool:
    """Count a sign-up (or a new link) for this address; False once past the limit."""
    window = _setting("SIGNUP_WINDOW_SECONDS", WINDOW_SECONDS)
    count = _count(_key("signup-address", email), window)
    return count <= _setting("SIGNUP_LIMIT_PER_ADDRESS", PER_ADDRESS)


def signup_refused(request, form) -> bool:
    """Count a sign-up post: once for its IP and, when the form is valid, once for the email
    address it names. True, with the reason added to the form, once either is past its limit
    (the caller answers with the form and HTTP 429). The teacher's sign-up and a course's
    join link both use it."""
    refused = not allow_ip(request) or (
        form.is_valid() and not allow_address(form.cleaned_data["email"])
    )
    if refused:
        form.add_error(None, SIGNUP_REFUSED)
    return refused

"""Sessions, caching of signed-in pages and password lockouts (issue 16, ASVS level 2).

- `SessionTimeoutMiddleware`: a session ends after a time without use (2 hours for teachers
  and curators; 14 days for students, who use their own phones, and for anyone who ticked
  "Remember me" when signing in) and, whatever the use, 30 days after signing in. The last
  use is written to the session at most once a minute, so pages do not write on every view.
- `PrivateCacheMiddleware`: every response to a signed-in user is `Cache-Control: private,
  no-cache` unless its view said something stricter (no-store, as pages with health data
  do) or declared it the same for everyone (public). Static files never reach it (WhiteNoise
  answers them first, cacheable).
- `PasswordLockMiddleware`: a password check refused by the throttle (accounts/throttle.py,
  through accounts/backends.py) answers with the lockout page and HTTP 429, whichever form
  asked.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from .models import Role

SESSION_STARTED = "rollcall_signed_in_at"
SESSION_SEEN = "rollcall_seen_at"
SESSION_REMEMBER = "rollcall_remember"

IDLE_SECONDS = 2 * 60 * 60  # teachers and curators
IDLE_SECONDS_LONG = 14 * 24 * 60 * 60  # students, and anyone who chose "Remember me"
ABSOLUTE_SECONDS = 30 * 24 * 60 * 60
TOUCH_SECONDS = 60  # the last use is written at most this often


def idle_seconds(user, *, remember: bool) -> int:
    if remember or user.role == Role.STUDENT:
        return getattr(settings, "SESSION_IDLE_SECONDS_LONG", IDLE_SECONDS_LONG)
    return getattr(settings, "SESSION_IDLE_SECONDS", IDLE_SECONDS)


@receiver(user_logged_in, dispatch_uid="rollcall-session-clock")
def start_session_clock(sender, request, user, **kwargs):
    """Signing in starts both clocks (the session's key is new: login() cycles it)."""
    now = int(time.time())
    request.session[SESSION_STARTED] = now
    request.session[SESSION_SEEN] = now


class SessionTimeoutMiddleware:
    """Ends a signed-in session past its idle timeout or its absolute lifetime. Runs after
    AuthenticationMiddleware and MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self.check(request, user)
        return self.get_response(request)

    def check(self, request, user):
        session = request.session
        now = int(time.time())
        started, seen = session.get(SESSION_STARTED), session.get(SESSION_SEEN)
        if not isinstance(started, int) or not isinstance(seen, int):
            # A session from before the clocks existed: they start now.
            session[SESSION_STARTED] = session[SESSION_SEEN] = now
            return
        absolute = getattr(settings, "SESSION_ABSOLUTE_SECONDS", ABSOLUTE_SECONDS)
        idle = idle_seconds(user, remember=bool(session.get(SESSION_REMEMBER)))
        if now - started > absolute or now - seen > idle:
            logout(request)
            messages.info(
                request,
                _("You were signed out after a while away, to keep your account safe.")
                if now - started <= absolute
                else _("You were signed out: a sign-in lasts 30 days at most."),
            )
        elif now - seen >= TOUCH_SECONDS:
            session[SESSION_SEEN] = now


def _directives(response) -> set[str]:
    return {
        part.split("=", 1)[0].strip().lower()
        for part in response.get("Cache-Control", "").split(",")
        if part.strip()
    }


class PrivateCacheMiddleware:
    """Signed-in pages are never stored by shared caches and are revalidated by browsers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            directives = _directives(response)
            if "no-store" in directives or "public" in directives:
                return response
            patch_cache_control(response, private=True, no_cache=True)
        return response


class PasswordLockMiddleware:
    """The lockout page for a password check the throttle refused."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        refusal = getattr(request, "password_refusal", None)
        if refusal is None:
            return response
        locked = render(request, "registration/locked_out.html", {"refusal": refusal}, status=429)
        locked["Retry-After"] = str(refusal.seconds)
        patch_cache_control(locked, no_store=True, private=True)
        return locked

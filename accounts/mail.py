"""What a person receives is written in their language: emails (sign-up, password reset,
invitations, reminders) and calendar feeds.

`language_for(user)` is the language to write to someone in: the one saved on their account
when the site offers it, else a fallback the caller names (the inviting teacher's language,
or the browser's during a request), else settings.LANGUAGE_CODE. A blank, unknown or
mistyped saved language ("", "xx") never raises: it falls back. `writing_to(user)` renders
what is inside it in that language and in the person's time zone, so a date or time in an
email is localised (config/formats/<language>/) and in their own clock.
"""

import zoneinfo
from contextlib import contextmanager

from django.conf import settings
from django.utils import timezone, translation

from .languages import known_language


def language_for(user, default: str | None = None) -> str:
    """The language to write to `user` (a User, or None for someone without an account)."""
    return (
        known_language(getattr(user, "language", ""))
        or known_language(default)
        or settings.LANGUAGE_CODE
    )


def time_zone_for(user) -> zoneinfo.ZoneInfo | None:
    """The user's own time zone, or None (the site's) when they have none or a bad one."""
    name = getattr(user, "time_zone", "")
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


@contextmanager
def writing_to(user, *, default: str | None = None):
    """Render and send inside this: `user`'s language (else `default`'s, else the site's)
    and their time zone (else the site's). Yields the language used."""
    language = language_for(user, default)
    with translation.override(language), timezone.override(time_zone_for(user)):
        yield language

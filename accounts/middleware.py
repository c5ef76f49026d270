import zoneinfo

from django.utils import timezone, translation

from .languages import LANGUAGE_CODES


class UserPreferencesMiddleware:
    """A signed-in user's own language and time zone, from their settings page, win over
    the browser's: a teacher who chose French gets French on any device she signs in from.
    Without a choice, LocaleMiddleware's pick (the browser's language) and the site's time
    zone stand. Runs after AuthenticationMiddleware; LocaleMiddleware, outside it, then sends
    the language actually used in Content-Language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        language = getattr(user, "language", "")
        if language in LANGUAGE_CODES:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        name = getattr(user, "time_zone", "")
        if name:
            try:
                timezone.activate(zoneinfo.ZoneInfo(name))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)

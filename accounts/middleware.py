import zoneinfo

from django.utils import timezone


class UserTimeZoneMiddleware:
    """Show times in the signed-in user's time zone when they have set one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = getattr(getattr(request, "user", None), "time_zone", "")
        if name:
            try:
                timezone.activate(zoneinfo.ZoneInfo(name))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)

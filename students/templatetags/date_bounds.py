"""Stored times shown without overflowing (students/date_bounds.py).

    {% load date_bounds %}
    {% timezone course.time_zone %}
      {{ session.starts_at|zone_or_utc|day_date_time }}
    {% endtimezone %}
    {% if session.starts_at|out_of_range %}…shown in UTC…{% endif %}

Django turns an aware datetime into the current time zone before a date filter sees it,
and that conversion raises for an instant within a day of the year 1 or 9999 (stored before
dates were bounded). `zone_or_utc` converts first, in UTC for those, and marks the result
so that Django leaves it as it is.
"""

import datetime
import zoneinfo

from django import template
from django.templatetags.tz import datetimeobject
from django.utils import timezone

from students import date_bounds

register = template.Library()


@register.filter
def zone_or_utc(value, zone=None):
    """`value` in `zone` (a name; the current time zone when empty), or in UTC when it lies
    too near the ends of Python's range to convert."""
    if not isinstance(value, datetime.datetime) or timezone.is_naive(value):
        return value
    try:
        tz = zoneinfo.ZoneInfo(zone) if zone else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        tz = None
    local = date_bounds.zone_or_utc(value, tz)
    shown = datetimeobject(
        local.year,
        local.month,
        local.day,
        local.hour,
        local.minute,
        local.second,
        local.microsecond,
        local.tzinfo,
        fold=local.fold,
    )
    shown.convert_to_local_time = False  # what Django's own {{ value|timezone:… }} does
    return shown


@register.filter
def out_of_range(value) -> bool:
    """Whether `value` is too near the ends of Python's range to show in local time."""
    return isinstance(value, datetime.datetime) and not date_bounds.displayable(value)

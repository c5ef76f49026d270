"""Weekday-and-date formats in the active language's own order and clock.

The formats come from the language's format module (config/formats/<locale>/formats.py, then
Django's), so a new language adds its orders there, not in templates or views. Templates use
the filters in accounts/templatetags/dates.py.
"""

from django.utils.dateformat import format as format_date
from django.utils.formats import get_format_modules
from django.utils.translation import get_language

FALLBACK = {
    "DAY_DATE_FORMAT": "l j F",
    "SHORT_DAY_DATE_FORMAT": "D j M",
    "DAY_DATE_TIME_FORMAT": "l j F, H:i",
    "SHORT_DAY_DATE_TIME_FORMAT": "D j M, H:i",
    "SHORT_DAY_DATE_YEAR_TIME_FORMAT": "D j M Y, H:i",
}


def local_format(name: str) -> str:
    """The active language's `name` format: the first format module that sets it."""
    for module in get_format_modules(lang=get_language()):
        value = getattr(module, name, None)
        if value:
            return value
    return FALLBACK[name]


def _formatted(value, name: str) -> str:
    if value in (None, ""):
        return ""
    try:
        return format_date(value, local_format(name))
    except (AttributeError, TypeError, ValueError, OverflowError):
        return ""


def day_date_format(value, style: str = "") -> str:
    return _formatted(value, "SHORT_DAY_DATE_FORMAT" if style == "short" else "DAY_DATE_FORMAT")


def day_date_time_format(value, style: str = "") -> str:
    name = "SHORT_DAY_DATE_TIME_FORMAT" if style == "short" else "DAY_DATE_TIME_FORMAT"
    return _formatted(value, name)

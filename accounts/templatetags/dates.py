"""Weekday-and-date filters in the active language's own order and clock.

    {{ session.starts_at|day_date }}              Tuesday 1 December  (en-gb)
    {{ session.starts_at|day_date:"short" }}      Tue 1 Dec
    {{ session.starts_at|day_date_time }}         Tuesday 1 December, 18:30
    {{ session.starts_at|day_date_time:"short" }} Tue, Dec 1, 6:30 p.m.  (en-us)

Aware datetimes are shown in the current time zone ({% timezone %} blocks included), as
Django's `date` filter does. The formats: accounts/dates.py.
"""

from django import template

from accounts.dates import day_date_format, day_date_time_format

register = template.Library()
register.filter("day_date", day_date_format, expects_localtime=True)
register.filter("day_date_time", day_date_time_format, expects_localtime=True)

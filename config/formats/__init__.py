"""Rollcall's date and time formats, per language, on top of Django's own.

Django looks here first (FORMAT_MODULE_PATH) and falls back to its own locale formats for
anything not set. Besides Django's names, each language names how a weekday and a date go
together (DAY_DATE_FORMAT and its short and timed forms): the order differs by language
("Tuesday 1 December", "Tuesday, December 1", "mardi 1 décembre"), so no template writes an
order down; they use the filters in accounts/templatetags/dates.py.
"""

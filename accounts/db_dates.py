"""Dates and times PostgreSQL holds but Python cannot: read at the nearest end of Python's range.

PostgreSQL stores timestamps up to the year 294276 and before the year 1; Python's datetime
stops at 0001-01-01 and 9999-12-31. A session saved before the forms bounded dates, at
9999-12-31 23:00 in Los Angeles, is 10000-01-01 07:00 UTC in the database, and psycopg2
raised "year 10000 is out of range" on every query that read it: the course page, the
course list and the calendar feeds answered 500 until someone fixed the row by hand.

`register()` (called once, from AccountsConfig.ready) wraps psycopg2's own date, timestamp
and timestamptz casters: a value they cannot represent comes back as the last (or first)
date or instant Python has, which pages then show in UTC and flag (students/date_bounds.py)
instead of failing. Every other value is cast exactly as before. Without psycopg2 (SQLite
only) there is nothing to do.
"""

import datetime

try:
    import psycopg2.extensions as pg
except ImportError:  # pragma: no cover - SQLite-only installs
    pg = None

UTC = datetime.UTC
# psycopg2's caster, the value for years after 9999, and for years before 1 ("… BC").
EDGES = (
    ("PYDATE", datetime.date.max, datetime.date.min),
    ("PYDATETIME", datetime.datetime.max, datetime.datetime.min),
    (
        "PYDATETIMETZ",
        datetime.datetime.max.replace(tzinfo=UTC),
        datetime.datetime.min.replace(tzinfo=UTC),
    ),
)


def lenient(base, latest, earliest):
    """A caster that answers as `base`, or with `latest`/`earliest` where `base` raises
    because the year lies outside 1…9999."""

    def cast(value, cursor):
        try:
            return base(value, cursor)
        except ValueError:
            return earliest if value.endswith(" BC") else latest

    return pg.new_type(base.values, f"ROLLCALL_{base.name}", cast)


def register() -> None:
    if pg is None:
        return
    for name, latest, earliest in EDGES:
        pg.register_type(lenient(getattr(pg, name), latest, earliest))

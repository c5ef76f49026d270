"""Dates within sensible bounds: what forms accept, and how stored values are shown.

Every date a person enters is checked against a window that makes sense for its field,
counted from today in the zone that matters: a course's sessions in the course's time zone,
homework and health notes in the teacher's, practice in the student's own. The windows:

    sessions (one or a weekly series)   5 years either side of today
    homework from / until               from 1 year back, until 5 years ahead
    a health note's end                 5 years either side (a new note: not in the past)
    a practice log                      today at the latest; not before the routine was
                                        given, nor more than a year back

Forms use `check` (or `Bounds.check`) so the message beside the field reads the same
everywhere, and `Bounds.widget_attrs` so the browser's picker offers the same range.

Values stored before these checks (or by a script) can lie anywhere Python and the
database hold. Near the ends of what Python represents (year 1, year 9999) turning one
into local time, or adding a session's length, overflows: `displayable`, `zone_or_utc` and
`add_clamped` are the conversions that never raise. Such a value is shown in UTC and
flagged, never silently left out.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

UTC = datetime.UTC

SESSION_YEARS = 5
HOMEWORK_YEARS_BACK = 1
HOMEWORK_YEARS_AHEAD = 5
NOTE_YEARS = 5
LOG_DAYS_BACK = 366

# Every zone's offset is within a day of UTC, and a session lasts at most 10 hours: a value
# two days inside Python's range converts and adds without overflowing.
MARGIN = datetime.timedelta(days=2)
EARLIEST_SHOWN = datetime.datetime.min.replace(tzinfo=UTC) + MARGIN
LATEST_SHOWN = datetime.datetime.max.replace(tzinfo=UTC) - MARGIN

OUT_OF_RANGE = _("Choose a date from %(earliest)s to %(latest)s.")


def years_from(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` later (earlier when negative): 29 February becomes the 28th in
    a common year, and the result stops at the first or last day Python represents."""
    year = day.year + years
    if year < datetime.MINYEAR:
        return datetime.date.min
    if year > datetime.MAXYEAR:
        return datetime.date.max
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return day.replace(year=year, day=28)


def today_in(zone=None) -> datetime.date:
    """Today in `zone` (a tzinfo), or in the current time zone."""
    return timezone.localdate(timezone.now(), zone)


@dataclass(frozen=True)
class Bounds:
    earliest: datetime.date
    latest: datetime.date

    def __contains__(self, day) -> bool:
        return self.earliest <= day <= self.latest

    def check(self, day, *, message=OUT_OF_RANGE, code: str = "out_of_range"):
        """`day`, or a ValidationError saying the range when it lies outside."""
        if day is not None and day not in self:
            raise forms.ValidationError(message, code=code, params=self.params())
        return day

    def params(self) -> dict:
        return {
            "earliest": formats.date_format(self.earliest, "DATE_FORMAT"),
            "latest": formats.date_format(self.latest, "DATE_FORMAT"),
        }

    def widget_attrs(self) -> dict:
        """min and max for an <input type="date">, so the picker offers the same range."""
        return {"min": self.earliest.isoformat(), "max": self.latest.isoformat()}

    def apply_to(self, field, *, keep=None) -> None:
        """Give a date field's picker this range, widened to include `keep` (the value an
        edit form was filled with, which `check` lets through unchanged)."""
        earliest, latest = self.earliest, self.latest
        if keep is not None:
            earliest, latest = min(earliest, keep), max(latest, keep)
        field.widget.attrs.update(Bounds(earliest, latest).widget_attrs())


def session_bounds(zone=None, *, today=None) -> Bounds:
    """A session's date: five years either side of today in the course's zone."""
    today = today or today_in(zone)
    return Bounds(years_from(today, -SESSION_YEARS), years_from(today, SESSION_YEARS))


def homework_bounds(today=None) -> Bounds:
    """A home routine's start and end dates."""
    today = today or today_in()
    return Bounds(years_from(today, -HOMEWORK_YEARS_BACK), years_from(today, HOMEWORK_YEARS_AHEAD))


def note_bounds(today=None) -> Bounds:
    """The date a health note applies until."""
    today = today or today_in()
    return Bounds(years_from(today, -NOTE_YEARS), years_from(today, NOTE_YEARS))


def log_bounds(today, *, since=None) -> Bounds:
    """A practice log's date: today at the latest (the student's today), and neither
    before `since` (the day the routine was given or starts, whichever is earlier) nor more
    than a year back."""
    earliest = today - datetime.timedelta(days=LOG_DAYS_BACK)
    if since is not None:
        earliest = max(earliest, min(since, today))
    return Bounds(earliest, today)


def check(day, bounds: Bounds, *, unchanged=None):
    """`day` checked against `bounds`. A value equal to `unchanged` (what an edit form was
    filled with) passes as it is: a note or routine saved before these checks existed can
    still be edited without first moving its date."""
    if day is not None and unchanged is not None and day == unchanged:
        return day
    return bounds.check(day)


# --- Stored values, shown and added without overflowing ---------------------------


def displayable(value) -> bool:
    """Whether an aware datetime converts to any time zone, and takes a session's length,
    without leaving what Python represents."""
    return value is None or EARLIEST_SHOWN <= value <= LATEST_SHOWN


def zone_or_utc(value, zone=None):
    """`value` in `zone` (the current time zone when None), or in UTC when it lies too near
    the ends of Python's range to convert (`displayable` says which)."""
    if value is None:
        return None
    if not displayable(value):
        return value.astimezone(UTC)
    return timezone.localtime(value, zone)


def add_clamped(value, delta: datetime.timedelta):
    """`value + delta` (aware), stopping at the first or last instant Python represents."""
    try:
        return value + delta
    except OverflowError:
        edge = datetime.datetime.max if delta > datetime.timedelta(0) else datetime.datetime.min
        return edge.replace(tzinfo=UTC)

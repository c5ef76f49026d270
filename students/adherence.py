"""Adherence: practice logged against practice expected from the frequency.

Pure functions on plain values with `today` passed in, so the arithmetic can be tested
on any calendar (month ends, clock changes) without touching the system clock.

The pages read a roster's logs as SQL aggregates, one row of `Figures` per student
(students/homework.py); `figures_of` computes the same figures from log objects, and is
the definition the SQL is tested against.
"""

import datetime
from dataclasses import dataclass, field
from typing import NamedTuple

from django.utils.dates import WEEKDAYS
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

WINDOW_DAYS = 28  # "the last 4 weeks", today included
QUIET_DAYS = 7  # no practice for this long gets flagged
RISING = 1.0  # tension up by a point or more between the first and last logs
TREND_LOGS = 3  # the first and the last three logs are compared
TREND_MIN_LOGS = 4  # fewer logs than this say nothing about a trend
MIN_TIME = datetime.datetime.min.replace(tzinfo=datetime.UTC)


def window(today: datetime.date, days: int = WINDOW_DAYS) -> tuple[datetime.date, datetime.date]:
    return today - datetime.timedelta(days=days - 1), today


def quiet_since(today: datetime.date) -> datetime.date:
    """A practice on or after this day means the student is not quiet."""
    return today - datetime.timedelta(days=QUIET_DAYS - 1)


def quiet_from(assignments, today: datetime.date) -> bool:
    """Whether the students' active routines have run long enough to call them quiet: the
    earliest active one started at least QUIET_DAYS days ago, today included. A routine
    that started today (or on Monday) cannot have been neglected for a week yet."""
    starts = [a.starts_on for a in assignments if a.status == "active" and a.starts_on <= today]
    return bool(starts) and min(starts) <= quiet_since(today)


def frequency_text(frequency, times_per_week=None, weekdays=()) -> str:
    """How often a routine is asked for, as the student reads it: "Every day", "Twice a
    week", "3 times a week", "Every Monday and Thursday"."""
    if frequency == "daily":
        return _("Every day")
    if frequency == "nightly":
        return _("Every night, before bed")
    if frequency == "per-week":
        n = times_per_week or 0
        if n >= 7:
            return _("Every day")
        if n == 1:
            return _("Once a week")
        if n == 2:
            return _("Twice a week")
        if n > 2:
            return ngettext("%(n)d time a week", "%(n)d times a week", n) % {"n": n}
        return _("A few times a week")
    if frequency == "weekdays":
        days = sorted({int(d) for d in weekdays or () if str(d).isdigit() and 0 <= int(d) <= 6})
        if len(days) == 7:
            return _("Every day")
        if days == [0, 1, 2, 3, 4]:
            return _("Every weekday")
        if days:
            names = get_text_list([str(WEEKDAYS[d]) for d in days], _("and"))
            return capfirst(_("every %(days)s") % {"days": names})
        return _("On given weekdays")
    return ""


def expected_sessions(
    *, frequency, starts_on, ends_on=None, times_per_week=None, weekdays=(), start, end, active=True
) -> float:
    """How many practices the frequency asks for between `start` and `end` (inclusive)."""
    if not active:
        return 0.0
    first = max(start, starts_on)
    last = min(end, ends_on) if ends_on else end
    if last < first:
        return 0.0
    days = (last - first).days + 1
    if frequency in ("daily", "nightly"):
        return float(days)
    if frequency == "weekdays":
        wanted = set(weekdays)
        return float(
            sum(1 for n in range(days) if (first + datetime.timedelta(days=n)).weekday() in wanted)
        )
    if frequency == "per-week":
        return round((times_per_week or 0) * days / 7, 1)
    return 0.0


class Figures(NamedTuple):
    """One student's practice logs in the window, reduced to what adherence shows.

    Logs are in the order of the days they were practised; within a day, the latest
    written first (`within_a_day`)."""

    logs: int = 0  # practice logs in the window
    logged: int = 0  # days logged, counting a day once per assignment
    last: datetime.date | None = None  # the latest day practised in the window
    recent: int = 0  # logs since `quiet_since(today)`
    first_before: int | None = None  # tension before, at the first log
    last_before: int | None = None  # … and at the last
    head: int = 0  # the sum of the first TREND_LOGS logs' tension before
    tail: int = 0  # … and of the last TREND_LOGS

    @property
    def rising(self) -> bool:
        """The last three logs' "before" average a point or more above the first three's.
        In whole numbers (the sums of three), so that 1.67 → 2.67 is a point."""
        return self.logs >= TREND_MIN_LOGS and self.tail - self.head >= RISING * TREND_LOGS


def within_a_day(log) -> tuple:
    """The order of logs of one day: the latest written first, as the pages have always
    listed them (a log without the fields keeps its place)."""
    return (getattr(log, "created_at", None) or MIN_TIME, getattr(log, "pk", None) or 0)


def figures_of(logs, *, start: datetime.date, end: datetime.date, quiet_from=None) -> Figures:
    """`Figures` from log objects (assignment_id, practised_on, tension_before, and
    created_at and pk for the order within a day, when present) between start and end."""
    quiet_from = quiet_from or quiet_since(end)
    in_window = sorted(
        sorted(
            (log for log in logs if start <= log.practised_on <= end),
            key=within_a_day,
            reverse=True,
        ),
        key=lambda log: log.practised_on,
    )
    if not in_window:
        return Figures()
    befores = [log.tension_before for log in in_window]
    return Figures(
        logs=len(in_window),
        logged=len({(log.assignment_id, log.practised_on) for log in in_window}),
        last=in_window[-1].practised_on,
        recent=sum(1 for log in in_window if log.practised_on >= quiet_from),
        first_before=befores[0],
        last_before=befores[-1],
        head=sum(befores[:TREND_LOGS]),
        tail=sum(befores[-TREND_LOGS:]),
    )


@dataclass
class Adherence:
    expected: int = 0
    logged: int = 0
    last_practice: datetime.date | None = None
    first_before: int | None = None  # tension before practice, at the window's first log
    last_before: int | None = None  # … and at its last
    quiet: bool = False
    rising: bool = False
    assignments: list = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        return min(self.logged / self.expected, 1.0) if self.expected else None

    @property
    def percent(self) -> int | None:
        return None if self.ratio is None else round(self.ratio * 100)


def tension_rising(tension) -> bool:
    """Rising: the last three logs' "before" is a point or more above the first three's."""
    if len(tension) < TREND_MIN_LOGS:
        return False
    head = [before for _day, before, _after in tension[:TREND_LOGS]]
    tail = [before for _day, before, _after in tension[-TREND_LOGS:]]
    return sum(tail) - sum(head) >= RISING * TREND_LOGS


def expected_of(assignments, *, today: datetime.date) -> int:
    """Practices asked for over the last 4 weeks by a student's assignments (objects with
    frequency, starts_on, ends_on, times_per_week, weekdays and status): a whole number
    (practices are counted, never "28.3"), rounded half up from the pro-rata weeks."""
    start, end = window(today)
    return int(
        sum(
            expected_sessions(
                frequency=a.frequency,
                starts_on=a.starts_on,
                ends_on=a.ends_on,
                times_per_week=a.times_per_week,
                weekdays=a.weekdays,
                start=start,
                end=end,
                active=a.status == "active",
            )
            for a in assignments
        )
        + 0.5
    )


def summarise(assignments, figures: Figures, *, today: datetime.date, last_practice=None):
    """One student's adherence over the last 4 weeks, from their assignments and the
    figures of their logs in the window. `last_practice` is the latest practice on record
    (up to today) when the window holds none."""
    result = Adherence(
        expected=expected_of(assignments, today=today),
        logged=figures.logged,
        first_before=figures.first_before,
        last_before=figures.last_before,
        rising=figures.rising,
        assignments=list(assignments),
    )
    result.last_practice = figures.last or (
        last_practice if last_practice and last_practice <= today else None
    )
    # Quiet counts from the routines' start: a routine that started today is not quiet.
    result.quiet = quiet_from(assignments, today) and (
        result.last_practice is None or (today - result.last_practice).days >= QUIET_DAYS
    )
    return result


def adherence(assignments, logs, *, today: datetime.date, last_practice=None) -> Adherence:
    """One student's adherence over the last 4 weeks, from log objects.

    `assignments`: objects with frequency, starts_on, ends_on, times_per_week, weekdays
    and status; `logs`: objects with assignment_id, practised_on, tension_before.
    A day counts once per assignment, however many times it was logged. `last_practice`
    is the latest practice on record when `logs` hold only the window's.
    """
    start, end = window(today)
    days = [log.practised_on for log in logs if log.practised_on <= today]
    if last_practice and last_practice <= today:
        days.append(last_practice)
    return summarise(
        assignments,
        figures_of(logs, start=start, end=end),
        today=today,
        last_practice=max(days, default=None),
    )


def streak(days: set, today: datetime.date) -> int:
    """Consecutive days with practice, ending today (or yesterday, if today is still open)."""
    day = today if today in days else today - datetime.timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= datetime.timedelta(days=1)
    return count

"""Adherence: practice logged against practice expected from the frequency.

Pure functions on plain values with `today` passed in, so the arithmetic can be tested
on any calendar (month ends, clock changes) without touching the system clock.
"""

import datetime
from dataclasses import dataclass, field

WINDOW_DAYS = 28  # "the last 4 weeks", today included
QUIET_DAYS = 7  # no practice for this long gets flagged
RISING = 1.0  # tension up by a point or more between the first and last logs


def window(today: datetime.date, days: int = WINDOW_DAYS) -> tuple[datetime.date, datetime.date]:
    return today - datetime.timedelta(days=days - 1), today


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


@dataclass
class Adherence:
    expected: float = 0.0
    logged: int = 0
    last_practice: datetime.date | None = None
    tension: list = field(default_factory=list)  # [(date, before, after)] oldest first
    quiet: bool = False
    rising: bool = False

    @property
    def ratio(self) -> float | None:
        return min(self.logged / self.expected, 1.0) if self.expected else None

    @property
    def percent(self) -> int | None:
        return None if self.ratio is None else round(self.ratio * 100)


def tension_rising(tension) -> bool:
    """Rising: the last three logs' "before" is a point or more above the first three's."""
    if len(tension) < 4:
        return False
    head = [before for _day, before, _after in tension[:3]]
    tail = [before for _day, before, _after in tension[-3:]]
    return sum(tail) / len(tail) - sum(head) / len(head) >= RISING


def adherence(assignments, logs, *, today: datetime.date, last_practice=None) -> Adherence:
    """One student's adherence over the last 4 weeks.

    `assignments`: objects with frequency, starts_on, ends_on, times_per_week, weekdays
    and status; `logs`: objects with assignment_id, practised_on, tension_before, tension_after.
    A day counts once per assignment, however many times it was logged. `last_practice`
    is the latest practice on record when `logs` hold only the window's.
    """
    start, end = window(today)
    result = Adherence()
    for a in assignments:
        result.expected += expected_sessions(
            frequency=a.frequency,
            starts_on=a.starts_on,
            ends_on=a.ends_on,
            times_per_week=a.times_per_week,
            weekdays=a.weekdays,
            start=start,
            end=end,
            active=a.status == "active",
        )
    in_window = sorted(
        (log for log in logs if start <= log.practised_on <= end), key=lambda log: log.practised_on
    )
    result.logged = len({(log.assignment_id, log.practised_on) for log in in_window})
    result.tension = [
        (log.practised_on, log.tension_before, log.tension_after) for log in in_window
    ]
    all_days = [log.practised_on for log in logs if log.practised_on <= today]
    if last_practice and last_practice <= today:
        all_days.append(last_practice)
    result.last_practice = max(all_days) if all_days else None
    has_active = any(a.status == "active" and a.starts_on <= today for a in assignments)
    result.quiet = has_active and (
        result.last_practice is None or (today - result.last_practice).days >= QUIET_DAYS
    )
    result.rising = tension_rising(result.tension)
    return result


def streak(days: set, today: datetime.date) -> int:
    """Consecutive days with practice, ending today (or yesterday, if today is still open)."""
    day = today if today in days else today - datetime.timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= datetime.timedelta(days=1)
    return count

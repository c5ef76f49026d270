"""Adherence arithmetic across month ends and clock changes, with an injected clock."""

import datetime
from types import SimpleNamespace as Obj
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from students.adherence import adherence, expected_sessions, streak, tension_rising, window

D = datetime.date


def assignment(**kw):
    base = {
        "frequency": "daily",
        "starts_on": D(2026, 1, 1),
        "ends_on": None,
        "times_per_week": None,
        "weekdays": [],
        "status": "active",
        "pk": 1,
    }
    return Obj(**{**base, **kw})


def log(day, before=5, after=3, assignment_id=1):
    return Obj(
        assignment_id=assignment_id, practised_on=day, tension_before=before, tension_after=after
    )


class TestExpected:
    def test_daily_over_a_window_that_crosses_a_month_end(self):
        assert (
            expected_sessions(
                frequency="daily", starts_on=D(2026, 1, 1), start=D(2026, 1, 20), end=D(2026, 2, 16)
            )
            == 28
        )

    def test_february_in_a_leap_year(self):
        assert (
            expected_sessions(
                frequency="nightly", starts_on=D(2028, 2, 1), start=D(2028, 2, 1), end=D(2028, 3, 1)
            )
            == 30
        )

    def test_an_assignment_starting_mid_window_counts_from_its_start(self):
        assert (
            expected_sessions(
                frequency="daily", starts_on=D(2026, 3, 30), start=D(2026, 3, 20), end=D(2026, 4, 2)
            )
            == 4
        )

    def test_an_ended_assignment_counts_until_its_end(self):
        assert (
            expected_sessions(
                frequency="daily",
                starts_on=D(2026, 1, 1),
                ends_on=D(2026, 1, 31),
                start=D(2026, 1, 25),
                end=D(2026, 2, 10),
            )
            == 7
        )

    def test_given_weekdays(self):
        # Mon/Wed/Fri from Mon 26 Jan to Sun 8 Feb 2026: two weeks, six days.
        assert (
            expected_sessions(
                frequency="weekdays",
                weekdays=[0, 2, 4],
                starts_on=D(2026, 1, 1),
                start=D(2026, 1, 26),
                end=D(2026, 2, 8),
            )
            == 6
        )

    def test_times_a_week_pro_rata(self):
        assert (
            expected_sessions(
                frequency="per-week",
                times_per_week=3,
                starts_on=D(2026, 1, 1),
                start=D(2026, 1, 1),
                end=D(2026, 1, 28),
            )
            == 12
        )
        assert expected_sessions(
            frequency="per-week",
            times_per_week=3,
            starts_on=D(2026, 1, 1),
            start=D(2026, 1, 1),
            end=D(2026, 1, 3),
        ) == pytest.approx(1.3)

    def test_paused_assignments_expect_nothing(self):
        assert (
            expected_sessions(
                frequency="daily",
                starts_on=D(2026, 1, 1),
                start=D(2026, 1, 1),
                end=D(2026, 1, 28),
                active=False,
            )
            == 0
        )


class TestAdherence:
    def test_four_weeks_across_a_month_end(self):
        today = D(2026, 3, 3)  # the window runs from 4 February to 3 March
        logs = [
            log(D(2026, 2, 27)),
            log(D(2026, 2, 28)),
            log(D(2026, 3, 1)),
            log(D(2026, 3, 1)),
            log(D(2026, 2, 3)),
        ]
        result = adherence([assignment()], logs, today=today)
        assert window(today) == (D(2026, 2, 4), D(2026, 3, 3))
        assert result.expected == 28
        assert result.logged == 3  # 3 February is outside; a day logged twice counts once
        assert result.last_practice == D(2026, 3, 1)
        assert result.percent == 11

    def test_quiet_for_seven_days_is_flagged(self):
        result = adherence([assignment()], [log(D(2026, 5, 1))], today=D(2026, 5, 8))
        assert result.quiet
        assert not adherence([assignment()], [log(D(2026, 5, 2))], today=D(2026, 5, 8)).quiet

    def test_nobody_is_flagged_quiet_without_an_active_assignment(self):
        assert not adherence([assignment(status="paused")], [], today=D(2026, 5, 8)).quiet

    def test_rising_tension(self):
        rising = [
            log(D(2026, 5, d), before=b)
            for d, b in [(1, 3), (2, 3), (3, 4), (4, 5), (5, 6), (6, 6)]
        ]
        falling = [
            log(D(2026, 5, d), before=b)
            for d, b in [(1, 7), (2, 6), (3, 5), (4, 4), (5, 4), (6, 3)]
        ]
        assert tension_rising(
            [(entry.practised_on, entry.tension_before, entry.tension_after) for entry in rising]
        )
        assert not adherence([assignment()], falling, today=D(2026, 5, 6)).rising
        assert not tension_rising(
            [(D(2026, 5, 1), 2, 1), (D(2026, 5, 2), 9, 1)]
        )  # too few logs to say

    def test_streak(self):
        days = {D(2026, 2, 27), D(2026, 2, 28), D(2026, 3, 1)}
        assert streak(days, D(2026, 3, 1)) == 3
        assert streak(days, D(2026, 3, 2)) == 3  # today not practised yet
        assert streak(days, D(2026, 3, 3)) == 0


@pytest.mark.parametrize(
    ("instant", "zone", "local_day"),
    [
        # London's clocks go back at 02:00 on Sunday 25 October 2026.
        ("2026-10-25T00:30:00+00:00", "Europe/London", D(2026, 10, 25)),
        ("2026-10-24T23:30:00+00:00", "Europe/London", D(2026, 10, 25)),  # 00:30 BST
        ("2026-10-25T23:30:00+00:00", "Europe/London", D(2026, 10, 25)),  # 23:30 GMT
        # New York springs forward on Sunday 8 March 2026.
        ("2026-03-09T03:30:00+00:00", "America/New_York", D(2026, 3, 8)),  # 23:30 EDT
    ],
)
def test_today_is_the_students_own_day_across_clock_changes(instant, zone, local_day):
    with time_machine.travel(datetime.datetime.fromisoformat(instant), tick=False):
        today = timezone.localdate(timezone.now(), ZoneInfo(zone))
        assert today == local_day
        start, end = window(today)
        assert (end - start).days == 27


def test_a_practice_before_the_window_still_counts_as_the_last_one():
    result = adherence([assignment()], [], today=D(2026, 5, 30), last_practice=D(2026, 4, 1))
    assert result.last_practice == D(2026, 4, 1) and result.quiet

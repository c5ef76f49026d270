"""The extreme dates the forms accept, stored in every time zone a course can have, shown
on the pages and feeds that show them (issue 16, item 2).

A course's time zone is any name zoneinfo knows (classes.models.valid_time_zone): every
one of them (about 600) gets a course with a session on the first and on the last day its
form accepts, at 00:00 and at 23:59, ten hours long (so it ends the next day), each checked
against the form first, with the day beyond refused. The pages that show every course (the
course list, the dashboard) are rendered once over all of them.

A course's own pages and feeds cost 50-80 ms each, and a feed's VTIMEZONE another 15-30 ms
per zone (icalendar), so rendering them for 600 zones would take minutes. What a zone
changes on them is the UTC offsets in force at the sessions' starts and ends: zones with
the same four offsets give the same pages, so one zone of each such class (47 classes, from
UTC-12 to UTC+14, the half- and quarter-hour ones, northern and southern daylight saving)
gets its course page, both session pages, its CSV, its feed, and its place in a teacher's
whole feed. The zones loop inside one test, over one world.
"""

import datetime
import zoneinfo

import time_machine
from django.urls import reverse
from icalendar import Calendar

from classes.calendar import teacher_calendar_for
from classes.forms import SessionForm
from classes.models import Course, Session
from students import date_bounds
from tests.factories import (
    AssignmentFactory,
    EnrolmentFactory,
    HealthNoteFactory,
    PracticeLogFactory,
    RosterStudentFactory,
    StudentFactory,
    TeacherFactory,
)

UTC = datetime.UTC
ZONES = sorted(zoneinfo.available_timezones())
NOW = datetime.datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
FIRST, LAST = datetime.time(0, 0), datetime.time(23, 59)
LENGTH = datetime.timedelta(minutes=600)


def extremes(zone) -> list[datetime.datetime]:
    """The first and last session the form accepts in `zone`, checked with the form; the
    day beyond each lies outside the bounds the form checks against."""
    bounds = date_bounds.session_bounds(zone)
    starts = []
    for day, time, beyond in (
        (bounds.earliest, FIRST, bounds.earliest - datetime.timedelta(days=1)),
        (bounds.latest, LAST, bounds.latest + datetime.timedelta(days=1)),
    ):
        form = SessionForm(
            data={"date": day.isoformat(), "time": f"{time:%H:%M}", "duration_minutes": 600},
            time_zone=zone,
        )
        assert form.is_valid(), (str(zone), day, form.errors)
        assert beyond not in form.bounds
        starts.append(datetime.datetime.combine(day, time, tzinfo=zone))
    return starts


def offsets(zone, starts) -> tuple:
    """What a zone changes on the pages: the offsets at the sessions' starts and ends."""
    return tuple(
        instant.astimezone(zone).utcoffset()
        for start in starts
        for instant in (start, start.astimezone(UTC) + LENGTH)
    )


def world(teacher, names) -> dict:
    """A course per zone with its two extreme sessions: {course: [first, last]}, each course
    with the instants the form made (`course.expected`)."""
    courses = Course.objects.bulk_create(
        Course(teacher=teacher, title=f"Rollers in {name}", time_zone=name) for name in names
    )
    for course in courses:
        course.expected = extremes(course.tz)
    Session.objects.bulk_create(
        Session(course=course, starts_at=start, duration_minutes=600)
        for course in courses
        for start in course.expected
    )
    stored = {course.pk: course for course in courses}
    sessions = {course: [] for course in courses}
    for session in Session.objects.filter(course__in=courses).order_by("starts_at"):
        sessions[stored[session.course_id]].append(session)
    return sessions


@time_machine.travel(NOW, tick=False)
def test_the_bounds_in_every_time_zone_render_on_every_page_and_feed(client, teacher):
    assert len(ZONES) > 400
    everywhere = world(teacher, ZONES)
    classes = {}
    for course, sessions in everywhere.items():
        starts = [s.starts_at for s in sessions]
        # Stored as the form made them, and read back as the same instants on the same days.
        assert starts == course.expected, course.time_zone
        shown = [date_bounds.zone_or_utc(start, course.tz) for start in starts]
        assert [d.date() for d in shown] == [d.date() for d in course.expected]
        classes.setdefault(offsets(course.tz, starts), course.time_zone)
    assert len(classes) > 30  # from UTC-12 to UTC+14, with and without daylight saving

    client.force_login(teacher)
    listing = client.get(reverse("classes:course-list"))
    assert listing.status_code == 200
    assert listing.content.decode().count("Rollers in ") == len(ZONES)
    assert client.get(reverse("home")).status_code == 200

    # One zone of each class: a teacher of their own, with everything rendered.
    other = TeacherFactory()
    courses = world(other, sorted(classes.values()))
    client.force_login(other)
    feed = client.get(reverse("classes:calendar-feed", args=[teacher_calendar_for(other).token]))
    assert feed.status_code == 200
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    assert sorted(e.start for e in events) == sorted(
        s.starts_at for sessions in courses.values() for s in sessions
    )
    for course, sessions in courses.items():
        name = course.time_zone
        local = [date_bounds.zone_or_utc(s.starts_at, course.tz) for s in sessions]

        page = client.get(reverse("classes:course-detail", args=[course.pk])).content.decode()
        for when in local:
            assert f'<time datetime="{when.isoformat()}">' in page, name
        for session in sessions:
            url = reverse("classes:session-detail", args=[course.pk, session.pk])
            assert client.get(url).status_code == 200, name
        csv = client.get(reverse("classes:attendance-export", args=[course.pk]))
        header = csv.content.decode("utf-8-sig").splitlines()[0]
        assert header.endswith(",".join(f"{when:%Y-%m-%d %H:%M}" for when in local)), name
        feed = client.get(reverse("classes:calendar-feed", args=[course.calendar_token]))
        events = Calendar.from_ical(feed.content).walk("VEVENT")
        assert [e.start for e in events] == local, name
        assert [e.end for e in events] == [s.ends_at for s in sessions], name


@time_machine.travel(NOW, tick=False)
def test_homework_at_its_bounds_renders_for_students_in_the_extreme_zones(client, teacher):
    """Homework and practice dates are days, not instants: a zone only moves "today". The
    students sit in the zones furthest ahead of and behind UTC, and in a quarter-hour one."""
    homework_bounds = date_bounds.homework_bounds()
    for name in ("Pacific/Kiritimati", "Etc/GMT+12", "Asia/Kathmandu"):
        account = StudentFactory(time_zone=name)
        pupil = RosterStudentFactory(teacher=teacher, account=account, consented=True)
        course = Course.objects.create(teacher=teacher, title=f"In {name}", time_zone=name)
        EnrolmentFactory(course=course, student=pupil)
        homework = AssignmentFactory(
            student=pupil, starts_on=homework_bounds.earliest, ends_on=homework_bounds.latest
        )
        today = date_bounds.today_in(zoneinfo.ZoneInfo(name))
        log_bounds = date_bounds.log_bounds(today, since=homework.starts_on)
        for day in (log_bounds.earliest, log_bounds.latest):
            PracticeLogFactory(assignment=homework, practised_on=day)
        HealthNoteFactory(student=pupil, until=date_bounds.note_bounds().latest, details="x")

        client.force_login(teacher)
        for url in [
            reverse("home"),
            reverse("students:student-detail", args=[pupil.pk]),
            reverse("classes:assignment-detail", args=[homework.pk]),
            reverse("classes:assignment-edit", args=[homework.pk]),
            reverse("classes:course-adherence", args=[course.pk]),
        ]:
            assert client.get(url).status_code == 200, (name, url)
        client.force_login(account)
        for url in [
            reverse("me"),
            reverse("students:history"),
            reverse("students:routine-play", args=[homework.pk]),
            reverse("students:routine-log", args=[homework.pk]),
            reverse("students:routine-print", args=[homework.pk]),
            reverse("students:my-health"),
        ]:
            assert client.get(url).status_code == 200, (name, url)

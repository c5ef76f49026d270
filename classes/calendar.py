"""iCalendar feeds of class sessions, for calendar apps to subscribe to.

Pure functions: they take a course or a teacher and the sessions the caller fetched
(with `course` and `plan_version` selected) and return the feed as bytes.
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event
from icalendar.enums import STATUS

from .models import Course, Session, TeacherCalendar

PRODID = "-//Rollcall//Class sessions//EN"
# How often a subscribed calendar app should fetch the feed again.
REFRESH_INTERVAL = timedelta(hours=1)


def course_calendar(course: Course, sessions: Iterable[Session], *, now=None) -> bytes:
    """The feed of one course: every session, in the course's time zone."""
    sessions = list(sessions)
    calendar = _new_calendar(
        name=course.title, time_zone=course.time_zone, uid=f"course-{course.pk}@rollcall"
    )
    stamp = now or timezone.now()
    for session in sessions:
        calendar.add_component(_event(course, session, stamp))
    return _finish(calendar, sessions)


def teacher_calendar(teacher, sessions: Iterable[Session], *, now=None) -> bytes:
    """The feed of all a teacher's courses; each session in its own course's time zone."""
    sessions = list(sessions)
    time_zone = teacher.time_zone or (sessions[0].course.time_zone if sessions else None)
    calendar = _new_calendar(
        name=_("Rollcall: %(name)s") % {"name": teacher.get_full_name()},
        time_zone=time_zone,
        uid=f"teacher-{teacher.pk}@rollcall",
    )
    stamp = now or timezone.now()
    for session in sessions:
        calendar.add_component(_event(session.course, session, stamp))
    return _finish(calendar, sessions)


def _new_calendar(*, name: str, time_zone: str | None, uid: str) -> Calendar:
    # Calendar.name writes both NAME (RFC 7986) and X-WR-CALNAME.
    calendar = Calendar.new(prodid=PRODID, name=name, uid=uid, refresh_interval=REFRESH_INTERVAL)
    calendar.add("X-PUBLISHED-TTL", REFRESH_INTERVAL)
    if time_zone:
        calendar.add("X-WR-TIMEZONE", time_zone)
    return calendar


def _event(course: Course, session: Session, stamp: datetime) -> Event:
    tz = course.tz
    summary = course.title
    if session.cancelled:
        summary = _("%(title)s — cancelled") % {"title": summary}
    lines = []
    if session.plan_version_id:
        version = session.plan_version
        lines.append(
            _("Plan: %(title)s, version %(number)s")
            % {"title": version.title, "number": version.number}
        )
    if session.note:
        lines.append(session.note)
    return Event.new(
        # Stable, so a calendar app updates the event instead of adding a copy.
        uid=f"session-{session.pk}@rollcall",
        stamp=stamp,
        start=session.starts_at.astimezone(tz),
        end=session.ends_at.astimezone(tz),
        summary=summary,
        location=course.location or None,
        description="\n".join(lines) or None,
        status=STATUS.CANCELLED if session.cancelled else STATUS.CONFIRMED,
    )


def _finish(calendar: Calendar, sessions: list[Session]) -> bytes:
    if sessions:
        # VTIMEZONE definitions covering the sessions, with a year to spare either side.
        first = min(s.starts_at for s in sessions)
        last = max(s.ends_at for s in sessions)
        calendar.add_missing_timezones(
            first_date=date(first.year - 1, 1, 1), last_date=date(last.year + 2, 1, 1)
        )
    return calendar.to_ical()


def teacher_calendar_for(user) -> TeacherCalendar:
    """The teacher's whole-calendar feed, made the first time it is asked for."""
    return TeacherCalendar.objects.get_or_create(teacher=user)[0]

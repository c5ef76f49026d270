"""iCalendar feeds of class sessions, for calendar apps to subscribe to.

Pure functions: they take a course or a teacher and the sessions the caller fetched
(with `course` and `plan_version` selected) and return the feed as bytes. Their words are
in the active language: the view renders them in the feed owner's (calendar_views.feed).
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vText
from icalendar.enums import STATUS

from accounts.text import strip_control
from students.date_bounds import UTC, displayable

from .models import Course, Session, TeacherCalendar

PRODID = "-//Rollcall//Class sessions//EN"
# How often a subscribed calendar app should fetch the feed again.
REFRESH_INTERVAL = timedelta(hours=1)
# Sessions further than this from now (stored before dates were bounded) are written in
# UTC: the same instant in any calendar app, without a VTIMEZONE that spans centuries (one
# reaching the year 9999 took 0.7 s and 260 KB per zone) or a year Python cannot count.
LOCAL_SPAN = timedelta(days=3660)


def course_calendar(course: Course, sessions: Iterable[Session], *, now=None) -> bytes:
    """The feed of one course: every session, in the course's time zone."""
    sessions = list(sessions)
    calendar = _new_calendar(
        name=course.title, time_zone=course.time_zone, uid=f"course-{course.pk}@rollcall"
    )
    stamp = now or timezone.now()
    for session in sessions:
        calendar.add_component(_event(course, session, stamp))
    return _finish(calendar, sessions, stamp)


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
    return _finish(calendar, sessions, stamp)


def _new_calendar(*, name: str, time_zone: str | None, uid: str) -> Calendar:
    # Calendar.name writes both NAME (RFC 7986) and X-WR-CALNAME.
    calendar = Calendar.new(
        prodid=PRODID, name=feed_text(name), uid=uid, refresh_interval=REFRESH_INTERVAL
    )
    calendar.add("X-PUBLISHED-TTL", REFRESH_INTERVAL)
    if time_zone:
        calendar.add("X-WR-TIMEZONE", time_zone)
    return calendar


def feed_text(text: str) -> vText:
    """Text as a calendar property: typed TEXT, so icalendar escapes its commas, semicolons,
    backslashes and line breaks and folds long lines (NAME and X-WR-CALNAME would otherwise
    go out as they are, and a title with a line break would break the whole feed), without
    the control characters no content line may carry (RFC 5545)."""
    return vText(strip_control(str(text)))


def _in_zone(session: Session, stamp: datetime) -> bool:
    """Whether the feed gives the session in its course's time zone (else in UTC)."""
    return displayable(session.starts_at) and abs(session.starts_at - stamp) <= LOCAL_SPAN


def _event(course: Course, session: Session, stamp: datetime) -> Event:
    tz = course.tz if _in_zone(session, stamp) else UTC
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
        summary=feed_text(summary),
        location=feed_text(course.location) if course.location else None,
        description=feed_text("\n".join(lines)) if lines else None,
        status=STATUS.CANCELLED if session.cancelled else STATUS.CONFIRMED,
    )


def _finish(calendar: Calendar, sessions: list[Session], stamp: datetime) -> bytes:
    sessions = [s for s in sessions if _in_zone(s, stamp)]
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

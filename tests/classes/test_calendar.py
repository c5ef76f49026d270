import secrets
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from icalendar import Calendar

from classes.calendar import teacher_calendar_for
from classes.models import Session, TeacherCalendar
from tests.factories import CourseFactory, PlanVersionFactory

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture
def course(teacher):
    return CourseFactory(
        teacher=teacher,
        title="Tuesday evening rollers",
        location="St Mary's Hall, Room 2",
        time_zone="Europe/London",
    )


@pytest.fixture
def plan_version(teacher):
    return PlanVersionFactory(owner=teacher, number=3, title="Feet & shoulders")


def feed_url(token):
    return reverse("classes:calendar-feed", kwargs={"token": token})


def fetch(client, token) -> Calendar:
    response = client.get(feed_url(token))
    assert response.status_code == 200
    return Calendar.from_ical(response.content)


def weekly(course, first, count, **kwargs):
    """`count` weekly sessions from `first` (an aware datetime in the course's zone)."""
    return Session.objects.bulk_create(
        Session(course=course, starts_at=first + timedelta(weeks=i), **kwargs) for i in range(count)
    )


class TestCourseFeed:
    def test_feed_parses_with_one_event_per_session(self, client, course, plan_version):
        weekly(course, datetime(2025, 9, 2, 19, tzinfo=LONDON), 4, plan_version=plan_version)
        Session.objects.create(
            course=course, starts_at=datetime(2025, 9, 30, 19, tzinfo=LONDON), note="Bring socks"
        )

        response = client.get(feed_url(course.calendar_token))

        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert response["Content-Disposition"].startswith("inline; filename=")
        assert response["Content-Disposition"].endswith('.ics"')
        assert response["Cache-Control"] == "private, max-age=300"
        cal = Calendar.from_ical(response.content)
        assert str(cal["PRODID"]) == "-//Rollcall//Class sessions//EN"
        assert str(cal["VERSION"]) == "2.0"
        assert str(cal["X-WR-CALNAME"]) == "Tuesday evening rollers"
        assert str(cal["X-WR-TIMEZONE"]) == "Europe/London"
        events = cal.events
        assert len(events) == 5
        assert {str(e["LOCATION"]) for e in events} == {"St Mary's Hall, Room 2"}
        assert {str(e["SUMMARY"]) for e in events} == {"Tuesday evening rollers"}
        descriptions = [str(e.get("DESCRIPTION", "")) for e in events]
        assert descriptions[:4] == ["Plan: Feet & shoulders, version 3"] * 4
        assert descriptions[4] == "Bring socks"

    def test_each_event_keeps_the_uid_of_its_session(self, client, course):
        sessions = weekly(course, datetime(2025, 9, 2, 19, tzinfo=LONDON), 3)

        first = fetch(client, course.calendar_token)
        again = fetch(client, course.calendar_token)

        expected = [f"session-{s.pk}@rollcall" for s in sessions]
        assert [str(e["UID"]) for e in first.events] == expected
        assert [str(e["UID"]) for e in again.events] == expected

    def test_session_with_plan_and_note_lists_both(self, client, course, plan_version):
        Session.objects.create(
            course=course,
            starts_at=datetime(2025, 9, 2, 19, tzinfo=LONDON),
            plan_version=plan_version,
            note="Bring socks",
        )

        (event,) = fetch(client, course.calendar_token).events

        assert str(event["DESCRIPTION"]) == "Plan: Feet & shoulders, version 3\nBring socks"

    def test_session_ends_after_its_length(self, client, course):
        Session.objects.create(
            course=course, starts_at=datetime(2025, 9, 2, 19, tzinfo=LONDON), duration_minutes=75
        )

        (event,) = fetch(client, course.calendar_token).events

        assert event.end - event.start == timedelta(minutes=75)
        assert event.end.astimezone(LONDON).time().isoformat() == "20:15:00"

    def test_cancelled_session_is_marked_cancelled(self, client, course):
        weekly(course, datetime(2025, 9, 2, 19, tzinfo=LONDON), 1)
        weekly(course, datetime(2025, 9, 9, 19, tzinfo=LONDON), 1, cancelled=True)

        held, cancelled = fetch(client, course.calendar_token).events

        assert str(held["STATUS"]) == "CONFIRMED"
        assert str(held["SUMMARY"]) == "Tuesday evening rollers"
        assert str(cancelled["STATUS"]) == "CANCELLED"
        assert str(cancelled["SUMMARY"]) == "Tuesday evening rollers — cancelled"

    def test_course_without_sessions_gives_an_empty_calendar(self, client, course):
        cal = fetch(client, course.calendar_token)

        assert cal.events == []
        assert str(cal["X-WR-CALNAME"]) == "Tuesday evening rollers"

    def test_feed_does_not_change_state(self, client, course):
        response = client.post(feed_url(course.calendar_token))

        assert response.status_code == 405


class TestTimeZones:
    @pytest.mark.parametrize(
        ("zone", "before", "after"),
        [
            # Tuesdays either side of the last Sunday of October: BST ends.
            ("Europe/London", datetime(2025, 10, 21, 19), datetime(2025, 10, 28, 19)),
            # Tuesdays either side of the last Sunday of March: BST starts.
            ("Europe/London", datetime(2025, 3, 25, 19), datetime(2025, 4, 1, 19)),
            # Tuesdays either side of the first Sunday of November: EDT ends.
            ("America/New_York", datetime(2025, 10, 28, 19), datetime(2025, 11, 4, 19)),
        ],
    )
    def test_weekly_class_stays_at_the_same_local_time_across_a_clock_change(
        self, client, teacher, zone, before, after
    ):
        tz = ZoneInfo(zone)
        course = CourseFactory(teacher=teacher, time_zone=zone)
        weekly(course, before.replace(tzinfo=tz), 2)

        response = client.get(feed_url(course.calendar_token))
        cal = Calendar.from_ical(response.content)
        first, second = cal.events

        # Written in the course's own zone, with its definition included.
        assert f"DTSTART;TZID={zone}:{before:%Y%m%dT%H%M%S}".encode() in response.content
        assert f"DTSTART;TZID={zone}:{after:%Y%m%dT%H%M%S}".encode() in response.content
        assert [t.tz_name for t in cal.timezones] == [zone]
        assert cal.get_missing_tzids() == set()
        # 19:00 where the class happens, both weeks...
        assert first.start.astimezone(tz).replace(tzinfo=None) == before
        assert second.start.astimezone(tz).replace(tzinfo=None) == after
        # ...which is an hour apart in UTC.
        first_utc = first.start.astimezone(UTC)
        second_utc = second.start.astimezone(UTC)
        assert abs((second_utc - first_utc) - timedelta(weeks=1)) == timedelta(hours=1)


class TestTeacherFeed:
    def test_feed_covers_all_the_teachers_courses_and_only_theirs(
        self, client, teacher, other_teacher, course
    ):
        workshop = CourseFactory(
            teacher=teacher, title="Feet workshop", location="Online", time_zone="America/New_York"
        )
        theirs = CourseFactory(teacher=other_teacher)
        mine = [
            *weekly(course, datetime(2025, 9, 2, 19, tzinfo=LONDON), 3),
            *weekly(workshop, datetime(2025, 9, 6, 10, tzinfo=NEW_YORK), 2),
        ]
        weekly(theirs, datetime(2025, 9, 3, 18, tzinfo=LONDON), 4)
        calendar = teacher_calendar_for(teacher)

        cal = fetch(client, calendar.token)

        assert str(cal["X-WR-CALNAME"]) == "Rollcall: Tess Teacher"
        assert {str(e["UID"]) for e in cal.events} == {f"session-{s.pk}@rollcall" for s in mine}
        starts = [e.start for e in cal.events]
        assert starts == sorted(starts)
        workshop_events = [e for e in cal.events if str(e["SUMMARY"]) == "Feet workshop"]
        assert [str(e["LOCATION"]) for e in workshop_events] == ["Online", "Online"]
        assert [e.start.astimezone(NEW_YORK).hour for e in workshop_events] == [10, 10]
        assert {t.tz_name for t in cal.timezones} == {"Europe/London", "America/New_York"}

    def test_teacher_calendar_is_made_once(self, teacher):
        first = teacher_calendar_for(teacher)
        second = teacher_calendar_for(teacher)

        assert first.pk == second.pk
        assert TeacherCalendar.objects.filter(teacher=teacher).count() == 1


class TestAddresses:
    def test_unknown_token_is_not_found(self, client, course):
        assert client.get(feed_url(secrets.token_urlsafe(32))).status_code == 404

    def test_tampered_token_is_not_found(self, client, teacher, course):
        calendar = teacher_calendar_for(teacher)
        for token in (course.calendar_token, calendar.token):
            last = "A" if token[-1] != "A" else "B"
            assert client.get(feed_url(token[:-1] + last)).status_code == 404
            assert client.get(feed_url(token[:-1])).status_code == 404

    def test_regenerating_a_course_address_revokes_the_old_one(self, client, teacher, course):
        old = course.calendar_token
        client.force_login(teacher)

        response = client.post(
            reverse("classes:course-calendar-regenerate", kwargs={"pk": course.pk})
        )

        assert response.status_code == 302
        assert response["Location"] == reverse("classes:course-detail", kwargs={"pk": course.pk})
        course.refresh_from_db()
        assert course.calendar_token != old
        client.logout()
        assert client.get(feed_url(old)).status_code == 404
        assert client.get(feed_url(course.calendar_token)).status_code == 200

    def test_regenerating_says_the_old_address_stopped_working(self, client, teacher, course):
        client.force_login(teacher)

        response = client.post(
            reverse("classes:course-calendar-regenerate", kwargs={"pk": course.pk})
        )

        assert [str(m) for m in get_messages(response.wsgi_request)] == [
            "A new calendar address is ready; the old one no longer works."
        ]

    def test_regenerating_the_teacher_address_revokes_the_old_one(self, client, teacher):
        old = teacher_calendar_for(teacher).token
        client.force_login(teacher)

        response = client.post(reverse("classes:teacher-calendar-regenerate"))

        assert response.status_code == 302
        assert response["Location"] == reverse("classes:course-list")
        new = TeacherCalendar.objects.get(teacher=teacher).token
        assert new != old
        client.logout()
        assert client.get(feed_url(old)).status_code == 404
        assert client.get(feed_url(new)).status_code == 200

    def test_regenerating_before_the_first_visit_makes_the_teacher_calendar(self, client, teacher):
        client.force_login(teacher)

        response = client.post(reverse("classes:teacher-calendar-regenerate"))

        assert response.status_code == 302
        calendar = TeacherCalendar.objects.get(teacher=teacher)
        assert client.get(feed_url(calendar.token)).status_code == 200

    def test_other_teacher_gets_404_and_the_address_stays(self, client, other_teacher, course):
        old = course.calendar_token
        client.force_login(other_teacher)

        response = client.post(
            reverse("classes:course-calendar-regenerate", kwargs={"pk": course.pk})
        )

        assert response.status_code == 404
        course.refresh_from_db()
        assert course.calendar_token == old
        assert client.get(feed_url(old)).status_code == 200

    def test_get_does_not_regenerate(self, client, teacher, course):
        old_course = course.calendar_token
        old_teacher = teacher_calendar_for(teacher).token
        client.force_login(teacher)

        course_url = reverse("classes:course-calendar-regenerate", kwargs={"pk": course.pk})
        assert client.get(course_url).status_code == 405
        assert client.get(reverse("classes:teacher-calendar-regenerate")).status_code == 405

        course.refresh_from_db()
        assert course.calendar_token == old_course
        assert TeacherCalendar.objects.get(teacher=teacher).token == old_teacher

    @pytest.mark.parametrize("name", ["course-calendar-regenerate", "teacher-calendar-regenerate"])
    def test_student_cannot_regenerate(self, client, student, course, name):
        old = course.calendar_token
        client.force_login(student)
        kwargs = {"pk": course.pk} if name == "course-calendar-regenerate" else {}

        response = client.post(reverse(f"classes:{name}", kwargs=kwargs))

        assert response.status_code == 403
        course.refresh_from_db()
        assert course.calendar_token == old
        assert not TeacherCalendar.objects.filter(teacher=student).exists()

    @pytest.mark.parametrize("name", ["course-calendar-regenerate", "teacher-calendar-regenerate"])
    def test_signed_out_visitor_is_sent_to_sign_in(self, client, course, name):
        old = course.calendar_token
        kwargs = {"pk": course.pk} if name == "course-calendar-regenerate" else {}
        url = reverse(f"classes:{name}", kwargs=kwargs)

        response = client.post(url)

        assert response.status_code == 302
        assert response["Location"] == f"{reverse('login')}?next={url}"
        course.refresh_from_db()
        assert course.calendar_token == old
        assert not TeacherCalendar.objects.exists()


class TestQueryCounts:
    @pytest.mark.parametrize("count", [5, 100])
    def test_course_feed_queries_do_not_grow_with_sessions(
        self, client, course, plan_version, count, django_assert_max_num_queries
    ):
        weekly(course, datetime(2025, 1, 7, 19, tzinfo=LONDON), count, plan_version=plan_version)

        with django_assert_max_num_queries(2):
            cal = fetch(client, course.calendar_token)

        assert len(cal.events) == count

    @pytest.mark.parametrize("count", [5, 100])
    def test_teacher_feed_queries_do_not_grow_with_sessions(
        self, client, teacher, course, plan_version, count, django_assert_max_num_queries
    ):
        other = CourseFactory(teacher=teacher, time_zone="America/New_York")
        weekly(course, datetime(2025, 1, 7, 19, tzinfo=LONDON), count, plan_version=plan_version)
        weekly(other, datetime(2025, 1, 8, 9, tzinfo=NEW_YORK), count, plan_version=plan_version)
        token = teacher_calendar_for(teacher).token

        with django_assert_max_num_queries(3):
            cal = fetch(client, token)

        assert len(cal.events) == 2 * count

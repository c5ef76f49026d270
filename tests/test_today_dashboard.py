"""The teacher's dashboard opens on today (issue 15): today's sessions, each course's today
in its own time zone, then the next ones, each with its plan or "no plan yet", teach mode
for that session's roster, its attendance, and how many are enrolled and waiting; then
the students to follow up and the recent plans. Another teacher's sessions never show, and
the page's queries do not grow with the courses and sessions."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from classes import services
from classes.models import Course
from tests.factories import (
    AssignmentFactory,
    CourseFactory,
    RosterStudentFactory,
    SessionFactory,
    TechniqueFactory,
    make_plan,
)

UTC = datetime.UTC
# 06:00 on Monday 30 November in London is 22:00 on Sunday 29 November in Los Angeles.
NOW = datetime.datetime(2026, 11, 30, 6, 0, tzinfo=UTC)


def at(day, hour, minute=0):
    return datetime.datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def section(html: str, element_id: str) -> str:
    """The <ul> with this id."""
    start = html.index(f'id="{element_id}"')
    return html[start : html.index("</ul>", start)]


def items(html: str, element_id: str) -> list[str]:
    """The agenda items of a list, in order."""
    return re.findall(r'<li class="agenda-item.*?</li>', section(html, element_id), re.S)


def item_of(html: str, session) -> str:
    (found,) = [
        item
        for key in ("today-sessions", "next-sessions")
        for item in items(html, key)
        if f'href="{session.get_absolute_url()}#attendance"' in item
    ]
    return found


def published(teacher, title):
    plan = make_plan(teacher, title=title, techniques=[TechniqueFactory()])
    return services.plan_publish(plan=plan, expected_version=plan.lock_version)


@pytest.fixture
def traveller():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def dashboard(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
class TestToday:
    def test_today_is_each_courses_own_day_in_its_time_zone(self, client, teacher, traveller):
        la = CourseFactory(teacher=teacher, title="Evening roll", time_zone="America/Los_Angeles")
        london = CourseFactory(teacher=teacher, title="Morning roll", time_zone="Europe/London")
        late = SessionFactory(course=la, starts_at=at(30, 7))  # 23:00 on the 29th in LA
        earlier = SessionFactory(course=la, starts_at=at(30, 2))  # 18:00 in LA, over by now
        SessionFactory(course=la, starts_at=at(28, 18))  # the day before in LA
        # 19:00 on the 30th in LA: tomorrow there.
        tomorrow = SessionFactory(
            course=la, starts_at=datetime.datetime(2026, 12, 1, 3, tzinfo=UTC)
        )
        morning = SessionFactory(course=london, starts_at=at(30, 10))  # today in London
        # Less than a day ago, but yesterday in London: not today's any more.
        SessionFactory(course=london, starts_at=at(29, 19))
        later = SessionFactory(course=london, starts_at=at(30, 10) + datetime.timedelta(days=3))
        client.force_login(teacher)

        html = dashboard(client)

        today = items(html, "today-sessions")
        assert len(today) == 3
        for item, session in zip(today, (earlier, late, morning), strict=True):
            assert f'href="{session.get_absolute_url()}#attendance"' in item
        # Soonest first, each at its time in its course's time zone.
        assert 'datetime="2026-11-29T18:00:00-08:00"' in today[0]
        assert 'datetime="2026-11-29T23:00:00-08:00"' in today[1]
        assert 'datetime="2026-11-30T10:00:00+00:00"' in today[2]
        assert ">Ended</span>" in today[0] and ">Ended</span>" not in today[1]
        # The course's zone is named where it is not the teacher's own.
        assert "America/Los_Angeles" in today[1] and "Europe/London" not in today[2]
        upcoming = items(html, "next-sessions")
        assert len(upcoming) == 2
        assert tomorrow.get_absolute_url() in upcoming[0] and "Tomorrow" in upcoming[0]
        assert 'datetime="2026-11-30T19:00:00-08:00"' in upcoming[0]
        assert later.get_absolute_url() in upcoming[1] and "Tomorrow" not in upcoming[1]
        assert 'datetime="2026-12-03T10:00:00+00:00"' in upcoming[1]

    def test_a_quiet_day_says_so(self, client, teacher, traveller):
        course = CourseFactory(teacher=teacher)
        SessionFactory(course=course, starts_at=NOW + datetime.timedelta(days=2))
        client.force_login(teacher)

        html = dashboard(client)

        assert items(html, "today-sessions") == []
        assert "No class today." in section(html, "today-sessions")
        assert len(items(html, "next-sessions")) == 1

    def test_only_the_next_five_after_today(self, client, teacher, traveller):
        course = CourseFactory(teacher=teacher, time_zone="Europe/London")
        for day in range(1, 9):
            SessionFactory(course=course, starts_at=NOW + datetime.timedelta(days=day))
        client.force_login(teacher)

        upcoming = items(dashboard(client), "next-sessions")

        assert len(upcoming) == 5
        assert 'datetime="2026-12-01T06:00:00+00:00"' in upcoming[0]
        assert 'datetime="2026-12-05T06:00:00+00:00"' in upcoming[4]


@pytest.mark.django_db
class TestEachSession:
    def test_a_session_with_a_plan_links_teach_mode_for_its_roster(
        self, client, teacher, traveller
    ):
        course = CourseFactory(teacher=teacher, time_zone="Europe/London")
        version = published(teacher, "Feet for runners")
        session = SessionFactory(course=course, starts_at=at(30, 18), plan_version=version)
        client.force_login(teacher)

        item = item_of(dashboard(client), session)

        teach = reverse("classes:plan-teach", args=[version.plan_id])
        assert f'href="{teach}?version=1&amp;session={session.pk}"' in item
        assert ">Teach<" in item
        assert f'href="{session.get_absolute_url()}#attendance"' in item
        assert "Feet for runners (v1)" in item and "No plan yet" not in item
        # The link from the dashboard opens teach mode on that session's roster.
        assert client.get(f"{teach}?version=1&session={session.pk}").status_code == 200

    def test_a_session_without_a_plan_says_no_plan_yet(self, client, teacher, traveller):
        course = CourseFactory(teacher=teacher)
        session = SessionFactory(course=course, starts_at=at(30, 18))
        client.force_login(teacher)

        item = item_of(dashboard(client), session)

        assert "No plan yet" in item
        assert "/teach/" not in item and ">Teach<" not in item
        assert f'href="{session.get_absolute_url()}"' in item  # to choose one
        assert f'href="{session.get_absolute_url()}#attendance"' in item

    def test_a_cancelled_session_says_so_and_offers_no_teaching(self, client, teacher, traveller):
        course = CourseFactory(teacher=teacher)
        version = published(teacher, "Upper back")
        session = SessionFactory(
            course=course, starts_at=at(30, 18), plan_version=version, cancelled=True
        )
        client.force_login(teacher)

        item = item_of(dashboard(client), session)

        assert ">Cancelled</span>" in item and "/teach/" not in item

    def test_enrolled_and_waitlisted_counts(self, client, teacher, traveller):
        course = CourseFactory(teacher=teacher, capacity=2)
        services.enrol(
            course=course, students=RosterStudentFactory.create_batch(5, teacher=teacher)
        )
        other = CourseFactory(teacher=teacher, capacity=8)
        services.enrol(course=other, students=RosterStudentFactory.create_batch(1, teacher=teacher))
        full = SessionFactory(course=course, starts_at=at(30, 18))
        roomy = SessionFactory(course=other, starts_at=at(30, 19))
        client.force_login(teacher)

        html = dashboard(client)

        assert "2 of 2 enrolled · 3 on the waitlist" in item_of(html, full)
        roomy_item = item_of(html, roomy)
        assert "1 of 8 enrolled" in roomy_item and "waitlist" not in roomy_item

    def test_another_teachers_sessions_never_show(self, client, teacher, other_teacher, traveller):
        mine = SessionFactory(course=CourseFactory(teacher=teacher), starts_at=at(30, 18))
        theirs_course = CourseFactory(teacher=other_teacher, title="Not your class")
        theirs = [
            SessionFactory(course=theirs_course, starts_at=at(30, 17)),
            SessionFactory(course=theirs_course, starts_at=at(30, 18) + datetime.timedelta(1)),
        ]
        client.force_login(teacher)

        html = dashboard(client)

        assert mine.get_absolute_url() in html
        assert "Not your class" not in html
        assert not [s for s in theirs if s.get_absolute_url() in html]

    def test_a_cancelled_courses_sessions_are_left_out(self, client, teacher, traveller):
        course = CourseFactory(teacher=teacher, status=Course.Status.CANCELLED, title="Off")
        session = SessionFactory(course=course, starts_at=at(30, 18))
        running = SessionFactory(course=CourseFactory(teacher=teacher), starts_at=at(30, 19))
        client.force_login(teacher)

        html = dashboard(client)

        assert session.get_absolute_url() not in html
        assert item_of(html, running)


@pytest.mark.django_db
def test_today_comes_first_then_follow_ups_then_recent_plans(client, teacher, traveller):
    course = CourseFactory(teacher=teacher)
    SessionFactory(course=course, starts_at=at(30, 18))
    kim = RosterStudentFactory(teacher=teacher, name="Kim Keller")
    AssignmentFactory(student=kim, starts_on=datetime.date(2026, 11, 1))
    make_plan(teacher, title="Hips and feet")
    client.force_login(teacher)

    html = dashboard(client)

    today = html.index('id="today-heading"')
    follow_ups = html.index('id="flagged"')
    plans = html.index('id="recent-plans"')
    assert today < follow_ups < plans
    assert "Kim Keller" in html[follow_ups:plans]
    assert "Hips and feet" in html[plans:]


def fill(teacher, courses: int, sessions: int) -> None:
    """`courses` courses, each with `sessions` sessions spread over today and the next days,
    half of them taught with a published plan, and a roster with a waitlist."""
    version = published(teacher, "Tuesday class")
    for c in range(courses):
        course = CourseFactory(
            teacher=teacher,
            capacity=2,
            time_zone=["Europe/London", "America/Los_Angeles", "Asia/Tokyo"][c % 3],
        )
        services.enrol(
            course=course, students=RosterStudentFactory.create_batch(3, teacher=teacher)
        )
        for s in range(sessions):
            SessionFactory(
                course=course,
                starts_at=NOW + datetime.timedelta(hours=2 + 7 * s),
                plan_version=version if s % 2 else None,
            )


def query_count(client) -> int:
    client.get("/")  # the follow-ups are cached from the first visit on
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    return len(captured.captured_queries)


@pytest.mark.django_db
class TestBoundedQueries:
    @pytest.mark.parametrize(("courses", "sessions"), [(1, 1), (12, 15)])
    def test_the_dashboard(
        self, client, teacher, traveller, django_assert_max_num_queries, courses, sessions
    ):
        fill(teacher, courses, sessions)
        client.force_login(teacher)
        client.get("/")
        with django_assert_max_num_queries(12):
            html = dashboard(client)
        assert items(html, "today-sessions")

    def test_as_many_queries_for_one_session_as_for_180(self, client, teacher, other_teacher):
        with time_machine.travel(NOW, tick=False):
            fill(teacher, 1, 1)
            fill(other_teacher, 12, 15)
            client.force_login(teacher)
            small = query_count(client)
            client.force_login(other_teacher)
            large = query_count(client)
        assert small == large

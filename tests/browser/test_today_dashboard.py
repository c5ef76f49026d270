"""The dashboard that opens on today, in a real browser at phone, tablet and desktop
widths: no sideways scrolling, and today's first Teach link in view without scrolling; the
dashboard and the course page pass axe-core; the course's Copy address button copies its
calendar feed and its Subscribe link is webcal:// (issue 15)."""

import datetime

import pytest
from django.utils import timezone

from classes import services
from tests.browser.conftest import axe_violations, sign_in
from tests.factories import (
    PASSWORD,
    AssignmentFactory,
    CourseFactory,
    RosterStudentFactory,
    SessionFactory,
    TeacherFactory,
    TechniqueFactory,
    make_plan,
)

SIZES = [(390, 844), (768, 1024), (1024, 768), (1366, 768)]


@pytest.fixture
def course(transactional_db):
    """A teacher's week: a session under way today, taught with a published plan, more to
    come (one with no plan yet), some past, a full roster with a waitlist, and a student to
    follow up."""
    teacher = TeacherFactory(email="tess@example.test", name="Tess Teacher")
    plan = make_plan(
        teacher, title="Upper back after computer work", techniques=[TechniqueFactory()]
    )
    version = services.plan_publish(plan=plan, expected_version=plan.lock_version)
    course = CourseFactory(
        teacher=teacher,
        title="Tuesday evening therapy balls at the community hall",
        location="Studio 2, Riverside Yoga, 14 Mill Lane",
        capacity=3,
    )
    students = [RosterStudentFactory(teacher=teacher, name=f"Student {i}") for i in range(5)]
    services.enrol(course=course, students=students)
    now = timezone.now()
    # Starting now: today wherever the clock is.
    SessionFactory(course=course, starts_at=now, plan_version=version)
    for days in (1, 2, 7, 14):
        SessionFactory(
            course=course,
            starts_at=now + datetime.timedelta(days=days),
            plan_version=version if days != 2 else None,
        )
    for days in (7, 14):
        SessionFactory(course=course, starts_at=now - datetime.timedelta(days=days))
    AssignmentFactory(student=students[0], starts_on=now.date() - datetime.timedelta(days=20))
    return course


@pytest.fixture
def teacher_page(page, course):
    sign_in(page, "tess@example.test", PASSWORD)
    return page


def test_the_dashboard_fits_and_shows_todays_first_teach_link(teacher_page, course, live_server):
    page = teacher_page
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.goto("/")
        overflow = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert overflow[0] <= overflow[1], f"{width} px: {overflow}"
        teach = page.locator("#today-sessions .agenda-item").first.get_by_role("link", name="Teach")
        box = teach.bounding_box()
        assert box is not None, f"{width} px: no Teach link"
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, f"{width} px: {box}"
        assert "session=" in teach.get_attribute("href")

    # On the phone, the course page's Subscribe link and Copy address button.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(course.get_absolute_url())
    subscribe = page.get_by_role("link", name="Subscribe in your calendar app")
    host = live_server.url.split("://")[1]
    assert subscribe.get_attribute("href") == (
        f"webcal://{host}/calendar/{course.calendar_token}.ics"
    )
    page.get_by_role("button", name="Copy address").click()
    page.get_by_text("Address copied.").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{live_server.url}/calendar/{course.calendar_token}.ics"


def test_the_dashboard_and_the_course_page_pass_axe(teacher_page, course):
    page = teacher_page
    for width, height in [(390, 844), (1366, 768)]:
        page.set_viewport_size({"width": width, "height": height})
        page.goto("/")
        assert axe_violations(page) == [], f"dashboard at {width} px"
        page.goto(course.get_absolute_url())
        # With the past sessions and the how-to unfolded, so that axe sees them too.
        page.get_by_text("2 past sessions").click()
        page.get_by_text("How to subscribe").click()
        assert axe_violations(page) == [], f"course page at {width} px"
        overflow = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert overflow[0] <= overflow[1], f"course page at {width} px: {overflow}"

"""Attendance for a big course on a phone: find a student by name, mark them with the
keyboard, and keep the focus and the counts where the teacher needs them."""

import pytest
from playwright.sync_api import expect

from classes import services
from classes.models import Attendance
from tests.browser.conftest import axe_violations, sign_in
from tests.factories import (
    PASSWORD,
    CourseFactory,
    RosterStudentFactory,
    SessionFactory,
    TeacherFactory,
)


@pytest.fixture
def big_session(transactional_db):
    teacher = TeacherFactory(email="tess@example.test")
    course = CourseFactory(teacher=teacher, capacity=60, title="Teacher training")
    students = [RosterStudentFactory(teacher=teacher, name=f"Student {i:02d}") for i in range(60)]
    services.enrol(course=course, students=students)
    return SessionFactory(course=course), students


def test_find_and_mark_a_student_with_the_keyboard(phone_page, big_session):
    session, students = big_session
    page = phone_page
    # htmx settles a swapped row from the old one's classes, so the buttons' colours would
    # be mid-transition when axe checks their contrast.
    page.emulate_media(reduced_motion="reduce")
    sign_in(page, "tess@example.test", PASSWORD)
    page.goto(session.get_absolute_url())
    assert page.locator(".attendance-row").count() == 50  # one page of 60
    page.get_by_label("Find a student").fill("student 42")
    page.get_by_label("Find a student").press("Enter")
    page.wait_for_url("**q=student+42**")
    row = page.locator(".attendance-row")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Student 42")

    present = row.get_by_role("button", name="Present")
    present.focus()
    page.keyboard.press("Enter")
    expect(row.get_by_role("button", name="Present")).to_have_attribute("aria-pressed", "true")
    # htmx swapped the row: the focus is back on the button pressed, and the counts moved.
    expect(page.locator("#attendance-counts")).to_have_text("1 present · 0 absent · 0 late cancels")
    assert page.evaluate("document.activeElement.id") == f"attendance-{students[42].pk}-present"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the next button: absent, a correction
    expect(row.get_by_role("button", name="Absent")).to_have_attribute("aria-pressed", "true")
    assert dict(Attendance.objects.values_list("student__name", "status")) == {
        "Student 42": "absent"
    }
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert axe_violations(page) == []

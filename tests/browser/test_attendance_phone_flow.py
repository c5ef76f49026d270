"""Attendance first on the phone (issue 15, part 4): at the door, on a 390 px phone, the
teacher sees the list without scrolling, taps "All present", corrects one to "Absent", and
the totals follow without a reload. The page stays accessible and within the screen on a
phone, a tablet and a desktop; the plan and its checks fold on narrow screens only."""

import pytest
from playwright.sync_api import expect

from classes import services
from classes.models import Attendance
from tests.browser.conftest import axe_violations, sign_in
from tests.factories import (
    PASSWORD,
    CourseFactory,
    HealthNoteFactory,
    RegionFactory,
    RosterStudentFactory,
    SessionFactory,
    TeacherFactory,
    TechniqueFactory,
    make_plan,
)


@pytest.fixture
def session_at_the_door(transactional_db):
    """Eight enrolled (one already marked absent, two new to ball work, one with a note
    that a step of the plan works against); the session teaches a published plan."""
    teacher = TeacherFactory(email="tess@example.test")
    course = CourseFactory(teacher=teacher, capacity=20, title="Tuesday evening")
    names = ["Ada", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana"]
    students = [
        RosterStudentFactory(teacher=teacher, name=f"{name} Example", new_to_ball_work=i < 2)
        for i, name in enumerate(names)
    ]
    neck = RegionFactory(slug="back-of-neck", name="Back of the neck")
    HealthNoteFactory(student=students[2], avoid_regions=[neck])
    services.enrol(course=course, students=students)
    plan = make_plan(teacher, techniques=[TechniqueFactory(name="Neck roll", regions=[neck])])
    version = services.plan_publish(plan=plan, expected_version=plan.lock_version)
    session = SessionFactory(course=course, plan_version=version)
    services.attendance_mark(session=session, student=students[7], status="absent")
    return session, students


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_all_present_then_one_absent_on_a_phone(phone_page, session_at_the_door):
    session, students = session_at_the_door
    page = phone_page
    page.emulate_media(reduced_motion="reduce")  # no mid-transition colours for axe
    sign_in(page, "tess@example.test", PASSWORD)
    page.goto(session.get_absolute_url())
    page.evaluate("window.notReloaded = true")

    # Attendance first: its heading, totals, "All present" and the first name are on screen.
    height = page.viewport_size["height"]
    all_present = page.get_by_role("button", name="All present")
    first_row = page.locator(f"#attendance-{students[0].pk}")
    for element in [page.locator("#attendance-heading"), all_present, first_row]:
        box = element.bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= height
    expect(first_row).to_contain_text("new to ball work")  # the badge, for screen readers
    expect(page.locator("#attendance-unmarked")).to_have_text("7 not marked yet")
    # The plan's checks and the session's form follow, folded.
    assert page.evaluate("document.querySelector('.session-plan .findings details').open") is False
    assert page.evaluate("document.querySelector('details.session-settings').open") is False
    assert fits(page)
    assert axe_violations(page) == []

    all_present.click()
    counts = page.locator("#attendance-counts")
    expect(counts).to_have_text("7 present · 1 absent · 0 late cancels")
    expect(page.locator("#attendance-unmarked")).to_have_text("Everyone is marked.")
    row = page.locator(f"#attendance-{students[3].pk}")
    expect(row.get_by_role("button", name="Present")).to_have_attribute("aria-pressed", "true")
    # The one marked before stays absent.
    last = page.locator(f"#attendance-{students[7].pk}")
    expect(last.get_by_role("button", name="Absent")).to_have_attribute("aria-pressed", "true")

    row.get_by_role("button", name="Absent").click()
    expect(row.get_by_role("button", name="Absent")).to_have_attribute("aria-pressed", "true")
    expect(counts).to_have_text("6 present · 2 absent · 0 late cancels")
    assert page.evaluate("window.notReloaded") is True  # no reload on the way
    statuses = list(session.attendance.values_list("status", flat=True))
    assert statuses.count(Attendance.Status.PRESENT) == 6
    assert statuses.count(Attendance.Status.ABSENT) == 2
    assert fits(page)
    assert axe_violations(page) == []


def test_the_session_page_on_a_tablet_and_a_desktop(page, session_at_the_door):
    session, _students = session_at_the_door
    page.emulate_media(reduced_motion="reduce")
    sign_in(page, "tess@example.test", PASSWORD)

    page.set_viewport_size({"width": 768, "height": 1024})
    page.goto(session.get_absolute_url())
    assert fits(page)
    # Stacked: attendance above, the plan folded below it.
    assert page.evaluate("document.querySelector('details.session-settings').open") is False
    plan_top = page.locator("#plan-heading").bounding_box()["y"]
    assert page.locator("#attendance-heading").bounding_box()["y"] < plan_top

    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(session.get_absolute_url())
    # Side by side, at the same height, and the plan's checks and form open.
    attendance = page.locator("#attendance-heading").bounding_box()
    plan = page.locator("#plan-heading").bounding_box()
    assert attendance["x"] < plan["x"] and abs(attendance["y"] - plan["y"]) < 2
    expect(page.locator(".session-plan .findings details")).to_have_attribute("open", "")
    expect(page.locator("details.session-settings")).to_have_attribute("open", "")
    expect(page.get_by_label("Plan taught")).to_be_visible()
    assert fits(page)
    assert axe_violations(page) == []

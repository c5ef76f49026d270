"""Home routines on a phone, end to end."""

import pytest
from playwright.sync_api import expect

from classes import services as plan_services
from classes.models import Course
from students.models import PracticeLog, Student
from tests.browser.conftest import axe_violations, sign_in
from tests.factories import PASSWORD, StudentFactory, TeacherFactory, TechniqueFactory, make_plan


@pytest.fixture
def world(transactional_db):
    teacher = TeacherFactory(email="tess@example.test", name="Tess Teacher")
    account = StudentFactory(email="sam@example.test", name="Sam Student")
    plan = make_plan(
        teacher,
        title="Evening roll",
        techniques=[
            TechniqueFactory(name="Foot roll", per_side=True, duration_seconds=30),
            TechniqueFactory(name="Back pin", duration_seconds=45),
        ],
    )
    version = plan_services.plan_publish(plan=plan, expected_version=plan.lock_version)
    course = Course.objects.create(teacher=teacher, title="Tuesday class")
    sam = Student.objects.create(
        teacher=teacher, name="Sam Student", email=account.email, account=account
    )
    others = [Student.objects.create(teacher=teacher, name=f"Other {i}") for i in range(2)]
    plan_services.enrol(course=course, students=[sam, *others])
    return {"course": course, "version": version}


def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    context.set_default_timeout(10_000)
    return context.new_page()


def test_assign_play_log_history_and_adherence(browser, live_server, world):
    course = world["course"]
    teacher = phone(browser, live_server)
    sign_in(teacher, "tess@example.test", PASSWORD)
    teacher.goto(f"/courses/{course.pk}/assign/")
    teacher.get_by_label("How often").select_option("daily")
    teacher.get_by_role("button", name="Assign").click()
    teacher.get_by_text("assigned to 3 students").wait_for()

    student = phone(browser, live_server)
    student.clock.install()
    sign_in(student, "sam@example.test", PASSWORD)
    expect(student.get_by_text("Due today")).to_be_visible()
    student.get_by_role("link", name="Start").click()
    student.wait_for_load_state("load")
    title = student.locator("[data-title]")
    expect(title).to_have_text("Foot roll")
    expect(student.locator("[data-side]")).to_have_text("Left side")
    assert student.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    student.get_by_role("button", name="Start").tap()
    student.clock.run_for(31_000)
    expect(student.locator("[data-side]")).to_have_text("Right side")
    student.clock.run_for(31_000)
    expect(title).to_have_text("Back pin")
    student.clock.run_for(46_000)
    expect(student.get_by_role("heading", name="All done.")).to_be_visible()

    # The ratings are eleven buttons each (issue 15): tap the number.
    before = student.get_by_role("group", name="Tension before (0 = none, 10 = worst)")
    before.get_by_role("radio", name="7", exact=True).click()
    after = student.get_by_role("group", name="Tension after (0–10)")
    after.get_by_role("radio", name="3", exact=True).click()
    student.get_by_role("button", name="Save my practice").click()
    student.get_by_text("Logged. Well done.").wait_for()
    expect(student.get_by_text("tension 7 → 3")).to_be_visible()
    assert PracticeLog.objects.get().tension_after == 3
    assert axe_violations(student) == []

    teacher.goto(f"/courses/{course.pk}/adherence/")
    row = teacher.locator(".adherence-table tr", has_text="Sam Student")
    expect(row).to_contain_text("1 / 1")
    expect(row).to_contain_text("7 → 7")

"""The student's player on a phone, on Playwright's fake clock: the tension asked before the
first step, half the routine played, "Stop and log", and the log pre-filled with what was
actually played; the player's buttons gone under the log; axe and overflow on the player
and the history at phone and desktop widths."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from classes import services as plan_services
from students.models import PracticeLog, Student
from tests.browser.conftest import axe_violations, sign_in
from tests.factories import PASSWORD, StudentFactory, TeacherFactory, TechniqueFactory, make_plan


@pytest.fixture
def routine(transactional_db):
    """Six minutes: a 90-second technique on each side, then a three-minute one."""
    teacher = TeacherFactory(email="tess@example.test", name="Tess Teacher")
    account = StudentFactory(email="sam@example.test", name="Sam Student")
    plan = make_plan(
        teacher,
        title="Evening roll",
        techniques=[
            TechniqueFactory(name="Wall pin", per_side=True, duration_seconds=90),
            TechniqueFactory(name="Back roll", duration_seconds=180),
        ],
    )
    version = plan_services.plan_publish(plan=plan, expected_version=plan.lock_version)
    sam = Student.objects.create(
        teacher=teacher, name="Sam Student", email=account.email, account=account
    )
    (assignment,) = plan_services.homework_assign(
        students=[sam], version=version, frequency="daily", starts_on=timezone.localdate()
    )
    assert assignment.snapshot["total_seconds"] == 360
    return assignment


def no_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_half_the_routine_played_logs_half_the_minutes(page, routine):
    page.set_viewport_size({"width": 390, "height": 844})
    page.clock.install()
    sign_in(page, "sam@example.test", PASSWORD)
    page.goto(f"/me/routines/{routine.pk}/")

    # Before the first step: the question, with a large 0–10 scale, and nothing else.
    question = page.get_by_role("group", name="How tense do you feel now?")
    expect(question).to_be_visible()
    expect(page.get_by_role("button", name="Skip")).to_be_hidden()
    expect(page.locator("[data-clock]")).to_be_hidden()
    five = question.get_by_role("radio", name="5")
    assert five.evaluate("e => e.getBoundingClientRect().height") >= 44  # a thumb's target
    five.focus()
    page.keyboard.press("ArrowRight")  # the keyboard moves along the scale: 6
    expect(question.get_by_role("radio", name="6")).to_be_checked()
    assert no_overflow(page)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Start").click()

    # Half the routine (three of its six minutes), then stop.
    expect(page.locator("[data-title]")).to_have_text("Wall pin")
    page.clock.fast_forward(180_000)
    expect(page.locator("[data-title]")).to_have_text("Back roll")
    expect(page.locator("[data-clock]")).to_have_text(re.compile(r"^(3:00|2:5\d)$"))
    assert no_overflow(page)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Stop and log").click()

    # The log: three minutes, the tension given at the start; the player's buttons gone.
    expect(page.get_by_role("heading", name="All done.")).to_be_visible()
    expect(page.get_by_label("Minutes")).to_have_value("3")
    expect(page.get_by_text(re.compile(r"You played for 3:0\d"))).to_be_visible()
    before = page.get_by_role("group", name="Tension before (0 = none, 10 = worst)")
    expect(before.get_by_role("radio", name="6")).to_be_checked()
    for name in ["Back", "Skip", "Stop and log"]:
        expect(page.get_by_role("button", name=name)).to_be_hidden()
    assert no_overflow(page)
    assert axe_violations(page) == []
    page.get_by_role("group", name="Tension after (0–10)").get_by_role("radio", name="2").click()
    page.get_by_role("button", name="Save my practice").click()
    page.get_by_text("Logged. Well done.").wait_for()
    log = PracticeLog.objects.get()
    assert (log.minutes, log.tension_before, log.tension_after) == (3, 6, 2)

    # The history: its chart, the table beside it, no overflow; then on a desktop.
    expect(page.get_by_role("img", name="Tension over the last four weeks")).to_be_visible()
    assert no_overflow(page)
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 1366, "height": 900})
    assert axe_violations(page) == []


def test_five_seconds_and_skips_log_no_minutes(page, routine):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.clock.install()
    sign_in(page, "sam@example.test", PASSWORD)
    page.goto(f"/me/routines/{routine.pk}/")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(5_000)
    for _ in range(3):  # skip every step: the routine ends
        page.get_by_role("button", name="Skip").click()
    expect(page.get_by_role("heading", name="All done.")).to_be_visible()
    expect(page.get_by_label("Minutes")).to_have_value("0")
    expect(page.get_by_role("button", name="Back")).to_be_hidden()
    assert axe_violations(page) == []

"""Teach mode's timer, driven by Playwright's fake clock: no real waiting."""

import pytest
from playwright.sync_api import expect

from classes import services
from tests.browser.conftest import axe_violations, sign_in
from tests.factories import PASSWORD, TeacherFactory, TechniqueFactory, make_plan


@pytest.fixture
def plan(transactional_db):
    teacher = TeacherFactory(email="tess@example.test")
    plan = make_plan(
        teacher,
        title="Quick class",
        techniques=[
            TechniqueFactory(
                name="Foot roll", per_side=True, duration_seconds=60, cues=["Slow.", "Breathe."]
            ),
            TechniqueFactory(name="Back pin", duration_seconds=90),
        ],
    )
    services.plan_publish(plan=plan, expected_version=plan.lock_version)
    return plan


def test_teach_mode_counts_down_splits_sides_and_obeys_the_keyboard(page, plan):
    page.clock.install()
    sign_in(page, "tess@example.test", PASSWORD)
    page.goto(f"/plans/{plan.pk}/teach/")
    title, side, clock = (
        page.locator("[data-title]"),
        page.locator("[data-side]"),
        page.locator("[data-clock]"),
    )
    expect(title).to_have_text("Foot roll")
    expect(side).to_have_text("Left side")
    expect(clock).to_have_text("1:00")
    expect(page.locator("[data-next]")).to_have_text("Foot roll (Right side)")

    page.keyboard.press(" ")  # start
    page.clock.run_for(30_000)
    expect(clock).to_have_text("0:30")
    page.keyboard.press(" ")  # pause: time stands still
    page.clock.run_for(20_000)
    expect(clock).to_have_text("0:30")
    expect(page.get_by_role("button", name="Resume")).to_be_visible()
    page.keyboard.press(" ")  # resume
    page.clock.run_for(31_000)
    expect(side).to_have_text("Right side")  # the left side ended; on to the right
    expect(title).to_have_text("Foot roll")

    page.keyboard.press("ArrowRight")  # skip
    expect(title).to_have_text("Back pin")
    expect(side).to_be_hidden()
    expect(clock).to_have_text("1:30")
    page.keyboard.press("ArrowLeft")  # back
    expect(side).to_have_text("Right side")

    page.get_by_role("button", name="Skip").click()  # touch and mouse too
    page.clock.run_for(91_000)
    expect(page.get_by_role("heading", name="All done.")).to_be_visible()


def test_teach_mode_keeps_working_offline(page, plan):
    page.clock.install()
    sign_in(page, "tess@example.test", PASSWORD)
    page.goto(f"/plans/{plan.pk}/teach/")
    page.context.set_offline(True)
    page.keyboard.press(" ")
    page.clock.run_for(125_000)
    expect(page.locator("[data-title]")).to_have_text("Back pin")
    page.context.set_offline(False)


@pytest.mark.parametrize("suffix", ["", "print/", "teach/"])
def test_plan_pages_pass_axe(page, plan, suffix):
    sign_in(page, "tess@example.test", PASSWORD)
    page.goto(f"/plans/{plan.pk}/{suffix}")
    assert axe_violations(page) == []


def test_plan_list_passes_axe(page, plan):
    sign_in(page, "tess@example.test", PASSWORD)
    page.goto("/plans/")
    assert axe_violations(page) == []

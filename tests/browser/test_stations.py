"""Timed stations in the player, on Playwright's fake clock: seed 003's wall routine steps
through its six places with their own seconds, a soft chime between them (issue 13)."""

import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from classes import services
from routines.models import Step, Technique
from students.models import Student
from tests.browser.conftest import axe_violations, sign_in
from tests.factories import PASSWORD, StudentFactory, TeacherFactory, make_plan

WALL = "massage-ball-upper-body-wall"  # seed 003


@pytest.fixture
def world(transactional_db):
    call_command("load_library", verbosity=0)
    teacher = TeacherFactory(email="tess@example.test")
    account = StudentFactory(email="sam@example.test")
    plan = make_plan(
        teacher, title="Upper body at the wall", techniques=[Technique.objects.get(slug=WALL)]
    )
    sam = Student.objects.create(teacher=teacher, name="Sam", email=account.email, account=account)
    return {"teacher": teacher, "plan": plan, "sam": sam}


def publish(plan):
    plan.refresh_from_db()
    return services.plan_publish(plan=plan, expected_version=plan.lock_version)


def record_signals(page):
    """Count the chimes instead of playing them: true for the soft one between stations."""
    page.evaluate(
        "() => { window.signals = []; window.StepTimer.signal = (soft) => "
        "window.signals.push(Boolean(soft)); }"
    )


def test_the_student_s_player_steps_through_seed_003_s_stations(page, world):
    (assignment,) = services.homework_assign(
        students=[world["sam"]],
        version=publish(world["plan"]),
        frequency="daily",
        starts_on=timezone.localdate(),
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.clock.install()
    sign_in(page, "sam@example.test", PASSWORD)
    page.goto(f"/me/routines/{assignment.pk}/")
    record_signals(page)
    position, region = (
        page.locator("[data-station-position]"),
        page.locator("[data-station-region]"),
    )
    station_clock, step_clock = page.locator("[data-station-clock]"), page.locator("[data-clock]")
    instruction, drawing = (
        page.locator("[data-station-instruction]"),
        page.locator("[data-picture] svg"),
    )

    expect(page.locator("[data-side]")).to_have_text("Left side")
    expect(position).to_have_text("Station 1 of 6")
    expect(region).to_have_text("Top of the shoulder")
    expect(instruction).to_contain_text("roll side to side across the ridge")
    expect(station_clock).to_have_text("0:10")
    expect(step_clock).to_have_text("4:00")  # the step's whole countdown, still there
    expect(drawing).to_have_attribute("aria-label", re.compile("top of the left shoulder"))
    expect(page.locator("[data-station-now]")).to_have_attribute("aria-live", "polite")

    page.get_by_role("button", name="Start").click()
    page.clock.run_for(5_000)
    expect(station_clock).to_have_text("0:05")
    expect(step_clock).to_have_text("3:55")

    # Each station in turn, with its own seconds (10, 60, 50, 40, 40, 40: the step's 240).
    expected = [
        (2, "Between the shoulder blades", "Beside the spine", "1:00", "3:50", 5_000),
        (3, "Back of the shoulder", "Behind the shoulder blade", "0:50", "2:50", 60_000),
        (4, "Back of the neck", "much lighter pressure", "0:40", "2:00", 50_000),
        (5, "Upper arm", "Outside of the shoulder", "0:40", "1:20", 40_000),
        (6, "Front of the shoulder and chest", "Front of the chest", "0:40", "0:40", 40_000),
    ]
    for n, name, words, station_left, step_left, wait in expected:
        page.clock.run_for(wait)
        expect(position).to_have_text(f"Station {n} of 6")
        expect(region).to_have_text(name)
        expect(instruction).to_contain_text(words)
        expect(station_clock).to_have_text(station_left)
        expect(step_clock).to_have_text(step_left)
    expect(drawing).to_have_attribute("aria-label", re.compile("left side of the chest"))
    assert page.evaluate("window.signals") == [True] * 5  # a soft chime between stations

    page.clock.run_for(40_000)  # the last station ends the step: on to the right side
    expect(page.locator("[data-side]")).to_have_text("Right side")
    expect(position).to_have_text("Station 1 of 6")
    expect(station_clock).to_have_text("0:10")
    assert page.evaluate("window.signals") == [True] * 5 + [False]  # the step's own chime

    page.clock.run_for(12_000)
    expect(position).to_have_text("Station 2 of 6")
    page.keyboard.press("ArrowLeft")  # back moves by step: the left side, from its start
    expect(page.locator("[data-side]")).to_have_text("Left side")
    expect(position).to_have_text("Station 1 of 6")
    expect(step_clock).to_have_text("4:00")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert axe_violations(page) == []


def test_teach_mode_scales_the_stations_to_the_teacher_s_time(page, world):
    plan = world["plan"]
    plan.refresh_from_db()
    services.step_update(
        plan=plan,
        expected_version=plan.lock_version,
        step=Step.objects.get(routine=plan.routine, technique__slug=WALL),
        duration_seconds=120,
    )
    publish(plan)
    page.clock.install()
    sign_in(page, "tess@example.test", PASSWORD)
    page.goto(f"/plans/{plan.pk}/teach/")
    position, station_clock = (
        page.locator("[data-station-position]"),
        page.locator("[data-station-clock]"),
    )
    expect(position).to_have_text("Station 1 of 6")
    expect(station_clock).to_have_text("0:05")  # 10 of 240 s is 5 of 120 s
    expect(page.locator("[data-clock]")).to_have_text("2:00")
    page.keyboard.press(" ")
    page.clock.run_for(5_000)
    expect(position).to_have_text("Station 2 of 6")
    expect(station_clock).to_have_text("0:30")
    page.keyboard.press("ArrowRight")  # skip moves by step: the right side's first station
    expect(page.locator("[data-side]")).to_have_text("Right side")
    expect(position).to_have_text("Station 1 of 6")
    expect(station_clock).to_have_text("0:05")

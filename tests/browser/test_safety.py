"""Safety that follows the student, in a real browser: the swap on the demo plan, and
homework that meets a health note before anything is saved."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from classes import services
from classes.models import ClassPlan
from students.models import Assignment, Student
from tests.browser.conftest import axe_violations, sign_in

DEMO_PASSWORD = "rollcall-demo"


@pytest.fixture
def demo(transactional_db):
    call_command("demo", quiet_logins=True)


def seconds(text: str) -> int:
    minutes, secs = (int(x) for x in text.split(":"))
    return minutes * 60 + secs


def test_swapping_the_conflicting_steps_of_the_demo_plan_clears_the_danger(page, demo):
    plan = ClassPlan.objects.get(title="Tuesday evening: upper back and neck")
    sign_in(page, "teacher@demo.rollcall.test", DEMO_PASSWORD)
    page.goto(f"/plans/{plan.pk}/", wait_until="load")
    summary = page.locator("[data-findings-counts]")
    expect(summary).to_contain_text("1 danger")
    steps = page.locator("#builder .step")
    count = steps.count()
    conflicting = page.locator("#builder .step:has([data-conflict])")
    first = conflicting.first
    position = [s.get_attribute("id") for s in steps.all()].index(first.get_attribute("id"))
    old_title = first.locator(".step-title a").inner_text()
    old_side = first.get_by_label("Side", exact=True).input_value()
    before = seconds(page.locator("#total-time").inner_text())
    swap = first.locator(".swap-button").first
    new_title = swap.inner_text()
    swap.click()
    expect(page.locator("#undo-swap")).to_be_visible()
    # Replaced in place: same place in the plan, same count of steps.
    expect(steps).to_have_count(count)
    expect(steps.nth(position).locator(".step-title a")).to_have_text(new_title)
    assert old_title not in [
        t.strip() for t in page.locator("#builder .step .step-title a").all_inner_texts()
    ]
    if steps.nth(position).get_by_label("Side", exact=True).input_value() == old_side:
        assert seconds(page.locator("#total-time").inner_text()) == before
    expect(steps.nth(position).locator("[data-conflict]")).to_have_count(0)
    # Swap the rest: the danger clears; the step adapted for Sam stays adapted.
    while conflicting.count():
        version = page.locator("#plan-version").input_value()
        conflicting.first.locator(".swap-button").first.click()
        expect(page.locator("#plan-version")).not_to_have_value(version)
    expect(page.locator("#findings .finding-danger")).to_have_count(0)
    expect(summary).not_to_contain_text("danger")
    expect(summary).to_contain_text("1 adapted")
    assert plan.routine.steps.filter(removed=False).count() == count


def test_assigning_the_wall_routine_to_the_student_with_a_neck_note(page, demo):
    teacher = ClassPlan.objects.get(title="Tuesday evening: upper back and neck").owner
    starter = ClassPlan.objects.get(slug="upper-body-wall-routine")
    wall = services.plan_duplicate(plan=starter, owner=teacher, title="Wall routine (seed 003)")
    version = services.plan_publish(plan=wall, expected_version=wall.lock_version)
    sam = Student.objects.get(teacher=teacher, email="student@demo.rollcall.test")
    before = Assignment.objects.filter(student=sam).count()

    sign_in(page, "teacher@demo.rollcall.test", DEMO_PASSWORD)
    page.goto(f"/students/{sam.pk}/assign/?version={version.pk}", wait_until="load")
    page.get_by_role("button", name="Assign", exact=True).click()
    conflicts = page.locator("#conflicts")
    expect(conflicts).to_contain_text("Check before assigning")
    expect(conflicts).to_contain_text("Sam S.: avoid back of the neck")
    expect(conflicts).to_contain_text("Massage ball for upper body at the wall")
    assert Assignment.objects.filter(student=sam).count() == before  # nothing saved yet

    for fieldset in conflicts.locator("fieldset.conflict").all():
        fieldset.get_by_label(re.compile("Keep it")).check()
    page.get_by_role("button", name="Assign", exact=True).click()
    expect(page.locator("#acknowledgement-error")).to_contain_text("Say why")
    assert Assignment.objects.filter(student=sam).count() == before

    reason = "Her physio cleared gentle wall work above the shoulder blades"
    page.get_by_label(re.compile("Why is a kept step fine")).fill(reason)
    page.get_by_role("button", name="Assign", exact=True).click()
    page.wait_for_url(re.compile(rf"/students/{sam.pk}/$"))
    expect(page.locator("main")).to_contain_text(reason)
    assignment = Assignment.objects.filter(student=sam).latest("created_at")
    assert assignment.acknowledgement == reason and assignment.acknowledged_notes


def test_teach_mode_shows_the_reminder_and_the_modification_on_the_teachers_tablet(
    browser, live_server, demo
):
    plan = ClassPlan.objects.get(title="Tuesday evening: upper back and neck")
    session = plan.versions.get().sessions.first()
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1024, "height": 768})
    page = context.new_page()
    sign_in(page, "teacher@demo.rollcall.test", DEMO_PASSWORD)
    page.goto(f"/plans/{plan.pk}/teach/?session={session.pk}", wait_until="load")
    alerts, title = page.locator("[data-alerts]"), page.locator("[data-title]")
    seen = {}
    for _step in range(30):
        seen[title.inner_text()] = alerts.inner_text() if alerts.is_visible() else ""
        page.keyboard.press("ArrowRight")
        if page.locator("[data-done]").is_visible():
            break
    assert re.match(r"Sam: .+ instead", seen["Levator scapulae pin and stretch on a single ball"])
    assert seen["Posterior scalene pin with head tilt on a single ball"] == (
        "Sam: adapt this step (health note)"
    )
    assert seen["Rhomboid pin on the tote with arm sweeps"] == ""
    context.close()


def test_the_pages_that_carry_safety_findings_pass_axe(page, demo):
    teacher = ClassPlan.objects.get(title="Tuesday evening: upper back and neck").owner
    plan = ClassPlan.objects.get(title="Tuesday evening: upper back and neck")
    session = plan.versions.get().sessions.first()
    sam = Student.objects.get(teacher=teacher, email="student@demo.rollcall.test")
    sign_in(page, "teacher@demo.rollcall.test", DEMO_PASSWORD)
    page.goto(f"/plans/{plan.pk}/", wait_until="load")
    page.locator("#findings summary.findings-summary").click()  # expanded, with its forms
    page.locator("[data-conflict] details summary").first.click()  # the modification form
    assert axe_violations(page) == [], "builder"
    page.goto(session.get_absolute_url(), wait_until="load")
    assert axe_violations(page) == [], "session page"
    page.goto(f"/students/{sam.pk}/assign/?version={plan.versions.get().pk}", wait_until="load")
    page.get_by_role("button", name="Assign", exact=True).click()
    expect(page.locator("#conflicts")).to_be_visible()
    assert axe_violations(page) == [], "assign page with conflicts"

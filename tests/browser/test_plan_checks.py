"""Plan checks live in the builder: a conflicting step raises a finding without a reload."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from classes import services
from classes.models import ClassPlan, Course
from routines.models import Region
from students.models import HealthNote, Student
from tests.browser.conftest import axe_violations, sign_in
from tests.browser.test_plan_builder import add_from_panel
from tests.factories import PASSWORD, TeacherFactory


@pytest.fixture
def plan(transactional_db):
    call_command("load_library", verbosity=0)
    teacher = TeacherFactory(email="tess@example.test")
    course = Course.objects.create(teacher=teacher, title="Tuesdays")
    sam = Student.objects.create(
        teacher=teacher, name="Sam Student", consent_given_at=timezone.now()
    )
    services.enrol(course=course, students=[sam])
    note = HealthNote.objects.create(student=sam, condition="Whiplash")
    note.avoid_regions.set(Region.objects.filter(slug__in=["back-of-neck", "side-of-neck"]))
    plan = services.plan_create(owner=teacher, title="Upper back evening")
    ClassPlan.objects.filter(pk=plan.pk).update(check_course=course)
    return plan


def test_a_conflicting_step_raises_a_finding_and_removing_it_clears_it(page, plan):
    sign_in(page, "tess@example.test", PASSWORD)
    page.goto(f"/plans/{plan.pk}/", wait_until="load")
    danger = page.locator("#findings .finding-danger")
    expect(danger).to_have_count(0)
    add_from_panel(page, "rhomboid windshield", "Rhomboid roll with windshield wiper legs")
    expect(danger).to_have_count(0)
    add_from_panel(page, "levator", "Levator scapulae pin and stretch on a single ball")
    expect(danger).to_have_count(1)
    # One danger per student and note: who and what to avoid, by step number; the step
    # itself carries the conflict and its swap.
    expect(danger).to_contain_text("Sam S.: avoid back of the neck")
    expect(danger).to_contain_text("Step 2 works it")
    levator = page.locator("#builder .step", has_text="Levator scapulae pin and stretch")
    expect(levator.locator("[data-conflict]")).to_be_visible()
    page.get_by_role(
        "button", name="Remove Levator scapulae pin and stretch on a single ball"
    ).click()
    expect(page.get_by_role("button", name="Undo")).to_be_visible()
    expect(danger).to_have_count(0)


def test_the_builder_with_findings_passes_axe(page, plan):
    sign_in(page, "tess@example.test", PASSWORD)
    page.goto(f"/plans/{plan.pk}/", wait_until="load")
    add_from_panel(page, "levator", "Levator scapulae pin and stretch on a single ball")
    assert axe_violations(page) == []

"""Issue 18 in a browser: a visitor switches to French on the landing page, signs in as
the demo teacher and finds the builder, the print page and teach mode in French; the
demo's French-speaking student finds /me/, the player and her history in French."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from classes.models import ClassPlan
from routines.models import Technique
from routines.snapshots import localize_snapshot, play_order
from students.models import Assignment

DEMO_PASSWORD = "rollcall-demo"
FRENCH_STUDENT = "eleve.fr@demo.rollcall.test"


@pytest.fixture
def demo(transactional_db):
    call_command("demo", quiet_logins=True)


def french_name(slug: str) -> str:
    return Technique.objects.get(slug=slug).translations["fr"]["name"]


def sign_in_in_french(page, email):
    page.get_by_label("Courriel").fill(email)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    with page.expect_navigation(wait_until="load"):
        page.locator("main form").get_by_role("button", name="Se connecter").click()


def test_a_teacher_switches_to_french_and_plans_prints_and_teaches_in_it(page, demo):
    page.goto("/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", re.compile(r"^en-"))
    page.locator("#language-menu").click()
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Français").click()
    # The same address, now in French.
    assert page.url.endswith("/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    sign_in_in_french(page, "teacher@demo.rollcall.test")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bonjour")

    plan = ClassPlan.objects.get(title="Tuesday evening: upper back and neck")
    step = plan.routine.steps.filter(technique__isnull=False, removed=False).first()
    name = french_name(step.technique.slug)
    page.goto(f"/plans/{plan.pk}/", wait_until="load")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("#builder")).to_contain_text(name)
    expect(page.locator("#builder")).to_contain_text("Échauffement")
    expect(page.get_by_role("link", name="Imprimer").first).to_be_visible()

    page.goto(f"/plans/{plan.pk}/print/", wait_until="load")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("body")).to_contain_text("Matériel")
    expect(page.locator("body")).to_contain_text(name)

    page.goto(f"/plans/{plan.pk}/teach/", wait_until="load")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("button", name="Commencer")).to_be_visible()
    expect(page.locator("body")).to_contain_text("Étape 1 sur")


def test_the_french_student_plays_and_logs_in_french(page, demo):
    page.goto("/accounts/login/", wait_until="load")
    page.locator("#language-menu").click()
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name="Français").click()
    sign_in_in_french(page, FRENCH_STUDENT)
    page.goto("/me/", wait_until="load")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("#today-heading")).to_have_text("Routines du jour")
    play = page.get_by_role("link", name="Commencer").first
    with page.expect_navigation(wait_until="load"):
        play.click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("button", name="Commencer")).to_be_visible()
    assignment_id = page.url.rstrip("/").split("/")[-1]
    snapshot = Assignment.objects.get(pk=assignment_id).snapshot
    assert any(s.get("technique") for section in snapshot["sections"] for s in section["steps"])
    order = play_order(localize_snapshot(snapshot, "fr"))
    at = next(i for i, step in enumerate(order) if step.get("technique"))
    page.locator("[data-begin]").click()
    for _ in range(at):  # past the teacher's own words to the first technique
        page.locator('[data-action="skip"]').click()
    name = order[at]["technique"]["name"]
    assert name == order[at]["technique"]["translations"]["fr"]["name"]
    expect(page.locator("[data-title]")).to_have_text(name)
    page.goto("/me/history/", wait_until="load")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre pratique")

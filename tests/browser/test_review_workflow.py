"""A teacher submits a technique, a curator reviews it: end to end in Chromium."""

from routines.models import Region, Technique
from tests.browser.conftest import sign_in
from tests.factories import (
    PASSWORD,
    ActionFactory,
    CuratorFactory,
    EquipmentFactory,
    TeacherFactory,
)


def setup_people_and_vocab():
    Region.objects.create(slug="upper-back", name="Upper back")
    ActionFactory(slug="pin", name="Pin")
    EquipmentFactory(slug="therapy-ball", name="Therapy ball")
    teacher = TeacherFactory(email="tess@example.test")
    curator = CuratorFactory(email="cora@example.test")
    return teacher, curator


def submit(page, name):
    page.goto("/library/submissions/new/")
    page.get_by_label("Name").fill(name)
    page.get_by_label("One-line summary").fill(
        "Pin beside the shoulder blade, then reach the arm overhead."
    )
    page.get_by_label("Upper back").check()
    page.get_by_label("Target tissues").fill("rhomboids")
    page.get_by_label("Pin", exact=True).check()
    page.get_by_label("Therapy ball").check()
    page.get_by_label("Position").select_option("wall")
    page.get_by_label("Default duration (seconds)").fill("90")
    page.get_by_label("Instructions, in order").fill(
        "Stand at the wall.\nPlace the ball.\nReach overhead."
    )
    page.get_by_label("Teaching cues").fill("Slow reach.\nKeep breathing.")
    page.get_by_label("Common mistakes").fill("Leaning too hard.")
    page.get_by_role("button", name="Submit for review").click()
    page.get_by_text("waiting for a curator's review").wait_for()


def test_teacher_submits_and_curator_approves(page, transactional_db):
    setup_people_and_vocab()
    sign_in(page, "tess@example.test", PASSWORD)
    submit(page, "Rhomboid reach at the wall")
    page.context.clear_cookies()
    sign_in(page, "cora@example.test", PASSWORD)
    page.goto("/curate/")
    row = page.get_by_role("row", name="Rhomboid reach at the wall")
    row.get_by_role("button", name="Approve and publish").click()
    page.get_by_text("is published").wait_for()
    page.context.clear_cookies()
    page.goto("/library/?q=rhomboid")
    page.get_by_role("link", name="Rhomboid reach at the wall").click()
    page.get_by_role("heading", name="Rhomboid reach at the wall").wait_for()
    assert Technique.objects.get(name="Rhomboid reach at the wall").status == "published"


def test_returned_technique_shows_the_comment_to_the_teacher(page, transactional_db):
    setup_people_and_vocab()
    sign_in(page, "tess@example.test", PASSWORD)
    submit(page, "Rhomboid rock at the wall")
    page.context.clear_cookies()
    sign_in(page, "cora@example.test", PASSWORD)
    page.goto("/curate/")
    row = page.get_by_role("row", name="Rhomboid rock at the wall")
    row.get_by_label("Comment for the teacher").fill("Please add a caution about the spine.")
    row.get_by_role("button", name="Return with comment").click()
    page.get_by_text("went back to its author").wait_for()
    page.context.clear_cookies()
    sign_in(page, "tess@example.test", PASSWORD)
    page.goto("/library/submissions/")
    page.get_by_text("Please add a caution about the spine.").wait_for()
    page.get_by_text("Returned with a comment").wait_for()

"""The heart of the product in a real browser: build, reorder, publish, print, share, teach."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from pypdf import PdfReader

from classes.models import ClassPlan
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, TeacherFactory

TECHNIQUES = [
    ("plantar", "Plantar fascia roll on a spiky ball"),
    ("calf roll", "Calf roll on a therapy ball"),
    ("levator", "Levator scapulae pin and stretch on a single ball"),
    ("rhomboid windshield", "Rhomboid roll with windshield wiper legs"),
    ("chest melt", "Chest melt face down on a large soft ball"),
]


@pytest.fixture
def teacher_in_builder(page, transactional_db):
    call_command("load_library", verbosity=0)
    TeacherFactory(email="tess@example.test", name="Tess Teacher")
    sign_in(page, "tess@example.test", PASSWORD)
    page.goto("/plans/new/")
    page.get_by_label("Title").fill("Tuesday evening flow")
    page.get_by_label("Target length (minutes)").fill("30")
    page.get_by_role("button", name="Create and start building").click()
    page.get_by_role("heading", name="Tuesday evening flow").wait_for()
    page.wait_for_load_state("load")  # htmx and the builder script run after the HTML is parsed
    return page


def saved(page, before: str):
    """Wait until the server has answered: the plan's version moves past `before`."""
    expect(page.locator("#plan-version")).not_to_have_value(before)


def version(page) -> str:
    return page.locator("#plan-version").input_value()


def step_titles(page):
    return [t.strip() for t in page.locator("#builder .step .step-title a").all_inner_texts()]


def total(page):
    return page.locator("#total-time").inner_text()


def add_from_panel(page, query, name):
    """Search the panel, wait for that search's answer to be in place, then add, and wait for
    the add's answer."""
    page.wait_for_load_state("load")
    with page.expect_response(lambda r: "/library/" in r.url and "q=" in r.url) as searched:
        page.locator("#panel-q").fill(query)
    assert searched.value.ok
    # The answer is swapped in after the response: wait until no htmx request or swap is under way,
    # so the click cannot land on a button that is being replaced.
    expect(page.locator(".htmx-request, .htmx-swapping, .htmx-settling")).to_have_count(0)
    button = page.get_by_role("button", name=f"Add {name}")
    button.wait_for()
    count = page.locator("#builder .step").count()
    with page.expect_response(lambda r: "/steps/add/" in r.url) as added:
        button.click()
    assert added.value.status == 200, added.value.status
    expect(page.locator("#builder .step")).to_have_count(count + 1)


def test_build_reorder_publish_print_pdf_share(teacher_in_builder, browser, live_server):
    page = teacher_in_builder
    page.set_viewport_size({"width": 1280, "height": 2600})  # all five steps on screen to drag
    for query, name in TECHNIQUES:
        add_from_panel(page, query, name)
    assert step_titles(page) == [name for _q, name in TECHNIQUES]

    # Drag the last step to the top of the list, by its handle.
    page.locator("#builder .step").first.scroll_into_view_if_needed()
    before_drag = version(page)
    handles = page.locator("#builder .step .drag-handle")
    source = handles.nth(4).bounding_box()
    target = handles.nth(0).bounding_box()
    page.mouse.move(source["x"] + 5, source["y"] + 5)
    page.mouse.down()
    page.mouse.move(source["x"] + 5, source["y"] - 20, steps=5)
    page.mouse.move(target["x"] + 5, target["y"] + 2, steps=25)
    page.mouse.up()
    saved(page, before_drag)
    expect(page.locator("#builder .step .step-title a").first).to_contain_text("Chest melt")
    assert step_titles(page)[0] == "Chest melt face down on a large soft ball"

    # Keyboard: move the (new) first step down one place with its button.
    page.get_by_role("button", name="Move Chest melt face down on a large soft ball down").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#builder .step .step-title a").nth(1)).to_contain_text("Chest melt")
    assert step_titles(page)[:2] == [
        "Plantar fascia roll on a spiky ball",
        "Chest melt face down on a large soft ball",
    ]

    # An each-side step counts twice: the total goes up.
    before = total(page)
    wipers = page.locator("#builder .step", has_text="windshield wiper legs")
    # Issue 15: a step is a compact row; "Edit" opens its form in place.
    wipers.get_by_role("button", name="Edit Rhomboid roll with windshield wiper legs").click()
    assert wipers.get_by_label("Side", exact=True).input_value() == "both"
    wipers.get_by_label("Side", exact=True).select_option("each")
    expect(page.locator("#total-time")).not_to_have_text(before)
    minutes, seconds = (int(x) for x in before.split(":"))
    after_m, after_s = (int(x) for x in total(page).split(":"))
    assert (after_m * 60 + after_s) - (
        minutes * 60 + seconds
    ) == 120  # the 2:00 step now counts twice
    assert (
        "each side" in page.locator("#builder .step", has_text="windshield wiper legs").inner_text()
    )

    # Publish, then print and download the PDF.
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_text("Published as version 1").wait_for()
    plan = ClassPlan.objects.get(title="Tuesday evening flow")
    page.goto(f"/plans/{plan.pk}/print/")
    page.get_by_role("heading", name="Tuesday evening flow").wait_for()
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF (A4)").click()
    with open(download.value.path(), "rb") as fh:
        content = fh.read()
    assert content.startswith(b"%PDF-")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    text = re.sub(r"\s+", " ", text)
    assert "Tuesday evening flow" in text
    for _q, name in TECHNIQUES:
        assert name in text, name

    # Share: open the link signed out, then revoke it.
    page.goto(f"/plans/{plan.pk}/")
    page.locator("#builder-bar summary", has_text="Share").click()  # the header's share menu
    page.get_by_role("button", name="Create a share link").click()
    share_url = page.get_by_label("Share link").input_value()
    assert "/share/" in share_url
    visitor = browser.new_context(base_url=live_server.url).new_page()
    visitor.goto(share_url)
    visitor.get_by_role("heading", name="Tuesday evening flow").wait_for()
    page.get_by_role("button", name="Revoke share link").click()
    page.get_by_text("The share link is revoked").wait_for()
    response = visitor.goto(share_url)
    assert response.status == 404
    visitor.context.close()


def test_removing_a_step_can_be_undone(teacher_in_builder):
    page = teacher_in_builder
    add_from_panel(page, "plantar", TECHNIQUES[0][1])
    add_from_panel(page, "calf roll", TECHNIQUES[1][1])
    page.get_by_role("button", name=f"Remove {TECHNIQUES[0][1]}").click()
    page.get_by_role("button", name="Undo").wait_for()
    assert step_titles(page) == [TECHNIQUES[1][1]]
    page.get_by_role("button", name="Undo").click()
    page.get_by_text("is back").wait_for()
    assert sorted(step_titles(page)) == sorted([TECHNIQUES[0][1], TECHNIQUES[1][1]])


def test_a_bad_duration_is_refused_beside_the_field(teacher_in_builder):
    page = teacher_in_builder
    add_from_panel(page, "plantar", TECHNIQUES[0][1])
    page.get_by_role("button", name=f"Edit {TECHNIQUES[0][1]}").click()  # issue 15: in place
    time = page.locator("#builder .step").first.get_by_label("Time per side")
    time.fill("0")
    time.press("Enter")
    page.get_by_text("A step lasts at least 5 seconds.").wait_for()
    time = page.locator("#builder .step").first.get_by_label("Time per side")
    assert time.get_attribute("aria-invalid") == "true"


def test_a_second_tab_cannot_overwrite_the_first(teacher_in_builder):
    first = teacher_in_builder
    add_from_panel(first, "plantar", TECHNIQUES[0][1])
    add_from_panel(first, "calf roll", TECHNIQUES[1][1])
    second = first.context.new_page()
    second.goto(first.url, wait_until="load")
    second.get_by_role("button", name=f"Move {TECHNIQUES[0][1]} down").click()
    expect(second.locator("#builder .step .step-title a").first).to_contain_text("Calf")
    # The first tab still shows the old order; its change is refused, and the current state shown.
    first.get_by_role("button", name=f"Remove {TECHNIQUES[1][1]}").click()
    first.get_by_text("changed in another tab").wait_for()
    assert step_titles(first) == [TECHNIQUES[1][1], TECHNIQUES[0][1]]

"""The builder fits on a screen (issue 15) at a phone's, a tablet's and a laptop's width:
no sideways scrolling, Publish in view without scrolling (and still in view after
scrolling: the header bar stays), a step opens for editing in place with its side and cue
readable in full, moving a step keeps the keyboard focus on it, and axe-core finds nothing
serious."""

import pytest
from playwright.sync_api import expect

from routines.models import Side, Step
from tests.browser.conftest import axe_violations, sign_in
from tests.factories import PASSWORD, TeacherFactory, TechniqueFactory, make_plan

WIDTHS = [390, 768, 1024, 1366]
LONG_CUE = (
    "Let the arms move with as little effort as possible; the less you grip, the more the "
    "tissue lets go, so breathe out slowly and let the ball sink in"
)


@pytest.fixture
def plan(transactional_db):
    teacher = TeacherFactory(email="tess@example.test", name="Tess Teacher")
    techniques = [
        TechniqueFactory(name=f"Upper back pin with arm sweeps, variation {i}", per_side=i % 2)
        for i in range(6)
    ]
    plan = make_plan(
        teacher, title="Upper back and neck after computer work", techniques=techniques
    )
    main = plan.routine.sections.get(position=2)
    Step.objects.filter(routine=plan.routine, technique=techniques[0]).update(cue=LONG_CUE)
    Step.objects.create(
        routine=plan.routine,
        section=main,
        position=50,
        kind=Step.Kind.EXERCISE,
        title="Figure-four stretch",
        text="Cross the ankle over the knee\nDraw the knee in",
        duration_seconds=60,
        side=Side.EACH,
    )
    return plan


def signed_in(page, plan):
    sign_in(page, "tess@example.test", PASSWORD)
    page.goto(f"/plans/{plan.pk}/", wait_until="load")
    return page


def overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def in_view(locator) -> bool:
    return locator.evaluate(
        "el => { const r = el.getBoundingClientRect();"
        " return r.width > 0 && r.top >= 0 && r.bottom <= window.innerHeight"
        " && r.left >= 0 && r.right <= window.innerWidth; }"
    )


def reads_in_full(select) -> bool:
    """Whether a <select> is wide enough for its chosen option's words (plus its arrow)."""
    return select.evaluate(
        "el => { const probe = document.createElement('span');"
        " probe.style.font = getComputedStyle(el).font; probe.style.whiteSpace = 'nowrap';"
        " probe.textContent = el.options[el.selectedIndex].text; document.body.append(probe);"
        " const need = probe.getBoundingClientRect().width; probe.remove();"
        " return el.clientWidth - 36 >= need; }"
    )


def scrolled_past(page, y: int) -> bool:
    """Whether the page scrolls past `y` within 5 s: the wheel scrolls asynchronously."""
    for _ in range(50):
        if page.evaluate("window.scrollY") > y:
            return True
        page.wait_for_timeout(100)
    return False


def test_the_builder_fits_every_width_with_publish_in_view_and_steps_editable_in_place(page, plan):
    """At 390, 768, 1024 and 1366 px; axe-core at 390 and 1366 px."""
    signed_in(page, plan)
    publish = page.get_by_role("button", name="Publish", exact=True)
    first = page.locator("#builder .step").first
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 844 if width < 500 else 900})
        page.evaluate("window.scrollTo(0, 0)")
        assert overflow(page) <= 0, width
        assert in_view(publish), width
        for name in ("Print preview", "Share"):
            expect(page.locator("#builder-bar").get_by_text(name, exact=True)).to_be_visible()
        # The bar stays in view while the plan scrolls under it.
        page.locator("#builder .step").last.scroll_into_view_if_needed()
        page.mouse.wheel(0, 400)
        assert scrolled_past(page, 200), width
        assert in_view(publish), width

        # A step is a compact row; "Edit" opens its form in place, below its row.
        edit = first.get_by_role("button", name="Edit Upper back pin with arm sweeps, variation 0")
        side = first.get_by_label("Side", exact=True)
        cue = first.get_by_label("Cue for this class")
        expect(side).to_be_hidden()
        edit.click()
        expect(side).to_be_visible()
        expect(edit).to_have_attribute("aria-expanded", "true")
        assert first.locator(".step-row").bounding_box()["y"] < side.bounding_box()["y"]
        side.select_option("both")  # the longest label: "Both sides together"
        assert reads_in_full(side), width
        assert in_view(side) or side.bounding_box()["x"] + side.bounding_box()["width"] <= width
        assert cue.evaluate("el => el.scrollHeight <= el.clientHeight + 2"), width
        assert cue.input_value() == LONG_CUE
        assert overflow(page) <= 0, width
        # The exercise's row: its name, time and side, and a generic picture.
        exercise = page.locator("#builder .step", has_text="Figure-four stretch")
        expect(exercise).to_contain_text("Exercise")
        expect(exercise).to_contain_text("1:00 each side")
        expect(exercise.locator(".step-icon")).to_have_count(1)
        if width in (390, 1366):  # axe-core, with a step's form and the share menu open
            share = page.locator("#builder-bar summary", has_text="Share")
            share.click()
            page.mouse.move(0, 0)  # no hover, and Bootstrap's colour transitions are over
            page.wait_for_timeout(300)
            found = axe_violations(page)
            assert found == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in found]
            share.click()
        edit.click()  # closes it again
        expect(side).to_be_hidden()


def test_moving_a_step_with_the_keyboard_keeps_the_focus_on_it(page, plan):
    signed_in(page, plan)
    titles = page.locator("#builder .step .step-title a")
    name = "Upper back pin with arm sweeps, variation 1"
    expect(titles.nth(1)).to_have_text(name)
    down = page.get_by_role("button", name=f"Move {name} down")
    before = page.locator("#plan-version").input_value()
    down.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#plan-version")).not_to_have_value(before)
    expect(titles.nth(2)).to_have_text(name)
    moved = page.locator("#builder .step", has_text=name)
    step_id = moved.get_attribute("id").removeprefix("step-")
    # The focus is back on the same button of the moved step, so Enter moves it again.
    expect(page.get_by_role("button", name=f"Move {name} down")).to_be_focused()
    assert page.evaluate("document.activeElement.id") == f"move-down-{step_id}"
    before = page.locator("#plan-version").input_value()
    page.keyboard.press("Enter")
    expect(page.locator("#plan-version")).not_to_have_value(before)
    expect(titles.nth(3)).to_have_text(name)
    # Shift+Tab goes to the step's own "Remove"? No: back to its "Move up", beside it.
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == f"move-up-{step_id}"
    page.keyboard.press("Enter")
    expect(titles.nth(2)).to_have_text(name)
    expect(page.get_by_role("button", name=f"Move {name} up")).to_be_focused()
    # An edit keeps its form open and the focus in the field.
    page.get_by_role("button", name=f"Edit {name}").click()
    time = moved.get_by_label("Time", exact=False).first
    time.fill("2:30")
    before = page.locator("#plan-version").input_value()
    time.press("Tab")  # change: saved
    expect(page.locator("#plan-version")).not_to_have_value(before)
    expect(moved.get_by_label("Side", exact=True)).to_be_visible()
    expect(moved.get_by_label("Side", exact=True)).to_be_focused()
    expect(moved.locator(".step-side")).to_contain_text("2:30 each side")

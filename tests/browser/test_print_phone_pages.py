"""The print page, the share page and the class handout read on a phone and on a desktop
(issue 15, part 3): no sideways scrolling, the first step within a screen and a half, the
body map beside the title on a desktop and above the steps on a phone, and no serious
accessibility violations."""

import datetime

import pytest
from django.utils import timezone

from classes import services
from classes.models import Course, Session
from students.models import Student
from tests.browser.conftest import axe_violations, sign_in
from tests.factories import (
    PASSWORD,
    RegionFactory,
    StudentFactory,
    TeacherFactory,
    TechniqueFactory,
    make_plan,
)

WIDTHS = [(390, 844), (1366, 900)]
LONG_CUES = [
    "Let the arm dangle like a wet towel while the ball finds the ridge of the shoulder.",
    "Pressure around 5 or 6 out of 10: you can still breathe easily and talk.",
]


@pytest.fixture
def world(transactional_db):
    teacher = TeacherFactory(email="tess@example.test")
    account = StudentFactory(email="sam@example.test")
    sam = Student.objects.create(teacher=teacher, name="Sam", email=account.email, account=account)
    regions = [RegionFactory(slug=s, name=s.title()) for s in ("upper-back", "neck", "calf")]
    plan = make_plan(
        teacher,
        title="Tuesday evening: upper back and neck after a long day at the computer",
        focus="Upper back and neck after computer work",
        notes="Each student needs a tote with two therapy balls and a yoga block.",
        techniques=[
            TechniqueFactory(
                name=f"Upper trapezius single-spot pin at the wall, variation {i}",
                per_side=bool(i % 2),
                cues=LONG_CUES,
                regions=[regions[i % 3]],
                cautions=[
                    "Pregnancy raises the risk of clots in the legs: keep "
                    f"{('calf', 'thigh', 'lower-leg')[i % 3]} work light.",
                    "If the ball slides forward toward the collarbone, move it back onto the "
                    "muscle behind the ridge.",
                ],
            )
            for i in range(6)
        ],
    )
    services.plan_publish(plan=plan, expected_version=plan.lock_version)
    plan.share_token = "t" * 32
    plan.save(update_fields=["share_token"])
    course = Course.objects.create(teacher=teacher, title="Tuesdays")
    services.enrol(course=course, students=[sam])
    version = plan.versions.get()
    Session.objects.create(
        course=course, starts_at=timezone.now() - datetime.timedelta(days=1), plan_version=version
    )
    return {"plan": plan, "version": version}


def check_layout(page, url):
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(url)
        sizes = page.evaluate(
            """() => ({
                scroll: document.documentElement.scrollWidth,
                inner: window.innerWidth,
                step: document.querySelector("tr.plan-step").getBoundingClientRect().top,
                heading: document.querySelector(".plan-section h2").getBoundingClientRect(),
                map: document.querySelector(".print-body-map")?.getBoundingClientRect() || null,
                label: getComputedStyle(
                    document.querySelector("td.col-cues[data-label]"), "::before"
                ).content,
                display: getComputedStyle(document.querySelector("tr.plan-step")).display,
            })"""
        )
        assert sizes["scroll"] <= sizes["inner"], (url, width, sizes)
        assert 0 < sizes["step"] < 1.5 * height, (url, width, sizes)
        # The body map never sits beside the first section's heading, squeezing it.
        heading, body_map = sizes["heading"], sizes["map"]
        assert body_map is not None and body_map["bottom"] <= heading["top"], (url, width)
        assert heading["width"] >= 0.9 * min(width, 960) - 40, (url, width, heading)
        if width < 768:  # a block per step, its cues under their label
            assert sizes["display"] == "flex" and sizes["label"] == '"Key cues"', sizes
        else:  # the table
            assert sizes["display"] == "table-row" and sizes["label"] == "none", sizes
        violations = axe_violations(page)
        assert violations == [], (url, width, violations)


def test_print_share_and_handout_pages_read_on_a_phone_and_a_desktop(page, world):
    """One world for the three pages, each seen by its reader (one test: the live server's
    database is set up once)."""
    sign_in(page, "tess@example.test", PASSWORD)
    check_layout(page, f"/plans/{world['plan'].pk}/print/")

    page.context.clear_cookies()  # anyone with the link
    check_layout(page, f"/share/{world['plan'].share_token}/")

    sign_in(page, "sam@example.test", PASSWORD)
    handout = f"/me/handouts/{world['version'].pk}/"
    check_layout(page, handout)
    page.get_by_role("link", name="← Back to today").click()
    page.wait_for_url("**/me/")
    page.emulate_media(media="print")  # the way back is for the screen only
    page.goto(handout)
    assert not page.get_by_role("link", name="← Back to today").is_visible()

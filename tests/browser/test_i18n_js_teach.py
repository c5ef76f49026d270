"""The scripts in French (issue 18), through the JavaScript catalogue: teach mode's Start,
Pause and Resume button, its step and side; the student's player's note on the time played;
a copy button's message. The page fixture fails the test on any script error or Content
Security Policy violation in the console, so the catalogue runs under the strict CSP."""

import re

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from classes import services
from students.models import Student
from tests.browser.conftest import sign_in
from tests.factories import (
    PASSWORD,
    CourseFactory,
    StudentFactory,
    TeacherFactory,
    TechniqueFactory,
    make_plan,
)


@pytest.fixture
def version(transactional_db):
    teacher = TeacherFactory(email="tess@example.test", name="Tess Teacher")
    plan = make_plan(
        teacher,
        title="Quick class",
        techniques=[
            TechniqueFactory(name="Foot roll", per_side=True, duration_seconds=60),
            TechniqueFactory(name="Back pin", duration_seconds=90),
        ],
    )
    return services.plan_publish(plan=plan, expected_version=plan.lock_version)


def in_french(page, live_server):
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "fr", "url": live_server.url}]
    )


def catalogue_requests(page) -> list:
    urls = []
    page.on("response", lambda r: urls.append((r.url, r.status)) if "/jsi18n/" in r.url else None)
    return urls


def test_teach_mode_in_french(page, live_server, version):
    page.clock.install()
    sign_in(page, "tess@example.test", PASSWORD)  # in English: the helper reads English labels
    in_french(page, live_server)
    loaded = catalogue_requests(page)
    page.goto(f"/plans/{version.plan.pk}/teach/")

    expect(page.locator("html")).to_have_attribute("lang", "fr")
    toggle = page.locator("[data-action=toggle]")
    expect(page.locator("[data-title]")).to_have_text("Foot roll")
    expect(page.locator("[data-position]")).to_have_text("Étape 1 sur 3")
    expect(page.locator("[data-side]")).to_have_text("Côté gauche")
    expect(page.locator("[data-next]")).to_have_text("Foot roll (Côté droit)")
    expect(toggle).to_have_text("Commencer")

    page.keyboard.press(" ")  # start: the button the script relabels says Pause
    page.clock.run_for(10_000)
    expect(toggle).to_have_text("Pause")
    page.keyboard.press(" ")  # pause
    expect(toggle).to_have_text("Reprendre")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.locator("[data-title]")).to_have_text("Back pin")
    expect(page.locator("[data-next]")).to_have_text("Dernière étape")

    # One catalogue, the French one, from this site: nothing blocked (the fixture checks
    # the console), and the English words were replaced by the script, not by the server.
    assert len(loaded) == 1 and loaded[0][1] == 200, loaded
    assert re.search(r"/jsi18n/\?l=fr&v=[0-9a-f]{16}$", loaded[0][0]), loaded
    assert page.evaluate("gettext('Resume')") == "Reprendre"


def test_the_students_player_in_french(page, live_server, version):
    teacher = version.plan.owner
    account = StudentFactory(email="sam@example.test", name="Sam Student")
    sam = Student.objects.create(
        teacher=teacher, name="Sam Student", email=account.email, account=account
    )
    (assignment,) = services.homework_assign(
        students=[sam], version=version, frequency="daily", starts_on=timezone.localdate()
    )
    page.clock.install()
    sign_in(page, "sam@example.test", PASSWORD)
    in_french(page, live_server)
    page.goto(f"/me/routines/{assignment.pk}/")

    page.locator("[data-begin]").click()
    expect(page.locator("[data-action=toggle]")).to_have_text("Pause")
    page.clock.fast_forward(125_000)  # two minutes and five seconds
    page.locator("[data-action=stop]").click()
    # The time played in French words, with non-breaking spaces: "2 min 05 s".
    expect(page.locator("[data-played-note]")).to_have_text(
        re.compile(r"^Vous avez pratiqué pendant 2\u00a0min\u00a00\d\u00a0s \(les étapes")
    )


def test_a_copy_button_says_so_in_french(page, live_server, version):
    course = CourseFactory(teacher=version.plan.owner)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    sign_in(page, "tess@example.test", PASSWORD)
    in_french(page, live_server)
    page.goto(course.get_absolute_url())
    page.locator("button[data-copy=course-feed]").click()
    expect(page.locator("#course-feed-status")).to_have_text("Adresse copiée.")

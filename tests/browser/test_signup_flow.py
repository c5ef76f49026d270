"""Sign-up in a real browser (issue 15, part 9): a teacher signs up, confirms their address
by the emailed link, makes a course with a join link, and a student joins through it on a
phone and appears on the roster. Axe-core checks the sign-up and join pages at phone and
desktop widths."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.models import User
from classes.models import Course, Enrolment
from tests.browser.conftest import axe_violations

PASSWORD = "balls-and-rollers-2026"
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1366, "height": 900}


def emailed_link(to: str) -> str:
    message = next(m for m in reversed(mail.outbox) if m.to == [to])
    return re.sub(r"^https?://[^/]+", "", re.search(r"https?://\S+", message.body).group(0))


def check_page(page, widths=(PHONE, DESKTOP)):
    """No serious or critical axe violation, and nothing wider than the screen, per width."""
    for size in widths:
        page.set_viewport_size(size)
        assert axe_violations(page) == [], size
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, size


@pytest.fixture
def mailbox(transactional_db):
    mail.outbox = []
    return mail.outbox


def test_teacher_signs_up_and_a_student_joins_through_the_link(page, browser, live_server, mailbox):
    # The teacher finds sign-up from the sign-in page.
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Sign up as a teacher").click()
    page.get_by_role("heading", name="Sign up as a teacher").wait_for()
    check_page(page)
    page.get_by_label("Your name").fill("Tess Teacher")
    page.get_by_label("Email").fill("tess@example.test")
    page.get_by_label("Choose a password").fill("short")
    page.get_by_label("The same password again").fill("short")
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_text("This password is too short")).to_be_visible()
    check_page(page, widths=(PHONE,))  # the errors beside the fields, on a phone
    assert not User.objects.exists()
    page.get_by_label("Choose a password").fill(PASSWORD)
    page.get_by_label("The same password again").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    page.get_by_role("heading", name="Check your inbox").wait_for()

    # The link from the (console, here in-memory) email; confirming asks for the password.
    page.goto(emailed_link("tess@example.test"))
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm my email address").click()
    page.get_by_text("Your email address is confirmed").wait_for()
    expect(page.locator("#first-steps")).to_contain_text("Add a course")

    # A course, and its join link.
    page.get_by_role("link", name="Add a course").click()
    page.get_by_label("Title").fill("Feet for runners")
    page.get_by_label("Capacity").fill("8")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Turn on the join link").click()
    join_url = page.locator("#join-url").input_value()
    assert re.search(r"/join/[\w-]{40,}/$", join_url)

    # A student opens it on a phone, signs up, and confirms from the email.
    phone = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True)
    student = phone.new_page()
    student.goto(join_url)
    student.get_by_role("heading", name="Join “Feet for runners”").wait_for()
    expect(student.get_by_text("Weekly class with Tess Teacher")).to_be_visible()
    check_page(student)
    student.get_by_label("Your name").fill("Rae Runner")
    student.get_by_label("Email").fill("rae@example.test")
    student.get_by_label("Choose a password").fill(PASSWORD)
    student.get_by_label("The same password again").fill(PASSWORD)
    student.get_by_role("button", name="Sign up and join").click()
    student.get_by_role("heading", name="Check your inbox").wait_for()
    student.goto(emailed_link("rae@example.test"))
    student.get_by_label("Your password").fill(PASSWORD)
    student.get_by_role("button", name="Confirm my email address").click()
    student.get_by_text("You are enrolled in “Feet for runners”").wait_for()
    assert student.url.endswith("/me/")
    phone.close()

    # She is on the roster.
    page.reload()
    expect(page.locator("#roster")).to_contain_text("Rae Runner")
    enrolment = Enrolment.objects.get()
    assert enrolment.student.account.email == "rae@example.test"
    assert enrolment.course == Course.objects.get(title="Feet for runners")


def test_a_link_that_is_off_says_so_plainly(page, mailbox):
    page.goto("/join/not-a-real-link-at-all-0123456789/")
    page.get_by_role("heading", name="This join link cannot be used").wait_for()
    check_page(page)

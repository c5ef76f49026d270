import pytest
from django.core.management import call_command

from tests.browser.conftest import axe_violations, sign_in

DEMO = [
    ("teacher@demo.rollcall.test", "Your teaching at a glance"),
    ("student@demo.rollcall.test", "Today's routines"),
    ("curator@demo.rollcall.test", "You keep the shared technique library"),
]


@pytest.fixture
def demo(transactional_db):
    call_command("demo", quiet_logins=True)


@pytest.mark.parametrize(("email", "marker"), DEMO)
def test_each_demo_role_signs_in_to_its_dashboard(page, demo, email, marker):
    sign_in(page, email, "rollcall-demo")
    page.get_by_text(marker).wait_for()
    assert page.url.endswith(("/", "/me/"))


def test_six_wrong_passwords_lock_the_account_with_a_clear_message(page, demo):
    for _ in range(5):
        sign_in(page, "teacher@demo.rollcall.test", "not-my-password")
        page.get_by_text("do not match an account").wait_for()
    # Five failures from this address lock the account here: the sixth attempt is refused.
    sign_in(page, "teacher@demo.rollcall.test", "not-my-password")
    page.get_by_role("heading", name="Too many wrong passwords").wait_for()
    assert "wait 15 minutes" in page.content()
    sign_in(page, "teacher@demo.rollcall.test", "rollcall-demo")  # even the right password, for now
    page.get_by_role("heading", name="Too many wrong passwords").wait_for()


def test_navigation_works_from_the_keyboard_on_a_phone(phone_page, demo):
    page = phone_page
    sign_in(page, "teacher@demo.rollcall.test", "rollcall-demo")
    page.keyboard.press("Tab")
    skip = page.get_by_text("Skip to main content")
    assert skip.evaluate("el => el === document.activeElement")
    page.get_by_role("button", name="Toggle navigation").click()
    page.get_by_role("link", name="Technique library").click()
    page.get_by_role("heading", name="Technique library").wait_for()


@pytest.mark.parametrize(
    "path", ["/", "/accounts/login/", "/library/", "/library/massage-ball-upper-body-wall/"]
)
def test_public_pages_pass_axe(page, demo, path):
    page.goto(path)
    assert axe_violations(page) == []

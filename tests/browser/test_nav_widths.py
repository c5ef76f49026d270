"""The navigation at tablet and desktop widths (issue 15, part 6): collapsed behind its
button below 992 px, in one row from 992 px, never wider than the screen, and the role
badge and account menu reachable at every width, for each role's longest menu."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, sign_in
from tests.factories import CuratorFactory, TeacherFactory

PASSWORD = "correct-horse-battery-staple"
WIDTHS = [390, 768, 1024, 1366]


@pytest.mark.parametrize("language", ["en-gb", "fr"])
@pytest.mark.parametrize("role", ["teacher", "curator"])
def test_the_navigation_fits_and_its_account_menu_opens(page, transactional_db, role, language):
    factory = {"teacher": TeacherFactory, "curator": CuratorFactory}[role]
    user = factory(
        email=f"{role}@example.test", name="Alexandra Longname-Example", language=language
    )
    user.set_password(PASSWORD)
    user.save()
    sign_in(page, user.email, PASSWORD)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        page.goto("/")
        toggler = page.locator(".navbar-toggler")
        assert toggler.is_visible() == (width < 992), width
        if width < 992:
            toggler.click()
            # Bootstrap adds "show" once the opening transition has ended (a person waits
            # for the menu to stop moving before tapping it).
            expect(page.locator("#main-nav")).to_have_class(re.compile(r"\bshow\b"))
        # The language menu fits too (issue 18), beside the account menu.
        expect(page.locator("#language-menu")).to_be_visible()
        box = page.locator("#language-menu").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (width, box)
        menu = page.locator("#account-menu")
        menu.wait_for(state="visible")
        badge = menu.locator(".badge")
        assert badge.is_visible(), width
        box = badge.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (width, box)
        menu.click()
        expect(menu).to_have_attribute("aria-expanded", "true")
        sign_out = page.get_by_role(
            "button", name={"en-gb": "Sign out", "fr": "Se déconnecter"}[language]
        )
        sign_out.wait_for(state="visible")
        box = sign_out.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (width, box)
        overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 0, f"{overflow}px wider than the screen at {width}px"
        if width in (390, 1366):
            assert axe_violations(page) == [], width

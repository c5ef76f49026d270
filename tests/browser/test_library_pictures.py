"""The library at a phone's width in Chromium: every card shows its picture, with words for
it (issue 13)."""

import re

from playwright.sync_api import expect

from routines.models import Technique


def test_every_card_shows_a_picture_with_alt_text_at_phone_width(
    phone_page, transactional_db, starter_library
):
    published = Technique.objects.published().count()
    assert published >= 150
    seen = 0
    for number in range(1, -(-published // 24) + 1):
        phone_page.goto(f"/library/?page={number}")
        cards = phone_page.locator("article.technique-card")
        expect(cards.first).to_be_visible()
        for i in range(cards.count()):
            card = cards.nth(i)
            # An <svg role="img"> or an <img> with its alt text: an image with a name.
            picture = card.get_by_role("img")
            expect(picture).to_have_count(1)
            expect(picture).to_be_visible()
            expect(picture).to_have_accessible_name(re.compile(r"\w{3,}"))
            box = picture.bounding_box()
            assert box["width"] >= 64 and box["height"] >= 64, box
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        seen += cards.count()
    assert seen == published
    # Nothing is wider than the phone's screen.
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390

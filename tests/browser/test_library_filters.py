"""The library's filters in Chromium: a label ticks its own box (issue 14)."""

from routines.models import Region
from tests.factories import TechniqueFactory


def test_clicking_a_filter_label_ticks_its_box_and_filters_the_results(page, transactional_db):
    upper_back = Region.objects.create(slug="upper-back", name="Upper back", order=1)
    calf = Region.objects.create(slug="ankle-and-calf", name="Ankle and calf", order=2)
    TechniqueFactory(name="Rhomboid pin", regions=[upper_back])
    TechniqueFactory(name="Calf roll", regions=[calf])

    page.goto("/library/")
    page.get_by_text("2 techniques").wait_for()
    page.locator("summary", has_text="Region").click()
    page.locator("label", has_text="Ankle and calf").click()

    assert page.get_by_role("checkbox", name="Ankle and calf").is_checked()
    assert not page.get_by_role("checkbox", name="Upper back").is_checked()
    page.get_by_text("1 technique", exact=True).wait_for()
    assert "region=ankle-and-calf" in page.url
    assert page.get_by_role("link", name="Calf roll").is_visible()
    assert page.get_by_role("link", name="Rhomboid pin").count() == 0


SUITS_ALL = {
    "pregnancy": {"first": "yes", "second": "yes", "third": "yes"},
    "osteoporosis": "yes",
    "clot_risk": "yes",
}


def test_the_suits_pregnancy_label_filters_and_a_typed_search_ranks(page, transactional_db):
    TechniqueFactory(name="Calf roll at the wall", position="wall", suitability=SUITS_ALL)
    TechniqueFactory(
        name="Calf roll lying down",
        suitability={**SUITS_ALL, "pregnancy": {"first": "yes", "second": "no", "third": "no"}},
    )
    page.goto("/library/")
    page.get_by_text("2 techniques").wait_for()
    page.locator("summary", has_text="Suits").click()
    page.locator("label", has_text="Pregnancy (every trimester)").click()
    assert page.get_by_role("checkbox", name="Pregnancy (every trimester)").is_checked()
    page.get_by_text("1 technique", exact=True).wait_for()
    assert "suits=pregnancy" in page.url
    assert page.get_by_role("link", name="Calf roll lying down").count() == 0

    page.goto("/library/")
    page.get_by_role("searchbox").fill("calf shin")
    page.get_by_text("No technique matches all of “calf shin”").wait_for()
    assert page.get_by_role("link", name="Calf roll at the wall").is_visible()

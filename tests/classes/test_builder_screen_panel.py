"""The builder's library panel (issue 15, a builder that fits on a screen): it filters by
action and position as well as words, region and equipment, its results stay cached per
filter, and "Add" puts a technique into the last section used."""

import re

import pytest
from django.urls import reverse

from classes import services
from routines.models import Position
from tests.factories import ActionFactory, EquipmentFactory, RegionFactory, TechniqueFactory

HX = {"HX-Request": "true"}


@pytest.fixture
def library(db):
    pin = ActionFactory(slug="pin", name="Pin")
    roll = ActionFactory(slug="roll", name="Roll")
    back = RegionFactory(slug="upper-back", name="Upper back")
    ball = EquipmentFactory(slug="single-ball", name="Single ball")
    return {
        "wall pin": TechniqueFactory(
            name="Upper back pin at the wall",
            actions=[pin],
            regions=[back],
            equipment=[ball],
            position=Position.WALL,
        ),
        "floor pin": TechniqueFactory(
            name="Upper back pin lying down",
            actions=[pin],
            regions=[back],
            equipment=[ball],
            position=Position.SUPINE,
        ),
        "wall roll": TechniqueFactory(
            name="Upper back roll at the wall",
            actions=[roll],
            regions=[back],
            equipment=[ball],
            position=Position.WALL,
        ),
    }


@pytest.fixture
def plan(teacher, library):
    return services.plan_create(owner=teacher, title="Upper back")


def panel(client, plan, **query) -> str:
    return client.get(reverse("classes:builder-library", args=[plan.pk]), query).content.decode()


def listed(html: str) -> set[str]:
    return set(re.findall(r'aria-label="Add ([^"]+)"', html))


def menu(client, plan, name) -> list[str]:
    """The values the builder's panel offers for a filter (its own <select>)."""
    body = client.get(plan.get_absolute_url()).content.decode()
    found = re.search(rf'<select name="{name}" id="panel-{name}".*?</select>', body, re.S)
    assert found, f"the panel has no {name} menu"
    return re.findall(r'<option value="([^"]*)"', found.group(0))


@pytest.mark.django_db
class TestFilters:
    def test_the_panel_filters_by_action(self, client, teacher, plan):
        client.force_login(teacher)
        assert menu(client, plan, "action") == ["", "pin", "roll"]
        assert listed(panel(client, plan, action="pin")) == {
            "Upper back pin at the wall",
            "Upper back pin lying down",
        }
        assert listed(panel(client, plan, action="roll")) == {"Upper back roll at the wall"}

    def test_the_panel_filters_by_position(self, client, teacher, plan):
        client.force_login(teacher)
        assert menu(client, plan, "position") == ["", *Position.values]
        assert listed(panel(client, plan, position="wall")) == {
            "Upper back pin at the wall",
            "Upper back roll at the wall",
        }
        assert listed(panel(client, plan, position="wall", action="pin")) == {
            "Upper back pin at the wall"
        }

    def test_the_builder_page_shows_the_action_and_position_menus_as_chosen(
        self, client, teacher, plan
    ):
        client.force_login(teacher)
        page = client.get(plan.get_absolute_url(), {"action": "roll", "position": "wall"})
        body = page.content.decode()
        assert page.status_code == 200
        for name, chosen in (("action", "roll"), ("position", "wall")):
            menu = re.search(rf'<select name="{name}" id="panel-{name}".*?</select>', body, re.S)
            assert menu, name
            assert f'<option value="{chosen}" selected>' in menu.group(0)
        assert 'label class="visually-hidden" for="panel-action">Action<' in body
        assert 'for="panel-position">Position<' in body
        results = body[body.index('id="panel-results"') :]
        assert listed(results) == {"Upper back roll at the wall"}

    def test_a_position_or_action_that_does_not_exist_is_ignored_not_an_error(
        self, client, teacher, plan
    ):
        client.force_login(teacher)
        response = client.get(
            reverse("classes:builder-library", args=[plan.pk]), {"position": "upside-down"}
        )
        assert response.status_code == 200
        assert len(listed(response.content.decode())) == 3
        assert client.get(plan.get_absolute_url(), {"action": "nope"}).status_code == 200

    def test_results_are_cached_per_filter(
        self, client, teacher, plan, django_assert_max_num_queries
    ):
        client.force_login(teacher)
        assert "pin" in menu(client, plan, "action") and "wall" in menu(client, plan, "position")
        first = panel(client, plan, action="pin", position="wall")
        # Again: the session, the user, the plan and the library's state; no search.
        with django_assert_max_num_queries(4):
            again = panel(client, plan, action="pin", position="wall")
        assert again == first
        # Another filter is another entry, never the cached one.
        assert listed(panel(client, plan, action="pin", position="supine")) == {
            "Upper back pin lying down"
        }


def chosen_section(body: str) -> str:
    menu = re.search(r'<select name="section" id="panel-section".*?</select>', body, re.S)
    return re.search(r'<option value="(\d+)" selected>', menu.group(0)).group(1)


@pytest.mark.django_db
class TestAddGoesToTheLastSectionUsed:
    def test_an_empty_plan_adds_to_the_main_work(self, client, teacher, plan):
        client.force_login(teacher)
        main = plan.routine.sections.get(position=2)
        assert chosen_section(client.get(plan.get_absolute_url()).content.decode()) == str(main.pk)

    def test_after_an_add_the_menu_stays_on_that_section(self, client, teacher, plan, library):
        client.force_login(teacher)
        warm_up = plan.routine.sections.get(title="Warm-up")
        response = client.post(
            reverse("classes:step-add", args=[plan.pk]),
            {
                "version": plan.lock_version,
                "section": warm_up.pk,
                "technique": library["wall pin"].slug,
            },
            headers=HX,
        )
        assert response.status_code == 200
        # The fresh menu, swapped in beside the plan, keeps Warm-up for the next "Add".
        assert chosen_section(response.content.decode()) == str(warm_up.pk)
        assert chosen_section(client.get(plan.get_absolute_url()).content.decode()) == str(
            warm_up.pk
        )

    def test_a_sections_from_the_library_link_chooses_it_without_javascript(
        self, client, teacher, plan
    ):
        client.force_login(teacher)
        rest = plan.routine.sections.get(title="Rest")
        body = client.get(plan.get_absolute_url()).content.decode()
        assert f'href="?add_to={rest.pk}#panel-q"' in body
        chosen = client.get(plan.get_absolute_url(), {"add_to": rest.pk}).content.decode()
        assert chosen_section(chosen) == str(rest.pk)
        # Another plan's section, or garbage, leaves the default.
        for value in ("999999", "x"):
            page = client.get(plan.get_absolute_url(), {"add_to": value}).content.decode()
            assert chosen_section(page) != str(rest.pk)

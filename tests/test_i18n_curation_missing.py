"""Issue 18, part 3: the curators' list of techniques that lack a (complete) French
translation, and the vocabulary's French in the admin."""

import pytest
from django.contrib.auth.models import Group

from accounts.demo import curators_group
from routines.models import Action, Equipment, Progression, Region, Technique
from tests.factories import CuratorFactory, EquipmentFactory, RegionFactory, TechniqueFactory

URL = "/curate/translations/"

COMPLETE_FR = {
    "name": "Roulé du trapèze",
    "summary": "Un résumé.",
    "tissues": ["trapèze supérieur"],
    "instructions": ["Placez la balle.", "Penchez-vous.", "Respirez."],
    "cues": ["Lentement.", "Respirez."],
    "mistakes": ["Se presser."],
}


@pytest.fixture
def library(db):
    region = RegionFactory(slug="upper-back")
    return {
        "complete": TechniqueFactory(
            name="Complete technique", regions=[region], translations={"fr": COMPLETE_FR}
        ),
        "partial": TechniqueFactory(
            name="Partly translated",
            regions=[region],
            # Two steps for three: not usable, so the instructions count as missing.
            translations={"fr": {**COMPLETE_FR, "instructions": ["Un.", "Deux."]}},
        ),
        "untranslated": TechniqueFactory(name="Not translated", regions=[region]),
    }


def rows(response) -> dict[str, list]:
    return {
        row["slug"]: [str(label) for label in row["missing_labels"]]
        for row in response.context["page"].object_list
    }


@pytest.mark.django_db
class TestMissingTranslationsPage:
    def test_lists_what_lacks_a_field_and_not_what_is_complete(self, client, curator, library):
        client.force_login(curator)
        response = client.get(URL)
        assert response.status_code == 200
        listed = rows(response)
        assert library["complete"].slug not in listed
        assert listed[library["partial"].slug] == ["Instructions, in order"]
        assert listed[library["untranslated"].slug] == [
            "Name",
            "One-line summary",
            "Target tissues",
            "Instructions, in order",
            "Teaching cues",
            "Common mistakes",
        ]
        body = response.content.decode()
        assert "Complete technique" not in body
        assert f'href="/curate/{library["partial"].slug}/edit/?translate=fr#translation-fr"' in body
        assert "Techniques with complete text: 1 of 3." in body

    def test_most_missing_comes_first_or_by_name(self, client, curator, library):
        first = TechniqueFactory(
            name="Aardvark roll", translations={"fr": {**COMPLETE_FR, "summary": ""}}
        )
        client.force_login(curator)
        by_count = list(rows(client.get(URL)))
        assert by_count == [library["untranslated"].slug, first.slug, library["partial"].slug]
        by_name = list(rows(client.get(URL, {"sort": "name"})))
        assert by_name == [first.slug, library["untranslated"].slug, library["partial"].slug]

    def test_filters_by_missing_field_status_and_name(self, client, curator, library):
        Technique.objects.filter(pk=library["untranslated"].pk).update(
            status=Technique.Status.DRAFT
        )
        client.force_login(curator)
        assert list(rows(client.get(URL, {"field": "summary"}))) == [library["untranslated"].slug]
        assert list(rows(client.get(URL, {"status": "published"}))) == [library["partial"].slug]
        assert list(rows(client.get(URL, {"q": "partly"}))) == [library["partial"].slug]

    @pytest.mark.parametrize(
        "params",
        [
            {"q": "x" * 10_000},
            {"q": "trap\x00"},
            {"field": "nothing"},
            {"status": "\x00"},
            {"language": "de"},
            {"sort": "🎾"},
            {"page": "99999999999999999999"},
        ],
    )
    def test_a_filter_that_means_nothing_is_ignored_never_an_error(
        self, client, curator, library, params
    ):
        client.force_login(curator)
        response = client.get(URL, params)
        assert response.status_code == 200
        assert set(rows(response)) == {library["partial"].slug, library["untranslated"].slug}

    def test_a_bad_choice_is_named_beside_its_field(self, client, curator, library):
        client.force_login(curator)
        response = client.get(URL, {"field": "nothing"})
        assert "Select a valid choice" in response.content.decode()

    def test_an_edit_shows_at_once(self, client, curator, library):
        client.force_login(curator)
        assert library["partial"].slug in rows(client.get(URL))
        technique = library["partial"]
        technique.translations = {"fr": COMPLETE_FR}
        technique.save()
        assert library["partial"].slug not in rows(client.get(URL))

    def test_the_pages_work_in_french(self, client, curator, library):
        client.force_login(curator)
        page = client.get(URL, {"field": "instructions"}, HTTP_ACCEPT_LANGUAGE="fr")
        assert page.status_code == 200 and '<html lang="fr"' in page.content.decode()
        assert list(rows(page)) == [library["untranslated"].slug, library["partial"].slug]
        edit = client.get(f"/curate/{library['partial'].slug}/edit/", HTTP_ACCEPT_LANGUAGE="fr")
        assert edit.status_code == 200 and 'id="translation-fr"' in edit.content.decode()

    def test_the_curation_page_links_to_it(self, client, curator, library):
        client.force_login(curator)
        assert f'href="{URL}"' in client.get("/curate/").content.decode()

    @pytest.mark.parametrize("who", ["teacher", "student"])
    def test_teachers_and_students_are_refused(self, client, request, library, who):
        client.force_login(request.getfixturevalue(who))
        assert client.get(URL).status_code == 403

    def test_anonymous_visitors_are_sent_to_sign_in(self, client, library):
        response = client.get(URL)
        assert response.status_code == 302 and "/login/" in response.url

    def test_a_post_is_refused(self, client, curator, library):
        client.force_login(curator)
        assert client.post(URL).status_code == 405


def make_techniques(n: int) -> None:
    """n techniques, every third one completely in French."""
    Technique.objects.bulk_create(
        Technique(
            slug=f"t-{i}",
            name=f"Technique {i:04d}",
            summary="A summary.",
            position="supine",
            duration_seconds=60,
            instructions=["One.", "Two.", "Three."],
            cues=["Slow.", "Breathe."],
            mistakes=["Rushing."],
            tissues=["fascia"],
            translations={"fr": COMPLETE_FR} if i % 3 == 0 else {"fr": {"name": f"T {i}"}},
        )
        for i in range(n)
    )


@pytest.mark.django_db
@pytest.mark.parametrize("size", [60, 600])
def test_query_count_does_not_grow_with_the_library(
    client, curator, django_assert_max_num_queries, size
):
    make_techniques(size)
    client.force_login(curator)
    # The session, the user, the library's state and (once per state) the techniques.
    with django_assert_max_num_queries(4):
        response = client.get(URL, {"sort": "name", "page": "2"})
    assert response.status_code == 200
    assert response.context["listed"] == size - len(range(0, size, 3))
    with django_assert_max_num_queries(3):  # the same library state: from the cache
        assert client.get(URL).status_code == 200


# --- The vocabulary's French, in the admin ------------------------------------------------


@pytest.fixture
def vocabulary_curator(db):
    """A curator as the demo makes one: staff in the Curators group, not a superuser."""
    user = CuratorFactory(email="vocab@example.test", is_superuser=False)
    user.groups.add(curators_group())
    assert Group.objects.get().permissions.exists()
    return user


@pytest.mark.django_db
class TestVocabularyInTheAdmin:
    def test_a_curator_gives_equipment_a_french_name_and_description(
        self, client, vocabulary_curator
    ):
        equipment = EquipmentFactory(slug="therapy-ball", name="Therapy ball", order=1)
        client.force_login(vocabulary_curator)
        url = f"/admin/routines/equipment/{equipment.pk}/change/"
        page = client.get(url)
        body = page.content.decode()
        assert page.status_code == 200
        assert "Name (FR)" in body and "Description (FR)" in body and "Français" in body
        assert 'name="translations"' not in body
        response = client.post(
            url,
            {
                "slug": "therapy-ball",
                "name": "Therapy ball",
                "order": "1",
                "description": "A soft rubber ball.",
                "name_fr": "Balle de thérapie",
                "description_fr": "Une balle souple en caoutchouc.",
            },
        )
        assert response.status_code == 302
        equipment.refresh_from_db()
        assert equipment.translations == {
            "fr": {"name": "Balle de thérapie", "description": "Une balle souple en caoutchouc."}
        }
        assert "Balle de thérapie" in client.get(url).content.decode()

    def test_emptying_the_french_name_drops_it(self, client, vocabulary_curator):
        action = Action.objects.create(
            slug="roll", name="Roll", translations={"fr": {"name": "Rouler", "description": "X"}}
        )
        client.force_login(vocabulary_curator)
        response = client.post(
            f"/admin/routines/action/{action.pk}/change/",
            {"slug": "roll", "name": "Roll", "order": "0", "name_fr": "", "description_fr": "X"},
        )
        assert response.status_code == 302
        action.refresh_from_db()
        assert action.translations == {"fr": {"description": "X"}}

    def test_a_region_has_a_french_name_only(self, client, vocabulary_curator):
        region = RegionFactory(slug="neck", name="Neck")
        client.force_login(vocabulary_curator)
        url = f"/admin/routines/region/{region.pk}/change/"
        body = client.get(url).content.decode()
        assert 'name="name_fr"' in body and 'name="description_fr"' not in body

    def test_a_progression_is_translated_too(self, client, vocabulary_curator):
        client.force_login(vocabulary_curator)
        response = client.post(
            "/admin/routines/progression/add/",
            {
                "slug": "calf-ladder",
                "name": "Calf ladder",
                "description": "",
                "name_fr": "Échelle du mollet",
                "description_fr": "",
                "techniques-TOTAL_FORMS": "0",
                "techniques-INITIAL_FORMS": "0",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        assert Progression.objects.get().translations == {"fr": {"name": "Échelle du mollet"}}

    @pytest.mark.parametrize(
        ("value", "message"),
        [("x" * 10_000, "at most 120 characters"), ("Balle\x00", "control character")],
    )
    def test_bad_input_is_refused_beside_the_field(
        self, client, vocabulary_curator, value, message
    ):
        equipment = EquipmentFactory(slug="therapy-ball", name="Therapy ball")
        client.force_login(vocabulary_curator)
        response = client.post(
            f"/admin/routines/equipment/{equipment.pk}/change/",
            {"slug": "therapy-ball", "name": "Therapy ball", "order": "0", "name_fr": value},
        )
        assert response.status_code == 200
        assert message in str(response.context["adminform"].form.errors["name_fr"])
        equipment.refresh_from_db()
        assert equipment.translations == {}

    def test_the_list_says_which_entries_are_translated(self, client, vocabulary_curator):
        Region.objects.create(slug="neck", name="Neck", translations={"fr": {"name": "Cou"}})
        Region.objects.create(slug="calf", name="Calf")
        client.force_login(vocabulary_curator)
        response = client.get("/admin/routines/region/")
        body = response.content.decode()
        assert response.status_code == 200
        assert body.count('alt="True"') == 1 and body.count('alt="False"') == 1
        assert Equipment.objects.count() == 0

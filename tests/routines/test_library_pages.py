import pytest

from routines.models import Action, Equipment, Region, Technique
from tests.factories import TechniqueFactory


def slugs_on(response):
    return [t.slug for t in response.context["page"].object_list]


@pytest.mark.django_db
class TestSearchOnTheStarterLibrary:
    @pytest.fixture(autouse=True)
    def _library(self, starter_library):
        pass

    def test_levator_finds_the_levator_scapulae_techniques(self, client):
        found = slugs_on(client.get("/library/", {"q": "levator"}))
        assert "levator-scapulae-pin-and-stretch" in found
        assert all(
            "levator" in (t.name + " ".join(t.tissues)).lower()
            for t in Technique.objects.filter(slug__in=found)
        )

    def test_a_word_prefix_finds_the_whole_word(self, client):
        found = slugs_on(client.get("/library/", {"q": "levator scap"}))
        assert "levator-scapulae-pin-and-stretch" in found

    def test_the_typo_levatr_finds_levator_scapulae_on_both_databases(self, client):
        response = client.get("/library/", {"q": "levatr"})
        assert response.status_code == 200
        assert "levator-scapulae-pin-and-stretch" in slugs_on(response)

    def test_plantar_finds_the_sole_of_the_foot_work(self, client):
        found = slugs_on(client.get("/library/", {"q": "plantar"}))
        assert {"plantar-fascia-roll-spiky-ball", "plantar-fascia-roll-lacrosse-ball"} <= set(found)

    def test_a_region_name_is_searched(self, client):
        found = slugs_on(client.get("/library/", {"q": "sole of the foot"}))
        assert "sole-of-foot-roll-foam-roller" in found

    def test_filters_combine(self, client):
        response = client.get(
            "/library/",
            {"region": "upper-back", "equipment": "wall", "intensity": ["gentle", "moderate"]},
        )
        found = Technique.objects.filter(slug__in=slugs_on(response)).prefetch_related(
            "regions", "equipment"
        )
        assert found
        for technique in found:
            assert "upper-back" in {r.slug for r in technique.regions.all()}
            assert "wall" in {e.slug for e in technique.equipment.all()}
            assert technique.intensity in {"gentle", "moderate"}
        expected = (
            Technique.objects.published()
            .filter(regions__slug="upper-back", intensity__in=["gentle", "moderate"])
            .filter(equipment__slug="wall")
            .distinct()
            .count()
        )
        assert response.context["page"].paginator.count == expected

    def test_search_and_filter_together_with_a_time_limit(self, client):
        response = client.get("/library/", {"q": "roll", "action": "roll", "max_minutes": "1"})
        for technique in response.context["page"].object_list:
            assert technique.duration_seconds <= 60

    def test_result_count_and_pagination(self, client):
        published = Technique.objects.published().count()
        assert published >= 150
        first = client.get("/library/")
        assert f"{published} techniques" in first.content.decode()
        assert len(first.context["page"].object_list) == 24
        last = client.get("/library/", {"page": 7})
        assert len(last.context["page"].object_list) == published - 6 * 24

    def test_filter_state_is_kept_in_the_page_links(self, client):
        body = client.get("/library/", {"equipment": "therapy-ball"}).content.decode()
        assert "?equipment=therapy-ball&amp;page=2" in body
        assert (
            'value="therapy-ball"\n                 id="id_equipment_0" checked' in body
            or "checked" in body
        )

    def test_empty_state_suggests_loosening_a_filter(self, client):
        body = client.get(
            "/library/", {"region": "head-and-jaw", "equipment": "foam-roller"}
        ).content.decode()
        assert "No technique matches" in body
        assert "Try loosening a filter" in body

    @pytest.mark.parametrize(
        "params",
        [
            {"q": "x" * 5000},
            {"q": "\x00\x01<script>alert(1)</script>'\";--"},
            {"q": "ünïcödé ✓ 🦶"},
            {"max_minutes": "lots"},
            {"max_minutes": "-3"},
            {"region": "nowhere"},
            {"page": "999"},
            {"page": "abc"},
            {"q": "&&& ||| !!! :*"},
        ],
    )
    def test_odd_input_gets_an_ordinary_page(self, client, params):
        response = client.get("/library/", params)
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.content.decode()

    def test_an_invalid_filter_is_reported_beside_its_field(self, client):
        body = client.get("/library/", {"max_minutes": "lots"}).content.decode()
        assert "Enter a whole number" in body

    def test_htmx_requests_get_only_the_results(self, client):
        response = client.get("/library/", {"q": "calf"}, headers={"HX-Request": "true"})
        body = response.content.decode()
        assert "<html" not in body and "result-count" in body


@pytest.mark.django_db
class TestDetailPage:
    def test_shows_the_whole_technique_and_its_progression_ladder(self, client, starter_library):
        response = client.get("/library/massage-ball-upper-body-wall/")
        body = response.content.decode()
        assert response.status_code == 200
        technique = Technique.objects.get(slug="massage-ball-upper-body-wall")
        for level in technique.progression.techniques.all():
            assert level.name in body
        assert "Threshold" in body
        assert "This is the most advanced exercise in this progression." in body
        assert "Easier:" in body
        for step in technique.instructions:
            assert step.replace("'", "&#x27;").replace('"', "&quot;")[:30] in body
        assert "Cautions and contraindications" in body

    def test_the_body_map_highlights_the_techniques_regions(self, client, starter_library):
        response = client.get("/library/levator-scapulae-pin-and-stretch/")
        body = response.content.decode()
        assert body.count('class="body-map__view"') == 2  # front and back figures
        rows = {row["name"] for row in response.context["body_map"]["rows"]}
        assert {"Top of the shoulder", "Back of the neck", "Side of the neck"} <= rows

    def test_lower_levels_link_to_the_next(self, client, starter_library):
        body = client.get("/library/plantar-fascia-roll-spiky-ball/").content.decode()
        assert "Next level:" in body
        assert "/library/plantar-fascia-roll-lacrosse-ball/" in body

    def test_works_well_with_offers_the_partner_and_connected_regions(
        self, client, starter_library
    ):
        response = client.get("/library/rhomboid-windshield-wiper-legs/")
        partner = response.context["partner_techniques"]
        assert partner, "upper back work should suggest chest work"
        for technique in partner:
            assert "front-of-shoulder-and-chest" in {r.slug for r in technique.regions.all()}
        assert response.context["connected_techniques"]

    def test_unknown_slug_is_404(self, client, db):
        assert client.get("/library/no-such-technique/").status_code == 404

    def test_retired_technique_leaves_search_but_keeps_its_page(self, client, db):
        technique = TechniqueFactory(name="Old favourite roll", status=Technique.Status.RETIRED)
        assert client.get(technique.get_absolute_url()).status_code == 200
        assert technique.slug not in slugs_on(client.get("/library/", {"q": "favourite"}))
        assert technique.slug not in slugs_on(client.get("/library/"))

    def test_drafts_are_not_public(self, client, db):
        draft = TechniqueFactory(status=Technique.Status.DRAFT)
        assert client.get(draft.get_absolute_url()).status_code == 404
        assert draft.slug not in slugs_on(client.get("/library/"))


def make_techniques(n):
    """n published techniques with regions, actions and equipment, quickly."""
    regions = [Region.objects.create(slug=f"r{i}", name=f"Region {i}", order=i) for i in range(6)]
    actions = [Action.objects.create(slug=f"a{i}", name=f"Action {i}") for i in range(4)]
    equipment = [Equipment.objects.create(slug=f"e{i}", name=f"Equipment {i}") for i in range(4)]
    for i, region in enumerate(regions):
        region.partner = regions[(i + 1) % len(regions)]
        region.save()
        region.neighbours.add(regions[(i + 2) % len(regions)])
    techniques = Technique.objects.bulk_create(
        Technique(
            slug=f"t-{i}",
            name=f"Technique {i}",
            summary="Summary",
            status="published",
            position="supine",
            duration_seconds=60,
            instructions=["a", "b", "c"],
            cues=["a", "b"],
            tissues=["levator scapulae"],
        )
        for i in range(n)
    )
    through = Technique.regions.through
    through.objects.bulk_create(
        through(technique_id=t.pk, region_id=regions[i % 6].pk) for i, t in enumerate(techniques)
    )
    Technique.actions.through.objects.bulk_create(
        Technique.actions.through(technique_id=t.pk, action_id=actions[i % 4].pk)
        for i, t in enumerate(techniques)
    )
    Technique.equipment.through.objects.bulk_create(
        Technique.equipment.through(technique_id=t.pk, equipment_id=equipment[i % 4].pk)
        for i, t in enumerate(techniques)
    )
    return techniques


@pytest.mark.django_db
@pytest.mark.parametrize("size", [60, 600])
@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "levator"},
        {"region": "r1", "action": "a1", "equipment": "e1", "level": "beginner"},
    ],
)
def test_library_query_count_does_not_grow_with_the_library(
    client, django_assert_max_num_queries, size, params
):
    make_techniques(size)
    # Fixed costs: count, page, 3 prefetches, and validating + listing the 3 vocabularies;
    # a search builds its index once per library state: techniques, their 3 lists, synonyms.
    with django_assert_max_num_queries(11 + (5 if "q" in params else 0)):
        response = client.get("/library/", params)
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("size", [60, 600])
def test_detail_query_count_does_not_grow_with_the_library(
    client, django_assert_max_num_queries, size
):
    techniques = make_techniques(size)
    with django_assert_max_num_queries(9):
        response = client.get(techniques[7].get_absolute_url())
    assert response.status_code == 200
    assert response.context["partner_techniques"]


@pytest.mark.django_db
@pytest.mark.parametrize("size", [60, 600])
def test_curate_page_query_count_does_not_grow(
    client, curator, django_assert_max_num_queries, size
):
    make_techniques(size)
    client.force_login(curator)
    with django_assert_max_num_queries(10):
        response = client.get("/curate/")
    assert response.status_code == 200

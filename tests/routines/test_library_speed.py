"""The library's pages within their budgets (issue 12): a fixed number of queries whatever the
library's size, cached per library state and never stale, and a search whose index is built
once per library state (issue 14)."""

import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from routines.models import Action, Equipment, Progression, Region, Technique
from routines.services import technique_apply
from routines.state import bump
from tests.factories import TechniqueFactory


def library_of(n: int) -> list[Technique]:
    """n published techniques over a small vocabulary, two of them on a progression ladder,
    written in bulk (then the library's state is moved, as bulk writers must)."""
    regions = [Region.objects.create(slug=f"r{i}", name=f"Region {i}", order=i) for i in range(6)]
    actions = [Action.objects.create(slug=f"a{i}", name=f"Action {i}") for i in range(3)]
    equipment = [Equipment.objects.create(slug=f"e{i}", name=f"Equipment {i}") for i in range(3)]
    for i, region in enumerate(regions):
        region.partner = regions[(i + 1) % 6]
        region.save()
        region.neighbours.add(regions[(i + 2) % 6])
    ladder = Progression.objects.create(slug="ladder", name="Ladder")
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
            progression=ladder if i < 2 else None,
            progression_level=i + 1 if i < 2 else None,
        )
        for i in range(n)
    )
    for field, column, vocabulary in (
        ("regions", "region_id", regions),
        ("actions", "action_id", actions),
        ("equipment", "equipment_id", equipment),
    ):
        through = getattr(Technique, field).through
        through.objects.bulk_create(
            through(technique_id=t.pk, **{column: vocabulary[i % len(vocabulary)].pk})
            for i, t in enumerate(techniques)
        )
    bump()
    return techniques


PAGES = {
    "library": lambda: "/library/",
    "search": lambda: "/library/?q=levator",
    "filter": lambda: "/library/?region=r1&action=a1",
    "detail": lambda: "/library/t-1/",  # on a ladder, with partner and connected regions
    "curate": lambda: "/curate/",
}

# (page, who): (first request, after a library change; every request after it).
# The first request renders the page: the library's state, the filters' vocabulary (3), the
# ids of the results in order (1: the count and the page), the page's cards and the regions,
# equipment and actions their pictures are drawn from (4). A technique page reads the
# technique, its 3 lists, its ladder, the region graph (2) and what works well with it (2).
# Signed in, the session and the user add 2.
QUERIES = {
    ("library", None): (9, 1),
    ("library", "teacher"): (11, 3),
    ("search", None): (14, 1),  # and the search's index: techniques, their 3 lists, synonyms
    ("filter", None): (9, 1),
    ("detail", None): (10, 2),
    ("detail", "teacher"): (12, 4),
    ("curate", "curator"): (8, 5),
}


@pytest.mark.django_db
@pytest.mark.parametrize("size", [10, 200])
@pytest.mark.parametrize(("page", "who"), list(QUERIES))
def test_query_counts_do_not_grow_with_the_library(
    client, django_assert_max_num_queries, teacher, curator, size, page, who
):
    library_of(size)
    if who:
        client.force_login({"teacher": teacher, "curator": curator}[who])
    first, then = QUERIES[page, who]
    with django_assert_max_num_queries(first):
        assert client.get(PAGES[page]()).status_code == 200
    with django_assert_max_num_queries(then):
        assert client.get(PAGES[page]()).status_code == 200


@pytest.mark.django_db
def test_cards_load_only_what_they_show_and_a_search_runs_once(client):
    library_of(60)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/library/", {"q": "levator"})
    assert response.context["page"].paginator.count == 60
    sqls = [q["sql"] for q in queries.captured_queries]
    assert not any('"instructions"' in sql for sql in sqls), "cards do not show instructions"
    assert not any("COUNT(" in sql for sql in sqls), "the count comes with the ids"
    assert sum('"routines_searchsynonym"' in sql for sql in sqls) == 1, "one index for all"


# --- Search: one engine, built once per library state ----------------------------------


@pytest.mark.django_db
def test_a_search_builds_its_index_once_per_library_state(client, django_assert_max_num_queries):
    """The first search after a change reads the published techniques, their three lists
    and the synonyms once (routines.search.build_index); later searches, of any words,
    read only the library's state and the page's cards."""
    library_of(50)
    client.get("/library/", {"q": "levator"})
    with django_assert_max_num_queries(6):  # state, the ids' filter, the cards and their lists
        response = client.get("/library/", {"q": "technique 7"})
    assert response.context["page"].paginator.count >= 1
    with CaptureQueriesContext(connection) as queries:
        client.get("/library/", {"q": "region 3"})
    assert not any('"instructions"' in q["sql"] for q in queries.captured_queries)
    assert not any('"routines_searchsynonym"' in q["sql"] for q in queries.captured_queries)


# --- Caching: per library state, never stale, nothing per user ------------------------


CARD_LINK = re.compile(r'<h3 class="card-title h6"><a href="/library/([^/]+)/">')


def listed(client, **params):
    """The slugs of the cards on a library page, read from its HTML (cached or not)."""
    return CARD_LINK.findall(client.get("/library/", params).content.decode())


def assert_cached(client, django_assert_max_num_queries, url, **params):
    """The page comes from the cache: the library's state is read, and on a technique's
    page the technique (whether this visitor may see it, and its header)."""
    client.get(url, params)
    with django_assert_max_num_queries(1 if url == "/library/" else 2):
        client.get(url, params)


@pytest.mark.django_db
def test_publishing_shows_the_technique_on_cached_pages(
    client, curator, django_assert_max_num_queries
):
    TechniqueFactory(name="Calf sweep")
    waiting = TechniqueFactory(name="Calf zebra roll", status=Technique.Status.SUBMITTED)
    assert_cached(client, django_assert_max_num_queries, "/library/", q="calf")
    assert "Calf zebra roll" not in client.get("/library/", {"q": "calf"}).content.decode()

    client.force_login(curator)
    client.post(f"/curate/{waiting.slug}/status/", {"action": "publish"})
    client.logout()
    body = client.get("/library/", {"q": "calf"}).content.decode()
    assert "Calf zebra roll" in body
    assert "2 techniques" in body


@pytest.mark.django_db
def test_renaming_shows_the_new_name_on_cached_pages(
    client, curator, django_assert_max_num_queries
):
    techniques = library_of(6)
    renamed, neighbour = techniques[1], techniques[0]  # t-0 works well with t-1's region
    neighbour_page = neighbour.get_absolute_url()
    assert_cached(client, django_assert_max_num_queries, "/library/")
    assert_cached(client, django_assert_max_num_queries, neighbour_page)
    assert "Technique 1" in client.get(neighbour_page).content.decode()

    technique_apply(data={"name": "Renamed roll"}, technique=renamed, author=curator)
    assert "Renamed roll" in client.get("/library/").content.decode()
    page = client.get(neighbour_page).content.decode()
    assert "Renamed roll" in page and "Technique 1<" not in page


@pytest.mark.django_db
def test_retiring_takes_the_technique_off_cached_pages(
    client, curator, django_assert_max_num_queries
):
    technique = TechniqueFactory(name="Old favourite roll")
    TechniqueFactory(name="Another roll")
    assert_cached(client, django_assert_max_num_queries, "/library/")
    assert_cached(client, django_assert_max_num_queries, technique.get_absolute_url())
    assert technique.slug in listed(client)
    client.force_login(curator)
    client.get("/curate/")  # cached for curators too

    client.post(f"/curate/{technique.slug}/status/", {"action": "retire"})
    assert "<td>Retired</td>" in client.get("/curate/").content.decode()
    client.logout()
    assert technique.slug not in listed(client)
    assert technique.slug not in listed(client, q="favourite")
    page = client.get(technique.get_absolute_url())
    assert page.status_code == 200 and "Retired" in page.content.decode()


@pytest.mark.django_db
def test_cached_pages_show_each_user_their_own_parts(client, teacher, other_teacher, curator):
    draft = TechniqueFactory(name="My draft roll", status=Technique.Status.DRAFT, author=teacher)
    published = TechniqueFactory(name="Everyone's roll")

    client.force_login(teacher)
    library = client.get("/library/").content.decode()
    assert "Submit a technique" in library
    assert client.get(draft.get_absolute_url()).status_code == 200  # the author's own draft
    assert "Propose an edit" in client.get(published.get_absolute_url()).content.decode()

    client.force_login(curator)
    library = client.get("/library/").content.decode()
    assert "Submit a technique" not in library and "New technique" in library
    page = client.get(published.get_absolute_url()).content.decode()
    assert "Propose an edit" not in page and f"/curate/{published.slug}/edit/" in page

    client.force_login(other_teacher)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Submit a technique" not in client.get("/library/").content.decode()


# --- Filters: every label points at its own box (issue 14) ----------------------------


class CheckboxesAndLabels(HTMLParser):
    def __init__(self):
        super().__init__()
        self.boxes, self.labels, self._label = [], {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "checkbox":
            self.boxes.append(attrs)
        elif tag == "label":
            self._label = attrs.get("for")
            self.labels.setdefault(self._label, []).append("")

    def handle_data(self, data):
        if self._label is not None:
            self.labels[self._label][-1] += data

    def handle_endtag(self, tag):
        if tag == "label":
            self._label = None


@pytest.mark.django_db
def test_every_filter_label_points_at_its_own_checkbox(client):
    library_of(3)
    parser = CheckboxesAndLabels()
    parser.feed(client.get("/library/", {"region": "r2"}).content.decode())
    ids = [box.get("id") for box in parser.boxes]
    # 6 regions, 3 actions, 3 pieces of equipment, 9 positions, 3 levels, 3 intensities, and
    # 4 "suits" (pregnancy, osteoporosis, clot risk, floor-free).
    assert len(ids) == 31
    assert None not in ids and "None" not in ids
    assert len(set(ids)) == len(ids)
    for box in parser.boxes:
        assert len(parser.labels.get(box["id"], [])) == 1, box
    region_2 = next(box for box in parser.boxes if box["name"] == "region" and box["value"] == "r2")
    assert parser.labels[region_2["id"]] == ["Region 2"]
    assert "checked" in region_2
    assert [parser.labels[b["id"]][0] for b in parser.boxes if b["name"] == "level"] == [
        "Beginner",
        "Intermediate",
        "Advanced",
    ]

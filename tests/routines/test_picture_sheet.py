"""The curators' picture sheet, /curate/pictures/ (issue 13): every technique's picture on
one page, filtered by drawn only, has photo, and drawings that fell back to generic."""

import re
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from routines.models import Action, Equipment, Region, Technique
from routines.services import technique_apply
from routines.state import bump
from tests.factories import EquipmentFactory, RegionFactory, TechniqueFactory
from tests.routines.test_photos import image_bytes

SHEET = reverse("routines:curate-pictures")


class Sheet(HTMLParser):
    """The sheet's items (slug, kind of picture, its text, marked generic or not) and its
    filter form's inputs and labels."""

    def __init__(self):
        super().__init__()
        self.items: list[dict] = []
        self.inputs: list[dict] = []
        self.labels: dict[str, str] = {}
        self._label = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "li" and "picture-sheet__item" in classes:
            self.items.append(
                {
                    "slug": attrs["data-slug"],
                    "generic": "picture-sheet__item--generic" in classes,
                    "pictures": [],
                }
            )
        if self.items and tag in ("svg", "img") and "technique-picture" in classes:
            text = attrs.get("aria-label") if tag == "svg" else attrs.get("alt")
            self.items[-1]["pictures"].append((tag, text or ""))
        if tag == "input" and attrs.get("type") in ("radio", "checkbox"):
            self.inputs.append(attrs)
        if tag == "label":
            self._label = attrs.get("for")
            self.labels[self._label] = ""

    def handle_data(self, data):
        if self._label:
            self.labels[self._label] += data

    def handle_endtag(self, tag):
        if tag == "label":
            self._label = None


def sheet(client, **params) -> Sheet:
    response = client.get(SHEET, params)
    assert response.status_code == 200
    parser = Sheet()
    parser.feed(response.content.decode())
    return parser


def slugs(parsed: Sheet) -> set[str]:
    return {item["slug"] for item in parsed.items}


@pytest.fixture
def library(db):
    """Three techniques: one drawn, one with a photo, one whose drawing falls back (a
    position and equipment the drawing does not know, as a library file can hold)."""
    back = RegionFactory(slug="upper-back", name="Upper back")
    drawn = TechniqueFactory(slug="drawn", name="Drawn pin", regions=[back])
    photo = TechniqueFactory(slug="photographed", name="Photographed roll", regions=[back])
    technique_apply(
        data={"image": "techniques/photographed.png"}, technique=photo
    )  # a stored name, as a library file gives it
    generic = TechniqueFactory(
        slug="odd-one",
        name="Odd one",
        position="trapeze",
        status=Technique.Status.DRAFT,
        regions=[],
        equipment=[EquipmentFactory(slug="mystery-gadget", name="Mystery gadget")],
    )
    return {"drawn": drawn, "photo": photo, "generic": generic}


# --- Who may see it -----------------------------------------------------------------


@pytest.mark.django_db
def test_only_curators_see_the_sheet(client, teacher, student, curator):
    response = client.get(SHEET)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    for user in (teacher, student):
        client.force_login(user)
        assert client.get(SHEET).status_code == 403
    client.force_login(curator)
    assert client.get(SHEET).status_code == 200


@pytest.mark.django_db
def test_the_sheet_takes_no_post(client, curator, library):
    client.force_login(curator)
    assert client.post(SHEET, {"show": "photo"}).status_code == 405


@pytest.mark.django_db
def test_the_curate_page_links_the_sheet(client, curator):
    client.force_login(curator)
    assert f'href="{SHEET}"' in client.get(reverse("routines:curate")).content.decode()


# --- What it shows -------------------------------------------------------------------


@pytest.mark.django_db
def test_no_starter_technique_falls_back_to_generic_on_the_sheet(client, curator, starter_library):
    """Every page of the sheet, however many techniques the starter library holds: each
    technique once, with its drawing and words for it, none fallen back to generic."""
    client.force_login(curator)
    assert Technique.objects.count() >= 150
    pages = -(-Technique.objects.count() // 60)
    items = [item for page in range(1, pages + 1) for item in sheet(client, page=page).items]
    assert len(items) == Technique.objects.count()
    assert {item["slug"] for item in items} == set(Technique.objects.values_list("slug", flat=True))
    for item in items:
        assert item["pictures"] == [("svg", item["pictures"][0][1])]
        assert item["pictures"][0][1].strip(), item["slug"]
    assert [item["slug"] for item in items if item["generic"]] == []
    assert sheet(client, show="generic").items == []


@pytest.mark.django_db
def test_a_photo_shows_beside_its_drawing_and_a_fallback_is_marked(client, curator, library):
    client.force_login(curator)
    response = client.get(SHEET)
    body = response.content.decode()
    by_slug = {item["slug"]: item for item in sheet(client).items}
    assert [tag for tag, _ in by_slug["photographed"]["pictures"]] == ["img", "svg"]
    assert [tag for tag, _ in by_slug["drawn"]["pictures"]] == ["svg"]
    assert all(text.strip() for item in by_slug.values() for _, text in item["pictures"])
    assert by_slug["odd-one"]["generic"] and not by_slug["drawn"]["generic"]
    assert "Fell back to generic:" in body
    assert "position not drawn: generic figure" in body
    assert "equipment not known: generic prop" in body
    # Drafts are on the sheet too, marked as such.
    assert "Draft" in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("show", "expected"),
    [
        ("", {"drawn", "photographed", "odd-one"}),
        ("drawn", {"drawn", "odd-one"}),
        ("photo", {"photographed"}),
        ("generic", {"odd-one"}),
        ("nonsense", {"drawn", "photographed", "odd-one"}),
    ],
)
def test_the_filters(client, curator, library, show, expected):
    client.force_login(curator)
    parsed = sheet(client, show=show)
    assert slugs(parsed) == expected
    checked = [i["value"] for i in parsed.inputs if "checked" in i]
    assert checked == [show if show != "nonsense" else ""]


@pytest.mark.django_db
def test_every_filter_has_a_label_tied_to_it_with_its_count(client, curator, library):
    client.force_login(curator)
    parsed = sheet(client)
    assert [i["value"] for i in parsed.inputs] == ["", "drawn", "photo", "generic"]
    assert all(i["name"] == "show" and i["type"] == "radio" for i in parsed.inputs)
    labels = {i["value"]: " ".join(parsed.labels[i["id"]].split()) for i in parsed.inputs}
    assert labels == {
        "": "All (3)",
        "drawn": "Drawn only (2)",
        "photo": "Has photo (1)",
        "generic": "Drawing fell back to generic (1)",
    }


@pytest.mark.django_db
def test_an_upload_shows_on_the_sheet_at_once(client, curator, library):
    """Cached per library state: a change makes a new state, never a stale sheet."""
    client.force_login(curator)
    assert slugs(sheet(client, show="photo")) == {"photographed"}
    drawn = library["drawn"]
    client.post(
        f"/curate/{drawn.slug}/edit/",
        {
            "name": drawn.name,
            "summary": drawn.summary,
            "regions": [r.pk for r in drawn.regions.all()],
            "tissues": "\n".join(drawn.tissues),
            "actions": [a.pk for a in drawn.actions.all()],
            "equipment": [e.pk for e in drawn.equipment.all()],
            "position": drawn.position,
            "duration_seconds": drawn.duration_seconds,
            "level": drawn.level,
            "intensity": drawn.intensity,
            "instructions": "\n".join(drawn.instructions),
            "cues": "\n".join(drawn.cues),
            "mistakes": "\n".join(drawn.mistakes),
            "version": drawn.updated_at.isoformat(),
            "image": SimpleUploadedFile("p.png", image_bytes(), content_type="image/png"),
        },
    )
    drawn.refresh_from_db()
    assert drawn.image
    assert slugs(sheet(client, show="photo")) == {"photographed", "drawn"}
    assert slugs(sheet(client, show="drawn")) == {"odd-one"}


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["2", "0", "-1", "abc", "9" * 40])
def test_odd_page_numbers_get_an_ordinary_page(client, curator, library, page):
    client.force_login(curator)
    assert slugs(sheet(client, page=page)) == {"drawn", "photographed", "odd-one"}


WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


@pytest.mark.django_db
def test_a_get_never_writes(client, curator, library):
    client.force_login(curator)
    for params in ({}, {"show": "generic"}, {"show": "photo", "page": "3"}):
        with CaptureQueriesContext(connection) as queries:
            client.get(SHEET, params)
        assert not [q["sql"] for q in queries.captured_queries if WRITES.match(q["sql"])]


# --- Within its budget, whatever the library's size ------------------------------------


def library_of(n: int) -> None:
    """n techniques over a small vocabulary the drawing knows, every seventh with a photo and
    every fourth in a position it does not know, written in bulk."""
    regions = [
        Region.objects.create(slug=slug, name=slug.replace("-", " "), order=i)
        for i, slug in enumerate(("upper-back", "glutes", "ankle-and-calf", "sole-of-foot"))
    ]
    actions = [Action.objects.create(slug=slug, name=slug) for slug in ("roll", "pin", "spin")]
    equipment = [Equipment.objects.create(slug=f"e{i}", name=f"Ball {i}") for i in range(3)]
    techniques = Technique.objects.bulk_create(
        Technique(
            slug=f"t-{i}",
            name=f"Technique {i:04d}",
            summary="Summary",
            status="published",
            position=("supine", "prone", "seated", "trapeze")[i % 4],
            duration_seconds=60,
            instructions=["a", "b", "c"],
            cues=["a", "b"],
            image=f"techniques/t-{i}.jpg" if i % 7 == 0 else "",
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


# The session and the user (2) and the library's state (1) on every request. A first
# request reads every technique with its three lists for the index (4), and the page's
# techniques with theirs (4); every request after it is served from the cache.
FIRST, THEN = 11, 3


@pytest.mark.django_db
@pytest.mark.parametrize("size", [60, 600])
@pytest.mark.parametrize("show", ["", "drawn", "photo", "generic"])
def test_query_count_does_not_grow_with_the_library(
    client, curator, django_assert_max_num_queries, size, show
):
    library_of(size)
    client.force_login(curator)
    with django_assert_max_num_queries(FIRST):
        first = sheet(client, show=show)
    with django_assert_max_num_queries(THEN):
        again = sheet(client, show=show)
    assert slugs(first) == slugs(again)
    keeps = {
        "": lambda i: True,
        "drawn": lambda i: i % 7 != 0,
        "photo": lambda i: i % 7 == 0,
        "generic": lambda i: i % 4 == 3,  # the position the drawing does not know
    }[show]
    assert len(first.items) == min(60, sum(1 for i in range(size) if keeps(i)))
    if show == "generic":
        assert all(item["generic"] for item in first.items)


@pytest.mark.django_db
def test_a_page_holds_at_most_sixty_pictures(client, curator):
    library_of(600)
    client.force_login(curator)
    pages = [sheet(client, page=n) for n in range(1, 11)]
    assert [len(p.items) for p in pages] == [60] * 10
    assert len({slug for p in pages for slug in slugs(p)}) == 600

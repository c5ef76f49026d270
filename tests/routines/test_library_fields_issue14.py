"""Indications, suitability and search synonyms (issue 14): what a library file, the curation
form and the admin accept and refuse, with the same rules, and where they show."""

import copy

import pytest

from routines import state
from routines.exchange import LibraryError, export_library, load_library
from routines.fields import technique_to_dict
from routines.models import SearchSynonym, Technique, TechniqueRevision
from tests.factories import TechniqueFactory
from tests.routines.test_curation import form_data
from tests.routines.test_exchange import minimal

SUITS = {
    "pregnancy": {"first": "yes", "second": "care", "third": "no"},
    "osteoporosis": "care",
    "clot_risk": "yes",
}


def problems_of(data) -> list[str]:
    with pytest.raises(LibraryError) as error:
        load_library(data)
    return error.value.problems


@pytest.mark.django_db
def test_a_file_with_indications_suitability_and_synonyms_loads_and_exports_them():
    data = minimal(indications=["calf cramps", "runners"], suitability=SUITS)
    data["synonyms"] = [{"term": "cramp", "means": ["calf cramps"], "language": "en"}]
    load_library(data)
    technique = Technique.objects.get()
    assert technique.indications == ["calf cramps", "runners"]
    assert technique.suitability == SUITS
    assert technique.unsuited() == {"pregnancy-third"}
    exported = export_library()
    assert exported["synonyms"] == data["synonyms"]
    assert exported["techniques"][0]["suitability"] == SUITS
    assert exported["techniques"][0]["indications"] == ["calf cramps", "runners"]


@pytest.mark.django_db
def test_a_file_with_bad_suitability_and_indications_is_refused_whole_naming_each():
    data = minimal(
        indications=["Calf Cramps", "two;things", "ok"],
        suitability={
            "pregnancy": {"first": "maybe", "second": "yes"},
            "osteoporosis": "sometimes",
            "asthma": "yes",
        },
    )
    second = copy.deepcopy(data["techniques"][0])
    second.update(slug="other-roll", name="Other roll", suitability=[], indications="runners")
    data["techniques"].append(second)
    problems = problems_of(data)
    text = "\n".join(problems)
    assert "test-roll" in text and "other-roll" in text
    assert "Indication 1 (“Calf Cramps”)" in text
    assert "Indication 2 (“two;things”)" in text
    assert "Pregnancy: give each trimester" in text
    assert "osteoporosis: “sometimes” is not one of" in text
    assert "Unknown condition “asthma”" in text
    assert "field 'suitability' must be an object" in text
    assert "field 'indications' must be a list" in text
    assert Technique.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("synonyms", "named"),
    [
        (
            [
                {"term": "calf muscle", "means": ["lower leg"], "language": "en"},
                {"term": "lower leg", "means": ["calf muscle"], "language": "en"},
            ],
            "Synonyms loop: calf muscl → lower leg → calf muscl",
        ),
        (
            [{"term": "knee cap", "means": ["patella"], "language": "en"}],
            "“knee cap”: “patella” points at nothing",
        ),
        (
            [{"term": "cramp", "means": ["calf"], "language": "de"}],
            "field 'language' must be one of",
        ),
        ([{"term": "cramp", "means": []}], "“cramp”: say what it means"),
        ([{"term": "cramp", "means": "calf"}], "field 'means' must be a list"),
        (
            [
                {"term": "cramp", "means": ["calf"]},
                {"term": "Cramp", "means": ["soleus"]},
            ],
            "duplicate term 'Cramp'",
        ),
    ],
)
def test_bad_synonyms_in_a_file_are_refused_and_named(synonyms, named):
    data = minimal()
    data["synonyms"] = synonyms
    problems = problems_of(data)
    assert any(named in p for p in problems), problems
    assert not SearchSynonym.objects.exists() and not Technique.objects.exists()


@pytest.mark.django_db
def test_a_synonym_may_mean_the_files_own_new_words():
    data = minimal(indications=["calf cramps"])
    data["synonyms"] = [
        {"term": "charley horse", "means": ["calf cramps"], "language": "en"},
        {"term": "crampe", "means": ["charley horse"], "language": "fr"},
    ]
    load_library(data)
    assert SearchSynonym.objects.count() == 2


@pytest.mark.django_db
class TestCurationForm:
    def test_indications_and_suitability_are_saved(self, client, curator, vocab):
        client.force_login(curator)
        client.post(
            "/curate/new/",
            {
                **form_data(vocab),
                "indications": "Desk Workers\n  tech   neck ",
                "suits_pregnancy_first": "yes",
                "suits_pregnancy_second": "yes",
                "suits_pregnancy_third": "care",
                "suits_osteoporosis": "no",
                "suits_clot_risk": "",
                "publish": "1",
            },
        )
        technique = Technique.objects.get(slug="shoulder-blade-pin-at-the-wall")
        assert technique.indications == ["desk workers", "tech neck"]
        assert technique.suitability == {
            "pregnancy": {"first": "yes", "second": "yes", "third": "care"},
            "osteoporosis": "no",
        }

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("indications", "plantar; fasciitis", "a short lowercase phrase"),
            ("indications", "x" * 90, "at most 80 characters"),
            ("suits_osteoporosis", "maybe", "Select a valid choice"),
        ],
    )
    def test_bad_values_are_refused_beside_the_field(
        self, client, curator, vocab, field, value, message
    ):
        client.force_login(curator)
        response = client.post("/curate/new/", {**form_data(vocab), field: value})
        assert response.status_code == 200
        assert message in response.content.decode()
        assert not Technique.objects.filter(slug="shoulder-blade-pin-at-the-wall").exists()

    def test_the_edit_form_shows_what_is_stated(self, client, curator):
        technique = TechniqueFactory(suitability=SUITS, indications=["runners"])
        client.force_login(curator)
        body = client.get(f"/curate/{technique.slug}/edit/").content.decode()
        assert 'name="indications"' in body and "runners" in body
        assert '<option value="care" selected>' in body


@pytest.mark.django_db
def test_the_technique_page_shows_indications_and_suitability(client):
    technique = TechniqueFactory(suitability=SUITS, indications=["runners", "before sleep"])
    body = client.get(technique.get_absolute_url()).content.decode()
    assert "Helps with" in body and "before sleep" in body
    assert "Pregnancy, third trimester" in body
    assert 'class="suits suits--no">No<' in body
    assert 'class="suits suits--care">With care<' in body
    unstated = TechniqueFactory(slug="unsaid", name="Unsaid")
    assert "Not stated" in client.get(unstated.get_absolute_url()).content.decode()


@pytest.mark.django_db
class TestSynonymAdmin:
    def test_a_looping_synonym_is_refused_naming_it(self, admin_client):
        TechniqueFactory(name="Outer thigh roll", slug="outer")
        SearchSynonym.objects.create(term="itb", means=["it band"])
        response = admin_client.post(
            "/admin/routines/searchsynonym/add/",
            {"term": "IT band", "language": "en", "means": "itb"},
        )
        assert response.status_code == 200
        assert "Synonyms loop" in response.content.decode()
        assert SearchSynonym.objects.count() == 1

    def test_a_synonym_pointing_at_nothing_is_refused(self, admin_client):
        TechniqueFactory(name="Outer thigh roll", slug="outer")
        response = admin_client.post(
            "/admin/routines/searchsynonym/add/",
            {"term": "knee cap", "language": "en", "means": "patella"},
        )
        assert "points at nothing" in response.content.decode()
        assert not SearchSynonym.objects.exists()

    def test_a_good_synonym_is_saved_lowercase(self, admin_client):
        TechniqueFactory(name="Outer thigh roll", slug="outer")
        response = admin_client.post(
            "/admin/routines/searchsynonym/add/",
            {"term": "  IT   Band ", "language": "en", "means": "outer thigh"},
        )
        assert response.status_code == 302
        assert SearchSynonym.objects.get().term == "it band"


@pytest.mark.django_db
def test_a_load_creates_in_bulk_with_revisions_and_moves_the_state_once(monkeypatch):
    data = minimal()
    second = copy.deepcopy(data["techniques"][0])
    second.update(slug="second-roll", name="Second roll")
    data["techniques"].append(second)
    moves = []
    monkeypatch.setattr(state, "bump", lambda: moves.append(1))
    load_library(data)
    assert moves == [1]
    for technique in Technique.objects.with_lists():
        revision = technique.revisions.get()
        assert revision.kind == TechniqueRevision.Kind.IMPORTED
        assert revision.snapshot == technique_to_dict(technique)
        assert [r.slug for r in technique.regions.all()] == ["calf"]
    moves.clear()
    load_library(data)  # nothing changed: no write, no new state
    assert moves == []
    assert TechniqueRevision.objects.count() == 2

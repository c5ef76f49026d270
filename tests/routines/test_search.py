"""The search engine (routines/search.py): synonyms, ranking, the any-word fallback, typos
below exact matches, conditions as filters, and odd queries. Most tests build an index from
plain dicts (no database); the last ones go through the library page on the test database,
SQLite or PostgreSQL alike."""

import pytest

from routines.models import SearchSynonym, Technique
from routines.search import (
    FALLBACK_BELOW,
    SearchIndex,
    library_corpus,
    search_library,
    synonym_problems,
)
from tests.factories import TechniqueFactory

SUITS_ALL = {
    "pregnancy": {"first": "yes", "second": "yes", "third": "yes"},
    "osteoporosis": "yes",
    "clot_risk": "yes",
}


def entry(pk, name, **fields):
    return {
        "pk": pk,
        "name": name,
        "summary": fields.pop("summary", ""),
        "tissues": fields.pop("tissues", []),
        "indications": fields.pop("indications", []),
        "cues": fields.pop("cues", []),
        "mistakes": fields.pop("mistakes", []),
        "suitability": fields.pop("suitability", SUITS_ALL),
        "region_names": fields.pop("regions", []),
        "equipment_names": fields.pop("equipment", []),
        "action_names": fields.pop("actions", []),
    }


LIBRARY = [
    entry(1, "Hip flexor pin and stretch at the wall", tissues=["iliopsoas"], regions=["Hip"]),
    entry(2, "Toe flexor roll on a therapy ball", tissues=["flexor digitorum"], regions=["Foot"]),
    entry(
        3,
        "Outer thigh roll on a foam roller",
        tissues=["iliotibial band", "vastus lateralis"],
        regions=["Outer thigh"],
        indications=["runners", "knee pain from running"],
        equipment=["Foam roller"],
    ),
    entry(4, "Wrist extensor pin on a lacrosse ball", regions=["Forearm"], cues=["Band of muscle"]),
    entry(
        5,
        "Calf roll on a therapy ball",
        regions=["Calf"],
        indications=["runners", "shin splints"],
        summary="Roll the calf slowly.",
        suitability={**SUITS_ALL, "clot_risk": "no"},
    ),
    entry(
        6,
        "Belly pin and spin on a large soft ball",
        regions=["Belly"],
        actions=["Pin", "Spin"],
        suitability={**SUITS_ALL, "pregnancy": {"first": "care", "second": "no", "third": "no"}},
        indications=["pregnancy back ache"],
    ),
    entry(
        7,
        "Low back at the wall for pregnancy",
        regions=["Low back"],
        indications=["pregnancy back ache", "desk workers"],
    ),
    entry(8, "Upper back shear at a desk", regions=["Upper back"], actions=["Shear"]),
    entry(9, "Sole of the foot roll", regions=["Sole of the foot"], tissues=["plantar fascia"]),
    entry(10, "Shoulder pin at the wall", regions=["Shoulder"]),
    entry(11, "Back of thigh pin on a firm ball", regions=["Back of thigh"]),
]
SYNONYMS = [
    ("it band", ["iliotibial band", "outer thigh"]),
    ("hip flexor", ["iliopsoas"]),
    ("tennis ball", ["therapy ball"]),
    ("épaule", ["shoulder"]),
    ("hamstring", ["back of thigh"]),
    ("hammies", ["hamstring"]),  # followed through "hamstring", which no technique says
]


@pytest.fixture(scope="module")
def index():
    return SearchIndex.build(LIBRARY, SYNONYMS)


def names(index, q, allowed=None):
    by_pk = {doc.pk: doc.name for doc in index.docs}
    return [by_pk[pk] for pk in index.search(q, allowed).pks]


def test_a_synonym_phrase_is_read_before_its_stop_word(index):
    # "it" is a stop word, but "IT band" is a synonym: the outer thigh, never the wrist.
    assert names(index, "IT band") == ["Outer thigh roll on a foam roller"]


def test_a_two_word_synonym_never_matches_half_of_itself(index):
    found = names(index, "hip flexor")
    assert found[0] == "Hip flexor pin and stretch at the wall"
    assert "Toe flexor roll on a therapy ball" not in found


def test_synonyms_are_followed_through_other_synonyms(index):
    assert names(index, "hammies") == ["Back of thigh pin on a firm ball"]


def test_an_everyday_name_finds_the_library_name(index):
    assert names(index, "tennis ball")[:2] == [
        "Calf roll on a therapy ball",
        "Toe flexor roll on a therapy ball",
    ]


def test_french_words_fold_accents_and_use_the_synonyms(index):
    assert names(index, "épaule") == names(index, "EPAULE") == ["Shoulder pin at the wall"]


def test_ranking_follows_the_field_weights(index):
    # "runners" is an indication of two (weight 6) and a word of no name: the calf comes
    # by name order only among equals; a name match beats an indication.
    index2 = SearchIndex.build(
        [*LIBRARY, entry(12, "Runners' warm-down on a foam roller", regions=["Calf"])], []
    )
    assert names(index2, "runners")[0] == "Runners' warm-down on a foam roller"


def test_fewer_than_five_matching_every_word_brings_close_matches(index):
    results = index.search("desk worker")
    assert results.matching_every_word == 1
    assert results.close_matches
    found = names(index, "desk worker")
    assert found[0] == "Low back at the wall for pregnancy"  # both words first
    assert "Upper back shear at a desk" in found  # then one of the two


def test_enough_matching_every_word_shows_only_those():
    many = [entry(i, f"Calf roll {i}", regions=["Calf"]) for i in range(FALLBACK_BELOW)]
    index = SearchIndex.build([*many, entry(99, "Calf and foot", regions=["Foot"])], [])
    results = index.search("calf roll")
    assert results.matching_every_word == FALLBACK_BELOW
    assert not results.close_matches
    assert 99 not in results.pks


def test_a_typo_finds_the_word_but_never_ranks_above_an_exact_match():
    plantar = SearchIndex.build(
        [
            entry(1, "Plantar fascia roll", tissues=["plantar fascia"]),
            entry(2, "Soleus pin", tissues=["soleus"], cues=["plantar"]),
        ],
        [],
    )
    assert names(plantar, "plantr fascia")[0] == "Plantar fascia roll"
    exact = SearchIndex.build(
        [
            entry(1, "Levatr typo-named technique"),  # matches "levator" only by typo
            entry(2, "Neck pin", cues=["Find the levator under the fingers."]),
        ],
        [],
    )
    # The exact word in a cue (weight 1) ranks above the near word in a name (weight 10).
    assert exact.search("levator").pks[0] == 2


def test_no_typo_tolerance_when_the_word_exists(index):
    # "calf" exists: no fuzzy "half"/"call" guesses are added.
    assert names(index, "calf") == ["Calf roll on a therapy ball"]


def test_a_prefix_finds_words_being_typed(index):
    assert names(index, "plant") == ["Sole of the foot roll"]


def test_condition_words_filter_and_never_rank_a_contraindicated_technique(index):
    found = names(index, "pregnant")
    assert "Belly pin and spin on a large soft ball" not in found  # "no" in trimesters 2, 3
    assert found[0] == "Low back at the wall for pregnancy"  # and the indication ranks
    assert index.search("pregnant").query.conditions == ["pregnancy"]
    assert "Calf roll on a therapy ball" not in names(index, "runners clot")
    assert "Calf roll on a therapy ball" in names(index, "runners")


def test_allowed_limits_the_results_to_the_filters(index):
    assert names(index, "roll", allowed={3, 5}) == [
        "Calf roll on a therapy ball",
        "Outer thigh roll on a foam roller",
    ]


@pytest.mark.parametrize(
    "q",
    [
        "the of and",
        "!!! ??? ...",
        "🙂🙂",
        "x" * 500,
        "'; DROP TABLE routines_technique; --",
        "a\x00b\x07c",
        "%_%",
        "le la les de",
    ],
)
def test_odd_queries_answer_without_error(index, q):
    results = index.search(q)
    assert isinstance(results.pks, list)


def test_only_stop_words_says_there_is_nothing_to_search(index):
    results = index.search("the of and")
    assert results.pks == [] and results.query.concepts == []


# --- synonym rules -----------------------------------------------------------------------

CORPUS = library_corpus(LIBRARY)


def test_a_synonym_loop_is_named():
    problems = synonym_problems(
        [("a word", "en", ["b word"]), ("b word", "en", ["a word"])], CORPUS
    )
    assert any("loop" in p and "a word" in p and "b word" in p for p in problems), problems


def test_a_synonym_that_points_at_nothing_is_named():
    problems = synonym_problems([("knee cap", "en", ["patella tendon"])], CORPUS)
    assert problems and "patella tendon" in problems[0] and "knee cap" in problems[0]


def test_a_synonym_that_means_itself_is_a_loop():
    problems = synonym_problems([("runner", "en", ["runners"])], CORPUS)
    assert any("loop" in p for p in problems), problems


def test_good_synonyms_have_no_problems():
    assert synonym_problems([(t, "en", m) for t, m in SYNONYMS], CORPUS) == []


def test_a_term_given_twice_in_a_language_is_named():
    problems = synonym_problems(
        [("it band", "en", ["outer thigh"]), ("IT band", "en", ["iliotibial band"])], CORPUS
    )
    assert any("twice" in p for p in problems)


# --- through the pages, on the test database --------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "q",
    ["x" * 500, "!!!", "the of", "🙂", "'; DROP TABLE x; --", "a\x00b", "\u202e\u200b", "%"],
)
def test_the_library_page_answers_odd_queries(client, q):
    TechniqueFactory(name="Calf roll")
    response = client.get("/library/", {"q": q})
    assert response.status_code == 200
    panel = client.get("/library/", {"q": q}, headers={"HX-Request": "true"})
    assert panel.status_code == 200


@pytest.mark.django_db
def test_only_stop_words_show_a_no_words_message(client):
    TechniqueFactory(name="Calf roll")
    body = client.get("/library/", {"q": "the of"}).content.decode()
    assert "has no word to search for" in body


@pytest.mark.django_db
def test_the_close_matches_are_said_plainly(client):
    TechniqueFactory(name="Calf roll", slug="calf-roll")
    TechniqueFactory(name="Shin sweep", slug="shin-sweep")
    body = client.get("/library/", {"q": "calf shin"}).content.decode()
    assert "No technique matches all of “calf shin”; showing close matches" in body
    assert "Calf roll" in body and "Shin sweep" in body


@pytest.mark.django_db
def test_a_new_synonym_is_searched_at_once(client):
    TechniqueFactory(name="Outer thigh roll", slug="outer-thigh-roll")
    assert "Outer thigh roll" not in client.get("/library/", {"q": "itb"}).content.decode()
    SearchSynonym.objects.create(term="itb", means=["outer thigh"])
    assert "Outer thigh roll" in client.get("/library/", {"q": "itb"}).content.decode()


@pytest.mark.django_db
def test_the_suits_filter_leaves_out_what_does_not_suit_or_does_not_say(client):
    TechniqueFactory(name="Calf roll safe", slug="safe", suitability=SUITS_ALL)
    TechniqueFactory(
        name="Calf roll clot", slug="clot", suitability={**SUITS_ALL, "clot_risk": "no"}
    )
    TechniqueFactory(name="Calf roll unsaid", slug="unsaid", suitability={})
    page = client.get("/library/", {"q": "calf", "suits": "clot_risk"}).context["page"]
    assert [t.slug for t in page.object_list] == ["safe"]


@pytest.mark.django_db
def test_floor_free_is_standing_wall_or_chair(client):
    TechniqueFactory(name="On the floor", slug="floor", position="supine")
    TechniqueFactory(name="At the wall", slug="wall", position="wall")
    TechniqueFactory(name="On a chair", slug="chair", position="chair")
    page = client.get("/library/", {"suits": "floor-free"}).context["page"]
    assert sorted(t.slug for t in page.object_list) == ["chair", "wall"]


@pytest.mark.django_db
def test_search_library_skips_retired_and_drafts():
    TechniqueFactory(name="Calf live", slug="live")
    TechniqueFactory(name="Calf gone", slug="gone", status=Technique.Status.RETIRED)
    TechniqueFactory(name="Calf draft", slug="draft", status=Technique.Status.DRAFT)
    found = search_library("calf")
    assert list(Technique.objects.filter(pk__in=found.pks).values_list("slug", flat=True)) == [
        "live"
    ]


def test_condition_words_alone_put_a_plain_yes_before_with_care():
    index = SearchIndex.build(
        [
            entry(
                1,
                "A with care",
                suitability={**SUITS_ALL, "osteoporosis": "care"},
            ),
            entry(2, "B plainly fine"),
            entry(3, "C no", suitability={**SUITS_ALL, "osteoporosis": "no"}),
        ],
        [],
    )
    assert names(index, "osteoporosis") == ["B plainly fine", "A with care"]

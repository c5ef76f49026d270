"""Search quality on the starter library (issue 14), on whichever database the suite runs:
judged queries of every kind a teacher, a physio, a student or a French-speaking teacher
types (tests/routines/search_quality_cases.json: the techniques a teacher would be glad to
see first for each, judged from the techniques' content, not from the engine).

Figures, printed at the end of the run (tests/conftest.py) and explained in the README:
- precision at 5: of the first five results, the share that are judged relevant (out of
  five, or out of all the relevant ones when there are fewer than five);
- reciprocal rank: 1 / the rank of the first relevant result.
"""

import json
from pathlib import Path

import pytest
from django.db import connection

from routines.models import Technique
from routines.search import search_library

CASES = json.loads((Path(__file__).parent / "search_quality_cases.json").read_text())
KINDS = {"anatomy", "equipment", "action", "symptom", "population", "typo", "french", "two-word"}
# The README explains them: below the figures measured when they were set (0.94 and 0.99),
# well above what the same engine gives without the synonym table (0.72 and 0.81, with 8
# queries finding nothing).
MIN_MEAN_PRECISION_AT_5 = 0.85
MIN_MEAN_RECIPROCAL_RANK = 0.90


def precision_at_5(found: list[str], relevant: set[str]) -> float:
    return sum(slug in relevant for slug in found[:5]) / min(5, len(relevant))


def reciprocal_rank(found: list[str], relevant: set[str]) -> float:
    return next((1 / rank for rank, slug in enumerate(found, 1) if slug in relevant), 0.0)


def test_the_judged_set_is_broad_and_names_published_techniques(starter_library):
    assert len(CASES) >= 30
    assert {case["kind"] for case in CASES} == KINDS
    for kind in KINDS:
        assert sum(case["kind"] == kind for case in CASES) >= 3, kind
    published = set(Technique.objects.published().values_list("slug", flat=True))
    for case in CASES:
        assert set(case["relevant"]) <= published, case["q"]
        assert set(case["top"]) <= set(case["relevant"]), case["q"]


def test_search_quality_on_the_starter_library(starter_library, record_property):
    slugs = dict(Technique.objects.values_list("pk", "slug"))
    precisions, ranks, empty, weak = [], [], [], []
    for case in CASES:
        results = search_library(case["q"])
        found = [slugs[pk] for pk in results.pks] if results else []
        relevant = set(case["relevant"])
        if not found:
            empty.append(case["q"])
        precisions.append(precision_at_5(found, relevant))
        ranks.append(reciprocal_rank(found, relevant))
        # Every query has a judged-relevant technique in its first three results, and the
        # obvious best answers of a narrow query (ten relevant or fewer) in its first ten.
        if ranks[-1] < 1 / 3 or (len(relevant) <= 10 and not set(case["top"]) <= set(found[:10])):
            weak.append((case["q"], found[:10]))
    mean_p5 = sum(precisions) / len(precisions)
    mrr = sum(ranks) / len(ranks)
    record_property(
        "search_quality",
        f"{connection.vendor}: {len(CASES)} queries, mean precision at 5 {mean_p5:.3f}, "
        f"mean reciprocal rank {mrr:.3f} (thresholds {MIN_MEAN_PRECISION_AT_5}, "
        f"{MIN_MEAN_RECIPROCAL_RANK})",
    )
    assert not empty, f"queries that return nothing: {empty}"
    assert not weak, weak
    assert mean_p5 >= MIN_MEAN_PRECISION_AT_5
    assert mrr >= MIN_MEAN_RECIPROCAL_RANK


@pytest.mark.parametrize(
    ("q", "first", "never"),
    [
        ("IT band", "outer-thigh", "wrist"),
        ("hip flexor", "front-of-hip", "toe"),
        ("tennis ball", "therapy-ball", "tensor-fasciae-latae"),
        ("épaule", "deltoid", "calf"),
    ],
)
def test_the_issues_examples_land_where_a_teacher_expects(client, starter_library, q, first, never):
    """The issue's examples: "hip flexor" brought up toe flexors, "IT band" a wrist
    technique, "tennis ball" the TFL, and "épaule" nothing."""
    found = [t.slug for t in client.get("/library/", {"q": q}).context["page"].object_list]
    assert any(first in slug for slug in found[:3]), (q, found[:5])
    assert not any(never in slug for slug in found), (q, found)

"""The starter library as shipped: complete, covering, and faithful to the seed texts."""

import json
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = json.loads((ROOT / "routines" / "library" / "starter_library.json").read_text())
TECHNIQUES = {t["slug"]: t for t in LIBRARY["techniques"]}
PUBLISHED = [t for t in LIBRARY["techniques"] if t["status"] == "published"]


def test_at_least_60_published_techniques():
    assert len(PUBLISHED) >= 60


@pytest.mark.parametrize("technique", PUBLISHED, ids=lambda t: t["slug"])
def test_every_technique_is_complete(technique):
    assert technique["summary"].strip() and len(technique["summary"]) <= 160
    assert len(technique["instructions"]) >= 3
    assert len(technique["cues"]) >= 2
    assert len(technique["mistakes"]) >= 1
    assert (
        technique["regions"]
        and technique["tissues"]
        and technique["actions"]
        and technique["equipment"]
    )
    assert technique["position"] and technique["level"] and technique["intensity"]
    assert 5 <= technique["duration_seconds"] <= 1800
    assert isinstance(technique["per_side"], bool)
    # Every technique warns about recent injury or surgery sites.
    assert any("Recent injury or surgery" in c for c in technique["contraindications"])


SMALL_BALLS = {"therapy-ball", "ball-pair-tote", "firm-ball", "lacrosse-ball", "spiky-ball"}
ANY = None
CONTRAINDICATION_RULES = [
    # (regions any of, equipment any of, wording that must be present). Lying across
    # the thoracic spine on a foam roller or a large soft ball is usual practice;
    # a small ball on the spine is not.
    ({"low-back", "upper-back", "between-shoulder-blades"}, SMALL_BALLS, "spine"),
    ({"belly"}, ANY, "Pregnancy"),
    ({"back-of-neck", "side-of-neck"}, ANY, "front of the neck"),
    ({"inner-thigh"}, ANY, "groin"),
]


@pytest.mark.parametrize(("regions", "equipment", "wording"), CONTRAINDICATION_RULES)
def test_contraindications_are_given_where_they_apply(regions, equipment, wording):
    missing = [
        t["slug"]
        for t in PUBLISHED
        if regions & set(t["regions"])
        and (equipment is ANY or equipment & set(t["equipment"]))
        and not any(wording.lower() in c.lower() for c in t["contraindications"] + t["cautions"])
    ]
    assert missing == []


def test_at_least_20_regions_and_all_of_them_used():
    regions = {r["slug"] for r in LIBRARY["regions"]}
    used = {r for t in PUBLISHED for r in t["regions"]}
    assert len(regions) >= 20
    assert regions == used


def test_regions_know_their_partner_and_fascial_neighbours():
    by_slug = {r["slug"]: r for r in LIBRARY["regions"]}
    assert by_slug["upper-back"]["partner"] == "front-of-shoulder-and-chest"
    assert by_slug["back-of-thigh"]["partner"] == "front-of-thigh"
    assert by_slug["ankle-and-calf"]["partner"] == "shin"
    assert by_slug["glutes"]["partner"] == "front-of-hip"
    assert by_slug["low-back"]["partner"] == "belly"
    # Sole of the foot → calf → back of thigh: "a local action has a global effect".
    assert "ankle-and-calf" in by_slug["sole-of-foot"]["neighbours"]
    assert "back-of-thigh" in by_slug["ankle-and-calf"]["neighbours"]


def test_every_action_and_every_kind_of_equipment_is_used():
    actions = {a["slug"] for a in LIBRARY["actions"]}
    equipment = {e["slug"] for e in LIBRARY["equipment"]}
    assert actions == {
        "roll",
        "pin",
        "spin",
        "compress",
        "shear",
        "pin-and-stretch",
        "cross-fiber",
        "sustained-hold",
        "contract-relax",
    }
    assert actions == {a for t in PUBLISHED for a in t["actions"]}
    assert equipment == {e for t in PUBLISHED for e in t["equipment"]}


def test_at_least_8_progressions_of_3_or_more_consecutive_levels():
    levels: dict[str, list[int]] = {}
    for t in LIBRARY["techniques"]:
        if t["progression"]:
            levels.setdefault(t["progression"], []).append(t["progression_level"])
    assert len(levels) >= 8
    for slug, found in levels.items():
        assert sorted(found) == list(range(1, len(found) + 1)), slug
        assert len(found) >= 3, slug


def test_seed_000_five_actions_and_belly_pin_and_spin_on_a_large_soft_ball():
    used = Counter(a for t in PUBLISHED for a in t["actions"])
    for action in ["roll", "pin", "spin", "compress", "shear"]:
        assert used[action] >= 2
    belly = TECHNIQUES["belly-pin-and-spin-large-soft-ball"]
    assert "belly" in belly["regions"]
    assert {"pin", "spin"} <= set(belly["actions"])
    assert belly["equipment"] == ["large-soft-ball"]
    assert any("Pregnancy" in c for c in belly["contraindications"])


def test_seed_001_neck_and_upper_back_work_with_windshield_wiper_legs():
    tissues = {tissue for t in PUBLISHED for tissue in t["tissues"]}
    assert {"levator scapulae", "posterior scalene", "upper trapezius", "rhomboids"} <= tissues
    names = [t["name"].lower() for t in PUBLISHED]
    assert any("windshield wiper legs" in n for n in names)
    assert any("levator scapulae" in n for n in names)
    assert any("posterior scalene" in n for n in names)


def test_seed_002_sole_of_the_foot_on_spiky_ball_lacrosse_ball_and_foam_roller():
    sole = [t for t in PUBLISHED if "sole-of-foot" in t["regions"] and "roll" in t["actions"]]
    equipment = {e for t in sole for e in t["equipment"]}
    assert {"spiky-ball", "lacrosse-ball", "foam-roller"} <= equipment
    assert any("plantar fascia" in t["tissues"] for t in sole)


def test_seed_003_upper_body_wall_routine_is_the_top_of_its_progression():
    wall = TECHNIQUES["massage-ball-upper-body-wall"]
    assert wall["position"] == "wall"
    assert "wall" in wall["equipment"]
    assert wall["duration_seconds"] >= 60
    steps = " ".join(wall["instructions"]).lower()
    for place in [
        "top of the shoulder",
        "spine",
        "shoulder blade",
        "back of the neck",
        "outside of the shoulder",
        "chest",
    ]:
        assert place in steps, place
    assert "behind your back" in steps
    mistakes = " ".join(wall["mistakes"]).lower()
    for mistake in ["spine", "too fast", "strengthen"]:
        assert mistake in mistakes, mistake
    assert "60 seconds" in (wall["summary"] + " ".join(wall["cues"]))
    top = max(
        t["progression_level"]
        for t in LIBRARY["techniques"]
        if t["progression"] == wall["progression"]
    )
    assert wall["progression_level"] == top

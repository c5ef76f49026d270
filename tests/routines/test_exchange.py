import copy
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from routines.exchange import LibraryError, export_library, load_library
from routines.models import Progression, Region, Technique, TechniqueRevision

ROOT = Path(__file__).resolve().parents[2]
STARTER = ROOT / "routines" / "library" / "starter_library.json"


def starter():
    return json.loads(STARTER.read_text())


def minimal(**technique_overrides):
    technique = {
        "slug": "test-roll",
        "name": "Test roll",
        "summary": "Roll the calf.",
        "status": "published",
        "regions": ["calf"],
        "tissues": ["soleus"],
        "actions": ["roll"],
        "equipment": ["ball"],
        "position": "seated",
        "duration_seconds": 60,
        "per_side": True,
        "level": "beginner",
        "intensity": "gentle",
        "instructions": ["One.", "Two.", "Three."],
        "cues": ["Slowly.", "Breathe."],
        "mistakes": ["Rushing."],
        "cautions": [],
        "contraindications": [],
        "progression": None,
        "progression_level": None,
        "image": "",
        "video_url": "",
    }
    technique.update(technique_overrides)
    return {
        "format": "rollcall-library",
        "version": 1,
        "regions": [
            {"slug": "calf", "name": "Calf", "view": "back", "partner": None, "neighbours": []}
        ],
        "equipment": [{"slug": "ball", "name": "Ball", "description": ""}],
        "actions": [{"slug": "roll", "name": "Roll", "description": ""}],
        "progressions": [],
        "techniques": [technique],
    }


@pytest.mark.django_db
def test_export_of_the_loaded_starter_library_gives_back_the_same_file(starter_library):
    assert export_library() == starter()
    out = StringIO()
    call_command("export_library", stdout=out)
    assert json.loads(out.getvalue()) == starter()


@pytest.mark.django_db
def test_loading_twice_creates_then_reports_everything_unchanged(starter_library):
    out = StringIO()
    call_command("load_library", str(STARTER), stdout=out)
    total = len(starter()["techniques"])
    assert total >= 150
    assert f"techniques: 0 created, 0 updated, {total} unchanged" in out.getvalue()
    assert f"synonyms: 0 created, 0 updated, {len(starter()['synonyms'])} unchanged" in (
        out.getvalue()
    )
    assert Technique.objects.count() == total


@pytest.mark.django_db
def test_load_upserts_by_slug_and_never_deletes(starter_library):
    data = starter()
    data["techniques"][0]["summary"] = "A new summary."
    removed = data["techniques"].pop()
    report = load_library(data)
    assert report.updated == [data["techniques"][0]["slug"]]
    assert Technique.objects.filter(slug=removed["slug"]).exists()
    technique = Technique.objects.get(slug=data["techniques"][0]["slug"])
    assert technique.summary == "A new summary."
    revision = technique.revisions.first()
    assert revision.kind == TechniqueRevision.Kind.IMPORTED
    assert revision.changes["summary"][1] == "A new summary."


@pytest.mark.django_db
def test_a_progression_can_be_reordered_by_a_reload(starter_library):
    data = starter()
    ladder = sorted(
        (t for t in data["techniques"] if t["progression"] == "sole-of-foot-progression"),
        key=lambda t: t["progression_level"],
    )
    ladder[0]["progression_level"], ladder[1]["progression_level"] = 2, 1
    load_library(data)
    assert Technique.objects.get(slug=ladder[0]["slug"]).progression_level == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda d: d["techniques"][0].update(regions=["calf", "elbow"]),
            "techniques[0] (test-roll): field 'regions': unknown region 'elbow'",
        ),
        (
            lambda d: d["techniques"].append(copy.deepcopy(d["techniques"][0])),
            "techniques[1] (test-roll): duplicate slug 'test-roll'",
        ),
        (
            lambda d: d["techniques"][0].pop("name"),
            "techniques[0] (test-roll): field 'name' is required",
        ),
        (
            lambda d: d["techniques"][0].update(duration_seconds=0),
            "field 'duration_seconds' must be a whole number from 5 to 1800",
        ),
        (
            lambda d: d["techniques"][0].update(position="upside-down"),
            "field 'position': 'upside-down' is not one of",
        ),
        (
            lambda d: d["techniques"][0].update(instructions="do it"),
            "field 'instructions' must be a list",
        ),
        (
            lambda d: d["techniques"][0].update(progression="nope", progression_level=1),
            "unknown progression 'nope'",
        ),
        (lambda d: d.update(format="something-else"), 'format: expected "rollcall-library"'),
        (
            lambda d: d["regions"][0].update(partner="nowhere"),
            "regions[0] (calf): field 'partner': unknown region 'nowhere'",
        ),
    ],
)
def test_bad_entries_are_named_and_nothing_is_loaded(mutate, message):
    data = minimal()
    mutate(data)
    with pytest.raises(LibraryError) as error:
        load_library(data)
    assert any(message in p for p in error.value.problems), error.value.problems
    assert Technique.objects.count() == 0
    assert Region.objects.count() == 0


@pytest.mark.django_db
def test_a_valid_minimal_file_loads(tmp_path):
    report = load_library(minimal())
    assert report.created == ["test-roll"]
    technique = Technique.objects.get()
    assert [r.name for r in technique.regions.all()] == ["Calf"]
    assert technique.revisions.count() == 1


@pytest.mark.django_db
def test_command_reports_malformed_json_with_its_position_and_loads_nothing(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "rollcall-library", "version": 1,,}')
    with pytest.raises(
        CommandError, match=r"not valid JSON: .* line 1, column \d+\. Nothing was loaded"
    ):
        call_command("load_library", str(path))
    assert Progression.objects.count() == 0


@pytest.mark.django_db
def test_command_lists_every_problem(tmp_path):
    data = minimal(regions=["elbow"], name="")
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    with pytest.raises(CommandError) as error:
        call_command("load_library", str(path))
    text = str(error.value)
    assert "nothing was loaded" in text
    assert "unknown region 'elbow'" in text and "field 'name' is required" in text
    assert Technique.objects.count() == 0


@pytest.mark.django_db
def test_command_reports_an_unreadable_file(tmp_path):
    path = tmp_path / "binary.json"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(CommandError, match=r"Cannot read|not valid JSON"):
        call_command("load_library", str(path))

"""Safety that follows the student, on the pure checks: findings bounded by the roster's
notes, alternatives and suggestions that never recreate a danger, messages that read."""

import re

import pytest

from routines.check_data import catalogue, region_graph
from routines.checks import (
    ADAPTED,
    BLOCK,
    CLASS,
    DANGER,
    HOMEWORK,
    Avoid,
    ModificationInfo,
    NoteInfo,
    StepInfo,
    StudentInfo,
    TechniqueInfo,
    alternatives_for,
    duration_text,
    run_checks,
    suggestions,
)
from tests.routines.test_checks import (
    CHEST,
    DEEP,
    NECK,
    PIN,
    REGIONS,
    REST,
    SHIN,
    TODAY,
    check,
    step,
)

NECK_NOTE = NoteInfo(3, avoid_regions=frozenset({"back-of-neck"}))


def student(i, *notes):
    return StudentInfo(i, f"Student {i}", first_name=f"S{i}", notes=tuple(notes))


def dangers(result):
    return [f for f in result.findings if f.level == DANGER]


class TestOneFindingPerStudentAndNote:
    def test_five_neck_steps_and_one_neck_note_give_exactly_one_danger_listing_the_five(self):
        steps = [step(NECK, i, title=f"Neck {i}") for i in range(1, 6)]
        result = check([*steps, REST], roster=[student(1, NECK_NOTE)])
        [danger] = dangers(result)
        assert [s.index for s in danger.steps] == [1, 2, 3, 4, 5]
        assert "Steps 1, 2, 3, 4, 5 work it." in danger.message
        assert "Student 1: avoid back of the neck" in danger.message

    def test_300_students_30_notes_36_steps_give_at_most_30_dangers(self):
        notes = {i: NoteInfo(i, avoid_regions=frozenset({"back-of-neck"})) for i in range(30)}
        roster = [student(i, *([notes[i]] if i in notes else [])) for i in range(300)]
        techniques = [PIN, NECK, CHEST, DEEP, SHIN, NECK]
        steps = [step(techniques[i % 6], i + 1, title=f"Step {i}") for i in range(36)]
        result = check(steps, roster=roster)
        assert len(dangers(result)) == 30
        assert len(result.findings) <= 30 + 10
        # Alternatives are per conflicting step, not per finding.
        assert set(result.conflicts) == {s.index for s in steps if s.technique is NECK}

    def test_the_finding_never_carries_the_condition(self):
        # NoteInfo has no condition to carry: the checks cannot leak what they are not given.
        assert not hasattr(NECK_NOTE, "condition")

    def test_expired_empty_and_absent_notes_give_no_danger(self):
        expired = NoteInfo(1, avoid_regions=frozenset({"back-of-neck"}), until=TODAY.replace(day=1))
        empty = NoteInfo(2, affected_regions=frozenset({"back-of-neck"}))
        for roster in ([student(1, expired)], [student(2, empty)], [student(3)], []):
            assert dangers(check([step(NECK), REST], roster=roster)) == []

    def test_a_modification_clears_that_students_danger_for_that_step_only(self):
        steps = [
            StepInfo(1, "Main", "technique", "Neck roll", 60, technique=NECK, step_id=11),
            StepInfo(2, "Main", "technique", "Neck again", 60, technique=NECK, step_id=12),
            REST,
        ]
        sam, lee = student(1, NECK_NOTE), student(2, NoteInfo(4, avoid_regions=NECK.regions))
        swap = ModificationInfo(student_id=1, step_id=11, instead="Upper back pin")
        result = check(steps, roster=[sam, lee], modifications=[swap])
        sams = next(f for f in result.findings if f.students == ["Student 1"])
        assert sams.level == DANGER and [s.index for s in sams.steps] == [2]
        assert sams.modified == [(steps[0], swap)]
        conflict = result.conflicts[1]
        assert conflict.students == [lee] and conflict.adapted == [(sam, swap)]
        both = ModificationInfo(student_id=1, step_id=12, instead="Rest")
        result = check(steps, roster=[sam], modifications=[swap, both])
        assert [f.level for f in result.findings if f.code == "safety.health-note"] == [ADAPTED]


class TestAlternativesNeverRecreateADanger:
    def test_alternatives_avoid_every_note_of_the_roster_not_only_the_students_own(self):
        shin_note = NoteInfo(5, avoid_regions=frozenset({"upper-back"}))
        result = check([step(NECK), REST], roster=[student(1, NECK_NOTE), student(2, shin_note)])
        assert PIN not in result.conflicts[1].alternatives  # the other student must avoid it

    def test_suggestions_leave_out_what_the_roster_must_avoid(self):
        result = suggestions(
            steps=[step(PIN, seconds=600)],
            regions=REGIONS,
            catalogue=(PIN, NECK, CHEST),
            avoid=Avoid(frozenset({"back-of-neck"})),
        )
        assert NECK not in result.connected

    def test_ranking_keeps_the_steps_purpose(self):
        wall = TechniqueInfo(
            "wall-pin",
            "Wall pin",
            frozenset({"upper-back", "back-of-neck"}),
            frozenset({"pin"}),
            equipment=frozenset({"Wall"}),
            position="wall",
        )
        same_area = TechniqueInfo(
            "wall-back",
            "Upper back at the wall",
            frozenset({"upper-back"}),
            frozenset({"pin"}),
            equipment=frozenset({"Wall"}),
            position="wall",
        )
        elsewhere = TechniqueInfo("chest", "Chest", frozenset({"chest"}), frozenset({"roll"}))
        ranked = alternatives_for(
            wall,
            avoid=Avoid(frozenset({"back-of-neck"})),
            catalogue=[elsewhere, same_area],
            in_plan=set(),
            regions=REGIONS,
        )
        assert ranked == [same_area, elsewhere]


@pytest.mark.django_db
def test_no_alternative_or_suggestion_conflicts_with_any_note_over_every_starter_region(
    starter_library,
):
    """Exhaustive: for every region (and every action) a note may ask to avoid, every step
    of the library that works it gets alternatives, and none of them, nor any suggestion,
    works that region or action."""
    regions, library = region_graph(), catalogue()
    actions = sorted({a for t in library for a in t.actions})
    notes = [NoteInfo(i, avoid_regions=frozenset({slug})) for i, slug in enumerate(regions)]
    notes += [NoteInfo(100 + i, avoid_actions=frozenset({a})) for i, a in enumerate(actions)]
    checked = 0
    for note in notes:
        roster = [StudentInfo(1, "Sam S.", notes=(note,))]
        concerned = [t for t in library if note.conflicts_with(t)][:12]
        steps = [
            StepInfo(i, "Main", "technique", t.name, 60, technique=t, step_id=i)
            for i, t in enumerate(concerned, start=1)
        ]
        result = run_checks(
            steps=steps,
            target_seconds=600,
            total_seconds=sum(s.total_seconds for s in steps),
            regions=regions,
            catalogue=library,
            roster=roster,
            today=TODAY,
        )
        offered = [t for c in result.conflicts.values() for t in c.alternatives]
        offered += [t for f in result.findings for t in f.alternatives]
        suggested = suggestions(steps=steps, regions=regions, catalogue=library, avoid=result.avoid)
        offered += suggested.connected + suggested.partner
        for technique in offered:
            assert not note.conflicts_with(technique), (note, technique.slug)
            checked += 1
        assert len(dangers(result)) == (1 if steps else 0)
    assert checked > 200  # the loop really offered alternatives to check


@pytest.mark.django_db
def test_every_message_reads_as_an_english_sentence_for_every_starter_region(starter_library):
    regions = region_graph()
    bad = re.compile(r"\b(the the|works the|the between|a the|0 min)\b", re.IGNORECASE)
    for slug, region in regions.items():
        technique = TechniqueInfo(slug, f"Work on {region.name}", frozenset({slug}))
        steps = [step(technique, 1, seconds=900), step(technique, 2, seconds=900)]
        note = NoteInfo(1, avoid_regions=frozenset({slug}), avoid_actions=frozenset({"roll"}))
        result = run_checks(
            steps=steps,
            target_seconds=1500,
            total_seconds=1800,
            regions=regions,
            catalogue=[],
            roster=[StudentInfo(1, "Sam S.", notes=(note,))],
            today=TODAY,
            action_names={"roll": "Roll"},
        )
        assert {f.code for f in result.findings} >= {"safety.health-note", "time.over"}
        for finding in result.findings:
            message = finding.message
            first = message.lstrip("“")[0]
            assert (first.isupper() or first.isdigit()) and message.endswith("."), message
            assert not bad.search(message), message
            assert "  " not in message and "_" not in message, message


class TestTimeAndPurpose:
    def test_no_warning_within_a_minute_or_five_percent(self):
        steps = [step(PIN, seconds=30 * 60 + 15), REST]
        assert "time.over" not in [f.code for f in check(steps, target=30 * 60 + 120).findings]
        result = check([step(PIN, seconds=30 * 60 + 15)], target=30 * 60)
        assert "time.over" not in [f.code for f in result.findings]
        result = check([step(PIN, seconds=62 * 60)], target=60 * 60)  # 2 min < 5 % of 60
        assert "time.over" not in [f.code for f in result.findings]
        result = check([step(PIN, seconds=32 * 60 + 30)], target=30 * 60)
        over = next(f for f in result.findings if f.code == "time.over")
        assert "2 min 30 s over" in over.message

    def test_durations_read_as_minutes_and_seconds(self):
        assert duration_text(15) == "15 s"
        assert duration_text(90) == "1 min 30 s"
        assert duration_text(1200) == "20 min"

    def test_a_block_is_not_asked_for_a_rest_or_to_spread_the_work(self):
        feet = [step(PIN, 1, seconds=900)]
        codes = [f.code for f in check(feet, purpose=BLOCK).findings]
        assert "teaching.no-rest" not in codes and "teaching.one-region" not in codes
        codes = [f.code for f in check(feet, purpose=CLASS).findings]
        assert "teaching.no-rest" in codes and "teaching.one-region" in codes

    def test_a_daily_home_routine_over_20_minutes_is_a_tip(self):
        long = [step(PIN, 1, seconds=25 * 60)]
        assert "homework.long" in [f.code for f in check(long, purpose=HOMEWORK).findings]
        short = [step(PIN, 1, seconds=10 * 60)]
        assert "homework.long" not in [f.code for f in check(short, purpose=HOMEWORK).findings]
        assert "teaching.no-rest" not in [f.code for f in check(short, purpose=HOMEWORK).findings]

"""The plan checks, on small plans built in code: no request, no template."""

import datetime

import pytest

from classes import services
from routines.check_data import catalogue, check_snapshot, region_graph, steps_from_snapshot
from routines.checks import (
    DANGER,
    TIP,
    WARNING,
    NoteInfo,
    RegionInfo,
    StepInfo,
    StudentInfo,
    TechniqueInfo,
    run_checks,
    suggestions,
)
from routines.models import Technique

TODAY = datetime.date(2026, 11, 21)
REGIONS = {
    "upper-back": RegionInfo(
        "upper-back", "Upper back", partner="chest", neighbours=frozenset({"back-of-neck"})
    ),
    "chest": RegionInfo("chest", "Front of the shoulder and chest", partner="upper-back"),
    "back-of-neck": RegionInfo(
        "back-of-neck", "Back of the neck", neighbours=frozenset({"upper-back"})
    ),
    "calf": RegionInfo("calf", "Ankle and calf", partner="shin"),
    "shin": RegionInfo("shin", "Shin", partner="calf"),
}
PIN = TechniqueInfo(
    "upper-back-pin", "Upper back pin", frozenset({"upper-back"}), frozenset({"pin"})
)
NECK = TechniqueInfo("neck-roll", "Neck roll", frozenset({"back-of-neck"}), frozenset({"roll"}))
CHEST = TechniqueInfo("chest-opener", "Chest opener", frozenset({"chest"}), frozenset({"pin"}))
DEEP = TechniqueInfo(
    "deep-calf", "Deep calf", frozenset({"calf"}), frozenset({"cross-fiber"}), "deep"
)
SHIN = TechniqueInfo("shin-roll", "Shin roll", frozenset({"shin"}), frozenset({"roll"}))
REST = StepInfo(99, "Rest", "rest", "Quiet moment", 120)


def step(technique, index=1, seconds=60, side="both", kind="technique", title=None, default=None):
    return StepInfo(
        index=index,
        section="Main work",
        kind=kind,
        title=title or (technique.name if technique else "Step"),
        duration_seconds=seconds,
        side=side,
        technique=technique,
        default_seconds=default or seconds,
    )


def check(steps, *, target=None, roster=(), catalogue=(PIN, NECK, CHEST, DEEP, SHIN), **extra):
    """Every check on `steps`; `extra` passes purpose, modifications and the like."""
    total = sum(s.total_seconds for s in steps)
    return run_checks(
        steps=steps,
        target_seconds=target if target is not None else total,
        total_seconds=total,
        regions=REGIONS,
        catalogue=catalogue,
        roster=roster,
        today=TODAY,
        **extra,
    )


def codes(result, level=None):
    return [f.code for f in result.findings if level is None or f.level == level]


def sam(*notes, new=False):
    return StudentInfo(7, "Sam Student", new_to_ball_work=new, notes=tuple(notes))


NECK_NOTE = NoteInfo(
    3,
    avoid_regions=frozenset({"back-of-neck"}),
    affected_regions=frozenset({"back-of-neck"}),
)


class TestSafety:
    def test_a_step_on_a_region_to_avoid_is_a_danger_naming_student_step_and_what_to_avoid(self):
        result = check([step(CHEST, 1), step(NECK, 2), REST], roster=[sam(NECK_NOTE)])
        danger = [f for f in result.findings if f.level == DANGER]
        assert len(danger) == 1
        finding = danger[0]
        assert finding.students == ["Sam Student"]
        assert finding.steps[0].title == "Neck roll"
        assert "Sam Student" in finding.message and "avoid back of the neck" in finding.message
        assert "Step 2 works it" in finding.message
        alternatives = result.conflicts[2].alternatives
        assert alternatives == [PIN]  # along the line, and nothing on the neck

    def test_an_action_to_avoid_is_a_danger_too(self):
        note = NoteInfo(4, avoid_actions=frozenset({"cross-fiber"}))
        result = check([step(DEEP), step(SHIN, 2), REST], roster=[sam(note)])
        assert codes(result, DANGER) == ["safety.health-note"]

    def test_an_expired_note_no_longer_counts(self):
        old = NoteInfo(
            3,
            avoid_regions=frozenset({"back-of-neck"}),
            until=TODAY - datetime.timedelta(days=1),
        )
        assert codes(check([step(NECK), REST], roster=[sam(old)]), DANGER) == []

    def test_a_student_without_notes_gives_no_safety_finding(self):
        assert codes(check([step(NECK), REST], roster=[sam()]), DANGER) == []

    def test_alternatives_are_published_and_not_already_in_the_plan(self):
        retired = TechniqueInfo("old-pin", "Old pin", frozenset({"upper-back"}), status="retired")
        result = check(
            [step(NECK), step(PIN, 2), REST],
            roster=[sam(NECK_NOTE)],
            catalogue=(PIN, CHEST, retired),
        )
        alternatives = result.conflicts[1].alternatives
        assert PIN not in alternatives and retired not in alternatives
        assert len(alternatives) <= 3

    def test_cautions_of_every_technique_are_collected_once(self):
        a = StepInfo(
            1, "Main", "technique", "A", 60, technique=PIN, cautions=("Keep off the spine.",)
        )
        b = StepInfo(
            2,
            "Main",
            "technique",
            "B",
            60,
            technique=CHEST,
            cautions=("Keep off the spine.", "No implants."),
        )
        assert check([a, b]).cautions == ["Keep off the spine.", "No implants."]


class TestBalance:
    def test_upper_back_without_chest_is_a_warning_naming_the_chest(self):
        result = check([step(PIN), REST])
        finding = next(f for f in result.findings if f.code == "balance.partner")
        assert finding.level == WARNING
        message = finding.message.lower()
        assert "upper back" in message and "front of the shoulder and chest" in message
        assert finding.alternatives == [CHEST]

    def test_a_pair_worked_together_is_balanced(self):
        assert "balance.partner" not in codes(check([step(PIN), step(CHEST, 2), REST]))

    def test_a_side_left_unpaired(self):
        result = check([step(PIN, 1, side="left"), step(CHEST, 2), REST])
        finding = next(f for f in result.findings if f.code == "balance.sides")
        assert "right" in finding.message

    def test_left_and_right_together_are_fine(self):
        result = check(
            [step(PIN, 1, side="left"), step(PIN, 2, side="right"), step(CHEST, 3), REST]
        )
        assert "balance.sides" not in codes(result)


class TestTime:
    def test_60_minutes_of_steps_for_a_45_minute_target_is_a_warning(self):
        steps = [step(PIN, i, seconds=600) for i in range(1, 6)] + [step(CHEST, 6, seconds=600)]
        result = check(steps, target=45 * 60)
        finding = next(f for f in result.findings if f.code == "time.over")
        assert finding.level == WARNING and "15 min over" in finding.message

    def test_more_than_15_percent_under_is_a_warning(self):
        assert "time.under" in codes(
            check([step(PIN, seconds=600), step(CHEST, 2, seconds=600)], target=30 * 60)
        )

    def test_within_15_percent_is_fine(self):
        assert not {"time.under", "time.over"} & set(
            codes(check([step(PIN, seconds=900), step(CHEST, 2, seconds=900)], target=32 * 60))
        )

    def test_a_step_far_longer_than_its_default(self):
        result = check([step(PIN, seconds=600, default=90), step(CHEST, 2), REST])
        assert "time.long-step" in codes(result, TIP)


class TestTeaching:
    def test_newcomers_and_deep_work_early(self):
        steps = [
            step(DEEP, 1, seconds=300),
            step(SHIN, 2, seconds=300),
            step(PIN, 3, seconds=300),
            step(CHEST, 4, seconds=300),
            REST,
        ]
        result = check(steps, roster=[sam(new=True)])
        finding = next(f for f in result.findings if f.code == "teaching.newcomers-deep")
        assert finding.students == ["Sam Student"] and finding.steps[0].title == "Deep calf"

    def test_deep_work_late_is_fine_for_newcomers(self):
        steps = [
            step(SHIN, 1, seconds=300),
            step(PIN, 2, seconds=300),
            step(CHEST, 3, seconds=300),
            step(DEEP, 4, seconds=300),
            REST,
        ]
        assert "teaching.newcomers-deep" not in codes(check(steps, roster=[sam(new=True)]))

    def test_no_rest_at_the_end(self):
        assert "teaching.no-rest" in codes(check([step(PIN), step(CHEST, 2)]))
        assert "teaching.no-rest" not in codes(check([step(PIN), step(CHEST, 2), REST]))

    def test_an_assessment_without_a_recheck(self):
        fold = StepInfo(1, "Arrive", "assessment", "Forward fold", 60)
        recheck = StepInfo(4, "Rest", "assessment", "Re-check: forward fold", 60)
        assert "teaching.no-recheck" in codes(check([fold, step(PIN, 2), step(CHEST, 3), REST]))
        assert "teaching.no-recheck" not in codes(
            check([fold, step(PIN, 2), step(CHEST, 3), recheck, REST])
        )

    def test_too_many_minutes_in_one_region(self):
        result = check([step(PIN, 1, seconds=900), step(CHEST, 2, seconds=120), REST])
        finding = next(f for f in result.findings if f.code == "teaching.one-region")
        assert "upper back" in finding.message.lower()


class TestOddPlans:
    def test_an_empty_plan_gives_no_error_and_no_findings(self):
        result = check([], target=45 * 60)
        assert result.findings == [] and result.seconds_by_region == {}

    def test_steps_of_retired_techniques_are_still_checked_without_error(self):
        retired = TechniqueInfo("gone", "Gone", frozenset({"upper-back"}), status="retired")
        result = check([step(retired), REST], roster=[sam()])
        assert "balance.partner" in codes(result)

    def test_findings_come_most_serious_first(self):
        result = check([step(NECK), step(PIN, 2)], target=60, roster=[sam(NECK_NOTE)])
        levels = [f.level for f in result.findings]
        assert levels == sorted(levels, key={DANGER: 0, WARNING: 1, TIP: 2}.get)


@pytest.mark.django_db
def test_the_wall_routine_of_seed_003_against_a_neck_injury(starter_library):
    """The issue's own example, on the real starter library."""
    from tests.factories import TeacherFactory

    wall = Technique.objects.get(slug="massage-ball-upper-body-wall")
    teacher = TeacherFactory()
    plan = services.plan_create(owner=teacher, title="Wall routine", target_minutes=15)
    main = plan.routine.sections.get(position=2)
    services.step_add(plan=plan, expected_version=plan.lock_version, section=main, technique=wall)
    plan.refresh_from_db()
    snapshot = services.plan_snapshot(plan)
    regions = region_graph()
    steps = steps_from_snapshot(snapshot)
    note = NoteInfo(
        1,
        avoid_regions=frozenset({"back-of-neck", "side-of-neck"}),
        affected_regions=frozenset({"back-of-neck", "side-of-neck"}),
    )
    result = run_checks(
        steps=steps,
        target_seconds=15 * 60,
        total_seconds=snapshot["total_seconds"],
        regions=regions,
        catalogue=catalogue(),
        roster=[StudentInfo(1, "Sam Student", notes=(note,))],
        today=TODAY,
    )
    danger = [f for f in result.findings if f.level == DANGER]
    assert len(danger) == 1
    assert "Sam Student" in danger[0].message and danger[0].steps[0].title == wall.name
    assert "back of the neck" in danger[0].message
    alternatives = result.conflicts[danger[0].steps[0].index].alternatives
    assert alternatives, "safer techniques should be offered"
    for alternative in alternatives:
        assert not alternative.regions & {"back-of-neck", "side-of-neck"}
    assert check_snapshot(snapshot).findings is not None  # runs with real data and no roster


class TestSuggestions:
    def test_connected_regions_and_the_partner_are_offered_for_the_focus(self):
        result = suggestions(
            steps=[step(PIN, seconds=600), step(CHEST, 2, seconds=60)],
            regions=REGIONS,
            catalogue=(PIN, NECK, CHEST, DEEP, SHIN),
        )
        assert result.focus.slug == "upper-back"
        assert result.connected == [NECK]  # along the line: the back of the neck
        assert result.partner == []  # the chest is already in the plan

    def test_the_partner_is_offered_when_missing(self):
        result = suggestions(steps=[step(DEEP)], regions=REGIONS, catalogue=(DEEP, SHIN))
        assert result.focus.slug == "calf" and result.partner == [SHIN]

    def test_an_empty_plan_has_no_suggestions(self):
        assert suggestions(steps=[], regions=REGIONS, catalogue=(PIN,)).focus is None

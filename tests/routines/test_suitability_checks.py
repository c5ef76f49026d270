"""A health note that names a condition the library states its suitability for (pregnancy
by trimester, osteoporosis, clot risk), on the pure checks: a technique stated "no" for it
is a danger like a region to avoid, "with care" a warning, "yes" or nothing stated is
fine; and no alternative or suggestion proposes a technique stated "no"."""

import pytest

from classes import services
from routines.check_data import catalogue, library, steps_from_snapshot, technique_info
from routines.checks import (
    ADAPTED,
    DANGER,
    SUITABILITY_CONDITION_LABELS,
    WARNING,
    Avoid,
    ModificationInfo,
    NoteInfo,
    StepInfo,
    StudentInfo,
    TechniqueInfo,
    alternatives_for,
    avoid_text,
    roster_avoid,
    step_conflicts,
    suggestions,
    suitability_pairs,
)
from routines.models import SUITABILITY_KEYS
from tests.factories import RegionFactory, TechniqueFactory, make_plan
from tests.routines.test_checks import REGIONS, REST, TODAY, check, step

THIRD = NoteInfo(21, suitability_condition="pregnancy-third")
CONDITION_TEXT = "Pregnant, due in March"  # the note's own words: never given to a check


def back(slug, name, third=None):
    """An upper-back technique stating `third` for the third trimester (or nothing)."""
    return TechniqueInfo(
        slug,
        name,
        frozenset({"upper-back"}),
        frozenset({"pin"}),
        suitability=suitability_pairs({"pregnancy-third": third} if third else {}),
    )


SUPINE = back("supine-tote-pin", "Supine tote pin", "no")
CAREFUL = back("side-lying-pin", "Side-lying pin", "care")
WALL = back("wall-pin", "Wall pin", "yes")
SILENT = back("old-pin", "Pin that states nothing")


def ana(*notes):
    return StudentInfo(5, "Ana A.", first_name="Ana", notes=tuple(notes) or (THIRD,))


def level_of(result, code):
    return [f.level for f in result.findings if f.code == code]


class TestAPregnantStudentInHerThirdTrimester:
    def test_a_technique_stated_no_for_the_third_trimester_is_a_danger(self):
        result = check([step(WALL, 1), step(SUPINE, 2), REST], roster=[ana()])
        [danger] = [f for f in result.findings if f.level == DANGER]
        assert danger.code == "safety.health-note"
        assert danger.key == "safety.health-note:5:21"
        assert [s.index for s in danger.steps] == [2]
        assert danger.message == (
            "Ana A.: avoid techniques not suited to “Pregnancy, third trimester”. Step 2 works it."
        )
        assert list(result.conflicts) == [2] and result.conflicts[2].students == [ana()]

    def test_a_technique_stated_with_care_gives_a_warning_not_a_danger(self):
        result = check([step(WALL, 1), step(CAREFUL, 2), REST], roster=[ana()])
        assert level_of(result, "safety.health-note") == []
        [care] = [f for f in result.findings if f.code == "safety.health-note-care"]
        assert care.level == WARNING and care.key == "safety.health-note-care:5:21"
        assert [s.index for s in care.steps] == [2] and care.students == ["Ana A."]
        assert "“with care”" in care.message and "“Pregnancy, third trimester”" in care.message
        assert result.conflicts == {}  # nothing to swap: the step may stay, adapted

    @pytest.mark.parametrize("technique", [WALL, SILENT], ids=["yes", "not stated"])
    def test_a_technique_stated_yes_or_stating_nothing_gives_no_safety_finding(self, technique):
        result = check([step(technique), REST], roster=[ana()])
        assert [f for f in result.findings if f.code.startswith("safety.")] == []
        assert result.conflicts == {}

    def test_other_trimesters_and_conditions_do_not_count(self):
        second = NoteInfo(22, suitability_condition="pregnancy-second")
        clots = NoteInfo(23, suitability_condition="clot_risk")
        for note in (second, clots):
            result = check([step(SUPINE), step(CAREFUL, 2), REST], roster=[ana(note)])
            assert [f for f in result.findings if f.code.startswith("safety.")] == []

    def test_one_danger_and_one_warning_per_note_listing_every_step(self):
        steps = [step(SUPINE, 1), step(CAREFUL, 2), step(SUPINE, 3), step(CAREFUL, 4), REST]
        result = check(steps, roster=[ana()])
        [danger] = [f for f in result.findings if f.level == DANGER]
        [care] = [f for f in result.findings if f.code == "safety.health-note-care"]
        assert [s.index for s in danger.steps] == [1, 3] and "Steps 1, 3 work it." in (
            danger.message
        )
        assert [s.index for s in care.steps] == [2, 4]

    def test_the_condition_joins_the_regions_to_avoid_in_one_finding(self):
        both = NoteInfo(
            24, avoid_regions=frozenset({"back-of-neck"}), suitability_condition="pregnancy-third"
        )
        neck = TechniqueInfo("neck-roll", "Neck roll", frozenset({"back-of-neck"}))
        result = check([step(neck, 1), step(SUPINE, 2), REST], roster=[ana(both)])
        [danger] = [f for f in result.findings if f.level == DANGER]
        assert [s.index for s in danger.steps] == [1, 2]
        assert danger.message.startswith(
            "Ana A.: avoid back of the neck, techniques not suited to “Pregnancy, third trimester”."
        )

    def test_a_care_step_adapted_for_her_is_listed_as_adapted(self):
        steps = [
            StepInfo(1, "Main", "technique", "Side-lying pin", 60, technique=CAREFUL, step_id=31),
            REST,
        ]
        change = ModificationInfo(student_id=5, step_id=31, instead="Wall pin")
        result = check(steps, roster=[ana()], modifications=[change])
        assert level_of(result, "safety.health-note-care") == [ADAPTED]

    def test_an_expired_note_with_a_condition_no_longer_counts(self):
        ended = NoteInfo(25, suitability_condition="pregnancy-third", until=TODAY.replace(day=1))
        result = check([step(SUPINE), step(CAREFUL, 2), REST], roster=[ana(ended)])
        assert [f for f in result.findings if f.code.startswith("safety.")] == []

    def test_what_to_avoid_names_the_conditions_label_and_nothing_else_of_the_note(self):
        assert avoid_text(THIRD, REGIONS, {}) == (
            "techniques not suited to “Pregnancy, third trimester”"
        )
        assert CONDITION_TEXT not in repr(THIRD)


class TestAlternativesAndSuggestionsNeverProposeANo:
    def test_the_roster_avoids_the_conditions_its_notes_name(self):
        avoid = roster_avoid([ana(), StudentInfo(6, "Bo B.")], TODAY)
        assert avoid.conditions == frozenset({"pregnancy-third"}) and avoid
        assert not avoid.allows(SUPINE)
        assert avoid.allows(CAREFUL) and avoid.allows(WALL) and avoid.allows(SILENT)
        # A condition never goes into a technique page's address.
        assert avoid.as_query() == ""

    def test_alternatives_for_a_conflicting_step_leave_out_techniques_stated_no(self):
        other_no = back("tote-roll", "Tote roll", "no")
        result = check(
            [step(SUPINE), REST],
            roster=[ana()],
            catalogue=(SUPINE, other_no, WALL, CAREFUL, SILENT),
        )
        offered = result.conflicts[1].alternatives
        assert other_no not in offered
        assert {t.slug for t in offered} == {WALL.slug, CAREFUL.slug, SILENT.slug}

    def test_alternatives_for_a_region_conflict_leave_out_what_another_note_rules_out(self):
        neck = TechniqueInfo(
            "neck-roll", "Neck roll", frozenset({"back-of-neck"}), frozenset({"roll"})
        )
        sam = StudentInfo(7, "Sam S.", notes=(NoteInfo(3, avoid_regions=neck.regions),))
        avoid = roster_avoid([sam, ana()], TODAY)
        offered = alternatives_for(
            neck, avoid=avoid, catalogue=(SUPINE, WALL), in_plan=set(), regions=REGIONS
        )
        assert offered == [WALL]

    def test_balance_suggestions_leave_out_techniques_stated_no(self):
        chest_no = TechniqueInfo(
            "prone-chest",
            "Prone chest pin",
            frozenset({"chest"}),
            suitability=suitability_pairs({"pregnancy-third": "no"}),
        )
        chest_ok = TechniqueInfo("wall-chest", "Wall chest pin", frozenset({"chest"}))
        result = check(
            [step(WALL, seconds=600), REST], roster=[ana()], catalogue=(chest_no, chest_ok, WALL)
        )
        [partner] = [f for f in result.findings if f.code == "balance.partner"]
        assert partner.alternatives == [chest_ok]

    def test_suggestions_leave_out_techniques_stated_no(self):
        neck_no = TechniqueInfo(
            "neck-no",
            "Supine neck release",
            frozenset({"back-of-neck"}),
            suitability=suitability_pairs({"pregnancy-third": "no"}),
        )
        neck_ok = TechniqueInfo("neck-ok", "Seated neck release", frozenset({"back-of-neck"}))
        made = suggestions(
            steps=[step(WALL, seconds=600)],
            regions=REGIONS,
            catalogue=(neck_no, neck_ok),
            avoid=Avoid(conditions=frozenset({"pregnancy-third"})),
        )
        assert made.connected == [neck_ok]


class TestTeachModesReminders:
    def test_with_care_steps_are_reminders_beside_the_conflicts(self):
        steps = [step(SUPINE, 1), step(CAREFUL, 2), step(WALL, 3)]
        found = step_conflicts(steps, [ana()], TODAY, {}, with_care=True)
        assert list(found) == [1, 2] and found[2].students == [ana()]
        assert list(step_conflicts(steps, [ana()], TODAY, {})) == [1]


class TestWhatTheChecksReadOfTheLibrary:
    def test_the_conditions_are_the_librarys_own_keys(self):
        assert tuple(SUITABILITY_CONDITION_LABELS) == SUITABILITY_KEYS

    def test_a_frozen_technique_keeps_its_suitability_and_an_old_one_states_none(self):
        data = {
            "slug": "supine-tote-pin",
            "name": "Supine tote pin",
            "regions": [{"slug": "upper-back", "name": "Upper back"}],
            "actions": ["pin"],
            "intensity": "gentle",
            "suitability": {
                "pregnancy": {"first": "yes", "second": "care", "third": "no"},
                "osteoporosis": "care",
            },
        }
        info = technique_info(data)
        assert info.suits("pregnancy-third") == "no"
        assert info.suits("pregnancy-second") == "care"
        assert info.suits("osteoporosis") == "care"
        assert info.suits("clot_risk") == ""
        old = technique_info({k: v for k, v in data.items() if k != "suitability"})
        assert old.suitability == () and not THIRD.conflicts_with(old)

    @pytest.mark.django_db
    def test_the_cached_catalogue_carries_suitability_and_follows_a_change(self):
        upper = RegionFactory(slug="upper-back")
        technique = TechniqueFactory(
            slug="tote-pin",
            regions=[upper],
            suitability={"pregnancy": {"first": "yes", "second": "yes", "third": "no"}},
        )
        [info] = [t for t in catalogue() if t.slug == "tote-pin"]
        assert not Avoid(conditions=frozenset({"pregnancy-third"})).allows(info)
        before = library().version
        technique.suitability = {"pregnancy": {"first": "yes", "second": "yes", "third": "yes"}}
        technique.save()
        assert library().version != before  # a new key: the cached catalogue is not reused
        [info] = [t for t in catalogue() if t.slug == "tote-pin"]
        assert Avoid(conditions=frozenset({"pregnancy-third"})).allows(info)

    @pytest.mark.django_db
    def test_a_drafts_snapshot_carries_the_librarys_current_suitability(self, teacher):
        technique = TechniqueFactory(
            regions=[RegionFactory(slug="upper-back")],
            suitability={"pregnancy": {"first": "yes", "second": "care", "third": "no"}},
        )
        plan = make_plan(teacher, techniques=[technique])
        [frozen] = [s for s in steps_from_snapshot(services.plan_snapshot(plan)) if s.technique]
        assert THIRD.conflicts_with(frozen.technique)

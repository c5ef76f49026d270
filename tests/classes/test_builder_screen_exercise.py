"""Custom exercises (issue 15, a builder that fits on a screen): a step that is a named
exercise of the teacher's own, with its instructions (one per line), time and side, for
Pilates and stretch work. Not a technique, but it prints, plays and is timed like one."""

import json
import re

import pytest
from django.urls import reverse

from classes import services
from classes.models import ClassPlan
from routines.check_data import steps_from_snapshot
from routines.checks import seconds_by_region
from routines.models import Side, Step
from routines.snapshots import play_order, routine_snapshot
from tests.factories import (
    AssignmentFactory,
    RegionFactory,
    RosterStudentFactory,
    TechniqueFactory,
    make_plan,
)

HX = {"HX-Request": "true"}
INSTRUCTIONS = (
    "Lie on your back, knees bent\n\n  Curl the pelvis up   one bone at a time  \nRoll down!"
)


@pytest.fixture
def plan(teacher):
    calf = RegionFactory(slug="calf", name="Calf")
    return make_plan(
        teacher,
        techniques=[TechniqueFactory(name="Calf roll", duration_seconds=60, regions=[calf])],
    )


def add_exercise(client, plan, **data):
    main = plan.routine.sections.get(position=2)
    fields = {
        "version": plan.lock_version,
        "other-kind": "exercise",
        "other-title": "Pelvic curl",
        "other-text": INSTRUCTIONS,
        "other-duration_seconds": "1:30",
        "other-side": "each",
        "other-section": main.pk,
    }
    fields.update(data)
    return client.post(reverse("classes:step-add-other", args=[plan.pk]), fields)


def exercise_of(plan) -> Step:
    return plan.routine.steps.get(kind=Step.Kind.EXERCISE)


@pytest.mark.django_db
class TestAddingAndEditing:
    def test_an_exercise_is_added_with_its_name_instructions_time_and_side(
        self, client, teacher, plan
    ):
        client.force_login(teacher)
        response = add_exercise(client, plan)
        assert response.status_code == 302
        step = exercise_of(plan)
        assert (step.title, step.duration_seconds, step.side, step.technique) == (
            "Pelvic curl",
            90,
            Side.EACH,
            None,
        )
        # One instruction per line; blank lines and stray spaces dropped.
        assert step.text == (
            "Lie on your back, knees bent\nCurl the pelvis up one bone at a time\nRoll down!"
        )
        assert step.total_seconds == 180  # each side counts twice, like a technique
        plan.refresh_from_db()
        builder = client.get(plan.get_absolute_url()).content.decode()
        assert "Pelvic curl" in builder and "Exercise" in builder
        assert "1:30 each side" in builder

    def test_only_an_exercise_keeps_a_side(self, client, teacher, plan):
        client.force_login(teacher)
        response = add_exercise(
            client, plan, **{"other-kind": "talk", "other-title": "Why we roll"}
        )
        assert response.status_code == 302
        talk = plan.routine.steps.get(kind=Step.Kind.TALK)
        assert talk.side == Side.BOTH and talk.text == INSTRUCTIONS  # a talk's words as typed

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("other-title", "", "This field is required."),
            ("other-duration_seconds", "0", "A step lasts at least 5 seconds."),
            ("other-duration_seconds", "abc", "Type the time as seconds"),
            ("other-side", "sideways", "Select a valid choice."),
        ],
    )
    def test_bad_input_is_refused_beside_the_field_and_adds_nothing(
        self, client, teacher, plan, field, value, message
    ):
        client.force_login(teacher)
        section = plan.routine.sections.get(position=2)
        response = add_exercise(client, plan, **{field: value})
        assert response.status_code == 422
        body = response.content.decode()
        assert message in body
        # The form comes back open under its own section, with what was typed.
        assert f'id="add-other-{section.pk}" open' in body
        assert not plan.routine.steps.filter(kind=Step.Kind.EXERCISE).exists()

    def test_an_exercise_is_edited_in_place(self, client, teacher, plan):
        client.force_login(teacher)
        add_exercise(client, plan)
        plan.refresh_from_db()
        step = exercise_of(plan)
        prefix = f"step-{step.pk}"
        response = client.post(
            reverse("classes:step-update", args=[plan.pk, step.pk]),
            {
                "version": plan.lock_version,
                f"{prefix}-duration_seconds": "45",
                f"{prefix}-side": "left",
                f"{prefix}-title": "Single-leg pelvic curl",
                f"{prefix}-text": "Lift one leg\n\nCurl up",
                f"{prefix}-cue": "Ribs\nsoft",
                f"{prefix}-note": "",
            },
        )
        assert response.status_code == 302
        assert response.url.endswith(f"#step-{step.pk}")  # back at the step, without JS
        step.refresh_from_db()
        assert (step.title, step.text, step.duration_seconds, step.side, step.cue) == (
            "Single-leg pelvic curl",
            "Lift one leg\nCurl up",
            45,
            Side.LEFT,
            "Ribs soft",  # a cue is one line
        )

    def test_the_edit_form_of_an_exercise_has_its_name_words_side_and_cue(
        self, client, teacher, plan
    ):
        client.force_login(teacher)
        add_exercise(client, plan)
        plan.refresh_from_db()
        step = exercise_of(plan)
        body = client.get(plan.get_absolute_url()).content.decode()
        item = body[body.index(f'id="step-{step.pk}"') :]
        item = item[: item.index("</li>")]
        for name in ("title", "text", "side", "cue", "duration_seconds"):
            assert f'name="step-{step.pk}-{name}"' in item, name
        assert "Instructions, one per line" in item


@pytest.fixture
def published(client, teacher, plan):
    client.force_login(teacher)
    add_exercise(client, plan)
    plan.refresh_from_db()
    version = services.plan_publish(plan=plan, expected_version=plan.lock_version)
    plan.refresh_from_db()
    return plan, version


def exercise_in(snapshot) -> dict:
    return next(s for sec in snapshot["sections"] for s in sec["steps"] if s["kind"] == "exercise")


@pytest.mark.django_db
class TestPrintedPlayedAndTimed:
    def test_the_snapshot_keeps_the_instructions_as_lines_and_as_sentences(self, published):
        plan, version = published
        frozen = exercise_in(version.snapshot)
        assert frozen["title"] == "Pelvic curl" and frozen["technique"] is None
        assert frozen["instructions"] == [
            "Lie on your back, knees bent",
            "Curl the pelvis up one bone at a time",
            "Roll down!",
        ]
        assert frozen["text"] == (
            "Lie on your back, knees bent. Curl the pelvis up one bone at a time. Roll down!"
        )
        assert (frozen["side"], frozen["duration_seconds"], frozen["total_seconds"]) == (
            "each",
            90,
            180,
        )
        assert frozen == exercise_in(routine_snapshot(plan.routine))  # the draft's, frozen

    def test_it_is_timed_like_a_technique(self, published):
        plan, version = published
        # Calf roll 60 s + the exercise 90 s each side + a transition per step.
        assert version.snapshot["total_seconds"] == 60 + 180 + 2 * plan.routine.transition_seconds

    def test_the_checks_and_body_map_do_not_count_it_as_work_on_a_region(self, published):
        _plan, version = published
        steps = steps_from_snapshot(version.snapshot)
        exercise = next(s for s in steps if s.kind == "exercise")
        assert exercise.technique is None
        assert seconds_by_region(steps) == {"calf": 60}

    def test_it_prints_on_the_print_page_pdf_source_and_share_page(self, client, published):
        plan, _version = published
        printed = client.get(reverse("classes:plan-print", args=[plan.pk])).content.decode()
        assert "Pelvic curl" in printed and "(Exercise)" in printed
        assert "Curl the pelvis up one bone at a time." in printed
        ClassPlan.objects.filter(pk=plan.pk).update(share_token="exercise-share-token-0001")
        client.logout()
        shared = client.get(
            reverse("classes:share", args=["exercise-share-token-0001"])
        ).content.decode()
        assert "Pelvic curl" in shared and "Roll down!" in shared

    def test_teach_mode_plays_it_on_each_side_without_a_picture(self, client, published):
        plan, _version = published
        page = client.get(reverse("classes:plan-teach", args=[plan.pk])).content.decode()
        steps = player_steps(page)
        played = [s for s in steps if s["title"] == "Pelvic curl"]
        assert [s["play_side"] for s in played] == ["left", "right"]
        assert all(s["play_seconds"] == 90 and s["picture"] == "" for s in played)
        assert played[0]["text"].startswith("Lie on your back, knees bent.")

    def test_the_students_player_plays_it_with_its_instructions(
        self, client, teacher, student, published
    ):
        _plan, version = published
        entry = RosterStudentFactory(teacher=teacher, account=student)
        assignment = AssignmentFactory(
            student=entry, title="Evening", snapshot={**version.snapshot, "title": "Evening"}
        )
        client.force_login(student)
        response = client.get(reverse("students:routine-play", args=[assignment.pk]))
        assert response.status_code == 200
        played = [s for s in player_steps(response.content.decode()) if s["kind"] == "exercise"]
        assert len(played) == 2  # left, then right
        assert "Curl the pelvis up one bone at a time." in played[0]["text"]
        assert [s["number"] for s in play_order(version.snapshot) if s["kind"] == "exercise"] == [
            2,
            2,
        ]


def player_steps(page: str) -> list[dict]:
    match = re.search(r'<script id="player-steps" type="application/json">(.*?)</script>', page)
    return json.loads(match.group(1))

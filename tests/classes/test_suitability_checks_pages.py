"""A health note naming a condition the library states its suitability for, on the
teacher's pages: the builder and its print copy flag a technique stated "no" as a danger
and one stated "with care" as a warning, teach mode reminds at both, and neither a swap nor
a per-student modification may bring in a technique stated "no"."""

import json
import re

import pytest
from django.urls import reverse

from classes import services
from classes.models import ClassPlan, StepModification
from tests.factories import (
    CourseFactory,
    EnrolmentFactory,
    HealthNoteFactory,
    RegionFactory,
    RosterStudentFactory,
    TechniqueFactory,
    make_plan,
)
from tests.pages import active_findings

CONDITION, DETAILS = "Pregnant, due in March", "Feels light-headed lying flat"
NOT_SUITED = "Ana A.: avoid techniques not suited to “Pregnancy, third trimester”."


def third(value):
    return {"pregnancy": {"first": "yes", "second": "yes", "third": value}}


@pytest.fixture
def world(teacher):
    upper = RegionFactory(slug="upper-back", name="Upper back")
    wall = TechniqueFactory(
        name="Upper back pin at the wall", regions=[upper], suitability=third("yes")
    )
    supine = TechniqueFactory(
        name="Upper back tote pin, lying", regions=[upper], suitability=third("no")
    )
    side = TechniqueFactory(
        name="Upper back pin, side-lying", regions=[upper], suitability=third("care")
    )
    # Candidates for alternatives: one stated "no", one fine.
    supine_roll = TechniqueFactory(
        name="Upper back roll on a foam roller", regions=[upper], suitability=third("no")
    )
    wall_roll = TechniqueFactory(
        name="Upper back roll at the wall", regions=[upper], suitability=third("yes")
    )
    plan = make_plan(teacher, title="Back class", techniques=[wall, supine, side], purpose="block")
    course = CourseFactory(teacher=teacher, title="Thursdays")
    ana = RosterStudentFactory(teacher=teacher, name="Ana Alves", consented=True)
    EnrolmentFactory(course=course, student=ana)
    EnrolmentFactory(course=course, student=RosterStudentFactory(teacher=teacher))
    ClassPlan.objects.filter(pk=plan.pk).update(check_course=course)
    plan.refresh_from_db()
    return {
        "plan": plan,
        "ana": ana,
        "wall": wall,
        "supine": supine,
        "side": side,
        "supine_roll": supine_roll,
        "wall_roll": wall_roll,
        "supine_step": plan.routine.steps.get(technique=supine),
    }


def third_trimester_note(world, **extra):
    return HealthNoteFactory(
        student=world["ana"],
        condition=CONDITION,
        details=DETAILS,
        suitability_condition="pregnancy-third",
        **extra,
    )


def safety_findings(page):
    return [(f["level"], f["code"]) for f in active_findings(page) if "safety" in f["code"]]


def teach_alerts(client, plan):
    teach = client.get(reverse("classes:plan-teach", args=[plan.pk]))
    steps = json.loads(
        re.search(r'id="player-steps"[^>]*>(.*?)</script>', teach.content.decode(), re.S)[1]
    )
    return {s["title"]: s["alerts"] for s in steps}, teach.content.decode()


@pytest.mark.django_db
class TestTheBuilderAndItsPrintCopy:
    def test_a_no_step_is_a_danger_and_a_care_step_a_warning_naming_only_the_label(
        self, client, teacher, world
    ):
        third_trimester_note(world)
        client.force_login(teacher)
        page = client.get(world["plan"].get_absolute_url())
        assert safety_findings(page) == [
            ("danger", "safety.health-note"),
            ("warning", "safety.health-note-care"),
        ]
        body = page.content.decode()
        assert NOT_SUITED + " Step 2 works it." in body
        assert "Ana A.: step 3 is marked “with care” for “Pregnancy, third trimester”" in body
        assert CONDITION not in body and DETAILS not in body
        [conflict] = page.context["findings"]["conflicts"]
        assert conflict.step.title == "Upper back tote pin, lying"
        offered = {t.slug for t in conflict.alternatives}
        assert world["wall_roll"].slug in offered and world["supine_roll"].slug not in offered

    def test_the_print_copy_shows_them_to_the_teacher_and_the_share_never(
        self, client, teacher, world
    ):
        third_trimester_note(world)
        plan = world["plan"]
        services.plan_publish(plan=plan, expected_version=plan.lock_version)
        client.force_login(teacher)
        printed = client.get(reverse("classes:plan-print", args=[plan.pk]))
        assert safety_findings(printed) == [
            ("danger", "safety.health-note"),
            ("warning", "safety.health-note-care"),
        ]
        assert NOT_SUITED in printed.content.decode()
        assert "no-store" in printed["Cache-Control"]
        ClassPlan.objects.filter(pk=plan.pk).update(share_token=ClassPlan.new_share_token())
        client.logout()
        share = client.get(
            reverse("classes:share", args=[ClassPlan.objects.get(pk=plan.pk).share_token])
        ).content.decode()
        assert "Ana" not in share and "Pregnancy, third trimester" not in share

    def test_naming_the_condition_in_the_note_form_updates_the_cached_checks(
        self, client, teacher, world
    ):
        note = HealthNoteFactory(student=world["ana"], condition=CONDITION, details=DETAILS)
        client.force_login(teacher)
        assert safety_findings(client.get(world["plan"].get_absolute_url())) == []
        response = client.post(
            reverse("students:health-edit", args=[world["ana"].pk, note.pk]),
            {
                f"note-{note.pk}-condition": CONDITION,
                f"note-{note.pk}-details": DETAILS,
                f"note-{note.pk}-suitability_condition": "pregnancy-third",
                f"note-{note.pk}-severity": "moderate",
                f"note-{note.pk}-lock_version": note.lock_version,
            },
        )
        assert response.status_code == 200
        note.refresh_from_db()
        assert note.suitability_condition == "pregnancy-third"
        page = client.get(world["plan"].get_absolute_url())
        assert ("danger", "safety.health-note") in safety_findings(page)


@pytest.mark.django_db
class TestTeachMode:
    def test_it_reminds_at_the_no_and_care_steps_by_first_name_only(self, client, teacher, world):
        third_trimester_note(world)
        plan = world["plan"]
        services.plan_publish(plan=plan, expected_version=plan.lock_version)
        client.force_login(teacher)
        alerts, body = teach_alerts(client, plan)
        assert alerts["Upper back tote pin, lying"] == ["Ana: adapt this step (health note)"]
        assert alerts["Upper back pin, side-lying"] == ["Ana: adapt this step (health note)"]
        assert alerts["Upper back pin at the wall"] == []
        assert CONDITION not in body and "Pregnancy" not in body

    def test_a_published_version_keeps_the_suitability_it_was_published_with(
        self, client, teacher, world
    ):
        third_trimester_note(world)
        plan = world["plan"]
        services.plan_publish(plan=plan, expected_version=plan.lock_version)
        supine = world["supine"]
        supine.suitability = third("yes")
        supine.save()
        client.force_login(teacher)
        alerts, _body = teach_alerts(client, plan)
        assert alerts["Upper back tote pin, lying"] == ["Ana: adapt this step (health note)"]


@pytest.mark.django_db
class TestNothingBringsInANo:
    def test_a_swap_to_a_technique_stated_no_is_refused(self, client, teacher, world):
        third_trimester_note(world)
        plan, step = world["plan"], world["supine_step"]
        client.force_login(teacher)
        refused = client.post(
            reverse("classes:step-swap", args=[plan.pk, step.pk]),
            {"version": plan.lock_version, "technique": world["supine_roll"].slug},
        )
        assert refused.status_code == 422
        step.refresh_from_db()
        assert not step.removed
        swapped = client.post(
            reverse("classes:step-swap", args=[plan.pk, step.pk]),
            {"version": plan.lock_version, "technique": world["wall_roll"].slug},
        )
        assert swapped.status_code == 302
        assert ("danger", "safety.health-note") not in safety_findings(
            client.get(plan.get_absolute_url())
        )

    def test_a_modification_to_a_technique_stated_no_is_refused(self, client, teacher, world):
        third_trimester_note(world)
        plan, step = world["plan"], world["supine_step"]
        client.force_login(teacher)
        url = reverse("classes:step-modify", args=[plan.pk, step.pk])
        refused = client.post(
            url, {"student": world["ana"].pk, "technique": world["supine_roll"].slug}
        )
        assert refused.status_code == 422 and not StepModification.objects.exists()
        done = client.post(url, {"student": world["ana"].pk, "technique": world["wall_roll"].slug})
        assert (
            done.status_code == 302
            and StepModification.objects.get().technique == world["wall_roll"]
        )

"""A health note naming a condition the library states its suitability for, where
homework meets a student: the note form, the check before assigning, a note recorded
later against existing homework, and the student's own reminder."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from classes import services as plan_services
from students import services
from students.models import Assignment, HealthNote, Student
from students.safety import flagged_homework
from tests.factories import (
    HealthNoteFactory,
    RegionFactory,
    RosterStudentFactory,
    TechniqueFactory,
    make_plan,
)

CONDITION = "Pregnant, due in March"
NOT_SUITED = "avoid techniques not suited to “Pregnancy, third trimester”"


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
    roller = TechniqueFactory(
        name="Upper back roll on a foam roller", regions=[upper], suitability=third("no")
    )
    TechniqueFactory(name="Upper back roll at the wall", regions=[upper], suitability=third("yes"))
    plan = make_plan(teacher, title="Back routine", techniques=[wall, supine])
    version = plan_services.plan_publish(plan=plan, expected_version=plan.lock_version)
    ana = RosterStudentFactory(teacher=teacher, name="Ana Alves", consented=True)
    return {"version": version, "ana": ana, "upper": upper, "roller": roller}


def assign(client, world, **extra):
    data = {
        "version": world["version"].pk,
        "scope": "all",
        "frequency": "nightly",
        "starts_on": timezone.localdate().isoformat(),
        **extra,
    }
    return client.post(reverse("classes:assign-student", args=[world["ana"].pk]), data)


def supine_field(world):
    for s_index, section in enumerate(world["version"].snapshot["sections"]):
        for t_index, step in enumerate(section["steps"]):
            if step["title"] == "Upper back tote pin, lying":
                return f"resolve-{s_index}:{t_index}"
    raise AssertionError


@pytest.mark.django_db
class TestTheNoteForm:
    def test_a_note_may_name_only_a_condition_and_the_form_explains_it(
        self, client, teacher, world
    ):
        client.force_login(teacher)
        page = client.post(reverse("students:health-show", args=[world["ana"].pk]))
        body = page.content.decode()
        assert "Pregnancy, third trimester" in body and "None of these" in body
        assert "Techniques the library marks as not suited to this are flagged" in body
        response = client.post(
            reverse("students:health-create", args=[world["ana"].pk]),
            {
                "new-condition": CONDITION,
                "new-suitability_condition": "pregnancy-third",
                "new-severity": "moderate",
            },
        )
        assert response.status_code == 200
        note = HealthNote.objects.get()
        assert note.suitability_condition == "pregnancy-third"
        assert "not suited to “Pregnancy, third trimester”" in response.content.decode()

    def test_an_unknown_condition_is_refused_and_nothing_is_saved(self, client, teacher, world):
        client.force_login(teacher)
        response = client.post(
            reverse("students:health-create", args=[world["ana"].pk]),
            {
                "new-condition": CONDITION,
                "new-suitability_condition": "pregnancy-fourth",
                "new-severity": "moderate",
            },
        )
        assert response.status_code == 422 and not HealthNote.objects.exists()

    def test_the_students_data_download_includes_the_condition(self, student, world):
        ana = world["ana"]
        Student.objects.filter(pk=ana.pk).update(account=student)
        HealthNoteFactory(student=ana, condition=CONDITION, suitability_condition="osteoporosis")
        [entry] = services.data_export(user=student)["rosters"]
        # As stored, in every language (issue 18: the download's values are as stored).
        assert entry["health_notes"][0]["suitability_condition"] == "osteoporosis"
        with translation.override("fr"):
            [entry] = services.data_export(user=student)["rosters"]
        assert entry["health_notes"][0]["suitability_condition"] == "osteoporosis"


@pytest.mark.django_db
class TestAssigning:
    def test_a_step_stated_no_is_shown_before_anything_is_saved_with_safe_swaps_only(
        self, client, teacher, world
    ):
        HealthNoteFactory(
            student=world["ana"], condition=CONDITION, suitability_condition="pregnancy-third"
        )
        client.force_login(teacher)
        response = assign(client, world)
        body = response.content.decode()
        assert response.status_code == 422 and not Assignment.objects.exists()
        assert f"Ana A.: {NOT_SUITED}." in body and CONDITION not in body
        [item] = response.context["review"].items
        assert item.step.title == "Upper back tote pin, lying"
        assert [t.name for t in item.alternatives] == ["Upper back roll at the wall"]
        field = supine_field(world)
        refused = assign(client, world, **{field: "swap:" + world["roller"].slug})
        assert refused.status_code == 422 and not Assignment.objects.exists()
        done = assign(client, world, **{field: "swap:" + item.alternatives[0].slug})
        assert done.status_code == 302
        steps = Assignment.objects.get().snapshot["sections"][0]["steps"]
        assert [s["title"] for s in steps] == [
            "Upper back pin at the wall",
            "Upper back roll at the wall",
        ]
        # The swapped step is frozen with its suitability, as the checks read it later.
        assert steps[1]["technique"]["suitability"]["pregnancy"]["third"] == "yes"
        assert (
            flagged_homework(Student.objects.filter(pk=world["ana"].pk), today=timezone.localdate())
            == []
        )

    def test_a_step_stated_with_care_does_not_hold_the_assignment_up(self, client, teacher, world):
        side = TechniqueFactory(
            name="Upper back pin, side-lying", regions=[world["upper"]], suitability=third("care")
        )
        plan = make_plan(teacher, title="Side-lying routine", techniques=[side])
        world["version"] = plan_services.plan_publish(plan=plan, expected_version=plan.lock_version)
        HealthNoteFactory(
            student=world["ana"], condition=CONDITION, suitability_condition="pregnancy-third"
        )
        client.force_login(teacher)
        assert assign(client, world).status_code == 302
        assert Assignment.objects.get().acknowledgement == ""


@pytest.mark.django_db
class TestANoteRecordedLater:
    def test_naming_the_condition_flags_homework_frozen_with_a_no_step(
        self, client, teacher, student, world
    ):
        ana = world["ana"]
        [homework] = services.assign(
            students=[ana], version=world["version"], starts_on=timezone.localdate()
        )
        client.force_login(teacher)
        assert "flagged-homework" not in client.get("/").content.decode()
        client.post(
            reverse("students:health-create", args=[ana.pk]),
            {
                "new-condition": CONDITION,
                "new-suitability_condition": "pregnancy-third",
                "new-severity": "moderate",
            },
        )
        [flag] = flagged_homework(Student.objects.filter(pk=ana.pk), today=timezone.localdate())
        assert flag.assignment == homework and flag.step_titles == "Upper back tote pin, lying"
        assert flag.avoid == "techniques not suited to “Pregnancy, third trimester”"
        dashboard = client.get("/").content.decode()
        assert "flagged-homework" in dashboard and CONDITION not in dashboard
        assert "Meets a health note" in client.get(ana.get_absolute_url()).content.decode()
        # Her own player reminds her, with the label only.
        Student.objects.filter(pk=ana.pk).update(account=student)
        client.force_login(student)
        player = client.get(reverse("students:routine-play", args=[homework.pk])).content.decode()
        assert f"Your teacher noted: {NOT_SUITED}." in player and CONDITION not in player

    def test_homework_frozen_before_the_library_stated_anything_is_not_flagged(
        self, teacher, world
    ):
        ana = world["ana"]
        [homework] = services.assign(
            students=[ana], version=world["version"], starts_on=timezone.localdate()
        )
        for section in homework.snapshot["sections"]:
            for step in section["steps"]:
                if step["technique"]:
                    del step["technique"]["suitability"]
        homework.save()
        HealthNoteFactory(student=ana, condition=CONDITION, suitability_condition="pregnancy-third")
        assert flagged_homework(Student.objects.filter(pk=ana.pk), today=timezone.localdate()) == []

"""Checks wherever homework meets a student: when it is assigned, when a note arrives
later, and on the student's own player and print page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from classes import services as plan_services
from students import services
from students.models import Assignment
from tests.factories import (
    ActionFactory,
    CourseFactory,
    EnrolmentFactory,
    HealthNoteFactory,
    RegionFactory,
    RosterStudentFactory,
    TechniqueFactory,
    make_plan,
)


@pytest.fixture
def world(teacher):
    neck = RegionFactory(slug="back-of-neck", name="Back of the neck")
    upper = RegionFactory(slug="upper-back", name="Upper back")
    neck.neighbours.add(upper)
    pin = ActionFactory(slug="pin", name="Pin")
    neck_roll = TechniqueFactory(
        name="Neck roll at the wall",
        regions=[neck],
        actions=[pin],
        cautions=["Never roll on the front of the neck."],
        contraindications=["Recent whiplash."],
    )
    back_pin = TechniqueFactory(name="Upper back pin", regions=[upper], actions=[pin])
    TechniqueFactory(name="Upper back roll", regions=[upper], actions=[pin])
    plan = make_plan(teacher, title="Wall routine", techniques=[back_pin, neck_roll])
    version = plan_services.plan_publish(plan=plan, expected_version=plan.lock_version)
    sam = RosterStudentFactory(teacher=teacher, name="Sam Student", consented=True)
    return {"neck": neck, "neck_roll": neck_roll, "version": version, "sam": sam}


def assign(client, world, student=None, **extra):
    data = {
        "version": world["version"].pk,
        "scope": "all",
        "frequency": "nightly",
        "starts_on": timezone.localdate().isoformat(),
        **extra,
    }
    return client.post(reverse("classes:assign-student", args=[(student or world["sam"]).pk]), data)


def neck_key(world):
    for s_index, section in enumerate(world["version"].snapshot["sections"]):
        for t_index, step in enumerate(section["steps"]):
            if step["title"] == "Neck roll at the wall":
                return f"resolve-{s_index}:{t_index}"
    raise AssertionError


@pytest.mark.django_db
class TestAssigning:
    def test_a_conflict_is_shown_before_anything_is_saved(self, client, teacher, world):
        HealthNoteFactory(student=world["sam"], condition="Whiplash", avoid_regions=[world["neck"]])
        client.force_login(teacher)
        response = assign(client, world)
        body = response.content.decode()
        assert response.status_code == 422 and not Assignment.objects.exists()
        assert "Check before assigning" in body and "Sam S.: avoid back of the neck." in body
        assert "Neck roll at the wall" in body and "Whiplash" not in body
        assert "no-store" in response["Cache-Control"]

    def test_keeping_it_needs_a_reason_which_stays_on_the_assignment(self, client, teacher, world):
        note = HealthNoteFactory(student=world["sam"], avoid_regions=[world["neck"]])
        client.force_login(teacher)
        refused = assign(client, world, **{neck_key(world): "keep", "reviewed": "1"})
        assert refused.status_code == 422 and not Assignment.objects.exists()
        assert "Say why the step is fine" in refused.content.decode()
        reason = "Cleared by her physio for gentle wall work"
        response = assign(client, world, **{neck_key(world): "keep", "acknowledgement": reason})
        assert response.status_code == 302
        assignment = Assignment.objects.get()
        assert assignment.acknowledgement == reason and assignment.acknowledged_notes == [note.pk]
        page = client.get(world["sam"].get_absolute_url()).content.decode()
        assert reason in page and "Meets a health note" not in page
        assert "flagged-homework" not in client.get("/").content.decode()

    def test_leaving_it_out_or_swapping_it_assigns_a_safe_routine(self, client, teacher, world):
        HealthNoteFactory(student=world["sam"], avoid_regions=[world["neck"]])
        client.force_login(teacher)
        assert assign(client, world, resolve_all="omit").status_code == 302
        titles = [s["title"] for s in Assignment.objects.get().snapshot["sections"][0]["steps"]]
        assert titles == ["Upper back pin"]
        Assignment.objects.all().delete()
        response = assign(client, world, **{neck_key(world): "swap:" + "made-up"})
        assert response.status_code == 422 and not Assignment.objects.exists()
        page = client.get(reverse("classes:assign-student", args=[world["sam"].pk]))
        assert page.status_code == 200
        swap = assign(client, world).context["review"].items[0].alternatives[0]
        assert assign(client, world, **{neck_key(world): "swap:" + swap.slug}).status_code == 302
        steps = Assignment.objects.get().snapshot["sections"][0]["steps"]
        assert [s["title"] for s in steps] == ["Upper back pin", "Upper back roll"]
        assert steps[1]["technique"]["slug"] == swap.slug

    def test_a_course_is_checked_student_by_student(self, client, teacher, world):
        course = CourseFactory(teacher=teacher)
        EnrolmentFactory(course=course, student=world["sam"])
        EnrolmentFactory(course=course, student=RosterStudentFactory(teacher=teacher))
        HealthNoteFactory(student=world["sam"], avoid_regions=[world["neck"]])
        client.force_login(teacher)
        data = {
            "version": world["version"].pk,
            "scope": "all",
            "frequency": "daily",
            "starts_on": timezone.localdate().isoformat(),
        }
        url = reverse("classes:assign-course", args=[course.pk])
        assert client.post(url, data).status_code == 422 and not Assignment.objects.exists()
        data[neck_key(world)] = "keep"
        data["acknowledgement"] = "Sam skips it; the others do it"
        assert client.post(url, data).status_code == 302
        acknowledged = dict(Assignment.objects.values_list("student__name", "acknowledgement"))
        assert acknowledged["Sam Student"] == "Sam skips it; the others do it"
        assert [v for k, v in acknowledged.items() if k != "Sam Student"] == [""]


@pytest.mark.django_db
class TestNotesOnExistingHomework:
    def test_recording_a_neck_note_flags_existing_neck_homework(self, client, teacher, world):
        sam = world["sam"]
        services.assign(students=[sam], version=world["version"], starts_on=timezone.localdate())
        client.force_login(teacher)
        assert "flagged-homework" not in client.get("/").content.decode()
        client.post(
            reverse("students:health-create", args=[sam.pk]),
            {
                "new-condition": "Whiplash",
                "new-avoid_regions": [world["neck"].pk],
                "new-severity": "moderate",
            },
        )
        dashboard = client.get("/").content.decode()
        assert "flagged-homework" in dashboard and "Sam S.: “Wall routine”" in dashboard
        assert "Whiplash" not in dashboard
        assert "Meets a health note" in client.get(sam.get_absolute_url()).content.decode()

    def test_changing_an_acknowledged_note_flags_it_again(self, client, teacher, world):
        note = HealthNoteFactory(student=world["sam"], avoid_regions=[world["neck"]])
        services.assign(
            students=[world["sam"]],
            version=world["version"],
            starts_on=timezone.localdate(),
            acknowledgement="Fine for now",
            acknowledged_notes={world["sam"].pk: {note.pk}},
        )
        client.force_login(teacher)
        assert "flagged-homework" not in client.get("/").content.decode()
        client.post(
            reverse("students:health-edit", args=[world["sam"].pk, note.pk]),
            {
                f"note-{note.pk}-condition": "Whiplash, worse",
                f"note-{note.pk}-avoid_regions": [world["neck"].pk],
                f"note-{note.pk}-severity": "severe",
                f"note-{note.pk}-lock_version": note.lock_version,
            },
        )
        assert "flagged-homework" in client.get("/").content.decode()


@pytest.mark.django_db
def test_the_students_player_and_print_show_cautions_and_their_own_reminder(
    client, teacher, student, other_student, world
):
    sam = world["sam"]
    sam.account = student
    sam.save()
    HealthNoteFactory(student=sam, condition="Whiplash", avoid_regions=[world["neck"]])
    [mine] = services.assign(
        students=[sam],
        version=world["version"],
        starts_on=timezone.localdate(),
        acknowledgement="Gentle only",
        acknowledged_notes={sam.pk: set()},
    )
    client.force_login(student)
    player = client.get(reverse("students:routine-play", args=[mine.pk]))
    printed = client.get(reverse("students:routine-print", args=[mine.pk]))
    for response in (player, printed):
        body = response.content.decode()
        assert "Never roll on the front of the neck." in body and "Recent whiplash." in body
        assert "Your teacher noted: avoid back of the neck." in body
        assert "no-store" in response["Cache-Control"]
        assert "Whiplash" not in body  # the condition itself stays behind the teacher's Show
    # Another student with a routine but no note sees no reminder.
    pupil = RosterStudentFactory(teacher=teacher, account=other_student)
    [theirs] = services.assign(
        students=[pupil], version=world["version"], starts_on=timezone.localdate()
    )
    client.force_login(other_student)
    body = client.get(reverse("students:routine-play", args=[theirs.pk])).content.decode()
    assert "Your teacher noted" not in body and "Never roll on the front of the neck." in body


@pytest.mark.django_db
def test_sending_a_newer_version_that_meets_a_note_warns_the_teacher(client, teacher, world):
    HealthNoteFactory(student=world["sam"], avoid_regions=[world["neck"]])
    plan = world["version"].plan
    neck = plan.routine.steps.get(technique=world["neck_roll"])
    plan_services.step_remove(plan=plan, expected_version=plan.lock_version, step=neck)
    plan.refresh_from_db()
    safe = plan_services.plan_publish(plan=plan, expected_version=plan.lock_version)
    [assignment] = plan_services.homework_assign(
        students=[world["sam"]], version=safe, starts_on=timezone.localdate()
    )
    plan.refresh_from_db()  # the neck step comes back in the next version
    plan_services.step_remove(
        plan=plan, expected_version=plan.lock_version, step=neck, removed=False
    )
    plan.refresh_from_db()
    plan_services.plan_publish(plan=plan, expected_version=plan.lock_version)
    client.force_login(teacher)
    page = client.post(
        reverse("classes:assignment-action", args=[assignment.pk]),
        {"action": "update"},
        follow=True,
    ).content.decode()
    assert "works what a health note of this student asks to avoid" in page
    assert "Sam S.: avoid back of the neck" in page

"""Safety on the teacher's pages: a real swap, per-student modifications, teach mode's
reminders, and findings that show what to avoid but never the health note itself."""

import json
import re

import pytest
from django.urls import reverse

from classes import services
from classes.models import ClassPlan, Session, StepModification
from routines.models import Step, Technique
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
from tests.pages import active_findings

CONDITION, DETAILS = "Whiplash from a car accident", "Physio says: no pressure on the neck"


@pytest.fixture
def world(teacher):
    neck = RegionFactory(slug="back-of-neck", name="Back of the neck")
    upper = RegionFactory(slug="upper-back", name="Upper back")
    neck.neighbours.add(upper)
    upper.neighbours.add(neck)
    pin = ActionFactory(slug="pin", name="Pin")
    neck_roll = TechniqueFactory(name="Neck roll at the wall", regions=[neck], actions=[pin])
    back_pin = TechniqueFactory(name="Upper back pin", regions=[upper], actions=[pin])
    plan = make_plan(teacher, title="Neck class", techniques=[back_pin, neck_roll], purpose="block")
    course = CourseFactory(teacher=teacher, title="Tuesdays")
    sam = RosterStudentFactory(teacher=teacher, name="Sam Student", consented=True)
    EnrolmentFactory(course=course, student=sam)
    for _i in range(3):
        EnrolmentFactory(course=course, student=RosterStudentFactory(teacher=teacher))
    note = HealthNoteFactory(
        student=sam, condition=CONDITION, details=DETAILS, avoid_regions=[neck]
    )
    ClassPlan.objects.filter(pk=plan.pk).update(check_course=course)
    plan.refresh_from_db()
    step = plan.routine.steps.get(technique=neck_roll)
    return {
        "plan": plan,
        "course": course,
        "sam": sam,
        "note": note,
        "neck": neck,
        "neck_roll": neck_roll,
        "back_pin": back_pin,
        "step": step,
    }


def dangers(client, plan):
    """The dangers the builder lists, read from its HTML (it may be served from the cache)."""
    page = client.get(plan.get_absolute_url())
    return [f for f in active_findings(page) if f["level"] == "danger"]


@pytest.mark.django_db
class TestSwap:
    def test_a_swap_replaces_the_step_in_place_keeps_the_time_and_clears_the_danger(
        self, client, teacher, world
    ):
        plan, step = world["plan"], world["step"]
        other = TechniqueFactory(name="Chest opener", regions=[RegionFactory(slug="chest")])
        roll = TechniqueFactory(name="Upper back roll", regions=[world["back_pin"].regions.get()])
        client.force_login(teacher)
        page = client.get(plan.get_absolute_url())
        [conflict] = page.context["findings"]["conflicts"]
        alternative = conflict.alternatives[0]
        assert alternative.slug == roll.slug and len(dangers(client, plan)) == 1
        assert other.slug not in [t.slug for t in conflict.alternatives]  # far from the step
        before = services.plan_snapshot(plan)["total_seconds"]
        response = client.post(
            reverse("classes:step-swap", args=[plan.pk, step.pk]),
            {"version": plan.lock_version, "technique": alternative.slug},
        )
        assert response.status_code == 302
        new = plan.routine.steps.get(removed=False, technique__slug=alternative.slug)
        assert (new.section_id, new.position) == (step.section_id, step.position)
        assert new.duration_seconds == step.duration_seconds and new.side == step.side
        plan.refresh_from_db()
        assert services.plan_snapshot(plan)["total_seconds"] == before
        assert dangers(client, plan) == []
        # Undo puts the original back where it was.
        undo = client.get(response.url)
        assert b"undo-swap" in undo.content
        client.post(
            reverse("classes:step-unswap", args=[plan.pk, step.pk]),
            {"version": plan.lock_version, "new": new.pk},
        )
        step.refresh_from_db()
        assert not step.removed and not Step.objects.filter(pk=new.pk).exists()
        assert len(dangers(client, plan)) == 1

    def test_a_stale_swap_is_refused_and_nothing_changes(self, client, teacher, world):
        plan, step = world["plan"], world["step"]
        client.force_login(teacher)
        response = client.post(
            reverse("classes:step-swap", args=[plan.pk, step.pk]),
            {"version": plan.lock_version - 1, "technique": world["back_pin"].slug},
        )
        assert response.status_code == 409
        step.refresh_from_db()
        assert not step.removed and plan.routine.steps.count() == 2

    @pytest.mark.parametrize("case", ["retired", "conflicting", "unknown", "not-a-slug\x00"])
    def test_a_swap_to_a_retired_unknown_or_conflicting_technique_is_refused(
        self, client, teacher, world, case
    ):
        plan, step = world["plan"], world["step"]
        slug = {
            "retired": TechniqueFactory(status=Technique.Status.RETIRED).slug,
            "conflicting": TechniqueFactory(name="Other neck", regions=[world["neck"]]).slug,
        }.get(case, case)
        client.force_login(teacher)
        response = client.post(
            reverse("classes:step-swap", args=[plan.pk, step.pk]),
            {"version": plan.lock_version, "technique": slug},
        )
        assert response.status_code == 422
        step.refresh_from_db()
        assert not step.removed and plan.routine.steps.count() == 2

    def test_odd_technique_values_on_add_are_refused_without_an_error(self, client, teacher, world):
        client.force_login(teacher)
        section = world["step"].section_id
        for value in ["a\x00b", "x" * 10_000, "²", ""]:
            response = client.post(
                reverse("classes:step-add", args=[world["plan"].pk]),
                {"version": world["plan"].lock_version, "section": section, "technique": value},
            )
            assert response.status_code == 422
        assert world["plan"].routine.steps.count() == 2

    def test_another_teacher_cannot_swap(self, client, other_teacher, world):
        client.force_login(other_teacher)
        response = client.post(
            reverse("classes:step-swap", args=[world["plan"].pk, world["step"].pk]),
            {"version": world["plan"].lock_version, "technique": world["back_pin"].slug},
        )
        assert (
            response.status_code == 404
            and not world["plan"].routine.steps.filter(removed=True).exists()
        )


@pytest.mark.django_db
class TestModifications:
    def modify(self, client, world, **data):
        return client.post(
            reverse("classes:step-modify", args=[world["plan"].pk, world["step"].pk]),
            {"student": world["sam"].pk, **data},
        )

    def test_a_modification_clears_the_danger_and_shows_on_teacher_pages_only(
        self, client, teacher, student, world
    ):
        plan = world["plan"]
        client.force_login(teacher)
        assert self.modify(client, world, technique=world["back_pin"].slug).status_code == 302
        modification = StepModification.objects.get()
        assert modification.student == world["sam"] and modification.technique == world["back_pin"]
        assert dangers(client, plan) == []
        builder = client.get(plan.get_absolute_url()).content.decode()
        assert "For Sam S.: Upper back pin instead." in builder
        version = services.plan_publish(
            plan=plan, expected_version=ClassPlan.objects.get(pk=plan.pk).lock_version
        )
        teach = client.get(reverse("classes:plan-teach", args=[plan.pk]))
        steps = json.loads(
            re.search(r'id="player-steps"[^>]*>(.*?)</script>', teach.content.decode(), re.S)[1]
        )
        neck = next(s for s in steps if s["title"] == "Neck roll at the wall")
        assert neck["alerts"] == ["Sam: Upper back pin instead"]
        # Never on a share, a PDF's page or the student's own pages.
        ClassPlan.objects.filter(pk=plan.pk).update(share_token=ClassPlan.new_share_token())
        share = client.get(
            reverse("classes:share", args=[ClassPlan.objects.get(pk=plan.pk).share_token])
        )
        assert "Upper back pin instead" not in share.content.decode()
        world["sam"].account = student
        world["sam"].save()
        Session.objects.create(
            course=world["course"], starts_at="2026-01-01T18:00Z", plan_version=version
        )
        client.force_login(student)
        handout = client.get(reverse("classes:handout", args=[version.pk]))
        assert handout.status_code == 200 and "instead" not in handout.content.decode()

    def test_free_text_works_and_empty_or_conflicting_is_refused(self, client, teacher, world):
        client.force_login(teacher)
        assert self.modify(client, world).status_code == 422
        conflicting = TechniqueFactory(name="Other neck", regions=[world["neck"]])
        assert self.modify(client, world, technique=conflicting.slug).status_code == 422
        assert self.modify(client, world, text="x" * 301).status_code == 422
        assert self.modify(client, world, student="abc", text="Rest").status_code == 422
        assert not StepModification.objects.exists()
        assert self.modify(client, world, text="Rest on the back, breathe").status_code == 302
        assert StepModification.objects.get().instead == "Rest on the back, breathe"

    def test_a_student_of_another_teacher_cannot_be_named(self, client, teacher, world):
        stranger = RosterStudentFactory()
        client.force_login(teacher)
        assert self.modify(client, world, student=stranger.pk, text="Rest").status_code == 422
        assert not StepModification.objects.exists()

    def test_teach_mode_reminds_at_the_conflicting_step_without_a_modification(
        self, client, teacher, world
    ):
        plan = world["plan"]
        services.plan_publish(plan=plan, expected_version=plan.lock_version)
        client.force_login(teacher)
        teach = client.get(reverse("classes:plan-teach", args=[plan.pk]))
        assert "no-store" in teach["Cache-Control"]
        steps = json.loads(
            re.search(r'id="player-steps"[^>]*>(.*?)</script>', teach.content.decode(), re.S)[1]
        )
        alerts = {s["title"]: s["alerts"] for s in steps}
        assert alerts["Neck roll at the wall"] == ["Sam: adapt this step (health note)"]
        assert alerts["Upper back pin"] == []
        assert CONDITION not in teach.content.decode()


@pytest.mark.django_db
def test_no_page_with_findings_shows_the_condition_and_each_is_never_cached(client, teacher, world):
    plan, course = world["plan"], world["course"]
    version = services.plan_publish(plan=plan, expected_version=plan.lock_version)
    session = Session.objects.create(
        course=course, starts_at="2026-01-01T18:00Z", plan_version=version
    )
    plan.refresh_from_db()
    client.force_login(teacher)
    pages = {
        "builder": client.get(plan.get_absolute_url()),
        "builder partial": client.post(
            reverse("classes:step-move", args=[plan.pk, world["step"].pk]),
            {"version": plan.lock_version, "direction": "up"},
            HTTP_HX_REQUEST="true",
        ),
        "print": client.get(reverse("classes:plan-print", args=[plan.pk])),
        "teach": client.get(reverse("classes:plan-teach", args=[plan.pk])),
        "session": client.get(session.get_absolute_url()),
        "dashboard": client.get("/"),
    }
    for name, response in pages.items():
        body = response.content.decode()
        assert response.status_code == 200, name
        assert "no-store" in response["Cache-Control"], name
        assert CONDITION not in body and DETAILS not in body and "Whiplash" not in body, name
    assert "Sam S.: avoid back of the neck" in pages["builder"].content.decode()
    assert "Sam S.: avoid back of the neck" in pages["session"].content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("size", [10, 120])
def test_pages_with_checks_keep_their_query_counts_whatever_the_roster(
    client, teacher, world, django_assert_max_num_queries, size
):
    """The builder, the teacher's print copy, teach mode and the session page, checked
    against a roster with a note for one student in ten and a modification."""
    plan, course = world["plan"], world["course"]
    for i in range(size):
        pupil = RosterStudentFactory(teacher=teacher, consented=True)
        EnrolmentFactory(course=course, student=pupil)
        if i % 10 == 0:
            HealthNoteFactory(student=pupil, avoid_regions=[world["neck"]])
    services.modification_save(
        plan=plan, step=world["step"], student=world["sam"], text="Rest on the back"
    )
    version = services.plan_publish(plan=plan, expected_version=plan.lock_version)
    session = Session.objects.create(
        course=course, starts_at="2026-01-01T18:00Z", plan_version=version
    )
    client.force_login(teacher)
    pages = {
        # The first view after a change computes what it shows. The builder comes first
        # and also reads the library (7 queries, once per library version and process) and
        # the roster (5, once per roster state); the pages after it find both cached.
        # The same numbers at 10 and 120 students.
        plan.get_absolute_url(): (41, 4),
        reverse("classes:plan-print", args=[plan.pk]): (9, 5),
        reverse("classes:plan-teach", args=[plan.pk]): (8, 5),
        reverse("classes:plan-pdf", args=[plan.pk]): (7, 4),
        session.get_absolute_url(): (21, 10),
    }
    for url, (first, again) in pages.items():
        with django_assert_max_num_queries(first):
            assert client.get(url).status_code == 200
        # Until something they show changes, they come from the cache: the session, the
        # user, the plan (or session) and one query of the checks' fingerprints.
        with django_assert_max_num_queries(again):
            assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_the_print_copy_of_a_session_checks_that_sessions_roster(client, teacher, world):
    plan = world["plan"]
    ClassPlan.objects.filter(pk=plan.pk).update(check_course=CourseFactory(teacher=teacher))
    version = services.plan_publish(plan=plan, expected_version=plan.lock_version)
    session = Session.objects.create(
        course=world["course"], starts_at="2026-01-01T18:00Z", plan_version=version
    )
    client.force_login(teacher)
    url = reverse("classes:plan-print", args=[plan.pk])
    assert "Sam S.: avoid" not in client.get(url).content.decode()
    assert "Sam S.: avoid" in client.get(url, {"session": session.pk}).content.decode()
    stranger = Session.objects.create(
        course=CourseFactory(), starts_at="2026-01-01T18:00Z", plan_version=version
    )
    assert "Sam S.: avoid" not in client.get(url, {"session": stranger.pk}).content.decode()


@pytest.mark.django_db
def test_works_well_with_leaves_out_what_the_roster_avoids_and_passes_it_on(client, teacher, world):
    client.force_login(teacher)
    builder = client.get(world["plan"].get_absolute_url()).content.decode()
    assert f"{world['back_pin'].get_absolute_url()}?avoid=back-of-neck" in builder
    # The upper-back page, opened from the builder: no neck technique among its suggestions,
    # and the avoid list travels on to the pages it links.
    page = client.get(world["back_pin"].get_absolute_url(), {"avoid": "back-of-neck"})
    assert world["neck_roll"].name not in page.content.decode()
    opened = client.get(world["back_pin"].get_absolute_url()).content.decode()
    assert world["neck_roll"].name in opened  # without the list, it is a fine suggestion
    odd = client.get(world["back_pin"].get_absolute_url(), {"avoid": ["\x00", "x" * 5000]})
    assert odd.status_code == 200


@pytest.mark.django_db
def test_a_student_who_left_the_course_no_longer_raises_a_danger(client, teacher, world):
    client.force_login(teacher)
    assert len(dangers(client, world["plan"])) == 1
    enrolment = world["course"].enrolments.get(student=world["sam"])
    services.unenrol(enrolment=enrolment)
    assert dangers(client, world["plan"]) == []

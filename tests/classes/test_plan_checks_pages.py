import pytest
from django.urls import reverse
from django.utils import timezone

from classes import services
from classes.models import ClassPlan, FindingDismissal, Session
from students.models import Student
from tests.factories import (
    CourseFactory,
    HealthNoteFactory,
    RegionFactory,
    RosterStudentFactory,
    TechniqueFactory,
    make_plan,
)
from tests.pages import active_findings


@pytest.fixture
def setting(teacher):
    neck = RegionFactory(slug="back-of-neck", name="Back of the neck")
    technique = TechniqueFactory(name="Neck roll at the wall", regions=[neck])
    plan = make_plan(teacher, title="Neck class", techniques=[technique])
    course = CourseFactory(teacher=teacher, title="Tuesdays")
    sam = RosterStudentFactory(teacher=teacher, name="Sam Student", consented=True)
    services.enrol(course=course, students=[sam])
    HealthNoteFactory(student=sam, condition="Whiplash", avoid_regions=[neck])
    return {"plan": plan, "course": course, "technique": technique, "sam": sam}


@pytest.mark.django_db
class TestFindingsOnPages:
    def test_the_builder_shows_the_danger_once_the_course_is_chosen(self, client, teacher, setting):
        plan = setting["plan"]
        client.force_login(teacher)
        assert "Sam S." not in client.get(plan.get_absolute_url()).content.decode()
        ClassPlan.objects.filter(pk=plan.pk).update(check_course=setting["course"])
        body = client.get(plan.get_absolute_url()).content.decode()
        assert (
            "finding-danger" in body and "Sam S.: avoid" in body and "Neck roll at the wall" in body
        )

    def test_giving_a_session_the_plan_points_the_checks_at_its_course(
        self, client, teacher, setting
    ):
        plan = setting["plan"]
        version = services.plan_publish(plan=plan, expected_version=plan.lock_version)
        session = Session.objects.create(course=setting["course"], starts_at=timezone.now())
        client.force_login(teacher)
        client.post(
            reverse("classes:session-update", args=[setting["course"].pk, session.pk]),
            {"plan_version": version.pk, "lock_version": session.lock_version},
        )
        plan.refresh_from_db()
        assert plan.check_course == setting["course"]
        page = client.get(session.get_absolute_url()).content.decode()
        assert "finding-danger" in page and "Sam S.: avoid" in page

    def test_a_dismissal_is_remembered_with_its_reason_and_can_be_undone(
        self, client, teacher, setting
    ):
        plan = setting["plan"]
        ClassPlan.objects.filter(pk=plan.pk).update(check_course=setting["course"])
        client.force_login(teacher)
        key = active_findings(client.get(plan.get_absolute_url()))[0]["key"]
        refused = client.post(
            reverse("classes:finding-dismiss", args=[plan.pk]), {"key": key, "reason": ""}
        )
        assert refused.status_code == 422 and not FindingDismissal.objects.exists()
        client.post(
            reverse("classes:finding-dismiss", args=[plan.pk]),
            {"key": key, "reason": "Sam skips this step"},
        )
        page = client.get(plan.get_absolute_url())
        assert key not in [f["key"] for f in active_findings(page)]
        assert "Sam skips this step" in page.content.decode()
        client.post(reverse("classes:finding-restore", args=[plan.pk]), {"key": key})
        assert key in [f["key"] for f in active_findings(client.get(plan.get_absolute_url()))]

    def test_the_print_page_shows_findings_to_the_teacher_only(self, client, teacher, setting):
        plan = setting["plan"]
        ClassPlan.objects.filter(pk=plan.pk, pk__isnull=False).update(
            check_course=setting["course"], share_token=ClassPlan.new_share_token()
        )
        services.plan_publish(
            plan=plan, expected_version=ClassPlan.objects.get(pk=plan.pk).lock_version
        )
        client.force_login(teacher)
        assert "Sam S.: avoid" in (
            client.get(reverse("classes:plan-print", args=[plan.pk])).content.decode()
        )
        client.logout()
        token = ClassPlan.objects.get(pk=plan.pk).share_token
        assert "Sam S." not in client.get(reverse("classes:share", args=[token])).content.decode()

    def test_health_notes_without_consent_are_not_used(self, client, teacher, setting):
        Student.objects.filter(pk=setting["sam"].pk).update(consent_given_at=None)
        plan = setting["plan"]
        ClassPlan.objects.filter(pk=plan.pk).update(check_course=setting["course"])
        client.force_login(teacher)
        assert "finding-danger" not in client.get(plan.get_absolute_url()).content.decode()

    def test_another_teacher_cannot_dismiss(self, client, other_teacher, setting):
        client.force_login(other_teacher)
        response = client.post(
            reverse("classes:finding-dismiss", args=[setting["plan"].pk]),
            {"key": "x", "reason": "y"},
        )
        assert response.status_code == 404 and not FindingDismissal.objects.exists()

    def test_the_check_course_must_be_the_teachers_own(
        self, client, teacher, other_teacher, setting
    ):
        theirs = CourseFactory(teacher=other_teacher, title="Not yours")
        plan = setting["plan"]
        client.force_login(teacher)
        response = client.post(
            reverse("classes:plan-edit", args=[plan.pk]),
            {
                "version": plan.lock_version,
                "title": plan.title,
                "level": "beginner",
                "target_minutes": 45,
                "transition_seconds": 15,
                "check_course": theirs.pk,
            },
        )
        assert response.status_code == 422
        plan.refresh_from_db()
        assert plan.check_course is None

import datetime
import io
import json
import threading
import uuid

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from classes import services as plan_services
from classes.models import Course, Session
from students import services
from students.models import Assignment, HealthNote, PracticeLog, Student
from tests.factories import StudentFactory, TechniqueFactory, make_plan


@pytest.fixture
def version(teacher):
    plan = make_plan(
        teacher,
        title="Evening roll",
        techniques=[
            TechniqueFactory(name="Foot roll", per_side=True, duration_seconds=60),
            TechniqueFactory(name="Back pin"),
        ],
    )
    return plan_services.plan_publish(plan=plan, expected_version=plan.lock_version)


@pytest.fixture
def sam(teacher, student):
    return Student.objects.create(teacher=teacher, name="Sam", email=student.email, account=student)


@pytest.fixture
def homework(sam, version):
    return plan_services.homework_assign(
        students=[sam],
        version=version,
        frequency="daily",
        starts_on=timezone.localdate() - datetime.timedelta(days=6),
    )[0]


def log_today(assignment):
    """A practice logged today, as the service records it."""
    return services.log_practice(
        assignment=assignment,
        submission=uuid.uuid4(),
        practised_on=timezone.localdate(),
        minutes=9,
        tension_before=6,
        tension_after=2,
    )


def log_data(**overrides):
    return {
        "submission": str(uuid.uuid4()),
        "practised_on": timezone.localdate().isoformat(),
        "minutes": "7",  # at most twice the 3.5-minute routine (issue 15)
        "tension_before": "7",
        "tension_after": "3",
        "note": "",
        **overrides,
    }


@pytest.mark.django_db
class TestAssigning:
    def test_assign_the_whole_plan_to_one_student(self, client, teacher, sam, version):
        client.force_login(teacher)
        response = client.post(
            reverse("classes:assign-student", args=[sam.pk]),
            {
                "version": version.pk,
                "scope": "all",
                "frequency": "nightly",
                "starts_on": "2026-11-21",
                "message": "Before bed",
            },
        )
        assert response.status_code == 302
        assignment = sam.assignments.get()
        assert assignment.frequency == "nightly" and assignment.message == "Before bed"
        assert [s["title"] for sec in assignment.snapshot["sections"] for s in sec["steps"]] == [
            "Foot roll",
            "Back pin",
        ]

    def test_assign_chosen_steps_to_a_whole_course(self, client, teacher, version):
        course = Course.objects.create(teacher=teacher, title="Tuesdays", capacity=10)
        roster = [Student.objects.create(teacher=teacher, name=f"S{i}") for i in range(3)]
        plan_services.enrol(course=course, students=roster)
        client.force_login(teacher)
        main = next(i for i, s in enumerate(version.snapshot["sections"]) if s["steps"])
        client.post(
            reverse("classes:assign-course", args=[course.pk]),
            {
                "version": version.pk,
                "scope": "chosen",
                "step": [f"{main}:1"],
                "frequency": "per-week",
                "times_per_week": 3,
                "starts_on": "2026-11-21",
            },
        )
        assignments = Assignment.objects.filter(student__in=roster)
        assert assignments.count() == 3
        assert {
            s["title"] for a in assignments for sec in a.snapshot["sections"] for s in sec["steps"]
        } == {"Back pin"}

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"frequency": "per-week"}, "how many times a week"),
            ({"frequency": "weekdays"}, "Choose at least one day"),
            ({"ends_on": "2026-01-01"}, "The end comes before the start"),
            ({"scope": "chosen"}, "Choose at least one step"),
        ],
    )
    def test_bad_assignments_change_nothing(self, client, teacher, sam, version, data, message):
        client.force_login(teacher)
        payload = {
            "version": version.pk,
            "scope": "all",
            "frequency": "daily",
            "starts_on": "2026-11-21",
            **data,
        }
        response = client.post(reverse("classes:assign-student", args=[sam.pk]), payload)
        assert response.status_code == 422 and message in response.content.decode()
        assert not Assignment.objects.exists()

    def test_another_teachers_plan_cannot_be_assigned(
        self, client, other_teacher, teacher, sam, version
    ):
        theirs = Student.objects.create(teacher=other_teacher, name="Theirs")
        client.force_login(other_teacher)
        response = client.post(
            reverse("classes:assign-student", args=[theirs.pk]),
            {
                "version": version.pk,
                "scope": "all",
                "frequency": "daily",
                "starts_on": "2026-11-21",
            },
        )
        assert response.status_code == 422 and not Assignment.objects.exists()

    def test_homework_is_frozen_until_the_teacher_pushes_an_update(
        self, client, teacher, homework, version
    ):
        plan = version.plan
        plan.refresh_from_db()
        plan_services.step_remove(
            plan=plan, expected_version=plan.lock_version, step=plan.routine.steps.first()
        )
        plan.refresh_from_db()
        plan_services.plan_publish(plan=plan, expected_version=plan.lock_version)
        homework.refresh_from_db()
        assert sum(len(s["steps"]) for s in homework.snapshot["sections"]) == 2
        client.force_login(teacher)
        client.post(reverse("classes:assignment-action", args=[homework.pk]), {"action": "update"})
        homework.refresh_from_db()
        assert sum(len(s["steps"]) for s in homework.snapshot["sections"]) == 1

    def test_pause_resume_and_end(self, client, teacher, homework):
        client.force_login(teacher)
        url = reverse("classes:assignment-action", args=[homework.pk])
        for action, status in [("pause", "paused"), ("resume", "active"), ("end", "ended")]:
            client.post(url, {"action": action})
            homework.refresh_from_db()
            assert homework.status == status
        assert homework.ends_on == timezone.localdate()


@pytest.mark.django_db
class TestStudentPages:
    def test_today_lists_the_routine_as_due_then_done(self, client, student, homework):
        client.force_login(student)
        assert client.get("/").url == "/me/"
        assert "Due today" in client.get("/me/").content.decode()
        client.post(reverse("students:routine-log", args=[homework.pk]), log_data())
        assert "Done today" in client.get("/me/").content.decode()

    def test_the_player_splits_each_side_steps(self, client, student, homework):
        client.force_login(student)
        response = client.get(reverse("students:routine-play", args=[homework.pk]))
        assert [(s["title"], s["play_side"]) for s in response.context["steps"]] == [
            ("Foot roll", "left"),
            ("Foot roll", "right"),
            ("Back pin", "both"),
        ]
        assert 'name="tension_before"' in response.content.decode()

    def test_a_log_is_saved_and_shows_in_history(self, client, student, homework):
        client.force_login(student)
        response = client.post(reverse("students:routine-log", args=[homework.pk]), log_data())
        assert response.url == reverse("students:history")
        log = PracticeLog.objects.get()
        assert (log.minutes, log.tension_before, log.tension_after) == (7, 7, 3)
        history = client.get("/me/history/")
        body = history.content.decode()
        assert "tension 7 → 3" in body and history.context["streak"] == 1
        assert "<polyline" in body and 'role="img"' in body

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("tension_before", "11", "less than or equal to 10"),
            ("tension_after", "-1", "greater than or equal to 0"),
            ("minutes", "-5", "greater than or equal to 0"),
            ("minutes", "601", "less than or equal to 600"),
            ("practised_on", "2999-01-01", "in the future"),
            ("tension_before", "lots", "Enter a whole number"),
        ],
    )
    def test_bad_logs_are_refused_beside_the_field(
        self, client, student, homework, field, value, message
    ):
        client.force_login(student)
        response = client.post(
            reverse("students:routine-log", args=[homework.pk]), log_data(**{field: value})
        )
        assert response.status_code == 422 and message in response.content.decode()
        assert not PracticeLog.objects.exists()

    def test_a_double_submit_is_stored_once(self, client, student, homework):
        client.force_login(student)
        data = log_data()
        client.post(reverse("students:routine-log", args=[homework.pk]), data)
        again = client.post(reverse("students:routine-log", args=[homework.pk]), data, follow=True)
        assert "already logged" in again.content.decode()
        assert PracticeLog.objects.count() == 1

    @pytest.mark.parametrize("status", ["paused", "ended"])
    def test_a_paused_or_ended_routine_cannot_be_logged(self, client, student, homework, status):
        Assignment.objects.filter(pk=homework.pk).update(status=status)
        client.force_login(student)
        response = client.post(reverse("students:routine-log", args=[homework.pk]), log_data())
        assert response.status_code == 422 and status in response.content.decode()
        assert not PracticeLog.objects.exists()

    def test_another_students_routine_is_404_everywhere(self, client, homework, other_student):
        client.force_login(other_student)
        for name in ["routine-play", "routine-log", "routine-print", "routine-pdf"]:
            assert client.get(reverse(f"students:{name}", args=[homework.pk])).status_code == 404
        assert (
            client.post(reverse("students:routine-log", args=[homework.pk]), log_data()).status_code
            == 404
        )
        assert not PracticeLog.objects.exists()

    def test_the_routine_prints_and_makes_a_pdf(self, client, student, homework):
        client.force_login(student)
        assert (
            "Foot roll"
            in client.get(reverse("students:routine-print", args=[homework.pk])).content.decode()
        )
        pdf = client.get(reverse("students:routine-pdf", args=[homework.pk]))
        assert pdf.content.startswith(b"%PDF-")

    def test_handouts_of_attended_classes_only(self, client, student, sam, teacher, version):
        course = Course.objects.create(teacher=teacher, title="Tuesdays")
        plan_services.enrol(course=course, students=[sam])

        Session.objects.create(
            course=course,
            starts_at=timezone.now() - datetime.timedelta(days=1),
            plan_version=version,
        )
        client.force_login(student)
        assert version.title in client.get("/me/").content.decode()
        assert client.get(reverse("classes:handout", args=[version.pk])).status_code == 200
        other = make_plan(teacher, title="Not yours", techniques=[TechniqueFactory()])
        other_version = plan_services.plan_publish(plan=other, expected_version=other.lock_version)
        assert client.get(reverse("classes:handout", args=[other_version.pk])).status_code == 404


@pytest.mark.django_db
class TestDataRights:
    def test_export_needs_the_password_and_holds_everything(self, client, student, sam, homework):
        log_today(homework)
        client.force_login(student)
        refused = client.post(reverse("students:data-export"), {"password": "wrong"})
        assert refused.status_code == 302
        response = client.post(
            reverse("students:data-export"), {"password": "correct-horse-battery"}
        )
        data = json.loads(response.content)
        assert data["account"]["email"] == student.email
        assert data["rosters"][0]["routines"][0]["practice"][0]["minutes"] == 9

    def test_delete_needs_the_password_then_anonymises_and_deletes(
        self, client, student, sam, homework, teacher
    ):
        from django.contrib.auth import get_user_model

        sam.consent_given_at = timezone.now()
        sam.save()
        HealthNote.objects.create(student=sam, condition="Whiplash")
        log_today(homework)
        client.force_login(student)
        client.post(reverse("students:account-delete"), {"password": "nope"})
        assert get_user_model().objects.filter(pk=student.pk).exists()
        client.post(reverse("students:account-delete"), {"password": "correct-horse-battery"})
        assert not get_user_model().objects.filter(pk=student.pk).exists()
        sam.refresh_from_db()
        # Nothing translated is stored: the teacher sees the label, rendered when shown.
        assert sam.name == "" and sam.email == "" and sam.account is None
        client.force_login(teacher)
        assert "Former student" in client.get(reverse("students:student-list")).content.decode()
        assert not PracticeLog.objects.exists() and not HealthNote.objects.exists()


@pytest.mark.django_db
class TestAdherenceForTeachers:
    def test_course_adherence_and_the_dashboard_flag(self, client, teacher, sam, homework):
        course = Course.objects.create(teacher=teacher, title="Tuesdays")
        plan_services.enrol(course=course, students=[sam])
        client.force_login(teacher)
        page = client.get(reverse("classes:course-adherence", args=[course.pk]))
        row = page.context["rows"][0]["a"]
        assert (row.logged, row.expected) == (0, 7)
        assert "7+ days quiet" in client.get("/").content.decode()
        log_today(homework)
        row = client.get(reverse("classes:course-adherence", args=[course.pk])).context["rows"][0][
            "a"
        ]
        assert row.logged == 1
        assert "7+ days quiet" not in client.get("/").content.decode()


@pytest.mark.django_db
class TestReminders:
    def test_reminders_go_to_due_students_with_an_opt_out_that_works(
        self, client, student, homework
    ):
        call_command("send_reminders", stdout=io.StringIO())
        assert len(mail.outbox) == 1 and mail.outbox[0].to == [student.email]
        link = (
            mail.outbox[0]
            .body.split("No more reminders: ")[1]
            .split()[0]
            .replace("http://127.0.0.1:8000", "")
        )
        assert client.get(link).status_code == 200
        student.refresh_from_db()
        assert student.email_reminders  # a GET changes nothing
        client.post(link)
        student.refresh_from_db()
        assert not student.email_reminders
        mail.outbox.clear()
        call_command("send_reminders", stdout=io.StringIO())
        assert mail.outbox == []

    def test_no_reminder_once_logged_today(self, student, homework):
        log_today(homework)
        call_command("send_reminders", stdout=io.StringIO())
        assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_50_concurrent_log_posts_for_different_students_all_persist(teacher, version):
    students = []
    for i in range(50):
        account = StudentFactory(email=f"concurrent{i}@example.test")
        entry = Student.objects.create(teacher=teacher, name=f"C{i}", account=account)
        services.assign(
            students=[entry], version=version, frequency="daily", starts_on=timezone.localdate()
        )
        students.append(account)
    barrier = threading.Barrier(50)
    statuses = []

    def post(account):
        try:
            client = Client()
            client.force_login(account)
            assignment = Assignment.objects.get(student__account=account)
            barrier.wait()
            statuses.append(
                client.post(
                    reverse("students:routine-log", args=[assignment.pk]), log_data()
                ).status_code
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(account,)) for account in students]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses.count(302) == 50
    assert PracticeLog.objects.count() == 50


@pytest.mark.django_db
@pytest.mark.parametrize("size", [3, 40])
def test_student_and_adherence_pages_query_counts(
    client, teacher, student, sam, version, django_assert_max_num_queries, size
):
    course = Course.objects.create(teacher=teacher, title="Tuesdays", capacity=100)
    roster = [sam] + [Student.objects.create(teacher=teacher, name=f"S{i}") for i in range(size)]
    plan_services.enrol(course=course, students=roster)
    for entry in roster:
        assignment = services.assign(
            students=[entry],
            version=version,
            frequency="daily",
            starts_on=timezone.localdate() - datetime.timedelta(days=30),
        )[0]
        PracticeLog.objects.bulk_create(
            PracticeLog(
                assignment=assignment,
                student=entry,
                practised_on=timezone.localdate() - datetime.timedelta(days=d),
                minutes=5,
                tension_before=5,
                tension_after=3,
                submission=uuid.uuid4(),
            )
            for d in range(size)
        )
    mine = sam.assignments.first()
    client.force_login(student)
    with django_assert_max_num_queries(8):
        assert client.get("/me/").status_code == 200
    # +1 for the student's own notes (their "avoid" reminder; +3 more when they have some).
    with django_assert_max_num_queries(9):
        assert client.get(reverse("students:routine-play", args=[mine.pk])).status_code == 200
    # The calendar's eight weeks of logs (and the streak, when longer, in SQL). The library
    # behind the body map is read on the first visit after it changes, then only its version.
    client.get("/me/history/")
    with django_assert_max_num_queries(6):
        assert client.get("/me/history/").status_code == 200
    client.force_login(teacher)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("classes:course-adherence", args=[course.pk])).status_code == 200


@pytest.mark.django_db
def test_an_assignment_can_be_changed(client, teacher, homework, other_teacher):
    url = reverse("classes:assignment-edit", args=[homework.pk])
    client.force_login(other_teacher)
    assert client.get(url).status_code == 404
    client.force_login(teacher)
    bad = client.post(url, {"frequency": "weekdays", "starts_on": "2026-11-01", "lock_version": 1})
    assert bad.status_code == 422 and "Choose at least one day" in bad.content.decode()
    client.post(
        url,
        {
            "frequency": "weekdays",
            "weekdays": ["0", "3"],
            "starts_on": "2026-11-01",
            "message": "Mon and Thu",
            "lock_version": homework.lock_version,
        },
    )
    homework.refresh_from_db()
    assert (homework.frequency, homework.weekdays, homework.message) == (
        "weekdays",
        [0, 3],
        "Mon and Thu",
    )


@pytest.mark.django_db
def test_the_player_carries_each_techniques_image(client, student, sam, teacher):
    technique = TechniqueFactory(name="Pictured roll")
    technique.image.name = "techniques/pictured.png"
    technique.save()
    plan = make_plan(teacher, techniques=[technique])
    version = plan_services.plan_publish(plan=plan, expected_version=plan.lock_version)
    assignment = services.assign(
        students=[sam], version=version, frequency="daily", starts_on=timezone.localdate()
    )[0]
    client.force_login(student)
    steps = client.get(reverse("students:routine-play", args=[assignment.pk])).context["steps"]
    assert steps[0]["technique"]["image"].endswith("techniques/pictured.png")

"""A course's home-practice page: past a screenful of students it pages, its rows are
built without template tags, and the class's figure still counts everyone."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from classes.homework_views import ADHERENCE_PAGE_SIZE
from classes.models import Enrolment
from students import services
from students.homework import roster_adherence
from students.models import PracticeLog, Student
from tests.factories import CourseFactory, PlanVersionFactory


@pytest.fixture
def version(teacher):
    return PlanVersionFactory(
        owner=teacher,
        snapshot={"title": "Evening roll", "sections": [], "total_seconds": 0, "equipment": []},
    )


def class_of(teacher, version, names, *, logs=lambda n: [(d, 2 + d % 5) for d in range(n % 9)]):
    """A course with these students, each with a daily routine; `logs(n)`: the n-th
    student's (days ago, tension before) practices."""
    course = CourseFactory(teacher=teacher, capacity=1000)
    students = Student.objects.bulk_create(Student(teacher=teacher, name=n) for n in names)
    Enrolment.objects.bulk_create(Enrolment(course=course, student=s) for s in students)
    today = timezone.localdate()
    assignments = services.assign(
        students=students,
        version=version,
        frequency="daily",
        starts_on=today - datetime.timedelta(days=60),
    )
    PracticeLog.objects.bulk_create(
        PracticeLog(
            assignment=a,
            student_id=a.student_id,
            practised_on=today - datetime.timedelta(days=d),
            minutes=10,
            tension_before=before,
            tension_after=1,
            submission=uuid.uuid4(),
        )
        for n, a in enumerate(assignments)
        for d, before in logs(n)
    )
    return course, students


@pytest.mark.django_db
def test_past_a_screenful_it_pages_and_the_class_figure_counts_everyone(client, teacher, version):
    course, students = class_of(teacher, version, [f"Student {n:02d}" for n in range(60)])
    client.force_login(teacher)
    url = reverse("classes:course-adherence", args=[course.pk])
    first, second = client.get(url), client.get(url, {"page": 2})
    assert [len(page.context["rows"]) for page in (first, second)] == [ADHERENCE_PAGE_SIZE, 10]
    assert first.context["rows"][0]["name"] == "Student 00"
    assert second.context["rows"][-1]["name"] == "Student 59"
    assert 'href="?page=2"' in first.content.decode()
    everyone = roster_adherence([s.pk for s in students], today=timezone.localdate())
    done = sum(min(a.logged, a.expected) for a in everyone.values())
    asked = sum(a.expected for a in everyone.values())
    assert first.context["overall"] == second.context["overall"] == round(100 * done / asked)
    shown = {row["pk"]: row["a"] for row in first.context["rows"] + second.context["rows"]}
    assert {pk: (a.logged, a.expected, a.quiet) for pk, a in shown.items()} == {
        pk: (a.logged, a.expected, a.quiet) for pk, a in everyone.items()
    }


@pytest.mark.django_db
def test_rows_say_what_the_template_said(client, teacher, version):
    rising = [(d, 8 - d) for d in range(6)]  # 3, 4, 5 … 8, oldest first
    course, (bold, _quiet, nobody) = class_of(
        teacher,
        version,
        ["<b>Bold</b>", "Quinn Quiet", "Gone"],
        logs=lambda n: {0: rising, 1: [(9, 5)], 2: []}[n],
    )
    Student.objects.filter(pk=nobody.pk).update(name="")  # an account deleted since
    client.force_login(teacher)
    body = client.get(reverse("classes:course-adherence", args=[course.pk])).content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt;" in body and "<b>Bold</b>" not in body
    assert f'<a href="{bold.get_absolute_url()}">' in body
    assert "Former student" in body
    row = body[body.index("Quinn Quiet") :].split("</tr>")[0]
    assert "1 / 28 <span" in row and "(4%)" in row and "7+ days quiet" in row
    bold_row = body[body.index("&lt;b&gt;Bold") :].split("</tr>")[0]
    assert "6 / 28" in bold_row and "3 → 8" in bold_row and "rising" in bold_row
    assert "rising" not in row and "—" in body[body.index("Former student") :].split("</tr>")[0]


@pytest.mark.django_db
def test_an_empty_class(client, teacher):
    course = CourseFactory(teacher=teacher)
    client.force_login(teacher)
    page = client.get(reverse("classes:course-adherence", args=[course.pk]))
    body = page.content.decode()
    assert page.context["overall"] is None
    assert "Nobody enrolled." in body and "No routines assigned yet." in body

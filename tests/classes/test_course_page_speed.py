"""The course page and the session page at the size of a teacher training: a constant
number of queries whatever the roster, rows built without a template per row that still
say who is enrolled, how they attended and who is new, and lists that search and page."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from classes import services
from classes.course_views import PAGE_SIZE
from classes.models import Enrolment
from routines.caching import CSRF_PLACEHOLDER
from students.models import Student
from tests.factories import (
    CourseFactory,
    HealthNoteFactory,
    RegionFactory,
    RosterStudentFactory,
    SessionFactory,
    TechniqueFactory,
    make_plan,
)

BUDGET = 10  # queries per page (issue 12), whatever the size of the roster


def course_of(teacher, size, *, version=None, waiting=2):
    """A course with `size` enrolled (every third new to ball work, every tenth with a
    health note), `waiting` more on its waitlist, three sessions (the first marked, the
    last taught with `version`) and two roster students not enrolled."""
    course = CourseFactory(teacher=teacher, capacity=size)
    neck = RegionFactory(slug="back-of-neck", name="Back of the neck")
    students = [
        RosterStudentFactory(
            teacher=teacher, name=f"Student {size}-{i:03d}", new_to_ball_work=i % 3 == 0
        )
        for i in range(size + waiting)
    ]
    for student in students[::10]:
        HealthNoteFactory(student=student, avoid_regions=[neck])
    services.enrol(course=course, students=students)
    RosterStudentFactory.create_batch(2, teacher=teacher)
    sessions = [SessionFactory(course=course) for _i in range(3)]
    sessions[-1].plan_version = version
    sessions[-1].save()
    statuses = ["present", "present", "absent", "late-cancel", None]
    for student, status in zip(students[:size], statuses * size, strict=False):
        if status:
            services.attendance_mark(session=sessions[0], student=student, status=status)
    return course, sessions


@pytest.fixture
def version(teacher):
    """A published plan with a step on the neck, which the health notes say to avoid."""
    neck = RegionFactory(slug="back-of-neck", name="Back of the neck")
    plan = make_plan(teacher, techniques=[TechniqueFactory(name="Neck roll", regions=[neck])])
    return services.plan_publish(plan=plan, expected_version=plan.lock_version)


def around(html, marker, start, end) -> str:
    """The element around `marker`: from the `start` before it to the `end` after it."""
    at = html.index(marker)
    return html[html.rindex(start, 0, at) : html.index(end, at) + len(end)]


def queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured.captured_queries]


@pytest.mark.django_db
class TestQueriesDoNotGrowWithTheRoster:
    @pytest.mark.parametrize("size", [3, 60])
    def test_course_page(self, client, teacher, version, django_assert_max_num_queries, size):
        course, _sessions = course_of(teacher, size, version=version)
        client.force_login(teacher)
        with django_assert_max_num_queries(BUDGET):
            assert client.get(course.get_absolute_url()).status_code == 200

    @pytest.mark.parametrize("size", [3, 60])
    def test_session_page_to_mark(self, client, teacher, django_assert_max_num_queries, size):
        _course, sessions = course_of(teacher, size)
        client.force_login(teacher)
        with django_assert_max_num_queries(BUDGET):
            assert client.get(sessions[0].get_absolute_url()).status_code == 200

    @pytest.mark.parametrize("size", [3, 60])
    def test_session_page_with_a_checked_plan(
        self, client, teacher, version, django_assert_max_num_queries, size
    ):
        _course, sessions = course_of(teacher, size, version=version)
        client.force_login(teacher)
        page = client.get(sessions[-1].get_absolute_url())  # the checks, worked out
        assert page.context["findings"]["active"]
        with django_assert_max_num_queries(BUDGET):
            assert client.get(sessions[-1].get_absolute_url()).status_code == 200

    def test_the_same_queries_at_3_and_at_60(self, client, teacher, version):
        small, small_sessions = course_of(teacher, 3, version=version)
        large, large_sessions = course_of(teacher, 60, version=version)
        client.force_login(teacher)
        for small_url, large_url in [
            (small.get_absolute_url(), large.get_absolute_url()),
            (small_sessions[0].get_absolute_url(), large_sessions[0].get_absolute_url()),
            (small_sessions[-1].get_absolute_url(), large_sessions[-1].get_absolute_url()),
        ]:
            client.get(small_url), client.get(large_url)
            assert len(queries(client, small_url)) == len(queries(client, large_url))

    def test_lists_and_menus_load_no_snapshots(self, client, teacher, version):
        course, sessions = course_of(teacher, 3, version=version)
        client.force_login(teacher)
        # The list of sessions, one of them taught with the plan.
        assert not [sql for sql in queries(client, course.get_absolute_url()) if "snapshot" in sql]
        # The menu of versions to teach never loads one. The session taught with the plan
        # reads that version's snapshot once, to work out its checks; then they are cached.
        for session in sessions:
            first = [
                sql for sql in queries(client, session.get_absolute_url()) if "snapshot" in sql
            ]
            assert len(first) <= 1 and all('WHERE "classes_planversion"."id" =' in q for q in first)
            assert not [
                sql for sql in queries(client, session.get_absolute_url()) if "snapshot" in sql
            ]


@pytest.mark.django_db
class TestCourseRoster:
    def test_rows_name_the_student_their_totals_and_the_newcomers(self, client, teacher):
        course, _sessions = course_of(teacher, 5)
        client.force_login(teacher)
        page = client.get(course.get_absolute_url()).content.decode()
        enrolments = {e.student.name: e for e in course.enrolments.select_related("student")}
        for name, totals in [
            ("Student 5-000", "1 / 0 / 0"),
            ("Student 5-002", "0 / 1 / 0"),
            ("Student 5-003", "0 / 0 / 1"),
            ("Student 5-004", "0 / 0 / 0"),
        ]:
            student = enrolments[name].student
            row = around(page, f'<a href="{student.get_absolute_url()}">', "<tr>", "</tr>")
            assert f">{name}</a>" in row and f">{totals}</td>" in row
            assert ("badge text-bg-info" in row) == student.new_to_ball_work
            unenrol = reverse("classes:course-unenrol", args=[course.pk, enrolments[name].pk])
            assert f'action="{unenrol}"' in row and "csrfmiddlewaretoken" in row
            assert f'aria-label="Remove {name} from the course"' in row
        assert "Attendance so far: 2 present, 1 absent, 1 late cancels." in page

    def test_waitlist_and_candidates(self, client, teacher, other_teacher):
        course, _sessions = course_of(teacher, 3, waiting=2)
        theirs = RosterStudentFactory(teacher=other_teacher, name="Not Yours")
        client.force_login(teacher)
        page = client.get(course.get_absolute_url())
        html = page.content.decode()
        waitlist = html[html.index("Waitlist") : html.index("Enrol from your roster")]
        for enrolment in course.enrolments.filter(status=Enrolment.Status.WAITLISTED):
            unenrol = reverse("classes:course-unenrol", args=[course.pk, enrolment.pk])
            assert enrolment.student.name in waitlist and f'action="{unenrol}"' in waitlist
        options = html[html.index('id="enrol-students"') : html.index("</select>")]
        enrolled_or_waiting = set(course.enrolments.values_list("student_id", flat=True))
        for student in Student.objects.filter(teacher=teacher):
            offered = f'<option value="{student.pk}">{student.name}</option>' in options
            assert offered == (student.pk not in enrolled_or_waiting)
        assert f'value="{theirs.pk}"' not in options

    def test_names_are_escaped(self, client, teacher):
        course = CourseFactory(teacher=teacher)
        evil = RosterStudentFactory(teacher=teacher, name='<img src=x onerror="alert(1)">')
        RosterStudentFactory(teacher=teacher, name="<b>Candidate</b>")
        services.enrol(course=course, students=[evil])
        session = SessionFactory(course=course)
        client.force_login(teacher)
        for url in [course.get_absolute_url(), session.get_absolute_url()]:
            html = client.get(url).content.decode()
            assert "<img src=x" not in html and "<b>Candidate</b>" not in html
            assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html

    def test_sessions_say_when_what_plan_and_who_came(self, client, teacher, version):
        course, sessions = course_of(teacher, 5, version=version)
        course.time_zone = "America/New_York"
        course.save()
        past, cancelled, taught = sessions
        past.starts_at = datetime.datetime(2026, 1, 6, 19, tzinfo=datetime.UTC)
        past.save()
        cancelled.starts_at = timezone.now() + datetime.timedelta(days=30)
        cancelled.cancelled = True
        cancelled.save()
        client.force_login(teacher)
        html = client.get(course.get_absolute_url()).content.decode()
        assert '<h2 class="h5" id="sessions-heading">3 sessions</h2>' in html
        row = around(html, f'href="{past.get_absolute_url()}"', "<li", "</li>")
        assert "text-body-secondary" in row  # in the past
        assert '<time datetime="2026-01-06T14:00:00-05:00">Tue 6 Jan 2026, 14:00</time>' in row
        assert "No plan yet" in row and "2/4 present" in row
        row = around(html, f'href="{cancelled.get_absolute_url()}"', "<li", "</li>")
        assert "text-body-secondary" not in row and ">Cancelled</span>" in row
        row = around(html, f'href="{taught.get_absolute_url()}"', "<li", "</li>")
        assert "Tuesday class (v1)" in row

    def test_the_forms_to_add_sessions_are_kept_but_never_their_errors(self, client, teacher):
        course, _sessions = course_of(teacher, 3)
        client.force_login(teacher)
        for _visit in range(2):  # worked out, then from the cache
            html = client.get(course.get_absolute_url()).content.decode()
            assert 'id="series-form"' in html and '<details class="card card-body" open' not in html
            series = html[html.index('id="series-form"') : html.index("Add the sessions")]
            assert 'name="csrfmiddlewaretoken"' in series and CSRF_PLACEHOLDER not in html
        response = client.post(
            reverse("classes:sessions-generate", args=[course.pk]),
            {"series-date": "2026-09-01", "series-time": "19:00", "series-count": 500},
        )
        assert response.status_code == 422
        html = response.content.decode()
        assert '<details class="card card-body" open>' in html
        assert "less than or equal to 52" in html
        html = client.get(course.get_absolute_url()).content.decode()
        assert "open>" not in html and "less than or equal to 52" not in html

    def test_past_a_page_the_roster_pages_and_searches(self, client, teacher):
        course, _sessions = course_of(teacher, PAGE_SIZE + 10, waiting=0)
        client.force_login(teacher)
        url = course.get_absolute_url()
        first = client.get(url).content.decode()
        assert first.count('<tr><td><a href="/students/') == PAGE_SIZE
        assert f"Roster: {PAGE_SIZE + 10} of" in first and "Page 1 of 2" in first
        assert f'href="{url}?page=2#roster"' in first
        second = client.get(url, {"page": 2}).content.decode()
        assert second.count('<tr><td><a href="/students/') == 10
        assert f"Student {PAGE_SIZE + 10}-059" in second
        found = client.get(url, {"q": "-05"}).content.decode()  # 050 to 059
        assert found.count('<tr><td><a href="/students/') == 10 and "10 matches" in found
        nobody = client.get(url, {"q": "Nobody here"}).content.decode()
        assert "Nobody matches." in nobody

    def test_a_short_roster_has_no_search(self, client, teacher):
        course, _sessions = course_of(teacher, 3)
        client.force_login(teacher)
        html = client.get(course.get_absolute_url()).content.decode()
        assert 'role="search"' not in html and "Page 1 of" not in html


def attendance_row(html, student) -> str:
    return around(html, f'id="attendance-{student.pk}"', "<li", "</li>")


def pressed(row) -> list[str]:
    """The attendance states whose buttons are pressed in a row."""
    return re.findall(r'value="([a-z-]+)" id="attendance-[0-9a-z-]+" aria-pressed="true"', row)


@pytest.mark.django_db
class TestAttendanceList:
    def test_rows_show_each_students_state(self, client, teacher):
        course, sessions = course_of(teacher, 5)
        client.force_login(teacher)
        html = client.get(sessions[0].get_absolute_url()).content.decode()
        marks = dict(sessions[0].attendance.values_list("student_id", "status"))
        for student in course.enrolled_students():
            row = attendance_row(html, student)
            assert f'<legend class="fs-6 fw-semibold mb-1">{student.name}<' in row  # then badges
            assert pressed(row) == ([marks[student.pk]] if student.pk in marks else [])
            assert f'<input type="hidden" name="student" value="{student.pk}">' in row
            assert "csrfmiddlewaretoken" in row
        assert "2 present · 1 absent · 1 late cancel<" in html
        # Nobody on the waitlist is marked.
        waiting = course.enrolments.filter(status=Enrolment.Status.WAITLISTED).first()
        assert f'id="attendance-{waiting.student_id}"' not in html

    def test_filter_by_state_and_name(self, client, teacher):
        course, sessions = course_of(teacher, 15)
        client.force_login(teacher)
        url = sessions[0].get_absolute_url()
        marks = dict(sessions[0].attendance.values_list("student_id", "status"))
        enrolled = list(course.enrolled_students())
        for show, expected in [
            ("unmarked", {s.pk for s in enrolled if s.pk not in marks}),
            ("present", {s.pk for s in enrolled if marks.get(s.pk) == "present"}),
            ("late-cancel", {s.pk for s in enrolled if marks.get(s.pk) == "late-cancel"}),
            ("asleep", {s.pk for s in enrolled}),  # not a state: everyone
        ]:
            html = client.get(url, {"show": show}).content.decode()
            assert {s.pk for s in enrolled if f'id="attendance-{s.pk}"' in html} == expected
        html = client.get(url, {"q": "student 15-004"}).content.decode()
        assert [s.pk for s in enrolled if f'id="attendance-{s.pk}"' in html] == [enrolled[4].pk]
        assert "1 match" in html

    def test_past_a_page_the_list_pages(self, client, teacher):
        _course, sessions = course_of(teacher, PAGE_SIZE + 5, waiting=0)
        client.force_login(teacher)
        url = sessions[1].get_absolute_url()
        first = client.get(url).content.decode()
        second = client.get(url, {"page": 2}).content.decode()
        assert first.count('class="attendance-row') == PAGE_SIZE
        assert second.count('class="attendance-row') == 5
        assert f'href="{url}?page=2#attendance"' in first

    def test_marking_with_htmx_swaps_the_row_and_the_counts(self, client, teacher):
        course, sessions = course_of(teacher, 5)
        student = course.enrolled_students().get(name="Student 5-004")
        client.force_login(teacher)
        url = reverse("classes:session-attendance", args=[course.pk, sessions[0].pk])
        response = client.post(
            f"{url}?show=unmarked",
            {"student": student.pk, "status": "absent"},
            headers={"HX-Request": "true"},
        )
        html = response.content.decode()
        assert pressed(attendance_row(html, student)) == ["absent"]
        assert f'hx-post="{url}?show=unmarked"' in html
        assert 'id="attendance-counts" hx-swap-oob="innerHTML"' in html
        assert "2 present · 2 absent · 1 late cancel<" in html

    def test_marking_without_javascript_comes_back_to_the_same_place(self, client, teacher):
        course, sessions = course_of(teacher, 3)
        student = course.enrolled_students().first()
        client.force_login(teacher)
        url = reverse("classes:session-attendance", args=[course.pk, sessions[1].pk])
        response = client.post(
            f"{url}?q=Student&show=unmarked&page=2", {"student": student.pk, "status": "present"}
        )
        assert response.status_code == 302
        assert response.url == (
            f"{sessions[1].get_absolute_url()}?q=Student&show=unmarked&page=2"
            f"#attendance-{student.pk}"
        )
        assert sessions[1].attendance.get().status == "present"


@pytest.mark.django_db
class TestPlanMenu:
    def test_the_teachers_versions_with_the_one_taught_chosen(
        self, client, teacher, other_teacher, version
    ):
        plan = version.plan
        newer = services.plan_publish(plan=plan, expected_version=plan.lock_version)
        theirs = make_plan(other_teacher, title="Theirs", techniques=[TechniqueFactory()])
        their_version = services.plan_publish(plan=theirs, expected_version=theirs.lock_version)
        _course, sessions = course_of(teacher, 3, version=version)
        client.force_login(teacher)
        html = client.get(sessions[-1].get_absolute_url()).content.decode()
        menu = html[html.index('<select name="plan_version"') : html.index("</select>")]
        assert '<label for="id_plan_version" class="form-label">Plan taught</label>' in html
        assert '<option value="">— No plan —</option>' in menu
        assert f'<option value="{version.pk}" selected>Tuesday class, version 1</option>' in menu
        assert f'<option value="{newer.pk}">Tuesday class, version 2</option>' in menu
        assert f'value="{their_version.pk}"' not in menu
        # Another teacher's version is refused beside the menu, and nothing is chosen.
        response = client.post(
            reverse("classes:session-update", args=[sessions[0].course_id, sessions[0].pk]),
            {
                "plan_version": their_version.pk,
                "note": "x",
                "lock_version": sessions[0].lock_version,
            },
        )
        assert response.status_code == 422
        html = response.content.decode()
        assert 'class="select form-select is-invalid" aria-invalid="true"' in html
        assert 'id="id_plan_version_error" class="invalid-feedback"' in html
        assert (
            " selected>"
            not in html[html.index('<select name="plan_version"') :].split("</select>")[0]
        )
        sessions[0].refresh_from_db()
        assert sessions[0].plan_version is None

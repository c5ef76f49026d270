"""Attendance first on the phone (issue 15, part 4), through the views: "All present" marks
only who is not marked yet, the totals say each number with its own plural, a newcomer
badge and a health flag sit beside names for the teacher alone, the page stays at a
bounded number of queries, and bad input is a 404 or a message, never a 500."""

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from classes import services
from classes.models import Attendance, Enrolment
from students.models import Student
from tests.factories import (
    ActionFactory,
    CourseFactory,
    HealthNoteFactory,
    RegionFactory,
    RosterStudentFactory,
    SessionFactory,
)

BUDGET = 10  # queries per session page (issue 12), whatever the size of the roster
# A tap: sign-in, the session, the student, the mark (update_or_create: a select, an
# insert or update, two savepoints each way) and the two totals.
TAP_BUDGET = 12


def all_present_url(session) -> str:
    return reverse("classes:session-attendance-all", args=[session.course_id, session.pk])


def mark_url(session) -> str:
    return reverse("classes:session-attendance", args=[session.course_id, session.pk])


def row_of(html, student) -> str:
    """The attendance row of a student, from its <li> to its </li>."""
    at = html.index(f'<li class="attendance-row card mb-2" id="attendance-{student.pk}"')
    return html[at : html.index("</li>", at) + len("</li>")]


def pressed(row) -> list[str]:
    return re.findall(r'value="([a-z-]+)" id="attendance-[0-9a-z-]+" aria-pressed="true"', row)


def counts_on(html) -> str:
    return re.search(r'id="attendance-counts"[^>]*>([^<]*)<', html).group(1)


def unmarked_on(html) -> str:
    return re.search(r'id="attendance-unmarked"[^>]*>([^<]*)<', html).group(1)


@pytest.fixture
def course(teacher):
    return CourseFactory(teacher=teacher, capacity=4, title="Tuesday evening")


@pytest.fixture
def class_of_four(teacher, course):
    """Four enrolled (the first absent, the second a late cancel, two not marked), one on
    the waitlist, one on the roster but not on the course; a session."""
    students = [RosterStudentFactory(teacher=teacher, name=f"Student {i}") for i in range(5)]
    services.enrol(course=course, students=students)  # capacity 4: the fifth waits
    outsider = RosterStudentFactory(teacher=teacher, name="Not on the course")
    session = SessionFactory(course=course)
    services.attendance_mark(session=session, student=students[0], status="absent")
    services.attendance_mark(session=session, student=students[1], status="late-cancel")
    return session, students, outsider


@pytest.mark.django_db
class TestAllPresent:
    def test_marks_only_the_unmarked_and_keeps_the_rest(self, client, teacher, class_of_four):
        session, students, outsider = class_of_four
        before = {a.student_id: a.updated_at for a in session.attendance.all()}
        client.force_login(teacher)
        response = client.post(all_present_url(session))
        assert response.status_code == 302
        assert response.url == f"{session.get_absolute_url()}#attendance"
        marks = dict(session.attendance.values_list("student__name", "status"))
        assert marks == {
            "Student 0": "absent",
            "Student 1": "late-cancel",
            "Student 2": "present",
            "Student 3": "present",
        }  # not the one waiting, nor the one not on the course
        after = {a.student_id: a.updated_at for a in session.attendance.all()}
        assert after[students[0].pk] == before[students[0].pk]
        assert after[students[1].pk] == before[students[1].pk]
        assert [str(m) for m in get_messages(response.wsgi_request)] == [
            "2 students marked present."
        ]
        assert not Attendance.objects.filter(student__in=[students[4], outsider]).exists()

    def test_a_second_time_changes_nothing(self, client, teacher, class_of_four):
        session, _students, _outsider = class_of_four
        client.force_login(teacher)
        client.post(all_present_url(session))
        marks = list(session.attendance.order_by("pk").values_list("pk", "status", "updated_at"))
        response = client.post(all_present_url(session), follow=True)
        assert "Everyone was already marked." in response.content.decode()
        assert list(
            session.attendance.order_by("pk").values_list("pk", "status", "updated_at")
        ) == (marks)

    def test_one_left_says_one_student(self, client, teacher, class_of_four):
        session, students, _outsider = class_of_four
        services.attendance_mark(session=session, student=students[2], status="absent")
        client.force_login(teacher)
        response = client.post(all_present_url(session))
        assert [str(m) for m in get_messages(response.wsgi_request)] == [
            "1 student marked present."
        ]

    def test_with_htmx_the_list_and_totals_come_back_in_place(self, client, teacher, class_of_four):
        session, students, _outsider = class_of_four
        client.force_login(teacher)
        response = client.post(
            f"{all_present_url(session)}?show=present", headers={"HX-Request": "true"}
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert "<html" not in html  # a fragment, for #attendance-results
        # The filter of the page it came from is kept: only the present are listed.
        assert [s.name for s in students if f'id="attendance-{s.pk}"' in html] == [
            "Student 2",
            "Student 3",
        ]
        assert pressed(row_of(html, students[2])) == ["present"]
        assert 'id="attendance-counts" hx-swap-oob="innerHTML"' in html
        assert counts_on(html) == "2 present · 1 absent · 1 late cancel"
        assert 'id="attendance-unmarked" hx-swap-oob="innerHTML"' in html
        assert unmarked_on(html) == "Everyone is marked."
        # The rows' own forms post back to the same filtered list.
        assert f'hx-post="{mark_url(session)}?show=present"' in html

    def test_without_javascript_it_comes_back_to_the_same_list(
        self, client, teacher, class_of_four
    ):
        session, _students, _outsider = class_of_four
        client.force_login(teacher)
        response = client.post(f"{all_present_url(session)}?q=Student&show=unmarked&page=2")
        assert response.url == (
            f"{session.get_absolute_url()}?q=Student&show=unmarked&page=2#attendance"
        )

    def test_the_page_offers_it_as_a_form_post_with_what_is_left(
        self, client, teacher, class_of_four
    ):
        session, _students, _outsider = class_of_four
        client.force_login(teacher)
        html = client.get(session.get_absolute_url()).content.decode()
        url = all_present_url(session)
        assert f'<form method="post" action="{url}" hx-post="{url}"' in html
        assert 'hx-target="#attendance-results"' in html
        assert unmarked_on(html) == "2 not marked yet"
        # Attendance comes before the plan and its form in the page, and they are folded.
        assert html.index('id="attendance-heading"') < html.index('id="plan-heading"')
        assert '<details class="card mb-3 session-settings" data-open-wide>' in html

    def test_another_teachers_session_is_a_404_and_changes_nothing(
        self, client, other_teacher, class_of_four
    ):
        session, students, _outsider = class_of_four
        client.force_login(other_teacher)
        assert client.get(session.get_absolute_url()).status_code == 404
        tap = {"student": students[2].pk, "status": "present"}
        assert client.post(mark_url(session), tap).status_code == 404
        assert client.post(all_present_url(session)).status_code == 404
        assert (
            client.post(all_present_url(session), headers={"HX-Request": "true"}).status_code == 404
        )
        assert dict(session.attendance.values_list("student__name", "status")) == {
            "Student 0": "absent",
            "Student 1": "late-cancel",
        }

    def test_a_get_changes_nothing(self, client, teacher, class_of_four):
        session, _students, _outsider = class_of_four
        client.force_login(teacher)
        assert client.get(all_present_url(session)).status_code == 405
        assert session.attendance.count() == 2


@pytest.mark.django_db
class TestTotals:
    def test_each_number_has_its_plural(self, client, teacher):
        client.force_login(teacher)
        for statuses, text in [
            ([], "0 present · 0 absent · 0 late cancels"),
            (["present", "absent", "late-cancel"], "1 present · 1 absent · 1 late cancel"),
            (
                ["present", "present", "absent", "absent", "late-cancel", "late-cancel"],
                "2 present · 2 absent · 2 late cancels",
            ),
        ]:
            course = CourseFactory(teacher=teacher, capacity=10)
            students = [RosterStudentFactory(teacher=teacher) for _status in statuses]
            services.enrol(course=course, students=students)
            session = SessionFactory(course=course)
            for student, status in zip(students, statuses, strict=True):
                services.attendance_mark(session=session, student=student, status=status)
            assert counts_on(client.get(session.get_absolute_url()).content.decode()) == text

    def test_each_tap_sends_the_totals_and_whats_left(self, client, teacher, class_of_four):
        session, students, _outsider = class_of_four
        client.force_login(teacher)
        response = client.post(
            mark_url(session),
            {"student": students[2].pk, "status": "late-cancel"},
            headers={"HX-Request": "true"},
        )
        html = response.content.decode()
        assert counts_on(html) == "0 present · 1 absent · 2 late cancels"
        assert unmarked_on(html) == "1 not marked yet"


@pytest.fixture
def neck(db):
    return RegionFactory(slug="back-of-neck", name="Back of the neck")


@pytest.mark.django_db
class TestBadges:
    def test_newcomers_and_current_notes_to_heed_are_flagged(self, client, teacher, course, neck):
        yesterday = timezone.localdate() - datetime.timedelta(days=2)
        new = RosterStudentFactory(teacher=teacher, name="New Nia", new_to_ball_work=True)
        old_hand = RosterStudentFactory(teacher=teacher, name="Old Olly", new_to_ball_work=False)
        noted = RosterStudentFactory(teacher=teacher, name="Noted Nat", new_to_ball_work=False)
        HealthNoteFactory(student=noted, condition="Whiplash", avoid_regions=[neck])
        ended = RosterStudentFactory(teacher=teacher, name="Ended Ed", new_to_ball_work=False)
        HealthNoteFactory(student=ended, avoid_regions=[neck], until=yesterday)
        nothing = RosterStudentFactory(teacher=teacher, name="Nothing Ned", new_to_ball_work=False)
        HealthNoteFactory(student=nothing, condition="Sore knee")  # nothing to avoid
        unconsented = RosterStudentFactory(
            teacher=teacher, name="Withdrawn W", new_to_ball_work=False
        )
        HealthNoteFactory(student=unconsented, avoid_regions=[neck])
        Student.objects.filter(pk=unconsented.pk).update(consent_given_at=None)  # withdrawn
        course.capacity = 10
        course.save()
        services.enrol(course=course, students=[new, old_hand, noted, ended, nothing, unconsented])
        session = SessionFactory(course=course)
        client.force_login(teacher)
        html = client.get(session.get_absolute_url()).content.decode()
        for student, is_new, has_note in [
            (new, True, False),
            (old_hand, False, False),
            (noted, False, True),
            (ended, False, False),
            (nothing, False, False),
            (unconsented, False, False),
        ]:
            legend = re.search(r"<legend[^>]*>(.*?)</legend>", row_of(html, student)).group(1)
            assert legend.startswith(student.name)
            assert ("attendance-new" in legend) == is_new, student.name
            assert ('<span class="visually-hidden">new to ball work</span>' in legend) == is_new
            assert ("attendance-health" in legend) == has_note, student.name
            assert ('<span class="visually-hidden">health note</span>' in legend) == has_note
        # No detail: the condition is never on the page.
        assert "Whiplash" not in html and "Sore knee" not in html
        # The key explains both flags, once.
        assert "new to ball work</span>" in html and "health note (details" in html

    def test_an_action_or_a_library_condition_counts_as_something_to_avoid(
        self, client, teacher, course
    ):
        by_action = RosterStudentFactory(teacher=teacher, new_to_ball_work=False)
        HealthNoteFactory(student=by_action, avoid_actions=[ActionFactory()])
        by_condition = RosterStudentFactory(teacher=teacher, new_to_ball_work=False)
        HealthNoteFactory(student=by_condition, suitability_condition="osteoporosis")
        services.enrol(course=course, students=[by_action, by_condition])
        session = SessionFactory(course=course)
        client.force_login(teacher)
        html = client.get(session.get_absolute_url()).content.decode()
        assert "attendance-health" in row_of(html, by_action)
        assert "attendance-health" in row_of(html, by_condition)

    def test_a_tap_keeps_the_badges_on_the_row(self, client, teacher, course, neck):
        student = RosterStudentFactory(teacher=teacher, new_to_ball_work=True)
        HealthNoteFactory(student=student, avoid_regions=[neck])
        services.enrol(course=course, students=[student])
        session = SessionFactory(course=course)
        client.force_login(teacher)
        response = client.post(
            mark_url(session),
            {"student": student.pk, "status": "present"},
            headers={"HX-Request": "true"},
        )
        row = row_of(response.content.decode(), student)
        assert "attendance-new" in row and "attendance-health" in row
        assert pressed(row) == ["present"]

    def test_a_student_never_sees_them(self, client, teacher, student, course, neck):
        entry = RosterStudentFactory(teacher=teacher, account=student, new_to_ball_work=True)
        HealthNoteFactory(student=entry, avoid_regions=[neck])
        services.enrol(course=course, students=[entry])
        session = SessionFactory(course=course)
        client.force_login(student)
        for response in [
            client.get(session.get_absolute_url()),
            client.post(all_present_url(session)),
            client.post(mark_url(session), {"student": entry.pk, "status": "present"}),
        ]:
            assert response.status_code == 403
            html = response.content.decode()
            assert "attendance-health" not in html and "attendance-new" not in html
        assert not session.attendance.exists()


def roster_of(teacher, size, neck):
    """A course with `size` enrolled (every third new to ball work, every tenth with a note
    to heed), a few already marked, and a session."""
    course = CourseFactory(teacher=teacher, capacity=size)
    students = Student.objects.bulk_create(
        [
            Student(
                teacher=teacher,
                name=f"Student {size}-{i:03d}",
                new_to_ball_work=i % 3 == 0,
                consent_given_at=timezone.now(),
                consent_method=Student.ConsentMethod.IN_PERSON,
            )
            for i in range(size)
        ]
    )
    Enrolment.objects.bulk_create(Enrolment(course=course, student=s) for s in students)
    for student in students[::10]:
        HealthNoteFactory(student=student, avoid_regions=[neck])
    session = SessionFactory(course=course)
    for student in students[:5]:
        services.attendance_mark(session=session, student=student, status="absent")
    return session, students


@pytest.mark.django_db
class TestQueriesDoNotGrowWithTheRoster:
    @pytest.mark.parametrize("size", [10, 300])
    def test_session_page(self, client, teacher, neck, django_assert_max_num_queries, size):
        session, _students = roster_of(teacher, size, neck)
        client.force_login(teacher)
        with django_assert_max_num_queries(BUDGET):
            html = client.get(session.get_absolute_url()).content.decode()
        assert html.count("attendance-health") >= 1 and html.count("attendance-new") >= 1

    @pytest.mark.parametrize("size", [10, 300])
    def test_all_present_with_htmx(
        self, client, teacher, neck, django_assert_max_num_queries, size
    ):
        session, _students = roster_of(teacher, size, neck)
        client.force_login(teacher)
        with django_assert_max_num_queries(BUDGET):
            response = client.post(all_present_url(session), headers={"HX-Request": "true"})
        assert response.content.decode().count('class="attendance-row') == min(size, 50)
        assert session.attendance.filter(status="present").count() == size - 5

    @pytest.mark.parametrize("size", [10, 300])
    def test_one_tap_with_htmx(self, client, teacher, neck, django_assert_max_num_queries, size):
        session, students = roster_of(teacher, size, neck)
        client.force_login(teacher)
        with django_assert_max_num_queries(TAP_BUDGET):
            response = client.post(
                mark_url(session),
                {"student": students[0].pk, "status": "present"},
                headers={"HX-Request": "true"},
            )
        html = response.content.decode()
        assert 'id="attendance-unmarked" hx-swap-oob="innerHTML"' in html
        row = row_of(html, students[0])  # new to ball work, with a note to heed
        assert "attendance-new" in row and "attendance-health" in row


@pytest.mark.django_db
class TestBadInput:
    def test_a_student_that_is_not_on_the_course_is_a_404(self, client, teacher, class_of_four):
        session, students, outsider = class_of_four
        client.force_login(teacher)
        for student_id in [
            *["abc", "²", "١٢", "-1", "1.5", "", "99999999999999999999999", "0x1"],
            students[4].pk,  # on the waitlist
            outsider.pk,  # on the roster, not on the course
        ]:
            for headers in [{}, {"HX-Request": "true"}]:
                response = client.post(
                    mark_url(session), {"student": student_id, "status": "present"}, headers=headers
                )
                assert response.status_code == 404, student_id
        assert session.attendance.count() == 2

    @pytest.mark.parametrize("status", ["asleep", "", "PRESENT", "present "])
    def test_an_unknown_status_is_a_message_and_changes_nothing(
        self, client, teacher, class_of_four, status
    ):
        session, students, _outsider = class_of_four
        client.force_login(teacher)
        response = client.post(mark_url(session), {"student": students[0].pk, "status": status})
        assert response.status_code == 302
        assert [str(m) for m in get_messages(response.wsgi_request)] == [
            "Mark present, absent or late cancel."
        ]
        assert session.attendance.get(student=students[0]).status == "absent"
        response = client.post(
            mark_url(session),
            {"student": students[2].pk, "status": status},
            headers={"HX-Request": "true"},
        )
        assert response.status_code == 400  # htmx swaps nothing
        assert response.content.decode() == "Mark present, absent or late cancel."
        assert session.attendance.count() == 2

    @pytest.mark.parametrize("page", ["²", "x", "-3", "99999999999999999999999"])
    def test_an_odd_page_in_the_address_is_page_one(self, client, teacher, class_of_four, page):
        session, students, _outsider = class_of_four
        client.force_login(teacher)
        response = client.post(
            f"{mark_url(session)}?page={page}", {"student": students[2].pk, "status": "present"}
        )
        assert response.status_code == 302
        assert response.url == f"{session.get_absolute_url()}#attendance-{students[2].pk}"
        response = client.post(f"{all_present_url(session)}?page={page}")
        assert response.url == f"{session.get_absolute_url()}#attendance"

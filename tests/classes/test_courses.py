import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from classes import services
from classes.models import Attendance, Course, Enrolment, PlanVersion
from students.models import Student
from tests.factories import (
    CourseFactory,
    RosterStudentFactory,
    SessionFactory,
    TechniqueFactory,
    make_plan,
)

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def course(teacher):
    return CourseFactory(teacher=teacher, capacity=3, time_zone="Europe/London")


def series(**fields):
    return {f"series-{name}": value for name, value in fields.items()}


def roster(teacher, n, prefix="Student"):
    return [RosterStudentFactory(teacher=teacher, name=f"{prefix} {i}") for i in range(n)]


class TestWeeklySeries:
    def test_same_wall_clock_time_across_the_clock_change(self):
        starts = services.weekly_starts(
            first_date=datetime.date(2026, 10, 13),
            start_time=datetime.time(19, 0),
            count=4,
            time_zone=LONDON,
        )
        assert [s.astimezone(LONDON).hour for s in starts] == [19, 19, 19, 19]
        assert [s.astimezone(datetime.UTC).hour for s in starts] == [
            18,
            18,
            19,
            19,
        ]  # BST ends 25 Oct

    def test_skipped_dates_are_left_out_and_the_count_kept(self):
        starts = services.weekly_starts(
            first_date=datetime.date(2026, 12, 15),
            start_time=datetime.time(18, 30),
            count=3,
            time_zone=LONDON,
            skip=[datetime.date(2026, 12, 22), datetime.date(2026, 12, 29)],
        )
        assert [s.date() for s in starts] == [
            datetime.date(2026, 12, 15),
            datetime.date(2027, 1, 5),
            datetime.date(2027, 1, 12),
        ]


@pytest.mark.django_db
class TestCoursePages:
    def test_create_a_course(self, client, teacher):
        client.force_login(teacher)
        response = client.post(
            "/courses/new/",
            {
                "title": "Saturday workshop",
                "kind": "workshop",
                "status": "open",
                "description": "",
                "location": "Hall",
                "capacity": 20,
                "time_zone": "America/New_York",
            },
        )
        course = Course.objects.get(title="Saturday workshop")
        assert response.url == course.get_absolute_url() and course.teacher == teacher

    def test_a_bad_time_zone_is_refused_beside_the_field(self, client, teacher):
        client.force_login(teacher)
        response = client.post(
            "/courses/new/",
            {
                "title": "X",
                "kind": "weekly",
                "status": "open",
                "capacity": 5,
                "time_zone": "Mars/Olympus",
            },
        )
        assert response.status_code == 200
        assert "is not a time zone" in response.content.decode()
        assert not Course.objects.exists()

    def test_generate_eight_weekly_sessions(self, client, teacher, course):
        client.force_login(teacher)
        response = client.post(
            reverse("classes:sessions-generate", args=[course.pk]),
            series(
                date="2026-09-01", time="19:00", duration_minutes=60, count=8, skip="2026-09-15"
            ),
        )
        assert response.status_code == 302
        starts = list(course.sessions.values_list("starts_at", flat=True))
        assert len(starts) == 8
        assert datetime.date(2026, 9, 15) not in [s.astimezone(LONDON).date() for s in starts]
        assert {s.astimezone(LONDON).time() for s in starts} == {datetime.time(19, 0)}

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"count": 0}, "greater than or equal to 1"),
            ({"count": 500}, "less than or equal to 52"),
            ({"skip": "next tuesday"}, "is not a date"),
            ({"date": "31/02/2026"}, "Enter a valid date"),
        ],
    )
    def test_bad_series_input_changes_nothing(self, client, teacher, course, data, message):
        client.force_login(teacher)
        payload = series(
            **{
                "date": "2026-09-01",
                "time": "19:00",
                "duration_minutes": 60,
                "count": 8,
                "skip": "",
                **data,
            }
        )
        response = client.post(reverse("classes:sessions-generate", args=[course.pk]), payload)
        assert response.status_code == 422
        assert message in response.content.decode()
        assert not course.sessions.exists()

    def test_one_session_can_be_added(self, client, teacher, course):
        client.force_login(teacher)
        client.post(
            reverse("classes:session-add", args=[course.pk]),
            {"one-date": "2026-11-03", "one-time": "10:30", "one-duration_minutes": 90},
        )
        session = course.sessions.get()
        assert session.starts_at.astimezone(LONDON) == datetime.datetime(
            2026, 11, 3, 10, 30, tzinfo=LONDON
        )

    def test_session_takes_a_published_version_of_the_teachers_own_plans(
        self, client, teacher, other_teacher, course
    ):
        plan = make_plan(teacher, techniques=[TechniqueFactory()])
        version = services.plan_publish(plan=plan, expected_version=plan.lock_version)
        theirs = make_plan(other_teacher, techniques=[TechniqueFactory()])
        their_version = services.plan_publish(plan=theirs, expected_version=theirs.lock_version)
        session = SessionFactory(course=course)
        client.force_login(teacher)
        url = reverse("classes:session-update", args=[course.pk, session.pk])
        refused = {"plan_version": their_version.pk, "note": "", "lock_version": 1}
        assert client.post(url, refused).status_code == 422
        client.post(url, {"plan_version": version.pk, "note": "Bring blocks", "lock_version": 1})
        session.refresh_from_db()
        assert session.plan_version == version and session.note == "Bring blocks"
        page = client.get(session.get_absolute_url()).content.decode()
        assert plan.title in page

    def test_a_version_a_session_uses_survives_deleting_its_plan(self, teacher, course):
        plan = make_plan(teacher, techniques=[TechniqueFactory()])
        used = services.plan_publish(plan=plan, expected_version=plan.lock_version)
        plan.refresh_from_db()
        unused = services.plan_publish(plan=plan, expected_version=plan.lock_version)
        SessionFactory(course=course, plan_version=used)
        services.plan_delete(plan=plan)
        assert PlanVersion.objects.filter(pk=used.pk).exists()
        assert not PlanVersion.objects.filter(pk=unused.pk).exists()


@pytest.mark.django_db
class TestEnrolment:
    def test_capacity_is_respected_and_the_rest_wait(self, client, teacher, course):
        students = roster(teacher, 5)
        client.force_login(teacher)
        response = client.post(
            reverse("classes:course-enrol", args=[course.pk]),
            {"students": [s.pk for s in students]},
            follow=True,
        )
        body = response.content.decode()
        assert "The course is full (3 places)" in body
        statuses = dict(course.enrolments.values_list("student__name", "status"))
        assert list(statuses.values()).count(Enrolment.Status.ENROLLED) == 3
        assert list(statuses.values()).count(Enrolment.Status.WAITLISTED) == 2

    def test_a_freed_place_goes_to_the_first_on_the_waitlist(self, client, teacher, course):
        students = roster(teacher, 4)
        services.enrol(course=course, students=students)
        client.force_login(teacher)
        leaving = course.enrolments.get(student=students[0])
        client.post(reverse("classes:course-unenrol", args=[course.pk, leaving.pk]))
        assert course.enrolments.get(student=students[3]).status == Enrolment.Status.ENROLLED

    def test_enrolling_twice_changes_nothing(self, teacher, course):
        student = roster(teacher, 1)[0]
        services.enrol(course=course, students=[student])
        result = services.enrol(course=course, students=[student])
        assert result["already"] == [student] and course.enrolments.count() == 1

    def test_another_teachers_student_cannot_be_enrolled(
        self, client, teacher, other_teacher, course
    ):
        theirs = roster(other_teacher, 1, prefix="Theirs")[0]
        client.force_login(teacher)
        client.post(reverse("classes:course-enrol", args=[course.pk]), {"students": [theirs.pk]})
        assert not course.enrolments.exists()


@pytest.mark.django_db
class TestAttendance:
    def test_attendance_in_a_few_taps_with_totals(self, client, teacher, course):
        students = roster(teacher, 2)
        services.enrol(course=course, students=students)
        session = SessionFactory(course=course)
        client.force_login(teacher)
        url = reverse("classes:session-attendance", args=[course.pk, session.pk])
        response = client.post(
            url, {"student": students[0].pk, "status": "present"}, headers={"HX-Request": "true"}
        )
        assert response.status_code == 200 and 'aria-pressed="true"' in response.content.decode()
        client.post(url, {"student": students[1].pk, "status": "late-cancel"})
        client.post(url, {"student": students[1].pk, "status": "absent"})  # a correction
        assert dict(session.attendance.values_list("student__name", "status")) == {
            "Student 0": "present",
            "Student 1": "absent",
        }
        page = client.get(course.get_absolute_url())
        assert page.context["course_totals"] == {"present": 1, "absent": 1, "late-cancel": 0}

    @pytest.mark.parametrize(
        "data", [{"status": "asleep"}, {"student": "abc", "status": "present"}]
    )
    def test_bad_attendance_changes_nothing(self, client, teacher, course, data):
        student = roster(teacher, 1)[0]
        services.enrol(course=course, students=[student])
        session = SessionFactory(course=course)
        client.force_login(teacher)
        response = client.post(
            reverse("classes:session-attendance", args=[course.pk, session.pk]),
            {"student": student.pk, **data},
        )
        assert response.status_code in (302, 404)
        assert not Attendance.objects.exists()

    def test_a_student_not_on_the_course_cannot_be_marked(self, client, teacher, course):
        outsider = roster(teacher, 1, prefix="Outsider")[0]
        session = SessionFactory(course=course)
        client.force_login(teacher)
        response = client.post(
            reverse("classes:session-attendance", args=[course.pk, session.pk]),
            {"student": outsider.pk, "status": "present"},
        )
        assert response.status_code == 404

    def test_attendance_export(self, client, teacher, course):
        student = RosterStudentFactory(teacher=teacher, name="=HYPERLINK(evil)")
        services.enrol(course=course, students=[student])
        session = SessionFactory(
            course=course, starts_at=datetime.datetime(2026, 3, 3, 19, tzinfo=LONDON)
        )
        services.attendance_mark(session=session, student=student, status="present")
        client.force_login(teacher)
        body = client.get(reverse("classes:attendance-export", args=[course.pk])).content.decode(
            "utf-8-sig"
        )
        lines = body.strip().splitlines()
        assert lines[0].endswith("2026-03-03 19:00")
        assert lines[1].startswith("'=HYPERLINK(evil)") and lines[1].endswith("Present")


@pytest.mark.django_db
@pytest.mark.parametrize("size", [20, 500])
def test_course_pages_query_counts_do_not_grow_with_the_roster(
    client, teacher, django_assert_max_num_queries, size
):
    course = CourseFactory(teacher=teacher, capacity=1000)
    students = Student.objects.bulk_create(
        Student(teacher=teacher, name=f"S{i}", email=f"s{i}@x.test") for i in range(size)
    )
    Enrolment.objects.bulk_create(Enrolment(course=course, student=s) for s in students)
    sessions = services.sessions_generate(
        course=course,
        first_date=datetime.date(2026, 1, 6),
        start_time=datetime.time(19),
        duration_minutes=60,
        count=8,
    )
    Attendance.objects.bulk_create(
        Attendance(session=sessions[0], student=s, status="present") for s in students
    )
    client.force_login(teacher)
    with django_assert_max_num_queries(9):
        assert client.get("/courses/").status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get(course.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(sessions[0].get_absolute_url()).status_code == 200

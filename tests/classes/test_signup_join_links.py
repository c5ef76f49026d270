"""Join links (issue 15, part 9): a teacher turns a course's link on, renews or turns it off;
a student who opens it signs up (and confirms their address) or signs in, and is enrolled or
waitlisted past capacity, once; a link that is off or unknown creates nothing."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts import verification
from accounts.models import Role, User
from classes.models import Course, Enrolment
from students.models import Student
from tests.factories import (
    PASSWORD,
    CourseFactory,
    EnrolmentFactory,
    RosterStudentFactory,
    StudentFactory,
    TeacherFactory,
)

GOOD = "a-long-good-password-42"


def link_in(message) -> str:
    return re.sub(r"^https?://[^/]+", "", re.search(r"https?://\S+", message.body).group(0))


def turn_on(client, course, action="on"):
    return client.post(reverse("classes:course-join-link", args=[course.pk]), {"action": action})


def sign_up(client, course, email="sam@example.test", name="Sam Student", password=GOOD, **kw):
    return client.post(
        reverse("classes:join", args=[course.join_token]),
        {"name": name, "email": email, "password1": password, "password2": password},
        **kw,
    )


@pytest.fixture
def course(teacher):
    return CourseFactory(teacher=teacher, title="Tuesday balls", capacity=2, join_token="t" * 43)


@pytest.mark.django_db
class TestTheTeachersSwitch:
    def test_turn_on_new_link_and_turn_off(self, login, teacher):
        course = CourseFactory(teacher=teacher)
        client = login(teacher)
        page = client.get(course.get_absolute_url()).content.decode()
        assert "Turn on the join link" in page
        assert turn_on(client, course).url.endswith("#join-link")
        course.refresh_from_db()
        first = course.join_token
        assert len(first) >= 40
        page = client.get(course.get_absolute_url()).content.decode()
        assert f"/join/{first}/" in page
        assert "New link" in page and "Turn off" in page
        turn_on(client, course, "new")
        course.refresh_from_db()
        assert course.join_token and course.join_token != first
        assert client.get(reverse("classes:join", args=[first])).status_code == 404
        turn_on(client, course, "off")
        course.refresh_from_db()
        assert course.join_token == ""

    def test_get_changes_nothing_and_another_teacher_gets_404(self, login, teacher, course):
        url = reverse("classes:course-join-link", args=[course.pk])
        assert login(teacher).get(url).status_code == 405
        other = TeacherFactory()
        assert login(other).post(url, {"action": "off"}).status_code == 404
        course.refresh_from_db()
        assert course.join_token == "t" * 43

    def test_students_cannot_switch_links(self, login, course):
        url = reverse("classes:course-join-link", args=[course.pk])
        assert login(StudentFactory()).post(url, {"action": "off"}).status_code == 403

    def test_an_unverified_teacher_cannot_turn_it_on(self, login):
        teacher = TeacherFactory(email_verified=False)
        course = CourseFactory(teacher=teacher)
        response = turn_on(login(teacher), course)
        course.refresh_from_db()
        assert course.join_token == ""
        page = login(teacher).get(response.url).content.decode()
        assert "Confirm your email address before sharing a join link" in page

    @pytest.mark.parametrize("size", [2, 30])
    def test_the_course_page_with_its_link_stays_bounded(
        self, login, teacher, course, size, django_assert_max_num_queries
    ):
        for _ in range(size):
            EnrolmentFactory(course=course)
        client = login(teacher)
        client.get(course.get_absolute_url())
        with django_assert_max_num_queries(16):
            page = client.get(course.get_absolute_url())
        assert f"/join/{course.join_token}/" in page.content.decode()


@pytest.mark.django_db
class TestSigningUpThroughALink:
    def test_the_page_names_the_course_and_offers_sign_up_and_sign_in(self, client, course):
        page = client.get(reverse("classes:join", args=[course.join_token]))
        text = page.content.decode()
        assert page.status_code == 200
        assert "Tuesday balls" in text and "Tess Teacher" in text
        assert "Sign up and join" in text
        assert "/accounts/login/?next=/join/" in text
        assert User.objects.filter(role=Role.STUDENT).count() == 0

    def test_sign_up_then_confirm_enrols_the_student_on_the_roster(self, client, course, teacher):
        response = sign_up(client, course, email="Sam@Example.test")
        assert response.url == reverse("classes:join-sent", args=[course.join_token])
        user = User.objects.get(email="sam@example.test")
        assert (user.role, user.name, user.email_verified) == (Role.STUDENT, "Sam Student", False)
        assert not Enrolment.objects.exists()  # not before the address is confirmed
        sent = client.get(response.url).content.decode()
        assert "sam@example.test" in sent and "Tuesday balls" in sent
        (message,) = mail.outbox
        assert "Tuesday balls" in message.body
        link = link_in(message)
        assert "finishes joining" in client.get(link).content.decode()
        response = client.post(link, {"password": GOOD})
        assert response.url == "/"
        user.refresh_from_db()
        assert user.email_verified
        entry = Student.objects.get(teacher=teacher, account=user)
        assert (entry.name, entry.email) == ("Sam Student", "sam@example.test")
        assert course.enrolments.get().student == entry
        assert course.enrolments.get().status == Enrolment.Status.ENROLLED
        me = client.get("/me/", follow=True).content.decode()
        assert "You are enrolled in “Tuesday balls”" in me

    def test_the_confirm_link_used_twice_enrols_once(self, client, course):
        sign_up(client, course)
        link = link_in(mail.outbox[0])
        client.post(link, {"password": GOOD})
        again = client.post(link, {"password": GOOD})
        assert again.status_code == 410
        assert "already used" in again.content.decode()
        assert course.enrolments.count() == 1
        assert Student.objects.count() == 1

    def test_past_capacity_the_student_is_waitlisted(self, client, course):
        EnrolmentFactory(course=course)
        EnrolmentFactory(course=course)
        sign_up(client, course)
        response = client.post(link_in(mail.outbox[0]), {"password": GOOD}, follow=True)
        assert "is full: you are on its waitlist" in response.content.decode()
        mine = course.enrolments.get(student__account__email="sam@example.test")
        assert mine.status == Enrolment.Status.WAITLISTED
        assert course.enrolments.filter(status=Enrolment.Status.ENROLLED).count() == 2

    def test_an_existing_address_gets_the_same_answer_a_notice_and_nothing_new(
        self, client, course, student
    ):
        before = (User.objects.count(), Student.objects.count())
        existing = sign_up(client, course, email="student@example.test")
        assert (User.objects.count(), Student.objects.count()) == before
        assert not Enrolment.objects.exists()
        student.refresh_from_db()
        assert student.check_password(PASSWORD)
        fresh = sign_up(client, course, email="fresh@example.test")
        assert (existing.status_code, existing.url) == (fresh.status_code, fresh.url)
        notice = mail.outbox[0]
        assert notice.to == ["student@example.test"]
        assert f"?next=/join/{course.join_token}/" in notice.body
        assert "/join/confirm/" not in notice.body

    @pytest.mark.parametrize(
        ("data", "field", "message"),
        [
            ({"email": "sam@"}, "email", "Enter a whole email address"),
            ({"password": "short"}, "password1", "too short"),
            ({"name": "   "}, "name", "This field is required"),
        ],
    )
    def test_bad_input_gets_a_message_and_creates_nothing(
        self, client, course, data, field, message
    ):
        response = sign_up(client, course, **data)
        assert response.status_code == 200
        assert message in " ".join(response.context["form"].errors[field])
        assert User.objects.filter(role=Role.STUDENT).count() == 0
        assert mail.outbox == []

    def test_sign_up_through_links_is_throttled_per_address_and_per_ip(
        self, client, course, settings
    ):
        for _ in range(3):
            assert sign_up(client, course).status_code == 302
        refused = sign_up(client, course)
        assert refused.status_code == 429
        assert "Too many sign-up attempts" in refused.content.decode()
        settings.SIGNUP_LIMIT_PER_IP = 5
        assert sign_up(client, course, email="a@example.test").status_code == 302
        assert sign_up(client, course, email="b@example.test").status_code == 429
        assert not User.objects.filter(email="b@example.test").exists()

    def test_an_expired_confirm_link_is_refused_and_enrols_nobody(self, client, course):
        sign_up(client, course)
        later = timezone.now() + datetime.timedelta(days=verification.VALID_DAYS, hours=1)
        with time_machine.travel(later):
            response = client.post(link_in(mail.outbox[0]), {"password": GOOD})
        assert response.status_code == 410
        assert "expired" in response.content.decode()
        assert not Enrolment.objects.exists()

    def test_a_link_turned_off_before_confirming_verifies_but_enrols_nobody(self, client, course):
        sign_up(client, course)
        Course.objects.filter(pk=course.pk).update(join_token="")
        response = client.post(link_in(mail.outbox[0]), {"password": GOOD}, follow=True)
        assert "the join link was turned off or replaced" in response.content.decode()
        assert User.objects.get(email="sam@example.test").email_verified
        assert not Enrolment.objects.exists() and not Student.objects.exists()


@pytest.mark.django_db
class TestSignedInStudents:
    def test_a_signed_in_student_joins_with_a_button_once(self, login, course, student):
        client = login(student)
        url = reverse("classes:join", args=[course.join_token])
        assert "Join this course" in client.get(url).content.decode()
        assert not Enrolment.objects.exists()  # a GET writes nothing
        first = client.post(url)
        assert first.url == url
        assert "You are enrolled in this course" in client.get(url).content.decode()
        assert client.post(url).url == url
        assert course.enrolments.count() == 1
        assert Student.objects.filter(account=student).count() == 1
        assert course.enrolments.get().status == Enrolment.Status.ENROLLED

    def test_a_signed_in_student_past_capacity_is_waitlisted(self, login, course, student):
        EnrolmentFactory(course=course)
        EnrolmentFactory(course=course)
        client = login(student)
        url = reverse("classes:join", args=[course.join_token])
        page = client.get(client.post(url).url).content.decode()
        assert "you are on its waitlist" in page
        mine = course.enrolments.get(student__account=student)
        assert mine.status == Enrolment.Status.WAITLISTED

    def test_an_existing_roster_entry_with_the_address_is_linked_not_duplicated(
        self, login, course, teacher, student
    ):
        entry = RosterStudentFactory(teacher=teacher, name="Sam S", email="STUDENT@example.test")
        login(student).post(reverse("classes:join", args=[course.join_token]))
        entry.refresh_from_db()
        assert entry.account == student
        assert Student.objects.filter(teacher=teacher).count() == 1
        assert course.enrolments.get().student == entry

    def test_an_unverified_student_is_asked_to_confirm_first(self, login, course):
        user = StudentFactory(email_verified=False)
        client = login(user)
        url = reverse("classes:join", args=[course.join_token])
        assert "Confirm your email address first" in client.get(url).content.decode()
        client.post(url)
        assert not Enrolment.objects.exists()

    def test_a_teacher_is_told_links_are_for_students(self, login, course, other_teacher):
        client = login(other_teacher)
        url = reverse("classes:join", args=[course.join_token])
        response = client.post(url)
        assert response.status_code == 403
        assert "Join links are for students" in response.content.decode()
        assert not Student.objects.exists()

    def test_the_join_page_is_bounded(self, login, course, student, django_assert_max_num_queries):
        client = login(student)
        url = reverse("classes:join", args=[course.join_token])
        with django_assert_max_num_queries(6):
            assert client.get(url).status_code == 200


@pytest.mark.django_db
class TestLinksThatDoNotWork:
    @pytest.mark.parametrize("token", ["", "nope", "x" * 43, "y" * 200])
    def test_an_unknown_or_disabled_link_gets_a_clear_page_and_creates_nothing(
        self, client, course, token
    ):
        Course.objects.filter(pk=course.pk).update(join_token="" if token == "" else "t" * 43)
        path = f"/join/{token or 't' * 43}/"
        for response in (
            client.get(path),
            client.post(
                path,
                {
                    "name": "Sam",
                    "email": "sam@example.test",
                    "password1": GOOD,
                    "password2": GOOD,
                },
            ),
        ):
            assert response.status_code == 404
            assert "This join link does not work" in response.content.decode()
            assert "Nothing was created" in response.content.decode()
        assert not User.objects.filter(role=Role.STUDENT).exists()
        assert mail.outbox == []

    @pytest.mark.parametrize("status", [Course.Status.FINISHED, Course.Status.CANCELLED])
    def test_a_closed_course_takes_no_one(self, login, course, student, status):
        Course.objects.filter(pk=course.pk).update(status=status)
        response = login(student).post(reverse("classes:join", args=[course.join_token]))
        assert response.status_code == 404
        assert "takes no new students" in response.content.decode()
        assert not Enrolment.objects.exists()

    def test_an_unverified_teachers_link_does_not_work_yet(self, client, course, teacher):
        User.objects.filter(pk=teacher.pk).update(email_verified=False)
        response = client.get(reverse("classes:join", args=[course.join_token]))
        assert response.status_code == 404
        assert "not active yet" in response.content.decode()

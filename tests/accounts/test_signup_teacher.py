"""Sign-up (issue 15, part 9): a teacher signs up, verifies their address by a signed,
expiring, single-use link, and sends nothing to students before that."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import verification
from accounts.models import Role, User
from classes.models import ClassPlan
from students.models import Invitation
from tests.factories import (
    PASSWORD,
    AssignmentFactory,
    CourseFactory,
    RosterStudentFactory,
    StudentFactory,
)

SIGNUP = "/accounts/signup/"
GOOD = "a-long-good-password-42"
NEW_PLAN = {
    "title": "Feet for runners",
    "level": "beginner",
    "purpose": "class",
    "target_minutes": 45,
    "transition_seconds": 15,
}


def sign_up(
    client, email="new@example.test", password=GOOD, password2=None, name="Nia New", **extra
):
    data = {"name": name, "email": email, "password1": password, "password2": password2 or password}
    return client.post(SIGNUP, data, **extra)


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.mark.django_db
class TestSignUpPage:
    def test_the_page_is_at_the_design_path_and_linked_from_sign_in_and_landing(self, client):
        assert reverse("signup") == SIGNUP
        page = client.get(SIGNUP)
        assert page.status_code == 200
        assert "Sign up as a teacher" in page.content.decode()
        for path in ("/accounts/login/", "/"):
            assert f'href="{SIGNUP}"' in client.get(path).content.decode()

    def test_get_creates_nothing(self, client):
        client.get(SIGNUP)
        assert User.objects.count() == 0
        assert mail.outbox == []

    def test_signing_up_makes_an_unverified_teacher_and_emails_a_link(self, client):
        response = sign_up(client, email="  New.Teacher@Example.TEST ")
        assert response.status_code == 302
        assert response.url == reverse("signup-sent")
        user = User.objects.get()
        assert user.email == "new.teacher@example.test"
        assert user.name == "Nia New"
        assert user.role == Role.TEACHER
        assert user.email_verified is False
        assert user.signed_up_at is not None
        assert user.check_password(GOOD)
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["new.teacher@example.test"]
        assert "/accounts/verify/" in link_in(mail.outbox[0])
        page = client.get(response.url).content.decode()
        assert "new.teacher@example.test" in page
        assert "Check your inbox" in page

    def test_an_existing_address_gets_the_same_answer_a_notice_and_nothing_new(
        self, client, teacher
    ):
        before = User.objects.count()
        existing = sign_up(client, email="TEACHER@example.test")
        assert User.objects.count() == before
        teacher.refresh_from_db()
        assert teacher.check_password(PASSWORD)  # untouched
        fresh = sign_up(client, email="fresh@example.test")
        # The same answer for both: a redirect to the same "check your inbox" page.
        assert (existing.status_code, existing.url) == (fresh.status_code, fresh.url)
        notice, link = mail.outbox
        assert notice.to == ["teacher@example.test"]
        assert "already have an account" in notice.body
        assert "/accounts/password_reset/" in notice.body
        assert "/accounts/verify/" not in notice.body
        assert link.to == ["fresh@example.test"]

    @pytest.mark.parametrize(
        ("email", "password", "password2", "field", "message"),
        [
            ("not-an-email", GOOD, None, "email", "Enter a whole email address"),
            ("a@", GOOD, None, "email", "Enter a whole email address"),
            ("new@example.test", "short", None, "password1", "too short"),
            ("new@example.test", "password123", None, "password1", "too common"),
            ("new@example.test", "12345678901234", None, "password1", "entirely numeric"),
            ("new@example.test", "new@example.test1", None, "password1", "too similar"),
            ("new@example.test", GOOD, GOOD + "x", "password2", "The two passwords differ"),
        ],
    )
    def test_bad_input_gets_a_message_beside_the_field_and_creates_nothing(
        self, client, email, password, password2, field, message
    ):
        response = sign_up(client, email=email, password=password, password2=password2)
        self.assert_refused(response, field, message)

    def test_a_name_is_required(self, client):
        self.assert_refused(sign_up(client, name="   "), "name", "This field is required")

    def assert_refused(self, response, field, message):
        assert response.status_code == 200
        assert message in " ".join(response.context["form"].errors[field])
        assert message in response.content.decode()
        assert User.objects.count() == 0
        assert mail.outbox == []

    def test_a_signed_in_user_is_sent_home(self, login, teacher):
        client = login(teacher)
        assert client.get(SIGNUP).url == "/"


@pytest.mark.django_db
class TestThrottle:
    def test_one_address_is_refused_past_three_sign_ups_in_an_hour(self, client, settings):
        for _ in range(3):
            assert sign_up(client, email="spam@example.test").status_code == 302
        response = sign_up(client, email="spam@example.test")
        assert response.status_code == 429
        assert "Too many sign-up attempts" in response.content.decode()
        assert len(mail.outbox) == 3  # one link, then two notices; the fourth sends nothing
        # Another address from the same place still works.
        assert sign_up(client, email="other@example.test").status_code == 302

    def test_one_ip_is_refused_past_its_limit_whatever_the_address(self, client, settings):
        settings.SIGNUP_LIMIT_PER_IP = 4
        for i in range(4):
            assert sign_up(client, email=f"person{i}@example.test").status_code == 302
        response = sign_up(client, email="person9@example.test")
        assert response.status_code == 429
        assert not User.objects.filter(email="person9@example.test").exists()
        # Another IP is not held back.
        ok = sign_up(client, email="person9@example.test", REMOTE_ADDR="203.0.113.9")
        assert ok.status_code == 302
        assert User.objects.filter(email="person9@example.test").exists()

    def test_the_throttle_answers_the_same_for_an_existing_address(self, client, teacher):
        answers = [sign_up(client, email="teacher@example.test").status_code for _ in range(4)]
        assert answers == [302, 302, 302, 429]

    def test_the_window_ends(self, client):
        for _ in range(3):
            sign_up(client, email="spam@example.test")
        with time_machine.travel(timezone.now() + datetime.timedelta(hours=1, minutes=1)):
            # The locmem cache reads time.time() for expiry, which time-machine moves.
            assert sign_up(client, email="spam@example.test").status_code == 302


@pytest.mark.django_db
class TestVerification:
    def signed_up(self, client):
        sign_up(client)
        return User.objects.get(email="new@example.test"), path_of(link_in(mail.outbox[-1]))

    def test_opening_the_link_changes_nothing_until_confirmed(self, client):
        user, link = self.signed_up(client)
        page = client.get(link)
        assert page.status_code == 200
        assert "Confirm my email address" in page.content.decode()
        user.refresh_from_db()
        assert user.email_verified is False

    def test_confirming_with_the_password_verifies_and_signs_in(self, client):
        user, link = self.signed_up(client)
        response = client.post(link, {"password": GOOD})
        assert response.status_code == 302
        assert response.url == "/"
        user.refresh_from_db()
        assert user.email_verified is True
        home = client.get("/").content.decode()
        assert "Your email address is confirmed" in home

    def test_a_wrong_password_is_refused_beside_the_field(self, client):
        user, link = self.signed_up(client)
        response = client.post(link, {"password": "not-the-password"})
        assert response.status_code == 200
        assert "That is not the password of this account" in response.content.decode()
        user.refresh_from_db()
        assert user.email_verified is False
        assert "_auth_user_id" not in client.session

    def test_signed_in_as_the_account_a_button_is_enough(self, client):
        user, link = self.signed_up(client)
        client.force_login(user)
        assert "Your password" not in client.get(link).content.decode()
        client.post(link)
        user.refresh_from_db()
        assert user.email_verified is True

    def test_a_reused_link_gets_a_clear_message_and_changes_nothing(self, client):
        _user, link = self.signed_up(client)
        client.post(link, {"password": GOOD})
        client.logout()
        again = client.post(link, {"password": GOOD})
        assert again.status_code == 410
        assert "already used" in again.content.decode()
        assert "_auth_user_id" not in client.session

    def test_an_expired_link_gets_a_clear_message(self, client):
        user, link = self.signed_up(client)
        later = timezone.now() + datetime.timedelta(days=verification.VALID_DAYS, minutes=1)
        with time_machine.travel(later):
            response = client.post(link, {"password": GOOD})
        assert response.status_code == 410
        assert "expired" in response.content.decode()
        user.refresh_from_db()
        assert user.email_verified is False

    def test_a_tampered_link_or_a_changed_address_is_refused(self, client):
        user, link = self.signed_up(client)
        assert client.get(link[:-3] + "xyz/").status_code == 410
        User.objects.filter(pk=user.pk).update(email="changed@example.test")
        response = client.get(link)
        assert response.status_code == 410
        assert "has changed" in response.content.decode()

    def test_a_new_link_can_be_asked_for_and_is_throttled(self, login):
        user = User.objects.create_user(
            email="new@example.test", password=GOOD, email_verified=False
        )
        client = login(user)
        page = client.get(reverse("verify-status")).content.decode()
        assert "is not confirmed yet" in page
        for _ in range(3):
            assert client.post(reverse("verify-status")).status_code == 302
        assert client.post(reverse("verify-status")).status_code == 429
        assert len(mail.outbox) == 3
        # Each is a working link.
        client.logout()
        client.post(path_of(link_in(mail.outbox[0])), {"password": GOOD})
        user.refresh_from_db()
        assert user.email_verified


@pytest.mark.django_db
class TestBeforeVerifying:
    @pytest.fixture
    def newcomer(self, db):
        return User.objects.create_user(
            email="new@example.test", password=GOOD, name="Nia New", email_verified=False
        )

    def test_the_teacher_can_sign_in_and_plan(self, client, newcomer):
        response = client.post("/accounts/login/", {"username": newcomer.email, "password": GOOD})
        assert response.status_code == 302
        assert client.get(reverse("classes:plan-list")).status_code == 200
        response = client.post(reverse("classes:plan-create"), NEW_PLAN)
        assert response.status_code == 302
        assert newcomer.plans.filter(title="Feet for runners").exists()

    def test_invitations_are_refused_with_a_message_until_verified(self, login, newcomer):
        entry = RosterStudentFactory(teacher=newcomer, email="sam@example.test")
        client = login(newcomer)
        response = client.post(reverse("students:invitation-send", args=[entry.pk]), follow=True)
        assert "Confirm your email address before inviting students" in response.content.decode()
        assert Invitation.objects.count() == 0
        assert mail.outbox == []
        User.objects.filter(pk=newcomer.pk).update(email_verified=True)
        client.post(reverse("students:invitation-send", args=[entry.pk]))
        assert Invitation.objects.count() == 1
        assert mail.outbox[0].to == ["sam@example.test"]

    def test_reminders_are_held_until_verified(self, newcomer, capsys):
        entry = RosterStudentFactory(teacher=newcomer, email="sam@example.test")
        entry.account = StudentFactory(email="sam@example.test")
        entry.save()
        AssignmentFactory(student=entry, frequency="daily")
        call_command("send_reminders")
        assert mail.outbox == []
        assert "held until their teacher confirms" in capsys.readouterr().out
        User.objects.filter(pk=newcomer.pk).update(email_verified=True)
        call_command("send_reminders")
        assert [m.to for m in mail.outbox] == [["sam@example.test"]]


@pytest.mark.django_db
class TestFirstSteps:
    def test_a_new_teacher_sees_the_starter_plans_an_empty_roster_and_first_steps(
        self, client, starter_library
    ):
        call_command("load_plan_templates", verbosity=0)
        sign_up(client)
        client.post(path_of(link_in(mail.outbox[-1])), {"password": GOOD})
        plans = client.get(reverse("classes:plan-list"))
        starters = ClassPlan.objects.filter(is_template=True, published_at__isnull=False)
        assert starters.exists()
        for plan in starters[:3]:
            assert plan.title in plans.content.decode()
        roster = client.get(reverse("students:student-list")).content.decode()
        assert User.objects.get(email="new@example.test").roster.count() == 0
        assert roster
        home = client.get("/").content.decode()
        assert 'id="first-steps"' in home
        assert "Make your first class plan" in home
        assert "Confirm your email address</s>" in home  # done: struck through

    def test_the_checklist_goes_once_every_step_is_done(self, login):
        teacher = User.objects.create_user(
            email="new@example.test", password=GOOD, signed_up_at=timezone.now()
        )
        client = login(teacher)
        assert 'id="first-steps"' in client.get("/").content.decode()
        client.post(reverse("classes:plan-create"), NEW_PLAN)
        CourseFactory(teacher=teacher)
        page = client.get("/").content.decode()
        assert "Make your first class plan</s>" in page and "Add a course</s>" in page
        RosterStudentFactory(teacher=teacher)
        assert 'id="first-steps"' not in client.get("/").content.decode()

    def test_an_unverified_teacher_is_pointed_to_a_new_link(self, login):
        user = User.objects.create_user(
            email="new@example.test",
            password=GOOD,
            email_verified=False,
            signed_up_at=timezone.now(),
        )
        page = login(user).get("/").content.decode()
        assert reverse("verify-status") in page
        assert "Until then, nothing is sent to students" in page

    def test_the_checklist_costs_one_query_while_shown_and_none_once_done(self, login, teacher):
        """Measured against a teacher who did not sign up (no checklist, ever)."""
        CourseFactory(teacher=teacher)
        RosterStudentFactory(teacher=teacher)
        client = login(teacher)
        client.get("/")
        with CaptureQueriesContext(connection) as plain:
            client.get("/")
        newcomer = User.objects.create_user(
            email="new@example.test", password=GOOD, signed_up_at=timezone.now()
        )
        client = login(newcomer)
        client.get("/")
        with CaptureQueriesContext(connection) as shown:
            assert 'id="first-steps"' in client.get("/").content.decode()
        assert len(shown) == len(plain) + 1
        client.post(reverse("classes:plan-create"), NEW_PLAN)
        CourseFactory(teacher=newcomer)
        RosterStudentFactory(teacher=newcomer)
        assert 'id="first-steps"' not in client.get("/").content.decode()  # found done
        with CaptureQueriesContext(connection) as done:
            assert 'id="first-steps"' not in client.get("/").content.decode()
        assert len(done) == len(plain)

    def test_teachers_who_did_not_sign_up_see_no_checklist(self, login, teacher):
        assert 'id="first-steps"' not in login(teacher).get("/").content.decode()

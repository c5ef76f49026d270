import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.middleware import UserPreferencesMiddleware
from accounts.models import User
from routines.models import Technique
from tests.factories import PASSWORD, TechniqueFactory

LOGIN = "/accounts/login/"


def post_login(client, email, password):
    return client.post(LOGIN, {"username": email, "password": password})


@pytest.mark.django_db
class TestSignIn:
    def test_teacher_signs_in_with_email_and_lands_on_dashboard(self, client, teacher):
        response = post_login(client, "Teacher@Example.test", PASSWORD)
        assert response.status_code == 302
        assert response.url == "/"
        page = client.get("/")
        assert "Your teaching at a glance" in page.content.decode()

    @pytest.mark.parametrize(
        ("fixture", "marker"),
        [
            ("teacher", "Your teaching at a glance"),
            ("student", "Today's routines"),
            ("curator", "You keep the shared technique library"),
        ],
    )
    def test_each_role_gets_its_own_dashboard(self, request, client, fixture, marker):
        client.force_login(request.getfixturevalue(fixture))
        assert marker in client.get("/", follow=True).content.decode()

    def test_anonymous_home_is_the_landing_page(self, client, db):
        body = client.get("/").content.decode()
        assert "Plan, print and teach therapy-ball classes" in body
        assert 'href="/accounts/login/"' in body

    def test_wrong_password_gives_a_clear_message(self, client, teacher):
        response = post_login(client, teacher.email, "not-the-password")
        assert response.status_code == 200
        assert "do not match an account" in response.content.decode()
        assert "_auth_user_id" not in client.session

    @pytest.mark.parametrize(
        ("email", "password"),
        [
            ("", ""),
            ("x" * 300 + "@example.test", "pw"),
            ("not-an-email", "pw"),
            ("a@b.test", "p" * 5000),
        ],
    )
    def test_empty_long_or_odd_input_is_a_form_error_not_a_500(self, client, db, email, password):
        response = post_login(client, email, password)
        assert response.status_code == 200
        assert (
            "invalid-feedback" in response.content.decode()
            or "do not match" in response.content.decode()
        )

    def test_six_wrong_passwords_lock_the_account(self, client, teacher):
        for _ in range(5):
            post_login(client, teacher.email, "wrong-password")
        response = post_login(client, teacher.email, PASSWORD)  # even the right one is refused now
        assert response.status_code == 429
        body = response.content.decode()
        assert "locked" in body and "15 minutes" in body
        assert "_auth_user_id" not in client.session

    def test_lock_counts_the_account_whatever_the_case_of_the_email(self, client, teacher):
        for variant in ["TEACHER@example.test", "teacher@EXAMPLE.test", "Teacher@example.test"] * 2:
            response = post_login(client, variant, "wrong-password")
        assert response.status_code == 429

    def test_logout_is_a_post(self, client, teacher):
        client.force_login(teacher)
        assert client.get("/accounts/logout/").status_code == 405
        assert client.post("/accounts/logout/").status_code == 302
        assert "_auth_user_id" not in client.session

    def test_post_without_csrf_token_is_refused(self, teacher):
        csrf_client = Client(enforce_csrf_checks=True)
        response = csrf_client.post(LOGIN, {"username": teacher.email, "password": PASSWORD})
        assert response.status_code == 403
        assert "This form has expired" in response.content.decode()


@pytest.mark.django_db
class TestPasswordReset:
    def test_same_answer_for_known_and_unknown_addresses(self, client, teacher):
        known = client.post("/accounts/password_reset/", {"email": teacher.email})
        unknown = client.post("/accounts/password_reset/", {"email": "nobody@example.test"})
        assert known.status_code == unknown.status_code == 302
        assert known.url == unknown.url
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == [teacher.email]

    def test_reset_link_sets_a_new_password(self, client, teacher):
        client.post("/accounts/password_reset/", {"email": teacher.email})
        link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
        form_page = client.get(link, follow=True)
        assert "Choose a new password" in form_page.content.decode()
        response = client.post(
            form_page.redirect_chain[-1][0],
            {
                "new_password1": "a-fresh-long-passphrase",
                "new_password2": "a-fresh-long-passphrase",
            },
        )
        assert response.status_code == 302
        teacher.refresh_from_db()
        assert teacher.check_password("a-fresh-long-passphrase")

    def test_tampered_reset_link_says_so_and_changes_nothing(self, client, teacher):
        uid = urlsafe_base64_encode(force_bytes(teacher.pk))
        token = default_token_generator.make_token(teacher)[:-2] + "zz"
        response = client.get(f"/accounts/reset/{uid}/{token}/")
        assert response.status_code == 200
        assert "This link does not work" in response.content.decode()
        teacher.refresh_from_db()
        assert teacher.check_password(PASSWORD)

    @pytest.mark.parametrize("email", ["", "x" * 400, "odd\x00input"])
    def test_odd_reset_input_gets_a_field_error(self, client, db, email):
        response = client.post("/accounts/password_reset/", {"email": email})
        assert response.status_code == 200
        assert len(mail.outbox) == 0


@pytest.mark.django_db
class TestPasswordChange:
    def url(self):
        return reverse("password_change")

    @pytest.mark.parametrize(
        ("new", "message"),
        [("short1", "at least 10 characters"), ("password123", "too common"), ("", "required")],
    )
    def test_weak_passwords_are_refused_beside_the_field(self, client, teacher, new, message):
        client.force_login(teacher)
        response = client.post(
            self.url(), {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
        )
        assert response.status_code == 200
        assert message in response.content.decode()
        teacher.refresh_from_db()
        assert teacher.check_password(PASSWORD)

    def test_a_good_password_is_changed(self, client, teacher):
        client.force_login(teacher)
        new = "ball-rolling-every-night"
        response = client.post(
            self.url(), {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
        )
        assert response.status_code == 302
        teacher.refresh_from_db()
        assert teacher.check_password(new)


def test_real_settings_hash_with_argon2():
    from config import settings as real

    assert real.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    lengths = [v.get("OPTIONS", {}).get("min_length") for v in real.AUTH_PASSWORD_VALIDATORS]
    assert 10 in lengths


@pytest.mark.django_db
def test_no_accounts_exist_after_migrations():
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_times_are_shown_in_the_users_time_zone(client, teacher):
    from django.utils import timezone

    seen = {}

    def capture(request):
        from django.http import HttpResponse

        seen["tz"] = timezone.get_current_timezone_name()
        return HttpResponse()

    teacher.time_zone = "America/New_York"
    request = type("R", (), {"user": teacher})()
    UserPreferencesMiddleware(capture)(request)
    assert seen["tz"] == "America/New_York"
    teacher.time_zone = "Not/AZone"
    UserPreferencesMiddleware(capture)(request)
    assert seen["tz"] == "Europe/London"


@pytest.mark.django_db
def test_curator_dashboard_counts_the_review_queue(client, curator, teacher):
    TechniqueFactory(status=Technique.Status.SUBMITTED, author=teacher)
    client.force_login(curator)
    response = client.get("/")
    assert response.context["queue_size"] == 1

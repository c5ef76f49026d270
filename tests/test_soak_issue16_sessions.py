"""Sessions and pages while Redis is down (issue 16, item 7; both found by `make soak`).

With REDIS_URL set, sessions are Django's cached_db read through Redis. Django's own store
answered 500 on every signed-in request while Redis was down (it writes the session back to
the cache, and checks and deletes keys there, without catching anything). accounts/sessions.py
goes on from the database alone. The dashboard of a teacher who signed up read its first-steps
checklist's cache without catching anything, and answered 500 too. These tests point the cache
at a port where nothing listens.
"""

import socket

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from accounts.sessions import SessionStore
from tests import factories

PASSWORD = factories.PASSWORD


def closed_port() -> int:
    """A loopback port nothing listens on: connections are refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
    settings.SESSION_ENGINE = "accounts.sessions"


def test_the_cache_is_really_down(redis_down):
    from django.core.cache import cache

    with pytest.raises(Exception, match=r"(?i)connect"):
        cache.get("anything")


def test_a_session_is_kept_in_the_database_while_the_cache_is_down(redis_down, db):
    store = SessionStore()
    store["_auth_user_id"] = "7"
    store.create()
    key = store.session_key

    again = SessionStore(key)
    assert again["_auth_user_id"] == "7"
    assert again.exists(key)
    again.delete()
    assert not Session.objects.filter(session_key=key).exists()
    assert not SessionStore().exists(key)


def test_signed_in_pages_answer_while_redis_is_down(redis_down, client, db):
    teacher = factories.TeacherFactory()
    student = factories.StudentFactory()
    client.force_login(teacher)
    for name in ("home", "classes:plan-list", "students:student-list", "classes:course-list"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert response.wsgi_request.user == teacher
    client.force_login(student)
    response = client.get(reverse("me"))
    assert response.status_code == 200
    assert response.wsgi_request.user == student


def test_signing_in_and_out_works_while_redis_is_down(redis_down, client, db):
    teacher = factories.TeacherFactory()

    response = client.post(
        reverse("login"), {"username": teacher.email, "password": PASSWORD}, follow=True
    )
    assert response.status_code == 200
    assert response.wsgi_request.user == teacher
    key = client.cookies["sessionid"].value
    assert Session.objects.filter(session_key=key).exists()

    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    response = client.get(reverse("classes:plan-list"))
    assert response.status_code == 302  # to sign in: signed out for good


@pytest.mark.parametrize("done", [False, True])
def test_a_signed_up_teachers_dashboard_answers_while_redis_is_down(redis_down, client, db, done):
    teacher = factories.TeacherFactory(signed_up_at=timezone.now(), email_verified=True)
    if done:  # every first step done: the checklist would be remembered in the cache
        factories.RosterStudentFactory(teacher=teacher)
        factories.CourseFactory(teacher=teacher)
        factories.make_plan(teacher)
    client.force_login(teacher)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert ('id="first-steps"' in response.content.decode()) is not done

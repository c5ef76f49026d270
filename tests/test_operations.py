"""Settings, security headers, health check, demo data: the operational promises."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.utils import OperationalError

from accounts.models import User
from routines.models import Technique

ROOT = Path(__file__).resolve().parents[1]


def run_django(env_overrides, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.pop("DATABASE_URL", None)
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-real-secret-key-that-is-long-and-random-" + "x" * 30,
    "ALLOWED_HOSTS": "rollcall.example.com",
}


def test_production_refuses_to_start_without_a_secret_key():
    result = run_django({"DEBUG": "0", "ALLOWED_HOSTS": "rollcall.example.com"}, "check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_check_deploy_passes_with_production_settings():
    result = run_django(PRODUCTION, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/", "/library/", "/accounts/login/", "/accounts/password_reset/"]
)
def test_every_page_carries_a_strict_content_security_policy(client, path):
    response = client.get(path)
    policy = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert directives["frame-ancestors"] == "'none'"


def test_templates_hold_no_inline_script_or_event_handlers():
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
    handler = re.compile(r"\son[a-z]+\s*=", re.I)
    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        if inline_script.search(text) or handler.search(text) or "style=" in text:
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


@pytest.mark.django_db
def test_healthz_answers_200_with_json(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


@pytest.mark.django_db
def test_demo_is_idempotent_and_creates_every_role():
    call_command("demo", quiet_logins=True)
    first = (
        User.objects.count(),
        Technique.objects.count(),
        list(User.objects.values_list("email", "role")),
    )
    call_command("demo", quiet_logins=True)
    second = (
        User.objects.count(),
        Technique.objects.count(),
        list(User.objects.values_list("email", "role")),
    )
    assert first == second
    roles = dict(first[2])
    assert roles["curator@demo.rollcall.test"] == "curator"
    assert roles["teacher@demo.rollcall.test"] == roles["teacher2@demo.rollcall.test"] == "teacher"
    assert roles["student@demo.rollcall.test"] == roles["student2@demo.rollcall.test"] == "student"
    assert User.objects.get(email="teacher@demo.rollcall.test").check_password("rollcall-demo")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fixture", "shown", "hidden"),
    [
        (None, ["Technique library"], ["Curate", "My submissions"]),
        ("teacher", ["Technique library", "My submissions"], ["Curate"]),
        ("student", ["Today", "Technique library"], ["Curate", "My submissions"]),
        ("curator", ["Curate", "Technique library"], ["My submissions"]),
    ],
)
def test_navigation_shows_each_role_only_what_it_may_use(request, client, fixture, shown, hidden):
    if fixture:
        client.force_login(request.getfixturevalue(fixture))
    nav = client.get("/", follow=True).content.decode().split('id="main-nav"')[1].split("</nav>")[0]
    for label in shown:
        assert label in nav
    for label in hidden:
        assert label not in nav


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/library/", "/plans/", "/curate/"])
def test_control_characters_in_searches_are_harmless(client, curator, teacher, path):
    client.force_login(curator if path == "/curate/" else teacher)
    response = client.get(path, {"q": "calf\x00\x1f roll"})
    assert response.status_code == 200

"""Production defaults that cannot mislead (issue 16, item 10): email that is delivered or
said not to be, no secret link in a log, uploaded photos served with DEBUG off, a PDF
budget, and a demo curator who is no superuser."""

import io
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_tasks import task_backends

from accounts.models import User
from classes import pdf as pdf_module
from classes import services
from classes.models import PlanVersion
from config.checks import email_is_delivered
from config.media import CACHE_CONTROL
from config.redact import RedactSecrets, redact
from routines import pdf_budget
from routines.models import Step
from students import me_views
from tests.factories import AssignmentFactory, RosterStudentFactory, TechniqueFactory, make_plan
from tests.routines.test_photos import image_bytes

ROOT = Path(__file__).resolve().parents[1]
PORT = 8136  # this work's port for a server of its own


def run_django(env_overrides, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    for name in ("DATABASE_URL", "EMAIL_BACKEND", "EMAIL_FILE_PATH"):
        env.pop(name, None)
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
    "SECRET_KEY": "a-real-secret-key-that-is-long-and-random-" + "y" * 30,
    "ALLOWED_HOSTS": "rollcall.example.com",
}
CONSOLE = "django.core.mail.backends.console.EmailBackend"
SMTP = "django.core.mail.backends.smtp.EmailBackend"


# --- Email ---------------------------------------------------------------------------------


def email_backend(env) -> str:
    show = "from django.conf import settings; print(settings.EMAIL_BACKEND)"
    return run_django(env, "shell", "-c", show).stdout.strip().splitlines()[-1]


def test_with_debug_off_email_goes_to_smtp_unless_a_backend_is_chosen():
    assert email_backend(PRODUCTION) == SMTP
    assert email_backend({**PRODUCTION, "EMAIL_BACKEND": CONSOLE}) == CONSOLE
    assert email_backend({"DEBUG": "1"}) == CONSOLE


def test_check_deploy_refuses_a_console_backend_chosen_for_production():
    result = run_django(
        {**PRODUCTION, "EMAIL_BACKEND": CONSOLE}, "check", "--deploy", "--fail-level", "WARNING"
    )
    assert result.returncode != 0
    assert "rollcall.W001" in result.stderr
    assert "invitation, sign-in and password-reset link" in result.stderr


@pytest.mark.parametrize(
    ("backend", "debug", "warned"),
    [
        (CONSOLE, False, True),
        ("django.core.mail.backends.filebased.EmailBackend", False, True),
        ("django.core.mail.backends.locmem.EmailBackend", False, True),
        ("django.core.mail.backends.dummy.EmailBackend", False, True),
        (SMTP, False, False),
        (CONSOLE, True, False),
    ],
)
def test_the_email_check_names_every_backend_that_delivers_nothing(backend, debug, warned):
    with override_settings(EMAIL_BACKEND=backend, DEBUG=debug):
        found = email_is_delivered(None)
    assert [m.id for m in found] == (["rollcall.W001"] if warned else [])


# --- No secret link in a log -------------------------------------------------------------

SAMPLE = "s3cr3t-Token_value.0123456789:abc"


def secret_urls(patterns=None, namespace=""):
    """Every named URL of the URLconf that carries a secret in its path (a `token` or
    `signed` argument), reversed with SAMPLE in it."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace != "admin":
                yield from secret_urls(pattern.url_patterns, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names = set(pattern.pattern.regex.groupindex)
            if names & {"token", "signed"}:
                kwargs = dict.fromkeys(names, "MQ")
                secret = SAMPLE if "signed" in names else "Abcdefghij0123456789-_xyz"
                kwargs.update(dict.fromkeys(names & {"token", "signed"}, secret))
                yield (
                    f"{namespace}{pattern.name}",
                    reverse(f"{namespace}{pattern.name}", kwargs=kwargs),
                    secret,
                )


def test_every_url_that_carries_a_secret_is_redacted():
    found = list(secret_urls())
    names = {name for name, _url, _secret in found}
    # The links the issue names are among them, so that the walk itself cannot go blind.
    assert {
        "password_reset_confirm",
        "verify-email",
        "students:invitation-accept",
        "students:reminders-stop",
        "classes:join",
        "classes:join-confirm",
        "classes:share",
        "classes:calendar-feed",
    } <= names, names
    for name, url, secret in found:
        line = f'127.0.0.1 - - "GET {url}?x=1 HTTP/1.1" 200 "https://rollcall.test{url}"'
        hidden = redact(line)
        assert secret not in hidden, (name, hidden)
        assert "…" in hidden


@pytest.mark.parametrize(
    "path",
    ["/accounts/reset/MQ/set-password/", "/accounts/reset/done/", "/library/calf-roll/", "/"],
)
def test_paths_without_secrets_are_left_alone(path):
    assert redact(f"GET {path} HTTP/1.1") == f"GET {path} HTTP/1.1"


def test_djangos_log_lines_pass_through_the_redacting_filter():
    """What the stdout handler prints for the 404 of an old invitation link."""
    [handler] = [h for h in logging.getLogger().handlers if h.get_name() == "stdout"] or [None]
    assert handler is not None and any(isinstance(f, RedactSecrets) for f in handler.filters)
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        logging.getLogger("django.request").warning(
            "Not Found: %s", "/invite/Abcdefghij0123456789.xyz/"
        )
    finally:
        handler.setStream(previous)
    assert "Not Found: /invite/…/" in stream.getvalue()
    assert "Abcdefghij0123456789" not in stream.getvalue()


@pytest.mark.django_db
def test_an_invitation_sent_with_the_console_backend_leaves_its_link_out_of_the_log(
    client, teacher, settings
):
    """Even in development, where emails print to the console: the link is in the email,
    and not in any log line the request leaves."""
    student = RosterStudentFactory(teacher=teacher, email="zoe@example.test")
    client.force_login(teacher)
    stream = io.StringIO()
    [handler] = [h for h in logging.getLogger().handlers if h.get_name() == "stdout"]
    previous = handler.setStream(stream)
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.DEBUG)
    try:
        from django.core import mail

        client.post(reverse("students:invitation-send", kwargs={"pk": student.pk}))
        [email] = mail.outbox
        link = next(word for word in email.body.split() if "/invite/" in word)
        token = link.rstrip("/").rsplit("/", 1)[1]
        # A later visit with a mistyped link is logged, without its secret.
        logging.getLogger("django.request").warning("Not Found: %s", link)
    finally:
        handler.setStream(previous)
        root.setLevel(level)
    assert token not in stream.getvalue()


# --- Media served with DEBUG off -----------------------------------------------------------


@pytest.fixture
def stored_photo():
    name = default_storage.save("techniques/calf-roll-1a2b3c4d.png", ContentFile(image_bytes()))
    yield name
    default_storage.delete(name)


@pytest.mark.django_db
def test_an_uploaded_photo_is_served_by_the_app_with_its_headers(client, stored_photo):
    assert settings.DEBUG is False  # as the test runner sets it, and as `make serve` runs
    response = client.get(default_storage.url(stored_photo))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == image_bytes()
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == CACHE_CONTROL
    assert int(response["Content-Length"]) == len(image_bytes())
    assert client.head(default_storage.url(stored_photo)).status_code == 200
    assert client.post(default_storage.url(stored_photo)).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "techniques/",  # no listing
        "techniques",
        "techniques/missing.png",
        "techniques/../plans/pdf/plan-1-v1-a4.pdf",
        "techniques/%2e%2e/%2e%2e/config/settings.py",
        "../config/settings.py",
        "plans/pdf/plan-1-v1-a4.pdf",  # private: only through the plan's PDF view
        "techniques/page.html",  # stored but not an image type
        "techniques//calf.png",
        "techniques/./calf.png",
    ],
)
def test_media_outside_the_public_photos_is_not_found(client, path):
    default_storage.save("plans/pdf/plan-1-v1-a4.pdf", ContentFile(b"%PDF-1.7 private"))
    default_storage.save("techniques/page.html", ContentFile(b"<script>alert(1)</script>"))
    response = client.get(f"/{settings.MEDIA_URL}{path}")
    assert response.status_code == 404


def free_port() -> int:
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", PORT)) != 0:
            return PORT
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 (loopback http)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_under_gunicorn_with_debug_off_photos_are_served_and_secrets_kept_out_of_the_log(
    tmp_path,
):
    """As `make serve` runs it (DEBUG=0, gunicorn with config/gunicorn.py, access log on
    stdout): a stored photo is served, and neither the access log nor Django's log holds
    the secret of an invitation link, asked for or sent as the Referer."""
    media = tmp_path / "media"
    (media / "techniques").mkdir(parents=True)
    (media / "techniques" / "pin.png").write_bytes(image_bytes())
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        PRODUCTION,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        MEDIA_ROOT=str(media),
        DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        PYTHONUNBUFFERED="1",
        # Pages (the 404 included) name hashed static files: collect them as `make serve` does,
        # into a folder of the test's own (a fresh clone has none).
        STATIC_ROOT=str(tmp_path / "static"),
    )
    subprocess.run(
        [str(ROOT / ".venv/bin/python"), "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    log = tmp_path / "server.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "config.wsgi:application",
                "-c",
                "config/gunicorn.py",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--access-logfile",
                "-",
                "--error-logfile",
                "-",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                status, headers, body = fetch(f"{base}/media/techniques/pin.png")
                break
            except (urllib.error.URLError, ConnectionError):
                assert server.poll() is None, log.read_text()
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)
        assert status == 200, body[:500]
        assert body == image_bytes()
        assert headers["Content-Type"] == "image/png"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Cache-Control"] == CACHE_CONTROL
        assert fetch(f"{base}/media/techniques/")[0] == 404
        assert fetch(f"{base}/media/techniques/missing.png")[0] == 404

        secret = "Zyxwvutsrq9876543210"
        fetch(
            f"{base}/media/techniques/pin.png",
            {"Referer": f"https://rollcall.test/invite/{secret}.abc/"},
        )
        fetch(f"{base}/invite/{secret}/")  # no database here: whatever it answers is logged
    finally:
        server.terminate()
        server.wait(timeout=30)
    text = log.read_text()
    assert "GET /media/techniques/pin.png" in text  # the access log is there
    assert "/invite/…/" in text
    assert secret not in text, text


# --- A PDF budget -----------------------------------------------------------------------------


@pytest.fixture
def render_calls(monkeypatch):
    calls = []
    monkeypatch.setattr(pdf_module, "render_pdf", lambda context: calls.append(1) or b"%PDF-1.7")
    return calls


def published_with_notes(teacher, *, steps: int, note_chars: int) -> PlanVersion:
    techniques = [TechniqueFactory(name=f"Technique {n}") for n in range(steps)]
    plan = make_plan(teacher, title="Long notes", techniques=techniques)
    Step.objects.filter(routine=plan.routine).update(
        note="Breathe and soften. " * (note_chars // 20)
    )
    plan.refresh_from_db()
    # Its PDFs' tasks are queued when the transaction commits, which a test's never does.
    return services.plan_publish(plan=plan, expected_version=plan.lock_version)


def pdf_url(version):
    return reverse("classes:plan-pdf", kwargs={"pk": version.plan_id}) + "?paper=a4"


@pytest.mark.django_db
def test_a_plan_over_the_pdf_budget_is_refused_with_a_message_and_never_rendered(
    client, teacher, render_calls
):
    """The 60-step plan with 10,000 characters of notes per step took 38 s to render."""
    version = published_with_notes(teacher, steps=60, note_chars=10_000)
    assert pdf_budget.text_size(version.snapshot) > pdf_budget.MAX_TEXT
    client.force_login(teacher)
    started = time.monotonic()
    response = client.get(pdf_url(version), follow=True)
    assert time.monotonic() - started < 5
    assert response.redirect_chain[0] == (version.plan.get_absolute_url(), 302)
    body = response.content.decode()
    assert "This is too long to make a PDF of" in body
    assert "the limit is 400,000" in body
    assert render_calls == []
    # The worker does not render it either.
    from classes.tasks import render_version_pdfs

    assert render_version_pdfs.call(version.pk, "a4") == "too long"
    assert render_calls == []
    version.refresh_from_db()
    assert not version.pdf


@pytest.mark.django_db
def test_a_long_plan_within_the_budget_is_left_to_the_worker(
    client, teacher, render_calls, settings
):
    version = published_with_notes(teacher, steps=20, note_chars=12_000)
    assert pdf_budget.INLINE_TEXT < pdf_budget.text_size(version.snapshot) <= pdf_budget.MAX_TEXT
    client.force_login(teacher)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    response = client.get(pdf_url(version), follow=True)
    queued = list(task_backends["default"].results)
    assert "is being made in the background" in response.content.decode()
    assert render_calls == []  # not in the request
    assert {tuple(r.args) for r in queued} == {(version.pk, "a4"), (version.pk, "letter")}
    # The worker renders it; the next request gets the stored file.
    from classes.tasks import render_version_pdfs

    assert render_version_pdfs.call(version.pk, "a4") == "rendered"
    response = client.get(pdf_url(version))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert len(render_calls) == 2  # both papers, by the worker


@pytest.mark.django_db
def test_a_short_plan_is_rendered_on_demand_as_before(client, teacher, render_calls):
    version = published_with_notes(teacher, steps=3, note_chars=200)
    client.force_login(teacher)
    response = client.get(pdf_url(version))
    assert response.status_code == 200
    assert render_calls == [1]


@pytest.mark.django_db
def test_a_students_routine_over_the_inline_budget_is_refused(client, student, monkeypatch):
    calls = []
    monkeypatch.setattr(me_views, "render_pdf", lambda context: calls.append(1) or b"%PDF")
    entry = RosterStudentFactory(account=student, email=student.email)
    assignment = AssignmentFactory(student=entry, message="x" * (pdf_budget.INLINE_TEXT + 1))
    client.force_login(student)
    url = reverse("students:routine-pdf", kwargs={"pk": assignment.pk})
    response = client.get(url)
    assert response.status_code == 302 and response.url == reverse("me")
    assert calls == []
    assignment.message = "Every night"
    assignment.save(update_fields=["message"])
    assert client.get(url).status_code == 200
    assert calls == [1]


# --- The demo curator ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_demo_curator_is_a_curator_with_the_librarys_admin_and_no_superuser(client):
    call_command("demo", quiet_logins=True)
    assert not User.objects.filter(is_superuser=True).exists()
    curator = User.objects.get(email="curator@demo.rollcall.test")
    assert curator.is_staff and curator.is_curator
    client.force_login(curator)
    assert client.get("/admin/routines/region/").status_code == 200
    assert client.get("/admin/routines/searchsynonym/add/").status_code == 200
    assert client.get("/admin/accounts/user/").status_code == 403
    assert client.get("/admin/students/student/").status_code == 403
    # A demo made before this change is put right when it is run again.
    User.objects.filter(pk=curator.pk).update(is_superuser=True)
    call_command("demo", quiet_logins=True)
    curator.refresh_from_db()
    assert not curator.is_superuser

"""The demo prints the address it actually serves on (issue 15, part 10): `make run PORT=…`
passes the port through, and a taken port moves to the next free one, printed as such."""

import io
import os
import socket
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from accounts.models import User
from config.management.commands import demo

MAKEFILE = Path(settings.BASE_DIR) / "Makefile"


@pytest.fixture
def served(monkeypatch):
    """Record where the demo would run the server instead of running it; seed only the demo
    accounts (the whole demo takes minutes, and has tests of its own)."""
    monkeypatch.setenv(demo.SERVE_PORT_ENV, "")  # restored (unset) after the test
    ports = []
    monkeypatch.setattr(demo.Command, "runserver", lambda self, port: ports.append(port))
    monkeypatch.setattr(demo, "call_command", lambda *args, **kwargs: None)
    for name in (
        "seed",
        "seed_courses",
        "seed_modifications",
        "seed_routines",
        "seed_french_student",
        "seed_submission",
    ):
        monkeypatch.setattr(demo.class_demo, name, lambda *args: None)
    monkeypatch.setattr(demo.student_demo, "seed", lambda *args: None)
    return ports


@pytest.fixture
def taken_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen(1)
        yield holder.getsockname()[1]


def test_a_taken_port_moves_to_the_next_free_one(taken_port):
    assert not demo.port_is_free(taken_port)
    chosen = demo.free_port(taken_port)
    assert chosen > taken_port
    assert demo.port_is_free(chosen)


@pytest.mark.django_db
def test_the_demo_prints_and_serves_the_real_address(served, taken_port):
    out = io.StringIO()
    call_command("demo", "--serve", "--port", str(taken_port), stdout=out)
    (port,) = served
    assert port != taken_port
    text = out.getvalue()
    assert f"Port {taken_port} is taken: using {port}." in text
    assert f"Sign in at http://127.0.0.1:{port}/accounts/login/" in text
    assert "127.0.0.1:8000" not in text
    assert os.environ[demo.SERVE_PORT_ENV] == str(port)  # for runserver's reloaded child
    assert User.objects.filter(email="teacher@demo.rollcall.test").exists()


@pytest.mark.django_db
def test_the_reloaded_child_serves_where_the_parent_said_and_seeds_nothing(served, monkeypatch):
    monkeypatch.setenv(demo.SERVE_PORT_ENV, "8790")
    out = io.StringIO()
    call_command("demo", "--serve", "--port", "8000", stdout=out)
    assert served == [8790]
    assert out.getvalue() == ""
    assert not User.objects.exists()


@pytest.mark.django_db
def test_without_serve_it_claims_no_address(served):
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert served == []
    assert "http://" not in out.getvalue()


def test_make_run_passes_its_port_to_the_demo():
    dry = subprocess.run(
        ["make", "-n", "-o", "install", "run", "PORT=8790"],
        cwd=MAKEFILE.parent,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "manage.py demo --serve --port 8790" in dry
    assert "runserver 127.0.0.1:8000" not in dry

"""The soak's own arithmetic (bench/soak.py): what it counts, what it calls a recovery, and
that a 5xx, a lost or doubled practice log, a recovery that never came or an app restart
make `make soak` exit non-zero. The load itself runs in `make soak`, not here."""

import importlib
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture
def soak(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    return importlib.import_module("soak")


@pytest.fixture
def Record(soak):
    return importlib.import_module("soak_load").Record


def clean_level(connections=8) -> dict:
    return {
        "connections": connections,
        "requests": 100,
        "rps": 50.0,
        "5xx": 0,
        "timeouts": 0,
        "errors": 0,
        "p50_ms": 10.0,
        "p95_ms": 20.0,
        "statuses": {"200": 90, "302": 10},
        "exactly_once": {"logs": 5, "posts": 6, "rows": 5, "ok": True},
    }


def clean_outage() -> dict:
    quiet = {"requests": 10, "5xx": 0, "timeouts": 0, "errors": 0, "statuses": {"200": 10}}
    return {
        "seconds_down": 10.0,
        "before": quiet,
        "during": {**quiet, "5xx": 7, "statuses": {"200": 3, "500": 7}},
        "recovering": quiet,
        "after": quiet,
        "recovery_s": {"/healthz": 0.2, "/library/": 0.5},
        "probes_during": {},
        "same_app": True,
        "exactly_once": {"logs": 2, "posts": 3, "rows": 2, "ok": True},
        "signed_out": 0,
    }


def clean_report() -> dict:
    return {
        "mixed": [clean_level(8), clean_level(16), clean_level(32)],
        "db_outage": clean_outage(),
        "redis_outage": {**clean_outage(), "during": clean_outage()["before"]},
    }


def test_summary_counts_5xx_timeouts_errors_and_latency(soak, Record):
    records = [Record("page", 0.0, 0.010 * n, 200) for n in range(1, 11)]
    records += [
        Record("page", 0.0, 0.5, 500),
        Record("page", 0.0, 0.5, 503),
        Record("page", 0.0, 0.1, 302),
        Record("page", 0.0, 0.1, 404),
        Record("page", 0.0, 20.0, None, "timeout"),
        Record("page", 0.0, 0.0, None, "ConnectionRefusedError"),
    ]
    summary = soak.summarize(records, seconds=2.0)
    assert summary["requests"] == 16
    assert summary["rps"] == 8.0
    assert summary["5xx"] == 2
    assert summary["timeouts"] == 1
    assert summary["errors"] == 1
    assert summary["statuses"] == {"200": 10, "302": 1, "404": 1, "500": 1, "503": 1}
    # Latency of the 14 answered requests, in ms.
    assert summary["p50_ms"] == 75.0
    assert summary["p95_ms"] == 500.0


def test_exactly_once_counts_rows_per_key(soak):
    sent = {
        "a": {"acked": True, "posts": 1},
        "b": {"acked": True, "posts": 2},  # posted twice, stored once: fine
        "c": {"acked": False, "posts": 1},  # never confirmed, not stored: fine
    }
    assert soak.exactly_once(sent, {"a": 1, "b": 1})["ok"]
    assert soak.exactly_once(sent, {"a": 1, "b": 1, "c": 1})["ok"]
    assert soak.exactly_once(sent, {"a": 1, "b": 1}) == {
        "logs": 3,
        "posts": 4,
        "confirmed": 2,
        "rows": 2,
        "missing": 0,
        "duplicated": 0,
        "unconfirmed": 1,
        "ok": True,
    }
    lost = soak.exactly_once(sent, {"a": 1})
    assert not lost["ok"]
    assert lost["missing"] == 1
    doubled = soak.exactly_once(sent, {"a": 1, "b": 2})
    assert not doubled["ok"]
    assert doubled["duplicated"] == 1


def test_recovery_is_the_start_of_the_run_of_200s_that_holds(soak):
    restart = 100.0
    probes = [(95.0, 500), (99.0, 500), (100.5, 500), (101.0, 200), (101.5, 500), (102.0, 200)]
    probes += [(102.5, 200), (103.0, 200)]
    assert soak.recovered_at(probes, restart) == 102.0
    # Never failed, or back before the restart was over: recovered at the restart.
    assert soak.recovered_at([(99.0, 200), (100.2, 200)], restart) == restart
    # Still failing at the end, or nothing seen after the restart: not recovered.
    assert soak.recovered_at([(101.0, 200), (102.0, 500)], restart) is None
    assert soak.recovered_at([(101.0, None)], restart) is None
    assert soak.recovered_at([(99.0, 200)], restart) is None


def test_windows_go_by_when_the_answer_came(soak, Record):
    records = [Record("a", 9.0, 0.5, 200), Record("b", 9.8, 0.5, 500), Record("c", 12.0, 1, 200)]
    assert [r.label for r in soak.between(records, 0, 10)] == ["a"]
    assert [r.label for r in soak.between(records, 10, 12)] == ["b"]
    assert [r.label for r in soak.between(records, 10)] == ["b", "c"]


def test_the_requests_are_shared_by_the_levels(soak):
    assert soak.shares(20000, 3) == [6667, 6667, 6666]
    assert soak.shares(60000, 3) == [20000, 20000, 20000]


def test_a_clean_run_passes(soak):
    assert soak.failures(clean_report()) == []
    assert soak.exit_code(clean_report()) == 0


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda r: r["mixed"][2].update({"5xx": 1}), "mixed load at 32 connections: 1"),
        (lambda r: r["mixed"][0].update({"timeouts": 2}), "2 timeouts"),
        (
            lambda r: r["mixed"][1]["exactly_once"].update({"ok": False}),
            "not stored exactly once",
        ),
        (lambda r: r["db_outage"].update({"same_app": False}), "app stopped or restarted"),
        (
            lambda r: r["db_outage"]["recovery_s"].update({"/library/": None}),
            "/library/ did not recover",
        ),
        (
            lambda r: r["db_outage"]["recovery_s"].update({"/healthz": 45.0}),
            "/healthz did not recover within 30 s",
        ),
        (lambda r: r["db_outage"].update(after={**r["db_outage"]["after"], "5xx": 3}), "after"),
        (
            lambda r: r["redis_outage"].update(during={**r["redis_outage"]["during"], "5xx": 4}),
            "Redis outage: 4 5xx while it was down",
        ),
        (lambda r: r["redis_outage"].update(signed_out=2), "sent to sign in"),
    ],
)
def test_each_missed_limit_fails_the_run(soak, change, expected):
    report = clean_report()
    change(report)
    problems = soak.failures(report)
    assert len(problems) == 1
    assert expected in problems[0]
    assert soak.exit_code(report) == 1


def test_5xx_while_the_database_is_down_are_reported_not_failed(soak):
    report = clean_report()
    assert report["db_outage"]["during"]["5xx"] == 7
    assert soak.failures(report) == []


def test_the_table_lines_up(soak):
    table = soak.mixed_table([clean_level(8), {**clean_level(32), "requests": 20000}])
    lines = table.splitlines()
    assert lines[0].split(" | ")[:4] == ["connections", "requests", "req/s", "5xx"]
    assert len({len(line) for line in lines[2:]}) == 1  # right-aligned columns
    assert lines[3].split("|")[1].strip() == "20000"
    assert lines[3].rstrip().endswith("yes")


@pytest.fixture
def soak_seed(soak, monkeypatch):
    module = importlib.import_module("soak_seed")
    monkeypatch.setattr(module, "TEACHERS", 2)
    monkeypatch.setattr(module, "STUDENTS", 3)
    return module


def test_the_seed_gives_each_visitor_what_it_acts_on(soak_seed, starter_library):
    import random
    from importlib import import_module

    from django.conf import settings

    from accounts.models import User
    from classes.models import ClassPlan
    from students.models import Assignment

    world = soak_seed.seed(random.Random(1))

    store = import_module(settings.SESSION_ENGINE).SessionStore
    assert len(world["teachers"]) == 2
    for teacher in world["teachers"]:
        plan = ClassPlan.objects.get(pk=teacher["plan"])
        user = User.objects.get(pk=store(teacher["session"])["_auth_user_id"])
        assert plan.owner == user
        assert plan.versions.count() == 1
        assert set(teacher["sections"]) == set(plan.routine.sections.values_list("pk", flat=True))
    assert len(world["students"]) == 3
    for student in world["students"]:
        assignment = Assignment.objects.get(pk=student["routine"])
        user_id = store(student["session"])["_auth_user_id"]
        assert str(assignment.student.account_id) == user_id
        assert assignment.is_open
    assert ClassPlan.objects.get(share_token=world["share_token"])
    assert User.objects.get(email=world["login"]["email"]).check_password(
        world["login"]["password"]
    )
    assert len(world["slugs"]) == 60

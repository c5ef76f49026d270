"""Rollcall soak: `make soak` (or `.venv/bin/python bench/soak.py`).

Limits that hold under load and faults (issue 16, item 7). Starts its own PostgreSQL cluster
(initdb on SOAK_PG_PORT, 55432) and its own Redis (SOAK_REDIS_PORT, 8139), migrates and
seeds a small world (bench/soak_seed.py), serves the app as `make serve` does
(scripts/serve.sh: DEBUG off, gunicorn with 2 sync workers on loopback, the task worker),
then:

1. **Mixed load**: SOAK_REQUESTS (20,000) requests in all, shared evenly by runs at 8, 16
   and 32 connections (SOAK_CONNECTIONS; SOAK_REQUESTS=60000 runs 20,000 at each):
   teachers building and publishing, students logging practice, anonymous library visits
   (bench/soak_load.py). For each: requests, req/s, 5xx, timeouts, p50/p95 latency,
   and the practice logs stored exactly once (rows counted per one-time key, against the
   logs sent; the logs posted twice included).
2. **Database outage**: under load at 8 connections, PostgreSQL is stopped (fast shutdown)
   for 10 s and started again, the app left running. Reports the 5xx during the outage,
   the seconds from the restart until /healthz and pages (anonymous and signed in) answer
   200 again, 5xx after that, and whether gunicorn is still the same process.
3. **Redis outage**: the same with Redis (cache, sessions' cache and sign-in throttle
   counters). Reports what pages, signed-in pages and sign-ins answered while it was down.

Prints the tables, writes bench/out/soak.json, and exits 1 when a limit is missed: a 5xx
or a timeout in the mixed load, a log not stored exactly once, no recovery within 30 s of
the restart, a 5xx once recovered, an app restart, or a 5xx while Redis is down.
The machine's own PostgreSQL and Redis are never touched.
"""

import faulthandler
import json
import os
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import psycopg2
from soak_load import Budget, Client, Ledger, Record, post_unanswered, probe, run_load
from soak_services import AppServer, PrivatePostgres, PrivateRedis

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PYTHON = ROOT / ".venv" / "bin" / "python"
REQUESTS = int(os.environ.get("SOAK_REQUESTS", "20000"))  # in all, shared by the levels
LEVELS = [int(n) for n in os.environ.get("SOAK_CONNECTIONS", "8,16,32").split(",")]
APP_PORT = int(os.environ.get("SOAK_PORT", "8137"))
PG_PORT = int(os.environ.get("SOAK_PG_PORT", "55432"))
REDIS_PORT = int(os.environ.get("SOAK_REDIS_PORT", "8139"))
OUTAGE_SECONDS = 10
FAULT_CONNECTIONS = 8
LEAD_SECONDS = 4  # load before the fault
TAIL_SECONDS = 6  # load after recovery, to catch 5xx that persist
RECOVERY_LIMIT = 30  # seconds after the restart
TIMEOUT_JOIN = 60  # a load thread still busy then is abandoned (it is a daemon)


def fail(message: str) -> None:
    raise SystemExit(f"soak: FAIL: {message}")


# --- Figures (pure: tests/test_soak_issue16.py) -------------------------------------------


def percentile(values: list[float], fraction: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def summarize(records: list[Record], seconds: float | None = None) -> dict:
    """Requests, 5xx, timeouts, other connection errors, latency of the answered ones."""
    statuses = Counter(r.status for r in records if r.status is not None)
    answered = [r.seconds * 1000 for r in records if r.status is not None]
    return {
        "requests": len(records),
        "rps": round(len(records) / seconds, 1) if seconds else None,
        "5xx": sum(n for status, n in statuses.items() if status >= 500),
        "timeouts": sum(1 for r in records if r.error == "timeout"),
        "errors": sum(1 for r in records if r.status is None and r.error != "timeout"),
        "p50_ms": round(statistics.median(answered), 1) if answered else None,
        "p95_ms": round(percentile(answered, 0.95), 1) if answered else None,
        "statuses": {str(status): n for status, n in sorted(statuses.items())},
    }


def by_label(records: list[Record]) -> dict:
    """Per kind of request: how many, 5xx, median latency and median server time (ms)."""
    labels: dict[str, list[Record]] = {}
    for record in records:
        labels.setdefault(record.label, []).append(record)
    figures = {}
    for label, found in sorted(labels.items()):
        answered = [r.seconds * 1000 for r in found if r.status is not None]
        server = [r.server_ms for r in found if r.server_ms is not None]
        figures[label] = {
            "requests": len(found),
            "5xx": sum(1 for r in found if r.status is not None and r.status >= 500),
            "p50_ms": round(statistics.median(answered), 1) if answered else None,
            "server_ms": round(statistics.median(server), 1) if server else None,
        }
    return figures


def exactly_once(sent: dict, stored: dict) -> dict:
    """`sent`: one-time key -> {"acked", "posts"}; `stored`: key -> rows with it. Every
    confirmed log must have exactly one row; one never confirmed, at most one."""
    acked = [key for key, entry in sent.items() if entry["acked"]]
    return {
        "logs": len(sent),
        "posts": sum(entry["posts"] for entry in sent.values()),
        "confirmed": len(acked),
        "rows": sum(stored.values()),
        "missing": sum(1 for key in acked if stored.get(key, 0) == 0),
        "duplicated": sum(1 for n in stored.values() if n > 1),
        "unconfirmed": len(sent) - len(acked),
        "ok": all(stored.get(key, 0) == 1 for key in acked)
        and all(n <= 1 for n in stored.values()),
    }


def recovered_at(probes: list[tuple[float, int | None]], after: float) -> float | None:
    """When a probed page was answering again for good, as seen from `after` (the restart):
    the start of the first probe of the run of 200s that ends the list, or `after` itself
    when that run began before it (the page never failed, or was back before the restart
    was over); None when the last probe failed, or none came after `after`."""
    since = None
    for started, status in sorted(probes):
        since = (started if since is None else since) if status == 200 else None
    if since is None or not any(started >= after for started, _status in probes):
        return None
    return max(since, after)


def between(records: list[Record], start: float, end: float | None = None) -> list[Record]:
    """The records answered (or failed) in [start, end)."""
    return [
        r
        for r in records
        if r.started + r.seconds >= start and (end is None or r.started + r.seconds < end)
    ]


def mixed_failures(level: dict) -> list[str]:
    found = []
    name = f"mixed load at {level['connections']} connections"
    if level["5xx"]:
        found.append(f"{name}: {level['5xx']} answers were 5xx")
    if level["timeouts"] or level["errors"]:
        found.append(f"{name}: {level['timeouts']} timeouts, {level['errors']} connection errors")
    if not level["exactly_once"]["ok"]:
        found.append(f"{name}: practice logs not stored exactly once {level['exactly_once']}")
    return found


def outage_failures(name: str, outage: dict, *, allow_5xx_during: bool) -> list[str]:
    found = []
    if not outage["same_app"]:
        found.append(f"{name}: the app stopped or restarted")
    for what, seconds in outage["recovery_s"].items():
        if seconds is None or seconds > RECOVERY_LIMIT:
            found.append(f"{name}: {what} did not recover within {RECOVERY_LIMIT} s")
    if outage["after"]["5xx"] or outage["after"]["timeouts"]:
        found.append(f"{name}: {outage['after']['5xx']} 5xx after recovery")
    if not allow_5xx_during and outage["during"]["5xx"]:
        found.append(f"{name}: {outage['during']['5xx']} 5xx while it was down")
    if not outage["exactly_once"]["ok"]:
        found.append(f"{name}: practice logs not stored exactly once {outage['exactly_once']}")
    return found


def failures(report: dict) -> list[str]:
    found = [problem for level in report["mixed"] for problem in mixed_failures(level)]
    if report.get("db_outage"):
        found += outage_failures("database outage", report["db_outage"], allow_5xx_during=True)
    if report.get("redis_outage"):
        found += outage_failures("Redis outage", report["redis_outage"], allow_5xx_during=False)
        signed_out = report["redis_outage"].get("signed_out", 0)
        if signed_out:
            found.append(f"Redis outage: {signed_out} signed-in requests were sent to sign in")
    return found


def exit_code(report: dict) -> int:
    """0 when every limit held, 1 when not (`make soak` fails)."""
    return 1 if failures(report) else 0


def format_table(header: list[str], rows: list[list]) -> str:
    cells = [header] + [["-" if v is None else str(v) for v in row] for row in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(header))]
    lines = [
        " | ".join(
            v.rjust(w) if i else v.ljust(w)
            for i, (v, w) in enumerate(zip(line, widths, strict=True))
        ).rstrip()
        for line in cells
    ]
    return "\n".join([lines[0], "-+-".join("-" * w for w in widths), *lines[1:]])


def mixed_table(levels: list[dict]) -> str:
    header = ["connections", "requests", "req/s", "5xx", "timeouts", "p50 ms", "p95 ms"]
    header += ["logs sent", "posts", "rows", "exactly once"]
    rows = [
        [
            level["connections"],
            level["requests"],
            level["rps"],
            level["5xx"],
            level["timeouts"] + level["errors"],
            level["p50_ms"],
            level["p95_ms"],
            level["exactly_once"]["logs"],
            level["exactly_once"]["posts"],
            level["exactly_once"]["rows"],
            "yes" if level["exactly_once"]["ok"] else "NO",
        ]
        for level in levels
    ]
    return format_table(header, rows)


def outage_table(outage: dict) -> str:
    header = ["window", "requests", "5xx", "timeouts", "statuses"]
    rows = [
        [
            name,
            part["requests"],
            part["5xx"],
            part["timeouts"] + part["errors"],
            " ".join(f"{k}×{v}" for k, v in part["statuses"].items()),
        ]
        for name, part in (
            ("before", outage["before"]),
            ("down", outage["during"]),
            ("restarted, recovering", outage["recovering"]),
            ("recovered", outage["after"]),
        )
    ]
    return format_table(header, rows)


# --- Running -------------------------------------------------------------------------------


def soak_env(database_url: str, redis_url: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "LOG_LEVEL": "WARNING",
        "MEDIA_ROOT": str(OUT / "soak-media"),
        "PYTHONUNBUFFERED": "1",
    }


def run_python(env: dict, *args: str) -> str:
    result = subprocess.run([str(PYTHON), *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"`python {' '.join(args)}` exited {result.returncode}:\n{result.stderr[-4000:]}")
    return result.stdout


def status_of(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


def wait_until_healthy(app: AppServer, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not app.running():
            fail(f"scripts/serve.sh exited:\n{log.read_text()[-4000:]}")
        if status_of(app.base + "/healthz") == 200:
            return
        time.sleep(0.3)
    fail(f"the app did not answer /healthz within {timeout:.0f} s:\n{log.read_text()[-4000:]}")


def stored_rows(database_url: str, keys: list[str]) -> dict:
    """Rows of students_practicelog per one-time key."""
    conn = psycopg2.connect(database_url)
    try:
        with conn.cursor() as cursor:
            cursor.execute(
                "SELECT submission::text, count(*) FROM students_practicelog "
                "WHERE submission::text = ANY(%s) GROUP BY submission",
                [keys],
            )
            return dict(cursor.fetchall())
    finally:
        conn.close()


def task_statuses(database_url: str) -> dict:
    """The task queue (published plans' PDFs) by status: READY ones wait for the worker."""
    conn = psycopg2.connect(database_url)
    try:
        with conn.cursor() as cursor:
            cursor.execute(
                "SELECT status, count(*) FROM django_tasks_database_dbtaskresult GROUP BY status"
            )
            return dict(sorted(cursor.fetchall()))
    finally:
        conn.close()


def drained_tasks(database_url: str, wait: float = 20) -> dict:
    """Task statuses once the worker has run what was queued (or `wait` seconds passed)."""
    deadline = time.monotonic() + wait
    while (statuses := task_statuses(database_url)).get("READY") and time.monotonic() < deadline:
        time.sleep(1)
    return statuses


def checked_logs(base: str, world: dict, ledger: Ledger, database_url: str) -> dict:
    post_unanswered(base, world, ledger)
    return exactly_once(ledger.sent, stored_rows(database_url, list(ledger.sent)))


def shares(total: int, parts: int) -> list[int]:
    """`total` requests shared as evenly as can be by `parts` runs."""
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def mixed_level(base, world, database_url, connections: int, requests: int) -> dict:
    ledger = Ledger()
    print(f"Mixed load: {requests} requests at {connections} connections …", flush=True)
    started = time.monotonic()
    records = run_load(base, world, ledger, connections, Budget(requests=requests))
    level = {"connections": connections, **summarize(records, time.monotonic() - started)}
    level["by_label"] = by_label(records)
    level["exactly_once"] = checked_logs(base, world, ledger, database_url)
    return level


def signed_in_probes(world: dict) -> list[tuple[str, str | None]]:
    student, teacher = world["students"][0], world["teachers"][0]
    return [
        ("/healthz", None),
        ("/library/", None),
        ("/", None),
        ("/me/", student["session"]),
        (f"/plans/{teacher['plan']}/", teacher["session"]),
    ]


def sign_in_attempts(base: str, login: dict, stop: threading.Event) -> list:
    """A sign-in with the right password and one with a wrong one, each second, until
    `stop`: [(time.monotonic(), "right"|"wrong", status)]."""
    seen, client = [], Client(base, [], Budget())
    while not stop.is_set():
        for kind, password in (("right", login["password"]), ("wrong", "not-the-password-1")):
            jar = {}
            client.request("sign-in page", "GET", "/accounts/login/", jar, counted=False)
            started = time.monotonic()
            status, _text = client.request(
                "sign in",
                "POST",
                "/accounts/login/",
                jar,
                {
                    "username": login["email"] if kind == "right" else "nobody@soak.test",
                    "password": password,
                },
                counted=False,
            )
            seen.append((started, kind, status))
        stop.wait(1.0)
    client.close()
    return seen


def outage(name, app, world, database_url, stop_service, start_service, *, sign_ins=False):
    """Load at FAULT_CONNECTIONS; the service stopped for OUTAGE_SECONDS, then started."""
    print(
        f"{name}: {OUTAGE_SECONDS} s down under load at {FAULT_CONNECTIONS} connections …",
        flush=True,
    )
    ledger, budget, done = Ledger(), Budget(), threading.Event()
    results: dict = {}
    pid = app.gunicorn_pid()

    def loader():
        results["records"] = run_load(app.base, world, ledger, FAULT_CONNECTIONS, budget)

    def prober(path, cookie):
        probe(app.base, path, cookie, done, results.setdefault(path, []))

    threads = [threading.Thread(target=loader)]
    threads += [threading.Thread(target=prober, args=p) for p in signed_in_probes(world)]
    if sign_ins:
        threads.append(
            threading.Thread(
                target=lambda: results.update(
                    sign_ins=sign_in_attempts(app.base, world["login"], done)
                )
            )
        )
    started = time.monotonic()
    for thread in threads:
        thread.daemon = True
        thread.start()
    try:
        time.sleep(LEAD_SECONDS)
        down = time.monotonic()
        stop_service()
        time.sleep(OUTAGE_SECONDS)
        starting = time.monotonic()
        start_service()  # returns once the service accepts connections
        restarted = time.monotonic()
        while time.monotonic() - restarted < RECOVERY_LIMIT and app.running():
            probes = [results.get(p, []) for p, _ in signed_in_probes(world)]
            if all(recovered_at(p, restarted) for p in probes) and (
                time.monotonic() - max(recovered_at(p, restarted) for p in probes) > 1
            ):
                break
            time.sleep(0.5)
        time.sleep(TAIL_SECONDS)
    finally:
        budget.stopped.set()
        done.set()
        for thread in threads:
            thread.join(timeout=TIMEOUT_JOIN)
    records = results["records"]
    recovery = {
        path: (
            None
            if (at := recovered_at(results[path], restarted)) is None
            else round(at - restarted, 1)
        )
        for path, _cookie in signed_in_probes(world)
    }
    back = max((restarted + s for s in recovery.values() if s is not None), default=restarted)
    report = {
        "seconds_down": round(restarted - down, 1),
        "seconds_to_start": round(restarted - starting, 1),
        "before": summarize(between(records, started, down)),
        "during": summarize(between(records, down, restarted)),
        "during_by_label": by_label(between(records, down, restarted)),
        "recovering": summarize(between(records, restarted, back)),
        "after": summarize(between(records, back)),
        "recovery_s": recovery,
        "probes_during": {
            path: dict(Counter(str(s) for t, s in results[path] if down <= t < restarted))
            for path, _cookie in signed_in_probes(world)
        },
        "same_app": app.running() and app.gunicorn_pid() == pid,
        "exactly_once": checked_logs(app.base, world, ledger, database_url),
    }
    report["signed_out"] = sum(
        1
        for r in between(records, down)
        if r.label.startswith(("student", "teacher"))
        and r.status == 302
        and r.label.endswith(("/me/", "player", "builder", "history"))
    )
    if sign_ins:
        report["sign_ins_during"] = {
            kind: dict(
                Counter(
                    str(s) for t, k, s in results["sign_ins"] if k == kind and down <= t < restarted
                )
            )
            for kind in ("right", "wrong")
        }
        report["sign_ins_after"] = {
            kind: dict(
                Counter(str(s) for t, k, s in results["sign_ins"] if k == kind and t >= back)
            )
            for kind in ("right", "wrong")
        }
    return report


def print_report(report: dict) -> None:
    print(
        f"\nMachine: {os.cpu_count()} cores (shared); app: scripts/serve.sh (gunicorn, 2 sync "
        "workers, task worker) on loopback; private PostgreSQL and Redis"
    )
    print(f"\nMixed load ({REQUESTS} requests in all):\n")
    print(mixed_table(report["mixed"]))
    for key, title in (("db_outage", "PostgreSQL"), ("redis_outage", "Redis")):
        outage_report = report.get(key)
        if not outage_report:
            continue
        print(
            f"\n{title} stopped for {outage_report['seconds_down']} s under load "
            f"({FAULT_CONNECTIONS} connections):\n"
        )
        print(outage_table(outage_report))
        recovery = ", ".join(f"{path} {s} s" for path, s in outage_report["recovery_s"].items())
        print(
            f"Answering 200 again once it accepted connections ({outage_report['seconds_to_start']}"
            f" s after it was started): {recovery}"
        )
        print(
            "Probes while down: "
            + "; ".join(
                f"{path} {' '.join(f'{k}×{v}' for k, v in c.items())}"
                for path, c in outage_report["probes_during"].items()
            )
        )
        if "sign_ins_during" in outage_report:
            print(
                "Sign-ins while down: "
                + "; ".join(
                    f"{kind} password {' '.join(f'{k}×{v}' for k, v in c.items()) or 'none'}"
                    for kind, c in outage_report["sign_ins_during"].items()
                )
            )
            print(
                "Sign-ins once back: "
                + "; ".join(
                    f"{kind} password {' '.join(f'{k}×{v}' for k, v in c.items()) or 'none'}"
                    for kind, c in outage_report["sign_ins_after"].items()
                )
            )
        logs = outage_report["exactly_once"]
        print(
            f"Practice logs: {logs['logs']} sent in {logs['posts']} posts, {logs['rows']} rows, "
            f"exactly once: {'yes' if logs['ok'] else 'NO'}; same app process: "
            f"{'yes' if outage_report['same_app'] else 'NO'}"
        )
    if report.get("tasks"):
        print(
            "\nPDF tasks queued by the publishes: "
            + ", ".join(f"{n} {status.lower()}" for status, n in report["tasks"].items())
        )
    if report.get("redis_note"):
        print(f"\n{report['redis_note']}")


def main() -> int:
    faulthandler.register(signal.SIGUSR1)  # `kill -USR1 <pid>` prints where each thread is
    started = time.monotonic()
    OUT.mkdir(parents=True, exist_ok=True)
    pg = PrivatePostgres(PG_PORT)
    redis = PrivateRedis(REDIS_PORT) if PrivateRedis.available() else None
    app = None
    report: dict = {"requests": REQUESTS, "cores": os.cpu_count()}
    try:
        print(f"Private PostgreSQL on 127.0.0.1:{PG_PORT} ({pg.root}) …", flush=True)
        pg.create()
        if redis:
            redis.start()
        else:
            report["redis_note"] = "redis-server is not installed: no Redis outage phase."
        env = soak_env(pg.url, redis.url if redis else "")
        run_python(env, "manage.py", "migrate", "--noinput", "-v0")
        run_python(env, "manage.py", "load_library")
        world = json.loads(run_python(env, "bench/soak_seed.py").strip().splitlines()[-1])
        log = OUT / "soak-serve.log"
        app = AppServer(env, APP_PORT, log)
        app.start()
        wait_until_healthy(app, log)
        report["mixed"] = [
            mixed_level(app.base, world, pg.url, connections, requests)
            for connections, requests in zip(LEVELS, shares(REQUESTS, len(LEVELS)), strict=True)
        ]
        report["db_outage"] = outage("PostgreSQL outage", app, world, pg.url, pg.stop, pg.start)
        if redis:
            report["redis_outage"] = outage(
                "Redis outage", app, world, pg.url, redis.stop, redis.start, sign_ins=True
            )
        try:
            report["tasks"] = drained_tasks(pg.url)
        except psycopg2.Error as error:  # a figure to show, not a limit: never lose the rest
            report["tasks"] = {f"unknown ({error})".strip(): 0}
    except KeyboardInterrupt:
        print("soak: interrupted", file=sys.stderr)
        return 130
    finally:
        if app:
            app.stop()
        if redis:
            redis.destroy()
        pg.destroy()
    print_report(report)
    report["seconds"] = round(time.monotonic() - started)
    report["failures"] = failures(report)
    (OUT / "soak.json").write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nWritten to bench/out/soak.json; {report['seconds']} s in all.")
    for problem in report["failures"]:
        print(f"FAIL: {problem}")
    return exit_code(report)


if __name__ == "__main__":
    sys.exit(main())

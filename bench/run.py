"""Rollcall benchmark: `make bench` (or `.venv/bin/python bench/run.py`).

Recreates a PostgreSQL database (BENCH_DATABASE_URL, default rollcall_bench), migrates it,
loads the starter library and seeds a sizeable dataset (bench/seed.py), then serves the
app with gunicorn (2 sync workers, DEBUG off) on a free loopback port. Each page in PAGES
is checked for a 200, warmed up with wrk for a second, then:

- its **server time** is read from the `Server-Timing` header the app sends
  (config/timing.py: `db;dur=…, render;dur=…, total;dur=…`) on BENCH_SAMPLES (default 15)
  sequential requests over HTTP. The table shows the median total and the medians of its
  split: database, template rendering (without the queries made while rendering) and
  the rest (total - db - render, per request). Being measured in the app, these figures
  do not depend on the load on the machine as much as latencies do;
- it is loaded with wrk for BENCH_SECONDS (default 5), waiting after each wrk run for the
  requests it left in flight (req/s, p50/p95/p99 latency under 8 connections);
- its SQL queries per request are counted with Django's test client (bench/queries.py).

Each page is held to two budgets, and the table marks each miss with ✗: a median server
time of at most SERVER_BUDGET_MS (10 ms), and req/s of at least RPS_BUDGET (a tenth) of
the baseline's in the same run. A `once` page (a PDF's first render) is timed on its
single first request: its server time is that request's, and it has no req/s budget.
The table is printed and written, with the budgets, to bench/out/latest.json.

The app runs as in production: DEBUG off, PostgreSQL, and Redis for the cache and the
sessions when it answers at BENCH_REDIS_URL (default redis://127.0.0.1:6379/15, emptied at
the start; set it empty to use each worker's local memory).

No task worker runs while pages are loaded, so the PDFs the seed's publishes queued stay
unrendered and "plan PDF, first render" is a render on demand (in a worker that loaded
WeasyPrint at start, config/gunicorn.py). After the pages, the bench plan is published again
with a task worker running, and the time until both of its PDFs are stored is reported.

Adding a page: append a Page(label, path, who) to PAGES; `{name}` in a path is filled
from the ids bench/seed.py reports. `who` is None for an anonymous
visitor or a key of seed.BENCH_USERS ("teacher", "curator") for a signed-in one; add a
user there if a new role is needed. A page that does not answer 200 is shown as
"missing (status N)" unless it is marked required=True, which makes the run fail.
The first page is the baseline every other page's req/s is compared with.
If the page needs data, add a seed step to SEED_STEPS in bench/seed.py.
"""

import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

import psycopg2
import redis
from psycopg2 import sql


class Page(NamedTuple):
    label: str
    path: str
    who: str | None = None  # None: anonymous; else a key of seed.BENCH_USERS
    required: bool = False  # a failing required page stops the run
    once: bool = False  # time a single first request (e.g. a PDF's first render), no load
    language: str | None = None  # a language cookie (issue 18), e.g. "fr"; None: none sent


PAGES = [
    Page("baseline: landing /", "/", None, required=True),
    Page("healthz", "/healthz", None, required=True),
    Page("library", "/library/", None, required=True),
    Page("library search q=levator", "/library/?q=levator", None, required=True),
    Page("library search q=IT band (synonym)", "/library/?q=IT+band", None, required=True),
    Page("library search q=desk worker (close)", "/library/?q=desk+worker", None),
    Page("library search q=plantr fascitis", "/library/?q=plantr+fascitis", None),
    Page(
        "library filter region+action",
        "/library/?region=upper-back&action=pin",
        None,
        required=True,
    ),
    Page("technique detail", "/library/massage-ball-upper-body-wall/", None, required=True),
    Page("library (teacher)", "/library/", "teacher", required=True),
    Page("curate queue (curator)", "/curate/", "curator"),
    # Paths may name seeded objects: {plan} is a published 36-step plan (bench/seed.py).
    Page("plans list (teacher, 41 plans)", "/plans/", "teacher", required=True),
    Page("plan builder (36 steps)", "/plans/{plan}/", "teacher", required=True),
    Page("plan print page", "/plans/{plan}/print/", "teacher", required=True),
    Page("plan teach mode", "/plans/{plan}/teach/", "teacher", required=True),
    Page("plan PDF, first render", "/plans/{plan}/pdf/", "teacher", required=True, once=True),
    Page("plan PDF, stored", "/plans/{plan}/pdf/", "teacher", required=True),
    Page("shared plan (anonymous)", "/share/{share_token}/", None, required=True),
    Page("courses list (teacher)", "/courses/", "teacher", required=True),
    Page("course page (300 enrolled)", "/courses/{course}/", "teacher", required=True),
    Page(
        "session page (300 to mark)",
        "/courses/{course}/sessions/{session}/",
        "teacher",
        required=True,
    ),
    # The check scenario: {check_plan} (20 published versions) is checked against the roster
    # of {check_course}, 300 enrolled, 30 with health notes; {check_session} teaches its
    # newest version (seed_check_scenario in bench/seed.py).
    Page("check: plan builder (300, 30 notes)", "/plans/{check_plan}/", "teacher", required=True),
    Page("check: plan print page", "/plans/{check_plan}/print/", "teacher", required=True),
    Page(
        "check: session page (20 versions)",
        "/courses/{check_course}/sessions/{check_session}/",
        "teacher",
        required=True,
    ),
    Page("students list (500 on roster)", "/students/", "teacher", required=True),
    Page("student page", "/students/{student}/", "teacher", required=True),
    Page(
        "course adherence (300 students)", "/courses/{course}/adherence/", "teacher", required=True
    ),
    Page("teacher dashboard (flags)", "/", "teacher", required=True),
    Page("student: /me/", "/me/", "student", required=True),
    Page("student: routine player", "/me/routines/{routine}/", "student", required=True),
    Page("student: history (a year of logs)", "/me/history/", "student", required=True),
    # The same key pages read in French (issue 18): the library's translations, French
    # search, the frozen plan localised for its reader.
    Page("fr: library search q=omoplate", "/library/?q=omoplate", None, True, language="fr"),
    Page(
        "fr: technique detail", "/library/massage-ball-upper-body-wall/", None, True, language="fr"
    ),
    Page("fr: plan builder (36 steps)", "/plans/{plan}/", "teacher", True, language="fr"),
    Page("fr: plan print page", "/plans/{plan}/print/", "teacher", True, language="fr"),
    Page("fr: plan teach mode", "/plans/{plan}/teach/", "teacher", True, language="fr"),
    Page("fr: student routine player", "/me/routines/{routine}/", "student", True, language="fr"),
]

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
OUT = BENCH / "out"
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/rollcall_bench"
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
WARMUP_SECONDS = 1
WRK_THREADS, WRK_CONNECTIONS = 2, 8
# wrk drops a request after 2 s by default and leaves it out of the latencies; the check
# pages queue longer than that under 8 connections, so wait for every answer.
WRK_TIMEOUT_SECONDS = 10
# Server time: the median of this many sequential requests, read from Server-Timing.
SERVER_SAMPLES = int(os.environ.get("BENCH_SAMPLES", "15"))
# The budgets every key page is held to (issue 12).
SERVER_BUDGET_MS = 10.0
RPS_BUDGET = 0.1  # of the baseline's req/s in the same run


# Redis for the cache and sessions, as in production (config/settings.py), when it answers:
# a database of its own, emptied at the start of each run. BENCH_REDIS_URL="" runs without.
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"


def bench_redis_url() -> str:
    url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL)
    if not url:
        return ""
    try:
        connection = redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=2)
        connection.flushdb()
    except redis.RedisError as error:
        print(f"Redis at {url} does not answer ({error}): local-memory cache per worker.")
        return ""
    return url


REDIS_URL = bench_redis_url()


def bench_env() -> dict[str, str]:
    """The environment of every process of the run: production-like, on the bench database."""
    return {
        **os.environ,
        "REDIS_URL": REDIS_URL,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL),
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "MEDIA_ROOT": str(OUT / "media"),
        "CONN_MAX_AGE": "600",
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }


def fail(message: str) -> None:
    raise SystemExit(f"bench: FAIL: {message}")


# --- Database ---------------------------------------------------------------


def recreate_database(url: str) -> None:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name or name == "postgres":
        fail(f"refusing to drop database {name!r} from {url}")
    conn = psycopg2.connect(parts._replace(path="/postgres").geturl())
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        conn.close()


def run_python(env: dict, *args: str, stdin: str | None = None) -> str:
    """Run a Python script of the project with the bench env; its stdout, or fail with stderr."""
    result = subprocess.run(
        [str(PYTHON), *args], cwd=ROOT, env=env, input=stdin, capture_output=True, text=True
    )
    if result.returncode != 0:
        fail(f"`python {' '.join(args)}` exited {result.returncode}:\n{result.stderr[-4000:]}")
    return result.stdout


def prepare_data(env: dict) -> dict:
    """Fresh database, schema, static files, starter library and the seeded dataset."""
    print(f"Recreating {env['DATABASE_URL']} …", flush=True)
    recreate_database(env["DATABASE_URL"])
    shutil.rmtree(env["MEDIA_ROOT"], ignore_errors=True)  # stored PDFs of the last run's plans
    run_python(env, "manage.py", "migrate", "--noinput", "-v0")
    run_python(env, "manage.py", "collectstatic", "--noinput", "-v0")
    run_python(env, "manage.py", "load_library")
    print("Seeding …", flush=True)
    seeded = json.loads(run_python(env, "bench/seed.py").strip().splitlines()[-1])
    vacuum_analyze(env["DATABASE_URL"])
    return seeded


def vacuum_analyze(url: str) -> None:
    """Statistics and clean pages, as autovacuum keeps them in production: a freshly seeded
    database has neither, and the planner would guess."""
    conn = psycopg2.connect(url)
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    finally:
        conn.close()


# --- Server -----------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env: dict, port: int, log: Path) -> subprocess.Popen:
    command = [
        str(GUNICORN),
        "config.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--worker-class",
        "sync",
        # As `make serve`: each worker loads WeasyPrint and its fonts at start, so "plan PDF,
        # first render" times the render alone, not the import.
        "--config",
        str(ROOT / "config" / "gunicorn.py"),
    ]
    with log.open("w") as out:
        # Its own session: Ctrl-C reaches only us, and we stop gunicorn in order.
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_healthy(base: str, server: subprocess.Popen, log: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            fail(f"gunicorn exited with {server.returncode}:\n{log.read_text()[-4000:]}")
        try:
            if fetch_status(base + "/healthz", None) == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    fail(f"gunicorn did not answer /healthz within {timeout:.0f} s:\n{log.read_text()[-4000:]}")


# --- Pages ------------------------------------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # a redirect is reported as its own status, not followed


OPENER = urllib.request.build_opener(NoRedirect)


def fetch(url: str, cookie: str | None, timeout: float = 30) -> tuple[int, str | None]:
    """GET url to the end of its body: its status and its Server-Timing header."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with OPENER.open(request, timeout=timeout) as response:
            response.read()
            return response.status, response.headers.get("Server-Timing")
    except urllib.error.HTTPError as error:
        error.read()
        return error.code, error.headers.get("Server-Timing")


def fetch_status(url: str, cookie: str | None, timeout: float = 30) -> int:
    return fetch(url, cookie, timeout)[0]


def cookie_for(page: Page, sessions: dict[str, str]) -> str | None:
    cookies = [f"sessionid={sessions[page.who]}"] if page.who else []
    if page.language:
        cookies.append(f"django_language={page.language}")
    return "; ".join(cookies) or None


def check_pages(base: str, pages: list[Page], sessions: dict[str, str]) -> tuple[dict, dict]:
    """GET every page once; fail on a required page that is not 200.

    A `once` page is timed here, on its first request, and not loaded again."""
    statuses, timings = {}, {}
    for page in pages:
        started = time.perf_counter()
        status, header = fetch(base + page.path, cookie_for(page, sessions))
        if page.once:
            ms = (time.perf_counter() - started) * 1000
            timings[page] = {
                "rps": 1000 / ms,
                "p50_ms": ms,
                "p95_ms": ms,
                "p99_ms": ms,
                "requests": 1,
                "non2xx": int(status != 200),
                **server_time_of([parse_server_timing(header)]),
            }
        print(f"  {status}  {page.path}  ({page.who or 'anonymous'})", flush=True)
        if status != 200 and page.required:
            fail(f"{page.label} ({page.path}) answered {status}, expected 200")
        statuses[page] = status
    return statuses, timings


# --- Server time ------------------------------------------------------------


def parse_server_timing(header: str | None) -> dict[str, float]:
    """{"db": ms, "render": ms, "total": ms} from `db;dur=1.2, render;dur=3.4, total;dur=5.6`."""
    return {
        match[1]: float(match[2]) for match in re.finditer(r"([\w-]+);dur=([\d.]+)", header or "")
    }


def server_time_of(samples: list[dict[str, float]]) -> dict[str, float | int | None]:
    """The medians of the samples' total, db, render and the rest (per request)."""
    samples = [sample for sample in samples if "total" in sample]
    if not samples:
        return {"server_ms": None, "db_ms": None, "render_ms": None, "other_ms": None}
    parts = {
        "server_ms": [s["total"] for s in samples],
        "db_ms": [s.get("db", 0.0) for s in samples],
        "render_ms": [s.get("render", 0.0) for s in samples],
        "other_ms": [
            max(0.0, s["total"] - s.get("db", 0.0) - s.get("render", 0.0)) for s in samples
        ],
    }
    return {
        **{key: statistics.median(values) for key, values in parts.items()},
        "server_samples": len(samples),
    }


def server_time(base: str, page: Page, sessions: dict[str, str]) -> dict:
    """SERVER_SAMPLES sequential requests on an otherwise idle server, timed by the app."""
    cookie = cookie_for(page, sessions)
    samples = [
        parse_server_timing(fetch(base + page.path, cookie)[1]) for _ in range(SERVER_SAMPLES)
    ]
    return server_time_of(samples)


# --- Load -------------------------------------------------------------------


def wrk(url: str, cookie: str | None, seconds: int) -> dict[str, float]:
    command = ["wrk", f"-t{WRK_THREADS}", f"-c{WRK_CONNECTIONS}", f"-d{seconds}s", "--latency"]
    command += ["--timeout", f"{WRK_TIMEOUT_SECONDS}s"]
    command += ["-s", str(BENCH / "report.lua")]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    result = subprocess.run([*command, url], capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"wrk exited {result.returncode}: {result.stderr or result.stdout}")
    return {
        match[1]: float(match[2])
        for match in re.finditer(r"^BENCH (\w+) (\S+)$", result.stdout, re.MULTILINE)
    }


def load(base: str, page: Page, sessions: dict[str, str]) -> dict[str, float]:
    """Warm up, time the page sequentially (server time), then load it with wrk."""
    cookie = cookie_for(page, sessions)
    wrk(base + page.path, cookie, WARMUP_SECONDS)
    drain(base)
    timed = server_time(base, page, sessions)
    stats = wrk(base + page.path, cookie, SECONDS)
    drain(base)
    return {**stats, **timed}


def drain(base: str) -> None:
    """Wait for the requests wrk left in flight when it stopped: gunicorn still serves them,
    and a slow page's leftovers (8 connections' worth) would eat into the next measurement.
    The probe queues behind them, so its answer means they are done (but one, at most)."""
    fetch_status(base + "/healthz", None, timeout=120)


def count_queries(env: dict, pages: list[Page]) -> list[int | None]:
    payload = json.dumps(
        [{"path": page.path, "who": page.who, "language": page.language} for page in pages]
    )
    return json.loads(run_python(env, "bench/queries.py", stdin=payload).strip().splitlines()[-1])


# --- Report -----------------------------------------------------------------


def error_summary(stats: dict[str, float]) -> str:
    counts = {"non2xx": int(stats.get("non2xx", 0))}
    for kind in ("connect", "read", "write", "timeout"):
        counts[kind] = int(stats.get(f"errors_{kind}", 0))
    return ", ".join(f"{n} {kind}" for kind, n in counts.items() if n) or "0"


def make_row(
    page: Page, status: int, stats: dict | None, queries, baseline_rps: float | None
) -> dict:
    row = {"page": page.label, "path": page.path, "who": page.who, "status": status}
    if stats is None:
        return {**row, "missing": True, "errors": f"missing (status {status})"}
    server_ms = stats.get("server_ms")
    return {
        **row,
        "rps": stats["rps"],
        "p50_ms": stats["p50_ms"],
        "p95_ms": stats["p95_ms"],
        "p99_ms": stats["p99_ms"],
        "queries": queries,
        "vs_baseline": stats["rps"] / baseline_rps if baseline_rps else None,
        "requests": int(stats["requests"]),
        "errors": error_summary(stats),
        "server_ms": server_ms,
        "db_ms": stats.get("db_ms"),
        "render_ms": stats.get("render_ms"),
        "other_ms": stats.get("other_ms"),
        "server_samples": stats.get("server_samples", 0),
        # None: not measured (a `once` page has no load, hence no req/s budget)
        "server_ok": None if server_ms is None else server_ms <= SERVER_BUDGET_MS,
        "rps_ok": (
            None if page.once or not baseline_rps else stats["rps"] >= RPS_BUDGET * baseline_rps
        ),
    }


def with_mark(value: float | None, ok: bool | None) -> str | None:
    """A figure with ✓ or ✗ after it when it is held to a budget."""
    if value is None:
        return None
    return f"{value:.1f}" + ("" if ok is None else " ✓" if ok else " ✗")


COLUMNS = [
    ("page", "page", "{}"),
    ("req/s", "rps_marked", "{}"),
    ("vs base", "vs_baseline", "{:.2f}x"),
    ("p50 ms", "p50_ms", "{:.1f}"),
    ("p95 ms", "p95_ms", "{:.1f}"),
    ("p99 ms", "p99_ms", "{:.1f}"),
    ("queries", "queries", "{}"),
    ("server ms", "server_marked", "{}"),
    ("db", "db_ms", "{:.1f}"),
    ("render", "render_ms", "{:.1f}"),
    ("other", "other_ms", "{:.1f}"),
    ("errors", "errors", "{}"),
]


def format_table(rows: list[dict]) -> str:
    cells = [[title for title, _, _ in COLUMNS]]
    for row in rows:
        row = {
            **row,
            "rps_marked": with_mark(row.get("rps"), row.get("rps_ok")),
            "server_marked": with_mark(row.get("server_ms"), row.get("server_ok")),
        }
        cells.append(
            [fmt.format(row[key]) if row.get(key) is not None else "-" for _, key, fmt in COLUMNS]
        )
    widths = [max(len(line[i]) for line in cells) for i in range(len(COLUMNS))]

    def line(values: list[str]) -> str:
        first, *numbers, last = values
        padded = [first.ljust(widths[0])]
        padded += [v.rjust(w) for v, w in zip(numbers, widths[1:-1], strict=True)]
        return " | ".join([*padded, last]).rstrip()

    rule = "-+-".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(c) for c in cells[1:])])


def budgets(rows: list[dict]) -> dict:
    baseline_rps = next((row["rps"] for row in rows if "rps" in row), None)
    return {
        "server_ms": SERVER_BUDGET_MS,
        "server_samples": SERVER_SAMPLES,
        "rps_vs_baseline": RPS_BUDGET,
        "baseline_rps": baseline_rps,
        "min_rps": RPS_BUDGET * baseline_rps if baseline_rps else None,
        "over_server_ms": [row["page"] for row in rows if row.get("server_ok") is False],
        "under_rps": [row["page"] for row in rows if row.get("rps_ok") is False],
    }


def print_report(counts: dict[str, int], rows: list[dict]) -> None:
    print("\nDataset: " + ", ".join(f"{n} {name}" for name, n in counts.items()))
    print(f"Machine: {os.cpu_count()} cores; gunicorn: 2 sync workers")
    cache = f"Redis ({REDIS_URL}), sessions cached in it" if REDIS_URL else "local memory"
    print(f"Cache: {cache}")
    wrk_flags = f"-t{WRK_THREADS} -c{WRK_CONNECTIONS} --timeout {WRK_TIMEOUT_SECONDS}s"
    print(f"Load: wrk {wrk_flags}, {SECONDS} s per page after a {WARMUP_SECONDS} s warm-up")
    print(
        f"Server time: median of {SERVER_SAMPLES} sequential requests (Server-Timing), "
        "split into db, render and other"
    )
    limits = budgets(rows)
    min_rps = f" = {limits['min_rps']:.1f}" if limits["min_rps"] else ""
    print(
        f"Budgets (✗ marks a miss): server ms ≤ {SERVER_BUDGET_MS:g}; "
        f"req/s ≥ {RPS_BUDGET:g} × the baseline's{min_rps}\n"
    )
    print(format_table(rows))
    measured = [row for row in rows if not row.get("missing")]
    print(
        f"\nOver {SERVER_BUDGET_MS:g} ms of server time: {len(limits['over_server_ms'])} "
        f"of {len(measured)} pages; under the req/s budget: {len(limits['under_rps'])}."
    )


def write_json(result: dict) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "latest.json"
    path.write_text(json.dumps(result, indent=2) + "\n")
    return path


# --- PDFs rendered after publishing ------------------------------------------

# Run by `manage.py shell` with the bench env (the database task backend): publish the bench
# plan again, then wait for the task worker to store both PDFs of the new version.
PUBLISH_AND_WAIT = """
import time
from classes import services
from classes.models import ClassPlan
plan = ClassPlan.objects.get(pk={plan})
started = time.perf_counter()
version = services.plan_publish(plan=plan, expected_version=plan.lock_version)
while time.perf_counter() - started < {timeout}:
    version.refresh_from_db()
    if version.pdf and version.pdf_letter:
        print(round(time.perf_counter() - started, 2))
        break
    time.sleep(0.05)
else:
    print("timeout")
"""


CLEAR_QUEUE = "from django_tasks_db.models import DBTaskResult; DBTaskResult.objects.all().delete()"
WORKER_OPTIONS = ["--no-reload", "--no-startup-delay", "--interval", "0.05"]


def pdf_stored_after_publish(env: dict, seeded: dict, timeout: float = 60) -> float | None:
    """Seconds from publishing the bench plan until both of its PDFs are stored by a task
    worker (manage.py db_worker, as `make serve` starts it); None if they never were. The
    worker's first render includes importing WeasyPrint (about 0.35 s)."""
    # What the seed's publishes queued is dropped first: the worker renders this publish alone.
    run_python(env, "manage.py", "shell", "-c", CLEAR_QUEUE)
    log = OUT / "worker.log"
    with log.open("w") as out:
        worker = subprocess.Popen(
            [str(PYTHON), "manage.py", "db_worker", *WORKER_OPTIONS],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 30
        while "Starting worker" not in log.read_text():
            if worker.poll() is not None or time.monotonic() > deadline:
                fail(f"the task worker did not start:\n{log.read_text()[-4000:]}")
            time.sleep(0.1)
        code = PUBLISH_AND_WAIT.format(plan=int(seeded["ids"]["plan"]), timeout=timeout)
        answer = run_python(env, "manage.py", "shell", "-c", code).strip().splitlines()[-1]
    finally:
        stop(worker)
    return None if answer == "timeout" else float(answer)


# --- Main -------------------------------------------------------------------


def benchmark(env: dict, base: str, seeded: dict) -> list[dict]:
    sessions = seeded["sessions"]
    pages = [page._replace(path=page.path.format(**seeded["ids"])) for page in PAGES]
    print("Checking pages:", flush=True)
    statuses, timings = check_pages(base, pages, sessions)
    present = [page for page in pages if statuses[page] == 200 and not page.once]
    queries = dict(zip(present, count_queries(env, present), strict=True))
    rows, baseline_rps = [], None
    for page in pages:
        stats = None
        if page in timings:
            stats = timings[page]
        elif statuses[page] == 200:
            print(f"Loading {page.label} ({SECONDS} s) …", flush=True)
            stats = load(base, page, sessions)
            baseline_rps = baseline_rps or stats["rps"]
        rows.append(make_row(page, statuses[page], stats, queries.get(page), baseline_rps))
    return rows


def exit_on_sigterm(signum, frame) -> None:
    raise SystemExit("bench: terminated")  # unwinds through the finally that stops gunicorn


def main() -> None:
    started = time.monotonic()
    signal.signal(signal.SIGTERM, exit_on_sigterm)
    env = bench_env()
    seeded = prepare_data(env)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = OUT / "gunicorn.log"
    OUT.mkdir(parents=True, exist_ok=True)
    server = start_gunicorn(env, port, log)
    try:
        wait_until_healthy(base, server, log)
        rows = benchmark(env, base, seeded)
    except KeyboardInterrupt:
        raise SystemExit("bench: interrupted") from None
    finally:
        stop(server)
    print("Publishing the bench plan with a task worker running …", flush=True)
    stored_after = pdf_stored_after_publish(env, seeded)
    print_report(seeded["counts"], rows)
    search = json.loads(run_python(env, "bench/search_figures.py").strip().splitlines()[-1])
    print(
        f"Search engine ({search['published']} published techniques): index built in "
        f"{search['build_ms']} ms per library state; {search['queries']} judged queries ranked "
        f"in {search['query_median_ms']} ms median, {search['query_max_ms']} ms at most"
    )
    print(
        "Plan PDF, stored after publish (A4 and Letter, by the task worker): "
        + (f"{stored_after:.2f} s" if stored_after is not None else "not within 60 s ✗")
    )
    path = write_json(
        {
            "cores": os.cpu_count(),
            "cache": REDIS_URL or "local memory",
            "seconds": SECONDS,
            "dataset": seeded["counts"],
            "budgets": budgets(rows),
            "rows": rows,
            "pdf_stored_after_publish_s": stored_after,
            "search": search,
        }
    )
    print(f"\nWritten to {path.relative_to(ROOT)} in {time.monotonic() - started:.0f} s.")


if __name__ == "__main__":
    main()

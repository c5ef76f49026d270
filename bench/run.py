"""Rollcall benchmark: `make bench` (or `.venv/bin/python bench/run.py`).

Recreates a PostgreSQL database (BENCH_DATABASE_URL, default rollcall_bench), migrates it,
loads the starter library and seeds a sizeable dataset (bench/seed.py), then serves the
app with gunicorn (2 sync workers, DEBUG off) on a free loopback port. Each page in PAGES
is checked for a 200, warmed up for a second, then loaded with wrk for BENCH_SECONDS
(default 5), waiting after each wrk run for the requests it left in flight; its SQL
queries per request are counted with Django's test client (bench/queries.py). The table
is printed and written to bench/out/latest.json.

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
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

import psycopg2
from psycopg2 import sql


class Page(NamedTuple):
    label: str
    path: str
    who: str | None = None  # None: anonymous; else a key of seed.BENCH_USERS
    required: bool = False  # a failing required page stops the run
    once: bool = False  # time a single first request (e.g. a PDF's first render), no load


PAGES = [
    Page("baseline: landing /", "/", None, required=True),
    Page("healthz", "/healthz", None, required=True),
    Page("library", "/library/", None, required=True),
    Page("library search q=levator", "/library/?q=levator", None, required=True),
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


def bench_env() -> dict[str, str]:
    """The environment of every process of the run: production-like, on the bench database."""
    return {
        **os.environ,
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
    return json.loads(run_python(env, "bench/seed.py").strip().splitlines()[-1])


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


def fetch_status(url: str, cookie: str | None, timeout: float = 30) -> int:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with OPENER.open(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def cookie_for(page: Page, sessions: dict[str, str]) -> str | None:
    return f"sessionid={sessions[page.who]}" if page.who else None


def check_pages(base: str, pages: list[Page], sessions: dict[str, str]) -> tuple[dict, dict]:
    """GET every page once; fail on a required page that is not 200.

    A `once` page is timed here, on its first request, and not loaded again."""
    statuses, timings = {}, {}
    for page in pages:
        started = time.perf_counter()
        status = fetch_status(base + page.path, cookie_for(page, sessions))
        if page.once:
            ms = (time.perf_counter() - started) * 1000
            timings[page] = {
                "rps": 1000 / ms,
                "p50_ms": ms,
                "p95_ms": ms,
                "p99_ms": ms,
                "requests": 1,
                "non2xx": int(status != 200),
            }
        print(f"  {status}  {page.path}  ({page.who or 'anonymous'})", flush=True)
        if status != 200 and page.required:
            fail(f"{page.label} ({page.path}) answered {status}, expected 200")
        statuses[page] = status
    return statuses, timings


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
    cookie = cookie_for(page, sessions)
    wrk(base + page.path, cookie, WARMUP_SECONDS)
    drain(base)
    stats = wrk(base + page.path, cookie, SECONDS)
    drain(base)
    return stats


def drain(base: str) -> None:
    """Wait for the requests wrk left in flight when it stopped: gunicorn still serves them,
    and a slow page's leftovers (8 connections' worth) would eat into the next measurement.
    The probe queues behind them, so its answer means they are done (but one, at most)."""
    fetch_status(base + "/healthz", None, timeout=120)


def count_queries(env: dict, pages: list[Page]) -> list[int | None]:
    payload = json.dumps([{"path": page.path, "who": page.who} for page in pages])
    return json.loads(run_python(env, "bench/queries.py", stdin=payload).strip().splitlines()[-1])


# --- Report -----------------------------------------------------------------


def error_summary(stats: dict[str, float]) -> str:
    counts = {"non2xx": int(stats.get("non2xx", 0))}
    for kind in ("connect", "read", "write", "timeout"):
        counts[kind] = int(stats.get(f"errors_{kind}", 0))
    return ", ".join(f"{n} {kind}" for kind, n in counts.items() if n) or "0"


def make_row(page: Page, status: int, stats: dict | None, queries, baseline_rps) -> dict:
    row = {"page": page.label, "path": page.path, "who": page.who, "status": status}
    if stats is None:
        return {**row, "missing": True, "errors": f"missing (status {status})"}
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
    }


COLUMNS = [
    ("page", "page", "{}"),
    ("req/s", "rps", "{:.1f}"),
    ("p50 ms", "p50_ms", "{:.2f}"),
    ("p95 ms", "p95_ms", "{:.2f}"),
    ("p99 ms", "p99_ms", "{:.2f}"),
    ("queries", "queries", "{}"),
    ("vs baseline", "vs_baseline", "{:.2f}x"),
    ("errors", "errors", "{}"),
]


def format_table(rows: list[dict]) -> str:
    cells = [[title for title, _, _ in COLUMNS]]
    for row in rows:
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


def print_report(counts: dict[str, int], rows: list[dict]) -> None:
    print("\nDataset: " + ", ".join(f"{n} {name}" for name, n in counts.items()))
    print(f"Machine: {os.cpu_count()} cores; gunicorn: 2 sync workers")
    wrk_flags = f"-t{WRK_THREADS} -c{WRK_CONNECTIONS} --timeout {WRK_TIMEOUT_SECONDS}s"
    print(f"Load: wrk {wrk_flags}, {SECONDS} s per page after a {WARMUP_SECONDS} s warm-up\n")
    print(format_table(rows))


def write_json(result: dict) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "latest.json"
    path.write_text(json.dumps(result, indent=2) + "\n")
    return path


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
    print_report(seeded["counts"], rows)
    path = write_json(
        {"cores": os.cpu_count(), "seconds": SECONDS, "dataset": seeded["counts"], "rows": rows}
    )
    print(f"\nWritten to {path.relative_to(ROOT)} in {time.monotonic() - started:.0f} s.")


if __name__ == "__main__":
    main()

"""The soak's load: threads, each with one HTTP connection, acting out a mixed day.

- **Anonymous visitors** open the landing page, the library (plain, searched, a technique)
  and the shared plan.
- **Students** open /me/ and their routine's player, then log a practice with the form's
  one-time key (`submission`); some logs are posted twice, one after the other (a retry
  after a lost answer) or at the same moment from two connections (a double tap).
  A log whose answer was a 5xx, a timeout or a broken connection is kept and posted again
  later with the same key, as the player does, so every log sent is eventually answered.
- **Teachers** (each thread is one teacher, with a plan of its own) open the builder, add
  a technique, remove a step, now and then publish, and open the plan list, print page or
  teach mode.

Every request is recorded (`Record`) with its start time, latency and status (or the
client-side error). `Ledger` remembers every practice log sent, so the soak can count the
rows stored for each key afterwards. Only the standard library is used: http.client, one
connection per thread (gunicorn's sync workers close it after each answer; it reopens).
"""

import contextlib
import datetime
import http.client
import random
import re
import threading
import time
import uuid
import zoneinfo
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

TIMEOUT_SECONDS = 20
WEIGHTS = {"anonymous": 45, "student": 35, "teacher": 20}
PUBLISH_EVERY = 25  # one teacher visit in this many publishes
SEARCHES = ["levator", "plantar", "neck", "feet", "hip", "IT band", "desk worker"]


@dataclass
class Record:
    label: str
    started: float  # time.monotonic()
    seconds: float
    status: int | None  # None: no answer (see error)
    error: str | None = None  # "timeout", or the name of the connection error
    server_ms: float | None = None  # the app's own time (Server-Timing: total)


@dataclass
class Ledger:
    """Every practice log sent: its key, the routine, and whether an answer confirmed it."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    sent: dict = field(default_factory=dict)  # submission -> {"routine", "acked", "posts"}
    retry: list = field(default_factory=list)  # (student index, submission) to post again

    def new(self, routine: int) -> str:
        key = str(uuid.uuid4())
        with self.lock:
            self.sent[key] = {"routine": routine, "acked": False, "posts": 0}
        return key

    def posted(self, key: str, acked: bool) -> None:
        with self.lock:
            entry = self.sent[key]
            entry["posts"] += 1
            entry["acked"] = entry["acked"] or acked

    def unanswered(self) -> list[str]:
        with self.lock:
            return [key for key, entry in self.sent.items() if not entry["acked"]]


class Budget:
    """Stops a phase after `requests` requests, or at `until` (time.monotonic()), or when
    stopped."""

    def __init__(self, requests: int | None = None, until: float | None = None):
        self.left, self.until = requests, until
        self.lock = threading.Lock()
        self.stopped = threading.Event()

    def take(self) -> bool:
        if self.stopped.is_set() or (self.until is not None and time.monotonic() >= self.until):
            return False
        with self.lock:
            if self.left is None:
                return True
            if self.left <= 0:
                return False
            self.left -= 1
            return True


class Client:
    """One connection, and the cookies of each person this thread plays."""

    def __init__(self, base: str, records: list, budget: Budget):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.records, self.budget = records, budget
        self.connection = self._connect()

    def _connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT_SECONDS)

    def request(self, label, method, path, jar, data=None, *, counted=True):
        """(status, body text); status None when no answer came. Raises OutOfBudget."""
        if counted and not self.budget.take():
            raise OutOfBudget
        headers = {"Host": f"{self.host}:{self.port}"}
        if jar:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in jar.items())
        body = None
        if data is not None:
            body = urlencode({**data, "csrfmiddlewaretoken": jar.get("csrftoken", "")})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.monotonic()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except TimeoutError:
            return self._failed(label, started, "timeout")
        except (OSError, http.client.HTTPException) as error:
            return self._failed(label, started, type(error).__name__)
        timing = SERVER_TOTAL.search(response.headers.get("Server-Timing") or "")
        self.records.append(
            Record(
                label,
                started,
                time.monotonic() - started,
                response.status,
                server_ms=float(timing[1]) if timing else None,
            )
        )
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value and morsel["max-age"] != "0":
                    jar[name] = morsel.value
                else:
                    jar.pop(name, None)
        return response.status, text

    def _failed(self, label, started, error):
        self.records.append(Record(label, started, time.monotonic() - started, None, error))
        self.connection.close()
        self.connection = self._connect()
        return None, ""

    def close(self) -> None:
        self.connection.close()


class OutOfBudget(Exception):
    pass


SERVER_TOTAL = re.compile(r"total;dur=([\d.]+)")
VERSION = re.compile(r'id="plan-version" value="(\d+)"')
REMOVE = re.compile(r'action="(/plans/\d+/steps/(\d+)/remove/)"')


class Visitor:
    """One load thread: picks a kind of visit by WEIGHTS, again and again."""

    def __init__(self, index: int, base: str, world: dict, ledger: Ledger, budget, records):
        self.rng = random.Random(index)
        self.world, self.ledger, self.base = world, ledger, base
        self.client = Client(base, records, budget)
        self.my_teacher = world["teachers"][index % len(world["teachers"])]
        self.teacher_jar = {"sessionid": self.my_teacher["session"]}
        self.student_jars = {}
        self.visits = 0
        self.zone = zoneinfo.ZoneInfo(world.get("time_zone", "Europe/London"))

    def run(self) -> None:
        kinds, weights = zip(*WEIGHTS.items(), strict=True)
        try:
            while True:
                kind = self.rng.choices(kinds, weights)[0]
                getattr(self, kind)()
                self.visits += 1
        except OutOfBudget:
            pass
        finally:
            self.client.close()

    def get(self, label, path, jar=None):
        return self.client.request(label, "GET", path, jar if jar is not None else {})

    # --- Anonymous -----------------------------------------------------------------

    def anonymous(self) -> None:
        jar = {}
        pages = [
            ("anonymous: landing", "/"),
            ("anonymous: library", "/library/"),
            ("anonymous: search", "/library/?" + urlencode({"q": self.rng.choice(SEARCHES)})),
            ("anonymous: technique", f"/library/{self.rng.choice(self.world['slugs'])}/"),
            ("anonymous: shared plan", f"/share/{self.world['share_token']}/"),
        ]
        for label, path in self.rng.sample(pages, 3):
            self.get(label, path, jar)

    # --- Students ------------------------------------------------------------------

    def student(self) -> None:
        with self.ledger.lock:
            pending = self.ledger.retry.pop() if self.ledger.retry else None
        index = pending[0] if pending else self.rng.randrange(len(self.world["students"]))
        student = self.world["students"][index]
        jar = self.student_jars.setdefault(index, {"sessionid": student["session"]})
        routine = student["routine"]
        if self.rng.random() < 0.5:
            self.get("student: /me/", "/me/", jar)
        self.get("student: player", f"/me/routines/{routine}/", jar)
        if "csrftoken" not in jar:  # no page came, so no form to post: maybe next time
            if pending:
                with self.ledger.lock:
                    self.ledger.retry.append(pending)
            return
        key = pending[1] if pending else self.ledger.new(routine)
        acked = self.log(index, key, jar)
        if acked and self.rng.random() < 0.1:
            self.log(index, key, jar)  # the answer was lost: the same log again
        elif acked and self.rng.random() < 0.05:
            self.double_tap(index, key, jar)
        if self.rng.random() < 0.2:
            self.get("student: history", "/me/history/", jar)

    def log_form(self, key: str) -> dict:
        return {
            "submission": key,
            "practised_on": datetime.datetime.now(self.zone).date().isoformat(),
            "minutes": self.rng.randint(1, 3),
            "tension_before": self.rng.randint(4, 8),
            "tension_after": self.rng.randint(1, 4),
            "note": "soak",
        }

    def log(self, index: int, key: str, jar: dict, client: Client | None = None) -> bool:
        routine = self.world["students"][index]["routine"]
        status, _text = (client or self.client).request(
            "student: log practice", "POST", f"/me/routines/{routine}/log/", jar, self.log_form(key)
        )
        acked = status == 302
        self.ledger.posted(key, acked)
        if not acked and (status is None or status >= 500):
            with self.ledger.lock:
                self.ledger.retry.append((index, key))  # posted again on a later visit
        return acked

    def double_tap(self, index: int, key: str, jar: dict) -> None:
        """The same log from two connections at once: one row, two redirects."""
        other = Client(self.base, self.client.records, self.client.budget)
        twin = threading.Thread(target=self._quietly, args=(index, key, dict(jar), other))
        twin.start()
        self.log(index, key, jar)
        twin.join()
        other.close()

    def _quietly(self, index, key, jar, client) -> None:
        with contextlib.suppress(OutOfBudget):
            self.log(index, key, jar, client)

    # --- Teachers ------------------------------------------------------------------

    def teacher(self) -> None:
        jar, plan = self.teacher_jar, self.my_teacher["plan"]
        builder = f"/plans/{plan}/"
        _status, page = self.get("teacher: builder", builder, jar)
        version = VERSION.search(page)
        if version is None:
            return
        self.client.request(
            "teacher: add step",
            "POST",
            f"{builder}steps/add/",
            jar,
            {
                "version": version[1],
                "section": self.rng.choice(self.my_teacher["sections"]),
                "technique": self.rng.choice(self.world["slugs"]),
            },
        )
        _status, page = self.get("teacher: builder", builder, jar)
        version, removable = VERSION.search(page), REMOVE.findall(page)
        if version and len(removable) > 6:
            newest = max(removable, key=lambda found: int(found[1]))
            self.client.request(
                "teacher: remove step", "POST", newest[0], jar, {"version": version[1]}
            )
            _status, page = self.get("teacher: builder", builder, jar)
            version = VERSION.search(page)
        if version and self.rng.randrange(PUBLISH_EVERY) == 0:
            self.client.request(
                "teacher: publish", "POST", f"{builder}publish/", jar, {"version": version[1]}
            )
        label, path = self.rng.choice(
            [
                ("teacher: plan list", "/plans/"),
                ("teacher: print page", f"{builder}print/"),
                ("teacher: teach mode", f"{builder}teach/"),
                ("teacher: dashboard", "/"),
            ]
        )
        self.get(label, path, jar)


def run_load(base: str, world: dict, ledger: Ledger, connections: int, budget: Budget) -> list:
    """`connections` visitors until the budget is spent: every Record, in no set order."""
    records: list[Record] = []
    visitors = [Visitor(i, base, world, ledger, budget, records) for i in range(connections)]
    threads = [threading.Thread(target=v.run, daemon=True) for v in visitors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return records


def post_unanswered(base: str, world: dict, ledger: Ledger) -> list:
    """Post again every log that has not been confirmed yet (the phone retries until it
    is): its Records. A log still unanswered after three rounds stays unanswered."""
    records: list[Record] = []
    by_routine = {s["routine"]: i for i, s in enumerate(world["students"])}
    visitor = Visitor(0, base, world, ledger, Budget(), records)
    for _round in range(3):
        keys = ledger.unanswered()
        if not keys:
            break
        for key in keys:
            index = by_routine[ledger.sent[key]["routine"]]
            jar = visitor.student_jars.setdefault(
                index, {"sessionid": world["students"][index]["session"]}
            )
            if "csrftoken" not in jar:
                visitor.get("student: player", f"/me/routines/{ledger.sent[key]['routine']}/", jar)
            visitor.log(index, key, jar)
    with ledger.lock:
        ledger.retry.clear()
    visitor.client.close()
    return records


def probe(base: str, path: str, cookie: str | None, stop: threading.Event, seen: list, every=0.2):
    """GET `path` every `every` seconds until `stop`, appending (time.monotonic() at the
    start, status or None) to `seen` as the answers come."""
    client = Client(base, [], Budget())
    jar = {"sessionid": cookie} if cookie else {}
    while not stop.is_set():
        started = time.monotonic()
        status, _text = client.request(path, "GET", path, dict(jar), counted=False)
        seen.append((started, status))
        stop.wait(max(0.0, every - (time.monotonic() - started)))
    client.close()

"""`make cluster-test`: checks a running `make cluster` through nginx only, and prints one line.

Every request goes to nginx (127.0.0.1:8140); which app server answered is read from the
X-Upstream header the cluster's nginx adds. A request meant for one server is sent again
(a GET) until round-robin lands on it. The checks look at the object storage and the database
only to confirm what the requests did (a PDF stored before anyone asked for it, writes that
are there). Exit status 0 when every check passes.
"""

import concurrent.futures
import hashlib
import io
import json
import os
import re
import signal
import sys
import threading
import time
import uuid
from html.parser import HTMLParser
from urllib.parse import urljoin

import cluster  # scripts/cluster.py: a script's own folder is on sys.path
import requests

BASE = f"http://127.0.0.1:{cluster.PORTS['nginx']}"
APP_A = f"127.0.0.1:{cluster.PORTS['app-a']}"
APP_B = f"127.0.0.1:{cluster.PORTS['app-b']}"
PASSWORD = "rollcall-demo"  # noqa: S105 - the demo's published password


class CheckFailed(Exception):
    pass


def expect(condition, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


# --- Forms as a browser would post them ---------------------------------------------------


class FormParser(HTMLParser):
    """Each <form>: its action, method and the fields a browser would send."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self.form = None
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.form = {"action": a.get("action", ""), "method": a.get("method", "get").lower()}
            self.form["fields"] = []
            self.forms.append(self.form)
        if self.form is None:
            return
        if tag == "input" and "name" in a and "disabled" not in a:
            kind = a.get("type", "text").lower()
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            if kind in {"submit", "button", "image", "file", "reset"}:
                return
            self.form["fields"].append(
                [a["name"], a.get("value", "on" if kind in {"checkbox", "radio"} else "")]
            )
        elif tag == "select" and "name" in a:
            self.select = {"name": a["name"], "first": None, "chosen": []}
        elif tag == "option" and self.select is not None:
            value = a.get("value", "")
            if self.select["first"] is None:
                self.select["first"] = value
            if "selected" in a:
                self.select["chosen"].append(value)
        elif tag == "textarea" and "name" in a:
            self.textarea = [a["name"], ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select" and self.select is not None and self.form is not None:
            chosen = self.select["chosen"] or (
                [self.select["first"]] if self.select["first"] is not None else []
            )
            for value in chosen:
                self.form["fields"].append([self.select["name"], value])
            self.select = None
        elif tag == "textarea" and self.textarea is not None and self.form is not None:
            self.form["fields"].append([self.textarea[0], self.textarea[1].lstrip("\n")])
            self.textarea = None


def find_form(html: str, action_pattern: str) -> dict:
    parser = FormParser()
    parser.feed(html)
    for form in parser.forms:
        if re.search(action_pattern, form["action"]):
            return form
    raise CheckFailed(f"no form posting to {action_pattern!r} on the page")


def with_fields(form: dict, **changes) -> list:
    fields = [field for field in form["fields"] if field[0] not in changes]
    return fields + [[name, value] for name, value in changes.items()]


# --- A visitor -----------------------------------------------------------------------------


class Visitor:
    def __init__(self):
        self.http = requests.Session()

    def request(self, method: str, path: str, *, want: str | None = None, **kwargs):
        """One request through nginx; with `want`, a GET is repeated until that app server
        answers it (round-robin alternates, so it takes one or two)."""
        kwargs.setdefault("allow_redirects", False)
        kwargs.setdefault("timeout", 60)
        for _attempt in range(8):
            response = self.http.request(method, urljoin(BASE, path), **kwargs)
            if want is None or response.headers.get("X-Upstream") == want:
                return response
            expect(method == "GET", "only a GET is repeated to reach an app server")
        raise CheckFailed(f"{path} never reached {want}")

    def get(self, path: str, **kwargs):
        return self.request("GET", path, **kwargs)

    def post_form(self, page: str, action: str, *, want=None, files=None, **changes):
        """Open `page`, fill the form that posts to `action` and post it."""
        html = self.get(page).text
        form = find_form(html, action)
        target = urljoin(urljoin(BASE, page), form["action"] or page)
        data = with_fields(form, **changes)
        return self.request("POST", target, data=data, files=files, want=want)

    def sign_in(self, email: str, password: str = PASSWORD, want=None):
        return self.post_form(
            "/accounts/login/", r"login", username=email, password=password, want=want
        )


def upstream(response) -> str:
    return response.headers.get("X-Upstream", "?")


# --- The checks ----------------------------------------------------------------------------


def check_health() -> str:
    seen = {}
    visitor = Visitor()
    for _ in range(6):
        response = visitor.get("/healthz")
        seen[upstream(response)] = (response.status_code, response.json())
    expect(set(seen) == {APP_A, APP_B}, f"/healthz answered only from {sorted(seen)}")
    for server, (status, body) in seen.items():
        want = {"status": "ok", "database": "ok", "redis": "ok", "storage": "ok"}
        expect(status == 200 and body == want, f"/healthz on {server}: {status} {body}")
    return "healthz: database, redis, storage ok on both"


def check_session() -> str:
    visitor = Visitor()
    response = visitor.sign_in("teacher@demo.rollcall.test")
    expect(response.status_code == 302, f"sign-in answered {response.status_code}")
    servers = []
    for _ in range(10):
        response = visitor.get("/plans/")
        expect(
            response.status_code == 200 and 'action="/accounts/logout/"' in response.text,
            f"/plans/ from {upstream(response)}: {response.status_code}, not signed in",
        )
        servers.append(upstream(response))
    expect({APP_A, APP_B} <= set(servers), f"requests did not alternate: {servers}")
    return f"session: 10/10 signed in across {len(set(servers))} servers"


def check_lockout() -> str:
    visitor = Visitor()
    servers = []
    form = find_form(visitor.get("/accounts/login/").text, r"login|^$")
    for _ in range(5):  # posts alone, so that round-robin alternates them
        wrong = with_fields(form, username="teacher2@demo.rollcall.test", password="wrong-one")  # noqa: S106
        response = visitor.request("POST", "/accounts/login/", data=wrong)
        expect(
            response.status_code in {200, 400, 401, 422} and "locked" not in response.text,
            f"a failed sign-in answered {response.status_code}",
        )
        servers.append(upstream(response))
    expect({APP_A, APP_B} <= set(servers), f"failed sign-ins all went to {servers}")
    right = with_fields(form, username="teacher2@demo.rollcall.test", password=PASSWORD)
    response = visitor.request("POST", "/accounts/login/", data=right)
    expect(
        response.status_code in {403, 429} and "locked" in response.text.lower(),
        f"the 6th sign-in (right password, {upstream(response)}) answered "
        f"{response.status_code}, not locked",
    )
    return f"lockout: 5 failures over 2 servers locked the account ({response.status_code})"


def check_cache() -> str:
    visitor = Visitor()
    visitor.sign_in("teacher@demo.rollcall.test")
    html = visitor.get("/plans/").text
    plan_id = re.search(r'href="/plans/(\d+)/"', html)
    expect(plan_id, "no plan on /plans/")
    plan_id = plan_id[1]
    for server in (APP_A, APP_B):  # each server has the list cached
        visitor.get("/plans/", want=server)
        visitor.get("/plans/", want=server)
    title = f"Cluster edit {uuid.uuid4().hex[:6]}"
    response = visitor.post_form(f"/plans/{plan_id}/", rf"/plans/{plan_id}/edit/", title=title)
    expect(response.status_code in {302, 303}, f"editing the plan answered {response.status_code}")
    edited_on = upstream(response)
    for server in (APP_A, APP_B):
        page = visitor.get("/plans/", want=server)
        expect(title in page.text, f"/plans/ on {server} still shows the old title")
    return f"cache: one edit on {edited_on[-4:]} showed on both"


def png(colour=(200, 60, 40)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, "PNG")
    return buffer.getvalue()


def a_technique(visitor) -> str:
    html = visitor.get("/library/").text
    slugs = [s for s in re.findall(r'href="/library/([a-z0-9-]+)/"', html) if s != "submissions"]
    expect(slugs, "no technique on /library/")
    return slugs[0]


def check_image() -> str:
    visitor = Visitor()
    visitor.sign_in("curator@demo.rollcall.test")
    slug = a_technique(visitor)
    picture = png()
    response = visitor.post_form(
        f"/curate/{slug}/edit/",
        rf"/curate/{slug}/edit/|^$",
        files={"image": ("cluster.png", picture, "image/png")},
    )
    expect(response.status_code in {302, 303}, f"the upload answered {response.status_code}")
    uploaded_on = upstream(response)
    other = APP_B if uploaded_on == APP_A else APP_A
    page = visitor.get(f"/library/{slug}/", want=other)
    src = re.search(r'<img[^>]+src="([^"]*/media/techniques/[^"]+)"', page.text)
    expect(src, f"the technique page on {other} shows no uploaded photo")
    served = requests.get(urljoin(BASE, src[1]), timeout=10)
    expect(served.status_code == 200, f"{src[1]} answered {served.status_code}")
    expect(
        hashlib.sha256(served.content).digest() == hashlib.sha256(picture).digest(),
        "the photo served is not the one uploaded",
    )
    return f"image: uploaded on {uploaded_on[-4:]}, served via {other[-4:]}"


def s3():
    import boto3

    env = cluster.app_env("media-check")
    return boto3.session.Session().client(
        "s3",
        endpoint_url=cluster.S3_ENDPOINT,
        region_name="us-east-1",
        aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
    )


def check_pdf() -> str:
    visitor = Visitor()
    visitor.sign_in("teacher@demo.rollcall.test")
    demo_plan = re.search(r'href="/plans/(\d+)/"', visitor.get("/plans/").text)[1]
    response = visitor.post_form("/plans/", rf"/plans/{demo_plan}/duplicate/")
    expect(response.status_code in {302, 303}, f"copying a plan answered {response.status_code}")
    plan_id = re.search(r"/plans/(\d+)/", response.headers["Location"])[1]
    expect(plan_id != demo_plan, "the copy has the plan's own id")
    response = visitor.post_form(f"/plans/{plan_id}/", rf"/plans/{plan_id}/publish/")
    expect(response.status_code in {302, 303}, f"publishing answered {response.status_code}")
    published_on = upstream(response)
    started = time.monotonic()
    key = None
    while time.monotonic() - started < 90 and key is None:
        listing = s3().list_objects_v2(Bucket=cluster.BUCKET, Prefix=f"plans/pdf/plan-{plan_id}-")
        keys = [item["Key"] for item in listing.get("Contents", [])]
        key = next((k for k in keys if k.endswith("-a4.pdf")), None)
        time.sleep(0.5)
    expect(key, f"the worker stored no PDF of plan {plan_id} within 90 s")
    stored = s3().get_object(Bucket=cluster.BUCKET, Key=key)["Body"].read()
    other = APP_B if published_on == APP_A else APP_A
    response = visitor.get(f"/plans/{plan_id}/pdf/", want=other)
    expect(response.status_code == 200, f"the PDF on {other} answered {response.status_code}")
    expect(response.content == stored, "the PDF served is not the one the worker stored")
    took = time.monotonic() - started
    return (
        f"pdf: published on {published_on[-4:]}, rendered by the worker in {took:.1f} s, "
        f"served via {other[-4:]}"
    )


def database():
    import dj_database_url
    import psycopg2

    config = dj_database_url.parse(cluster.DATABASE_URL)
    return psycopg2.connect(
        dbname=config["NAME"],
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        host=config["HOST"] or None,
        port=config["PORT"] or None,
    )


def check_failover() -> str:
    """Load through nginx from 4 threads for about 6 s; kill app server A (SIGKILL, its
    whole process group) after 2 s. Every GET must succeed (nginx retries it on B). Every
    POST that was answered 302 must be in the database; a POST answered 502 was in flight
    on A when it died: nginx does not replay it, and the database says whether it committed."""
    run = uuid.uuid4().hex[:6]
    visitors = []
    for _ in range(4):
        visitor = Visitor()
        visitor.sign_in("teacher@demo.rollcall.test")
        visitors.append(visitor)
    results = []
    lock = threading.Lock()
    stop_at = time.monotonic() + 6

    def load(index: int) -> None:
        visitor = visitors[index]
        n = 0
        while time.monotonic() < stop_at:
            n += 1
            if n % 3 == 0:  # a new plan: its form (a GET), then the POST
                title = f"Failover {run} {index}-{n}"
                try:
                    page = visitor.get("/plans/new/")
                    results.append(("GET", page.status_code, None, upstream(page)))
                    data = with_fields(find_form(page.text, r"^$|/plans/new/"), title=title)
                    response = visitor.request("POST", "/plans/new/", data=data)
                    outcome = ("POST", response.status_code, title, upstream(response))
                except requests.RequestException as error:
                    outcome = ("POST", 0, title, str(error))
            else:
                try:
                    response = visitor.get("/plans/")
                    outcome = ("GET", response.status_code, None, upstream(response))
                except requests.RequestException as error:
                    outcome = ("GET", 0, None, str(error))
            with lock:
                results.append(outcome)

    pids = json.loads(cluster.PIDS.read_text())
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        futures = [pool.submit(load, i) for i in range(4)]
        time.sleep(2)
        os.killpg(pids["app-a"], signal.SIGKILL)
        killed_at = len(results)
        for future in futures:
            future.result()
    gets = [r for r in results if r[0] == "GET"]
    posts = [r for r in results if r[0] == "POST"]
    failed_gets = [r for r in gets if r[1] != 200]
    with database() as conn, conn.cursor() as cursor:
        cursor.execute(
            "SELECT title FROM classes_classplan WHERE title LIKE %s", [f"Failover {run} %"]
        )
        stored = {row[0] for row in cursor.fetchall()}
    answered = [r for r in posts if r[1] in {302, 303}]
    lost = [r for r in answered if r[2] not in stored]
    in_flight = [r for r in posts if r[1] not in {302, 303}]
    expect(not failed_gets, f"GETs failed during the kill: {failed_gets[:3]}")
    expect(not lost, f"writes answered 302 but missing: {lost[:3]}")
    expect(
        all(r[1] == 502 for r in in_flight), f"POSTs failed other than by a 502: {in_flight[:3]}"
    )
    expect(killed_at < len(results), "no request was made after the kill")
    committed = sum(1 for r in in_flight if r[2] in stored)
    cluster.restart_app("app-a")
    return (
        f"failover: {len(gets)} GETs all 200, {len(answered)} POSTs all stored, "
        f"{len(in_flight)} in flight got 502 ({committed} of them committed)"
    )


def check_storage_down() -> str:
    """Last, since moto keeps its objects in memory: stop the S3 stand-in. /healthz reports
    the storage down on both servers, pages without media serve, an upload gets a message."""
    pids = json.loads(cluster.PIDS.read_text())
    os.killpg(pids["s3"], signal.SIGTERM)
    time.sleep(1)
    visitor = Visitor()
    for server in (APP_A, APP_B):
        response = visitor.get("/healthz", want=server)
        body = response.json()
        expect(
            response.status_code == 200
            and body.get("storage") == "unavailable"
            and body.get("database") == "ok",
            f"/healthz on {server} with the storage down: {response.status_code} {body}",
        )
    for path in ("/", "/library/", "/accounts/login/"):
        response = visitor.get(path)
        expect(response.status_code == 200, f"{path} answered {response.status_code}")
    visitor.sign_in("curator@demo.rollcall.test")
    slug = a_technique(visitor)
    response = visitor.post_form(
        f"/curate/{slug}/edit/",
        rf"/curate/{slug}/edit/|^$",
        files={"image": ("down.png", png((10, 10, 200)), "image/png")},
    )
    expect(
        response.status_code in {200, 422} and "could not be stored" in response.text,
        f"an upload with the storage down answered {response.status_code}",
    )
    return "storage down: healthz says so, pages serve, upload refused with a message"


CHECKS = [
    check_health,
    check_session,
    check_lockout,
    check_cache,
    check_image,
    check_pdf,
    check_failover,
    check_storage_down,
]


def main() -> int:
    passed, lines, failures = 0, [], []
    started = time.monotonic()
    for check in CHECKS:
        try:
            lines.append(check())
            passed += 1
        except Exception as error:  # report every check, then fail
            failures.append(f"{check.__name__}: {error}")
    took = time.monotonic() - started
    status = "passed" if not failures else "FAILED"
    summary = (
        f"cluster-test: {passed}/{len(CHECKS)} checks {status} through nginx in {took:.0f} s: "
        + "; ".join(lines + [f"FAILED {failure}" for failure in failures])
    )
    (cluster.STATE / "logs").mkdir(parents=True, exist_ok=True)
    with open(cluster.STATE / "logs" / "cluster-test.log", "a") as log:
        log.write(summary + "\n")
    print(summary)
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())

"""The Server-Timing header (config/timing.py): on every response, per request, well-formed."""

import io
import re
import threading
import time

import pytest
from django.db import connection
from django.http import FileResponse, HttpResponse
from django.template import engines
from django.test import Client, RequestFactory
from django.urls import include, path, reverse

from accounts.models import User
from config import timing
from tests.factories import CourseFactory, make_plan

HEADER = re.compile(r"db;dur=(\d+\.\d), render;dur=(\d+\.\d), total;dur=(\d+\.\d)")
SLOW = 0.05  # seconds a "slow" query or template takes in the views below


def server_timing(response) -> dict[str, float]:
    """The header's durations in ms, after checking its form and that db and render fit."""
    match = HEADER.fullmatch(response["Server-Timing"])
    assert match, response["Server-Timing"]
    db, render, total = map(float, match.groups())
    # db and render never overlap; each figure is rounded to 0.1 ms.
    assert db + render <= total + 0.2
    return {"db": db, "render": render, "total": total}


# --- A URLconf of views that take a known time (used with pytest.mark.urls) -------------


def sleep_before_execute(execute, sql, params, many, context):
    time.sleep(SLOW)
    return execute(sql, params, many, context)


def slow_query():
    """One query that takes SLOW seconds as the app's wrapper sees it."""
    with connection.execute_wrapper(sleep_before_execute):
        User.objects.exists()
    return ""


def slow_render():
    time.sleep(SLOW)
    return ""


def render_string(code: str, **context) -> str:
    return engines["django"].from_string(code).render(context)


def slow_query_view(request):
    slow_query()
    return HttpResponse("done")


def slow_template_view(request):
    return HttpResponse(render_string("{{ slow }}", slow=slow_render))


def nested_template_view(request):
    # The inner template renders inside the outer one: its time must be counted once.
    inner = lambda: render_string("{{ slow }}", slow=slow_render)  # noqa: E731
    return HttpResponse(render_string("<p>{{ inner }}</p>", inner=inner))


def query_in_template_view(request):
    return HttpResponse(render_string("{{ query }}", query=slow_query))


def file_view(request):
    return FileResponse(io.BytesIO(b"%PDF-1.7\n" * 10_000), filename="plan.pdf")


def broken_view(request):
    raise RuntimeError("boom")


urlpatterns = [
    path("slow-query/", slow_query_view),
    path("slow-template/", slow_template_view),
    path("nested-template/", nested_template_view),
    path("query-in-template/", query_in_template_view),
    path("file/", file_view),
    path("broken/", broken_view),
    path("", include("config.urls")),
]
timed_views = pytest.mark.urls("tests.test_server_timing")


# --- The app's own pages ------------------------------------------------------------------


def test_html_page_reports_its_rendering(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert server_timing(response)["render"] > 0


def test_json_page_renders_no_template(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert server_timing(response)["render"] == 0


def test_not_found_page_has_the_header(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert server_timing(response)["render"] > 0  # the 404.html page


def test_redirect_has_the_header(client, db):
    response = client.get(reverse("classes:plan-list"))
    assert response.status_code == 302
    assert server_timing(response)["render"] == 0


def test_page_that_queries_reports_database_time(login, teacher):
    course = CourseFactory(teacher=teacher)
    make_plan(teacher, title="Tuesday class")
    response = login(teacher).get(reverse("classes:course-detail", kwargs={"pk": course.pk}))
    assert response.status_code == 200
    timings = server_timing(response)
    assert timings["db"] > 0
    assert timings["render"] > 0


# --- What each figure counts -------------------------------------------------------------


@timed_views
def test_db_counts_the_time_queries_take(client, db):
    timings = server_timing(client.get("/slow-query/"))
    assert timings["db"] >= SLOW * 1000
    assert timings["render"] == 0
    assert timings["total"] >= timings["db"]


@timed_views
def test_render_counts_the_time_templates_take(client, db):
    timings = server_timing(client.get("/slow-template/"))
    assert timings["render"] >= SLOW * 1000
    assert timings["db"] < SLOW * 1000


@timed_views
def test_a_template_rendered_inside_another_is_counted_once(client, db):
    timings = server_timing(client.get("/nested-template/"))
    assert SLOW * 1000 <= timings["render"] < 1.8 * SLOW * 1000


@timed_views
def test_queries_made_while_rendering_count_as_db_not_render(client, db):
    timings = server_timing(client.get("/query-in-template/"))
    assert timings["db"] >= SLOW * 1000
    assert timings["render"] < 0.8 * SLOW * 1000


@timed_views
def test_streamed_file_keeps_its_content_and_gets_the_header(client, db):
    response = client.get("/file/")
    assert response.status_code == 200
    assert response.streaming
    assert b"".join(response.streaming_content) == b"%PDF-1.7\n" * 10_000
    assert server_timing(response)["render"] == 0


@timed_views
def test_server_error_page_has_the_header(db):
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    server_timing(response)


# --- One request's figures stay with it -----------------------------------------------------


@timed_views
def test_consecutive_requests_do_not_share_timings(client, db):
    slow = server_timing(client.get("/slow-query/"))
    rendered = server_timing(client.get("/slow-template/"))
    health = server_timing(client.get(reverse("healthz")))
    assert slow["db"] >= SLOW * 1000
    assert rendered["db"] < SLOW * 1000
    assert rendered["render"] >= SLOW * 1000
    assert health["db"] < SLOW * 1000
    assert health["render"] == 0
    assert timing._current.get() is None  # nothing left behind after a request


def test_concurrent_requests_in_threads_do_not_share_timings():
    """A renders a slow template while B is in flight: B must not be charged for it."""
    both_started, a_rendered = threading.Barrier(2, timeout=5), threading.Event()

    def view_a(request):
        both_started.wait()
        html = render_string("{{ slow }}", slow=slow_render)
        a_rendered.set()
        return HttpResponse(html)

    def view_b(request):
        both_started.wait()
        assert a_rendered.wait(timeout=5)
        return HttpResponse("b")

    responses = {}

    def serve(name, view):
        middleware = timing.ServerTimingMiddleware(view)
        responses[name] = middleware(RequestFactory().get("/"))

    threads = [threading.Thread(target=serve, args=item) for item in (("a", view_a), ("b", view_b))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert server_timing(responses["a"])["render"] >= SLOW * 1000
    assert server_timing(responses["b"])["render"] == 0

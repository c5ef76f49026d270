"""A `Server-Timing` header on every response: `db;dur=…, render;dur=…, total;dur=…`.

Durations are in milliseconds with one decimal, as browsers' network panels and the
bench (bench/run.py) read them:

- **total**: the whole request as `ServerTimingMiddleware` sees it (`time.perf_counter`
  around the rest of the middleware chain, the view and the template rendering). The
  middleware is first in MIDDLEWARE, so this is nearly everything the app does. A streamed
  body (a `FileResponse` PDF) is sent after the header, so sending it is not included.
- **db**: time spent executing SQL, measured by a `connection.execute_wrapper` on every
  configured database alias. It covers the database round trip (`cursor.execute`), not
  building model instances from the rows, nor opening a new connection.
- **render**: time spent in the top-level `render()` of templates from the
  `TimedDjangoTemplates` backend (settings.TEMPLATES), **minus the queries made while
  rendering** (a lazy queryset evaluated in a template counts as db). Includes and
  templates rendered inside another render (crispy forms, `render_to_string` in a tag)
  happen within the outer render and are not counted twice. 0 when no template is
  rendered (JSON, redirects, files).

db and render do not overlap, so `total - db - render` is the rest: Python in views and
middleware, building model instances, PDF layout.

The figures of one request live in a `ContextVar`, so threads (gunicorn gthread workers,
the live test server) and consecutive requests in one thread never mix. Anyone can read
the header; it tells no more than the response's own latency does.
"""

import time
from contextlib import ExitStack
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import connections
from django.template.backends.django import DjangoTemplates, Template


@dataclass
class Timings:
    """Seconds spent so far in one request."""

    db: float = 0.0
    render: float = 0.0
    rendering: bool = False  # inside a top-level render: nested renders are not counted again

    def header(self, total: float) -> str:
        return ", ".join(
            f"{name};dur={seconds * 1000:.1f}"
            for name, seconds in (("db", self.db), ("render", self.render), ("total", total))
        )


_current: ContextVar[Timings | None] = ContextVar("server_timing", default=None)


class ServerTimingMiddleware:
    """Time the request, its queries and its template rendering; say so in `Server-Timing`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        timings = Timings()
        token = _current.set(timings)

        def time_query(execute, sql, params, many, context):
            query_started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                timings.db += time.perf_counter() - query_started

        try:
            with ExitStack() as wrappers:
                for alias in connections:
                    wrappers.enter_context(connections[alias].execute_wrapper(time_query))
                response = self.get_response(request)
        finally:
            _current.reset(token)
        response["Server-Timing"] = timings.header(time.perf_counter() - started)
        return response


class TimedTemplate(Template):
    """A Django template whose top-level `render()` adds its time to the request's render."""

    def render(self, context=None, request=None):
        timings = _current.get()
        if timings is None or timings.rendering:
            return super().render(context, request)
        timings.rendering = True
        db_before = timings.db
        started = time.perf_counter()
        try:
            return super().render(context, request)
        finally:
            elapsed = time.perf_counter() - started
            timings.render += elapsed - (timings.db - db_before)
            timings.rendering = False


class TimedDjangoTemplates(DjangoTemplates):
    """Django's template backend, with templates that time their rendering (TimedTemplate)."""

    def from_string(self, template_code):
        return TimedTemplate(super().from_string(template_code).template, self)

    def get_template(self, template_name):
        return TimedTemplate(super().get_template(template_name).template, self)

"""The student's own pages, phone first: the routine player, its log and print page,
history, and their data. Their "today" page is the project's student dashboard
(config.views), since it shows classes as well as homework."""

import datetime
import json
import uuid
from collections import Counter, defaultdict
from functools import lru_cache

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.dates import local_format
from accounts.models import Role
from accounts.permissions import role_required
from routines.caching import cached_fragment, make_key
from routines.check_data import body_map_for, library, steps_from_snapshot
from routines.checks import seconds_by_region
from routines.pdf_budget import INLINE_TEXT, text_size, too_long_message
from routines.player import student_steps
from routines.printing import print_context, render_pdf
from routines.snapshots import localize_snapshot, play_order
from routines.state import library_version

from . import services
from .access import get_assignment_for_student
from .adherence import frequency_text, window
from .forms import PasswordConfirmForm, PlayedForm, PracticeLogForm
from .homework import practice_streak, user_today
from .models import Assignment, PracticeLog
from .safety import own_reminders

student_required = role_required(Role.STUDENT)


def played_minutes(played_seconds: int, routine_seconds: int) -> int:
    """The minutes to pre-fill for `played_seconds` of play: whole minutes, rounded down
    so never more than was played, and within what the log accepts (twice the routine)."""
    minutes = played_seconds // 60
    if routine_seconds:
        minutes = min(minutes, routine_seconds * 2 // 60)
    return min(minutes, 600)


def log_form_for(request, assignment, data=None):
    """The log form, pre-filled: today, and the routine's length in minutes, or what the
    player passed (?played=seconds actually played, ?before=tension before the first step),
    each validated (`PlayedForm`) and ignored when out of range."""
    routine_seconds = assignment.snapshot.get("total_seconds") or 0
    initial = {
        "submission": uuid.uuid4(),
        "practised_on": user_today(request.user),
        "minutes": max(1, round(routine_seconds / 60)),
    }
    played = PlayedForm(request.GET)
    played.is_valid()  # a value out of range drops out of cleaned_data; the others count
    if played.cleaned_data.get("played") is not None:
        initial["minutes"] = played_minutes(played.cleaned_data["played"], routine_seconds)
    if played.cleaned_data.get("before") is not None:
        initial["tension_before"] = played.cleaned_data["before"]
    given = timezone.localdate(assignment.created_at)  # in the student's zone (middleware)
    return PracticeLogForm(
        data,
        today=user_today(request.user),
        routine_seconds=routine_seconds,
        since=min(assignment.starts_on, given),
        initial=initial,
    )


@never_cache
@student_required
@require_GET
def routine_play(request, pk):
    assignment = get_assignment_for_student(request, pk)
    return render(
        request,
        "students/routine_play.html",
        {
            "reminders": own_reminders(assignment.student, today=user_today(request.user)),
            "assignment": assignment,
            # Student-facing words only: no teacher's note on a step ("Level 4, …").
            "steps": student_steps(play_order(localize_snapshot(assignment.snapshot))),
            "form": log_form_for(request, assignment),
            "done_template": "students/_log_form.html",
            "back_url": reverse("me"),
            # "How tense do you feel now?" before the first step; the PDF to take along.
            "tension_form": PlayedForm(),
            "pdf_url": reverse("students:routine-pdf", args=[assignment.pk]),
        },
    )


@never_cache
@student_required
def routine_log(request, pk):
    """Log a practice: the player's last screen posts here; also works on its own."""
    assignment = get_assignment_for_student(request, pk)
    form = log_form_for(request, assignment, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                _log, created = services.log_practice(
                    assignment=assignment,
                    submission=data["submission"],
                    practised_on=data["practised_on"],
                    minutes=data["minutes"],
                    tension_before=data["tension_before"],
                    tension_after=data["tension_after"],
                    note=data["note"],
                )
            except services.LogRefused as refusal:
                form.add_error(None, str(refusal))
                status = 422
            else:
                if created:
                    messages.success(request, _("Logged. Well done."))
                else:
                    messages.info(request, _("That practice was already logged."))
                return redirect("students:history")
        else:
            status = 422
    return render(
        request,
        "students/routine_log.html",
        {"assignment": assignment, "form": form},
        status=status,
    )


@never_cache
@student_required
@require_GET
def routine_print(request, pk):
    assignment = get_assignment_for_student(request, pk)
    context = routine_print_context(assignment, today=user_today(request.user))
    context["back_url"] = reverse("me")  # on screen only: the toolbar is not printed
    return render(request, "classes/plan_print.html", context)


def routine_print_context(assignment, *, today) -> dict:
    """The student's routine on the print page: the same builder as a teacher's plan, so
    it carries every technique's cautions, plus the student's own reminder."""
    snapshot = {
        **assignment.snapshot,
        "title": assignment.title,
        "owner_name": assignment.student.teacher.get_full_name(),
        "focus": frequency_text(
            assignment.frequency, assignment.times_per_week, assignment.weekdays
        ),
        "level_display": "",
        "target_minutes": round(assignment.snapshot["total_seconds"] / 60),
        "notes": assignment.message,
        "step_count": sum(len(s["steps"]) for s in assignment.snapshot["sections"]),
    }
    return print_context(
        snapshot,
        label=_("Home routine"),
        reminders=own_reminders(assignment.student, today=today),
    )


@student_required
@require_GET
def routine_pdf(request, pk):
    assignment = get_assignment_for_student(request, pk)
    # Rendered on each request, so only within the inline PDF budget (routines/pdf_budget.py).
    size = text_size([assignment.snapshot, assignment.message])
    if size > INLINE_TEXT:
        messages.error(request, too_long_message(size))
        return redirect("me")
    response = HttpResponse(
        render_pdf(
            {**routine_print_context(assignment, today=user_today(request.user)), "paper": "a4"}
        ),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'attachment; filename="routine-{assignment.pk}.pdf"'
    return response


CALENDAR_WEEKS = 8
RECENT_LOGS = 30
# What the history shows of a log, read as plain rows.
LOG_ROW = (
    "pk",
    "assignment_id",
    "assignment__title",
    "assignment__updated_at",
    "practised_on",
    "minutes",
    "tension_before",
    "tension_after",
    "note",
)


# The history's calendar, chart table and list are built here rather than in template
# loops: about 150 cells and rows, each a few template tags and a date filter.


@lru_cache(maxsize=4096)
def day_label(day, fmt: str, language: str) -> str:
    """`day` formatted with `fmt` (a Django date format or its name) in `language`, the
    active one, and escaped: each day is formatted once per process, for every page."""
    return escape(date_format(day, fmt))


def day_labels(fmt: str):
    """A function formatting days with `fmt` in the active language (`day_label`)."""
    language = get_language()
    return lambda day: day_label(day, fmt, language)


def calendar_rows(weeks, days: set, today) -> str:
    """The calendar's weeks: each day filled in when practised, marked today or ahead."""
    title = day_labels("DATE_FORMAT")
    practised = format_html('<span class="visually-hidden"> {}</span>', _("practised"))
    rows = []
    for week in weeks:
        cells = []
        for day in week:
            done = day in days
            marks = (("done", done), ("today", day == today), ("future", day > today))
            classes = " ".join(name for name, applies in marks if applies)
            cells.append(
                f'<td class="{classes}" title="{title(day)}">'
                f"{day.day}{practised if done else ''}</td>"
            )
        rows.append("<tr>" + "".join(cells) + "</tr>")
    # Safe: the classes are ours, the titles escaped (day_label), the rest numbers.
    return mark_safe("".join(rows))


def point_rows(points) -> str:
    """The tension chart as a table: a row per log."""
    day = day_labels("SHORT_DATE_FORMAT")
    # Safe: the day is escaped (day_label), the rest numbers.
    return mark_safe(
        "".join(
            f"<tr><td>{day(when)}</td><td>{before:d}</td><td>{after:d}</td></tr>"
            for when, before, after in points
        )
    )


# The tension chart's drawing, in SVG units: the plot sits inside the margins, which hold
# the axes' labels. Drawn at this size (it scales down on a phone, never up).
CHART = {"width": 360, "height": 210, "left": 36, "right": 14, "top": 12, "bottom": 40}


def tension_chart_svg(points, *, start, end) -> str:
    """The tension chart: before (dashed, squares) and after (solid, dots) on a 0–10 scale
    against the days of the window from `start` to `end`, with both axes labelled and the
    dates in the active language's format. The table beside it says the same in words."""
    if not points:
        return ""
    c = CHART
    plot_w = c["width"] - c["left"] - c["right"]
    plot_h = c["height"] - c["top"] - c["bottom"]
    span = max((end - start).days, 1)

    def x(day) -> float:
        return c["left"] + plot_w * min(max((day - start).days, 0), span) / span

    def y(value) -> float:
        return c["top"] + plot_h - plot_h * value / 10

    parts = []
    for value in (0, 5, 10):  # the tension axis: lines across at 0, 5 and 10
        parts.append(
            f'<line stroke="#d5dcdb" x1="{c["left"]}" x2="{c["width"] - c["right"]}"'
            f' y1="{y(value):.1f}" y2="{y(value):.1f}"/>'
            f'<text fill="#495057" font-size="12" x="{c["left"] - 6}" y="{y(value) + 4:.1f}"'
            f' text-anchor="end">{value}</text>'
        )
    label = day_labels("MONTH_DAY_FORMAT")
    for week in range(0, span + 1, 7):  # the date axis: a tick a week, three dates named
        day = start + datetime.timedelta(days=week)
        parts.append(
            f'<line stroke="#6c757d" x1="{x(day):.1f}" x2="{x(day):.1f}"'
            f' y1="{c["top"] + plot_h}" y2="{c["top"] + plot_h + 5}"/>'
        )
    middle = start + datetime.timedelta(days=span // 2)
    for day, anchor in ((start, "start"), (middle, "middle"), (end, "end")):
        parts.append(
            f'<text fill="#495057" font-size="12" x="{x(day):.1f}" y="{c["top"] + plot_h + 20}"'
            f' text-anchor="{anchor}">{label(day)}</text>'
        )
    parts.append(
        f'<line stroke="#6c757d" x1="{c["left"]}" x2="{c["width"] - c["right"]}"'
        f' y1="{c["top"] + plot_h}" y2="{c["top"] + plot_h}"/>'
        f'<line stroke="#6c757d" x1="{c["left"]}" x2="{c["left"]}"'
        f' y1="{c["top"]}" y2="{c["top"] + plot_h}"/>'
    )
    before = [(x(day), y(value)) for day, value, _after in points]
    after = [(x(day), y(value)) for day, _before, value in points]
    before_line = " ".join(f"{a:.1f},{b:.1f}" for a, b in before)
    after_line = " ".join(f"{a:.1f},{b:.1f}" for a, b in after)
    parts.append(
        '<polyline fill="none" stroke="#b35c00" stroke-width="2" stroke-dasharray="5 3"'
        f' points="{before_line}"/>'
        f'<polyline fill="none" stroke="#1f5f5b" stroke-width="2.5" points="{after_line}"/>'
    )
    parts.extend(
        f'<rect fill="#b35c00" x="{a - 3:.1f}" y="{b - 3:.1f}" width="6" height="6"/>'
        for a, b in before
    )
    parts.extend(f'<circle fill="#1f5f5b" cx="{a:.1f}" cy="{b:.1f}" r="3.5"/>' for a, b in after)
    title = format_html(
        '<title id="trend-title">{}</title><desc id="trend-desc">{}</desc>',
        _("Tension over the last four weeks"),
        _(
            "Tension from 0 (none) at the bottom to 10 at the top, by date: before practice "
            "(dashed line, squares) and after (solid line, dots)."
        ),
    )
    axis_title = format_html(
        '<text fill="#495057" font-size="12" x="10" y="{}" text-anchor="middle"'
        ' transform="rotate(-90 10 {})">{}</text>',
        f"{c['top'] + plot_h / 2:.1f}",
        f"{c['top'] + plot_h / 2:.1f}",
        _("Tension"),
    )
    # Safe: the numbers are ours, the dates escaped (day_label), the words by format_html.
    return mark_safe(
        f'<svg role="img" aria-labelledby="trend-title trend-desc" class="tension-chart"'
        f' width="{c["width"]}" height="{c["height"]}"'
        f' viewBox="0 0 {c["width"]} {c["height"]}">{title}{axis_title}{"".join(parts)}</svg>'
    )


def log_items(logs) -> str:
    """The list of recent practice: day, routine, minutes, tension and the note."""
    day = day_labels(local_format("SHORT_DAY_DATE_FORMAT"))
    minutes, tension = _("%(m)s min"), _("tension %(b)s → %(a)s")
    return format_html_join(
        "",
        '<li class="mb-1">{} · {} · {} · {}{}</li>',
        (
            (
                mark_safe(day(log.practised_on)),  # escaped by day_label
                log.assignment__title,
                minutes % {"m": log.minutes},
                tension % {"b": log.tension_before, "a": log.tension_after},
                format_html(" · <em>{}</em>", log.note) if log.note else "",
            )
            for log in logs
        ),
    )


def history_map(request, recent) -> str:
    """The body map of the routines practised over the four weeks, each weighted by how
    often. Drawn once per state of the library and of those practices: the frozen
    routines are read only then."""
    practised = Counter((log.assignment_id, log.assignment__updated_at) for log in recent)
    version = library_version()

    def context():
        snapshots = dict(
            Assignment.objects.filter(pk__in={pk for pk, _at in practised}).values_list(
                "pk", "snapshot"
            )
        )
        seconds = defaultdict(int)
        for (pk, _at), times in practised.items():
            steps = steps_from_snapshot({"sections": snapshots[pk]["sections"]})
            for slug, value in seconds_by_region(steps).items():
                seconds[slug] += value * times
        return {"map": body_map_for(seconds, library(version).regions), "map_id": "history-map"}

    key = make_key(
        "history-map",
        version,
        get_language(),
        sorted((pk, at.isoformat(), times) for (pk, at), times in practised.items()),
    )
    return cached_fragment(request, key, "routines/_body_map.html", context)


@never_cache
@student_required
@require_GET
def history(request):
    """Reads only the weeks the page shows: the calendar's eight weeks of logs, which hold
    the chart's four and (most often) the 30 listed; the streak, when it goes back past
    the calendar, is measured in SQL."""
    today = user_today(request.user)
    start, _end = window(today)
    first = today - datetime.timedelta(days=today.weekday() + 7 * (CALENDAR_WEEKS - 1))
    weeks = [
        [first + datetime.timedelta(days=7 * w + d) for d in range(7)]
        for w in range(CALENDAR_WEEKS)
    ]
    mine = PracticeLog.objects.filter(student__account=request.user)
    newest_first = ("-practised_on", "-created_at", "-pk")
    shown = list(
        mine.filter(practised_on__gte=first)
        .order_by(*newest_first)
        .values_list(*LOG_ROW, named=True)
    )
    days = {log.practised_on for log in shown if log.practised_on <= today}
    latest = shown[:RECENT_LOGS]
    if len(latest) < RECENT_LOGS:  # a quiet eight weeks: the list goes back further
        latest += list(
            mine.filter(practised_on__lt=first)
            .order_by(*newest_first)
            .values_list(*LOG_ROW, named=True)[: RECENT_LOGS - len(latest)]
        )
    recent = [log for log in reversed(shown) if log.practised_on >= start]
    points = [(log.practised_on, log.tension_before, log.tension_after) for log in recent]
    return render(
        request,
        "students/history.html",
        {
            "logs": latest,
            "log_items": log_items(latest),
            "weeks": weeks,
            "calendar_rows": calendar_rows(weeks, days, today),
            "days": days,
            "today": today,
            "streak": practice_streak(mine, today=today, days=days, since=first),
            "chart": tension_chart_svg(points, start=start, end=today),
            "points": points,
            "point_rows": point_rows(points),
            "body_map": history_map(request, recent),
        },
    )


@student_required
@require_POST
def data_export(request):
    """All the student's data as JSON, after they re-enter their password."""
    form = PasswordConfirmForm(request.POST, request=request)
    if not form.is_valid():
        messages.error(request, _("Your data was not downloaded: the password did not match."))
        return redirect("me")
    data = services.data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="my-rollcall-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@student_required
@require_POST
def account_delete(request):
    """Delete the account: roster entries are anonymised, logs and health notes deleted."""
    form = PasswordConfirmForm(request.POST, request=request)
    if not form.is_valid():
        messages.error(request, _("Your account was not deleted: the password did not match."))
        return redirect("me")
    user = request.user
    services.account_delete(user=user)
    logout(request)
    messages.success(request, _("Your account and your practice history are deleted."))
    return redirect("home")

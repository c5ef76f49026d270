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
from django.utils.formats import date_format
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Role
from accounts.permissions import role_required
from routines.caching import cached_fragment, make_key
from routines.check_data import body_map_for, library, steps_from_snapshot
from routines.checks import seconds_by_region
from routines.player import player_labels
from routines.printing import print_context, render_pdf
from routines.snapshots import play_order
from routines.state import library_version

from . import services
from .access import get_assignment_for_student
from .adherence import window
from .forms import PasswordConfirmForm, PracticeLogForm
from .homework import practice_streak, tension_chart, user_today
from .models import Assignment, PracticeLog
from .safety import own_reminders

student_required = role_required(Role.STUDENT)


def log_form_for(request, assignment, data=None):
    return PracticeLogForm(
        data,
        today=user_today(request.user),
        initial={
            "submission": uuid.uuid4(),
            "practised_on": user_today(request.user),
            "minutes": max(1, round(assignment.snapshot["total_seconds"] / 60)),
        },
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
            "steps": play_order(assignment.snapshot),
            "player_labels": player_labels(),
            "form": log_form_for(request, assignment),
            "done_template": "students/_log_form.html",
            "back_url": reverse("me"),
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
    return render(
        request,
        "classes/plan_print.html",
        routine_print_context(assignment, today=user_today(request.user)),
    )


def routine_print_context(assignment, *, today) -> dict:
    """The student's routine on the print page: the same builder as a teacher's plan, so
    it carries every technique's cautions, plus the student's own reminder."""
    snapshot = {
        **assignment.snapshot,
        "title": assignment.title,
        "owner_name": assignment.student.teacher.get_full_name(),
        "focus": assignment.get_frequency_display(),
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


def log_items(logs) -> str:
    """The list of recent practice: day, routine, minutes, tension and the note."""
    day = day_labels("D j M")
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
            "chart": tension_chart(points),
            "points": points,
            "point_rows": point_rows(points),
            "body_map": history_map(request, recent),
        },
    )


@student_required
@require_POST
def data_export(request):
    """All the student's data as JSON, after they re-enter their password."""
    form = PasswordConfirmForm(request.POST, user=request.user)
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
    form = PasswordConfirmForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Your account was not deleted: the password did not match."))
        return redirect("me")
    user = request.user
    services.account_delete(user=user)
    logout(request)
    messages.success(request, _("Your account and your practice history are deleted."))
    return redirect("home")

"""The student's own pages, phone first: the routine player, its log and print page,
history, and their data. Their "today" page is the project's student dashboard
(config.views), since it shows classes as well as homework."""

import datetime
import json
import uuid

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Role
from accounts.permissions import role_required
from routines.check_data import body_map_for, region_graph, steps_from_snapshot
from routines.checks import seconds_by_region
from routines.player import player_labels
from routines.printing import print_context, render_pdf
from routines.snapshots import play_order

from . import services
from .access import get_assignment_for_student
from .adherence import streak, window
from .forms import PasswordConfirmForm, PracticeLogForm
from .homework import tension_chart, user_today
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


@never_cache
@student_required
@require_GET
def history(request):
    """Reads only what the page shows: every practice day (dates only, for the streak),
    the eight weeks of the calendar's logs, and the last 30 logs for the list."""
    today = user_today(request.user)
    start, _end = window(today)
    mine = PracticeLog.objects.filter(student__account=request.user)
    days = set(mine.filter(practised_on__lte=today).values_list("practised_on", flat=True))
    weeks = []
    first = today - datetime.timedelta(days=today.weekday() + 7 * 7)
    for w in range(8):
        weeks.append([first + datetime.timedelta(days=7 * w + d) for d in range(7)])
    recent = list(
        mine.filter(practised_on__gte=start)
        .only("assignment_id", "practised_on", "tension_before", "tension_after")
        .order_by("practised_on", "pk")
    )
    latest = list(
        mine.select_related("assignment")
        .defer("assignment__snapshot", "assignment__message")
        .order_by("-practised_on", "-pk")[:30]
    )
    # Each routine's regions once, then weighted by how often it was practised.
    routines = {
        a.pk: seconds_by_region(steps_from_snapshot({"sections": a.snapshot["sections"]}))
        for a in Assignment.objects.filter(pk__in={log.assignment_id for log in recent}).only(
            "pk", "snapshot"
        )
    }
    seconds = {}
    for log in recent:
        for slug, value in routines[log.assignment_id].items():
            seconds[slug] = seconds.get(slug, 0) + value
    points = [(log.practised_on, log.tension_before, log.tension_after) for log in recent]
    return render(
        request,
        "students/history.html",
        {
            "logs": latest,
            "weeks": weeks,
            "days": days,
            "today": today,
            "streak": streak(days, today),
            "chart": tension_chart(points),
            "points": points,
            "body_map": body_map_for(seconds, region_graph()),
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

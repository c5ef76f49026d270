"""The student's own pages, phone first: today, the routine player, history, their data."""

import datetime
import json
import uuid
import zoneinfo

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Role
from accounts.permissions import role_required
from classes.models import Enrolment, PlanVersion, Session
from routines.check_data import steps_from_snapshot
from routines.checks import cautions
from routines.snapshots import play_order

from . import services
from .adherence import streak
from .forms import PasswordConfirmForm, PracticeLogForm
from .models import Assignment, AuditEntry, PracticeLog, Student
from .safety import own_reminders

student_required = role_required(Role.STUDENT)


def user_today(user) -> datetime.date:
    """Today in the student's own time zone (the site's when they have none)."""
    try:
        zone = zoneinfo.ZoneInfo(user.time_zone) if user.time_zone else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = None
    return timezone.localdate(timezone.now(), zone)


def get_assignment_for_student(request, pk) -> Assignment:
    return get_object_or_404(
        Assignment.objects.for_account(request.user).select_related("student__teacher"), pk=pk
    )


def is_due(assignment, today, logged_days_this_week: int) -> bool:
    if not assignment.is_open or assignment.starts_on > today:
        return False
    if assignment.ends_on and assignment.ends_on < today:
        return False
    if assignment.frequency == Assignment.Frequency.WEEKDAYS:
        return today.weekday() in assignment.weekdays
    if assignment.frequency == Assignment.Frequency.PER_WEEK:
        return logged_days_this_week < (assignment.times_per_week or 0)
    return True


@never_cache
@student_required
@require_GET
def me(request):
    today = user_today(request.user)
    monday = today - datetime.timedelta(days=today.weekday())
    assignments = list(
        Assignment.objects.for_account(request.user)
        .exclude(status=Assignment.Status.ENDED)
        .select_related("student__teacher")
    )
    logs = list(
        PracticeLog.objects.filter(
            assignment__in=assignments, practised_on__gte=monday
        ).values_list("assignment_id", "practised_on")
    )
    for assignment in assignments:
        days = {day for a_id, day in logs if a_id == assignment.pk}
        assignment.done_today = today in days
        assignment.due_today = is_due(assignment, today, len(days))
    courses = Enrolment.objects.filter(
        student__account=request.user, status=Enrolment.Status.ENROLLED
    ).values_list("course_id", flat=True)
    next_class = (
        Session.objects.filter(
            course_id__in=courses, starts_at__gte=timezone.now(), cancelled=False
        )
        .select_related("course")
        .order_by("starts_at")
        .first()
    )
    handouts = (
        PlanVersion.objects.filter(
            sessions__course_id__in=courses, sessions__starts_at__lte=timezone.now()
        )
        .distinct()
        .order_by("-published_at")[:10]
    )
    return render(
        request,
        "students/me.html",
        {
            "assignments": assignments,
            "next_class": next_class,
            "handouts": handouts,
            "today": today,
            "password_form": PasswordConfirmForm(user=request.user),
        },
    )


@never_cache
@student_required
@require_GET
def handout(request, pk):
    """A published plan of a class the student attends, read-only."""
    version = get_object_or_404(
        PlanVersion.objects.filter(
            sessions__course__enrolments__student__account=request.user,
            sessions__course__enrolments__status=Enrolment.Status.ENROLLED,
        ).distinct(),
        pk=pk,
    )
    from routines.check_data import plan_body_map

    today = user_today(request.user)
    reminders = []
    for entry in Student.objects.filter(account=request.user):
        reminders += [r for r in own_reminders(entry, today=today) if r not in reminders]
    return render(
        request,
        "classes/plan_print.html",
        {
            "reminders": reminders,
            "snapshot": version.snapshot,
            "version": None,
            "version_label": _("Version %(n)s") % {"n": version.number},
            "teacher_view": False,
            "body_map": plan_body_map(version.snapshot),
        },
    )


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
    from classes.views import player_labels

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
            "back_url": reverse("students:me"),
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
    from routines.check_data import plan_body_map

    snapshot = {
        **assignment.snapshot,
        "title": assignment.title,
        "owner_name": assignment.student.teacher.get_full_name(),
        "focus": assignment.get_frequency_display(),
        "level_display": "",
        "target_minutes": round(assignment.snapshot["total_seconds"] / 60),
        "notes": assignment.message,
        "step_count": sum(len(s["steps"]) for s in assignment.snapshot["sections"]),
        # Each technique's cautions and contraindications, as the teacher's copy has them.
        "cautions": cautions(steps_from_snapshot(assignment.snapshot)),
    }
    return {
        "reminders": own_reminders(assignment.student, today=today),
        "snapshot": snapshot,
        "version": None,
        "version_label": _("Home routine"),
        "teacher_view": False,
        "body_map": plan_body_map({**snapshot, "target_minutes": snapshot["target_minutes"]}),
    }


@student_required
@require_GET
def routine_pdf(request, pk):
    from classes.pdf import render_pdf

    assignment = get_assignment_for_student(request, pk)
    response = HttpResponse(
        render_pdf(
            {**routine_print_context(assignment, today=user_today(request.user)), "paper": "a4"}
        ),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'attachment; filename="routine-{assignment.pk}.pdf"'
    return response


def tension_chart(points, width=300, height=80) -> dict:
    """Two polylines (before, after) for tension 0–10 over the logs, as SVG coordinates."""
    if not points:
        return {}
    step = width / max(len(points) - 1, 1)

    def line(values):
        return " ".join(
            f"{i * step:.1f},{height - v * height / 10:.1f}" for i, v in enumerate(values)
        )

    return {
        "width": width,
        "height": height,
        "before": line([p[1] for p in points]),
        "after": line([p[2] for p in points]),
    }


@never_cache
@student_required
@require_GET
def history(request):
    from routines.check_data import body_map_for, region_graph, steps_from_snapshot
    from routines.checks import seconds_by_region

    from .adherence import window

    today = user_today(request.user)
    start, _end = window(today)
    logs = list(
        PracticeLog.objects.filter(student__account=request.user)
        .select_related("assignment")
        .defer("assignment__snapshot", "assignment__message")
        .order_by("practised_on", "pk")
    )
    days = {log.practised_on for log in logs}
    weeks = []
    first = today - datetime.timedelta(days=today.weekday() + 7 * 7)
    for w in range(8):
        weeks.append([first + datetime.timedelta(days=7 * w + d) for d in range(7)])
    recent = [log for log in logs if log.practised_on >= start]
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
            "logs": list(reversed(logs))[:30],
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
        return redirect("students:me")
    user = request.user
    entries = (
        Student.objects.filter(account=user)
        .select_related("teacher")
        .prefetch_related(
            "health_notes__avoid_regions",
            "health_notes__avoid_actions",
            "assignments__logs",
            "attendance__session__course",
        )
    )
    for entry in entries:
        services.audit(
            student=entry, actor=user, action=AuditEntry.Action.VIEWED, detail=_("Data download")
        )
    data = {
        "account": {"email": user.email, "name": user.name, "joined": user.date_joined.isoformat()},
        "rosters": [
            {
                "teacher": entry.teacher.get_full_name(),
                "name": entry.name,
                "email": entry.email,
                "phone": entry.phone,
                "goals": entry.goals,
                "health_notes": [
                    {
                        "condition": n.condition,
                        "details": n.details,
                        "avoid_regions": [r.name for r in n.avoid_regions.all()],
                        "avoid_actions": [a.name for a in n.avoid_actions.all()],
                        "until": n.until.isoformat() if n.until else None,
                    }
                    for n in entry.health_notes.all()
                ],
                "attendance": [
                    {
                        "course": a.session.course.title,
                        "starts_at": a.session.starts_at.isoformat(),
                        "status": a.status,
                    }
                    for a in entry.attendance.all()
                ],
                "routines": [
                    {
                        "title": a.title,
                        "frequency": a.frequency,
                        "from": a.starts_on.isoformat(),
                        "until": a.ends_on.isoformat() if a.ends_on else None,
                        "message": a.message,
                        "practice": [
                            {
                                "date": log.practised_on.isoformat(),
                                "minutes": log.minutes,
                                "tension_before": log.tension_before,
                                "tension_after": log.tension_after,
                                "note": log.note,
                            }
                            for log in a.logs.all()
                        ],
                    }
                    for a in entry.assignments.all()
                ],
            }
            for entry in entries
        ],
    }
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
        return redirect("students:me")
    user = request.user
    services.account_delete(user=user)
    logout(request)
    messages.success(request, _("Your account and your practice history are deleted."))
    return redirect("home")

"""Courses, their sessions, enrolment and attendance: a teacher's own, and nobody else's."""

import csv
import datetime

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Role
from accounts.permissions import role_required
from students.imports import safe_cell
from students.models import Student

from . import calendar, services
from .access import get_course_for_teacher, get_session_for_teacher
from .findings import no_store, plan_findings
from .forms import CourseForm, SeriesForm, SessionForm, SessionPlanForm
from .models import Attendance, Course, Enrolment, Session

teacher_required = role_required(Role.TEACHER)


@teacher_required
@require_GET
def course_list(request):
    now = timezone.now()
    courses = (
        Course.objects.for_teacher(request.user)
        .annotate(
            enrolled=Count(
                "enrolments", filter=Q(enrolments__status=Enrolment.Status.ENROLLED), distinct=True
            ),
            waitlisted=Count(
                "enrolments",
                filter=Q(enrolments__status=Enrolment.Status.WAITLISTED),
                distinct=True,
            ),
            upcoming=Count("sessions", filter=Q(sessions__starts_at__gte=now), distinct=True),
        )
        .order_by("status", "title")
    )
    next_sessions = {}
    for session in Session.objects.filter(
        course__teacher=request.user, starts_at__gte=now, cancelled=False
    ).order_by("starts_at"):
        next_sessions.setdefault(session.course_id, session)

    feed = calendar.teacher_calendar_for(request.user)
    return render(
        request,
        "classes/course_list.html",
        {
            "courses": courses,
            "next_sessions": next_sessions,
            "calendar_url": request.build_absolute_uri(
                reverse("classes:calendar-feed", args=[feed.token])
            ),
        },
    )


@teacher_required
def course_create(request):
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        course = form.save(commit=False)
        course.teacher = request.user
        course.save()
        messages.success(request, _("Course created. Add its sessions below."))
        return redirect(course)
    return render(request, "classes/course_form.html", {"form": form})


@teacher_required
def course_edit(request, pk):
    course = get_course_for_teacher(request, pk)
    form = CourseForm(request.POST or None, instance=course)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Course saved."))
        return redirect(course)
    return render(request, "classes/course_form.html", {"form": form, "course": course})


def course_context(request, course, *, session_form=None, series_form=None):
    sessions = list(
        course.sessions.select_related("plan_version").annotate(
            present=Count("attendance", filter=Q(attendance__status=Attendance.Status.PRESENT)),
            marked=Count("attendance"),
        )
    )
    enrolments = list(course.enrolments.select_related("student"))
    totals = {}
    for student_id, status, n in (
        Attendance.objects.filter(session__course=course)
        .values_list("student_id", "status")
        .annotate(n=Count("pk"))
    ):
        totals.setdefault(student_id, {})[status] = n
    for enrolment in enrolments:
        enrolment.totals = totals.get(enrolment.student_id, {})
    enrolled_ids = {e.student_id for e in enrolments}
    candidates = (
        Student.objects.for_teacher(request.user).exclude(pk__in=enrolled_ids).only("pk", "name")
    )
    course_totals = {
        status: sum(t.get(status, 0) for t in totals.values())
        for status in Attendance.Status.values
    }
    return {
        "course": course,
        "sessions": sessions,
        "enrolled": [e for e in enrolments if e.status == Enrolment.Status.ENROLLED],
        "waitlisted": [e for e in enrolments if e.status == Enrolment.Status.WAITLISTED],
        "candidates": candidates,
        "course_totals": course_totals,
        "session_form": session_form or SessionForm(prefix="one"),
        "series_form": series_form or SeriesForm(prefix="series"),
        "calendar_url": request.build_absolute_uri(
            reverse("classes:calendar-feed", args=[course.calendar_token])
        ),
        "now": timezone.now(),
    }


@teacher_required
@require_GET
def course_detail(request, pk):
    course = get_course_for_teacher(request, pk)
    return render(request, "classes/course_detail.html", course_context(request, course))


@teacher_required
@require_POST
def session_add(request, pk):
    course = get_course_for_teacher(request, pk)
    form = SessionForm(request.POST, prefix="one")
    if not form.is_valid():
        return render(
            request,
            "classes/course_detail.html",
            course_context(request, course, session_form=form),
            status=422,
        )
    data = form.cleaned_data
    start = datetime.datetime.combine(data["date"], data["time"], tzinfo=course.tz)
    Session.objects.create(
        course=course, starts_at=start, duration_minutes=data["duration_minutes"]
    )
    messages.success(request, _("Session added."))
    return redirect(course)


@teacher_required
@require_POST
def sessions_generate(request, pk):
    course = get_course_for_teacher(request, pk)
    form = SeriesForm(request.POST, prefix="series")
    if not form.is_valid():
        return render(
            request,
            "classes/course_detail.html",
            course_context(request, course, series_form=form),
            status=422,
        )
    data = form.cleaned_data
    created = services.sessions_generate(
        course=course,
        first_date=data["date"],
        start_time=data["time"],
        duration_minutes=data["duration_minutes"],
        count=data["count"],
        skip=data["skip"],
    )
    messages.success(
        request,
        ngettext("%(n)d weekly session added.", "%(n)d weekly sessions added.", len(created))
        % {"n": len(created)},
    )
    return redirect(course)


@teacher_required
@require_POST
def course_enrol(request, pk):
    course = get_course_for_teacher(request, pk)
    ids = [i for i in request.POST.getlist("students") if i.isdigit()]
    students = list(Student.objects.for_teacher(request.user).filter(pk__in=ids).order_by("name"))
    if not students:
        messages.error(request, _("Choose one or more students from your roster to enrol."))
        return redirect(course)
    result = services.enrol(course=course, students=students)
    if result["enrolled"]:
        messages.success(
            request,
            _("Enrolled: %(names)s.") % {"names": ", ".join(s.name for s in result["enrolled"])},
        )
    if result["waitlisted"]:
        messages.warning(
            request,
            _("The course is full (%(capacity)d places), so these joined the waitlist: %(names)s.")
            % {
                "capacity": course.capacity,
                "names": ", ".join(s.name for s in result["waitlisted"]),
            },
        )
    return redirect(course)


@teacher_required
@require_POST
def course_unenrol(request, pk, enrolment_pk):
    course = get_course_for_teacher(request, pk)
    enrolment = get_object_or_404(course.enrolments.select_related("student"), pk=enrolment_pk)
    promoted = services.unenrol(enrolment=enrolment)
    messages.success(request, _("%(name)s left the course.") % {"name": enrolment.student.name})
    if promoted:
        messages.info(
            request, _("%(name)s moved up from the waitlist.") % {"name": promoted.student.name}
        )
    return redirect(course)


@teacher_required
@require_GET
def session_detail(request, pk, session_pk):
    session = get_session_for_teacher(request, pk, session_pk)
    return no_store(
        render(request, "classes/session_detail.html", session_context(request, session))
    )


def attendance_url(session) -> str:
    """Reversed once per page, not once per row of a roster of 300."""
    return reverse("classes:session-attendance", args=[session.course_id, session.pk])


def session_context(request, session, *, plan_form=None):
    students = list(session.course.enrolled_students().order_by("enrolments__created_at", "pk"))
    marks = dict(session.attendance.values_list("student_id", "status"))
    rows = [{"student": s, "status": marks.get(s.pk, "")} for s in students]
    counts = {status: list(marks.values()).count(status) for status in Attendance.Status.values}
    findings = None
    if session.plan_version:
        findings = plan_findings(
            session.plan_version.snapshot, plan=session.plan_version.plan, course=session.course
        )
    return {
        "findings": findings,
        "attendance_url": attendance_url(session),
        "session": session,
        "course": session.course,
        "rows": rows,
        "counts": counts,
        "statuses": Attendance.Status.choices,
        "plan_form": plan_form
        or SessionPlanForm(
            teacher=request.user,
            initial={"plan_version": session.plan_version_id, "note": session.note},
        ),
    }


@teacher_required
@require_POST
def session_update(request, pk, session_pk):
    session = get_session_for_teacher(request, pk, session_pk)
    form = SessionPlanForm(request.POST, teacher=request.user)
    if not form.is_valid():
        return no_store(
            render(
                request,
                "classes/session_detail.html",
                session_context(request, session, plan_form=form),
                status=422,
            )
        )
    services.session_update(
        session=session,
        plan_version=form.cleaned_data["plan_version"],
        note=form.cleaned_data["note"],
        cancelled=request.POST.get("cancelled") == "on",
    )
    messages.success(request, _("Session saved."))
    return redirect(session)


@teacher_required
@require_POST
def session_attendance(request, pk, session_pk):
    session = get_session_for_teacher(request, pk, session_pk)
    student_id = request.POST.get("student", "")
    if not student_id.isdigit():
        raise Http404
    student = get_object_or_404(session.course.enrolled_students(), pk=int(student_id))
    status = request.POST.get("status")
    if status not in Attendance.Status.values:
        messages.error(request, _("Mark present, absent or late cancel."))
        return redirect(session)
    services.attendance_mark(session=session, student=student, status=status)
    if request.headers.get("HX-Request"):
        return render(
            request,
            "classes/_attendance_row.html",
            {
                "session": session,
                "attendance_url": attendance_url(session),
                "row": {"student": student, "status": status},
                "statuses": Attendance.Status.choices,
            },
        )
    return redirect(session)


@teacher_required
@require_GET
def attendance_export(request, pk):
    course = get_course_for_teacher(request, pk)
    sessions = list(course.sessions.all())
    enrolments = list(course.enrolments.select_related("student"))
    marks = {
        (a.session_id, a.student_id): a.get_status_display()
        for a in Attendance.objects.filter(session__course=course)
    }
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="attendance-{course.pk}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    local = [
        timezone.localtime(s.starts_at, course.tz).strftime("%Y-%m-%d %H:%M") for s in sessions
    ]
    writer.writerow([_("Student"), _("Email"), _("Enrolment"), *local])
    for enrolment in enrolments:
        student = enrolment.student
        writer.writerow(
            [
                safe_cell(student.name),
                safe_cell(student.email),
                enrolment.get_status_display(),
                *[marks.get((s.pk, student.pk), "") for s in sessions],
            ]
        )
    return response

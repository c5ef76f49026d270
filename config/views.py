"""The project level: each role's home page, which gathers what every app knows of that
person (plans, courses, roster, homework, the library). Only this layer imports them all."""

import datetime

from django.db.models import OuterRef, Subquery
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.models import Role, User
from accounts.permissions import role_required
from classes.models import ClassPlan, Course, Enrolment, PlanVersion, Session
from routines.caching import cached, make_key
from routines.models import EditProposal, Technique
from students.date_bounds import zone_or_utc
from students.forms import PasswordConfirmForm
from students.homework import count_of, follow_ups, routines_today, url_maker, user_today
from students.models import Assignment, PracticeLog, Student
from students.safety import flagged_homework


@require_GET
def home(request):
    """The landing page for visitors; each role's dashboard once signed in."""
    user = request.user
    if not user.is_authenticated:
        return render(request, "accounts/landing.html")
    if user.role == Role.STUDENT:
        return redirect("me")
    template, context = {
        Role.TEACHER: ("accounts/dashboard_teacher.html", teacher_dashboard),
        Role.CURATOR: ("accounts/dashboard_curator.html", curator_dashboard),
    }[user.role]
    response = render(request, template, context(user))
    if user.role == Role.TEACHER:
        add_never_cache_headers(response)  # it flags homework against health notes
    return response


FOLLOW_UP_STATE = (
    "logs",
    "last_log",
    "routines",
    "routine_changed",
    "students",
    "student_changed",
)


def cached_fragment_html(key: str, build) -> str:
    """Built HTML with no form in it, cached under a key that names all it shows."""
    return mark_safe(cached(key, lambda: str(build())))  # built with format_html


def teacher_dashboard(user) -> dict:
    """The teacher's home: counts, follow-ups (cached per teacher, day and the state of
    their students, routines and logs, read in the counts' query) and flagged homework."""
    today = timezone.localdate()
    mine = Technique.objects.filter(author=user)
    students = Student.objects.for_teacher(user)
    routines = Assignment.objects.for_teacher(user)
    logs = PracticeLog.objects.filter(student__teacher=user)
    counts = (
        User.objects.filter(pk=user.pk)
        .values(
            library_size=count_of(Technique.objects.published()),
            submitted=count_of(mine.filter(status=Technique.Status.SUBMITTED)),
            proposed=count_of(
                EditProposal.objects.filter(author=user, status=EditProposal.Status.PENDING)
            ),
            returned=count_of(
                mine.filter(status=Technique.Status.DRAFT).exclude(review_comment="")
            ),
            # What the follow-up list is made of: logs are added or deleted, never
            # edited; routines and students change with their updated_at.
            logs=count_of(logs),
            last_log=Subquery(logs.order_by("-pk").values("pk")[:1]),
            routines=count_of(routines),
            routine_changed=Subquery(routines.order_by("-updated_at").values("updated_at")[:1]),
            students=count_of(students),
            student_changed=Subquery(students.order_by("-updated_at").values("updated_at")[:1]),
        )
        .get()
    )
    state = tuple(counts[name] for name in FOLLOW_UP_STATE)
    return {
        **teacher_agenda(user),
        "flagged": cached_fragment_html(
            make_key("follow-ups", user.pk, today, state, get_language()),
            lambda: flagged_students(user, today=today),
        ),
        "flagged_homework": flagged_homework(Student.objects.for_teacher(user), today=today),
        "recent_plans": ClassPlan.objects.for_teacher(user).order_by("-updated_at")[:5],
        "library_size": counts["library_size"],
        "submissions_waiting": counts["submitted"] + counts["proposed"],
        "submissions_returned": counts["returned"],
    }


# The agenda reads the sessions from a day before now on, soonest first, at most this many:
# every course's today is within a day of now, whatever its time zone.
AGENDA_READ = 40
AGENDA_NEXT = 5  # the sessions shown after today's


def teacher_agenda(user, *, now=None) -> dict:
    """Today's sessions of the teacher's courses, "today" being each course's own day in
    its time zone, and the next few after today, as [{"key": "today" or "next",
    "sessions": […]}]: in one query whatever the number of courses and sessions, with the
    plan taught (its snapshot never loaded) and how many are enrolled and waitlisted.
    Each session gets `ended`, `in_progress`, `tomorrow` (in its course's time zone),
    `other_zone` (the course's is not the user's) and the addresses of teach mode (for
    that session's roster) and of its attendance."""
    now = now or timezone.now()
    enrolments = Enrolment.objects.filter(course=OuterRef("course_id"))
    sessions = (
        Session.objects.filter(course__teacher=user, starts_at__gt=now - datetime.timedelta(1))
        .exclude(course__status=Course.Status.CANCELLED)
        .select_related("course", "plan_version")
        .defer("plan_version__snapshot")
        .annotate(
            enrolled=count_of(enrolments.filter(status=Enrolment.Status.ENROLLED)),
            waitlisted=count_of(enrolments.filter(status=Enrolment.Status.WAITLISTED)),
        )
        .order_by("starts_at", "pk")[:AGENDA_READ]
    )
    here = timezone.get_current_timezone_name()
    today, upcoming = [], []
    for session in sessions:
        course = session.course
        day = zone_or_utc(session.starts_at, course.tz).date()
        course_today = timezone.localtime(now, course.tz).date()
        if day < course_today:
            continue
        if day > course_today:
            if len(upcoming) == AGENDA_NEXT:
                continue
            upcoming.append(session)
        else:
            today.append(session)
        session.tomorrow = day == course_today + datetime.timedelta(1)
        session.ended = session.ends_at <= now
        session.in_progress = session.starts_at <= now < session.ends_at
        session.other_zone = course.time_zone != here
        session.attendance_url = f"{session.get_absolute_url()}#attendance"
        version = session.plan_version
        session.teach_url = ""
        if version is not None and version.plan_id is not None:
            teach = reverse("classes:plan-teach", args=[version.plan_id])
            session.teach_url = f"{teach}?version={version.number}&session={session.pk}"
    return {"agenda": [{"key": "today", "sessions": today}, {"key": "next", "sessions": upcoming}]}


FOLLOW_UP = '<li><a href="{url}">{name}</a>{quiet}{rising}</li>'


def flagged_students(user, *, today) -> str:
    """The students with an active routine who have not practised for 7 days, or whose
    tension rises (2 queries, the logs read as SQL aggregates), as list items built here
    rather than in a template loop: there may be dozens."""
    student_url = url_maker("students:student-detail")
    quiet = format_html(' <span class="badge text-bg-warning">{}</span>', _("7+ days quiet"))
    rising = format_html(' <span class="badge text-bg-danger">{}</span>', _("tension rising"))
    return format_html_join(
        "",
        FOLLOW_UP,
        (
            {
                "url": student_url(pk),
                "name": name or _("Former student"),
                "quiet": quiet if is_quiet else "",
                "rising": rising if is_rising else "",
            }
            for pk, name, is_quiet, is_rising in follow_ups(
                Student.objects.for_teacher(user), today=today
            )
        ),
    )


def curator_dashboard(user) -> dict:
    return {
        "library_size": Technique.objects.published().count(),
        "queue_size": Technique.objects.filter(status=Technique.Status.SUBMITTED).count()
        + EditProposal.objects.filter(status=EditProposal.Status.PENDING).count(),
        "retired": Technique.objects.filter(status=Technique.Status.RETIRED).count(),
    }


@never_cache
@role_required(Role.STUDENT)
@require_GET
def student_home(request):
    """A student's today: routines due or done, the next class, and class handouts."""
    today = user_today(request.user)
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
        PlanVersion.objects.menu()
        .filter(sessions__course_id__in=courses, sessions__starts_at__lte=timezone.now())
        .distinct()
        .order_by("-published_at")[:10]
    )
    return render(
        request,
        "students/me.html",
        {
            "assignments": routines_today(request.user, today),
            "next_class": next_class,
            "handouts": handouts,
            "today": today,
            "password_form": PasswordConfirmForm(request=request),
        },
    )

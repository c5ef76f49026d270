"""The project level: each role's home page, which gathers what every app knows of that
person (plans, courses, roster, homework, the library). Only this layer imports them all."""

from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.models import Role
from accounts.permissions import role_required
from classes.models import ClassPlan, Enrolment, PlanVersion, Session
from routines.models import EditProposal, Technique
from students.forms import PasswordConfirmForm
from students.homework import roster_adherence, routines_today, user_today
from students.models import Assignment, Student
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


def teacher_dashboard(user) -> dict:
    mine = Technique.objects.filter(author=user)
    return {
        "flagged": flagged_students(user),
        "flagged_homework": flagged_homework(
            Student.objects.for_teacher(user), today=timezone.localdate()
        ),
        "recent_plans": ClassPlan.objects.for_teacher(user).order_by("-updated_at")[:5],
        "library_size": Technique.objects.published().count(),
        "submissions_waiting": mine.filter(status=Technique.Status.SUBMITTED).count()
        + user.technique_proposals.filter(status=EditProposal.Status.PENDING).count(),
        "submissions_returned": mine.filter(status=Technique.Status.DRAFT)
        .exclude(review_comment="")
        .count(),
    }


def flagged_students(user) -> list:
    """Students with an active routine who have not practised for 7 days, or whose tension rises."""
    students = list(
        Student.objects.for_teacher(user)
        .filter(assignments__status=Assignment.Status.ACTIVE)
        .distinct()
        .order_by("name")
    )
    summaries = roster_adherence(students, today=timezone.localdate())
    return [
        (s, summaries[s.pk]) for s in students if summaries[s.pk].quiet or summaries[s.pk].rising
    ]


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
            "password_form": PasswordConfirmForm(user=request.user),
        },
    )

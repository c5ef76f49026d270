from django.contrib.auth import views as auth_views
from django.db import connection
from django.db.utils import DatabaseError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .forms import EmailAuthenticationForm
from .models import Role


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    redirect_authenticated_user = True


@require_GET
def home(request):
    """The landing page for visitors; each role's dashboard once signed in."""
    user = request.user
    if not user.is_authenticated:
        return render(request, "accounts/landing.html")
    if user.role == Role.STUDENT:
        return redirect("students:me")
    template, context = {
        Role.TEACHER: ("accounts/dashboard_teacher.html", teacher_dashboard),
        Role.CURATOR: ("accounts/dashboard_curator.html", curator_dashboard),
    }[user.role]
    response = render(request, template, context(user))
    if user.role == Role.TEACHER:
        add_never_cache_headers(response)  # it flags homework against health notes
    return response


def teacher_dashboard(user) -> dict:
    from django.utils import timezone

    from classes.models import ClassPlan
    from routines.models import EditProposal, Technique
    from students.models import Student
    from students.safety import flagged_homework

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
    from django.utils import timezone

    from students.assign_views import roster_adherence
    from students.models import Assignment, Student

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
    from routines.models import EditProposal, Technique

    return {
        "library_size": Technique.objects.published().count(),
        "queue_size": Technique.objects.filter(status=Technique.Status.SUBMITTED).count()
        + EditProposal.objects.filter(status=EditProposal.Status.PENDING).count(),
        "retired": Technique.objects.filter(status=Technique.Status.RETIRED).count(),
    }


@never_cache
@require_GET
def healthz(request):
    """200 with JSON when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})

"""A course's join link: the teacher turns it on, renews or turns it off; a student who
opens it signs up (and confirms their address) or signs in, and is enrolled, or waitlisted
past the course's capacity. A link that is off or unknown creates nothing."""

from django.contrib import messages
from django.contrib.auth import login
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import throttle, verification
from accounts.forms import ConfirmEmailForm, StudentSignupForm
from accounts.models import Role
from accounts.permissions import role_required

from . import joining
from .access import get_course_for_teacher
from .models import Course, Enrolment

teacher_required = role_required(Role.TEACHER)
CLOSED = (Course.Status.FINISHED, Course.Status.CANCELLED)
SIGNUP_EMAIL = "signup_email"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def join_problem(course) -> str:
    """Why this link cannot be used now, or "" when it can."""
    if course is None:
        return _(
            "This join link does not work: it was turned off or replaced by a new one, or it "
            "was copied incompletely. Ask your teacher for the current link."
        )
    if course.status in CLOSED:
        return _("“%(title)s” is %(status)s and takes no new students.") % {
            "title": course.title,
            "status": course.get_status_display().lower(),
        }
    if not course.teacher.email_verified:
        return _(
            "This join link is not active yet: your teacher has still to confirm their email "
            "address. Try again later."
        )
    return ""


def problem_page(request, problem: str):
    return render(request, "classes/join_problem.html", {"problem": problem}, status=404)


def joined_message(request, course, status: str) -> None:
    title = course.title
    if status == Enrolment.Status.ENROLLED:
        messages.success(request, _("You are enrolled in “%(title)s”.") % {"title": title})
    elif status == Enrolment.Status.WAITLISTED:
        messages.warning(
            request,
            _("“%(title)s” is full: you are on its waitlist and move up when a place frees.")
            % {"title": title},
        )
    elif status == f"already-{Enrolment.Status.WAITLISTED}":
        messages.info(
            request, _("You are already on the waitlist of “%(title)s”.") % {"title": title}
        )
    else:
        messages.info(request, _("You are already enrolled in “%(title)s”.") % {"title": title})


@never_cache
@require_http_methods(["GET", "POST"])
def join(request, token):
    course = joining.course_for_token(token)
    problem = join_problem(course)
    if problem:
        return problem_page(request, problem)
    user = request.user
    context = {"course": course, "token": token}
    if user.is_authenticated:
        if not user.is_student:
            return render(request, "classes/join.html", {**context, "wrong_role": True}, status=403)
        if not user.email_verified:
            return render(request, "classes/join.html", {**context, "unverified": True})
        if request.method == "POST":  # then this page again, saying where they stand
            joining.course_join(course=course, user=user)
            return redirect("classes:join", token=token)
        context["status"] = (
            Enrolment.objects.filter(course=course, student__account=user)
            .values_list("status", flat=True)
            .first()
        )
        return render(request, "classes/join.html", context)
    form = StudentSignupForm(request.POST or None)
    if request.method == "POST":
        if throttle.signup_refused(request, form):
            return render(request, "classes/join.html", {**context, "form": form}, status=429)
        if form.is_valid():
            email = form.cleaned_data["email"]
            signup_student(request, course=course, **form.cleaned_data)
            request.session[SIGNUP_EMAIL] = email
            return redirect("classes:join-sent", token=token)
    return render(request, "classes/join.html", {**context, "form": form})


def signup_student(request, *, course, name, email, password1, **_fields) -> None:
    """A new address gets an unverified student account and a link that confirms it and
    finishes joining; an address with an account gets a notice, and nothing is created."""
    existing = verification.existing_account(email, password1)
    join_path = reverse("classes:join", args=[course.join_token])
    if existing is not None:
        verification.send_signup_notice(
            existing.email,
            login_url=request.build_absolute_uri(reverse("login") + "?next=" + join_path),
            reset_url=request.build_absolute_uri(reverse("password_reset")),
            course=course,
            owner=existing,
        )
        return
    user = verification.create_unverified(
        email=email, password=password1, name=name, role=Role.STUDENT
    )
    if user is None:  # the same address, signed up a moment ago: its link is on its way
        return
    token = verification.verification_token(user, c=course.pk, j=course.join_token)
    url = request.build_absolute_uri(reverse("classes:join-confirm", args=[token]))
    verification.send_verification(user, url=url, course=course)


@never_cache
@require_GET
def join_sent(request, token):
    return render(
        request,
        "classes/join_sent.html",
        {
            "course": joining.course_for_token(token),
            "email": request.session.get(SIGNUP_EMAIL, ""),
            "days": verification.VALID_DAYS,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def join_confirm(request, signed):
    """The link emailed to a student who signed up through a join link: it confirms their
    address (with their password unless they are signed in) and enrols them."""
    try:
        user, data = verification.read_token(signed)
    except verification.VerificationProblem as problem:
        return render(
            request, "accounts/verify_problem.html", {"problem": str(problem)}, status=410
        )
    course = Course.objects.select_related("teacher").filter(pk=data.get("c")).first()
    signed_in = request.user.is_authenticated and request.user.pk == user.pk
    form = None if signed_in else ConfirmEmailForm(request.POST or None, request=request, user=user)
    if request.method == "POST" and (form is None or form.is_valid()):
        if not signed_in:
            login(request, user, backend=MODEL_BACKEND)
        with transaction.atomic():
            verification.mark_verified(user)
            usable = course is not None and course.join_token == data.get("j")
            if usable and not join_problem(course) and user.is_student:
                joined_message(request, course, joining.course_join(course=course, user=user))
            else:
                messages.warning(
                    request,
                    _(
                        "Your email address is confirmed, but the join link was turned off or "
                        "replaced meanwhile: ask your teacher for the current one."
                    ),
                )
        return redirect("home")
    return render(
        request,
        "accounts/verify_email.html",
        {"form": form, "account": user, "course": course, "action": request.path},
    )


@teacher_required
@require_POST
def join_link(request, pk):
    """Turn a course's join link on, make a new one (the old stops working), or turn it off."""
    course = get_course_for_teacher(request, pk)
    action = request.POST.get("action")
    if action == "off":
        Course.objects.filter(pk=course.pk).update(join_token="")
        messages.success(request, _("The join link is off: it no longer works."))
    elif action in ("on", "new"):
        if not request.user.email_verified:
            messages.error(
                request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("Confirm your email address before sharing a join link."),
                    reverse("verify-status"),
                    _("Email me a new link"),
                ),
            )
        else:
            Course.objects.filter(pk=course.pk).update(join_token=joining.new_join_token())
            messages.success(
                request,
                _("A new join link is ready: share it with your students.")
                if action == "new"
                else _("The join link is on: share it with your students."),
            )
    return redirect(course.get_absolute_url() + "#join-link")

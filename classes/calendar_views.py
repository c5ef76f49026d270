"""Calendar feeds: public at an unguessable address; the teacher can change the address."""

from urllib.parse import urlsplit, urlunsplit

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from accounts.mail import language_for
from accounts.models import Role
from accounts.permissions import role_required

from . import calendar
from .access import get_course_for_teacher
from .models import ClassPlan, Course, Session, TeacherCalendar

teacher_required = role_required(Role.TEACHER)
NEW_ADDRESS = _("A new calendar address is ready; the old one no longer works.")


def webcal_address(url: str) -> str:
    """A feed's address with the webcal scheme, which calendar apps (Apple Calendar,
    Outlook) open as a subscription: "https://host/calendar/…ics" → "webcal://host/…"."""
    parts = urlsplit(url)
    return urlunsplit(("webcal", parts.netloc, parts.path, parts.query, ""))


# Calendar apps do not sign in: the token is the only key. GET, and HEAD for apps that check.
# The text (event titles and descriptions) is in the feed owner's language, the teacher's,
# whoever subscribes; without a saved one, in the calling app's language, as pages are.
@require_safe
def feed(request, token):
    course = Course.objects.select_related("teacher").filter(calendar_token=token).first()
    if course is not None:
        language = language_for(course.teacher, default=translation.get_language())
        sessions = course.sessions.select_related("plan_version").order_by("starts_at", "pk")
        with translation.override(language):
            body = calendar.course_calendar(course, sessions)
        filename = f"{slugify(course.title) or 'course'}.ics"
    else:
        teacher_calendar = (
            TeacherCalendar.objects.select_related("teacher").filter(token=token).first()
        )
        if teacher_calendar is None:
            raise Http404
        teacher = teacher_calendar.teacher
        language = language_for(teacher, default=translation.get_language())
        sessions = (
            Session.objects.filter(course__teacher=teacher)
            .select_related("course", "plan_version")
            .order_by("starts_at", "pk")
        )
        with translation.override(language):
            body = calendar.teacher_calendar(teacher, sessions)
        filename = "rollcall.ics"
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(False, filename)
    response["Content-Language"] = language
    response["Cache-Control"] = "private, max-age=300"
    return response


@teacher_required
@require_POST
def course_calendar_regenerate(request, pk):
    course = get_course_for_teacher(request, pk)
    course.calendar_token = ClassPlan.new_share_token()
    course.save(update_fields=["calendar_token"])
    messages.success(request, NEW_ADDRESS)
    return redirect(reverse("classes:course-detail", kwargs={"pk": course.pk}))


@teacher_required
@require_POST
def teacher_calendar_regenerate(request):
    teacher_calendar = calendar.teacher_calendar_for(request.user)
    teacher_calendar.token = ClassPlan.new_share_token()
    teacher_calendar.save(update_fields=["token"])
    messages.success(request, NEW_ADDRESS)
    return redirect(reverse("classes:course-list"))

"""Who may open which plan, course and session. Another user's is a 404."""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from .models import ClassPlan, Course, Session


def get_plan_for_editor(request, pk) -> ClassPlan:
    """A teacher edits their own plans; curators edit the starter plans."""
    plans = ClassPlan.objects.select_related("routine", "owner", "check_course")
    if request.user.is_curator:
        return get_object_or_404(plans, pk=pk, is_template=True)
    return get_object_or_404(plans, pk=pk, owner=request.user, is_template=False)


def get_plan_for_reader(request, pk) -> ClassPlan:
    """Print, PDF, teach mode and copying: one's own plans, and the starter plans."""
    plans = ClassPlan.objects.select_related("routine", "owner", "check_course")
    if request.user.is_curator:
        return get_object_or_404(plans, pk=pk, is_template=True)
    return get_object_or_404(
        plans, Q(owner=request.user, is_template=False) | Q(is_template=True), pk=pk
    )


def get_course_for_teacher(request, pk) -> Course:
    return get_object_or_404(Course, pk=pk, teacher=request.user)


def get_session_for_teacher(request, pk, session_pk) -> Session:
    return get_object_or_404(
        # The taught version's snapshot is read only when its checks are not cached.
        Session.objects.select_related("course", "plan_version__plan").defer(
            "plan_version__snapshot"
        ),
        pk=session_pk,
        course_id=pk,
        course__teacher=request.user,
    )

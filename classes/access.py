"""Who may open which plan. Another user's plan is a 404."""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from .models import ClassPlan


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

"""Sign-up: what a new teacher has done of their first steps, for the dashboard's checklist.

Only for accounts made on the sign-up page. One query while the checklist shows, none once
every step is done (remembered in the cache): the dashboard of a teacher under way pays
nothing for it."""

from django import template
from django.core.cache import cache
from django.db.models import Exists

from accounts.models import User

register = template.Library()
DONE_FOR = 60 * 60 * 24 * 30


@register.simple_tag
def first_steps(user):
    """{"verified", "plan", "course", "student"}: which steps are done; None when there is
    no checklist to show."""
    if not user.is_authenticated or not user.is_teacher or user.signed_up_at is None:
        return None
    key = f"first-steps-done:{user.pk}"
    if user.email_verified and cache.get(key):
        return None
    # The reverse relations of the apps above (plans, courses, roster), read without
    # importing them.
    steps = (
        User.objects.filter(pk=user.pk)
        .values(
            plan=Exists(user.plans.all()),
            course=Exists(user.courses.all()),
            student=Exists(user.roster.all()),
        )
        .get()
    )
    steps["verified"] = user.email_verified
    if all(steps.values()):
        cache.set(key, True, DONE_FOR)
        return None
    return steps

"""Sign-up: what a new teacher has done of their first steps, for the dashboard's checklist.

Only for accounts made on the sign-up page. One query while the checklist shows, none once
every step is done (remembered in the cache): the dashboard of a teacher under way pays
nothing for it. A cache that is down (Redis) only costs that query again."""

import logging

from django import template
from django.core.cache import cache
from django.db.models import Exists

from accounts.models import User

register = template.Library()
log = logging.getLogger(__name__)
DONE_FOR = 60 * 60 * 24 * 30


@register.simple_tag
def first_steps(user):
    """{"verified", "plan", "course", "student"}: which steps are done; None when there is
    no checklist to show."""
    if not user.is_authenticated or not user.is_teacher or user.signed_up_at is None:
        return None
    key = f"first-steps-done:{user.pk}"
    if user.email_verified and _remembered(key):
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
        try:
            cache.set(key, True, DONE_FOR)
        except Exception:  # Redis down: asked again next time
            log.warning("first steps: cache write failed for %s", key, exc_info=True)
        return None
    return steps


def _remembered(key: str) -> bool:
    try:
        return bool(cache.get(key))
    except Exception:  # Redis down: read the steps from the database instead
        log.warning("first steps: cache read failed for %s", key, exc_info=True)
        return False

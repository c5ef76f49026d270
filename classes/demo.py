"""Demo plans: the starter plans, and the demo teachers' own published and draft plans."""

from . import services
from .models import ClassPlan
from .starter_plans import load_starter_plans

DEMO_PLANS = [
    # (owner, starter plan to copy, title, publish)
    ("teacher", "upper-back-and-neck-relief", "Tuesday evening: upper back and neck", True),
    ("teacher", "intro-to-therapy-balls", "Monday beginners: meet the balls", True),
    (
        "teacher",
        "feet-for-runners-and-walkers",
        "Saturday workshop: feet for runners (draft)",
        False,
    ),
    ("teacher2", "full-body-60", "Full-body flow", True),
]


def seed(users) -> None:
    load_starter_plans()
    for owner_key, starter_slug, title, publish in DEMO_PLANS:
        owner = users[owner_key]
        if ClassPlan.objects.filter(owner=owner, title=title).exists():
            continue
        plan = services.plan_duplicate(
            plan=ClassPlan.objects.get(slug=starter_slug), owner=owner, title=title
        )
        if publish:
            services.plan_publish(plan=plan, expected_version=plan.lock_version)

"""Seed the soak's database (bench/soak.py): a small world that a mixed load can exercise.

Run by bench/soak.py in its own process with the soak environment, after `manage.py migrate`
and `manage.py load_library`. It prints one JSON line on stdout:

    {"teachers": [{"session", "plan", "sections", "published"}...],
     "students": [{"session", "routine"}...], "slugs": [...], "share_token": "...",
     "login": {"email", "password"}}

Every soak worker thread acts as one teacher (its own plan, so no two threads edit the same
plan) and picks students at random. Teachers sign up on the sign-up page in real life, so
half of them carry `signed_up_at` (their dashboard reads the first-steps checklist from the
cache). The publishes queue PDF renders; the queue is emptied so the task worker starts idle
(a plan's PDF is rendered on demand when asked for, or by the worker after a soak publish).
"""

import json
import random

from seed import MODEL_BACKEND, setup_django

TEACHERS = 32
STUDENTS = 64
PLAN_STEPS = 6
PASSWORD = "soak-password-not-secret"  # noqa: S105 - throwaway users in a throwaway cluster
LOGIN_EMAIL = "soak-login@soak.test"


def seed(rng: random.Random) -> dict:
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from accounts.models import Role, User
    from classes import services
    from classes.models import ClassPlan
    from routines.models import Side, Step, Technique
    from students.models import Student

    password = make_password(PASSWORD)
    techniques = list(Technique.objects.published().order_by("slug"))
    if not techniques:
        raise SystemExit("soak seed: no published techniques; run `manage.py load_library` first.")
    teachers = User.objects.bulk_create(
        User(
            email=f"soak-teacher-{n:02d}@soak.test",
            name=f"Soak Teacher {n}",
            role=Role.TEACHER,
            password=password,
            signed_up_at=timezone.now() if n % 2 else None,
        )
        for n in range(TEACHERS)
    )
    User.objects.create(email=LOGIN_EMAIL, name="Soak Login", role=Role.TEACHER, password=password)
    plans, versions = [], []
    for teacher in teachers:
        plan = services.plan_create(owner=teacher, title=f"Soak plan of {teacher.name}")
        sections = list(plan.routine.sections.all())
        Step.objects.bulk_create(
            Step(
                routine=plan.routine,
                section=sections[min(i * len(sections) // PLAN_STEPS, len(sections) - 1)],
                position=i,
                technique=(technique := rng.choice(techniques)),
                duration_seconds=technique.duration_seconds,
                side=Side.EACH if technique.per_side else Side.BOTH,
            )
            for i in range(PLAN_STEPS)
        )
        versions.append(services.plan_publish(plan=plan, expected_version=plan.lock_version))
        plans.append((plan, sections))
    share_token = ClassPlan.new_share_token()
    ClassPlan.objects.filter(pk=plans[0][0].pk).update(share_token=share_token)

    student_users = User.objects.bulk_create(
        User(email=f"soak-student-{n:03d}@soak.test", name=f"Soak Student {n}", role=Role.STUDENT)
        for n in range(STUDENTS)
    )
    routines = []
    for n, account in enumerate(student_users):
        teacher = teachers[n % TEACHERS]
        student = Student.objects.create(
            teacher=teacher, name=account.name, email=account.email, account=account
        )
        (assignment,) = services.homework_assign(
            students=[student],
            version=versions[n % TEACHERS],
            frequency="daily",
            starts_on=timezone.localdate(),
        )
        routines.append(assignment.pk)
    return {
        "teachers": [
            {
                "session": sign_in(teacher),
                "plan": plan.pk,
                "sections": [section.pk for section in sections],
            }
            for teacher, (plan, sections) in zip(teachers, plans, strict=True)
        ],
        "students": [
            {"session": sign_in(account), "routine": routine}
            for account, routine in zip(student_users, routines, strict=True)
        ],
        "slugs": [technique.slug for technique in techniques[:60]],
        "share_token": share_token,
        "login": {"email": LOGIN_EMAIL, "password": PASSWORD},
    }


def sign_in(user) -> str:
    """A real session for `user`, as if they had signed in: its key."""
    from importlib import import_module

    from django.conf import settings

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store["_auth_user_id"] = str(user.pk)
    store["_auth_user_backend"] = MODEL_BACKEND
    store["_auth_user_hash"] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def main() -> None:
    setup_django()
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    with transaction.atomic():
        world = seed(random.Random(20260216))
    # The publishes queue their PDF renders once the transaction commits: drop them, they are
    # the seed's work, not the soak's (a PDF is rendered on demand when asked for).
    DBTaskResult.objects.all().delete()
    print(json.dumps(world))


if __name__ == "__main__":
    main()

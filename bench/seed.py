"""Seed the benchmark database with a sizeable dataset and sign in the bench users.

Run by bench/run.py in its own process, after `manage.py load_library`, with the bench
environment (DATABASE_URL, SECRET_KEY, ...). It prints one JSON line on stdout:

    {"counts": {...dataset sizes...}, "sessions": {"teacher": "<session key>", ...}}

To seed data for a new feature, write a function `seed_<thing>(rng)` and append it to
SEED_STEPS; add the sizes worth printing to `dataset_counts()`. Use bulk_create: the
whole run.py should stay within about two minutes.
"""

import json
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

EXTRA_TECHNIQUES = 500
STUDENTS = 2000
PASSWORD = "bench-password-not-secret"  # noqa: S105 - throwaway users in a throwaway database
# The signed-in users the pages in run.py can ask for ("who").
BENCH_USERS = {
    "teacher": "bench-teacher@bench.test",
    "curator": "bench-curator@bench.test",
    "student": "student-00001@bench.test",
}
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def seed_techniques(rng: random.Random) -> None:
    """EXTRA_TECHNIQUES published variants of the starter techniques, random vocabulary."""
    from routines.models import Action, Equipment, Region, Technique
    from routines.search import index_techniques

    starters = list(Technique.objects.published().order_by("slug"))
    if not starters:
        raise SystemExit("seed: no published techniques; run `manage.py load_library` first.")
    regions, actions, equipment = (
        list(Region.objects.all()),
        list(Action.objects.all()),
        list(Equipment.objects.all()),
    )
    copies, chosen = [], []
    for i in range(EXTRA_TECHNIQUES):
        base = starters[i % len(starters)]
        variant = i // len(starters) + 1
        picked = {
            "regions": sorted(rng.sample(regions, rng.randint(1, 3)), key=region_order),
            "actions": rng.sample(actions, rng.randint(1, 2)),
            "equipment": rng.sample(equipment, 1),
        }
        copies.append(variant_of(base, variant, picked["regions"]))
        chosen.append(picked)
    copies = Technique.objects.bulk_create(copies)
    link_vocabulary(copies, chosen)
    index_techniques(Technique.objects.filter(pk__in=[c.pk for c in copies]))


def region_order(region) -> tuple:
    """Region's Meta ordering, so region_names matches what refresh_search_fields writes."""
    return (region.order, region.name)


def variant_of(base, variant: int, regions: list):
    from routines.models import Technique
    from routines.search import search_terms

    return Technique(
        slug=f"{base.slug}-variant-{variant}",
        name=f"{base.name} (variant {variant})",
        summary=base.summary,
        status=Technique.Status.PUBLISHED,
        position=base.position,
        duration_seconds=base.duration_seconds,
        per_side=base.per_side,
        level=base.level,
        intensity=base.intensity,
        tissues=list(base.tissues),
        instructions=list(base.instructions),
        cues=list(base.cues),
        mistakes=list(base.mistakes),
        cautions=list(base.cautions),
        contraindications=list(base.contraindications),
        region_names=(region_names := ", ".join(region.name for region in regions)),
        search_terms=search_terms(f"{base.name} (variant {variant})", base.tissues, region_names),
    )


def link_vocabulary(techniques: list, chosen: list[dict]) -> None:
    """Fill the regions/actions/equipment through-tables in one bulk insert each."""
    from routines.models import Technique

    for field, target in (("regions", "region"), ("actions", "action"), ("equipment", "equipment")):
        through = getattr(Technique, field).through
        rows = [
            through(technique_id=technique.pk, **{f"{target}_id": item.pk})
            for technique, picked in zip(techniques, chosen, strict=True)
            for item in picked[field]
        ]
        through.objects.bulk_create(rows)


def seed_users(rng: random.Random) -> None:
    """The bench teacher and curator, and STUDENTS students, sharing one password hash."""
    from django.contrib.auth.hashers import make_password

    from accounts.models import Role, User

    password = make_password(PASSWORD)
    User.objects.create(
        email=BENCH_USERS["teacher"], name="Bench Teacher", role=Role.TEACHER, password=password
    )
    User.objects.create(
        email=BENCH_USERS["curator"],
        name="Bench Curator",
        role=Role.CURATOR,
        is_staff=True,
        is_superuser=True,
        password=password,
    )
    students = [
        User(email=f"student-{n:05d}@bench.test", name=f"Student {n}", role=Role.STUDENT)
        for n in range(1, STUDENTS + 1)
    ]
    for student in students:
        student.password = password
    User.objects.bulk_create(students, batch_size=1000)


PLANS = 40
PLAN_STEPS = 36


def seed_plans(rng: random.Random) -> None:
    """The bench teacher's plans: one published plan of PLAN_STEPS steps, and more drafts."""
    from accounts.models import User
    from classes import services
    from classes.models import ClassPlan
    from routines.models import Side, Step, Technique

    teacher = User.objects.get(email=BENCH_USERS["teacher"])
    techniques = list(Technique.objects.published().order_by("slug")[:120])
    for n in range(PLANS):
        plan = services.plan_create(owner=teacher, title=f"Bench plan {n:02d}", target_minutes=60)
        if n:
            continue
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
        services.plan_publish(plan=plan, expected_version=plan.lock_version)
        ClassPlan.objects.filter(pk=plan.pk).update(share_token=ClassPlan.new_share_token())


ROSTER = 500
COURSE_STUDENTS = 300
COURSE_SESSIONS = 12


def seed_courses(rng: random.Random) -> None:
    """The bench teacher's roster of ROSTER students and a weekly course with attendance."""
    import datetime

    from accounts.models import User
    from classes import services
    from classes.models import Attendance, Course, Enrolment
    from students.models import Student

    teacher = User.objects.get(email=BENCH_USERS["teacher"])
    students = Student.objects.bulk_create(
        Student(teacher=teacher, name=f"Roster student {n:04d}", email=f"roster-{n:04d}@bench.test")
        for n in range(ROSTER)
    )
    course = Course.objects.create(
        teacher=teacher, title="Bench weekly class", capacity=COURSE_STUDENTS
    )
    Enrolment.objects.bulk_create(
        Enrolment(course=course, student=s) for s in students[:COURSE_STUDENTS]
    )
    sessions = services.sessions_generate(
        course=course,
        first_date=datetime.date(2026, 1, 6),
        start_time=datetime.time(19, 0),
        duration_minutes=60,
        count=COURSE_SESSIONS,
    )
    Attendance.objects.bulk_create(
        Attendance(session=session, student=s, status=rng.choice(["present", "present", "absent"]))
        for session in sessions[:6]
        for s in students[:COURSE_STUDENTS]
    )


LOG_DAYS = 365


def seed_routines(rng: random.Random) -> None:
    """Home routines: the course's students each with a routine and four weeks of logs; the
    bench student (on the roster) with two routines and a year of practice."""
    import datetime
    import uuid

    from django.utils import timezone

    from accounts.models import User
    from classes.models import ClassPlan, Course
    from students import services
    from students.models import Assignment, PracticeLog, Student

    version = ClassPlan.objects.get(title="Bench plan 00").versions.get()
    course = Course.objects.get(title="Bench weekly class")
    today = timezone.localdate()
    year_ago = today - datetime.timedelta(days=LOG_DAYS)
    students = list(Student.objects.filter(enrolments__course=course).order_by("pk"))
    assignments = services.assign(
        students=students, version=version, frequency="daily", starts_on=year_ago
    )
    PracticeLog.objects.bulk_create(
        PracticeLog(
            assignment=a,
            student_id=a.student_id,
            practised_on=today - datetime.timedelta(days=d),
            minutes=10,
            tension_before=rng.randint(3, 8),
            tension_after=rng.randint(1, 4),
            submission=uuid.uuid4(),
        )
        for a in assignments
        for d in range(28)
        if rng.random() < 0.7
    )
    me = students[0]
    me.account = User.objects.get(email=BENCH_USERS["student"])
    me.save(update_fields=["account"])
    second = services.assign(
        students=[me], version=version, frequency="per-week", times_per_week=3, starts_on=year_ago
    )[0]
    PracticeLog.objects.bulk_create(
        PracticeLog(
            assignment=second,
            student=me,
            practised_on=year_ago + datetime.timedelta(days=d),
            minutes=12,
            tension_before=rng.randint(3, 8),
            tension_after=rng.randint(1, 4),
            submission=uuid.uuid4(),
        )
        for d in range(28, LOG_DAYS)
    )
    assert Assignment.objects.filter(student=me).count() == 2


def seeded_ids() -> dict[str, str]:
    """The objects whose ids page paths name, e.g. "/plans/{plan}/"."""
    from classes.models import ClassPlan, Course
    from students.models import Student

    plan = ClassPlan.objects.get(title="Bench plan 00")
    course = Course.objects.get(title="Bench weekly class")
    return {
        "plan": str(plan.pk),
        "share_token": plan.share_token,
        "course": str(course.pk),
        "session": str(course.sessions.first().pk),
        "student": str(Student.objects.get(email="roster-0000@bench.test").pk),
        "routine": str(Student.objects.get(email="roster-0000@bench.test").assignments.first().pk),
    }


# Run in order; later features append their own steps.
SEED_STEPS = [seed_techniques, seed_users, seed_plans, seed_courses, seed_routines]


def dataset_counts() -> dict[str, int]:
    from accounts.models import Role, User
    from classes.models import ClassPlan
    from routines.models import Technique

    return {
        "techniques": Technique.objects.count(),
        "published techniques": Technique.objects.published().count(),
        "users": User.objects.count(),
        "students": User.objects.filter(role=Role.STUDENT).count(),
        "plans": ClassPlan.objects.count(),
    }


def create_sessions() -> dict[str, str]:
    """A real database session per bench user, as if they had signed in: who -> session key."""
    from importlib import import_module

    from django.conf import settings

    from accounts.models import User

    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = {}
    for who, email in BENCH_USERS.items():
        user = User.objects.get(email=email)
        session = store()
        session["_auth_user_id"] = str(user.pk)
        session["_auth_user_backend"] = MODEL_BACKEND
        session["_auth_user_hash"] = user.get_session_auth_hash()
        session.create()
        keys[who] = session.session_key
    return keys


def main() -> None:
    setup_django()
    from django.db import transaction

    rng = random.Random(20240601)  # the same dataset on every run
    for step in SEED_STEPS:
        with transaction.atomic():
            step(rng)
    print(
        json.dumps({"counts": dataset_counts(), "sessions": create_sessions(), "ids": seeded_ids()})
    )


if __name__ == "__main__":
    main()

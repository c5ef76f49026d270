"""Seed the benchmark database with a sizeable dataset and sign in the bench users.

Run by bench/run.py in its own process, after `manage.py load_library`, with the bench
environment (DATABASE_URL, SECRET_KEY, ...). It prints one JSON line on stdout:

    {"counts": {...dataset sizes...}, "sessions": {"teacher": "<session key>", ...}}

To seed data for a new feature, write a function `seed_<thing>(rng)` and append it to
SEED_STEPS; add the sizes worth printing to `dataset_counts()`. Use bulk_create: the
whole run.py should stay within about two minutes.

The app imports sit inside the functions on purpose: this script configures Django
itself (setup_django), and no model can be imported before that.
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
    from routines import state
    from routines.models import Action, Equipment, Region, Technique

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
        copies.append(variant_of(base, variant))
        chosen.append(picked)
    copies = Technique.objects.bulk_create(copies)
    link_vocabulary(copies, chosen)
    state.bump()  # bulk writes send no signals: the library's new state, said here


def region_order(region) -> tuple:
    """Region's Meta ordering, as the pages list a technique's regions."""
    return (region.order, region.name)


def variant_of(base, variant: int):
    from routines.models import Technique

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
        indications=list(base.indications),
        suitability=dict(base.suitability),
    )


def link_vocabulary(objects: list, chosen: list[dict]) -> None:
    """Fill the many-to-many fields named in `chosen` ({field: [objects]}, one per object)
    in one bulk insert per field."""
    if not objects:
        return
    model = type(objects[0])
    source = model._meta.model_name
    for field in chosen[0]:
        m2m = model._meta.get_field(field)
        target = m2m.related_model._meta.model_name
        through = m2m.remote_field.through
        rows = [
            through(**{f"{source}_id": obj.pk, f"{target}_id": item.pk})
            for obj, picked in zip(objects, chosen, strict=True)
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

    teacher = User.objects.get(email=BENCH_USERS["teacher"])
    techniques = plan_techniques()
    for n in range(PLANS):
        plan = services.plan_create(owner=teacher, title=f"Bench plan {n:02d}", target_minutes=60)
        if n:
            continue
        add_steps(plan, techniques, rng)
        services.plan_publish(plan=plan, expected_version=plan.lock_version)
        ClassPlan.objects.filter(pk=plan.pk).update(share_token=ClassPlan.new_share_token())


def plan_techniques() -> list:
    """The techniques the seeded plans draw their steps from."""
    from routines.models import Technique

    return list(Technique.objects.published().order_by("slug")[:120])


def add_steps(plan, techniques: list, rng: random.Random) -> None:
    """PLAN_STEPS steps of random techniques, spread in order over the plan's sections."""
    from routines.models import Side, Step

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


ROSTER = 500
COURSE_STUDENTS = 300
COURSE_SESSIONS = 12


def seed_courses(rng: random.Random) -> None:
    """The bench teacher's roster of ROSTER students and a weekly course with attendance."""
    from accounts.models import User
    from students.models import Student

    teacher = User.objects.get(email=BENCH_USERS["teacher"])
    students = Student.objects.bulk_create(
        Student(teacher=teacher, name=f"Roster student {n:04d}", email=f"roster-{n:04d}@bench.test")
        for n in range(ROSTER)
    )
    weekly_course(teacher, "Bench weekly class", students[:COURSE_STUDENTS], rng)


def weekly_course(teacher, title: str, students: list, rng: random.Random) -> tuple:
    """A weekly course with `students` enrolled, COURSE_SESSIONS sessions and attendance at
    the first six: (course, sessions)."""
    import datetime

    from classes import services
    from classes.models import Attendance, Course, Enrolment

    course = Course.objects.create(teacher=teacher, title=title, capacity=len(students))
    Enrolment.objects.bulk_create(Enrolment(course=course, student=s) for s in students)
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
        for s in students
    )
    return course, sessions


LOG_DAYS = 365


def seed_routines(rng: random.Random) -> None:
    """Home routines: the course's students each with a routine and four weeks of logs; the
    bench student (on the roster) with two routines and a year of practice."""
    import datetime
    import uuid

    from django.utils import timezone

    from accounts.models import User
    from classes import services
    from classes.models import ClassPlan, Course
    from students.models import Assignment, PracticeLog, Student

    version = ClassPlan.objects.get(title="Bench plan 00").versions.get()
    course = Course.objects.get(title="Bench weekly class")
    today = timezone.localdate()
    year_ago = today - datetime.timedelta(days=LOG_DAYS)
    students = list(Student.objects.filter(enrolments__course=course).order_by("pk"))
    assignments = services.homework_assign(
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
    second = services.homework_assign(
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


CHECK_STUDENTS = 300
CHECK_NOTES = 30
CHECK_EXPIRED = 4
CHECK_VERSIONS = 20
# (condition, regions to avoid, actions to avoid): the health notes of the check scenario.
CHECK_NOTE_KINDS = [
    ("Whiplash, recovering", ["back-of-neck", "side-of-neck"], []),
    ("Disc bulge L4/L5", ["low-back"], ["roll", "shear"]),
    ("Tension headaches", ["side-of-neck"], []),
    ("Neck surgery last year", ["back-of-neck", "side-of-neck"], ["compress", "pin-and-stretch"]),
    ("Lumbar strain", ["low-back", "sacrum-and-pelvis"], []),
    ("Osteoporosis", ["low-back", "upper-back"], ["roll", "compress"]),
]


def seed_check_scenario(rng: random.Random) -> None:
    """The plan checks against a roster: "Bench check plan" (PLAN_STEPS steps, CHECK_VERSIONS
    published versions, a step edited between them) is checked against "Bench check class"
    (the roster's last CHECK_STUDENTS, with sessions and attendance), CHECK_NOTES of whom
    have consented to a health note; CHECK_EXPIRED notes have ended. Every session of the
    class teaches the newest version. The notes go to students without homework, so the
    pages of the weekly class and its homework measure what they did before."""
    import datetime

    from django.utils import timezone

    from accounts.models import User
    from classes import services
    from classes.models import ClassPlan, Session
    from routines.models import Action, Region
    from students.models import Assignment, HealthNote, Student

    teacher = User.objects.get(email=BENCH_USERS["teacher"])
    roster = list(Student.objects.for_teacher(teacher).order_by("pk"))
    enrolled = roster[-CHECK_STUDENTS:]
    course, sessions = weekly_course(teacher, "Bench check class", enrolled, rng)

    with_homework = set(Assignment.objects.values_list("student_id", flat=True))
    noted = rng.sample([s for s in enrolled if s.pk not in with_homework], CHECK_NOTES)
    Student.objects.filter(pk__in=[s.pk for s in noted]).update(
        consent_given_at=timezone.now(),
        consent_method=Student.ConsentMethod.WRITTEN,
        consent_recorded_by=teacher,
    )
    today = timezone.localdate()

    def until(i: int):  # the first CHECK_EXPIRED notes have ended; some end in the future
        if i < CHECK_EXPIRED:
            return today - datetime.timedelta(days=7 * (i + 1))
        return today + datetime.timedelta(days=90) if i % 5 == 4 else None

    regions = {region.slug: region for region in Region.objects.all()}
    actions = {action.slug: action for action in Action.objects.all()}
    kinds = [CHECK_NOTE_KINDS[i % len(CHECK_NOTE_KINDS)] for i in range(CHECK_NOTES)]
    created = HealthNote.objects.bulk_create(
        HealthNote(student=student, condition=condition, until=until(i))
        for i, (student, (condition, _avoid, _actions)) in enumerate(zip(noted, kinds, strict=True))
    )
    link_vocabulary(
        created,
        [
            {
                "affected_regions": [regions[slug] for slug in avoid],
                "avoid_regions": [regions[slug] for slug in avoid],
                "avoid_actions": [actions[slug] for slug in avoid_actions],
            }
            for _condition, avoid, avoid_actions in kinds
        ],
    )

    plan = services.plan_create(owner=teacher, title="Bench check plan", target_minutes=60)
    ClassPlan.objects.filter(pk=plan.pk).update(check_course=course)
    add_steps(plan, plan_techniques(), rng)
    steps = list(plan.routine.steps.order_by("position"))
    for n in range(CHECK_VERSIONS):
        if n:  # the next draft: one step a little longer, then publish it again
            step = steps[n % len(steps)]
            services.step_update(
                plan=plan,
                expected_version=plan.lock_version,
                step=step,
                duration_seconds=step.duration_seconds + 15,
            )
        newest = services.plan_publish(plan=plan, expected_version=plan.lock_version)
    Session.objects.filter(pk__in=[s.pk for s in sessions]).update(plan_version=newest)


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
        **check_ids(),
    }


def check_ids() -> dict[str, str]:
    """The check scenario's plan, course, and a session teaching the plan's newest version."""
    from classes.models import ClassPlan

    plan = ClassPlan.objects.get(title="Bench check plan")
    course = plan.check_course
    return {
        "check_plan": str(plan.pk),
        "check_course": str(course.pk),
        "check_session": str(course.sessions.filter(plan_version=plan.versions.first()).first().pk),
    }


# Run in order; later features append their own steps.
SEED_STEPS = [
    seed_techniques,
    seed_users,
    seed_plans,
    seed_courses,
    seed_routines,
    seed_check_scenario,
]


def dataset_counts() -> dict[str, int]:
    from accounts.models import Role, User
    from classes.models import ClassPlan, PlanVersion
    from routines.models import Technique
    from students.models import HealthNote

    return {
        "techniques": Technique.objects.count(),
        "published techniques": Technique.objects.published().count(),
        "users": User.objects.count(),
        "students": User.objects.filter(role=Role.STUDENT).count(),
        "plans": ClassPlan.objects.count(),
        "published versions": PlanVersion.objects.count(),
        "health notes": HealthNote.objects.count(),
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

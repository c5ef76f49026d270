"""Demo plans, courses and homework: the starter plans, the demo teachers' own published
and draft plans, their courses, a modification for Sam, Sam's home routines, and Élodie's
(the French-speaking student's)."""

import datetime
import uuid

from django.utils import timezone

from routines.models import Technique, TechniqueRevision
from routines.services import technique_apply
from students.homework import user_today
from students.models import Assignment, PracticeLog

from . import services
from .findings import plan_findings
from .models import Attendance, ClassPlan, Course, PlanVersion, StepModification
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
WORKSHOP_TITLE = "Feet for runners: Saturday workshop"
FRENCH_STUDENT = "eleve.fr@demo.rollcall.test"


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


def seed_courses(users, rosters) -> None:
    """A weekly class (three weeks in, with attendance), a workshop, and teacher2's class."""
    teacher, teacher2 = users["teacher"], users["teacher2"]
    today = timezone.localdate()
    if not Course.objects.filter(teacher=teacher).exists():
        weekly = Course.objects.create(
            teacher=teacher,
            kind=Course.Kind.WEEKLY,
            title="Tuesday evening therapy balls",
            description="Roll out the working day: upper back, neck, shoulders, feet and hips.",
            location="Studio 2, Riverside Yoga, 14 Mill Lane",
            capacity=12,
            time_zone="Europe/London",
        )
        first_tuesday = today - datetime.timedelta(days=(today.weekday() - 1) % 7 + 21)
        sessions = services.sessions_generate(
            course=weekly,
            first_date=first_tuesday,
            start_time=datetime.time(19, 0),
            duration_minutes=60,
            count=8,
        )
        version = PlanVersion.objects.filter(
            owner=teacher, title="Tuesday evening: upper back and neck"
        ).first()
        for session in sessions:
            session.plan_version = version
            session.save(update_fields=["plan_version"])
        # The plan's checks look at this class's roster: Sam's neck note clashes with its neck work.
        ClassPlan.objects.filter(owner=teacher, title=version.title).update(check_course=weekly)
        services.enrol(course=weekly, students=rosters["teacher"][:13])  # 12 places: the 13th waits
        enrolled = rosters["teacher"][:12]
        for week, session in enumerate(s for s in sessions if s.starts_at < timezone.now()):
            for i, student in enumerate(enrolled):
                status = "present" if (i + week) % 5 else ("absent" if i % 2 else "late-cancel")
                Attendance.objects.create(session=session, student=student, status=status)
        workshop = Course.objects.create(
            teacher=teacher,
            kind=Course.Kind.WORKSHOP,
            title=WORKSHOP_TITLE,
            location="Riverside Running Club, clubhouse",
            capacity=20,
            time_zone="Europe/London",
        )
        saturday = today + datetime.timedelta(days=(5 - today.weekday()) % 7 + 7)
        services.sessions_generate(
            course=workshop,
            first_date=saturday,
            start_time=datetime.time(10, 0),
            duration_minutes=120,
            count=1,
        )
        services.enrol(course=workshop, students=[rosters["teacher"][2], rosters["teacher"][7]])
    if not Course.objects.filter(teacher=teacher2).exists():
        lunch = Course.objects.create(
            teacher=teacher2,
            kind=Course.Kind.WEEKLY,
            title="Lunchtime roll",
            location="Community hall",
            capacity=8,
            time_zone="Europe/Paris",
        )
        monday = today - datetime.timedelta(days=today.weekday())
        services.sessions_generate(
            course=lunch,
            first_date=monday,
            start_time=datetime.time(12, 30),
            duration_minutes=45,
            count=4,
        )
        services.enrol(course=lunch, students=rosters["teacher2"])


def seed_modifications(users, rosters) -> None:
    """Sam's note clashes with the Tuesday plan's neck work. One step is adapted for her,
    so teach mode shows a modification; the others stay dangers with a swap offered."""
    teacher, sam = users["teacher"], rosters["teacher"][0]
    plan = ClassPlan.objects.filter(owner=teacher, title=DEMO_PLANS[0][2]).first()
    if plan is None or plan.check_course is None:
        return
    if StepModification.objects.filter(plan=plan).exists():
        return
    snapshot = services.plan_snapshot(plan)
    conflicts = plan_findings(snapshot, plan=plan, course=plan.check_course)["conflicts"]
    levator = next(
        (c for c in conflicts if c.step.technique.slug == "levator-scapulae-pin-and-stretch"),
        None,
    )
    if levator is None or not levator.alternatives:
        return
    step = plan.routine.steps.get(pk=levator.step.step_id)
    services.modification_save(
        plan=plan,
        step=step,
        student=sam,
        technique=Technique.objects.get(slug=levator.alternatives[0].slug),
        by=teacher,
    )


def seed_routines(users, rosters) -> None:
    """Two routines for the demo student with three weeks of practice logged (tension
    easing from about 7 to 3), and one for student2."""
    sam = rosters["teacher"][0]
    if sam.assignments.exists():
        return
    today = timezone.localdate()
    start = today - datetime.timedelta(days=21)
    wall = PlanVersion.objects.filter(
        owner=users["teacher"], title="Tuesday evening: upper back and neck"
    ).first()
    intro = PlanVersion.objects.filter(
        owner=users["teacher"], title="Monday beginners: meet the balls"
    ).first()
    evening = services.homework_assign(
        students=[sam],
        version=wall,
        # A short evening routine from the class plan, without its neck work: Sam's note
        # asks to avoid the neck, and the checks would flag it.
        step_keys={"1:1", "1:2", "4:0"},
        frequency=Assignment.Frequency.NIGHTLY,
        starts_on=start,
        message="Ten minutes before bed; keep the balls off your neck for now.",
    )[0]
    services.homework_assign(
        students=[sam],
        version=intro,
        frequency=Assignment.Frequency.PER_WEEK,
        times_per_week=2,
        starts_on=start,
        message="Twice a week, slowly.",
    )
    for n in range(21):
        if n % 4 == 3:
            continue  # a missed night now and then
        day = start + datetime.timedelta(days=n)
        before = 7 - n // 6
        PracticeLog.objects.create(
            assignment=evening,
            student=sam,
            practised_on=day,
            minutes=10,
            tension_before=before,
            tension_after=max(before - 3, 1),
            submission=uuid.uuid4(),
        )
    # Priya was given the intro routine ten days ago and has not logged it: the teacher's
    # dashboard flags her.
    services.homework_assign(
        students=[rosters["teacher"][1]],
        version=intro,
        frequency=Assignment.Frequency.DAILY,
        starts_on=today - datetime.timedelta(days=10),
    )
    student2 = rosters["teacher2"][0]
    version2 = PlanVersion.objects.filter(owner=users["teacher2"]).first()
    if version2 and not student2.assignments.exists():
        services.homework_assign(
            students=[student2],
            version=version2,
            frequency=Assignment.Frequency.DAILY,
            starts_on=today,
        )


def seed_french_student(users, rosters) -> bool:
    """Élodie reads Rollcall in French, in Montréal's time zone. She is enrolled in the
    Saturday workshop (the weekly class is full) and has the beginners' routine every day for
    the past week, practised most days but not yet today: a reminder is due. She has no health
    note, so the checks flag nothing in it. True when her routine is assigned now (the demo
    then emails her that day's reminder, once)."""
    teacher = users["teacher"]
    elodie = next((s for s in rosters["teacher"] if s.email == FRENCH_STUDENT), None)
    workshop = Course.objects.filter(teacher=teacher, title=WORKSHOP_TITLE).first()
    if elodie is None or elodie.account is None:
        return False
    if workshop is not None:
        services.enrol(course=workshop, students=[elodie])  # "already" on the next run
    if elodie.assignments.exists():
        return False
    intro = PlanVersion.objects.filter(
        owner=teacher, title="Monday beginners: meet the balls"
    ).first()
    if intro is None:
        return False
    today = user_today(elodie.account)  # her day, in Toronto, for the reminder to be due
    start = today - datetime.timedelta(days=6)
    routine = services.homework_assign(
        students=[elodie],
        version=intro,
        frequency=Assignment.Frequency.DAILY,
        starts_on=start,
        # The teacher writes to her in French: the message is stored as written.
        message="Dix minutes le soir, en douceur : la balle ne doit jamais faire mal.",
    )[0]
    for n in range(6):
        if n == 3:
            continue  # a missed evening
        PracticeLog.objects.create(
            assignment=routine,
            student=elodie,
            practised_on=start + datetime.timedelta(days=n),
            minutes=10,
            tension_before=6 - n // 2,
            tension_after=max(4 - n // 2, 1),
            submission=uuid.uuid4(),
        )
    return True


# The demo teacher's own technique, sent for review in English only: the curator's queue
# has something to review, and the list of missing translations something to translate.
SUBMISSION = {
    "slug": "desk-side-foot-roll-therapy-ball",
    "name": "Desk-side foot roll on a therapy ball",
    "summary": (
        "Sitting at a desk with shoes off, roll the sole of one foot slowly over a therapy "
        "ball from heel to toes, then pause on a tender spot."
    ),
    "status": Technique.Status.SUBMITTED,
    "regions": ["sole-of-foot"],
    "tissues": ["plantar fascia", "flexor digitorum brevis", "abductor hallucis"],
    "actions": ["roll"],
    "equipment": ["therapy-ball", "chair"],
    "position": "chair",
    "duration_seconds": 60,
    "per_side": True,
    "level": "beginner",
    "intensity": "gentle",
    "instructions": [
        "Sit towards the front of a firm chair with both feet flat and a therapy ball on the "
        "floor in front of one foot.",
        "Place the arch of the foot on the ball and let only the weight of the leg rest on it.",
        "Roll slowly from the heel to the base of the toes and back for thirty seconds, "
        "keeping the breath slow.",
        "Pause on a tender spot for three breaths and spread the toes, then roll for another "
        "thirty seconds and change feet.",
    ],
    "cues": [
        "The weight of the leg first, then a little more.",
        "Spread the toes as you pause.",
        "Slow enough to feel each part of the arch.",
    ],
    "mistakes": ["Standing up to press harder too soon.", "Rolling fast, like a rolling pin."],
    "cautions": [
        "Sharp heel pain on the first steps of the morning: keep the pressure light, and see a "
        "clinician if it lasts."
    ],
    "contraindications": [
        "Numb feet or diabetic neuropathy: ask your doctor first, as you may not feel how hard "
        "you press.",
        "Open wounds, blisters or a skin infection on the sole: skip this until they have healed.",
        "Blood thinners or a bleeding disorder: use a soft ball and light pressure, and stop if "
        "bruises appear.",
        "Recent injury or surgery: stay away from the site until it is cleared by a clinician.",
    ],
    "indications": ["tired feet", "plantar fasciitis", "desk workers", "standing all day"],
    "suitability": {
        "pregnancy": {"first": "yes", "second": "yes", "third": "yes"},
        "osteoporosis": "yes",
        "clot_risk": "yes",
    },
}


def seed_submission(users) -> None:
    """Once: the demo teacher's technique, submitted for review (no French yet)."""
    if Technique.objects.filter(slug=SUBMISSION["slug"]).exists():
        return
    technique_apply(
        data=dict(SUBMISSION),
        author=users["teacher"],
        kind=TechniqueRevision.Kind.SUBMITTED,
    )

"""Demo rosters: the teacher's fourteen students (one of them the demo student, with a
health note recorded with consent) and teacher2's own, separate roster."""

import datetime

from django.utils import timezone

from routines.models import Region

from . import services
from .models import AuditEntry, HealthNote, Student

ROSTER = [
    # name, email, new to ball work, goals
    (
        "Sam Student",
        "student@demo.rollcall.test",
        False,
        "Less neck and shoulder tension from desk work.",
    ),
    ("Priya Shah", "priya@example.test", True, "Sleep better; calm down after work."),
    ("Tom Becker", "tom@example.test", False, "Marathon training: happy calves and feet."),
    ("Aiko Tanaka", "aiko@example.test", True, "Gentle start after a long break."),
    ("Lena Novak", "lena@example.test", False, "Hip mobility for climbing."),
    ("Marcus Reid", "marcus@example.test", True, "Low back stiffness in the mornings."),
    ("Chloé Martin", "chloe@example.test", False, "Shoulders after swimming."),
    ("Ravi Patel", "ravi@example.test", True, "Plantar fasciitis: walking without pain."),
    ("Nora Lindqvist", "nora@example.test", False, "Keep up the home routine."),
    ("Diego Alvarez", "diego@example.test", True, "Desk posture, jaw tension."),
    ("Hannah Okafor", "hannah@example.test", False, "Recovering from a sprained ankle (cleared)."),
    ("Jonas Weber", "jonas@example.test", True, "Tight hamstrings from cycling."),
    ("Ines Costa", "ines@example.test", False, "Upper back after long drives."),
    ("Oliver Grant", "oliver@example.test", True, "Curious: a friend recommended the class."),
]
ROSTER2 = [
    ("Sasha Second-Student", "student2@demo.rollcall.test", True, "Relax the shoulders."),
    ("Mia Fischer", "mia@example.test", False, "Runner's calves."),
    ("Ben Carter", "ben@example.test", True, "Back pain from lifting."),
]


def _roster(teacher, entries, accounts):
    students = []
    for name, email, new, goals in entries:
        student, _created = Student.objects.get_or_create(
            teacher=teacher,
            email=email,
            defaults={"name": name, "new_to_ball_work": new, "goals": goals},
        )
        if email in accounts and student.account_id is None:
            student.account = accounts[email]
            student.save(update_fields=["account"])
        students.append(student)
    return students


def seed(users) -> dict[str, list[Student]]:
    accounts = {u.email: u for u in users.values()}
    roster = _roster(users["teacher"], ROSTER, accounts)
    roster2 = _roster(users["teacher2"], ROSTER2, accounts)
    sam = roster[0]
    if not sam.health_notes.exists():
        services.consent_record(
            student=sam, recorded_by=users["teacher"], method=Student.ConsentMethod.WRITTEN
        )
        sam.refresh_from_db()
        note = HealthNote.objects.create(
            student=sam,
            condition="Whiplash from a car accident (recovering)",
            details="Physiotherapist says no pressure on the neck for now; shoulders are fine.",
            severity=HealthNote.Severity.MODERATE,
            until=timezone.localdate() + datetime.timedelta(days=90),
        )
        neck = Region.objects.filter(slug__in=["back-of-neck", "side-of-neck"])
        note.affected_regions.set(neck)
        note.avoid_regions.set(neck)
        services.audit(
            student=sam,
            actor=users["teacher"],
            action=AuditEntry.Action.CREATED,
            detail=note.condition,
        )
    return {"teacher": roster, "teacher2": roster2}


def seed_routines(users, rosters) -> None:
    """Two routines for the demo student with three weeks of practice logged (tension
    easing from about 7 to 3), and one for student2."""
    import datetime
    import uuid

    from classes.models import PlanVersion

    from .models import Assignment, PracticeLog

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
    evening = services.assign(
        students=[sam],
        version=wall,
        # A short evening routine from the class plan, without its neck work: Sam's note
        # asks to avoid the neck, and the checks would flag it.
        step_keys={"1:1", "1:2", "4:0"},
        frequency=Assignment.Frequency.NIGHTLY,
        starts_on=start,
        message="Ten minutes before bed; keep the balls off your neck for now.",
    )[0]
    services.assign(
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
    services.assign(
        students=[rosters["teacher"][1]],
        version=intro,
        frequency=Assignment.Frequency.DAILY,
        starts_on=today - datetime.timedelta(days=10),
    )
    student2 = rosters["teacher2"][0]
    version2 = PlanVersion.objects.filter(owner=users["teacher2"]).first()
    if version2 and not student2.assignments.exists():
        services.assign(
            students=[student2],
            version=version2,
            frequency=Assignment.Frequency.DAILY,
            starts_on=today,
        )

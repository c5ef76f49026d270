"""Demo rosters: the teacher's fifteen students (one of them the demo student, with a
health note recorded with consent, Nora, whose note names a condition the library rates
techniques for, and Élodie, who reads Rollcall in French) and teacher2's own, separate
roster."""

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
    # Last, so the weekly class's places (the first twelve, and the thirteenth waiting) stay
    # as they were; her goals are in her own words, as stored.
    (
        "Élodie Tremblay",
        "eleve.fr@demo.rollcall.test",
        True,
        "Découvrir les balles en douceur et mieux dormir.",
    ),
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
    nora = next(s for s in roster if s.email == "nora@example.test")
    seed_clot_risk_note(nora, users["teacher"])
    return {"teacher": roster, "teacher2": roster2}


def seed_clot_risk_note(nora: Student, teacher) -> None:
    """Nora's note names a risk of blood clots: the checks then leave out what the library
    marks as not suited to it. Nothing in her Tuesday class's plan is, so it stays clean
    (tests/test_suitability_checks_demo.py keeps it so)."""
    if nora.health_notes.exists():
        return
    services.consent_record(
        student=nora, recorded_by=teacher, method=Student.ConsentMethod.IN_PERSON
    )
    nora.refresh_from_db()
    note = HealthNote.objects.create(
        student=nora,
        condition="On blood thinners after a clot in the calf last year",
        details="Her GP is happy with gentle ball work.",
        severity=HealthNote.Severity.MODERATE,
        suitability_condition="clot_risk",
    )
    services.audit(
        student=nora, actor=teacher, action=AuditEntry.Action.CREATED, detail=note.condition
    )

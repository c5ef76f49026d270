"""The bench's seed (bench/seed.py), run at a small size, so `make bench` cannot silently rot."""

import importlib.util
import random
from pathlib import Path

import pytest
from django.utils import timezone

from classes.models import ClassPlan, Enrolment
from students.models import Assignment, HealthNote

SEED_PATH = Path(__file__).resolve().parent.parent / "bench" / "seed.py"

SMALL = {
    "EXTRA_TECHNIQUES": 10,
    "STUDENTS": 3,
    "PLANS": 2,
    "PLAN_STEPS": 8,
    "ROSTER": 40,
    "COURSE_STUDENTS": 10,
    "COURSE_SESSIONS": 3,
    "LOG_DAYS": 35,
    # The check class overlaps the weekly class (roster 5-39 against 0-9), whose students
    # have homework: the notes must still go to students without any.
    "CHECK_STUDENTS": 35,
    "CHECK_NOTES": 8,
    "CHECK_EXPIRED": 2,
    "CHECK_VERSIONS": 4,
}


@pytest.fixture
def seed(monkeypatch, starter_library):
    """bench/seed.py with the small sizes, after every seed step has run."""
    spec = importlib.util.spec_from_file_location("bench_seed", SEED_PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, value in SMALL.items():
        monkeypatch.setattr(module, name, value)
    rng = random.Random(20240601)
    for step in module.SEED_STEPS:
        step(rng)
    return module


@pytest.fixture
def check_plan(seed):
    return ClassPlan.objects.select_related("check_course").get(title="Bench check plan")


def test_check_plan_is_checked_against_a_course_of_check_students(check_plan):
    enrolled = check_plan.check_course.enrolments.filter(status=Enrolment.Status.ENROLLED)

    assert check_plan.check_course.title == "Bench check class"
    assert enrolled.count() == SMALL["CHECK_STUDENTS"]


def test_check_plan_has_check_versions_each_with_an_edit(check_plan):
    versions = list(check_plan.versions.order_by("number"))
    totals = [v.snapshot["total_seconds"] for v in versions]

    assert [v.number for v in versions] == list(range(1, SMALL["CHECK_VERSIONS"] + 1))
    assert all(v.snapshot["step_count"] == SMALL["PLAN_STEPS"] for v in versions)
    assert totals == sorted(set(totals)), "every version after the first has a longer step"
    assert not check_plan.has_unpublished_changes


def test_check_course_students_have_consented_notes_to_check(check_plan):
    notes = list(
        HealthNote.objects.filter(student__enrolments__course=check_plan.check_course)
        .select_related("student")
        .prefetch_related("avoid_regions", "avoid_actions")
    )
    today = timezone.localdate()
    avoided = {region.slug for note in notes for region in note.avoid_regions.all()}
    noted = {note.student_id for note in notes}

    assert len(notes) == len(noted) == SMALL["CHECK_NOTES"]
    assert all(note.student.has_consent for note in notes)
    assert all(note.avoid_regions.all() for note in notes)
    assert any(note.avoid_actions.all() for note in notes)
    assert {"back-of-neck", "side-of-neck", "low-back"} <= avoided
    assert (
        sum(note.until is not None and note.until < today for note in notes)
        == (SMALL["CHECK_EXPIRED"])
    )
    assert not Assignment.objects.filter(student_id__in=noted).exists()
    assert HealthNote.objects.count() == SMALL["CHECK_NOTES"], "no notes outside the scenario"


def test_check_session_teaches_the_newest_version(seed, check_plan):
    ids = seed.seeded_ids()
    session = check_plan.check_course.sessions.get(pk=ids["check_session"])

    assert ids["check_plan"] == str(check_plan.pk)
    assert ids["check_course"] == str(check_plan.check_course_id)
    assert session.plan_version == check_plan.versions.order_by("-number").first()
    assert session.attendance.count() == SMALL["CHECK_STUDENTS"]


def test_seed_reports_the_scenario_in_its_counts(seed):
    counts = seed.dataset_counts()

    assert counts["health notes"] == SMALL["CHECK_NOTES"]
    assert counts["published versions"] == 1 + SMALL["CHECK_VERSIONS"]
    assert counts["plans"] == SMALL["PLANS"] + 1

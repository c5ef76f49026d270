"""The demo shows a health note naming a condition the library rates techniques for, and
keeps its own rule: nothing the demo teaches or assigns is flagged by it."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from classes.findings import conflicting_steps, plan_findings
from classes.models import ClassPlan, Enrolment
from routines.check_data import steps_from_snapshot
from students.models import HealthNote, Student
from students.safety import flagged_homework, note_info


@pytest.mark.django_db
def test_the_demos_clot_risk_note_flags_nothing_in_her_class_or_homework():
    call_command("demo", quiet_logins=True)
    note = HealthNote.objects.get(suitability_condition="clot_risk")
    nora = note.student
    assert nora.has_consent and nora.name == "Nora Lindqvist"
    today = timezone.localdate()
    assert flagged_homework(Student.objects.filter(pk=nora.pk), today=today) == []
    courses = {
        e.course for e in Enrolment.objects.filter(student=nora, status=Enrolment.Status.ENROLLED)
    }
    checked = ClassPlan.objects.filter(check_course__in=courses)
    assert checked.exists()
    info = note_info(note)
    for plan in checked:
        for version in plan.versions.all():
            steps = steps_from_snapshot(version.snapshot)
            # The frozen steps state their suitability, and none is "no" or "with care".
            assert all(s.technique.suitability for s in steps if s.technique)
            assert not [
                s.title
                for s in steps
                if info.conflicts_with(s.technique) or info.asks_care_with(s.technique)
            ]
            findings = plan_findings(version.snapshot, plan=plan, course=plan.check_course)
            assert not [f for f in findings["active"] if "Nora" in " ".join(f.students)]
            assert "clot_risk" in findings["avoid"].conditions
            assert all(
                not any(s.student_id == nora.pk for s in conflict.students)
                for conflict in conflicting_steps(
                    version.snapshot, plan=plan, course=plan.check_course
                )
            )
    call_command("demo", quiet_logins=True)  # idempotent
    assert HealthNote.objects.filter(student=nora).count() == 1

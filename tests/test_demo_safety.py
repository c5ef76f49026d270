"""The demo obeys the product's own rules: no homework the checks would flag, and on
first sign-in a danger with a swap offered and a modification in teach mode."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from classes.findings import plan_findings
from classes.models import ClassPlan, StepModification
from students.models import Student
from students.safety import flagged_homework


@pytest.mark.django_db
def test_the_demo_keeps_its_own_safety_rules(client):
    call_command("demo", quiet_logins=True)
    sam = Student.objects.get(email="student@demo.rollcall.test")
    assert sam.health_notes.exists() and sam.assignments.exists()
    assert flagged_homework(Student.objects.filter(pk=sam.pk), today=timezone.localdate()) == []
    assert not sam.assignments.exclude(acknowledgement="").exists()  # nothing needed excusing

    plan = ClassPlan.objects.get(title="Tuesday evening: upper back and neck")
    findings = plan_findings(plan.versions.get().snapshot, plan=plan, course=plan.check_course)
    assert [f.level for f in findings["active"]].count("danger") == 1
    assert all(c.alternatives for c in findings["conflicts"] if c.students)
    modification = StepModification.objects.get(plan=plan)
    assert modification.student == sam
    adapted = [c for c in findings["conflicts"] if c.adapted]
    assert adapted and adapted[0].adapted[0][1].instead == modification.technique.name
    call_command("demo", quiet_logins=True)  # idempotent
    assert StepModification.objects.count() == 1

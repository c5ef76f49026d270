"""The teacher dashboard's follow-up list is cached per teacher, day and the state of their
students, routines and logs: each change that can move a flag makes it new."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import AssignmentFactory, PracticeLogFactory, RosterStudentFactory

QUIET = "7+ days quiet"


def follow_ups(client) -> str:
    page = client.get("/").content.decode()
    start = page.index('id="follow-ups"') if 'id="follow-ups"' in page else 0
    return page[start:]


@pytest.mark.django_db
def test_the_follow_ups_follow_logs_routines_and_names(client, teacher):
    today = timezone.localdate()
    kim = RosterStudentFactory(teacher=teacher, name="Kim Keller")
    routine = AssignmentFactory(student=kim, starts_on=today - datetime.timedelta(days=20))
    client.force_login(teacher)
    assert "Kim Keller" in follow_ups(client) and QUIET in follow_ups(client)
    PracticeLogFactory(assignment=routine, practised_on=today)  # a log: no longer quiet
    assert "Kim Keller" not in follow_ups(client)
    PracticeLogFactory(assignment=routine, practised_on=today - datetime.timedelta(days=15))
    routine.logs.filter(practised_on=today).delete()  # the recent one goes: quiet again
    assert "Kim Keller" in follow_ups(client)
    kim.name = "Kim Lopez"
    kim.save()
    assert "Kim Lopez" in follow_ups(client)
    routine.status = routine.Status.ENDED
    routine.save()
    assert "Kim Lopez" not in follow_ups(client)

"""Timed stations in teach mode and the student's player: frozen with the version and the
homework, timed to the step's own time, each with its marker (issue 13, item 4)."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from classes import services
from routines.models import Step
from routines.services import technique_apply
from routines.snapshots import play_order
from students.models import Student
from tests.factories import RegionFactory, TechniqueFactory, make_plan


def station(seconds, region, instruction):
    return {"region": region, "instruction": instruction, "seconds": seconds}


@pytest.fixture
def wall(db):
    regions = [
        RegionFactory(slug="top-of-shoulder", name="Top of the shoulder"),
        RegionFactory(slug="between-shoulder-blades", name="Between the shoulder blades"),
        RegionFactory(slug="back-of-neck", name="Back of the neck"),
    ]
    return TechniqueFactory(
        name="Upper body at the wall",
        position="wall",
        per_side=True,
        duration_seconds=120,
        regions=regions,
        stations=[
            station(10, "top-of-shoulder", "Across the top of the shoulder."),
            station(60, "between-shoulder-blades", "Beside the spine."),
            station(50, "back-of-neck", "Lightly up and down the neck."),
        ],
    )


@pytest.fixture
def plan(teacher, wall):
    return make_plan(teacher, title="Wall class", techniques=[wall])


def publish(plan):
    plan.refresh_from_db()
    return services.plan_publish(plan=plan, expected_version=plan.lock_version)


def page_steps(response) -> list[dict]:
    """The played steps, each drawing put back in place of the id of its <template>."""
    body = response.content.decode()
    found = re.search(r'<script id="player-steps" type="application/json">(.*?)</script>', body)
    drawings = dict(re.findall(r'<template id="([^"]+)">(.*?)</template>', body, re.S))
    steps = json.loads(found.group(1))
    for step in steps:
        step["picture"] = drawings.get(step["picture"], step["picture"])
        for station in step.get("stations", []):
            station["marker"] = drawings.get(station["marker"], station["marker"])
    return steps


def seconds_of(steps) -> list[list[int]]:
    return [[s["seconds"] for s in step["stations"]] for step in steps]


@pytest.mark.django_db
class TestFrozen:
    def test_a_published_version_keeps_its_stations_after_the_technique_changes(self, plan, wall):
        version = publish(plan)
        technique_apply(data={"stations": [station(30, "", "Only breathe.")]}, technique=wall)
        version.refresh_from_db()
        steps = play_order(version.snapshot)
        assert [s["instruction"] for s in steps[0]["stations"]] == [
            "Across the top of the shoulder.",
            "Beside the spine.",
            "Lightly up and down the neck.",
        ]
        # Publishing again takes the new stations (one station: the whole step).
        newer = publish(plan)
        assert seconds_of(play_order(newer.snapshot)) == [[120], [120]]

    def test_homework_keeps_the_stations_it_was_assigned_with(self, teacher, student, plan, wall):
        version = publish(plan)
        sam = Student.objects.create(
            teacher=teacher, name="Sam", email=student.email, account=student
        )
        (assignment,) = services.homework_assign(
            students=[sam],
            version=version,
            frequency="daily",
            starts_on=timezone.localdate() - datetime.timedelta(days=1),
        )
        technique_apply(data={"stations": []}, technique=wall)
        assignment.refresh_from_db()
        assert seconds_of(play_order(assignment.snapshot)) == [[10, 60, 50], [10, 60, 50]]

    def test_the_teacher_s_step_time_scales_the_stations(self, plan):
        step = Step.objects.get(routine=plan.routine, technique__isnull=False)
        plan.refresh_from_db()
        services.step_update(
            plan=plan, expected_version=plan.lock_version, step=step, duration_seconds=60
        )
        version = publish(plan)
        assert seconds_of(play_order(version.snapshot)) == [[5, 30, 25], [5, 30, 25]]


@pytest.mark.django_db
class TestPages:
    def test_teach_mode_plays_the_stations_with_their_markers_and_words(
        self, client, teacher, plan
    ):
        publish(plan)
        client.force_login(teacher)
        response = client.get(reverse("classes:plan-teach", args=[plan.pk]))
        assert response.status_code == 200
        steps = page_steps(response)
        assert [step["play_side"] for step in steps] == ["left", "right"]
        assert seconds_of(steps) == [[10, 60, 50], [10, 60, 50]]
        first = steps[0]["stations"][0]
        assert first["region_name"] == "Top of the shoulder"
        assert first["marker"].startswith("<svg") and "top of the left shoulder" in first["marker"]
        body = response.content.decode()
        # The station's words come from the JavaScript catalogue, loaded before the scripts.
        assert body.index("/jsi18n/?l=") < body.index("js/teach.js")
        catalogue = client.get(reverse("javascript-catalog"), {"l": "fr"}).text
        assert '"Station %(n)s of %(total)s": "Station %(n)s sur %(total)s"' in catalogue
        assert 'data-station-now aria-live="polite"' in body

    def test_the_student_s_player_plays_the_same_stations(self, client, teacher, student, plan):
        version = publish(plan)
        sam = Student.objects.create(
            teacher=teacher, name="Sam", email=student.email, account=student
        )
        (assignment,) = services.homework_assign(
            students=[sam], version=version, frequency="daily", starts_on=timezone.localdate()
        )
        client.force_login(student)
        response = client.get(reverse("students:routine-play", args=[assignment.pk]))
        assert response.status_code == 200
        steps = page_steps(response)
        assert seconds_of(steps) == [[10, 60, 50], [10, 60, 50]]
        assert steps[1]["stations"][2]["marker"].startswith("<svg")

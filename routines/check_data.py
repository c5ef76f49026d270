"""Gathers what the plan checks need, in a fixed number of queries, as plain data."""

from collections import defaultdict

from django.db.models import Prefetch
from django.utils import timezone

from .checks import (
    NoteInfo,
    RegionInfo,
    StepInfo,
    StudentInfo,
    TechniqueInfo,
    run_checks,
    suggestions,
)
from .models import Region, Technique


def steps_from_snapshot(snapshot: dict) -> list[StepInfo]:
    steps, index = [], 0
    for section in snapshot["sections"]:
        for step in section["steps"]:
            index += 1
            data = step["technique"]
            technique = None
            if data:
                technique = TechniqueInfo(
                    slug=data["slug"],
                    name=data["name"],
                    regions=frozenset(r["slug"] for r in data["regions"]),
                    actions=frozenset(data["actions"]),
                    intensity=data["intensity"],
                    status=data.get("status", "published"),
                )
            steps.append(
                StepInfo(
                    index=index,
                    section=section["title"],
                    kind=step["kind"],
                    title=step["title"],
                    duration_seconds=step["duration_seconds"],
                    side=step["side"],
                    technique=technique,
                    default_seconds=data["duration_seconds"] if data else None,
                    cautions=tuple(data["cautions"] + data["contraindications"]) if data else (),
                )
            )
    return steps


def region_graph() -> dict[str, RegionInfo]:
    """Every region with its partner and connected regions: 2 queries."""
    regions = Region.objects.select_related("partner").prefetch_related(
        Prefetch("neighbours", queryset=Region.objects.only("slug"))
    )
    return {
        r.slug: RegionInfo(
            slug=r.slug,
            name=r.name,
            partner=r.partner.slug if r.partner_id else None,
            neighbours=frozenset(n.slug for n in r.neighbours.all()),
        )
        for r in regions
    }


def catalogue() -> list[TechniqueInfo]:
    """The published library, for alternatives and suggestions: 3 queries of plain values
    (no model instances: this runs on every builder and print page)."""
    published = Technique.objects.published()
    regions, actions = defaultdict(set), defaultdict(set)
    for technique_id, slug in Technique.regions.through.objects.filter(
        technique__in=published
    ).values_list("technique_id", "region__slug"):
        regions[technique_id].add(slug)
    for technique_id, slug in Technique.actions.through.objects.filter(
        technique__in=published
    ).values_list("technique_id", "action__slug"):
        actions[technique_id].add(slug)
    return [
        TechniqueInfo(
            slug=slug,
            name=name,
            regions=frozenset(regions[pk]),
            actions=frozenset(actions[pk]),
            intensity=intensity,
        )
        for pk, slug, name, intensity in published.order_by("name").values_list(
            "pk", "slug", "name", "intensity"
        )
    ]


def roster_for_course(course) -> list[StudentInfo]:
    """The enrolled students and their health notes (only with consent): 5 queries."""
    if course is None:
        return []
    from classes.models import Enrolment
    from students.models import HealthNote, Student

    notes = HealthNote.objects.prefetch_related(
        "avoid_regions", "avoid_actions", "affected_regions"
    )
    students = Student.objects.filter(
        enrolments__course=course, enrolments__status=Enrolment.Status.ENROLLED
    ).prefetch_related(Prefetch("health_notes", queryset=notes))
    return [
        StudentInfo(
            student_id=s.pk,
            name=s.name,
            new_to_ball_work=s.new_to_ball_work,
            notes=tuple(
                NoteInfo(
                    note_id=n.pk,
                    condition=n.condition,
                    avoid_regions=frozenset(r.slug for r in n.avoid_regions.all()),
                    avoid_actions=frozenset(a.slug for a in n.avoid_actions.all()),
                    affected_regions=frozenset(r.slug for r in n.affected_regions.all()),
                    until=n.until,
                )
                for n in s.health_notes.all()
            )
            if s.has_consent
            else (),
        )
        for s in students
    ]


def check_snapshot(snapshot: dict, *, course=None, regions=None, with_suggestions=False):
    """Run every check on a plan snapshot (a draft's or a published version's); with
    `with_suggestions`, return (result, suggestions)."""
    regions = regions if regions is not None else region_graph()
    steps = steps_from_snapshot(snapshot)
    library = catalogue()
    result = run_checks(
        steps=steps,
        target_seconds=snapshot["target_minutes"] * 60,
        total_seconds=snapshot["total_seconds"],
        regions=regions,
        catalogue=library,
        roster=roster_for_course(course),
        today=timezone.localdate(),
    )
    if with_suggestions:
        return result, suggestions(steps=steps, regions=regions, catalogue=library)
    return result


def body_map_for(seconds_by_region: dict, regions: dict, *, highlight=()) -> dict:
    """The body map of some work: regions shaded by minutes, their connected regions lightly."""
    from .bodymap import body_map

    worked = set(seconds_by_region) | set(highlight)
    connected = set()
    for slug in worked:
        if slug in regions:
            connected |= set(regions[slug].neighbours)
    return body_map(
        {slug: seconds / 60 for slug, seconds in seconds_by_region.items()},
        list(regions.values()),
        connected=connected - worked,
        highlight=set(highlight),
    )


def plan_body_map(snapshot: dict, regions: dict | None = None) -> dict:
    from .checks import seconds_by_region

    regions = regions if regions is not None else region_graph()
    return body_map_for(seconds_by_region(steps_from_snapshot(snapshot)), regions)

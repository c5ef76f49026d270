"""Plan check findings as the pages show them: checked against a course's roster, with
the per-student modifications applied and dismissals set aside."""

from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from routines.check_data import body_map_for, check_snapshot, region_graph, steps_from_snapshot
from routines.checks import CLASS, ModificationInfo, roster_avoid, step_conflicts
from students.safety import roster_info

from .models import FindingDismissal, StepModification


def roster_for_course(course) -> list:
    """The enrolled students of a course and their consented notes, as plain data."""
    if course is None:
        return []
    return roster_info(course.enrolled_students())


def course_avoid(course):
    """What no alternative or suggestion may work, for this course's roster."""
    return roster_avoid(roster_for_course(course), timezone.localdate())


def plan_modifications(plan) -> list:
    if plan is None:
        return []
    return list(StepModification.objects.filter(plan=plan).select_related("technique", "student"))


def modification_infos(modifications) -> list:
    return [
        ModificationInfo(
            student_id=m.student_id, step_id=m.step_id, instead=m.instead, modification_id=m.pk
        )
        for m in modifications
    ]


def conflicting_steps(snapshot, *, plan, course) -> list:
    """Only the steps that conflict with someone on the roster, and who is adapted how:
    what teach mode needs, without the library or the other checks (7 queries)."""
    adapted = {(m.student_id, m.step_id): m for m in modification_infos(plan_modifications(plan))}
    conflicts = step_conflicts(
        steps_from_snapshot(snapshot), roster_for_course(course), timezone.localdate(), adapted
    )
    return list(conflicts.values())


def plan_findings(snapshot, *, plan=None, course=None, regions=None) -> dict:
    """The checks of a plan snapshot: result, active and dismissed findings, conflicting
    steps with their alternatives, suggestions, and the body map."""
    regions = regions if regions is not None else region_graph()
    roster = roster_for_course(course)
    modifications = plan_modifications(plan)
    result, suggested = check_snapshot(
        snapshot,
        roster=roster,
        regions=regions,
        modifications=modification_infos(modifications),
        purpose=snapshot.get("purpose") or (plan.purpose if plan else CLASS),
        with_suggestions=True,
    )
    dismissals = {}
    if plan is not None:
        dismissals = {d.key: d for d in FindingDismissal.objects.filter(plan=plan)}
    active = [f for f in result.findings if f.key not in dismissals]
    dismissed = [(f, dismissals[f.key]) for f in result.findings if f.key in dismissals]
    counts = {}
    for finding in active:
        counts[finding.level] = counts.get(finding.level, 0) + 1
    return {
        "result": result,
        "active": active,
        "dismissed": dismissed,
        "counts": counts,
        "course": course,
        "conflicts": list(result.conflicts.values()),
        "avoid": result.avoid,
        "modifications": modifications,
        "suggestions": suggested,
        "body_map": body_map_for(result.seconds_by_region, regions),
    }


def no_store(response):
    """A response carrying anything derived from a health note is never cached."""
    add_never_cache_headers(response)
    return response

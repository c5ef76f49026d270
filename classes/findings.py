"""Plan check findings as the pages show them: checked, with dismissals set aside."""

from routines.check_data import body_map_for, check_snapshot, region_graph

from .models import FindingDismissal


def plan_findings(snapshot, *, plan=None, course=None) -> dict:
    """The checks of a plan snapshot: result, active and dismissed findings, suggestions."""
    regions = region_graph()
    result, suggested = check_snapshot(
        snapshot, course=course, regions=regions, with_suggestions=True
    )
    dismissals = {}
    if plan is not None:
        dismissals = {d.key: d for d in FindingDismissal.objects.filter(plan=plan)}
    active = [f for f in result.findings if f.key not in dismissals]
    dismissed = [(f, dismissals[f.key]) for f in result.findings if f.key in dismissals]
    return {
        "result": result,
        "active": active,
        "dismissed": dismissed,
        "course": course,
        "suggestions": suggested,
        "body_map": body_map_for(result.seconds_by_region, regions),
    }

"""Gathers what the plan checks need of the library and the plan, in a fixed number of
queries, as plain data. The roster (students and their notes) is passed in as plain
data by the app that owns rosters: the library knows no courses or students."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import get_language

from . import translations
from .bodymap import body_map
from .caching import make_key, memo_cached
from .checks import (
    CLASS,
    RegionInfo,
    StepInfo,
    TechniqueInfo,
    run_checks,
    seconds_by_region,
    suggestions,
    suitability_pairs,
)
from .models import Action, Region, Technique, flat_suitability
from .state import library_version


def technique_info(data: dict) -> TechniqueInfo:
    """A snapshot's technique (routines.snapshots.technique_data) as the checks see it: its
    suitability as frozen then (a version frozen before there was any states none)."""
    return TechniqueInfo(
        slug=data["slug"],
        name=data["name"],
        regions=frozenset(r["slug"] for r in data["regions"]),
        actions=frozenset(data["actions"]),
        intensity=data["intensity"],
        status=data.get("status", "published"),
        equipment=frozenset(data.get("equipment", ())),
        position=data.get("position_code", ""),
        suitability=suitability_pairs(flat_suitability(data.get("suitability"))),
    )


def info_of(technique: Technique) -> TechniqueInfo:
    """A library technique as the checks see it: 3 queries (fewer when prefetched)."""
    return TechniqueInfo(
        slug=technique.slug,
        name=technique.name,
        regions=frozenset(r.slug for r in technique.regions.all()),
        actions=frozenset(a.slug for a in technique.actions.all()),
        intensity=technique.intensity,
        status=technique.status,
        equipment=frozenset(e.name for e in technique.equipment.all()),
        position=technique.position,
        suitability=suitability_pairs(technique.suits()),
    )


def steps_from_snapshot(snapshot: dict) -> list[StepInfo]:
    steps, index = [], 0
    for s_index, section in enumerate(snapshot["sections"]):
        for t_index, step in enumerate(section["steps"]):
            index += 1
            data = step["technique"]
            steps.append(
                StepInfo(
                    index=index,
                    section=section["title"],
                    kind=step["kind"],
                    title=step["title"],
                    duration_seconds=step["duration_seconds"],
                    side=step["side"],
                    technique=technique_info(data) if data else None,
                    default_seconds=data["duration_seconds"] if data else None,
                    cautions=tuple(data["cautions"] + data["contraindications"]) if data else (),
                    step_id=step.get("id"),
                    key=step.get("key", f"{s_index}:{t_index}"),
                )
            )
    return steps


def load_region_graph() -> dict[str, RegionInfo]:
    """Every region with its partner and connected regions: 2 queries."""
    regions = Region.objects.select_related("partner").prefetch_related(
        Prefetch("neighbours", queryset=Region.objects.only("slug"))
    )
    return {
        r.slug: RegionInfo(
            slug=r.slug,
            name=translations.text(r, "name"),  # in the active language (the cache key's)
            partner=r.partner.slug if r.partner_id else None,
            neighbours=frozenset(n.slug for n in r.neighbours.all()),
        )
        for r in regions
    }


def load_action_names() -> dict[str, str]:
    """{slug: name in the active language}."""
    actions = Action.objects.only("slug", "name", "translations")
    return {a.slug: translations.text(a, "name") for a in actions}


def load_catalogue() -> list[TechniqueInfo]:
    """The published library, for alternatives and suggestions: 4 queries of plain values
    (no model instances: this runs on every builder and print page)."""
    published = Technique.objects.published()
    through = {
        "regions": (Technique.regions.through, "region__slug"),
        "actions": (Technique.actions.through, "action__slug"),
        "equipment": (Technique.equipment.through, "equipment__name"),
    }
    lists = {}
    for name, (model, value) in through.items():
        lists[name] = defaultdict(set)
        for technique_id, item in model.objects.filter(technique__in=published).values_list(
            "technique_id", value
        ):
            lists[name][technique_id].add(item)
    # Names in the active language (the library's cache key has it): only the name of each
    # translation is read, not the whole text.
    published = published.annotate(local_name=translations.name_in())
    return [
        TechniqueInfo(
            slug=slug,
            name=local_name,
            regions=frozenset(lists["regions"][pk]),
            actions=frozenset(lists["actions"][pk]),
            intensity=intensity,
            equipment=frozenset(lists["equipment"][pk]),
            position=position,
            suitability=suitability_pairs(flat_suitability(suitability)),
        )
        for pk, slug, name, local_name, intensity, position, suitability in published.order_by(
            "name"
        ).values_list("pk", "slug", "name", "local_name", "intensity", "position", "suitability")
    ]


@dataclass(frozen=True)
class Library:
    """What the checks read of the library, as plain data, for one library version."""

    version: int
    regions: dict[str, RegionInfo]
    catalogue: list[TechniqueInfo]
    action_names: dict[str, str]


def library(version: int | None = None) -> Library:
    """The checks' view of the library: cached per library version (routines/state.py), so
    one primary-key query when the library has not changed since any process loaded it,
    7 queries when it has. Pass `version` when the caller has read it already."""
    version = library_version() if version is None else version
    return memo_cached(
        make_key("library", version, get_language()),
        lambda: Library(
            version=version,
            regions=load_region_graph(),
            catalogue=load_catalogue(),
            action_names=load_action_names(),
        ),
    )


def region_graph() -> dict[str, RegionInfo]:
    """Every region with its partner and connected regions (cached, see `library`)."""
    return library().regions


def action_names() -> dict[str, str]:
    return library().action_names


def catalogue() -> list[TechniqueInfo]:
    """The published library, for alternatives and suggestions (cached, see `library`)."""
    return library().catalogue


def check_snapshot(
    snapshot: dict,
    *,
    roster=(),
    regions=None,
    modifications=(),
    purpose: str = CLASS,
    daily: bool = True,
    with_suggestions=False,
):
    """Run every check on a plan snapshot (a draft's, a published version's or a frozen
    home routine's) against a roster (checks.StudentInfo); with `with_suggestions`,
    return (result, suggestions)."""
    known = library()
    regions = regions if regions is not None else known.regions
    steps = steps_from_snapshot(snapshot)
    result = run_checks(
        steps=steps,
        target_seconds=snapshot.get("target_minutes", 0) * 60 or snapshot["total_seconds"],
        total_seconds=snapshot["total_seconds"],
        regions=regions,
        catalogue=known.catalogue,
        roster=roster,
        today=timezone.localdate(),
        purpose=purpose,
        modifications=modifications,
        action_names=known.action_names,
        daily=daily,
    )
    if with_suggestions:
        return result, suggestions(
            steps=steps, regions=regions, catalogue=known.catalogue, avoid=result.avoid
        )
    return result


def body_map_for(seconds_by_region: dict, regions: dict, *, highlight=()) -> dict:
    """The body map of some work: regions shaded by minutes, their connected regions lightly."""
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
    regions = regions if regions is not None else region_graph()
    return body_map_for(seconds_by_region(steps_from_snapshot(snapshot)), regions)

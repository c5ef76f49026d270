"""Frozen copies of routines: everything a print page, a PDF or a player shows,
as plain data, so later edits to the routine or to the library cannot reach it."""

from fractions import Fraction

from django.db.models import Prefetch
from django.utils import translation

from . import translations
from .caching import make_key, memo_cached
from .fields import FILE, M2M, STATIONS, TECHNIQUE_FIELDS, TRANSLATIONS
from .models import (
    Action,
    Equipment,
    Position,
    Region,
    Section,
    Side,
    Step,
    default_section_title,
    routine_total_seconds,
)
from .pictures import picture_alt, picture_svg, snapshot_picture_info
from .state import library_version

# The translated texts a frozen technique keeps: those its English fields freeze.
FROZEN_TRANSLATIONS = frozenset(
    {"name", "summary", "instructions", "cues", "mistakes", "cautions", "contraindications"}
    | {translations.STATIONS}
)


def load_sections(routine, *, include_removed=False):
    """The routine's sections with their steps and everything the steps show: 5 queries."""
    steps = Step.objects.select_related("technique").prefetch_related(
        "technique__regions", "technique__actions", "technique__equipment"
    )
    if not include_removed:
        steps = steps.filter(removed=False)
    return list(
        Section.objects.filter(routine=routine).prefetch_related(
            Prefetch("steps", queryset=steps.order_by("position", "pk"))
        )
    )


def technique_data(technique) -> dict:
    """The technique inside a frozen routine: the fields marked `frozen` in routines.fields,
    in the exchange format except where a page shows a name or an address instead."""
    data = {}
    for field in TECHNIQUE_FIELDS:
        if not field.frozen:
            continue
        if field.name == "position":
            data["position"] = technique.get_position_display()
            data["position_code"] = technique.position
        elif field.name == "regions":
            data["regions"] = [{"slug": r.slug, "name": r.name} for r in technique.regions.all()]
        elif field.name == "equipment":
            data["equipment"] = [e.name for e in technique.equipment.all()]
            # The picture draws by kind of equipment (routines.pictures): slugs, not names.
            data["equipment_slugs"] = [e.slug for e in technique.equipment.all()]
        elif field.kind == FILE:  # the photos: their address as published
            image = getattr(technique, field.name)
            data[field.name] = image.url if image else ""
        elif field.kind == STATIONS:
            data[field.name] = frozen_stations(technique)
        elif field.kind == TRANSLATIONS:  # only the texts a frozen copy shows
            data[field.name] = {
                language: {k: v for k, v in texts.items() if k in FROZEN_TRANSLATIONS}
                for language, texts in field.exchange_value(technique).items()
            }
        elif field.kind == M2M:  # in the vocabulary's own order, as the pages list them
            data[field.name] = [o.slug for o in getattr(technique, field.name).all()]
        else:
            data[field.name] = field.exchange_value(technique)
    return data


def frozen_stations(technique) -> list[dict]:
    """The technique's stations as published, each with its region's name as it was then
    (from the technique's own regions; a region it does not list costs one query)."""
    stations = [s for s in technique.stations or [] if isinstance(s, dict)]
    names = {r.slug: r.name for r in technique.regions.all()}
    missing = {s.get("region") for s in stations if s.get("region")} - set(names)
    if missing:
        names.update(Region.objects.filter(slug__in=missing).values_list("slug", "name"))
    return [
        {
            "region": s.get("region") or "",
            "region_name": names.get(s.get("region") or "", ""),
            "instruction": s.get("instruction", ""),
            "seconds": s.get("seconds", 0),
        }
        for s in stations
    ]


def as_sentences(lines: list[str]) -> str:
    """A custom exercise's instructions, one per line, as one text that reads the same on
    every page that shows a step's words (print, PDF, share, teach mode, the player), each
    line a sentence: "Lie on your back. Curl up one bone at a time."."""
    return " ".join(line if line[-1] in ".!?:;…" else f"{line}." for line in lines)


def step_data(step) -> dict:
    technique = technique_data(step.technique) if step.technique_id else None
    cues = ([step.cue] if step.cue else []) + (technique["cues"] if technique else [])
    data = {
        "id": step.pk,
        "kind": step.kind,
        "kind_display": str(step.get_kind_display()),
        "title": step.display_title,
        "text": step.text,
        "duration_seconds": step.duration_seconds,
        "side": step.side,
        "side_display": str(Side(step.side).label),
        "total_seconds": step.total_seconds,
        "cue": step.cue,
        "cues": cues,
        "note": step.note,
        "technique": technique,
    }
    if step.kind == Step.Kind.EXERCISE:  # timed and sided like a technique; no technique
        data["instructions"] = [line.strip() for line in step.text.splitlines() if line.strip()]
        data["text"] = as_sentences(data["instructions"])
    return data


def routine_snapshot(routine, sections=None) -> dict:
    """The routine as plain data: sections, steps, total time, equipment and cautions.
    Frozen in English, with each technique's translations beside it: a reader's page shows
    it in their language (localize_snapshot), whatever the language of whoever froze it."""
    with translation.override(translations.SOURCE_LANGUAGE):
        return _routine_snapshot(routine, sections)


def _routine_snapshot(routine, sections=None) -> dict:
    if sections is None:
        sections = load_sections(routine)
    steps = [step for section in sections for step in section.steps.all()]
    equipment, cautions = [], []
    for step in steps:
        if step.technique_id:
            for item in step.technique.equipment.all():
                if item.name not in equipment:
                    equipment.append(item.name)
            for caution in [*step.technique.cautions, *step.technique.contraindications]:
                if caution not in cautions:
                    cautions.append(caution)
    return {
        "transition_seconds": routine.transition_seconds,
        "total_seconds": routine_total_seconds(routine, steps),
        "step_count": len(steps),
        "equipment": sorted(equipment),
        "cautions": cautions,
        "sections": [
            {"title": section.title, "steps": [step_data(step) for step in section.steps.all()]}
            for section in sections
        ],
    }


def play_order(snapshot: dict) -> list[dict]:
    """The steps in the order they are done: each-side steps split into left, then right."""
    order, number = [], 0
    for section in snapshot["sections"]:
        for step in section["steps"]:
            number += 1  # the step's number in the plan, as the checks count them
            played = {**step, "number": number, "play_seconds": step["duration_seconds"]}
            sides = ["left", "right"] if step["side"] == Side.EACH else [step["side"]]
            for side in sides:
                order.append(with_stations(with_picture({**played, "play_side": side})))
    return order


def scale_seconds(seconds: list[int], total: int) -> list[int]:
    """Share `total` seconds between stations in proportion to their own `seconds`: whole
    seconds, adding up to `total` exactly, each at least 1. The rounding goes to the
    stations with the largest remainders (the earlier one first on a tie). Empty when there
    are more stations than seconds: then the step counts down as a whole."""
    if not seconds or total < len(seconds):
        return []
    weights = [s if isinstance(s, int) and s > 0 else 0 for s in seconds]
    if sum(weights) == 0:
        weights = [1] * len(seconds)
    whole = sum(weights)
    shares = [Fraction(w * total, whole) for w in weights]
    result = [int(share) for share in shares]  # floor: shares are never negative
    by_remainder = sorted(range(len(shares)), key=lambda i: (-(shares[i] - result[i]), i))
    for i in by_remainder[: total - sum(result)]:
        result[i] += 1
    # Every station keeps at least a second, taken from the longest (the later on a tie).
    for i, value in enumerate(result):
        if value == 0:
            longest = max(range(len(result)), key=lambda j: (result[j], j))
            result[longest] -= 1
            result[i] = 1
    return result


def with_stations(played: dict) -> dict:
    """A played step with its technique's stations timed to the step's own time (the
    teacher may have changed it: the stations keep their proportions), each with its
    marker, the technique's picture drawn at the station's region for the step's side
    ("" for a station with no region: the step's picture stands). Steps of techniques
    without stations, and versions frozen before there were any, get none."""
    technique = played.get("technique") or {}
    stations = [s for s in technique.get("stations") or [] if isinstance(s, dict)]
    timed = scale_seconds([s.get("seconds") or 0 for s in stations], played["play_seconds"])
    if not timed:
        return {**played, "stations": []}
    names = {r.get("slug"): r.get("name") for r in technique.get("regions") or []}
    info = snapshot_picture_info(played)
    out = []
    for station, seconds in zip(stations, timed, strict=True):
        region = station.get("region") or ""
        name = station.get("region_name") or names.get(region) or ""
        marker = ""
        if region:
            at = {**info, "regions": [{"slug": region, "name": name}]}
            marker = picture_svg(at, size="full", css_class="player-picture")
        out.append(
            {
                "instruction": station.get("instruction", ""),
                "region": region,
                "region_name": name,
                "seconds": seconds,
                "marker": marker,
            }
        )
    return {**played, "stations": out}


def with_picture(played: dict) -> dict:
    """A played step with its drawn picture for its side (large, for teach mode and the
    player) and the picture in words; the player shows the photo instead where the step's
    technique has one. Drawn from the frozen step, so a version keeps its pictures."""
    if not played.get("technique"):
        return {**played, "picture": "", "picture_alt": ""}
    info = snapshot_picture_info(played)
    return {
        **played,
        "picture": picture_svg(info, size="full", css_class="player-picture"),
        "picture_alt": picture_alt(info),
    }


# ---------------------------------------------------------------------------- languages


def vocabulary_names(language: str) -> dict[str, dict[str, str]]:
    """{"regions"|"equipment"|"actions": {slug: name in `language`}}, English where a
    name is not translated: 3 queries once per library state and language."""

    def compute():
        return {
            key: {o.slug: translations.text(o, "name", language) for o in model.objects.all()}
            for key, model in (("regions", Region), ("equipment", Equipment), ("actions", Action))
        }

    language = translations.base_language(language)
    return memo_cached(make_key("vocabulary-names", library_version(), language), compute)


def localize_snapshot(snapshot: dict, language: str | None = None) -> dict:
    """A frozen routine (routine_snapshot, a plan version, a homework) in `language`
    (default: the active one): each technique's texts from its frozen translations,
    English where one is missing (`untranslated` names those fields); the names of its
    regions, tools and position, the steps' kinds and sides, and the default section
    titles in the language's words. The frozen data itself is never changed."""
    language = translations.base_language(language)
    if language == translations.SOURCE_LANGUAGE or not isinstance(snapshot, dict):
        return snapshot
    if snapshot.get("localized") == language:  # done already (the print page's findings)
        return snapshot
    with translation.override(language):
        names = vocabulary_names(language)
        sections = []
        equipment: list[str] = []
        for section in snapshot.get("sections", []):
            title = section.get("title", "")
            steps = [_localized_step(step, names) for step in section.get("steps", [])]
            for step in steps:
                for name in (step.get("technique") or {}).get("equipment", []):
                    if name not in equipment:
                        equipment.append(name)
            sections.append({**section, "title": default_section_title(title), "steps": steps})
        return {
            **snapshot,
            "sections": sections,
            "equipment": sorted(equipment),
            "localized": language,
        }


def _english_kind(kind) -> str:
    labels = dict(Step.Kind.choices)
    if kind not in labels:
        return ""
    with translation.override(translations.SOURCE_LANGUAGE):
        return str(labels[kind])


def _localized_step(step: dict, names: dict) -> dict:
    out = {**step}
    if step.get("kind"):
        kinds = dict(Step.Kind.choices)
        if step["kind"] in kinds:
            out["kind_display"] = str(kinds[step["kind"]])
    if step.get("side") in Side.values:
        out["side_display"] = str(Side(step["side"]).label)
    technique = step.get("technique")
    if not technique:
        if step.get("title") and step.get("title") == _english_kind(step.get("kind")):
            out["title"] = out.get("kind_display", step["title"])  # no title of its own
        return out
    english_name = technique.get("name", "")
    local = translations.localized_technique(technique, translation.get_language())
    local = {**local}
    if local.get("position_code") in Position.values:
        local["position"] = str(Position(local["position_code"]).label)
    local["regions"] = [
        {**r, "name": names["regions"].get(r.get("slug"), r.get("name", ""))}
        for r in technique.get("regions") or []
        if isinstance(r, dict)
    ]
    slugs = technique.get("equipment_slugs") or []
    if len(slugs) == len(technique.get("equipment") or []):
        local["equipment"] = [
            names["equipment"].get(slug, name)
            for slug, name in zip(slugs, technique["equipment"], strict=True)
        ]
    local["stations"] = [
        {**s, "region_name": names["regions"].get(s.get("region"), s.get("region_name", ""))}
        if isinstance(s, dict)
        else s
        for s in local.get("stations") or []
    ]
    out["technique"] = local
    if step.get("title") == english_name:  # the technique's own name, not the teacher's
        out["title"] = local.get("name", english_name)
    out["cues"] = ([step["cue"]] if step.get("cue") else []) + list(local.get("cues") or [])
    return out

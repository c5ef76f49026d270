"""The one exchange format of the technique library ("rollcall-library", version 1).

`export_library()` gives the whole library as a dict; `validate_library()` names
every problem of an incoming dict; `load_library()` upserts it by slug, atomically.
"""

from dataclasses import dataclass, field

from django.db import transaction

FORMAT = "rollcall-library"
VERSION = 1

TECHNIQUE_KEYS = [
    "slug",
    "name",
    "summary",
    "status",
    "regions",
    "tissues",
    "actions",
    "equipment",
    "position",
    "duration_seconds",
    "per_side",
    "level",
    "intensity",
    "instructions",
    "cues",
    "mistakes",
    "cautions",
    "contraindications",
    "progression",
    "progression_level",
    "image",
    "video_url",
]
LIST_FIELDS = ["tissues", "instructions", "cues", "mistakes", "cautions", "contraindications"]
REQUIRED_TECHNIQUE_KEYS = [
    "slug",
    "name",
    "summary",
    "regions",
    "actions",
    "equipment",
    "position",
    "duration_seconds",
    "instructions",
    "cues",
]


def _ordered_slugs(objects) -> list[str]:
    return [o.slug for o in sorted(objects, key=lambda o: (o.order, o.name))]


def technique_to_dict(technique) -> dict:
    """A technique in the exchange format; M2M lists in vocabulary order."""
    return {
        "slug": technique.slug,
        "name": technique.name,
        "summary": technique.summary,
        "status": technique.status,
        "regions": _ordered_slugs(technique.regions.all()),
        "tissues": list(technique.tissues),
        "actions": _ordered_slugs(technique.actions.all()),
        "equipment": _ordered_slugs(technique.equipment.all()),
        "position": technique.position,
        "duration_seconds": technique.duration_seconds,
        "per_side": technique.per_side,
        "level": technique.level,
        "intensity": technique.intensity,
        "instructions": list(technique.instructions),
        "cues": list(technique.cues),
        "mistakes": list(technique.mistakes),
        "cautions": list(technique.cautions),
        "contraindications": list(technique.contraindications),
        "progression": technique.progression.slug if technique.progression_id else None,
        "progression_level": technique.progression_level,
        "image": technique.image.name or "",
        "video_url": technique.video_url,
    }


def export_library() -> dict:
    from .models import Action, Equipment, Progression, Region, Technique

    regions = Region.objects.select_related("partner").prefetch_related("neighbours")
    return {
        "format": FORMAT,
        "version": VERSION,
        "regions": [
            {
                "slug": r.slug,
                "name": r.name,
                "view": r.view,
                "partner": r.partner.slug if r.partner_id else None,
                "neighbours": _ordered_slugs(r.neighbours.all()),
            }
            for r in regions
        ],
        "equipment": [
            {"slug": e.slug, "name": e.name, "description": e.description}
            for e in Equipment.objects.all()
        ],
        "actions": [
            {"slug": a.slug, "name": a.name, "description": a.description}
            for a in Action.objects.all()
        ],
        "progressions": [
            {"slug": p.slug, "name": p.name, "description": p.description}
            for p in Progression.objects.all()
        ],
        "techniques": [
            technique_to_dict(t) for t in Technique.objects.with_lists().order_by("slug")
        ],
    }


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    vocabulary: dict[str, dict[str, int]] = field(default_factory=dict)


class LibraryError(Exception):
    """The incoming library has problems; `problems` names each entry and field."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def _is_str_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def validate_library(data) -> list[str]:
    """Every problem in `data`, each naming its entry and field. Empty when loadable."""
    from .models import (
        Action,
        Equipment,
        Intensity,
        Level,
        Position,
        Progression,
        Region,
        Technique,
    )

    problems: list[str] = []
    if not isinstance(data, dict):
        return ["The file must hold a JSON object."]
    if data.get("format") != FORMAT:
        problems.append(f'format: expected "{FORMAT}", got {data.get("format")!r}.')
    if data.get("version") != VERSION:
        problems.append(f"version: expected {VERSION}, got {data.get('version')!r}.")

    known: dict[str, set[str]] = {}
    sections = {
        "regions": Region,
        "equipment": Equipment,
        "actions": Action,
        "progressions": Progression,
    }
    for section, model in sections.items():
        entries = data.get(section, [])
        if not isinstance(entries, list):
            problems.append(f"{section}: must be a list.")
            entries = []
        seen: set[str] = set()
        for i, entry in enumerate(entries):
            where = f"{section}[{i}]"
            if not isinstance(entry, dict):
                problems.append(f"{where}: must be an object.")
                continue
            slug = entry.get("slug")
            where = f"{section}[{i}] ({slug})" if slug else where
            if not isinstance(slug, str) or not slug.strip():
                problems.append(f"{where}: field 'slug' is required.")
                continue
            if slug in seen:
                problems.append(f"{where}: duplicate slug '{slug}'.")
            seen.add(slug)
            if not isinstance(entry.get("name"), str) or not entry["name"].strip():
                problems.append(f"{where}: field 'name' is required.")
        known[section] = seen | set(model.objects.values_list("slug", flat=True))

    for i, region in enumerate(
        data.get("regions", []) if isinstance(data.get("regions"), list) else []
    ):
        if not isinstance(region, dict):
            continue
        where = f"regions[{i}] ({region.get('slug')})"
        if region.get("partner") and region["partner"] not in known["regions"]:
            problems.append(f"{where}: field 'partner': unknown region '{region['partner']}'.")
        for n in region.get("neighbours", []) or []:
            if n not in known["regions"]:
                problems.append(f"{where}: field 'neighbours': unknown region '{n}'.")
        if region.get("view", "front") not in {"front", "back"}:
            problems.append(f"{where}: field 'view' must be 'front' or 'back'.")

    techniques = data.get("techniques", [])
    if not isinstance(techniques, list):
        problems.append("techniques: must be a list.")
        techniques = []
    seen_slugs: set[str] = set()
    levels_seen: dict[tuple[str, int], str] = {}
    choices = {
        "status": set(Technique.Status.values),
        "position": set(Position.values),
        "level": set(Level.values),
        "intensity": set(Intensity.values),
    }
    for i, t in enumerate(techniques):
        if not isinstance(t, dict):
            problems.append(f"techniques[{i}]: must be an object.")
            continue
        slug = t.get("slug")
        where = (
            f"techniques[{i}] ({slug})" if isinstance(slug, str) and slug else f"techniques[{i}]"
        )
        for key in REQUIRED_TECHNIQUE_KEYS:
            if key not in t or t[key] in (None, "", []):
                problems.append(f"{where}: field '{key}' is required.")
        unknown = set(t) - set(TECHNIQUE_KEYS)
        for key in sorted(unknown):
            problems.append(f"{where}: unknown field '{key}'.")
        if isinstance(slug, str) and slug:
            if slug in seen_slugs:
                problems.append(f"{where}: duplicate slug '{slug}'.")
            seen_slugs.add(slug)
        for key in ("name", "summary"):
            if key in t and not isinstance(t[key], str):
                problems.append(f"{where}: field '{key}' must be text.")
        if isinstance(t.get("name"), str) and len(t["name"]) > 160:
            problems.append(f"{where}: field 'name' is longer than 160 characters.")
        if isinstance(t.get("summary"), str) and len(t["summary"]) > 240:
            problems.append(f"{where}: field 'summary' is longer than 240 characters.")
        for key, vocab in (
            ("regions", "regions"),
            ("actions", "actions"),
            ("equipment", "equipment"),
        ):
            value = t.get(key)
            if value is None:
                continue
            if not isinstance(value, list):
                problems.append(f"{where}: field '{key}' must be a list of slugs.")
                continue
            for s in value:
                if s not in known[vocab]:
                    problems.append(f"{where}: field '{key}': unknown {key.rstrip('s')} '{s}'.")
        for key in LIST_FIELDS:
            if key in t and not (_is_str_list(t[key])):
                problems.append(f"{where}: field '{key}' must be a list of non-empty texts.")
        for key, allowed in choices.items():
            if key in t and t[key] not in allowed:
                problems.append(
                    f"{where}: field '{key}': '{t[key]}' is not one of {sorted(allowed)}."
                )
        duration = t.get("duration_seconds")
        if duration is not None and (
            not isinstance(duration, int) or isinstance(duration, bool) or not 5 <= duration <= 1800
        ):
            problems.append(
                f"{where}: field 'duration_seconds' must be a whole number from 5 to 1800."
            )
        if "per_side" in t and not isinstance(t["per_side"], bool):
            problems.append(f"{where}: field 'per_side' must be true or false.")
        prog, level = t.get("progression"), t.get("progression_level")
        if prog is not None or level is not None:
            if prog not in known["progressions"]:
                problems.append(f"{where}: field 'progression': unknown progression '{prog}'.")
            if not isinstance(level, int) or isinstance(level, bool) or level < 1:
                problems.append(
                    f"{where}: field 'progression_level' must be a whole number from 1."
                )
            elif prog:
                other = levels_seen.get((prog, level))
                if other:
                    problems.append(
                        f"{where}: field 'progression_level': level {level} of '{prog}' "
                        f"is also '{other}'."
                    )
                levels_seen[(prog, level)] = slug
        for key in ("image", "video_url"):
            if key in t and not isinstance(t[key], str):
                problems.append(f"{where}: field '{key}' must be text.")
        if (
            isinstance(t.get("video_url"), str)
            and t["video_url"]
            and not t["video_url"].startswith(("https://", "http://"))
        ):
            problems.append(f"{where}: field 'video_url' must be an http(s) link.")
    return problems


def _upsert_vocab(model, entries, extra_fields, report_key, report):
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    objects = {}
    existing = {o.slug: o for o in model.objects.all()}
    for order, entry in enumerate(entries):
        values = {
            "name": entry["name"],
            **{f: entry.get(f, default) for f, default in extra_fields},
        }
        if hasattr(model, "order"):
            values["order"] = order
        obj = existing.get(entry["slug"])
        if obj is None:
            obj = model.objects.create(slug=entry["slug"], **values)
            counts["created"] += 1
        elif any(getattr(obj, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(obj, k, v)
            obj.save()
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
        objects[obj.slug] = obj
    report.vocabulary[report_key] = counts
    return objects


@transaction.atomic
def load_library(data: dict, *, author=None) -> LoadReport:
    """Upsert the library by slug. Never deletes. Raises LibraryError before writing anything."""
    from .models import Action, Equipment, Progression, Region, Technique, TechniqueRevision
    from .services import technique_apply

    problems = validate_library(data)
    if problems:
        raise LibraryError(problems)
    report = LoadReport()
    _upsert_vocab(Region, data.get("regions", []), [("view", "front")], "regions", report)
    regions = {r.slug: r for r in Region.objects.prefetch_related("neighbours")}
    for entry in data.get("regions", []):
        region = regions[entry["slug"]]
        partner = regions.get(entry.get("partner")) if entry.get("partner") else None
        if region.partner_id != (partner.pk if partner else None):
            region.partner = partner
            region.save(update_fields=["partner"])
        wanted = {regions[n].pk for n in entry.get("neighbours", [])}
        current = {n.pk for n in region.neighbours.all()}
        if not wanted <= current:
            region.neighbours.add(*(wanted - current))
    _upsert_vocab(Equipment, data.get("equipment", []), [("description", "")], "equipment", report)
    _upsert_vocab(Action, data.get("actions", []), [("description", "")], "actions", report)
    _upsert_vocab(
        Progression, data.get("progressions", []), [("description", "")], "progressions", report
    )

    vocab = {
        "regions": {r.slug: r for r in Region.objects.all()},
        "actions": {a.slug: a for a in Action.objects.all()},
        "equipment": {e.slug: e for e in Equipment.objects.all()},
        "progression": {p.slug: p for p in Progression.objects.all()},
    }
    existing = {t.slug: t for t in Technique.objects.with_lists()}
    incoming = data.get("techniques", [])
    # Free progression levels that move, so the unique constraint holds mid-load.
    moving = [
        existing[t["slug"]].pk
        for t in incoming
        if t["slug"] in existing
        and (t.get("progression"), t.get("progression_level"))
        != (
            existing[t["slug"]].progression.slug if existing[t["slug"]].progression_id else None,
            existing[t["slug"]].progression_level,
        )
    ]
    if moving:
        Technique.objects.filter(pk__in=moving).update(progression=None, progression_level=None)
        existing = {t.slug: t for t in Technique.objects.with_lists()}
    for entry in incoming:
        data_in = {k: entry[k] for k in TECHNIQUE_KEYS if k in entry}
        data_in.setdefault("status", Technique.Status.PUBLISHED)
        technique = existing.get(entry["slug"])
        _, changes = technique_apply(
            data=data_in,
            technique=technique,
            author=author,
            kind=TechniqueRevision.Kind.IMPORTED,
            vocab=vocab,
        )
        if technique is None:
            report.created.append(entry["slug"])
        elif changes:
            report.updated.append(entry["slug"])
        else:
            report.unchanged.append(entry["slug"])
    return report

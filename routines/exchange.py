"""The one exchange format of the technique library ("rollcall-library", version 1).

`export_library()` gives the whole library as a dict; `validate_library()` names
every problem of an incoming dict; `load_library()` upserts it by slug, atomically.
"""

import dataclasses
from pathlib import PurePosixPath

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.storage import default_storage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models, transaction

from .fields import (
    FILE,
    FK,
    LIST,
    M2M,
    STATIONS,
    SUITABILITY,
    TECHNIQUE_FIELDS,
    TRANSLATIONS,
    ordered_slugs,
    technique_to_dict,
)
from .models import (
    Action,
    Equipment,
    Progression,
    Region,
    SearchSynonym,
    Technique,
    TechniqueRevision,
)
from .search import library_corpus, synonym_problems
from .services import technique_apply, techniques_create
from .state import bumps_deferred, changed
from .translations import VOCABULARY_TEXTS, clean_translations, validate_translations

FORMAT = "rollcall-library"
VERSION = 1


def export_library() -> dict:
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
                "neighbours": ordered_slugs(r.neighbours.all()),
                **_translations(r),
            }
            for r in regions
        ],
        "equipment": [
            {"slug": e.slug, "name": e.name, "description": e.description, **_translations(e)}
            for e in Equipment.objects.all()
        ],
        "actions": [
            {"slug": a.slug, "name": a.name, "description": a.description, **_translations(a)}
            for a in Action.objects.all()
        ],
        "progressions": [
            {"slug": p.slug, "name": p.name, "description": p.description, **_translations(p)}
            for p in Progression.objects.all()
        ],
        "synonyms": [
            {"term": s.term, "means": list(s.means), "language": s.language}
            for s in SearchSynonym.objects.all()
        ],
        "techniques": [
            technique_to_dict(t) for t in Technique.objects.with_lists().order_by("slug")
        ],
    }


def _translations(entry) -> dict:
    """A vocabulary entry's translations, as the exchange format carries them: only when
    it has some, so an English-only library reads as before."""
    found = clean_translations(entry.translations)
    return {"translations": found} if found else {}


@dataclasses.dataclass
class LoadReport:
    created: list[str] = dataclasses.field(default_factory=list)
    updated: list[str] = dataclasses.field(default_factory=list)
    unchanged: list[str] = dataclasses.field(default_factory=list)
    vocabulary: dict[str, dict[str, int]] = dataclasses.field(default_factory=dict)


class LibraryError(Exception):
    """The incoming library has problems; `problems` names each entry and field."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def _is_str_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def validate_library(data) -> list[str]:
    """Every problem in `data`, each naming its entry and field. Empty when loadable."""
    problems: list[str] = []
    if not isinstance(data, dict):
        return ["The file must hold a JSON object."]
    if data.get("format") != FORMAT:
        problems.append(f'format: expected "{FORMAT}", got {data.get("format")!r}.')
    if data.get("version") != VERSION:
        problems.append(f"version: expected {VERSION}, got {data.get('version')!r}.")

    # The slugs a technique may name, by model: the file's and the database's.
    known: dict[type[models.Model], set[str]] = {}
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
            problems += [
                f"{where}: field 'translations': {problem}"
                for problem in validate_translations(
                    entry.get("translations"), texts=VOCABULARY_TEXTS
                )
            ]
        known[model] = seen | set(model.objects.values_list("slug", flat=True))

    for i, region in enumerate(
        data.get("regions", []) if isinstance(data.get("regions"), list) else []
    ):
        if not isinstance(region, dict):
            continue
        where = f"regions[{i}] ({region.get('slug')})"
        if region.get("partner") and region["partner"] not in known[Region]:
            problems.append(f"{where}: field 'partner': unknown region '{region['partner']}'.")
        for n in region.get("neighbours", []) or []:
            if n not in known[Region]:
                problems.append(f"{where}: field 'neighbours': unknown region '{n}'.")
        if region.get("view", "front") not in {"front", "back"}:
            problems.append(f"{where}: field 'view' must be 'front' or 'back'.")

    techniques = data.get("techniques", [])
    if not isinstance(techniques, list):
        problems.append("techniques: must be a list.")
        techniques = []
    seen_slugs: set[str] = set()
    levels_seen: dict[tuple[str, int], str] = {}
    for i, t in enumerate(techniques):
        if not isinstance(t, dict):
            problems.append(f"techniques[{i}]: must be an object.")
            continue
        slug = t.get("slug")
        where = (
            f"techniques[{i}] ({slug})" if isinstance(slug, str) and slug else f"techniques[{i}]"
        )
        problems += _technique_problems(t, where, known)
        if isinstance(slug, str) and slug:
            if slug in seen_slugs:
                problems.append(f"{where}: duplicate slug '{slug}'.")
            seen_slugs.add(slug)
        # Two entries on one rung of a ladder: a rule across entries, so checked here.
        prog, level = t.get("progression"), t.get("progression_level")
        if isinstance(prog, str) and isinstance(level, int) and not isinstance(level, bool):
            other = levels_seen.get((prog, level))
            if other:
                problems.append(
                    f"{where}: field 'progression_level': level {level} of '{prog}' "
                    f"is also '{other}'."
                )
            levels_seen[(prog, level)] = slug
    return problems + _synonyms_problems(data, techniques)


SYNONYM_KEYS = {"term", "means", "language"}


def _synonyms_problems(data: dict, techniques: list) -> list[str]:
    """The file's synonyms: their shape here, then the rules the admin applies too
    (search.synonym_problems) over the file's synonyms with the database's others, against
    the words of the file's and the database's techniques."""
    entries = data.get("synonyms", [])
    if not isinstance(entries, list):
        return ["synonyms: must be a list."]
    problems, incoming = [], {}
    languages = set(SearchSynonym.Language.values)
    term_length = SearchSynonym._meta.get_field("term").max_length
    for i, entry in enumerate(entries):
        where = f"synonyms[{i}]"
        if not isinstance(entry, dict):
            problems.append(f"{where}: must be an object.")
            continue
        term = entry.get("term")
        where = f"synonyms[{i}] ({term})" if isinstance(term, str) else where
        problems += [
            f"{where}: unknown field '{key}'." for key in sorted(set(entry) - SYNONYM_KEYS)
        ]
        if not isinstance(term, str) or not term.strip() or len(term) > term_length:
            problems.append(
                f"{where}: field 'term' must be a word or phrase of at most "
                f"{term_length} characters."
            )
            continue
        if entry.get("language", "en") not in languages:
            problems.append(f"{where}: field 'language' must be one of {sorted(languages)}.")
            continue
        if not _is_str_list(entry.get("means")):
            problems.append(f"{where}: field 'means' must be a list of non-empty texts.")
            continue
        key = (term.strip().lower(), entry.get("language", "en"))
        if key in incoming:
            problems.append(f"{where}: duplicate term '{term}' in language '{key[1]}'.")
        incoming[key] = (term.strip().lower(), key[1], entry["means"])
    if problems:
        return problems
    merged = {
        (s.term, s.language): (s.term, s.language, s.means) for s in SearchSynonym.objects.all()
    }
    merged.update(incoming)
    found = synonym_problems(list(merged.values()), _library_text(data, techniques))
    return [f"synonyms: {problem}" for problem in found]


def database_library_text() -> str:
    """The searchable words of the library as stored (search.synonym_problems reads it)."""
    return _library_text({}, [])


def _library_text(data: dict, techniques: list) -> str:
    """The searchable words of the file's techniques and vocabulary, and the database's."""
    names = {}
    for key, section, model in (
        ("region_names", "regions", Region),
        ("equipment_names", "equipment", Equipment),
        ("action_names", "actions", Action),
    ):
        names[key] = dict(model.objects.values_list("slug", "name"))
        names[key].update(
            (e["slug"], e["name"])
            for e in data.get(section, [])
            if isinstance(e, dict)
            and isinstance(e.get("slug"), str)
            and isinstance(e.get("name"), str)
        )
    entries, slugs = [], set()
    for t in techniques:
        if isinstance(t, dict):
            slugs.add(t.get("slug"))
            entries.append(t)
    for t in Technique.objects.exclude(slug__in=slugs).values(
        "name", "summary", "tissues", "indications", "cues", "mistakes"
    ):
        entries.append(t)
    text = library_corpus(
        {
            **e,
            **{
                key: [lookup.get(slug, "") for slug in e.get(source, []) if isinstance(slug, str)]
                for key, source, lookup in (
                    ("region_names", "regions", names["region_names"]),
                    ("equipment_names", "equipment", names["equipment_names"]),
                    ("action_names", "actions", names["action_names"]),
                )
            },
        }
        for e in entries
    )
    vocabulary = " | ".join(str(name) for lookup in names.values() for name in lookup.values())
    return text + " | " + library_corpus([{"name": vocabulary}])


def _technique_problems(entry: dict, where: str, known: dict) -> list[str]:
    """One technique entry: first its shape in the exchange format (JSON types, slugs
    that exist), then, for the fields of the right shape, the model's own validation."""
    problems = [
        f"{where}: unknown field '{key}'."
        for key in sorted(set(entry) - {field.name for field in TECHNIQUE_FIELDS})
    ]
    unfit = set()
    for field in TECHNIQUE_FIELDS:
        named = f"{where}: field '{field.name}'"
        value = entry.get(field.name)
        if field.required and value in (None, "", []):
            problems.append(f"{named} is required.")
            unfit.add(field.name)
        elif field.name in entry:
            shape = _shape_problems(field, value, known, named)
            problems += shape
            if shape:
                unfit.add(field.name)
    return problems + _model_problems(entry, where, unfit, known)


def _shape_problems(field, value, known: dict, named: str) -> list[str]:
    """What is wrong with a value's JSON type, or with the slugs it names."""
    model_field = field.model_field
    if field.kind == LIST:
        return [] if _is_str_list(value) else [f"{named} must be a list of non-empty texts."]
    if field.kind in (SUITABILITY, TRANSLATIONS):  # their content is the model's to validate
        return [] if isinstance(value, dict) else [f"{named} must be an object."]
    if field.kind == STATIONS:  # each station's content is the model's to validate
        fine = isinstance(value, list) and all(isinstance(item, dict) for item in value)
        return [] if fine else [f"{named} must be a list of stations."]
    if field.kind in (M2M, FK):
        if field.kind == FK and value is None:
            return []
        if field.kind == M2M and not isinstance(value, list):
            return [f"{named} must be a list of slugs."]
        model = model_field.related_model
        slugs = value if field.kind == M2M else [value]
        return [
            f"{named}: unknown {model._meta.model_name} '{slug}'."
            for slug in slugs
            if not isinstance(slug, str) or slug not in known[model]
        ]
    if field.kind == FILE:
        return _photo_problems(value, named)
    if value is None and model_field.null:
        return []
    if isinstance(model_field, models.BooleanField):
        return [] if isinstance(value, bool) else [f"{named} must be true or false."]
    if isinstance(model_field, models.IntegerField):
        whole = isinstance(value, int) and not isinstance(value, bool)
        return [] if whole else [f"{named} {_whole_number(model_field)}"]
    return [] if isinstance(value, str) else [f"{named} must be text."]


def _photo_problems(value, named: str) -> list[str]:
    """A photo is named by where it is stored under MEDIA_ROOT (as exported): a relative
    path inside it that exists there, or "" for none. The files themselves travel beside
    the library file (copy the media folder), so a missing one is named, not loaded as a
    broken picture."""
    if not isinstance(value, str):
        return [f'{named} must be text: a stored photo\'s name, or "" for none.']
    if not value:
        return []
    path = PurePosixPath(value)
    if path.is_absolute() or "\\" in value or ".." in path.parts or value != str(path):
        return [
            f"{named}: '{value}' must be a path inside the media folder, like 'techniques/x.jpg'."
        ]
    if not default_storage.exists(value):
        return [
            f"{named}: no photo '{value}' in the media storage; copy the media folder "
            'first, or give "" for none.'
        ]
    return []


def _model_problems(entry: dict, where: str, unfit: set[str], known: dict) -> list[str]:
    """What Technique.full_clean() says of the entry: lengths, ranges, choices, links,
    blanks and clean(), the same validation the curation form runs."""
    technique = Technique()
    technique.station_regions = known[Region]  # stations may name the file's regions
    regions = entry.get("regions")
    if isinstance(regions, list):  # and only the technique's own
        technique.own_regions = {slug for slug in regions if isinstance(slug, str)}
    given = set()
    for field in TECHNIQUE_FIELDS:
        if field.name not in entry or field.name in unfit or field.kind == M2M:
            continue
        value = entry[field.name]
        if field.kind == FK and value:
            # It may be new in this file: an unsaved stand-in is enough for clean().
            value = field.model_field.related_model(slug=value)
        setattr(technique, field.name, value)
        given.add(field.name)
    # Relations were checked above, by slug. The constraints are left out (each would be a
    # query per entry): clean() states the pairing rule, the fields' validators the
    # duration's range, and one technique per rung is checked across the file's entries by
    # validate_library.
    exclude = ({f.name for f in Technique._meta.fields} - given) | {"progression"}
    try:
        technique.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        # A field whose shape is wrong was named already: one problem per field is enough.
        return [
            _model_problem(where, name, e, entry)
            for name, errors in error.error_dict.items()
            if name not in unfit
            for e in errors
        ]
    return []


RANGE_ERRORS = {"invalid", "min_value", "max_value"}


def _model_problem(where: str, name: str, error: ValidationError, entry: dict) -> str:
    """The model's message, named; a range or a choice in the words a file's author needs."""
    if name == NON_FIELD_ERRORS:
        return f"{where}: {' '.join(error.messages)}"
    model_field = Technique._meta.get_field(name)
    if isinstance(model_field, models.IntegerField) and error.code in RANGE_ERRORS:
        return f"{where}: field '{name}' {_whole_number(model_field)}"
    if error.code == "invalid_choice":
        allowed = sorted(str(value) for value, _label in model_field.flatchoices)
        return f"{where}: field '{name}': '{entry[name]}' is not one of {allowed}."
    return f"{where}: field '{name}': {' '.join(error.messages)}"


def _whole_number(model_field) -> str:
    """'must be a whole number from 5 to 1800.', the range read from the model field."""
    text = "must be a whole number"
    validators = model_field.validators
    lows = [v.limit_value for v in validators if isinstance(v, MinValueValidator)]
    # Not the database's own maximum (it differs between SQLite and PostgreSQL).
    _low, database_max = connection.ops.integer_field_range(model_field.get_internal_type())
    highs = [
        v.limit_value
        for v in validators
        if isinstance(v, MaxValueValidator) and v.limit_value != database_max
    ]
    if lows:
        text += f" from {max(lows)}"
    if highs:
        text += f" to {min(highs)}"
    return text + "."


def _upsert_vocab(model, entries, extra_fields, report_key, report):
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    objects = {}
    existing = {o.slug: o for o in model.objects.all()}
    for order, entry in enumerate(entries):
        values = {
            "name": entry["name"],
            **{f: entry.get(f, default) for f, default in extra_fields},
        }
        # A file without translations keeps the ones the library has.
        if "translations" in entry:
            values["translations"] = clean_translations(entry["translations"])
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


def _upsert_synonyms(entries, report) -> None:
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    existing = {(s.term, s.language): s for s in SearchSynonym.objects.all()}
    new = []
    for entry in entries:
        term, language = entry["term"].strip().lower(), entry.get("language", "en")
        synonym = existing.get((term, language))
        if synonym is None:
            new.append(SearchSynonym(term=term, language=language, means=entry["means"]))
            counts["created"] += 1
        elif synonym.means != entry["means"]:
            synonym.means = entry["means"]
            synonym.save(update_fields=["means"])
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    if new:
        SearchSynonym.objects.bulk_create(new)
        changed()  # bulk writes send no signals
    report.vocabulary["synonyms"] = counts


@transaction.atomic
def load_library(data: dict, *, author=None) -> LoadReport:
    """Upsert the library by slug. Never deletes. Raises LibraryError before writing anything.
    The library's state (routines/state.py) moves once, if anything changed."""
    problems = validate_library(data)
    if problems:
        raise LibraryError(problems)
    with bumps_deferred():
        return _load(data, author)


def _load(data: dict, author) -> LoadReport:
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
    _upsert_synonyms(data.get("synonyms", []), report)

    vocab = {
        field.name: {o.slug: o for o in field.model_field.related_model.objects.all()}
        for field in TECHNIQUE_FIELDS
        if field.kind in (M2M, FK)
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
    new = []
    for entry in incoming:
        data_in = {f.name: entry[f.name] for f in TECHNIQUE_FIELDS if f.name in entry}
        data_in.setdefault("status", Technique.Status.PUBLISHED)
        technique = existing.get(entry["slug"])
        if technique is None:  # created together below, in a fixed number of queries
            new.append(data_in)
            continue
        current = technique_to_dict(technique)  # its lists were prefetched
        if all(current.get(key) == value for key, value in data_in.items()):
            report.unchanged.append(entry["slug"])
            continue
        _, changes = technique_apply(
            data=data_in,
            technique=technique,
            author=author,
            kind=TechniqueRevision.Kind.IMPORTED,
            vocab=vocab,
        )
        (report.updated if changes else report.unchanged).append(entry["slug"])
    if new:
        report.created = techniques_create(
            new, author=author, vocab=vocab, kind=TechniqueRevision.Kind.IMPORTED
        )
        changed()  # bulk writes send no signals
    return report

"""The technique's fields, listed once.

Each row is a field of `Technique` that a curator edits or a library file carries, with
its kind: how the exchange format writes it. Everything else is derived from this table:

- the exchange format's keys, in this order (`technique_to_dict`, which is also the
  revision snapshot that "restore" brings back, and what `load_library` accepts);
- the curation form's fields (`form=True`);
- how a change is applied (`services.technique_apply`);
- the technique part of a frozen routine (`frozen=True`, `snapshots.technique_data`).

Limits (lengths, ranges, choices, what may be left empty) are stated on the model only:
the curation form and `validate_library` both ask the model.
"""

from dataclasses import dataclass

from .models import Technique, flat_suitability, nested_suitability
from .translations import clean_translations

VALUE = "value"  # a plain value: text, a number, true/false, a choice
LIST = "list"  # a JSON list of texts
M2M = "m2m"  # several vocabulary entries, written as their slugs
FK = "fk"  # one related row or none, written as its slug or null
FILE = "file"  # an uploaded file, written as its stored name ("" when there is none)
STATIONS = "stations"  # a JSON list of {"region", "instruction", "seconds"}
SUITABILITY = "suitability"  # a JSON object: {"pregnancy": {trimester: v}, "osteoporosis": v, …}
TRANSLATIONS = (
    "translations"  # {"fr": {"name": "…", "instructions": ["…"], …}}: routines.translations
)


@dataclass(frozen=True)
class TechniqueField:
    name: str
    kind: str = VALUE
    form: bool = True  # edited in the curation form
    frozen: bool = False  # copied into routine snapshots (plan versions, homework)

    @property
    def model_field(self):
        return Technique._meta.get_field(self.name)

    @property
    def required(self) -> bool:
        """A library file must give it: the model refuses it empty and has no default."""
        field = self.model_field
        if field.blank:
            return False
        return not field.has_default() or field.get_default() in field.empty_values

    def exchange_value(self, technique):
        """The field's value in the exchange format."""
        value = getattr(technique, self.name)
        if self.kind in (LIST, STATIONS):
            return list(value)
        if self.kind == SUITABILITY:
            return nested_suitability(flat_suitability(value))
        if self.kind == TRANSLATIONS:
            return clean_translations(value)
        if self.kind == M2M:
            return ordered_slugs(value.all())
        if self.kind == FK:
            return value.slug if value is not None else None
        if self.kind == FILE:
            return value.name or ""
        return value


TECHNIQUE_FIELDS = (
    TechniqueField("slug", frozen=True),
    TechniqueField("name", frozen=True),
    TechniqueField("summary", frozen=True),
    TechniqueField("status", form=False, frozen=True),
    TechniqueField("regions", M2M, frozen=True),
    TechniqueField("tissues", LIST),
    TechniqueField("actions", M2M, frozen=True),
    TechniqueField("equipment", M2M, frozen=True),
    TechniqueField("position", frozen=True),
    TechniqueField("duration_seconds", frozen=True),
    TechniqueField("per_side"),
    TechniqueField("level", frozen=True),
    TechniqueField("intensity", frozen=True),
    TechniqueField("instructions", LIST, frozen=True),
    TechniqueField("cues", LIST, frozen=True),
    TechniqueField("mistakes", LIST, frozen=True),
    TechniqueField("cautions", LIST, frozen=True),
    TechniqueField("contraindications", LIST, frozen=True),
    TechniqueField("indications", LIST),
    # Edited as one choice per condition (TechniqueForm), not as the JSON field itself.
    TechniqueField("suitability", SUITABILITY, form=False, frozen=True),
    TechniqueField("progression", FK),
    TechniqueField("progression_level"),
    TechniqueField("image", FILE, frozen=True),
    TechniqueField("image_end", FILE, frozen=True),
    TechniqueField("stations", STATIONS, frozen=True),
    TechniqueField("video_url"),
    # Edited in the curation form's other-language tab (TechniqueForm), one field per text.
    TechniqueField("translations", TRANSLATIONS, form=False, frozen=True),
)


def ordered_slugs(objects) -> list[str]:
    """Slugs of vocabulary entries in the vocabulary's order, as library files list them."""
    return [o.slug for o in sorted(objects, key=lambda o: (o.order, o.name))]


def technique_to_dict(technique) -> dict:
    """A technique in the exchange format (M2M lists in vocabulary order): what a library
    file holds, and the revision snapshot the history keeps and restores."""
    return {field.name: field.exchange_value(technique) for field in TECHNIQUE_FIELDS}

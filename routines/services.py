"""Writes that touch several models: every change to a technique goes through here,
so the search fields and the revision history can never be forgotten."""

from django.db import transaction

from .exchange import LIST_FIELDS, technique_to_dict
from .models import Action, Equipment, Progression, Region, Technique, TechniqueRevision

SCALAR_FIELDS = [
    "name",
    "summary",
    "status",
    "position",
    "duration_seconds",
    "per_side",
    "level",
    "intensity",
    "progression_level",
    "video_url",
]
M2M_FIELDS = {"regions": Region, "actions": Action, "equipment": Equipment}


def diff(before: dict, after: dict) -> dict:
    """{field: [before, after]} for the fields whose value changed."""
    keys = [k for k in after if k != "slug"]
    return {k: [before.get(k), after[k]] for k in keys if before.get(k) != after[k]}


@transaction.atomic
def technique_apply(
    *,
    data: dict,
    technique: Technique | None = None,
    author=None,
    kind: str = TechniqueRevision.Kind.EDITED,
    comment: str = "",
    vocab: dict | None = None,
) -> tuple[Technique, dict]:
    """Create or update a technique from an exchange-format dict and record a revision.

    `data` may hold any subset of the exchange keys; missing keys keep their value.
    `vocab` maps "regions"/"actions"/"equipment"/"progression" to {slug: object} to
    save look-ups when many techniques are written at once. Returns the technique
    and the changes recorded (empty when nothing changed, and then no revision).
    """
    creating = technique is None
    before = {} if creating else technique_to_dict(technique)
    if creating:
        technique = Technique(slug=data["slug"])
    if vocab is None:
        vocab = {}
    for field in SCALAR_FIELDS:
        if field in data:
            setattr(technique, field, data[field])
    for field in LIST_FIELDS:
        if field in data:
            setattr(technique, field, list(data[field]))
    if "progression" in data:
        slug = data["progression"]
        if slug:
            lookup = vocab.get("progression")
            technique.progression = lookup[slug] if lookup else Progression.objects.get(slug=slug)
        else:
            technique.progression = None
    if "image" in data:
        technique.image.name = data["image"] or ""
    if creating and author is not None and technique.author_id is None:
        technique.author = author
    technique.save()
    for field, model in M2M_FIELDS.items():
        if field in data:
            lookup = vocab.get(field)
            objs = (
                [lookup[s] for s in data[field]]
                if lookup
                else list(model.objects.filter(slug__in=data[field]))
            )
            getattr(technique, field).set(objs)
    technique = Technique.objects.with_lists().get(pk=technique.pk)
    technique.refresh_search_fields()
    after = technique_to_dict(technique)
    changes = diff(before, after)
    if creating or changes:
        TechniqueRevision.objects.create(
            technique=technique,
            author=author,
            kind=TechniqueRevision.Kind.CREATED
            if creating and kind == TechniqueRevision.Kind.EDITED
            else kind,
            changes=changes,
            snapshot=after,
            comment=comment,
        )
    return technique, changes


def technique_set_status(
    *, technique: Technique, status: str, author, kind: str, comment: str = ""
):
    """Move a technique to a new status (publish, retire, return…) and record it."""
    data = {"status": status}
    technique, _changes = technique_apply(
        data=data, technique=technique, author=author, kind=kind, comment=comment
    )
    return technique

"""Writes that touch several models: every change to a technique goes through here,
so the revision history can never be forgotten."""

from django.db import transaction

from .fields import FILE, FK, LIST, M2M, SUITABILITY, TECHNIQUE_FIELDS, technique_to_dict
from .models import Technique, TechniqueRevision


def _one_by_slug(field, slug, vocab):
    """The related row with this slug, from `vocab` when the caller has it."""
    lookup = vocab.get(field.name)
    return lookup[slug] if lookup else field.model_field.related_model.objects.get(slug=slug)


def _by_slug(field, slugs, vocab):
    """The related rows with these slugs, from `vocab` when the caller has it."""
    lookup = vocab.get(field.name)
    if lookup:
        return [lookup[slug] for slug in slugs]
    return list(field.model_field.related_model.objects.filter(slug__in=slugs))


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
    for field in TECHNIQUE_FIELDS:
        # The slug is the technique's address: given once, on creation.
        if field.name == "slug" or field.name not in data or field.kind == M2M:
            continue
        value = data[field.name]
        if field.kind == LIST:
            value = list(value)
        elif field.kind == SUITABILITY:
            value = dict(value)
        elif field.kind == FK:
            value = _one_by_slug(field, value, vocab) if value else None
        elif field.kind == FILE:
            value = value or ""
        setattr(technique, field.name, value)
    if creating and author is not None and technique.author_id is None:
        technique.author = author
    technique.save()
    for field in TECHNIQUE_FIELDS:
        if field.kind == M2M and field.name in data:
            getattr(technique, field.name).set(_by_slug(field, data[field.name], vocab))
    technique = Technique.objects.with_lists().get(pk=technique.pk)
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

"""Writes that touch several models: every change to a technique goes through here,
so the revision history can never be forgotten."""

from django.db import transaction

from accounts.text import storable, strip_control

from .fields import (
    FILE,
    FK,
    LIST,
    M2M,
    SUITABILITY,
    TECHNIQUE_FIELDS,
    TRANSLATIONS,
    technique_to_dict,
)
from .models import Technique, TechniqueRevision
from .translations import clean_translations


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


def assign_fields(technique: Technique, data: dict, vocab: dict) -> None:
    """Set a technique's own fields (not its M2M lists) from an exchange-format dict."""
    for field in TECHNIQUE_FIELDS:
        # The slug is the technique's address: given once, on creation.
        if field.name == "slug" or field.name not in data or field.kind == M2M:
            continue
        value = data[field.name]
        if field.kind == LIST:
            value = list(value)
        elif field.kind == SUITABILITY:
            value = dict(value)
        elif field.kind == TRANSLATIONS:
            value = clean_translations(value)
        elif field.kind == FK:
            value = _one_by_slug(field, value, vocab) if value else None
        elif field.kind == FILE:
            value = value or ""
        setattr(technique, field.name, value)


@transaction.atomic
def techniques_create(entries: list[dict], *, author=None, vocab: dict, kind: str) -> list[str]:
    """Create many new techniques from exchange-format dicts in a fixed number of queries
    (a library file's new entries), each with its first revision, as technique_apply would
    one by one. The entries must be valid (routines.exchange.validate_library)."""
    techniques = []
    for data in entries:
        technique = Technique(slug=data["slug"], author=author)
        assign_fields(technique, data, vocab)
        techniques.append(technique)
    techniques = Technique.objects.bulk_create(techniques)
    for field in TECHNIQUE_FIELDS:
        if field.kind != M2M:
            continue
        through = field.model_field.remote_field.through
        target = field.model_field.m2m_reverse_field_name()
        column = f"{target}_id"
        through.objects.bulk_create(
            through(technique_id=technique.pk, **{column: vocab[field.name][slug].pk})
            for technique, data in zip(techniques, entries, strict=True)
            for slug in data.get(field.name, [])
        )
    created = Technique.objects.with_lists().filter(pk__in=[t.pk for t in techniques])
    TechniqueRevision.objects.bulk_create(
        TechniqueRevision(
            technique=technique,
            author=author,
            kind=kind,
            changes=diff({}, snapshot := technique_to_dict(technique)),
            snapshot=snapshot,
        )
        for technique in created
    )
    return [t.slug for t in techniques]


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
    # What was typed reaches text and JSON columns: nothing PostgreSQL refuses (the forms
    # refuse control characters first; this is the last defence, for every caller).
    data, comment = storable(data), strip_control(comment)
    creating = technique is None
    before = {} if creating else technique_to_dict(technique)
    if creating:
        technique = Technique(slug=data["slug"])
    if vocab is None:
        vocab = {}
    assign_fields(technique, data, vocab)
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

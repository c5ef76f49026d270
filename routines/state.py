"""The library's state, as one number that changes whenever the library does.

The number is drawn at random on each change rather than counted up, so it never names two
different libraries: not after a rolled-back transaction, nor after a database is restored
from a backup while the cache still holds entries made from later data.

`library_version()` costs one primary-key query. `bump()` runs, through signals connected
in RoutinesConfig.ready, on every save or delete of a library model and on every change to
their many-to-many links, inside the writer's transaction: a rolled-back edit leaves the
version as it was. Code that writes the library with `QuerySet.update()` or `bulk_create`
(no signals) calls `bump()` itself.

Anything derived from the library (the checks' catalogue and region graph, a technique's
page, the library cards) is cached under a key that holds this version (routines/caching.py),
so every process sees a change at once, whatever its cache, and nothing waits for an expiry.
"""

import secrets

from django.db import IntegrityError, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import (
    Action,
    Equipment,
    LibraryState,
    Progression,
    Region,
    SearchSynonym,
    Technique,
)

STATE_PK = 1
LIBRARY_MODELS = (Technique, Region, Equipment, Action, Progression, SearchSynonym)
LIBRARY_LINKS = (
    Technique.regions.through,
    Technique.actions.through,
    Technique.equipment.through,
    Region.neighbours.through,
)


def library_version() -> int:
    version = LibraryState.objects.filter(pk=STATE_PK).values_list("version", flat=True).first()
    return version or 0


def new_version() -> int:
    return secrets.randbits(62) + 1


def bump() -> None:
    """Move the library to a new version (creating the row on first use or after a flush)."""
    if LibraryState.objects.filter(pk=STATE_PK).update(version=new_version()):
        return
    try:
        with transaction.atomic():
            LibraryState.objects.create(pk=STATE_PK, version=new_version())
    except IntegrityError:  # created meanwhile by another writer
        LibraryState.objects.filter(pk=STATE_PK).update(version=new_version())


def _on_save(sender, **kwargs):
    bump()


def _on_delete(sender, **kwargs):
    bump()


def _on_link(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        bump()


def connect() -> None:
    for model in LIBRARY_MODELS:
        post_save.connect(_on_save, sender=model, dispatch_uid=f"library-state-save-{model}")
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"library-state-del-{model}")
    for link in LIBRARY_LINKS:
        m2m_changed.connect(_on_link, sender=link, dispatch_uid=f"library-state-link-{link}")

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
from contextlib import contextmanager
from contextvars import ContextVar

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


# Inside bumps_deferred(): whether the library changed meanwhile (a one-item list).
_deferred: ContextVar[list | None] = ContextVar("library_bumps_deferred", default=None)


@contextmanager
def bumps_deferred():
    """For a writer that changes many library rows at once (load_library): each change
    only notes that the state must move, and it moves once, on leaving, still inside the
    writer's transaction. Writes made with bulk_create or update() call changed()."""
    pending = [False]
    token = _deferred.set(pending)
    try:
        yield
    finally:
        _deferred.reset(token)
    if pending[0]:
        bump()


def changed() -> None:
    """The library changed: move its state now, or once at the end of bumps_deferred()."""
    pending = _deferred.get()
    if pending is None:
        bump()
    else:
        pending[0] = True


def _on_save(sender, **kwargs):
    changed()


def _on_delete(sender, **kwargs):
    changed()


def _on_link(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        changed()


def connect() -> None:
    for model in LIBRARY_MODELS:
        post_save.connect(_on_save, sender=model, dispatch_uid=f"library-state-save-{model}")
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"library-state-del-{model}")
    for link in LIBRARY_LINKS:
        m2m_changed.connect(_on_link, sender=link, dispatch_uid=f"library-state-link-{link}")

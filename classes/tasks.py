"""Background work of the classes app: a published version's PDFs, rendered after publishing
so that the first teacher to ask finds them stored.

Publishing enqueues one `render_version_pdfs` task per paper size once its transaction has
committed (`enqueue_version_pdfs`). A task claims the version with an atomic UPDATE of
`PlanVersion.pdf_rendering_since`; while a fresh claim stands, another task for the same
version does nothing. The claim holder renders every paper size still missing, its own
first, so two tasks for one version never render the same file twice.

A failed render is logged and retried, up to MAX_ATTEMPTS in all. On the database backend
the next attempt is enqueued, to run CLAIM_TIMEOUT later, as soon as a task has claimed the
version: it also covers a task that is lost with its worker (killed mid-render), whose
claim has gone stale by then, and does nothing if the PDFs were stored. On the immediate
backend (development, tests) a failed attempt is retried at once. The PDF view renders on
demand whatever happened here (classes.pdf.version_pdf).
"""

import logging
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from routines.pdf_budget import MAX_TEXT, text_size

from .models import PlanVersion
from .pdf import PAPER_SIZES, stored_pdf, version_pdf

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
# A render of a 40-step plan takes about a second: a claim this old belongs to a lost task.
CLAIM_TIMEOUT = timedelta(minutes=2)


def enqueue_version_pdfs(version_id: int) -> None:
    """Queue the rendering of a published version's PDFs, one task per paper size. Never
    raises: publishing must not fail because the queue did (the view renders on demand)."""
    for paper in PAPER_SIZES:
        try:
            render_version_pdfs.enqueue(version_id, paper)
        except Exception:
            logger.exception("Could not enqueue the %s PDF of plan version %s", paper, version_id)


def _enqueue_attempt(version_id: int, paper: str, attempt: int, delay: timedelta | None) -> None:
    job = render_version_pdfs
    if delay is not None:
        job = job.using(run_after=timezone.now() + delay)
    try:
        job.enqueue(version_id, paper, attempt)
    except Exception:
        logger.exception("Could not enqueue attempt %s for plan version %s", attempt, version_id)


def claim(version_id: int) -> datetime | None:
    """Mark the version as being rendered, unless a fresh claim stands: the claim's time, or
    None. One UPDATE, so of two tasks racing for the version exactly one gets it."""
    now = timezone.now()
    free = Q(pdf_rendering_since__isnull=True) | Q(pdf_rendering_since__lt=now - CLAIM_TIMEOUT)
    claimed = PlanVersion.objects.filter(free, pk=version_id).update(pdf_rendering_since=now)
    return now if claimed else None


def release(version_id: int, since: datetime) -> None:
    """Drop this task's claim (not one a later task took over after it went stale)."""
    PlanVersion.objects.filter(pk=version_id, pdf_rendering_since=since).update(
        pdf_rendering_since=None
    )


@task()
def render_version_pdfs(version_id: int, paper: str, attempt: int = 1) -> str:
    """Store the version's PDFs that are missing, `paper` first. Returns what it did:
    "stored" (nothing was missing), "busy" (another task holds the claim), "gone" (no such
    version, or its plan was deleted), "too long" (over the PDF budget), or "rendered"."""
    version = PlanVersion.objects.select_related("plan__owner").filter(pk=version_id).first()
    if version is None or version.plan is None:
        return "gone"
    papers = [paper, *(other for other in PAPER_SIZES if other != paper)]
    missing = [size for size in papers if size in PAPER_SIZES and not stored_pdf(version, size)]
    if not missing:
        return "stored"
    size = text_size(version.snapshot)
    if size > MAX_TEXT:  # never rendered, here or in a request (routines/pdf_budget.py)
        logger.warning(
            "Plan version %s is too long for a PDF (%s characters of text)", version_id, size
        )
        return "too long"
    since = claim(version_id)
    if since is None:
        return "busy"
    deferred = render_version_pdfs.get_backend().supports_defer
    if deferred and attempt < MAX_ATTEMPTS:
        # Should this attempt fail, or be lost with its worker, the next one takes over.
        _enqueue_attempt(version_id, paper, attempt + 1, delay=CLAIM_TIMEOUT)
    try:
        for size in missing:
            version_pdf(version, size)
    except Exception:
        logger.exception(
            "Rendering the PDFs of plan version %s failed (attempt %s of %s)",
            version_id,
            attempt,
            MAX_ATTEMPTS,
        )
        release(version_id, since)
        if not deferred and attempt < MAX_ATTEMPTS:
            _enqueue_attempt(version_id, paper, attempt + 1, delay=None)
        raise  # the task is marked failed in the task results
    release(version_id, since)
    return "rendered"

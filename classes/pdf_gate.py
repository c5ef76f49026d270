"""Whether a request may have a plan version's PDF now (routines/pdf_budget.py).

A stored PDF is always served. One that is not stored yet is rendered in the request only
when its text is within the inline budget; a longer one is queued for the task worker and
the teacher is sent back to the plan with a message; one over the whole budget is never
made, and the message says why."""

import logging

from django.contrib import messages
from django.shortcuts import redirect

from routines.pdf_budget import (
    INLINE_TEXT,
    MAX_TEXT,
    being_made_message,
    text_size,
    too_long_message,
)

from .pdf import stored_pdf
from .tasks import enqueue_version_pdfs

logger = logging.getLogger(__name__)


def pdf_refusal(request, plan, version, paper: str):
    """None when the PDF may be answered now; else a redirect to a page that shows the
    message saying why there is no PDF (yet)."""
    if stored_pdf(version, paper):
        return None
    size = text_size(version.snapshot)
    if size <= INLINE_TEXT:
        return None
    if size > MAX_TEXT:
        messages.error(request, too_long_message(size))
    else:
        enqueue_version_pdfs(version.pk)
        messages.info(request, being_made_message())
    # Where messages show: the builder for its owner (and curators), else the plan list.
    return redirect(
        plan if plan.owner_id == request.user.pk or request.user.is_curator else "classes:plan-list"
    )

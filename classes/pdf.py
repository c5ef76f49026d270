"""Stored PDFs of published plans: rendered once per version and paper size, and kept.

Publishing renders them in the background (classes/tasks.py); the PDF view renders one on
demand when it is not stored yet."""

import logging

from django.core.files.base import ContentFile
from django.utils import translation
from django.utils.translation import gettext as _

from routines import printing
from routines.printing import PAPER_SIZES, local_path, make_fetcher, print_context

__all__ = [
    "PAPER_SIZES",
    "StorageUnavailable",
    "local_path",
    "open_stored",
    "render_pdf",
    "stored_pdf",
    "version_pdf",
    "version_pdf_context",
    "warm_up",
]

logger = logging.getLogger(__name__)


# A last page filled to less than this share of its height is an orphan page: a few lines
# that ran over from the page before.
ORPHAN_FILL = 0.3
# Layouts tried in turn until the last page is no orphan (plan-print.css): the plan as
# designed; a little tighter, which often pulls a short overflow back; and tighter with
# the cautions starting a page of their own, so the last page holds the whole list.
PDF_LAYOUTS = ("", "pdf-compact", "pdf-compact pdf-cautions-page")


def render_pdf(context: dict) -> bytes:
    """The print page as a PDF without an orphan last page. Each layout of PDF_LAYOUTS is
    laid out (not written) in turn; the first whose last page is filled to ORPHAN_FILL,
    or that is a single page, is written. If none is, the one with the fullest last page."""
    from weasyprint import HTML  # heavy: see routines.printing.make_fetcher

    best = None
    for layout in PDF_LAYOUTS:
        html = printing.render_to_string(
            printing.TEMPLATE, {**context, "for_pdf": True, "pdf_layout": layout}
        )
        document = HTML(string=html, base_url="static:/", url_fetcher=make_fetcher()).render()
        fill = last_page_fill(document)
        if len(document.pages) == 1 or fill >= ORPHAN_FILL:
            return document.write_pdf()
        if best is None or fill > best[0]:
            best = (fill, document)
    return best[1].write_pdf()


def last_page_fill(document) -> float:
    """How far down its content area the last page of a laid-out WeasyPrint document is
    filled, from 0 to 1: the bottom of its lowest line or picture. The page's margin
    boxes (the page number) do not count."""
    from weasyprint.formatting_structure import boxes

    page = document.pages[-1]._page_box
    top, height = page.content_box_y(), page.height
    bottom = top
    for child in page.children:
        if isinstance(child, boxes.MarginBox):
            continue
        for box in child.descendants():
            if isinstance(box, (boxes.LineBox, boxes.ReplacedBox)):
                bottom = max(bottom, box.position_y + box.margin_height())
    return max(0.0, min(1.0, (bottom - top) / height)) if height else 1.0


class StorageUnavailable(Exception):
    """The media storage did not answer (object storage down or refusing, a full disk)."""


def stored_pdf(version, paper: str):
    """The version's stored PDF field for this paper size, or None if the file is missing.
    Raises StorageUnavailable when the storage cannot say."""
    field = version.pdf if paper == "a4" else version.pdf_letter
    if not field:
        return None
    try:
        return field if field.storage.exists(field.name) else None
    except Exception as error:
        raise StorageUnavailable(str(error)) from error


def open_stored(field):
    """A stored PDF opened for sending; StorageUnavailable when the storage does not answer."""
    try:
        return field.open("rb")
    except Exception as error:
        raise StorageUnavailable(str(error)) from error


def version_pdf(version, paper: str, context=None):
    """The stored PDF of a published version, rendered on first request and kept.

    If the stored file has gone (media lost or not shared between hosts), it is made again.
    `context` is the print context, or a function returning it: called only to render, so
    a stored PDF is served without drawing a body map (default: `version_pdf_context`)."""
    field = version.pdf if paper == "a4" else version.pdf_letter
    if stored_pdf(version, paper):
        return field, False
    # In the plan's language (or its owner's), whoever asks and whenever it is rendered.
    with translation.override(version.plan.print_language()):
        if context is None:
            context = version_pdf_context(version, paper)
        elif callable(context):
            context = context()
        content = render_pdf({**context, "paper": paper})
    try:
        field.save(
            f"plan-{version.plan_id or 'x'}-v{version.number}-{paper}.pdf",
            ContentFile(content),
            save=False,
        )
    except Exception as error:
        raise StorageUnavailable(str(error)) from error
    # Only this paper's field: the other one, or the render claim, may have been written by
    # another process since this instance was loaded.
    version.save(update_fields=[field.field.name])
    return field, True


def version_pdf_context(version, paper: str) -> dict:
    """What the teacher's PDF view prints for a published version, built without a request
    (the background render): the same sections, label and paper."""
    return print_context(
        version.snapshot,
        label=_("Version %(n)s") % {"n": version.number},
        version=version,
        plan=version.plan,
        teacher_view=True,
        paper=paper,
    )


WARM_UP_HTML = """<!doctype html><html><head>
<link rel="stylesheet" href="static:css/plan-print.css"></head>
<body class="plan-print"><h1>Rollcall</h1><p>Warm-up — <b>bold</b> <i>italic</i></p>
</body></html>"""


def warm_up() -> None:
    """Import WeasyPrint and load the print stylesheet's fonts by making a tiny PDF, so the
    first PDF a gunicorn worker serves does not pay for them (config/gunicorn.py).
    Never raises: a worker that could not warm up still serves, and pays on first use."""
    try:
        from weasyprint import HTML  # the import this warms up

        HTML(string=WARM_UP_HTML, base_url="static:/", url_fetcher=make_fetcher()).write_pdf()
    except Exception:
        logger.exception("Warming up WeasyPrint failed; the first PDF will load it.")

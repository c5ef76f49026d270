"""Stored PDFs of published plans: rendered once per version and paper size, and kept."""

from django.core.files.base import ContentFile

from routines.printing import PAPER_SIZES, local_path, render_pdf

__all__ = ["PAPER_SIZES", "local_path", "render_pdf", "version_pdf"]


def version_pdf(version, paper: str, context: dict):
    """The stored PDF of a published version, rendered on first request and kept.

    If the stored file has gone (media lost or not shared between hosts), it is made again."""
    field = version.pdf if paper == "a4" else version.pdf_letter
    if field and field.storage.exists(field.name):
        return field, False
    content = render_pdf({**context, "paper": paper})
    field.save(
        f"plan-{version.plan_id or 'x'}-v{version.number}-{paper}.pdf",
        ContentFile(content),
        save=True,
    )
    return field, True

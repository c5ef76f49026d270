"""PDFs of published plans, made by WeasyPrint from the print page's own template."""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.base import ContentFile
from django.template.loader import render_to_string

PAPER_SIZES = ("a4", "letter")


def _static_path(name: str) -> str | None:
    try:
        path = staticfiles_storage.path(name)
        if Path(path).exists():
            return path
    except (NotImplementedError, ValueError):
        pass
    return finders.find(name)


def local_path(url: str) -> Path | None:
    """The file behind a `static:` or `media:` URL of the print template, if any."""
    if url.startswith("static:"):
        found = _static_path(url.removeprefix("static:").lstrip("/"))
        return Path(found) if found else None
    if url.startswith("media:"):
        media_root = Path(settings.MEDIA_ROOT).resolve()
        path = (media_root / url.removeprefix("media:").lstrip("/")).resolve()
        return path if path.is_file() and media_root in path.parents else None
    return None


def make_fetcher():
    """A WeasyPrint fetcher that reads stylesheets and images from disk and nothing else:
    no request leaves the server while a PDF is made."""
    from weasyprint.urls import URLFetcher

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = local_path(url)
            if path is None:
                raise ValueError(f"Not fetched while making a PDF: {url}")
            return super().fetch(path.as_uri(), headers)

    return LocalFetcher(allowed_protocols={"file"})


def render_pdf(context: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string("classes/plan_print.html", {**context, "for_pdf": True})
    return HTML(string=html, base_url="static:/", url_fetcher=make_fetcher()).write_pdf()


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

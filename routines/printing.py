"""The print page and its PDF, for anything that is a routine: a class plan, a shared
plan, a class handout or a student's home routine. One context builder, so every caller
gets the same sections, cautions included; one PDF maker, reading local files only."""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string

from .check_data import plan_body_map, steps_from_snapshot
from .checks import cautions
from .snapshots import localize_snapshot

PAPER_SIZES = ("a4", "letter")
TEMPLATE = "classes/plan_print.html"


def print_context(
    snapshot: dict,
    *,
    label: str,
    version=None,
    plan=None,
    teacher_view: bool = False,
    paper: str = "a4",
    reminders=(),
    findings=None,
    body_map=None,
) -> dict:
    """What the print page shows. The cautions and contraindications always come from
    the steps themselves, whoever prints: a teacher, a share link or a student."""
    # In the active language (the plan's, for a plan: the callers choose it).
    snapshot = localize_snapshot(snapshot)
    snapshot = {**snapshot, "cautions": cautions(steps_from_snapshot(snapshot))}
    return {
        "snapshot": snapshot,
        "version": version,
        "plan": plan,
        "version_label": label,
        "teacher_view": teacher_view,
        "paper": paper if paper in PAPER_SIZES else "a4",
        "reminders": list(reminders),
        "findings": findings,
        "body_map": body_map if body_map is not None else plan_body_map(snapshot),
    }


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


def media_name(url: str) -> str | None:
    """The storage name behind a media address: under MEDIA_URL (files on the app server's
    disk) or MEDIA_PUBLIC_URL (object storage's public address, see settings)."""
    for base in (settings.MEDIA_URL, getattr(settings, "MEDIA_PUBLIC_URL", "")):
        if base and url.startswith(base):
            return url.removeprefix(base).split("?", 1)[0]
    return None


def _stored_media(url: str):
    """A `media:` file read from the media storage when it is not on this server's disk
    (object storage): the storage is this server's own service, not a fetch from the web."""
    import mimetypes

    from django.core.files.storage import default_storage
    from weasyprint.urls import URLFetcherResponse

    name = url.removeprefix("media:").lstrip("/")
    if not name or ".." in name.split("/") or not default_storage.exists(name):
        raise ValueError(f"Not fetched while making a PDF: {url}")
    with default_storage.open(name, "rb") as stored:
        body = stored.read()
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return URLFetcherResponse(url, body=body, headers={"Content-Type": kind})


def make_fetcher():
    """A WeasyPrint fetcher that reads stylesheets and images from disk and nothing else:
    no request leaves the server while a PDF is made."""
    # WeasyPrint takes a third of a second to import: only the PDF views pay for it.
    from weasyprint.urls import URLFetcher

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = local_path(url)
            if path is None and url.startswith("media:"):
                return _stored_media(url)
            if path is None:
                raise ValueError(f"Not fetched while making a PDF: {url}")
            return super().fetch(path.as_uri(), headers)

    return LocalFetcher(allowed_protocols={"file"})


def render_pdf(context: dict) -> bytes:
    from weasyprint import HTML  # heavy: see make_fetcher

    html = render_to_string(TEMPLATE, {**context, "for_pdf": True})
    return HTML(string=html, base_url="static:/", url_fetcher=make_fetcher()).write_pdf()

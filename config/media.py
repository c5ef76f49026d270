"""Uploaded media served by the app itself, with DEBUG on or off (`make serve`).

Only what is meant to be public is served: the technique photos under `techniques/`,
which the library shows to anyone. Everything else in the media storage (the stored PDFs
of published plans under `plans/pdf/`) is a 404 here and reaches its reader only through
its own view, which checks who is asking. Files are read through `default_storage`, so the
view works unchanged on any storage; a storage that serves its own URLs (S3 through
django-storages, with an absolute MEDIA_URL) simply never routes here.

Stored photos never change under their name (each upload gets a new one and none is
overwritten: routines/curation.py), so browsers may keep them for a year.
"""

import posixpath

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

# Folders of the media storage that anyone may read, and the types served from them: an
# image only, never HTML or SVG (which could carry script) under this site's origin.
PUBLIC_FOLDERS = ("techniques/",)
CONTENT_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
}
CACHE_CONTROL = "public, max-age=31536000, immutable"


def public_name(path: str) -> str | None:
    """The storage name for a requested path, or None when it may not be served: a path
    that climbs out (`..`), is absolute, names a folder, or lies outside PUBLIC_FOLDERS."""
    if not path or "\\" in path or "\x00" in path or path.endswith("/"):
        return None
    name = posixpath.normpath(path)
    if name != path or name.startswith(("/", "../")) or name == "..":
        return None
    if not name.startswith(PUBLIC_FOLDERS):
        return None
    return name


@require_safe
def media(request, path):
    name = public_name(path)
    content_type = CONTENT_TYPES.get(posixpath.splitext(name or "")[1].lower())
    if name is None or content_type is None:
        raise Http404
    try:
        handle = default_storage.open(name, "rb")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, SuspiciousFileOperation):
        raise Http404 from None
    response = FileResponse(handle, content_type=content_type)
    # FileResponse would guess again from the name; what is sent is what was checked.
    response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = CACHE_CONTROL
    response["Content-Disposition"] = "inline"
    return response

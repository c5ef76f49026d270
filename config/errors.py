"""Answers for requests the app refuses before any view runs: a body over the limits.

Django refuses a POST with more than DATA_UPLOAD_MAX_NUMBER_FIELDS fields, more than
DATA_UPLOAD_MAX_NUMBER_FILES files, or more than DATA_UPLOAD_MAX_MEMORY_SIZE bytes of
fields by raising RequestDataTooBig / TooManyFieldsSent / TooManyFilesSent when the body is
read, which it answers as a bare 400. `bad_request` (the project's handler400) answers those
with 413 and a page that says what happened. `RequestBodyLimitMiddleware` refuses a body
declared larger than REQUEST_MAX_BYTES before anything reads it, so an oversized upload is
neither spooled to disk nor parsed; a smaller one it parses, so that Django's limits are a
413 whatever middleware or view reads the form first, and a malformed one a 400.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http.multipartparser import MultiPartParserError
from django.http.request import UnreadablePostError
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.views import defaults

TOO_LARGE = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)
BODY_METHODS = {"POST", "PUT", "PATCH"}
FORM_TYPES = {"multipart/form-data", "application/x-www-form-urlencoded"}


def too_large(request, *, size: int | None = None):
    return render(
        request,
        "413.html",
        {
            "size": filesizeformat(size) if size else "",
            "limit": filesizeformat(settings.REQUEST_MAX_BYTES),
        },
        status=413,
    )


def bad_request(request, exception, template_name=defaults.ERROR_400_TEMPLATE_NAME):
    if isinstance(exception, TOO_LARGE):
        return too_large(request)
    return defaults.bad_request(request, exception, template_name)


class RequestBodyLimitMiddleware:
    """413 for a request whose Content-Length is over REQUEST_MAX_BYTES, unread."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_MAX_BYTES:
            return too_large(request, size=length)
        if request.method in BODY_METHODS and request.content_type in FORM_TYPES:
            # Parsed here, once (Django keeps it), so that a body over Django's limits is
            # answered 413 whoever reads it first: code that reads request.POST and carries
            # on after a refusal would otherwise find it empty. A malformed body is a 400.
            try:
                request.POST  # noqa: B018
            except TOO_LARGE:
                return too_large(request)
            except (MultiPartParserError, UnreadablePostError) as error:
                return defaults.bad_request(request, error)
        return self.get_response(request)

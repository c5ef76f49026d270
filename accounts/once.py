"""A double click sends a form twice: each create form carries a one-time token, and of
two posts carrying the same token to the same address only the first one acts.

A form asks for a token with `{% once_token %}` (accounts/templatetags/once.py): a fresh
one each time the page is drawn, so that a form shown again (with its errors, or after a
save) has a new one. `OnceMiddleware` (accounts/once_middleware.py) claims the token
before the view runs, by inserting its row in `FormSubmission` (a unique key: of two
racing inserts, one fails), and records how the view answered:

- refused (4xx) or failed (5xx): the claim is dropped, since nothing was changed, and the
  same form may be sent again;
- a redirect (a save, then the page to see it): the second post is sent to the same page,
  with a message that the form was sent twice and acted on once;
- a page (2xx): the second post gets a page saying so, with a link back.

A second post that arrives while the first is still being answered gets a 409 page
asking to wait and reload. A post without a token (or with something else in its place)
is left alone. Cached fragments hold a placeholder for the token, filled per request like
their CSRF token (routines/caching.py).

The practice log is the other way to the same end: its form's key is stored on the log
itself (students.models.PracticeLog.submission, unique).
"""

import hashlib
import re
import uuid

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http.multipartparser import MultiPartParserError
from django.http.request import UnreadablePostError

FIELD = "once_token"
# What `{% once_token %}` writes inside a cached fragment; replaced per request.
PLACEHOLDER = "rollcall-once-placeholder-3e9c7a"
TOKEN = re.compile(r"[0-9a-f]{32}")


def new_token() -> str:
    return uuid.uuid4().hex


def fill(html: str) -> str:
    """A cached fragment's token placeholders, each form given a fresh token."""
    while PLACEHOLDER in html:
        html = html.replace(PLACEHOLDER, new_token(), 1)
    return html


def posted_token(request) -> str | None:
    """The form's token, if the post carries a well-formed one. A body the view would
    refuse anyway (too big, unreadable) is left for the view to refuse."""
    try:
        value = request.POST.get(FIELD)
    except (SuspiciousOperation, RequestDataTooBig, MultiPartParserError, UnreadablePostError):
        return None
    if isinstance(value, str) and TOKEN.fullmatch(value):
        return value
    return None


def claim_key(token: str, path: str) -> str:
    return hashlib.blake2b(f"{token}\n{path}".encode(), digest_size=32).hexdigest()

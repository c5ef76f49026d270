"""Secrets that travel in URLs, kept out of logs.

Invitation, password-reset, email-verification, join-confirmation, reminder opt-out, share
and calendar-feed links carry their secret in the path. Whoever reads the logs must not be
able to use them, so the secret is replaced by "…" in every log line: Django's (a filter on
the stdout handler, see LOGGING in settings) and gunicorn's access log, whose request line
and Referer (a page opened from such a link sends it with every asset) would hold it
(config/gunicorn.py).
"""

import logging
import re

# The path prefix, then the secret: the segment after it (for a reset link, the one after
# the user's id). The pages that follow a secret ("sent", "done", "set-password") are kept.
SECRET_IN_PATH = re.compile(
    r"(?P<prefix>/(?:invite|reminders/stop|join/confirm|join|share|calendar|accounts/verify"
    r"|accounts/reset(?:/[^/?#\s\"']+(?=/[^/?#\s\"']))?)/)"
    r"(?P<secret>[^/?#\s\"']+?)(?P<end>\.ics)?(?=[/?#\s\"']|$)"
)
NOT_SECRET = {"sent", "done", "set-password"}


def _hide(match: re.Match) -> str:
    if match["secret"] in NOT_SECRET:
        return match[0]
    return f"{match['prefix']}…{match['end'] or ''}"


def redact(text: str) -> str:
    """`text` with the secret of every secret-bearing path in it replaced by "…"."""
    if not text or "/" not in text:
        return text
    return SECRET_IN_PATH.sub(_hide, text)


class RedactSecrets(logging.Filter):
    """A logging filter that rewrites each record's message without URL secrets."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken record is logging's to report, not ours
            return True
        hidden = redact(message)
        if hidden != message:
            record.msg, record.args = hidden, None
        return True

"""The signed opt-out token of the daily reminder emails.

The token names the account by its id (never its email) and is signed with a timestamp: it
works for VALID_DAYS days (a newer reminder email carries a fresh one), then says so.
"""

from datetime import timedelta

from django.core import signing

REMINDER_SALT = "rollcall.reminders"
VALID_DAYS = 60

Expired = signing.SignatureExpired


def reminders_token(user) -> str:
    return signing.dumps(user.pk, salt=REMINDER_SALT)


def user_from_token(token: str):
    """The user id a token was made for. Raises signing.SignatureExpired (a BadSignature)
    for a token older than VALID_DAYS days, signing.BadSignature for a bad one."""
    return signing.loads(token, salt=REMINDER_SALT, max_age=timedelta(days=VALID_DAYS))


def masked_email(email: str) -> str:
    """Enough of an address for its owner to recognise it, not enough to learn it:
    "s•••@example.test"."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}" if domain else "•••"

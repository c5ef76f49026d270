"""The signed opt-out token of the daily reminder emails."""

from django.core import signing

REMINDER_SALT = "rollcall.reminders"


def reminders_token(user) -> str:
    return signing.dumps(user.pk, salt=REMINDER_SALT)


def user_from_token(token: str):
    """The user id a token was made for; raises signing.BadSignature for a bad one."""
    return signing.loads(token, salt=REMINDER_SALT)

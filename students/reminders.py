"""The daily reminder emails (`manage.py send_reminders`, and the demo's French student) and
their signed opt-out token.

A reminder is written in its student's language and time zone (accounts/mail.py). The
token names the account by its id (never its email) and is signed with a timestamp: it
works for VALID_DAYS days (a newer reminder email carries a fresh one), then says so.
"""

from datetime import timedelta

from django.core import signing
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.mail import writing_to
from accounts.models import Role, User

from .homework import is_due, user_today
from .models import Assignment, PracticeLog

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


# --- Sending ----------------------------------------------------------------------------


def recipients():
    """The accounts that get reminders: active students who have not turned them off."""
    return User.objects.filter(role=Role.STUDENT, is_active=True, email_reminders=True)


def due_today(users) -> dict:
    """Each of these users (a queryset) → their routines due today, in their own time zone,
    and not yet logged today. A teacher's students get nothing until the teacher's address
    is verified (sign-up)."""
    assignments = list(
        Assignment.objects.active()
        .filter(student__account__in=users)
        .filter(student__teacher__email_verified=True)
        .select_related("student__account")
    )
    logged = set(
        PracticeLog.objects.filter(assignment__in=assignments).values_list(
            "assignment_id", "practised_on"
        )
    )
    due_by_user = {}
    for assignment in assignments:
        user = assignment.student.account
        today = user_today(user)
        monday = today.toordinal() - today.weekday()
        this_week = sum(
            1 for a_id, day in logged if a_id == assignment.pk and day.toordinal() >= monday
        )
        if (assignment.pk, today) not in logged and is_due(assignment, today, this_week):
            due_by_user.setdefault(user, []).append(assignment)
    return due_by_user


def reminder_send(user, due, *, base: str) -> None:
    """One reminder email, in the student's language (else the site's) and time zone.
    Routine titles are the teacher's, as stored."""
    stop = base + reverse("students:reminders-stop", args=[reminders_token(user)])
    lines = "\n".join(f"- {a.title}: {base}{a.get_absolute_url()}" for a in due)
    with writing_to(user):
        send_mail(
            _("Your practice for today"),
            _("Hello %(name)s,\n\nToday's routine:\n%(lines)s\n\nNo more reminders: %(stop)s\n")
            % {"name": user.get_short_name(), "lines": lines, "stop": stop},
            None,
            [user.email],
        )


def reminders_send(*, base: str, users=None) -> int:
    """Email every student with a routine due today (or only those among `users` who
    still want reminders); returns how many were emailed."""
    chosen = recipients()
    if users is not None:
        chosen = chosen.filter(pk__in=[u.pk for u in users])
    due_by_user = due_today(chosen)
    base = base.rstrip("/")
    for user, due in due_by_user.items():
        reminder_send(user, due, base=base)
    return len(due_by_user)

"""Email verification for accounts made on a sign-up page: a signed, expiring link that
works once, and the emails sign-up sends.

The link carries the account and the address it was made for (and, for a student who signed
up through a course's join link, that course), signed with its own salt. It expires after
VALID_DAYS; it is used up once the account is verified; it stops working if the address
changes. Confirming asks for the account's password unless its owner is signed in, so that
a link alone never signs anyone in.
"""

from django.contrib.auth.hashers import make_password
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .mail import writing_to
from .models import User

SALT = "rollcall.verify-email"
VALID_DAYS = 3


class VerificationProblem(Exception):
    """Why a verification link cannot be used; the message is for the person holding it."""


def verification_token(user: User, **extra) -> str:
    return signing.dumps({"u": user.pk, "e": user.email, **extra}, salt=SALT, compress=True)


def read_token(token: str) -> tuple[User, dict]:
    """The account a link was made for and what else it carries, or VerificationProblem."""
    try:
        data = signing.loads(token, salt=SALT, max_age=VALID_DAYS * 24 * 3600)
    except signing.SignatureExpired:
        raise VerificationProblem(
            _("This link has expired. Sign in and ask for a new one.")
        ) from None
    except signing.BadSignature:
        raise VerificationProblem(
            _("This link is not valid. Check that you copied all of it.")
        ) from None
    user = User.objects.filter(pk=data.get("u"), is_active=True).first()
    if user is None or user.email.lower() != str(data.get("e", "")).lower():
        raise VerificationProblem(
            _("This link is not valid any more: the account or its address has changed.")
        )
    if user.email_verified:
        raise VerificationProblem(
            _("This link was already used: your email address is confirmed. Sign in to go on.")
        )
    return user, data


def mark_verified(user: User) -> bool:
    """Verify the account; False if it already was (the link was used meanwhile)."""
    done = User.objects.filter(pk=user.pk, email_verified=False).update(email_verified=True)
    user.email_verified = True
    return bool(done)


def send_verification(user: User, *, url: str, course=None) -> None:
    """Email the link that confirms the address (and, with a course, finishes joining it),
    in the account's language, else the one the sign-up page was shown in."""
    context = {"user": user, "url": url, "days": VALID_DAYS, "course": course}
    with writing_to(user, default=translation.get_language()):
        send_mail(
            _("Confirm your email address for Rollcall"),
            render_to_string("accounts/email/verify.txt", context),
            None,
            [user.email],
        )


def send_signup_notice(
    email: str, *, login_url: str, reset_url: str, course=None, owner: User | None = None
) -> None:
    """Someone signed up with an address that has an account: tell its owner, create nothing.
    Written in the owner's language when `owner` (the account) is given, else in the one the
    sign-up page was shown in."""
    context = {"login_url": login_url, "reset_url": reset_url, "course": course}
    with writing_to(owner, default=translation.get_language()):
        send_mail(
            _("Someone tried to sign up to Rollcall with your address"),
            render_to_string("accounts/email/signup_exists.txt", context),
            None,
            [email],
        )


# --- Sign-up accounts (the teacher's sign-up page and a course's join link) ---------------


def existing_account(email: str, password: str) -> User | None:
    """The account an address already has, if any. Either way the password is hashed once,
    so how long a sign-up takes tells nobody whether the address has an account."""
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        make_password(password)
    return existing


def create_unverified(*, email: str, password: str, name: str, role: str) -> User | None:
    """A new account waiting for its address to be confirmed; None when the same address was
    signed up a moment ago (its link is on its way)."""
    try:
        with transaction.atomic():
            return User.objects.create_user(
                email=email,
                password=password,
                name=name,
                role=role,
                email_verified=False,
                signed_up_at=timezone.now(),
            )
    except IntegrityError:
        return None

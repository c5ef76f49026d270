"""The project's own `check --deploy` checks: production defaults that cannot mislead."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

# Backends that deliver nothing: a production site using one seems to send invitations,
# sign-in and password-reset links while they go to its log (console), to files or nowhere.
UNDELIVERED = {
    "django.core.mail.backends.console.EmailBackend": "written to the log (stdout)",
    "django.core.mail.backends.filebased.EmailBackend": "written to files in EMAIL_FILE_PATH",
    "django.core.mail.backends.locmem.EmailBackend": "kept in memory",
    "django.core.mail.backends.dummy.EmailBackend": "thrown away",
}


@register(Tags.security, deploy=True)
def email_is_delivered(app_configs, **kwargs):
    """With DEBUG off, emails must reach people. The console backend is the development
    default only; production gets SMTP unless EMAIL_BACKEND names another one on purpose,
    and then this check says what happens to the links the emails carry."""
    if settings.DEBUG:
        return []
    fate = UNDELIVERED.get(settings.EMAIL_BACKEND)
    if fate is None:
        return []
    return [
        Warning(
            f"EMAIL_BACKEND is {settings.EMAIL_BACKEND}: no email is delivered, each is "
            f"{fate}, and with it every invitation, sign-in and password-reset link.",
            hint="Unset EMAIL_BACKEND (SMTP) and set EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, "
            "EMAIL_HOST_PASSWORD and EMAIL_USE_TLS for your mail server.",
            id="rollcall.W001",
        )
    ]

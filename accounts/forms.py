import zoneinfo

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm
from django.contrib.auth.password_validation import validate_password
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .forms_base import Form, ModelForm, SafeInputMixin
from .mail import writing_to
from .models import User


class EmailAuthenticationForm(SafeInputMixin, AuthenticationForm):
    """Sign in with an email address (the field keeps Django's name, `username`). "Remember
    me" keeps a teacher's or curator's session through 14 days without use instead of 2
    hours (accounts/security.py)."""

    username = forms.EmailField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "That email and password do not match an account. Check both and try again."
        ),
    }

    remember = forms.BooleanField(
        label=_("Remember me on this device"),
        required=False,
        help_text=_("Stay signed in for up to 14 days without use. Not on a shared computer."),
    )

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class ThrottledPasswordChangeForm(SafeInputMixin, PasswordChangeForm):
    """Django's password change, its old password checked through `authenticate()` so that
    wrong guesses count towards the lock like a sign-in's (accounts/throttle.py)."""

    def __init__(self, user, *args, request=None, **kwargs):
        self.request = request
        super().__init__(user, *args, **kwargs)

    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        checked = authenticate(self.request, username=self.user.email, password=old_password)
        if checked is None or checked.pk != self.user.pk:
            raise forms.ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password


class RecipientPasswordResetForm(SafeInputMixin, PasswordResetForm):
    """Django's password reset, its email written in the account's own language (else the
    one the reset page was shown in) and time zone."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        with writing_to(context["user"], default=translation.get_language()):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


# --- Sign-up ------------------------------------------------------------------------


class SignupForm(Form):
    """A teacher's sign-up: their name (students see it), an email address and a password
    (Django's validators). Whether the address has an account is not a form error: the page
    answers the same either way."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("As your students know you: it shows on invitations and join pages."),
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Enter a whole email address, like name@example.com.")},
    )
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters, not a common password, not only digits."),
    )
    password2 = forms.CharField(
        label=_("The same password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_email(self):
        return User.objects.normalize_email(self.cleaned_data["email"].strip()).lower()

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        if p1:
            candidate = User(email=cleaned.get("email", ""), name=cleaned.get("name", ""))
            try:
                validate_password(p1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class StudentSignupForm(SignupForm):
    """A student's sign-up through a course's join link."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )


class ConfirmEmailForm(Form):
    """Confirming an address by its link, for someone not signed in as that account: the
    account's password, so that the link alone signs nobody in."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, request, user, **kwargs):
        self.request = request
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        # Through the authentication backends, so failures count towards the login lock.
        user = authenticate(self.request, username=self.user.email, password=password)
        if user is None or user.pk != self.user.pk:
            raise forms.ValidationError(
                _("That is not the password of this account. Check it and try again.")
            )
        return password


# --- Settings ---------------------------------------------------------------------


def time_zone_choices():
    """Every named zone, grouped by region ("Europe" → "London"), for the settings page."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for name in sorted(zoneinfo.available_timezones()):
        region, _slash, place = name.partition("/")
        if not place or region in {"Etc", "SystemV", "US", "posix", "right"}:
            continue
        groups.setdefault(region, []).append((name, place.replace("_", " ").replace("/", " – ")))
    return [("", _("The site's (%(zone)s)") % {"zone": settings.TIME_ZONE}), *groups.items()]


class SettingsForm(ModelForm):
    """A person's own settings: the name others see, the language and time zone Rollcall
    speaks and shows times in, and (students) the daily reminder."""

    language = forms.ChoiceField(label=_("Language"), required=False)
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        required=False,
        help_text=_(
            "Dates and times on your pages. A course's sessions keep the course's own time zone."
        ),
    )

    class Meta:
        model = User
        fields = ["name", "language", "time_zone", "email_reminders"]
        labels = {"name": _("Your name")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            ("", _("Your browser's language")),
            *settings.LANGUAGES,
        ]
        self.fields["time_zone"].choices = time_zone_choices()
        if self.instance.role != "student":
            del self.fields["email_reminders"]
        else:
            self.fields["email_reminders"].help_text = _(
                "An email on the days a routine is due and not yet logged."
            )

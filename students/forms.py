from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts import forms_base
from accounts.models import User
from accounts.versioning import VersionedFormMixin
from accounts.widgets import NativeDateInput
from routines.models import Action, Region

from .date_bounds import check, homework_bounds, log_bounds, note_bounds
from .models import Assignment, HealthNote, Student


class StudentForm(VersionedFormMixin, forms_base.ModelForm):
    versioned_noun = _("this roster entry")

    class Meta:
        model = Student
        fields = ["name", "email", "phone", "new_to_ball_work", "goals", "notes"]
        widgets = {
            "goals": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, teacher, **kwargs):
        self.teacher = teacher
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if email:
            clash = (
                Student.objects.for_teacher(self.teacher)
                .filter(email__iexact=email)
                .exclude(pk=self.instance.pk)
            )
            if clash.exists():
                raise forms.ValidationError(
                    _("%(name)s on your roster already has this email.")
                    % {"name": clash.first().name}
                )
        return email


class ConsentForm(forms_base.Form):
    method = forms.ChoiceField(
        label=_("How did the student agree?"), choices=Student.ConsentMethod.choices
    )
    confirm = forms.BooleanField(
        label=_("The student agreed that I keep notes about their health to adapt their classes."),
        required=True,
    )


class HealthNoteForm(VersionedFormMixin, forms_base.ModelForm):
    versioned_noun = _("this health note")

    class Meta:
        model = HealthNote
        fields = [
            "condition",
            "details",
            "affected_regions",
            "avoid_regions",
            "avoid_actions",
            "suitability_condition",
            "severity",
            "until",
        ]
        widgets = {
            "details": forms.Textarea(attrs={"rows": 2}),
            "affected_regions": forms.CheckboxSelectMultiple,
            "avoid_regions": forms.CheckboxSelectMultiple,
            "avoid_actions": forms.CheckboxSelectMultiple,
            "until": NativeDateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        regions = Region.objects.all()
        self.fields["affected_regions"].queryset = regions
        self.fields["avoid_regions"].queryset = regions
        self.fields["avoid_actions"].queryset = Action.objects.all()
        self.until_bounds = note_bounds()
        self.until_bounds.apply_to(self.fields["until"], keep=self.saved_until)

    @property
    def saved_until(self):
        return self.instance.until if self.instance.pk else None

    def clean_until(self):
        return check(self.cleaned_data.get("until"), self.until_bounds, unchanged=self.saved_until)

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("avoid_regions")
            and not cleaned.get("avoid_actions")
            and not cleaned.get("suitability_condition")
            and not cleaned.get("details")
        ):
            self.add_error(
                None,
                _(
                    "Say what to avoid (regions, actions or a condition the library rates "
                    "techniques for), or describe it in the details."
                ),
            )
        until = cleaned.get("until")
        if until and until < timezone.localdate() and not self.instance.pk:
            self.add_error("until", _("This date has passed: a new note should still apply."))
        return cleaned


class AcceptInvitationForm(forms_base.Form):
    name = forms.CharField(label=_("Your name"), max_length=150)
    password1 = forms.CharField(
        label=_("Choose a password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("The same password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        if p1:
            try:
                validate_password(p1, User(email=self.email, name=cleaned.get("name", "")))
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class AssignmentForm(VersionedFormMixin, forms_base.Form):
    """How often a home routine is practised, from and until when, and the teacher's
    message: for a new assignment (with a routine chosen above this layer) and for
    changing one (its routine stays as frozen; pass it as `versioned=`)."""

    versioned_noun = _("this home routine")

    frequency = forms.ChoiceField(
        label=_("How often"), initial="nightly", choices=Assignment.Frequency.choices
    )
    times_per_week = forms.IntegerField(
        label=_("Times a week"), min_value=1, max_value=7, required=False
    )
    weekdays = forms.MultipleChoiceField(
        label=_("On these days"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        # Django's own weekday names (the dates' translations), capitalised as labels.
        choices=[(str(day), capfirst(name)) for day, name in WEEKDAYS.items()],
    )
    starts_on = forms.DateField(label=_("From"), widget=NativeDateInput())
    ends_on = forms.DateField(label=_("Until"), required=False, widget=NativeDateInput())
    message = forms.CharField(
        label=_("Message to the student"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, teacher=None, **kwargs):
        self.teacher = teacher
        super().__init__(*args, **kwargs)
        self.fields["starts_on"].initial = timezone.localdate()
        if self.versioned is not None and not self.is_bound:
            self.initial = {**self.versioned_initial(self.versioned), **self.initial}
        self.bounds = homework_bounds()
        for name in ("starts_on", "ends_on"):
            self.bounds.apply_to(self.fields[name], keep=self.saved(name))

    def saved(self, name):
        """The stored date of the assignment being changed, if any."""
        return getattr(self.versioned, name, None) if self.versioned is not None else None

    def clean_starts_on(self):
        day = self.cleaned_data.get("starts_on")
        return check(day, self.bounds, unchanged=self.saved("starts_on"))

    def clean_ends_on(self):
        day = self.cleaned_data.get("ends_on")
        return check(day, self.bounds, unchanged=self.saved("ends_on"))

    def clean(self):
        cleaned = super().clean()
        frequency = cleaned.get("frequency")
        if frequency == "per-week" and not cleaned.get("times_per_week"):
            self.add_error("times_per_week", _("Say how many times a week (1 to 7)."))
        if frequency == "weekdays" and not cleaned.get("weekdays"):
            self.add_error("weekdays", _("Choose at least one day."))
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end comes before the start."))
        return cleaned

    def versioned_initial(self, assignment) -> dict:
        """The form's values for an assignment, as its edit page starts them."""
        return {
            "frequency": assignment.frequency,
            "times_per_week": assignment.times_per_week,
            "weekdays": [str(d) for d in assignment.weekdays],
            "starts_on": assignment.starts_on,
            "ends_on": assignment.ends_on,
            "message": assignment.message,
        }

    def assignment_fields(self) -> dict:
        c = self.cleaned_data
        return {
            "frequency": c["frequency"],
            "times_per_week": c.get("times_per_week") if c["frequency"] == "per-week" else None,
            "weekdays": [int(d) for d in c.get("weekdays", [])]
            if c["frequency"] == "weekdays"
            else [],
            "starts_on": c["starts_on"],
            "ends_on": c.get("ends_on"),
            "message": c.get("message", ""),
        }


# The 0–10 scale, as large radio buttons (templates/students/_tension_scale.html).
TENSION_CHOICES = [(n, str(n)) for n in range(11)]


def tension_field(label, *, required=True):
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=10,
        required=required,
        widget=forms.RadioSelect(choices=TENSION_CHOICES),
    )


class PracticeLogForm(forms_base.Form):
    submission = forms.UUIDField(widget=forms.HiddenInput)
    practised_on = forms.DateField(label=_("Date"), widget=NativeDateInput())
    minutes = forms.IntegerField(
        label=_("Minutes"),
        min_value=0,
        max_value=600,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    tension_before = tension_field(_("Tension before (0 = none, 10 = worst)"))
    tension_after = tension_field(_("Tension after (0–10)"))
    note = forms.CharField(
        label=_("Note"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, today, routine_seconds=0, since=None, **kwargs):
        """`today`: the student's. `routine_seconds`: the routine's length; a log may say up
        to twice as long. `since`: the day the routine was given (or starts, if earlier):
        no practice of it is logged before."""
        self.today = today
        self.routine_seconds = routine_seconds
        super().__init__(*args, **kwargs)
        if routine_seconds:
            self.fields["minutes"].widget.attrs["max"] = self.max_minutes
        self.bounds = log_bounds(today, since=since)
        self.bounds.apply_to(self.fields["practised_on"])

    @property
    def max_minutes(self) -> int:
        return min(600, self.routine_seconds * 2 // 60)

    def clean_practised_on(self):
        day = self.cleaned_data["practised_on"]
        if day > self.today:
            raise forms.ValidationError(
                _("That date is in the future: log a practice once it is done.")
            )
        if day < self.bounds.earliest:
            raise forms.ValidationError(
                _(
                    "Choose a date from %(earliest)s: not before this routine was given to "
                    "you, nor more than a year ago."
                ),
                code="out_of_range",
                params=self.bounds.params(),
            )
        return day

    def full_clean(self):
        super().full_clean()
        # A field refused says why beside it, and its input points at the message.
        for name in self.errors:
            if name in self.fields and name not in ("tension_before", "tension_after"):
                self.fields[name].widget.attrs["aria-describedby"] = f"id_{name}-error"

    def clean_minutes(self):
        minutes = self.cleaned_data["minutes"]
        if self.routine_seconds and minutes * 60 > self.routine_seconds * 2:
            raise forms.ValidationError(
                _(
                    "That is more than twice the routine's length: at most %(max)d minutes. "
                    "Log a longer practice in two."
                )
                % {"max": self.max_minutes}
            )
        return minutes


class PlayedForm(forms_base.Form):
    """What the player knows when the log opens: the tension the student gave before the
    first step, and the seconds actually played (skipped steps do not count). Read from
    the log page's query (?before=6&played=184) to pre-fill the log; a value out of range
    is ignored. The player's own question renders `before`."""

    before = tension_field(_("How tense do you feel now?"), required=False)
    played = forms.IntegerField(min_value=0, max_value=36000, required=False)


class PasswordConfirmForm(forms_base.Form):
    password = forms.CharField(
        label=_("Your password, to confirm"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, request, **kwargs):
        self.request = request
        self.user = request.user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        """Checked through `authenticate()`, so wrong guesses count towards the same lock as
        a sign-in's (accounts/throttle.py)."""
        password = self.cleaned_data["password"]
        checked = authenticate(self.request, username=self.user.email, password=password)
        if checked is None or checked.pk != self.user.pk:
            raise forms.ValidationError(_("That is not your password."))
        return password

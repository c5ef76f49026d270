from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from routines.models import Action, Region

from .models import HealthNote, Student


class StudentForm(forms.ModelForm):
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


class ConsentForm(forms.Form):
    method = forms.ChoiceField(
        label=_("How did the student agree?"), choices=Student.ConsentMethod.choices
    )
    confirm = forms.BooleanField(
        label=_("The student agreed that I keep notes about their health to adapt their classes."),
        required=True,
    )


class HealthNoteForm(forms.ModelForm):
    class Meta:
        model = HealthNote
        fields = [
            "condition",
            "details",
            "affected_regions",
            "avoid_regions",
            "avoid_actions",
            "severity",
            "until",
        ]
        widgets = {
            "details": forms.Textarea(attrs={"rows": 2}),
            "affected_regions": forms.CheckboxSelectMultiple,
            "avoid_regions": forms.CheckboxSelectMultiple,
            "avoid_actions": forms.CheckboxSelectMultiple,
            "until": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        regions = Region.objects.all()
        self.fields["affected_regions"].queryset = regions
        self.fields["avoid_regions"].queryset = regions
        self.fields["avoid_actions"].queryset = Action.objects.all()

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("avoid_regions")
            and not cleaned.get("avoid_actions")
            and not cleaned.get("details")
        ):
            self.add_error(
                None, _("Say what to avoid (regions or actions), or describe it in the details.")
            )
        until = cleaned.get("until")
        if until and until < timezone.localdate() and not self.instance.pk:
            self.add_error("until", _("This date has passed: a new note should still apply."))
        return cleaned


class AcceptInvitationForm(forms.Form):
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
            from accounts.models import User

            try:
                validate_password(p1, User(email=self.email, name=cleaned.get("name", "")))
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned

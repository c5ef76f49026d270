import datetime
import re

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts import forms_base
from accounts.languages import LANGUAGE_CODES
from accounts.versioning import VersionedFormMixin
from accounts.widgets import NativeDateInput, NativeTimeInput
from routines.check_data import info_of
from routines.models import MAX_STEP_SECONDS, Section, Side, Step, Technique
from students.date_bounds import session_bounds
from students.forms import AssignmentForm
from students.models import Student
from students.safety import roster_info

from .models import Attendance, ClassPlan, Course, PlanVersion
from .services import weekly_dates

DURATION = re.compile(r"^\s*(?:(\d{1,3})\s*:\s*(\d{1,2})|(\d{1,5}))\s*$")


def format_duration(seconds) -> str:
    if seconds in (None, ""):
        return ""
    try:
        seconds = int(seconds)
    except (TypeError, ValueError):
        return str(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"


class DurationInput(forms.TextInput):
    input_type = "text"

    def format_value(self, value):
        return format_duration(value) if isinstance(value, int) else value


class DurationField(forms.Field):
    """A step's length, typed as seconds ("90") or minutes and seconds ("1:30")."""

    widget = DurationInput(attrs={"inputmode": "numeric", "size": 5, "autocomplete": "off"})
    default_error_messages = {
        "invalid": _("Type the time as seconds (90) or minutes:seconds (1:30)."),
        "too_short": _("A step lasts at least 5 seconds."),
        "too_long": _("A step lasts at most 30 minutes (30:00)."),
    }

    def to_python(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, int):
            return value
        match = DURATION.match(str(value))
        if not match:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        minutes, seconds, plain = match.groups()
        if plain is not None:
            return int(plain)
        if int(seconds) >= 60:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return int(minutes) * 60 + int(seconds)

    def validate(self, value):
        super().validate(value)
        if value is not None and value < 5:
            raise forms.ValidationError(self.error_messages["too_short"], code="too_short")
        if value is not None and value > MAX_STEP_SECONDS:
            raise forms.ValidationError(self.error_messages["too_long"], code="too_long")


class PlanForm(forms_base.ModelForm):
    transition_seconds = forms.IntegerField(
        label=_("Transition between steps (seconds)"), min_value=0, max_value=300, initial=15
    )

    class Meta:
        model = ClassPlan
        fields = [
            "title",
            "focus",
            "level",
            "purpose",
            "target_minutes",
            "notes",
            "check_course",
            "language",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "check_course": _(
                "The plan checks look at this course's roster: health notes, newcomers."
            )
        }

    def __init__(self, *args, owner=None, **kwargs):
        super().__init__(*args, **kwargs)
        owner = owner or self.instance.owner
        self.fields["check_course"].queryset = (
            Course.objects.filter(teacher=owner) if owner else Course.objects.none()
        )
        if self.instance.pk:
            self.fields["transition_seconds"].initial = self.instance.routine.transition_seconds
        else:  # a new plan prints in the language its teacher is using
            current = translation.get_language() or ""
            self.fields["language"].initial = current if current in LANGUAGE_CODES else ""
        own = [("", _("Each reader's own language"))]
        self.fields["language"].choices = [*own, *settings.LANGUAGES]
        # A form posted without it (an older page, a script) keeps the plan's purpose.
        self.fields["purpose"].required = False

    def clean_purpose(self):
        return self.cleaned_data.get("purpose") or self.instance.purpose or ClassPlan.Purpose.CLASS


def instruction_lines(text: str) -> str:
    """A custom exercise's instructions: one per line, blank lines and stray spaces dropped."""
    lines = (" ".join(line.split()) for line in (text or "").replace("\x00", "").splitlines())
    return "\n".join(line for line in lines if line)


def one_line(text: str) -> str:
    """A cue is one line: pressing Enter in its box saves rather than breaking the line."""
    return " ".join((text or "").replace("\x00", "").split())


class StepForm(forms_base.ModelForm):
    """Inline edit of a step: its time, side and cue; the name and words of a step that is
    not a technique; a custom exercise has both (it is sided and cued like a technique)."""

    duration_seconds = DurationField(label=_("Time"))

    class Meta:
        model = Step
        fields = ["duration_seconds", "side", "cue", "note", "title", "text"]
        widgets = {
            "cue": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 2}),
            "text": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", f"step-{kwargs['instance'].pk}")
        super().__init__(*args, **kwargs)
        if self.instance.technique_id:
            del self.fields["title"]
            del self.fields["text"]
            return
        self.fields["title"].required = True
        if self.instance.kind == Step.Kind.EXERCISE:
            self.fields["title"].label = _("Name")
            self.fields["text"].label = _("Instructions, one per line")
        else:  # assessment, rest and talk steps have their own words and no side
            del self.fields["side"]
            del self.fields["cue"]

    def clean_cue(self):
        return one_line(self.cleaned_data.get("cue"))

    def clean_text(self):
        text = self.cleaned_data.get("text", "")
        return instruction_lines(text) if self.instance.kind == Step.Kind.EXERCISE else text


class OtherStepForm(forms_base.ModelForm):
    """A step that is not a library technique: a custom exercise (Pilates, a stretch: a
    name, instructions and a side), an assessment, a rest or a talk. One per section in
    the builder (the section comes with it), each with its own ids."""

    duration_seconds = DurationField(label=_("Time"), initial=60)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[c for c in Step.Kind.choices if c[0] != Step.Kind.TECHNIQUE],
        initial=Step.Kind.EXERCISE,
    )
    side = forms.ChoiceField(
        label=_("Side"),
        choices=Side.choices,
        initial=Side.BOTH,
        required=False,
        help_text=_("For an exercise; the other kinds are done once."),
    )

    class Meta:
        model = Step
        fields = ["kind", "title", "text", "duration_seconds", "side", "section"]
        labels = {"title": _("Name"), "text": _("Instructions or words, one per line")}
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, routine, **kwargs):
        kwargs.setdefault("prefix", "other")
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = Section.objects.filter(routine=routine)
        self.fields["title"].required = True

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Step.Kind.EXERCISE:
            cleaned["side"] = cleaned.get("side") or Side.BOTH
            cleaned["text"] = instruction_lines(cleaned.get("text", ""))
        else:
            cleaned["side"] = Side.BOTH
        return cleaned


class SectionForm(forms_base.ModelForm):
    class Meta:
        model = Section
        fields = ["title"]


class CourseForm(VersionedFormMixin, forms_base.ModelForm):
    versioned_noun = _("this course")

    class Meta:
        model = Course
        fields = ["title", "kind", "status", "description", "location", "capacity", "time_zone"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"time_zone": _("Sessions are shown in this time zone, e.g. Europe/London.")}


class SessionForm(forms_base.Form):
    """One session: a date within five years either side of today in the course's time
    zone (`time_zone`, a tzinfo), a start time and a length."""

    date = forms.DateField(label=_("Date"), widget=NativeDateInput())
    time = forms.TimeField(label=_("Start time"), widget=NativeTimeInput())
    duration_minutes = forms.IntegerField(
        label=_("Length (minutes)"), min_value=5, max_value=600, initial=60
    )

    def __init__(self, *args, time_zone=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.bounds = session_bounds(time_zone)
        self.bounds.apply_to(self.fields["date"])

    def clean_date(self):
        return self.bounds.check(self.cleaned_data["date"])


class SeriesForm(SessionForm):
    """A weekly series: the first date, the time, how many, and dates to leave out."""

    count = forms.IntegerField(label=_("Number of sessions"), min_value=1, max_value=52, initial=8)
    skip = forms.CharField(
        label=_("Dates to skip"),
        required=False,
        help_text=_("Holidays, one date per line or separated by commas: 2026-12-24"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_skip(self):
        dates = []
        for part in re.split(r"[\s,;]+", self.cleaned_data.get("skip", "")):
            if not part:
                continue
            try:
                dates.append(datetime.date.fromisoformat(part))
            except ValueError:
                raise forms.ValidationError(
                    _("“%(value)s” is not a date; write dates as 2026-12-24."),
                    params={"value": part},
                ) from None
            if dates[-1] not in self.bounds:
                raise forms.ValidationError(
                    _("%(value)s is not between %(earliest)s and %(latest)s."),
                    code="out_of_range",
                    params={"value": part, **self.bounds.params()},
                )
        return dates

    def clean(self):
        cleaned = super().clean()
        first, count = cleaned.get("date"), cleaned.get("count")
        if first and count:
            dates = weekly_dates(first_date=first, count=count, skip=cleaned.get("skip") or ())
            if len(dates) < count or dates[-1] not in self.bounds:
                self.add_error(
                    "count",
                    forms.ValidationError(
                        _(
                            "The last session would come after %(latest)s: choose fewer "
                            "sessions or an earlier first date."
                        ),
                        code="out_of_range",
                        params=self.bounds.params(),
                    ),
                )
        return cleaned


class SessionPlanForm(VersionedFormMixin, forms_base.Form):
    """The plan taught in a session, a note and whether it is cancelled: the session is
    passed as `versioned=`, its values start the form."""

    versioned_noun = _("this session")
    plan_version = forms.ModelChoiceField(
        label=_("Plan taught"), queryset=None, required=False, empty_label=_("— No plan —")
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
    cancelled = forms.BooleanField(label=_("This session is cancelled"), required=False)

    def __init__(self, *args, teacher, **kwargs):
        super().__init__(*args, **kwargs)
        if self.versioned is not None and not self.is_bound:
            self.initial = {**self.versioned_initial(self.versioned), **self.initial}
        self.fields["plan_version"].queryset = PlanVersion.objects.menu().filter(owner=teacher)
        self.fields["plan_version"].label_from_instance = lambda v: (
            _("%(title)s, version %(n)s")
            % {
                "title": v.title,
                "n": v.number,
            }
        )

    def versioned_initial(self, session) -> dict:
        return {
            "plan_version": session.plan_version_id,
            "note": session.note,
            "cancelled": session.cancelled,
        }


class AttendanceForm(forms_base.Form):
    """One tap on the session page: a student enrolled in the session's course, and how
    they attended. `students` is the queryset they are looked up in (the course's
    enrolled students): anyone else, or an id that is not a number, is not a choice."""

    student = forms.ModelChoiceField(queryset=Student.objects.none())
    status = forms.ChoiceField(
        choices=Attendance.Status.choices,
        error_messages={
            "required": _("Mark present, absent or late cancel."),
            "invalid_choice": _("Mark present, absent or late cancel."),
        },
    )

    def __init__(self, *args, students, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["student"].queryset = students


def version_label(version) -> str:
    return _("%(title)s, version %(n)s") % {"title": version.title, "n": version.number}


class AssignForm(AssignmentForm):
    """Assign one of the teacher's published plans (all of it or chosen steps) as a home
    routine: the routine, then how often and when."""

    version = forms.ModelChoiceField(label=_("Routine from the published plan"), queryset=None)
    field_order = ["version"]

    def __init__(self, *args, teacher, **kwargs):
        super().__init__(*args, teacher=teacher, **kwargs)
        self.fields["version"].queryset = PlanVersion.objects.menu().filter(owner=teacher)
        self.fields["version"].label_from_instance = version_label


class StepModificationForm(forms_base.Form):
    """ "For Sam: do X instead" on one step: a student on the checked roster, and a library
    technique their current notes allow, or the teacher's own words."""

    student = forms.ModelChoiceField(
        queryset=None,
        error_messages={
            "required": _("Choose a student on the checked roster."),
            "invalid_choice": _("Choose a student on the checked roster."),
        },
    )
    technique = forms.CharField(required=False, max_length=100)
    text = forms.CharField(
        required=False,
        max_length=300,
        error_messages={
            "max_length": _("Keep what to do instead to 300 characters."),
        },
    )

    def __init__(self, *args, course, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["student"].queryset = (
            course.enrolled_students() if course is not None else Student.objects.none()
        )

    def clean_text(self):
        return " ".join(self.cleaned_data["text"].replace("\x00", "").split())

    def clean_technique(self):
        slug = self.cleaned_data["technique"]
        if not slug:
            return None
        technique = (
            Technique.objects.published()
            .with_slug(slug)
            .prefetch_related("regions", "actions", "equipment")
            .first()
        )
        if technique is None:
            raise forms.ValidationError(_("That technique is not in the library."))
        return technique

    def clean(self):
        cleaned = super().clean()
        student, technique = cleaned.get("student"), cleaned.get("technique")
        if student is None or self.errors:
            return cleaned
        if technique is None and not cleaned.get("text"):
            raise forms.ValidationError(
                _("Say what %(name)s does instead: choose a technique or write a cue."),
                params={"name": student},
            )
        if technique is not None:
            info = info_of(technique)
            [mine] = roster_info(Student.objects.filter(pk=student.pk))
            if any(note.conflicts_with(info) for note in mine.current_notes(self.today)):
                raise forms.ValidationError(
                    _("“%(name)s” works something %(student)s must avoid: choose another."),
                    params={"name": technique.name, "student": student},
                )
        return cleaned

    def first_error(self) -> str:
        """The message the builder shows above the plan (its forms live in the steps)."""
        for errors in (self.non_field_errors(), *self.errors.values()):
            if errors:
                return errors[0]
        return ""


class FindingDismissalForm(forms_base.Form):
    """Set a finding aside for a plan (`reason` given), or bring it back (key only)."""

    key = forms.CharField(max_length=200)
    reason = forms.CharField(
        max_length=300,
        error_messages={
            "required": _("Say why the finding does not apply before dismissing it."),
            "max_length": _("Keep the reason to 300 characters."),
        },
    )

    def __init__(self, *args, restoring=False, **kwargs):
        super().__init__(*args, **kwargs)
        if restoring:
            del self.fields["reason"]

    def first_error(self) -> str:
        for errors in (self.errors.get("reason"), *self.errors.values()):
            if errors:
                return errors[0]
        return ""

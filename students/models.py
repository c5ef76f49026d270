import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from routines.checks import SUITABILITY_CONDITION_LABELS
from routines.models import Action, Region


class StudentQuerySet(models.QuerySet):
    def for_teacher(self, user):
        return self.filter(teacher=user)


class Student(models.Model):
    """A roster entry, owned by a teacher. It may be linked to a student's account."""

    class ConsentMethod(models.TextChoices):
        IN_PERSON = "in-person", _("Said yes in person")
        WRITTEN = "written", _("Signed a written form")
        EMAIL = "email", _("Agreed by email")
        ONLINE = "online", _("Agreed in Rollcall")

    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="roster",
        verbose_name=_("teacher"),
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    new_to_ball_work = models.BooleanField(_("new to ball work"), default=True)
    goals = models.TextField(_("goals"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="roster_entries",
        verbose_name=_("account"),
    )
    # Health notes are stored only once the student's consent is recorded: who, when, how.
    consent_given_at = models.DateTimeField(_("health-data consent given"), null=True, blank=True)
    consent_method = models.CharField(
        _("how consent was given"), max_length=10, choices=ConsentMethod.choices, blank=True
    )
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Bumped by every save of its edit form: a save based on an older number is refused.
    lock_version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StudentQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("student")
        verbose_name_plural = _("students")
        constraints = [
            models.UniqueConstraint(
                "teacher",
                Lower("email"),
                condition=~Q(email=""),
                name="unique_student_email_per_teacher",
            )
        ]

    def __str__(self) -> str:
        # A deleted account leaves its roster entry without a name; the label is
        # translated when shown, never stored.
        return self.name or str(_("Former student"))

    def get_absolute_url(self) -> str:
        return reverse("students:student-detail", kwargs={"pk": self.pk})

    @property
    def short_name(self) -> str:
        """Sam Student → Sam S.: enough for the teacher to know who, in a finding."""
        words = str(self).split()
        return f"{words[0]} {words[-1][:1]}." if len(words) > 1 else str(self)

    @property
    def has_consent(self) -> bool:
        return self.consent_given_at is not None


class HealthNote(models.Model):
    class Severity(models.TextChoices):
        MILD = "mild", _("Mild: adapt")
        MODERATE = "moderate", _("Moderate: avoid")
        SEVERE = "severe", _("Severe: no work there")

    # The conditions the library states its suitability for (routines.checks): a note may
    # name one, and the checks then flag what the library marks as not suited to it.
    SUITABILITY_CONDITIONS = [("", _("None of these")), *SUITABILITY_CONDITION_LABELS.items()]

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="health_notes")
    condition = models.CharField(_("condition"), max_length=200)
    details = models.TextField(_("details"), blank=True)
    affected_regions = models.ManyToManyField(
        Region, blank=True, related_name="+", verbose_name=_("affected regions")
    )
    avoid_regions = models.ManyToManyField(
        Region, blank=True, related_name="+", verbose_name=_("regions to avoid")
    )
    avoid_actions = models.ManyToManyField(
        Action, blank=True, related_name="+", verbose_name=_("actions to avoid")
    )
    suitability_condition = models.CharField(
        _("condition the library rates techniques for"),
        max_length=20,
        choices=SUITABILITY_CONDITIONS,
        blank=True,
        help_text=_(
            "Techniques the library marks as not suited to this are flagged like a region "
            "to avoid; those marked “with care” get a caution."
        ),
    )
    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity.choices, default=Severity.MODERATE
    )
    until = models.DateField(
        _("until"), null=True, blank=True, help_text=_("Leave empty if it has no end date.")
    )
    # Bumped by every save of its edit form: a save based on an older number is refused.
    lock_version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("health note")
        verbose_name_plural = _("health notes")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    suitability_condition__in=["", *SUITABILITY_CONDITION_LABELS],
                ),
                name="health_note_known_suitability_condition",
            )
        ]

    def __str__(self) -> str:
        # Never the condition: this string reaches logs and the admin's delete summaries.
        return _("%(student)s, noted %(date)s") % {
            "student": self.student,
            "date": f"{self.created_at:%Y-%m-%d}" if self.created_at else "-",
        }

    def is_current(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.until is None or self.until >= today


class AuditEntry(models.Model):
    """Who saw or changed a student's health data, and when. Readable by the teacher."""

    class Action(models.TextChoices):
        VIEWED = "viewed", _("Viewed health notes")
        CREATED = "created", _("Added a health note")
        UPDATED = "updated", _("Changed a health note")
        DELETED = "deleted", _("Deleted a health note")
        CONSENT = "consent", _("Recorded consent")
        CONSENT_WITHDRAWN = "withdrawn", _("Consent withdrawn")

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="audit_entries")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    detail = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.get_action_display()}"

    @property
    def shown_detail(self) -> str:
        """The detail in the reader's language where Rollcall wrote it (stored in English:
        "Data download", how consent was given); what a person typed (a note's condition)
        as typed."""
        label = system_details().get(self.detail)
        return str(label) if label is not None else self.detail


# The details Rollcall itself writes in the audit log, stored in English and translated
# when shown, so each reader sees them in their own language.
AUDIT_DATA_DOWNLOAD = gettext_noop("Data download")
AUDIT_NOTES_DELETED = gettext_noop("Health notes deleted.")


def system_details() -> dict:
    """{English detail: its translation, lazily}."""
    with translation.override("en"):
        consent = {str(label): label for label in Student.ConsentMethod.labels}
    return {
        **consent,
        AUDIT_DATA_DOWNLOAD: _("Data download"),
        AUDIT_NOTES_DELETED: _("Health notes deleted."),
    }


def new_nonce() -> str:
    return secrets.token_hex(16)


class Invitation(models.Model):
    """An invitation for a roster entry to claim an account. The link carries a signed,
    single-use token; resending rotates it, so only the newest link works."""

    VALID_DAYS = 7

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    nonce = models.CharField(max_length=32, default=new_nonce)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} ({self.student})"

    @property
    def expires_at(self):
        return self.sent_at + timezone.timedelta(days=self.VALID_DAYS)

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class AssignmentQuerySet(models.QuerySet):
    def for_teacher(self, user):
        return self.filter(student__teacher=user)

    def for_account(self, user):
        return self.filter(student__account=user)

    def active(self):
        return self.filter(status=Assignment.Status.ACTIVE)


class Assignment(models.Model):
    """A routine a teacher gives a student to practise at home. Its steps are frozen when
    assigned (`snapshot`), so editing the source plan never changes homework silently;
    the teacher pushes an update explicitly."""

    class Frequency(models.TextChoices):
        DAILY = "daily", _("Every day")
        NIGHTLY = "nightly", _("Every night, before bed")
        PER_WEEK = "per-week", _("A number of times a week")
        WEEKDAYS = "weekdays", _("On given weekdays")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        ENDED = "ended", _("Ended")

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="assignments")
    title = models.CharField(_("title"), max_length=160)
    snapshot = models.JSONField()
    frequency = models.CharField(
        _("how often"), max_length=10, choices=Frequency.choices, default=Frequency.DAILY
    )
    times_per_week = models.PositiveSmallIntegerField(_("times a week"), null=True, blank=True)
    weekdays = models.JSONField(
        _("weekdays"), default=list, blank=True, help_text=_("0 is Monday.")
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    message = models.TextField(_("message to the student"), blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ACTIVE)
    # Assigned although a step works against a health note: the teacher's reason, and the
    # notes it was given for. A note recorded or changed later is checked afresh.
    acknowledgement = models.TextField(_("why it was assigned anyway"), blank=True)
    acknowledged_notes = models.JSONField(default=list, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    # Bumped by every save of its edit form: a save based on an older number is refused.
    lock_version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="assignment_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(times_per_week__isnull=True)
                | Q(times_per_week__gte=1, times_per_week__lte=7),
                name="assignment_times_per_week_1_to_7",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} → {self.student}"

    def get_absolute_url(self) -> str:
        return reverse("students:routine-play", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.ACTIVE


class PracticeLog(models.Model):
    """One practice at home: when, how long, and tension before and after (0–10)."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="logs")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="practice_logs")
    practised_on = models.DateField(_("date"))
    minutes = models.PositiveSmallIntegerField(_("minutes"))
    tension_before = models.PositiveSmallIntegerField(_("tension before (0–10)"))
    tension_after = models.PositiveSmallIntegerField(_("tension after (0–10)"))
    note = models.TextField(_("note"), blank=True)
    # The form's one-time key: the same submission posted twice is stored once.
    submission = models.UUIDField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-practised_on", "-created_at"]
        verbose_name = _("practice log")
        verbose_name_plural = _("practice logs")
        # Every read of the logs is one student's (or a roster's) days in a date range:
        # adherence over four weeks, the streak, the history's calendar.
        indexes = [models.Index(fields=["student", "practised_on"], name="log_student_day")]
        constraints = [
            models.CheckConstraint(condition=Q(minutes__lte=600), name="log_minutes_at_most_600"),
            models.CheckConstraint(
                condition=Q(tension_before__lte=10, tension_after__lte=10),
                name="log_tension_0_to_10",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} · {self.practised_on} · {self.minutes} min"

import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.languages import LANGUAGE_CODES
from routines.models import Level, Routine, Step, Technique
from students.date_bounds import add_clamped, displayable, zone_or_utc
from students.models import Assignment, Student


class ClassPlanQuerySet(models.QuerySet):
    def for_teacher(self, user):
        return self.filter(owner=user, is_template=False)

    def templates(self):
        return self.filter(is_template=True)


class ClassPlan(models.Model):
    """A teacher's plan for a class: a draft routine plus its frozen, published versions.

    Starter plans (templates) are kept by curators; teachers copy them.
    """

    class Purpose(models.TextChoices):
        CLASS = "class", _("A whole class")
        BLOCK = "block", _("A block within a class")
        HOMEWORK = "homework", _("A home routine")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="plans",
    )
    is_template = models.BooleanField(_("starter plan"), default=False)
    slug = models.SlugField(max_length=100, null=True, blank=True, unique=True)
    title = models.CharField(_("title"), max_length=160)
    focus = models.CharField(_("focus"), max_length=200, blank=True)
    level = models.CharField(
        _("level"), max_length=12, choices=Level.choices, default=Level.BEGINNER
    )
    purpose = models.CharField(
        _("what it is for"),
        max_length=10,
        choices=Purpose.choices,
        default=Purpose.CLASS,
        help_text=_(
            "The checks fit the purpose: a rest at the end is asked of whole classes only."
        ),
    )
    target_minutes = models.PositiveSmallIntegerField(
        _("target length (minutes)"),
        default=45,
        validators=[MinValueValidator(5), MaxValueValidator(600)],
    )
    notes = models.TextField(_("notes"), blank=True)
    # The language its print page, PDF and share page are in; blank: each reader's own.
    language = models.CharField(
        _("language of the printed plan"),
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("Its print page, PDF and share page are in this language."),
    )
    routine = models.OneToOneField(Routine, on_delete=models.PROTECT, related_name="plan")
    # Bumped by every change: a save based on an older number is refused.
    lock_version = models.PositiveIntegerField(default=1)
    share_token = models.CharField(max_length=64, null=True, blank=True, unique=True)
    # The plan checks look at this course's roster (health notes, newcomers).
    check_course = models.ForeignKey(
        "Course",
        verbose_name=_("check against the roster of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = ClassPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("class plan")
        verbose_name_plural = _("class plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_template=True) | Q(owner__isnull=False),
                name="plan_has_owner_unless_template",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("classes:plan-builder", kwargs={"pk": self.pk})

    def print_language(self, reader_language: str | None = None) -> str:
        """The language its printed copies are in: the plan's own, else the reader's,
        else its owner's (a PDF rendered in the background has no reader)."""
        for code in (self.language, reader_language, getattr(self.owner, "language", "")):
            if code and code in LANGUAGE_CODES:
                return code
        return settings.LANGUAGE_CODE

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def has_unpublished_changes(self) -> bool:
        return self.published_at is None or self.updated_at > self.published_at

    @staticmethod
    def new_share_token() -> str:
        return secrets.token_urlsafe(32)


class PlanVersionQuerySet(models.QuerySet):
    def menu(self):
        """What a list or a menu of versions shows, without the frozen snapshots (a
        version's snapshot is tens of kilobytes: twenty of them cost 30 ms to load)."""
        return self.only("pk", "plan_id", "owner_id", "title", "number", "published_at").order_by(
            "title", "-number"
        )

    def unreferenced(self):
        """Versions no class session refers to."""
        return self.filter(sessions__isnull=True)


class PlanVersion(models.Model):
    """A published plan, frozen: what students printed never changes under them.

    `snapshot` holds everything the print page, the PDF and teach mode show, so later
    edits to the plan or to the library cannot reach it. It outlives its plan when a
    session refers to it.
    """

    plan = models.ForeignKey(
        ClassPlan, null=True, blank=True, on_delete=models.SET_NULL, related_name="versions"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=160)
    snapshot = models.JSONField()
    published_at = models.DateTimeField(auto_now_add=True)
    pdf = models.FileField(upload_to="plans/pdf/", blank=True)
    pdf_letter = models.FileField(upload_to="plans/pdf/", blank=True)
    # Set while a background task renders the PDFs (classes/tasks.py), so that a second task
    # does not render them again; a claim older than tasks.CLAIM_TIMEOUT is a lost render.
    pdf_rendering_since = models.DateTimeField(null=True, blank=True, editable=False)

    objects = PlanVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        verbose_name = _("published version")
        verbose_name_plural = _("published versions")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_version_number")
        ]

    def __str__(self) -> str:
        return _("%(title)s, version %(number)s") % {"title": self.title, "number": self.number}


def valid_time_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            _("“%(value)s” is not a time zone, e.g. Europe/London."), params={"value": value}
        ) from None


class CourseQuerySet(models.QuerySet):
    def for_teacher(self, user):
        return self.filter(teacher=user)


def enrolled_in(course):
    """The roster students enrolled (not waitlisted) in a course: the one place this
    filter is written."""
    return Student.objects.filter(
        enrolments__course=course, enrolments__status=Enrolment.Status.ENROLLED
    )


class Course(models.Model):
    class Kind(models.TextChoices):
        WEEKLY = "weekly", _("Weekly class")
        WORKSHOP = "workshop", _("Workshop")
        IMMERSION = "immersion", _("Immersion")
        TRAINING = "training", _("Teacher training")
        PRIVATE = "private", _("Private session")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open for enrolment")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        CANCELLED = "cancelled", _("Cancelled")

    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="courses"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.WEEKLY)
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), validators=[MinValueValidator(1), MaxValueValidator(1000)], default=12
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/London", validators=[valid_time_zone]
    )
    calendar_token = models.CharField(max_length=64, unique=True, default=ClassPlan.new_share_token)
    # The join link students sign up through (/join/<token>/); empty while it is off.
    join_token = models.CharField(_("join link"), max_length=64, blank=True, default="")
    # Bumped by every save of its edit form: a save based on an older number is refused.
    lock_version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        constraints = [
            models.UniqueConstraint(
                fields=["join_token"], condition=~Q(join_token=""), name="unique_course_join_token"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("classes:course-detail", kwargs={"pk": self.pk})

    @property
    def tz(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    def enrolled_students(self):
        return enrolled_in(self)


class Session(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("length (minutes)"), default=60, validators=[MinValueValidator(5), MaxValueValidator(600)]
    )
    # The plan version taught: kept even if its plan is deleted.
    plan_version = models.ForeignKey(
        PlanVersion,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("plan taught"),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    # Bumped by every save of its edit form: a save based on an older number is refused.
    lock_version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        local = zone_or_utc(self.starts_at, self.course.tz)  # in UTC at Python's ends
        utc = "" if displayable(self.starts_at) else " UTC"
        return f"{self.course} · {local:%Y-%m-%d %H:%M}{utc}"

    def get_absolute_url(self) -> str:
        return reverse(
            "classes:session-detail", kwargs={"pk": self.course_id, "session_pk": self.pk}
        )

    @property
    def ends_at(self):
        # A value stored before dates were bounded may end past the year 9999.
        return add_clamped(self.starts_at, timezone.timedelta(minutes=self.duration_minutes))


class Enrolment(models.Model):
    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("Enrolled")
        WAITLISTED = "waitlisted", _("On the waitlist")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrolments")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="enrolments")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ENROLLED)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["course", "student"], name="unique_enrolment")
        ]

    def __str__(self) -> str:
        return f"{self.student} · {self.course} ({self.get_status_display()})"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        LATE_CANCEL = "late-cancel", _("Late cancel")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(max_length=12, choices=Status.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["session", "student"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "student"], name="unique_attendance")
        ]

    def __str__(self) -> str:
        return f"{self.student} · {self.session}: {self.get_status_display()}"


class TeacherCalendar(models.Model):
    """The unguessable address of a teacher's whole calendar feed."""

    teacher = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar"
    )
    token = models.CharField(max_length=64, unique=True, default=ClassPlan.new_share_token)

    class Meta:
        verbose_name = _("teacher calendar")
        verbose_name_plural = _("teacher calendars")

    def __str__(self) -> str:
        return str(self.teacher)


class FindingDismissal(models.Model):
    """A plan check finding the teacher has looked at and set aside, with their reason."""

    plan = models.ForeignKey(ClassPlan, on_delete=models.CASCADE, related_name="dismissals")
    key = models.CharField(max_length=200)
    reason = models.CharField(_("reason"), max_length=300)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)  # the checks' cache key reads it

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("dismissed finding")
        verbose_name_plural = _("dismissed findings")
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="unique_dismissal_per_plan")
        ]

    def __str__(self) -> str:
        return f"{self.plan}: {self.key}"


class StepModification(models.Model):
    """ "For Sam: do X instead" on one step of a plan: a technique from the library or the
    teacher's own words. It clears that student's danger for that step and shows on the
    teacher's pages and in teach mode, never on shares, PDFs or the student's pages."""

    plan = models.ForeignKey(ClassPlan, on_delete=models.CASCADE, related_name="modifications")
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="+")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="+")
    technique = models.ForeignKey(
        Technique,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("technique instead"),
    )
    text = models.CharField(_("what to do instead"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)  # the checks' cache key reads it

    class Meta:
        ordering = ["plan", "step", "pk"]
        verbose_name = _("modification for a student")
        verbose_name_plural = _("modifications for students")
        constraints = [
            models.UniqueConstraint(fields=["step", "student"], name="one_modification_per_step"),
            models.CheckConstraint(
                condition=Q(technique__isnull=False) | ~Q(text=""),
                name="modification_says_what_instead",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student}: {self.instead}"

    @property
    def instead(self) -> str:
        return self.technique.name if self.technique_id else self.text


class AssignmentSource(models.Model):
    """The published version a student's home routine was frozen from: what "send the
    newest published version" follows. It lives here, beside the plans, so that the
    roster (students) knows nothing of plans."""

    assignment = models.OneToOneField(
        Assignment, primary_key=True, on_delete=models.CASCADE, related_name="source"
    )
    version = models.ForeignKey(
        PlanVersion,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assignment_sources",
    )

    class Meta:
        ordering = ["assignment"]
        verbose_name = _("source of a home routine")
        verbose_name_plural = _("sources of home routines")

    def __str__(self) -> str:
        return f"{self.assignment} ← {self.version}"

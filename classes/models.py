import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from routines.models import Level, Routine


class ClassPlanQuerySet(models.QuerySet):
    def for_teacher(self, user):
        return self.filter(owner=user, is_template=False)

    def templates(self):
        return self.filter(is_template=True)


class ClassPlan(models.Model):
    """A teacher's plan for a class: a draft routine plus its frozen, published versions.

    Starter plans (templates) are kept by curators; teachers copy them.
    """

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
    target_minutes = models.PositiveSmallIntegerField(
        _("target length (minutes)"),
        default=45,
        validators=[MinValueValidator(5), MaxValueValidator(600)],
    )
    notes = models.TextField(_("notes"), blank=True)
    routine = models.OneToOneField(Routine, on_delete=models.PROTECT, related_name="plan")
    # Bumped by every change: a save based on an older number is refused.
    lock_version = models.PositiveIntegerField(default=1)
    share_token = models.CharField(max_length=64, null=True, blank=True, unique=True)
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
    def unreferenced(self):
        """Versions nothing refers to yet (sessions will, once courses land)."""
        return self


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

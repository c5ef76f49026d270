from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    TEACHER = "teacher", _("Teacher")
    STUDENT = "student", _("Student")
    CURATOR = "curator", _("Curator")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        # Sign-in is case-insensitive on the email address.
        return self.get(email__iexact=username)

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("role", Role.CURATOR)
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. The role decides which dashboard and pages they get."""

    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.TEACHER)
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)
    # Blank: the browser's language. Choices are settings.LANGUAGES, checked by the settings form
    # (not as model choices, so a new language needs no migration).
    language = models.CharField(_("language"), max_length=16, blank=True)
    email_reminders = models.BooleanField(_("daily practice reminders by email"), default=True)
    # Sign-up: an account made on the sign-up page starts unverified, until its owner opens
    # the link emailed to them. Every other way in (the admin, an invitation, the demo)
    # already proves the address, so the default is verified.
    email_verified = models.BooleanField(_("email address verified"), default=True)
    signed_up_at = models.DateTimeField(_("signed up on the sign-up page"), null=True, blank=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.name or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return (self.name or self.email).split(" ")[0]

    @property
    def is_teacher(self) -> bool:
        return self.role == Role.TEACHER

    @property
    def is_student(self) -> bool:
        return self.role == Role.STUDENT

    @property
    def is_curator(self) -> bool:
        return self.role == Role.CURATOR


class FormSubmission(models.Model):
    """A create form's one-time token, claimed by the first post that carries it
    (accounts/once.py): the same form posted twice, from a double click, acts once."""

    # A digest of the token and the path it was posted to.
    key = models.CharField(max_length=64, unique=True)
    done = models.BooleanField(default=False)
    # Where the first post's answer sent the browser, to send the second one there too.
    location = models.CharField(max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self) -> str:
        return self.key

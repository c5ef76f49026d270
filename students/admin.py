"""Roster students and their homework. Health notes and their audit log are deliberately
not here: only the student's teacher and the student see them, and each look is audited."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts import forms_base
from accounts.admin_bounds import BoundedDateHierarchy

from .date_bounds import check, homework_bounds
from .models import Assignment, Student


class AssignmentAdminForm(forms_base.ModelForm):
    """A home routine's dates, as in the app (a date saved before the bounds may stay)."""

    def clean_starts_on(self):
        day = self.cleaned_data.get("starts_on")
        return check(day, homework_bounds(), unchanged=self.initial.get("starts_on"))

    def clean_ends_on(self):
        day = self.cleaned_data.get("ends_on")
        return check(day, homework_bounds(), unchanged=self.initial.get("ends_on"))


@admin.register(Student)
class StudentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "email", "teacher", "account", "new_to_ball_work", "consented"]
    list_filter = ["new_to_ball_work", "consent_method"]
    search_fields = ["name", "email", "teacher__email", "teacher__name"]
    list_select_related = ["teacher", "account"]
    raw_id_fields = ["teacher", "account"]
    # Consent is recorded and withdrawn in the app, where it is audited and withdrawing
    # it deletes the notes.
    readonly_fields = [
        "consent_given_at",
        "consent_method",
        "consent_recorded_by",
        "created_at",
        "updated_at",
    ]

    @admin.display(boolean=True, description=_("health-data consent"))
    def consented(self, obj):
        return obj.has_consent


@admin.register(Assignment)
class AssignmentAdmin(BoundedDateHierarchy, admin.ModelAdmin):
    form = AssignmentAdminForm
    list_display = ["title", "student", "status", "frequency", "starts_on", "ends_on"]
    list_filter = ["status", "frequency"]
    search_fields = ["title", "student__name", "student__email"]
    list_select_related = ["student"]
    raw_id_fields = ["student"]
    # The routine is frozen when assigned; the teacher pushes an update in the app.
    readonly_fields = ["snapshot", "created_at", "updated_at"]
    date_hierarchy = "starts_on"

    def has_add_permission(self, request):
        # Homework is made from a published version (services.assign), which freezes it.
        return False

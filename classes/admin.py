from django.contrib import admin

from accounts import forms_base
from accounts.admin_bounds import BoundedDateHierarchy
from students.date_bounds import check, session_bounds, zone_or_utc

from .models import ClassPlan, Course, PlanVersion, Session


class SessionAdminForm(forms_base.ModelForm):
    """A session's start, as in the app: within five years either side of today in its
    course's time zone (a start saved before the bounds may stay as it is)."""

    def clean_starts_at(self):
        starts_at = self.cleaned_data.get("starts_at")
        course = self.cleaned_data.get("course") or getattr(self.instance, "course", None)
        if starts_at is None or course is None or starts_at == self.initial.get("starts_at"):
            return starts_at
        check(zone_or_utc(starts_at, course.tz).date(), session_bounds(course.tz))
        return starts_at


class SessionInline(admin.TabularInline):
    model = Session
    form = SessionAdminForm
    fields = ["starts_at", "duration_minutes", "plan_version", "note", "cancelled"]
    raw_id_fields = ["plan_version"]
    extra = 0
    show_change_link = True


@admin.register(Course)
class CourseAdmin(BoundedDateHierarchy, admin.ModelAdmin):
    list_display = ["title", "teacher", "kind", "status", "capacity", "time_zone", "created_at"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "location", "teacher__email", "teacher__name"]
    list_select_related = ["teacher"]
    raw_id_fields = ["teacher"]
    readonly_fields = ["calendar_token", "created_at", "updated_at"]
    date_hierarchy = "created_at"
    inlines = [SessionInline]


@admin.register(Session)
class SessionAdmin(BoundedDateHierarchy, admin.ModelAdmin):
    form = SessionAdminForm
    list_display = ["starts_at", "course", "duration_minutes", "plan_version", "cancelled"]
    list_filter = ["cancelled", "course__status"]
    search_fields = ["course__title", "note"]
    list_select_related = ["course", "plan_version"]
    raw_id_fields = ["course", "plan_version"]
    date_hierarchy = "starts_at"


class PlanVersionInline(admin.TabularInline):
    """Published versions are frozen: listed here, never edited."""

    model = PlanVersion
    fields = ["number", "title", "published_at", "owner"]
    readonly_fields = fields
    extra = 0
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ClassPlan)
class ClassPlanAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "owner",
        "is_template",
        "level",
        "target_minutes",
        "published_at",
        "updated_at",
    ]
    list_filter = ["is_template", "level"]
    search_fields = ["title", "focus", "slug", "owner__email", "owner__name"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner", "check_course"]
    readonly_fields = [
        "routine",
        "lock_version",
        "share_token",
        "created_at",
        "updated_at",
        "published_at",
    ]
    inlines = [PlanVersionInline]

    def has_add_permission(self, request):
        # A plan needs its routine and sections: it is made in the app (services.plan_create).
        return False

    def save_model(self, request, obj, form, change):
        # An edit here is a change like any other: a builder tab open on the older
        # version must be refused rather than overwrite it.
        obj.lock_version += 1
        super().save_model(request, obj, form, change)


@admin.register(PlanVersion)
class PlanVersionAdmin(BoundedDateHierarchy, admin.ModelAdmin):
    """Read only: a published version is what students printed and sessions refer to."""

    list_display = ["title", "number", "plan", "owner", "published_at"]
    search_fields = ["title", "plan__title", "owner__email"]
    list_select_related = ["plan", "owner"]
    date_hierarchy = "published_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

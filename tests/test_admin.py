"""The admin: courses, sessions, plans, roster students and homework, for superusers.
Health notes stay out of it, and a published version cannot be changed there."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from accounts.models import User
from classes import services as plan_services
from classes.models import ClassPlan, Course, PlanVersion, Session
from students import services
from students.models import Assignment, AuditEntry, HealthNote, Student
from tests.factories import (
    PASSWORD,
    AssignmentFactory,
    CourseFactory,
    EnrolmentFactory,
    HealthNoteFactory,
    PracticeLogFactory,
    RegionFactory,
    SessionFactory,
    TechniqueFactory,
    make_plan,
)

CONDITION = "Herniated disc at C5 (private)"
REGISTERED = [Course, Session, ClassPlan, PlanVersion, Student, Assignment]


def admin_url(model, action, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


def add_class(teacher, n=1):
    """n of everything the admin lists: a published plan taught in a course's session,
    an enrolled student with a health note, homework and a practice log."""
    for i in range(n):
        plan = make_plan(teacher, title=f"Plan {i}", techniques=[TechniqueFactory()])
        version = plan_services.plan_publish(plan=plan, expected_version=plan.lock_version)
        course = CourseFactory(teacher=teacher)
        SessionFactory(course=course, plan_version=version)
        pupil = EnrolmentFactory(course=course).student
        note = HealthNoteFactory(
            student=pupil, condition=CONDITION, avoid_regions=[RegionFactory(slug="neck")]
        )
        services.audit(
            student=pupil, actor=teacher, action=AuditEntry.Action.CREATED, detail=note.condition
        )
        PracticeLogFactory(assignment=AssignmentFactory(student=pupil))


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser(email="admin@example.test", password=PASSWORD)


@pytest.fixture
def data(teacher):
    add_class(teacher)


def admin_pages():
    """Every list and change page of the registered models."""
    for model in REGISTERED:
        yield admin_url(model, "changelist")
        yield admin_url(model, "change", model.objects.first().pk)


@pytest.mark.django_db
class TestPages:
    @pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m.__name__)
    def test_superuser_opens_the_list_and_the_change_page(self, client, superuser, data, model):
        obj = model.objects.first()
        change = admin_url(model, "change", obj.pk)
        client.force_login(superuser)

        listing = client.get(admin_url(model, "changelist"))
        page = client.get(change)

        assert listing.status_code == 200
        assert change in listing.content.decode()
        assert page.status_code == 200
        assert page.context["original"] == obj

    def test_course_page_lists_its_sessions_and_plan_page_its_versions(
        self, client, superuser, data
    ):
        session = Session.objects.get()
        version = PlanVersion.objects.get()
        client.force_login(superuser)

        course_page = client.get(admin_url(Course, "change", session.course_id))
        plan_page = client.get(admin_url(ClassPlan, "change", version.plan_id))

        assert admin_url(Session, "change", session.pk) in course_page.content.decode()
        assert admin_url(PlanVersion, "change", version.pk) in plan_page.content.decode()

    def test_other_users_are_sent_to_sign_in(self, client, teacher, data):
        client.force_login(teacher)
        response = client.get(admin_url(Course, "changelist"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))

    @pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m.__name__)
    def test_lists_do_not_query_per_row(self, client, superuser, teacher, model):
        client.force_login(superuser)
        url = admin_url(model, "changelist")
        add_class(teacher)
        client.get(url)  # once to warm the caches (content types, session)
        with CaptureQueriesContext(connection) as one_row:
            assert client.get(url).status_code == 200
        add_class(teacher, 4)
        assert model.objects.count() == 5
        with CaptureQueriesContext(connection) as five_rows:
            assert client.get(url).status_code == 200
        assert len(five_rows) <= len(one_row)


@pytest.mark.django_db
class TestHealthNotesStayOut:
    def test_health_notes_and_their_audit_log_are_not_registered_or_inlined(self):
        assert not admin.site.is_registered(HealthNote)
        assert not admin.site.is_registered(AuditEntry)
        inlined = {
            inline.model
            for model_admin in admin.site._registry.values()
            for inline in model_admin.inlines
        }
        assert not inlined & {HealthNote, AuditEntry}

    def test_health_note_pages_do_not_exist(self, client, superuser, data):
        client.force_login(superuser)
        with pytest.raises(NoReverseMatch):
            admin_url(HealthNote, "changelist")
        assert client.get("/admin/students/healthnote/").status_code == 404

    def test_no_admin_page_shows_a_condition(self, client, superuser, teacher, data):
        pupil = Student.objects.get()
        assert HealthNote.objects.filter(student=pupil, condition=CONDITION).exists()
        pages = [
            *admin_pages(),
            reverse("admin:index"),
            reverse("admin:app_list", args=["students"]),
            # Deleting asks first, listing what goes with the object: notes included.
            admin_url(Student, "delete", pupil.pk),
            admin_url(User, "delete", teacher.pk),
            admin_url(User, "change", teacher.pk),
        ]
        client.force_login(superuser)
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, url
            assert "Herniated" not in response.content.decode(), url
        # The delete summary does count the note, without saying what it is.
        summary = client.get(admin_url(Student, "delete", pupil.pk)).content.decode()
        assert "Health note" in summary


@pytest.mark.django_db
class TestFrozenRecords:
    def test_a_published_version_cannot_be_changed_added_or_deleted(self, client, superuser, data):
        version = PlanVersion.objects.get()
        snapshot, title = version.snapshot, version.title
        client.force_login(superuser)

        page = client.get(admin_url(PlanVersion, "change", version.pk))
        posted = client.post(
            admin_url(PlanVersion, "change", version.pk),
            {"title": "Rewritten", "number": 99, "snapshot": "{}"},
        )

        assert page.status_code == 200
        assert not page.context["has_change_permission"]
        assert posted.status_code == 403
        assert client.get(admin_url(PlanVersion, "add")).status_code == 403
        assert client.post(admin_url(PlanVersion, "delete", version.pk)).status_code == 403
        version.refresh_from_db()
        assert (version.title, version.number, version.snapshot) == (title, 1, snapshot)

    def test_versions_are_read_only_inside_the_plan(self, superuser, data, rf):
        plan = ClassPlan.objects.get()
        request = rf.get("/")
        request.user = superuser
        inline = next(
            i
            for i in admin.site._registry[ClassPlan].get_inline_instances(request, plan)
            if i.model is PlanVersion
        )
        assert not inline.has_add_permission(request, plan)
        assert not inline.has_change_permission(request, plan)
        assert not inline.has_delete_permission(request, plan)

    def test_homework_snapshot_is_read_only(self, superuser, data, rf):
        request = rf.get("/")
        request.user = superuser
        assignment_admin = admin.site._registry[Assignment]
        assert "snapshot" in assignment_admin.get_readonly_fields(request, Assignment.objects.get())
        assert not assignment_admin.has_add_permission(request)

    def test_editing_a_plan_here_moves_its_version_on(self, client, superuser, data):
        plan = ClassPlan.objects.get()
        client.force_login(superuser)
        form_page = client.get(admin_url(ClassPlan, "change", plan.pk))
        posted = form_data(form_page) | {"title": "Renamed in the admin"}

        response = client.post(admin_url(ClassPlan, "change", plan.pk), posted)

        assert response.status_code == 302, response.context and response.context["errors"]
        before = plan.lock_version
        plan.refresh_from_db()
        assert plan.title == "Renamed in the admin"
        assert plan.lock_version == before + 1


def form_data(response) -> dict:
    """The change form's current values, as the browser would post them back."""
    data = {}

    def put(form, name):
        value = form[name].value()
        if value is None or value is False:
            return
        data[form.add_prefix(name)] = "on" if value is True else value

    form = response.context["adminform"].form
    for name in form.fields:
        put(form, name)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for inline_form in formset.forms:
            for name in inline_form.fields:
                put(inline_form, name)
    return data

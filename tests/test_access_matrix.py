"""Every named URL, for every kind of visitor: the outcome is written down here.

A URL pattern without an entry in MATRIX fails `test_every_url_pattern_has_an_entry`,
so no view can be added without deciding who may reach it.

Outcomes: an HTTP status, or "login" (sent to sign in), "admin-login" (sent to the
admin's sign-in), "home" (sent to the dashboard), "me" (a student sent to their page).
"owner" objects belong to `teacher` or `student`; the "other" visitors own nothing of theirs.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.views.static import serve

from classes import services
from classes.models import ClassPlan, Course, Session
from routines.models import EditProposal, Technique, TechniqueRevision
from students import services as student_services
from students.models import HealthNote, Invitation, Student
from students.views import reminders_token
from tests.factories import TechniqueFactory, make_plan

ROLES = ["anonymous", "student", "other_student", "teacher", "other_teacher", "curator"]


def row(anonymous, student, other_student, teacher, other_teacher, curator, kwargs=None):
    return {
        "expected": dict(
            zip(
                ROLES,
                [anonymous, student, other_student, teacher, other_teacher, curator],
                strict=True,
            )
        ),
        "kwargs": kwargs or (lambda world: {}),
    }


def everyone(outcome, kwargs=None):
    return row(*[outcome] * 6, kwargs=kwargs)


def teachers_only(kwargs=None, other_teacher=200):
    return row("login", 403, 403, 200, other_teacher, 403, kwargs=kwargs)


def curators_only(kwargs=None, ok=200):
    return row("login", 403, 403, 403, 403, ok, kwargs=kwargs)


def signed_in(kwargs=None):
    return row("login", 200, 200, 200, 200, 200, kwargs=kwargs)


def own_plan():
    return row("login", 403, 403, 200, 404, 404, kwargs=lambda w: {"pk": w["plan"].pk})


def plan_post(step=False, kwargs=None):
    """POST-only plan actions: a GET is refused (405) once the role is right."""
    if kwargs is None:
        kwargs = (
            (lambda w: {"pk": w["plan"].pk, "step_pk": w["step"].pk})
            if step
            else (lambda w: {"pk": w["plan"].pk})
        )
    return row("login", 403, 403, 405, 405, 405, kwargs=kwargs)


def student_own(kwargs=None):
    return row(
        "login", 200, 404, 403, 403, 403, kwargs=kwargs or (lambda w: {"pk": w["assignment"].pk})
    )


def teacher_list():
    return row("login", 403, 403, 200, 200, 403)


def teacher_own(kwargs):
    return row("login", 403, 403, 200, 404, 403, kwargs=kwargs)


def teacher_post(kwargs=None):
    return row("login", 403, 403, 405, 405, 403, kwargs=kwargs)


def course(world):
    return {"pk": world["course"].pk}


def session(world):
    return {"pk": world["course"].pk, "session_pk": world["session"].pk}


def pupil(world):
    return {"pk": world["pupil"].pk}


def submitted(world):
    return {"slug": world["submitted"].slug}


def published(world):
    return {"slug": world["published"].slug}


MATRIX = {
    "home": row(200, "me", "me", 200, 200, 200),
    "healthz": everyone(200),
    "login": row(200, "home", "home", "home", "home", "home"),
    "logout": everyone(405),
    "password_change": signed_in(),
    "password_change_done": signed_in(),
    "password_reset": everyone(200),
    "password_reset_done": everyone(200),
    "password_reset_confirm": everyone(
        200, kwargs=lambda w: {"uidb64": "MQ", "token": "bad-token"}
    ),
    "password_reset_complete": everyone(200),
    "admin:index": row(
        "admin-login", "admin-login", "admin-login", "admin-login", "admin-login", 200
    ),
    # The technique library
    "routines:library": everyone(200),
    "routines:technique-detail": row(404, 404, 404, 200, 404, 200, kwargs=submitted),
    "routines:my-submissions": teachers_only(),
    "routines:submission-create": teachers_only(),
    "routines:submission-edit": teachers_only(kwargs=submitted, other_teacher=404),
    "routines:proposal-create": teachers_only(kwargs=published),
    # Curation
    "routines:curate": curators_only(),
    "routines:curate-create": curators_only(),
    "routines:curate-edit": curators_only(kwargs=published),
    "routines:curate-history": curators_only(kwargs=published),
    "routines:curate-status": curators_only(kwargs=published, ok=405),
    "routines:curate-delete": curators_only(kwargs=published, ok=405),
    "routines:curate-restore": curators_only(
        kwargs=lambda w: {"slug": w["published"].slug, "revision_id": w["revision"].pk}, ok=405
    ),
    "routines:proposal-review": curators_only(kwargs=lambda w: {"pk": w["proposal"].pk}),
    # Class plans: the teacher's own; another teacher (or a curator) gets 404.
    "classes:plan-list": row("login", 403, 403, 200, 200, 200),
    "classes:plan-create": row("login", 403, 403, 200, 200, 200),
    "classes:plan-builder": own_plan(),
    "classes:builder-library": own_plan(),
    "classes:plan-delete": own_plan(),
    "classes:plan-print": own_plan(),
    "classes:plan-pdf": own_plan(),
    "classes:plan-teach": own_plan(),
    "classes:plan-edit": plan_post(),
    "classes:step-add": plan_post(),
    "classes:step-add-other": plan_post(),
    "classes:steps-reorder": plan_post(),
    "classes:step-update": plan_post(step=True),
    "classes:step-move": plan_post(step=True),
    "classes:step-remove": plan_post(step=True),
    "classes:step-undo": plan_post(step=True),
    "classes:step-swap": plan_post(step=True),
    "classes:step-unswap": plan_post(step=True),
    "classes:step-modify": plan_post(step=True),
    # require_POST answers before the modification is looked up.
    "classes:modification-delete": plan_post(
        kwargs=lambda w: {"pk": w["plan"].pk, "modification_pk": 999}
    ),
    "classes:section-save": plan_post(),
    "classes:section-delete": plan_post(
        kwargs=lambda w: {"pk": w["plan"].pk, "section_pk": w["section"].pk}
    ),
    "classes:plan-publish": plan_post(),
    "classes:finding-dismiss": plan_post(),
    "classes:finding-restore": plan_post(),
    "classes:plan-share": plan_post(),
    "classes:plan-duplicate": plan_post(),
    "classes:share": everyone(200, kwargs=lambda w: {"token": w["plan"].share_token}),
    # Courses: teachers only, each their own.
    "classes:course-list": teacher_list(),
    "classes:course-create": teacher_list(),
    "classes:course-detail": teacher_own(course),
    "classes:course-edit": teacher_own(course),
    "classes:session-detail": teacher_own(session),
    "classes:attendance-export": teacher_own(course),
    "classes:session-add": teacher_post(course),
    "classes:sessions-generate": teacher_post(course),
    "classes:session-update": teacher_post(session),
    "classes:session-attendance": teacher_post(session),
    "classes:course-enrol": teacher_post(course),
    "classes:course-unenrol": teacher_post(
        lambda w: {"pk": w["course"].pk, "enrolment_pk": w["enrolment"].pk}
    ),
    "classes:course-calendar-regenerate": teacher_post(course),
    "classes:teacher-calendar-regenerate": teacher_post(),
    "classes:calendar-feed": everyone(200, kwargs=lambda w: {"token": w["course"].calendar_token}),
    # The roster: teachers only, each their own; health data behind a POST.
    "students:student-list": teacher_list(),
    "students:student-create": teacher_list(),
    "students:student-import": teacher_list(),
    "students:student-export": teacher_list(),
    "students:student-detail": teacher_own(pupil),
    "students:student-edit": teacher_own(pupil),
    "students:audit-log": teacher_own(pupil),
    "students:health-show": teacher_post(pupil),
    "students:health-create": teacher_post(pupil),
    "students:health-edit": teacher_post(lambda w: {"pk": w["pupil"].pk, "note_pk": w["note"].pk}),
    "students:health-delete": teacher_post(
        lambda w: {"pk": w["pupil"].pk, "note_pk": w["note"].pk}
    ),
    "students:consent-record": teacher_post(pupil),
    "students:consent-withdraw": teacher_post(pupil),
    "students:invitation-send": teacher_post(pupil),
    "students:invitation-revoke": teacher_post(pupil),
    "students:invitation-accept": everyone(200, kwargs=lambda w: {"token": w["invitation_token"]}),
    "students:my-health": row("login", 200, 200, 403, 403, 403),
    # Home routines: the student's own (another student gets 404); teachers assign.
    "students:me": row("login", 200, 200, 403, 403, 403),
    "students:history": row("login", 200, 200, 403, 403, 403),
    "students:routine-play": student_own(),
    "students:routine-log": student_own(),
    "students:routine-print": student_own(),
    "students:routine-pdf": student_own(),
    "students:handout": student_own(lambda w: {"pk": w["plan_version"].pk}),
    "students:data-export": row("login", 405, 405, 403, 403, 403),
    "students:account-delete": row("login", 405, 405, 403, 403, 403),
    "students:reminders-stop": everyone(200, kwargs=lambda w: {"token": w["reminders_token"]}),
    "students:assign-student": teacher_own(pupil),
    "students:assign-course": teacher_own(course),
    "students:course-adherence": teacher_own(course),
    "students:assignment-detail": teacher_own(lambda w: {"pk": w["assignment"].pk}),
    "students:assignment-action": teacher_post(lambda w: {"pk": w["assignment"].pk}),
    "students:assignment-edit": teacher_own(lambda w: {"pk": w["assignment"].pk}),
}


def url_names(patterns=None, namespace=""):
    """Every named pattern of the URLconf, namespaced; the admin's own pages are the admin's."""
    names, unnamed = [], []
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace == "admin":
                names.append("admin:index")  # Django's admin guards its own pages (staff only)
                continue
            sub_names, sub_unnamed = url_names(pattern.url_patterns, ns)
            names += sub_names
            unnamed += sub_unnamed
        elif isinstance(pattern, URLPattern):
            if pattern.callback is serve:
                continue  # media files in DEBUG
            if pattern.name:
                names.append(f"{namespace}{pattern.name}")
            else:
                unnamed.append(str(pattern.pattern))
    return names, unnamed


def test_every_url_pattern_has_an_entry():
    names, unnamed = url_names()
    assert unnamed == [], f"URL patterns without a name: {unnamed}"
    missing = sorted(set(names) - set(MATRIX))
    assert missing == [], f"URL patterns with no access-matrix entry: {missing}"
    stale = sorted(set(MATRIX) - set(names))
    assert stale == [], f"Access-matrix entries for URLs that no longer exist: {stale}"


@pytest.fixture
def world(teacher, other_teacher, student, other_student, curator):
    published_technique = TechniqueFactory(slug="published-one")
    submitted_technique = TechniqueFactory(
        slug="teachers-submission", status=Technique.Status.SUBMITTED, author=teacher
    )
    revision = TechniqueRevision.objects.create(
        technique=published_technique, kind=TechniqueRevision.Kind.CREATED, snapshot={}
    )
    proposal = EditProposal.objects.create(
        technique=published_technique, author=teacher, data={"summary": "A better summary."}
    )
    plan = make_plan(teacher, techniques=[published_technique])
    services.plan_publish(plan=plan, expected_version=plan.lock_version)
    ClassPlan.objects.filter(pk=plan.pk).update(share_token=ClassPlan.new_share_token())
    plan.refresh_from_db()
    course = Course.objects.create(teacher=teacher, title="Tuesdays")
    pupil = Student.objects.create(teacher=teacher, name="Priya", email="priya@example.test")
    services.enrol(course=course, students=[pupil])
    pupil.consent_given_at = timezone.now()
    pupil.save()
    invitation = Invitation.objects.create(student=pupil, email=pupil.email, created_by=teacher)
    pupil.account = student
    pupil.save()
    version = plan.versions.get()
    Session.objects.create(course=course, starts_at=timezone.now(), plan_version=version)
    assignment = student_services.assign(
        students=[pupil], version=version, frequency="daily", starts_on=timezone.localdate()
    )[0]
    return {
        "assignment": assignment,
        "plan_version": version,
        "reminders_token": reminders_token(student),
        "course": course,
        "session": Session.objects.create(course=course, starts_at=timezone.now()),
        "enrolment": course.enrolments.get(),
        "pupil": pupil,
        "note": HealthNote.objects.create(student=pupil, condition="Whiplash"),
        "invitation_token": student_services.invitation_token(invitation),
        "plan": plan,
        "step": plan.routine.steps.get(),
        "section": plan.routine.sections.last(),
        "anonymous": None,
        "student": student,
        "other_student": other_student,
        "teacher": teacher,
        "other_teacher": other_teacher,
        "curator": curator,
        "published": published_technique,
        "submitted": submitted_technique,
        "revision": revision,
        "proposal": proposal,
    }


CASES = [(name, role) for name in sorted(MATRIX) for role in ROLES]


@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_access(client, world, name, role):
    entry = MATRIX[name]
    url = reverse(name, kwargs=entry["kwargs"](world))
    if world[role] is not None:
        client.force_login(world[role])
    response = client.get(url)
    expected = entry["expected"][role]
    if expected == "login":
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login")), response.url
    elif expected == "admin-login":
        assert response.status_code == 302, url
        assert response.url.startswith("/admin/login/"), response.url
    elif expected == "home":
        assert response.status_code == 302, url
        assert response.url == "/", response.url
    elif expected == "me":
        assert response.status_code == 302, url
        assert response.url == "/me/", response.url
    else:
        assert response.status_code == expected, f"{url} as {role}"

"""Every named URL, for every kind of visitor: the outcome is written down here.

A URL pattern without an entry in MATRIX fails `test_every_url_pattern_has_an_entry`,
so no view can be added without deciding who may reach it.

Outcomes: an HTTP status, or "login" (sent to sign in), "admin-login" (sent to the
admin's sign-in), "home" (sent to the dashboard), "me" (a student sent to their page).
"owner" objects belong to `teacher` or `student`; the "other" visitors own nothing of theirs.

Every URL is also POSTed by every visitor, empty but for a valid CSRF token of the visitor's
own (with CSRF checks enforced, as in a browser), and `post=` writes down what happens:
- left out, the URL takes no POST: a visitor sent to sign in or refused (403) for the GET is
  for the POST too, and everyone else gets 405 (the method is checked before any object is
  looked up). So a view that starts taking POST fails here until its entry says what its
  POST does, as a new URL fails until it has an entry;
- one outcome: the GET's refusals (sign in, 403, 404, sent away) stay; everyone else gets it;
- six outcomes, one per visitor, in the order of ROLES.
A POST refused for who sent it (sent to sign in or away, 403, 404), for its method (405) or
for a stale plan (409) must change nothing in the database. Without the token, every POST
is refused (403) and changes nothing, whoever sends it.

Every GET by a signed-in visitor must also come back `Cache-Control: private, no-cache` or
stricter, and `no-store` where it shows health data (issue 16; the world's health note
asks to avoid what its plan works, so findings and badges show where they would).
"""

import re

import pytest
from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.views.static import serve

from accounts import verification
from accounts.models import User
from classes import services
from classes.models import ClassPlan, Course, Session, StepModification
from routines.models import EditProposal, Technique, TechniqueRevision
from students import services as student_services
from students.models import HealthNote, Invitation, Student
from students.reminders import reminders_token
from tests import factories
from tests.factories import TechniqueFactory, make_plan

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

ROLES = ["anonymous", "student", "other_student", "teacher", "other_teacher", "curator"]


# Refused by the role decorators, which sit outside the views' method checks.
ROLE_REFUSED = {"login", "admin-login", 403}
# Refused by the view itself, which (when it takes POST) refuses a POST the same way.
NOT_ANSWERED = ROLE_REFUSED | {404, "home", "me"}


def row(anonymous, student, other_student, teacher, other_teacher, curator, kwargs=None, post=405):
    expected = dict(
        zip(
            ROLES, [anonymous, student, other_student, teacher, other_teacher, curator], strict=True
        )
    )
    if isinstance(post, tuple):
        expected_post = dict(zip(ROLES, post, strict=True))
    else:
        kept = ROLE_REFUSED if post == 405 else NOT_ANSWERED
        expected_post = {
            role: outcome if outcome in kept else post for role, outcome in expected.items()
        }
    return {
        "expected": expected,
        "post": expected_post,
        "kwargs": kwargs or (lambda world: {}),
    }


def everyone(outcome, kwargs=None, post=405):
    return row(*[outcome] * 6, kwargs=kwargs, post=post)


def teachers_only(kwargs=None, other_teacher=200, post=405):
    return row("login", 403, 403, 200, other_teacher, 403, kwargs=kwargs, post=post)


def curators_only(kwargs=None, ok=200, post=405):
    return row("login", 403, 403, 403, 403, ok, kwargs=kwargs, post=post)


def signed_in(kwargs=None, post=405):
    return row("login", 200, 200, 200, 200, 200, kwargs=kwargs, post=post)


def own_plan(post=405):
    return row("login", 403, 403, 200, 404, 404, kwargs=lambda w: {"pk": w["plan"].pk}, post=post)


def plan_post(owner, step=False, kwargs=None):
    """POST-only plan actions: a GET is refused (405) once the role is right; a POST is the
    owner's alone (another teacher, or a curator, gets 404)."""
    if kwargs is None:
        kwargs = (
            (lambda w: {"pk": w["plan"].pk, "step_pk": w["step"].pk})
            if step
            else (lambda w: {"pk": w["plan"].pk})
        )
    return row(
        "login", 403, 403, 405, 405, 405, kwargs=kwargs, post=("login", 403, 403, owner, 404, 404)
    )


def student_own(kwargs=None, post=405):
    kwargs = kwargs or (lambda w: {"pk": w["assignment"].pk})
    return row("login", 200, 404, 403, 403, 403, kwargs=kwargs, post=post)


def teacher_list(post=405):
    return row("login", 403, 403, 200, 200, 403, post=post)


def teacher_own(kwargs, post=405):
    return row("login", 403, 403, 200, 404, 403, kwargs=kwargs, post=post)


def teacher_post(owner, kwargs=None):
    """POST-only teacher actions on the teacher's own object (another teacher gets 404);
    without an object, every teacher acts on their own."""
    post = ("login", 403, 403, owner, owner if kwargs is None else 404, 403)
    return row("login", 403, 403, 405, 405, 403, kwargs=kwargs, post=post)


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


# Sign-up (issue 15): a course's join link turned on, and an unverified account's link.
def join_link(world):
    Course.objects.filter(pk=world["course"].pk).update(join_token="j" * 43)
    return {"token": "j" * 43}


def verify_link(world):
    user = User.objects.create_user(email="new@example.test", email_verified=False)
    return {"token": verification.verification_token(user)}


def join_confirm_link(world):
    user = User.objects.create_user(email="new@example.test", email_verified=False)
    token = join_link(world)["token"]
    return {"signed": verification.verification_token(user, c=world["course"].pk, j=token)}


MATRIX = {
    # The view checks the method before anything else: every POST gets 405.
    "home": row(200, "me", "me", 200, 200, 200, post=(405,) * 6),
    "healthz": everyone(200),
    # The scripts' words (issue 18): the same file for everyone, read-only.
    "javascript-catalog": everyone(200),
    # Uploaded media: only technique photos are public; a stored plan PDF is its view's.
    "media": everyone(404, kwargs=lambda w: {"path": "plans/pdf/plan-1-v1-a4.pdf"}),
    "login": row(200, "home", "home", "home", "home", "home", post=200),
    "logout": everyone(405, post=302),
    # The language menu (issue 18): anyone may choose, with a POST; it sends them back.
    "set_language": everyone(405, post=302),
    "password_change": signed_in(post=200),
    "password_change_done": signed_in(),
    "password_reset": everyone(200, post=200),
    "password_reset_done": everyone(200),
    "password_reset_confirm": everyone(
        200, kwargs=lambda w: {"uidb64": "MQ", "token": "bad-token"}, post=200
    ),
    "password_reset_complete": everyone(200),
    # Sign-up (issue 15): an empty POST is a form with its errors; nobody is let in by a link
    # alone; join links are for students (a student's POST joins, then shows the page again).
    "signup": row(200, "home", "home", "home", "home", "home", post=200),
    "signup-sent": everyone(200),
    "verify-status": signed_in(post=200),
    # Issue 15: a person's own settings; an empty POST is a valid form (every field optional).
    "account-settings": signed_in(post=302),
    "verify-email": everyone(200, kwargs=verify_link, post=200),
    "classes:course-join-link": teacher_post(302, course),
    "classes:join": row(
        200, 200, 200, 403, 403, 403, kwargs=join_link, post=(200, 302, 302, 403, 403, 403)
    ),
    "classes:join-sent": everyone(200, kwargs=join_link),
    "classes:join-confirm": everyone(200, kwargs=join_confirm_link, post=200),
    "admin:index": row(
        "admin-login", "admin-login", "admin-login", "admin-login", "admin-login", 200, post=200
    ),
    # The technique library
    "routines:library": everyone(200),
    "routines:technique-detail": row(
        404, 404, 404, 200, 404, 200, kwargs=submitted, post=(405,) * 6
    ),
    "routines:my-submissions": teachers_only(post=200),
    "routines:submission-create": teachers_only(post=200),
    "routines:submission-edit": teachers_only(
        kwargs=submitted, other_teacher=404, post=409
    ),  # no version
    "routines:proposal-create": teachers_only(kwargs=published, post=409),  # no version
    # Curation
    "routines:curate": curators_only(post=200),
    "routines:curate-create": curators_only(post=200),
    "routines:curate-pictures": curators_only(),
    "routines:curate-translations": curators_only(),
    "routines:curate-edit": curators_only(kwargs=published, post=409),  # no version
    "routines:curate-history": curators_only(kwargs=published, post=200),
    "routines:curate-status": curators_only(kwargs=published, ok=405, post=302),
    "routines:curate-delete": curators_only(kwargs=published, ok=405, post=302),
    "routines:curate-restore": curators_only(
        kwargs=lambda w: {"slug": w["published"].slug, "revision_id": w["revision"].pk},
        ok=405,
        post=302,
    ),
    "routines:proposal-review": curators_only(kwargs=lambda w: {"pk": w["proposal"].pk}, post=200),
    # Class plans: the teacher's own; another teacher (or a curator) gets 404.
    # An empty POST sends no plan version: 409 where the change is checked against it.
    "classes:plan-list": row("login", 403, 403, 200, 200, 200),
    "classes:plan-create": row("login", 403, 403, 200, 200, 200, post=200),
    "classes:plan-builder": own_plan(),
    "classes:builder-library": own_plan(),
    "classes:plan-delete": own_plan(post=302),
    "classes:plan-print": own_plan(),
    "classes:plan-pdf": own_plan(),
    "classes:plan-teach": own_plan(),
    "classes:plan-edit": plan_post(422),
    "classes:step-add": plan_post(422),
    "classes:step-add-other": plan_post(422),
    "classes:steps-reorder": plan_post(409),
    "classes:step-update": plan_post(422, step=True),
    "classes:step-move": plan_post(422, step=True),
    "classes:step-remove": plan_post(409, step=True),
    # The world's step is neither removed nor swapped: nothing to undo.
    "classes:step-undo": plan_post(404, step=True),
    "classes:step-swap": plan_post(422, step=True),
    "classes:step-unswap": plan_post(404, step=True),
    "classes:step-modify": plan_post(422, step=True),
    "classes:modification-delete": plan_post(
        302, kwargs=lambda w: {"pk": w["plan"].pk, "modification_pk": w["modification"].pk}
    ),
    "classes:section-save": plan_post(422),
    "classes:section-delete": plan_post(
        409, kwargs=lambda w: {"pk": w["plan"].pk, "section_pk": w["section"].pk}
    ),
    "classes:plan-publish": plan_post(409),
    "classes:finding-dismiss": plan_post(422),
    "classes:finding-restore": plan_post(422),  # no finding named
    "classes:plan-share": plan_post(302),
    "classes:plan-duplicate": plan_post(302),
    "classes:share": everyone(200, kwargs=lambda w: {"token": w["plan"].share_token}),
    # Courses: teachers only, each their own.
    "classes:course-list": teacher_list(),
    "classes:course-create": teacher_list(post=200),
    "classes:course-detail": teacher_own(course),
    "classes:course-edit": teacher_own(course, post=409),  # no version sent
    "classes:session-detail": teacher_own(session),
    "classes:attendance-export": teacher_own(course),
    "classes:session-add": teacher_post(422, course),
    "classes:sessions-generate": teacher_post(422, course),
    "classes:session-update": teacher_post(409, session),  # no version sent
    "classes:session-attendance": teacher_post(404, session),
    "classes:session-attendance-all": teacher_post(302, session),  # issue 15: All present
    "classes:course-enrol": teacher_post(302, course),
    "classes:course-unenrol": teacher_post(
        302, lambda w: {"pk": w["course"].pk, "enrolment_pk": w["enrolment"].pk}
    ),
    "classes:course-calendar-regenerate": teacher_post(302, course),
    "classes:teacher-calendar-regenerate": teacher_post(302),
    "classes:calendar-feed": everyone(200, kwargs=lambda w: {"token": w["course"].calendar_token}),
    # The roster: teachers only, each their own; health data behind a POST.
    "students:student-list": teacher_list(),
    "students:student-create": teacher_list(post=200),
    "students:student-import": teacher_list(post=422),
    "students:student-export": teacher_list(),
    "students:student-detail": teacher_own(pupil),
    "students:student-edit": teacher_own(pupil, post=409),  # no version sent
    "students:audit-log": teacher_own(pupil),
    "students:health-show": teacher_post(200, pupil),
    "students:health-create": teacher_post(422, pupil),
    "students:health-edit": teacher_post(  # no version sent
        409, lambda w: {"pk": w["pupil"].pk, "note_pk": w["note"].pk}
    ),
    # The note is deleted and the student page shown again, notes open.
    "students:health-delete": teacher_post(
        200, lambda w: {"pk": w["pupil"].pk, "note_pk": w["note"].pk}
    ),
    "students:consent-record": teacher_post(302, pupil),
    "students:consent-withdraw": teacher_post(302, pupil),
    "students:invitation-send": teacher_post(302, pupil),
    "students:invitation-revoke": teacher_post(302, pupil),
    "students:invitation-accept": everyone(
        200, kwargs=lambda w: {"token": w["invitation_token"]}, post=200
    ),
    "students:my-health": row("login", 200, 200, 403, 403, 403, post=200),
    # Home routines: the student's own (another student gets 404); teachers assign.
    "me": row("login", 200, 200, 403, 403, 403),
    "students:history": row("login", 200, 200, 403, 403, 403),
    "students:routine-play": student_own(),
    "students:routine-log": student_own(post=422),
    "students:routine-print": student_own(),
    "students:routine-pdf": student_own(),
    "classes:handout": student_own(lambda w: {"pk": w["plan_version"].pk}),
    # Without the password, nothing is exported or deleted: back to the student's page.
    "students:data-export": row("login", 405, 405, 403, 403, 403, post="me"),
    "students:account-delete": row("login", 405, 405, 403, 403, 403, post="me"),
    "students:reminders-stop": everyone(
        200, kwargs=lambda w: {"token": w["reminders_token"]}, post=200
    ),
    "classes:assign-student": teacher_own(pupil, post=422),
    "classes:assign-course": teacher_own(course, post=422),
    "classes:course-adherence": teacher_own(course),
    "classes:assignment-detail": teacher_own(lambda w: {"pk": w["assignment"].pk}),
    "classes:assignment-action": teacher_post(302, lambda w: {"pk": w["assignment"].pk}),
    "classes:assignment-edit": teacher_own(  # no version sent
        lambda w: {"pk": w["assignment"].pk}, post=409
    ),
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


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One world for the module, built once per test process and rolled back at the end.
    Each test runs inside its own savepoint on top of it (the `db` fixture), so what a test
    writes, a POST included, is gone before the next one: 2,400 cases do not build it 2,400
    times."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield with_health_findings(build_world())
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def with_health_findings(world):
    """The roster's health note asks to avoid what the plan works, and the plan is checked
    against the course's roster, so that the pages that show health data (findings, the
    health-note badge) do show it, and their Cache-Control can be checked (issue 16)."""
    regions = list(world["published"].regions.all())
    world["note"].avoid_regions.set(regions)
    ClassPlan.objects.filter(pk=world["plan"].pk).update(check_course=world["course"])
    world["plan"].refresh_from_db()
    return {**world, "avoided": [region.name for region in regions]}


def build_world():
    teacher = factories.TeacherFactory(email="teacher@example.test", name="Tess Teacher")
    other_teacher = factories.TeacherFactory(email="teacher2@example.test", name="Theo Other")
    student = factories.StudentFactory(email="student@example.test", name="Sam Student")
    other_student = factories.StudentFactory(email="student2@example.test", name="Sasha Other")
    curator = factories.CuratorFactory(email="curator@example.test", name="Cora Curator")
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
    assignment = services.homework_assign(
        students=[pupil], version=version, frequency="daily", starts_on=timezone.localdate()
    )[0]
    step = plan.routine.steps.get()
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
        "step": step,
        "modification": StepModification.objects.create(
            plan=plan, step=step, student=pupil, text="Seated instead.", created_by=teacher
        ),
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


def assert_outcome(response, expected, where):
    if expected == "login":
        assert response.status_code == 302, where
        assert response.url.startswith(reverse("login")), response.url
    elif expected == "admin-login":
        assert response.status_code == 302, where
        assert response.url.startswith("/admin/login/"), response.url
    elif expected == "home":
        assert response.status_code == 302, where
        assert response.url == "/", response.url
    elif expected == "me":
        assert response.status_code == 302, where
        assert response.url == "/me/", response.url
    else:
        assert response.status_code == expected, where


def is_refusal(outcome):
    """Refused for who sent it, for its method, or for a stale plan. (An invalid POST, 422,
    may show the student's health notes again, and that view is audited: a write.)"""
    return outcome in NOT_ANSWERED or outcome in (405, 409)


# A stale health-note edit (409) shows the student's notes again, with the typed text kept,
# and every showing of notes is audited: its one write is the "viewed" entry.
AUDITED_WHEN_STALE = {"students:health-edit"}


def refused_writes(name, before, after):
    changed = changed_tables(before, after)
    if name in AUDITED_WHEN_STALE and set(changed) == {"students.AuditEntry"}:
        rows = changed.pop("students.AuditEntry")
        added = [row for row in rows["after"] if row not in rows["before"]]
        assert len(added) == 1 and "viewed" in added[0], added
        assert all(row in rows["after"] for row in rows["before"]), "audit entries went"
    return changed


def database_rows():
    """Every row of every table, by model: the world is small enough to compare whole."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values_list())
        for model in apps.get_models()
    }


def changed_tables(before, after):
    return {
        label: {"before": rows, "after": after[label]}
        for label, rows in before.items()
        if rows != after[label]
    }


CASES = [(name, role) for name in sorted(MATRIX) for role in ROLES]


@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_access(db, client, world, name, role):
    entry = MATRIX[name]
    url = reverse(name, kwargs=entry["kwargs"](world))
    if world[role] is not None:
        client.force_login(world[role])
    response = client.get(url)
    assert_outcome(response, entry["expected"][role], f"{url} as {role}")
    if world[role] is not None:
        assert_not_cached(response, world, f"GET {url} as {role}")


# --- Issue 16: no caching of signed-in pages ---------------------------------------------


def cache_directives(response) -> set[str]:
    value = response.get("Cache-Control", "")
    return {part.split("=")[0].strip().lower() for part in value.split(",") if part.strip()}


def health_data_shown(body: str, world) -> list[str]:
    """What health data a page shows: the note's condition, a finding naming what a student
    must avoid, or the badge saying a student has a health note."""
    shown = []
    if world["note"].condition in body:
        shown.append("the note's condition")
    for name in world["avoided"]:
        if re.search(rf"avoid[^<.]*{re.escape(name)}", body, re.IGNORECASE):
            shown.append(f"avoid {name}")
    if "health note (details on the student" in body:
        shown.append("the health-note badge")
    return shown


def assert_not_cached(response, world, where):
    """Every answer to a signed-in visitor is private, no-cache or stricter (no-store); an
    answer that shows health data is no-store."""
    found = cache_directives(response)
    header = response.get("Cache-Control")
    assert "no-store" in found or {"private", "no-cache"} <= found, f"{where}: {header!r}"
    if response.status_code == 200 and "html" in response.get("Content-Type", ""):
        shown = health_data_shown(response.content.decode(), world)
        assert not shown or "no-store" in found, f"{where} shows {shown} with {header!r}"


POST_CASES = [pytest.param(name, role, id=f"{name}-{role}") for name, role in CASES]


@pytest.fixture
def browser():
    """A client that, like a browser, is held to Django's CSRF checks."""
    return Client(enforce_csrf_checks=True)


def csrf_token(client):
    """A valid CSRF token of this client's own: the cookie the site sets with any page that
    has a form (signing in gives a fresh one) and the masked token such a form carries. Made
    by Django's get_token on a request with the client's cookies, so no page is rendered."""
    request = HttpRequest()
    request.COOKIES = {name: morsel.value for name, morsel in client.cookies.items()}
    token = get_token(request)
    client.cookies[settings.CSRF_COOKIE_NAME] = request.META["CSRF_COOKIE"]
    return token


@pytest.mark.parametrize(("name", "role"), POST_CASES)
def test_post(db, browser, world, name, role):
    entry = MATRIX[name]
    url = reverse(name, kwargs=entry["kwargs"](world))
    if world[role] is not None:
        browser.force_login(world[role])
    token = csrf_token(browser)
    expected = entry["post"][role]
    before = database_rows()
    response = browser.post(url, {"csrfmiddlewaretoken": token})
    where = f"POST {url} as {role}"
    hint = (
        f" ({name} takes POST now? Write down what it does with post=)" if expected == 405 else ""
    )
    assert_outcome(response, expected, where + hint)
    if is_refusal(expected):
        changed = refused_writes(name, before, database_rows())
        assert changed == {}, f"{where} was refused, yet wrote"


def accepting_role(name):
    """The visitor whose POST to this URL gets furthest (not refused), or the teacher."""
    posts = MATRIX[name]["post"]
    return next((role for role in ROLES if not is_refusal(posts[role])), "teacher")


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_post_without_a_csrf_token_is_refused_and_changes_nothing(db, browser, world, name):
    role = accepting_role(name)
    url = reverse(name, kwargs=MATRIX[name]["kwargs"](world))
    if world[role] is not None:
        browser.force_login(world[role])
    before = database_rows()
    response = browser.post(url)
    assert response.status_code == 403, f"POST {url} as {role} without a CSRF token"
    assert changed_tables(before, database_rows()) == {}, f"POST {url} without a token wrote"

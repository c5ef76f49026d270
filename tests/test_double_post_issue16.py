"""Issue 16, bad input: a double POST of any create form, from a double click, creates one
object or says why not.

Each create form is opened as a browser would (its page fetched, its fields read from the
HTML), filled in, and posted twice with the same body. Exactly one object is created; the
second answer is a redirect to where the first went (the form's one-time token,
accounts/once.py), or a refusal that says why (the practice log's own key, the builder's
plan version, a unique address). A fresh copy of the form then creates a second object,
so the token blocks only the repeat.
"""

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import FormSubmission, Role, User
from accounts.once import FIELD, PLACEHOLDER, claim_key
from classes import services as plan_services
from classes.models import ClassPlan, Enrolment, PlanVersion, Session
from routines.models import EditProposal, Step, Technique
from students import services as roster_services
from students.models import Assignment, HealthNote, PracticeLog, Student
from tests.factories import (
    CourseFactory,
    RegionFactory,
    RosterStudentFactory,
    TechniqueFactory,
    make_plan,
)
from tests.test_stale_saves_issue16 import form_body

pytestmark = pytest.mark.django_db


@dataclass
class CreateForm:
    """A create form: who posts it, how its page is opened, the form's action attribute
    ("" for one posting to its own page), what to fill in, and what it creates."""

    user: User | None
    open_page: Callable
    action: str
    count: Callable[[], int]
    fill: dict = field(default_factory=dict)
    files: Callable[[], dict] = dict
    # The second post is refused by the form's own key rather than redirected like the first.
    refused_by_key: bool = False
    # What it creates is one per key whatever the form (one enrolment per student and course).
    one_per_key: bool = False

    def post_url(self, page) -> str:
        return self.action or page.request["PATH_INFO"]


def published_plan(teacher):
    plan = make_plan(teacher, techniques=[TechniqueFactory()])
    plan_services.plan_publish(plan=plan, expected_version=plan.lock_version)
    return plan


def technique_fill() -> dict:
    technique = TechniqueFactory()  # its vocabulary, for the new one's choices
    return {
        "name": "Calf roll on a foam roller, second take",
        "summary": "Roll the calf slowly.",
        "regions": [technique.regions.first().pk],
        "actions": [technique.actions.first().pk],
        "equipment": [technique.equipment.first().pk],
        "tissues": "gastrocnemius",
        "instructions": "Sit tall.\nPlace the roller under the calf.\nRoll slowly.",
        "cues": "Breathe.\nGo slowly.",
        "mistakes": "Rushing.",
        "position": "seated",
        "duration_seconds": "60",
        "level": "beginner",
        "intensity": "gentle",
        "confirm_distinct": "on",
    }


def plan_create(teacher, client):
    return CreateForm(
        user=teacher,
        open_page=lambda: client.get(reverse("classes:plan-create")),
        action="",
        fill={"title": "Feet for runners"},
        count=lambda: ClassPlan.objects.filter(owner=teacher).count(),
    )


def plan_copy(teacher, client):
    plan = make_plan(teacher)
    return CreateForm(
        user=teacher,
        open_page=lambda: client.get(reverse("classes:plan-list")),
        action=reverse("classes:plan-duplicate", args=[plan.pk]),
        count=lambda: ClassPlan.objects.filter(owner=teacher).count(),
    )


def course_create(teacher, client):
    return CreateForm(
        user=teacher,
        open_page=lambda: client.get(reverse("classes:course-create")),
        action="",
        fill={"title": "Tuesday rollers"},
        count=lambda: teacher.courses.count(),
    )


def session_add(teacher, client):
    course = CourseFactory(teacher=teacher)
    return CreateForm(
        user=teacher,
        open_page=lambda: client.get(course.get_absolute_url()),
        action=reverse("classes:session-add", args=[course.pk]),
        fill={"one-date": "2026-12-08", "one-time": "18:30", "one-duration_minutes": "60"},
        count=lambda: Session.objects.filter(course=course).count(),
    )


def series_add(teacher, client):
    course = CourseFactory(teacher=teacher)
    return CreateForm(
        user=teacher,
        open_page=lambda: client.get(course.get_absolute_url()),
        action=reverse("classes:sessions-generate", args=[course.pk]),
        fill={"series-date": "2026-12-08", "series-time": "18:30", "series-count": "3"},
        # Three sessions a post: counted in series.
        count=lambda: Session.objects.filter(course=course).count() // 3,
    )


def enrolment(teacher, client):
    course = CourseFactory(teacher=teacher)
    entry = RosterStudentFactory(teacher=teacher)
    return CreateForm(
        user=teacher,
        open_page=lambda: client.get(course.get_absolute_url()),
        action=reverse("classes:course-enrol", args=[course.pk]),
        fill={"students": [str(entry.pk)]},
        count=lambda: Enrolment.objects.filter(course=course).count(),
        one_per_key=True,
    )


def roster_entry(teacher, client):
    return CreateForm(
        user=teacher,
        open_page=lambda: client.get(reverse("students:student-create")),
        action="",
        fill={"name": "Sam Sample"},
        count=lambda: Student.objects.filter(teacher=teacher).count(),
    )


def roster_import(teacher, client):
    def preview():
        csv = io.BytesIO(b"name,email\nAlex Import,\nBea Import,\n")
        csv.name = "roster.csv"
        return client.post(reverse("students:student-import"), {"file": csv})

    return CreateForm(
        user=teacher,
        open_page=preview,
        action=reverse("students:student-import"),
        fill={"step": "confirm"},
        # Two rows a post (without emails: nothing else tells the two imports apart).
        count=lambda: Student.objects.filter(teacher=teacher).count() // 2,
    )


def invitation(teacher, client):
    entry = RosterStudentFactory(teacher=teacher, email="sam@example.test")
    return CreateForm(
        user=teacher,
        open_page=lambda: client.get(entry.get_absolute_url()),
        action=reverse("students:invitation-send", args=[entry.pk]),
        count=lambda: len(mail.outbox),
    )


def health_note(teacher, client):
    entry = RosterStudentFactory(teacher=teacher, consented=True)
    region = RegionFactory()
    return CreateForm(
        user=teacher,
        open_page=lambda: client.post(reverse("students:health-show", args=[entry.pk])),
        action=reverse("students:health-create", args=[entry.pk]),
        fill={"new-condition": "Whiplash", "new-avoid_regions": [str(region.pk)]},
        count=lambda: HealthNote.objects.filter(student=entry).count(),
    )


def assignment(teacher, client):
    entry = RosterStudentFactory(teacher=teacher)
    plan = published_plan(teacher)
    return CreateForm(
        user=teacher,
        open_page=lambda: client.get(reverse("classes:assign-student", args=[entry.pk])),
        action="",
        fill={"version": str(plan.versions.get().pk)},
        count=lambda: Assignment.objects.filter(student=entry).count(),
    )


def submission(teacher, client):
    return CreateForm(
        user=teacher,
        open_page=lambda: client.get(reverse("routines:submission-create")),
        action="",
        fill=technique_fill(),
        count=lambda: Technique.objects.filter(author=teacher).count(),
    )


def curated_technique(curator, client):
    fill = technique_fill()
    return CreateForm(
        user=curator,
        open_page=lambda: client.get(reverse("routines:curate-create")),
        action="",
        fill=fill,
        count=lambda: Technique.objects.filter(name__startswith=fill["name"]).count(),
    )


def proposal(teacher, client):
    technique = TechniqueFactory(status=Technique.Status.PUBLISHED)
    return CreateForm(
        user=teacher,
        open_page=lambda: client.get(reverse("routines:proposal-create", args=[technique.slug])),
        action="",
        fill={"summary": "A clearer summary.", "note": "Clearer"},
        count=lambda: EditProposal.objects.filter(technique=technique).count(),
    )


def practice_log(student, client):
    teacher = User.objects.create_user(email="t-log@example.test", role=Role.TEACHER)
    entry = RosterStudentFactory(teacher=teacher, account=student)
    version = published_plan(teacher).versions.get()
    [homework] = roster_services.assign(
        students=[entry], version=version, frequency="nightly", starts_on=timezone.localdate()
    )
    return CreateForm(
        user=student,
        open_page=lambda: client.get(reverse("students:routine-log", args=[homework.pk])),
        action=reverse("students:routine-log", args=[homework.pk]),
        fill={"minutes": "1", "tension_before": "6", "tension_after": "3"},
        count=lambda: PracticeLog.objects.filter(assignment=homework).count(),
        refused_by_key=True,  # its own key: "That practice was already logged."
    )


def publish(teacher, client):
    plan = make_plan(teacher, techniques=[TechniqueFactory()])
    return CreateForm(
        user=teacher,
        open_page=lambda: client.get(plan.get_absolute_url()),
        action=reverse("classes:plan-publish", args=[plan.pk]),
        count=lambda: PlanVersion.objects.filter(plan=plan).count(),
    )


def signup(_user, client):
    return CreateForm(
        user=None,
        open_page=lambda: client.get(reverse("signup")),
        action=reverse("signup"),
        fill={
            "name": "Tess Teacher",
            "email": "tess@example.test",
            "password1": "a long enough passphrase 42",
            "password2": "a long enough passphrase 42",
        },
        # One account, and one email: a second post would mail the owner a notice.
        count=lambda: User.objects.filter(email="tess@example.test").count() * len(mail.outbox),
    )


def join_signup(teacher, client):
    course = CourseFactory(teacher=teacher, join_token="join-token-for-double-posts-1")
    teacher.email_verified = True
    teacher.save(update_fields=["email_verified"])
    return CreateForm(
        user=None,
        open_page=lambda: client.get(reverse("classes:join", args=[course.join_token])),
        action=reverse("classes:join", args=[course.join_token]),
        fill={
            "name": "Sid Student",
            "email": "sid@example.test",
            "password1": "a long enough passphrase 42",
            "password2": "a long enough passphrase 42",
        },
        count=lambda: User.objects.filter(email="sid@example.test").count() * len(mail.outbox),
    )


def invitation_accept(teacher, client):
    entry = RosterStudentFactory(teacher=teacher, email="ivy@example.test")
    url = {}

    def open_page():
        if not url:
            roster_services.invitation_send(
                student=entry, sent_by=teacher, build_url=lambda token: f"/invite/{token}/"
            )
            url["invite"] = mail.outbox[-1].body.split("/invite/")[1].split("/")[0]
        return client.get(reverse("students:invitation-accept", args=[url["invite"]]))

    return CreateForm(
        user=None,
        open_page=open_page,
        action="",
        fill={
            "name": "Ivy",
            "password1": "a long enough passphrase 42",
            "password2": "a long enough passphrase 42",
        },
        count=lambda: User.objects.filter(email="ivy@example.test").count(),
    )


CREATE_FORMS = {
    "plan": ("teacher", plan_create),
    "plan copy": ("teacher", plan_copy),
    "course": ("teacher", course_create),
    "session": ("teacher", session_add),
    "weekly series": ("teacher", series_add),
    "enrolment": ("teacher", enrolment),
    "roster entry": ("teacher", roster_entry),
    "roster import": ("teacher", roster_import),
    "invitation": ("teacher", invitation),
    "health note": ("teacher", health_note),
    "home routine": ("teacher", assignment),
    "technique submission": ("teacher", submission),
    "technique (curator)": ("curator", curated_technique),
    "proposed edit": ("teacher", proposal),
    "practice log": ("student", practice_log),
    "published version": ("teacher", publish),
    "sign-up": ("teacher", signup),
    "join link sign-up": ("teacher", join_signup),
    "invitation accepted": ("teacher", invitation_accept),
}


@pytest.fixture
def create_form(request, client, teacher, curator, student):
    role, make = CREATE_FORMS[request.param]
    user = {"teacher": teacher, "curator": curator, "student": student}[role]
    form = make(user, client)
    if form.user is not None:
        client.force_login(form.user)
    return form


def filled(form, page) -> dict:
    body = form_body(page.content.decode(), form.action)
    return {**body, **form.fill}


@pytest.mark.parametrize("create_form", list(CREATE_FORMS), indirect=True)
class TestEveryCreateForm:
    def test_posted_twice_it_creates_one(self, client, create_form):
        form = create_form
        before = form.count()
        page = form.open_page()
        assert page.status_code == 200
        body = filled(form, page)
        url = form.post_url(page)
        first = client.post(url, body)
        assert first.status_code in (200, 302), first.content.decode()[:2000]
        assert form.count() == before + 1
        second = client.post(url, body)
        assert form.count() == before + 1  # not twice
        if form.refused_by_key:
            assert second.status_code in (302, 409, 422)
        elif first.status_code == 302:
            # Sent where the first went, with a message that says what happened.
            assert second.status_code == 302 and second["Location"] == first["Location"]
            shown = client.get(second["Location"], follow=True).content.decode()
            assert "sent this form twice" in shown or "already" in shown
        else:
            assert second.status_code == 409
            assert "sent this form twice" in second.content.decode()


# Forms a signed-out visitor sends: one account per address, so a fresh copy of the same
# form makes no second one (the first test above shows the double post is acted on once).
SIGNED_OUT = {"sign-up", "join link sign-up", "invitation accepted"}


@pytest.mark.parametrize(
    "create_form", [name for name in CREATE_FORMS if name not in SIGNED_OUT], indirect=True
)
def test_a_fresh_copy_of_the_form_creates_another(client, create_form):
    form = create_form
    assert form.user is not None, "a signed-out form belongs in SIGNED_OUT"
    before = form.count()
    page = form.open_page()
    first = client.post(form.post_url(page), filled(form, page))
    assert first.status_code in (200, 302)
    fill = form.fill
    if "name" in fill and form.action == "" and "summary" in fill:  # techniques
        form.fill = {**fill, "name": fill["name"] + " again", "slug": ""}
    page = form.open_page()
    body = filled(form, page)
    if form.refused_by_key:  # the log's key is the form's own: a new one is drawn
        assert body["submission"]
    again = client.post(form.post_url(page), body)
    assert again.status_code in (200, 302), again.content.decode()[:2000]
    if form.refused_by_key or form.one_per_key or form.action.endswith("/publish/"):
        return  # a second practice, a second publish of an unchanged plan: not compared
    assert form.count() == before + 2


class TestTheToken:
    def test_a_refused_post_leaves_the_token_for_the_corrected_one(self, client, teacher):
        course = CourseFactory(teacher=teacher)
        client.force_login(teacher)
        url = reverse("classes:session-add", args=[course.pk])
        body = form_body(client.get(course.get_absolute_url()).content.decode(), url)
        refused = client.post(url, {**body, "one-date": "2026-02-30", "one-time": "18:30"})
        assert refused.status_code == 422
        assert not FormSubmission.objects.exists()  # the claim was dropped
        fixed = client.post(url, {**body, "one-date": "2026-12-08", "one-time": "18:30"})
        assert fixed.status_code == 302
        assert Session.objects.filter(course=course).count() == 1

    def test_a_form_shown_again_with_its_errors_has_a_new_token(self, client, teacher):
        client.force_login(teacher)
        url = reverse("students:student-create")
        body = form_body(client.get(url).content.decode())
        shown_again = client.post(url, {**body, "name": ""})  # answered 200, with its errors
        again = form_body(shown_again.content.decode())
        assert again[FIELD] != body[FIELD]
        assert client.post(url, {**again, "name": "Sam"}).status_code == 302
        assert Student.objects.filter(teacher=teacher, name="Sam").count() == 1

    def test_each_drawing_of_a_page_has_its_own_tokens(self, client, teacher):
        client.force_login(teacher)
        make_plan(teacher)
        url = reverse("classes:plan-list")  # cached per state of the plans
        first, second = (client.get(url).content.decode() for _ in range(2))
        assert PLACEHOLDER not in first
        tokens = [
            form_body(html, a)[FIELD]
            for html in (first, second)
            for a in [f for f in _actions(html) if "duplicate" in f]
        ]
        assert len(tokens) == len(set(tokens)) == 2

    def test_a_second_post_while_the_first_is_answered_waits_its_turn(self, client, teacher):
        client.force_login(teacher)
        body = form_body(client.get(reverse("classes:course-create")).content.decode())
        FormSubmission.objects.create(key=claim_key(body[FIELD], reverse("classes:course-create")))
        response = client.post(reverse("classes:course-create"), {**body, "title": "Yoga"})
        assert response.status_code == 409
        assert "already being sent" in response.content.decode()
        assert not teacher.courses.exists()

    @pytest.mark.parametrize("token", ["", "abc", "0" * 31, "²" * 32, "x\x00y"])
    def test_an_odd_token_is_no_token(self, client, teacher, token):
        client.force_login(teacher)
        response = client.post(reverse("students:student-create"), {FIELD: token, "name": "Jo"})
        assert response.status_code == 302
        assert not FormSubmission.objects.exists()

    def test_the_builder_refuses_a_repeated_add_by_its_plan_version(self, client, teacher):
        """Builder changes carry the plan's version: the repeat of an add is stale."""
        plan = make_plan(teacher)
        technique = TechniqueFactory(status=Technique.Status.PUBLISHED)
        client.force_login(teacher)
        body = {
            "version": plan.lock_version,
            "section": plan.routine.sections.first().pk,
            "technique": technique.slug,
        }
        url = reverse("classes:step-add", args=[plan.pk])
        assert client.post(url, body).status_code == 302
        second = client.post(url, body)
        assert second.status_code == 409 and "not applied" in second.content.decode()
        assert Step.objects.filter(routine=plan.routine).count() == 1


def _actions(html: str) -> list[str]:
    return re.findall(r'<form method="post" action="([^"]+)"', html)

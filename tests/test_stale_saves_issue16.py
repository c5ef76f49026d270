"""Issue 16, item 9: no silent overwrite. Every edit form of a shared or long-lived object
carries the version it was drawn from; a save from an older page (another tab, another
device) is refused with a message, nothing changes, and what was typed is in the form
shown again, which then carries the current version, so that saving it again
deliberately keeps the typed text. A form posted without its version, or with one that
is not a number, is refused too (the technique form's version is a timestamp: anything
else is refused).

Each form is driven as a browser would: its page is fetched and the form's own fields
read from the HTML (`form_body`), so a form that stops carrying its version fails here.
"""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from classes import services as plan_services
from classes.forms import CourseForm
from classes.models import Course, Session
from routines.models import Technique
from students import services as roster_services
from students.models import Assignment, HealthNote, Student
from tests.factories import (
    AssignmentFactory,
    CourseFactory,
    HealthNoteFactory,
    RegionFactory,
    RosterStudentFactory,
    SessionFactory,
    TechniqueFactory,
    make_plan,
)

TYPED = "Typed in the old tab"
ELSEWHERE = "Saved from another tab"


class _FormReader(HTMLParser):
    """The fields of each <form method=post> of a page, as a browser would send them."""

    def __init__(self, action):
        super().__init__(convert_charrefs=True)
        self.action = action
        self.forms = []  # [(action, [(name, value)])]
        self._fields = None
        self._select = None  # [name, first option, chosen values, multiple]
        self._option = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._fields = []
            self.forms.append((a.get("action") or "", self._fields))
        if self._fields is None:
            return
        if tag == "input" and a.get("name") and "disabled" not in a:
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._fields.append((a["name"], a.get("value", "on")))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self._fields.append((a["name"], a.get("value", "")))
        elif tag == "select" and a.get("name"):
            self._select = [a["name"], None, [], "multiple" in a]
        elif tag == "option" and self._select is not None:
            value = a.get("value")
            self._option = [value, "", "selected" in a]
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]

    def handle_data(self, data):
        if self._option is not None:
            self._option[1] += data
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None:
            value, text, selected = self._option
            value = text.strip() if value is None else value
            if self._select[1] is None:
                self._select[1] = value
            if selected:
                self._select[2].append(value)
            self._option = None
        elif tag == "select" and self._select is not None:
            name, first, chosen, multiple = self._select
            if not chosen and not multiple and first is not None:
                chosen = [first]
            self._fields.extend((name, value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            self._fields.append((name, text.removeprefix("\n")))
            self._textarea = None
        elif tag == "form":
            self._fields = None


def form_body(html: str, action: str = "") -> dict:
    """The post body of the page's form posting to `action` ("": to the page itself)."""
    reader = _FormReader(action)
    reader.feed(html)
    for form_action, fields in reader.forms:
        if form_action == action:
            body: dict = {}
            for name, value in fields:
                body.setdefault(name, []).append(value)
            return {k: v[0] if len(v) == 1 else v for k, v in body.items()}
    raise AssertionError(f"no post form for {action!r} on the page")


# --- The edit forms ---------------------------------------------------------------
# Each: who edits, how its page is opened (the HTML), where it posts, the text field typed
# in, the version field's name and how to read what is stored in that field.


class EditForm:
    def __init__(self, *, user, open_page, action, field, stored, version_field="lock_version"):
        self.user = user
        self.open_page = open_page
        self.action = action
        self.found_by = action  # the form's action attribute ("": it posts to its page)
        self.field = field
        self.stored = stored
        self.version_field = version_field


def roster_entry(teacher):
    entry = RosterStudentFactory(teacher=teacher, goals="Sleep better")
    url = reverse("students:student-edit", args=[entry.pk])
    return EditForm(
        user=teacher,
        open_page=lambda client: client.get(url),
        action="",
        field="goals",
        stored=lambda: Student.objects.get(pk=entry.pk).goals,
    )


def course(teacher):
    course = CourseFactory(teacher=teacher, location="Studio 1")
    url = reverse("classes:course-edit", args=[course.pk])
    return EditForm(
        user=teacher,
        open_page=lambda client: client.get(url),
        action="",
        field="location",
        stored=lambda: Course.objects.get(pk=course.pk).location,
    )


def session(teacher):
    session = SessionFactory(course=CourseFactory(teacher=teacher), note="Bring blocks")
    return EditForm(
        user=teacher,
        open_page=lambda client: client.get(session.get_absolute_url()),
        action=reverse("classes:session-update", args=[session.course_id, session.pk]),
        field="note",
        stored=lambda: Session.objects.get(pk=session.pk).note,
    )


def health_note(teacher):
    note = HealthNoteFactory(
        student=RosterStudentFactory(teacher=teacher, consented=True),
        details="Sore neck",
        avoid_regions=[RegionFactory()],
    )
    show = reverse("students:health-show", args=[note.student_id])
    return EditForm(
        user=teacher,
        open_page=lambda client: client.post(show),
        action=reverse("students:health-edit", args=[note.student_id, note.pk]),
        field=f"note-{note.pk}-details",
        stored=lambda: HealthNote.objects.get(pk=note.pk).details,
        version_field=f"note-{note.pk}-lock_version",
    )


def home_routine(teacher):
    assignment = AssignmentFactory(
        student=RosterStudentFactory(teacher=teacher), message="Every evening"
    )
    url = reverse("classes:assignment-edit", args=[assignment.pk])
    return EditForm(
        user=teacher,
        open_page=lambda client: client.get(url),
        action="",
        field="message",
        stored=lambda: Assignment.objects.get(pk=assignment.pk).message,
    )


def technique(curator):
    technique = TechniqueFactory()
    url = reverse("routines:curate-edit", args=[technique.slug])
    return EditForm(
        user=curator,
        open_page=lambda client: client.get(url),
        action="",
        field="summary",
        stored=lambda: Technique.objects.get(pk=technique.pk).summary,
        version_field="version",
    )


def submission(teacher):
    technique = TechniqueFactory(author=teacher, status=Technique.Status.SUBMITTED)
    url = reverse("routines:submission-edit", args=[technique.slug])
    return EditForm(
        user=teacher,
        open_page=lambda client: client.get(url),
        action="",
        field="summary",
        stored=lambda: Technique.objects.get(pk=technique.pk).summary,
        version_field="version",
    )


def plan_details(teacher):
    plan = make_plan(teacher, notes="Quiet start")
    return EditForm(
        user=teacher,
        open_page=lambda client: client.get(plan.get_absolute_url()),
        action=reverse("classes:plan-edit", args=[plan.pk]),
        field="notes",
        stored=lambda: type(plan).objects.get(pk=plan.pk).notes,
        version_field="version",
    )


EDIT_FORMS = {
    "roster entry": ("teacher", roster_entry),
    "course": ("teacher", course),
    "session": ("teacher", session),
    "health note": ("teacher", health_note),
    "home routine": ("teacher", home_routine),
    "technique (curator)": ("curator", technique),
    "technique submission": ("teacher", submission),
    "plan details": ("teacher", plan_details),
}


def open_form(client, form) -> dict:
    page = form.open_page(client)
    assert page.status_code == 200
    body = form_body(page.content.decode(), form.found_by)
    assert form.field in body, f"{form.field} is not in the form"
    return body


@pytest.fixture
def edit_form(request, client, teacher, curator):
    role, make = EDIT_FORMS[request.param]
    user = {"teacher": teacher, "curator": curator}[role]
    form = make(user)
    client.force_login(user)
    if not form.action:  # the form posts to its own page
        form.action = form.open_page(client).request["PATH_INFO"]
    return form


@pytest.mark.django_db
@pytest.mark.parametrize("edit_form", list(EDIT_FORMS), indirect=True)
class TestEveryEditForm:
    def test_the_form_carries_its_version(self, client, edit_form):
        body = open_form(client, edit_form)
        assert body.get(edit_form.version_field), "the form does not carry its version"

    def test_a_stale_save_is_refused_and_the_typed_text_kept(self, client, edit_form):
        old_tab = open_form(client, edit_form)
        other_tab = open_form(client, edit_form)
        saved = client.post(edit_form.action, {**other_tab, edit_form.field: ELSEWHERE})
        assert saved.status_code in (200, 302), saved.content.decode()[:3000]
        assert edit_form.stored() == ELSEWHERE

        response = client.post(edit_form.action, {**old_tab, edit_form.field: TYPED})
        assert response.status_code == 409
        page = response.content.decode()
        assert TYPED in page  # in the form shown again
        # The message says why, in each form's words.
        assert "changed" in page
        assert any(why in page for why in ("elsewhere", "another tab", "after you opened"))
        assert edit_form.stored() == ELSEWHERE  # nothing was overwritten

        # Saving the form shown again, deliberately, keeps the typed text.
        again = form_body(page, edit_form.found_by)
        assert again[edit_form.field] == TYPED
        assert client.post(edit_form.action, again).status_code in (200, 302)
        assert edit_form.stored() == TYPED

    @pytest.mark.parametrize("version", ["", "abc", "²", "-1", "1e309", "99999999999999999999"])
    def test_a_blank_or_odd_version_is_refused(self, client, edit_form, version):
        body = open_form(client, edit_form)
        before = edit_form.stored()
        response = client.post(
            edit_form.action, {**body, edit_form.field: TYPED, edit_form.version_field: version}
        )
        assert 400 <= response.status_code < 500
        assert edit_form.stored() == before
        assert TYPED in response.content.decode()


@pytest.mark.django_db
class TestRaces:
    def test_of_two_saves_from_the_same_page_only_the_first_applies(self, teacher):
        """The check in the form and the save are apart in time: the save itself claims
        the next version, so a save that passed the check but lost the race is refused."""
        course = CourseFactory(teacher=teacher, location="Studio 1")
        data = {
            "title": course.title,
            "kind": course.kind,
            "status": course.status,
            "capacity": course.capacity,
            "time_zone": course.time_zone,
            "lock_version": str(course.lock_version),
        }
        first = CourseForm({**data, "location": "Studio 2"}, instance=course)
        second = CourseForm(
            {**data, "location": "Studio 3"}, instance=Course.objects.get(pk=course.pk)
        )
        assert first.is_valid() and second.is_valid()  # both checked before either saved
        assert first.save_if_current()
        assert second.save_if_current() is None
        assert second.is_stale and "Studio 2" in str(second.non_field_errors())
        course.refresh_from_db()
        assert course.location == "Studio 2" and course.lock_version == 2

    def test_ending_a_home_routine_makes_an_open_edit_page_stale(self, client, teacher):
        assignment = AssignmentFactory(student=RosterStudentFactory(teacher=teacher))
        client.force_login(teacher)
        url = reverse("classes:assignment-edit", args=[assignment.pk])
        body = form_body(client.get(url).content.decode())
        client.post(reverse("classes:assignment-action", args=[assignment.pk]), {"action": "end"})
        ended_on = Assignment.objects.get(pk=assignment.pk).ends_on
        response = client.post(url, {**body, "message": TYPED})
        assert response.status_code == 409
        assert Assignment.objects.get(pk=assignment.pk).ends_on == ended_on

    def test_a_deleted_account_is_not_refilled_from_an_open_edit_page(
        self, client, teacher, student
    ):
        entry = RosterStudentFactory(teacher=teacher, name="Sam", account=student)
        client.force_login(teacher)
        url = reverse("students:student-edit", args=[entry.pk])
        body = form_body(client.get(url).content.decode())
        roster_services.account_delete(user=student)
        assert client.post(url, body).status_code == 409
        assert Student.objects.get(pk=entry.pk).name == ""

    def test_a_publish_does_not_count_as_an_edit_of_the_session(self, client, teacher):
        """Giving a session its plan is the session form's own save: the next save from
        the page that shows it is current."""
        plan = make_plan(teacher, techniques=[TechniqueFactory()])
        version = plan_services.plan_publish(plan=plan, expected_version=plan.lock_version)
        session = SessionFactory(course=CourseFactory(teacher=teacher))
        client.force_login(teacher)
        action = reverse("classes:session-update", args=[session.course_id, session.pk])
        body = form_body(client.get(session.get_absolute_url()).content.decode(), action)
        assert client.post(action, {**body, "plan_version": version.pk}).status_code == 302
        body = form_body(client.get(session.get_absolute_url()).content.decode(), action)
        assert client.post(action, {**body, "note": "Bring blocks"}).status_code == 302
        session.refresh_from_db()
        assert (session.plan_version, session.note) == (version, "Bring blocks")

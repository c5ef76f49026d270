"""Issue 16, items 1, 3 and 4: the crashes the hostile-value run found, one regression test
each, on SQLite and PostgreSQL (the NUL ones fail only on PostgreSQL without the fix).

1. Ids from forms and query strings (step, section, version, technique, student, course,
   session, import line numbers): a bad value is a form error or a 404, never a 500.
3. NUL and other control characters are refused at the form, and the services that build
   JSON strip them, so nothing reaches PostgreSQL's text or jsonb that it refuses.
4. Calendar feeds, CSV exports and the print page (the PDF's HTML) escape what they carry.
"""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from accounts.text import CONTROL_MESSAGE
from classes import services
from classes.calendar import course_calendar, teacher_calendar
from classes.models import Enrolment, FindingDismissal, Session
from classes.pdf import version_pdf_context
from routines import printing
from routines.models import EditProposal, Step, Technique
from routines.services import technique_apply
from students.models import Student
from tests import factories

# Each a value a browser or a script can send where an id is expected (`١` is an Arabic-Indic
# one, which int() reads as 1: an id only in ASCII digits).
BAD_IDS = ["²", "-1", "0", "99999999999999999999", "1e309", "abc", "\x00", "1.5", "١"]
# Builder changes as htmx sends them: a refusal renders the editor region only (faster).
HTMX = {"HTTP_HX_REQUEST": "true"}

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(teacher):
    return factories.make_plan(teacher, techniques=[factories.TechniqueFactory()])


@pytest.fixture
def course(teacher):
    return factories.CourseFactory(teacher=teacher, title="Tuesday rollers")


def step_count(plan) -> int:
    return Step.objects.filter(routine=plan.routine).count()


# --- 1. Ids -----------------------------------------------------------------------------


def test_step_add_with_a_bad_section_is_refused(login, teacher, plan):
    client = login(teacher)
    technique = Step.objects.filter(routine=plan.routine).first().technique
    before = step_count(plan)

    for value in [*BAD_IDS, ""]:
        response = client.post(
            reverse("classes:step-add", args=[plan.pk]),
            {"section": value, "technique": technique.slug, "version": plan.lock_version},
            **HTMX,
        )
        assert response.status_code == 422, value
    assert step_count(plan) == before


def test_section_save_with_a_bad_section_is_a_404(login, teacher, plan):
    client = login(teacher)
    titles = list(plan.routine.sections.values_list("title", flat=True))

    for value in BAD_IDS:
        response = client.post(
            reverse("classes:section-save", args=[plan.pk]),
            {"section": value, "title": "Renamed", "version": plan.lock_version},
        )
        assert response.status_code == 404, value
    assert list(plan.routine.sections.values_list("title", flat=True)) == titles


def test_builder_query_string_ids_are_ignored(login, teacher, plan):
    client = login(teacher)
    url = reverse("classes:plan-builder", args=[plan.pk])

    for value in BAD_IDS:
        for query in ({"removed": value}, {"swapped": f"{value}-{value}"}, {"add_to": value}):
            assert client.get(url, query).status_code == 200, query


def test_print_and_teach_with_a_bad_version_are_404s(login, teacher, plan):
    client = login(teacher)
    services.plan_publish(plan=plan, expected_version=plan.lock_version)

    for value in BAD_IDS:
        for name in ("classes:plan-print", "classes:plan-teach", "classes:plan-pdf"):
            response = client.get(reverse(name, args=[plan.pk]), {"version": value})
            assert response.status_code == 404, (name, value)
        # A session that is not a session is no roster to check against: the page shows.
        response = client.get(reverse("classes:plan-print", args=[plan.pk]), {"session": value})
        assert response.status_code == 200, value


def test_reorder_with_bad_ids_is_refused(login, teacher, plan):
    client = login(teacher)
    section = plan.routine.sections.get(position=2)
    order = list(plan.routine.steps.values_list("section_id", "position"))

    for value in ["²", "99999999999999999999", "1e309", "\x00", "١"]:
        for data in ({f"section-{value}": "1"}, {f"section-{section.pk}": value}):
            response = client.post(
                reverse("classes:steps-reorder", args=[plan.pk]),
                {**data, "version": plan.lock_version},
                **HTMX,
            )
            assert response.status_code == 422, data
    assert list(plan.routine.steps.values_list("section_id", "position")) == order


def test_other_step_with_a_bad_section_is_a_form_error(login, teacher, plan):
    client = login(teacher)
    before = step_count(plan)

    for value in [*BAD_IDS, ""]:
        response = client.post(
            reverse("classes:step-add-other", args=[plan.pk]),
            {
                "section": value,
                "kind": "exercise",
                "title": "Bridge",
                "text": "Lift the hips.",
                "duration": "60",
                "side": "both",
                "version": plan.lock_version,
            },
            **HTMX,
        )
        assert response.status_code == 422, value
    assert step_count(plan) == before


def test_course_enrol_with_bad_ids_enrols_only_the_real_student(login, teacher, course):
    client = login(teacher)
    student = factories.RosterStudentFactory(teacher=teacher)
    url = reverse("classes:course-enrol", args=[course.pk])

    for value in [*BAD_IDS, ""]:
        assert client.post(url, {"students": [value]}).status_code == 302
    assert not Enrolment.objects.exists()
    assert client.post(url, {"students": [*BAD_IDS, str(student.pk)]}).status_code == 302
    assert list(Enrolment.objects.values_list("student_id", flat=True)) == [student.pk]


def test_attendance_and_session_plan_with_bad_ids(login, teacher, course):
    client = login(teacher)
    session = factories.SessionFactory(course=course)
    factories.EnrolmentFactory(course=course)

    for value in [*BAD_IDS, ""]:
        response = client.post(
            reverse("classes:session-attendance", args=[course.pk, session.pk]),
            {"student": value, "status": "present"},
        )
        assert response.status_code == 404, value
        response = client.post(
            reverse("classes:session-update", args=[course.pk, session.pk]),
            {
                "plan_version": value or "²",
                "note": "Bring socks",
                "lock_version": session.lock_version,
            },
        )
        assert response.status_code == 422, value
        assert "plan_version" in response.context["plan_form"].errors
    assert not session.attendance.exists()
    session.refresh_from_db()
    assert session.note == ""


def test_assign_page_with_a_bad_version(login, teacher, course):
    client = login(teacher)
    factories.EnrolmentFactory(course=course)
    url = reverse("classes:assign-course", args=[course.pk])

    for value in BAD_IDS:
        assert client.get(url, {"version": value}).status_code == 200, value
        response = client.post(url, {"version": value, "frequency": "daily"})
        assert response.status_code == 422, value
        assert "version" in response.context["form"].errors


def test_roster_import_with_a_bad_line_number(login, teacher):
    client = login(teacher)

    for value in BAD_IDS:
        response = client.post(
            reverse("students:student-import"),
            {
                "step": "check",
                "rows-TOTAL_FORMS": "1",
                "rows-INITIAL_FORMS": "0",
                "rows-0-line": value,
                "rows-0-name": "Ann Smith",
                "rows-0-new_to_ball_work": "no",
            },
        )
        assert response.status_code in (200, 422), value
        assert response.context["formset"].forms[0].line_number is None
    assert not Student.objects.exists()


@pytest.mark.parametrize("value", ["²", "99999999999999999999", "\x00"])
def test_curators_picture_sheet_with_a_bad_page(login, curator, value):
    response = login(curator).get(reverse("routines:curate-pictures"), {"page": value})
    assert response.status_code == 200


# --- 3. Text every backend can store -------------------------------------------------------


@pytest.fixture
def vocab(db):
    return {
        "region": factories.RegionFactory(slug="upper-back", name="Upper back"),
        "action": factories.ActionFactory(slug="pin", name="Pin"),
        "equipment": factories.EquipmentFactory(slug="therapy-ball", name="Therapy ball"),
    }


def technique_data(vocab, **overrides):
    return {
        "name": "Shoulder blade pin at the wall",
        "summary": "Pin the inner edge of the shoulder blade against a wall.",
        "regions": [vocab["region"].pk],
        "tissues": "rhomboids\nmiddle trapezius",
        "actions": [vocab["action"].pk],
        "equipment": [vocab["equipment"].pk],
        "position": "wall",
        "duration_seconds": "90",
        "level": "beginner",
        "intensity": "gentle",
        "instructions": "Stand at the wall.\nPlace the ball.\nLean in and breathe.",
        "cues": "Let the ball sink in.\nKeep breathing.",
        "mistakes": "Rolling on the spine.",
        **overrides,
    }


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("instructions", "Stand at the wall.\nPlace\x00 the ball.\nLean in."),
        ("cues", "Sink in.\x00\nBreathe."),
        ("tissues", "rhomboids\x1b"),
        ("stations", "10 | | Roll\x00 across"),
        ("name", "Shoulder\x00 pin"),
        ("summary", "A summary\nover two lines"),
    ],
)
def test_technique_submission_with_control_characters_is_refused_beside_the_field(
    login, teacher, vocab, field, value
):
    client = login(teacher)

    response = client.post(
        reverse("routines:submission-create"), technique_data(vocab, **{field: value})
    )

    assert response.status_code in (200, 422)
    assert field in response.context["form"].errors
    assert not Technique.objects.exists()


def test_technique_edit_and_proposal_with_nul_are_refused(login, teacher, curator, vocab):
    technique = factories.TechniqueFactory(
        regions=[vocab["region"]], actions=[vocab["action"]], equipment=[vocab["equipment"]]
    )
    data = technique_data(
        vocab,
        name=technique.name,
        cautions="Not on\x00 the spine.",
        version=technique.updated_at.isoformat(),
    )

    response = login(teacher).post(
        reverse("routines:proposal-create", args=[technique.slug]), {**data, "note": "x\x00"}
    )
    assert response.status_code in (200, 422)
    assert "cautions" in response.context["form"].errors
    assert "note" in response.context["note_form"].errors
    assert not EditProposal.objects.exists()

    response = login(curator).post(reverse("routines:curate-edit", args=[technique.slug]), data)
    assert response.status_code in (200, 422)
    assert response.context["form"].errors["cautions"] == [str(CONTROL_MESSAGE)]
    technique.refresh_from_db()
    assert technique.cautions == []


def test_services_strip_nul_from_the_json_they_write(curator, vocab):
    """The last defence, for callers other than the forms (imports, scripts)."""
    technique, _changes = technique_apply(
        data={
            "slug": "nul-test",
            "name": "Nul\x00 test",
            "summary": "Summary\x00.",
            "instructions": ["One\x00", "Two", "Three"],
            "cues": ["A", "B\x07"],
            "tissues": ["x"],
            "position": "wall",
            "duration_seconds": 60,
        },
        author=curator,
        comment="Imported\x00",
    )
    technique.refresh_from_db()
    assert technique.name == "Nul test"
    assert technique.instructions == ["One", "Two", "Three"]
    assert technique.cues == ["A", "B"]
    revision = technique.revisions.get()
    assert revision.snapshot["instructions"][0] == "One"
    assert revision.comment == "Imported"


def test_curator_status_comment_with_nul_is_stored_without_it(login, curator):
    technique = factories.TechniqueFactory(status=Technique.Status.SUBMITTED)

    response = login(curator).post(
        reverse("routines:curate-status", args=[technique.slug]),
        {"action": "return", "comment": "Add a\x00 caution."},
    )

    assert response.status_code == 302
    technique.refresh_from_db()
    assert technique.review_comment == "Add a caution."


def test_finding_dismissal_with_nul_is_refused_and_restore_with_nul_changes_nothing(
    login, teacher, plan
):
    client = login(teacher)
    url = reverse("classes:finding-dismiss", args=[plan.pk])

    response = client.post(url, {"key": "time:over", "reason": "Spoke\x00 with Sam"})
    assert response.status_code == 422
    assert str(CONTROL_MESSAGE) in response.content.decode()
    response = client.post(url, {"key": "time\x00:over", "reason": "Spoke with Sam"})
    assert response.status_code == 422
    assert not FindingDismissal.objects.exists()

    assert client.post(url, {"key": "time:over", "reason": "Spoke with Sam"}).status_code == 302
    response = client.post(
        reverse("classes:finding-restore", args=[plan.pk]), {"key": "time:over\x00"}
    )
    assert response.status_code == 422
    assert FindingDismissal.objects.get().reason == "Spoke with Sam"


def test_technique_page_with_nul_in_the_avoid_list(client):
    chest = factories.RegionFactory(slug="chest", name="Chest")
    back = factories.RegionFactory(slug="upper-back", name="Upper back", partner=chest)
    technique = factories.TechniqueFactory(regions=[back])
    factories.TechniqueFactory(regions=[chest])  # suggested with it, unless avoided
    response = client.get(
        reverse("routines:technique-detail", args=[technique.slug]),
        {"avoid_action": "\x00", "avoid": "\x00"},
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("name", "data", "field"),
    [
        ("classes:plan-create", {"title": "Tues\x00day", "target_minutes": "45"}, "title"),
        ("students:student-create", {"name": "Ann", "notes": "Knee\x00"}, "notes"),
        ("classes:course-create", {"title": "Rollers\x0b", "capacity": "12"}, "title"),
    ],
)
def test_other_forms_refuse_nul_beside_the_field(login, teacher, name, data, field):
    response = login(teacher).post(reverse(name), data)
    assert response.status_code in (200, 422)
    assert response.context["form"].errors[field] == [str(CONTROL_MESSAGE)]


def test_signup_refuses_nul_in_the_name(client):
    response = client.post(
        reverse("signup"),
        {
            "name": "Tess\x00",
            "email": "tess@example.test",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
        },
    )
    assert response.status_code in (200, 422)
    assert response.context["form"].errors["name"] == [str(CONTROL_MESSAGE)]


# --- 4. Feeds and files that escape what they carry ---------------------------------------

HOSTILE_TITLE = (
    "Line one\nline two\r\nthree, with commas; semicolons \\ backslashes: 🎾 émoji\x00\x1b "
    + "x" * 10_000
)


def unfolded_lines(feed: bytes) -> list[bytes]:
    return feed.split(b"\r\n")


def text_value(prop) -> str:
    """A TEXT property icalendar parses as unknown (NAME, X-WR-CALNAME), unescaped as RFC 5545
    §3.3.11 says."""
    escapes = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes[m.group(1)], prop.to_ical().decode())


def test_a_hostile_course_title_makes_a_valid_course_feed(teacher):
    course = factories.CourseFactory(teacher=teacher, location="Hall 2,\nRoom; 3\\")
    plan_version = factories.PlanVersionFactory(owner=teacher, title="Feet\n& shoulders")
    session = Session.objects.create(
        course=course,
        starts_at=datetime(2026, 3, 3, 19, tzinfo=UTC),
        plan_version=plan_version,
    )
    # Control characters as SQLite would keep them (PostgreSQL refuses to store NUL).
    course.title = HOSTILE_TITLE
    session.note = "Bring socks;\nand water, please\x00"

    feed = course_calendar(course, [session], now=datetime(2026, 3, 1, tzinfo=UTC))

    # Every content line is folded to at most 75 octets and none carries a control
    # character but the line ends.
    for line in unfolded_lines(feed):
        assert len(line) <= 75
        assert not any(byte < 32 and byte != 9 for byte in line)
    calendar = Calendar.from_ical(feed)
    expected = HOSTILE_TITLE.replace("\x00", "").replace("\x1b", "").replace("\r\n", "\n")
    [event] = calendar.events
    assert str(event["SUMMARY"]) == expected
    assert str(event["LOCATION"]) == "Hall 2,\nRoom; 3\\"
    assert str(event["DESCRIPTION"]) == (
        f"Plan: Feet\n& shoulders, version {plan_version.number}\nBring socks;\nand water, please"
    )
    # NAME and X-WR-CALNAME are TEXT too: escaped going out, the same text coming back.
    for name in ("NAME", "X-WR-CALNAME"):
        assert text_value(calendar[name]) == expected


def test_a_hostile_teacher_name_makes_a_valid_teacher_feed(teacher):
    teacher.name = "Tess\nTeacher; the, \\ one"
    course = factories.CourseFactory(teacher=teacher, title="Plain title")
    session = Session.objects.create(course=course, starts_at=datetime(2026, 3, 3, tzinfo=UTC))

    feed = teacher_calendar(teacher, [session], now=datetime(2026, 3, 1, tzinfo=UTC))

    calendar = Calendar.from_ical(feed)
    assert text_value(calendar["X-WR-CALNAME"]) == ("Rollcall: Tess\nTeacher; the, \\ one")


def test_a_course_feed_over_http_with_a_newline_title(client, teacher):
    """The crash the issue found: a course title with a line break broke its own feed."""
    course = factories.CourseFactory(teacher=teacher, title="Tuesday\nrollers")
    factories.SessionFactory(course=course, starts_at=datetime.now(UTC) + timedelta(days=2))

    response = client.get(reverse("classes:calendar-feed", args=[course.calendar_token]))

    assert response.status_code == 200
    assert str(Calendar.from_ical(response.content).events[0]["SUMMARY"]) == "Tuesday\nrollers"


def test_attendance_csv_protects_every_cell_from_formulas(login, teacher, course):
    student = factories.RosterStudentFactory(
        teacher=teacher, name="@SUM(A1:A9)", email="=1+1@example.test"
    )
    other = factories.RosterStudentFactory(teacher=teacher, name="\t=cmd|' /C calc'!A0")
    services.enrol(course=course, students=[student, other])

    body = (
        login(teacher)
        .get(reverse("classes:attendance-export", args=[course.pk]))
        .content.decode("utf-8-sig")
    )

    assert "'@SUM(A1:A9),'=1+1@example.test," in body
    assert "\r\n'\t=cmd|' /C calc'!A0," in body


MARKUP = '<script>alert("x")</script><b>bold</b><img src="http://evil.test/x.png">'


def test_print_page_and_pdf_html_escape_markup_in_step_text(login, teacher, plan):
    step = plan.routine.steps.get()
    step.cue = f"Cue {MARKUP}"
    step.note = f"Note {MARKUP}"
    step.save()
    plan.notes = f"Plan notes {MARKUP}"
    plan.focus = f"Focus {MARKUP}"
    plan.save()
    services.step_add(
        plan=plan,
        expected_version=plan.lock_version,
        section=plan.routine.sections.get(position=2),
        kind=Step.Kind.EXERCISE,
        title=f"Exercise {MARKUP}",
        text=f"Instruction {MARKUP}",
        duration_seconds=60,
        side="both",
    )
    plan.refresh_from_db()
    version = services.plan_publish(plan=plan, expected_version=plan.lock_version)

    page = login(teacher).get(reverse("classes:plan-print", args=[plan.pk])).content.decode()
    pdf_html = printing.render_to_string(
        printing.TEMPLATE, {**version_pdf_context(version, "a4"), "for_pdf": True}
    )

    for html in (page, pdf_html):
        for shown in ("Cue", "Exercise", "Instruction", "Plan notes"):
            assert f"{shown} &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;" in html
        assert "<script>alert" not in html
        assert "<b>bold</b>" not in html
        assert 'src="http://evil.test' not in html

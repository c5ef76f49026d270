"""A teacher's term in a real browser: a course, its sessions, a roster from a spreadsheet,
enrolment, and attendance taken on a phone."""

import pytest
from playwright.sync_api import expect

from classes.models import Attendance, Course, Enrolment
from students.models import Student
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, TeacherFactory


def roster_csv(tmp_path):
    rows = [f"Student {i:02d};student{i:02d}@example.test;no" for i in range(17)]
    rows += [
        ";nameless@example.test;yes",  # no name
        "Bad Email;not-an-email;yes",  # bad email
        "Copy Cat;student03@example.test;yes",  # duplicate of Student 03
    ]
    path = tmp_path / "roster.csv"
    path.write_text(
        "\ufeffFull name;E-mail;New to ball work\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    return path


@pytest.fixture
def teacher_page(page, transactional_db):
    TeacherFactory(email="tess@example.test", name="Tess Teacher")
    sign_in(page, "tess@example.test", PASSWORD)
    return page


def test_course_sessions_import_enrol_and_attendance(teacher_page, browser, live_server, tmp_path):
    page = teacher_page
    page.goto("/courses/new/")
    page.get_by_label("Title").fill("Tuesday evening therapy balls")
    page.get_by_label("Capacity").fill("25")
    page.get_by_label("Location").fill("Studio 2")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("heading", name="Tuesday evening therapy balls").wait_for()

    page.get_by_text("Add a weekly series").click()
    series = page.locator("#series-form")
    series.locator("#id_series-date").fill("2026-10-06")  # labelled "Date*" beside "Dates to skip"
    series.get_by_label("Start time").fill("19:00")
    series.get_by_label("Number of sessions").fill("8")
    series.get_by_role("button", name="Add the sessions").click()
    page.get_by_text("8 weekly sessions added").wait_for()
    expect(page.get_by_role("heading", name="8 sessions")).to_be_visible()

    # Import 20 students, 3 of them with problems that are shown, then fixed.
    page.goto("/students/import/")
    page.get_by_label("Spreadsheet saved as CSV").set_input_files(str(roster_csv(tmp_path)))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator(".invalid-feedback")).to_have_count(3)
    assert Student.objects.count() == 0  # nothing written before confirming
    # Rows are numbered as in the spreadsheet: the header is row 1.
    page.get_by_label("Name, row 19").fill("Nadia Nameless")
    page.get_by_label("Email, row 20").fill("bad.email@example.test")
    page.get_by_label("Email, row 21").fill("copy.cat@example.test")
    page.get_by_role("button", name="Check again").click()
    expect(page.locator(".invalid-feedback")).to_have_count(0)
    page.get_by_role("button", name="Import 20 students").click()
    page.get_by_text("Imported 20 students").wait_for()
    assert Student.objects.count() == 20

    # Enrol them all.
    course = Course.objects.get()
    page.goto(f"/courses/{course.pk}/")
    page.get_by_label("Enrol from your roster").select_option(
        [str(s.pk) for s in Student.objects.all()]
    )
    page.get_by_role("button", name="Enrol", exact=True).click()
    page.get_by_text("Enrolled:").wait_for()
    assert course.enrolments.filter(status=Enrolment.Status.ENROLLED).count() == 20

    # Attendance on a phone: a few taps.
    session = course.sessions.first()
    phone = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    phone.add_cookies(page.context.cookies())
    mobile = phone.new_page()
    mobile.goto(f"/courses/{course.pk}/sessions/{session.pk}/")
    assert mobile.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    for name, status in [
        ("Student 00", "Present"),
        ("Student 01", "Absent"),
        ("Student 02", "Late cancel"),
    ]:
        row = mobile.locator(".attendance-row", has_text=name)
        row.get_by_role("button", name=status).tap()
        expect(
            mobile.locator(".attendance-row", has_text=name).get_by_role("button", name=status)
        ).to_have_attribute("aria-pressed", "true")
    marks = dict(Attendance.objects.values_list("student__name", "status"))
    assert marks == {"Student 00": "present", "Student 01": "absent", "Student 02": "late-cancel"}
    phone.close()


@pytest.mark.parametrize(
    "path", ["/courses/", "/students/", "/students/import/", "course", "session", "student"]
)
def test_course_and_roster_pages_pass_axe_on_a_phone(phone_page, transactional_db, path):
    from django.core.management import call_command

    call_command("demo", quiet_logins=True)
    course = Course.objects.get(title="Tuesday evening therapy balls")
    paths = {
        "course": course.get_absolute_url(),
        "session": course.sessions.first().get_absolute_url(),
        "student": Student.objects.get(email="student@demo.rollcall.test").get_absolute_url(),
    }
    sign_in(phone_page, "teacher@demo.rollcall.test", "rollcall-demo")
    phone_page.goto(paths.get(path, path))
    from tests.browser.conftest import axe_violations

    assert axe_violations(phone_page) == []
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

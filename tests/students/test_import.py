"""Roster import (upload → preview → confirm) and CSV export."""

import csv
import io
from html.parser import HTMLParser

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from students import imports
from students.imports import ImportConflict, import_rows, parse_roster, safe_cell
from students.models import Student

NOT_UTF8 = "The file is not UTF-8 text: in your spreadsheet choose “CSV UTF-8” when you save."
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def as_teacher(client, teacher):
    client.force_login(teacher)
    return client


class PostedForm(HTMLParser):
    """What a browser submits for the page's import form, as rendered."""

    def __init__(self, action):
        super().__init__()
        self.action = action
        self.data = {}
        self._in_form = False
        self._textarea = None
        self._select = None
        self._options = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._in_form = a.get("method") == "post" and a.get("action") == self.action
        if not self._in_form:
            return
        if tag == "input" and "name" in a:
            kind = a.get("type", "text")
            if kind in ("submit", "file") or (kind == "checkbox" and "checked" not in a):
                return
            self.data[a["name"]] = a.get("value", "on" if kind == "checkbox" else "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self.data[self._textarea] = ""
        elif tag == "select":
            self._select, self._options = a["name"], []
        elif tag == "option" and self._select:
            self._options.append((a.get("value", ""), "selected" in a))

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "textarea" and self._textarea:
            # Browsers drop the newline that follows <textarea>.
            self.data[self._textarea] = self.data[self._textarea].removeprefix("\n")
            self._textarea = None
        elif tag == "select" and self._select:
            chosen = [value for value, selected in self._options if selected]
            self.data[self._select] = (chosen or [self._options[0][0]])[0]
            self._select = None


def import_url():
    return reverse("students:student-import")


def form_data(response):
    parser = PostedForm(import_url())
    parser.feed(response.content.decode())
    return parser.data


def upload(client, content, name="roster.csv"):
    if isinstance(content, str):
        content = content.encode()
    return client.post(import_url(), {"file": SimpleUploadedFile(name, content, "text/csv")})


def confirm(client, data):
    return client.post(import_url(), {**data, "step": "confirm"})


def rows_of(response):
    return [
        {name: form[name].value() for name in ("name", "email", "phone", "new_to_ball_work")}
        for form in response.context["formset"]
    ]


def errors_of(response):
    return {
        (form.line_number, field): [str(e) for e in errors]
        for form in response.context["formset"]
        for field, errors in form.errors.items()
    }


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def roster_text(count, bad=None, sep=","):
    bad = bad or {}
    lines = [sep.join(["Name", "Email", "Phone"])]
    for i in range(1, count + 1):
        name, email = bad.get(i, (f"Student {i:03}", f"student{i:03}@example.test"))
        lines.append(sep.join([name, email, f"0700 000 {i:03}"]))
    return "\n".join(lines) + "\n"


# --- Reading files ------------------------------------------------------------------


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["without-bom", "with-bom"])
def test_utf8_file_is_read_with_or_without_bom(as_teacher, bom):
    content = bom + "Name,Email\nZoé Ångström,zoe@example.test\n".encode()

    response = upload(as_teacher, content)

    assert response.status_code == 200
    assert rows_of(response) == [
        {
            "name": "Zoé Ångström",
            "email": "zoe@example.test",
            "phone": "",
            "new_to_ball_work": "yes",
        }
    ]
    assert "Zoé Ångström" in response.content.decode()


def test_semicolon_separated_file_is_read(as_teacher):
    content = "Name;Email;Goals\nAnn Smith;ann@example.test;Hips, lower back\n"

    response = upload(as_teacher, content)

    assert response.status_code == 200
    form = response.context["formset"].forms[0]
    assert form["name"].value() == "Ann Smith"
    assert form["goals"].value() == "Hips, lower back"


def test_tab_separated_file_is_read():
    parsed = parse_roster(b"Name\tEmail\nAnn Smith\tann@example.test\n")

    assert parsed.problems == []
    assert parsed.rows[0]["email"] == "ann@example.test"


def test_headers_are_matched_loosely(as_teacher):
    content = " FULL NAME ;E-mail;Mobile;Beginner;Aims;Remarks;Shoe size\n"
    content += "Ann Smith;ann@example.test;+44 20 7946 0958;no;Sleep better;Knee;38\n"

    response = upload(as_teacher, content)

    form = response.context["formset"].forms[0]
    assert {name: form[name].value() for name in form.fields if name != "skip"} == {
        "line": "2",
        "name": "Ann Smith",
        "email": "ann@example.test",
        "phone": "+44 20 7946 0958",
        "new_to_ball_work": "no",
        "goals": "Sleep better",
        "notes": "Knee",
    }
    assert response.context["ignored_columns"] == ["Shoe size"]
    assert "Shoe size" in response.content.decode()


def test_first_and_last_name_columns_are_joined():
    parsed = parse_roster(b"First name,Last name,Email\nAnn,Smith,a@example.test\n")

    assert [row["name"] for row in parsed.rows] == ["Ann Smith"]


def test_french_headers_are_understood():
    parsed = parse_roster("Prénom;Nom;Courriel;Téléphone\nZoé;Martin;z@example.test;06\n".encode())

    assert parsed.rows[0] | {"line": 0} == {
        "line": 0,
        "name": "Zoé Martin",
        "email": "z@example.test",
        "phone": "06",
        "new_to_ball_work": "yes",
        "goals": "",
        "notes": "",
    }


def test_new_to_ball_work_is_read_as_yes_or_no():
    content = "Name,New\nA,yes\nB,No\nC,x\nD,\nE,oui\nF,maybe\n"

    parsed = parse_roster(content.encode())

    assert [row["new_to_ball_work"] for row in parsed.rows] == [
        "yes",
        "no",
        "yes",
        "no",
        "yes",
        "maybe",
    ]


def test_everyone_is_new_when_the_file_has_no_such_column():
    parsed = parse_roster(b"Name\nAnn\n")

    assert parsed.rows[0]["new_to_ball_work"] == "yes"


def test_unknown_answer_for_new_to_ball_work_is_a_row_problem(as_teacher):
    response = upload(as_teacher, "Name,New to ball work\nAnn,maybe\n")

    assert errors_of(response) == {
        (2, "new_to_ball_work"): ["“maybe” is not yes or no: choose one."]
    }


def test_blank_rows_are_left_out_and_rows_keep_their_spreadsheet_numbers():
    parsed = parse_roster(b"Name,Email\n\nAnn,\n,,\nBob,\n")

    assert [(row["line"], row["name"]) for row in parsed.rows] == [(3, "Ann"), (5, "Bob")]


def test_file_without_a_name_column_names_the_columns_it_found(as_teacher):
    response = upload(as_teacher, "Email,Telephone\nann@example.test,0700\n")

    assert response.status_code == 422
    assert response.context["form"].errors["file"] == [
        "The first row must name the columns, one of them “Name” (or “First name” and "
        "“Last name”). This file's first row has: Email, Telephone."
    ]


def test_over_long_values_are_problems_not_cut_short(as_teacher):
    response = upload(as_teacher, f"Name,Phone\n{'A' * 151},{'1' * 41}\n")

    assert set(errors_of(response)) == {(2, "name"), (2, "phone")}
    assert response.context["formset"].forms[0]["name"].value() == "A" * 151


# --- Preview and confirm --------------------------------------------------------------


def test_preview_writes_nothing(as_teacher):
    response = upload(as_teacher, roster_text(3))

    assert response.status_code == 200
    assert len(response.context["formset"].forms) == 3
    assert Student.objects.count() == 0


def test_confirming_writes_every_valid_row(as_teacher, teacher):
    content = "Name,Email,Phone,New to ball work,Goals,Notes\n"
    content += 'Ann Smith,ann@example.test,0700 000 001,no,"Hips, back",Prefers mornings\n'
    content += "Bob Jones,,,yes,,\n"
    preview = upload(as_teacher, content)

    response = confirm(as_teacher, form_data(preview))

    assert response.status_code == 302
    assert response.url == reverse("students:student-list")
    assert messages_of(response) == ["Imported 2 students."]
    assert list(
        Student.objects.for_teacher(teacher).values_list(
            "name", "email", "phone", "new_to_ball_work", "goals", "notes"
        )
    ) == [
        ("Ann Smith", "ann@example.test", "0700 000 001", False, "Hips, back", "Prefers mornings"),
        ("Bob Jones", "", "", True, "", ""),
    ]


def test_rows_with_problems_are_shown_and_can_be_fixed_in_the_preview(as_teacher, teacher):
    bad = {
        4: ("", "student004@example.test"),
        9: ("Student 009", "not-an-email"),
        14: ("Student 014", "STUDENT002@example.test"),
    }
    preview = upload(as_teacher, roster_text(20, bad=bad))

    assert preview.status_code == 200
    assert errors_of(preview) == {
        (5, "name"): ["The name is missing."],
        (10, "email"): ["This is not an email address."],
        (15, "email"): ["Also on row 3 of this file."],
    }
    assert (preview.context["ready"], preview.context["with_problems"]) == (17, 3)
    page = preview.content.decode()
    assert "17 ready" in page
    assert "3 with problems" in page
    assert 'role="alert"' in page

    data = form_data(preview)
    refused = confirm(as_teacher, data)
    assert refused.status_code == 422
    assert Student.objects.count() == 0

    data |= {
        "rows-3-name": "Student 004",
        "rows-8-email": "student009@example.test",
        "rows-13-email": "student014@example.test",
    }
    response = confirm(as_teacher, data)

    assert response.status_code == 302
    assert messages_of(response) == ["Imported 20 students."]
    assert Student.objects.for_teacher(teacher).count() == 20
    assert Student.objects.get(email="student014@example.test").name == "Student 014"


def test_email_already_on_the_roster_is_flagged(as_teacher, teacher):
    Student.objects.create(teacher=teacher, name="Ann Smith", email="ann@example.test")

    preview = upload(as_teacher, "Name,Email\nAnnie Smith,ANN@example.test\nBob,bob@example.test\n")

    assert errors_of(preview) == {(2, "email"): ["Already on your roster as Ann Smith."]}
    response = confirm(as_teacher, form_data(preview))
    assert response.status_code == 422
    assert list(Student.objects.values_list("name", flat=True)) == ["Ann Smith"]


def test_skipped_row_is_left_out(as_teacher, teacher):
    preview = upload(as_teacher, "Name,Email\nAnn,ann@example.test\n,broken\nBob,\n")

    response = confirm(as_teacher, form_data(preview) | {"rows-1-skip": "on"})

    assert response.status_code == 302
    assert messages_of(response) == ["Imported 2 students."]
    assert sorted(Student.objects.for_teacher(teacher).values_list("name", flat=True)) == [
        "Ann",
        "Bob",
    ]


def test_skipped_row_is_not_counted_as_a_duplicate(as_teacher, teacher):
    preview = upload(as_teacher, "Name,Email\nAnn,ann@example.test\nAnn again,ann@example.test\n")

    response = confirm(as_teacher, form_data(preview) | {"rows-0-skip": "on"})

    assert response.status_code == 302
    assert list(Student.objects.values_list("name", flat=True)) == ["Ann again"]


def test_any_remaining_problem_on_confirm_writes_nothing(as_teacher):
    preview = upload(as_teacher, roster_text(5))
    data = form_data(preview) | {"rows-4-email": "nope"}

    response = confirm(as_teacher, data)

    assert response.status_code == 422
    assert errors_of(response) == {(6, "email"): ["This is not an email address."]}
    assert Student.objects.count() == 0


def test_check_again_shows_the_rows_without_writing(as_teacher):
    preview = upload(as_teacher, "Name,Email\n,ann@example.test\n")

    response = as_teacher.post(
        import_url(), form_data(preview) | {"rows-0-name": "Ann", "step": "check"}
    )

    assert response.status_code == 200
    assert errors_of(response) == {}
    assert Student.objects.count() == 0


def test_every_row_left_out_writes_nothing(as_teacher):
    preview = upload(as_teacher, "Name\nAnn\n")

    response = confirm(as_teacher, form_data(preview) | {"rows-0-skip": "on"})

    assert response.status_code == 422
    assert messages_of(response) == ["Every row is left out: there is nothing to import."]
    assert Student.objects.count() == 0


def test_duplicate_written_meanwhile_makes_the_import_write_nothing(
    as_teacher, teacher, monkeypatch
):
    preview = upload(as_teacher, "Name,Email\nAnn,ann@example.test\nBob,bob@example.test\n")
    Student.objects.create(teacher=teacher, name="Bob Other", email="BOB@example.test")
    # As if the other student was added between the check and the write.
    monkeypatch.setattr(imports.BaseRosterFormSet, "clean", lambda self: None)

    response = confirm(as_teacher, form_data(preview))

    assert response.status_code == 409
    assert "Nothing was imported" in messages_of(response)[0]
    assert list(Student.objects.values_list("name", flat=True)) == ["Bob Other"]


def test_import_rows_writes_all_or_nothing(teacher):
    Student.objects.create(teacher=teacher, name="Bob", email="bob@example.test")
    rows = [
        {"name": "Ann", "email": "ann@example.test"},
        {"name": "Bob again", "email": "Bob@Example.test"},
    ]

    with pytest.raises(ImportConflict):
        import_rows(teacher=teacher, rows=rows)

    assert list(Student.objects.values_list("name", flat=True)) == ["Bob"]


def test_five_hundred_rows_go_through_preview_and_confirm(as_teacher, teacher):
    preview = upload(as_teacher, roster_text(500))

    response = confirm(as_teacher, form_data(preview))

    assert response.status_code == 302
    assert Student.objects.for_teacher(teacher).count() == 500


def test_confirm_with_more_rows_than_allowed_writes_nothing(as_teacher):
    data = {"rows-TOTAL_FORMS": "501", "rows-INITIAL_FORMS": "0"}
    for i in range(501):
        data |= {f"rows-{i}-name": f"S{i}", f"rows-{i}-new_to_ball_work": "yes"}

    response = confirm(as_teacher, data)

    assert response.status_code == 422
    assert Student.objects.count() == 0


# --- Files that cannot be imported ----------------------------------------------------


def test_file_of_5000_rows_is_refused_with_a_clear_message(as_teacher):
    response = upload(as_teacher, roster_text(5000))

    assert response.status_code == 422
    assert response.context["form"].errors["file"] == [
        "The file has 5,000 rows; import at most 500 at a time."
    ]
    assert "The file has 5,000 rows" in response.content.decode()
    assert Student.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file has no rows."),
        (b"\n\n  \n", "The file has no rows."),
        (b"Name,Email\n", "The file has no rows."),
        (
            PNG,
            "This is not a CSV file but a PNG image, whatever its name says. In your "
            "spreadsheet choose “Save as” or “Download” and then “CSV UTF-8”, and import "
            "that file.",
        ),
        ("Name,Email\nZoé,z@example.test\n".encode("latin-1"), NOT_UTF8),
        ("Name,Email\nZoé,z@example.test\n".encode("utf-16"), NOT_UTF8),
    ],
    ids=["empty", "blank-lines", "header-only", "png", "latin-1", "utf-16"],
)
def test_unreadable_file_gets_a_clear_message_and_writes_nothing(as_teacher, content, message):
    response = upload(as_teacher, content)

    assert response.status_code == 422
    assert response.context["form"].errors["file"] == [message]
    assert message in response.content.decode().replace("&#x27;", "'")
    assert Student.objects.count() == 0


def test_file_over_2_mb_is_refused(as_teacher):
    content = roster_text(1) + "x" * (2 * 1024 * 1024)

    response = upload(as_teacher, content)

    assert response.status_code == 422
    assert response.context["form"].errors["file"] == [
        "The file is 2.0\xa0MB; import at most 2.0\xa0MB at a time."
    ]
    assert Student.objects.count() == 0


def test_upload_without_a_file_asks_for_one(as_teacher):
    response = as_teacher.post(import_url(), {})

    assert response.status_code == 422
    assert response.context["form"].errors["file"] == ["Choose a CSV file to import."]


# --- Other teachers -------------------------------------------------------------------


def test_other_teachers_roster_is_not_a_duplicate(as_teacher, teacher, other_teacher):
    Student.objects.create(teacher=other_teacher, name="Ann Elsewhere", email="ann@example.test")

    preview = upload(as_teacher, "Name,Email\nAnn,ann@example.test\n")

    assert errors_of(preview) == {}
    assert "Ann Elsewhere" not in preview.content.decode()
    assert confirm(as_teacher, form_data(preview)).status_code == 302
    assert Student.objects.for_teacher(teacher).get().name == "Ann"


def test_export_holds_only_the_teachers_own_roster(as_teacher, teacher, other_teacher):
    Student.objects.create(teacher=teacher, name="Ann", email="ann@example.test")
    Student.objects.create(teacher=other_teacher, name="Zed", email="zed@example.test")

    response = as_teacher.get(reverse("students:student-export"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="roster.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        ["Name", "Email", "Phone", "New to ball work", "Goals", "Notes"],
        ["Ann", "ann@example.test", "", "yes", "", ""],
    ]


# --- Export ---------------------------------------------------------------------------


def test_export_imports_back_as_it_was(client, teacher, other_teacher):
    fields = ("name", "email", "phone", "new_to_ball_work", "goals", "notes")
    Student.objects.create(
        teacher=teacher,
        name="Zoé Ångström",
        email="zoe@example.test",
        phone="+44 20 7946 0958",
        new_to_ball_work=False,
        goals='Hips; "lower" back, shoulders',
        notes="Line one\nLine two",
    )
    Student.objects.create(teacher=teacher, name="=1+1", goals="@SUM(A1)", notes="-2+3")
    Student.objects.create(teacher=teacher, name="Bob", email="bob@example.test")
    client.force_login(teacher)
    exported = client.get(reverse("students:student-export")).content

    client.force_login(other_teacher)
    preview = upload(client, exported)
    assert errors_of(preview) == {}
    response = confirm(client, form_data(preview))

    assert response.status_code == 302
    assert list(Student.objects.for_teacher(other_teacher).values_list(*fields)) == list(
        Student.objects.for_teacher(teacher).values_list(*fields)
    )


def test_export_neutralises_formulas(as_teacher, teacher):
    Student.objects.create(
        teacher=teacher,
        name='=HYPERLINK("http://evil.test","Click")',
        phone="+44 20 7946 0958",
        goals="-2+3+cmd|' /C calc'!A0",
        notes="@SUM(1+1)",
    )
    Student.objects.create(teacher=teacher, name="+cmd|' /C calc'!A0", notes="\t=1+1")

    response = as_teacher.get(reverse("students:student-export"))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1:]
    assert rows == [
        ["'+cmd|' /C calc'!A0", "", "", "yes", "", "'\t=1+1"],
        [
            '\'=HYPERLINK("http://evil.test","Click")',
            "",
            "+44 20 7946 0958",
            "yes",
            "'-2+3+cmd|' /C calc'!A0",
            "'@SUM(1+1)",
        ],
    ]


@pytest.mark.parametrize(
    ("value", "exported"),
    [
        ("=1+1", "'=1+1"),
        ("@cmd", "'@cmd"),
        ("\rx", "'\rx"),
        ("-1", "-1"),
        ("+33 6 12 34 56 78", "+33 6 12 34 56 78"),
        ("Ann", "Ann"),
    ],
)
def test_safe_cell(value, exported):
    assert safe_cell(value) == exported


# --- Access and queries --------------------------------------------------------------


@pytest.mark.parametrize("name", ["student-import", "student-export"])
@pytest.mark.parametrize("who", ["student", "curator"])
def test_students_and_curators_get_403(client, request, name, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get(reverse(f"students:{name}")).status_code == 403


def test_students_and_curators_cannot_post_an_import(client, student, curator):
    for user in (student, curator):
        client.force_login(user)
        assert upload(client, "Name\nAnn\n").status_code == 403
    assert Student.objects.count() == 0


@pytest.mark.parametrize("name", ["student-import", "student-export"])
def test_anonymous_visitor_is_sent_to_sign_in(client, db, name):
    url = reverse(f"students:{name}")

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


def test_upload_page_has_the_file_field_and_export_link(as_teacher):
    response = as_teacher.get(import_url())

    assert response.status_code == 200
    page = response.content.decode()
    assert 'type="file"' in page
    assert 'accept=".csv,text/csv"' in page
    assert reverse("students:student-export") in page


def test_every_field_in_the_preview_has_a_label(as_teacher):
    preview = upload(as_teacher, roster_text(2))

    class Labels(HTMLParser):
        def __init__(self):
            super().__init__()
            self.fields, self.labels = set(), set()

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag in ("input", "select", "textarea") and a.get("type") != "hidden":
                self.fields.add(a.get("id"))
            if tag == "label":
                self.labels.add(a.get("for"))

    parser = Labels()
    parser.feed(preview.content.decode())
    row_fields = {field for field in parser.fields if field and field.startswith("id_rows-")}
    assert len(row_fields) == 2 * 7
    assert row_fields <= parser.labels


@pytest.mark.parametrize("rows", [20, 200])
def test_preview_query_count_does_not_grow_with_rows(
    as_teacher, teacher, django_assert_max_num_queries, rows
):
    Student.objects.create(teacher=teacher, name="Ann", email="student001@example.test")

    with django_assert_max_num_queries(5):
        response = upload(as_teacher, roster_text(rows))

    assert response.status_code == 200
    assert len(response.context["formset"].forms) == rows

"""Roster import from a spreadsheet's CSV export, and export back to CSV.

The pieces take plain values and return plain results, so they are testable without a
request: `parse_roster` reads the file into rows (or file-level problems), the
`RosterFormSet` checks each row and the rows together, `import_rows` writes them, and
`roster_csv` writes the export.

Columns are matched on their header, ignoring case, accents, spaces and punctuation
("E-mail", "email address" and "Courriel" are all the email column). "New to ball work"
takes yes or no (also y/n, true/false, 1/0, x, oui/non): an empty cell means no, and a
file without that column imports everyone as new.
"""

import codecs
import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.forms import BaseFormSet, formset_factory
from django.forms.utils import ErrorDict
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts import forms_base
from accounts.params import parse_id

from .models import Student

MAX_ROWS = 500
MAX_UPLOAD_BYTES = 2 * 1024 * 1024

NOT_UTF8 = _("The file is not UTF-8 text: in your spreadsheet choose “CSV UTF-8” when you save.")
NOT_CSV = _("This is not a CSV file.")
NO_ROWS = _("The file has no rows.")
NOT_CSV_KIND = _(
    "This is not a CSV file but %(kind)s, whatever its name says. In your spreadsheet choose "
    "“Save as” or “Download” and then “CSV UTF-8”, and import that file."
)
# What a file that is not text really is, from its first bytes: a roster file that lies
# about its type gets a message naming what it is.
BINARY_KINDS = [
    (b"PK\x03\x04", _("a workbook or other zipped file (such as .xlsx, .ods or .numbers)")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", _("an old Excel workbook (.xls)")),
    (b"%PDF-", _("a PDF document")),
    (b"\x89PNG\r\n\x1a\n", _("a PNG image")),
    (b"\xff\xd8\xff", _("a JPEG image")),
    (b"GIF8", _("a GIF image")),
    (b"\x1f\x8b", _("a gzip archive")),
]

# The export's columns: (field, header). The import reads these headers back.
EXPORT_COLUMNS = [
    ("name", _("Name")),
    ("email", _("Email")),
    ("phone", _("Phone")),
    ("new_to_ball_work", _("New to ball work")),
    ("goals", _("Goals")),
    ("notes", _("Notes")),
]

# Header aliases, as compared: lower case, no accents, letters and digits only.
ALIASES = {
    "name": {"name", "fullname", "student", "studentname", "nomcomplet", "nom", "eleve"},
    "first_name": {"firstname", "givenname", "forename", "first", "prenom"},
    "last_name": {"lastname", "surname", "familyname", "last", "nomdefamille"},
    "email": {"email", "mail", "emailaddress", "mailaddress", "courriel", "adresseemail"},
    "phone": {"phone", "telephone", "mobile", "phonenumber", "tel", "cell", "portable"},
    "new_to_ball_work": {
        "new",
        "newtoballwork",
        "newtoballs",
        "newtoball",
        "beginner",
        "firsttime",
        "nouveau",
        "debutant",
    },
    "goals": {"goals", "goal", "aims", "aim", "objectives", "objectifs", "objectif"},
    "notes": {"notes", "note", "comments", "comment", "remarks", "remarques", "commentaires"},
}
YES = {"yes", "y", "true", "1", "x", "oui", "o", "✓", "✔"}
NO = {"no", "n", "false", "0", "non", ""}

BINARY = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A phone number such as +44 20 7946 0958 starts with "+" but is no formula.
PLAIN_NUMBER = re.compile(r"^[+-][\d\s().\-/]*$")


def header_key(text: str) -> str:
    """ "E-mail Address" → "emailaddress"; "Prénom" → "prenom"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if c.isalnum())


def _aliases() -> dict[str, set[str]]:
    """The static aliases plus, in the current language, the export's own headers."""
    aliases = {name: set(keys) for name, keys in ALIASES.items()}
    for name, header in EXPORT_COLUMNS:
        aliases[name].add(header_key(str(header)))
    return aliases


def parse_yes_no(value: str) -> bool | None:
    """True or False for the usual ways of writing yes and no; None for anything else."""
    key = value.strip().lower().rstrip(".")
    if key in YES or key == gettext("yes").lower():
        return True
    if key in NO or key == gettext("no").lower():
        return False
    return None


def _cell(value: str) -> str:
    value = value.strip()
    # Undo the export's protection against formulas, so an export imports as it was.
    if len(value) > 1 and value[0] == "'" and value[1] in "=+-@\t\r":
        value = value[1:].strip()
    return value


@dataclass
class ParsedRoster:
    """What `parse_roster` read. `rows` are dicts of text, ready to bind to the formset;
    `problems` are about the whole file (when there are any, `rows` is empty)."""

    rows: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


def _decode(data: bytes) -> tuple[str | None, str | None]:
    """(text, None) or (None, problem)."""
    for magic, kind in BINARY_KINDS:
        if data.startswith(magic):
            return None, gettext(NOT_CSV_KIND) % {"kind": kind}
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None, str(NOT_UTF8)
    if b"\x00" in data:
        return None, str(NOT_CSV)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, str(NOT_UTF8)
    if BINARY.search(text):
        return None, str(NOT_CSV)
    return text, None


def _delimiter(text: str) -> str:
    """The header line's most frequent separator: comma, semicolon or tab."""
    header = text.lstrip("\r\n").split("\n", 1)[0]
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _map_columns(header: list[str]) -> dict[str, int]:
    aliases = _aliases()
    columns: dict[str, int] = {}
    for index, title in enumerate(header):
        key = header_key(title)
        for name, keys in aliases.items():
            if key in keys and name not in columns:
                columns[name] = index
                break
    return columns


def parse_roster(data: bytes) -> ParsedRoster:
    text, problem = _decode(data)
    if problem:
        return ParsedRoster(problems=[problem])
    if not text.strip():
        return ParsedRoster(problems=[str(NO_ROWS)])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        records = list(reader)
    except csv.Error:
        return ParsedRoster(problems=[str(NOT_CSV)])

    numbered = [
        (number, record)
        for number, record in enumerate(records, start=1)
        if any(cell.strip() for cell in record)
    ]
    if len(numbered) < 2:
        return ParsedRoster(problems=[str(NO_ROWS)])
    (_header_number, header), data_rows = numbered[0], numbered[1:]
    header = [title.strip() for title in header]
    if len(data_rows) > MAX_ROWS:
        return ParsedRoster(
            problems=[
                gettext("The file has %(count)s rows; import at most %(max)s at a time.")
                % {
                    "count": number_format(len(data_rows), force_grouping=True),
                    "max": number_format(MAX_ROWS, force_grouping=True),
                }
            ]
        )

    columns = _map_columns(header)
    if not {"name", "first_name", "last_name"} & columns.keys():
        return ParsedRoster(
            problems=[
                gettext(
                    "The first row must name the columns, one of them “Name” (or “First name” "
                    "and “Last name”). This file's first row has: %(headers)s."
                )
                % {"headers": ", ".join(title for title in header if title)[:300]}
            ]
        )
    used = set(columns.values())
    ignored = [title for index, title in enumerate(header) if index not in used and title]

    def value(record, name):
        index = columns.get(name)
        return _cell(record[index]) if index is not None and index < len(record) else ""

    rows = []
    for number, record in data_rows:
        if "first_name" in columns:
            last = "last_name" if "last_name" in columns else "name"
            name = " ".join(filter(None, [value(record, "first_name"), value(record, last)]))
        else:
            name = value(record, "name" if "name" in columns else "last_name")
        if "new_to_ball_work" in columns:
            raw = value(record, "new_to_ball_work")
            new = {True: "yes", False: "no", None: raw}[parse_yes_no(raw)]
        else:
            new = "yes"
        rows.append(
            {
                "line": number,
                "name": name,
                "email": value(record, "email"),
                "phone": value(record, "phone"),
                "new_to_ball_work": new,
                "goals": value(record, "goals"),
                "notes": value(record, "notes"),
            }
        )
    return ParsedRoster(rows=rows, ignored_columns=ignored)


# --- Forms ------------------------------------------------------------------------


class RosterUploadForm(forms_base.Form):
    file = forms.FileField(
        label=_("Spreadsheet saved as CSV"),
        error_messages={
            "required": _("Choose a CSV file to import."),
            "empty": NO_ROWS,
        },
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                gettext("The file is %(size)s; import at most %(max)s at a time.")
                % {"size": filesizeformat(upload.size), "max": filesizeformat(MAX_UPLOAD_BYTES)},
                code="too_big",
            )
        self.parsed = parse_roster(upload.read())
        if self.parsed.problems:
            raise ValidationError(self.parsed.problems, code="unreadable")
        return upload


class YesNoField(forms.Field):
    """Yes or no, shown as a choice; text from the file that is neither is a problem."""

    widget = forms.Select(
        choices=[("", _("Choose…")), ("yes", _("Yes")), ("no", _("No"))],
        attrs={"class": "form-select form-select-sm w-auto"},
    )
    default_error_messages = {
        "required": _("Choose yes or no."),
        "invalid": _("“%(value)s” is not yes or no: choose one."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        answer = parse_yes_no(str(value))
        if answer is None:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            )
        return answer

    def prepare_value(self, value):
        if isinstance(value, bool):
            return "yes" if value else "no"
        return value

    def validate(self, value):
        if value is None:
            raise ValidationError(self.error_messages["required"], code="required")


def _text(size=24):
    return forms.TextInput(attrs={"class": "form-control form-control-sm w-auto", "size": size})


def _area():
    return forms.Textarea(
        attrs={"class": "form-control form-control-sm w-auto", "rows": 2, "cols": 24}
    )


class RosterRowForm(forms_base.Form):
    """One row of the file. A row left out is not checked."""

    line = forms.CharField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(
        label=_("Name"),
        max_length=Student._meta.get_field("name").max_length,
        error_messages={"required": _("The name is missing.")},
        widget=_text(),
    )
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        max_length=Student._meta.get_field("email").max_length,
        error_messages={"invalid": _("This is not an email address.")},
        widget=forms.EmailInput(attrs={"class": "form-control form-control-sm w-auto", "size": 28}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=Student._meta.get_field("phone").max_length,
        widget=_text(16),
    )
    new_to_ball_work = YesNoField(label=_("New to ball work"))
    goals = forms.CharField(label=_("Goals"), required=False, widget=_area())
    notes = forms.CharField(label=_("Notes"), required=False, widget=_area())
    skip = forms.BooleanField(
        label=_("Leave this row out"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    @property
    def skipped(self) -> bool:
        return bool(self["skip"].data)

    @property
    def line_number(self) -> int | None:
        """The row's number in the spreadsheet (the header is row 1)."""
        return parse_id(self["line"].value())

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self.skipped:
            self._errors = ErrorDict()

    def mark_invalid_fields(self):
        """Give each field with an error the Bootstrap class and ARIA attributes."""
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"{self[name].auto_id}-error"

    def row_data(self) -> dict:
        return {name: self.cleaned_data[name] for name, _header in EXPORT_COLUMNS}


class BaseRosterFormSet(BaseFormSet):
    """The file's rows, for one teacher: an email may appear once in the file and must not
    already be on the teacher's roster (the database refuses both)."""

    def __init__(self, *args, teacher, **kwargs):
        self.teacher = teacher
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        # Every row is checked, even one that looks untouched.
        return {**super().get_form_kwargs(index), "empty_permitted": False}

    def included_forms(self):
        return [form for form in self.forms if not form.skipped]

    def clean(self):
        emails = {}
        for form in self.included_forms():
            email = (form.cleaned_data.get("email") or "").lower()
            if email:
                emails.setdefault(email, []).append(form)
        if not emails:
            return
        on_roster = {
            student.email.lower(): student.name
            for student in Student.objects.for_teacher(self.teacher)
            .annotate(email_lower=Lower("email"))
            .filter(email_lower__in=list(emails))
            .only("name", "email")
        }
        for email, forms_with_email in emails.items():
            if email in on_roster:
                for form in forms_with_email:
                    form.add_error(
                        "email",
                        gettext("Already on your roster as %(name)s.") % {"name": on_roster[email]},
                    )
            first = forms_with_email[0]
            for form in forms_with_email[1:]:
                form.add_error(
                    "email",
                    gettext("Also on row %(row)s of this file.")
                    % {"row": first.line_number or self.forms.index(first) + 1},
                )

    def full_clean(self):
        super().full_clean()
        for form in self.forms:
            form.mark_invalid_fields()

    def cleaned_rows(self) -> list[dict]:
        return [form.row_data() for form in self.included_forms()]


RosterFormSet = formset_factory(
    RosterRowForm,
    formset=BaseRosterFormSet,
    extra=0,
    max_num=MAX_ROWS,
    absolute_max=MAX_ROWS,
    validate_max=True,
)
PREFIX = "rows"


def roster_formset(*, teacher, rows=None, data=None) -> BaseRosterFormSet:
    """The formset bound to the POST (`data`) or to the rows `parse_roster` read."""
    if data is None:
        data = {
            f"{PREFIX}-TOTAL_FORMS": str(len(rows)),
            f"{PREFIX}-INITIAL_FORMS": "0",
        }
        for index, row in enumerate(rows):
            for name, value in row.items():
                data[f"{PREFIX}-{index}-{name}"] = str(value)
    return RosterFormSet(data, prefix=PREFIX, teacher=teacher)


# --- Writing --------------------------------------------------------------------


class ImportConflict(Exception):
    """The database refused the rows (another import or edit got there first)."""


def import_rows(*, teacher, rows: list[dict]) -> list[Student]:
    """Write every row or none."""
    try:
        with transaction.atomic():
            return Student.objects.bulk_create(Student(teacher=teacher, **row) for row in rows)
    except IntegrityError as error:
        raise ImportConflict(str(error)) from error


# --- Export ---------------------------------------------------------------------


def safe_cell(value: str) -> str:
    """Keep a spreadsheet from running a cell as a formula (CSV injection)."""
    if value.startswith(FORMULA_START) and not PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def roster_csv(students) -> str:
    """The roster as CSV text with a BOM (so Excel reads it as UTF-8)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([str(header) for _name, header in EXPORT_COLUMNS])
    for student in students:
        writer.writerow(
            [
                safe_cell(student.name),
                safe_cell(student.email),
                safe_cell(student.phone),
                gettext("yes") if student.new_to_ball_work else gettext("no"),
                safe_cell(student.goals),
                safe_cell(student.notes),
            ]
        )
    return out.getvalue()

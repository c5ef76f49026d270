"""Every form the app renders, posted with hostile values by hypothesis (issue 16, item 5).

The forms are found, not listed: tests/fuzz/discovery.py opens every named URL as each
kind of visitor and reads the forms from the HTML. FORMS below counts them per action, so
a new form fails `test_every_form_is_fuzzed` until it is counted here (and so fuzzed).

Each form is then posted by the visitor it was shown to (CSRF enforced, its own token),
filled in as a person would, then with up to three fields replaced, duplicated or dropped
(tests/fuzz/values.py: empty, 10,000 characters, NUL and other control characters,
invalid UTF-8 as raw bytes, emoji, "²", RTL marks, "-1", "99999999999999999999", "1e309",
"9999-12-31", "0000-00-00", "2026-02-30", a script tag, ids of other things, files that lie
about their type). For every submission:
- the answer is 2xx, 3xx or 4xx, never a 5xx (the test client raises the view's exception);
- a refused submission (4xx, or a page showing the form's errors) and any GET form change
  nothing in the database: a digest of every table is the same before and after;
- an accepted one is followed by the pages and feeds that show what it stored (the page
  it was sent to, the lists, the object pages, the calendar feeds, print pages and CSV
  exports of the tables it changed, and the feeds the next page links to): none is a 5xx.
Each example runs in a savepoint that is rolled back, so every example starts from the
same world.

`make test` runs the "ci" profile: 5 examples per form, the same in every run (a seed per
form). `make fuzz` runs HYPOTHESIS_PROFILE=fuzz: 200 random examples per form
(FUZZ_EXAMPLES=… to change it).
"""

import copy
import hashlib
import os
import re
import zlib
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection, transaction
from django.test import override_settings
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, note, seed, settings
from hypothesis import strategies as st

from classes.models import TeacherCalendar
from routines import caching
from tests.factories import PASSWORD
from tests.fuzz.discovery import (
    CSRF_FIELD,
    OWNERS,
    Source,
    discover,
    extend_world,
    page_url,
    reach,
    rolled_back,
    signed_in_client,
    submit,
)
from tests.fuzz.forms import filled_data
from tests.fuzz.values import control_values, file_values
from tests.test_access_matrix import FAST_HASHERS, build_world

_COMMON = {
    "deadline": None,
    "database": None,  # no example database (.hypothesis/ holds only caches, ignored by git)
    "suppress_health_check": [
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.function_scoped_fixture,
    ],
    "print_blob": True,
}
settings.register_profile("ci", max_examples=5, derandomize=True, **_COMMON)
settings.register_profile(
    "fuzz", max_examples=int(os.environ.get("FUZZ_EXAMPLES", "200")), **_COMMON
)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Every form the app renders, by the method and URL name of its action: where it is found
# (page, visitor, the button whose untouched POST shows it, which of that page's forms with
# the same label it is). Forms with the same label and different fields are different forms.
FORMS = {
    "get classes:assign-course": [("classes:assign-course", "teacher", None, 0)],
    "get classes:assign-student": [("classes:assign-student", "teacher", None, 0)],
    "get classes:plan-builder": [("classes:plan-builder", "teacher", None, 0)],
    "get classes:plan-list": [("classes:plan-list", "teacher", None, 0)],
    "get routines:curate": [("routines:curate", "curator", None, 0)],
    "get routines:curate-pictures": [("routines:curate-pictures", "curator", None, 0)],
    "get routines:curate-translations": [("routines:curate-translations", "curator", None, 0)],
    "get routines:library": [("routines:library", "anonymous", None, 0)],
    "get students:student-list": [("students:student-list", "teacher", None, 0)],
    "post account-settings": [
        ("account-settings", "student", None, 0),
        ("account-settings", "teacher", None, 0),
    ],
    "post admin:logout": [("admin:index", "curator", None, 0)],
    "post classes:assign-course": [("classes:assign-course", "teacher", None, 0)],
    "post classes:assign-student": [("classes:assign-student", "teacher", None, 0)],
    "post classes:assignment-action": [("classes:assignment-detail", "teacher", None, 0)],
    "post classes:assignment-edit": [("classes:assignment-edit", "teacher", None, 0)],
    "post classes:course-calendar-regenerate": [("classes:course-detail", "teacher", None, 0)],
    "post classes:course-create": [("classes:course-create", "teacher", None, 0)],
    "post classes:course-edit": [("classes:course-edit", "teacher", None, 0)],
    "post classes:course-enrol": [("classes:course-detail", "teacher", None, 0)],
    "post classes:course-join-link": [("classes:course-detail", "teacher", None, 0)],
    "post classes:course-unenrol": [("classes:course-detail", "teacher", None, 0)],
    "post classes:finding-dismiss": [("classes:plan-builder", "teacher", None, 0)],
    "post classes:finding-restore": [("classes:plan-builder checked", "teacher", None, 0)],
    "post classes:join": [("classes:join", "anonymous", None, 0)],
    "post classes:join-confirm": [("classes:join-confirm", "anonymous", None, 0)],
    "post classes:modification-delete": [("classes:plan-builder", "teacher", None, 0)],
    "post classes:plan-create": [("classes:plan-create", "teacher", None, 0)],
    "post classes:plan-delete": [("classes:plan-delete", "teacher", None, 0)],
    "post classes:plan-duplicate": [("classes:plan-list", "teacher", None, 0)],
    "post classes:plan-edit": [("classes:plan-builder", "teacher", None, 0)],
    "post classes:plan-publish": [("classes:plan-builder", "teacher", None, 0)],
    "post classes:plan-share": [("classes:plan-builder", "teacher", None, 0)],
    "post classes:section-delete": [("classes:plan-builder", "teacher", None, 0)],
    "post classes:section-save": [
        ("classes:plan-builder", "teacher", None, 0),
        ("classes:plan-builder", "teacher", None, 1),
    ],
    "post classes:session-add": [("classes:course-detail", "teacher", None, 0)],
    "post classes:session-attendance": [("classes:session-detail", "teacher", None, 0)],
    "post classes:session-attendance-all": [("classes:session-detail", "teacher", None, 0)],
    "post classes:session-update": [("classes:session-detail", "teacher", None, 0)],
    "post classes:sessions-generate": [("classes:course-detail", "teacher", None, 0)],
    "post classes:step-add": [("classes:plan-builder", "teacher", None, 0)],
    "post classes:step-add-other": [("classes:plan-builder", "teacher", None, 0)],
    "post classes:step-modify": [("classes:plan-builder checked", "teacher", None, 0)],
    "post classes:step-move": [("classes:plan-builder", "teacher", None, 0)],
    "post classes:step-remove": [("classes:plan-builder", "teacher", None, 0)],
    "post classes:step-swap": [("classes:plan-builder checked", "teacher", None, 0)],
    "post classes:step-undo": [("classes:plan-builder removed", "teacher", None, 0)],
    "post classes:step-unswap": [("classes:plan-builder swapped", "teacher", None, 0)],
    "post classes:step-update": [("classes:plan-builder", "teacher", None, 0)],
    "post classes:steps-reorder": [("classes:plan-builder", "teacher", None, 0)],
    "post classes:teacher-calendar-regenerate": [("classes:course-list", "teacher", None, 0)],
    "post login": [("login", "anonymous", None, 0)],
    "post logout": [("account-settings", "teacher", None, 0)],
    "post set_language": [("classes:join", "anonymous", None, 0)],
    "post password_change": [("password_change", "teacher", None, 0)],
    "post password_reset": [("password_reset", "anonymous", None, 0)],
    "post routines:curate-create": [("routines:curate-create", "curator", None, 0)],
    "post routines:curate-delete": [("routines:curate-history", "curator", None, 0)],
    "post routines:curate-edit": [("routines:curate-edit", "curator", None, 0)],
    "post routines:curate-restore": [("routines:curate-history", "curator", None, 0)],
    "post routines:curate-status": [
        ("routines:curate", "curator", None, 0),
        ("routines:curate-history", "curator", None, 0),
    ],
    "post routines:proposal-create": [("routines:proposal-create", "teacher", None, 0)],
    "post routines:proposal-review": [("routines:proposal-review", "curator", None, 0)],
    "post routines:submission-create": [("routines:submission-create", "teacher", None, 0)],
    "post routines:submission-edit": [("routines:submission-edit", "teacher", None, 0)],
    "post signup": [("signup", "anonymous", None, 0)],
    "post students:account-delete": [("me", "student", None, 0)],
    "post students:consent-record": [("students:student-detail invited", "teacher", None, 0)],
    "post students:consent-withdraw": [("students:student-detail", "teacher", None, 0)],
    "post students:data-export": [("me", "student", None, 0)],
    "post students:health-create": [
        ("students:student-detail", "teacher", "post students:health-show", 0)
    ],
    "post students:health-delete": [
        ("students:student-detail", "teacher", "post students:health-show", 0)
    ],
    "post students:health-edit": [
        ("students:student-detail", "teacher", "post students:health-show", 0)
    ],
    "post students:health-show": [("students:student-detail", "teacher", None, 0)],
    "post students:invitation-accept": [("students:invitation-accept", "anonymous", None, 0)],
    "post students:invitation-revoke": [("students:student-detail invited", "teacher", None, 0)],
    "post students:invitation-send": [("students:student-detail invited", "teacher", None, 0)],
    "post students:my-health": [("students:my-health", "student", None, 0)],
    "post students:reminders-stop": [("students:reminders-stop", "anonymous", None, 0)],
    "post students:routine-log": [("students:routine-log", "student", None, 0)],
    "post students:student-create": [("students:student-create", "teacher", None, 0)],
    "post students:student-edit": [("students:student-edit", "teacher", None, 0)],
    "post students:student-import": [("students:student-import", "teacher", None, 0)],
    "post verify-email": [("verify-email", "anonymous", None, 0)],
}


@pytest.fixture(scope="module")
def fuzz_world(django_db_setup, django_db_blocker):
    """The access matrix's world, built once per module and rolled back at the end; each
    test runs in a savepoint on top of it, and each example in one more."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            world = extend_world(build_world())
            world["teacher_calendar"] = TeacherCalendar.objects.create(teacher=world["teacher"])
            yield world
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def found_forms(catalogue) -> dict[str, list[Source]]:
    found = {}
    for key, source in sorted(catalogue.items(), key=lambda item: (item[0].label, item[1])):
        found.setdefault(key.label, []).append(source)
    return found


def test_every_form_is_fuzzed(db, fuzz_world):
    """FORMS is what the app renders: a new form (or one moved) fails here until counted.
    Opening a page, or sending one of its buttons untouched, never crashes on the way."""
    catalogue, crashed = discover(fuzz_world)
    assert crashed == []
    found = found_forms(catalogue)
    listing = "\n".join(
        f"    {label!r}: [{', '.join(repr(tuple(src)) for src in sources)}],"
        for label, sources in found.items()
    )
    assert found == {label: [Source(*src) for src in srcs] for label, srcs in FORMS.items()}, (
        f"The forms the app renders changed; FORMS should be:\n{listing}"
    )


# --- what is compared, and what is shown again ---------------------------------------------

# Rows that record an attempt rather than what was submitted: a failed sign-in is counted
# (django-axes), a session is touched, a create form's one-time token is claimed when it is
# sent (accounts/once.py), and a refused health-note form shows the notes again, which is
# audited as a viewing. Everything else must be unchanged by a refused submission.
ATTEMPT_RECORDS = {
    "accounts.FormSubmission": None,
    "sessions.Session": None,
    "axes.AccessAttempt": None,
    "axes.AccessLog": None,
    "axes.AccessFailureLog": None,
    "students.AuditEntry": ("action", "viewed"),
}


def digest() -> dict[str, str]:
    """A digest of every table's rows, by model (in plain SQL: the ORM would take longer
    than the request it checks)."""
    tables = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            label = model._meta.label
            if label in ATTEMPT_RECORDS and ATTEMPT_RECORDS[label] is None:
                continue
            table = connection.ops.quote_name(model._meta.db_table)
            pk = connection.ops.quote_name(model._meta.pk.column)
            where, params = "", []
            if label in ATTEMPT_RECORDS:
                column, value = ATTEMPT_RECORDS[label]
                where, params = f" WHERE {connection.ops.quote_name(column)} <> %s", [value]
            # Names from the models' meta, quoted; the one value as a parameter.
            cursor.execute(f"SELECT * FROM {table}{where} ORDER BY {pk}", params)  # noqa: S608
            tables[label] = hashlib.sha256(repr(cursor.fetchall()).encode()).hexdigest()
    return tables


def changed_tables(before, after) -> list[str]:
    return sorted(label for label in before if before[label] != after[label])


ERRORS_SHOWN = re.compile(rb'is-invalid|invalid-feedback|class="errorlist|aria-invalid="true"')


def named(name, role):
    return lambda world: (role, page_url(world, name))


def teacher_feed(world):
    return "anonymous", reverse(
        "classes:calendar-feed", kwargs={"token": world["teacher_calendar"].token}
    )


_COURSES = [
    named("classes:course-list", "teacher"),
    named("classes:course-detail", "teacher"),
    named("classes:session-detail", "teacher"),
    named("classes:attendance-export", "teacher"),
    named("classes:calendar-feed", "anonymous"),
    teacher_feed,
]
_PLANS = [
    named("classes:plan-list", "teacher"),
    named("classes:plan-builder", "teacher"),
    named("classes:plan-print", "teacher"),
    named("classes:plan-teach", "teacher"),
    named("classes:share", "anonymous"),
]
_ROSTER = [
    named("students:student-list", "teacher"),
    named("students:student-detail", "teacher"),
    named("students:student-export", "teacher"),
    named("students:my-health", "student"),
]
_HOMEWORK = [
    named("classes:assignment-detail", "teacher"),
    named("classes:course-adherence", "teacher"),
    named("me", "student"),
    named("students:history", "student"),
    named("students:routine-play", "student"),
    named("students:routine-print", "student"),
]
_LIBRARY = [
    named("routines:library", "anonymous"),
    named("routines:technique-detail", "teacher"),
    named("routines:my-submissions", "teacher"),
    named("routines:curate", "curator"),
    named("routines:curate-history", "curator"),
    named("routines:curate-translations", "curator"),
]
_ACCOUNTS = [named("home", "teacher"), named("me", "student"), named("home", "curator")]

# The pages and feeds that show each table's rows.
SHOWN_ON = {
    "classes.Course": _COURSES,
    "classes.Session": _COURSES,
    "classes.Enrolment": _COURSES + _ROSTER,
    "classes.Attendance": _COURSES,
    "classes.TeacherCalendar": _COURSES,
    "classes.ClassPlan": _PLANS,
    "classes.PlanVersion": _PLANS + _COURSES + [named("classes:handout", "student")],
    "classes.FindingDismissal": _PLANS,
    "classes.StepModification": _PLANS,
    "classes.AssignmentSource": _HOMEWORK,
    "routines.Routine": _PLANS,
    "routines.Section": _PLANS,
    "routines.Step": _PLANS,
    "routines.Technique": _LIBRARY + _PLANS,
    "routines.TechniqueRevision": _LIBRARY,
    "routines.EditProposal": _LIBRARY,
    "students.Student": _ROSTER + _COURSES,
    "students.HealthNote": [*_ROSTER, named("classes:plan-builder", "teacher")],
    "students.AuditEntry": [named("students:audit-log", "teacher")],
    "students.Invitation": _ROSTER,
    "students.Assignment": _HOMEWORK,
    "students.PracticeLog": _HOMEWORK,
    "accounts.User": _ACCOUNTS,
}

# Pages a next page may link to that carry stored text into another format.
FEEDS = {
    "classes:calendar-feed",
    "classes:attendance-export",
    "students:student-export",
    "classes:plan-print",
    "classes:share",
    "students:routine-print",
    "classes:handout",
}
HREF = re.compile(r'href="(/[^"#]*)"')


def local_url_name(url):
    try:
        return resolve(urlsplit(url).path).view_name
    except Resolver404:
        return None


def assert_shown(client, url, why):
    response = client.get(url)
    assert response.status_code < 500, f"{url} answered {response.status_code} after {why}"
    return response


def show_again(world, viewers, role, source_url, response, changed, why):
    """Open what the accepted submission stored, wherever it is shown: the page it leads
    to and the feeds that page links to, the page the form was on, and the pages and feeds
    of every table it changed (each once)."""
    shown = set()

    def show(viewer, url):
        if (viewer, url) not in shown:
            shown.add((viewer, url))
            return assert_shown(viewers[viewer], url, why)
        return None

    if response.status_code in (301, 302, 303) and response["Location"].startswith("/"):
        page = show(role, response["Location"])
        if page.status_code == 200 and page["Content-Type"].startswith("text/html"):
            for href in sorted(set(HREF.findall(page.content.decode()))):
                if local_url_name(href) in FEEDS:
                    show(role, href.replace("&amp;", "&"))
    show(role, source_url)
    for label in changed:
        for where in SHOWN_ON.get(label, _ACCOUNTS):
            show(*where(world))


# --- the hostile submissions -----------------------------------------------------------------


@st.composite
def submissions(draw, form):
    """The form as rendered and filled in, with up to three of its fields replaced by,
    doubled with, or stripped of a hostile value, sent with one of its named buttons or none."""
    pairs = filled_data(form, today=timezone.localdate().isoformat(), password=PASSWORD)
    fields = [c for c in form.fields if c.name != CSRF_FIELD]
    if fields:
        chosen = draw(st.lists(st.sampled_from(fields), max_size=3, unique_by=lambda c: c.name))
        for control in chosen:
            how = draw(st.sampled_from(["replace", "duplicate", "drop"]))
            if how != "duplicate":
                pairs = [(name, value) for name, value in pairs if name != control.name]
            if how != "drop":
                value = draw(file_values() if control.kind == "file" else control_values(control))
                pairs.append((control.name, value))
    button = draw(st.sampled_from([None, *form.buttons]))
    if button is not None:
        pairs.append((button.name, button.value))
    return pairs


CASES = [(label, Source(*source)) for label, sources in FORMS.items() for source in sources]


@pytest.mark.parametrize(
    ("label", "source"),
    CASES,
    ids=[f"{label}-{source.role}-{source.variant}" for label, source in CASES],
)
def test_form_survives_hostile_values(db, fuzz_world, label, source):
    client, source_url, form = reach(fuzz_world, source, label)
    if form.method == "post":
        assert CSRF_FIELD in {c.name for c in form.controls}, (
            f"{label} on {source_url} carries no CSRF token: it cannot work without JavaScript"
        )
    viewers = {role: signed_in_client(fuzz_world, role) for role in OWNERS}
    viewers[source.role] = client
    cookies = copy.deepcopy(client.cookies)

    @settings(PROFILE)
    @given(submissions(form))
    def post_hostile(pairs):
        with rolled_back():
            cache.clear()
            caching._MEMO.clear()
            client.cookies = copy.deepcopy(cookies)
            why = f"{form.method.upper()} {form.action} as {source.role}"
            note(why)
            before = digest()
            response = submit(client, form, pairs)
            assert response.status_code < 500, f"{why} answered {response.status_code}"
            changed = changed_tables(before, digest())
            refused = response.status_code >= 400 or (
                response.status_code == 200 and ERRORS_SHOWN.search(response.content)
            )
            if form.method != "post":
                assert changed == [], f"{why}: a GET form wrote to {changed}"
            elif refused:
                assert changed == [], (
                    f"{why} was refused ({response.status_code}) yet wrote {changed}"
                )
            else:
                show_again(fuzz_world, viewers, source.role, source_url, response, changed, why)

    if PROFILE.derandomize:
        # Fixed examples, but not the same draws for every form: a seed of its own each.
        post_hostile = seed(zlib.crc32(f"{label} {source}".encode()))(post_hostile)
    post_hostile()

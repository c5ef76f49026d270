"""Every form the app renders, found from the URLconf: each named URL is opened (with the
arguments tests/test_access_matrix.py gives it) by each kind of visitor it answers 200 to,
and the forms of the page are read from its HTML; so are a few pages of a world with more
state (`extend_world`, `EXTRA_PAGES`). A button's untouched POST (a form with nothing to fill
in) that answers with a page is read too (the health notes shown after "Show health notes").

A form is known by its method, the URL name of its action and the names of its fields
(numbers in names, as in `step-12-cue`, made `N`): `FormKey`. The same form on several
pages, or shown to several visitors, is one form; it is fuzzed as the first visitor of
OWNERS that was shown it, on the first page it was found on.
"""

import copy
import re
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NamedTuple

from django.db import transaction
from django.test import Client
from django.urls import reverse

from classes import services as plan_services
from classes.models import FindingDismissal
from routines.models import TechniqueRevision
from students.models import Invitation, Student
from tests.factories import RegionFactory, TechniqueFactory, make_plan
from tests.fuzz.forms import Form, page_forms
from tests.fuzz.values import multipart, urlencoded
from tests.pages import active_findings
from tests.test_access_matrix import MATRIX, url_names

# Who is shown a form, in the order of preference for posting it: a form anyone sees is
# posted by the stranger it is for; a signed-in form by the role that owns the page.
OWNERS = ("anonymous", "teacher", "student", "curator")
CSRF_FIELD = "csrfmiddlewaretoken"


@contextmanager
def rolled_back():
    """A savepoint that is always rolled back: what happens inside leaves nothing behind."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@dataclass(frozen=True)
class FormKey:
    method: str
    url_name: str
    fields: tuple

    @property
    def label(self) -> str:
        return f"{self.method} {self.url_name}"


def form_key(form: Form) -> FormKey:
    names = {re.sub(r"\d+", "N", c.name) for c in form.controls if c.name != CSRF_FIELD}
    return FormKey(form.method, form.url_name, tuple(sorted(names)))


class Source(NamedTuple):
    """How to reach a form again: the page (a URL name, with the access matrix's arguments
    for it), who opens it, the label of the button on it whose untouched POST shows the form
    (if any), and which of the page's forms with that label it is (by their field names)."""

    page: str
    role: str
    hop: str | None = None
    variant: int = 0


def variants(forms: list[Form]) -> dict[FormKey, int]:
    """Each distinct form of a page, numbered among the page's forms with the same label."""
    keys = sorted({form_key(form) for form in forms}, key=lambda k: (k.label, k.fields))
    numbered, count = {}, Counter()
    for key in keys:
        numbered[key] = count[key.label]
        count[key.label] += 1
    return numbered


def extend_world(world) -> dict:
    """What the access matrix's world lacks for some forms to be shown: a roster entry
    invited but not signed up and without consent, a second revision of a technique (to be
    restored), and a draft plan checked against the course whose student must avoid what
    its step works, with a finding dismissed, a step removed and one swapped."""
    teacher, course = world["teacher"], world["course"]
    invited = Student.objects.create(teacher=teacher, name="Noor", email="noor@example.test")
    Invitation.objects.create(student=invited, email=invited.email, created_by=teacher)
    TechniqueRevision.objects.create(
        technique=world["published"], kind=TechniqueRevision.Kind.EDITED, snapshot={}
    )
    upper_back, shoulders = RegionFactory(slug="upper-back"), RegionFactory(slug="shoulders")
    step_technique = TechniqueFactory(slug="upper-back-roll", regions=[upper_back, shoulders])
    TechniqueFactory(slug="shoulder-pin", regions=[shoulders])  # a safer swap
    plan = make_plan(teacher, title="Checked", techniques=[step_technique] * 3, check_course=course)
    world["note"].avoid_regions.set([upper_back])
    steps = list(plan.routine.steps.order_by("pk"))
    plan_services.step_remove(plan=plan, expected_version=plan.lock_version, step=steps[0])
    plan.refresh_from_db()
    client = Client()
    client.force_login(teacher)
    findings = active_findings(client.get(reverse("classes:plan-builder", args=[plan.pk])))
    FindingDismissal.objects.create(
        plan=plan, key=findings[-1]["key"], reason="Seen.", dismissed_by=teacher
    )
    return {
        **world,
        "invited_pupil": invited,
        "checked_plan": plan,
        "removed_step": steps[0],
        "kept_step": steps[1],
    }


# Pages of the extended world, beside the URLconf's: (URL name, its arguments, a query).
EXTRA_PAGES = {
    "students:student-detail invited": (
        "students:student-detail",
        lambda w: {"pk": w["invited_pupil"].pk},
        lambda w: "",
    ),
    "classes:plan-builder checked": (
        "classes:plan-builder",
        lambda w: {"pk": w["checked_plan"].pk},
        lambda w: "",
    ),
    "classes:plan-builder removed": (
        "classes:plan-builder",
        lambda w: {"pk": w["checked_plan"].pk},
        lambda w: f"?removed={w['removed_step'].pk}",
    ),
    "classes:plan-builder swapped": (
        "classes:plan-builder",
        lambda w: {"pk": w["checked_plan"].pk},
        lambda w: f"?swapped={w['removed_step'].pk}-{w['kept_step'].pk}",
    ),
}


def page_url(world, page: str) -> str:
    if page in EXTRA_PAGES:
        name, kwargs, query = EXTRA_PAGES[page]
        return reverse(name, kwargs=kwargs(world)) + query(world)
    return reverse(page, kwargs=MATRIX[page]["kwargs"](world))


def page_matrix_entry(page: str) -> dict:
    return MATRIX[EXTRA_PAGES[page][0] if page in EXTRA_PAGES else page]


def pages():
    """The named URLs a person opens in a browser, and the extended world's pages."""
    names, _unnamed = url_names()
    return sorted(set(names)) + list(EXTRA_PAGES)


def signed_in_client(world, role) -> Client:
    client = Client(enforce_csrf_checks=True)
    if world[role] is not None:
        client.force_login(world[role])
    return client


def is_html(response) -> bool:
    return response.status_code == 200 and response.get("Content-Type", "").startswith("text/html")


def submit(client, form: Form, pairs):
    """Send a form as a browser would: GET with a query string, POST with a body."""
    if form.method != "post":
        return client.get(f"{form.action.split('?')[0]}?{urlencoded(pairs).decode()}")
    if form.enctype == "multipart/form-data":
        body, content_type = multipart(pairs)
        return client.generic("POST", form.action, body, content_type=content_type)
    return client.generic(
        "POST", form.action, urlencoded(pairs), content_type="application/x-www-form-urlencoded"
    )


def is_button(form: Form) -> bool:
    return all(c.kind in ("hidden", "button") for c in form.controls)


def discover(world) -> tuple[dict[FormKey, Source], list[str]]:
    """Every form of every page, as {FormKey: Source}, and the pages that crashed instead
    of showing theirs. Nothing it does is kept."""
    found: dict[FormKey, Source] = {}
    crashed: list[str] = []

    def keep(key, source):
        known = found.get(key)
        if known is None or OWNERS.index(source.role) < OWNERS.index(known.role):
            found[key] = source

    def attempt(what, request, *args):
        """A request in a savepoint of its own; a crash is noted, not raised."""
        try:
            with rolled_back():
                return request(*args)
        except Exception as error:
            crashed.append(f"{what}: {type(error).__name__}: {error}")
            return None

    for name in pages():
        entry = page_matrix_entry(name)
        roles = [role for role in OWNERS if entry["expected"][role] == 200]
        if not roles:
            continue
        with rolled_back():
            url = page_url(world, name)
            if url.endswith("/pdf/"):
                continue
            for role in roles:
                client = signed_in_client(world, role)
                response = attempt(f"GET {url} as {role}", client.get, url)
                if response is None or not is_html(response):
                    continue
                forms = page_forms(response.content.decode(), url)
                for key, variant in variants(forms).items():
                    keep(key, Source(name, role, None, variant))
                seen = set()
                for form in forms:
                    key = form_key(form)
                    # Only a button (no field to fill in) can open another page of forms.
                    if form.method != "post" or key in seen or not is_button(form):
                        continue
                    seen.add(key)
                    cookies = copy.deepcopy(client.cookies)
                    what = f"POST {form.action} untouched, from {url} as {role}"
                    after = attempt(what, submit, client, form, form.default_data())
                    client.cookies = cookies
                    if after is not None and is_html(after):
                        shown = page_forms(after.content.decode(), form.action)
                        for shown_key, variant in variants(shown).items():
                            keep(shown_key, Source(name, role, key.label, variant))
    return found, crashed


def reach(world, source: Source, label: str):
    """Open the page again as its visitor and return (client, page url, the form)."""
    client = signed_in_client(world, source.role)
    url = page_url(world, source.page)
    response = client.get(url)
    assert is_html(response), f"{url} as {source.role} answered {response.status_code}"
    forms = page_forms(response.content.decode(), url)
    if source.hop is not None:
        hop = next(f for f in forms if form_key(f).label == source.hop and is_button(f))
        response = submit(client, hop, hop.default_data())
        assert is_html(response), f"{hop.action} as {source.role} answered {response.status_code}"
        forms = page_forms(response.content.decode(), hop.action)
    keys = [key for key, n in variants(forms).items() if key.label == label and n == source.variant]
    assert keys, f"{label} (form {source.variant}) is no longer on {url} for {source.role}"
    return client, url, next(form for form in forms if form_key(form) == keys[0])

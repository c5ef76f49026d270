"""Issue 16, item 3: every form in the apps inherits the base form (accounts.forms_base),
which refuses control characters in every text and list field and what is not an id in
every choice of rows by id, before any field, clean method or query reads them."""

import importlib
import pkgutil

import pytest
from django import forms

from accounts.forms_base import Form, ModelForm, SafeInputMixin
from accounts.params import BIGINT_MAX, id_or_404, parse_id, parse_ids
from accounts.text import CONTROL_MESSAGE, ONE_LINE_MESSAGE, storable, text_problem
from routines.models import Region

APPS = ("accounts", "routines", "students", "classes", "config")


def app_form_classes() -> list[type]:
    """Every Form and ModelForm class defined in the apps' modules (migrations aside)."""
    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" not in module.name:
                importlib.import_module(module.name)
    found, todo = set(), [forms.BaseForm]
    while todo:
        for subclass in todo.pop().__subclasses__():
            if subclass not in found:
                found.add(subclass)
                todo.append(subclass)
    return sorted(
        (c for c in found if c.__module__.split(".")[0] in APPS and c not in (Form, ModelForm)),
        key=lambda c: f"{c.__module__}.{c.__qualname__}",
    )


def test_every_form_in_the_apps_inherits_the_base_form():
    classes = app_form_classes()
    # The forms this walk must at least find (a broken walk finding none passes nothing).
    names = {c.__name__ for c in classes}
    assert {"TechniqueForm", "PlanForm", "StudentForm", "RosterRowForm", "SignupForm"} <= names
    assert len(classes) >= 30
    missing = []
    for cls in classes:
        mro = cls.__mro__
        if SafeInputMixin not in mro or mro.index(SafeInputMixin) > mro.index(forms.BaseForm):
            missing.append(f"{cls.__module__}.{cls.__qualname__}")
    assert not missing, f"forms without accounts.forms_base's base class: {missing}"


def test_a_form_that_skips_the_base_is_found():
    """The walk sees a form defined anywhere in the apps, so the test above can fail."""

    class Forgotten(forms.Form):
        title = forms.CharField()

    Forgotten.__module__ = "classes.forms"
    try:
        assert Forgotten in app_form_classes()
        assert SafeInputMixin not in Forgotten.__mro__
    finally:
        del Forgotten


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", 1),
        ("42", 42),
        (str(BIGINT_MAX), BIGINT_MAX),
        (7, 7),
        ("0", None),
        ("-1", None),
        ("²", None),
        ("١", None),
        ("99999999999999999999", None),
        (str(BIGINT_MAX + 1), None),
        ("1e309", None),
        ("1.5", None),
        ("", None),
        (" 1", None),
        ("abc", None),
        ("\x00", None),
        ("1\x00", None),
        (None, None),
        (True, None),
        (2**64, None),
    ],
)
def test_parse_id(value, expected):
    assert parse_id(value) == expected


def test_id_or_404_and_parse_ids():
    from django.http import Http404

    assert id_or_404("12") == 12
    with pytest.raises(Http404):
        id_or_404("²")
    assert parse_ids(["3", "²", "3", "-1", "99999999999999999999", "5"]) == [3, 5]


def test_text_problem_and_storable():
    assert text_problem("Upper back\nafter work", multiline=True) is None
    assert text_problem("a\tb\r\nc", multiline=True) is None
    assert text_problem("a\x00b", multiline=True) == str(CONTROL_MESSAGE)
    assert text_problem("a\x1bb", multiline=False) == str(CONTROL_MESSAGE)
    assert text_problem("a\x85b", multiline=True) == str(CONTROL_MESSAGE)
    assert text_problem("a\nb", multiline=False) == str(ONE_LINE_MESSAGE)
    assert text_problem("  a title \n", multiline=False) is None  # the field strips it
    assert text_problem("a title \n", multiline=False, strip=False) == str(ONE_LINE_MESSAGE)
    assert text_problem(["fine", "not\x00fine"], multiline=False) == str(CONTROL_MESSAGE)
    assert text_problem("émoji 🎾 et accents", multiline=False) is None
    assert storable({"k\x00": ["a\x00b", {"c": "d\x07\n"}], "n": 3}) == {
        "k": ["ab", {"c": "d\n"}],
        "n": 3,
    }


class Sample(Form):
    title = forms.CharField(max_length=50)
    text = forms.CharField(widget=forms.Textarea, required=False)
    tags = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], required=False)


class SampleRegions(Form):
    region = forms.ModelChoiceField(queryset=Region.objects.all(), required=False)
    regions = forms.ModelMultipleChoiceField(queryset=Region.objects.all(), required=False)

    def clean(self):
        cleaned = super().clean()
        # Reads what was posted, as clean methods do: never a refused value.
        self.seen = dict(self.data)
        return cleaned


def test_base_form_refuses_control_characters_beside_the_field():
    form = Sample({"title": "Neck\x00 release", "text": "line one\r\nline two\tend"})
    assert not form.is_valid()
    assert form.errors["title"] == [str(CONTROL_MESSAGE)]
    assert "text" not in form.errors
    assert form.cleaned_data["text"] == "line one\r\nline two\tend"
    # Shown again without the invisible character, beside the message.
    assert form["title"].value() == "Neck release"


def test_base_form_keeps_single_line_fields_on_one_line():
    form = Sample({"title": "Neck\nrelease"})
    assert not form.is_valid()
    assert form.errors["title"] == [str(ONE_LINE_MESSAGE)]
    assert Sample({"title": "  Neck release\n"}).is_valid()


def test_base_form_checks_every_value_of_a_list_field():
    form = Sample({"title": "ok", "tags": ["a", "b\x00"]})
    assert not form.is_valid()
    assert form.errors["tags"] == [str(CONTROL_MESSAGE)]


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["²", "-1", "99999999999999999999", "1e309", "abc", "\x00"])
def test_base_form_refuses_what_is_not_an_id(value):
    region = Region.objects.create(slug="neck", name="Neck")
    form = SampleRegions({"region": value, "regions": [str(region.pk), value]})
    assert not form.is_valid()
    assert set(form.errors) == {"region", "regions"}
    assert value not in form.seen.get("regions", [])
    assert SampleRegions({"region": str(region.pk), "regions": [str(region.pk)]}).is_valid()


class SampleJSON(Form):
    data = forms.JSONField()


def test_base_form_checks_json_for_what_its_escapes_decode_to():
    """PostgreSQL's jsonb refuses \\u0000 however it was typed."""
    form = SampleJSON({"data": '{"cues": ["Breathe\\u0000"]}'})
    assert not form.is_valid()
    assert form.errors["data"] == [str(CONTROL_MESSAGE)]
    form = SampleJSON({"data": '{"k\\u001b": 1}'})
    assert not form.is_valid()
    assert SampleJSON({"data": '{"cues": ["Breathe\\nout"]}'}).is_valid()

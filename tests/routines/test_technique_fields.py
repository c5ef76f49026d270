"""The technique's fields are listed once (routines.fields) and its limits stated once (the
model): the exchange format, the curation form, the history and frozen routines follow."""

import sys

import pytest
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator

from routines import fields
from routines.exchange import export_library, load_library, validate_library
from routines.forms import TechniqueForm
from routines.models import Technique
from routines.services import technique_apply
from routines.snapshots import technique_data
from tests.factories import (
    ProgressionFactory,
    TechniqueFactory,
)
from tests.routines.test_curation import form_data
from tests.routines.test_exchange import minimal


@pytest.fixture
def field_added(monkeypatch):
    """The table with one more row, as if a field had been added to the model and listed:
    `review_comment` stands in for it (a real text column the table leaves out)."""
    table = fields.TECHNIQUE_FIELDS
    added = (*table, fields.TechniqueField("review_comment", frozen=True))
    for module in list(sys.modules.values()):
        if (
            module.__name__.startswith("routines")
            and getattr(module, "TECHNIQUE_FIELDS", 0) is table
        ):
            monkeypatch.setattr(module, "TECHNIQUE_FIELDS", added)


def problems_about(field, problems):
    return [p for p in problems if f"field '{field}'" in p]


@pytest.mark.django_db
def test_a_field_added_to_the_table_is_loaded_exported_kept_in_history_and_frozen(field_added):
    load_library(minimal(review_comment="Checked against the 2024 guidance."))
    technique = Technique.objects.with_lists().get()
    assert technique.review_comment == "Checked against the 2024 guidance."
    assert export_library()["techniques"][0]["review_comment"] == technique.review_comment
    assert technique.revisions.get().snapshot["review_comment"] == technique.review_comment
    assert technique_data(technique)["review_comment"] == technique.review_comment

    _technique, changes = technique_apply(
        data={"review_comment": "Rechecked."}, technique=technique
    )
    assert changes == {"review_comment": ["Checked against the 2024 guidance.", "Rechecked."]}
    problems = validate_library(minimal(review_comment=5))
    assert problems_about("review_comment", problems) == [
        "techniques[0] (test-roll): field 'review_comment' must be text."
    ]


def test_the_curation_form_edits_the_fields_the_table_marks_for_it():
    form_rows = [f.name for f in fields.TECHNIQUE_FIELDS if f.form]
    assert TechniqueForm._meta.fields == form_rows
    assert set(form_rows) <= set(TechniqueForm().fields)
    assert "status" not in TechniqueForm().fields  # moved by the review workflow only


@pytest.mark.django_db
def test_the_exported_technique_frozen_copy_and_history_keep_their_keys():
    technique = TechniqueFactory()
    assert list(fields.technique_to_dict(technique)) == [f.name for f in fields.TECHNIQUE_FIELDS]
    # Frozen plan versions and homework hold these keys: none may go (keys may be added,
    # and readers of older versions must do without them, as the pictures do without
    # "equipment_slugs").
    assert set(technique_data(technique)) == {
        "equipment_slugs",
        "slug",
        "name",
        "summary",
        "status",
        "position",
        "position_code",
        "level",
        "intensity",
        "duration_seconds",
        "instructions",
        "cues",
        "mistakes",
        "cautions",
        "contraindications",
        "regions",
        "actions",
        "equipment",
        "image",
        "image_end",
        "stations",
        "suitability",  # the plan checks read it (issue 14)
        "translations",  # its texts in other languages (issue 18)
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "missing",
    [
        "slug",
        "name",
        "summary",
        "regions",
        "actions",
        "equipment",
        "position",
        "duration_seconds",
        "instructions",
        "cues",
    ],
)
def test_a_file_must_give_what_the_model_cannot_leave_empty(missing):
    data = minimal()
    del data["techniques"][0][missing]
    assert any(f"field '{missing}' is required" in p for p in validate_library(data))


@pytest.mark.django_db
@pytest.mark.parametrize("optional", ["status", "tissues", "mistakes", "progression", "image"])
def test_a_file_may_leave_out_what_the_model_allows_empty_or_defaults(optional):
    data = minimal()
    del data["techniques"][0][optional]
    assert validate_library(data) == []


@pytest.mark.django_db
def test_a_range_changed_on_the_model_changes_what_a_file_may_hold(monkeypatch):
    assert validate_library(minimal(duration_seconds=900)) == []
    duration = Technique._meta.get_field("duration_seconds")
    monkeypatch.setattr(duration, "validators", [MinValueValidator(5), MaxValueValidator(600)])
    assert validate_library(minimal(duration_seconds=900)) == [
        "techniques[0] (test-roll): field 'duration_seconds' must be a whole number from 5 to 600."
    ]


@pytest.mark.django_db
def test_a_length_changed_on_the_model_changes_what_a_file_may_hold(monkeypatch):
    name = "Calf roll on a soft ball"
    assert validate_library(minimal(name=name)) == []
    monkeypatch.setattr(Technique._meta.get_field("name"), "validators", [MaxLengthValidator(20)])
    problems = validate_library(minimal(name=name))
    assert len(problems) == 1
    assert problems[0].startswith("techniques[0] (test-roll): field 'name': ")
    assert "at most 20 characters" in problems[0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "x" * 161, "at most 160 characters"),
        ("summary", "y" * 241, "at most 240 characters"),
        ("video_url", "not a link", "Enter a valid URL"),
        ("slug", "not a slug!", "Enter a valid “slug”"),
    ],
)
def test_a_library_file_and_the_curation_form_refuse_the_same_value(vocab, field, value, message):
    form = TechniqueForm(data=form_data(vocab, **{field: value}))
    assert not form.is_valid()
    assert any(message in e for e in form.errors[field])
    where = f"techniques[0] ({value})" if field == "slug" else "techniques[0] (test-roll)"
    [problem] = problems_about(field, validate_library(minimal(**{field: value})))
    assert problem.startswith(f"{where}: field '{field}': ") and message in problem


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("progression", "level", "field", "message"),
    [
        (True, None, "progression_level", "Give the level within the progression."),
        (True, 0, "progression_level", "Give the level within the progression."),
        (False, 2, "progression", "Choose the progression this level belongs to."),
    ],
)
def test_a_file_and_the_form_want_a_progression_and_its_level_together(
    vocab, progression, level, field, message
):
    ladder = ProgressionFactory(slug="calf-ladder")
    form = TechniqueForm(
        data=form_data(
            vocab,
            progression=ladder.pk if progression else "",
            progression_level="" if level is None else str(level),
        )
    )
    assert not form.is_valid()
    assert form.errors[field] == [message]
    data = minimal(progression="calf-ladder" if progression else None, progression_level=level)
    assert validate_library(data) == [f"techniques[0] (test-roll): field '{field}': {message}"]

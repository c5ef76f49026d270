"""The base of every form in Rollcall: what a browser or a script posts is checked before
any field, `clean_<field>()` or `clean()` reads it.

- Text (every field, lists and hidden fields included) may not hold NUL or other control
  characters (accounts.text); tab and line breaks only in multi-line fields (a textarea).
- A choice of a row by its id (ModelChoiceField, ModelMultipleChoiceField on an integer
  primary key) must be an id (accounts.params.parse_id), so `²`, `-1` or a number past a
  64-bit bigint is a form error, never a query that fails.

- JSON typed in a field (forms.JSONField) is checked for what its escapes decode to.

A refused field gets its message beside it and the form is invalid. The form is still
cleaned as a whole (so every other field says what is wrong with it), from the posted data
with the control characters and the refused ids taken out: no clean method, query or model
check ever sees them, and the form shows the text again without them. Every form inherits
`Form` or `ModelForm` from here (or puts `SafeInputMixin` first in its bases);
tests/test_forms_base_issue16_a1.py finds every form class in the apps and fails for one
that does not.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.datastructures import MultiValueDict

from .params import parse_id
from .text import strip_control, text_problem


def is_multiline(field: forms.Field) -> bool:
    return isinstance(field.widget, forms.Textarea)


def takes_ids(field: forms.Field) -> bool:
    """A choice of rows by their integer primary key."""
    if not isinstance(field, forms.ModelChoiceField) or field.to_field_name:
        return False
    queryset = field.queryset
    if queryset is None:
        return False
    return isinstance(queryset.model._meta.pk, models.IntegerField | models.AutoField)


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _not_an_id(field: forms.Field, value) -> ValidationError:
    if isinstance(field, forms.ModelMultipleChoiceField):
        return ValidationError(
            field.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": value}
        )
    return ValidationError(
        field.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
    )


def _strings(value):
    """Every string in a decoded JSON value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


class SafeInputMixin:
    """Put first in a form's bases (see the module's docstring)."""

    def refused_input(self) -> dict[str, ValidationError]:
        """{field name: error} for each field whose posted value is refused."""
        refused = {}
        for name, field in self.fields.items():
            if field.disabled or isinstance(field, forms.FileField):
                continue
            raw = self[name].data
            problem = text_problem(
                raw, multiline=is_multiline(field), strip=getattr(field, "strip", True)
            )
            if problem:
                refused[name] = ValidationError(problem, code="control_characters")
            elif takes_ids(field):
                odd = [v for v in _as_list(raw) if v not in field.empty_values and not parse_id(v)]
                if odd:
                    refused[name] = _not_an_id(field, odd[0])
        return refused

    def _without_refused(self, refused: dict) -> MultiValueDict:
        """The posted data, with control characters stripped everywhere and what is not an
        id left out of the refused id fields, for the rest of the cleaning to read."""
        id_keys = {self.add_prefix(name) for name in refused if takes_ids(self.fields[name])}

        def keep(key, value) -> bool:
            return not (key in id_keys and value and not parse_id(value))

        data = MultiValueDict()
        lists = self.data.lists() if hasattr(self.data, "lists") else self.data.items()
        for key, values in lists:
            values = [strip_control(v) if isinstance(v, str) else v for v in _as_list(values)]
            kept = [v for v in values if keep(key, v)]
            if kept or not values:
                data.setlist(key, kept)
        return data

    def full_clean(self):
        refused = self.refused_input() if self.is_bound else {}
        if refused:
            self.data = self._without_refused(refused)
        super().full_clean()
        # JSON typed as text carries NUL as an escape (\u0000): check what it decodes to.
        for name, field in self.fields.items():
            value = getattr(self, "cleaned_data", {}).get(name)
            if isinstance(field, forms.JSONField) and name not in refused:
                problem = text_problem(list(_strings(value)), multiline=True)
                if problem:
                    refused[name] = ValidationError(problem, code="control_characters")
        for name, error in refused.items():
            if self._errors is not None:
                self._errors.pop(name, None)  # ours says what was wrong with what was posted
            self.add_error(name, error)


class Form(SafeInputMixin, forms.Form):
    pass


class ModelForm(SafeInputMixin, forms.ModelForm):
    pass

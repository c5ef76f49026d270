"""No silent overwrite: an edit form carries the version of the object it was drawn from,
and a save based on an older version is refused with the typed text kept.

The object has a `lock_version` (an integer, like a class plan's). Its edit form mixes in
`VersionedFormMixin`, which adds a hidden `lock_version` field, refuses a form posted with
a blank or non-numeric version or an old one, and saves through `save_if_current`: one
conditional UPDATE claims the next version, so of two saves made from the same version
only the first is applied, however close together they arrive. A refused form shows what
is saved now where it differs from what was typed, and carries the current version, so
that saving it again, deliberately, keeps the typed text.
"""

from django import forms
from django.db import transaction
from django.db.models import F
from django.forms.models import model_to_dict
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

FIELD = "lock_version"
# A version is a positive integer that fits a PostgreSQL integer column.
MAX_DIGITS = 10


class StaleEdit(Exception):
    """The object changed after the form was drawn."""


def parse_version(value) -> int | None:
    """The version posted, or None when it is blank or not a plain positive number."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value or len(value) > MAX_DIGITS or not (value.isascii() and value.isdigit()):
        return None
    return int(value)


def claim_version(obj, expected: int) -> None:
    """Move `obj` from version `expected` to the next one, or raise StaleEdit. Call it inside
    the transaction that saves the change."""
    claimed = (
        type(obj)
        ._default_manager.filter(pk=obj.pk, lock_version=expected)
        .update(lock_version=F("lock_version") + 1)
    )
    if not claimed:
        raise StaleEdit
    obj.lock_version = expected + 1


def next_version():
    """For writes outside the edit forms (`.update(lock_version=next_version(), …)`): an
    edit form opened before them is then refused rather than writing over them."""
    return F("lock_version") + 1


class VersionedFormMixin:
    """For the edit form of an object with a `lock_version`: a ModelForm's instance, or the
    object passed as `versioned=` to a plain form (which then says, in `versioned_initial`,
    what the object's values are for its fields)."""

    # “this roster entry”, “this course”…: what the refusal calls the object.
    versioned_noun = gettext_lazy("this page's record")

    def __init__(self, *args, versioned=None, **kwargs):
        super().__init__(*args, **kwargs)
        if versioned is None:
            versioned = getattr(self, "instance", None)
        self.versioned = versioned if versioned is not None and versioned.pk else None
        self.is_stale = False
        if self.versioned is not None:
            self.fields[FIELD] = forms.CharField(widget=forms.HiddenInput, required=False)
            self.fields[FIELD].initial = self.versioned.lock_version

    # --- Checking ---------------------------------------------------------------------

    @property
    def version_seen(self) -> int | None:
        return parse_version(self.data.get(self.add_prefix(FIELD)))

    def full_clean(self):
        super().full_clean()
        if not self.is_bound or self.versioned is None:
            return
        seen = self.version_seen
        if seen is None:  # refused like a stale one: it cannot be checked
            self.mark_stale(missing=True)
        elif seen != self.versioned.lock_version:
            self.mark_stale()

    def versioned_initial(self, obj) -> dict:
        """The object's values for this form's fields (a plain form overrides this)."""
        return model_to_dict(obj, fields=[name for name in self.fields if name != FIELD])

    def mark_stale(self, *, missing=False) -> None:
        """Refuse the form: someone saved the object since it was drawn (or, `missing`, the
        form came without a version that says when it was drawn). The message says what
        is saved now where it differs from the typed text; the form keeps the text and
        takes the current version, so that saving again keeps what was typed."""
        fresh = type(self.versioned)._default_manager.get(pk=self.versioned.pk)
        current = self.versioned_initial(fresh)
        differing = []
        for name, field in self.fields.items():
            if name == FIELD or name not in current:
                continue
            if field.has_changed(current[name], self[name].data):
                differing.append(
                    _("%(field)s (now “%(value)s”)")
                    % {"field": field.label or name, "value": shown(field, current[name])}
                )
        if missing:
            message = _(
                "Not saved: this form came without its version, so it cannot be checked "
                "against changes made elsewhere to %(noun)s. Your text is still in the form."
            ) % {"noun": self.versioned_noun}
        else:
            message = _(
                "Not saved: %(noun)s was changed elsewhere (in another tab, on another device "
                "or by someone else) after you opened this page. Your text is still in the "
                "form."
            ) % {"noun": self.versioned_noun}
        if differing:
            message += " " + _("What is saved now differs in: %(fields)s.") % {
                "fields": "; ".join(differing)
            }
        message += " " + _("Check it, then save again to keep your version.")
        code = "version_missing" if missing else "stale"
        self.add_error(None, forms.ValidationError(message, code=code))
        self.is_stale = True
        data = self.data.copy()
        data[self.add_prefix(FIELD)] = str(fresh.lock_version)
        self.data = data

    # --- Saving -----------------------------------------------------------------------

    def save_if_current(self, save=None):
        """Run `save` (by default the ModelForm's own) while claiming the object's next
        version: its result (or True), or None with the form refused as stale when someone
        else saved first."""
        try:
            with transaction.atomic():
                claim_version(self.versioned, self.version_seen)
                result = save() if save is not None else self.save()
        except StaleEdit:
            self.mark_stale()
            return None
        return True if result is None else result


def shown(field, value) -> str:
    """A stored value as the form would offer it, short enough for a message."""
    if value in (None, "", [], ()):
        return _("empty")
    choices = {}
    if not isinstance(field, forms.ModelChoiceField):  # model objects print as themselves
        for key, label in getattr(field, "choices", ()):
            if isinstance(label, (list, tuple)):  # a group of choices
                choices.update((str(k), v) for k, v in label)
            else:
                choices[str(key)] = label
    values = value if isinstance(value, (list, tuple, set)) else [value]
    labels = []
    for item in values:
        if isinstance(field, forms.ModelChoiceField):
            if not hasattr(item, "pk"):  # a stored id: the object it names
                item = field.queryset.filter(pk=item).first() or item
            labels.append(field.label_from_instance(item) if hasattr(item, "pk") else str(item))
        else:
            labels.append(str(choices.get(str(item), item)))
    return Truncator(", ".join(labels)).chars(80)


def form_status(form, *, invalid: int = 422) -> int:
    """The status of a page showing `form`: 409 refused as stale, `invalid` with other
    errors (some pages answer those with 200, as they always have), else 200."""
    if getattr(form, "is_stale", False):
        return 409
    return invalid if form.is_bound and form.errors else 200

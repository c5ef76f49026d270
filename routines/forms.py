import datetime
import difflib
import re
import warnings
from functools import partial
from pathlib import PurePath

from django import forms
from django.db.models import Q
from django.utils import translation
from django.utils.functional import lazy
from django.utils.text import capfirst, slugify
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext_lazy as _
from PIL import Image

from accounts import forms_base

from .caching import cached, make_key
from .exchange import database_library_text
from .fields import FILE, FK, M2M, TECHNIQUE_FIELDS
from .models import (
    FLOOR_FREE,
    MAX_STEP_SECONDS,
    SUITABILITY_KEYS,
    Action,
    Equipment,
    Intensity,
    Level,
    Position,
    Region,
    SearchSynonym,
    Suits,
    Technique,
    nested_suitability,
)
from .search import clean_query, synonym_problems
from .state import library_version
from .translations import (
    LIST_ITEM_LIMIT,
    TECHNIQUE_LISTS,
    TECHNIQUE_TEXTS,
    TEXT_LIMITS,
    VOCABULARY_TEXTS,
    clean_translations,
    target_languages,
    validate_translations,
)
from .translations import STATIONS as TRANSLATED_STATIONS
from .translations import TECHNIQUE_FIELDS as TRANSLATED_FIELDS
from .translations import missing as missing_translations
from .translations import text as translation_text


def filter_choices(version: int | None = None) -> dict[str, list[tuple[str, str]]]:
    """The regions, actions and equipment the library can be filtered by, as (slug, name)
    pairs: three queries per library state (routines/state.py), then none."""
    version = library_version() if version is None else version
    language = translation.get_language()
    return cached(
        make_key("library-filter-choices", version, language),
        lambda: _load_filter_choices(language),
    )


def _load_filter_choices(language) -> dict[str, list[tuple[str, str]]]:
    """In `language`: each name's translation, English where it has none."""
    return {
        name: [
            (o.slug, translation_text(o, "name", language))
            for o in model.objects.only("slug", "name", "translations")
        ]
        for name, model in (("region", Region), ("action", Action), ("equipment", Equipment))
    }


class Checkboxes(forms.MultipleChoiceField):
    """A filter of several values, each a checkbox with its own id (`id_<name>_<n>`) for
    its label to point at."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)


# What "suits" means as a filter: stated yes or with care (in every trimester for
# pregnancy); a technique that does not say is left out. Floor-free: standing, at a wall or
# on a chair.
_FINE = [Suits.YES, Suits.CARE]
SUITS_FILTERS = {
    "pregnancy": Q(
        suitability__pregnancy__first__in=_FINE,
        suitability__pregnancy__second__in=_FINE,
        suitability__pregnancy__third__in=_FINE,
    ),
    "osteoporosis": Q(suitability__osteoporosis__in=_FINE),
    "clot_risk": Q(suitability__clot_risk__in=_FINE),
    "floor-free": Q(position__in=FLOOR_FREE),
}


class LibraryFilterForm(forms_base.Form):
    """The library's search and filters, read from the query string (so a search can be shared).

    Regions, actions and equipment are chosen by slug from `filter_choices()`, read only when
    the form is shown or one of them is chosen (`version` saves reading the library's state
    again when the caller has it)."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.SearchInput(
            attrs={"placeholder": _("A body part, a tool or what it helps with: IT band, headache")}
        ),
    )
    region = Checkboxes(label=_("Region"))
    action = Checkboxes(label=_("Action"))
    equipment = Checkboxes(label=_("Equipment"))
    position = Checkboxes(label=_("Position"), choices=Position.choices)
    level = Checkboxes(label=_("Level"), choices=Level.choices)
    intensity = Checkboxes(label=_("Intensity"), choices=Intensity.choices)
    suits = Checkboxes(
        label=_("Suits"),
        choices=[
            ("pregnancy", _("Pregnancy (every trimester)")),
            ("osteoporosis", _("Osteoporosis")),
            ("clot_risk", _("A risk of blood clots")),
            ("floor-free", _("No getting down to the floor")),
        ],
    )
    max_minutes = forms.IntegerField(
        label=_("At most (minutes)"), required=False, min_value=1, max_value=MAX_STEP_SECONDS // 60
    )

    VOCABULARIES = {"region": "regions", "action": "actions", "equipment": "equipment"}

    def __init__(self, data=None, *, version: int | None = None, **kwargs):
        if data is not None:
            data = data.copy()
            # Odd or over-long search text is trimmed, never an error page.
            data["q"] = clean_query(data.get("q", ""))
        super().__init__(data, **kwargs)
        self._version = version
        self._choices = None
        for name in self.VOCABULARIES:
            self.fields[name].choices = partial(self._vocabulary, name)

    def _vocabulary(self, name: str) -> list[tuple[str, str]]:
        if self._choices is None:
            self._choices = filter_choices(self._version)
        return self._choices[name]

    def filter(self, queryset):
        """Apply the valid filters; an invalid one is reported beside its field and ignored."""
        data = self.cleaned_data if self.is_bound else {}
        if self.is_bound and self.errors:
            data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        for name, lookup in self.VOCABULARIES.items():
            chosen = data.get(name)
            if chosen:
                # A subquery rather than a join: no duplicate rows, no DISTINCT needed.
                matching = Technique.objects.filter(**{f"{lookup}__slug__in": chosen}).values("pk")
                queryset = queryset.filter(pk__in=matching)
        for name in ("position", "level", "intensity"):
            if data.get(name):
                queryset = queryset.filter(**{f"{name}__in": data[name]})
        if data.get("max_minutes"):
            queryset = queryset.filter(duration_seconds__lte=data["max_minutes"] * 60)
        for condition in data.get("suits") or ():
            queryset = queryset.filter(SUITS_FILTERS[condition])
        return queryset

    def active_filters(self) -> int:
        if not self.is_bound:
            return 0
        return sum(1 for k, v in self.cleaned_data.items() if k != "q" and v)


MAX_IMAGE_BYTES = 5 * 1024 * 1024
# Width × height at most: a photo of 8000 × 5000 is fine; a "decompression bomb" (a small
# file that claims 100000 × 100000 pixels and would take gigabytes to decode) is refused.
MAX_IMAGE_PIXELS = 40_000_000
# The formats accepted, with the extension a stored photo gets (whatever it was called).
IMAGE_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}
# What a file's name and its declared type (the browser's Content-Type) say it is. A name
# without an extension, or a type that names no format, says nothing; anything else must
# be what the file really is, or the upload is refused as a lie (issue 16).
EXTENSION_FORMATS = {
    **{ext: fmt for fmt, ext in IMAGE_FORMATS.items()},
    ".jpeg": "JPEG",
    ".jpe": "JPEG",
    ".jfif": "JPEG",
}
CONTENT_TYPE_FORMATS = {
    "image/jpeg": "JPEG",
    "image/jpg": "JPEG",
    "image/pjpeg": "JPEG",
    "image/png": "PNG",
    "image/x-png": "PNG",
    "image/webp": "WEBP",
    "image/gif": "GIF",
}
UNDECLARED_TYPES = {"", "application/octet-stream", "binary/octet-stream"}
RESERVED_SLUGS = {"submissions", "new"}
PHOTO_FIELDS = ("image", "image_end")
NAME_SIMILARITY = 0.82


class PhotoField(forms.ImageField):
    """A photo upload, refused with a message when it is too large, in bytes or in pixels,
    is not an image, or is in a format browsers may not show.

    Only the header is read: the pixel count is checked before anything is decoded (Pillow's
    own limit, DecompressionBombError, stops anything larger before it returns). The file
    is renamed to the extension of what it really is, so it is stored and served as that.
    """

    default_error_messages = {
        "too_big": _("The image is %(mb).1f MB; the limit is 5 MB."),
        "too_many_pixels": _(
            "The image is %(width)d × %(height)d pixels; the limit is %(limit)d megapixels. "
            "Make it smaller (3000 pixels across is plenty) and upload it again."
        ),
        "bomb": _(
            "The image claims more pixels than can be opened safely (the limit is "
            "%(limit)d megapixels). Make it smaller and upload it again."
        ),
        "format": _("%(format)s images are not accepted. Upload a JPEG, PNG, WebP or GIF image."),
        "mislabelled": _(
            "“%(name)s” says it is %(declared)s, but it is a %(format)s image. Give it the "
            "extension %(extension)s (or save it again in the format its name says) and upload "
            "it again."
        ),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("JPEG, PNG, WebP or GIF, up to 5 MB and 40 megapixels."))
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", "image/jpeg,image/png,image/webp,image/gif")

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)  # the file's checks, not Pillow's yet
        if upload is None:
            return None
        if upload.size > MAX_IMAGE_BYTES:
            raise forms.ValidationError(
                self.error_messages["too_big"],
                code="too_big",
                params={"mb": upload.size / 1024 / 1024},
            )
        limit = {"limit": MAX_IMAGE_PIXELS // 1_000_000}
        source = upload.temporary_file_path() if hasattr(upload, "temporary_file_path") else upload
        try:
            with warnings.catch_warnings():
                # Pillow warns above its own limit and refuses at twice it. Its limit is this
                # one (routines/apps.py), which the size check below refuses with the image's
                # dimensions; past twice it, Image.open refuses before it returns. A lower
                # limit of Pillow's own, set elsewhere, is a refusal too.
                if Image.MAX_IMAGE_PIXELS and Image.MAX_IMAGE_PIXELS >= MAX_IMAGE_PIXELS:
                    warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                else:
                    warnings.simplefilter("error", Image.DecompressionBombWarning)
                if hasattr(source, "seek"):
                    source.seek(0)
                with Image.open(source) as image:  # reads the header only
                    width, height = image.size
                    if width * height > MAX_IMAGE_PIXELS:
                        raise forms.ValidationError(
                            self.error_messages["too_many_pixels"],
                            code="too_many_pixels",
                            params={"width": width, "height": height, **limit},
                        )
                    image.verify()  # the file's structure, still without decoding the pixels
        except forms.ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise forms.ValidationError(
                self.error_messages["bomb"], code="too_many_pixels", params=limit
            ) from exc
        except Exception as exc:  # Pillow does not recognise it, or it is broken
            raise forms.ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from exc
        if image.format not in IMAGE_FORMATS:
            raise forms.ValidationError(
                self.error_messages["format"],
                code="format",
                params={"format": image.format or "?"},
            )
        for declared in declared_types(upload):
            if declared[1] == image.format:
                continue
            raise forms.ValidationError(
                self.error_messages["mislabelled"],
                code="mislabelled",
                params={
                    "name": PurePath(upload.name or "").name,
                    "declared": declared[0],
                    "format": image.format,
                    "extension": IMAGE_FORMATS[image.format],
                },
            )
        upload.image = image
        upload.content_type = Image.MIME.get(image.format)
        upload.name = f"{PurePath(upload.name).stem or 'photo'}{IMAGE_FORMATS[image.format]}"
        if hasattr(upload, "seek"):
            upload.seek(0)
        return upload


def declared_types(upload) -> list[tuple[str, str | None]]:
    """What the upload's name and its declared Content-Type say it is: (what was said, the
    image format that means, or None for something that is no accepted image). A name
    without an extension, a generic type, or an odd image/* type a browser may send for a
    real image say nothing."""
    said = []
    extension = PurePath(upload.name or "").suffix.lower()
    if extension:
        said.append((extension, EXTENSION_FORMATS.get(extension)))
    content_type = (getattr(upload, "content_type", None) or "").split(";")[0].strip().lower()
    if content_type in CONTENT_TYPE_FORMATS or not (
        content_type in UNDECLARED_TYPES or content_type.startswith("image/")
    ):
        said.append((content_type, CONTENT_TYPE_FORMATS.get(content_type)))
    return said


def photo_extension(upload) -> str:
    """The extension a checked upload (PhotoField) is stored with."""
    return IMAGE_FORMATS.get(getattr(getattr(upload, "image", None), "format", ""), ".img")


class LinesField(forms.CharField):
    """A list of texts edited as one item per line, each at most `max_line` characters."""

    widget = forms.Textarea(attrs={"rows": 4})
    default_error_messages = {"too_long": _("Keep each line under 500 characters.")}

    def __init__(self, *, min_items=0, max_line=500, **kwargs):
        self.min_items = min_items
        self.max_line = max_line
        kwargs.setdefault("required", min_items > 0)
        kwargs.setdefault("help_text", _("One per line."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if len(value) < self.min_items:
            raise forms.ValidationError(
                _("Give at least %(n)d, one per line.") % {"n": self.min_items}, code="min_items"
            )
        for line in value:
            if len(line) > self.max_line:
                raise forms.ValidationError(
                    self.error_messages["too_long"],
                    code="too_long",
                    params={"limit": self.max_line},
                )


STATION_SECONDS = re.compile(r"(?:(\d{1,3}):(\d{2})|(\d{1,5})\s*s?)", re.IGNORECASE)


class StationsField(forms.CharField):
    """A technique's timed stations, edited as one per line: "seconds | body region | what to
    do", the region by name or slug, or left empty. The model says what is wrong with a
    station (Technique.clean); this field reads the lines and shows them again."""

    widget = forms.Textarea(attrs={"rows": 6, "spellcheck": "true"})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            _(
                "Optional: ordered places within the technique, each timed. One station per "
                "line: seconds | body region | what to do, for example "
                "“10 | Top of the shoulder | Roll side to side across the ridge”. Leave the "
                "region empty (“30 | | Breathe”) for no particular place; up to 12 stations. "
                "The seconds need not add up to the duration: the player shares the step's "
                "time between the stations in the same proportions."
            ),
        )
        super().__init__(strip=False, **kwargs)

    @staticmethod
    def regions() -> list[tuple[str, str]]:
        return filter_choices()["region"]

    def prepare_value(self, value):
        if not isinstance(value, list):
            return value  # what was typed, shown again as it was
        names = dict(self.regions())
        lines = []
        for station in value:
            if not isinstance(station, dict):
                continue
            region = station.get("region") or ""
            lines.append(
                f"{station.get('seconds', '')} | {names.get(region, region)} | "
                f"{station.get('instruction', '')}"
            )
        return "\n".join(lines)

    def to_python(self, value):
        text = super().to_python(value) or ""
        by_name = {}
        for slug, name in self.regions():
            by_name[slug.lower()] = slug
            by_name[name.lower()] = slug
        stations, errors = [], []
        for n, line in enumerate((line for line in text.splitlines() if line.strip()), start=1):
            parts = [part.strip() for part in line.split("|", 2)]
            if len(parts) < 3:
                errors.append(
                    forms.ValidationError(
                        _("Station %(n)d: write it as seconds | body region | what to do."),
                        code="station_line",
                        params={"n": n},
                    )
                )
                continue
            seconds, region, instruction = parts
            stations.append(
                {
                    # Unknown regions and odd seconds go to the model as typed, to be named.
                    "region": by_name.get(region.lower(), region),
                    "instruction": instruction,
                    "seconds": _station_seconds(seconds),
                }
            )
        if errors:
            raise forms.ValidationError(errors)
        return stations


def _station_seconds(text: str):
    """Whole seconds from "40", "40 s" or "1:30"; anything else as typed."""
    match = STATION_SECONDS.fullmatch(text)
    if not match:
        return text
    minutes, secs, plain = match.groups()
    return int(plain) if plain is not None else int(minutes) * 60 + int(secs)


def close_names(name: str, *, exclude_pk=None) -> list[Technique]:
    """Existing techniques whose name is close to `name` (a possible duplicate)."""
    wanted = " ".join(name.lower().split())
    matches = []
    for technique in Technique.objects.exclude(pk=exclude_pk).only("pk", "name", "slug"):
        ratio = difflib.SequenceMatcher(None, wanted, technique.name.lower()).ratio()
        if ratio >= NAME_SIMILARITY:
            matches.append((ratio, technique))
    return [t for _ratio, t in sorted(matches, key=lambda m: -m[0])][:3]


# --- The library in other languages (routines.translations) ---------------------------------

TRANSLATED_TEXT_HELP = _("Leave it empty and the English shows.")
TRANSLATED_LINES_HELP = _("One line for each English line, in the same order.")
TRANSLATED_STATIONS_HELP = _(
    "What to do at each station, one line for each, in the stations' order (the seconds "
    "and the body regions stay the English ones)."
)
TRANSLATED_LINE_TOO_LONG = _("Keep each line under %(limit)d characters.")


def translation_field_name(field: str, language: str) -> str:
    """The form field that edits a text in another language: "instructions_fr"."""
    return f"{field}_{language}"


def language_name(language: str) -> str:
    """A language's name in that language, for the heading of its fields: "Français"."""
    try:
        return str(get_language_info(language)["name_local"]).capitalize()
    except KeyError:
        return language.upper()


def _translated_label(label, language: str) -> str:
    return _("%(label)s (%(language)s)") % {"label": label, "language": language.upper()}


# Lazy: the admin's forms are made once, at import, and shown in each request's language.
translated_label = lazy(_translated_label, str)


def length_mismatch(english: int, translated: int) -> str:
    """Why a translated list is refused: a shorter one would drop a step or a caution, a
    longer one would show a line the English does not have."""
    return ngettext(
        "The English has %(english)d line and this has %(translated)d: give one line for "
        "each English line, in the same order, or leave this empty and the English shows.",
        "The English has %(english)d lines and this has %(translated)d: give one line for "
        "each English line, in the same order, or leave this empty and the English shows.",
        english,
    ) % {"english": english, "translated": translated}


def stored_translation(instance, language: str) -> dict:
    """The stored translation of a technique or vocabulary entry into `language`."""
    stored = getattr(instance, "translations", None)
    found = stored.get(language) if isinstance(stored, dict) else None
    return found if isinstance(found, dict) else {}


def _omitted(form, name: str) -> bool:
    """Whether the page did not send this field at all (one drawn before it existed)."""
    widget = form.fields[name].widget
    return widget.value_omitted_from_data(form.data, form.files, form.add_prefix(name))


class SuitsField(forms.ChoiceField):
    """Whether a technique suits one condition: yes, with care, no, or not stated yet."""

    def __init__(self, **kwargs):
        super().__init__(choices=[("", _("Not stated")), *Suits.choices], required=False, **kwargs)


# The form's suitability fields, by the flat key they state (models.SUITABILITY_KEYS).
SUITS_FIELDS = {key: f"suits_{key.replace('-', '_')}" for key in SUITABILITY_KEYS}


class TechniqueForm(forms_base.ModelForm):
    """Create or edit a technique: curators, teachers' submissions and proposed edits."""

    is_stale = False  # refused because the technique changed after the page was drawn

    tissues = LinesField(label=_("Target tissues"), min_items=1)
    instructions = LinesField(label=_("Instructions, in order"), min_items=3)
    cues = LinesField(label=_("Teaching cues"), min_items=2)
    mistakes = LinesField(label=_("Common mistakes"), min_items=1)
    cautions = LinesField(label=_("Cautions"), required=False)
    contraindications = LinesField(label=_("Contraindications"), required=False)
    indications = LinesField(
        label=_("Helps with"),
        required=False,
        help_text=_(
            "One per line: a condition, a goal or the people it serves, in a few lowercase "
            "words, e.g. “plantar fasciitis”, “desk workers”, “before sleep”. Searched with "
            "the name."
        ),
    )
    suits_pregnancy_first = SuitsField(label=_("Pregnancy, first trimester"))
    suits_pregnancy_second = SuitsField(label=_("Pregnancy, second trimester"))
    suits_pregnancy_third = SuitsField(label=_("Pregnancy, third trimester"))
    suits_osteoporosis = SuitsField(label=_("Osteoporosis"))
    suits_clot_risk = SuitsField(label=_("A risk of blood clots"))
    confirm_distinct = forms.BooleanField(
        label=_("Yes, this is a different technique from the similar one named above"),
        required=False,
    )
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    image = PhotoField(label=_("Start photo"))
    image_end = PhotoField(label=_("End photo (optional)"))
    stations = StationsField(label=_("Timed stations"))
    video_url = forms.URLField(label=_("Video link"), required=False, assume_scheme="https")

    class Meta:
        model = Technique
        fields = [field.name for field in TECHNIQUE_FIELDS if field.form]
        labels = {"slug": _("Web address")}
        help_texts = {"slug": _("Leave empty to make one from the name.")}
        widgets = {
            "regions": forms.CheckboxSelectMultiple,
            "actions": forms.CheckboxSelectMultiple,
            "equipment": forms.CheckboxSelectMultiple,
            "summary": forms.TextInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The slug is the technique's address: fixed once it exists.
            del self.fields["slug"]
            self.fields["version"].initial = self.instance.updated_at.isoformat()
        else:
            self.fields["slug"].required = False
        self.close_matches: list[Technique] = []
        # The photos stored now, to show beside their fields (a bound form writes a new
        # upload onto the instance before it is stored).
        self.stored_photos = {
            name: getattr(self.instance, name) if self.instance.pk else None
            for name in PHOTO_FIELDS
        }
        stated = self.instance.suits()
        for key, name in SUITS_FIELDS.items():
            self.fields[name].initial = stated.get(key, "")
        self._add_translation_fields()

    def _add_translation_fields(self) -> None:
        """One field per translatable text and language ("summary_fr", "instructions_fr"…),
        filled with the stored translation: plain texts and lists edited one per line, as
        the English ones are. Only for a technique that exists: a new one is written in
        English first (the library's language), and translated on its edit page."""
        if not self.instance.pk:
            return
        for language in target_languages():
            found = stored_translation(self.instance, language)
            for field in TRANSLATED_FIELDS:
                name = translation_field_name(field, language)
                label = translated_label(self.fields[field].label, language)
                attrs = {"lang": language, "spellcheck": "true"}
                value = found.get(field)
                if field in TECHNIQUE_TEXTS:
                    self.fields[name] = forms.CharField(
                        label=label,
                        required=False,
                        max_length=TEXT_LIMITS[field],
                        help_text=TRANSLATED_TEXT_HELP,
                        widget=forms.TextInput(attrs=attrs),
                    )
                    self.fields[name].initial = value if isinstance(value, str) else ""
                    continue
                self.fields[name] = LinesField(
                    label=label,
                    max_line=LIST_ITEM_LIMIT,
                    help_text=TRANSLATED_STATIONS_HELP
                    if field == TRANSLATED_STATIONS
                    else TRANSLATED_LINES_HELP,
                    error_messages={"too_long": TRANSLATED_LINE_TOO_LONG},
                    widget=forms.Textarea(attrs={"rows": 4, **attrs}),
                )
                lines = value if isinstance(value, list) else []
                self.fields[name].initial = [v for v in lines if isinstance(v, str)]

    @property
    def translation_sections(self) -> list[dict]:
        """Each language's fields beside the English ones, and what the stored technique
        lacks in it (routines.translations.missing), for the template."""
        sections = []
        for language in target_languages() if self.instance.pk else ():
            rows = [
                (self[field], self[translation_field_name(field, language)])
                for field in TRANSLATED_FIELDS
            ]
            # Nothing to translate, and nothing translated: not shown (the page that does
            # not send a field keeps it as stored, see _clean_translations).
            rows = [(en, tr) for en, tr in rows if en.value() or tr.value() or tr.errors]
            lacking = missing_translations(self.instance, language)
            sections.append(
                {
                    "language": language,
                    "name": language_name(language),
                    "rows": rows,
                    "missing": [self.fields[field].label for field in lacking],
                    "has_errors": any(translated.errors for _english, translated in rows),
                }
            )
        return sections

    def _english_lines(self, field: str, cleaned: dict) -> list | None:
        """The English list a translated list must match, as typed; None for a text, or
        when the English field was refused (its own message says why)."""
        if field == TRANSLATED_STATIONS:
            stations = cleaned.get("stations")
            return None if stations is None else list(stations)
        if field in TECHNIQUE_LISTS:
            return cleaned.get(field)
        return None

    def _clean_translations(self, cleaned: dict) -> None:
        """cleaned["translations"]: the stored translations with what was typed in each
        language's fields. A field the page did not send keeps its stored text; an empty one
        drops it (the English shows); a list that is not as long as the English is refused
        beside its field."""
        result = {
            language: dict(fields)
            for language, fields in clean_translations(self.instance.translations).items()
        }
        for language in target_languages():
            fields = result.setdefault(language, {})
            for field in TRANSLATED_FIELDS:
                name = translation_field_name(field, language)
                if name not in self.fields or name not in cleaned or _omitted(self, name):
                    continue  # not in this form, refused by its field, or not on the page
                value = cleaned[name]
                if field == "indications":  # lowercase, as the English ones
                    value = [" ".join(line.lower().split()) for line in value]
                english = self._english_lines(field, cleaned)
                if value and english is not None and len(value) != len(english):
                    self.add_error(name, length_mismatch(len(english), len(value)))
                    continue
                problems = validate_translations(
                    {language: {field: value}},
                    texts=TECHNIQUE_TEXTS,
                    lists=TECHNIQUE_LISTS,
                    stations=True,
                )
                if problems:
                    self.add_error(name, problems)
                    continue
                fields[field] = value
        cleaned["translations"] = clean_translations(result)

    @property
    def suits_fields(self) -> list:
        return [self[name] for name in SUITS_FIELDS.values()]

    def clean_indications(self):
        # Lowercase, as searched and shown; the model says what else is wrong with one.
        return [" ".join(line.lower().split()) for line in self.cleaned_data["indications"]]

    @property
    def photo_fields(self) -> list[tuple]:
        """(bound field, the photo stored now or None) for each photo, for the template."""
        return [(self[name], self.stored_photos[name] or None) for name in PHOTO_FIELDS]

    def clean_slug(self):
        max_length = Technique._meta.get_field("slug").max_length
        slug = (
            self.cleaned_data.get("slug")
            or slugify(self.data.get(self.add_prefix("name"), ""))[:max_length]
        )
        if not slug:
            raise forms.ValidationError(_("Give the technique a name or a web address."))
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("That web address is reserved; choose another."))
        if Technique.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("Another technique already uses this web address."))
        return slug

    def clean_stations(self):
        # A page that does not show the stations (one opened before they could be edited)
        # keeps them, rather than saving none.
        field = self.fields["stations"]
        if field.widget.value_omitted_from_data(self.data, self.files, self.add_prefix("stations")):
            return list(self.instance.stations) if self.instance.pk else []
        return self.cleaned_data["stations"]

    def clean(self):
        cleaned = super().clean()
        cleaned["suitability"] = nested_suitability(
            {key: cleaned.get(name, "") for key, name in SUITS_FIELDS.items()}
        )
        self._clean_translations(cleaned)
        if "regions" in cleaned:  # the stations may name only the regions chosen here
            self.instance.own_regions = {region.slug for region in cleaned["regions"]}
        # A progression without its level (or a level without one): Technique.clean().
        progression, level = cleaned.get("progression"), cleaned.get("progression_level")
        if progression and level:
            taken = (
                progression.techniques.filter(progression_level=level)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if taken:
                self.add_error(
                    "progression_level",
                    _("Level %(level)d of this progression is already “%(name)s”.")
                    % {"level": level, "name": taken.name},
                )
        name = cleaned.get("name")
        if name and (not self.instance.pk or name != self.instance.name):
            self.close_matches = close_names(name, exclude_pk=self.instance.pk)
            if self.close_matches and not cleaned.get("confirm_distinct"):
                names = ", ".join(f"“{t.name}”" for t in self.close_matches)
                self.add_error(
                    "name",
                    _(
                        "This is close to an existing technique: %(names)s. "
                        "Check it is not a duplicate, then tick the box below to save anyway."
                    )
                    % {"names": names},
                )
        # The version the page was drawn from (the technique's last change): a form posted
        # without it, or with something that is not one, cannot be checked, so it is refused
        # rather than saved over whatever changed since.
        version = cleaned.get("version") or ""
        if self.instance.pk and not is_version(version):
            self.is_stale = True  # refused for its version, like a stale one: 409
            self.data = self.data.copy()
            self.data[self.add_prefix("version")] = self.instance.updated_at.isoformat()
            raise forms.ValidationError(
                _(
                    "Not saved: this form came without its version, so it cannot be checked "
                    "against changes made elsewhere. Reload the page and make your change again."
                ),
                code="version_missing",
            )
        if self.instance.pk and version != self.instance.updated_at.isoformat():
            self.is_stale = True  # answered 409 (accounts.versioning.form_status)
            # The form shown again carries the current version: saving it again, having
            # compared, keeps the typed text.
            self.data = self.data.copy()
            self.data[self.add_prefix("version")] = self.instance.updated_at.isoformat()
            raise forms.ValidationError(
                _(
                    "Someone else changed this technique after you opened it. "
                    "Your text is still here: compare it with the current version "
                    "(see its history) and save again."
                ),
                code="stale",
            )
        return cleaned

    def to_data(self) -> dict:
        """The cleaned form in the exchange format, for services.technique_apply.
        A new image is left out: the view stores the file first (curation._form_data)."""
        data = {}
        for field in TECHNIQUE_FIELDS:
            if field.name not in self.cleaned_data or field.kind == FILE:
                continue
            value = self.cleaned_data[field.name]
            if field.kind == M2M:
                value = [o.slug for o in value]
            elif field.kind == FK:
                value = value.slug if value else None
            data[field.name] = value
        return data


def translated_field_labels() -> dict:
    """The translatable fields of a technique, with the curation form's labels."""
    return {field: TechniqueForm.base_fields[field].label for field in TRANSLATED_FIELDS}


class TranslationStatusForm(forms_base.Form):
    """The filters of the curators' list of techniques that lack a translation, read from
    the query string. A value that means nothing is named beside its field and ignored."""

    SORTS = [("missing", _("Most missing first")), ("name", _("By name"))]

    language = forms.ChoiceField(label=_("Language"), required=False)
    field = forms.ChoiceField(label=_("Missing field"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *Technique.Status.choices],
    )
    q = forms.CharField(label=_("Name"), required=False, max_length=200)
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=SORTS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, language_name(code)) for code in target_languages()
        ]
        self.fields["field"].choices = [
            ("", _("Any field")),
            *translated_field_labels().items(),
        ]

    def clean_q(self):
        return clean_query(self.cleaned_data["q"])

    def filters(self) -> dict:
        """The valid filters, with their defaults: the first language, most missing first."""
        data = {}
        if self.is_bound:
            errors = self.errors  # cleans the form
            data = {k: v for k, v in self.cleaned_data.items() if k not in errors and v}
        languages = target_languages()
        return {
            "language": data.get("language") or (languages[0] if languages else ""),
            "field": data.get("field", ""),
            "status": data.get("status", ""),
            "q": data.get("q", ""),
            "sort": data.get("sort") or "missing",
        }


def is_version(value: str) -> bool:
    """Whether a technique form's `version` is one: the time of a change, as ISO 8601."""
    if not value or len(value) > 40:
        return False
    try:
        datetime.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


class SearchSynonymForm(forms_base.ModelForm):
    """A search synonym in the admin: refused when it loops or points at nothing, by the
    rules load_library applies to a library file's synonyms (search.synonym_problems)."""

    means = LinesField(
        label=_("Means"),
        min_items=1,
        help_text=_(
            "One phrase per line: words the library uses (“iliotibial band”, “outer thigh”), "
            "or another synonym's term."
        ),
    )

    class Meta:
        model = SearchSynonym
        fields = ["term", "language", "means"]

    def clean_term(self):
        return " ".join(self.cleaned_data["term"].lower().split())

    def clean(self):
        cleaned = super().clean()
        term, language, means = (cleaned.get(k) for k in ("term", "language", "means"))
        if not (term and language and means):
            return cleaned
        others = [
            (s.term, s.language, list(s.means))
            for s in SearchSynonym.objects.exclude(pk=self.instance.pk)
        ]
        text = database_library_text()
        # Only what this entry brings: a problem the others had already is not this one's.
        before = set(synonym_problems(others, text))
        for problem in synonym_problems([*others, (term, language, means)], text):
            if problem not in before:
                self.add_error(None, problem)
        return cleaned


class TranslatedVocabularyForm(forms_base.ModelForm):
    """A region, equipment, action or progression in the admin, with its name and
    description in each language the library is translated into as plain fields ("name_fr",
    "description_fr"), kept in its `translations` (routines.translations). Made per model by
    `vocabulary_form`."""

    translated_texts: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for language in target_languages():
            found = stored_translation(self.instance, language)
            for field in self.translated_texts:
                value = found.get(field)
                self.initial.setdefault(
                    translation_field_name(field, language), value if isinstance(value, str) else ""
                )

    def clean(self):
        cleaned = super().clean()
        result = {
            language: dict(fields)
            for language, fields in clean_translations(self.instance.translations).items()
        }
        for language in target_languages():
            fields = result.setdefault(language, {})
            for field in self.translated_texts:
                name = translation_field_name(field, language)
                if name in cleaned and not _omitted(self, name):
                    fields[field] = cleaned[name]
        result = clean_translations(result)
        for language in target_languages():
            for problem in validate_translations(
                {language: result.get(language, {})}, texts=VOCABULARY_TEXTS
            ):
                self.add_error(None, problem)
        # Not a field of the form: saved with the instance (ModelAdmin.save_model).
        self.instance.translations = result
        return cleaned


def vocabulary_form(model) -> type[TranslatedVocabularyForm]:
    """The admin form of a vocabulary model: its own fields, and a name (and description,
    where it has one) per language the library is translated into."""
    texts = tuple(f for f in VOCABULARY_TEXTS if any(m.name == f for m in model._meta.fields))
    attrs = {"translated_texts": texts, "__module__": __name__}
    for language in target_languages():
        for field in texts:
            model_field = model._meta.get_field(field)
            widget_attrs = {"lang": language, "spellcheck": "true"}
            attrs[translation_field_name(field, language)] = forms.CharField(
                label=translated_label(capfirst(model_field.verbose_name), language),
                required=False,
                max_length=model_field.max_length or TEXT_LIMITS[field],
                help_text=TRANSLATED_TEXT_HELP,
                widget=forms.Textarea(attrs={"rows": 3, **widget_attrs})
                if field == "description"
                else forms.TextInput(attrs=widget_attrs),
            )
    attrs["Meta"] = type("Meta", (), {"model": model, "exclude": ["translations"]})
    return type(f"{model.__name__}Form", (TranslatedVocabularyForm,), attrs)


class ReviewForm(forms_base.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve and publish")), ("return", _("Return with a comment"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment for the teacher"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "return" and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Say what needs to change, so the teacher can fix it."))
        return cleaned


class ProposalNoteForm(forms_base.Form):
    note = forms.CharField(
        label=_("Note to the curator"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

"""The library's content in other languages than English.

Storage: one JSON field, `translations`, on each technique, region, equipment, action and
progression: ``{"fr": {"name": "…", "summary": "…", "instructions": ["…", …], …}}``.
English stays in the model's own fields and is the fallback, field by field, for
anything a language lacks (README, "The library in French", says why this storage).

Everything here works on a model instance or on its exchange-format / frozen dict alike
(both have the English fields and a `translations` mapping), so the library pages, the
frozen plan versions, the homework snapshots and the exchange format read the same way.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import CharField, F, Value
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce, NullIf
from django.utils import translation
from django.utils.translation import gettext_lazy as _

# The library is written in English; these are the languages it may be translated into.
SOURCE_LANGUAGE = "en"
# A technique's translatable fields: texts, and lists of texts.
TECHNIQUE_TEXTS = ("name", "summary")
TECHNIQUE_LISTS = (
    "tissues",
    "instructions",
    "cues",
    "mistakes",
    "cautions",
    "contraindications",
    "indications",
)
# A station's instruction, in the stations' order ("stations": ["…", …]).
STATIONS = "stations"
TECHNIQUE_FIELDS = (*TECHNIQUE_TEXTS, *TECHNIQUE_LISTS, STATIONS)
# What a translator must give for a technique to count as translated (the stations and
# the tissues follow when the technique has them).
VOCABULARY_TEXTS = ("name", "description")
TEXT_LIMITS = {"name": 160, "summary": 240, "description": 2000}
# How the pages name the translatable fields.
FIELD_LABELS = {
    "name": _("name"),
    "summary": _("summary"),
    "tissues": _("tissues"),
    "instructions": _("instructions"),
    "cues": _("cues"),
    "mistakes": _("common mistakes"),
    "cautions": _("cautions"),
    "contraindications": _("contraindications"),
    "indications": _("helps with"),
    "stations": _("stations"),
    "description": _("description"),
}
LIST_ITEM_LIMIT = 1000
LIST_LENGTH_LIMIT = 60


def target_languages() -> list[str]:
    """The languages the library may be translated into: the site's, less English."""
    found = []
    for code, _name in settings.LANGUAGES:
        base = code.split("-")[0]
        if base != SOURCE_LANGUAGE and base not in found:
            found.append(base)
    return found


def base_language(language: str | None = None) -> str:
    """The library language to show for a language code ("fr-ca" → "fr"); English for
    English and for any language the library is not translated into."""
    code = (language or translation.get_language() or SOURCE_LANGUAGE).lower()
    base = code.split("-")[0]
    return base if base in target_languages() else SOURCE_LANGUAGE


def _get(obj, field, default=None):
    if isinstance(obj, dict):
        return obj.get(field, default)
    # A field left out of the query (`.only()`) is not fetched one row at a time: a list
    # that did not load the translations shows English rather than cost a query per row.
    deferred = getattr(obj, "get_deferred_fields", None)
    if deferred is not None and field in deferred():
        return default
    return getattr(obj, field, default)


def _translation(obj, language: str) -> dict:
    translations = _get(obj, "translations") or {}
    found = translations.get(language) if isinstance(translations, dict) else None
    return found if isinstance(found, dict) else {}


def _usable(value, english) -> bool:
    """A translated value that can stand in for the English one: a non-empty text, or a
    list of non-empty texts as long as the English list (a shorter list would drop a
    step or a caution)."""
    if isinstance(english, list):
        return (
            isinstance(value, list)
            and len(value) == len(english)
            and all(isinstance(v, str) and v.strip() for v in value)
        )
    return isinstance(value, str) and bool(value.strip())


def _english_stations(obj) -> list[str]:
    stations = _get(obj, "stations") or []
    return [s.get("instruction", "") for s in stations if isinstance(s, dict)]


def text(obj, field: str, language: str | None = None):
    """A field of a technique or vocabulary entry in `language` (default: the active one),
    English when the translation lacks it."""
    english = _get(obj, field, "")
    language = base_language(language)
    if language == SOURCE_LANGUAGE:
        return english
    value = _translation(obj, language).get(field)
    return value if _usable(value, english) else english


def name_in(language: str | None = None):
    """A query expression for the name in `language` (default: the active one), English
    where it has none: lists of many techniques read only this, not the whole text."""
    language = base_language(language)
    if language == SOURCE_LANGUAGE:
        return F("name")
    local = NullIf(KT(f"translations__{language}__name"), Value(""))
    return Coalesce(local, F("name"), output_field=CharField())


def missing(obj, language: str, fields=TECHNIQUE_FIELDS) -> list[str]:
    """The fields that have English text but no usable translation into `language`."""
    found = _translation(obj, language)
    out = []
    for field in fields:
        english = _english_stations(obj) if field == STATIONS else _get(obj, field, "")
        if not english:
            continue
        if not _usable(found.get(field), english):
            out.append(field)
    return out


def localized_technique(data: dict, language: str | None = None) -> dict:
    """A technique's dict (exchange format or frozen) with its texts in `language`, and
    `untranslated`: the fields shown in English for want of a translation."""
    language = base_language(language)
    if language == SOURCE_LANGUAGE or not isinstance(data, dict):
        return data
    found = _translation(data, language)
    out = dict(data)
    for field in (*TECHNIQUE_TEXTS, *TECHNIQUE_LISTS):
        if field in data:
            out[field] = text(data, field, language)
    stations = data.get("stations") or []
    if stations:
        english = [s.get("instruction", "") if isinstance(s, dict) else "" for s in stations]
        words = found.get(STATIONS)
        if _usable(words, english):
            out["stations"] = [
                {**s, "instruction": w} if isinstance(s, dict) else s
                for s, w in zip(stations, words, strict=True)
            ]
    out["untranslated"] = missing(data, language)
    return out


def validate_translations(value, *, texts, lists=(), stations=False) -> list[str]:
    """Problems with a `translations` value: a mapping of target languages to mappings of
    known fields, texts for the texts and lists of texts for the lists."""
    if value in (None, {}):
        return []
    if not isinstance(value, dict):
        return [str(_("Translations must be an object of languages."))]
    problems = []
    allowed = set(texts) | set(lists) | ({STATIONS} if stations else set())
    for language, fields in value.items():
        if language not in target_languages():
            problems.append(
                str(_("Unknown translation language “%(language)s”."))
                % {"language": str(language)[:10]}
            )
            continue
        if not isinstance(fields, dict):
            problems.append(
                str(_("The “%(language)s” translation must be an object.")) % {"language": language}
            )
            continue
        for field, item in fields.items():
            if field not in allowed:
                problems.append(
                    str(_("The “%(language)s” translation has an unknown field “%(field)s”."))
                    % {"language": language, "field": str(field)[:40]}
                )
            elif field in texts:
                limit = TEXT_LIMITS.get(field, 2000)
                if not isinstance(item, str) or len(item) > limit:
                    problems.append(
                        str(
                            _(
                                "“%(field)s” (%(language)s) must be a text of at most "
                                "%(limit)d characters."
                            )
                        )
                        % {"field": field, "language": language, "limit": limit}
                    )
            elif (
                not isinstance(item, list)
                or len(item) > LIST_LENGTH_LIMIT
                or not all(isinstance(v, str) and len(v) <= LIST_ITEM_LIMIT for v in item)
            ):
                problems.append(
                    str(_("“%(field)s” (%(language)s) must be a list of texts."))
                    % {"field": field, "language": language}
                )
    return problems


def translation_errors(value, **kinds) -> list[ValidationError]:
    return [ValidationError(p, code="translations") for p in validate_translations(value, **kinds)]


def clean_translations(value) -> dict:
    """Translations as stored: empty texts and lists dropped (English shows instead),
    texts stripped, empty languages dropped."""
    if not isinstance(value, dict):
        return {}
    out = {}
    for language, fields in value.items():
        if not isinstance(fields, dict):
            continue
        kept = {}
        for field, item in fields.items():
            if isinstance(item, str):
                if item.strip():
                    kept[field] = item.strip()
            elif isinstance(item, list):
                items = [v.strip() for v in item if isinstance(v, str)]
                if any(items):
                    kept[field] = items
        if kept:
            out[language] = kept
    return out

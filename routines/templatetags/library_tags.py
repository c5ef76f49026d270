from django import template

from routines import translations

register = template.Library()


@register.filter
def join_lines(value):
    """A list as one item per line; anything else as text."""
    if isinstance(value, list | tuple):
        return "\n".join(str(v) for v in value)
    return value


@register.filter
def tr(obj, field):
    """A technique's or a vocabulary entry's field in the active language, English where
    it has no translation: ``{{ technique|tr:"summary" }}`` (routines.translations)."""
    return translations.text(obj, field)


@register.filter
def untranslated(obj):
    """The fields of a technique shown in English for want of a translation into the
    active language (empty in English): curators see a quiet mark for them."""
    language = translations.base_language()
    if language == translations.SOURCE_LANGUAGE:
        return []
    if isinstance(obj, dict) and "untranslated" in obj:
        return obj["untranslated"]
    return translations.missing(obj, language)


@register.filter
def field_labels(fields):
    """Translatable field names as the pages say them: "summary, instructions"."""
    return ", ".join(str(translations.FIELD_LABELS.get(f, f)) for f in fields)

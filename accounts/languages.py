"""The site's languages (settings.LANGUAGES), asked the same way everywhere: the menu, the
middleware, emails and a plan's print language."""

import re

from django.conf import settings
from django.utils import translation

# The site's languages, exactly as LANGUAGES names them: the one list every check asks.
LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)
LANGUAGE_CODE_SHAPE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{1,8})*")


def known_language(code) -> str | None:
    """The site's language for a code ("fr", "fr-ca" → "fr", "en" → "en-gb"), or None."""
    if not code or not isinstance(code, str):
        return None
    code = code.strip().lower()
    if code in LANGUAGE_CODES:
        return code
    if not LANGUAGE_CODE_SHAPE.fullmatch(code):
        return None
    try:
        variant = translation.get_supported_language_variant(code)
    except LookupError:
        return None
    return variant if variant in LANGUAGE_CODES else None

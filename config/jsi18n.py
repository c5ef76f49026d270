"""The words the scripts in static/js show, in the page's language (issue 18).

Django's JavaScript catalogue (`django.views.i18n.JavaScriptCatalog`) of the project's own
`djangojs` domain (locale/<lang>/LC_MESSAGES/djangojs.po), at /jsi18n/?l=<language>&v=<version>.
It defines gettext(), ngettext(), pgettext() and interpolate() for the scripts that follow it.

- The language comes from the address (`l`), not from the visitor's cookie or headers: one
  address always answers the same file, so it is cached for a year, by anyone (public), and
  a change of language loads the other address. An unknown `l` gets the default language.
- `v` is a digest of the file itself: new translations make a new address, and an address
  whose `v` is not the current one is answered without the long caching.
- Only the project's catalogue: not the admin's date-picker words, which JavaScriptCatalog
  would otherwise gather from every installed app.
- The file is plain script (the catalogue as an object literal, the plural rule as an
  expression): no eval, so the strict Content-Security-Policy (script-src 'self') allows it.
"""

import hashlib
from functools import lru_cache

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.views.decorators.http import require_safe
from django.views.i18n import JavaScriptCatalog

ONE_YEAR = 365 * 24 * 60 * 60
CONTENT_TYPE = 'text/javascript; charset="utf-8"'


class ProjectCatalog(JavaScriptCatalog):
    """The djangojs catalogue of LOCALE_PATHS only (`packages` only has to be non-empty for
    JavaScriptCatalog to ask get_paths instead of gathering every app's)."""

    packages = ["config"]

    def get_paths(self, packages):
        return [str(path) for path in settings.LOCALE_PATHS]


def _render(language: str) -> bytes:
    with translation.override(language):
        return ProjectCatalog().get(None).content


@lru_cache(maxsize=len(settings.LANGUAGES))
def _memoised(language: str) -> tuple[bytes, str]:
    content = _render(language)
    return content, hashlib.blake2b(content, digest_size=8).hexdigest()


def catalogue(language: str) -> tuple[bytes, str]:
    """The catalogue's script for `language` (a code from LANGUAGES) and its version. Made
    once per process; with DEBUG on, on every call, so that a compilemessages shows at once."""
    if settings.DEBUG:
        _memoised.cache_clear()
    return _memoised(language)


def requested_language(code: str) -> str:
    """The language of LANGUAGES that `code` names (fr-CA → fr), else the default."""
    try:
        return translation.get_supported_language_variant(code.lower())
    except LookupError:
        return settings.LANGUAGE_CODE


def catalogue_url(language: str) -> str:
    """The address of `language`'s catalogue (a code from LANGUAGES), version included."""
    language = requested_language(language)
    query = urlencode({"l": language, "v": catalogue(language)[1]})
    return f"{reverse('javascript-catalog')}?{query}"


@require_safe
def javascript_catalog(request):
    asked = request.GET.get("l")
    language = requested_language(asked) if asked else translation.get_language()
    content, version = catalogue(language)
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response.headers["Content-Language"] = language
    if asked and request.GET.get("v") == version:
        # The address names both the language and the file: the same for everyone, for good.
        patch_cache_control(response, public=True, max_age=ONE_YEAR, immutable=True)
    else:
        # Without them, this is the visitor's language or another version: ask again next time.
        patch_cache_control(response, no_cache=True)
    return response

"""The language menu: every page's navigation posts here (Django's `set_language`), signed
in or not. A signed-in person's choice is also saved on their account, so it follows them
to every device and wins at the next sign-in (UserPreferencesMiddleware). An unknown
language code changes nothing and sends the person back, as Django's view does."""

from django.conf import settings
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from .languages import LANGUAGE_CODES


@require_POST
def set_language(request):
    response = django_set_language(request)
    language = request.POST.get("language", "")
    user = request.user
    if language in LANGUAGE_CODES and user.is_authenticated and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return response


def menu(request) -> dict:
    """The language menu's entries (a context processor): each language in its own name."""
    return {
        "language_menu": [
            {"code": code, "name": name, "short": code.split("-")[0].upper()}
            for code, name in settings.LANGUAGES
        ]
    }

"""`{% js_catalogue %}`: the script tag of the JavaScript catalogue (config/jsi18n.py) in
the page's language. Put it before the scripts that call gettext(); it is deferred, like them,
so it runs first."""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from config.jsi18n import catalogue_url

register = template.Library()


@register.simple_tag
def js_catalogue() -> str:
    return format_html('<script src="{}" defer></script>', catalogue_url(get_language() or ""))

"""`{% once_token %}`: the one-time token of a create form (accounts/once.py)."""

from django import template
from django.utils.html import format_html

from accounts.once import FIELD, PLACEHOLDER, new_token

register = template.Library()


@register.simple_tag(takes_context=True)
def once_token(context):
    """A hidden input with a fresh token; inside a cached fragment, a placeholder that is
    filled per request (routines.caching.fill_csrf)."""
    value = PLACEHOLDER if context.get("once_placeholder") else new_token()
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, value)

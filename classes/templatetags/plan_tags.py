from django import template

from classes.forms import format_duration

register = template.Library()


@register.filter
def mmss(seconds) -> str:
    """90 → "1:30"."""
    return format_duration(seconds)


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template, or None."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None

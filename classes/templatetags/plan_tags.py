from django import template

from classes.forms import format_duration

register = template.Library()


@register.filter
def mmss(seconds) -> str:
    """90 → "1:30"."""
    return format_duration(seconds)

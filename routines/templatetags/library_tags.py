from django import template

register = template.Library()


@register.filter
def join_lines(value):
    """A list as one item per line; anything else as text."""
    if isinstance(value, list | tuple):
        return "\n".join(str(v) for v in value)
    return value

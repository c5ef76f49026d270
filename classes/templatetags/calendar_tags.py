"""Calendar subscription (issue 15): the feed's address as calendar apps subscribe to it."""

from django import template

from classes.calendar_views import webcal_address

register = template.Library()


@register.filter
def webcal(url: str) -> str:
    """The address of a feed with the webcal scheme, for a "Subscribe" link."""
    return webcal_address(str(url))

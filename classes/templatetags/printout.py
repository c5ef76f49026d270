from django import template

from classes.printout import print_layout as layout_of

register = template.Library()


@register.simple_tag
def print_layout(snapshot) -> dict:
    """{% print_layout snapshot as layout %}: the steps numbered through the plan and the
    cautions merged (classes/printout.py), for every page that prints a routine."""
    return layout_of(snapshot)

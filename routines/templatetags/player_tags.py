"""The player's data in the page."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter(is_safe=True)
def player_json(value, element_id):
    """Django's `json_script`, escaping with `str.replace` instead of `str.translate`: the
    same output (<, > and & as \\u escapes, so nothing in the data can end the script), 20
    times faster on the player's steps, whose pictures make them 100 KB and more."""
    text = (
        json.dumps(value, cls=DjangoJSONEncoder)
        .replace("&", "\\u0026")
        .replace("<", "\\u003C")
        .replace(">", "\\u003E")
    )
    # Safe: every character that could close the element or start markup is escaped.
    return format_html(
        '<script id="{}" type="application/json">{}</script>', element_id, mark_safe(text)
    )


@register.simple_tag
def player_data(steps, element_id="player-steps"):
    """The played steps as JSON, with each drawing (a step's picture, a station's marker)
    written once in the page as a <template> and named by its id in the steps: a routine
    that comes back to one technique, or does both sides, does not repeat its drawings,
    and the drawings are not escaped into JSON strings."""
    ids: dict[str, str] = {}

    def named(svg: str) -> str:
        return ids.setdefault(svg, f"player-drawing-{len(ids)}") if svg else ""

    slim = []
    for step in steps:
        played = {**step, "picture": named(step.get("picture", ""))}
        if isinstance(step.get("technique"), dict):
            # Shown in the page's language already (localize_snapshot): the other languages'
            # texts would only add weight, and the teacher-only ones among them.
            played["technique"] = {
                key: value
                for key, value in step["technique"].items()
                if key not in ("translations", "untranslated")
            }
        if step.get("stations"):
            played["stations"] = [
                {**station, "marker": named(station.get("marker", ""))}
                for station in step["stations"]
            ]
        slim.append(played)
    drawings = format_html_join(
        "",
        '<template id="{}">{}</template>',
        # Safe: the drawings are built by routines.pictures, every text in them escaped.
        ((ref, mark_safe(svg)) for svg, ref in ids.items()),
    )
    return drawings + player_json(slim, element_id)

"""The technique pictures in templates.

    {% load pictures %}
    {% technique_picture technique size="thumb" %}
    {% technique_picture step side=step.play_side size="full" css_class="player__picture" %}
    <img src="{{ technique.image.url }}" alt="{% technique_picture_alt technique %}">

``technique`` is a Technique (prefetch its regions, equipment and actions with
``Technique.objects.with_lists()`` on list pages), a frozen technique dict from a plan
snapshot, or a frozen step dict (its ``play_side`` or ``side`` picks the side).
"""

from collections.abc import Mapping

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..pictures import (
    SIZES,
    picture_alt,
    picture_svg,
    snapshot_picture_info,
    technique_picture_info,
)
from ..printing import media_name

register = template.Library()


def _info(technique, side: str) -> dict | None:
    if technique is None or technique == "":
        return None
    if isinstance(technique, Mapping):
        if "technique" in technique and not technique.get("technique"):
            return None  # a step that is not a technique: a rest, a talk, an assessment
        return snapshot_picture_info(technique, side=side)
    return technique_picture_info(technique, side=side)


@register.simple_tag
def technique_picture(technique, size="thumb", side="", css_class=""):
    """The technique's drawn picture as inline SVG; nothing for a step without one."""
    info = _info(technique, str(side or ""))
    if info is None:
        return ""
    # Safe: every text in the SVG is escaped where the picture is built.
    return mark_safe(picture_svg(info, size=size, css_class=css_class))


@register.simple_tag
def technique_picture_alt(technique, side=""):
    """The picture in words, for an alt attribute (auto-escaped like any tag output)."""
    info = _info(technique, str(side or ""))
    return picture_alt(info) if info is not None else ""


def photo_url(technique, *, for_pdf: bool = False) -> str:
    """The curator's photo of a technique, or "": a Technique's current one, or the one a
    frozen step or technique was published with. In a PDF, a `media:` address that
    routines.printing's fetcher reads from disk."""
    if technique is None or technique == "":
        return ""
    if isinstance(technique, Mapping):
        if "technique" in technique:
            technique = technique.get("technique") or {}
        url = technique.get("image") or ""
    else:
        image = getattr(technique, "image", None)
        url = image.url if image else ""
    name = media_name(url) if url and for_pdf else None
    return "media:" + name if name else url


@register.simple_tag(takes_context=True)
def technique_figure(context, technique, size="thumb", side="", css_class=""):
    """The technique's picture: the curator's photo where there is one, else the drawing.
    Nothing for a step without a technique."""
    info = _info(technique, str(side or ""))
    if info is None:
        return ""
    photo = photo_url(technique, for_pdf=bool(context.get("for_pdf")))
    if photo:
        pixels = SIZES.get(size, size) if not isinstance(size, int) else size
        return format_html(
            '<img src="{}" alt="{}" width="{}" height="{}" class="technique-picture '
            'technique-photo {}" loading="lazy" decoding="async">',
            photo,
            picture_alt(info),
            pixels,
            pixels,
            css_class,
        )
    # Safe: every text in the SVG is escaped where the picture is built.
    return mark_safe(picture_svg(info, size=size, css_class=css_class))

"""Which picture each technique shows, for the library's cards and the curators' picture sheet.

A technique's picture is the curator's start photo where there is one, else the drawing
(routines/pictures.py). The sheet lists every technique's picture, filtered by what it is:
drawn only (no photo), with a photo, or a drawing that fell back to the generic figure,
prop or placement (`picture_gaps`). Which is which is worked out for the whole library
once per library state (routines/state.py) and cached; a page of the sheet then loads only
its own techniques.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Prefetch

from .caching import cached, make_key
from .models import Action, Equipment, Position, Region, Technique
from .pictures import picture_alt, picture_gaps, technique_picture_info
from .pictures_words import GAP_LABELS

SHEET_PAGE_SIZE = 60
# What a sheet item shows besides its picture's lists.
SHEET_FIELDS = ("slug", "name", "summary", "status", "position", "per_side", "image", "image_end")


def with_picture_lists(techniques):
    """Techniques with the regions, equipment and actions their pictures are drawn from,
    each list read once for all of them (3 queries), only its slug and names (its own and
    its translations: cards show them in the reader's language)."""
    return techniques.prefetch_related(
        *(
            Prefetch(name, queryset=model.objects.only("slug", "name", "translations"))
            for name, model in (("regions", Region), ("equipment", Equipment), ("actions", Action))
        )
    )


@dataclass(frozen=True)
class Entry:
    """One technique on the sheet's index: enough to filter and count without drawing."""

    pk: int
    photo: bool  # a start photo: it is the picture wherever pictures show
    end_photo: bool
    gaps: tuple[str, ...]  # what the drawing drew generically (routines.pictures.picture_gaps)


# The sheet's filters: (value of ?show=, which entries it keeps).
FILTERS = {
    "": lambda entry: True,
    "drawn": lambda entry: not (entry.photo or entry.end_photo),
    "photo": lambda entry: entry.photo or entry.end_photo,
    "generic": lambda entry: bool(entry.gaps),
}


def picture_index(version: int) -> list[Entry]:
    """Every technique, by name, with whether it has photos and what its drawing could not
    draw: 4 queries of plain rows, once per library state (about half a second for 600
    techniques, most of it working out each drawing's scene)."""
    return cached(make_key("picture-index", version), _build_index)


def _build_index() -> list[Entry]:
    # Plain rows rather than model instances: the same data technique_picture_info reads,
    # the lists in their vocabulary's order as a prefetch gives them.
    lists: dict[str, dict[int, list[dict]]] = {}
    for name in ("regions", "equipment", "actions"):
        through = getattr(Technique, name).through
        column = Technique._meta.get_field(name).m2m_reverse_field_name()
        rows = through.objects.values_list(
            "technique_id", f"{column}__slug", f"{column}__name"
        ).order_by(f"{column}__order", f"{column}__name")
        lists[name] = {}
        for technique_id, slug, label in rows:
            lists[name].setdefault(technique_id, []).append({"slug": slug, "name": label})
    positions = dict(Position.choices)
    entries = []
    rows = Technique.objects.order_by("name").values_list(
        "pk", "name", "summary", "position", "per_side", "image", "image_end"
    )
    for pk, name, summary, position, per_side, image, image_end in rows:
        info = {
            "name": name,
            "summary": summary,
            "position": position,
            "position_name": str(positions.get(position, position)),
            **{key: lists[key].get(pk, []) for key in lists},
            "side": "each" if per_side else "",
        }
        entries.append(
            Entry(
                pk=pk, photo=bool(image), end_photo=bool(image_end), gaps=tuple(picture_gaps(info))
            )
        )
    return entries


def sheet_context(version: int, show: str, page_number: int) -> dict:
    """One page of the picture sheet for the filter `show` (a key of FILTERS)."""
    index = picture_index(version)
    entries = [entry for entry in index if FILTERS[show](entry)]
    page = Paginator(entries, SHEET_PAGE_SIZE).get_page(page_number)
    techniques = with_picture_lists(
        Technique.objects.filter(pk__in=[entry.pk for entry in page.object_list]).only(
            *SHEET_FIELDS
        )
    )
    by_pk = {t.pk: t for t in techniques}
    page.object_list = [
        {
            "technique": by_pk[entry.pk],
            "alt": picture_alt(technique_picture_info(by_pk[entry.pk])),
            "gaps": [GAP_LABELS[gap] for gap in entry.gaps if gap in GAP_LABELS],
        }
        for entry in page.object_list
        if entry.pk in by_pk
    ]
    counts = {value: sum(1 for e in index if keep(e)) for value, keep in FILTERS.items()}
    return {"page": page, "show": show, "counts": counts}

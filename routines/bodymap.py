"""The body map: a front and a back figure shaded by minutes of work per region.

Pure data, no request and no template: ``body_map()`` takes minutes per region slug and
returns plain dicts that ``templates/routines/_body_map.html`` draws as inline SVG. The
colours travel as SVG presentation attributes (``fill="…"``), never as ``style``, so the
map passes the strict CSP and looks the same in the browser, on paper and in WeasyPrint.

The figures are drawn here, in a 200 by 440 box per view. Only the left half of each
figure is written out; the right half is its mirror image, so both are symmetric and
every region is drawn on both sides (the map is per region, not per side). Regions share
their edges exactly, so together they tile the silhouette without gaps or overlaps.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Mapping

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

WIDTH, HEIGHT = 200, 440
VIEWBOX = f"0 0 {WIDTH} {HEIGHT}"
FRONT, BACK = "front", "back"
VIEWS = (FRONT, BACK)
VIEW_LABELS = {
    FRONT: pgettext_lazy("body map view", "Front"),
    BACK: pgettext_lazy("body map view", "Back"),
}

# --- Drawing ------------------------------------------------------------------
# A path is a start point followed by segments: (x, y) is a straight line to (x, y),
# (cx, cy, x, y) a quadratic curve through the control point (cx, cy) to (x, y).
# Every path is closed.

# Landmarks on the left half of a figure (x ≤ 100; the midline is x = 100).
HEAD_TOP = (100, 8)
JAW = (91, 60)
CHIN = (100, 63)
NECK = (90, 76)  # base of the neck, at the side
NOTCH = (100, 84)  # sternal notch in front, seventh vertebra behind
ACROMION = (60, 82)  # tip of the shoulder
DELTOID = (45, 106)  # lower end of the shoulder cap, outside the arm
ARMPIT = (63, 112)
ELBOW_OUT, ELBOW_IN = (36, 164), (50, 164)
WRIST_OUT, WRIST_IN = (27, 218), (39, 222)
FINGERTIPS, HAND_IN = (24, 260), (36, 258)
RIBS = (66, 132)  # side of the chest, below the armpit
PEC = (80, 138)  # lower edge of the chest, where the side ribs begin
STERNUM = (100, 134)  # lower end of the breastbone
WAIST, WAIST_FRONT, WAIST_BACK = (71, 166), (81, 166), (80, 166)
ASIS = (78, 186)  # front point of the hip bone
PUBIS = (100, 212)
CREST = (71, 188)  # hip bone at the side
HIP = (64, 210)
CROTCH = (100, 226)
GROIN = (90, 227)
HIP_FRONT = (72, 228)  # where the hip flexors meet the outer thigh
KNEE_OUT, KNEE_IN = (67, 318), (93, 322)
ANKLE_OUT, ANKLE_IN = (74, 406), (90, 406)
TOES_OUT, SOLE_OUT, SOLE_IN = (70, 430), (78, 436), (94, 436)
# Behind only.
TRAPEZIUS, TRAPEZIUS_MID = (86, 92), (100, 92)
BLADE_LOW, SPINE_MID = (90, 150), (100, 150)
FLANK = (78, 140)
SACRUM_TOP, SACRUM_MID, SACRUM_TIP = (88, 184), (100, 184), (100, 222)
GLUTE_FOLD = (72, 230)


def _q(control, point):
    return (*control, *point)


def _mirror(path):
    return [tuple(WIDTH - v if i % 2 == 0 else v for i, v in enumerate(seg)) for seg in path]


def _reverse(path):
    ends = [path[0], *(seg[-2:] for seg in path[1:])]
    reversed_path = [ends[-1]]
    for i in range(len(path) - 1, 0, -1):
        seg = path[i]
        reversed_path.append((*seg[:2], *ends[i - 1]) if len(seg) == 4 else ends[i - 1])
    return reversed_path


def _whole(half):
    """A shape across the midline, from its left half drawn midline to midline."""
    return half + _reverse(_mirror(half))[1:]


def _pair(path):
    """A shape on both sides of the body."""
    return [path, _mirror(path)]


def _d(path):
    def xy(*values):
        return " ".join(f"{values[i]:g},{values[i + 1]:g}" for i in range(0, len(values), 2))

    parts = [f"M{xy(*path[0])}"]
    parts += [f"L{xy(*seg)}" if len(seg) == 2 else f"Q{xy(*seg)}" for seg in path[1:]]
    return " ".join(parts) + " Z"


_OUTLINE_HALF = [
    HEAD_TOP,
    _q((79, 8), (79, 34)),
    _q((79, 54), JAW),
    NECK,
    _q((74, 78), ACROMION),
    _q((46, 84), DELTOID),
    _q((40, 134), ELBOW_OUT),
    _q((30, 190), WRIST_OUT),
    _q((20, 240), FINGERTIPS),
    _q((30, 270), HAND_IN),
    _q((40, 240), WRIST_IN),
    _q((44, 192), ELBOW_IN),
    _q((56, 138), ARMPIT),
    _q((65, 122), RIBS),
    _q((68, 150), WAIST),
    _q((72, 176), CREST),
    _q((68, 198), HIP),
    _q((59, 262), KNEE_OUT),
    _q((60, 350), ANKLE_OUT),
    _q((70, 420), TOES_OUT),
    _q((70, 436), SOLE_OUT),
    SOLE_IN,
    _q((92, 420), ANKLE_IN),
    _q((94, 370), KNEE_IN),
    _q((98, 270), CROTCH),
]

_HEAD = _whole([HEAD_TOP, _q((79, 8), (79, 34)), _q((79, 54), JAW), _q((95.5, 63), CHIN)])
_NECK = _whole([CHIN, _q((95.5, 63), JAW), NECK, _q((95, 82), NOTCH)])
_UPPER_ARM = _pair(
    [DELTOID, _q((40, 134), ELBOW_OUT), ELBOW_IN, _q((56, 138), ARMPIT), _q((56, 112), DELTOID)]
)
_FOREARM = _pair(
    [
        ELBOW_OUT,
        _q((30, 190), WRIST_OUT),
        _q((20, 240), FINGERTIPS),
        _q((30, 270), HAND_IN),
        _q((40, 240), WRIST_IN),
        _q((44, 192), ELBOW_IN),
    ]
)
_CALF_OR_SHIN = _pair(
    [KNEE_OUT, _q((60, 350), ANKLE_OUT), ANKLE_IN, _q((94, 370), KNEE_IN), _q((80, 334), KNEE_OUT)]
)

_FRONT = {
    "head-and-jaw": [_HEAD],
    "side-of-neck": [_NECK],
    "top-of-shoulder": _pair([NECK, _q((74, 78), ACROMION), _q((76, 88), NECK)]),
    "front-of-shoulder-and-chest": [
        _whole(
            [
                NOTCH,
                _q((95, 82), NECK),
                _q((76, 88), ACROMION),
                _q((46, 84), DELTOID),
                _q((56, 112), ARMPIT),
                _q((65, 122), RIBS),
                _q((72, 137), PEC),
                _q((90, 139), STERNUM),
            ]
        )
    ],
    "upper-arm": _UPPER_ARM,
    "forearm-and-hand": _FOREARM,
    "side-ribs": _pair(
        [RIBS, _q((68, 150), WAIST), WAIST_FRONT, _q((79, 150), PEC), _q((72, 137), RIBS)]
    ),
    "belly": [
        _whole(
            [
                STERNUM,
                _q((90, 139), PEC),
                _q((79, 150), WAIST_FRONT),
                ASIS,
                _q((88, 204), PUBIS),
            ]
        )
    ],
    "outer-thigh-and-hip": _pair(
        [
            WAIST,
            _q((72, 176), CREST),
            _q((68, 198), HIP),
            _q((59, 262), KNEE_OUT),
            _q((71, 280), HIP_FRONT),
            _q((73, 205), ASIS),
            WAIST_FRONT,
        ]
    ),
    "front-of-hip": _pair(
        [ASIS, _q((88, 204), PUBIS), CROTCH, GROIN, _q((80, 230), HIP_FRONT), _q((73, 205), ASIS)]
    ),
    "inner-thigh": _pair([CROTCH, GROIN, _q((84, 280), KNEE_IN), _q((98, 270), CROTCH)]),
    "front-of-thigh": _pair(
        [
            HIP_FRONT,
            _q((71, 280), KNEE_OUT),
            _q((80, 334), KNEE_IN),
            _q((84, 280), GROIN),
            _q((80, 230), HIP_FRONT),
        ]
    ),
    "shin": _CALF_OR_SHIN,
}

_BACK = {
    "head-and-jaw": [_HEAD],
    "back-of-neck": [_NECK],
    "top-of-shoulder": _pair(
        [
            NECK,
            _q((74, 78), ACROMION),
            _q((72, 90), TRAPEZIUS),
            TRAPEZIUS_MID,
            NOTCH,
            _q((95, 82), NECK),
        ]
    ),
    "back-of-shoulder": _pair(
        [ACROMION, _q((46, 84), DELTOID), _q((56, 112), ARMPIT), _q((60, 96), ACROMION)]
    ),
    "upper-arm": _UPPER_ARM,
    "forearm-and-hand": _FOREARM,
    "between-shoulder-blades": [
        _whole([TRAPEZIUS_MID, TRAPEZIUS, _q((84, 124), BLADE_LOW), SPINE_MID])
    ],
    "upper-back": _pair(
        [
            ACROMION,
            _q((72, 90), TRAPEZIUS),
            _q((84, 124), BLADE_LOW),
            _q((82, 148), FLANK),
            _q((72, 134), RIBS),
            _q((65, 122), ARMPIT),
            _q((60, 96), ACROMION),
        ]
    ),
    "side-ribs": _pair(
        [RIBS, _q((68, 150), WAIST), WAIST_BACK, _q((78, 152), FLANK), _q((72, 134), RIBS)]
    ),
    "low-back": [
        _whole(
            [
                SPINE_MID,
                BLADE_LOW,
                _q((82, 148), FLANK),
                _q((78, 152), WAIST_BACK),
                WAIST,
                _q((72, 176), CREST),
                _q((80, 186), SACRUM_TOP),
                SACRUM_MID,
            ]
        )
    ],
    "sacrum-and-pelvis": [_whole([SACRUM_MID, SACRUM_TOP, _q((92, 206), SACRUM_TIP)])],
    "glutes": _pair(
        [
            CREST,
            _q((80, 186), SACRUM_TOP),
            _q((92, 206), SACRUM_TIP),
            CROTCH,
            _q((86, 238), GLUTE_FOLD),
            _q((74, 206), CREST),
        ]
    ),
    "outer-thigh-and-hip": _pair(
        [
            CREST,
            _q((68, 198), HIP),
            _q((59, 262), KNEE_OUT),
            _q((71, 280), GLUTE_FOLD),
            _q((74, 206), CREST),
        ]
    ),
    "back-of-thigh": _pair(
        [
            GLUTE_FOLD,
            _q((71, 280), KNEE_OUT),
            _q((80, 334), KNEE_IN),
            _q((98, 270), CROTCH),
            _q((86, 238), GLUTE_FOLD),
        ]
    ),
    "ankle-and-calf": _CALF_OR_SHIN,
    "sole-of-foot": _pair(
        [
            ANKLE_OUT,
            _q((70, 420), TOES_OUT),
            _q((70, 436), SOLE_OUT),
            SOLE_IN,
            _q((92, 420), ANKLE_IN),
        ]
    ),
}

#: The body silhouette per view, drawn under the regions.
OUTLINE = {view: _d(_whole(_OUTLINE_HALF)) for view in VIEWS}

#: slug → [(view, SVG path data)], every region on every view where it can be seen.
SHAPES: dict[str, list[tuple[str, str]]] = {}
for _view, _regions in ((FRONT, _FRONT), (BACK, _BACK)):
    for _slug, _paths in _regions.items():
        SHAPES.setdefault(_slug, []).extend((_view, _d(path)) for path in _paths)

# --- Shading ------------------------------------------------------------------
BRAND = "#1f5f5b"
# Five steps of one teal, from very light to the brand colour: (key, fill, label).
LEVELS = (
    ("none", "#eef3f2", gettext_lazy("No work")),
    ("light", "#acd6ce", gettext_lazy("Under 2 min")),
    ("moderate", "#6fb1a7", gettext_lazy("2 to 5 min")),
    ("strong", "#3b857e", gettext_lazy("5 to 10 min")),
    ("heavy", BRAND, gettext_lazy("10 min or more")),
)
THRESHOLDS = (2, 5, 10)  # minutes where "light" turns "moderate", "strong", "heavy"
STROKE, UNSHADED_STROKE = "#ffffff", "#cfd9d7"
CONNECTED_FILL, CONNECTED_STROKE, CONNECTED_DASH = "#f6e6c6", "#9a6a12", "3 2"
HIGHLIGHT_FILL = BRAND
OUTLINE_FILL, OUTLINE_STROKE = LEVELS[0][1], "#8a9c99"
CONNECTED_LABEL = gettext_lazy("Connected")
HIGHLIGHT_LABEL = gettext_lazy("This technique")
MOST_WORKED = 3  # regions named in the description


def level_for(minutes: float) -> int:
    """0 for no work, then under 2, 2 to 5, 5 to 10, and 10 minutes or more."""
    if minutes <= 0:
        return 0
    return 1 + bisect.bisect_right(THRESHOLDS, minutes)


def round_minutes(minutes: float) -> float:
    """To the nearest half minute, never down to nothing."""
    if minutes <= 0:
        return 0.0
    return max(0.5, math.floor(minutes * 2 + 0.5) / 2)


def _minutes_text(minutes: float) -> str:
    return number_format(minutes, decimal_pos=0 if minutes == int(minutes) else 1)


def body_map(
    minutes_by_slug: Mapping[str, float],
    regions: Iterable,
    *,
    connected: Iterable[str] = frozenset(),
    highlight: Iterable[str] = frozenset(),
) -> dict:
    """Plain data for ``routines/_body_map.html``.

    ``regions`` are objects with ``.slug`` and ``.name`` (Region rows or anything alike);
    slugs in the other arguments that name no region are ignored. A region with minutes is
    shaded by how many; ``highlight`` (a technique's own regions) takes the darkest fill;
    ``connected`` regions without minutes of their own get a light tint and a dashed edge.
    """
    names = {region.slug: str(region.name) for region in regions}
    minutes = {}
    for slug, value in minutes_by_slug.items():
        if slug in names and value and float(value) > 0:
            minutes[slug] = float(value)
    highlight = {slug for slug in highlight if slug in names}
    connected = {
        slug
        for slug in connected
        if slug in names and slug not in minutes and slug not in highlight
    }

    def look(slug):
        """(level key, fill, stroke, dash pattern) of a region's shapes."""
        if slug in highlight:
            return "highlight", HIGHLIGHT_FILL, STROKE, ""
        if slug in connected:
            return "connected", CONNECTED_FILL, CONNECTED_STROKE, CONNECTED_DASH
        level = level_for(minutes.get(slug, 0))
        key, fill, _label = LEVELS[level]
        return key, fill, STROKE if level else UNSHADED_STROKE, ""

    def shape_title(slug, name):
        if slug in minutes:
            return _("%(region)s: %(minutes)s min") % {
                "region": name,
                "minutes": _minutes_text(round_minutes(minutes[slug])),
            }
        if slug in highlight:
            return _("%(region)s: worked by this technique") % {"region": name}
        if slug in connected:
            return _("%(region)s: connected region") % {"region": name}
        return _("%(region)s: no work") % {"region": name}

    views = []
    for view in VIEWS:
        shapes = []
        for slug, paths in SHAPES.items():
            name = names.get(slug) or slug.replace("-", " ").capitalize()
            key, fill, stroke, dash = look(slug)
            shapes.extend(
                {
                    "slug": slug,
                    "name": name,
                    "d": d,
                    "fill": fill,
                    "opacity": "1",
                    "stroke": stroke,
                    "dash": dash,
                    "level": key,
                    "title": shape_title(slug, name),
                }
                for shape_view, d in paths
                if shape_view == view
            )
        # Shaded regions last, so their edges are drawn over their unshaded neighbours'.
        shapes.sort(key=lambda shape: shape["level"] != "none")
        views.append(
            {"key": view, "label": VIEW_LABELS[view], "outline": OUTLINE[view], "shapes": shapes}
        )

    rows = [
        {
            "slug": slug,
            "name": names[slug],
            "minutes": round_minutes(value),
            "level": LEVELS[level_for(value)][0],
            "level_label": LEVELS[level_for(value)][2],
        }
        for slug, value in sorted(minutes.items(), key=lambda item: (-item[1], names[item[0]]))
    ]
    for slugs, key, label in (
        (highlight - minutes.keys(), "highlight", HIGHLIGHT_LABEL),
        (connected, "connected", CONNECTED_LABEL),
    ):
        rows += [
            {"slug": slug, "name": names[slug], "minutes": 0.0, "level": key, "level_label": label}
            for slug in sorted(slugs, key=names.get)
        ]

    legend = [
        {"fill": fill, "stroke": "", "dash": "", "label": label} for _key, fill, label in LEVELS
    ]
    if highlight:
        legend.append({"fill": HIGHLIGHT_FILL, "stroke": "", "dash": "", "label": HIGHLIGHT_LABEL})
    legend.append(
        {
            "fill": CONNECTED_FILL,
            "stroke": CONNECTED_STROKE,
            "dash": CONNECTED_DASH,
            "label": CONNECTED_LABEL,
        }
    )

    return {
        "viewbox": VIEWBOX,
        "outline_fill": OUTLINE_FILL,
        "outline_stroke": OUTLINE_STROKE,
        "views": views,
        "rows": rows,
        "legend": legend,
        "description": _describe(rows),
    }


def _describe(rows) -> str:
    worked = [row for row in rows if row["minutes"] > 0]
    own = [row["name"] for row in rows if row["level"] == "highlight" and not row["minutes"]]
    linked = [row["name"] for row in rows if row["level"] == "connected"]
    parts = []
    if worked:
        parts.append(
            _("Most work: %(regions)s")
            % {
                "regions": ", ".join(
                    _("%(region)s (%(minutes)s min)")
                    % {"region": row["name"], "minutes": _minutes_text(row["minutes"])}
                    for row in worked[:MOST_WORKED]
                )
            }
        )
    if own:
        parts.append(_("worked by this technique: %(regions)s") % {"regions": ", ".join(own)})
    if linked:
        parts.append(_("connected regions: %(regions)s") % {"regions": ", ".join(linked)})
    if not parts:
        return _("No work on any body region yet.")
    sentence = "; ".join(parts) + "."
    return sentence[:1].upper() + sentence[1:]

"""A drawn picture for every technique, made from its data: the position, the regions, the
equipment, the actions and the side.

Pure: ``picture_svg(info)`` and ``picture_alt(info)`` take plain data and return text, so
a Technique, a frozen plan step or a library file all draw the same way. Use
``technique_picture_info(technique)`` or ``snapshot_picture_info(step)`` to make ``info``::

    {
        "name": "Glute pin on a therapy ball",      # hints for placement and movement
        "summary": "…",                             # optional, hints too
        "position": "supine",                       # a Position code
        "position_name": "Supine (lying on the back)",  # optional, for unknown codes
        "regions": ["glutes"],                      # slugs, or {"slug", "name"} dicts
        "equipment": ["therapy-ball"],              # slugs, names or dicts
        "actions": ["pin"],                         # slugs or dicts
        "side": "right",                            # "", "both", "each", "left", "right"
    }

The picture speaks the body map's visual language (routines/bodymap.py): a light figure
with a grey-green outline, the technique's regions in the brand teal. The equipment is
amber and touches the body at the region; action marks are dark amber arrows and symbols,
each with its own shape so the picture reads in greyscale. Colours are presentation
attributes (no style attribute, no script, no ids), so any number of pictures can be
inlined in one page under the strict CSP, and WeasyPrint draws them the same.

Whatever the data, a picture comes out: an unknown position gets the generic standing
figure, an unknown region a place that suits the pose, unknown equipment a generic prop;
``picture_gaps(info)`` says which of these happened, for the curators' sheet.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

from django.utils.html import escape
from django.utils.translation import get_language

from . import pictures_words as words
from .bodymap import BRAND, CONNECTED_FILL, CONNECTED_STROKE, OUTLINE_FILL, OUTLINE_STROKE
from .pictures_figure import (
    ARM_W as _ARM_W,
)
from .pictures_figure import (
    FEET,
    FOREARM,
    FRONT,
    HAND,
    HEAD_ARCS,
    HEAD_R,
    NECK_W,
    PELVIS_CAP,
    POSES,
    SHIN,
    SIDE,
    SITES,
    THIGH,
    UPPER_ARM,
    Body,
    Point,
    Pose,
    Site,
    angle_of,
    axis_at,
    body_points,
    direction,
    lift,
    pose_body,
    reach_arm,
    shifted,
    site_point,
    span_samples,
    two_link,
    v_add,
    v_dot,
    v_len,
    v_lerp,
    v_mul,
    v_rot90,
    v_sub,
    v_unit,
)
from .pictures_figure import (
    LEG_W as _LEG_W,
)

BOX = 200
FLOOR_Y = 188.0
SIZES = {"thumb": 64, "small": 120, "medium": 240, "full": 400}
COMPACT_BELOW = 160  # px: thicker lines, bigger equipment, fewer details

POSITIONS = (
    "supine", "prone", "side-lying", "seated", "standing", "wall", "kneeling", "all-fours",
    "chair",
)  # fmt: skip

# Palette: the body map's, plus amber for what is not the body.
FIGURE_FILL, FIGURE_LINE = OUTLINE_FILL, OUTLINE_STROKE
REGION_FILL = BRAND
EQUIP_FILL, EQUIP_LINE = "#f0c46c", CONNECTED_STROKE
EQUIP_DARK = "#c98f2a"  # firm and lacrosse balls
EQUIP_LIGHT = CONNECTED_FILL  # large soft ball, roller, block
MARK = "#7a4a00"
GROUND = "#8a9c99"
GROUND_LIGHT = "#dfe7e5"
GHOST_FILL = "#f7faf9"  # the wall
GHOST_LIMB = "#fbf7ef"  # a limb in its other position, over what lies behind
TEXT = "#2f3d3b"
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"

# --- Vocabulary ----------------------------------------------------------------------

EQUIPMENT_KINDS = {
    "therapy-ball": "ball",
    "firm-ball": "firm",
    "lacrosse-ball": "lacrosse",
    "spiky-ball": "spiky",
    "ball-pair-tote": "tote",
    "large-soft-ball": "soft",
    "foam-roller": "roller",
    "block": "block",
    "wall": "wall",
    "chair": "chair",
    "table": "table",
    "massage-stick": "stick",
    "hook-tool": "hook",
    "frozen-bottle": "bottle",
}
# Words in an unknown slug or name, in order: the first found decides.
KIND_WORDS = (
    ("tote", "tote"), ("pair", "tote"), ("peanut", "tote"), ("spik", "spiky"),
    ("picot", "spiky"), ("roller", "roller"), ("rouleau", "roller"), ("soft", "soft"),
    ("large", "soft"), ("lacrosse", "lacrosse"), ("firm", "firm"), ("block", "block"),
    ("brick", "block"), ("bloc", "block"), ("brique", "block"), ("wall", "wall"),
    ("mur", "wall"), ("chair", "chair"), ("stool", "chair"), ("chaise", "chair"),
    ("table", "table"), ("counter", "table"), ("desk", "table"), ("bottle", "bottle"),
    ("bouteille", "bottle"), ("stick", "stick"), ("bâton", "stick"), ("hook", "hook"),
    ("cane", "hook"), ("crochet", "hook"), ("ball", "ball"), ("balle", "ball"),
)  # fmt: skip
# The equipment the body meets, most telling first; settings (wall, chair, table) after.
MAIN_ORDER = (
    "tote", "spiky", "lacrosse", "firm", "ball", "soft", "roller",
    "stick", "hook", "bottle", "generic", "block",
)  # fmt: skip
SETTINGS = ("wall", "chair", "table")
BALL_KINDS = {"ball", "firm", "lacrosse", "spiky", "tote", "soft", "generic"}

# Which of several regions carries the equipment: the first found here.
REGION_PRIORITY = (
    "sole-of-foot", "forearm-and-hand", "shin", "ankle-and-calf", "outer-thigh-and-hip",
    "front-of-hip", "front-of-thigh", "back-of-thigh", "inner-thigh", "glutes",
    "sacrum-and-pelvis", "low-back", "belly", "side-ribs", "top-of-shoulder",
    "between-shoulder-blades", "upper-back", "back-of-shoulder",
    "front-of-shoulder-and-chest", "upper-arm", "back-of-neck", "side-of-neck",
    "head-and-jaw",
)  # fmt: skip
# Words in a technique's name that name the spot more precisely than its regions.
REGION_HINTS = (
    ("biceps", "upper-arm"), ("triceps", "upper-arm"), ("deltoid", "upper-arm"),
    ("side-of-neck", "side-of-neck"), ("side of the neck", "side-of-neck"),
    ("low back", "low-back"), ("lumbar", "low-back"), ("side ribs", "side-ribs"),
    ("suboccipital", "back-of-neck"),
)  # fmt: skip
LEG_REGIONS = {
    "sole-of-foot", "ankle-and-calf", "shin", "front-of-thigh", "back-of-thigh",
    "inner-thigh", "outer-thigh-and-hip", "front-of-hip",
}  # fmt: skip
WALL_FRONT_REGIONS = {
    "front-of-shoulder-and-chest",
    "front-of-hip",
    "front-of-thigh",
    "belly",
    "shin",
}
WALL_SIDE_REGIONS = {"outer-thigh-and-hip", "upper-arm", "side-ribs", "side-of-neck", "inner-thigh"}
# Sitting on the floor ("seated") for these; the rest of a "seated" technique sits on a chair.
SEATED_FLOOR_REGIONS = {
    "ankle-and-calf", "shin", "glutes", "sacrum-and-pelvis", "outer-thigh-and-hip",
    "inner-thigh", "front-of-thigh", "back-of-thigh", "low-back",
}  # fmt: skip
# On a chair, these lean back on the chair back; the others are held there by a hand.
CHAIR_BACK_REGIONS = {"upper-back", "between-shoulder-blades", "back-of-shoulder", "low-back"}
# Where the ball goes when a pose has no region to go by.
DEFAULT_SITES = {
    "supine": "upper-back", "prone": "front-of-thigh", "prone-rest": "belly",
    "side-lying": "side-ribs", "side-lying-propped": "outer-thigh-and-hip",
    "seated-floor": "ankle-and-calf", "seated-chair": "back-of-thigh",
    "standing": "sole-of-foot", "standing-counter": "forearm-and-hand",
    "wall-back": "upper-back", "wall-front": "front-of-shoulder-and-chest",
    "wall-side": "outer-thigh-and-hip", "kneeling": "shin",
    "kneeling-forward": "forearm-and-hand", "all-fours": "shin",
    "all-fours-forearms": "forearm-and-hand", "generic": "upper-arm",
}  # fmt: skip

KNOWN_ACTIONS = (
    "roll", "pin", "spin", "compress", "shear", "pin-and-stretch", "cross-fiber",
    "sustained-hold", "contract-relax",
)  # fmt: skip
MOVEMENT_WORDS = (
    ("windshield", "knees-sway"), ("windscreen", "knees-sway"), ("wiper", "knees-sway"),
    ("sway the knees", "knees-sway"), ("knees fall", "knees-sway"),
    ("knee open", "knees-sway"), ("rock the pelvis", "knees-sway"),
    ("arm sweep", "arm-sweep"), ("sweep the arm", "arm-sweep"),
    ("arm reach", "arm-reach"), ("reach the arm", "arm-reach"),
    ("head tilt", "head-tilt"), ("tilt the head", "head-tilt"), ("nod", "head-nod"),
    ("ankle pump", "ankle-pump"), ("point and flex", "ankle-pump"),
    ("toe lift", "toe-lift"), ("lift, spread", "toe-lift"), ("lift the toes", "toe-lift"),
    ("elbow bend", "elbow-bend"), ("straighten the elbow", "elbow-bend"),
    ("turn the arm", "arm-turn"), ("open the fingers", "wrist-bend"),
    ("opening the jaw", "jaw"), ("open the jaw", "jaw"),
    ("bend the knee", "knee-bend"), ("straighten the knee", "knee-bend"),
    ("heel towards the buttock", "knee-bend"), ("sit back", "none"),
    ("extension", "none"),
)  # fmt: skip
# The joint a pin-and-stretch moves, when the words do not say.
MOVEMENT_BY_REGION = {
    "upper-back": "arm-sweep", "between-shoulder-blades": "arm-sweep",
    "back-of-shoulder": "arm-sweep", "front-of-shoulder-and-chest": "arm-sweep",
    "upper-arm": "elbow-bend", "forearm-and-hand": "wrist-bend",
    "top-of-shoulder": "head-tilt", "back-of-neck": "head-tilt", "side-of-neck": "head-tilt",
    "head-and-jaw": "jaw", "sole-of-foot": "toe-lift", "ankle-and-calf": "ankle-pump",
    "shin": "ankle-pump", "front-of-thigh": "knee-bend", "back-of-thigh": "knee-bend",
    "inner-thigh": "knee-bend", "front-of-hip": "knee-bend", "outer-thigh-and-hip": "knee-bend",
    "glutes": "knees-sway", "sacrum-and-pelvis": "knees-sway", "low-back": "knees-sway",
    "side-ribs": "arm-sweep", "belly": "",
}  # fmt: skip

SLUGLIKE = re.compile(r"[a-z0-9][a-z0-9_-]*")


# --- Plain data in ----------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    """What a picture is drawn from, cleaned up and hashable."""

    text: str  # name and summary, lower case: words that hint at placement and movement
    name: str
    position: str
    position_name: str
    regions: tuple[tuple[str, str], ...]
    equipment: tuple[tuple[str, str, str], ...]  # (slug, name, kind)
    actions: tuple[tuple[str, str], ...]
    side: str


def _text(value, limit=300) -> str:
    return str(value if value is not None else "").strip()[:limit]


def _entries(values) -> list[tuple[str, str]]:
    """(slug, name) pairs from slugs, names, {"slug", "name"} dicts or objects alike."""
    if isinstance(values, str | bytes) or not hasattr(values, "__iter__"):
        values = [values] if values else []
    out = []
    for item in values:
        if isinstance(item, Mapping):
            slug, name = _text(item.get("slug"), 100), _text(item.get("name"), 160)
        elif isinstance(item, str):
            item = _text(item, 160)
            slug, name = (item, "") if SLUGLIKE.fullmatch(item) else ("", item)
        else:
            slug, name = _text(getattr(item, "slug", ""), 100), _text(getattr(item, "name", ""))
        if slug or name:
            out.append((slug, name))
    return out


def equipment_kind(slug: str, name: str = "") -> str:
    """The drawing for a piece of equipment: a known slug, else a word in its slug or name,
    else "generic"."""
    if slug in EQUIPMENT_KINDS:
        return EQUIPMENT_KINDS[slug]
    words_in = f"{slug} {name}".lower()
    for word, kind in KIND_WORDS:
        if word in words_in:
            return kind
    return "generic"


def facts(info: Mapping) -> Facts:
    name = _text(info.get("name"), 160)
    side = _text(info.get("side"), 10).lower()
    return Facts(
        text=f"{name} {_text(info.get('summary'))}".lower(),
        name=name,
        position=_text(info.get("position"), 30).lower(),
        position_name=_text(info.get("position_name"), 80),
        regions=tuple(_entries(info.get("regions"))),
        equipment=tuple((s, n, equipment_kind(s, n)) for s, n in _entries(info.get("equipment"))),
        actions=tuple(_entries(info.get("actions"))),
        side=side if side in ("both", "each", "left", "right") else "",
    )


# --- Adapters -------------------------------------------------------------------------


def technique_picture_info(technique, *, side: str = "") -> dict:
    """Plain data for a Technique (or anything with its attributes). Prefetch its regions,
    equipment and actions (``Technique.objects.with_lists()``) when drawing many."""

    def vocab(manager):
        return [{"slug": o.slug, "name": str(o.name)} for o in manager.all()]

    position = getattr(technique, "position", "")
    display = getattr(technique, "get_position_display", None)
    return {
        "name": getattr(technique, "name", ""),
        "summary": getattr(technique, "summary", ""),
        "position": position,
        "position_name": str(display()) if callable(display) else position,
        "regions": vocab(technique.regions),
        "equipment": vocab(technique.equipment),
        "actions": vocab(technique.actions),
        "side": side or ("each" if getattr(technique, "per_side", False) else ""),
    }


POSITION_WORDS = (
    ("supine", "supine"), ("prone", "prone"), ("face down", "prone"), ("side", "side-lying"),
    ("wall", "wall"), ("chair", "chair"), ("seat", "seated"), ("sit", "seated"),
    ("kneel", "kneeling"), ("four", "all-fours"), ("stand", "standing"), ("back", "supine"),
)  # fmt: skip


def _frozen_equipment(technique: Mapping) -> list:
    """A frozen technique's equipment: names, with their slugs where the snapshot kept them
    (versions published before they were kept are matched by their names)."""
    names = technique.get("equipment") or []
    slugs = technique.get("equipment_slugs")
    if isinstance(names, list) and isinstance(slugs, list) and len(slugs) == len(names):
        return [{"slug": slug, "name": name} for slug, name in zip(slugs, names, strict=True)]
    return names


def snapshot_picture_info(step: Mapping, *, side: str = "") -> dict:
    """Plain data for a frozen step (routines.snapshots.step_data, as in a plan version),
    or for the technique part of one; ``side`` (or the step's ``play_side`` or ``side``)
    says which side this picture is for."""
    technique = step.get("technique") if "technique" in step else step
    if not isinstance(technique, Mapping):
        technique = {}
    position = _text(technique.get("position_code"), 30)
    position_name = _text(technique.get("position"), 80)
    if not position:  # an older snapshot: only the label was kept
        lowered = position_name.lower()
        position = position_name if position_name in POSITIONS else ""
        for word, code in POSITION_WORDS:
            if not position and word in lowered:
                position = code
    side = side or _text(step.get("play_side") or step.get("side"), 10)
    return {
        "name": technique.get("name") or step.get("title") or "",
        "summary": technique.get("summary", ""),
        "position": position,
        "position_name": position_name,
        "regions": technique.get("regions") or [],
        "equipment": _frozen_equipment(technique),
        "actions": technique.get("actions") or [],
        "side": side,
    }


# --- The scene: what goes where -------------------------------------------------------------


@dataclass
class Equip:
    kind: str
    center: Point
    r: float  # radius, or half the height of a block or bottle
    tangent: Point = (1.0, 0.0)  # along the body where it touches
    normal: Point = (0.0, 1.0)  # from the body to it
    lengthwise: bool = False
    in_front: bool = False  # drawn over the body (held in the hand, on the near side)
    path: tuple[Point, ...] = ()  # a hook tool over the shoulder: knob, bends, grip end


@dataclass
class Scene:
    pose_key: str
    body: Body
    primary: str  # the region slug the equipment meets, or ""
    regions: list[str]
    site: Site
    support: str  # floor, wall, chair-back, seat, table, hand, none
    contact: Point
    normal: Point
    tangent: Point
    thickness: float  # of the body at the contact, along the normal
    main: Equip | None
    main_name: str
    extras: list[str]
    props: list[tuple] = field(default_factory=list)  # ("wall", x, side) …
    blocks: list[tuple[float, float, float, float]] = field(default_factory=list)
    movement: str = ""
    seat: bool = False  # the pelvis sits on the equipment
    gaps: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    compact: bool = False


def _primary_region(f: Facts, position: str) -> str:
    slugs = [slug for slug, _name in f.regions]
    known = [slug for slug in slugs if slug in SITES]
    if not known:
        return ""
    lowered = f.name.lower()
    for word, slug in REGION_HINTS:
        if word in lowered and slug in known:
            return slug
    order = list(REGION_PRIORITY)
    if position == "side-lying":
        order = ["side-ribs", "outer-thigh-and-hip", *order]
    return min(known, key=order.index)


def _pose_key(position: str, primary: str, kinds: set[str]) -> str:
    if position == "supine":
        return "supine"
    if position == "prone":
        return "prone" if (primary in LEG_REGIONS or primary in ("glutes", "")) else "prone-rest"
    if position == "side-lying":
        return "side-lying-propped" if primary in LEG_REGIONS else "side-lying"
    if position == "chair":
        return "seated-chair"
    if position == "seated":
        if "chair" in kinds or "table" in kinds or primary not in SEATED_FLOOR_REGIONS:
            return "seated-chair"
        return "seated-floor"
    if position == "standing":
        if primary == "forearm-and-hand" or "table" in kinds:
            return "standing-counter"
        return "standing"
    if position == "wall":
        if primary in WALL_FRONT_REGIONS:
            return "wall-front"
        if primary in WALL_SIDE_REGIONS:
            return "wall-side"
        return "wall-back"
    if position == "kneeling":
        return "kneeling-forward" if primary == "forearm-and-hand" else "kneeling"
    if position == "all-fours":
        return "all-fours-forearms" if primary == "forearm-and-hand" else "all-fours"
    return "generic"


def _movement(f: Facts, primary: str) -> str:
    """The limb movement: named in the technique's name, or, for a pin and stretch, in its
    summary or else the joint next to the region. A summary alone describes the set-up as
    often as a movement, so it counts only for a pin and stretch."""
    stretch = any(slug == "pin-and-stretch" for slug, _n in f.actions)
    text = f.text if stretch else f.name.lower()
    for word, movement in MOVEMENT_WORDS:
        if word in text:
            return "" if movement == "none" else movement
    if stretch:
        return MOVEMENT_BY_REGION.get(primary, "")
    return ""


def _site_for(f: Facts, primary: str, pose_key: str) -> Site:
    site = SITES[primary or DEFAULT_SITES[pose_key]]
    text = f.text
    slugs = {slug for slug, _n in f.regions}
    if primary == "ankle-and-calf" and "achilles" in text:
        site = Site(site.part, (1, 0.6), (1, 0.98), site.surface, contact=0.75)
    elif primary == "upper-arm" and "deltoid" in text:
        site = Site(site.part, (0, 0.0), (0, 0.55), site.surface, contact=0.3)
    elif primary == "back-of-neck" and "head-and-jaw" in slugs:
        site = Site("neck", (0, 0.2), (0, 1.0), "back", contact=0.95)
    elif primary == "head-and-jaw" and any(w in text for w in ("tempor", "temple", "scalp")):
        site = Site("head", (0, 0), (0, 1), "temple")
    elif primary == "head-and-jaw" and any(w in text for w in ("skull", "occipit", "back of")):
        site = Site("head", (0, 0), (0, 1), "skull")
    if pose_key == "wall-side" and site.part != "head":
        # Whatever its surface, the region is pressed to the wall beside the body.
        site = Site(site.part, site.start, site.end, "full", site.contact)
    return site


def _candidates(body: Body, site: Site, seg: int, t: float) -> list[Point]:
    _p, d, n, _hp, _hm = axis_at(body, site.part, seg, t)
    minus = v_mul(n, -1)
    side_view = body.view == SIDE
    surface = site.surface
    if surface == "front":
        out = [n] if side_view else [n, minus]
    elif surface == "back":
        out = [minus] if side_view else [n, minus]
    elif surface == "outer":
        out = [n, minus] if side_view else [n]
    elif surface == "inner":
        out = [n, minus] if side_view else [minus]
    else:
        out = [n, minus]
    if site.seat:
        out.append(v_mul(d, -1))
    return out


def _surface(body: Body, site: Site, seg: int, t: float, normal: Point) -> tuple[Point, float]:
    """The point on the body's surface at (seg, t) in the direction ``normal``, and the
    body's thickness there along it."""
    p, d, n, hp, hm = axis_at(body, site.part, seg, t)
    along = v_dot(normal, n)
    if abs(v_dot(normal, d)) > 0.8:  # the seat of the pelvis
        start = body_points(body, site.part)[0]
        return v_add(start, v_mul(normal, PELVIS_CAP + 3)), hp + hm
    half = hp if along >= 0 else hm
    return v_add(p, v_mul(normal, half)), hp + hm


def _lowest(body: Body) -> float:
    """The lowest y of the body's outline (near enough)."""
    ys = []
    for part in ("torso", "arm", "arm_far", "leg", "leg_far"):
        pts = body_points(body, part)
        for p, (hp, hm) in zip(pts, body.widths(part), strict=False):
            ys.append(p[1] + max(hp, hm))
    ys.append(_seat_level(body))
    ys.append(body.joints["head"][1] + HEAD_R)
    return max(ys)


def _equip_size(kind: str, compact: bool) -> float:
    r = {
        "ball": 7.5, "firm": 7.0, "lacrosse": 6.5, "spiky": 7.0, "tote": 7.0, "soft": 19.0,
        "roller": 12.0, "block": 6.0, "bottle": 6.0, "stick": 3.0, "hook": 3.0, "generic": 6.0,
    }.get(kind, 6.0)  # fmt: skip
    if compact and kind in ("ball", "firm", "lacrosse", "spiky", "tote", "generic", "bottle"):
        r *= 1.3
    return r


UPRIGHT = {"seated-chair", "seated-floor", "standing", "standing-counter", "kneeling", "generic"}


def _support(
    pose_key: str, site: Site, normal: Point, kind: str, primary: str, kinds: set[str]
) -> str:
    """What holds the equipment against the body."""
    table = "table" in kinds and site.part == "arm" and primary != "upper-arm"
    if kind in ("stick", "hook"):
        # A stick lies on the table for a forearm drawn over it; else the hands hold it.
        return "table" if kind == "stick" and table and pose_key in UPRIGHT else "hand"
    if pose_key.startswith("wall"):
        return "wall"
    if pose_key in UPRIGHT and site.part in ("head", "neck"):
        return "hand"
    if pose_key == "seated-chair":
        # A forearm on the table; under a thigh or the buttocks on the seat; under a foot
        # on the floor; the back against the chair back; anything else held in a hand.
        if site.part == "arm":
            return "table" if table else "hand"
        if normal[1] > 0.5:
            return "seat" if site.part == "torso" or site.start[0] == 0 else "floor"
        if site.part == "torso" and normal[0] < -0.6 and primary in CHAIR_BACK_REGIONS:
            return "chair-back"
        return "hand"
    if pose_key == "standing-counter" and site.part == "arm":
        return "table"
    if normal[1] > 0.45:
        return "floor"
    return "hand"


def compose(info: Mapping, *, compact: bool = False) -> Scene:
    """Where everything goes: the pose, the contact, the equipment, the props."""
    return _compose(facts(info), compact)


@lru_cache(maxsize=256)
def _compose(f: Facts, compact: bool) -> Scene:
    gaps = []
    position = f.position if f.position in POSITIONS else ""
    if not position:
        gaps.append("position")
    kinds = [kind for _s, _n, kind in f.equipment]
    if "generic" in kinds:
        gaps.append("equipment")
    if any(slug not in KNOWN_ACTIONS for slug, _n in f.actions):
        gaps.append("action")
    primary = _primary_region(f, position)
    if not primary:
        gaps.append("region")
    pose_key = _pose_key(position, primary, set(kinds))
    site = _site_for(f, primary, pose_key)
    pose = _pose_variant(POSES[pose_key], site, primary, f.text, kinds)
    regions = [slug for slug, _n in f.regions if slug in SITES]
    regions.sort(key=REGION_PRIORITY.index)

    main_kind = next((k for k in MAIN_ORDER if k in kinds and k != "block"), "")
    if not main_kind and "block" in kinds:
        main_kind = "block"
    main_name = ""
    for _slug, name, kind in f.equipment:
        if kind == main_kind:
            main_name = name
            break
    lengthwise = main_kind == "roller" and "lengthwise" in f.text

    body = pose_body(pose)
    # Rest the body on the floor.
    body = shifted(body, 0, FLOOR_Y - _lowest(body))

    seg, t = site_point(site, site.contact)
    if site.part == "head":
        seg, t = 0, 1.0
    r = _equip_size(main_kind or "ball", compact)
    size = 2 * r if main_kind else 0.0
    extras: list[str] = []

    # Which way the contact faces: toward the support.
    wanted = (0.0, 1.0)
    if pose_key == "wall-back":
        wanted = (-1.0, 0.0)
    elif pose_key == "wall-front":
        wanted = (1.0, 0.0)
    elif pose_key == "wall-side":
        wanted = (-1.0, 0.0)
    elif pose_key == "seated-chair":
        wanted = _chair_facing(site, primary, set(kinds))
    if site.part == "head":
        normal = _head_direction(body, site.surface)
        contact = v_add(body.joints["head"], v_mul(normal, HEAD_R))
        thickness = 2 * HEAD_R
    else:
        normal = max(_candidates(body, site, seg, t), key=lambda c: v_dot(c, wanted))
        if primary == "top-of-shoulder" and pose_key in UPRIGHT and body.view == SIDE:
            normal = _shoulder_top(body)  # held on the top of the shoulder
        contact, thickness = _surface(body, site, seg, t, normal)
    support = (
        _support(pose_key, site, normal, main_kind, primary, set(kinds))
        if main_kind
        else ("wall" if "wall" in kinds else "none")
    )
    if support == "floor" and normal[1] < 0.2:
        support = "hand"

    block_under_main = (
        main_kind not in ("", "block") and "block" in kinds and (site.part in ("neck", "head"))
    )
    floor_for_main = FLOOR_Y - (10.0 if block_under_main else 0.0)

    # The limb the equipment is under goes up with it, even where the pose holds it still.
    free = frozenset()
    if site.part in ("leg", "arm"):
        chain = body.chain(site.part)
        free = frozenset(chain[1:] if site.part == "arm" or site.start[0] > 0 else chain)
    # Lift the body onto the equipment, or place a lengthwise roller along the spine.
    level = floor_for_main if support != "seat" else _seat_level(body)  # where it rests
    if main_kind and support in ("floor", "seat"):
        for _round in range(4):
            if site.part == "head":
                contact = v_add(body.joints["head"], v_mul(normal, HEAD_R))
            else:
                contact, thickness = _surface(body, site, seg, t, normal)
            squash = 0.8 if support == "floor" else 0.45  # a soft ball under a sitting body
            bottom = contact[1] + size * (0.92 if main_kind != "soft" else squash)
            if lengthwise:
                bottom = contact[1] + size
            need = bottom - level
            if need <= 0.3:
                break
            if lengthwise:
                lift(body, contact, need, reach=200, only=_lengthwise_joints(body))
            elif pose_key == "standing" and main_kind == "roller":
                body = shifted(body, 0, -need)
            elif support == "seat" and site.part == "torso":
                body = _raised(body, need)  # sitting on it: all but the feet go up
            elif support == "seat":
                lift(body, contact, need, reach=200, only=set(free), free=free)
            else:
                lift(body, contact, need, reach=60 if main_kind != "soft" else 75, free=free)
    _mend_limbs(body, free)
    if site.part == "head":
        contact = v_add(body.joints["head"], v_mul(normal, HEAD_R))
        tangent = v_rot90(normal)
    else:
        _p, tangent, _n, _hp, _hm = axis_at(body, site.part, seg, t)
        contact, thickness = _surface(body, site, seg, t, normal)
    seat = abs(v_dot(tangent, normal)) > 0.8
    if seat:  # the seat of the pelvis: the tangent runs along the floor
        tangent = v_rot90(normal)

    main = None
    in_front = support == "hand" and (
        (site.surface in ("full", "outer", "inner", "jaw", "temple") and body.view == SIDE)
        or site.part == "head"
        or (main_kind == "stick" and site.part != "torso" and site.surface != "front")
    )
    if main_kind:
        sink = 0.15 if main_kind in BALL_KINDS else 0.05
        if support == "hand" and in_front:
            center = v_add(contact, v_mul(normal, -r * 0.9))
        elif main_kind in ("stick", "hook"):
            center = v_add(contact, v_mul(normal, r))
        elif lengthwise:
            center = v_add(contact, v_mul(normal, r * 0.95))
        else:
            center = v_add(contact, v_mul(normal, r * (1 - sink)))
        if (
            support in ("floor", "seat")
            and not lengthwise
            and main_kind in BALL_KINDS | {"roller", "bottle"}
        ):
            center = (center[0], min(center[1], level - r))
        if main_kind == "stick":
            center = _above_floor(center, tangent, STICK_HALF + r)
        main = Equip(
            main_kind,
            center,
            r,
            tangent=tangent,
            normal=normal,
            lengthwise=lengthwise,
            in_front=in_front,
        )

    scene = Scene(
        pose_key=pose_key,
        body=body,
        primary=primary,
        regions=regions,
        site=site,
        support=support,
        contact=contact,
        normal=normal,
        tangent=tangent,
        thickness=thickness,
        main=main,
        main_name=main_name,
        extras=extras,
        gaps=gaps,
        compact=compact,
        seat=seat,
    )
    scene.actions = [slug for slug, _n in f.actions]
    scene.movement = _movement(f, primary)

    if main and main_kind == "hook" and pose_key in UPRIGHT and site.part in ("torso", "neck"):
        main.path = _hook_path(body, main)
    # Hands that hold the equipment, props and supports.
    if main and support == "hand":
        _hold(scene)
    if "block" in kinds and main_kind != "block":
        _place_blocks(scene, block_under_main, floor_for_main)
    if lengthwise:
        extras.append("roller-lengthwise")
    if pose_key == "seated-chair" and primary == "upper-arm" and "table" in kinds:
        extras.append("forearm-table")
    _place_props(scene, kinds)
    _centre(scene)
    return scene


# The drawing order when the far arm reaches across in front of the chest.
ACROSS = ("leg_far", "torso", "arm_far", "leg", "arm")


def _pose_variant(pose: Pose, site: Site, primary: str, text: str, kinds: list[str]) -> Pose:
    """Small changes to a pose for where the equipment goes."""
    key = pose.key
    held = next((k for k in MAIN_ORDER if k in kinds), "") in BALL_KINDS  # a ball in the hand
    if key == "seated-chair" and site.part == "arm" and "table" in kinds:
        if primary == "upper-arm":
            return replace(pose, arm=(44, 0, 0))  # the forearm flat on the table
        return replace(pose, arm=(40, -6, 0))  # the forearm forward on a table
    if key in UPRIGHT and pose.view == SIDE and primary == "top-of-shoulder" and held:
        return replace(pose, order=ACROSS)  # the far arm reaches across the chest
    if key == "wall-front":
        return replace(pose, arm=(92, 88, 90))  # the near arm hangs, clear of the chest
    if key == "wall-side" and primary == "upper-arm" and "overhead" in text:
        return replace(pose, arm=(-98, -8, 5))
    if key == "standing" and site.part == "leg" and site.start[0] == 2:
        return replace(pose, leg=(70, 104, 0))  # the near foot forward, onto the ball
    return pose


def _chair_facing(site: Site, primary: str, kinds: set[str]) -> Point:
    """On a chair, which way the equipment lies from the body: under the buttocks, a thigh
    or a foot, or a forearm on a table; behind the back; on top of what a hand holds it to."""
    if site.part == "torso":
        if site.seat:
            return (0.0, 1.0)
        return (-1.0, 0.0) if site.surface == "back" else (0.0, 1.0)
    if site.part == "leg":
        return (0.0, 1.0) if site.surface == "back" else (0.0, -1.0)
    if site.part == "arm":
        return (0.0, 1.0) if "table" in kinds and primary != "upper-arm" else (0.0, -1.0)
    return (0.0, 1.0)


def _shoulder_top(body: Body) -> Point:
    """Out of the top of the shoulder, a little toward the back."""
    j = body.joints
    up = v_unit(v_sub(j["neck"], j["chest"]))
    face = v_mul(v_rot90(up), body.pose.facing)
    return v_unit(v_sub(v_mul(up, 0.8), v_mul(face, 0.6)))


def _raised(body: Body, height: float) -> Body:
    """The body raised by ``height``, its anchored feet left where they were (the legs
    are mended after)."""
    raised = shifted(body, 0, -height)
    for name in body.pose.anchored & FEET:
        raised.joints[name] = body.joints[name]
    return raised


STICK_HALF = 33.0  # half the length of a massage stick, handles and all


def _above_floor(center: Point, tangent: Point, half: float) -> Point:
    """A long straight prop's centre moved along itself (or up) to clear the floor."""
    low = max(center[1] + tangent[1] * half, center[1] - tangent[1] * half)
    over = low - (FLOOR_Y - 2)
    if over <= 0:
        return center
    if abs(tangent[1]) > 0.3:
        return v_add(center, v_mul(tangent, -over / tangent[1]))
    return (center[0], center[1] - over)


def _hook_path(body: Body, main: Equip) -> tuple[Point, ...]:
    """A hook tool over the shoulder: from the knob on the body, up behind the shoulder,
    over it beside the neck and down in front of the chest to the grip. (knob, two control
    points, the crest, the end of the handle.)"""
    j = body.joints
    up = v_unit(v_sub(j["neck"], j["chest"]))
    face = v_mul(v_rot90(up), body.pose.facing)
    knob = main.center
    crest = v_add(j["neck"], v_mul(up, 8))
    if v_dot(v_sub(knob, crest), up) > -10:  # the knob on the top of the shoulder
        crest = v_add(v_add(knob, v_mul(up, 14)), v_mul(face, 5))
    end = v_add(v_add(j["waist"], v_mul(face, 30)), v_mul(up, 4))
    c1 = v_add(knob, v_add(v_mul(main.normal, 9), v_mul(up, 4)))
    c2 = v_sub(crest, v_mul(v_unit(v_sub(end, crest)), 13))  # smooth into the handle
    return (knob, c1, c2, crest, end)


LIMBS = (
    ("hip_near", "knee", "ankle", "toe", THIGH, SHIN),
    ("hip_far", "knee_far", "ankle_far", "toe_far", THIGH, SHIN),
    ("shoulder", "elbow", "wrist", "hand", UPPER_ARM, FOREARM),
    ("shoulder_far", "elbow_far", "wrist_far", "hand_far", UPPER_ARM, FOREARM),
)


def _mend_limbs(body: Body, free: frozenset[str]) -> None:
    """After the body is lifted, give limbs whose end stayed put their length back: the
    middle joint (knee or elbow) moves, bending the way it bent."""
    for root, mid, end, tip, l1, l2 in LIMBS:
        if end not in body.pose.anchored or end in free:
            continue
        j = body.joints
        r, m, e = j[root], j[mid], j[end]
        to_end = v_sub(e, r)
        cross = to_end[0] * (m[1] - r[1]) - to_end[1] * (m[0] - r[0])
        bend = 1 if cross >= 0 else -1
        if v_len(to_end) > l1 + l2 - 0.5:  # out of reach: the end follows
            moved = v_add(r, v_mul(v_unit(to_end), l1 + l2 - 0.5))
            shift = v_sub(moved, e)
            j[end] = moved
            j[tip] = v_add(j[tip], shift)
            e = moved
        j[mid] = two_link(r, e, l1, l2, bend)[0]


def _lengthwise_joints(body: Body) -> set[str]:
    return {
        "hip",
        "hip_near",
        "hip_far",
        "waist",
        "chest",
        "shoulders",
        "neck",
        "head",
        "shoulder",
        "shoulder_far",
    }


def _seat_level(body: Body) -> float:
    """The lowest point of the seat of the pelvis."""
    hip = body.joints["hip"]
    down = v_unit(v_sub(hip, body.joints["waist"]))
    return v_add(hip, v_mul(down, PELVIS_CAP + 1.5))[1] + 1.5


def _head_direction(body: Body, surface: str) -> Point:
    """The direction from the centre of the head to the middle of a head region."""
    neck, head = body.joints["neck"], body.joints["head"]
    up = v_unit(v_sub(head, neck))
    face = v_mul(v_rot90(up), body.pose.facing)
    lo, hi = HEAD_ARCS.get(surface, HEAD_ARCS["jaw"])
    mid = math.radians((lo + hi) / 2)
    toward_neck = v_mul(up, -1)
    if body.view == FRONT:
        return v_unit(v_add(v_mul(face, 0.9), v_mul(toward_neck, 0.3)))
    return v_unit(v_add(v_mul(face, math.cos(mid)), v_mul(toward_neck, math.sin(mid))))


def _hold(scene: Scene) -> None:
    """The near hand holds the equipment from outside (or over it, on the near side)."""
    main, body = scene.main, scene.body
    if main.kind == "hook" and main.path:  # the handle, in front of the body
        crest, end = main.path[-2], main.path[-1]
        grip = v_lerp(crest, end, 0.72)
        reach_arm(body, False, grip, bend=_hanging(body, False, grip), hand_dir=v_sub(end, crest))
        return
    if main.kind == "stick":  # a hand on each handle: the near hand the front or upper one
        t = main.tangent
        forward = (body.pose.facing, 0.0) if abs(t[0]) > 0.7 else (0.0, -1.0)
        handles = sorted(
            (v_add(main.center, v_mul(t, k * (STICK_HALF - 4))) for k in (1, -1)),
            key=lambda p: -v_dot(p, forward),
        )
        if scene.site.part != "arm":
            reach_arm(body, False, handles[0], bend=-body.pose.facing)
        reach_arm(body, True, handles[scene.site.part != "arm"], bend=-body.pose.facing)
        return
    if main.kind == "hook":
        grip = v_add(main.center, v_mul(main.normal, 28))
        reach_arm(body, False, grip, bend=-body.pose.facing)
        return
    # Over a ball on the near side the hand holds it at its centre; else from outside.
    outside = v_add(main.center, v_mul(scene.normal, main.r + 3.5))
    target = main.center if main.in_front else outside
    far = scene.site.part == "arm"  # an arm is held by the other hand
    if scene.primary == "top-of-shoulder" and body.pose.order == ACROSS:
        _across_to_shoulder(body, main.center)
        return
    bend = _hanging(body, far, target)
    reach_arm(body, far, target, bend=bend, hand_dir=None if far else v_mul(scene.normal, -1))


def _across_to_shoulder(body: Body, ball: Point) -> None:
    """The far hand reaches across the chest to hold a ball on the top of the near
    shoulder: the elbow forward and low, the hand over the ball (foreshortened, as an arm
    across the body looks from the side)."""
    j = body.joints
    up = v_unit(v_sub(j["neck"], j["chest"]))
    face = v_mul(v_rot90(up), body.pose.facing)
    shoulder = j["shoulder_far"]
    j["elbow_far"] = v_add(shoulder, v_add(v_mul(face, 18), v_mul(up, -13)))
    j["wrist_far"] = v_add(ball, v_add(v_mul(face, 9), v_mul(up, 1)))
    j["hand_far"] = v_add(ball, v_mul(face, -1))


def _hanging(body: Body, far: bool, target: Point) -> int:
    """The bend that lets the elbow hang below the line from the shoulder to the hand."""
    shoulder = body.joints["shoulder_far" if far else "shoulder"]
    return 1 if v_dot(v_rot90(v_unit(v_sub(target, shoulder))), (0.0, 1.0)) > 0 else -1


def _place_blocks(scene: Scene, under_main: bool, level: float) -> None:
    body = scene.body
    if under_main and scene.main:
        c = scene.main.center
        scene.blocks.append((c[0] - 15, level, 30, FLOOR_Y - level))
        scene.extras.append("raised-block")
        return
    if scene.pose_key in ("supine", "prone-rest", "prone"):
        head = body.joints["head"]
        bottom = head[1] + HEAD_R
        gap = FLOOR_Y - bottom
        if gap < 8:
            lift(body, head, 8 - gap, reach=12, only={"head"})
            bottom = body.joints["head"][1] + HEAD_R
        x = body.joints["head"][0]
        scene.blocks.append((x - 13, bottom, 26, FLOOR_Y - bottom))
        scene.extras.append("head-block")
        return
    # Otherwise the hands rest on blocks beside the body, where they reach.
    placed = False
    for far in (True, False):
        s = "_far" if far else ""
        if scene.site.part == "arm" and not far:
            continue
        shoulder = body.joints[f"shoulder{s}"]
        wrist_y = max(FLOOR_Y - 27, shoulder[1] + 44)
        top = wrist_y + 3
        reach = math.sqrt(max(0.0, 52**2 - (wrist_y - shoulder[1]) ** 2))
        x = max(body.joints["knee"][0] + 16, shoulder[0] + 6)
        if FLOOR_Y - top > 24 or x - shoulder[0] > reach:
            continue
        reach_arm(body, far, (x, wrist_y), bend=-body.pose.facing, hand_dir=(1.0, 0.3))
        wrist = body.joints[f"wrist{s}"]
        scene.blocks.append((wrist[0] - 8 + (3 if far else 0), top, 22, FLOOR_Y - top))
        placed = True
    if placed:
        scene.extras.append("hand-blocks")


def _place_props(scene: Scene, kinds: list[str]) -> None:
    body, main = scene.body, scene.main
    if scene.support == "wall":
        if main:
            face = main.center[0] + (-main.r if scene.normal[0] < 0 else main.r)
        else:
            face = scene.contact[0]
        scene.props.append(("wall", face, -1 if scene.normal[0] < 0 else 1))
        if scene.pose_key == "wall-front":
            shoulder = body.joints["shoulder_far"]
            reach_arm(body, True, (face - 5, shoulder[1] - 14), bend=1, hand_dir=(0.0, -1.0))
    elif "wall" in kinds:
        # A wall in front, for balance.
        neck = body.joints["neck"]
        face = max(p[0] for p in body.joints.values()) + 18
        shoulder = body.joints["shoulder_far"]
        face = min(face, shoulder[0] + 46)
        reach_arm(body, True, (face - 3, neck[1] + 4), bend=1, hand_dir=(0.0, -1.0))
        scene.props.append(("wall", face, 1))
        scene.extras.append("wall-hand")
    if scene.pose_key == "seated-chair":
        seat = _seat_level(body)
        top = body.joints["chest"][1] - 6  # the top of the chair back
        back = None
        if main and scene.support == "seat":  # the seat is under the equipment
            seat = max(seat, main.center[1] + main.r)
        elif main and scene.support == "chair-back":  # the back reaches above it
            back = main.center[0] - main.r
            top = min(top, main.center[1] - main.r * (2.6 if main.kind == "tote" else 1) - 3)
        scene.props.append(("chair", seat, body.joints["hip"][0], back, top))
    if scene.support == "table" and main:
        top = main.center[1] + main.r + (1.5 if main.kind == "stick" else 0)
        scene.props.append(("table", top, main.center[0]))
    elif "forearm-table" in scene.extras:  # the forearm rests on it
        elbow, wrist = body.joints["elbow"], body.joints["wrist"]
        top = max(elbow[1], wrist[1]) + _ARM_W[1] / 2 + 1
        scene.props.append(("table", top, elbow[0] + 22))


def _centre(scene: Scene) -> None:
    """Move everything sideways so the drawing sits in the middle of the box."""
    body = scene.body
    xs = []
    for part in ("torso", "arm", "arm_far", "leg", "leg_far"):
        for p in body_points(body, part):
            xs.append(p[0])
    head = body.joints["head"]
    xs += [head[0] - HEAD_R, head[0] + HEAD_R]
    if scene.main:
        xs += [scene.main.center[0] - scene.main.r, scene.main.center[0] + scene.main.r]
    for prop in scene.props:
        if prop[0] == "wall":
            xs.append(prop[1])
    lo, hi = min(xs) - 6, max(xs) + 6
    dx = (BOX - (lo + hi)) / 2
    if hi - lo > BOX:
        dx = -lo if any(p[0] == "wall" and p[2] < 0 for p in scene.props) else dx
    if abs(dx) < 0.01:
        return
    scene.body = shifted(body, dx, 0)
    scene.contact = (scene.contact[0] + dx, scene.contact[1])
    if scene.main:
        m = scene.main
        m.center = (m.center[0] + dx, m.center[1])
        m.path = tuple((x + dx, y) for x, y in m.path)
    scene.blocks = [(x + dx, y, w, h) for x, y, w, h in scene.blocks]
    moved = []
    for prop in scene.props:
        if prop[0] == "wall":
            moved.append(("wall", prop[1] + dx, prop[2]))
        elif prop[0] == "chair":
            moved.append(
                ("chair", prop[1], prop[2] + dx, None if prop[3] is None else prop[3] + dx, prop[4])
            )
        elif prop[0] == "table":
            moved.append(("table", prop[1], prop[2] + dx))
    scene.props = moved


# --- SVG ---------------------------------------------------------------------------------


def _n(v: float) -> str:
    text = f"{v:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def _pt(p: Point) -> str:
    return f"{_n(p[0])},{_n(p[1])}"


def _smooth_closed(points: list[Point]) -> str:
    """A closed curve through the midpoints, each corner a control point."""
    n = len(points)
    mids = [v_lerp(points[i], points[(i + 1) % n], 0.5) for i in range(n)]
    parts = [f"M{_pt(mids[-1])}"]
    parts += [f"Q{_pt(points[i])} {_pt(mids[i])}" for i in range(n)]
    return "".join(parts) + "Z"


def _polyline(points: list[Point]) -> str:
    return "M" + "L".join(_pt(p) for p in points)


@dataclass
class Style:
    compact: bool
    line: float  # outline of the figure
    mark: float  # stroke of action marks
    halo: float

    @classmethod
    def for_px(cls, px: int) -> Style:
        if px < COMPACT_BELOW:
            return cls(True, 2.6, 4.4, 3.0)
        return cls(False, 1.5, 2.6, 2.2)


def _torso_outline(body: Body) -> list[Point]:
    pts = body_points(body, "torso")
    halves = body.torso_half
    normals = []
    for i in range(len(pts)):
        a = pts[max(0, i - 1)]
        b = pts[min(len(pts) - 1, i + 1)]
        normals.append(body.normal("torso", a, b))
    front = [v_add(p, v_mul(n, h[0])) for p, n, h in zip(pts, normals, halves, strict=True)]
    back = [v_sub(p, v_mul(n, h[1])) for p, n, h in zip(pts, normals, halves, strict=True)]
    down = v_unit(v_sub(pts[0], pts[1]))
    seat_mid = v_add(pts[0], v_mul(down, PELVIS_CAP))
    if body.view == SIDE:
        seat = [
            v_sub(v_add(seat_mid, v_mul(down, 1)), v_mul(normals[0], 6)),
            v_add(seat_mid, v_mul(normals[0], 3)),
        ]
        return [*front, *reversed(back), *seat]
    seat = [v_sub(seat_mid, v_mul(normals[0], 9)), v_add(seat_mid, v_mul(normals[0], 9))]
    return [*front, *reversed(back), *seat]


def _limb_segments(body: Body, part: str) -> list[tuple[Point, Point, float]]:
    pts = body_points(body, part)
    widths = _ARM_W if part.startswith("arm") else _LEG_W
    return [(pts[i], pts[i + 1], widths[i]) for i in range(3)]


def _capsules(segments, extra: float, color: str) -> str:
    by_width: dict[str, list[str]] = {}
    for a, b, w in segments:
        by_width.setdefault(_n(w + extra), []).append(f"M{_pt(a)}L{_pt(b)}")
    return "".join(
        f'<path d="{"".join(ds)}" stroke="{color}" stroke-width="{w}"/>'
        for w, ds in by_width.items()
    )


def _region_band(body: Body, site: Site, toward: Point | None, compact: bool) -> str:
    """The region as a band on the figure: the surface half of the part, or all of it."""
    if site.part == "head":
        return _head_region(body, site.surface)
    samples = span_samples(site)
    inner, outer = [], []
    for seg, t in samples:
        p, _d, n, hp, hm = axis_at(body, site.part, seg, t)
        surface = site.surface
        if toward is not None:
            sign = 1 if v_dot(toward, n) >= 0 else -1
        elif surface == "front" or (surface == "outer" and body.view == FRONT):
            sign = 1
        elif surface == "back" or (surface == "inner" and body.view == FRONT):
            sign = -1
        else:
            sign = 0
        if site.part in ("torso",) and body.view == FRONT and surface in ("front", "back"):
            sign = 0
        if sign == 0:
            a, b = -hm * 0.92, hp * 0.92
        else:
            h = hp if sign > 0 else hm
            a, b = sign * h * (0.05 if compact else 0.2), sign * h * 0.93
        inner.append(v_add(p, v_mul(n, a)))
        outer.append(v_add(p, v_mul(n, b)))
    pts = [*inner, *reversed(outer)]
    return "M" + "L".join(_pt(p) for p in pts) + "Z"


def _head_region(body: Body, surface: str) -> str:
    head = body.joints["head"]
    if body.view == FRONT or surface == "full":
        return (
            f"M{_pt((head[0] - HEAD_R * 0.85, head[1]))}"
            f"a{_n(HEAD_R * 0.85)},{_n(HEAD_R * 0.85)} 0 1,0 {_n(HEAD_R * 1.7)},0"
            f"a{_n(HEAD_R * 0.85)},{_n(HEAD_R * 0.85)} 0 1,0 {_n(-HEAD_R * 1.7)},0Z"
        )
    neck = body.joints["neck"]
    up = v_unit(v_sub(head, neck))
    face = v_mul(v_rot90(up), body.pose.facing)
    down = v_mul(up, -1)
    lo, hi = HEAD_ARCS.get(surface, HEAD_ARCS["jaw"])
    r = HEAD_R * 0.86
    pts = []
    for k in range(9):
        a = math.radians(lo + (hi - lo) * k / 8)
        pts.append(v_add(head, v_add(v_mul(face, r * math.cos(a)), v_mul(down, r * math.sin(a)))))
    return "M" + "L".join(_pt(p) for p in pts) + "Z"


def _figure(scene: Scene, style: Style, equip_svg: str, equip_in_front: str) -> str:
    body = scene.body
    ow = style.line
    out = []
    bands: dict[str, list[str]] = {}
    for slug in scene.regions:
        site = scene.site if slug == scene.primary else SITES[slug]
        toward = scene.normal if slug == scene.primary and site.part != "head" else None
        group = site.part if site.part not in ("neck", "head") else "torso"
        d = _region_band(body, site, toward, style.compact)
        hidden = body.view == FRONT and site.surface == "back" and slug != scene.primary
        opacity = ' opacity="0.35"' if hidden else ""
        bands.setdefault(group, []).append(
            f'<path class="pic-region" data-region="{escape(slug)}" d="{d}" '
            f'fill="{REGION_FILL}"{opacity}/>'
        )
    # The equipment lies behind the body, but in front of the far limbs.
    placed = False
    for group in body.pose.order:
        if not placed and not group.endswith("_far"):
            out.append(equip_svg)
            placed = True
        if group == "torso":
            blob = _smooth_closed(_torso_outline(body))
            neck_seg = [(body.joints["neck"], body.joints["head"], NECK_W)]
            head = body.joints["head"]
            nose = ""
            nose_fill = ""
            if body.pose.nose:
                up = v_unit(v_sub(head, body.joints["neck"]))
                face = v_mul(v_rot90(up), body.pose.facing)
                tip = v_add(head, v_mul(face, HEAD_R - 1.2))
                nose = _circle(tip, 2.6 + ow, FIGURE_LINE)
                nose_fill = _circle(tip, 2.6, FIGURE_FILL)
            out.append(
                f'<g class="pic-body pic-torso">'
                f'<path d="{blob}" fill="{FIGURE_LINE}" stroke="{FIGURE_LINE}" '
                f'stroke-width="{_n(2 * ow)}"/>'
                + _capsules(neck_seg, 2 * ow, FIGURE_LINE)
                + _circle(head, HEAD_R + ow, FIGURE_LINE)
                + nose
                + f'<path d="{blob}" fill="{FIGURE_FILL}"/>'
                + _capsules(neck_seg, 0, FIGURE_FILL)
                + _circle(head, HEAD_R, FIGURE_FILL)
                + nose_fill
                + "".join(bands.get("torso", []))
                + "</g>"
            )
        else:
            segs = _limb_segments(body, group)
            out.append(
                f'<g class="pic-body pic-{group.replace("_", "-")}">'
                + _capsules(segs, 2 * ow, FIGURE_LINE)
                + _capsules(segs, 0, FIGURE_FILL)
                + "".join(bands.get(group, []))
                + "</g>"
            )
    out.append(equip_in_front)
    return "".join(out)


# Equipment ------------------------------------------------------------------------------


def _circle(c: Point, r: float, fill: str, stroke: str = "", width: float = 0) -> str:
    line = f' stroke="{stroke}" stroke-width="{_n(width)}"' if stroke else ""
    return f'<circle cx="{_n(c[0])}" cy="{_n(c[1])}" r="{_n(r)}" fill="{fill}"{line}/>'


def _equipment(eq: Equip, style: Style) -> str:
    w = 1.6 if style.compact else 1.3
    c, r, kind = eq.center, eq.r, eq.kind
    cls = f"pic-eq pic-eq-{kind}"
    if kind in ("ball", "firm", "lacrosse"):
        fill = EQUIP_FILL if kind == "ball" else EQUIP_DARK
        shine = v_add(c, (-r * 0.35, -r * 0.35))
        body = _circle(c, r, fill, EQUIP_LINE, w)
        if not style.compact:
            body += _circle(shine, r * 0.22, "#fbe6b8")
        return f'<g class="{cls}">{body}</g>'
    if kind == "spiky":
        spikes = []
        count = 12
        for k in range(count):
            a = 2 * math.pi * k / count
            p1 = v_add(c, (math.cos(a) * r, math.sin(a) * r))
            p2 = v_add(c, (math.cos(a) * (r + 3.2), math.sin(a) * (r + 3.2)))
            spikes.append(f"M{_pt(p1)}L{_pt(p2)}")
        return (
            f'<g class="{cls}"><path d="{"".join(spikes)}" stroke="{EQUIP_LINE}" '
            f'stroke-width="{_n(w * 1.3)}" stroke-linecap="round"/>'
            f"{_circle(c, r, EQUIP_FILL, EQUIP_LINE, w)}</g>"
        )
    if kind == "tote":
        t = eq.tangent
        a = v_add(c, v_mul(t, -r * 0.75))
        b = v_add(c, v_mul(t, r * 0.75))
        n = v_rot90(t)
        half = r + 1.8
        corners = [
            v_add(v_add(c, v_mul(t, s1 * (r * 0.75 + half))), v_mul(n, s2 * half))
            for s1, s2 in ((-1, -1), (1, -1), (1, 1), (-1, 1))
        ]
        bag = _smooth_closed(corners)
        return (
            f'<g class="{cls}"><path d="{bag}" fill="{EQUIP_LIGHT}" stroke="{EQUIP_LINE}" '
            f'stroke-width="{_n(w)}"/>'
            + _circle(a, r, EQUIP_FILL, EQUIP_LINE, w)
            + _circle(b, r, EQUIP_FILL, EQUIP_LINE, w)
            + "</g>"
        )
    if kind == "soft":
        seam = (
            f'<path d="M{_pt(v_add(c, (-r * 0.95, -r * 0.2)))}Q{_pt(v_add(c, (0, r * 0.45)))} '
            f'{_pt(v_add(c, (r * 0.95, -r * 0.2)))}" fill="none" stroke="{EQUIP_LINE}" '
            f'stroke-width="{_n(w * 0.8)}"/>'
        )
        return f'<g class="{cls}">{_circle(c, r, EQUIP_LIGHT, EQUIP_LINE, w)}{seam}</g>'
    if kind == "roller":
        if eq.lengthwise:
            t = eq.tangent
            n = v_rot90(t)
            half_len = 44
            corners = [
                v_add(v_add(c, v_mul(t, s1 * half_len)), v_mul(n, s2 * r))
                for s1, s2 in ((-1, -1), (1, -1), (1, 1), (-1, 1))
            ]
            d = "M" + "L".join(_pt(p) for p in corners) + "Z"
            end = v_add(c, v_mul(t, half_len))
            return (
                f'<g class="{cls}"><path d="{d}" fill="{EQUIP_LIGHT}" stroke="{EQUIP_LINE}" '
                f'stroke-width="{_n(w)}" stroke-linejoin="round"/>'
                f'<ellipse cx="{_n(end[0])}" cy="{_n(end[1])}" rx="{_n(r * 0.35)}" '
                f'ry="{_n(r)}" fill="{EQUIP_LIGHT}" stroke="{EQUIP_LINE}" '
                f'stroke-width="{_n(w)}"/></g>'
            )
        return (
            f'<g class="{cls}">{_circle(c, r, EQUIP_LIGHT, EQUIP_LINE, w * 1.2)}'
            f"{_circle(c, r * 0.45, EQUIP_FILL, EQUIP_LINE, w)}</g>"
        )
    if kind == "block":
        return _block(c[0] - 14, c[1] - r, 28, 2 * r, style, cls)
    if kind == "bottle":
        return f'<g class="{cls}">{_bottle(c, r, eq.tangent, w)}</g>'
    if kind == "stick":
        return f'<g class="{cls}">{_stick(c, r, eq.tangent, w, style)}</g>'
    if kind == "hook":
        return f'<g class="{cls}">{_hook(eq, w)}</g>'
    # Anything else: a rounded pad, clearly a prop.
    t, n = eq.tangent, v_rot90(eq.tangent)
    half_len = r * 1.5
    corners = [
        v_add(v_add(c, v_mul(t, s1 * half_len)), v_mul(n, s2 * r))
        for s1, s2 in ((-1, -1), (1, -1), (1, 1), (-1, 1))
    ]
    return (
        f'<g class="{cls}"><path d="{_smooth_closed(corners)}" fill="{EQUIP_FILL}" '
        f'stroke="{EQUIP_LINE}" stroke-width="{_n(w)}" stroke-dasharray="3 1.5"/></g>'
    )


def _block(
    x: float, y: float, w: float, h: float, style: Style, cls: str = "pic-eq pic-eq-block"
) -> str:
    lw = 1.6 if style.compact else 1.3
    inset = (
        ""
        if style.compact or h < 9
        else (
            f'<path d="M{_pt((x + 2.5, y + 2.5))}L{_pt((x + w - 2.5, y + 2.5))}" '
            f'stroke="{EQUIP_LINE}" '
            f'stroke-width="0.8" opacity="0.6"/>'
        )
    )
    return (
        f'<g class="{cls}"><rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" '
        f'rx="2" fill="{EQUIP_LIGHT}" stroke="{EQUIP_LINE}" stroke-width="{_n(lw)}"/>{inset}</g>'
    )


def _capsule_path(points: list[tuple[Point, Point]]) -> str:
    return "".join(f"M{_pt(a)}L{_pt(b)}" for a, b in points)


def _stick(c: Point, r: float, t: Point, w: float, style: Style) -> str:
    """A massage stick: a rod threaded with rollers, a handle at each end."""

    def at(k: float) -> Point:
        return v_add(c, v_mul(t, k))

    grip = STICK_HALF - 3.5
    handles = _capsule_path([(at(-grip), at(-grip + 7)), (at(grip - 7), at(grip))])
    step, count = (12, 3) if style.compact else (8.5, 5)
    n = v_rot90(t)
    half = r + (1.5 if style.compact else 1)
    rollers = ""
    for i in range(count):  # short drums along the rod, a gap between each
        k = step * (i - (count - 1) / 2)
        corners = (
            v_add(at(k + a * step * 0.34), v_mul(n, b * half))
            for a, b in ((-1, -1), (1, -1), (1, 1), (-1, 1))
        )
        rollers += "M" + "L".join(_pt(p) for p in corners) + "Z"
    return (
        f'<path d="M{_pt(at(-grip))}L{_pt(at(grip))}" stroke="{EQUIP_LINE}" '
        f'stroke-width="{_n(w * 1.6)}"/>'
        f'<path d="{handles}" stroke="{EQUIP_LINE}" stroke-width="{_n(2 * r + 2 * w)}" '
        'stroke-linecap="round"/>'
        f'<path d="{handles}" stroke="{EQUIP_DARK}" stroke-width="{_n(2 * r)}" '
        'stroke-linecap="round"/>'
        f'<path d="{rollers}" fill="{EQUIP_FILL}" stroke="{EQUIP_LINE}" '
        f'stroke-width="{_n(w)}" stroke-linejoin="round"/>'
    )


def _hook(eq: Equip, w: float) -> str:
    """A hook tool: a cane bent into a hook, a knob at its tip, a grip at its handle."""
    if eq.path:
        knob, c1, c2, crest, end = eq.path
    else:  # nothing to hook over: the cane stands off the body
        n, t = eq.normal, eq.tangent
        knob = eq.center
        c1 = v_add(knob, v_add(v_mul(n, 14), v_mul(t, 10)))
        crest = v_add(knob, v_add(v_mul(n, 28), v_mul(t, -4)))
        c2 = v_add(crest, v_mul(t, 6))
        end = v_add(crest, v_mul(t, -34))
    d = f"M{_pt(knob)}C{_pt(c1)} {_pt(c2)} {_pt(crest)}L{_pt(end)}"
    grip = f"M{_pt(v_lerp(end, crest, 0.22))}L{_pt(end)}"
    return (
        f'<path d="{d}" fill="none" stroke="{EQUIP_LINE}" stroke-width="{_n(w * 4)}" '
        'stroke-linecap="round"/>'
        f'<path d="{d}" fill="none" stroke="{EQUIP_FILL}" stroke-width="{_n(w * 2)}" '
        'stroke-linecap="round"/>'
        f'<path d="{grip}" stroke="{EQUIP_DARK}" stroke-width="{_n(w * 2.4)}" '
        'stroke-linecap="round"/>'
        f"{_circle(knob, 4, EQUIP_FILL, EQUIP_LINE, w)}"
    )


def _bottle(c: Point, r: float, t: Point, w: float) -> str:
    """A frozen water bottle lying along ``t``: an icy body, shoulders, a neck and a cap."""
    n = v_rot90(t)

    def at(a: float, b: float) -> Point:
        return v_add(c, v_add(v_mul(t, a), v_mul(n, b)))

    end, shoulder, neck = 11.0, 5.0, r * 0.45
    outline = (
        f"M{_pt(at(-end, -r))}L{_pt(at(shoulder, -r))}Q{_pt(at(end, -r))} {_pt(at(end, -neck))}"
        f"L{_pt(at(end + 3, -neck))}L{_pt(at(end + 3, neck))}L{_pt(at(end, neck))}"
        f"Q{_pt(at(end, r))} {_pt(at(shoulder, r))}L{_pt(at(-end, r))}Z"
    )
    return (
        f'<path d="M{_pt(at(end + 3, 0))}L{_pt(at(end + 6, 0))}" stroke="{EQUIP_LINE}" '
        f'stroke-width="{_n(r * 1.2 + 2 * w)}"/>'
        f'<path d="M{_pt(at(end + 3 + w, 0))}L{_pt(at(end + 6 - w, 0))}" stroke="{EQUIP_FILL}" '
        f'stroke-width="{_n(r * 1.2)}"/>'
        f'<path d="{outline}" fill="#dcecf5" stroke="{EQUIP_LINE}" stroke-width="{_n(w)}" '
        'stroke-linejoin="round"/>'
        f'<path d="M{_pt(at(-end + 3, -r * 0.45))}L{_pt(at(shoulder - 2, -r * 0.45))}" '
        'stroke="#ffffff" stroke-width="1.5" stroke-linecap="round"/>'
    )


# Ground and props ------------------------------------------------------------------------


def _ground(scene: Scene, style: Style, frame: tuple[float, float, float]) -> str:
    """The floor and the wall, drawn only inside the picture's frame: WeasyPrint does not
    clip an inline SVG to its view box."""
    fx, fy, side = frame
    left, right, top = fx, fx + side, fy
    out = []
    hatch = []
    if not style.compact:
        step = 12
        x = math.ceil((left + 6) / step) * step
        while x <= right:
            hatch.append(f"M{_n(x)},{_n(FLOOR_Y + 1)}l-5,5.5")
            x += step
    lw = 2.2 if style.compact else 1.5
    out.append(
        f'<g class="pic-floor"><path d="M{_n(left)},{_n(FLOOR_Y)}H{_n(right)}" '
        f'stroke="{GROUND}" stroke-width="{_n(lw)}"/>'
        + (
            f'<path d="{"".join(hatch)}" stroke="{GROUND_LIGHT}" stroke-width="1"/>'
            if hatch
            else ""
        )
        + "</g>"
    )
    for prop in scene.props:
        if prop[0] != "wall":
            continue
        _kind, face, toward = prop
        x0, x1 = (left, face) if toward < 0 else (face, right)
        x0, x1 = max(x0, left), min(x1, right)
        lines = []
        if not style.compact:
            y = math.ceil(top / 12) * 12
            while y < FLOOR_Y - 7:
                if toward < 0 and face - 8 >= left:
                    lines.append(f"M{_n(face - 1)},{_n(y)}l-7,7")
                elif toward > 0 and face + 8 <= right:
                    lines.append(f"M{_n(face + 1)},{_n(y)}l7,7")
                y += 12
        out.append(
            f'<g class="pic-wall"><rect x="{_n(x0)}" y="{_n(top)}" '
            f'width="{_n(max(0.0, x1 - x0))}" height="{_n(FLOOR_Y - top)}" fill="{GHOST_FILL}"/>'
            + (
                f'<path d="{"".join(lines)}" stroke="{GROUND_LIGHT}" stroke-width="1"/>'
                if lines
                else ""
            )
            + f'<path d="M{_n(face)},{_n(top)}V{_n(FLOOR_Y)}" stroke="{GROUND}" '
            f'stroke-width="{_n(lw)}"/></g>'
        )
    return "".join(out)


def _props(scene: Scene, style: Style) -> str:
    out = []
    lw = 3.2 if style.compact else 2.6
    for prop in scene.props:
        if prop[0] == "chair":
            _kind, seat_y, hip_x, back_x, top = prop
            back = back_x if back_x is not None else hip_x - 15
            front = hip_x + 24
            d = (
                f"M{_n(back)},{_n(top)}V{_n(FLOOR_Y)}M{_n(back)},{_n(seat_y)}H{_n(front)}"
                f"V{_n(FLOOR_Y)}"
            )
            out.append(
                f'<g class="pic-chair"><path d="{d}" fill="none" stroke="{GROUND}" '
                f'stroke-width="{_n(lw)}" stroke-linecap="round" stroke-linejoin="round"/></g>'
            )
        elif prop[0] == "table":
            _kind, top, x = prop
            left, right = x - 26, x + 34
            legs = "".join(
                f"M{_n(leg)},{_n(top + 4)}V{_n(FLOOR_Y)}" for leg in (left + 5, right - 5)
            )
            out.append(
                f'<g class="pic-table"><path d="{legs}" fill="none" stroke="{GROUND}" '
                f'stroke-width="{_n(lw)}" stroke-linecap="round"/>'
                f'<rect x="{_n(left)}" y="{_n(top + 0.5)}" width="{_n(right - left)}" height="4" '
                f'rx="1" fill="{GROUND_LIGHT}" stroke="{GROUND}" '
                f'stroke-width="{_n(lw * 0.6)}"/></g>'
            )
    for x, y, w, h in scene.blocks:
        out.append(_block(x, y, w, h, style))
    return "".join(out)


# Marks -----------------------------------------------------------------------------------


def _arrow_head(tip: Point, d: Point, size: float) -> str:
    back = v_sub(tip, v_mul(d, size))
    n = v_rot90(d)
    a = v_add(back, v_mul(n, size * 0.62))
    b = v_sub(back, v_mul(n, size * 0.62))
    return f"M{_pt(tip)}L{_pt(a)}L{_pt(b)}Z"


def _stroke_mark(
    cls: str, d_line: str, heads: list[tuple[Point, Point]], style: Style, dash: str = ""
) -> str:
    """A line mark with filled arrowheads, over a white halo so it reads on the figure."""
    head = style.mark * 2.4
    hd = "".join(_arrow_head(tip, dirn, head) for tip, dirn in heads)
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    halo = style.mark + 2 * style.halo
    return (
        f'<g class="pic-mark {cls}">'
        f'<path d="{d_line}" stroke="#ffffff" stroke-width="{_n(halo)}"/>'
        + (
            f'<path d="{hd}" fill="#ffffff" stroke="#ffffff" stroke-width="{_n(2 * style.halo)}"/>'
            if hd
            else ""
        )
        + f'<path d="{d_line}" stroke="{MARK}" stroke-width="{_n(style.mark)}"{dash_attr}/>'
        + (f'<path d="{hd}" fill="{MARK}"/>' if hd else "")
        + "</g>"
    )


def _double_arrow(cls: str, center: Point, t: Point, half: float, style: Style) -> str:
    head = style.mark * 2.4
    a = v_add(center, v_mul(t, -half))
    b = v_add(center, v_mul(t, half))
    a2 = v_add(a, v_mul(t, head * 0.8))
    b2 = v_add(b, v_mul(t, -head * 0.8))
    return _stroke_mark(cls, f"M{_pt(a2)}L{_pt(b2)}", [(a, v_mul(t, -1)), (b, t)], style)


def _marks(scene: Scene, style: Style, extent: list[Point]) -> str:
    """The action marks: stacked outward from the body, on the side away from the support
    (or beyond the hand-held equipment). Adds the points they cover to ``extent``."""
    actions = scene.actions
    out = []
    n = scene.normal
    t = scene.tangent
    up = (0.0, -1.0)
    if scene.main and scene.support == "hand" and not scene.main.in_front:
        base = v_add(scene.main.center, v_mul(n, scene.main.r + 10))
        out_dir = n
    elif scene.main and scene.main.in_front:
        base = v_add(scene.main.center, v_mul(n, scene.main.r + 7))
        out_dir = n
    elif scene.seat:
        # Sitting on it: the marks stand over the lap, pressing down.
        forward = v_mul(t, -1)
        base = v_add(v_add(scene.contact, v_mul(up, scene.thickness * 0.9 + 4)), v_mul(forward, 16))
        out_dir = up
        t = forward
    elif scene.site.part == "leg" and scene.site.start[0] == 2 and n[1] > 0.5:
        # Under a foot: the marks stand in front of the shin.
        base = v_add(v_add(scene.contact, v_mul(up, 12)), v_mul(t, 14))
        out_dir = up
    else:
        out_dir = v_mul(n, -1)
        base = v_add(scene.contact, v_mul(out_dir, _clearance(scene, out_dir, t) + 3))
    # Keep marks in the picture: lean the stack upward when it would leave the box.
    gap = 0.0
    k = 1.25 if style.compact else 1.0

    def slot(width: float, along: float = 0.0) -> Point:
        nonlocal gap
        center = v_add(base, v_mul(out_dir, gap + width / 2))
        gap += width + 4 * k
        center = _inside(center, 10)
        reach = max(width / 2, along) + 3
        extent.extend(
            [(center[0] - reach, center[1] - reach), (center[0] + reach, center[1] + reach)]
        )
        return center

    if "compress" in actions:
        length = 15 * k
        tip = v_add(base, v_mul(out_dir, 0))
        tail = v_add(base, v_mul(out_dir, length))
        w = 4.2 * k
        shaft_end = v_add(tip, v_mul(out_dir, w * 1.6))
        nn = v_rot90(out_dir)
        poly = [
            tip,
            v_add(shaft_end, v_mul(nn, w * 1.35)),
            v_add(shaft_end, v_mul(nn, w * 0.55)),
            v_add(tail, v_mul(nn, w * 0.55)),
            v_sub(tail, v_mul(nn, w * 0.55)),
            v_sub(shaft_end, v_mul(nn, w * 0.55)),
            v_sub(shaft_end, v_mul(nn, w * 1.35)),
        ]
        d = "M" + "L".join(_pt(p) for p in poly) + "Z"
        out.append(
            f'<g class="pic-mark pic-mark-compress"><path d="{d}" fill="{MARK}" '
            f'stroke="#ffffff" stroke-width="{_n(style.halo)}" stroke-linejoin="round" '
            'paint-order="stroke"/></g>'
        )
        gap += length + 3 * k
        extent.extend([tip, tail])
    if "shear" in actions:
        c = slot(9 * k, 16 * k)
        nn = v_rot90(t)
        half = 13 * k
        up = v_add(c, v_mul(nn, -2.6 * k))
        dn = v_add(c, v_mul(nn, 2.6 * k))
        a1, b1 = v_add(up, v_mul(t, -half)), v_add(up, v_mul(t, half))
        a2, b2 = v_add(dn, v_mul(t, half)), v_add(dn, v_mul(t, -half))
        head = style.mark * 2.4
        # Half arrowheads (harpoons), one each way.
        h1 = (
            f"M{_pt(b1)}L{_pt(v_add(v_sub(b1, v_mul(t, head)), v_mul(nn, -head * 0.7)))}"
            f"L{_pt(v_sub(b1, v_mul(t, head)))}Z"
        )
        h2 = (
            f"M{_pt(b2)}L{_pt(v_add(v_add(b2, v_mul(t, head)), v_mul(nn, head * 0.7)))}"
            f"L{_pt(v_add(b2, v_mul(t, head)))}Z"
        )
        line = (
            f"M{_pt(a1)}L{_pt(v_sub(b1, v_mul(t, head * 0.5)))}"
            f"M{_pt(a2)}L{_pt(v_add(b2, v_mul(t, head * 0.5)))}"
        )
        halo = style.mark + 2 * style.halo
        out.append(
            f'<g class="pic-mark pic-mark-shear"><path d="{line}" stroke="#ffffff" '
            f'stroke-width="{_n(halo)}" stroke-linecap="round"/>'
            f'<path d="{h1}{h2}" fill="#ffffff" stroke="#ffffff" '
            f'stroke-width="{_n(2 * style.halo)}"/>'
            f'<path d="{line}" stroke="{MARK}" stroke-width="{_n(style.mark * 0.85)}"/>'
            f'<path d="{h1}{h2}" fill="{MARK}"/></g>'
        )
    if "roll" in actions:
        c = slot(8 * k, 24 * k)
        out.append(_double_arrow("pic-mark-roll", c, t, 22 * k, style))
    if "cross-fiber" in actions:
        c = slot(12 * k, 18 * k)
        nn = v_rot90(t)
        half = 14 * k
        pts = []
        steps = 6
        for i in range(steps + 1):
            along = -half + 2 * half * i / steps
            off = (4.5 * k) * (1 if i % 2 else -1) if 0 < i < steps else 0
            pts.append(v_add(v_add(c, v_mul(t, along)), v_mul(nn, off)))
        head = style.mark * 2.4
        a_tip = v_add(pts[0], v_mul(t, -head * 0.8))
        b_tip = v_add(pts[-1], v_mul(t, head * 0.8))
        out.append(
            _stroke_mark(
                "pic-mark-cross-fiber", _polyline(pts), [(a_tip, v_mul(t, -1)), (b_tip, t)], style
            )
        )
    if "spin" in actions:
        c = slot(18 * k)
        out.append(_turning_arrow("pic-mark-spin", c, 7.5 * k, style))
    if "pin" in actions or "pin-and-stretch" in actions:
        out.append(_pin(scene, style))
    if "sustained-hold" in actions:
        c = slot(18 * k)
        out.append(_clock(c, 8 * k, style))
    if "contract-relax" in actions:
        c = slot(18 * k, 12 * k)
        out.append(_contract(c, k, style))
    if scene.movement:
        out.append(_movement_mark(scene, style, extent))
    return "".join(out)


def _clearance(scene: Scene, out_dir: Point, t: Point, window: float = 6.0) -> float:
    """How far the body reaches from the contact in ``out_dir``, near the contact."""
    body = scene.body
    c = scene.contact
    best = scene.thickness
    samples: list[tuple[Point, float]] = []
    for part in ("torso", "arm", "arm_far", "leg", "leg_far", "neck"):
        pts = body_points(body, part)
        halves = body.widths(part)
        for i in range(len(pts) - 1):
            for k in range(5):
                p = v_lerp(pts[i], pts[i + 1], k / 4)
                h0, h1 = max(halves[i]), max(halves[i + 1])
                samples.append((p, h0 + (h1 - h0) * k / 4))
    samples.append((body.joints["head"], HEAD_R))
    for p, h in samples:
        rel = v_sub(p, c)
        if abs(v_dot(rel, t)) - h > window:
            continue
        best = max(best, v_dot(rel, out_dir) + h)
    return best


def _inside(p: Point, margin: float) -> Point:
    return (min(BOX - margin, max(margin, p[0])), min(FLOOR_Y - margin, max(margin, p[1])))


def _arc_points(c: Point, r: float, a0: float, a1: float, steps: int = 16) -> list[Point]:
    return [v_add(c, v_mul(direction(a0 + (a1 - a0) * i / steps), r)) for i in range(steps + 1)]


def _turning_arrow(
    cls: str, c: Point, r: float, style: Style, a0: float = 200, a1: float = 470
) -> str:
    pts = _arc_points(c, r, a0, a1 - 18)
    end = pts[-1]
    tangent = v_unit(v_sub(end, pts[-2]))
    tip = v_add(end, v_mul(tangent, style.mark * 1.6))
    return _stroke_mark(cls, _polyline(pts), [(tip, tangent)], style)


def _pin(scene: Scene, style: Style) -> str:
    c = scene.contact
    r = 5.5 if style.compact else 4.2
    return (
        f'<g class="pic-mark pic-mark-pin">'
        f'<circle cx="{_n(c[0])}" cy="{_n(c[1])}" r="{_n(r + style.halo)}" fill="#ffffff"/>'
        f'<circle cx="{_n(c[0])}" cy="{_n(c[1])}" r="{_n(r)}" fill="none" stroke="{MARK}" '
        f'stroke-width="{_n(style.mark * 0.6)}"/>'
        f'<circle cx="{_n(c[0])}" cy="{_n(c[1])}" r="{_n(r * 0.42)}" fill="{MARK}"/></g>'
    )


def _clock(c: Point, r: float, style: Style) -> str:
    w = style.mark * 0.7
    hands = f"M{_pt(c)}L{_pt(v_add(c, (0, -r * 0.7)))}M{_pt(c)}L{_pt(v_add(c, (r * 0.5, 0)))}"
    return (
        f'<g class="pic-mark pic-mark-hold">'
        f'<circle cx="{_n(c[0])}" cy="{_n(c[1])}" r="{_n(r + style.halo)}" fill="#ffffff"/>'
        f'<circle cx="{_n(c[0])}" cy="{_n(c[1])}" r="{_n(r)}" fill="#ffffff" stroke="{MARK}" '
        f'stroke-width="{_n(w)}"/>'
        f'<path d="{hands}" stroke="{MARK}" stroke-width="{_n(w)}" stroke-linecap="round"/></g>'
    )


def _contract(c: Point, k: float, style: Style) -> str:
    """Contract, then relax: a pulse that rises, holds, and drops below where it started,
    an arrowhead on the drop (the ball sinks deeper)."""
    w, h = 11 * k, 7 * k
    head = style.mark * 2.4
    x0, x1, x2 = c[0] - w, c[0] - w * 0.45, c[0] + w * 0.5
    low, high = c[1] + h * 0.1, c[1] - h * 0.75
    tip = (x2, c[1] + h * 0.1 + head * 1.1)
    line = _polyline([(x0, low), (x1, low), (x1, high), (x2, high), (x2, tip[1] - head * 0.8)])
    return _stroke_mark("pic-mark-contract", line, [(tip, (0.0, 1.0))], style)


# Limb movement ---------------------------------------------------------------------------


def _rotate(p: Point, pivot: Point, degrees: float) -> Point:
    a = math.radians(degrees)
    x, y = v_sub(p, pivot)
    return v_add(pivot, (x * math.cos(a) - y * math.sin(a), x * math.sin(a) + y * math.cos(a)))


def _norm_angle(a: float) -> float:
    return (a + 180) % 360 - 180


MOVES = {
    # movement: (pivot joint, moved joints, ghost part or "" for a small swing in place)
    "arm-sweep": ("shoulder", ("elbow", "wrist", "hand"), "arm"),
    "arm-reach": ("shoulder", ("elbow", "wrist", "hand"), "arm"),
    "elbow-bend": ("elbow", ("wrist", "hand"), "arm"),
    "knee-bend": ("knee", ("ankle", "toe"), "leg"),
    "knees-sway": ("hip_near", ("knee",), "leg"),
    "wrist-bend": ("wrist", ("hand",), ""),
    "ankle-pump": ("ankle", ("toe",), ""),
    "toe-lift": ("ankle", ("toe",), ""),
    "head-tilt": ("neck", ("head",), ""),
    "head-nod": ("neck", ("head",), ""),
    "jaw": ("head", (), ""),
    "arm-turn": ("elbow", (), ""),
}


def _move_angle(scene: Scene, movement: str) -> float:
    j = scene.body.joints
    if movement in ("arm-sweep", "arm-reach"):
        current = angle_of(v_sub(j["elbow"], j["shoulder"]))
        overhead = angle_of(v_sub(j["neck"], j["chest"]))
        delta = _norm_angle(overhead - current)
        if movement == "arm-reach":
            delta = max(-75, min(75, delta))
        return delta
    if movement in ("knee-bend", "elbow-bend"):
        a, b, c = (
            ("hip_near", "knee", "ankle")
            if movement == "knee-bend"
            else ("shoulder", "elbow", "wrist")
        )
        upper = angle_of(v_sub(j[b], j[a]))
        lower = angle_of(v_sub(j[c], j[b]))
        bent = _norm_angle(lower - upper)
        if abs(bent) > 45:
            return -bent * 0.85  # straighten
        part = "leg" if movement == "knee-bend" else "arm"
        n = scene.body.normal(part, j[a], j[b])
        return 100 if v_dot(v_rot90(v_unit(v_sub(j[c], j[b]))), n) < 0 else -100
    return 0.0


def _ghost_ok(points) -> bool:
    return all(p[1] < FLOOR_Y - 2 for p in points)


def _movement_mark(scene: Scene, style: Style, extent: list[Point]) -> str:
    """A limb movement: the limb's other position as a dashed ghost with a double arrow
    along the arc its end travels; a small joint gets a short double arrow about it."""
    movement = scene.movement
    if movement not in MOVES:
        return ""
    pivot_name, moved, ghost_part = MOVES[movement]
    j = scene.body.joints
    pivot = j[pivot_name]
    k = 1.25 if style.compact else 1.0
    if not moved:  # a turn in place: a small turning arrow beside the joint
        where = v_add(pivot, (0, -HEAD_R - 9) if movement == "jaw" else (9, -9))
        where = _inside(where, 9)
        extent.extend([v_add(where, (-9, -9)), v_add(where, (9, 9))])
        return _turning_arrow("pic-mark-move", where, 6 * k, style)
    end = j[moved[-1]]
    out = ['<g class="pic-mark pic-mark-move">']
    on_table = ghost_part == "arm" and any(p[0] == "table" for p in scene.props)
    # An arm resting on a table moves along it: a short swing, no other position drawn.
    delta = _move_angle(scene, movement) if ghost_part and not on_table else 0.0
    ghost = {}
    if movement == "knees-sway":
        # Seen from the side, knees that fall to one side come down toward the floor.
        knee = j["knee"]
        drop = (knee[0] + 4, knee[1] + 0.5 * (FLOOR_Y - 12 - knee[1]))
        if drop[1] - knee[1] > 6:
            ghost = {"knee": drop}
            delta = _norm_angle(angle_of(v_sub(drop, pivot)) - angle_of(v_sub(knee, pivot)))
        else:
            delta = 0.0
    elif delta and movement in ("arm-sweep", "arm-reach"):
        # The arm reaches long in its other position.
        way = direction(angle_of(v_sub(j["elbow"], pivot)) + delta)
        ghost = {"elbow": v_add(pivot, v_mul(way, UPPER_ARM))}
        ghost["wrist"] = v_add(ghost["elbow"], v_mul(way, FOREARM))
        ghost["hand"] = v_add(ghost["wrist"], v_mul(way, HAND))
        if not _ghost_ok(ghost.values()):
            delta, ghost = 0.0, {}
        end = j["elbow"]
    elif delta:
        ghost = {name: _rotate(j[name], pivot, delta) for name in moved}
        if not _ghost_ok(ghost.values()):
            delta = -delta
            ghost = {name: _rotate(j[name], pivot, delta) for name in moved}
        if not _ghost_ok(ghost.values()):
            delta, ghost = 0.0, {}
    if ghost and not style.compact:
        chain = scene.body.chain(ghost_part)
        widths = _ARM_W if ghost_part == "arm" else _LEG_W
        pts = [ghost.get(name, j[name]) for name in chain]
        segs = [
            (pts[i], pts[i + 1], widths[i])
            for i in range(3)
            if chain[i + 1] in ghost or chain[i] in ghost
        ]
        out.append(_capsules(segs, 2.4, GROUND).replace("<path ", '<path stroke-dasharray="3 2" '))
        out.append(f'<g opacity="0.8">{_capsules(segs, 0, GHOST_LIMB)}</g>')
        extent.extend(ghost.values())
    radius = v_len(v_sub(end, pivot)) + 6 * k
    a_end = angle_of(v_sub(end, pivot))
    if delta:
        sgn = 1 if delta > 0 else -1
        pad = min(abs(delta) * 0.2, 12)
        a0, a1 = a_end + sgn * pad, a_end + delta - sgn * pad
    else:
        # A short swing either side of where the limb is.
        span = max(50.0, min(110.0, 28 * k / max(radius, 1) * 180 / math.pi))
        a0, a1 = a_end - span / 2, a_end + span / 2
    pts = _arc_points(pivot, radius, a0, a1)
    if not _ghost_ok(pts):
        pts = _arc_points(pivot, radius, a_end - (a1 - a0) / 2 - 180, a_end + (a1 - a0) / 2 - 180)
        if not _ghost_ok(pts):
            return ""
    extent.extend(pts)
    t0 = v_unit(v_sub(pts[0], pts[1]))
    t1 = v_unit(v_sub(pts[-1], pts[-2]))
    head = style.mark * 2.4
    line = _polyline(
        [v_add(pts[0], v_mul(t0, -head * 0.7)), *pts[1:-1], v_add(pts[-1], v_mul(t1, -head * 0.7))]
    )
    out.append(
        _stroke_mark(
            "pic-mark-move-arc",
            line,
            [
                (v_add(pts[0], v_mul(t0, head * 0.3)), t0),
                (v_add(pts[-1], v_mul(t1, head * 0.3)), t1),
            ],
            style,
        )
    )
    out.append("</g>")
    return "".join(out)


# --- Public -------------------------------------------------------------------------------


def _px(size) -> int:
    if isinstance(size, int | float) and not isinstance(size, bool):
        return max(16, min(2000, int(size)))
    return SIZES.get(str(size), SIZES["full"])


def picture_alt(info: Mapping) -> str:
    """The picture in words, in the active language."""
    return _alt(facts(info), get_language() or "")


@lru_cache(maxsize=512)
def _alt(f: Facts, _language: str) -> str:
    scene = _compose(f, False)
    side = f.side
    sided = side if side in ("left", "right") else ""
    region_name = next((name for slug, name in f.regions if slug == scene.primary), "")
    if not scene.primary and f.regions:
        region_name = f.regions[0][1] or f.regions[0][0]
        region = words.region_phrase(f.regions[0][0], region_name, sided)
    elif scene.primary:
        region = words.region_phrase(scene.primary, region_name, sided)
    else:
        region = ""
    clauses = [words.position_phrase(scene.pose_key, f.position_name or f.position, sided)]
    for extra in scene.extras:
        if extra == "roller-lengthwise":
            continue
        clauses.append(str(words.EXTRAS[extra]))
    if scene.main and region:
        equipment = words.equipment_phrase(scene.main.kind, scene.main_name)
        placement = words.PLACEMENTS.get(scene.support, words.PLACEMENTS["hand"])
        clauses.append(str(placement) % {"equipment": equipment, "region": region})
    elif scene.main:
        clauses.append(words.equipment_phrase(scene.main.kind, scene.main_name))
    elif region:
        bare = words.BARE_PLACEMENTS["wall" if scene.support == "wall" else ""]
        clauses.append(str(bare) % {"region": region})
    if "roller-lengthwise" in scene.extras:
        clauses.append(str(words.EXTRAS["roller-lengthwise"]))
    foot = scene.primary == "sole-of-foot"
    actions = words.action_phrases(f.actions, scene.movement, foot=foot)
    return words.sentence(clauses, actions, side)


def picture_gaps(info: Mapping) -> list[str]:
    """What the drawing could not show faithfully: "position" (drawn as the generic figure),
    "region", "equipment" (a generic prop), "action" (no mark). Empty when all is drawn.
    ``routines.pictures_words.GAP_LABELS`` words them."""
    return list(_compose(facts(info), False).gaps)


def picture_svg(info: Mapping, *, size="full", css_class: str = "") -> str:
    """The picture as an inline ``<svg>`` element, ``size`` pixels square ("thumb" is 64,
    "small" 120, "medium" 240, "full" 400, or a number)."""
    return _svg(facts(info), _px(size), str(css_class or ""), get_language() or "")


def _extent(scene: Scene) -> list[Point]:
    """Points that the figure, the equipment and the props cover."""
    body = scene.body
    pts: list[Point] = []
    for part in ("torso", "arm", "arm_far", "leg", "leg_far"):
        for p, (hp, hm) in zip(body_points(body, part), body.widths(part), strict=False):
            h = max(hp, hm) + 1.5
            pts += [(p[0] - h, p[1] - h), (p[0] + h, p[1] + h)]
    head = body.joints["head"]
    pts += [(head[0] - HEAD_R - 2, head[1] - HEAD_R - 2), (head[0] + HEAD_R + 2, head[1] + HEAD_R)]
    if scene.main:
        m = scene.main
        reach = m.r + 4
        if m.lengthwise or m.kind in ("stick", "bottle", "tote"):
            reach = max(reach, 34 if m.kind == "stick" else 46 if m.lengthwise else 22)
        pts += [
            (m.center[0] - reach, m.center[1] - m.r - 4),
            (m.center[0] + reach, m.center[1] + m.r),
        ]
        for x, y in m.path:
            pts += [(x - 4, y - 4), (x + 4, y + 4)]
    for x, y, w, h in scene.blocks:
        pts += [(x, y), (x + w, y + h)]
    for prop in scene.props:
        if prop[0] == "wall":
            pts.append((prop[1] + 10 * prop[2], FLOOR_Y))
        elif prop[0] == "chair":
            _k, seat_y, hip_x, back_x, top = prop
            pts += [
                ((back_x if back_x is not None else hip_x - 15) - 3, top - 2),
                (hip_x + 27, seat_y),
            ]
        elif prop[0] == "table":
            _k, top, x = prop
            pts += [(x - 28, top), (x + 36, top)]
    return pts


def _frame(points: list[Point]) -> tuple[float, float, float]:
    """A square view (x, y, side) around the points, the floor along its bottom edge."""
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    pad = 5.0
    bottom = FLOOR_Y + 7.5
    top = min(ys) - pad
    side = max(max(xs) - min(xs) + 2 * pad, bottom - top, 110.0)
    x = (min(xs) + max(xs)) / 2 - side / 2
    return x, bottom - side, side


@lru_cache(maxsize=512)
def _svg(f: Facts, px: int, css_class: str, language: str) -> str:
    style = Style.for_px(px)
    scene = _compose(f, style.compact)
    alt = escape(_alt(f, language))
    equip = ""
    equip_front = ""
    if scene.main:
        drawn = _equipment(scene.main, style)
        if scene.main.in_front:
            equip_front = drawn
        else:
            equip = drawn
    figure = _figure(scene, style, equip, equip_front)
    extent = _extent(scene)
    marks = _marks(scene, style, extent)
    x, y, side = _frame(extent)
    ground = _ground(scene, style, (x, y, side))
    mirror = ""
    if f.side == "left":
        mirror = ' transform="matrix(-1 0 0 1 200 0)"'
        x = BOX - x - side
    badge = ""
    if f.side in words.SIDE_BADGES:
        letter = escape(str(words.SIDE_BADGES[f.side]))[:3]
        bw = (24 if style.compact else 18) * side / BOX
        bx, by = x + side - bw - 2 * side / BOX, y + 2 * side / BOX
        badge = (
            f'<g class="pic-side"><rect x="{_n(bx)}" y="{_n(by)}" width="{_n(bw)}" '
            f'height="{_n(bw)}" rx="{_n(bw / 5)}" fill="#ffffff" stroke="{TEXT}" '
            f'stroke-width="{_n(bw / 14)}"/>'
            f'<text x="{_n(bx + bw / 2)}" y="{_n(by + bw * 0.75)}" text-anchor="middle" '
            f'font-family="{FONT}" font-size="{_n(bw * 0.72)}" font-weight="bold" '
            f'fill="{TEXT}">{letter}</text></g>'
        )
    kind = "compact" if style.compact else "full"
    classes = " ".join(
        c for c in ("technique-picture", f"technique-picture--{kind}", escape(css_class)) if c
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{_n(x)} {_n(y)} {_n(side)} {_n(side)}" '
        f'width="{px}" height="{px}" role="img" aria-label="{alt}" class="{classes}" '
        f'data-pose="{scene.pose_key}" focusable="false">'
        f"<title>{alt}</title>"
        f'<g class="pic-scene"{mirror}>'
        f"{ground}{_props(scene, style)}"
        f'<g class="pic-figure" fill="none" stroke-linecap="round" stroke-linejoin="round">'
        f"{figure}</g>"
        f'<g class="pic-marks" fill="none" stroke-linecap="round" stroke-linejoin="round">'
        f"{marks}</g>"
        f"</g>{badge}</svg>"
    )

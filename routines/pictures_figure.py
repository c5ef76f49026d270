"""The figure in the technique pictures: a jointed body, its poses, and where each body
region lies on it. Plain geometry, no Django: ``routines/pictures.py`` places the
equipment and the marks on it and writes the SVG.

The body is about 172 units tall (a unit is roughly a centimetre) in a 200 by 200 box, y
pointing down. A pose gives the angle of every segment (0° points right, 90° down); the
joints follow from the segment lengths. Side poses show the body in profile; front poses
(side-lying, side-on to a wall, the generic figure) show it from the front.

Every segment has a *primary normal*: in profile it points out of the front of the body,
seen from the front it points out of the body's right side. With it a region can say which
surface it is on ("back" of the thigh, "outer" hip), whatever way the body lies.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

Point = tuple[float, float]

SIDE, FRONT = "side", "front"

# Segment lengths.
PELVIS, LUMBAR, THORAX, NECK = 16.0, 20.0, 18.0, 15.0
UPPER_ARM, FOREARM, HAND = 29.0, 25.0, 10.0
THIGH, SHIN, FOOT = 43.0, 42.0, 15.0
SHOULDER_DROP = 5.0  # the shoulder joint lies this far below the base of the neck
HEAD_R = 11.0
PELVIS_CAP = 6.0  # the seat of the pelvis, beyond the hip joint

# Widths: the torso as (toward the primary normal, away from it) at hip, waist, chest,
# shoulders and neck; limbs as the full width of each segment.
TORSO_HALF = {
    SIDE: [(9.0, 13.0), (10.0, 10.0), (13.0, 11.0), (10.0, 10.0), (5.0, 5.0)],
    FRONT: [(15.0, 15.0), (12.0, 12.0), (15.0, 15.0), (18.0, 18.0), (5.5, 5.5)],
}
NECK_W = 10.0
ARM_W = (9.0, 7.5, 6.0)
LEG_W = (14.0, 10.5, 7.0)
SHOULDER_SPREAD, HIP_SPREAD = 13.0, 8.0  # seen from the front


# --- Vectors --------------------------------------------------------------------------


def v_add(a: Point, b: Point) -> Point:
    return (a[0] + b[0], a[1] + b[1])


def v_sub(a: Point, b: Point) -> Point:
    return (a[0] - b[0], a[1] - b[1])


def v_mul(a: Point, k: float) -> Point:
    return (a[0] * k, a[1] * k)


def v_len(a: Point) -> float:
    return math.hypot(a[0], a[1])


def v_unit(a: Point) -> Point:
    n = v_len(a)
    return (a[0] / n, a[1] / n) if n > 1e-9 else (1.0, 0.0)


def v_rot90(a: Point) -> Point:
    """A quarter turn clockwise on screen (y down): right becomes down."""
    return (-a[1], a[0])


def v_dot(a: Point, b: Point) -> float:
    return a[0] * b[0] + a[1] * b[1]


def v_lerp(a: Point, b: Point, t: float) -> Point:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def direction(angle: float) -> Point:
    r = math.radians(angle)
    return (math.cos(r), math.sin(r))


def angle_of(v: Point) -> float:
    return math.degrees(math.atan2(v[1], v[0]))


# --- Poses ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Pose:
    """Angles of every segment. Limb triples are (upper, lower, end): for an arm the upper
    arm, forearm and hand; for a leg the thigh, shin and foot. "near" limbs are on the side
    the picture shows (the right, unless the picture is mirrored), "far" ones behind."""

    key: str
    view: str
    torso: tuple[float, float, float]  # pelvis, lumbar, thorax: from the hip toward the head
    neck: float
    arm: tuple[float, float, float]
    arm_far: tuple[float, float, float]
    leg: tuple[float, float, float]
    leg_far: tuple[float, float, float]
    anchored: frozenset[str] = frozenset()  # joints that stay put when the body is lifted
    order: tuple[str, ...] = ("arm_far", "leg_far", "torso", "leg", "arm")
    facing: int = 1  # +1: the primary normal is the front (profile) or the right (front view)
    nose: bool = True


def _pose(key, view, torso, neck, arm, arm_far, leg, leg_far, **kw) -> Pose:
    return Pose(key, view, torso, neck, arm, arm_far, leg, leg_far, **kw)


FEET = frozenset({"ankle", "toe", "ankle_far", "toe_far"})
HANDS = frozenset({"wrist", "hand", "wrist_far", "hand_far"})

POSES: dict[str, Pose] = {
    # Lying on the back, head to the left, knees bent and feet flat, arms hugging the chest.
    "supine": _pose(
        "supine", SIDE, (180, 180, 180), 180,
        (-62, 172, 185), (-55, 176, 190),
        (-52, 58, 0), (-48, 62, 0),
        anchored=FEET,
    ),
    # Face down on the forearms, head to the right.
    "prone": _pose(
        "prone", SIDE, (-8, -22, -34), -30,
        (98, 2, 0), (94, 0, 0),
        (180, 180, 168), (181, 181, 168),
        anchored=FEET | HANDS | {"elbow", "elbow_far"},
    ),
    # Face down, the forehead on the far hand, the near arm long on the floor overhead.
    "prone-rest": _pose(
        "prone-rest", SIDE, (-2, -3, -4), -8,
        (4, 1, 0), (14, 182, 180),
        (180, 180, 168), (181, 181, 168),
        anchored=FEET | HANDS | {"elbow", "elbow_far"},
    ),
    # On the right side seen from the front, head to the left, the lower arm reaching
    # overhead as a pillow, the top arm resting along the body.
    "side-lying": _pose(
        "side-lying", FRONT, (182, 181, 180), 188,
        (186, 184, 180), (8, 4, 10),
        (2, 2, -20), (-2, 4, -20),
        anchored=FEET | {"hand", "wrist"},
        order=("arm", "leg", "torso", "leg_far", "arm_far"),
        facing=-1, nose=False,
    ),
    # On the right side propped on the forearm, the top foot planted in front.
    "side-lying-propped": _pose(
        "side-lying-propped", FRONT, (188, 192, 194), 190,
        (98, 180, 180), (14, 16, 20),
        (1, 1, -20), (-34, 78, 0),
        anchored=FEET | {"elbow", "wrist", "hand"},
        order=("arm", "leg", "torso", "leg_far", "arm_far"),
        facing=-1, nose=False,
    ),
    # Sitting on the floor, leaning back on the hands, the near leg long.
    "seated-floor": _pose(
        "seated-floor", SIDE, (-110, -106, -100), -88,
        (118, 112, 180), (122, 116, 180),
        (0, 0, -78), (-42, 58, 0),
        anchored=HANDS | {"ankle_far", "toe_far"},
    ),
    # Sitting on a chair, hands on the thighs.
    "seated-chair": _pose(
        "seated-chair", SIDE, (-90, -90, -91), -88,
        (78, 5, 10), (82, 8, 12),
        (0, 90, 0), (-3, 93, 0),
        anchored=FEET,
    ),
    # Standing, the near foot a little forward.
    "standing": _pose(
        "standing", SIDE, (-90, -90, -91), -88,
        (94, 84, 88), (86, 80, 84),
        (82, 94, 0), (92, 90, 0),
        anchored=frozenset({"ankle_far", "toe_far"}),
    ),
    # Standing at a counter, leaning on the near forearm.
    "standing-counter": _pose(
        "standing-counter", SIDE, (-84, -76, -66), -50,
        (62, 0, 0), (80, 20, 10),
        (92, 90, 0), (96, 92, 0),
        anchored=FEET,
    ),
    # Back against a wall on the left, feet walked away from it.
    "wall-back": _pose(
        "wall-back", SIDE, (-101, -101, -101), -94,
        (94, 86, 88), (88, 80, 85),
        (78, 84, 0), (82, 86, 0),
        anchored=FEET,
    ),
    # Facing a wall on the right, forearms against it.
    "wall-front": _pose(
        "wall-front", SIDE, (-76, -77, -78), -72,
        (-20, -95, -92), (-16, -92, -90),
        (96, 102, 0), (100, 104, 0),
        anchored=FEET,
    ),
    # Side-on to a wall on the left (the right side toward it), seen from the front.
    "wall-side": _pose(
        "wall-side", FRONT, (-97, -98, -99), -96,
        (100, 94, 92), (80, 86, 88),
        (84, 86, 180), (76, 80, 0),
        anchored=FEET, facing=-1, nose=False,
        order=("arm_far", "leg_far", "leg", "torso", "arm"),
    ),
    # Kneeling and sitting back toward the heels, hands on the thighs.
    "kneeling": _pose(
        "kneeling", SIDE, (-84, -86, -88), -84,
        (78, 8, 14), (82, 10, 16),
        (24, 180, 180), (28, 181, 181),
        anchored=FEET | {"knee_far"},
    ),
    # Kneeling and leaning forward onto the near forearm on the floor.
    "kneeling-forward": _pose(
        "kneeling-forward", SIDE, (-20, -16, -12), 0,
        (100, 2, 0), (104, 4, 6),
        (48, 180, 180), (52, 181, 181),
        anchored=FEET | {"knee", "knee_far"},
    ),
    # On hands and knees, head to the right.
    "all-fours": _pose(
        "all-fours", SIDE, (-6, -5, -4), -14,
        (90, 88, 0), (92, 90, 0),
        (90, 180, 180), (92, 181, 181),
        anchored=HANDS,
    ),
    # On knees and forearms, the forearms forward along the floor.
    "all-fours-forearms": _pose(
        "all-fours-forearms", SIDE, (14, 18, 20), 10,
        (88, 0, 0), (92, 2, 2),
        (84, 180, 180), (88, 181, 181),
        anchored=frozenset({"knee", "knee_far", "ankle", "ankle_far", "toe", "toe_far"}),
    ),
    # The clear generic figure: standing, seen from the front, arms a little out.
    "generic": _pose(
        "generic", FRONT, (-90, -90, -90), -90,
        (102, 96, 94), (78, 84, 86),
        (93, 90, 180), (87, 90, 0),
        anchored=FEET, facing=-1, nose=False,
        order=("arm_far", "leg_far", "leg", "torso", "arm"),
    ),
}  # fmt: skip


# --- The jointed body ------------------------------------------------------------------


@dataclass
class Body:
    """The joints of a posed body, and the widths to draw it with."""

    pose: Pose
    joints: dict[str, Point]
    torso_half: list[tuple[float, float]] = field(default_factory=list)

    @property
    def view(self) -> str:
        return self.pose.view

    def chain(self, part: str) -> list[str]:
        """Joint names along a part, from where it starts to its end."""
        far = "_far" if part.endswith("_far") else ""
        if part == "torso":
            return ["hip", "waist", "chest", "shoulders", "neck"]
        if part == "neck":
            return ["neck", "head"]
        if part.startswith("arm"):
            return [f"shoulder{far}", f"elbow{far}", f"wrist{far}", f"hand{far}"]
        return [f"hip{far or '_near'}", f"knee{far}", f"ankle{far}", f"toe{far}"]

    def widths(self, part: str) -> list[tuple[float, float]]:
        """(toward the primary normal, away from it) at each point of the part."""
        if part == "torso":
            return self.torso_half
        if part == "neck":
            return [(NECK_W / 2, NECK_W / 2)] * 2
        ws = ARM_W if part.startswith("arm") else LEG_W
        halves = [ws[0] / 2, ws[0] / 2, ws[1] / 2, ws[2] / 2]
        return [(h, h) for h in halves]

    def toward_head(self, part: str) -> bool:
        return part in ("torso", "neck")

    def normal(self, part: str, a: Point, b: Point) -> Point:
        """The primary normal of the segment from a to b of a part."""
        d = v_unit(v_sub(b, a))
        n = v_rot90(d) if self.toward_head(part) else v_mul(v_rot90(d), -1)
        return v_mul(n, self.pose.facing)


def pose_body(pose: Pose, root: Point = (100.0, 100.0)) -> Body:
    """The joints of a pose, with the hip joint at ``root``."""
    j: dict[str, Point] = {"hip": root}
    pelvis, lumbar, thorax = (direction(a) for a in pose.torso)
    j["waist"] = v_add(j["hip"], v_mul(pelvis, PELVIS))
    j["chest"] = v_add(j["waist"], v_mul(lumbar, LUMBAR))
    j["neck"] = v_add(j["chest"], v_mul(thorax, THORAX))
    j["shoulders"] = v_add(j["neck"], v_mul(thorax, -SHOULDER_DROP))
    j["head"] = v_add(j["neck"], v_mul(direction(pose.neck), NECK))
    facing = pose.facing
    if pose.view == FRONT:
        # The right side lies toward the primary normal.
        right = v_mul(v_rot90(thorax), facing)
        hip_right = v_mul(v_rot90(pelvis), facing)
        j["shoulder"] = v_add(j["shoulders"], v_mul(right, SHOULDER_SPREAD))
        j["shoulder_far"] = v_add(j["shoulders"], v_mul(right, -SHOULDER_SPREAD))
        j["hip_near"] = v_add(j["hip"], v_mul(hip_right, HIP_SPREAD))
        j["hip_far"] = v_add(j["hip"], v_mul(hip_right, -HIP_SPREAD))
    else:
        j["shoulder"] = j["shoulder_far"] = j["shoulders"]
        j["hip_near"] = j["hip_far"] = j["hip"]
    for far in ("", "_far"):
        arm = pose.arm_far if far else pose.arm
        j[f"elbow{far}"] = v_add(j[f"shoulder{far}"], v_mul(direction(arm[0]), UPPER_ARM))
        j[f"wrist{far}"] = v_add(j[f"elbow{far}"], v_mul(direction(arm[1]), FOREARM))
        j[f"hand{far}"] = v_add(j[f"wrist{far}"], v_mul(direction(arm[2]), HAND))
        leg = pose.leg_far if far else pose.leg
        start = j["hip_far"] if far else j["hip_near"]
        j[f"knee{far}"] = v_add(start, v_mul(direction(leg[0]), THIGH))
        j[f"ankle{far}"] = v_add(j[f"knee{far}"], v_mul(direction(leg[1]), SHIN))
        j[f"toe{far}"] = v_add(j[f"ankle{far}"], v_mul(direction(leg[2]), FOOT))
    body = Body(pose, j)
    body.torso_half = list(TORSO_HALF[pose.view])
    return body


def body_points(body: Body, part: str) -> list[Point]:
    """The axis of a part, from where it starts to its end."""
    return [body.joints[name] for name in body.chain(part)]


# --- Regions on the body ---------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    """Where a region lies: a stretch of a part's axis, from segment ``start[0]`` at
    fraction ``start[1]`` to ``end``, on one surface. ``contact`` is where along the stretch
    a ball goes (0 to 1). "end" lets the seat of the pelvis carry the ball."""

    part: str
    start: tuple[int, float]
    end: tuple[int, float]
    surface: str  # "front", "back", "outer", "inner", "full", "jaw", "temple", "skull"
    contact: float = 0.5
    seat: bool = False  # the pelvis can sit on it


# Torso segments: 0 pelvis (hip → waist), 1 lumbar (waist → chest), 2 thorax (chest →
# shoulders), 3 shoulders → neck. Limbs: 0 upper arm / thigh, 1 forearm / shin, 2 hand / foot.
SITES: dict[str, Site] = {
    "head-and-jaw": Site("head", (0, 0), (0, 1), "jaw"),
    "back-of-neck": Site("neck", (0, 0.0), (0, 0.75), "back", contact=0.6),
    "side-of-neck": Site("neck", (0, 0.0), (0, 0.75), "full", contact=0.5),
    "top-of-shoulder": Site("torso", (2, 0.55), (3, 0.7), "back", contact=0.55),
    "upper-back": Site("torso", (1, 0.55), (2, 0.95), "back", contact=0.45),
    "between-shoulder-blades": Site("torso", (1, 0.7), (2, 0.85), "back", contact=0.5),
    "back-of-shoulder": Site("torso", (2, 0.2), (2, 1.0), "back", contact=0.5),
    "front-of-shoulder-and-chest": Site("torso", (2, 0.1), (2, 1.0), "front", contact=0.6),
    "upper-arm": Site("arm", (0, 0.12), (0, 0.9), "outer", contact=0.55),
    "forearm-and-hand": Site("arm", (1, 0.1), (2, 0.9), "full", contact=0.35),
    "side-ribs": Site("torso", (1, 0.1), (2, 0.45), "outer", contact=0.45),
    "belly": Site("torso", (0, 0.45), (1, 0.85), "front", contact=0.5),
    "low-back": Site("torso", (0, 0.55), (1, 0.55), "back", contact=0.5),
    "sacrum-and-pelvis": Site("torso", (0, -0.35), (0, 0.55), "back", contact=0.55, seat=True),
    "glutes": Site("torso", (0, -0.4), (0, 0.45), "back", contact=0.35, seat=True),
    "front-of-hip": Site("leg", (0, -0.02), (0, 0.3), "front", contact=0.45),
    "outer-thigh-and-hip": Site("leg", (0, 0.0), (0, 0.85), "outer", contact=0.55),
    "inner-thigh": Site("leg", (0, 0.2), (0, 0.85), "inner", contact=0.55),
    "front-of-thigh": Site("leg", (0, 0.15), (0, 0.9), "front", contact=0.55),
    "back-of-thigh": Site("leg", (0, 0.15), (0, 0.9), "back", contact=0.55),
    "shin": Site("leg", (1, 0.1), (1, 0.85), "front", contact=0.5),
    "ankle-and-calf": Site("leg", (1, 0.12), (1, 0.88), "back", contact=0.45),
    "sole-of-foot": Site("leg", (2, -0.15), (2, 0.95), "back", contact=0.4),
}

# The head regions' parts of the head, as the angle span around the centre measured from
# the direction of the face (0) toward the neck (positive): (from, to).
HEAD_ARCS = {"jaw": (10, 120), "temple": (-80, 20), "skull": (150, 240), "full": (0, 360)}


def axis_at(body: Body, part: str, seg: int, t: float) -> tuple[Point, Point, Point, float, float]:
    """(point, unit direction, primary normal, half width toward it, half width away)
    at fraction t of segment ``seg`` of a part; t may run past either end."""
    pts = body_points(body, part)
    halves = body.widths(part)
    seg = max(0, min(seg, len(pts) - 2))
    a, b = pts[seg], pts[seg + 1]
    d = v_unit(v_sub(b, a))
    n = body.normal(part, a, b)
    p = v_add(a, v_mul(v_sub(b, a), t))
    tc = max(0.0, min(1.0, t))
    hp = halves[seg][0] + (halves[seg + 1][0] - halves[seg][0]) * tc
    hm = halves[seg][1] + (halves[seg + 1][1] - halves[seg][1]) * tc
    if part == "torso" and t < 0:  # the seat of the pelvis narrows
        shrink = max(0.35, 1 + t * 1.2)
        hp, hm = hp * shrink, hm * shrink
    return p, d, n, hp, hm


def span_samples(site: Site, steps: int = 6) -> list[tuple[int, float]]:
    """(segment, t) pairs from a site's start to its end, through the joints between."""
    (s0, t0), (s1, t1) = site.start, site.end
    out = []
    for seg in range(s0, s1 + 1):
        a = t0 if seg == s0 else 0.0
        b = t1 if seg == s1 else 1.0
        n = max(1, round(steps * abs(b - a)))
        out.extend((seg, a + (b - a) * k / n) for k in range(n + (1 if seg == s1 else 0)))
    return out


def site_point(site: Site, fraction: float) -> tuple[int, float]:
    """The (segment, t) at a fraction of a site's stretch (by segment fraction)."""
    (s0, t0), (s1, t1) = site.start, site.end
    if s0 == s1:
        return s0, t0 + (t1 - t0) * fraction
    total = (1 - t0) + (s1 - s0 - 1) + t1
    walk = total * fraction
    first = 1 - t0
    if walk <= first:
        return s0, t0 + walk
    walk -= first
    seg = s0 + 1
    while walk > 1 and seg < s1:
        walk -= 1
        seg += 1
    return seg, walk


def lift(
    body: Body,
    at: Point,
    height: float,
    *,
    reach: float = 55.0,
    only: set | None = None,
    free: frozenset[str] = frozenset(),
):
    """Raise the joints near ``at`` by up to ``height``, less the further they are, as a
    body drapes over a ball; anchored joints stay, unless they are ``free``."""
    if height <= 0.05:
        return
    plateau = 10.0
    reach = max(reach, height * 2.2)
    for name, (x, y) in list(body.joints.items()):
        if name in body.pose.anchored and name not in free:
            continue
        if only is not None and name not in only:
            continue
        distance = v_len(v_sub((x, y), at))
        weight = max(0.0, min(1.0, 1 - (distance - plateau) / reach))
        if weight:
            body.joints[name] = (x, y - height * weight)


def shifted(body: Body, dx: float, dy: float) -> Body:
    moved = {k: (x + dx, y + dy) for k, (x, y) in body.joints.items()}
    return Body(body.pose, moved, body.torso_half)


def two_link(start: Point, target: Point, l1: float, l2: float, bend: int) -> tuple[Point, Point]:
    """(elbow, end) of a two-segment limb from ``start`` reaching for ``target``; the elbow
    bends to the side ``bend`` (+1 or -1) of the line from start to target."""
    to = v_sub(target, start)
    d = max(abs(l1 - l2) + 0.01, min(v_len(to), l1 + l2 - 0.01))
    u = v_unit(to)
    a = (l1 * l1 + d * d - l2 * l2) / (2 * d)
    h = math.sqrt(max(0.0, l1 * l1 - a * a))
    elbow = v_add(v_add(start, v_mul(u, a)), v_mul(v_rot90(u), h * bend))
    end = v_add(elbow, v_mul(v_unit(v_sub(v_add(start, v_mul(u, d)), elbow)), l2))
    return elbow, end


def reach_arm(
    body: Body, far: bool, target: Point, *, bend: int = 1, hand_dir: Point | None = None
):
    """Move an arm so that the hand's root (the wrist) is at ``target``."""
    s = "_far" if far else ""
    shoulder = body.joints[f"shoulder{s}"]
    elbow, wrist = two_link(shoulder, target, UPPER_ARM, FOREARM, bend)
    body.joints[f"elbow{s}"] = elbow
    body.joints[f"wrist{s}"] = wrist
    d = hand_dir or v_unit(v_sub(wrist, elbow))
    body.joints[f"hand{s}"] = v_add(wrist, v_mul(v_unit(d), HAND))

"""The words of the technique pictures: alt text that says what the drawing shows.

Every phrase is a whole translatable string, and sentences are put together with format
placeholders, so a translation can put the equipment, the region and the position in the
order its language needs.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

# Region → (both sides or unsided, left, right): noun phrases that follow a preposition.
REGION_PHRASES = {
    "sole-of-foot": (
        gettext_lazy("the sole of the foot"),
        gettext_lazy("the sole of the left foot"),
        gettext_lazy("the sole of the right foot"),
    ),
    "ankle-and-calf": (
        gettext_lazy("the calf"),
        gettext_lazy("the left calf"),
        gettext_lazy("the right calf"),
    ),
    "shin": (
        gettext_lazy("the shin"),
        gettext_lazy("the left shin"),
        gettext_lazy("the right shin"),
    ),
    "front-of-thigh": (
        gettext_lazy("the front of the thigh"),
        gettext_lazy("the front of the left thigh"),
        gettext_lazy("the front of the right thigh"),
    ),
    "back-of-thigh": (
        gettext_lazy("the back of the thigh"),
        gettext_lazy("the back of the left thigh"),
        gettext_lazy("the back of the right thigh"),
    ),
    "outer-thigh-and-hip": (
        gettext_lazy("the outer thigh and hip"),
        gettext_lazy("the outside of the left thigh and hip"),
        gettext_lazy("the outside of the right thigh and hip"),
    ),
    "inner-thigh": (
        gettext_lazy("the inner thigh"),
        gettext_lazy("the inside of the left thigh"),
        gettext_lazy("the inside of the right thigh"),
    ),
    "front-of-hip": (
        gettext_lazy("the front of the hip"),
        gettext_lazy("the front of the left hip"),
        gettext_lazy("the front of the right hip"),
    ),
    "glutes": (
        gettext_lazy("the buttock"),
        gettext_lazy("the left buttock"),
        gettext_lazy("the right buttock"),
    ),
    "sacrum-and-pelvis": (
        gettext_lazy("the sacrum"),
        gettext_lazy("the left side of the sacrum"),
        gettext_lazy("the right side of the sacrum"),
    ),
    "low-back": (
        gettext_lazy("the low back"),
        gettext_lazy("the left side of the low back"),
        gettext_lazy("the right side of the low back"),
    ),
    "belly": (
        gettext_lazy("the belly"),
        gettext_lazy("the left side of the belly"),
        gettext_lazy("the right side of the belly"),
    ),
    "side-ribs": (
        gettext_lazy("the side ribs"),
        gettext_lazy("the left side ribs"),
        gettext_lazy("the right side ribs"),
    ),
    "upper-back": (
        gettext_lazy("the upper back"),
        gettext_lazy("the left shoulder blade"),
        gettext_lazy("the right shoulder blade"),
    ),
    "between-shoulder-blades": (
        gettext_lazy("the space between the shoulder blades"),
        gettext_lazy("the space between the spine and the left shoulder blade"),
        gettext_lazy("the space between the spine and the right shoulder blade"),
    ),
    "top-of-shoulder": (
        gettext_lazy("the top of the shoulder"),
        gettext_lazy("the top of the left shoulder"),
        gettext_lazy("the top of the right shoulder"),
    ),
    "back-of-shoulder": (
        gettext_lazy("the back of the shoulder"),
        gettext_lazy("the back of the left shoulder"),
        gettext_lazy("the back of the right shoulder"),
    ),
    "front-of-shoulder-and-chest": (
        gettext_lazy("the chest and the front of the shoulder"),
        gettext_lazy("the left side of the chest"),
        gettext_lazy("the right side of the chest"),
    ),
    "back-of-neck": (
        gettext_lazy("the back of the neck"),
        gettext_lazy("the left side of the back of the neck"),
        gettext_lazy("the right side of the back of the neck"),
    ),
    "side-of-neck": (
        gettext_lazy("the side of the neck"),
        gettext_lazy("the left side of the neck"),
        gettext_lazy("the right side of the neck"),
    ),
    "head-and-jaw": (
        gettext_lazy("the head and jaw"),
        gettext_lazy("the left side of the head and jaw"),
        gettext_lazy("the right side of the head and jaw"),
    ),
    "upper-arm": (
        gettext_lazy("the upper arm"),
        gettext_lazy("the left upper arm"),
        gettext_lazy("the right upper arm"),
    ),
    "forearm-and-hand": (
        gettext_lazy("the forearm and hand"),
        gettext_lazy("the left forearm and hand"),
        gettext_lazy("the right forearm and hand"),
    ),
}

# Pose → how the sentence opens.
POSITION_PHRASES = {
    "supine": gettext_lazy("Lying on your back"),
    "prone": gettext_lazy("Lying face down on your forearms"),
    "prone-rest": gettext_lazy("Lying face down"),
    "side-lying": gettext_lazy("Lying on your side"),
    "side-lying-propped": gettext_lazy("Lying on your side, propped on the forearm"),
    "seated-floor": gettext_lazy("Sitting on the floor"),
    "seated-chair": gettext_lazy("Sitting on a chair"),
    "standing": gettext_lazy("Standing"),
    "standing-counter": gettext_lazy("Standing at a counter"),
    "wall-back": gettext_lazy("Standing with your back to a wall"),
    "wall-front": gettext_lazy("Standing facing a wall"),
    "wall-side": gettext_lazy("Standing side-on to a wall"),
    "kneeling": gettext_lazy("Kneeling"),
    "kneeling-forward": gettext_lazy("Kneeling and leaning forward"),
    "all-fours": gettext_lazy("On hands and knees"),
    "all-fours-forearms": gettext_lazy("On knees and forearms"),
}
SIDE_LYING_ON = {
    "left": gettext_lazy("Lying on your left side"),
    "right": gettext_lazy("Lying on your right side"),
}

# Equipment kind → an indefinite noun phrase.
EQUIPMENT_PHRASES = {
    "ball": gettext_lazy("a ball"),
    "firm": gettext_lazy("a firm ball"),
    "lacrosse": gettext_lazy("a lacrosse ball"),
    "spiky": gettext_lazy("a spiky ball"),
    "tote": gettext_lazy("a pair of balls in a tote"),
    "soft": gettext_lazy("a large soft ball"),
    "roller": gettext_lazy("a foam roller"),
    "block": gettext_lazy("a yoga block"),
    "stick": gettext_lazy("a massage stick"),
    "hook": gettext_lazy("a hook tool"),
    "bottle": gettext_lazy("a frozen bottle"),
}

# How the equipment meets the body: format strings with %(equipment)s and %(region)s.
PLACEMENTS = {
    "floor": gettext_lazy("%(equipment)s under %(region)s"),
    "wall": gettext_lazy("%(equipment)s between %(region)s and the wall"),
    "chair-back": gettext_lazy("%(equipment)s between %(region)s and the chair back"),
    "seat": gettext_lazy("%(equipment)s on the seat under %(region)s"),
    "table": gettext_lazy("%(equipment)s on the table under %(region)s"),
    "hand": gettext_lazy("%(equipment)s held against %(region)s"),
}
# Without equipment: format strings with %(region)s.
BARE_PLACEMENTS = {
    "wall": gettext_lazy("%(region)s against the wall"),
    "": gettext_lazy("working %(region)s"),
}

EXTRAS = {
    "head-block": gettext_lazy("head on a block"),
    "hand-blocks": gettext_lazy("hands on blocks"),
    "raised-block": gettext_lazy("the equipment raised on a block"),
    "wall-hand": gettext_lazy("one hand on the wall"),
    "roller-lengthwise": gettext_lazy("the roller lengthwise along the spine"),
    "forearm-table": gettext_lazy("the forearm resting on a table"),
}

ACTION_PHRASES = {
    "roll": gettext_lazy("roll up and down"),
    "pin": gettext_lazy("pin one spot and stay"),
    "spin": gettext_lazy("turn slowly so the skin winds around the ball"),
    "compress": gettext_lazy("sink your weight in and breathe"),
    "shear": gettext_lazy("glide the skin in small movements"),
    "pin-and-stretch": gettext_lazy("pin one spot and move the joint nearby"),
    "cross-fiber": gettext_lazy("stroke across the muscle"),
    "sustained-hold": gettext_lazy("stay for a long, quiet hold"),
    "contract-relax": gettext_lazy(
        "tense the muscle against the ball for five seconds, then relax and sink deeper"
    ),
}
ROLL_FOOT = gettext_lazy("roll from heel to toes")

MOVEMENT_PHRASES = {
    "arm-sweep": gettext_lazy("sweep the arm overhead and back"),
    "arm-reach": gettext_lazy("reach the arm long and back"),
    "arm-turn": gettext_lazy("turn the arm in and out"),
    "elbow-bend": gettext_lazy("bend and straighten the elbow"),
    "wrist-bend": gettext_lazy("open the fingers and bend the wrist back"),
    "head-tilt": gettext_lazy("tilt the head away"),
    "head-nod": gettext_lazy("make small nods and turns of the head"),
    "jaw": gettext_lazy("open and close the jaw"),
    "knees-sway": gettext_lazy("sway the knees side to side"),
    "knee-bend": gettext_lazy("bend and straighten the knee"),
    "ankle-pump": gettext_lazy("point and flex the foot"),
    "toe-lift": gettext_lazy("lift and lower the toes"),
}

SIDE_BADGES = {
    "left": pgettext_lazy("one-letter mark for the left side in a picture", "L"),
    "right": pgettext_lazy("one-letter mark for the right side in a picture", "R"),
}

GAP_LABELS = {
    "position": gettext_lazy("position not drawn: generic figure"),
    "region": gettext_lazy("no known body region: placed generically"),
    "equipment": gettext_lazy("equipment not known: generic prop"),
    "action": gettext_lazy("action not known: no mark"),
}


def _lower_first(text: str) -> str:
    """A vocabulary name inside a sentence: "Massage stick" → "massage stick"."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def region_phrase(slug: str, name: str, side: str) -> str:
    phrases = REGION_PHRASES.get(slug)
    if phrases:
        index = {"left": 1, "right": 2}.get(side, 0)
        return str(phrases[index])
    text = _lower_first(name or slug.replace("-", " ")) or _("the body")
    if side == "left":
        return _("%(region)s, left side") % {"region": text}
    if side == "right":
        return _("%(region)s, right side") % {"region": text}
    return text


def equipment_phrase(kind: str, name: str) -> str:
    phrase = EQUIPMENT_PHRASES.get(kind)
    if phrase:
        return str(phrase)
    return _lower_first(name) or _("a prop")


def position_phrase(pose_key: str, position_name: str, side: str) -> str:
    if pose_key in ("side-lying", "side-lying-propped") and side in SIDE_LYING_ON:
        return str(SIDE_LYING_ON[side])
    phrase = POSITION_PHRASES.get(pose_key)
    if phrase:
        return str(phrase)
    if position_name:
        return _("In the position: %(position)s") % {"position": _lower_first(position_name)}
    return _("In a comfortable position")


def action_phrases(actions, movement: str, *, foot: bool) -> list[str]:
    """One phrase per action, in the order given; the limb movement stands in for the
    generic "pin and stretch", or follows the actions when there is none."""
    out = []
    moved = False
    for slug, name in actions:
        if slug == "roll" and foot:
            out.append(str(ROLL_FOOT))
        elif slug == "pin-and-stretch" and movement in MOVEMENT_PHRASES:
            out.append(
                _("pin one spot and %(movement)s") % {"movement": MOVEMENT_PHRASES[movement]}
            )
            moved = True
        elif slug in ACTION_PHRASES:
            out.append(str(ACTION_PHRASES[slug]))
        elif name or slug:
            out.append(_lower_first(name or slug.replace("-", " ")))
    if movement in MOVEMENT_PHRASES and not moved:
        out.append(str(MOVEMENT_PHRASES[movement]))
    return out


def sentence(clauses: list[str], actions: list[str], side: str) -> str:
    scene = ", ".join(c for c in clauses if c)
    if side == "each":
        scene = _("%(scene)s, each side in turn") % {"scene": scene}
    if actions:
        return _("%(scene)s; %(actions)s.") % {"scene": scene, "actions": "; ".join(actions)}
    return _("%(scene)s.") % {"scene": scene}

"""The drawn technique pictures: one for every technique, whatever its data, as safe and
small inline SVG with alt text that says the same in words."""

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.utils import translation

from routines import pictures_words as words
from routines.pictures import (
    POSITIONS,
    compose,
    equipment_kind,
    picture_alt,
    picture_gaps,
    picture_svg,
    snapshot_picture_info,
    technique_picture_info,
)
from routines.pictures_figure import POSES
from tests import factories

ROOT = Path(__file__).resolve().parents[2]
LIBRARY_FILE = ROOT / "routines" / "library" / "starter_library.json"
LIBRARY = json.loads(LIBRARY_FILE.read_text())
NAMES = {key: {e["slug"]: e["name"] for e in LIBRARY[key]} for key in ("regions", "equipment")}
SVG = "{http://www.w3.org/2000/svg}"


def starter_info(item, side=None):
    return {
        "name": item["name"],
        "summary": item["summary"],
        "position": item["position"],
        "regions": [{"slug": s, "name": NAMES["regions"][s]} for s in item["regions"]],
        "equipment": [{"slug": s, "name": NAMES["equipment"][s]} for s in item["equipment"]],
        "actions": item["actions"],
        "side": side if side is not None else ("each" if item["per_side"] else ""),
    }


STARTERS = [starter_info(item) for item in LIBRARY["techniques"]]


def info(**kw):
    base = {
        "name": "A technique",
        "position": "supine",
        "regions": ["upper-back"],
        "equipment": ["therapy-ball"],
        "actions": ["roll"],
        "side": "",
    }
    return {**base, **kw}


def parse(svg):
    root = ET.fromstring(svg)  # noqa: S314 (our own output)
    assert root.tag == f"{SVG}svg"
    return root


def classes(svg):
    return {c for el in parse(svg).iter() for c in (el.get("class") or "").split()}


def figure_paths(svg):
    figure = next(el for el in parse(svg).iter() if "pic-figure" in (el.get("class") or ""))
    return [
        el.get("d") for el in figure.iter(f"{SVG}path") if "pic-eq" not in (el.get("class") or "")
    ]


# --- Every technique -----------------------------------------------------------------


@pytest.mark.parametrize("size", ["thumb", "full"])
def test_every_starter_technique_gets_a_well_formed_picture(size):
    assert len(STARTERS) >= 70
    for item in STARTERS:
        svg = picture_svg(item, size=size)
        root = parse(svg)
        assert root.get("role") == "img"
        title = root.find(f"{SVG}title")
        assert title is not None and title.text == picture_alt(item)
        assert root.get("aria-label") == picture_alt(item)
        px = "64" if size == "thumb" else "400"
        assert root.get("width") == px and root.get("height") == px
        # One figure, resting on the floor, with the technique's region drawn on it.
        assert {"pic-figure", "pic-floor", "pic-region"} <= classes(svg), item["name"]


def test_every_starter_technique_is_drawn_without_falling_back():
    assert {item["name"]: picture_gaps(item) for item in STARTERS if picture_gaps(item)} == {}


def test_every_starter_technique_has_alt_text_naming_position_equipment_region_and_action():
    positions = [str(p) for p in words.POSITION_PHRASES.values()]
    for item in STARTERS:
        alt = picture_alt(item)
        scene = compose(item)
        assert any(alt.startswith(p) for p in positions), alt
        assert str(words.EQUIPMENT_PHRASES[scene.main.kind]) in alt, alt
        assert str(words.REGION_PHRASES[scene.primary][0]) in alt, alt
        phrases = [str(p) for p in words.ACTION_PHRASES.values()] + [str(words.ROLL_FOOT)]
        phrases += [str(p) for p in words.MOVEMENT_PHRASES.values()]
        assert any(p in alt for p in phrases), alt
        assert alt.endswith(".") and "%(" not in alt


def test_alt_text_says_the_side_where_the_ball_goes_and_the_action():
    alt = picture_alt(info(side="right"))
    assert alt == "Lying on your back, a ball under the right shoulder blade; roll up and down."
    assert "left shoulder blade" in picture_alt(info(side="left"))
    assert picture_alt(info(side="each")).endswith(
        "a ball under the upper back, each side in turn; roll up and down."
    )


def test_pictures_are_small_and_the_same_every_time():
    for item in STARTERS:
        svg = picture_svg(item)
        assert len(svg.encode()) < 9000, item["name"]
        assert svg == picture_svg(dict(item))
    # No ids: many pictures can be inlined in one page.
    assert not any(' id="' in picture_svg(item, size="thumb") for item in STARTERS)


# --- Positions, equipment, actions --------------------------------------------------------


def test_each_position_draws_a_different_figure():
    drawn = {}
    for position in POSITIONS:
        svg = picture_svg(info(position=position, regions=["low-back"], actions=["pin"]))
        drawn[position] = (parse(svg).get("data-pose"), tuple(figure_paths(svg)))
    poses = [pose for pose, _paths in drawn.values()]
    assert len(set(poses)) == len(POSITIONS), poses
    assert len({paths for _pose, paths in drawn.values()}) == len(POSITIONS)
    assert "generic" not in poses


def test_every_pose_is_drawn():
    regions = {
        "prone": "front-of-thigh",
        "prone-rest": "belly",
        "side-lying-propped": "outer-thigh-and-hip",
        "seated-floor": "ankle-and-calf",
        "standing-counter": "forearm-and-hand",
        "wall-front": "front-of-shoulder-and-chest",
        "wall-side": "outer-thigh-and-hip",
        "kneeling-forward": "forearm-and-hand",
        "all-fours-forearms": "forearm-and-hand",
    }
    positions = {
        "prone-rest": "prone",
        "side-lying-propped": "side-lying",
        "seated-floor": "seated",
        "seated-chair": "chair",
        "standing-counter": "standing",
        "wall-back": "wall",
        "wall-front": "wall",
        "wall-side": "wall",
        "kneeling-forward": "kneeling",
        "all-fours-forearms": "all-fours",
        "generic": "cartwheel",
    }
    for key in POSES:
        item = info(position=positions.get(key, key), regions=[regions.get(key, "upper-back")])
        if key == "seated-chair":
            item["regions"] = ["back-of-thigh"]
        assert parse(picture_svg(item)).get("data-pose") == key


@pytest.mark.parametrize(
    ("slug", "name", "mark"),
    [
        ("therapy-ball", "Single therapy ball", "pic-eq-ball"),
        ("firm-ball", "Firm ball", "pic-eq-firm"),
        ("lacrosse-ball", "Lacrosse ball", "pic-eq-lacrosse"),
        ("spiky-ball", "Spiky ball", "pic-eq-spiky"),
        ("ball-pair-tote", "Pair of therapy balls in a tote", "pic-eq-tote"),
        ("large-soft-ball", "Large soft ball", "pic-eq-soft"),
        ("foam-roller", "Foam roller", "pic-eq-roller"),
        ("block", "Yoga block", "pic-eq-block"),
        ("massage-stick", "Massage stick", "pic-eq-stick"),
        ("hook-tool", "Hook tool", "pic-eq-hook"),
        ("frozen-bottle", "Frozen water bottle", "pic-eq-bottle"),
        ("resistance-band", "Resistance band", "pic-eq-generic"),
    ],
)
def test_the_equipment_is_drawn(slug, name, mark):
    item = info(equipment=[{"slug": slug, "name": name}])
    assert mark in classes(picture_svg(item))
    assert ("equipment" in picture_gaps(item)) == (mark == "pic-eq-generic")


def test_settings_are_drawn_around_the_figure():
    wall = info(position="wall", equipment=["therapy-ball", "wall"])
    assert "pic-wall" in classes(picture_svg(wall))
    assert "between the upper back and the wall" in picture_alt(wall)
    chair = info(
        position="seated", regions=["back-of-shoulder"], equipment=["therapy-ball", "chair"]
    )
    assert {"pic-chair", "pic-eq-ball"} <= classes(picture_svg(chair))
    table = info(position="seated", regions=["forearm-and-hand"], equipment=["spiky-ball", "table"])
    assert {"pic-table", "pic-eq-spiky"} <= classes(picture_svg(table))
    head_on_block = info(equipment=["ball-pair-tote", "block"])
    assert "pic-eq-block" in classes(picture_svg(head_on_block))
    assert "head on a block" in picture_alt(head_on_block)


def test_snapshot_equipment_names_find_their_drawing():
    # A frozen step keeps equipment names only; a name finds its drawing.
    assert equipment_kind("", "Pair of therapy balls in a tote") == "tote"
    assert equipment_kind("", "Large soft ball") == "soft"
    assert equipment_kind("", "Rouleau de massage") == "roller"
    assert equipment_kind("", "Massage stick") == "stick"
    assert equipment_kind("", "Hook tool") == "hook"
    assert equipment_kind("", "Frozen water bottle") == "bottle"
    assert equipment_kind("", "Table or counter") == "table"
    assert equipment_kind("", "Something new") == "generic"
    # An older snapshot kept only the position's label.
    frozen = {"technique": {"position": "Seated on a chair", "regions": ["glutes"]}}
    assert snapshot_picture_info(frozen)["position"] == "chair"


# On a chair: where the ball goes by region, what holds it there, and the words for it.
CHAIR = [
    ("upper-back", ["therapy-ball", "chair"], "chair-back",
     "a ball between the upper back and the chair back"),
    ("low-back", ["ball-pair-tote", "chair"], "chair-back",
     "a pair of balls in a tote between the low back and the chair back"),
    ("back-of-thigh", ["therapy-ball", "chair"], "seat",
     "a ball on the seat under the back of the thigh"),
    ("glutes", ["therapy-ball", "chair"], "seat", "a ball on the seat under the buttock"),
    ("sacrum-and-pelvis", ["large-soft-ball", "chair"], "seat",
     "a large soft ball on the seat under the sacrum"),
    ("sole-of-foot", ["frozen-bottle", "chair"], "floor",
     "a frozen bottle under the sole of the foot"),
    ("forearm-and-hand", ["spiky-ball", "table", "chair"], "table",
     "a spiky ball on the table under the forearm and hand"),
    ("forearm-and-hand", ["massage-stick", "table", "chair"], "table",
     "a massage stick on the table under the forearm and hand"),
    ("forearm-and-hand", ["spiky-ball", "chair"], "hand",
     "a spiky ball held against the forearm and hand"),
    ("upper-arm", ["therapy-ball", "table", "chair"], "hand",
     "the forearm resting on a table, a ball held against the upper arm"),
    ("head-and-jaw", ["therapy-ball", "chair"], "hand", "a ball held against the head and jaw"),
    ("side-of-neck", ["therapy-ball", "chair"], "hand", "a ball held against the side of the neck"),
    ("top-of-shoulder", ["therapy-ball", "chair"], "hand",
     "a ball held against the top of the shoulder"),
    ("front-of-thigh", ["therapy-ball", "chair"], "hand",
     "a ball held against the front of the thigh"),
    ("ankle-and-calf", ["massage-stick", "chair"], "hand",
     "a massage stick held against the calf"),
    ("between-shoulder-blades", ["hook-tool", "chair"], "hand",
     "a hook tool held against the space between the shoulder blades"),
]  # fmt: skip


@pytest.mark.parametrize(("region", "equipment", "support", "words"), CHAIR)
def test_on_a_chair_the_ball_goes_where_the_region_meets_the_chair(
    region, equipment, support, words
):
    item = info(position="chair", regions=[region], equipment=equipment, actions=["pin"])
    scene = compose(item)
    assert scene.pose_key == "seated-chair" and scene.support == support
    assert picture_gaps(item) == []
    alt = picture_alt(item)
    assert alt.startswith("Sitting on a chair, ") and words in alt, alt
    found = classes(picture_svg(item))
    assert "pic-chair" in found and f"pic-eq-{scene.main.kind}" in found
    assert ("pic-table" in found) == ("table" in equipment)
    chair = next(p for p in scene.props if p[0] == "chair")
    _kind, seat_y, _hip_x, back_x, top = chair
    ball = scene.main
    if support == "seat":  # on the seat, under the body (which sinks into a soft ball)
        assert ball.center[1] + ball.r == pytest.approx(seat_y)
        assert ball.center[1] - ball.r < scene.contact[1] < ball.center[1] + ball.r
        assert ball.center[1] > scene.body.joints["hip"][1]
    elif support == "chair-back":  # the chair back behind it, reaching above it
        assert back_x == pytest.approx(ball.center[0] - ball.r)
        assert top < ball.center[1] - ball.r
    elif support == "floor":
        assert ball.center[1] + ball.r == pytest.approx(188, abs=0.5)


def test_a_seated_technique_sits_on_the_floor_unless_it_needs_a_chair():
    floor = info(position="seated", regions=["back-of-thigh"], equipment=["foam-roller"])
    assert compose(floor).pose_key == "seated-floor"
    assert compose({**floor, "equipment": ["therapy-ball", "chair"]}).pose_key == "seated-chair"
    jaw = info(position="seated", regions=["head-and-jaw"])
    assert compose(jaw).pose_key == "seated-chair"


def test_long_tools_are_held_and_clear_the_floor():
    stick = compose(info(position="chair", regions=["ankle-and-calf"], equipment=["massage-stick"]))
    c, t = stick.main.center, stick.main.tangent
    assert max(c[1] + t[1] * 33, c[1] - t[1] * 33) < 188  # both handles above the floor
    hook = compose(
        info(position="chair", regions=["between-shoulder-blades"], equipment=["hook-tool"])
    )
    knob, _c1, _c2, crest, end = hook.main.path
    joints = hook.body.joints
    # Over the shoulder: the crest above the shoulders, the handle in front of the chest.
    assert crest[1] < joints["shoulders"][1] < end[1]
    assert knob[0] < joints["chest"][0] < end[0]
    wrist = joints["wrist"]
    assert abs(wrist[0] - (crest[0] + 0.72 * (end[0] - crest[0]))) < 1  # the hand on it


@pytest.mark.parametrize(
    ("action", "mark"),
    [
        ("roll", "pic-mark-roll"),
        ("shear", "pic-mark-shear"),
        ("pin", "pic-mark-pin"),
        ("spin", "pic-mark-spin"),
        ("compress", "pic-mark-compress"),
        ("cross-fiber", "pic-mark-cross-fiber"),
        ("sustained-hold", "pic-mark-hold"),
        ("pin-and-stretch", "pic-mark-move"),
        ("contract-relax", "pic-mark-contract"),
    ],
)
def test_each_action_has_its_mark(action, mark):
    for size in ("thumb", "full"):
        found = classes(picture_svg(info(actions=[action]), size=size))
        assert mark in found
        others = {"pic-mark-roll", "pic-mark-shear", "pic-mark-spin", "pic-mark-compress"} - {mark}
        assert not found & others


def test_a_limb_movement_is_drawn_with_a_ghost_limb_at_full_size():
    sweep = info(
        name="Rhomboid pin on the tote with arm sweeps", actions=["pin", "pin-and-stretch"]
    )
    svg = picture_svg(sweep, size="full")
    assert "pic-mark-move-arc" in classes(svg)
    assert 'stroke-dasharray="3 2"' in svg  # the arm's other position
    assert "sweep the arm overhead and back" in picture_alt(sweep)
    wiper = info(name="Rhomboid roll with windshield wiper legs", actions=["roll", "shear"])
    assert "sway the knees side to side" in picture_alt(wiper)
    assert "pic-mark-move" in classes(picture_svg(wiper))


def test_the_left_side_is_mirrored_and_marked():
    left = picture_svg(info(side="left"))
    right = picture_svg(info(side="right"))
    assert 'transform="matrix(-1 0 0 1 200 0)"' in left
    assert "matrix" not in right
    assert [t.text for t in parse(left).iter(f"{SVG}text")] == ["L"]
    assert [t.text for t in parse(right).iter(f"{SVG}text")] == ["R"]
    assert not list(parse(picture_svg(info(side="each"))).iter(f"{SVG}text"))


# --- Bad input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "item",
    [
        {},
        {"name": None, "position": None, "regions": None, "equipment": None, "actions": None},
        info(position="hanging-upside-down"),
        info(regions=["left-ear-lobe"]),
        info(regions=[]),
        info(equipment=[]),
        info(equipment=["wall"], position="supine"),
        info(actions=["juggle"]),
        info(side="sideways"),
        info(regions=[{"slug": "", "name": ""}], equipment=[123], actions=[{"name": "Tap"}]),
        info(position="wall", regions=["sole-of-foot"], equipment=["hook-tool"]),
        info(position="all-fours", regions=["head-and-jaw"], equipment=["frozen-bottle"]),
    ],
)
def test_unknown_or_missing_data_still_gets_a_picture(item):
    for size in ("thumb", "full", 250):
        root = parse(picture_svg(item, size=size))
        assert root.get("role") == "img"
    assert picture_alt(item).strip()


def test_what_could_not_be_drawn_is_reported():
    assert picture_gaps(info()) == []
    unknown = info(
        position="hanging-upside-down", regions=[], equipment=["x-gadget"], actions=["juggle"]
    )
    assert set(picture_gaps(unknown)) == {"position", "region", "equipment", "action"}
    assert parse(picture_svg(unknown)).get("data-pose") == "generic"
    assert "hanging-upside-down" in picture_alt(unknown)
    assert set(words.GAP_LABELS) >= set(picture_gaps(unknown))


def test_hostile_names_are_escaped():
    hostile = "<script>alert(1)</script>"
    item = info(
        name=hostile,
        position='"><script>',
        position_name=hostile,
        regions=[{"slug": "x<y", "name": hostile}],
        equipment=[{"slug": "z", "name": f'Gadget "{hostile}"'}],
        actions=[{"slug": "a&b", "name": hostile}],
    )
    for size in ("thumb", "full"):
        svg = picture_svg(item, size=size, css_class='"><script>')
        assert "<script" not in svg
        root = parse(svg)  # well-formed: every text escaped
        assert hostile in root.find(f"{SVG}title").text
    assert hostile in picture_alt(item)  # plain text; the template escapes it


# --- Adapters and the template tag ----------------------------------------------------------


@pytest.mark.django_db
def test_a_technique_and_its_frozen_step_draw_the_same_picture():
    region = factories.RegionFactory(slug="glutes", name="Glutes")
    tote = factories.EquipmentFactory(slug="ball-pair-tote", name="Pair of therapy balls in a tote")
    pin = factories.ActionFactory(slug="pin", name="Pin")
    technique = factories.TechniqueFactory(
        name="Glute pin", position="supine", per_side=True, regions=[region],
        equipment=[tote], actions=[pin],
    )  # fmt: skip
    live = technique_picture_info(technique)
    assert live["side"] == "each" and live["regions"] == [{"slug": "glutes", "name": "Glutes"}]
    step = {
        "title": "Glute pin",
        "side": "right",
        "technique": {
            "name": "Glute pin",
            "summary": technique.summary,
            "position": "Supine (lying on the back)",
            "position_code": "supine",
            "regions": [{"slug": "glutes", "name": "Glutes"}],
            "equipment": ["Pair of therapy balls in a tote"],  # names only, as frozen
            "actions": ["pin"],
        },
    }
    frozen = snapshot_picture_info(step)
    assert frozen["side"] == "right"
    assert picture_svg({**live, "side": "right"}) == picture_svg(frozen)
    # An older snapshot with only the position's label still finds the position.
    del step["technique"]["position_code"]
    assert snapshot_picture_info(step)["position"] == "supine"
    assert snapshot_picture_info({**step, "play_side": "left"})["side"] == "left"


@pytest.mark.django_db
def test_the_template_tag_inlines_the_picture():
    technique = factories.TechniqueFactory(name="Upper back roll")
    html = Template(
        '{% load pictures %}{% technique_picture technique size="thumb" css_class="card__pic" %}'
        '|<img alt="{% technique_picture_alt technique side="right" %}">'
        "|{% technique_picture rest %}"
    ).render(Context({"technique": technique, "rest": {"title": "Rest", "technique": None}}))
    svg, img, rest = html.split("|")
    root = parse(svg)
    assert root.get("width") == "64"
    assert "card__pic" in root.get("class")
    assert "right shoulder blade" in img
    assert rest == ""


def test_the_template_tag_draws_a_frozen_step():
    step = {"side": "left", "technique": {"position_code": "prone", "regions": [], "actions": []}}
    html = Template('{% load pictures %}{% technique_picture step size="full" %}').render(
        Context({"step": step})
    )
    assert parse(html).get("data-pose") == "prone"
    assert "matrix(-1 0 0 1 200 0)" in html


def test_alt_text_follows_the_active_language():
    with translation.override("fr"):
        assert picture_alt(info()).strip()
    assert picture_alt(info()).startswith("Lying on your back")


def test_format_strings_name_their_placeholders():
    """Translators can reorder them: every placeholder is named."""
    texts = [str(p) for p in words.PLACEMENTS.values()] + [
        str(p) for p in words.BARE_PLACEMENTS.values()
    ]
    for text in texts:
        assert re.findall(r"%\(\w+\)s", text) and not re.findall(r"%[sd]", text)


@pytest.mark.django_db
def test_the_review_command_writes_every_picture(tmp_path):
    call_command("technique_pictures", str(tmp_path), library=str(LIBRARY_FILE), size=200)
    written = sorted(p.stem for p in tmp_path.glob("*.svg"))
    assert written == sorted(item["slug"] for item in LIBRARY["techniques"])
    index = (tmp_path / "index.html").read_text()
    assert index.count("<svg") == 2 * len(written)

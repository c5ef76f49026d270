"""The body map: two figures tiled by the 23 regions, shaded by minutes of work, and a
template that passes the strict CSP and renders in WeasyPrint."""

import io
import itertools
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string

from routines.bodymap import (
    BACK,
    CONNECTED_FILL,
    FRONT,
    HEIGHT,
    HIGHLIGHT_FILL,
    LEVELS,
    OUTLINE,
    SHAPES,
    WIDTH,
    body_map,
)

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = json.loads((ROOT / "routines" / "library" / "starter_library.json").read_text())
REGIONS = [SimpleNamespace(slug=r["slug"], name=r["name"]) for r in LIBRARY["regions"]]
NAMES = {region.slug: region.name for region in REGIONS}
FILLS = {key: fill for key, fill, _label in LEVELS}


# --- Geometry helpers ---------------------------------------------------------


def parse(d):
    """[(command, [(x, y), …])] for the M/L/Q/Z paths the body map draws."""
    assert d.startswith("M")
    assert re.fullmatch(r"[MLQZ0-9.,\s-]+", d), d
    tokens = re.findall(r"[MLQZ]|-?\d+(?:\.\d+)?", d)
    assert "".join(tokens) == re.sub(r"[\s,]", "", d), d  # nothing but commands and numbers
    arity = {"M": 1, "L": 1, "Q": 2, "Z": 0}
    commands, i = [], 0
    while i < len(tokens):
        command = tokens[i]
        assert command in arity, d
        numbers = [float(t) for t in tokens[i + 1 : i + 1 + 2 * arity[command]]]
        assert len(numbers) == 2 * arity[command], d
        commands.append((command, list(zip(numbers[::2], numbers[1::2], strict=True))))
        i += 1 + 2 * arity[command]
    assert commands[-1][0] == "Z" and [c for c, _ in commands].count("M") == 1, d
    return commands


def polygon(d, steps=8):
    """The path flattened to a polygon (each curve in `steps` straight pieces)."""
    points = []
    for command, coords in parse(d):
        if command in "ML":
            points.append(coords[0])
        elif command == "Q":
            (x0, y0), ((cx, cy), (x1, y1)) = points[-1], coords
            for k in range(1, steps + 1):
                t = k / steps
                points.append(
                    (
                        (1 - t) ** 2 * x0 + 2 * t * (1 - t) * cx + t**2 * x1,
                        (1 - t) ** 2 * y0 + 2 * t * (1 - t) * cy + t**2 * y1,
                    )
                )
    return points


def contains(points, x, y):
    inside = False
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def vertices(d):
    return {point for command, coords in parse(d) if command != "Z" for point in coords[-1:]}


def shapes_on(view):
    return [(slug, d) for slug, paths in SHAPES.items() for v, d in paths if v == view]


# --- Shapes -------------------------------------------------------------------


def test_every_region_has_a_shape_and_no_shape_lacks_a_region():
    assert set(SHAPES) == set(NAMES)
    assert len(SHAPES) == 23
    assert all(SHAPES[slug] for slug in NAMES)


@pytest.mark.parametrize("slug", sorted(NAMES))
def test_every_shape_parses_and_lies_within_the_viewbox(slug):
    for view, d in SHAPES[slug]:
        assert view in (FRONT, BACK)
        for _command, coords in parse(d):
            for x, y in coords:
                assert 0 <= x <= WIDTH and 0 <= y <= HEIGHT, (slug, x, y)


@pytest.mark.parametrize("view", [FRONT, BACK])
def test_outline_parses_and_lies_within_the_viewbox(view):
    for _command, coords in parse(OUTLINE[view]):
        assert all(0 <= x <= WIDTH and 0 <= y <= HEIGHT for x, y in coords)


@pytest.mark.parametrize("view", [FRONT, BACK])
def test_regions_tile_the_figure_without_gaps_overlaps_or_strays(view):
    outline = polygon(OUTLINE[view])
    regions = []
    for slug, d in shapes_on(view):
        points = polygon(d)
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        regions.append((slug, points, (min(xs), max(xs), min(ys), max(ys))))
    problems = []
    for i in range(int(WIDTH / 2.5)):
        for j in range(int(HEIGHT / 2.5)):
            x, y = 0.37 + 2.5 * i, 0.61 + 2.5 * j  # never exactly on a drawn line
            hits = [
                slug
                for slug, points, (x0, x1, y0, y1) in regions
                if x0 <= x <= x1 and y0 <= y <= y1 and contains(points, x, y)
            ]
            in_body = contains(outline, x, y)
            feet_in_front = view == FRONT and y > 406  # the top of the foot is no region
            expected = 1 if in_body and not feet_in_front else 0
            if len(hits) != expected:
                problems.append((x, y, hits))
    assert not problems, problems[:10]


@pytest.mark.parametrize("view", [FRONT, BACK])
def test_figures_are_symmetric_with_both_sides_drawn(view):
    def mirrored(d):
        return {(WIDTH - x, y) for x, y in vertices(d)}

    for slug, paths in SHAPES.items():
        points = set().union(*(vertices(d) for v, d in paths if v == view))
        assert points == set().union(*(mirrored(d) for v, d in paths if v == view)), slug
    assert vertices(OUTLINE[view]) == mirrored(OUTLINE[view])


@pytest.mark.parametrize(
    "slug, views",
    [
        ("head-and-jaw", {FRONT, BACK}),
        ("upper-arm", {FRONT, BACK}),
        ("forearm-and-hand", {FRONT, BACK}),
        ("side-ribs", {FRONT, BACK}),
        ("top-of-shoulder", {FRONT, BACK}),
        ("outer-thigh-and-hip", {FRONT, BACK}),
        ("belly", {FRONT}),
        ("shin", {FRONT}),
        ("upper-back", {BACK}),
        ("sole-of-foot", {BACK}),
        ("glutes", {BACK}),
    ],
)
def test_regions_are_drawn_on_the_figures_where_they_can_be_seen(slug, views):
    assert {view for view, _d in SHAPES[slug]} == views


@pytest.mark.parametrize(
    "view, a, b",
    [
        (FRONT, "head-and-jaw", "side-of-neck"),
        (FRONT, "side-of-neck", "front-of-shoulder-and-chest"),
        (FRONT, "front-of-shoulder-and-chest", "belly"),
        (FRONT, "front-of-shoulder-and-chest", "upper-arm"),
        (FRONT, "upper-arm", "forearm-and-hand"),
        (FRONT, "belly", "side-ribs"),
        (FRONT, "belly", "front-of-hip"),
        (FRONT, "front-of-hip", "inner-thigh"),
        (FRONT, "front-of-thigh", "inner-thigh"),
        (FRONT, "front-of-thigh", "shin"),
        (FRONT, "side-ribs", "outer-thigh-and-hip"),
        (BACK, "head-and-jaw", "back-of-neck"),
        (BACK, "back-of-neck", "top-of-shoulder"),
        (BACK, "top-of-shoulder", "upper-back"),
        (BACK, "upper-back", "between-shoulder-blades"),
        (BACK, "upper-back", "low-back"),
        (BACK, "back-of-shoulder", "upper-arm"),
        (BACK, "low-back", "side-ribs"),
        (BACK, "low-back", "sacrum-and-pelvis"),
        (BACK, "glutes", "sacrum-and-pelvis"),
        (BACK, "glutes", "outer-thigh-and-hip"),
        (BACK, "glutes", "back-of-thigh"),
        (BACK, "back-of-thigh", "ankle-and-calf"),
        (BACK, "ankle-and-calf", "sole-of-foot"),
    ],
)
def test_neighbouring_regions_share_an_edge(view, a, b):
    def points(slug):
        return set().union(*(vertices(d) for v, d in SHAPES[slug] if v == view))

    assert len(points(a) & points(b)) >= 2, (a, b)


# --- Shading ------------------------------------------------------------------


def fills(result, slug):
    return {s["fill"] for view in result["views"] for s in view["shapes"] if s["slug"] == slug}


@pytest.mark.parametrize(
    "minutes, level",
    [
        (0, "none"),
        (0.2, "light"),
        (1.99, "light"),
        (2, "moderate"),
        (4.9, "moderate"),
        (5, "strong"),
        (9.9, "strong"),
        (10, "heavy"),
        (45, "heavy"),
    ],
)
def test_regions_are_shaded_by_minutes(minutes, level):
    result = body_map({"glutes": minutes}, REGIONS)
    assert fills(result, "glutes") == {FILLS[level]}
    assert fills(result, "belly") == {FILLS["none"]}
    if minutes:
        assert result["rows"][0]["level"] == level
    else:
        assert result["rows"] == []


def relative_luminance(colour):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_levels_run_from_very_light_to_the_brand_teal_in_distinct_steps():
    luminance = [relative_luminance(fill) for _key, fill, _label in LEVELS]
    assert LEVELS[-1][1] == "#1f5f5b"
    for lighter, darker in itertools.pairwise(luminance):
        assert (lighter + 0.05) / (darker + 0.05) >= 1.35
    assert (luminance[0] + 0.05) / (luminance[-1] + 0.05) >= 4.5


def test_connected_regions_get_a_light_tint_with_a_dashed_edge():
    result = body_map({"upper-back": 8}, REGIONS, connected={"low-back", "upper-back"})
    low_back = [s for v in result["views"] for s in v["shapes"] if s["slug"] == "low-back"]
    assert low_back and all(s["fill"] == CONNECTED_FILL and s["dash"] for s in low_back)
    # A connected region with minutes of its own is shaded by its minutes.
    assert fills(result, "upper-back") == {FILLS["strong"]}
    assert [(row["slug"], row["level"]) for row in result["rows"]] == [
        ("upper-back", "strong"),
        ("low-back", "connected"),
    ]
    worked = [s for v in result["views"] for s in v["shapes"] if s["slug"] == "upper-back"]
    assert not any(s["dash"] for s in worked)


def test_highlighted_regions_take_the_darkest_fill():
    result = body_map({}, REGIONS, highlight={"shin"}, connected={"front-of-thigh"})
    assert fills(result, "shin") == {HIGHLIGHT_FILL} == {FILLS["heavy"]}
    assert fills(result, "front-of-thigh") == {CONNECTED_FILL}
    assert [(row["slug"], row["level"]) for row in result["rows"]] == [
        ("shin", "highlight"),
        ("front-of-thigh", "connected"),
    ]
    assert "Shin" in result["description"] and "Front of the thigh" in result["description"]
    assert any(item["fill"] == HIGHLIGHT_FILL for item in result["legend"])


def test_unknown_slugs_are_ignored():
    result = body_map(
        {"tail": 12, "glutes": 3},
        REGIONS,
        connected={"wings", "belly"},
        highlight={"halo"},
    )
    assert [row["slug"] for row in result["rows"]] == ["glutes", "belly"]
    drawn = {s["slug"] for v in result["views"] for s in v["shapes"]}
    assert drawn == set(NAMES)


def test_nothing_worked_describes_an_empty_map():
    result = body_map({}, REGIONS)
    assert result["rows"] == []
    assert result["description"] == "No work on any body region yet."
    assert all(s["fill"] == FILLS["none"] for v in result["views"] for s in v["shapes"])


def test_rows_are_sorted_by_minutes_rounded_to_half_minutes_then_connected():
    result = body_map(
        {"belly": 3.26, "glutes": 7.74, "shin": 0.2, "upper-back": 7.74, "low-back": 0},
        REGIONS,
        connected={"side-ribs", "back-of-neck"},
    )
    assert [(row["name"], row["minutes"]) for row in result["rows"]] == [
        ("Glutes", 7.5),
        ("Upper back", 7.5),
        ("Belly", 3.5),
        ("Shin", 0.5),
        ("Back of the neck", 0.0),
        ("Side ribs", 0.0),
    ]
    assert [row["level_label"] for row in result["rows"]][-2:] == ["Connected", "Connected"]
    assert result["description"] == (
        "Most work: Glutes (7.5 min), Upper back (7.5 min), Belly (3.5 min); "
        "connected regions: Back of the neck, Side ribs."
    )


def test_a_region_without_a_shape_is_still_listed_in_the_table():
    regions = [*REGIONS, SimpleNamespace(slug="whole-body", name="Whole body")]
    result = body_map({"whole-body": 6}, regions)
    assert result["rows"][0]["name"] == "Whole body"
    assert "whole-body" not in {s["slug"] for v in result["views"] for s in v["shapes"]}


def test_every_view_lists_its_shapes_with_name_and_title():
    result = body_map({"upper-arm": 4}, REGIONS)
    assert [view["key"] for view in result["views"]] == [FRONT, BACK]
    for view in result["views"]:
        assert len(view["shapes"]) == len(shapes_on(view["key"]))
        arm = [s for s in view["shapes"] if s["slug"] == "upper-arm"]
        assert len(arm) == 2  # left and right
        assert arm[0]["name"] == "Upper arm" and arm[0]["title"] == "Upper arm: 4 min"
        assert {"slug", "name", "d", "fill", "opacity", "stroke"} <= set(arm[0])


# --- Template -----------------------------------------------------------------


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.fixture
def rendered():
    result = body_map(
        {"upper-back": 8, "front-of-shoulder-and-chest": 4},
        REGIONS,
        connected={"low-back"},
    )
    return render_to_string("routines/_body_map.html", {"map": result, "map_id": "plan-map"})


def test_template_draws_two_labelled_svg_figures(rendered):
    parser = Tags()
    parser.feed(rendered)
    svgs = [attrs for tag, attrs in parser.tags if tag == "svg" and attrs.get("role") == "img"]
    assert len(svgs) == 2
    ids = {attrs["id"] for _tag, attrs in parser.tags if "id" in attrs}
    for svg in svgs:
        assert svg["viewbox"] == "0 0 200 440" and svg["width"] and svg["height"]
        title_id, desc_id = svg["aria-labelledby"].split()
        assert {title_id, desc_id} <= ids
    assert re.search(r'<title id="plan-map-front-title">[^<]*Front</title>', rendered)
    assert re.search(r'<title id="plan-map-back-title">[^<]*Back</title>', rendered)
    assert rendered.count("<desc id=") == 2
    assert "Most work: Upper back (8 min)" in rendered
    paths = [attrs for tag, attrs in parser.tags if tag == "path" and "fill" in attrs]
    assert FILLS["strong"] in {p["fill"] for p in paths}
    assert "<title>Upper back: 8 min</title>" in rendered


def test_template_passes_the_strict_csp(rendered):
    assert "style=" not in rendered
    assert "<style" not in rendered
    assert "<script" not in rendered
    assert not re.search(r"\son[a-z]+=", rendered)  # no inline event handlers


def test_template_offers_the_table_alternative(rendered):
    assert "<details" in rendered and "<caption>" in rendered
    assert rendered.count('scope="col"') == 3
    table = rendered[rendered.index("<table") : rendered.index("</table>")]
    assert table.index("Upper back") < table.index("Front of the shoulder and chest")
    assert table.index("Front of the shoulder and chest") < table.index("Low back")
    assert "Connected" in table


def test_weasyprint_renders_the_map_to_pdf():
    from pypdf import PdfReader
    from weasyprint import HTML

    page = Template(
        '<html><body>{% include "routines/_body_map.html" with map=body_map map_id="pdf-map" %}'
        "</body></html>"
    ).render(Context({"body_map": body_map({"glutes": 12}, REGIONS, connected={"low-back"})}))
    pdf = HTML(string=page).write_pdf()
    assert pdf.startswith(b"%PDF-")
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Glutes" in text and "Low back" in text

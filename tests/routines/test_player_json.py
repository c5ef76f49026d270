import pytest
from django.utils.html import json_script

from routines.templatetags.player_tags import player_json


@pytest.mark.parametrize(
    "value",
    [
        {"picture": '<svg role="img"><title>A & B</title></svg>', "n": 1},
        [{"title": "</script><script>alert(1)</script>", "cues": ["é", "🙂", "\u2028"]}],
        {"empty": None, "nested": {"x": [1.5, True]}},
    ],
)
def test_the_players_json_is_djangos_json_script(value):
    assert player_json(value, "player-steps") == json_script(value, "player-steps")


def test_each_drawing_is_in_the_page_once():
    from routines.templatetags.player_tags import player_data

    svg = '<svg role="img"><title>Ball</title></svg>'
    steps = [
        {"title": "Left", "picture": svg, "stations": [{"marker": svg}, {"marker": ""}]},
        {"title": "Right", "picture": svg},
        {"title": "Rest", "picture": ""},
    ]
    html = str(player_data(steps))
    assert html.count("<svg") == 1 and html.count("<template") == 1
    assert '"picture": "player-drawing-0"' in html and '"marker": ""' in html

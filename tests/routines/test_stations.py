"""Timed stations within a technique (issue 13, item 4): the model states what a station
may hold, the curation form and a library file are refused with its words, and a step's
time is shared between its stations in proportion."""

import random
import re

import pytest
from django.core.exceptions import ValidationError

from routines.exchange import load_library, validate_library
from routines.forms import TechniqueForm
from routines.models import Technique
from routines.snapshots import play_order, scale_seconds, technique_data
from tests.factories import RegionFactory, TechniqueFactory
from tests.routines.test_curation import form_data
from tests.routines.test_exchange import minimal


def station(seconds=30, region="upper-back", instruction="Roll up and down."):
    return {"region": region, "instruction": instruction, "seconds": seconds}


def station_messages(technique) -> list[str]:
    try:
        technique.full_clean()
    except ValidationError as error:
        return error.message_dict.get("stations", [])
    return []


# --- The model ---------------------------------------------------------------------------


@pytest.mark.django_db
class TestModel:
    def test_stations_with_regions_and_without_are_fine(self):
        technique = TechniqueFactory(
            stations=[station(10), station(60, region=""), station(45, region="upper-back")]
        )
        assert station_messages(technique) == []

    def test_seconds_that_do_not_add_up_to_the_duration_are_fine(self):
        technique = TechniqueFactory(duration_seconds=90, stations=[station(10), station(15)])
        assert station_messages(technique) == []

    @pytest.mark.parametrize(
        ("bad", "message"),
        [
            (
                station(region="upper-bak"),
                "Station 2, region: “upper-bak” is not a body region.",
            ),
            (station(region=None), "Station 2, region: give a body region, or leave it empty."),
            (
                station(instruction="  "),
                "Station 2, instruction: say in a few words what to do there.",
            ),
            (
                station(instruction="x" * 201),
                "Station 2, instruction: keep it to 200 characters (it has 201).",
            ),
            (station(seconds=0), "Station 2, seconds: give whole seconds from 1 to 1800."),
            (station(seconds=1801), "Station 2, seconds: give whole seconds from 1 to 1800."),
            (station(seconds="30"), "Station 2, seconds: give whole seconds from 1 to 1800."),
            (station(seconds=2.5), "Station 2, seconds: give whole seconds from 1 to 1800."),
            (station(seconds=True), "Station 2, seconds: give whole seconds from 1 to 1800."),
            ("Roll here", "Station 2: give its region, instruction and seconds."),
            (
                {**station(), "minutes": 1},
                "Station 2: unknown field “minutes” (a station has a region, an instruction "
                "and seconds).",
            ),
        ],
    )
    def test_a_bad_station_is_named_with_its_field(self, bad, message):
        technique = TechniqueFactory(stations=[station(), bad])
        assert station_messages(technique) == [message]

    def test_every_problem_is_named_at_once(self):
        technique = TechniqueFactory(stations=[station(seconds=0, instruction=""), station()])
        assert station_messages(technique) == [
            "Station 1, instruction: say in a few words what to do there.",
            "Station 1, seconds: give whole seconds from 1 to 1800.",
        ]

    def test_at_most_twelve_stations(self):
        assert station_messages(TechniqueFactory(stations=[station(5)] * 12)) == []
        assert station_messages(TechniqueFactory(stations=[station(5)] * 13)) == [
            "At most 12 stations; there are 13."
        ]

    def test_stations_must_be_a_list(self):
        technique = TechniqueFactory(stations={"region": "upper-back"})
        assert station_messages(technique) == ["Give the stations as a list."]

    def test_a_caller_that_leaves_the_stations_out_does_not_check_them(self):
        # e.g. the admin's list of a progression's levels, which edits only the level
        technique = TechniqueFactory(stations=[station(seconds=0)])
        technique.full_clean(exclude=["stations"])

    def test_no_region_named_means_no_query(self, django_assert_num_queries):
        technique = TechniqueFactory(stations=[station(region="")])
        with django_assert_num_queries(0):
            assert technique.station_region_slugs() == set()


# --- The curation form -------------------------------------------------------------------


STATIONS_TEXT = (
    "10 | Upper back | Roll side to side across the ridge.\n"
    "\n"
    "1:30 | upper-back | Beside the spine: up and down.\n"
    "40 s |  | Breathe and let the ball sink in."
)


@pytest.mark.django_db
class TestForm:
    def test_a_station_elsewhere_than_the_techniques_regions_is_refused(self, vocab):
        RegionFactory(slug="calf", name="Calf")
        form = TechniqueForm(form_data(vocab, stations="30 | Calf | Roll.\n30 | | Rest."))
        assert not form.is_valid()
        assert form.errors["stations"] == [
            "Station 1, region: “calf” is not one of this technique's regions. Add it to the "
            "technique's regions, or choose one of them."
        ]

    def test_one_station_a_line_region_by_name_or_slug_or_none(self, vocab):
        form = TechniqueForm(form_data(vocab, stations=STATIONS_TEXT))
        assert form.is_valid(), form.errors
        assert form.to_data()["stations"] == [
            station(10, "upper-back", "Roll side to side across the ridge."),
            station(90, "upper-back", "Beside the spine: up and down."),
            station(40, "", "Breathe and let the ball sink in."),
        ]

    def test_the_curator_saves_stations_and_sees_them_again_as_lines(self, client, curator, vocab):
        client.force_login(curator)
        response = client.post(
            "/curate/new/", {**form_data(vocab, stations=STATIONS_TEXT), "publish": "1"}
        )
        assert response.status_code == 302
        technique = Technique.objects.get(slug="shoulder-blade-pin-at-the-wall")
        assert [s["seconds"] for s in technique.stations] == [10, 90, 40]
        form = TechniqueForm(instance=technique)
        assert form["stations"].value() == (
            "10 | Upper back | Roll side to side across the ridge.\n"
            "90 | Upper back | Beside the spine: up and down.\n"
            "40 |  | Breathe and let the ball sink in."
        )

    @pytest.mark.parametrize(
        ("typed", "message"),
        [
            (
                "10 | Upper back | Roll.\n30 Breathe",
                "Station 2: write it as seconds | body region | what to do.",
            ),
            (
                "10 | Upper bak | Roll.",
                "Station 1, region: “Upper bak” is not a body region.",
            ),
            ("ten | Upper back | Roll.", "Station 1, seconds: give whole seconds from 1 to 1800."),
            ("10 | Upper back | ", "Station 1, instruction: say in a few words what to do there."),
            ("10 | | Roll.\n" * 13, "At most 12 stations; there are 13."),
        ],
    )
    def test_bad_stations_are_refused_beside_the_field_keeping_what_was_typed(
        self, vocab, typed, message
    ):
        form = TechniqueForm(form_data(vocab, stations=typed))
        assert not form.is_valid()
        assert form.errors["stations"] == [message]
        assert form["stations"].value() == typed
        assert set(form.errors) == {"stations"}

    def test_the_curation_page_shows_the_stations_as_lines(self, client, curator, vocab):
        technique = TechniqueFactory(
            stations=[station(20, "upper-back", "Roll.")], regions=[vocab["region"]]
        )
        client.force_login(curator)
        body = client.get(f"/curate/{technique.slug}/edit/").content.decode()
        assert re.search(
            r'<textarea name="stations"[^>]*>\s*20 \| Upper back \| Roll\.</textarea>', body
        )
        assert "One station per line" in body

    def test_a_refused_station_changes_nothing(self, client, curator, vocab):
        technique = TechniqueFactory(stations=[station(20)], regions=[vocab["region"]])
        client.force_login(curator)
        url = f"/curate/{technique.slug}/edit/"
        data = form_data(
            vocab,
            name=technique.name,
            stations="0 | Upper back | Too short.",
            version=technique.updated_at.isoformat(),
        )
        response = client.post(url, data)
        assert response.status_code == 200
        assert "Station 1, seconds: give whole seconds from 1 to 1800." in response.content.decode()
        technique.refresh_from_db()
        assert technique.stations == [station(20)]

    def test_a_page_without_the_stations_field_keeps_them(self, vocab):
        technique = TechniqueFactory(stations=[station(20)], regions=[vocab["region"]])
        data = form_data(vocab, name=technique.name, version=technique.updated_at.isoformat())
        assert "stations" not in data
        form = TechniqueForm(data, instance=technique)
        assert form.is_valid(), form.errors
        assert form.to_data()["stations"] == [station(20)]

    def test_an_empty_field_clears_them(self, vocab):
        technique = TechniqueFactory(stations=[station(20)], regions=[vocab["region"]])
        data = form_data(
            vocab, name=technique.name, version=technique.updated_at.isoformat(), stations=""
        )
        form = TechniqueForm(data, instance=technique)
        assert form.is_valid(), form.errors
        assert form.to_data()["stations"] == []


# --- A library file ----------------------------------------------------------------------


@pytest.mark.django_db
class TestLibraryFile:
    def test_a_station_may_name_a_region_new_in_the_same_file(self):
        data = minimal(stations=[station(20, "calf"), station(40, "", "Rest.")])
        assert validate_library(data) == []
        load_library(data)
        assert Technique.objects.get().stations == data["techniques"][0]["stations"]

    def test_bad_stations_are_named_by_entry_station_and_field(self):
        data = minimal(stations=[station(20, "calf"), station(0, "shin", "")])
        assert validate_library(data) == [
            "techniques[0] (test-roll): field 'stations': Station 2, region: “shin” is not a "
            "body region.",
            "techniques[0] (test-roll): field 'stations': Station 2, instruction: say in a few "
            "words what to do there.",
            "techniques[0] (test-roll): field 'stations': Station 2, seconds: give whole "
            "seconds from 1 to 1800.",
        ]
        assert not Technique.objects.exists()

    def test_stations_that_are_not_a_list_of_objects_are_named(self):
        assert validate_library(minimal(stations="10 | calf | Roll.")) == [
            "techniques[0] (test-roll): field 'stations' must be a list of stations."
        ]

    def test_a_station_may_name_only_the_techniques_own_regions(self):
        data = minimal(stations=[station(20, "calf")])
        data["regions"].append(
            {"slug": "shin", "name": "Shin", "view": "front", "partner": None, "neighbours": []}
        )
        data["techniques"][0]["stations"].append(station(20, "shin"))
        assert validate_library(data) == [
            "techniques[0] (test-roll): field 'stations': Station 2, region: “shin” is not one "
            "of this technique's regions. Add it to the technique's regions, or choose one of "
            "them."
        ]

    def test_seconds_that_do_not_add_up_are_loaded_as_given(self):
        data = minimal(duration_seconds=60, stations=[station(10, "calf"), station(10, "calf")])
        load_library(data)
        assert [s["seconds"] for s in Technique.objects.get().stations] == [10, 10]


# --- Scaling to the step's time ------------------------------------------------------------


class TestScaling:
    def test_the_technique_s_own_time_keeps_its_seconds(self):
        assert scale_seconds([10, 60, 50, 40, 40, 40], 240) == [10, 60, 50, 40, 40, 40]

    def test_a_shorter_or_longer_step_scales_them_in_proportion(self):
        assert scale_seconds([10, 60, 50, 40, 40, 40], 120) == [5, 30, 25, 20, 20, 20]
        assert scale_seconds([10, 60, 50, 40, 40, 40], 480) == [20, 120, 100, 80, 80, 80]

    def test_seconds_that_do_not_add_up_to_the_step_are_scaled_to_it(self):
        assert scale_seconds([10, 10], 90) == [45, 45]
        assert scale_seconds([30, 30, 30], 60) == [20, 20, 20]

    def test_rounding_goes_to_the_largest_remainders_earlier_first(self):
        assert scale_seconds([1, 1, 1], 10) == [4, 3, 3]
        # 10 × 100/70 = 14.29, 20 × … = 28.57, 40 × … = 57.14: the 0.57 gets the second.
        assert scale_seconds([10, 20, 40], 100) == [14, 29, 57]

    def test_every_station_keeps_at_least_a_second(self):
        assert scale_seconds([1, 1000], 5) == [1, 4]
        assert scale_seconds([1, 1, 1000], 5) == [1, 1, 3]

    def test_more_stations_than_seconds_leaves_the_step_whole(self):
        assert scale_seconds([10] * 6, 5) == []
        assert scale_seconds([10] * 5, 5) == [1, 1, 1, 1, 1]
        assert scale_seconds([], 60) == []

    def test_the_seconds_always_add_up_exactly(self):
        rng = random.Random(13)
        for _ in range(2000):
            seconds = [rng.randint(1, 1800) for _ in range(rng.randint(1, 12))]
            total = rng.randint(len(seconds), 1800)
            scaled = scale_seconds(seconds, total)
            assert sum(scaled) == total, (seconds, total)
            assert min(scaled) >= 1, (seconds, total)
            assert len(scaled) == len(seconds)
            exact = [s * total / sum(seconds) for s in seconds]
            if min(exact) >= 1:  # no station needed a second from another: all within one
                assert all(abs(a - b) < 1 for a, b in zip(scaled, exact, strict=True))


# --- Frozen and played -------------------------------------------------------------------


@pytest.mark.django_db
class TestPlayed:
    @pytest.fixture
    def technique(self):
        regions = [
            RegionFactory(slug="top-of-shoulder", name="Top of the shoulder"),
            RegionFactory(slug="back-of-neck", name="Back of the neck"),
        ]
        return TechniqueFactory(
            name="Shoulder and neck at the wall",
            position="wall",
            per_side=True,
            duration_seconds=60,
            regions=regions,
            stations=[
                station(20, "top-of-shoulder", "Across the ridge."),
                station(30, "back-of-neck", "Lightly, up and down."),
                station(10, "", "Rest against the wall."),
            ],
        )

    def played(self, technique, seconds, side="each"):
        step = {
            "kind": "technique",
            "title": technique.name,
            "text": "",
            "duration_seconds": seconds,
            "side": side,
            "cues": [],
            "technique": technique_data(Technique.objects.with_lists().get(pk=technique.pk)),
        }
        return play_order({"sections": [{"title": "Main", "steps": [step]}]})

    def test_the_frozen_technique_keeps_its_stations_with_their_region_names(self, technique):
        assert technique_data(technique)["stations"] == [
            {
                "region": "top-of-shoulder",
                "region_name": "Top of the shoulder",
                "instruction": "Across the ridge.",
                "seconds": 20,
            },
            {
                "region": "back-of-neck",
                "region_name": "Back of the neck",
                "instruction": "Lightly, up and down.",
                "seconds": 30,
            },
            {
                "region": "",
                "region_name": "",
                "instruction": "Rest against the wall.",
                "seconds": 10,
            },
        ]

    def test_a_station_outside_the_technique_s_regions_still_gets_its_name(self, technique):
        RegionFactory(slug="upper-arm", name="Upper arm")
        technique.stations = [station(20, "upper-arm", "Outside of the shoulder.")]
        assert technique_data(technique)["stations"][0]["region_name"] == "Upper arm"

    def test_each_side_plays_the_stations_scaled_to_the_step_s_time_with_markers(self, technique):
        left, right = self.played(technique, 120)
        for step in (left, right):
            assert [s["seconds"] for s in step["stations"]] == [40, 60, 20]
            assert [s["region_name"] for s in step["stations"]] == [
                "Top of the shoulder",
                "Back of the neck",
                "",
            ]
            assert step["stations"][0]["instruction"] == "Across the ridge."
        first, second, rest = left["stations"]
        assert first["marker"].startswith("<svg") and second["marker"].startswith("<svg")
        # The ball moves to the station's place: a different picture, said in words too.
        assert first["marker"] != second["marker"]
        assert "top of the left shoulder" in first["marker"]
        assert "neck" in second["marker"]
        assert rest["marker"] == ""  # no place: the step's own picture stands
        assert left["stations"][0]["marker"] != right["stations"][0]["marker"]  # its side

    def test_a_step_too_short_for_its_stations_plays_whole(self, technique):
        (step,) = self.played(technique, 2, side="both")
        assert step["stations"] == []

    def test_a_step_without_stations_and_an_older_version_have_none(self, technique):
        technique.stations = []
        technique.save()
        assert all(step["stations"] == [] for step in self.played(technique, 60))
        older = {
            "sections": [
                {
                    "title": "Main",
                    "steps": [
                        {
                            "kind": "technique",
                            "title": "Old",
                            "duration_seconds": 60,
                            "side": "both",
                            "technique": {"name": "Old", "regions": []},
                        }
                    ],
                }
            ]
        }
        assert play_order(older)[0]["stations"] == []

"""Issue 18: a student's data export keeps its English keys in any language, and its values
are what was stored (a French student's download reads like an English one's, key for key)."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import translation

from students import services
from students.models import Student
from tests.factories import (
    PASSWORD,
    AssignmentFactory,
    HealthNoteFactory,
    PracticeLogFactory,
    StudentFactory,
)

KEYS = {
    "account": ["email", "joined", "name"],
    "roster": [
        "attendance",
        "email",
        "goals",
        "health_notes",
        "name",
        "phone",
        "routines",
        "teacher",
    ],
    "note": [
        "avoid_actions",
        "avoid_regions",
        "condition",
        "details",
        "suitability_condition",
        "until",
    ],
    "routine": ["frequency", "from", "message", "practice", "title", "until"],
    "log": ["date", "minutes", "note", "tension_after", "tension_before"],
}


def keys_of(data) -> dict:
    [entry] = data["rosters"]
    return {
        "top": sorted(data),
        "account": sorted(data["account"]),
        "roster": sorted(entry),
        "note": sorted(entry["health_notes"][0]),
        "routine": sorted(entry["routines"][0]),
        "log": sorted(entry["routines"][0]["practice"][0]),
    }


@pytest.fixture
def elodie(teacher):
    user = StudentFactory(name="Élodie Tremblay", language="fr", time_zone="America/Toronto")
    entry = Student.objects.create(
        teacher=teacher,
        name="Élodie Tremblay",
        email=user.email,
        account=user,
        goals="Mieux dormir.",
    )
    HealthNoteFactory(
        student=entry, condition="Entorse de la cheville", until=datetime.date(2026, 12, 1)
    )
    routine = AssignmentFactory(student=entry, title="Routine du soir", message="En douceur.")
    PracticeLogFactory(assignment=routine, note="Très bien")
    return user


@pytest.mark.django_db
class TestDataExport:
    def test_keys_and_values_are_the_same_in_french_and_in_english(self, elodie):
        with translation.override("en-gb"):
            english = services.data_export(user=elodie)
        with translation.override("fr"):
            in_french = services.data_export(user=elodie)

        assert keys_of(in_french) == keys_of(english) == {"top": ["account", "rosters"], **KEYS}
        assert in_french == english  # the values too: stored text and ISO dates, untranslated
        [entry] = in_french["rosters"]
        assert entry["goals"] == "Mieux dormir."
        assert entry["health_notes"][0]["condition"] == "Entorse de la cheville"
        assert entry["health_notes"][0]["until"] == "2026-12-01"
        assert entry["routines"][0]["frequency"] == "daily"  # the stored code, not a label

    def test_the_french_students_download_has_the_english_keys(self, client, elodie):
        client.force_login(elodie)
        response = client.post(
            reverse("students:data-export"), {"password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="fr"
        )
        assert response.status_code == 200
        assert response["Content-Language"] == "fr"  # her pages are in French…
        data = json.loads(response.content)
        assert keys_of(data) == {"top": ["account", "rosters"], **KEYS}  # …her keys are not
        assert data["rosters"][0]["routines"][0]["practice"][0]["note"] == "Très bien"

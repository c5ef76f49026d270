"""Issue 18: calendar feeds speak their owner's language. The feed's own words (the whole
calendar's name, "cancelled", "Plan: …, version …") are in the teacher's saved language,
whatever language the calendar app asks for; course titles, places and notes stay as typed.
Without a saved language, the app's, as pages do."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from classes.calendar import teacher_calendar_for
from classes.models import Session
from tests.factories import CourseFactory, PlanVersionFactory, TeacherFactory
from tests.test_i18n_mail_support import french

PLAN = "Plan: %(title)s, version %(number)s"
CANCELLED = "%(title)s — cancelled"
NAME = "Rollcall: %(name)s"


@pytest.fixture
def julie(db):
    return TeacherFactory(name="Julie Gagnon", language="fr", time_zone="America/Toronto")


def sessions_of(teacher):
    course = CourseFactory(
        teacher=teacher, title="Balles du mardi", location="Studio 2", time_zone="America/Toronto"
    )
    version = PlanVersionFactory(owner=teacher, number=2, title="Épaules et pieds")
    Session.objects.create(
        course=course, starts_at=datetime(2026, 12, 1, 23, tzinfo=UTC), plan_version=version
    )
    Session.objects.create(
        course=course, starts_at=datetime(2026, 12, 8, 23, tzinfo=UTC), cancelled=True
    )
    return course


def fetch(client, token, **headers):
    response = client.get(reverse("classes:calendar-feed", kwargs={"token": token}), **headers)
    assert response.status_code == 200
    return response, Calendar.from_ical(response.content)


def texts(calendar):
    return sorted((str(e["SUMMARY"]), str(e.get("DESCRIPTION", ""))) for e in calendar.events)


@pytest.mark.django_db
class TestFeedsInTheOwnersLanguage:
    def test_a_french_teachers_feed_is_in_french_whatever_the_app_asks(
        self, client, julie, monkeypatch
    ):
        fr = french(monkeypatch, PLAN, CANCELLED, NAME)
        sessions_of(julie)
        token = teacher_calendar_for(julie).token

        response, calendar = fetch(client, token, HTTP_ACCEPT_LANGUAGE="en-GB")

        assert response["Content-Language"] == "fr"
        assert str(calendar["X-WR-CALNAME"]) == fr[NAME] % {"name": "Julie Gagnon"}
        assert texts(calendar) == [
            ("Balles du mardi", fr[PLAN] % {"title": "Épaules et pieds", "number": 2}),
            (fr[CANCELLED] % {"title": "Balles du mardi"}, ""),
        ]

    def test_a_french_teachers_course_feed_is_in_french(self, client, julie, monkeypatch):
        fr = french(monkeypatch, PLAN, CANCELLED)
        course = sessions_of(julie)

        response, calendar = fetch(client, course.calendar_token)

        assert response["Content-Language"] == "fr"
        assert str(calendar["X-WR-CALNAME"]) == "Balles du mardi"  # as typed
        assert texts(calendar) == [
            ("Balles du mardi", fr[PLAN] % {"title": "Épaules et pieds", "number": 2}),
            (fr[CANCELLED] % {"title": "Balles du mardi"}, ""),
        ]

    def test_an_english_teachers_feed_stays_english_for_a_french_app(self, client, monkeypatch):
        french(monkeypatch, PLAN, CANCELLED, NAME)
        tess = TeacherFactory(name="Tess Teacher", language="en-gb")
        course = sessions_of(tess)

        response, calendar = fetch(client, course.calendar_token, HTTP_ACCEPT_LANGUAGE="fr")

        assert response["Content-Language"] == "en-gb"
        assert texts(calendar) == [
            ("Balles du mardi", "Plan: Épaules et pieds, version 2"),
            ("Balles du mardi — cancelled", ""),
        ]
        _response, whole = fetch(
            client, teacher_calendar_for(tess).token, HTTP_ACCEPT_LANGUAGE="fr"
        )
        assert str(whole["X-WR-CALNAME"]) == "Rollcall: Tess Teacher"

    def test_without_a_saved_language_the_apps_language_is_used(self, client, monkeypatch):
        fr = french(monkeypatch, CANCELLED)
        course = sessions_of(TeacherFactory(language=""))
        _response, in_french = fetch(client, course.calendar_token, HTTP_ACCEPT_LANGUAGE="fr")
        _response, in_english = fetch(client, course.calendar_token)
        assert fr[CANCELLED] % {"title": "Balles du mardi"} in dict(texts(in_french))
        assert "Balles du mardi — cancelled" in dict(texts(in_english))

    @pytest.mark.parametrize("saved", ["xx", "fr-XX-bogus!"])
    def test_an_unknown_saved_language_gives_english_without_an_error(self, client, saved):
        course = sessions_of(TeacherFactory(language=saved))
        response, calendar = fetch(client, course.calendar_token)
        assert response["Content-Language"] == "en-gb"
        assert "Balles du mardi — cancelled" in dict(texts(calendar))

    def test_the_course_feed_still_reads_two_queries(
        self, client, julie, django_assert_max_num_queries
    ):
        course = sessions_of(julie)
        with django_assert_max_num_queries(2):
            fetch(client, course.calendar_token)

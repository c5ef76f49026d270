"""Dates and times in the person's language and time zone (issue 15, part 7).

English (UK) is the default; a browser asking for US English gets US dates; French gets
French ones; no template writes a weekday-and-date order down. A signed-in person chooses
their language and time zone on the settings page, and that choice wins over the browser.
"""

import datetime
import re
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from accounts.dates import day_date_format, day_date_time_format
from accounts.models import User
from classes.forms import SessionForm
from tests.factories import CourseFactory, SessionFactory

UTC = datetime.UTC
NOW = datetime.datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
# Tuesday 1 December 2026, 18:30 in London (winter: London is UTC).
STARTS = datetime.datetime(2026, 12, 1, 18, 30, tzinfo=UTC)


@pytest.fixture
def session_page(client, teacher):
    course = CourseFactory(teacher=teacher, title="Evening flow", time_zone="Europe/London")
    session = SessionFactory(course=course, starts_at=STARTS)
    client.force_login(teacher)
    return reverse("classes:session-detail", kwargs={"pk": course.pk, "session_pk": session.pk})


@pytest.mark.parametrize(
    ("accept", "expected", "not_expected"),
    [
        (None, "Tuesday 1 December, 18:30", "p.m."),
        ("en", "Tuesday 1 December, 18:30", "p.m."),
        ("en-GB,en;q=0.8", "Tuesday 1 December, 18:30", "p.m."),
        ("en-US,en;q=0.8", "Tuesday, December 1, 6:30 p.m.", "1 December"),
        ("fr-CA,fr;q=0.8", "mardi 1 décembre, 18\u00a0h\u00a030", "Tuesday"),
    ],
)
def test_a_session_shows_in_the_browsers_language_order(
    client, session_page, accept, expected, not_expected
):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept} if accept else {}
    html = client.get(session_page, **headers).content.decode()
    assert expected in html
    heading = html[html.index("<h1") : html.index("</h1>")]
    assert not_expected not in heading


def test_the_course_list_uses_the_short_form(client, teacher):
    course = CourseFactory(teacher=teacher, title="Tuesdays", time_zone="Europe/London")
    SessionFactory(course=course, starts_at=STARTS)
    client.force_login(teacher)
    with time_machine.travel(NOW, tick=False):
        html = client.get(reverse("classes:course-list")).content.decode()
        us = client.get(reverse("classes:course-list"), HTTP_ACCEPT_LANGUAGE="en-US")
    assert "Tue 1 Dec, 18:30" in html
    assert "Tue, Dec 1, 6:30 p.m." in us.content.decode()


def test_the_filters_follow_each_language():
    cases = {
        "en-gb": ("Tuesday 1 December", "Tue 1 Dec, 18:30"),
        "en-us": ("Tuesday, December 1", "Tue, Dec 1, 6:30 p.m."),
        "fr": ("mardi 1 décembre", "mar 1 déc., 18\u00a0h\u00a030"),
    }
    naive = datetime.datetime(2026, 12, 1, 18, 30)
    for language, (long_date, short_date_time) in cases.items():
        with translation.override(language):
            assert day_date_format(naive.date()) == long_date, language
            assert day_date_time_format(naive, "short").replace(".", "") == short_date_time.replace(
                ".", ""
            ), language
    assert day_date_format(None) == "" and day_date_format("") == ""


@pytest.mark.parametrize("language", ["en-gb", "en-us", "fr"])
def test_date_inputs_keep_iso_values_whatever_the_language(language):
    """A native date picker takes 2026-12-01; under English (UK) Django would write 01/12/2026
    and the browser would show an empty field."""
    form = SessionForm(initial={"date": datetime.date(2026, 12, 1), "time": datetime.time(18, 30)})
    with translation.override(language):
        html = str(form["date"]) + str(form["time"])
    assert 'type="date"' in html and 'value="2026-12-01"' in html
    assert 'type="time"' in html and 'value="18:30"' in html


TEMPLATES = Path(settings.BASE_DIR) / "templates"
# A `date` filter with a literal format that orders a day and a month (or a weekday and a
# day) writes one language's order into the page; use day_date / day_date_time or a
# format name (SHORT_DATE_FORMAT, MONTH_DAY_FORMAT…) instead.
LITERAL_ORDER = re.compile(r"""\|date:["'](?=[^"']*[jdDl])(?=[^"']*[FMNnmbjdl ,])[^"']{2,}["']""")


def test_no_template_writes_a_date_order_down():
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        for match in LITERAL_ORDER.finditer(path.read_text()):
            literal = match.group(0)[7:-1]
            if literal in {"Y-m-d", "c", "D", "l"} or re.fullmatch(r"[A-Z_]+", literal):
                continue
            offenders.append(f"{path.relative_to(TEMPLATES)}: {match.group(0)}")
    assert offenders == []


class TestSettingsPage:
    url = "/accounts/settings/"

    def test_a_teacher_chooses_french_and_a_time_zone_and_it_wins_over_the_browser(
        self, client, teacher
    ):
        client.force_login(teacher)
        page = client.get(self.url)
        assert page.status_code == 200
        assert 'name="email_reminders"' not in page.content.decode()  # teachers get none
        response = client.post(
            self.url, {"name": "Tess", "language": "fr", "time_zone": "America/Toronto"}
        )
        assert response.status_code == 302
        assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
        teacher.refresh_from_db()
        assert (teacher.name, teacher.language, teacher.time_zone) == (
            "Tess",
            "fr",
            "America/Toronto",
        )
        client.cookies.pop(settings.LANGUAGE_COOKIE_NAME)
        again = client.get(self.url, HTTP_ACCEPT_LANGUAGE="en-US")
        assert again["Content-Language"] == "fr"
        assert "Paramètres" in again.content.decode() or 'lang="fr"' in again.content.decode()

    def test_times_show_in_the_chosen_zone(self, client, teacher):
        teacher.time_zone = "America/Toronto"
        teacher.save()
        client.force_login(teacher)
        with time_machine.travel(NOW, tick=False):
            html = client.get(self.url).content.decode()
        assert "Monday 30 November, 04:00" in html  # 09:00 UTC is 04:00 in Toronto

    def test_a_blank_choice_goes_back_to_the_browsers_language(self, client, teacher):
        teacher.language = "fr"
        teacher.save()
        client.force_login(teacher)
        response = client.post(self.url, {"name": "Tess", "language": "", "time_zone": ""})
        assert response.status_code == 302
        assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == ""  # deleted
        assert client.get(self.url, HTTP_ACCEPT_LANGUAGE="en-US")["Content-Language"] == "en-us"

    @pytest.mark.parametrize(
        "data",
        [
            {"language": "de"},
            {"language": "fr\x00"},
            {"time_zone": "Mars/Olympus_Mons"},
            {"time_zone": "../../etc/passwd"},
            {"time_zone": "x" * 10_000},
            {"name": "x" * 10_000},
        ],
    )
    def test_bad_values_are_refused_beside_the_field_and_nothing_changes(
        self, client, teacher, data
    ):
        client.force_login(teacher)
        before = User.objects.values().get(pk=teacher.pk)
        response = client.post(self.url, {"name": "Tess", **data})
        assert response.status_code == 422
        assert "invalid-feedback" in response.content.decode()
        assert User.objects.values().get(pk=teacher.pk) == before

    def test_a_student_can_turn_reminders_off(self, client, student):
        client.force_login(student)
        assert 'name="email_reminders"' in client.get(self.url).content.decode()
        client.post(self.url, {"name": "Sam", "language": "", "time_zone": ""})
        student.refresh_from_db()
        assert student.email_reminders is False

    def test_the_menu_links_to_it(self, client, teacher):
        client.force_login(teacher)
        assert f'href="{self.url}"' in client.get(reverse("classes:course-list")).content.decode()

    def test_signed_out_visitors_are_sent_to_sign_in(self, client):
        response = client.get(self.url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


PYTHON_LITERAL_ORDER = re.compile(
    r"""(?:dateformat\.format|date_format|day_labels)\([^()]*?,?\s*["']([^"']*)["']\)"""
)


def test_no_view_writes_a_date_order_down():
    """The same rule in Python: rows built in views format with a format name or the
    language's own (accounts.dates.local_format), never a literal like 'D j M Y'."""
    offenders = []
    for app in ("accounts", "classes", "routines", "students", "config"):
        for path in (Path(settings.BASE_DIR) / app).rglob("*.py"):
            for literal in PYTHON_LITERAL_ORDER.findall(path.read_text()):
                if re.fullmatch(r"[A-Z_]+|Y-m-d|c|D|l", literal):
                    continue
                if re.search(r"[jdDlFMNnmb]", literal):
                    offenders.append(f"{path.name}: {literal!r}")
    assert offenders == []


def test_the_course_pages_sessions_follow_the_browsers_language(client, teacher):
    course = CourseFactory(teacher=teacher, title="Evening flow", time_zone="Europe/London")
    SessionFactory(course=course, starts_at=STARTS)
    client.force_login(teacher)
    url = reverse("classes:course-detail", kwargs={"pk": course.pk})
    with time_machine.travel(NOW, tick=False):
        british = client.get(url).content.decode()
        american = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert "Tue 1 Dec 2026, 18:30" in british
    assert "Tue, Dec 1, 2026, 6:30 p.m." in american

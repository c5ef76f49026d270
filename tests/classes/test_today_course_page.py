"""A course page shows its upcoming sessions first, soonest first, and folds the past ones
away, most recent first and paged; every calendar feed offered has a webcal:// Subscribe
link, a Copy address button and how to subscribe (issue 15)."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from classes.calendar import teacher_calendar_for
from classes.calendar_views import webcal_address
from classes.course_views import PAGE_SIZE
from tests.factories import CourseFactory, SessionFactory

NOW = datetime.datetime(2026, 11, 30, 12, 0, tzinfo=datetime.UTC)


def element(html: str, marker: str, tag: str) -> str:
    """The element of `tag` that opens with `marker` in it, up to its closing tag."""
    start = html.rindex(f"<{tag}", 0, html.index(marker))
    return html[start : html.index(f"</{tag}>", start) + len(tag) + 3]


def linked_sessions(fragment: str) -> list[int]:
    """The session ids linked in a fragment, in order."""
    return [int(pk) for pk in re.findall(r'href="/courses/\d+/sessions/(\d+)/"', fragment)]


@pytest.fixture
def traveller():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.mark.django_db
class TestSessionsOnTheCoursePage:
    def test_upcoming_first_soonest_first_and_the_past_folded_most_recent_first(
        self, client, teacher, traveller
    ):
        course = CourseFactory(teacher=teacher)
        hours = [-72, 48, -24, 24 * 7, -2, 1]
        sessions = {
            h: SessionFactory(course=course, starts_at=NOW + datetime.timedelta(hours=h))
            for h in hours
        }
        # Under way (started 30 minutes ago, an hour long): still upcoming, not past.
        running = SessionFactory(course=course, starts_at=NOW - datetime.timedelta(minutes=30))
        client.force_login(teacher)

        html = client.get(course.get_absolute_url()).content.decode()

        assert '<h2 class="h5" id="sessions-heading">7 sessions</h2>' in html
        upcoming = element(html, 'id="upcoming-sessions"', "ul")
        assert linked_sessions(upcoming) == [
            running.pk,
            sessions[1].pk,
            sessions[48].pk,
            sessions[24 * 7].pk,
        ]
        assert "text-body-secondary" not in upcoming
        past = element(html, 'id="past-sessions"', "details")
        assert past.startswith('<details class="mb-3 past-sessions" id="past-sessions">')
        assert "<summary>3 past sessions</summary>" in past
        assert linked_sessions(past) == [sessions[-2].pk, sessions[-24].pk, sessions[-72].pk]
        # Upcoming comes before the past in the page.
        assert html.index('id="upcoming-sessions"') < html.index('id="past-sessions"')

    def test_no_past_no_fold(self, client, teacher, traveller):
        course = CourseFactory(teacher=teacher)
        SessionFactory(course=course, starts_at=NOW + datetime.timedelta(days=1))
        client.force_login(teacher)

        html = client.get(course.get_absolute_url()).content.decode()

        assert 'id="past-sessions"' not in html

    def test_only_past_sessions_says_none_upcoming(self, client, teacher, traveller):
        course = CourseFactory(teacher=teacher)
        SessionFactory(course=course, starts_at=NOW - datetime.timedelta(days=1))
        client.force_login(teacher)

        html = client.get(course.get_absolute_url()).content.decode()

        assert "No upcoming session" in element(html, 'id="upcoming-sessions"', "ul")
        assert "<summary>1 past session</summary>" in html

    def test_past_sessions_page_and_the_page_opens_the_fold(self, client, teacher, traveller):
        course = CourseFactory(teacher=teacher)
        past = [
            SessionFactory(course=course, starts_at=NOW - datetime.timedelta(days=day))
            for day in range(1, PAGE_SIZE + 6)
        ]
        client.force_login(teacher)
        url = course.get_absolute_url()

        first = client.get(url).content.decode()

        fold = element(first, 'id="past-sessions"', "details")
        assert fold.startswith('<details class="mb-3 past-sessions" id="past-sessions">')
        assert linked_sessions(fold) == [s.pk for s in past[:PAGE_SIZE]]
        assert f"{PAGE_SIZE + 5} past sessions" in fold and "Page 1 of 2" in fold
        assert f'href="{url}?past=2#past-sessions"' in fold
        assert 'aria-label="Past sessions"' in fold

        second = client.get(url, {"past": 2}).content.decode()

        fold = element(second, 'id="past-sessions"', "details")
        assert fold.startswith('<details class="mb-3 past-sessions" id="past-sessions" open>')
        assert linked_sessions(fold) == [s.pk for s in past[PAGE_SIZE:]]
        assert f'href="{url}?past=1#past-sessions"' in fold

    def test_a_bad_page_of_past_sessions_shows_a_page(self, client, teacher, traveller):
        course = CourseFactory(teacher=teacher)
        session = SessionFactory(course=course, starts_at=NOW - datetime.timedelta(days=1))
        client.force_login(teacher)

        for page in ["x", "-1", "999"]:
            response = client.get(course.get_absolute_url(), {"past": page})
            assert response.status_code == 200
            fold = element(response.content.decode(), 'id="past-sessions"', "details")
            assert linked_sessions(fold) == [session.pk]

    @pytest.mark.parametrize("past", [2, PAGE_SIZE * 2 + 10])
    def test_queries_do_not_grow_with_the_sessions(
        self, client, teacher, traveller, django_assert_max_num_queries, past
    ):
        course = CourseFactory(teacher=teacher)
        for day in range(1, past + 1):
            SessionFactory(course=course, starts_at=NOW - datetime.timedelta(days=day))
            SessionFactory(course=course, starts_at=NOW + datetime.timedelta(days=day))
        client.force_login(teacher)
        client.get(course.get_absolute_url())  # the forms to add sessions, cached
        with django_assert_max_num_queries(10):
            response = client.get(course.get_absolute_url(), {"past": 2})
        fold = element(response.content.decode(), 'id="past-sessions"', "details")
        assert len(linked_sessions(fold)) == min(PAGE_SIZE, max(past - PAGE_SIZE, 2))


def subscribe_block(html: str, feed_id: str) -> str:
    start = html.index(f'id="{feed_id}-subscribe"')
    return html[html.rindex('<div class="subscribe">', 0, start) : html.index("</details>", start)]


@pytest.mark.django_db
class TestCalendarSubscription:
    def test_the_course_page_offers_a_webcal_link_a_copy_button_and_how_to(self, client, teacher):
        course = CourseFactory(teacher=teacher)
        client.force_login(teacher)

        html = client.get(course.get_absolute_url()).content.decode()

        block = subscribe_block(html, "course-feed")
        path = reverse("classes:calendar-feed", args=[course.calendar_token])
        assert f'href="webcal://testserver{path}"' in block
        assert f'value="http://testserver{path}"' in block and "readonly" in block
        # The button appears with JavaScript; without it, the field is there to select.
        assert re.search(r'<button type="button"[^>]*data-copy="course-feed"[^>]*hidden>', block)
        assert ">Copy address</button>" in block
        assert "<summary>How to subscribe</summary>" in block
        for app in ["Google Calendar", "Apple Calendar", "Outlook"]:
            assert f"<dt>{app}" in block
        assert '<script src="/static/js/copy.js" defer></script>' in html
        assert "<script>" not in html  # the CSP allows no inline script

    def test_over_https_the_link_is_still_webcal(self, client, teacher):
        course = CourseFactory(teacher=teacher)
        client.force_login(teacher)

        html = client.get(course.get_absolute_url(), secure=True).content.decode()

        path = reverse("classes:calendar-feed", args=[course.calendar_token])
        assert f'href="webcal://testserver{path}"' in subscribe_block(html, "course-feed")

    def test_the_link_follows_a_new_address(self, client, teacher):
        course = CourseFactory(teacher=teacher)
        client.force_login(teacher)
        old = course.calendar_token

        client.post(reverse("classes:course-calendar-regenerate", args=[course.pk]))
        course.refresh_from_db()
        html = client.get(course.get_absolute_url()).content.decode()

        block = subscribe_block(html, "course-feed")
        assert (
            old not in block
            and f"webcal://testserver/calendar/{course.calendar_token}.ics" in block
        )

    def test_the_course_list_offers_the_teachers_whole_calendar(self, client, teacher):
        client.force_login(teacher)

        html = client.get(reverse("classes:course-list")).content.decode()

        token = teacher_calendar_for(teacher).token
        block = subscribe_block(html, "teacher-feed")
        assert f'href="webcal://testserver/calendar/{token}.ics"' in block
        assert 'data-copy="teacher-feed"' in block and "How to subscribe" in block
        # And the link it offers is a working feed.
        client.logout()
        response = client.get(f"/calendar/{token}.ics")
        assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://rollcall.example/calendar/abc.ics", "webcal://rollcall.example/calendar/abc.ics"),
        ("http://127.0.0.1:8000/calendar/abc.ics", "webcal://127.0.0.1:8000/calendar/abc.ics"),
        ("https://h.example/calendar/abc.ics?x=1#top", "webcal://h.example/calendar/abc.ics?x=1"),
    ],
)
def test_webcal_address(url, expected):
    assert webcal_address(url) == expected

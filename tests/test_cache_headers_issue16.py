"""Issue 16, item 8: no caching of signed-in pages.

The check over the whole URLconf is in tests/test_access_matrix.py: every GET of every
named URL by each signed-in visitor, in the matrix's world (where the health note asks to
avoid what the plan works), must be `Cache-Control: private, no-cache` or stricter, and
`no-store` wherever it shows health data (`assert_not_cached`). This module shows that the
check can see health data, that the header comes from the middleware rather than from each
view, and that static files stay cacheable.
"""

from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.test_access_matrix import cache_directives, health_data_shown, world  # noqa: F401


def test_the_health_markers_are_found_where_health_data_is_shown(db, client, world):  # noqa: F811
    """The matrix's check sees health data: the session page carries the health-note badge,
    the builder a finding (else a page showing health data could pass unseen)."""
    client.force_login(world["teacher"])
    session_url = reverse(
        "classes:session-detail",
        kwargs={"pk": world["course"].pk, "session_pk": world["session"].pk},
    )
    assert "the health-note badge" in health_data_shown(
        client.get(session_url).content.decode(), world
    )
    builder = client.get(reverse("classes:plan-builder", kwargs={"pk": world["plan"].pk}))
    found = health_data_shown(builder.content.decode(), world)
    assert any(item.startswith("avoid") for item in found), found
    assert "no-store" in cache_directives(builder)


def test_a_page_without_a_cache_header_of_its_own_gets_private_no_cache(db, client, world):  # noqa: F811
    """The course list sets nothing itself: signed in, it is private, no-cache; the library,
    signed out, is left to its own headers."""
    client.force_login(world["teacher"])
    assert cache_directives(client.get(reverse("classes:course-list"))) == {"private", "no-cache"}
    client.logout()
    assert "private" not in cache_directives(client.get(reverse("routines:library")))


def test_a_stricter_header_of_the_view_is_kept(db, client, world):  # noqa: F811
    """A student's own health notes page is no-store: the middleware leaves it as it is."""
    client.force_login(world["student"])
    response = client.get(reverse("students:my-health"))
    assert "no-store" in cache_directives(response)


def test_static_files_stay_cacheable_for_signed_in_users(
    db,
    client,
    world,  # noqa: F811
    settings,
):
    # WhiteNoise serves from the static folders themselves, as in development: a fresh clone
    # has no collected files. (It reads the setting when the client's middleware is loaded.)
    settings.WHITENOISE_USE_FINDERS = True
    client.force_login(world["teacher"])
    assert finders.find("css/app.css"), "a static file to ask for"
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    found = cache_directives(response)
    assert not found & {"no-cache", "no-store", "private"}, response.get("Cache-Control")

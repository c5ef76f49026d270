import os
import tempfile

import pytest
from django.core.management import call_command

from tests import factories

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make beside it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On SQLite, test in a file rather than in memory: the live server answers requests
    in threads, and a shared in-memory database fails with "table is locked" where a
    file waits for the lock."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        database.setdefault("TEST", {})["NAME"] = os.path.join(
            tempfile.gettempdir(), f"rollcall-test-{os.getpid()}.sqlite3"
        )


@pytest.fixture(autouse=True)
def _fast_tests(settings, tmp_path):
    # Argon2 is deliberately slow; tests do not need it (one test checks the real setting).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language. A request activates its reader's
    language on the thread and nothing resets it afterwards (production activates one per
    request anyway): without this, a French page in one test would leave the next test's
    direct calls in French."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with empty caches. The database is rolled back between tests, which
    production never does, so a key made in one test could name different data in the next.
    Within a test nothing is cleared: invalidation tests see the real keys change."""
    from django.core.cache import cache

    from routines import caching

    cache.clear()
    caching._MEMO.clear()
    yield


@pytest.fixture
def teacher(db):
    return factories.TeacherFactory(email="teacher@example.test", name="Tess Teacher")


@pytest.fixture
def other_teacher(db):
    return factories.TeacherFactory(email="teacher2@example.test", name="Theo Other")


@pytest.fixture
def student(db):
    return factories.StudentFactory(email="student@example.test", name="Sam Student")


@pytest.fixture
def other_student(db):
    return factories.StudentFactory(email="student2@example.test", name="Sasha Other")


@pytest.fixture
def curator(db):
    return factories.CuratorFactory(email="curator@example.test", name="Cora Curator")


@pytest.fixture
def login(client):
    """login(user) signs the test client in as that user and returns the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


# The starter library's rows as `load_library` wrote them, per test process and database,
# so that later tests restore them in a few bulk inserts instead of loading the file again
# (about a second each on PostgreSQL, in some 80 tests).
_STARTER_ROWS: dict[str, list] = {}


def _library_models():
    from routines.models import (
        Action,
        Equipment,
        LibraryState,
        Progression,
        Region,
        SearchSynonym,
        Technique,
        TechniqueRevision,
    )

    # In an order that inserts what is referred to first.
    return [
        LibraryState,
        Region,
        Region.neighbours.through,
        Equipment,
        Action,
        Progression,
        SearchSynonym,
        Technique,
        Technique.regions.through,
        Technique.actions.through,
        Technique.equipment.through,
        TechniqueRevision,
    ]


@pytest.fixture
def starter_library(db):
    """The real starter library, loaded as `make run` loads it: the first time in each test
    process through `load_library` (which tests/routines/test_exchange.py checks gives back
    the file), then by restoring the rows that load wrote."""
    from django.core.management.color import no_style
    from django.db import connection

    models = _library_models()
    rows = _STARTER_ROWS.get(connection.vendor)
    if rows is None or any(model.objects.exists() for model in models[1:2]):
        call_command("load_library", verbosity=0)
        _STARTER_ROWS[connection.vendor] = [list(model.objects.all()) for model in models]
        return
    for model, objects in zip(models, rows, strict=True):
        model.objects.bulk_create(objects)
    # Rows were inserted with their ids: the next ids come after them.
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def pytest_terminal_summary(terminalreporter):
    """Figures that tests record with `record_property("search_quality", …)`, printed at
    the end of the run (they come back from xdist workers with the test reports)."""
    lines = [
        value
        for report in terminalreporter.stats.get("passed", [])
        + terminalreporter.stats.get("failed", [])
        if report.when == "call"
        for name, value in getattr(report, "user_properties", [])
        if name == "search_quality"
    ]
    if lines:
        terminalreporter.write_sep("-", "search quality")
        for line in lines:
            terminalreporter.write_line(line)

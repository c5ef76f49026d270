"""Issue 18: Rollcall in French. The catalogue, choosing the language, the library's
translations (storage, fallback, frozen copies, exchange) and printed plans in the plan's
language. Emails and calendars: tests/test_i18n_mail_*.py; the JavaScript catalogue:
tests/test_i18n_js_*.py; curation: tests/test_i18n_curation_*.py; in a browser:
tests/browser/test_i18n_french.py."""

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from pypdf import PdfReader

from classes import services
from routines import translations
from routines.models import Technique
from routines.search import search_library
from routines.snapshots import localize_snapshot, routine_snapshot
from tests.factories import StudentFactory, TeacherFactory, TechniqueFactory, make_plan

ROOT = Path(settings.BASE_DIR)
PO = ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po"
FRENCH = {
    "name": "Roulement du haut du dos sur la balle",
    "summary": "Allongé sur le dos, roulez lentement le haut du dos sur la balle.",
    "instructions": ["Placez la balle.", "Penchez-vous.", "Respirez."],
    "cues": ["Ralentissez.", "Respirez dedans."],
    "mistakes": ["Aller trop vite."],
    "tissues": ["trapèze supérieur"],
}


def msgfmt(*args) -> subprocess.CompletedProcess:
    assert shutil.which("msgfmt"), "gettext's msgfmt is missing: scripts/ensure_system_packages.sh"
    return subprocess.run(["msgfmt", *args], capture_output=True, text=True)


# ---------------------------------------------------------------------------- the catalogue


def test_every_french_string_is_translated_and_none_is_fuzzy():
    result = msgfmt("--check", "--statistics", "-o", os.devnull, str(PO))
    assert result.returncode == 0, result.stderr
    stats = result.stderr.strip().splitlines()[-1]
    assert re.fullmatch(r"\d+ translated messages\.", stats), stats
    assert int(stats.split()[0]) > 1500
    assert "#, fuzzy" not in PO.read_text().split('msgstr ""', 1)[1]


def test_a_broken_placeholder_fails_the_check(tmp_path):
    """msgfmt --check (run by `make install` and the test above) refuses a translation
    whose %(name)s does not match the English, so CI fails rather than a page."""
    bad = tmp_path / "bad.po"
    bad.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, python-format\nmsgid "Hello %(name)s"\nmsgstr "Bonjour %(nom)s"\n'
    )
    assert msgfmt("--check", "-o", os.devnull, str(bad)).returncode != 0


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_makemessages_would_add_nothing_the_catalogue_lacks(tmp_path, domain):
    """Extract the strings afresh from a copy of the sources (symlinked) into a copy of the
    catalogue: every message it holds afterwards is translated, so no marked string is
    missing from locale/fr."""
    source = ROOT / "locale" / "fr" / "LC_MESSAGES" / f"{domain}.po"
    assert source.exists(), source
    for name in ("accounts", "classes", "config", "routines", "students", "templates", "static"):
        (tmp_path / name).symlink_to(ROOT / name)
    (tmp_path / "locale" / "fr" / "LC_MESSAGES").mkdir(parents=True)
    copy = tmp_path / "locale" / "fr" / "LC_MESSAGES" / f"{domain}.po"
    shutil.copy(source, copy)
    ignore = ["static/vendor/*", "staticfiles/*", "*/tests/*"]
    command = [sys.executable, str(ROOT / "manage.py"), "makemessages", "-l", "fr", "-d", domain]
    command += ["--symlinks", "--no-obsolete", *(f"--ignore={i}" for i in ignore)]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DJANGO_SETTINGS_MODULE": "config.settings"}
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    stats = msgfmt("--statistics", "-o", os.devnull, str(copy)).stderr
    assert "untranslated" not in stats and "fuzzy" not in stats, stats


# ---------------------------------------------------------------------------- choosing it


@pytest.mark.django_db
def test_a_new_visitor_gets_their_browsers_language(client):
    html = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="fr-CA,fr;q=0.9").content.decode()
    assert '<html lang="fr">' in html
    assert "Se connecter" in html
    english = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="de-DE").content.decode()
    assert '<html lang="en-gb">' in english


@pytest.mark.django_db
def test_the_language_menu_is_on_every_page_for_everyone(client):
    html = client.get(reverse("login")).content.decode()
    assert f'action="{reverse("set_language")}"' in html
    assert 'name="language" value="fr" lang="fr"' in html
    client.force_login(TeacherFactory())
    assert 'name="language" value="fr"' in client.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_choosing_french_keeps_the_url_and_sets_the_cookie(client):
    response = client.post(reverse("set_language"), {"language": "fr", "next": "/library/"})
    assert response.status_code == 302 and response["Location"] == "/library/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    html = client.get("/library/").content.decode()
    assert '<html lang="fr">' in html and "Bibliothèque de techniques" in html


@pytest.mark.django_db
def test_a_signed_in_choice_is_saved_on_the_account_and_wins_at_sign_in(client):
    teacher = TeacherFactory(language="")
    client.force_login(teacher)
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    teacher.refresh_from_db()
    assert teacher.language == "fr"
    # Another device, whose browser asks for English: the account's choice wins.
    other = type(client)()
    other.force_login(teacher)
    html = other.get("/", HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    assert '<html lang="fr">' in html


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["xx", "", "fr\x00", "../../etc", "e" * 5000])
def test_an_unknown_language_changes_nothing_and_never_errs(client, code):
    teacher = TeacherFactory(language="en-gb")
    client.force_login(teacher)
    response = client.post(reverse("set_language"), {"language": code, "next": "/"})
    assert response.status_code == 302
    teacher.refresh_from_db()
    assert teacher.language == "en-gb"


@pytest.mark.django_db
def test_an_unknown_saved_preference_falls_back_to_english(client):
    teacher = TeacherFactory()
    type(teacher).objects.filter(pk=teacher.pk).update(language="xx")
    client.force_login(teacher)
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="en-gb">' in response.content.decode()


def test_set_language_only_answers_post(client):
    assert client.get(reverse("set_language")).status_code == 405


# ---------------------------------------------------------------------------- the library


def test_the_language_helpers_fall_back_field_by_field():
    technique = {
        "name": "Upper back roll",
        "summary": "Roll the upper back.",
        "instructions": ["One.", "Two."],
        "translations": {"fr": {"name": "Roulement du haut du dos", "instructions": ["Un."]}},
    }
    assert translations.text(technique, "name", "fr") == "Roulement du haut du dos"
    assert translations.text(technique, "name", "fr-ca") == "Roulement du haut du dos"
    assert translations.text(technique, "summary", "fr") == "Roll the upper back."
    # A shorter list would drop a step: English instead, whole.
    assert translations.text(technique, "instructions", "fr") == ["One.", "Two."]
    assert translations.text(technique, "name", "en-us") == "Upper back roll"
    assert translations.text(technique, "name", "de") == "Upper back roll"
    assert translations.missing(technique, "fr") == ["summary", "instructions"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("text", "object of languages"),
        ({"de": {"name": "x"}}, "Unknown translation language"),
        ({"fr": {"colour": "x"}}, "unknown field"),
        ({"fr": {"name": "x" * 161}}, "at most 160"),
        ({"fr": {"cues": "not a list"}}, "list of texts"),
        ({"fr": {"cues": [1, 2]}}, "list of texts"),
    ],
)
def test_a_malformed_translation_is_refused_by_the_model(value, problem):
    technique = TechniqueFactory()
    technique.translations = value
    with pytest.raises(Exception) as error:
        technique.full_clean()
    assert problem in str(error.value)


@pytest.mark.django_db
def test_a_partly_translated_technique_shows_english_for_the_rest_never_an_empty_box(client):
    technique = TechniqueFactory(translations={"fr": {"name": FRENCH["name"]}})
    html = client.get(technique.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert FRENCH["name"] in html
    assert technique.summary in html
    for step in technique.instructions:
        assert step in html
    english = client.get(technique.get_absolute_url()).content.decode()
    assert technique.name in english and FRENCH["name"] not in english


@pytest.mark.django_db
def test_curators_see_a_quiet_mark_where_english_stands_in(client):
    from tests.factories import CuratorFactory

    technique = TechniqueFactory(translations={"fr": {"name": FRENCH["name"]}})
    client.force_login(CuratorFactory(language="fr"))
    html = client.get(technique.get_absolute_url()).content.decode()
    assert "untranslated-note" in html
    client.force_login(TeacherFactory(language="fr"))
    assert "untranslated-note" not in client.get(technique.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_the_library_and_its_filters_speak_french(client, starter_library):
    html = client.get("/library/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Plante du pied" in html  # a region's French name in the filters
    technique = Technique.objects.get(slug="calf-roll-foam-roller")
    assert technique.translations["fr"]["name"] in html or "Mollet" in html
    # A technique's page: its progression's French name too.
    on_a_ladder = Technique.objects.filter(progression__isnull=False).first()
    page = client.get(on_a_ladder.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert escape(on_a_ladder.progression.translations["fr"]["name"]) in page


@pytest.mark.django_db
def test_a_french_word_found_only_in_the_translation_finds_the_technique():
    technique = TechniqueFactory(
        translations={"fr": {**FRENCH, "summary": "Une caresse circulaire très particulière."}}
    )
    TechniqueFactory()
    for q in ("caresse", "caresses circulaires", "particulières"):
        results = search_library(q)
        assert results is not None and technique.pk in results.pks, q


# ---------------------------------------------------------------------------- what is printed


@pytest.fixture
def french_plan(db):
    teacher = TeacherFactory(language="en-gb")
    technique = TechniqueFactory(name="Upper back roll", translations={"fr": FRENCH})
    plan = make_plan(teacher, title="Mardi soir", techniques=[technique], language="fr")
    version = services.plan_publish(plan=plan, expected_version=plan.lock_version)
    return teacher, plan, version, technique


def test_a_frozen_copy_keeps_english_and_its_translations(french_plan):
    _teacher, _plan, version, _technique = french_plan
    step = version.snapshot["sections"][2]["steps"][0]
    assert step["technique"]["name"] == "Upper back roll"
    assert step["technique"]["translations"]["fr"]["name"] == FRENCH["name"]
    assert "tissues" not in step["technique"]["translations"]["fr"]  # not shown when frozen
    french = localize_snapshot(version.snapshot, "fr")
    assert localize_snapshot(french, "fr") is french  # not done twice on one page
    local = french["sections"][2]["steps"][0]
    assert local["title"] == FRENCH["name"]
    assert local["technique"]["instructions"] == FRENCH["instructions"]
    assert local["cues"] == FRENCH["cues"]
    assert local["side_display"] != step["side_display"] or step["side"] == ""
    # The frozen data itself is untouched, and English readers get it as frozen.
    assert version.snapshot["sections"][2]["steps"][0]["title"] == "Upper back roll"
    assert localize_snapshot(version.snapshot, "en-us") is version.snapshot


def test_a_snapshot_frozen_while_speaking_french_is_still_english_underneath(french_plan):
    _teacher, plan, _version, _technique = french_plan
    with translation.override("fr"):
        snapshot = routine_snapshot(plan.routine)
    step = snapshot["sections"][2]["steps"][0]
    assert step["title"] == "Upper back roll"
    assert step["kind_display"] == "Technique"


def test_an_older_frozen_copy_without_translations_reads_in_english(french_plan):
    _teacher, _plan, version, _technique = french_plan
    snapshot = version.snapshot
    for section in snapshot["sections"]:
        for step in section["steps"]:
            if step["technique"]:
                step["technique"].pop("translations")
    local = localize_snapshot(snapshot, "fr")["sections"][2]["steps"][0]
    assert local["title"] == "Upper back roll"
    assert local["technique"]["untranslated"]  # every field stands in English


def test_the_print_page_is_in_the_plans_language_whoever_reads_it(client, french_plan):
    teacher, plan, _version, _technique = french_plan
    client.force_login(teacher)  # an English-speaking teacher printing a French plan
    html = client.get(reverse("classes:plan-print", args=[plan.pk])).content.decode()
    assert '<html lang="fr"' in html
    assert FRENCH["cues"][0] in html and FRENCH["name"] in html
    # The rest of the site stays in the teacher's language.
    assert '<html lang="en-gb">' in client.get("/").content.decode()


def test_the_share_page_is_in_the_plans_language(client, french_plan):
    _teacher, plan, _version, _technique = french_plan
    plan.share_token = "t" * 32
    plan.save(update_fields=["share_token"])
    html = client.get(reverse("classes:share", args=[plan.share_token])).content.decode()
    assert '<html lang="fr"' in html and FRENCH["name"] in html
    plan.language = ""
    plan.save(update_fields=["language"])
    english = client.get(reverse("classes:share", args=[plan.share_token])).content.decode()
    assert FRENCH["name"] not in english and "Upper back roll" in english
    french = client.get(
        reverse("classes:share", args=[plan.share_token]), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert FRENCH["name"] in french  # no language of its own: each reader's


IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_the_pdf_is_in_the_plans_language(client, french_plan):
    teacher, plan, _version, _technique = french_plan
    client.force_login(teacher)
    response = client.get(reverse("classes:plan-pdf", args=[plan.pk]))
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    text = " ".join(text.split())
    assert "Ralentissez." in text
    assert "Roulement du haut du dos" in text


def test_changing_the_plans_language_makes_its_pdf_again(client, french_plan):
    teacher, plan, version, _technique = french_plan
    client.force_login(teacher)
    client.get(reverse("classes:plan-pdf", args=[plan.pk]))
    version.refresh_from_db()
    assert version.pdf
    data = {
        "title": plan.title,
        "level": plan.level,
        "purpose": plan.purpose,
        "target_minutes": plan.target_minutes,
        "transition_seconds": 15,
        "language": "en-gb",
        "version": plan.lock_version,
    }
    response = client.post(reverse("classes:plan-edit", args=[plan.pk]), data)
    assert response.status_code in (200, 302), response.content[:500]
    version.refresh_from_db()
    plan.refresh_from_db()
    assert plan.language == "en-gb" and not version.pdf


@pytest.mark.django_db
def test_a_new_plan_prints_in_its_teachers_language_by_default(client):
    teacher = TeacherFactory(language="fr")
    client.force_login(teacher)
    html = client.get(reverse("classes:plan-create")).content.decode()
    assert re.search(r'<option value="fr"[^>]*selected', html)


@pytest.mark.django_db
def test_the_students_player_is_in_the_students_language(client):
    from tests.factories import AssignmentFactory

    student = StudentFactory(language="fr")
    technique = TechniqueFactory(name="Upper back roll", translations={"fr": FRENCH})
    plan = make_plan(TeacherFactory(), techniques=[technique])
    version = services.plan_publish(plan=plan, expected_version=plan.lock_version)
    assignment = AssignmentFactory(student__account=student, snapshot=version.snapshot)
    client.force_login(student)
    url = reverse("students:routine-play", args=[assignment.pk])
    html = client.get(url).content.decode()
    assert FRENCH["name"] in html and "Upper back roll" not in html


# ---------------------------------------------------------------------------- the audit log


@pytest.mark.django_db
def test_the_audit_log_stores_rollcalls_words_in_english_and_shows_them_in_the_readers():
    from students import services as student_services
    from students.models import AuditEntry
    from tests.factories import RosterStudentFactory

    teacher = TeacherFactory(language="fr")
    entry = RosterStudentFactory(teacher=teacher)
    with translation.override("fr"):  # a French-speaking teacher records consent
        student_services.consent_record(student=entry, recorded_by=teacher, method="written")
        student_services.consent_withdraw(student=entry, actor=teacher)
    stored = list(AuditEntry.objects.filter(student=entry).values_list("detail", flat=True))
    assert set(stored) == {"Signed a written form", "Health notes deleted."}
    for audit in AuditEntry.objects.filter(student=entry):
        with translation.override("en-gb"):
            assert audit.shown_detail == audit.detail
        with translation.override("fr"):
            assert audit.shown_detail != audit.detail  # translated for a French reader
    typed = AuditEntry(detail="Back")  # what a teacher typed is never translated
    with translation.override("fr"):
        assert typed.shown_detail == "Back"


@pytest.mark.django_db
def test_the_checks_and_body_maps_name_the_library_in_the_readers_language(starter_library):
    from routines.check_data import library

    with translation.override("fr"):
        french = library()
    with translation.override("en-gb"):
        english = library()
    assert french.regions["sole-of-foot"].name == "Plante du pied"
    assert english.regions["sole-of-foot"].name == "Sole of the foot"
    assert french.action_names["roll"] == "Rouler"
    names = {t.slug: t.name for t in french.catalogue}
    technique = Technique.objects.get(slug="calf-roll-foam-roller")
    assert names["calf-roll-foam-roller"] == technique.translations["fr"]["name"]
    assert {t.slug: t.name for t in english.catalogue}["calf-roll-foam-roller"] == technique.name


@pytest.mark.django_db
def test_the_curators_lists_name_techniques_in_the_curators_language(client):
    from tests.factories import CuratorFactory

    published = TechniqueFactory(translations={"fr": {"name": FRENCH["name"]}})
    submitted = TechniqueFactory(
        status=Technique.Status.SUBMITTED, translations={"fr": {"name": "Balle sous le pied"}}
    )
    untranslated = TechniqueFactory(name="Only in English")
    client.force_login(CuratorFactory(language="fr"))
    html = client.get(reverse("routines:curate")).content.decode()
    assert FRENCH["name"] in html and "Balle sous le pied" in html
    assert untranslated.name in html  # English where there is no French
    client.force_login(CuratorFactory(language="en-gb"))
    html = client.get(reverse("routines:curate")).content.decode()
    assert published.name in html and submitted.name in html and FRENCH["name"] not in html


def test_the_players_data_carries_no_other_languages(client, french_plan):
    """The step JSON of teach mode and the player holds the reader's language only: the
    translations (with the teacher-only instructions and mistakes) stay on the server."""
    teacher, plan, _version, _technique = french_plan
    client.force_login(teacher)
    html = client.get(reverse("classes:plan-teach", args=[plan.pk])).content.decode()
    data = html[html.index('id="player-steps"') :]
    data = data[: data.index("</script>")]
    assert '"translations"' not in data and '"untranslated"' not in data
    assert "Ralentissez" not in data  # the teacher reads English; French stays out

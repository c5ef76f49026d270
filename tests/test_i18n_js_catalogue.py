"""The JavaScript catalogue (issue 18): /jsi18n/ serves the scripts' words in the language its
address names, cacheable for a year, and every word the scripts in static/js ask for is in
locale/fr/LC_MESSAGES/djangojs.po, translated."""

import hashlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from classes import services
from config.jsi18n import ONE_YEAR, catalogue_url
from tests.factories import TeacherFactory, TechniqueFactory, make_plan

BASE = Path(settings.BASE_DIR)
SCRIPTS = sorted((BASE / "static" / "js").glob("*.js"))
PO = BASE / "locale" / "fr" / "LC_MESSAGES" / "djangojs.po"
URL = "/jsi18n/"


# --- The .po file and the scripts, read as text -------------------------------------------


def _unquote(text: str) -> str:
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', text)
    return "".join(parts).encode("latin-1", "backslashreplace").decode("unicode_escape")


def po_entries(path: Path) -> dict:
    """{(context, msgid): {"plural": …, "msgstr": [..], "fuzzy": bool}}, obsolete (#~) and
    the header left out."""
    entries = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.strip().splitlines() if not line.startswith("#~")]
        flags = " ".join(line for line in lines if line.startswith("#,"))
        fields: dict[str, str] = {}
        key = None
        for line in lines:
            if line.startswith("#"):
                continue
            match = re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(.*)", line)
            if match:
                key = match[1]
                fields[key] = match[2]
            elif key and line.startswith('"'):
                fields[key] += "\n" + line
        if "msgid" not in fields:
            continue
        msgid = _unquote(fields["msgid"])
        if not msgid:
            continue  # the header
        context = _unquote(fields["msgctxt"]) if "msgctxt" in fields else None
        msgstrs = [_unquote(v) for k, v in sorted(fields.items()) if k.startswith("msgstr")]
        entries[(context, msgid)] = {
            "plural": _unquote(fields["msgid_plural"]) if "msgid_plural" in fields else None,
            "msgstr": msgstrs,
            "fuzzy": "fuzzy" in flags,
        }
    return entries


STRING = r'"((?:[^"\\]|\\.)*)"'
CALLS = {
    "gettext": re.compile(r"\bgettext\(\s*" + STRING + r"\s*\)"),
    "ngettext": re.compile(r"\bngettext\(\s*" + STRING + r"\s*,\s*" + STRING),
    "pgettext": re.compile(r"\bpgettext\(\s*" + STRING + r"\s*,\s*" + STRING + r"\s*\)"),
}


def script_messages() -> set:
    """(context, msgid, plural) of every gettext, ngettext and pgettext call in static/js."""
    found = set()
    for path in SCRIPTS:
        text = path.read_text(encoding="utf-8")
        for match in CALLS["gettext"].finditer(text):
            found.add((None, _unquote(f'"{match[1]}"'), None))
        for match in CALLS["ngettext"].finditer(text):
            found.add((None, _unquote(f'"{match[1]}"'), _unquote(f'"{match[2]}"')))
        for match in CALLS["pgettext"].finditer(text):
            found.add((_unquote(f'"{match[1]}"'), _unquote(f'"{match[2]}"'), None))
    return found


def placeholders(text: str) -> list:
    return sorted(re.findall(r"%\(\w+\)s", text))


def test_the_scripts_ask_for_their_words_with_literal_strings():
    """makemessages can only collect a literal: gettext(variable) would never be translated."""
    for path in SCRIPTS:
        text = path.read_text(encoding="utf-8")
        for call in re.finditer(r"\b(n|p)?gettext\(\s*(.)", text):
            assert call[2] == '"', f"{path.name}: {text[call.start() : call.start() + 60]!r}"


def test_every_word_the_scripts_show_is_in_djangojs_po_translated():
    entries = po_entries(PO)
    messages = script_messages()
    # The timer's buttons, the player's note and a copy button's message at least.
    assert {m[1] for m in messages} >= {"Start", "Pause", "Resume", "Link copied."}
    for context, msgid, plural in messages:
        entry = entries.get((context, msgid))
        assert entry is not None, f"{msgid!r} is not in {PO.name}: run makemessages -d djangojs"
        assert not entry["fuzzy"], f"{msgid!r} is fuzzy"
        assert entry["plural"] == plural, msgid
        assert entry["msgstr"] and all(entry["msgstr"]), f"{msgid!r} is not translated"
        for translated in entry["msgstr"]:
            assert placeholders(translated) == placeholders(msgid), (msgid, translated)


def test_djangojs_po_holds_only_words_the_scripts_use():
    used = {(context, msgid) for context, msgid, _plural in script_messages()}
    assert set(po_entries(PO)) <= used


def test_the_old_plumbing_is_gone():
    """The words come from the catalogue, not from labels or attributes in the page."""
    scripts = "\n".join(path.read_text(encoding="utf-8") for path in SCRIPTS)
    for old in ("player-labels", "dataset.copied", "dataset.copyFailed", "dataset.template"):
        assert old not in scripts
    templates = "\n".join(
        p.read_text(encoding="utf-8") for p in (BASE / "templates").rglob("*.html")
    )
    for old in ("player_labels", "data-copied", "data-copy-failed", "data-template"):
        assert old not in templates


# --- The view -------------------------------------------------------------------------------


def test_the_catalogue_is_javascript_in_the_language_of_its_address(client, db):
    french = client.get(URL, {"l": "fr"})
    assert french.status_code == 200
    assert french["Content-Type"].startswith("text/javascript")
    body = french.content.decode()
    assert '"Commencer"' in body and '"Reprendre"' in body  # the timer's Start and Resume
    assert "django.gettext = function" in body and "interpolate" in body
    assert french["Content-Language"] == "fr"
    # French counts 0 and 1 as singular.
    assert "(n > 1)" in body

    # The address names the language, whatever the visitor's cookie or browser says.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    english = client.get(URL, {"l": "en-gb"}, HTTP_ACCEPT_LANGUAGE="fr")
    assert english.status_code == 200
    assert "Commencer" not in english.content.decode()
    assert english["Content-Language"] == "en-gb"


def test_only_the_projects_own_words_are_in_it(client, db):
    """Not the admin's date-picker catalogue, which JavaScriptCatalog gathers by default."""
    body = client.get(URL, {"l": "fr"}).content.decode()
    assert "janvier" not in body and "Maintenant" not in body


def test_the_versioned_address_is_cached_for_a_year_by_anyone(client, db):
    url = catalogue_url("fr")
    assert url.startswith(reverse("javascript-catalog") + "?l=fr&v=")
    response = client.get(url)
    assert response.status_code == 200
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert cache_control == {"public", f"max-age={ONE_YEAR}", "immutable"}
    # The version is the file's own digest: new translations, a new address.
    version = url.rsplit("v=", 1)[1]
    assert version == hashlib.blake2b(response.content, digest_size=8).hexdigest()
    assert catalogue_url("en-gb") != url


def test_signed_in_the_catalogue_stays_public(client, db):
    """The private, no-cache of signed-in pages (accounts.security) is not for this file."""
    client.force_login(TeacherFactory())
    response = client.get(catalogue_url("fr"))
    assert "public" in response["Cache-Control"] and "no-cache" not in response["Cache-Control"]


@pytest.mark.parametrize(
    "query",
    [
        {"l": "fr", "v": "stale"},  # another release's address
        {"l": "fr"},  # no version
        {},  # no language: the visitor's own, which differs between visitors
    ],
)
def test_an_address_that_is_not_the_current_one_is_not_cached_for_long(client, db, query):
    response = client.get(URL, query)
    assert response.status_code == 200
    assert "max-age" not in response["Cache-Control"]
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("language", ["zz", "xx-yy", "../../etc/passwd", "fr" * 400, "%00", " "])
def test_an_unknown_language_gets_english(client, db, language):
    response = client.get(URL, {"l": language})
    assert response.status_code == 200
    assert response["Content-Language"] == settings.LANGUAGE_CODE
    assert "Commencer" not in response.content.decode()


def test_a_regional_variant_gets_its_language(client, db):
    response = client.get(URL, {"l": "fr-CA"})
    assert response["Content-Language"] == "fr"
    assert "Commencer" in response.content.decode()


def test_the_catalogue_is_read_only(client, db):
    assert client.post(URL, {"l": "fr"}).status_code == 405


# --- The pages that load it ---------------------------------------------------------------


@pytest.fixture
def published_plan(db):
    teacher = TeacherFactory(email="tess@example.test")
    plan = make_plan(teacher, title="Quick class", techniques=[TechniqueFactory(name="Foot roll")])
    services.plan_publish(plan=plan, expected_version=plan.lock_version)
    return plan


@pytest.mark.parametrize("language", ["fr", "en-gb"])
def test_teach_mode_loads_the_catalogue_of_its_language_before_its_scripts(
    client, published_plan, language
):
    client.force_login(published_plan.owner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(reverse("classes:plan-teach", args=[published_plan.pk])).content.decode()
    tag = f'<script src="{catalogue_url(language).replace("&", "&amp;")}" defer></script>'
    assert tag in html
    assert html.index(tag) < html.index("js/timer.js") < html.index("js/teach.js")
    assert "player-labels" not in html


def test_the_builder_loads_the_catalogue_before_its_copy_button(client, published_plan):
    client.force_login(published_plan.owner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    html = client.get(published_plan.get_absolute_url()).content.decode()
    assert html.index("/jsi18n/?l=fr&amp;v=") < html.index("js/copy.js")

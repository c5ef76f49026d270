"""Issue 18: what a person receives is in their language. The helper every sender uses
(accounts/mail.py), and `french()`, which the other test_i18n_mail_* files use to know the
French of the strings they read.

`french(monkeypatch, *msgids)` answers with what gettext gives under French: the merged
catalogue's own text once it holds the string, else the French below, put into the
catalogue for the test. So a test compares an email with the French the catalogue gives,
holds before and after the catalogue lands, and fails if a sender forgets the override
(the email would then be in English, which `french()` never returns).
"""

import datetime
import zoneinfo

import pytest
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, trans_real

from accounts.mail import known_language, language_for, time_zone_for, writing_to
from tests.factories import StudentFactory, TeacherFactory

REMINDER_BODY = "Hello %(name)s,\n\nToday's routine:\n%(lines)s\n\nNo more reminders: %(stop)s\n"
INVITATION_SUBJECT = "%(teacher)s invites you to Rollcall"
RESET_LINE = "Someone asked to reset the password for your Rollcall account (%(email)s)."

# The French for every string these tests read (as in locale/fr/LC_MESSAGES/django.po).
FRENCH = {
    "Your practice for today": "Votre pratique du jour",
    REMINDER_BODY: (
        "Bonjour %(name)s,\n\nLa routine du jour\u00a0:\n%(lines)s\n\n"
        "Pour ne plus recevoir de rappels\u00a0: %(stop)s\n"
    ),
    "Reset your Rollcall password": "Réinitialisez votre mot de passe Rollcall",
    RESET_LINE: (
        "Quelqu'un a demandé la réinitialisation du mot de passe de votre compte Rollcall "
        "(%(email)s)."
    ),
    INVITATION_SUBJECT: "%(teacher)s vous invite sur Rollcall",
    "Confirm your email address for Rollcall": "Confirmez votre adresse courriel pour Rollcall",
    "Someone tried to sign up to Rollcall with your address": (
        "Quelqu'un a tenté de créer un compte Rollcall avec votre adresse"
    ),
    "Plan: %(title)s, version %(number)s": "Plan\u00a0: %(title)s, version %(number)s",
    "%(title)s — cancelled": "%(title)s — séance annulée",
    "Rollcall: %(name)s": "Rollcall\u00a0: %(name)s",
}


def french(monkeypatch, *msgids) -> dict:
    """msgid → its French, as gettext gives it under override("fr") (see the module's
    docstring); never the English."""
    with translation.override("fr"):
        catalog = trans_real.translation("fr")._catalog
        for msgid in msgids:
            if gettext(msgid) == msgid:  # not in the catalogue yet
                monkeypatch.setitem(catalog._catalogs[0], msgid, FRENCH[msgid])
        found = {msgid: gettext(msgid) for msgid in msgids}
    assert all(found[m] != m for m in msgids)
    return found


class TestLanguageFor:
    @pytest.mark.parametrize(
        ("saved", "expected"),
        [
            ("fr", "fr"),
            ("en-us", "en-us"),
            ("en-gb", "en-gb"),
            ("FR", "fr"),
            ("fr-ca", "fr"),  # a regional variant the site does not list: its language
            ("en", "en-gb"),
            ("", "en-gb"),
            ("xx", "en-gb"),
            ("../../etc", "en-gb"),
            ("fr-CA-bogus!", "en-gb"),
            ("xx-yy", "en-gb"),
            ("x" * 600, "en-gb"),
            (None, "en-gb"),
        ],
    )
    def test_a_saved_language_or_the_sites_default_never_an_error(self, saved, expected):
        user = TeacherFactory.build(language=saved)
        assert language_for(user) == expected

    def test_a_blank_or_unknown_language_falls_back_to_the_given_default(self):
        assert language_for(TeacherFactory.build(language=""), default="fr") == "fr"
        assert language_for(TeacherFactory.build(language="xx"), default="fr") == "fr"
        assert language_for(TeacherFactory.build(language="en-us"), default="fr") == "en-us"
        assert language_for(None, default="fr") == "fr"
        assert language_for(None, default="xx") == "en-gb"
        assert language_for(None, default=None) == "en-gb"

    def test_known_language_refuses_what_is_not_a_language_code(self):
        assert known_language(42) is None
        assert known_language("   ") is None
        assert known_language(" fr ") == "fr"

    def test_time_zone_is_the_users_or_none_for_a_blank_or_bad_one(self):
        assert time_zone_for(TeacherFactory.build(time_zone="America/Toronto")) == (
            zoneinfo.ZoneInfo("America/Toronto")
        )
        assert time_zone_for(TeacherFactory.build(time_zone="")) is None
        assert time_zone_for(TeacherFactory.build(time_zone="Mars/Olympus")) is None
        assert time_zone_for(TeacherFactory.build(time_zone="../etc/passwd")) is None
        assert time_zone_for(None) is None


class TestWritingTo:
    def test_dates_and_times_in_the_recipients_language_and_time_zone(self):
        elodie = StudentFactory.build(language="fr", time_zone="America/Toronto")
        moment = datetime.datetime(2026, 11, 29, 23, 30, tzinfo=datetime.UTC)
        with translation.override("en-gb"), timezone.override(datetime.UTC):
            with writing_to(elodie) as language:
                assert language == "fr"
                assert translation.get_language() == "fr"
                here = timezone.localtime(moment)
                assert formats.date_format(here.date()) == "29 novembre 2026"
                assert formats.time_format(here.time()) == "18\u00a0h\u00a030"
            # Nothing leaks past the email.
            assert translation.get_language() == "en-gb"
            assert timezone.get_current_timezone_name() == "UTC"

    def test_a_bad_saved_language_and_zone_fall_back_to_the_sites(self, settings):
        user = StudentFactory.build(language="xx", time_zone="Nowhere/Atlantis")
        with writing_to(user) as language:
            assert language == settings.LANGUAGE_CODE == "en-gb"
            assert timezone.get_current_timezone_name() == settings.TIME_ZONE

    def test_the_language_is_restored_even_when_sending_fails(self):
        with translation.override("en-us"):
            with pytest.raises(RuntimeError), writing_to(StudentFactory.build(language="fr")):
                raise RuntimeError("the mail server is down")
            assert translation.get_language() == "en-us"

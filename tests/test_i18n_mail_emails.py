"""Issue 18: every email in its recipient's language. Reminders in the student's, password
resets in the account's, invitations in the invitee's (an address without an account: the
inviting teacher's), sign-up emails in the account's (a new one: the sign-up page's). A blank
or unknown saved language falls back without an error."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from students import services
from students.models import Student
from students.reminders import reminders_send
from tests.factories import (
    PASSWORD,
    AssignmentFactory,
    RosterStudentFactory,
    StudentFactory,
    TeacherFactory,
)
from tests.test_i18n_mail_support import (
    INVITATION_SUBJECT,
    REMINDER_BODY,
    RESET_LINE,
    french,
)


def student_with_homework(teacher, **account):
    """A student account on the teacher's roster with a daily routine due today."""
    user = StudentFactory(**account)
    entry = Student.objects.create(teacher=teacher, name=user.name, email=user.email, account=user)
    AssignmentFactory(
        student=entry,
        title="Evening roll",
        starts_on=timezone.localdate() - datetime.timedelta(days=2),
    )
    return user


def email_to(address):
    [message] = [m for m in mail.outbox if m.to == [address]]
    return message


@pytest.mark.django_db
class TestReminders:
    def test_each_student_gets_the_reminder_in_their_own_language(self, teacher, monkeypatch):
        fr = french(monkeypatch, "Your practice for today", REMINDER_BODY)
        elodie = student_with_homework(
            teacher, name="Élodie Tremblay", language="fr", time_zone="America/Toronto"
        )
        sam = student_with_homework(teacher, name="Sam Student", language="en-gb")

        out = io.StringIO()
        with translation.override("en-gb"):
            call_command("send_reminders", stdout=out)
            assert translation.get_language() == "en-gb"  # the command leaves no language behind

        assert "reminders sent: 2" in out.getvalue()
        to_elodie, to_sam = email_to(elodie.email), email_to(sam.email)
        assert to_elodie.subject == fr["Your practice for today"]
        start = fr[REMINDER_BODY].split("%(lines)s")[0] % {"name": "Élodie"}
        assert to_elodie.body.startswith(start)
        assert "- Evening roll: http://127.0.0.1:8000/me/routines/" in to_elodie.body  # as stored
        assert to_sam.subject == "Your practice for today"
        assert to_sam.body.startswith("Hello Sam,\n\nToday's routine:\n- Evening roll: ")
        assert "No more reminders: http://127.0.0.1:8000/reminders/stop/" in to_sam.body

    @pytest.mark.parametrize("saved", ["", "xx", "xx-yy", "fr!", "en"])
    def test_a_blank_or_unknown_language_gets_english_without_an_error(self, teacher, saved):
        user = student_with_homework(teacher, name="Kim Lee", language=saved)
        assert reminders_send(base="https://rollcall.test/") == 1
        message = email_to(user.email)
        assert message.subject == "Your practice for today"
        assert message.body.startswith("Hello Kim,\n\nToday's routine:\n")
        assert "https://rollcall.test/reminders/stop/" in message.body

    def test_only_the_chosen_students_are_reminded(self, teacher):
        chosen = student_with_homework(teacher, language="fr")
        student_with_homework(teacher)
        assert reminders_send(base="http://x.test", users=[chosen]) == 1
        assert [m.to for m in mail.outbox] == [[chosen.email]]

    def test_a_student_who_turned_reminders_off_is_not_reminded_even_when_chosen(self, teacher):
        quiet = student_with_homework(teacher, language="fr", email_reminders=False)
        assert reminders_send(base="http://x.test", users=[quiet]) == 0
        assert mail.outbox == []


@pytest.mark.django_db
class TestPasswordReset:
    def test_a_french_account_gets_its_reset_email_in_french(self, client, monkeypatch):
        fr = french(monkeypatch, "Reset your Rollcall password", RESET_LINE)
        user = StudentFactory(email="eleve@example.test", language="fr")

        # Asked for from an English page: the email follows the account, not the page.
        response = client.post(
            reverse("password_reset"), {"email": user.email}, HTTP_ACCEPT_LANGUAGE="en-GB"
        )

        assert response.status_code == 302
        message = email_to(user.email)
        assert message.subject == fr["Reset your Rollcall password"]
        assert fr[RESET_LINE] % {"email": user.email} in message.body
        assert "/accounts/reset/" in message.body

    def test_an_english_account_gets_english_from_a_french_page(self, client, monkeypatch):
        french(monkeypatch, "Reset your Rollcall password")
        user = TeacherFactory(language="en-gb")
        client.post(reverse("password_reset"), {"email": user.email}, HTTP_ACCEPT_LANGUAGE="fr")
        message = email_to(user.email)
        assert message.subject == "Reset your Rollcall password"
        assert RESET_LINE % {"email": user.email} in message.body

    def test_without_a_saved_language_the_reset_page_language_is_used(self, client, monkeypatch):
        fr = french(monkeypatch, "Reset your Rollcall password")
        user = TeacherFactory(language="")
        client.post(reverse("password_reset"), {"email": user.email}, HTTP_ACCEPT_LANGUAGE="fr")
        assert email_to(user.email).subject == fr["Reset your Rollcall password"]

    @pytest.mark.parametrize("saved", ["", "xx"])
    def test_an_unknown_language_falls_back_to_english(self, client, saved):
        user = TeacherFactory(language=saved)
        response = client.post(reverse("password_reset"), {"email": user.email})
        assert response.status_code == 302
        assert email_to(user.email).subject == "Reset your Rollcall password"


def invite(client, teacher, entry, **headers):
    client.force_login(teacher)
    response = client.post(reverse("students:invitation-send", args=[entry.pk]), **headers)
    assert response.status_code == 302
    return email_to(entry.email)


@pytest.mark.django_db
class TestInvitations:
    def test_an_address_without_an_account_gets_the_inviting_teachers_language(
        self, client, monkeypatch
    ):
        fr = french(monkeypatch, INVITATION_SUBJECT)
        teacher = TeacherFactory(name="Julie Gagnon", language="fr")
        entry = RosterStudentFactory(teacher=teacher, name="Léa", email="lea@example.test")

        message = invite(client, teacher, entry, HTTP_ACCEPT_LANGUAGE="en-GB")

        assert message.subject == fr[INVITATION_SUBJECT] % {"teacher": "Julie Gagnon"}
        assert "/invite/" in message.body

    def test_an_english_teacher_invites_in_english(self, client, monkeypatch):
        french(monkeypatch, INVITATION_SUBJECT)
        teacher = TeacherFactory(name="Tess Teacher", language="en-gb")
        entry = RosterStudentFactory(teacher=teacher, email="sam@example.test")
        message = invite(client, teacher, entry, HTTP_ACCEPT_LANGUAGE="fr")
        assert message.subject == "Tess Teacher invites you to Rollcall"
        assert message.body.startswith(f"Hello {entry.name},\n\nTess Teacher keeps your class")

    def test_a_teacher_without_a_saved_language_invites_in_her_pages_language(
        self, client, monkeypatch
    ):
        fr = french(monkeypatch, INVITATION_SUBJECT)
        teacher = TeacherFactory(name="Julie Gagnon", language="")
        entry = RosterStudentFactory(teacher=teacher, email="lea@example.test")
        message = invite(client, teacher, entry, HTTP_ACCEPT_LANGUAGE="fr")
        assert message.subject == fr[INVITATION_SUBJECT] % {"teacher": "Julie Gagnon"}

    def test_an_address_that_has_an_account_gets_that_accounts_language(self, monkeypatch):
        fr = french(monkeypatch, INVITATION_SUBJECT)
        teacher = TeacherFactory(name="Tess Teacher", language="en-gb")
        StudentFactory(email="eleve@example.test", language="fr")  # on another roster
        entry = RosterStudentFactory(teacher=teacher, email="Eleve@Example.test")
        with translation.override("en-gb"):  # the teacher's page is in English
            services.invitation_send(student=entry, sent_by=teacher, build_url=lambda t: f"/i/{t}/")
        assert mail.outbox[0].subject == fr[INVITATION_SUBJECT] % {"teacher": "Tess Teacher"}

    @pytest.mark.parametrize("saved", ["", "xx"])
    def test_an_unknown_teacher_language_falls_back_to_english(self, saved):
        teacher = TeacherFactory(name="Tess Teacher", language=saved)
        entry = RosterStudentFactory(teacher=teacher, email="sam@example.test")
        with translation.override(None):  # outside a request: no page language either
            services.invitation_send(student=entry, sent_by=teacher, build_url=lambda t: f"/i/{t}/")
        assert mail.outbox[0].subject == "Tess Teacher invites you to Rollcall"


@pytest.mark.django_db
class TestSignUpEmails:
    def test_a_new_account_gets_its_link_in_the_sign_up_pages_language(self, client, monkeypatch):
        fr = french(monkeypatch, "Confirm your email address for Rollcall")
        client.post(
            reverse("signup"),
            {
                "name": "Julie Gagnon",
                "email": "julie@example.test",
                "password1": "une-phrase-de-passe-longue",
                "password2": "une-phrase-de-passe-longue",
            },
            HTTP_ACCEPT_LANGUAGE="fr",
        )
        assert (
            email_to("julie@example.test").subject == fr["Confirm your email address for Rollcall"]
        )

    def test_an_existing_accounts_notice_is_in_its_owners_language(self, client, monkeypatch):
        msgid = "Someone tried to sign up to Rollcall with your address"
        fr = french(monkeypatch, msgid)
        owner = TeacherFactory(email="julie@example.test", language="fr")
        client.post(
            reverse("signup"),
            {
                "name": "Someone",
                "email": owner.email,
                "password1": PASSWORD + "-x",
                "password2": PASSWORD + "-x",
            },
            HTTP_ACCEPT_LANGUAGE="en-GB",
        )
        assert email_to(owner.email).subject == fr[msgid]

"""Issue 18: the demo has a French-speaking student, Élodie, with her homework and that
day's reminder in French, sent by the daily reminders' own code; running the demo again
changes nothing and sends nothing."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from classes.demo import SUBMISSION
from classes.models import Enrolment
from routines.models import Technique
from students.homework import is_due, user_today
from students.models import Student
from students.safety import flagged_homework
from tests.test_i18n_mail_support import REMINDER_BODY, french

ELODIE = "eleve.fr@demo.rollcall.test"


@pytest.mark.django_db
def test_the_demo_has_a_french_student_with_homework_and_a_french_reminder(monkeypatch):
    fr = french(monkeypatch, "Your practice for today", REMINDER_BODY)
    out = io.StringIO()
    call_command("demo", stdout=out)

    user = User.objects.get(email=ELODIE)
    assert (user.name, user.role, user.language, user.time_zone) == (
        "Élodie Tremblay",
        "student",
        "fr",
        "America/Toronto",
    )
    assert user.check_password("rollcall-demo")
    assert f"student  {ELODIE}" in out.getvalue()  # her login, printed with the others

    entry = Student.objects.get(account=user)
    assert entry.teacher.email == "teacher@demo.rollcall.test"
    assert Enrolment.objects.filter(student=entry, status=Enrolment.Status.ENROLLED).exists()
    [homework] = entry.assignments.all()
    assert homework.snapshot["sections"] and homework.logs.exists()
    assert not homework.logs.filter(practised_on=user_today(user)).exists()
    assert is_due(homework, user_today(user), 0)
    # The product's own checks find nothing to flag, and nothing needed excusing.
    assert flagged_homework(Student.objects.filter(pk=entry.pk), today=timezone.localdate()) == []
    assert homework.acknowledgement == "" and not entry.health_notes.exists()

    [reminder] = mail.outbox  # hers only: the demo reminds nobody else
    assert reminder.to == [ELODIE]
    assert reminder.subject == fr["Your practice for today"]
    assert reminder.body.startswith(fr[REMINDER_BODY].split("%(lines)s")[0] % {"name": "Élodie"})
    assert f"- {homework.title}: http://127.0.0.1:8000{homework.get_absolute_url()}" in (
        reminder.body
    )
    assert f"emailed to {ELODIE}" in out.getvalue()


@pytest.mark.django_db
def test_running_the_demo_again_adds_nothing_and_sends_nothing():
    call_command("demo", quiet_logins=True)
    counts = (
        User.objects.count(),
        Student.objects.count(),
        Enrolment.objects.count(),
        Student.objects.get(email=ELODIE).assignments.count(),
        Student.objects.get(email=ELODIE).practice_logs.count(),
    )
    assert len(mail.outbox) == 1
    mail.outbox.clear()

    call_command("demo", quiet_logins=True)

    assert mail.outbox == []
    assert counts == (
        User.objects.count(),
        Student.objects.count(),
        Enrolment.objects.count(),
        Student.objects.get(email=ELODIE).assignments.count(),
        Student.objects.get(email=ELODIE).practice_logs.count(),
    )


@pytest.mark.django_db
def test_the_demo_gives_the_curator_a_submission_to_review_and_translate(client):
    """The teacher's own technique waits for review in English only: it is valid, it is in
    the curator's queue and on the list of what lacks French, and a second run adds none."""
    call_command("demo", quiet_logins=True)
    call_command("demo", quiet_logins=True)
    technique = Technique.objects.get(slug=SUBMISSION["slug"])
    technique.full_clean()
    assert technique.status == Technique.Status.SUBMITTED
    assert technique.author.email == "teacher@demo.rollcall.test"
    assert technique.revisions.count() == 1
    client.force_login(User.objects.get(email="curator@demo.rollcall.test"))
    assert SUBMISSION["name"] in client.get(reverse("routines:curate")).content.decode()
    missing = client.get(reverse("routines:curate-translations")).content.decode()
    assert SUBMISSION["name"] in missing

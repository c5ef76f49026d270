import re

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from students import services
from students.models import AuditEntry, HealthNote, Invitation, Student
from tests.factories import HealthNoteFactory, RegionFactory, RosterStudentFactory


@pytest.fixture
def pupil(teacher):
    return RosterStudentFactory(
        teacher=teacher, name="Priya Shah", email="priya@example.test", phone="0123"
    )


@pytest.fixture
def neck(db):
    return RegionFactory(slug="back-of-neck", name="Back of the neck")


def note_data(region, prefix="new", **extra):
    return {
        f"{prefix}-condition": "Whiplash",
        f"{prefix}-details": "",
        f"{prefix}-avoid_regions": [region.pk],
        f"{prefix}-severity": "moderate",
        f"{prefix}-until": "",
        **extra,
    }


@pytest.mark.django_db
class TestRoster:
    def test_add_a_student(self, client, teacher):
        client.force_login(teacher)
        response = client.post(
            "/students/new/",
            {
                "name": "Tom",
                "email": "TOM@example.test",
                "phone": "",
                "new_to_ball_work": "on",
                "goals": "",
                "notes": "",
            },
        )
        student = Student.objects.get(name="Tom")
        assert response.url == student.get_absolute_url()
        assert student.email == "tom@example.test" and student.teacher == teacher

    def test_a_duplicate_email_on_the_roster_is_refused(self, client, teacher, pupil):
        client.force_login(teacher)
        response = client.post(
            "/students/new/", {"name": "Other Priya", "email": "Priya@Example.test"}
        )
        assert "already has this email" in response.content.decode()
        assert Student.objects.count() == 1

    def test_the_same_email_on_two_teachers_rosters_is_fine(self, client, other_teacher, pupil):
        client.force_login(other_teacher)
        client.post("/students/new/", {"name": "Priya S.", "email": "priya@example.test"})
        assert Student.objects.count() == 2

    def test_list_search_and_new_filter(self, client, teacher, pupil):
        RosterStudentFactory(teacher=teacher, name="Tom Becker", new_to_ball_work=False)
        client.force_login(teacher)
        names = lambda r: [s.name for s in r.context["page"].object_list]  # noqa: E731
        assert names(client.get("/students/", {"q": "becker"})) == ["Tom Becker"]
        assert names(client.get("/students/", {"new": "1"})) == ["Priya Shah"]

    def test_another_teachers_student_is_404(self, client, other_teacher, pupil):
        client.force_login(other_teacher)
        for name in ["student-detail", "student-edit", "audit-log"]:
            assert client.get(reverse(f"students:{name}", args=[pupil.pk])).status_code == 404
        for name in ["health-show", "consent-record", "invitation-send"]:
            assert client.post(reverse(f"students:{name}", args=[pupil.pk])).status_code == 404
        assert client.get("/students/").context["page"].paginator.count == 0


@pytest.mark.django_db
class TestHealthNotes:
    def test_without_consent_a_note_cannot_be_saved(self, client, teacher, pupil, neck):
        client.force_login(teacher)
        response = client.post(
            reverse("students:health-create", args=[pupil.pk]), note_data(neck), follow=True
        )
        assert "consent before keeping health notes" in response.content.decode()
        assert not HealthNote.objects.exists()

    def test_consent_records_who_when_and_how_then_notes_can_be_kept(
        self, client, teacher, pupil, neck
    ):
        client.force_login(teacher)
        client.post(
            reverse("students:consent-record", args=[pupil.pk]),
            {"method": "written", "confirm": "on"},
        )
        pupil.refresh_from_db()
        assert (
            pupil.has_consent
            and pupil.consent_method == "written"
            and pupil.consent_recorded_by == teacher
        )
        response = client.post(reverse("students:health-create", args=[pupil.pk]), note_data(neck))
        assert response.status_code == 200
        note = HealthNote.objects.get()
        assert list(note.avoid_regions.all()) == [neck]
        assert response["Cache-Control"] == "no-store"
        assert "Whiplash" in response.content.decode()
        actions = list(pupil.audit_entries.values_list("action", flat=True))
        assert AuditEntry.Action.CONSENT in actions and AuditEntry.Action.CREATED in actions

    def test_consent_needs_the_box_ticked(self, client, teacher, pupil):
        client.force_login(teacher)
        client.post(reverse("students:consent-record", args=[pupil.pk]), {"method": "written"})
        pupil.refresh_from_db()
        assert not pupil.has_consent

    def test_the_student_page_does_not_show_notes_until_asked_and_the_showing_is_logged(
        self, client, teacher, pupil, neck
    ):
        HealthNoteFactory(student=pupil, condition="Whiplash", avoid_regions=[neck])
        client.force_login(teacher)
        page = client.get(pupil.get_absolute_url())
        assert "Whiplash" not in page.content.decode()
        assert page["Cache-Control"].startswith("max-age=0") or "no-store" in page["Cache-Control"]
        assert not pupil.audit_entries.filter(
            action=AuditEntry.Action.VIEWED
        ).exists()  # a GET writes nothing
        shown = client.post(reverse("students:health-show", args=[pupil.pk]))
        assert "Whiplash" in shown.content.decode() and shown["Cache-Control"] == "no-store"
        entry = pupil.audit_entries.get(action=AuditEntry.Action.VIEWED)
        assert entry.actor == teacher
        log = client.get(reverse("students:audit-log", args=[pupil.pk])).content.decode()
        assert "Viewed health notes" in log

    def test_a_note_must_say_what_to_avoid(self, client, teacher, pupil):
        services.consent_record(student=pupil, recorded_by=teacher, method="in-person")
        client.force_login(teacher)
        response = client.post(
            reverse("students:health-create", args=[pupil.pk]),
            {"new-condition": "Sore", "new-severity": "mild"},
        )
        assert response.status_code == 422
        assert "Say what to avoid" in response.content.decode()
        assert not HealthNote.objects.exists()

    def test_edit_and_delete_are_audited(self, client, teacher, pupil, neck):
        note = HealthNoteFactory(student=pupil, condition="Whiplash", avoid_regions=[neck])
        client.force_login(teacher)
        client.post(
            reverse("students:health-edit", args=[pupil.pk, note.pk]),
            note_data(
                neck,
                prefix=f"note-{note.pk}",
                **{
                    f"note-{note.pk}-condition": "Whiplash, improving",
                    f"note-{note.pk}-lock_version": note.lock_version,
                },
            ),
        )
        note.refresh_from_db()
        assert note.condition == "Whiplash, improving"
        client.post(reverse("students:health-delete", args=[pupil.pk, note.pk]))
        assert not HealthNote.objects.exists()
        actions = set(pupil.audit_entries.values_list("action", flat=True))
        assert {AuditEntry.Action.UPDATED, AuditEntry.Action.DELETED} <= actions

    def test_withdrawing_consent_deletes_the_notes(self, client, teacher, pupil, neck):
        services.consent_record(student=pupil, recorded_by=teacher, method="in-person")
        HealthNoteFactory(student=pupil)
        client.force_login(teacher)
        client.post(reverse("students:consent-withdraw", args=[pupil.pk]))
        pupil.refresh_from_db()
        assert not pupil.has_consent and not HealthNote.objects.exists()

    def test_the_student_sees_their_own_notes_and_the_view_is_logged(
        self, client, teacher, student, pupil, neck
    ):
        pupil.account = student
        pupil.save()
        HealthNoteFactory(student=pupil, condition="Whiplash", avoid_regions=[neck])
        HealthNoteFactory(student__teacher=teacher, condition="Not yours")
        client.force_login(student)
        assert "Whiplash" not in client.get("/me/health/").content.decode()
        response = client.post("/me/health/")
        body = response.content.decode()
        assert "Whiplash" in body and "Back of the neck" in body and "Not yours" not in body
        assert "no-store" in response["Cache-Control"]
        assert pupil.audit_entries.filter(action=AuditEntry.Action.VIEWED, actor=student).exists()

    def test_another_teacher_cannot_see_or_add_notes(
        self, client, teacher, other_teacher, pupil, neck
    ):
        services.consent_record(student=pupil, recorded_by=teacher, method="in-person")
        client.force_login(other_teacher)
        assert client.post(reverse("students:health-show", args=[pupil.pk])).status_code == 404
        assert (
            client.post(
                reverse("students:health-create", args=[pupil.pk]), note_data(neck)
            ).status_code
            == 404
        )
        assert not HealthNote.objects.exists()


def invite(client, teacher, pupil):
    client.force_login(teacher)
    client.post(reverse("students:invitation-send", args=[pupil.pk]))
    client.logout()
    return re.search(r"http://testserver(/invite/\S+/)", mail.outbox[-1].body).group(1)


@pytest.mark.django_db
class TestInvitations:
    def test_invited_student_sets_a_password_and_is_linked(self, client, teacher, pupil):
        link = invite(client, teacher, pupil)
        assert client.get(link).status_code == 200
        assert not User.objects.filter(email=pupil.email).exists()  # the GET wrote nothing
        response = client.post(
            link,
            {
                "name": "Priya Shah",
                "password1": "rolling-every-night",
                "password2": "rolling-every-night",
            },
        )
        assert response.status_code == 302
        user = User.objects.get(email="priya@example.test")
        assert user.role == "student" and user.check_password("rolling-every-night")
        pupil.refresh_from_db()
        assert pupil.account == user
        assert client.get("/students/").status_code == 403  # a student sees only their own things

    def test_the_link_works_once(self, client, teacher, pupil):
        link = invite(client, teacher, pupil)
        client.post(
            link,
            {
                "name": "Priya",
                "password1": "rolling-every-night",
                "password2": "rolling-every-night",
            },
        )
        client.logout()
        again = client.get(link)
        assert again.status_code == 410 and "already used" in again.content.decode()

    def test_an_expired_link_is_refused(self, client, teacher, pupil):
        link = invite(client, teacher, pupil)
        Invitation.objects.update(sent_at=timezone.now() - timezone.timedelta(days=8))
        response = client.get(link)
        assert response.status_code == 410 and "expired" in response.content.decode()

    def test_a_link_older_than_seven_days_is_refused_by_its_signature_too(
        self, client, teacher, pupil, monkeypatch
    ):
        link = invite(client, teacher, pupil)
        real_loads = signing.loads
        monkeypatch.setattr(
            signing, "loads", lambda *a, **k: real_loads(*a, **{**k, "max_age": -1})
        )
        assert "expired" in client.get(link).content.decode()

    def test_a_tampered_link_is_refused(self, client, teacher, pupil):
        link = invite(client, teacher, pupil)
        tampered = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]
        response = client.get(tampered)
        assert response.status_code in (404, 410)
        assert not User.objects.filter(email=pupil.email).exists()

    def test_resending_replaces_the_old_link(self, client, teacher, pupil):
        first = invite(client, teacher, pupil)
        second = invite(client, teacher, pupil)
        assert first != second
        assert "replaced by a newer one" in client.get(first).content.decode()
        assert client.get(second).status_code == 200

    def test_a_revoked_invitation_is_refused(self, client, teacher, pupil):
        link = invite(client, teacher, pupil)
        client.force_login(teacher)
        client.post(reverse("students:invitation-revoke", args=[pupil.pk]))
        client.logout()
        assert "withdrawn" in client.get(link).content.decode()

    def test_a_weak_password_is_refused_beside_the_field(self, client, teacher, pupil):
        link = invite(client, teacher, pupil)
        response = client.post(link, {"name": "Priya", "password1": "short", "password2": "short"})
        assert response.status_code == 200 and "at least 10 characters" in response.content.decode()
        assert not User.objects.filter(email=pupil.email).exists()

    def test_an_existing_student_account_is_linked_only_when_its_owner_is_signed_in(
        self, client, teacher, pupil, student
    ):
        pupil.email = student.email
        pupil.save()
        link = invite(client, teacher, pupil)
        assert "Sign in as" in client.get(link).content.decode()
        client.post(
            link, {"name": "x", "password1": "takeover-password", "password2": "takeover-password"}
        )
        student.refresh_from_db()
        assert not student.check_password("takeover-password")
        client.force_login(student)
        client.post(link)
        pupil.refresh_from_db()
        assert pupil.account == student


@pytest.mark.django_db
@pytest.mark.parametrize("size", [20, 500])
def test_roster_pages_query_counts_do_not_grow(
    client, teacher, django_assert_max_num_queries, size
):
    students = Student.objects.bulk_create(
        Student(teacher=teacher, name=f"S{i:04d}", email=f"s{i}@x.test") for i in range(size)
    )
    region = RegionFactory(slug="neck", name="Neck")
    for s in students[:10]:
        HealthNoteFactory(student=s, condition="x", avoid_regions=[region])
    client.force_login(teacher)
    with django_assert_max_num_queries(6):
        assert client.get("/students/").status_code == 200
    # 9 for the page, 3 for the student's home-practice adherence.
    # +6 for the homework check against the student's notes (notes, what they avoid,
    # the assignments): a fixed cost, the same at both sizes.
    with django_assert_max_num_queries(18):
        assert client.get(students[0].get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_a_long_audit_log_pages_on(client, teacher, pupil):
    AuditEntry.objects.bulk_create(
        AuditEntry(student=pupil, actor=teacher, action="viewed") for _ in range(120)
    )
    client.force_login(teacher)
    body = client.get(reverse("students:audit-log", args=[pupil.pk])).content.decode()
    assert 'href="?page=2"' in body
    assert (
        client.get(reverse("students:audit-log", args=[pupil.pk]), {"page": 2})
        .context["entries"]
        .number
        == 2
    )

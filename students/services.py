"""Writes to rosters that touch several models, each recorded where the law wants it."""

from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.mail import language_for, writing_to
from accounts.models import Role, User
from accounts.versioning import next_version

from .models import (
    AUDIT_DATA_DOWNLOAD,
    AUDIT_NOTES_DELETED,
    Assignment,
    AuditEntry,
    HealthNote,
    Invitation,
    PracticeLog,
    Student,
    new_nonce,
)

INVITATION_SALT = "rollcall.invitation"


def english(text) -> str:
    """A translatable text in English, as the audit log stores Rollcall's own details."""
    with translation.override("en"):
        return str(text)


def audit(*, student, actor, action, detail=""):
    return AuditEntry.objects.create(
        student=student, actor=actor, action=action, detail=detail[:300]
    )


@transaction.atomic
def consent_record(*, student: Student, recorded_by, method: str) -> None:
    student.consent_given_at = timezone.now()
    student.consent_method = method
    student.consent_recorded_by = recorded_by
    student.save(update_fields=["consent_given_at", "consent_method", "consent_recorded_by"])
    audit(
        student=student,
        actor=recorded_by,
        action=AuditEntry.Action.CONSENT,
        # The method's label in English; the log shows it in its reader's language.
        detail=english(Student.ConsentMethod(method).label),
    )


@transaction.atomic
def consent_withdraw(*, student: Student, actor) -> int:
    """Withdrawn consent: the health notes go too."""
    deleted, _per_model = student.health_notes.all().delete()
    student.consent_given_at = None
    student.consent_method = ""
    student.consent_recorded_by = None
    student.save(update_fields=["consent_given_at", "consent_method", "consent_recorded_by"])
    audit(
        student=student,
        actor=actor,
        action=AuditEntry.Action.CONSENT_WITHDRAWN,
        detail=AUDIT_NOTES_DELETED,  # stored in English, shown in the reader's language
    )
    return deleted


class NoConsent(Exception):
    pass


@transaction.atomic
def health_note_save(*, form, student: Student, actor) -> HealthNote:
    if not student.has_consent:
        raise NoConsent
    creating = form.instance.pk is None
    note = form.save(commit=False)
    note.student = student
    note.save()
    form.save_m2m()
    if not creating:
        homework_recheck(student=student, note=note)
    audit(
        student=student,
        actor=actor,
        action=AuditEntry.Action.CREATED if creating else AuditEntry.Action.UPDATED,
        detail=note.condition,
    )
    return note


def homework_recheck(*, student: Student, note: HealthNote) -> None:
    """A changed note is checked afresh against the student's homework: an earlier
    "assign anyway" was given for the note as it was, so it no longer covers it."""
    for assignment in student.assignments.all():
        if note.pk in assignment.acknowledged_notes:
            assignment.acknowledged_notes = [
                n for n in assignment.acknowledged_notes if n != note.pk
            ]
            assignment.save(update_fields=["acknowledged_notes", "updated_at"])


@transaction.atomic
def health_note_delete(*, note: HealthNote, actor) -> None:
    audit(
        student=note.student, actor=actor, action=AuditEntry.Action.DELETED, detail=note.condition
    )
    note.delete()


# --- Accounts --------------------------------------------------------------------


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete a student's account. Their roster entries stay with their teachers, emptied
    of everything personal (shown as "Former student"); practice logs, health notes and
    invitations are deleted."""
    entries = Student.objects.filter(account=user)
    PracticeLog.objects.filter(student__in=entries).delete()
    HealthNote.objects.filter(student__in=entries).delete()
    Invitation.objects.filter(student__in=entries).delete()
    entries.update(
        name="",
        email="",
        phone="",
        goals="",
        notes="",
        account=None,
        consent_given_at=None,
        consent_method="",
        consent_recorded_by=None,
        lock_version=next_version(),  # an edit page open on the entry must not refill it
    )
    user.delete()


# --- Invitations ----------------------------------------------------------------


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps(
        {"i": invitation.pk, "n": invitation.nonce}, salt=INVITATION_SALT, compress=True
    )


class InvitationProblem(Exception):
    """Why an invitation link cannot be used; the message is for the person holding it."""


def invitation_from_token(token: str) -> Invitation:
    max_age = Invitation.VALID_DAYS * 24 * 3600
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise InvitationProblem(
            _("This invitation has expired: ask your teacher to send a new one.")
        ) from None
    except signing.BadSignature:
        raise InvitationProblem(
            _("This invitation link is not valid. Check that you copied all of it.")
        ) from None
    invitation = (
        Invitation.objects.select_related("student", "student__teacher")
        .filter(pk=data.get("i"), nonce=data.get("n"))
        .first()
    )
    if invitation is None:
        raise InvitationProblem(
            _("This invitation link was replaced by a newer one: use the latest email.")
        )
    if invitation.accepted_at:
        raise InvitationProblem(
            _("This invitation was already used. Sign in with your email and password.")
        )
    if invitation.revoked_at:
        raise InvitationProblem(_("This invitation was withdrawn by your teacher."))
    if invitation.expires_at <= timezone.now():
        raise InvitationProblem(
            _("This invitation has expired: ask your teacher to send a new one.")
        )
    return invitation


def invitation_send(*, student: Student, sent_by, build_url) -> Invitation:
    """Invite (or invite again) a roster entry by email. A new link replaces the old one."""
    invitation = student.invitations.filter(
        accepted_at__isnull=True, revoked_at__isnull=True
    ).first()
    if invitation is None:
        invitation = Invitation.objects.create(
            student=student, email=student.email, created_by=sent_by
        )
    else:
        invitation.nonce = new_nonce()
        invitation.email = student.email
        invitation.sent_at = timezone.now()
        invitation.save(update_fields=["nonce", "email", "sent_at"])
    url = build_url(invitation_token(invitation))
    # In the language of the account the address already has, if any; else (no account yet)
    # in the inviting teacher's, else the one the teacher's page is shown in.
    recipient = User.objects.filter(email__iexact=student.email).first()
    fallback = language_for(sent_by, default=translation.get_language())
    with writing_to(recipient or sent_by, default=fallback):
        send_mail(
            _("%(teacher)s invites you to Rollcall") % {"teacher": sent_by.get_full_name()},
            _(
                "Hello %(name)s,\n\n%(teacher)s keeps your class plans and home routines in "
                "Rollcall. Choose a password to see them:\n\n%(url)s\n\nThe link works once, "
                "for %(days)d days."
            )
            % {
                "name": student.name,
                "teacher": sent_by.get_full_name(),
                "url": url,
                "days": Invitation.VALID_DAYS,
            },
            None,
            [student.email],
        )
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, name: str, password: str) -> User:
    """Create the student's account (or use the one their email already has) and link it."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise InvitationProblem(
            _("This invitation was already used. Sign in with your email and password.")
        )
    user = User.objects.filter(email__iexact=invitation.email).first()
    if user is None:
        user = User.objects.create_user(
            email=invitation.email, password=password, name=name, role=Role.STUDENT
        )
    elif user.role != Role.STUDENT:
        raise InvitationProblem(
            _(
                "This email belongs to a teacher or curator account; "
                "ask your teacher to use another."
            )
        )
    student = invitation.student
    student.account = user
    student.save(update_fields=["account"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user


# --- Home routines --------------------------------------------------------------


def routine_from_version(version, step_keys=None, swaps=None) -> dict:
    """A frozen copy of a published plan's steps for homework: all of them, or the chosen
    ones (keys "section:step" by position). Section titles are kept. `swaps` maps a key to
    the technique data (routines.snapshots.technique_data) that replaces that step's
    technique, keeping its time, side and cue. Each step keeps its key."""
    snapshot = version.snapshot
    swaps = swaps or {}
    sections = []
    for s_index, section in enumerate(snapshot["sections"]):
        steps = []
        for t_index, step in enumerate(section["steps"]):
            key = f"{s_index}:{t_index}"
            if step_keys is not None and key not in step_keys:
                continue
            step = {**step, "key": key}
            if key in swaps and step["technique"]:
                technique = swaps[key]
                step.update(
                    title=technique["name"],
                    technique=technique,
                    cues=([step["cue"]] if step.get("cue") else []) + technique["cues"],
                )
            steps.append(step)
        if steps:
            sections.append({"title": section["title"], "steps": steps})
    total = sum(step["total_seconds"] for section in sections for step in section["steps"])
    equipment = sorted(
        {
            e
            for section in sections
            for step in section["steps"]
            if step["technique"]
            for e in step["technique"]["equipment"]
        }
    )
    return {
        "title": version.title,
        "sections": sections,
        "total_seconds": total,
        "equipment": equipment,
    }


@transaction.atomic
def assign(
    *,
    students,
    version,
    step_keys=None,
    swaps=None,
    acknowledgement="",
    acknowledged_notes=None,
    **fields,
) -> list:
    """Give each student the routine, frozen now. `version` is a published version (its
    title and snapshot are read; the app above records which one it was).
    `acknowledged_notes` maps a student id to the ids of the health notes the teacher
    assigned it despite, with `acknowledgement` as the reason."""
    routine = routine_from_version(version, step_keys, swaps)
    acknowledged_notes = acknowledged_notes or {}
    now = timezone.now()
    return Assignment.objects.bulk_create(
        Assignment(
            student=student,
            title=version.title,
            snapshot=routine,
            acknowledgement=acknowledgement if acknowledged_notes.get(student.pk) else "",
            acknowledged_notes=sorted(acknowledged_notes.get(student.pk, ())),
            acknowledged_at=now if acknowledged_notes.get(student.pk) else None,
            **fields,
        )
        for student in students
    )


class LogRefused(Exception):
    pass


def log_practice(
    *, assignment, submission, practised_on, minutes, tension_before, tension_after, note=""
):
    """Record a practice once: the same submission sent twice is stored once.
    Returns (log, created)."""
    if not assignment.is_open:
        raise LogRefused(
            _("This routine is %(status)s: ask your teacher to resume it.")
            % {"status": assignment.get_status_display().lower()}
        )
    existing = PracticeLog.objects.filter(submission=submission).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            log = PracticeLog.objects.create(
                assignment=assignment,
                student=assignment.student,
                submission=submission,
                practised_on=practised_on,
                minutes=minutes,
                tension_before=tension_before,
                tension_after=tension_after,
                note=note,
            )
    except IntegrityError:  # the same submission, racing itself
        return PracticeLog.objects.get(submission=submission), False
    return log, True


@transaction.atomic
def data_export(*, user) -> dict:
    """All of a student's data, across every teacher's roster, as plain data for JSON; each
    roster entry's audit log records the download."""
    entries = (
        Student.objects.filter(account=user)
        .select_related("teacher")
        .prefetch_related(
            "health_notes__avoid_regions",
            "health_notes__avoid_actions",
            "assignments__logs",
            # Attendance is kept by the courses' app; it reaches the roster entry through
            # its relation, so the roster needs to know nothing of courses.
            "attendance__session__course",
        )
    )
    for entry in entries:
        audit(
            student=entry, actor=user, action=AuditEntry.Action.VIEWED, detail=AUDIT_DATA_DOWNLOAD
        )
    return {
        "account": {"email": user.email, "name": user.name, "joined": user.date_joined.isoformat()},
        "rosters": [
            {
                "teacher": entry.teacher.get_full_name(),
                "name": entry.name,
                "email": entry.email,
                "phone": entry.phone,
                "goals": entry.goals,
                "health_notes": [
                    {
                        "condition": n.condition,
                        "details": n.details,
                        "avoid_regions": [r.name for r in n.avoid_regions.all()],
                        "avoid_actions": [a.name for a in n.avoid_actions.all()],
                        # As stored (a code, the same in every language), like the rest.
                        "suitability_condition": n.suitability_condition or None,
                        "until": n.until.isoformat() if n.until else None,
                    }
                    for n in entry.health_notes.all()
                ],
                "attendance": [
                    {
                        "course": a.session.course.title,
                        "starts_at": a.session.starts_at.isoformat(),
                        "status": a.status,
                    }
                    for a in entry.attendance.all()
                ],
                "routines": [
                    {
                        "title": a.title,
                        "frequency": a.frequency,
                        "from": a.starts_on.isoformat(),
                        "until": a.ends_on.isoformat() if a.ends_on else None,
                        "message": a.message,
                        "practice": [
                            {
                                "date": log.practised_on.isoformat(),
                                "minutes": log.minutes,
                                "tension_before": log.tension_before,
                                "tension_after": log.tension_after,
                                "note": log.note,
                            }
                            for log in a.logs.all()
                        ],
                    }
                    for a in entry.assignments.all()
                ],
            }
            for entry in entries
        ],
    }

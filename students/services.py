"""Writes to rosters that touch several models, each recorded where the law wants it."""

from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User

from .models import AuditEntry, HealthNote, Invitation, PracticeLog, Student, new_nonce

INVITATION_SALT = "rollcall.invitation"


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
        detail=student.get_consent_method_display(),
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
        detail=_("Health notes deleted."),
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
    from django.core.mail import send_mail

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
    send_mail(
        _("%(teacher)s invites you to Rollcall") % {"teacher": sent_by.get_full_name()},
        _(
            "Hello %(name)s,\n\n%(teacher)s keeps your class plans and home routines in Rollcall. "
            "Choose a password to see them:\n\n%(url)s\n\nThe link works once, for %(days)d days."
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
    """Give each student the routine, frozen now. `acknowledged_notes` maps a student id to
    the ids of the health notes the teacher assigned it despite, with `acknowledgement`
    as the reason."""
    from .models import Assignment

    routine = routine_from_version(version, step_keys, swaps)
    acknowledged_notes = acknowledged_notes or {}
    now = timezone.now()
    return Assignment.objects.bulk_create(
        Assignment(
            student=student,
            source_version=version,
            title=version.title,
            snapshot=routine,
            acknowledgement=acknowledgement if acknowledged_notes.get(student.pk) else "",
            acknowledged_notes=sorted(acknowledged_notes.get(student.pk, ())),
            acknowledged_at=now if acknowledged_notes.get(student.pk) else None,
            **fields,
        )
        for student in students
    )


def assignment_push_update(*, assignment) -> bool:
    """Replace the frozen routine with the newest published version of its plan."""
    version = assignment.source_version
    if version is None or version.plan_id is None:
        return False
    newest = version.plan.versions.order_by("-number").first()
    assignment.source_version = newest
    assignment.title = newest.title
    assignment.snapshot = routine_from_version(newest)
    assignment.save(update_fields=["source_version", "title", "snapshot", "updated_at"])
    return True


class LogRefused(Exception):
    pass


def log_practice(
    *, assignment, submission, practised_on, minutes, tension_before, tension_after, note=""
):
    """Record a practice once: the same submission sent twice is stored once.
    Returns (log, created)."""
    from django.db import IntegrityError

    from .models import PracticeLog

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

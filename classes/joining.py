"""Joining a course through its join link: the writes, across the roster and enrolment.

Capacity and the waitlist are the enrolment service's (services.enrol); this module only
finds or makes the student's entry on the teacher's roster first.
"""

import secrets

from django.db import transaction
from django.db.models import F, Q

from students.models import Student

from . import services
from .models import Course, Enrolment

# The path converter of /join/<token>/ accepts any text; a real token looks like this.
TOKEN_LENGTH = 32  # bytes of randomness: 43 URL-safe characters


def new_join_token() -> str:
    return secrets.token_urlsafe(TOKEN_LENGTH)


def course_for_token(token: str):
    """The course whose join link this is, while it is on; else None."""
    if not token or len(token) > 64:
        return None
    return Course.objects.select_related("teacher").filter(join_token=token).first()


@transaction.atomic
def roster_entry_for(*, teacher, user) -> Student:
    """The teacher's roster entry for this account: the one linked to it, else the one with
    its address (now linked), else a new one."""
    entry = (
        Student.objects.select_for_update()
        .filter(
            Q(account=user) | Q(email__iexact=user.email, account__isnull=True), teacher=teacher
        )
        .order_by(F("account_id").desc(nulls_last=True))
        .first()
    )
    if entry is None:
        taken = Student.objects.filter(teacher=teacher, email__iexact=user.email).exists()
        return Student.objects.create(
            teacher=teacher,
            name=user.name or user.email,
            email="" if taken else user.email,
            account=user,
        )
    if entry.account_id is None:
        entry.account = user
        entry.save(update_fields=["account", "updated_at"])
    return entry


@transaction.atomic
def course_join(*, course: Course, user) -> str:
    """Enrol a student's account in a course, or waitlist it past capacity; once only.
    Returns the enrolment's status, or "already-enrolled" / "already-waitlisted"."""
    # One join at a time per course (enrol takes the same lock), so that two clicks on the
    # link cannot make two roster entries.
    Course.objects.select_for_update().filter(pk=course.pk).first()
    entry = roster_entry_for(teacher=course.teacher, user=user)
    result = services.enrol(course=course, students=[entry])
    if result["enrolled"]:
        return Enrolment.Status.ENROLLED
    if result["waitlisted"]:
        return Enrolment.Status.WAITLISTED
    status = course.enrolments.filter(student=entry).values_list("status", flat=True).first()
    return f"already-{status}"

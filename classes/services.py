"""Writes to class plans. Every change to a plan's draft goes through `plan_lock`, so a
change based on a stale view of the plan is refused instead of silently applied."""

import datetime

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from routines.models import Routine, Section, Side, Step
from routines.snapshots import load_sections, routine_snapshot
from students import services as roster_services

from .models import (
    AssignmentSource,
    Attendance,
    ClassPlan,
    Course,
    Enrolment,
    PlanVersion,
    Session,
    StepModification,
)
from .tasks import enqueue_version_pdfs

DEFAULT_SECTIONS = [label for _value, label in Section.Default.choices]


class StalePlan(Exception):
    """The plan changed since the page the request came from was drawn."""


class PlanError(Exception):
    """A change that cannot be made; the message says why, for the teacher."""


def plan_lock(plan: ClassPlan, expected_version) -> None:
    """Claim the next version of the plan, or raise StalePlan. Call inside a transaction."""
    try:
        expected = int(expected_version)
    except (TypeError, ValueError):
        raise StalePlan from None
    now = timezone.now()
    claimed = ClassPlan.objects.filter(pk=plan.pk, lock_version=expected).update(
        lock_version=F("lock_version") + 1, updated_at=now
    )
    if not claimed:
        raise StalePlan
    plan.lock_version = expected + 1
    plan.updated_at = now


@transaction.atomic
def plan_create(
    *,
    owner,
    title,
    focus="",
    level="beginner",
    purpose=ClassPlan.Purpose.CLASS,
    target_minutes=45,
    notes="",
    is_template=False,
    transition_seconds=15,
    check_course=None,
    slug=None,
    sections=None,
    language="",
):
    """A new plan with its draft routine and sections (the five default ones unless
    `sections` names others), every field set in one go."""
    routine = Routine.objects.create(transition_seconds=transition_seconds)
    Section.objects.bulk_create(
        Section(routine=routine, title=title_, position=i)
        for i, title_ in enumerate(sections or DEFAULT_SECTIONS)
    )
    return ClassPlan.objects.create(
        slug=slug,
        owner=owner,
        title=title,
        focus=focus,
        level=level,
        purpose=purpose,
        target_minutes=target_minutes,
        notes=notes,
        routine=routine,
        is_template=is_template,
        check_course=check_course,
        language=language,
    )


def copy_routine(routine: Routine) -> Routine:
    """A new routine with the same sections and (active) steps."""
    copy = Routine.objects.create(transition_seconds=routine.transition_seconds)
    for section in load_sections(routine):
        new_section = Section.objects.create(
            routine=copy, title=section.title, position=section.position
        )
        Step.objects.bulk_create(
            Step(
                routine=copy,
                section=new_section,
                position=step.position,
                kind=step.kind,
                technique=step.technique,
                title=step.title,
                text=step.text,
                duration_seconds=step.duration_seconds,
                side=step.side,
                cue=step.cue,
                note=step.note,
            )
            for step in section.steps.all()
        )
    return copy


@transaction.atomic
def plan_duplicate(
    *, plan: ClassPlan, owner, title: str | None = None, is_template: bool = False
) -> ClassPlan:
    """A new draft with the plan's details and steps, owned by `owner`."""
    return ClassPlan.objects.create(
        owner=owner,
        title=title or _("Copy of %(title)s") % {"title": plan.title},
        focus=plan.focus,
        level=plan.level,
        purpose=plan.purpose,
        target_minutes=plan.target_minutes,
        notes=plan.notes,
        language=plan.language,
        routine=copy_routine(plan.routine),
        is_template=is_template,
    )


def plan_snapshot(plan: ClassPlan, sections=None) -> dict:
    owner = plan.owner
    return {
        "title": plan.title,
        "focus": plan.focus,
        "level": plan.level,
        "level_display": str(plan.get_level_display()),
        "purpose": plan.purpose,
        "target_minutes": plan.target_minutes,
        "notes": plan.notes,
        "owner_name": owner.get_full_name() if owner else _("Rollcall starter plans"),
        **routine_snapshot(plan.routine, sections),
    }


@transaction.atomic
def plan_publish(*, plan: ClassPlan, expected_version) -> PlanVersion:
    """Freeze the plan as its next version. Refuses an empty plan."""
    plan_lock(plan, expected_version)
    sections = load_sections(plan.routine)
    if not any(section.steps.all() for section in sections):
        raise PlanError(
            _("Add at least one step before publishing: an empty plan cannot be published.")
        )
    unusable = [
        step.technique.name
        for section in sections
        for step in section.steps.all()
        if step.technique_id and step.technique.status != step.technique.Status.PUBLISHED
    ]
    if unusable:
        raise PlanError(
            _(
                "These techniques are no longer in the library; "
                "replace them before publishing: %(names)s"
            )
            % {"names": ", ".join(unusable)}
        )
    number = (plan.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    snapshot = plan_snapshot(plan, sections)
    version = PlanVersion.objects.create(
        plan=plan, owner=plan.owner, number=number, title=plan.title, snapshot=snapshot
    )
    ClassPlan.objects.filter(pk=plan.pk).update(published_at=version.published_at)
    plan.published_at = version.published_at
    # Its PDFs, in the background once the version is committed: the first request finds
    # them stored. Robust: a queue that fails does not fail the publish (the view renders).
    version_id = version.pk
    transaction.on_commit(lambda: enqueue_version_pdfs(version_id), robust=True)
    return version


@transaction.atomic
def plan_delete(*, plan: ClassPlan) -> None:
    """Delete a plan and its draft. Published versions that something refers to are kept."""
    routine = plan.routine
    PlanVersion.objects.filter(plan=plan).unreferenced().delete()
    plan.delete()
    routine.delete()


# --- Steps -------------------------------------------------------------------


def _next_position(section: Section) -> int:
    return (section.steps.aggregate(p=Max("position"))["p"] or 0) + 1


@transaction.atomic
def step_add(*, plan: ClassPlan, expected_version, section: Section, **fields) -> Step:
    plan_lock(plan, expected_version)
    technique = fields.get("technique")
    if technique is not None and technique.status != technique.Status.PUBLISHED:
        raise PlanError(
            _("“%(name)s” is not in the library, so it cannot be added.") % {"name": technique.name}
        )
    if technique is not None:
        fields.setdefault("duration_seconds", technique.duration_seconds)
        fields.setdefault("side", Side.EACH if technique.per_side else Side.BOTH)
        fields.setdefault("kind", Step.Kind.TECHNIQUE)
    return Step.objects.create(
        routine=plan.routine, section=section, position=_next_position(section), **fields
    )


@transaction.atomic
def step_update(*, plan: ClassPlan, expected_version, step: Step, **fields) -> Step:
    plan_lock(plan, expected_version)
    for name, value in fields.items():
        setattr(step, name, value)
    step.save(update_fields=list(fields))
    return step


@transaction.atomic
def step_move(*, plan: ClassPlan, expected_version, step: Step, direction: str) -> None:
    """Swap a step with its neighbour; past a section's end it moves into the next section."""
    plan_lock(plan, expected_version)
    sections = list(plan.routine.sections.all())
    order = [(s, list(s.steps.active().order_by("position", "pk"))) for s in sections]
    index = next(i for i, (s, _steps) in enumerate(order) if s.pk == step.section_id)
    steps = order[index][1]
    at = next(i for i, s in enumerate(steps) if s.pk == step.pk)
    target = at - 1 if direction == "up" else at + 1
    if 0 <= target < len(steps):
        steps[at], steps[target] = steps[target], steps[at]
        _renumber(steps)
    elif direction == "up" and index > 0:
        step.section = order[index - 1][0]
        step.position = _next_position(step.section)
        step.save(update_fields=["section", "position"])
    elif direction == "down" and index < len(order) - 1:
        following = order[index + 1]
        step.section = following[0]
        step.save(update_fields=["section"])
        _renumber([step, *following[1]])


def _renumber(steps) -> None:
    for position, step in enumerate(steps, start=1):
        step.position = position
    Step.objects.bulk_update(steps, ["position", "section"])


@transaction.atomic
def steps_reorder(*, plan: ClassPlan, expected_version, order: dict[int, list[int]]) -> None:
    """Apply a new order: {section id: [step ids]} covering every active step exactly once."""
    plan_lock(plan, expected_version)
    sections = {s.pk: s for s in plan.routine.sections.all()}
    steps = {s.pk: s for s in plan.routine.steps.active()}
    listed = [step_id for ids in order.values() for step_id in ids]
    if set(order) - set(sections) or sorted(listed) != sorted(steps):
        raise PlanError(_("The new order did not match the plan's steps; nothing was moved."))
    changed = []
    for section_id, ids in order.items():
        for position, step_id in enumerate(ids, start=1):
            step = steps[step_id]
            step.section, step.position = sections[section_id], position
            changed.append(step)
    Step.objects.bulk_update(changed, ["section", "position"])


@transaction.atomic
def step_remove(*, plan: ClassPlan, expected_version, step: Step, removed: bool = True) -> None:
    """Remove a step, or bring a removed one back (undo)."""
    plan_lock(plan, expected_version)
    step.removed = removed
    fields = ["removed"]
    if not removed:  # back at the end of its section
        step.position = _next_position(step.section)
        fields.append("position")
    step.save(update_fields=fields)


@transaction.atomic
def step_swap(*, plan: ClassPlan, expected_version, step: Step, technique) -> Step:
    """Replace a step's technique in place: same section, same position, same time, side,
    cue and note (the side follows the new technique where one is done on each side and
    the other is not). The old step is kept, removed, so the swap can be undone."""
    plan_lock(plan, expected_version)
    if step.technique_id is None:
        raise PlanError(_("Only a technique step can be swapped for another technique."))
    if technique.status != technique.Status.PUBLISHED:
        raise PlanError(
            _("“%(name)s” is not in the library, so it cannot be added.") % {"name": technique.name}
        )
    side = step.side
    if technique.per_side != step.technique.per_side:
        side = Side.EACH if technique.per_side else Side.BOTH
    step.removed = True
    step.save(update_fields=["removed"])
    return Step.objects.create(
        routine=plan.routine,
        section=step.section,
        position=step.position,
        kind=Step.Kind.TECHNIQUE,
        technique=technique,
        duration_seconds=step.duration_seconds,
        side=side,
        cue=step.cue,
        note=step.note,
    )


@transaction.atomic
def step_unswap(*, plan: ClassPlan, expected_version, old: Step, new: Step) -> Step:
    """Undo a swap: the old step comes back where it was, the new one goes."""
    plan_lock(plan, expected_version)
    old.removed = False
    old.section, old.position = new.section, new.position
    old.save(update_fields=["removed", "section", "position"])
    new.delete()
    return old


@transaction.atomic
def modification_save(*, plan: ClassPlan, step: Step, student, technique=None, text="", by=None):
    """Record (or replace) what one student does instead at one step."""
    modification, _created = StepModification.objects.update_or_create(
        step=step,
        student=student,
        defaults={"plan": plan, "technique": technique, "text": text, "created_by": by},
    )
    return modification


@transaction.atomic
def section_save(
    *, plan: ClassPlan, expected_version, section: Section | None, title: str
) -> Section:
    plan_lock(plan, expected_version)
    if section is None:
        position = (plan.routine.sections.aggregate(p=Max("position"))["p"] or 0) + 1
        return Section.objects.create(routine=plan.routine, title=title, position=position)
    section.title = title
    section.save(update_fields=["title"])
    return section


@transaction.atomic
def section_delete(*, plan: ClassPlan, expected_version, section: Section) -> None:
    plan_lock(plan, expected_version)
    if section.steps.active().exists():
        raise PlanError(_("Move or remove this section's steps before deleting it."))
    if plan.routine.sections.count() == 1:
        raise PlanError(_("A plan keeps at least one section."))
    section.delete()


# --- Courses, sessions, enrolment, attendance ---------------------------------


def weekly_dates(*, first_date, count: int, skip=()) -> list:
    """The dates of a weekly series from `first_date`, leaving out the skipped ones and going
    on until `count` are found, or until the last date Python represents (SeriesForm keeps
    a series within its bounds; this only never overflows)."""
    skip = set(skip)
    dates, day = [], first_date
    while len(dates) < count:
        if day not in skip:
            dates.append(day)
        try:
            day += datetime.timedelta(days=7)
        except OverflowError:
            break
    return dates


def weekly_starts(*, first_date, start_time, count: int, time_zone, skip=()) -> list:
    """Aware start times of a weekly series: the same wall-clock time every week in the
    course's time zone (so 19:00 stays 19:00 across a daylight-saving change), leaving
    out the skipped dates and going on until `count` sessions are found."""
    return [
        datetime.datetime.combine(day, start_time, tzinfo=time_zone)
        for day in weekly_dates(first_date=first_date, count=count, skip=skip)
    ]


@transaction.atomic
def sessions_generate(*, course, first_date, start_time, duration_minutes, count, skip=()):
    starts = weekly_starts(
        first_date=first_date, start_time=start_time, count=count, time_zone=course.tz, skip=skip
    )
    return Session.objects.bulk_create(
        Session(course=course, starts_at=start, duration_minutes=duration_minutes)
        for start in starts
    )


@transaction.atomic
def enrol(*, course, students) -> dict[str, list]:
    """Enrol students up to the course's capacity; the rest join the waitlist in order."""
    Course.objects.select_for_update().filter(pk=course.pk).first()  # one enrolment at a time
    existing = set(course.enrolments.values_list("student_id", flat=True))
    taken = course.enrolments.filter(status=Enrolment.Status.ENROLLED).count()
    result = {"enrolled": [], "waitlisted": [], "already": []}
    for student in students:
        if student.pk in existing:
            result["already"].append(student)
            continue
        status = (
            Enrolment.Status.ENROLLED if taken < course.capacity else Enrolment.Status.WAITLISTED
        )
        Enrolment.objects.create(course=course, student=student, status=status)
        if status == Enrolment.Status.ENROLLED:
            taken += 1
            result["enrolled"].append(student)
        else:
            result["waitlisted"].append(student)
    return result


@transaction.atomic
def unenrol(*, enrolment):
    """Take a student off a course; the first on the waitlist takes a freed place."""
    course = Course.objects.select_for_update().get(pk=enrolment.course_id)
    freed = enrolment.status == Enrolment.Status.ENROLLED
    enrolment.delete()
    promoted = None
    if freed:
        promoted = (
            course.enrolments.filter(status=Enrolment.Status.WAITLISTED)
            .order_by("created_at", "pk")
            .first()
        )
        if promoted:
            promoted.status = Enrolment.Status.ENROLLED
            promoted.save(update_fields=["status"])
    return promoted


def attendance_mark(*, session, student, status):
    record, _created = Attendance.objects.update_or_create(
        session=session, student=student, defaults={"status": status}
    )
    return record


@transaction.atomic
def session_update(*, session, plan_version, note: str, cancelled: bool) -> None:
    """Give a session its plan, note and state. A plan taught to a course is checked
    against that course's roster from then on, unless it already had one."""
    session.plan_version = plan_version
    session.note = note
    session.cancelled = cancelled
    session.save(update_fields=["plan_version", "note", "cancelled"])
    if plan_version and plan_version.plan_id:
        ClassPlan.objects.filter(pk=plan_version.plan_id, check_course__isnull=True).update(
            check_course=session.course
        )


# --- Home routines from published plans -----------------------------------------


@transaction.atomic
def homework_assign(*, students, version: PlanVersion, **fields) -> list:
    """Give each student a home routine frozen from a published version, and remember
    which version it came from (for "send the newest published version")."""
    created = roster_services.assign(students=students, version=version, **fields)
    AssignmentSource.objects.bulk_create(
        AssignmentSource(assignment=assignment, version=version) for assignment in created
    )
    return created


@transaction.atomic
def assignment_push_update(*, assignment) -> bool:
    """Replace the frozen routine with the newest published version of its plan."""
    source = AssignmentSource.objects.filter(assignment=assignment).select_related("version__plan")
    source = source.first()
    if source is None or source.version is None or source.version.plan_id is None:
        return False
    newest = source.version.plan.versions.order_by("-number").first()
    source.version = newest
    source.save(update_fields=["version"])
    assignment.title = newest.title
    assignment.snapshot = roster_services.routine_from_version(newest)
    assignment.save(update_fields=["title", "snapshot", "updated_at"])
    return True

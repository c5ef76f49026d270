"""Where the plan checks meet the roster: students and their health notes as the checks
see them (what to avoid, never the condition), and the checks on homework.

Only consented notes count; a student without recorded consent has none.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from routines.check_data import action_names, check_snapshot, region_graph, steps_from_snapshot
from routines.checks import HOMEWORK, NoteInfo, StudentInfo, avoid_text, note_conflicts

from .models import Assignment, HealthNote, Student


def first_name(name: str) -> str:
    words = name.split()
    return words[0] if words else name


def note_info(note: HealthNote) -> NoteInfo:
    return NoteInfo(
        note_id=note.pk,
        avoid_regions=frozenset(r.slug for r in note.avoid_regions.all()),
        avoid_actions=frozenset(a.slug for a in note.avoid_actions.all()),
        affected_regions=frozenset(r.slug for r in note.affected_regions.all()),
        until=note.until,
    )


def with_notes(students):
    """A Student queryset with the health notes the checks read: 5 queries in all."""
    notes = HealthNote.objects.prefetch_related(
        "avoid_regions", "avoid_actions", "affected_regions"
    )
    return students.prefetch_related(Prefetch("health_notes", queryset=notes))


def student_info(student: Student) -> StudentInfo:
    """Call on a student from `with_notes`, or pay a query per note list."""
    return StudentInfo(
        student_id=student.pk,
        name=student.short_name,
        first_name=first_name(str(student)),
        new_to_ball_work=student.new_to_ball_work,
        notes=tuple(note_info(n) for n in student.health_notes.all())
        if student.has_consent
        else (),
    )


def roster_info(students) -> list[StudentInfo]:
    """A queryset of roster students as plain data for the checks."""
    return [student_info(s) for s in with_notes(students)]


# --- Homework ---------------------------------------------------------------------


@dataclass
class HomeworkConflict:
    """One note of one student that a frozen home routine works against."""

    assignment: Assignment | None
    student: StudentInfo
    note_id: int
    avoid: str  # "back of the neck, side of the neck"
    steps: list = field(default_factory=list)  # StepInfo

    @property
    def step_titles(self) -> str:
        return ", ".join(s.title for s in self.steps)


def homework_conflicts(snapshot, roster, *, today, regions=None, names=None) -> list:
    """Every (student, note) that a routine's steps work against, for the given roster."""
    regions = regions if regions is not None else region_graph()
    names = names if names is not None else action_names()
    steps = steps_from_snapshot(snapshot)
    return [
        HomeworkConflict(
            assignment=None,
            student=student,
            note_id=note.note_id,
            avoid=avoid_text(note, regions, names),
            steps=concerned,
        )
        for student in roster
        for note, concerned in note_conflicts(steps, student, today)
    ]


def flagged_homework(students, *, today) -> list[HomeworkConflict]:
    """Current homework that works against a health note and was not acknowledged for
    that note: for a teacher's dashboard or one student's page. Bounded: 6 queries
    whatever the roster's size (1 when nobody has a note)."""
    noted = list(
        with_notes(
            students.filter(consent_given_at__isnull=False, health_notes__isnull=False).distinct()
        )
    )
    roster = {s.pk: student_info(s) for s in noted}
    if not roster:
        return []
    # The names the messages need come with the notes: no vocabulary queries.
    regions, names = {}, {}
    for student in noted:
        for note in student.health_notes.all():
            regions.update((r.slug, r) for r in note.avoid_regions.all())
            names.update((a.slug, a.name) for a in note.avoid_actions.all())
    assignments = Assignment.objects.filter(student_id__in=roster).exclude(
        status=Assignment.Status.ENDED
    )
    flagged = []
    for assignment in assignments:
        for conflict in homework_conflicts(
            assignment.snapshot,
            [roster[assignment.student_id]],
            today=today,
            regions=regions,
            names=names,
        ):
            if conflict.note_id not in assignment.acknowledged_notes:
                conflict.assignment = assignment
                flagged.append(conflict)
    return flagged


def own_reminders(student: Student, *, today) -> list[str]:
    """What a student's own current notes ask to avoid, for their own pages only:
    ["back of the neck, side of the neck"]. At most 4 queries."""
    if not student.has_consent:
        return []
    notes = student.health_notes.prefetch_related(
        "avoid_regions", "avoid_actions", "affected_regions"
    )
    reminders = []
    for note in notes:
        if not note.is_current(today):
            continue
        regions = {r.slug: r for r in note.avoid_regions.all()}
        names = {a.slug: a.name for a in note.avoid_actions.all()}
        if regions or names:
            reminders.append(avoid_text(note_info(note), regions, names))
    return reminders


# --- Assigning homework ----------------------------------------------------------

OMIT, KEEP, SWAP = "omit", "keep", "swap:"
MAX_REASON = 1000


@dataclass
class ReviewItem:
    """A step of the routine about to be assigned that some recipient must avoid."""

    key: str
    step: object  # StepInfo
    who: list  # (short name, what to avoid)
    alternatives: list  # TechniqueInfo
    choice: str = ""

    @property
    def field(self) -> str:
        return f"resolve-{self.key}"


@dataclass
class HomeworkReview:
    submitted: bool = False  # the teacher has seen the conflicts and answered
    items: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    reason: str = ""
    omit: set = field(default_factory=set)
    swaps: dict = field(default_factory=dict)  # key → technique slug
    acknowledged: dict = field(default_factory=dict)  # student id → note ids

    @property
    def resolved(self) -> bool:
        return not self.errors and all(item.choice for item in self.items)


def homework_review(routine: dict, roster, data, *, today) -> HomeworkReview:
    """Check a routine about to be assigned against each recipient's current notes, and
    read the teacher's answer for each conflicting step from `data` (the POST): leave it
    out, swap it for an alternative, or keep it with a reason."""
    regions, names = region_graph(), action_names()
    result = check_snapshot(routine, roster=roster, regions=regions, purpose=HOMEWORK)
    review = HomeworkReview(submitted=data.get("reviewed") == "1")
    review.reason = " ".join(str(data.get("acknowledgement", "")).replace("\x00", "").split())
    for conflict in result.conflicts.values():
        step = conflict.step
        who = [
            (student.name, avoid_text(note, regions, names))
            for student in conflict.students
            for note in student.current_notes(today)
            if note.conflicts_with(step.technique)
        ]
        item = ReviewItem(key=step.key, step=step, who=who, alternatives=conflict.alternatives)
        choice = str(data.get(item.field, "")) or (OMIT if data.get("resolve_all") == OMIT else "")
        offered = {SWAP + t.slug: t.slug for t in conflict.alternatives}
        if choice == OMIT:
            review.omit.add(step.key)
        elif choice in offered:
            review.swaps[step.key] = offered[choice]
        elif choice == KEEP:
            for student in conflict.students:
                review.acknowledged.setdefault(student.student_id, set()).update(
                    note.note_id
                    for note in student.current_notes(today)
                    if note.conflicts_with(step.technique)
                )
        else:
            choice = ""
        item.choice = choice
        review.items.append(item)
    if any(item.choice == KEEP for item in review.items):
        if not review.reason:
            review.errors.append(_("Say why the step is fine for them before assigning it anyway."))
        elif len(review.reason) > MAX_REASON:
            review.errors.append(_("Keep the reason to %(n)d characters.") % {"n": MAX_REASON})
    return review

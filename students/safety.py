"""Where the plan checks meet the roster: students and their health notes as the checks
see them (what to avoid, never the condition: only its structured part, when the note names
one the library states its suitability for), and the checks on homework.

Only consented notes count; a student without recorded consent has none.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import (
    CharField,
    DateField,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Value,
)
from django.utils.translation import gettext as _

from accounts.text import strip_control
from routines.check_data import action_names, check_snapshot, region_graph, steps_from_snapshot
from routines.checks import HOMEWORK, NoteInfo, StudentInfo, avoid_text, note_conflicts
from routines.snapshots import localize_snapshot

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
        suitability_condition=note.suitability_condition,
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


class RegionName(NamedTuple):
    """What a conflict's text reads of a region (`routines.checks.region_label`)."""

    name: str


def consented_notes(student_ids) -> tuple[dict, dict, dict]:
    """The health notes of these students, as the checks read them: (student id → their
    NoteInfo, newest first; slug → RegionName of each region they avoid; slug → name of
    each action they avoid). 1 query: the notes and their three lists, as one union (a
    note's own row carries its suitability condition in the slug column). Only call it for
    students whose consent is recorded: it does not look."""
    notes = HealthNote.objects.filter(student_id__in=student_ids)
    links = {
        "region": HealthNote.avoid_regions.through.objects.annotate(
            slug=F("region__slug"), name=F("region__name")
        ),
        "action": HealthNote.avoid_actions.through.objects.annotate(
            slug=F("action__slug"), name=F("action__name")
        ),
        "affected": HealthNote.affected_regions.through.objects.annotate(
            slug=F("region__slug"), name=F("region__name")
        ),
    }
    columns = ("note_id", "kind", "owner_id", "until", "written", "slug", "name")
    rows = (
        notes.order_by()
        .annotate(
            note_id=F("pk"),
            kind=Value("note"),
            owner_id=F("student_id"),
            written=F("created_at"),
            slug=F("suitability_condition"),
            name=Value(None, output_field=CharField()),
        )
        .values_list(*columns)
        .union(
            *(
                link.filter(healthnote__in=notes)
                .annotate(
                    note_id=F("healthnote_id"),
                    kind=Value(kind),
                    owner_id=Value(None, output_field=IntegerField()),
                    until=Value(None, output_field=DateField()),
                    written=Value(None, output_field=DateTimeField()),
                )
                .values_list(*columns)
                for kind, link in links.items()
            ),
            all=True,
        )
    )
    found, lists = [], defaultdict(lambda: {"region": set(), "action": set(), "affected": set()})
    regions, names = {}, {}
    for note_id, kind, student_id, until, written, slug, name in rows:
        if kind == "note":
            found.append((written, note_id, student_id, until, slug or ""))
            continue
        lists[note_id][kind].add(slug)
        if kind == "region":
            regions[slug] = RegionName(name)
        elif kind == "action":
            names[slug] = name
    by_student = defaultdict(list)
    for _written, pk, student_id, until, condition in sorted(found, reverse=True):  # newest first
        by_student[student_id].append(
            NoteInfo(
                note_id=pk,
                avoid_regions=frozenset(lists[pk]["region"]),
                avoid_actions=frozenset(lists[pk]["action"]),
                affected_regions=frozenset(lists[pk]["affected"]),
                until=until,
                suitability_condition=condition,
            )
        )
    return by_student, regions, names


def info_with_notes(student: Student, notes) -> StudentInfo:
    """`student_info` for a student whose notes were read by `consented_notes`."""
    return StudentInfo(
        student_id=student.pk,
        name=student.short_name,
        first_name=first_name(str(student)),
        new_to_ball_work=student.new_to_ball_work,
        notes=tuple(notes) if student.has_consent else (),
    )


def homework_flags(assignments, roster: dict, *, today, regions, names) -> list:
    """The conflicts of current homework (`assignments`, with their snapshots) with the
    current notes of its students (`roster`: student id → StudentInfo) that were not
    acknowledged for that note. No queries."""
    flagged = []
    for assignment in assignments:
        if assignment.status == Assignment.Status.ENDED or assignment.student_id not in roster:
            continue
        for conflict in homework_conflicts(
            localize_snapshot(assignment.snapshot),  # its step names in the reader's language
            [roster[assignment.student_id]],
            today=today,
            regions=regions,
            names=names,
        ):
            if conflict.note_id not in assignment.acknowledged_notes:
                conflict.assignment = assignment
                flagged.append(conflict)
    return flagged


def flagged_homework(students, *, today) -> list[HomeworkConflict]:
    """Current homework that works against a health note and was not acknowledged for
    that note: for a teacher's dashboard or one student's page. Bounded: 1 query when no
    student with current homework has a current note, 2 when some have."""
    current_note = HealthNote.objects.filter(student=OuterRef("pk")).filter(
        Q(until__isnull=True) | Q(until__gte=today)
    )
    noted = students.filter(consent_given_at__isnull=False).filter(Exists(current_note))
    assignments = list(
        Assignment.objects.filter(student__in=noted.values("pk"))
        .exclude(status=Assignment.Status.ENDED)
        .select_related("student")
    )
    if not assignments:
        return []
    notes, regions, names = consented_notes({a.student_id for a in assignments})
    roster = {
        a.student_id: info_with_notes(a.student, notes.get(a.student_id, ())) for a in assignments
    }
    return homework_flags(assignments, roster, today=today, regions=regions, names=names)


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
        if regions or names or note.suitability_condition:
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
    # Checked in the reader's language (the steps' names it shows); `routine` itself, which
    # is then frozen, stays as it is.
    result = check_snapshot(
        localize_snapshot(routine), roster=roster, regions=regions, purpose=HOMEWORK
    )
    review = HomeworkReview(submitted=data.get("reviewed") == "1")
    review.reason = " ".join(strip_control(str(data.get("acknowledgement", ""))).split())
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

"""Plan check findings as the pages show them: checked against a course's roster, with
the per-student modifications applied and dismissals set aside.

The checks are cached (routines/caching.py) under the state of everything they read:
the snapshot (named by the caller: a published version's id, or a draft's lock version),
the roster's students and health notes (`roster_state`, one aggregate query), the plan's
modifications, the library's version, today's date (a note can end) and the language of
the messages. A change to any of these makes a new key; nothing expires to be correct.
"""

from dataclasses import dataclass
from functools import cache, cached_property

from django.db import connection
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language

from routines.caching import cached, make_key
from routines.check_data import body_map_for, check_snapshot, library, steps_from_snapshot
from routines.checks import CLASS, ModificationInfo, roster_avoid, step_conflicts
from routines.models import LibraryState
from routines.state import STATE_PK
from students.models import HealthNote, Student
from students.safety import roster_info

from .models import Enrolment, FindingDismissal, StepModification


def roster_state(course) -> tuple | None:
    """A fingerprint of everything `roster_info` reads for a course's roster, in one
    aggregate query: who is enrolled (count, sums of ids), the latest change to any of them
    (name, consent, new to ball work) and to any of their health notes (count, ids, latest
    change; a note's regions are saved with the note). None without a course."""
    if course is None:
        return None
    return CheckState.of(None, course).roster


def roster_for_course(course, state=None) -> list:
    """The enrolled students of a course and their consented notes, as plain data: cached
    per `roster_state` (1 query when unchanged, 6 when changed)."""
    if course is None:
        return []
    state = roster_state(course) if state is None else state
    return cached(make_key("roster", state), lambda: roster_info(course.enrolled_students()))


def course_avoid(course):
    """What no alternative or suggestion may work, for this course's roster."""
    return roster_avoid(roster_for_course(course), timezone.localdate())


def plan_modifications(plan) -> list:
    if plan is None:
        return []
    return list(
        StepModification.objects.filter(plan=plan)
        .select_related("technique", "student")
        .only(
            "plan_id",
            "step_id",
            "student_id",
            "technique_id",
            "text",
            "technique__name",
            "student__name",
            "student__updated_at",
        )
    )


def modification_infos(modifications) -> list:
    return [
        ModificationInfo(
            student_id=m.student_id, step_id=m.step_id, instead=m.instead, modification_id=m.pk
        )
        for m in modifications
    ]


def _state_sql() -> str:
    """The fingerprint query of `state_figures`, written once: plain SQL, because the ORM
    takes several milliseconds to compile ten subqueries and this runs on every page that
    shows the checks. Sums of id² + 7919·id + 1 tell sets of ids apart, and their sizes."""
    quote = connection.ops.quote_name
    library, enrolment, student, note, modification, dismissal = (
        quote(model._meta.db_table)
        for model in (
            LibraryState,
            Enrolment,
            Student,
            HealthNote,
            StepModification,
            FindingDismissal,
        )
    )
    ids = "SUM({0}.id * {0}.id + 7919 * {0}.id + 1)"
    enrolled = (
        f"SELECT e.student_id FROM {enrolment} e "
        "WHERE e.course_id = %(course)s AND e.status = %(enrolled)s"
    )
    figures = [
        f"SELECT version FROM {library} WHERE id = %(state)s",
        f"SELECT {ids.format('s')} FROM {student} s WHERE s.id IN ({enrolled})",
        f"SELECT MAX(s.updated_at) FROM {student} s WHERE s.id IN ({enrolled})",
        f"SELECT {ids.format('n')} FROM {note} n WHERE n.student_id IN ({enrolled})",
        f"SELECT MAX(n.updated_at) FROM {note} n WHERE n.student_id IN ({enrolled})",
        f"SELECT {ids.format('m')} FROM {modification} m WHERE m.plan_id = %(plan)s",
        f"SELECT MAX(m.updated_at) FROM {modification} m WHERE m.plan_id = %(plan)s",
        f"SELECT MAX(s.updated_at) FROM {student} s WHERE s.id IN "
        f"(SELECT m.student_id FROM {modification} m WHERE m.plan_id = %(plan)s)",
        f"SELECT {ids.format('d')} FROM {dismissal} d WHERE d.plan_id = %(plan)s",
        f"SELECT MAX(d.updated_at) FROM {dismissal} d WHERE d.plan_id = %(plan)s",
    ]
    return "SELECT " + ", ".join(f"({figure})" for figure in figures)


FIGURES = (
    "library",
    "students",
    "students_changed",
    "notes",
    "notes_changed",
    "modifications",
    "modified",
    "modified_students",
    "dismissals",
    "dismissed",
)


@cache
def state_sql(vendor: str) -> str:
    return _state_sql()


def state_figures(plan, course) -> dict:
    """Fingerprints of every input of a plan's checks but its snapshot, in one query: the
    library's version; who is enrolled in the course, their health notes, and the latest
    change to any of them (a note's regions are saved with the note); the plan's
    modifications and dismissals (ids and latest change; a student renamed in a
    modification counts too)."""
    params = {
        "state": STATE_PK,
        "course": course.pk if course is not None else None,
        "enrolled": Enrolment.Status.ENROLLED,
        "plan": plan.pk if plan is not None else None,
    }
    with connection.cursor() as cursor:
        cursor.execute(state_sql(connection.vendor), params)
        row = cursor.fetchone()
    return {
        name: str(value) if value is not None else None
        for name, value in zip(FIGURES, row, strict=True)
    }


@dataclass
class CheckState:
    """The inputs of a plan's checks other than its snapshot, fingerprinted in one query,
    and the keys they make with a snapshot's name. The modifications and dismissals
    themselves are loaded only when something is computed or shown from them."""

    plan: object
    course: object
    figures: dict
    today: object

    @classmethod
    def of(cls, plan, course) -> "CheckState":
        return cls(
            plan=plan,
            course=course,
            figures=state_figures(plan, course),
            today=timezone.localdate(),
        )

    @property
    def library(self) -> int:
        return self.figures["library"] or 0

    @property
    def roster(self) -> tuple | None:
        if self.course is None:
            return None
        names = ("students", "students_changed", "notes", "notes_changed")
        return (self.course.pk, *(self.figures[name] for name in names))

    @cached_property
    def modifications(self) -> list:
        return plan_modifications(self.plan)

    @cached_property
    def dismissals(self) -> dict:
        if self.plan is None:
            return {}
        return {d.key: d for d in FindingDismissal.objects.filter(plan=self.plan)}

    def key(self, kind: str, snapshot_name, *more) -> str:
        return make_key(
            kind,
            snapshot_name,
            sorted(self.figures.items()),
            self.course.pk if self.course is not None else None,
            self.today,
            get_language(),
            *more,
        )


def conflicting_steps(snapshot, *, plan, course) -> list:
    """Only the steps that conflict with someone on the roster, or that the library marks
    "with care" for a condition a note names, and who is adapted how: what teach mode
    needs, without the library or the other checks."""
    adapted = {(m.student_id, m.step_id): m for m in modification_infos(plan_modifications(plan))}
    conflicts = step_conflicts(
        steps_from_snapshot(snapshot),
        roster_for_course(course),
        timezone.localdate(),
        adapted,
        with_care=True,
    )
    return list(conflicts.values())


def plan_findings(snapshot, *, plan=None, course=None, snapshot_name=None, state=None) -> dict:
    """The checks of a plan snapshot: result, active and dismissed findings, conflicting
    steps with their alternatives, suggestions, and the body map.

    `snapshot` may be a function returning it, called only when the checks are not cached.
    `snapshot_name` names the snapshot for good: ("version", pk) for a published version,
    ("draft", plan pk, lock version) for a draft. Without one, nothing is cached."""
    state = state or CheckState.of(plan, course)
    purpose = plan.purpose if plan else CLASS

    def check():
        frozen = snapshot() if callable(snapshot) else snapshot
        known = library(state.library)
        result, suggested = check_snapshot(
            frozen,
            roster=roster_for_course(course, state.roster),
            regions=known.regions,
            modifications=modification_infos(state.modifications),
            purpose=frozen.get("purpose") or purpose,
            with_suggestions=True,
        )
        return result, suggested, body_map_for(result.seconds_by_region, known.regions)

    if snapshot_name is None:
        result, suggested, body_map = check()
    else:
        result, suggested, body_map = cached(state.key("checks", snapshot_name, purpose), check)
    dismissals = state.dismissals
    active = [f for f in result.findings if f.key not in dismissals]
    dismissed = [(f, dismissals[f.key]) for f in result.findings if f.key in dismissals]
    counts = {}
    for finding in active:
        counts[finding.level] = counts.get(finding.level, 0) + 1
    return {
        "result": result,
        "active": active,
        "dismissed": dismissed,
        "counts": counts,
        "course": course,
        "conflicts": list(result.conflicts.values()),
        "avoid": result.avoid,
        "modifications": state.modifications,
        "suggestions": suggested,
        "body_map": body_map,
    }


def no_store(response):
    """A response carrying anything derived from a health note is never cached."""
    add_never_cache_headers(response)
    return response

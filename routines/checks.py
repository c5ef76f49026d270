"""Plan checks: safety against the roster, balance, time and teaching.

Pure functions on plain data: no request, no template, no query. Callers gather the
data (routines/check_data.py does it in a fixed number of queries) and show the result.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

DANGER, WARNING, TIP = "danger", "warning", "tip"
LEVEL_ORDER = {DANGER: 0, WARNING: 1, TIP: 2}

UNDER_TARGET_SHARE = 0.15  # more than 15 % under the target is worth a word
LONG_STEP_FACTOR = 2  # a step more than twice its technique's default
REGION_SHARE = 0.4  # one region taking more than 40 % of the technique time...
REGION_MIN_SECONDS = 10 * 60  # ...and at least 10 minutes
MAX_ALTERNATIVES = 3


@dataclass(frozen=True)
class TechniqueInfo:
    slug: str
    name: str
    regions: frozenset = frozenset()
    actions: frozenset = frozenset()
    intensity: str = "gentle"
    status: str = "published"


@dataclass(frozen=True)
class StepInfo:
    index: int  # position in the plan, from 1
    section: str
    kind: str  # technique, assessment, rest, talk
    title: str
    duration_seconds: int
    side: str = "both"
    technique: TechniqueInfo | None = None
    default_seconds: int | None = None
    cautions: tuple = ()  # the technique's cautions and contraindications

    @property
    def total_seconds(self) -> int:
        return self.duration_seconds * (2 if self.side == "each" else 1)


@dataclass(frozen=True)
class NoteInfo:
    note_id: int
    condition: str
    avoid_regions: frozenset = frozenset()
    avoid_actions: frozenset = frozenset()
    affected_regions: frozenset = frozenset()
    until: datetime.date | None = None

    def is_current(self, today: datetime.date) -> bool:
        return self.until is None or self.until >= today


@dataclass(frozen=True)
class StudentInfo:
    student_id: int
    name: str
    new_to_ball_work: bool = False
    notes: tuple = ()


@dataclass(frozen=True)
class RegionInfo:
    slug: str
    name: str
    partner: str | None = None
    neighbours: frozenset = frozenset()


@dataclass
class Finding:
    level: str
    code: str
    key: str  # stable: what a dismissal remembers
    message: str
    steps: list = field(default_factory=list)  # StepInfo
    students: list = field(default_factory=list)  # names
    alternatives: list = field(default_factory=list)  # TechniqueInfo


@dataclass
class CheckResult:
    findings: list
    cautions: list
    seconds_by_region: dict


def run_checks(
    *,
    steps,
    target_seconds: int,
    total_seconds: int,
    regions: dict,
    catalogue=(),
    roster=(),
    today: datetime.date | None = None,
) -> CheckResult:
    """Every check on one plan. `regions` maps slug → RegionInfo; `catalogue` holds the
    published techniques that alternatives and suggestions are chosen from."""
    today = today or datetime.date.today()
    steps = list(steps)
    catalogue = [t for t in catalogue if t.status == "published"]
    in_plan = {s.technique.slug for s in steps if s.technique}
    findings = [
        *safety(steps, roster, regions, catalogue, in_plan, today),
        *balance(steps, regions, catalogue, in_plan),
        *timing(steps, target_seconds, total_seconds),
        *teaching(steps, roster, total_seconds, regions),
    ]
    findings.sort(key=lambda f: LEVEL_ORDER[f.level])
    return CheckResult(
        findings=findings, cautions=cautions(steps), seconds_by_region=seconds_by_region(steps)
    )


def name_of(slug: str, regions: dict) -> str:
    region = regions.get(slug)
    return region.name if region else slug


def seconds_by_region(steps) -> dict[str, int]:
    """Seconds of work per region; a step on several regions counts for each."""
    seconds = defaultdict(int)
    for step in steps:
        if step.technique:
            for slug in step.technique.regions:
                seconds[slug] += step.total_seconds
    return dict(seconds)


def cautions(steps) -> list[str]:
    """The plan's techniques' cautions and contraindications, once each."""
    seen = []
    for step in steps:
        for text in step.cautions:
            if text not in seen:
                seen.append(text)
    return seen


def alternatives_for(
    technique, *, avoid_regions, avoid_actions, catalogue, in_plan, regions
) -> list:
    """Up to three published techniques for the same work without what must be avoided:
    the step's other regions first, then its regions' partners and connected regions."""
    wanted = set(technique.regions) - set(avoid_regions)
    nearby = set()
    for slug in technique.regions:
        region = regions.get(slug)
        if region:
            nearby |= set(region.neighbours) | ({region.partner} if region.partner else set())
    nearby -= set(avoid_regions)

    def score(candidate):
        return (
            len(candidate.regions & wanted) * 3
            + len(candidate.regions & nearby)
            + len(candidate.actions & technique.actions)
            + (candidate.intensity == technique.intensity)
        )

    candidates = [
        c
        for c in catalogue
        if c.slug not in in_plan
        and not (c.regions & set(avoid_regions))
        and not (c.actions & set(avoid_actions))
        and (c.regions & (wanted | nearby))
    ]
    candidates.sort(key=lambda c: (-score(c), c.name))
    return candidates[:MAX_ALTERNATIVES]


# --- Safety -----------------------------------------------------------------------


def safety(steps, roster, regions, catalogue, in_plan, today):
    for student in roster:
        for note in student.notes:
            if not note.is_current(today):
                continue
            avoid_regions = note.avoid_regions
            avoid_actions = note.avoid_actions
            for step in steps:
                technique = step.technique
                if technique is None:
                    continue
                clash_regions = technique.regions & avoid_regions
                clash_actions = technique.actions & avoid_actions
                if not clash_regions and not clash_actions:
                    continue
                what = ", ".join(
                    [name_of(s, regions).lower() for s in sorted(clash_regions)]
                    + sorted(clash_actions)
                )
                yield Finding(
                    level=DANGER,
                    code="safety.health-note",
                    key=f"safety.health-note:{student.student_id}:{note.note_id}:{technique.slug}",
                    message=_(
                        "The health note of %(student)s (“%(condition)s”) says to avoid %(what)s, "
                        "which step %(n)d, “%(step)s”, works."
                    )
                    % {
                        "student": student.name,
                        "condition": note.condition,
                        "what": what,
                        "n": step.index,
                        "step": step.title,
                    },
                    steps=[step],
                    students=[student.name],
                    alternatives=alternatives_for(
                        technique,
                        avoid_regions=avoid_regions | note.affected_regions,
                        avoid_actions=avoid_actions,
                        catalogue=catalogue,
                        in_plan=in_plan,
                        regions=regions,
                    ),
                )


# --- Balance ----------------------------------------------------------------------


def balance(steps, regions, catalogue, in_plan):
    worked = set(seconds_by_region(steps))
    reported = set()
    for slug in sorted(worked):
        region = regions.get(slug)
        if (
            not region
            or not region.partner
            or region.partner in worked
            or region.partner in reported
        ):
            continue
        reported.add(region.partner)
        partner = regions.get(region.partner)
        steps_here = [s for s in steps if s.technique and slug in s.technique.regions]
        yield Finding(
            level=WARNING,
            code="balance.partner",
            key=f"balance.partner:{region.partner}",
            message=_("The plan works the %(region)s but never its partner, the %(partner)s.")
            % {"region": region.name.lower(), "partner": name_of(region.partner, regions).lower()},
            steps=steps_here,
            alternatives=[
                c for c in catalogue if region.partner in c.regions and c.slug not in in_plan
            ][:MAX_ALTERNATIVES]
            if partner
            else [],
        )
    by_technique = defaultdict(lambda: {"left": [], "right": []})
    for step in steps:
        if step.technique and step.side in ("left", "right"):
            by_technique[step.technique.slug][step.side].append(step)
    for slug, sides in by_technique.items():
        left, right = len(sides["left"]), len(sides["right"])
        if left == right:
            continue
        done, missing = ("left", _("right")) if left > right else ("right", _("left"))
        step = sides[done][0]
        yield Finding(
            level=WARNING,
            code="balance.sides",
            key=f"balance.sides:{slug}",
            message=_(
                "“%(step)s” is done on one side more than the other: add the %(missing)s side."
            )
            % {"step": step.title, "missing": missing},
            steps=sides[done],
        )


# --- Time -------------------------------------------------------------------------


def minutes(seconds: int) -> str:
    return f"{round(seconds / 60)}"


def timing(steps, target_seconds, total_seconds):
    if not steps:
        return
    if total_seconds > target_seconds:
        yield Finding(
            level=WARNING,
            code="time.over",
            key="time.over",
            message=_(
                "The plan runs %(over)s min over its %(target)s-minute target "
                "(%(total)s min in all)."
            )
            % {
                "over": minutes(total_seconds - target_seconds),
                "target": minutes(target_seconds),
                "total": minutes(total_seconds),
            },
        )
    elif total_seconds < target_seconds * (1 - UNDER_TARGET_SHARE):
        yield Finding(
            level=WARNING,
            code="time.under",
            key="time.under",
            message=_("The plan runs %(under)s min short of its %(target)s-minute target.")
            % {"under": minutes(target_seconds - total_seconds), "target": minutes(target_seconds)},
        )
    for step in steps:
        if (
            step.technique
            and step.default_seconds
            and step.duration_seconds > LONG_STEP_FACTOR * step.default_seconds
        ):
            yield Finding(
                level=TIP,
                code="time.long-step",
                key=f"time.long-step:{step.technique.slug}:{step.index}",
                message=_(
                    "Step %(n)d, “%(step)s”, lasts %(mins)s min, "
                    "more than twice its usual %(usual)s min."
                )
                % {
                    "n": step.index,
                    "step": step.title,
                    "mins": f"{step.duration_seconds / 60:g}",
                    "usual": f"{step.default_seconds / 60:g}",
                },
                steps=[step],
            )


# --- Teaching ---------------------------------------------------------------------


def teaching(steps, roster, total_seconds, regions):
    if not steps:
        return
    newcomers = [s.name for s in roster if s.new_to_ball_work]
    if newcomers:
        elapsed, early_deep = 0, []
        for step in steps:
            if (
                elapsed < total_seconds / 3
                and step.technique
                and step.technique.intensity == "deep"
            ):
                early_deep.append(step)
            elapsed += step.total_seconds
        if early_deep:
            yield Finding(
                level=WARNING,
                code="teaching.newcomers-deep",
                key="teaching.newcomers-deep",
                message=_(
                    "%(n)d newcomers to ball work are on the roster, "
                    "and the first third has deep work "
                    "(%(steps)s): start gentle and introduce the balls first."
                )
                % {"n": len(newcomers), "steps": ", ".join(f"“{s.title}”" for s in early_deep)},
                steps=early_deep,
                students=newcomers,
            )
    last = steps[-1]
    calm_end = last.kind == "rest" or (
        last.technique and "sustained-hold" in last.technique.actions
    )
    if not calm_end:
        yield Finding(
            level=TIP,
            code="teaching.no-rest",
            key="teaching.no-rest",
            message=_(
                "The plan does not end with a rest: "
                "a quiet moment to notice breath and body helps it land."
            ),
        )
    assessments = [s for s in steps if s.kind == "assessment"]
    if len(assessments) == 1:
        yield Finding(
            level=TIP,
            code="teaching.no-recheck",
            key="teaching.no-recheck",
            message=_(
                "“%(step)s” is never re-checked: "
                "repeat it near the end so students feel the change."
            )
            % {"step": assessments[0].title},
            steps=assessments,
        )
    by_region = seconds_by_region(steps)
    technique_seconds = sum(s.total_seconds for s in steps if s.technique)
    for slug, seconds in sorted(by_region.items(), key=lambda kv: -kv[1]):
        if (
            seconds >= REGION_MIN_SECONDS
            and technique_seconds
            and seconds > REGION_SHARE * technique_seconds
        ):
            yield Finding(
                level=TIP,
                code="teaching.one-region",
                key=f"teaching.one-region:{slug}",
                message=_(
                    "%(mins)s min go to one region (%(region)s): "
                    "spread the work, or spend some on connected areas."
                )
                % {"mins": minutes(seconds), "region": name_of(slug, regions).lower()},
            )
            break


@dataclass
class Suggestions:
    focus: RegionInfo | None
    connected: list  # TechniqueInfo, upstream and downstream along the fascial line
    partner: list  # TechniqueInfo, for the partner region


def suggestions(*, steps, regions: dict, catalogue) -> Suggestions:
    """For the region the plan works most, techniques for its connected regions ("local
    action, global effect": the feet before the back of the thigh) and for its partner."""
    seconds = seconds_by_region(steps)
    if not seconds:
        return Suggestions(None, [], [])
    focus = regions.get(max(seconds, key=lambda slug: (seconds[slug], slug)))
    if focus is None:
        return Suggestions(None, [], [])
    in_plan = {s.technique.slug for s in steps if s.technique}
    available = [t for t in catalogue if t.status == "published" and t.slug not in in_plan]
    unworked_neighbours = set(focus.neighbours) - set(seconds)
    connected = sorted(
        (t for t in available if t.regions & unworked_neighbours),
        key=lambda t: (t.intensity != "gentle", t.name),
    )[:MAX_ALTERNATIVES]
    partner = []
    if focus.partner:
        partner = sorted(
            (t for t in available if focus.partner in t.regions), key=lambda t: t.name
        )[:MAX_ALTERNATIVES]
    return Suggestions(focus, connected, partner)

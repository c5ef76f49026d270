"""Plan checks: safety against the roster, balance, time and teaching.

Pure functions on plain data: no request, no template, no query. Callers gather the
data (routines/check_data.py for the plan and the library; the app that owns rosters
for the students and their notes) and show the result.

Safety findings come one per student and health note, listing every step the note
concerns, so their number is bounded by the roster's notes, never by students × steps.
A finding names the student and what to avoid, never the condition or the note's text.
A note may also name one of the conditions the library states its suitability for
(pregnancy by trimester, osteoporosis, clot risk): a technique stated "no" for it is
avoided like a region to avoid, one stated "with care" gets a warning, and the findings
name only that condition's label, where they say what to avoid.
Alternatives and suggestions never work anything that any current note of the checked
roster asks to avoid.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

DANGER, WARNING, TIP, ADAPTED = "danger", "warning", "tip", "adapted"
LEVEL_ORDER = {DANGER: 0, WARNING: 1, TIP: 2, ADAPTED: 3}

# What a plan is for: the rest and spread checks apply to whole classes only.
CLASS, BLOCK, HOMEWORK = "class", "block", "homework"

UNDER_TARGET_SHARE = 0.15  # more than 15 % under the target is worth a word
TIME_TOLERANCE_SECONDS = 60  # no time warning within a minute...
TIME_TOLERANCE_SHARE = 0.05  # ...or 5 % of the target, whichever is larger
LONG_STEP_FACTOR = 2  # a step more than twice its technique's default
REGION_SHARE = 0.4  # one region taking more than 40 % of the technique time...
REGION_MIN_SECONDS = 10 * 60  # ...and at least 10 minutes
HOMEWORK_DAILY_MAX_SECONDS = 20 * 60  # a daily routine longer than this is hard to keep up
MAX_ALTERNATIVES = 3

# The conditions a health note can name that the library states its suitability for, as
# flat keys (routines.models.SUITABILITY_KEYS), with the label the health-note form and the
# findings show. What a technique states for one: yes, "with care", or no.
SUITABILITY_CONDITION_LABELS = {
    "pregnancy-first": gettext_lazy("Pregnancy, first trimester"),
    "pregnancy-second": gettext_lazy("Pregnancy, second trimester"),
    "pregnancy-third": gettext_lazy("Pregnancy, third trimester"),
    "osteoporosis": gettext_lazy("Osteoporosis"),
    "clot_risk": gettext_lazy("A risk of blood clots (or blood thinners)"),
}
WITH_CARE, NOT_SUITED = "care", "no"


def suitability_pairs(flat: dict) -> tuple:
    """A technique's flat suitability ({"pregnancy-third": "no", …}) as TechniqueInfo keeps
    it: sorted (key, value) pairs, so that the info stays hashable."""
    return tuple(sorted((str(k), str(v)) for k, v in (flat or {}).items()))


def condition_label(condition: str) -> str:
    label = SUITABILITY_CONDITION_LABELS.get(condition)
    return str(label) if label is not None else condition


@dataclass(frozen=True)
class TechniqueInfo:
    slug: str
    name: str
    regions: frozenset = frozenset()
    actions: frozenset = frozenset()
    intensity: str = "gentle"
    status: str = "published"
    equipment: frozenset = frozenset()
    position: str = ""
    # What it states it suits (suitability_pairs); a condition left out is not stated,
    # which is no conflict (versions frozen before the library stated any have none).
    suitability: tuple = ()

    def suits(self, condition: str) -> str:
        """What it states for a condition key: "yes", "care", "no", or "" for nothing."""
        if not condition:
            return ""
        return next((value for key, value in self.suitability if key == condition), "")


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
    step_id: int | None = None  # the draft step's id, where the snapshot has it
    key: str = ""  # "section:step" by position in the snapshot

    @property
    def total_seconds(self) -> int:
        return self.duration_seconds * (2 if self.side == "each" else 1)


@dataclass(frozen=True)
class NoteInfo:
    """What a check needs of a health note: what to avoid, and until when. The condition
    and the details are deliberately not here: no check shows them. What is here is the
    condition's structured part, when the note names one from a fixed list that the
    library states its suitability for (SUITABILITY_CONDITION_LABELS): it is shown only by
    its label, and only where a message says what to avoid."""

    note_id: int
    avoid_regions: frozenset = frozenset()
    avoid_actions: frozenset = frozenset()
    affected_regions: frozenset = frozenset()
    until: datetime.date | None = None
    suitability_condition: str = ""  # "pregnancy-third", "osteoporosis"…, or ""

    def is_current(self, today: datetime.date) -> bool:
        return self.until is None or self.until >= today

    @property
    def asks_to_avoid(self) -> bool:
        return bool(self.avoid_regions or self.avoid_actions or self.suitability_condition)

    def conflicts_with(self, technique: TechniqueInfo | None) -> bool:
        """Whether the technique works a region or an action to avoid, or is stated "no"
        for the note's condition."""
        return technique is not None and bool(
            technique.regions & self.avoid_regions
            or technique.actions & self.avoid_actions
            or technique.suits(self.suitability_condition) == NOT_SUITED
        )

    def asks_care_with(self, technique: TechniqueInfo | None) -> bool:
        """Whether the technique is stated "with care" for the note's condition (and does
        not conflict with the note otherwise)."""
        return (
            technique is not None
            and technique.suits(self.suitability_condition) == WITH_CARE
            and not self.conflicts_with(technique)
        )


@dataclass(frozen=True)
class StudentInfo:
    student_id: int
    name: str  # as findings show it: "Sam S."
    first_name: str = ""  # as teach mode shows it, discreetly: "Sam"
    new_to_ball_work: bool = False
    notes: tuple = ()  # NoteInfo

    def current_notes(self, today: datetime.date) -> list:
        return [n for n in self.notes if n.is_current(today)]


@dataclass(frozen=True)
class ModificationInfo:
    """ "For Sam: do X instead" on one step of a plan."""

    student_id: int
    step_id: int
    instead: str  # a technique's name, or the teacher's own words
    technique: TechniqueInfo | None = None
    modification_id: int | None = None


@dataclass(frozen=True)
class RegionInfo:
    slug: str
    name: str
    partner: str | None = None
    neighbours: frozenset = frozenset()


@dataclass(frozen=True)
class Avoid:
    """Everything the current notes of a roster ask to avoid: what no alternative or
    suggestion may work."""

    regions: frozenset = frozenset()
    actions: frozenset = frozenset()
    conditions: frozenset = frozenset()  # a technique stated "no" for any of these is out

    def allows(self, technique: TechniqueInfo) -> bool:
        return not (
            technique.regions & self.regions
            or technique.actions & self.actions
            or any(technique.suits(c) == NOT_SUITED for c in self.conditions)
        )

    def __bool__(self) -> bool:
        return bool(self.regions or self.actions or self.conditions)

    def as_query(self) -> str:
        """As a technique page's query string (`?avoid=…&avoid_action=…`), so that its
        "works well with" leaves the same out: slugs only, never a name or a condition
        (so the conditions stay out of addresses, histories and logs)."""
        pairs = [("avoid", slug) for slug in sorted(self.regions)]
        pairs += [("avoid_action", slug) for slug in sorted(self.actions)]
        return urlencode(pairs)


def roster_avoid(roster, today: datetime.date) -> Avoid:
    regions, actions, conditions = set(), set(), set()
    for student in roster:
        for note in student.current_notes(today):
            regions |= note.avoid_regions | note.affected_regions
            actions |= note.avoid_actions
            if note.suitability_condition:
                conditions.add(note.suitability_condition)
    return Avoid(frozenset(regions), frozenset(actions), frozenset(conditions))


@dataclass
class Finding:
    level: str
    code: str
    key: str  # stable: what a dismissal remembers
    message: str
    steps: list = field(default_factory=list)  # StepInfo
    students: list = field(default_factory=list)  # names
    alternatives: list = field(default_factory=list)  # TechniqueInfo
    modified: list = field(default_factory=list)  # (StepInfo, ModificationInfo)


@dataclass
class StepConflict:
    """A step that some note of the roster asks to avoid, with who, and what could
    replace it for the whole class."""

    step: StepInfo
    students: list = field(default_factory=list)  # StudentInfo, not adapted for
    adapted: list = field(default_factory=list)  # (StudentInfo, ModificationInfo)
    alternatives: list = field(default_factory=list)  # TechniqueInfo

    @property
    def student_names(self) -> str:
        return ", ".join(s.name for s in self.students)


@dataclass
class CheckResult:
    findings: list
    cautions: list
    seconds_by_region: dict
    conflicts: dict = field(default_factory=dict)  # step index → StepConflict
    avoid: Avoid = field(default_factory=Avoid)


def run_checks(
    *,
    steps,
    target_seconds: int,
    total_seconds: int,
    regions: dict,
    catalogue=(),
    roster=(),
    today: datetime.date | None = None,
    purpose: str = CLASS,
    modifications=(),
    action_names: dict | None = None,
    daily: bool = True,
) -> CheckResult:
    """Every check on one plan or routine. `regions` maps slug → RegionInfo; `catalogue`
    holds the published techniques that alternatives are chosen from; `modifications`
    are the per-student adaptations recorded on the plan's steps."""
    today = today or datetime.date.today()
    steps = list(steps)
    catalogue = [t for t in catalogue if t.status == "published"]
    in_plan = {s.technique.slug for s in steps if s.technique}
    avoid = roster_avoid(roster, today)
    memo = {}

    def alternatives(technique):
        if technique.slug not in memo:
            memo[technique.slug] = alternatives_for(
                technique, avoid=avoid, catalogue=catalogue, in_plan=in_plan, regions=regions
            )
        return memo[technique.slug]

    adapted = {(m.student_id, m.step_id): m for m in modifications}
    conflicts = step_conflicts(steps, roster, today, adapted)
    for conflict in conflicts.values():
        conflict.alternatives = alternatives(conflict.step.technique)
    findings = [
        *safety(steps, roster, regions, action_names or {}, today, adapted),
        *balance(steps, regions, catalogue, in_plan, avoid),
        *timing(steps, target_seconds, total_seconds, purpose=purpose, daily=daily),
        *teaching(steps, roster, total_seconds, regions, purpose=purpose),
    ]
    findings.sort(key=lambda f: LEVEL_ORDER[f.level])
    return CheckResult(
        findings=findings,
        cautions=cautions(steps),
        seconds_by_region=seconds_by_region(steps),
        conflicts=conflicts,
        avoid=avoid,
    )


def region_label(slug: str, regions: dict) -> str:
    """A region's name as it stands inside a sentence: "Back of the neck" → "back of the
    neck". Used after a colon or in a list, never after an article."""
    region = regions.get(slug)
    name = region.name if region else slug.replace("-", " ")
    return name[:1].lower() + name[1:]


def region_name(slug: str, regions: dict) -> str:
    region = regions.get(slug)
    return region.name if region else slug.replace("-", " ")


def avoid_text(note: NoteInfo, regions: dict, action_names: dict) -> str:
    """What a note asks to avoid, as a list: "back of the neck, side of the neck, cross-fiber,
    techniques not suited to “Pregnancy, third trimester”"."""
    items = [region_label(slug, regions) for slug in sorted(note.avoid_regions)]
    items += [action_names.get(slug, slug).lower() for slug in sorted(note.avoid_actions)]
    if note.suitability_condition:
        items.append(
            _("techniques not suited to “%(condition)s”")
            % {"condition": condition_label(note.suitability_condition)}
        )
    return ", ".join(items)


def step_numbers(steps) -> str:
    return ", ".join(str(s.index) for s in steps)


def duration_text(seconds: float) -> str:
    """4 min 30 s, 12 min, 45 s: never "0 min"."""
    seconds = max(0, round(seconds))
    minutes_, rest = divmod(seconds, 60)
    if minutes_ and rest:
        return _("%(m)d min %(s)d s") % {"m": minutes_, "s": rest}
    if minutes_:
        return _("%(m)d min") % {"m": minutes_}
    return _("%(s)d s") % {"s": rest}


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


def alternatives_for(technique, *, avoid: Avoid, catalogue, in_plan, regions) -> list:
    """Up to three published techniques that keep the step's purpose without anything the
    roster must avoid. Ranked by what they keep: the step's own regions that are still
    allowed, then a similar action, a neighbouring region, the same equipment, the same
    position and intensity."""
    wanted = set(technique.regions) - avoid.regions
    # Regions next to the step's own: those next to a region still allowed count most,
    # those reached only through an avoided region least (no jaw work for a neck step).
    near = defaultdict(int)
    for slug in technique.regions:
        region = regions.get(slug)
        if region:
            weight = 1 if slug in avoid.regions else 3
            for other in set(region.neighbours) | ({region.partner} if region.partner else set()):
                near[other] += weight
    for slug in set(technique.regions) | avoid.regions:
        near.pop(slug, None)
    nearby = set(near)

    def score(candidate):
        return (
            4 * len(candidate.regions & wanted)
            + sum(near[slug] for slug in candidate.regions & nearby)
            + 2 * len(candidate.actions & technique.actions)
            + len(candidate.equipment & technique.equipment)
            + (bool(technique.position) and candidate.position == technique.position)
            + (candidate.intensity == technique.intensity)
        )

    candidates = [
        c
        for c in catalogue
        if c.slug not in in_plan
        and c.slug != technique.slug
        and avoid.allows(c)
        and (c.regions & (wanted | nearby))
    ]
    candidates.sort(key=lambda c: (-score(c), c.name))
    return candidates[:MAX_ALTERNATIVES]


# --- Safety -----------------------------------------------------------------------


def step_conflicts(steps, roster, today, adapted, *, with_care=False) -> dict:
    """step index → StepConflict, for every step some current note asks to avoid; with
    `with_care`, also every step stated "with care" for a note's condition (teach mode's
    reminders: adapt it for them)."""
    conflicts = {}
    for student in roster:
        notes = [n for n in student.current_notes(today) if n.asks_to_avoid]
        if not notes:
            continue
        for step in steps:
            if not any(
                note.conflicts_with(step.technique)
                or (with_care and note.asks_care_with(step.technique))
                for note in notes
            ):
                continue
            conflict = conflicts.setdefault(step.index, StepConflict(step))
            modification = adapted.get((student.student_id, step.step_id))
            if modification and step.step_id is not None:
                conflict.adapted.append((student, modification))
            else:
                conflict.students.append(student)
    return dict(sorted(conflicts.items()))


def split_adapted(student, concerned, adapted) -> tuple[list, list]:
    """(steps still open, [(step, modification)]) of the steps a note concerns, those
    adapted for the student ("for Sam: do X instead") set aside."""
    modified = [
        (s, adapted[(student.student_id, s.step_id)])
        for s in concerned
        if s.step_id is not None and (student.student_id, s.step_id) in adapted
    ]
    done = {s.index for s, _m in modified}
    return [s for s in concerned if s.index not in done], modified


def safety(steps, roster, regions, action_names, today, adapted):
    """One danger per student and note, listing every step it concerns. Steps adapted
    for the student ("for Sam: do X instead") are listed as adapted, not as a danger.
    Steps stated "with care" for the note's condition give one warning per student and
    note beside it."""
    for student in roster:
        for note in student.current_notes(today):
            if not note.asks_to_avoid:
                continue
            concerned = [s for s in steps if note.conflicts_with(s.technique)]
            if concerned:
                yield note_danger(student, note, concerned, regions, action_names, adapted)
            careful = [s for s in steps if note.asks_care_with(s.technique)]
            if careful:
                yield note_care(student, note, careful, adapted)


def note_danger(student, note, concerned, regions, action_names, adapted) -> Finding:
    open_steps, modified = split_adapted(student, concerned, adapted)
    values = {
        "student": student.name,
        "avoid": avoid_text(note, regions, action_names),
        "steps": step_numbers(open_steps or concerned),
    }
    if open_steps:
        message = ngettext(
            "%(student)s: avoid %(avoid)s. Step %(steps)s works it.",
            "%(student)s: avoid %(avoid)s. Steps %(steps)s work it.",
            len(open_steps),
        )
    else:
        message = ngettext(
            "%(student)s: avoid %(avoid)s. Step %(steps)s is adapted for them.",
            "%(student)s: avoid %(avoid)s. Steps %(steps)s are adapted for them.",
            len(concerned),
        )
    return Finding(
        level=DANGER if open_steps else ADAPTED,
        code="safety.health-note",
        key=f"safety.health-note:{student.student_id}:{note.note_id}",
        message=message % values,
        steps=open_steps,
        students=[student.name],
        modified=modified,
    )


def note_care(student, note, careful, adapted) -> Finding:
    """The softer finding: steps the library marks "with care" for the note's condition.
    It names the condition's label only, as the danger's list of what to avoid does."""
    open_steps, modified = split_adapted(student, careful, adapted)
    values = {
        "student": student.name,
        "condition": condition_label(note.suitability_condition),
        "steps": step_numbers(open_steps or careful),
    }
    if open_steps:
        message = ngettext(
            "%(student)s: step %(steps)s is marked “with care” for “%(condition)s”: "
            "adapt it for them.",
            "%(student)s: steps %(steps)s are marked “with care” for “%(condition)s”: "
            "adapt those steps for them.",
            len(open_steps),
        )
    else:
        message = ngettext(
            "%(student)s: step %(steps)s is marked “with care” for “%(condition)s”, "
            "and is adapted for them.",
            "%(student)s: steps %(steps)s are marked “with care” for “%(condition)s”, "
            "and are adapted for them.",
            len(careful),
        )
    return Finding(
        level=WARNING if open_steps else ADAPTED,
        code="safety.health-note-care",
        key=f"safety.health-note-care:{student.student_id}:{note.note_id}",
        message=message % values,
        steps=open_steps,
        students=[student.name],
        modified=modified,
    )


# --- Balance ----------------------------------------------------------------------


def balance(steps, regions, catalogue, in_plan, avoid=Avoid()):
    worked = set(seconds_by_region(steps))
    reported = set()
    for slug in sorted(worked):
        region = regions.get(slug)
        if (
            not region
            or not region.partner
            or region.partner in worked
            or region.partner in reported
            or region.partner in avoid.regions
        ):
            continue
        reported.add(region.partner)
        steps_here = [s for s in steps if s.technique and slug in s.technique.regions]
        yield Finding(
            level=WARNING,
            code="balance.partner",
            key=f"balance.partner:{region.partner}",
            message=_(
                "“%(region)s” is worked but its partner region, “%(partner)s”, is not: "
                "add some work there for balance."
            )
            % {"region": region.name, "partner": region_name(region.partner, regions)},
            steps=steps_here,
            alternatives=[
                c
                for c in catalogue
                if region.partner in c.regions and c.slug not in in_plan and avoid.allows(c)
            ][:MAX_ALTERNATIVES],
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


def timing(steps, target_seconds, total_seconds, *, purpose=CLASS, daily=True):
    if not steps:
        return
    tolerance = max(TIME_TOLERANCE_SECONDS, TIME_TOLERANCE_SHARE * target_seconds)
    over, under = total_seconds - target_seconds, target_seconds - total_seconds
    if over > tolerance:
        yield Finding(
            level=WARNING,
            code="time.over",
            key="time.over",
            message=_("It runs %(over)s over its target of %(target)s (%(total)s in all).")
            % {
                "over": duration_text(over),
                "target": duration_text(target_seconds),
                "total": duration_text(total_seconds),
            },
        )
    elif under > max(tolerance, UNDER_TARGET_SHARE * target_seconds):
        yield Finding(
            level=WARNING,
            code="time.under",
            key="time.under",
            message=_("It runs %(under)s short of its target of %(target)s.")
            % {"under": duration_text(under), "target": duration_text(target_seconds)},
        )
    long_steps = [
        step
        for step in steps
        if step.technique
        and step.default_seconds
        and step.duration_seconds > LONG_STEP_FACTOR * step.default_seconds
    ]
    if long_steps:
        yield Finding(
            level=TIP,
            code="time.long-step",
            key="time.long-step",
            message=ngettext(
                "Step %(steps)s lasts more than twice its technique's usual time: "
                "check that the time is what you meant.",
                "Steps %(steps)s last more than twice their techniques' usual time: "
                "check that the times are what you meant.",
                len(long_steps),
            )
            % {"steps": step_numbers(long_steps)},
            steps=long_steps,
        )
    if purpose == HOMEWORK and daily and total_seconds > HOMEWORK_DAILY_MAX_SECONDS:
        yield Finding(
            level=TIP,
            code="homework.long",
            key="homework.long",
            message=_(
                "A daily routine of %(total)s is hard to keep up at home: "
                "%(max)s or less is more likely to be done every day."
            )
            % {
                "total": duration_text(total_seconds),
                "max": duration_text(HOMEWORK_DAILY_MAX_SECONDS),
            },
        )


# --- Teaching ---------------------------------------------------------------------


def teaching(steps, roster, total_seconds, regions, *, purpose=CLASS):
    if not steps:
        return
    newcomers = [s.name for s in roster if s.new_to_ball_work]
    if newcomers and purpose != HOMEWORK:
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
                message=ngettext(
                    "%(n)d newcomer to ball work is on the roster, and the first third has "
                    "deep work (step %(steps)s): start gentle and introduce the balls first.",
                    "%(n)d newcomers to ball work are on the roster, and the first third has "
                    "deep work (steps %(steps)s): start gentle and introduce the balls first.",
                    len(newcomers),
                )
                % {"n": len(newcomers), "steps": step_numbers(early_deep)},
                steps=early_deep,
                students=newcomers,
            )
    if purpose == CLASS:
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
                    "The class does not end with a rest: "
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
    if purpose != CLASS:
        return
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
                    "%(time)s of the class go to one region, “%(region)s”: "
                    "spread the work, or spend some on connected areas."
                )
                % {"time": duration_text(seconds), "region": region_name(slug, regions)},
            )
            break


@dataclass
class Suggestions:
    focus: RegionInfo | None
    connected: list  # TechniqueInfo, upstream and downstream along the fascial line
    partner: list  # TechniqueInfo, for the partner region


def suggestions(*, steps, regions: dict, catalogue, avoid: Avoid = Avoid()) -> Suggestions:
    """For the region the plan works most, techniques for its connected regions ("local
    action, global effect": the feet before the back of the thigh) and for its partner,
    leaving out anything the checked roster must avoid."""
    seconds = seconds_by_region(steps)
    if not seconds:
        return Suggestions(None, [], [])
    focus = regions.get(max(seconds, key=lambda slug: (seconds[slug], slug)))
    if focus is None:
        return Suggestions(None, [], [])
    in_plan = {s.technique.slug for s in steps if s.technique}
    available = [
        t
        for t in catalogue
        if t.status == "published" and t.slug not in in_plan and avoid.allows(t)
    ]
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


def note_conflicts(steps, student: StudentInfo, today: datetime.date) -> list:
    """(note, steps) for each current note of one student that some step works."""
    found = []
    for note in student.current_notes(today):
        concerned = [s for s in steps if note.conflicts_with(s.technique)]
        if concerned:
            found.append((note, concerned))
    return found

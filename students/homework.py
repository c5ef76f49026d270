"""Reads about home routines that several pages share: a student's today, whether a
routine is due, adherence over a roster, the streak, and the tension chart.

A roster's logs are read as SQL aggregates, one row per student, never as one object per
log: the index on (student, day) finds each student's four weeks, and window functions
rank a student's logs so that the first and last ones are picked out in the database.
The SQL is portable (SQLite and PostgreSQL); `figures_of` in students/adherence.py is the
same arithmetic in Python, and the tests hold the two equal.
"""

import datetime
import zoneinfo
from collections import defaultdict

from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    Func,
    IntegerField,
    Max,
    OuterRef,
    RowRange,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, Coalesce, Lead, RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from routines.caching import cached_many, make_key
from routines.snapshots import localize_snapshot

from .adherence import TREND_LOGS, Figures, expected_of, quiet_since, summarise, window
from .models import Assignment, PracticeLog, Student


def user_today(user) -> datetime.date:
    """Today in the student's own time zone (the site's when they have none)."""
    try:
        zone = zoneinfo.ZoneInfo(user.time_zone) if user.time_zone else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = None
    return timezone.localdate(timezone.now(), zone)


def is_due(assignment, today, logged_days_this_week: int) -> bool:
    if not assignment.is_open or assignment.starts_on > today:
        return False
    if assignment.ends_on and assignment.ends_on < today:
        return False
    if assignment.frequency == Assignment.Frequency.WEEKDAYS:
        return today.weekday() in assignment.weekdays
    if assignment.frequency == Assignment.Frequency.PER_WEEK:
        return logged_days_this_week < (assignment.times_per_week or 0)
    return True


def routines_today(user, today: datetime.date) -> list:
    """A student's current routines, each marked `due_today` and `done_today`, with the
    routine's `total_seconds` and `cover_steps` (its first three techniques, for their
    pictures on the card): 1 query."""
    monday = today - datetime.timedelta(days=today.weekday())
    logs = PracticeLog.objects.filter(assignment=OuterRef("pk")).order_by()
    days_this_week = (
        logs.filter(practised_on__gte=monday)
        .values("assignment")
        .annotate(days=Count("practised_on", distinct=True))
        .values("days")
    )
    assignments = list(
        Assignment.objects.for_account(user)
        .exclude(status=Assignment.Status.ENDED)
        .select_related("student__teacher")
        .defer("snapshot", "acknowledgement", "acknowledged_notes")
        .annotate(
            total_seconds=F("snapshot__total_seconds"),
            done_today=Exists(logs.filter(practised_on=today)),
            days_this_week=Coalesce(Subquery(days_this_week), 0),
        )
    )
    language = get_language()
    keys = {a.pk: make_key("routine-cover", a.pk, a.updated_at, language) for a in assignments}
    snapshots = {}

    def cover_of(pk):
        # The snapshots of every routine not in the cache, in one query, on the first miss.
        if not snapshots:
            snapshots.update(Assignment.objects.filter(pk__in=keys).values_list("pk", "snapshot"))
        return cover_steps(localize_snapshot(snapshots[pk], language))

    # A routine's snapshot changes only with its updated_at (a pushed update).
    covers = cached_many({keys[a.pk]: (lambda pk=a.pk: cover_of(pk)) for a in assignments})
    for assignment in assignments:
        assignment.due_today = is_due(assignment, today, assignment.days_this_week)
        assignment.cover_steps = covers[keys[assignment.pk]]
    return assignments


def cover_steps(snapshot: dict, count: int = 3) -> list:
    """The first techniques of a frozen routine, whose pictures show what it holds."""
    steps = (step for section in snapshot.get("sections", []) for step in section["steps"])
    return [step for step in steps if step.get("technique")][:count]


# --- Adherence over a roster -----------------------------------------------------


ARITHMETIC_FIELDS = (
    "pk",
    "student_id",
    "frequency",
    "starts_on",
    "ends_on",
    "times_per_week",
    "weekdays",
    "status",
)


def assignment_rows(students, *, today: datetime.date, with_days: bool = False) -> list:
    """What adherence needs of the students' assignments, as named rows: 1 query. With
    `with_days`, each row has the `days` it was logged over the last 4 weeks (each
    counted once), found through the index on (student, day)."""
    rows = Assignment.objects.filter(student__in=students).order_by()
    fields = ARITHMETIC_FIELDS
    if with_days:
        start, end = window(today)
        days = (
            PracticeLog.objects.filter(
                student_id=OuterRef("student_id"),
                assignment_id=OuterRef("pk"),
                practised_on__gte=start,
                practised_on__lte=end,
            )
            .order_by()
            .values("assignment_id")
            .annotate(n=Count("practised_on", distinct=True))
            .values("n")
        )
        rows = rows.annotate(days=Coalesce(Subquery(days), 0))
        fields = (*fields, "days")
    return list(rows.values_list(*fields, named=True))


def last_practices(student_ids, *, today: datetime.date) -> dict:
    """student id → the latest day they practised, up to today (None if never): 1 query,
    a step down the index on (student, day) for each."""
    latest = (
        PracticeLog.objects.filter(student_id=OuterRef("pk"), practised_on__lte=today)
        .order_by("-practised_on")
        .values("practised_on")[:1]
    )
    return dict(
        Student.objects.filter(pk__in=student_ids)
        .order_by()
        .values_list("pk", Subquery(latest, output_field=DateField()))
    )


def as_date(value) -> datetime.date | None:
    """A date from a raw query: SQLite answers with text where PostgreSQL gives a date."""
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


# One row per student from their ranked logs (`window_figures`): plain SQL that SQLite
# and PostgreSQL read alike. Django has no way to aggregate over window functions.
FIGURES_SQL = (
    "SELECT student_id, COUNT(*),"
    " SUM(CASE WHEN day_seq = 1 THEN 1 ELSE 0 END),"
    " MAX(practised_on),"
    " SUM(is_recent),"
    " MAX(CASE WHEN seq = 1 THEN tension_before END),"
    " MAX(CASE WHEN ahead_1 IS NULL THEN tension_before END),"
    " SUM(CASE WHEN seq <= %(n)d THEN tension_before ELSE 0 END),"
    " SUM(CASE WHEN ahead_n IS NULL THEN tension_before ELSE 0 END)"
    " FROM (%(ranked)s) ranked GROUP BY student_id"
)


def window_figures(students, *, today: datetime.date, days_logged: bool = True) -> dict:
    """student id → `Figures` of their logs over the last 4 weeks, in 1 query. Students
    without a log in the window are left out. Without `days_logged`, `logged` is 0 and
    the database skips a sort (the dashboard's flags do not need it)."""
    start, end = window(today)
    by_student = {
        "partition_by": [F("student_id")],
        # The order of `figures_of`: by day, the latest written first within a day.
        "order_by": [F("practised_on").asc(), F("created_at").desc(), F("pk").desc()],
        # Rows, not the default range of peers: the same numbers, less work for the database.
        "frame": RowRange(start=None, end=0),
    }
    ranked = (
        PracticeLog.objects.filter(
            student__in=students, practised_on__gte=start, practised_on__lte=end
        )
        .order_by()
        .values_list("student_id", "practised_on", "tension_before")
        .annotate(
            seq=Window(RowNumber(), **by_student),
            # No log this many places further on: among the last ones.
            ahead_1=Window(Lead("pk", 1), **by_student),
            ahead_n=Window(Lead("pk", TREND_LOGS), **by_student),
            is_recent=Case(
                When(practised_on__gte=quiet_since(today), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
            # 1 on the first log of each (day, assignment): the days that count.
            day_seq=Window(
                RowNumber(),
                partition_by=[F("student_id"), F("practised_on"), F("assignment_id")],
            )
            if days_logged
            else Value(0, output_field=IntegerField()),
        )
    )
    try:
        inner, params = ranked.query.sql_with_params()
    except EmptyResultSet:  # no students
        return {}
    # The ranked logs are Django's own SQL, their values passed as parameters.
    sql = FIGURES_SQL % {"ranked": inner, "n": TREND_LOGS}
    with connections[router.db_for_read(PracticeLog)].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return {
        student_id: Figures(
            logs=logs,
            logged=logged,
            last=as_date(last),
            recent=recent,
            first_before=first_before,
            last_before=last_before,
            head=head,
            tail=tail,
        )
        for student_id, logs, logged, last, recent, first_before, last_before, head, tail in rows
    }


def roster_adherence(student_ids, *, today: datetime.date, assignments=None) -> dict:
    """student id → Adherence (its `assignments` included), for many students in 2
    queries, and a third when some have not practised for four weeks (their last
    practice). `assignments`: the students' assignments when read already (objects or
    `assignment_rows`)."""
    student_ids = list(student_ids)
    if assignments is None:
        assignments = assignment_rows(student_ids, today=today)
    figures = window_figures(student_ids, today=today)
    by_student = defaultdict(list)
    for a in assignments:
        by_student[a.student_id].append(a)
    # Only a student with homework has logs: those without one in the window say when.
    unseen = [pk for pk in student_ids if by_student[pk] and pk not in figures]
    last = last_practices(unseen, today=today) if unseen else {}
    return {
        student_id: summarise(
            by_student[student_id],
            figures.get(student_id, Figures()),
            today=today,
            last_practice=last.get(student_id),
        )
        for student_id in student_ids
    }


def class_adherence(assignments, *, today: datetime.date) -> int | None:
    """The percentage of the practice asked of a class that was done over the last 4
    weeks (a student doing more than asked does not make up for another), or None when
    nothing was asked. `assignments`: `assignment_rows(…, with_days=True)`."""
    by_student = defaultdict(list)
    for a in assignments:
        by_student[a.student_id].append(a)
    done = asked = 0.0
    for mine in by_student.values():
        expected = expected_of(mine, today=today)
        if expected:
            done += min(sum(a.days for a in mine), expected)
            asked += expected
    return round(100 * done / asked) if asked else None


def follow_ups(students, *, today: datetime.date) -> list:
    """Students with an active routine who have not practised for 7 days, or whose
    tension rises: (student id, name, quiet, rising), by name. 2 queries."""
    # student id → [name, has a routine that started a week ago or more]: quiet counts
    # from the routine's start, so one that started today is not quiet (adherence.quiet_from).
    candidates = {}
    long_enough = quiet_since(today)
    for student_id, name, starts_on in (
        Assignment.objects.filter(student__in=students, status=Assignment.Status.ACTIVE)
        .order_by("student__name", "student_id")
        .values_list("student_id", "student__name", "starts_on")
    ):
        entry = candidates.setdefault(student_id, [name, False])
        entry[1] = entry[1] or starts_on <= long_enough
    if not candidates:
        return []
    figures = window_figures(list(candidates), today=today, days_logged=False)
    flagged = []
    for pk, (name, started) in candidates.items():
        mine = figures.get(pk, Figures())
        quiet = started and not mine.recent
        if quiet or mine.rising:
            flagged.append((pk, name, quiet, mine.rising))
    return flagged


# --- A student's streak -------------------------------------------------------------


def streak_start(logs, *, on_or_before: datetime.date) -> datetime.date | None:
    """The first day of the run of consecutive practice days that goes on to
    `on_or_before`: the latest practice day up to then whose eve has no practice. 1
    query, in SQL (`logs`: one student's, or one account's, practice logs)."""
    eve = Cast(OuterRef("practised_on") - datetime.timedelta(days=1), DateField())
    return (
        logs.filter(practised_on__lte=on_or_before)
        .exclude(Exists(logs.filter(practised_on=eve)))
        .order_by()
        .aggregate(start=Max("practised_on"))["start"]
    )


def practice_streak(logs, *, today: datetime.date, days: set, since: datetime.date) -> int:
    """Consecutive days with practice, ending today (or yesterday, if today is still
    open), as `adherence.streak` counts them. `days` are the days practised from `since`
    to today, as the page read them; a run going back past `since` is measured in SQL
    (`streak_start`) rather than by reading every day ever practised."""
    day = today if today in days else today - datetime.timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= datetime.timedelta(days=1)
    if count and day < since:
        start = streak_start(logs, on_or_before=since)
        count = (today - start).days + (1 if today in days else 0)
    return count


# --- For pages that read counts and build their rows in Python ------------------------


def url_maker(viewname, *args):
    """The URL of `viewname` for `args` and one more argument given per row (a pk), for
    rows built in Python: reverse() costs about 25 µs, so it runs once per page, not once
    per row."""
    marker = "2147483647"
    prefix, _sep, suffix = reverse(viewname, args=[*args, marker]).rpartition(marker)
    return lambda last: f"{prefix}{last}{suffix}"


def count_of(queryset) -> Subquery:
    """The number of rows of a queryset, as a subquery to read beside other columns: no
    join that multiplies the rows, no GROUP BY over them."""
    return Subquery(
        queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"),
        output_field=IntegerField(),
    )

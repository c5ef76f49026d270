"""Reads about home routines that several pages share: a student's today, whether a
routine is due, adherence over a roster, and the tension chart."""

import datetime
import zoneinfo
from collections import defaultdict

from django.db.models import Max
from django.utils import timezone

from .adherence import adherence, window
from .models import Assignment, PracticeLog


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
    """A student's current routines, each marked `due_today` and `done_today`: 2 queries."""
    monday = today - datetime.timedelta(days=today.weekday())
    assignments = list(
        Assignment.objects.for_account(user)
        .exclude(status=Assignment.Status.ENDED)
        .select_related("student__teacher")
    )
    logs = list(
        PracticeLog.objects.filter(
            assignment__in=assignments, practised_on__gte=monday
        ).values_list("assignment_id", "practised_on")
    )
    for assignment in assignments:
        days = {day for a_id, day in logs if a_id == assignment.pk}
        assignment.done_today = today in days
        assignment.due_today = is_due(assignment, today, len(days))
    return assignments


def roster_adherence(students, *, today: datetime.date) -> dict:
    """student id → Adherence, for many students in 3 queries."""
    ids = [s.pk for s in students]
    # The frozen routine is not needed here: leave the big JSON column behind.
    assignments = list(Assignment.objects.filter(student_id__in=ids).defer("snapshot", "message"))
    start, _end = window(today)
    # Plain rows, not model instances: a roster of 300 has thousands of logs in the window.
    logs = list(
        PracticeLog.objects.filter(
            student_id__in=ids, practised_on__gte=start, practised_on__lte=today
        ).values_list(
            "student_id",
            "assignment_id",
            "practised_on",
            "tension_before",
            "tension_after",
            named=True,
        )
    )
    last = dict(
        PracticeLog.objects.filter(student_id__in=ids)
        .values_list("student_id")
        .annotate(last=Max("practised_on"))
    )
    by_student, logs_by_student = defaultdict(list), defaultdict(list)
    for a in assignments:
        by_student[a.student_id].append(a)
    for log in logs:
        logs_by_student[log.student_id].append(log)
    result = {}
    for student_id in ids:
        mine = by_student[student_id]
        mine_logs = logs_by_student[student_id]
        summary = adherence(mine, mine_logs, today=today, last_practice=last.get(student_id))
        summary.assignments = mine
        result[student_id] = summary
    return result


def tension_chart(points, width=300, height=80) -> dict:
    """Two polylines (before, after) for tension 0–10 over the logs, as SVG coordinates."""
    if not points:
        return {}
    step = width / max(len(points) - 1, 1)

    def line(values):
        return " ".join(
            f"{i * step:.1f},{height - v * height / 10:.1f}" for i, v in enumerate(values)
        )

    return {
        "width": width,
        "height": height,
        "before": line([p[1] for p in points]),
        "after": line([p[2] for p in points]),
    }

"""The pages built from homework and practice logs read them as SQL aggregates: their
queries do not grow with the roster or the years of logs, and the figures the SQL gives
are those the Python gave when it read every log (the old code is kept below as the
oracle, as it stood before the change)."""

import datetime
import random
import uuid

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from classes import services as plan_services
from classes.models import Enrolment
from classes.templatetags.plan_tags import mmss
from students import services
from students.adherence import (
    QUIET_DAYS,
    Figures,
    expected_sessions,
    figures_of,
    streak,
    tension_rising,
    window,
)
from students.homework import (
    assignment_rows,
    class_adherence,
    follow_ups,
    practice_streak,
    roster_adherence,
    window_figures,
)
from students.models import Assignment, PracticeLog, Student
from students.safety import flagged_homework, homework_conflicts, student_info, with_notes
from tests.factories import (
    ActionFactory,
    CourseFactory,
    HealthNoteFactory,
    InvitationFactory,
    RegionFactory,
    RosterStudentFactory,
    TeacherFactory,
    TechniqueFactory,
    make_plan,
)

D = datetime.date
TODAY = D(2026, 3, 3)  # a window across a month end: 4 February to 3 March


# --- The oracle: the Python the pages ran before (students/adherence.py, safety.py) ---


def old_tension_rising(tension) -> bool:
    if len(tension) < 4:
        return False
    head = [before for _day, before, _after in tension[:3]]
    tail = [before for _day, before, _after in tension[-3:]]
    return sum(tail) / len(tail) - sum(head) / len(head) >= 1.0


def old_adherence(assignments, logs, *, today, last_practice=None) -> dict:
    start, end = window(today)
    expected = 0.0
    for a in assignments:
        expected += expected_sessions(
            frequency=a.frequency,
            starts_on=a.starts_on,
            ends_on=a.ends_on,
            times_per_week=a.times_per_week,
            weekdays=a.weekdays,
            start=start,
            end=end,
            active=a.status == "active",
        )
    in_window = sorted(
        (log for log in logs if start <= log.practised_on <= end), key=lambda log: log.practised_on
    )
    tension = [(log.practised_on, log.tension_before, log.tension_after) for log in in_window]
    all_days = [log.practised_on for log in logs if log.practised_on <= today]
    if last_practice and last_practice <= today:
        all_days.append(last_practice)
    last = max(all_days) if all_days else None
    has_active = any(a.status == "active" and a.starts_on <= today for a in assignments)
    # Issue 15: quiet only once the earliest active routine has run a week.
    started = [a.starts_on for a in assignments if a.status == "active" and a.starts_on <= today]
    has_active = has_active and min(started) <= today - datetime.timedelta(days=QUIET_DAYS - 1)
    return {
        # Issue 15: practices are counted in whole numbers, rounded half up.
        "expected": int(expected + 0.5),
        "logged": len({(log.assignment_id, log.practised_on) for log in in_window}),
        "last_practice": last,
        "first_before": tension[0][1] if tension else None,
        "last_before": tension[-1][1] if tension else None,
        "quiet": has_active and (last is None or (today - last).days >= QUIET_DAYS),
        "rising": old_tension_rising(tension),
    }


def old_roster_adherence(student_ids, *, today) -> dict:
    """What the old `roster_adherence` read (every log of the window, and each student's
    latest log ever) and computed."""
    start, _end = window(today)
    result = {}
    for student_id in student_ids:
        logs = list(
            PracticeLog.objects.filter(
                student_id=student_id, practised_on__gte=start, practised_on__lte=today
            )
        )
        last = (
            PracticeLog.objects.filter(student_id=student_id)
            .order_by("-practised_on")
            .values_list("practised_on", flat=True)
            .first()
        )
        assignments = list(Assignment.objects.filter(student_id=student_id))
        result[student_id] = old_adherence(assignments, logs, today=today, last_practice=last)
    return result


def old_flagged_homework(students, *, today) -> list:
    noted = list(
        with_notes(
            students.filter(consent_given_at__isnull=False, health_notes__isnull=False).distinct()
        )
    )
    roster = {s.pk: student_info(s) for s in noted}
    if not roster:
        return []
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


def as_old(a) -> dict:
    return {
        "expected": a.expected,
        "logged": a.logged,
        "last_practice": a.last_practice,
        "first_before": a.first_before,
        "last_before": a.last_before,
        "quiet": a.quiet,
        "rising": a.rising,
    }


# --- Data -----------------------------------------------------------------------------


@pytest.fixture
def neck():
    return RegionFactory(slug="back-of-neck", name="Back of the neck")


@pytest.fixture
def version(teacher, neck):
    upper = RegionFactory(slug="upper-back", name="Upper back")
    pin = ActionFactory(slug="pin", name="Pin")
    plan = make_plan(
        teacher,
        title="Wall routine",
        techniques=[
            TechniqueFactory(name="Upper back pin", regions=[upper], actions=[pin]),
            TechniqueFactory(name="Neck roll at the wall", regions=[neck], actions=[pin]),
        ],
    )
    return plan_services.plan_publish(plan=plan, expected_version=plan.lock_version)


def assign(student, version, **fields):
    fields.setdefault("starts_on", TODAY - datetime.timedelta(days=90))
    return services.assign(students=[student], version=version, **fields)[0]


def logs(assignment, days, befores=None, today=TODAY):
    """One log on each of `days` (days before `today`), tension before from `befores`."""
    befores = befores or [5] * len(days)
    return PracticeLog.objects.bulk_create(
        PracticeLog(
            assignment=assignment,
            student_id=assignment.student_id,
            practised_on=today - datetime.timedelta(days=d),
            minutes=10,
            tension_before=b,
            tension_after=max(b - 3, 0),
            submission=uuid.uuid4(),
        )
        for d, b in zip(days, befores, strict=True)
    )


# --- SQL against the Python --------------------------------------------------------------


@pytest.mark.django_db
class TestTheSqlGivesWhatThePythonGave:
    def test_tricky_rosters(self, teacher, version):
        cases = {}

        def student(name):
            cases[name] = RosterStudentFactory(teacher=teacher, name=name)
            return cases[name]

        # Across the month end, at both ends of the window and outside it, one day logged
        # twice (counted once); the tension before practice rises over the weeks.
        daily = assign(student("daily"), version, frequency="daily")
        days = [0, 1, 2, 3, 5, 8, 13, 21, 27, 28, 40, 400]
        logs(daily, days, [8, 7, 7, 6, 6, 5, 4, 4, 3, 9, 9, 9])
        logs(daily, [5], [6])
        # Two routines: the same day counts once for each.
        both = student("two routines")
        nightly = assign(
            both, version, frequency="nightly", starts_on=TODAY - datetime.timedelta(3)
        )
        weekly = assign(both, version, frequency="per-week", times_per_week=3)
        logs(nightly, [0, 1, 2], [7, 6, 5])
        logs(weekly, [1, 2, 9, 27], [7, 6, 5, 5])
        # Given weekdays, and a paused routine that asks for nothing.
        weekdays = student("weekdays and paused")
        assign(weekdays, version, frequency="weekdays", weekdays=[0, 2, 4])
        paused = assign(weekdays, version, frequency="daily", status="paused")
        logs(paused, [10, 11, 12, 13, 14], [2, 2, 3, 6, 6])
        # Ended mid-window; practice only before the window: quiet, last practice kept.
        ended = student("ended, quiet")
        gone = assign(ended, version, status="ended", ends_on=TODAY - datetime.timedelta(days=10))
        assign(ended, version, frequency="daily")
        logs(gone, [30, 45, 300])
        # Starts in the future: nothing asked yet, never quiet.
        assign(student("starts next week"), version, starts_on=TODAY + datetime.timedelta(7))
        # Quiet for exactly QUIET_DAYS, and for a day less.
        logs(assign(student("quiet 7"), version), [QUIET_DAYS, 20])
        logs(assign(student("quiet 6"), version), [QUIET_DAYS - 1, 20])
        # No logs at all; no assignment at all.
        assign(student("never practised"), version)
        student("no homework")
        # Three logs: too few to say the tension rises.
        logs(assign(student("three logs"), version), [1, 2, 3], [9, 1, 1])
        ids = [s.pk for s in cases.values()]

        new = roster_adherence(ids, today=TODAY)
        old = old_roster_adherence(ids, today=TODAY)
        for name, s in cases.items():
            assert as_old(new[s.pk]) == old[s.pk], name
        assert new[cases["daily"].pk].logged == 9 and new[cases["daily"].pk].rising
        assert new[cases["two routines"].pk].logged == 7
        assert new[cases["ended, quiet"].pk].last_practice == TODAY - datetime.timedelta(30)
        assert new[cases["ended, quiet"].pk].quiet
        assert [new[cases[n].pk].quiet for n in ("quiet 7", "quiet 6")] == [True, False]
        assert not new[cases["starts next week"].pk].quiet
        assert not new[cases["three logs"].pk].rising
        # The class figure and the dashboard's flags agree with the same figures.
        assigned = assignment_rows(ids, today=TODAY, with_days=True)
        logged = {}
        for a in assigned:
            logged[a.student_id] = logged.get(a.student_id, 0) + a.days
        assert logged == {pk: a.logged for pk, a in new.items() if a.assignments}
        asked = [a for a in new.values() if a.expected]
        assert class_adherence(assigned, today=TODAY) == round(
            100 * sum(min(a.logged, a.expected) for a in asked) / sum(a.expected for a in asked)
        )
        flagged = follow_ups(Student.objects.filter(pk__in=ids), today=TODAY)
        assert {(name, quiet, rising) for _pk, name, quiet, rising in flagged} == {
            (name, old[s.pk]["quiet"], old[s.pk]["rising"])
            for name, s in cases.items()
            if Assignment.objects.filter(student=s, status="active").exists()
            and (old[s.pk]["quiet"] or old[s.pk]["rising"])
        }

    def test_several_logs_a_day_in_the_order_the_pages_used(self, teacher, version):
        """Within a day, the latest written first: a morning 3 and an evening 8 on the
        window's first day make the tension start at 8, as it always did."""
        s = RosterStudentFactory(teacher=teacher)
        morning, evening = assign(s, version), assign(s, version, frequency="nightly")
        first_day = [27, 27, 26, 1, 0]
        written = logs(morning, first_day[:1], [3]) + logs(evening, first_day[1:], [8, 4, 4, 5])
        at = datetime.datetime(2026, 2, 4, 7, tzinfo=datetime.UTC)
        for n, log in enumerate(written):
            PracticeLog.objects.filter(pk=log.pk).update(
                created_at=at + datetime.timedelta(hours=n)
            )
        new = roster_adherence([s.pk], today=TODAY)[s.pk]
        assert as_old(new) == old_roster_adherence([s.pk], today=TODAY)[s.pk]
        assert (new.first_before, new.last_before, new.logged) == (8, 5, 5)

    def test_random_rosters(self, teacher, version):
        rng = random.Random(12)
        students = [RosterStudentFactory(teacher=teacher) for _ in range(25)]
        for s in students:
            mine = [
                assign(
                    s,
                    version,
                    frequency=rng.choice(["daily", "nightly", "per-week", "weekdays"]),
                    times_per_week=rng.randint(1, 7),
                    weekdays=sorted(rng.sample(range(7), rng.randint(1, 5))),
                    status=rng.choice(["active", "active", "paused"]),
                    starts_on=TODAY - datetime.timedelta(days=rng.randint(-5, 60)),
                )
                for _ in range(rng.randint(0, 2))
            ]
            # One log a day: logs written in the same microsecond have no order to compare.
            for day in rng.sample(range(70), rng.randint(0, 30)) if mine else []:
                logs(rng.choice(mine), [day], [rng.randint(0, 10)])
        ids = [s.pk for s in students]
        new = roster_adherence(ids, today=TODAY)
        old = old_roster_adherence(ids, today=TODAY)
        for s in students:
            figures = new[s.pk]
            expected = old[s.pk]
            # Where the old float arithmetic missed a point by a rounding error, see below.
            expected["rising"] = figures.rising if self.on_the_edge(s) else expected["rising"]
            assert as_old(figures) == expected

    @staticmethod
    def on_the_edge(student) -> bool:
        start, end = window(TODAY)
        befores = list(
            PracticeLog.objects.filter(student=student, practised_on__range=(start, end))
            .order_by("practised_on", "created_at", "pk")
            .values_list("tension_before", flat=True)
        )
        return len(befores) >= 4 and sum(befores[-3:]) - sum(befores[:3]) == 3

    def test_the_sql_figures_are_those_of_the_python_definition(self, teacher, version):
        """Several logs a day, with different tensions, as the SQL and the Python order them."""
        rng = random.Random(3)
        students = [RosterStudentFactory(teacher=teacher) for _ in range(12)]
        for s in students:
            a = assign(s, version)
            b = assign(s, version, frequency="nightly")
            for routine in (a, b, a):
                days = [rng.randint(0, 40) for _ in range(rng.randint(0, 12))]
                logs(routine, days, [rng.randint(0, 10) for _ in days])
        start, end = window(TODAY)
        sql = window_figures([s.pk for s in students], today=TODAY)
        for s in students:
            python = figures_of(PracticeLog.objects.filter(student=s), start=start, end=end)
            assert sql.get(s.pk, Figures()) == python
        trend = window_figures([s.pk for s in students], today=TODAY, days_logged=False)
        assert {pk: (f.rising, f.recent, f.logs) for pk, f in trend.items()} == {
            pk: (f.rising, f.recent, f.logs) for pk, f in sql.items()
        }


class TestDeliberateChanges:
    """Two places where the figures now say what the pages meant."""

    def test_a_point_is_a_point(self):
        # Before 1, 2, 2 then 2, 3, 3: up by exactly one point on average. The old float
        # arithmetic made that 0.9999999999999998 and did not flag it.
        tension = [(TODAY, b, 0) for b in (1, 2, 2, 2, 3, 3)]
        assert not old_tension_rising(tension)
        assert tension_rising(tension)
        assert Figures(logs=6, head=5, tail=8).rising

    @pytest.mark.django_db
    def test_a_log_dated_tomorrow_does_not_hide_the_last_practice(self, teacher, version):
        # A student ahead of the teacher's time zone logs "tomorrow"; their practice
        # before the window is still their last one up to today.
        s = RosterStudentFactory(teacher=teacher)
        a = assign(s, version)
        logs(a, [-1, 40])
        assert old_roster_adherence([s.pk], today=TODAY)[s.pk]["last_practice"] is None
        assert roster_adherence([s.pk], today=TODAY)[s.pk].last_practice == TODAY - (
            datetime.timedelta(days=40)
        )


@pytest.mark.django_db
class TestStreak:
    @pytest.mark.parametrize(
        "runs",
        [
            [],  # never practised
            [(0, 3)],  # today and the two days before
            [(1, 5)],  # today still open: counts to yesterday
            [(2, 5)],  # broken yesterday
            [(0, 56), (58, 10)],  # back to the calendar's first day exactly
            [(0, 57), (58, 10)],  # one day past it
            [(0, 200), (201, 3)],  # months past it
            [(1, 300)],  # a year, to yesterday
        ],
    )
    def test_the_streak_is_the_one_counted_over_every_day(self, student, teacher, version, runs):
        entry = RosterStudentFactory(teacher=teacher, account=student)
        a = assign(entry, version, starts_on=TODAY - datetime.timedelta(days=600))
        days = sorted({d for first, length in runs for d in range(first, first + length)})
        logs(a, days)
        logs(a, [d for d in days if d % 7 == 0])  # some days logged twice
        mine = PracticeLog.objects.filter(student__account=student)
        every_day = {TODAY - datetime.timedelta(days=d) for d in days}
        since = TODAY - datetime.timedelta(days=TODAY.weekday() + 49)
        shown = {day for day in every_day if day >= since}
        assert practice_streak(mine, today=TODAY, days=shown, since=since) == streak(
            every_day, TODAY
        )

    def test_an_account_on_two_rosters_has_one_streak(self, student, teacher, version):
        first = assign(RosterStudentFactory(teacher=teacher, account=student), version)
        second = assign(RosterStudentFactory(account=student), version)
        someone_else = assign(RosterStudentFactory(teacher=teacher), version)
        logs(first, list(range(0, 80, 2)))
        logs(second, list(range(1, 80, 2)))
        logs(someone_else, [80, 81])  # would make it 82 if it counted
        mine = PracticeLog.objects.filter(student__account=student)
        since = TODAY - datetime.timedelta(days=56)
        shown = {TODAY - datetime.timedelta(days=d) for d in range(57)}
        assert practice_streak(mine, today=TODAY, days=shown, since=since) == 80


@pytest.mark.django_db
class TestTheDayIsTheirs:
    # 03:30 on Tuesday 3 March in London is still Monday 2 March in New York.
    INSTANT = datetime.datetime(2026, 3, 3, 3, 30, tzinfo=datetime.UTC)

    @pytest.mark.parametrize(("zone", "logged"), [("Europe/London", 2), ("America/New_York", 1)])
    def test_the_courses_time_zone_decides_today(self, client, teacher, version, zone, logged):
        course = CourseFactory(teacher=teacher, time_zone=zone)
        sam = RosterStudentFactory(teacher=teacher, name="Sam")
        Enrolment.objects.create(course=course, student=sam)
        a = assign(sam, version)
        logs(a, [0, 1])  # 3 and 2 March
        client.force_login(teacher)
        with time_machine.travel(self.INSTANT, tick=False):
            page = client.get(reverse("classes:course-adherence", args=[course.pk]))
        assert page.context["rows"][0]["a"].logged == logged

    def test_the_students_time_zone_decides_the_streak(self, client, student, teacher, version):
        entry = RosterStudentFactory(teacher=teacher, account=student)
        logs(assign(entry, version), [0, 1, 2])  # 1, 2 and 3 March
        client.force_login(student)
        with time_machine.travel(self.INSTANT, tick=False):
            assert client.get(reverse("students:history")).context["streak"] == 3
            student.time_zone = "America/New_York"  # still 2 March: 3 March is ahead
            student.save()
            assert client.get(reverse("students:history")).context["streak"] == 2


@pytest.mark.django_db
def test_after_a_quiet_spell_the_history_lists_older_practice(client, student, teacher, version):
    entry = RosterStudentFactory(teacher=teacher, account=student)
    today = timezone.localdate()
    logs(assign(entry, version), [100, 101, 102, 130], today=today)
    client.force_login(student)
    page = client.get(reverse("students:history"))
    assert page.context["streak"] == 0 and page.context["days"] == set()
    assert [log.practised_on for log in page.context["logs"]] == [
        today - datetime.timedelta(days=d) for d in (100, 101, 102, 130)
    ]
    assert "Nothing logged yet." not in page.content.decode()


@pytest.mark.django_db
def test_the_roster_rows_say_what_the_template_said(client, teacher, student, neck):
    bold = RosterStudentFactory(
        teacher=teacher, name="<b>Bo</b>", email="bo@example.test", account=student
    )
    HealthNoteFactory(student=bold, avoid_regions=[neck])
    HealthNoteFactory(student=bold)
    course = CourseFactory(teacher=teacher)
    Enrolment.objects.create(course=course, student=bold)
    Enrolment.objects.create(
        course=CourseFactory(teacher=teacher), student=bold, status="waitlisted"
    )
    RosterStudentFactory(teacher=teacher, name="Ann", new_to_ball_work=False)
    client.force_login(teacher)
    body = client.get(reverse("students:student-list")).content.decode()
    row = body[body.index("&lt;b&gt;Bo&lt;/b&gt;") :].split("</tr>")[0]
    assert "<b>Bo</b>" not in body and f'href="{bold.get_absolute_url()}"' in body
    assert "has an account" in row and ">new<" in row and "bo@example.test" in row
    assert "<td>1</td>" in row and "2 health notes" in row  # one course: not the waitlist
    ann = body[body.index(">Ann<") :].split("</tr>")[0]
    assert ">new<" not in ann and "health note" not in ann and "<td>0</td>" in ann


# --- Flagged homework -----------------------------------------------------------------


@pytest.mark.django_db
def test_flagged_homework_is_what_it_was_in_fewer_queries(
    teacher, version, neck, django_assert_max_num_queries
):
    today = timezone.localdate()
    pin = ActionFactory(slug="pin")
    sam, ann, bo, cy, di = (
        RosterStudentFactory(teacher=teacher, name=n)
        for n in ("Sam Student", "Ann Able", "Bo Bell", "Cy Cole", "Di Dunn")
    )
    HealthNoteFactory(student=sam, avoid_regions=[neck])
    HealthNoteFactory(student=sam, avoid_actions=[pin])
    acknowledged = HealthNoteFactory(student=ann, avoid_regions=[neck])
    HealthNoteFactory(student=bo, avoid_regions=[neck], until=today - datetime.timedelta(1))
    HealthNoteFactory(student=cy, avoid_regions=[neck])
    for s in (sam, ann, bo, cy, di):
        assign(s, version)
    assign(sam, version, status="paused")
    Assignment.objects.filter(student=cy).update(status="ended")
    Assignment.objects.filter(student=ann).update(acknowledged_notes=[acknowledged.pk])
    roster = Student.objects.for_teacher(teacher)

    def plain(conflicts):
        return [(c.assignment.pk, c.student, c.note_id, c.avoid, c.step_titles) for c in conflicts]

    expected = plain(old_flagged_homework(roster, today=today))
    assert len(expected) == 4  # Sam's two notes, on two routines
    with django_assert_max_num_queries(3):
        assert plain(flagged_homework(roster, today=today)) == expected
    with django_assert_max_num_queries(1):
        assert flagged_homework(roster.exclude(pk__in=[sam.pk, ann.pk]), today=today) == []


# --- Queries per page, at two sizes ------------------------------------------------------


def roster_of(teacher, version, neck, size: int, today) -> dict:
    """`size` enrolled students with a daily routine and ten weeks of logs; one of them
    consented to a note that their routine works against, has no account and an open
    invitation; the student account has a year of practice."""
    course = CourseFactory(teacher=teacher, capacity=1000)
    students = Student.objects.bulk_create(
        Student(teacher=teacher, name=f"Student {n:03d}", email=f"s{n}@example.test")
        for n in range(size)
    )
    Enrolment.objects.bulk_create(Enrolment(course=course, student=s) for s in students)
    assignments = services.assign(
        students=students,
        version=version,
        frequency="daily",
        starts_on=today - datetime.timedelta(days=400),
    )
    rng = random.Random(size)
    PracticeLog.objects.bulk_create(
        PracticeLog(
            assignment=a,
            student_id=a.student_id,
            practised_on=today - datetime.timedelta(days=d),
            minutes=10,
            tension_before=rng.randint(2, 8),
            tension_after=2,
            submission=uuid.uuid4(),
        )
        for a in assignments
        for d in range(70)
        if rng.random() < 0.7
    )
    noted = students[0]
    HealthNoteFactory(student=noted, avoid_regions=[neck])
    InvitationFactory(student=noted, email="s0@example.test")
    return {"course": course, "noted": noted}


@pytest.mark.django_db
@pytest.mark.parametrize("size", [3, 60])
def test_queries_do_not_grow_with_the_roster_or_the_logs(
    client, teacher, student, version, neck, django_assert_max_num_queries, size
):
    today = timezone.localdate()
    world = roster_of(teacher, version, neck, size, today)
    me = RosterStudentFactory(teacher=teacher, account=student)
    mine = assign(me, version, starts_on=today - datetime.timedelta(days=400))
    logs(mine, list(range(1, 366)), today=today)
    client.force_login(teacher)
    # The session and the user are 2 of each page's queries.
    pages = {
        # The class, its students, their assignments with the days logged, a page of
        # figures (+1 for the last practice of those quiet for four weeks).
        reverse("classes:course-adherence", args=[world["course"].pk]): 7,
        # Counts, follow-ups (2), the conflicting homework and its notes (2), plans, and
        # today's and the next sessions with their enrolment counts (1, issue 15).
        reverse("home"): 9,
        reverse("students:student-list"): 4,
        # The page, attendance, notes, invitation, assignments, figures (+1 quiet).
        world["noted"].get_absolute_url(): 10,
        me.get_absolute_url(): 8,
    }
    for url, most in pages.items():
        with django_assert_max_num_queries(most):
            assert client.get(url).status_code == 200, url
    client.force_login(student)
    client.get(reverse("students:history"))  # the library, read once per library version
    # Today's page reads its routines' snapshots once, for the pictures on their cards.
    with django_assert_max_num_queries(6):
        assert client.get(reverse("me")).status_code == 200
    # The calendar's logs, the streak past it, the library's version.
    for url, most in {reverse("me"): 5, reverse("students:history"): 5}.items():
        with django_assert_max_num_queries(most):
            response = client.get(url)
            assert response.status_code == 200, url
    assert response.context["streak"] == 365
    page = client.get(reverse("me")).content.decode()
    assert f"· {mmss(mine.snapshot['total_seconds'])} ·" in page  # its length, read alone


@pytest.mark.django_db
def test_the_counts_are_the_same_at_both_sizes(client, version, neck):
    today = timezone.localdate()
    counts = []
    for size in (3, 40):
        teacher = TeacherFactory()
        world = roster_of(teacher, version, neck, size, today)
        client.force_login(teacher)
        seen = []
        for url in (
            reverse("classes:course-adherence", args=[world["course"].pk]),
            reverse("home"),
            reverse("students:student-list"),
            world["noted"].get_absolute_url(),
        ):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            seen.append(len(queries))
        counts.append(seen)
    assert counts[0] == counts[1]

"""The student's player and log, done right (issue 15, part 5): the tension asked before
the first step, the minutes actually played, whole adherence counts, frequency in words,
the quiet flag from the routine's start, student-facing words in the player, bad input
refused beside the field, the routine's PDF linked, the tension chart's axes and legend."""

import datetime
import re
import uuid
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from classes import services as plan_services
from routines.models import Step
from routines.player import student_steps
from students.adherence import adherence, expected_of, frequency_text
from students.homework import follow_ups
from students.models import Assignment, PracticeLog, Student
from tests.factories import (
    AssignmentFactory,
    PracticeLogFactory,
    RosterStudentFactory,
    TechniqueFactory,
    make_plan,
)

TODAY = timezone.localdate
LEVEL_NOTE = "Level 4, the full routine on one side: top of the shoulder, then the chest."


@pytest.fixture
def version(teacher):
    """A six-minute routine (no transitions): a 90-second technique done on each side,
    then a three-minute one whose step carries the teacher's level note and private note."""
    wall = TechniqueFactory(
        name="Wall pin", per_side=True, duration_seconds=90, summary="Lean into the ball."
    )
    roll = TechniqueFactory(
        name="Back roll",
        duration_seconds=180,
        summary="Roll slowly up and down the upper back.",
        cues=["Breathe out as you sink.", "Slow as honey."],
    )
    plan = make_plan(teacher, title="Evening roll", techniques=[wall, roll])
    Step.objects.filter(routine=plan.routine, technique=roll).update(
        text=LEVEL_NOTE, note="Watch Sam's left shoulder."
    )
    plan.refresh_from_db()
    return plan_services.plan_publish(plan=plan, expected_version=plan.lock_version)


@pytest.fixture
def sam(teacher, student):
    return Student.objects.create(teacher=teacher, name="Sam", email=student.email, account=student)


@pytest.fixture
def homework(sam, version):
    (assignment,) = plan_services.homework_assign(
        students=[sam],
        version=version,
        frequency="per-week",
        times_per_week=2,
        starts_on=TODAY() - datetime.timedelta(days=3),
    )
    return assignment


def log_data(**overrides):
    return {
        "submission": str(uuid.uuid4()),
        "practised_on": TODAY().isoformat(),
        "minutes": "6",
        "tension_before": "7",
        "tension_after": "3",
        "note": "",
        **overrides,
    }


def test_the_fixture_routine_is_six_minutes(homework):
    assert homework.snapshot["total_seconds"] == 360


# --- Frequency in words -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("frequency", "times", "weekdays", "words"),
    [
        ("daily", None, [], "Every day"),
        ("nightly", None, [], "Every night, before bed"),
        ("per-week", 1, [], "Once a week"),
        ("per-week", 2, [], "Twice a week"),
        ("per-week", 3, [], "3 times a week"),
        ("per-week", 5, [], "5 times a week"),
        ("per-week", 7, [], "Every day"),
        ("weekdays", None, [0, 3], "Every Monday and Thursday"),
        ("weekdays", None, [4, 0, 2], "Every Monday, Wednesday and Friday"),
        ("weekdays", None, [5], "Every Saturday"),
        ("weekdays", None, [0, 1, 2, 3, 4], "Every weekday"),
        ("weekdays", None, list(range(7)), "Every day"),
    ],
)
def test_every_frequency_reads_as_words(frequency, times, weekdays, words):
    assert frequency_text(frequency, times, weekdays) == words


@pytest.mark.django_db
def test_the_students_card_and_print_page_say_twice_a_week(client, student, homework):
    client.force_login(student)
    me = client.get(reverse("me")).content.decode()
    assert "Twice a week ·" in me and "A number of times a week" not in me
    printed = client.get(reverse("students:routine-print", args=[homework.pk])).content.decode()
    assert "Twice a week" in printed and "A number of times a week" not in printed


# --- Adherence counts are whole numbers ---------------------------------------------------


def test_expected_practices_are_a_whole_number():
    today = datetime.date(2026, 3, 3)
    daily = Assignment(frequency="daily", starts_on=datetime.date(2026, 1, 1), status="active")
    twice = Assignment(  # one day of a twice-a-week routine: 0.3 of a practice
        frequency="per-week", times_per_week=2, starts_on=today, status="active"
    )
    assert expected_of([daily, twice], today=today) == 28
    assert isinstance(expected_of([daily, twice], today=today), int)
    three = Assignment(
        frequency="per-week",
        times_per_week=3,
        starts_on=today - datetime.timedelta(days=9),
        status="active",
    )
    assert expected_of([three], today=today) == 4  # 3 × 10 / 7 = 4.3


@pytest.mark.django_db
def test_the_student_page_counts_whole_practices(client, teacher, sam):
    today = TODAY()
    AssignmentFactory(student=sam, frequency="daily", starts_on=today - datetime.timedelta(days=60))
    AssignmentFactory(student=sam, frequency="per-week", times_per_week=2, starts_on=today)
    client.force_login(teacher)
    page = client.get(reverse("students:student-detail", args=[sam.pk])).content.decode()
    assert "of 28 practices" in page and "28.3" not in page


# --- The quiet flag counts from the routine's start -----------------------------------------


@pytest.mark.django_db
def test_a_routine_that_started_today_is_not_quiet(client, teacher):
    today = TODAY()
    new = RosterStudentFactory(teacher=teacher, name="Nina New")
    AssignmentFactory(student=new, starts_on=today)
    old = RosterStudentFactory(teacher=teacher, name="Olly Old")
    AssignmentFactory(student=old, starts_on=today - datetime.timedelta(days=6))
    flagged = {name: quiet for _pk, name, quiet, _rising in follow_ups([new, old], today=today)}
    assert flagged == {"Olly Old": True}  # a full week without practice since it started
    client.force_login(teacher)
    page = client.get("/").content.decode()
    assert "Olly Old" in page and "Nina New" not in page


def test_quiet_counts_from_the_start_even_after_older_practice():
    today = datetime.date(2026, 5, 20)
    # The last practice was long before the routine started.
    old_log = SimpleNamespace(
        assignment_id=1, practised_on=datetime.date(2026, 4, 1), tension_before=5
    )
    started = {"frequency": "daily", "status": "active", "ends_on": None}
    days_ago = [Assignment(**started, starts_on=today - datetime.timedelta(days=n)) for n in (2, 6)]
    assert not adherence([days_ago[0]], [old_log], today=today).quiet
    assert adherence([days_ago[1]], [old_log], today=today).quiet


# --- The player: the question first, student-facing words, the PDF -------------------------


@pytest.mark.django_db
def test_the_player_asks_the_tension_before_the_first_step(client, student, homework):
    client.force_login(student)
    page = client.get(reverse("students:routine-play", args=[homework.pk])).content.decode()
    question = page.index("How tense do you feel now?")
    assert question < page.index("data-stage")  # before the steps
    assert 'class="player player--student is-asking"' in page
    assert len(re.findall(r'<input type="radio" name="before" value="\d+"', page)) == 11
    # The log at the end asks again, on the same scale, its "before" filled in by the script.
    assert len(re.findall(r'<input type="radio" name="tension_before"', page)) == 11
    assert len(re.findall(r'<input type="radio" name="tension_after"', page)) == 11
    assert 'data-action="stop"' in page and "js/player.js" in page


@pytest.mark.django_db
def test_the_player_shows_the_techniques_summary_never_the_teachers_notes(
    client, student, homework
):
    client.force_login(student)
    response = client.get(reverse("students:routine-play", args=[homework.pk]))
    page = response.content.decode()
    assert "Level 4" not in page and "Watch Sam" not in page
    roll = next(s for s in response.context["steps"] if s["title"] == "Back roll")
    assert roll["text"] == "Roll slowly up and down the upper back."
    assert roll["cues"][:2] == ["Breathe out as you sink.", "Slow as honey."]
    assert "note" not in roll and "mistakes" not in roll["technique"]


def test_student_steps_keep_the_words_of_non_technique_steps():
    rest = {"kind": "rest", "title": "Quiet moment", "text": "Lie still.", "note": "x"}
    technique = {"kind": "technique", "text": "Point out…", "technique": {"summary": "Roll."}}
    assert student_steps([rest, technique]) == [
        {"kind": "rest", "title": "Quiet moment", "text": "Lie still."},
        {"kind": "technique", "text": "Roll.", "technique": {"summary": "Roll."}},
    ]


@pytest.mark.django_db
def test_the_routines_pdf_is_linked_from_the_player_and_today(client, student, homework):
    client.force_login(student)
    pdf = reverse("students:routine-pdf", args=[homework.pk])
    assert f'href="{pdf}"' in client.get(reverse("me")).content.decode()
    player = client.get(reverse("students:routine-play", args=[homework.pk])).content.decode()
    assert f'href="{pdf}"' in player


# --- The log: pre-filled from what was played ---------------------------------------------


def log_initial(client, homework, query=""):
    response = client.get(reverse("students:routine-log", args=[homework.pk]) + query)
    assert response.status_code == 200
    form = response.context["form"]
    return form["minutes"].value(), form["tension_before"].value(), response.content.decode()


@pytest.mark.django_db
def test_the_log_prefills_the_minutes_played_and_the_tension_before(client, student, homework):
    client.force_login(student)
    assert log_initial(client, homework)[:2] == (6, None)  # on its own: the routine's length
    minutes, before, page = log_initial(client, homework, "?played=179&before=6")
    assert (minutes, before) == (2, 6)  # 2:59 played: 2 minutes, never more
    assert re.search(r'<input type="radio" name="tension_before" value="6"[^>]* checked', page)
    assert len(re.findall(r'name="tension_before"[^>]* checked', page)) == 1
    assert log_initial(client, homework, "?played=5")[0] == 0  # five seconds and skips


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "minutes", "before"),
    [
        ("?played=3000&before=11", 12, None),  # at most twice the routine; 11 ignored
        ("?played=99999", 6, None),  # past ten hours: not a player's figure
        ("?played=-3&before=-1", 6, None),
        ("?played=lots&before=six", 6, None),
        ("?played=240&before=lots", 4, None),
    ],
)
def test_the_log_ignores_bad_values_from_the_player(
    client, student, homework, query, minutes, before
):
    client.force_login(student)
    assert log_initial(client, homework, query)[:2] == (minutes, before)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("tension_before", "11", "less than or equal to 10"),
        ("tension_before", "-1", "greater than or equal to 0"),
        ("tension_after", "12", "less than or equal to 10"),
        ("tension_after", "-2", "greater than or equal to 0"),
        ("minutes", "13", "more than twice the routine"),
    ],
)
def test_bad_ratings_and_minutes_are_refused_beside_the_field(
    client, student, homework, field, value, message
):
    client.force_login(student)
    response = client.post(
        reverse("students:routine-log", args=[homework.pk]), log_data(**{field: value})
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert re.search(rf'id="id_{field}-error" role="alert">[^<]*{message}', page)
    assert not PracticeLog.objects.exists()


@pytest.mark.django_db
def test_twice_the_routine_is_the_most_a_log_may_say(client, student, homework):
    client.force_login(student)
    response = client.post(
        reverse("students:routine-log", args=[homework.pk]), log_data(minutes="12")
    )
    assert response.status_code == 302
    assert PracticeLog.objects.get().minutes == 12


# --- The tension chart ----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_tension_chart_has_axes_dates_and_a_legend(client, student, homework):
    today = TODAY()
    for days_ago, before, after in [(20, 8, 5), (9, 6, 3), (0, 4, 1)]:
        PracticeLogFactory(
            assignment=homework,
            practised_on=today - datetime.timedelta(days=days_ago),
            tension_before=before,
            tension_after=after,
        )
    client.force_login(student)
    page = client.get(reverse("students:history")).content.decode()
    chart = page[page.index('<svg role="img" aria-labelledby="trend-title') :]
    chart = chart[: chart.index("</svg>")]
    labels = re.findall(r"<text[^>]*>([^<]+)</text>", chart)
    assert {"0", "5", "10", "Tension"} <= set(labels)
    start = today - datetime.timedelta(days=27)
    assert date_format(start, "MONTH_DAY_FORMAT") in labels
    assert date_format(today, "MONTH_DAY_FORMAT") in labels
    assert chart.count("<polyline") == 2 and chart.count("<circle") == 3
    assert "Before practice" in page and "After practice" in page  # the legend
    assert page.count("<tr><td>") >= 3  # the same as a table


@pytest.mark.django_db
@pytest.mark.parametrize("logs", [2, 25])
def test_the_player_and_history_queries_do_not_grow(
    client, student, homework, django_assert_max_num_queries, logs
):
    for n in range(logs):
        PracticeLogFactory(assignment=homework, practised_on=TODAY() - datetime.timedelta(days=n))
    client.force_login(student)
    client.get(reverse("students:history"))  # the library, read once per library version
    with django_assert_max_num_queries(6):
        assert client.get(reverse("students:routine-play", args=[homework.pk])).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(reverse("students:history")).status_code == 200

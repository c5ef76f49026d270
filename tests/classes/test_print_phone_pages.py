"""Printed and shared pages (issue 15, part 3): merged cautions with the steps they apply
to, numbered steps, one step markup for every width, and the student's way back to /me/."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from classes import pdf as pdf_module
from classes import services
from classes.models import Course, Session
from classes.printout import merge_lines, merged_cautions, number_ranges
from routines import printing
from students.models import Student
from tests.factories import TechniqueFactory, make_plan

CLOTS = (
    "Pregnancy raises the risk of clots in the legs: keep {} work light, and leave it out "
    "if a {} is swollen, warm or painful."
)
CALF, THIGH, LOWER_LEG = (
    CLOTS.format("calf", "calf"),
    CLOTS.format("thigh", "leg"),
    CLOTS.format("lower-leg", "leg"),
)
VARICOSE = "Varicose veins: do not roll over them."
SPINE = "Do not roll directly on the spine; keep the ball to either side of it."


@pytest.fixture
def plan(teacher):
    """Three steps whose techniques repeat one caution word for word, one in other case
    and spacing, and three near-identical wordings of another."""
    techniques = [
        TechniqueFactory(name="Calf roll", cautions=[CALF, VARICOSE], contraindications=[SPINE]),
        TechniqueFactory(
            name="Thigh roll",
            cautions=[THIGH, "varicose  veins: Do not roll over them"],
            contraindications=[],
        ),
        TechniqueFactory(name="Shin roll", cautions=[LOWER_LEG], contraindications=[SPINE]),
    ]
    plan = make_plan(teacher, title="Legs", techniques=techniques)
    services.plan_publish(plan=plan, expected_version=plan.lock_version)
    plan.refresh_from_db()
    return plan


def cautions_list(html: str) -> list[str]:
    section = html.split('class="plan-cautions"', 1)[1].split("</section>", 1)[0]
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", section)]


MERGED_CLOTS = (
    "Pregnancy raises the risk of clots in the legs: keep calf / thigh / lower-leg work light, "
    "and leave it out if a calf / leg is swollen, warm or painful. (Steps 1–3)"
)


@pytest.mark.django_db
def test_the_print_page_lists_each_caution_once_with_its_steps(client, teacher, plan):
    client.force_login(teacher)
    html = client.get(reverse("classes:plan-print", args=[plan.pk])).content.decode()
    assert cautions_list(html) == [
        MERGED_CLOTS,
        "Varicose veins: do not roll over them. (Steps 1, 2)",
        "Do not roll directly on the spine; keep the ball to either side of it. (Steps 1, 3)",
    ]
    # The steps are numbered through the plan, as the cautions and the checks name them.
    assert re.findall(r'<span class="step-no">(\d+)\.</span>', html) == ["1", "2", "3"]


@pytest.mark.django_db
def test_the_share_page_merges_the_cautions_too(client, plan):
    plan.share_token = "s" * 30
    plan.save(update_fields=["share_token"])
    html = client.get(reverse("classes:share", args=[plan.share_token])).content.decode()
    assert cautions_list(html)[0] == MERGED_CLOTS
    assert len(cautions_list(html)) == 3
    assert "Back to today" not in html  # nobody signed in: nowhere to go back to


@pytest.mark.django_db
def test_the_pdf_context_prints_the_merged_cautions(teacher, plan, monkeypatch):
    rendered = []
    real = printing.render_to_string
    monkeypatch.setattr(
        printing,
        "render_to_string",
        lambda template, context: rendered.append(real(template, context)) or rendered[-1],
    )
    pdf_module.render_pdf(pdf_module.version_pdf_context(plan.versions.get(), "letter"))
    assert cautions_list(rendered[0])[0] == MERGED_CLOTS
    assert "Back to today" not in rendered[0] and "toolbar" not in rendered[0]


@pytest.mark.django_db
def test_the_steps_have_one_markup_labelled_for_the_phone_layout(client, teacher, plan):
    client.force_login(teacher)
    html = client.get(reverse("classes:plan-print", args=[plan.pk])).content.decode()
    assert html.count('<tr class="plan-step" role="row">') == 3
    assert html.count('data-label="Key cues"') == 3
    assert html.count('class="plan-steps" role="table"') == 1  # one section holds them


@pytest.fixture
def sam(teacher, student):
    return Student.objects.create(teacher=teacher, name="Sam", email=student.email, account=student)


@pytest.mark.django_db
def test_the_handout_links_back_to_me_on_screen_only(client, student, sam, teacher, plan):
    version = plan.versions.get()
    course = Course.objects.create(teacher=teacher, title="Tuesdays")
    services.enrol(course=course, students=[sam])
    Session.objects.create(
        course=course, starts_at=timezone.now() - datetime.timedelta(days=1), plan_version=version
    )
    client.force_login(student)
    html = client.get(reverse("classes:handout", args=[version.pk])).content.decode()
    toolbar = html.split('<nav class="toolbar no-print"', 1)[1].split("</nav>", 1)[0]
    assert f'<a href="{reverse("me")}">← Back to today</a>' in toolbar
    assert html.count("Back to today") == 1
    assert cautions_list(html)[0] == MERGED_CLOTS


@pytest.mark.django_db
def test_the_routine_print_page_links_back_to_me(client, student, sam, plan):
    assignment = services.homework_assign(
        students=[sam],
        version=plan.versions.get(),
        frequency="daily",
        starts_on=timezone.localdate(),
    )[0]
    client.force_login(student)
    html = client.get(reverse("students:routine-print", args=[assignment.pk])).content.decode()
    toolbar = html.split('<nav class="toolbar no-print"', 1)[1].split("</nav>", 1)[0]
    assert f'<a href="{reverse("me")}">← Back to today</a>' in toolbar
    assert cautions_list(html)[0] == MERGED_CLOTS


@pytest.mark.django_db
def test_the_teachers_print_page_has_no_link_to_me(client, teacher, plan):
    client.force_login(teacher)
    html = client.get(reverse("classes:plan-print", args=[plan.pk])).content.decode()
    assert "Back to today" not in html


# --- The merge itself: plain data in, plain data out ---------------------------------


def test_lines_that_differ_in_case_spacing_or_punctuation_are_one():
    snapshot = {
        "sections": [
            {"steps": [{"technique": {"cautions": [VARICOSE], "contraindications": []}}]},
            {"steps": [{"technique": {"cautions": ["VARICOSE veins - do not roll over them"]}}]},
        ]
    }
    [note] = merged_cautions(snapshot)
    assert note.text == VARICOSE and note.steps == (1, 2) and note.steps_label == "Steps 1, 2"


def test_distinct_cautions_are_kept_apart():
    distinct = [
        # Same opening, different advice.
        "Pregnancy: from the second trimester, keep the time on your back short.",
        "Pregnancy: in the first trimester, lie face down only if it is comfortable.",
        # A negation is never folded into "(not)".
        "Varicose veins: roll over them gently.",
        "Varicose veins: do not roll over them gently.",
        # Too many different wordings for one place.
        "Recent fracture of the spine: no pressure there until a clinician has cleared it.",
        "Recent fracture of the ribs: no pressure there until a clinician has cleared it.",
        "Recent fracture of the hand: no pressure there until a clinician has cleared it.",
        "Recent fracture of the jaw: no pressure there until a clinician has cleared it.",
    ]
    snapshot = {"sections": [{"steps": [{"technique": {"cautions": distinct}}]}]}
    texts = [note.text for note in merged_cautions(snapshot)]
    assert texts[:4] == distinct[:4]
    assert texts[4] == (
        "Recent fracture of the spine / ribs / hand: no pressure there until a clinician has "
        "cleared it."
    )
    assert texts[5] == distinct[7]


def test_an_optional_word_is_shown_in_brackets():
    assert (
        merge_lines(
            [
                "Open wounds here: keep the ball off the area until the skin has healed.",
                "Open wounds here: keep the spiky ball off the area until the skin has healed.",
            ]
        )
        == "Open wounds here: keep the (spiky) ball off the area until the skin has healed."
    )


def test_a_caution_no_step_carries_is_kept_without_steps():
    snapshot = {"sections": [], "cautions": ["Bring water."]}
    [note] = merged_cautions(snapshot)
    assert note.text == "Bring water." and note.steps == () and note.steps_label == ""


def test_step_numbers_read_as_ranges():
    assert number_ranges([1, 2, 3, 5, 8, 9, 10, 11, 14, 15]) == "1–3, 5, 8–11, 14, 15"

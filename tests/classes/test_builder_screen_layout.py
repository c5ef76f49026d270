"""The builder fits on a screen (issue 15): the plan's actions in a header bar that stays
in view (and is swapped in with every change), steps as compact rows whose edit form
opens in place, keyboard-reachable moves that come back to the moved step, and a bounded
number of queries whatever the plan's size."""

import re

import pytest
from django.urls import reverse

from classes import services
from classes.models import PlanVersion
from routines.models import Side, Step
from tests.factories import TechniqueFactory, make_plan

HX = {"HX-Request": "true"}


@pytest.fixture
def plan(teacher):
    techniques = [
        TechniqueFactory(name="Calf roll", duration_seconds=60, per_side=True),
        TechniqueFactory(name="Upper back pin", duration_seconds=90, cues=["Let the ball in."]),
    ]
    return make_plan(teacher, techniques=techniques)


def bar(body: str) -> str:
    start = body.index('id="builder-bar"')
    return body[start : body.index("</div>\n", body.index('class="builder-actions"', start))]


def step_item(body: str, step) -> str:
    item = body[body.index(f'id="step-{step.pk}"') :]
    return item[: item.index("</li>")]


@pytest.mark.django_db
class TestHeaderBar:
    def test_a_draft_has_publish_and_a_print_preview_at_the_top(self, client, teacher, plan):
        client.force_login(teacher)
        body = client.get(plan.get_absolute_url()).content.decode()
        header = bar(body)
        # At the top of the page, before the plan and its steps.
        assert body.index('id="builder-bar"') < body.index('id="builder"')
        assert f'action="{reverse("classes:plan-publish", args=[plan.pk])}"' in header
        assert 'name="csrfmiddlewaretoken"' in header
        assert (
            "placeholder" not in re.search(r'name="csrfmiddlewaretoken" value="[^"]*"', header)[0]
        )
        assert f'name="version" value="{plan.lock_version}"' in header
        assert ">Publish" in header and "Print preview" in header
        assert f'href="{reverse("classes:plan-pdf", args=[plan.pk])}"' not in header

    def test_a_published_plan_has_print_pdf_teach_and_share_in_the_bar(self, client, teacher, plan):
        services.plan_publish(plan=plan, expected_version=plan.lock_version)
        plan.refresh_from_db()
        client.force_login(teacher)
        header = bar(client.get(plan.get_absolute_url()).content.decode())
        for name in ("plan-print", "plan-pdf", "plan-teach"):
            assert f'href="{reverse(f"classes:{name}", args=[plan.pk])}"' in header, name
        assert "Create a share link" in header
        assert "disabled" in header.split("</form>")[0]  # nothing new to publish

    def test_publishing_from_the_bar_keeps_the_version_lock(self, client, teacher, plan):
        client.force_login(teacher)
        header = bar(client.get(plan.get_absolute_url()).content.decode())
        version = re.search(r'name="version" value="(\d+)"', header).group(1)
        url = reverse("classes:plan-publish", args=[plan.pk])
        services.step_update(  # another tab changes the plan first
            plan=plan, expected_version=plan.lock_version, step=plan.routine.steps.first(), cue="x"
        )
        assert client.post(url, {"version": version}).status_code == 409
        assert not PlanVersion.objects.exists()
        plan.refresh_from_db()
        assert client.post(url, {"version": plan.lock_version}).status_code == 302
        assert PlanVersion.objects.filter(plan=plan, number=1).exists()

    def test_every_change_swaps_in_a_fresh_bar(self, client, teacher, plan):
        client.force_login(teacher)
        step = plan.routine.steps.first()
        response = client.post(
            reverse("classes:step-move", args=[plan.pk, step.pk]),
            {"version": plan.lock_version, "direction": "down"},
            headers=HX,
        )
        body = response.content.decode()
        plan.refresh_from_db()
        assert 'id="builder-bar" class="builder-bar" hx-swap-oob="true"' in body
        assert f'name="version" value="{plan.lock_version}"' in bar(body)
        assert 'id="total-time"' in bar(body)


@pytest.mark.django_db
class TestCompactSteps:
    def test_a_step_is_a_row_with_picture_name_time_side_and_first_cue(self, client, teacher, plan):
        client.force_login(teacher)
        body = client.get(plan.get_absolute_url()).content.decode()
        calf, pin = plan.routine.steps.order_by("position")
        row = step_item(body, calf)
        assert 'class="step-thumb"><svg' in row or 'class="step-thumb"><img' in row
        assert "Calf roll" in row and "2:00" in row and "1:00 each side" in row
        pin_row = step_item(body, pin)
        assert "both sides together" in pin_row
        assert '<p class="step-cue small mb-0 text-body-secondary">Let the ball in.</p>' in pin_row

    def test_its_edit_form_is_folded_in_place_and_opens_with_errors(self, client, teacher, plan):
        client.force_login(teacher)
        step = plan.routine.steps.first()
        row = step_item(client.get(plan.get_absolute_url()).content.decode(), step)
        assert f'<details class="step-edit" id="edit-{step.pk}">' in row
        assert f'aria-controls="edit-{step.pk}"' in row and 'aria-expanded="false"' in row
        prefix = f"step-{step.pk}"
        response = client.post(
            reverse("classes:step-update", args=[plan.pk, step.pk]),
            {
                "version": plan.lock_version,
                f"{prefix}-duration_seconds": "0",
                f"{prefix}-side": Side.EACH,
            },
            headers=HX,
        )
        assert response.status_code == 422
        row = step_item(response.content.decode(), step)
        assert f'<details class="step-edit" id="edit-{step.pk}" open>' in row
        assert 'aria-expanded="true"' in row and "at least 5 seconds" in row

    def test_every_step_action_has_a_button(self, client, teacher, plan):
        client.force_login(teacher)
        body = client.get(plan.get_absolute_url()).content.decode()
        for step in plan.routine.steps.select_related("technique"):
            row = step_item(body, step)
            for label in ("Move {} up", "Move {} down", "Remove {}"):
                assert f'aria-label="{label.format(step.display_title)}"' in row
            assert f'id="edit-toggle-{step.pk}"' in row

    def test_a_move_without_javascript_comes_back_to_the_moved_step(self, client, teacher, plan):
        client.force_login(teacher)
        step = plan.routine.steps.first()
        response = client.post(
            reverse("classes:step-move", args=[plan.pk, step.pk]),
            {"version": plan.lock_version, "direction": "down"},
        )
        assert response.status_code == 302
        assert response.url == f"{plan.get_absolute_url()}#step-{step.pk}"

    def test_a_section_offers_its_own_add_form_with_a_sensible_kind(self, client, teacher, plan):
        client.force_login(teacher)
        body = client.get(plan.get_absolute_url()).content.decode()
        sections = list(plan.routine.sections.order_by("position"))
        expected = ["assessment", "exercise", "exercise", "exercise", "rest"]
        for section, kind in zip(sections, expected, strict=True):
            form = body[body.index(f'id="add-other-{section.pk}"') :]
            form = form[: form.index("</form>")]
            assert f'name="other-section" value="{section.pk}"' in form
            assert f'<option value="{kind}" selected>' in form, section.title
            assert f'id="id_s{section.pk}-other-title"' in form  # ids of its own


def big_plan(teacher, count):
    plan = make_plan(teacher, techniques=[TechniqueFactory() for _ in range(count // 2)])
    main = plan.routine.sections.get(position=2)
    Step.objects.bulk_create(
        Step(
            routine=plan.routine,
            section=main,
            position=100 + i,
            kind=Step.Kind.EXERCISE,
            title=f"Exercise {i}",
            text="One\nTwo",
            duration_seconds=60,
            side=Side.EACH,
        )
        for i in range(count - count // 2)
    )
    services.plan_publish(plan=plan, expected_version=plan.lock_version)
    plan.refresh_from_db()
    return plan


@pytest.mark.django_db
@pytest.mark.parametrize("count", [6, 48])
def test_the_builder_keeps_its_query_count_whatever_the_plan_size(
    client, teacher, django_assert_max_num_queries, count
):
    plan = big_plan(teacher, count)
    client.force_login(teacher)
    # First view: session, user, plan, the checks' fingerprints, the plan's steps (5), its
    # versions, the panel's results and vocabularies, the plan form's courses, the library
    # as the checks read it. Then, from the cache, the session, user, plan and fingerprints.
    for most in (36, 4):
        with django_assert_max_num_queries(most):
            assert client.get(plan.get_absolute_url()).status_code == 200
    step = plan.routine.steps.filter(kind=Step.Kind.EXERCISE).first()
    with django_assert_max_num_queries(30):  # a move, and the fresh builder and bar
        response = client.post(
            reverse("classes:step-move", args=[plan.pk, step.pk]),
            {"version": plan.lock_version, "direction": "up"},
            headers=HX,
        )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('class="step card') == count
    assert 'id="builder-bar" class="builder-bar" hx-swap-oob="true"' in body
    assert body.count('class="step-edit"') == count  # every row with its folded form

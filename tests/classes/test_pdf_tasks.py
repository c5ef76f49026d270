"""A published version's PDFs are rendered in the background after publishing
(classes/tasks.py), so the first request finds them stored."""

import io
import logging
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks import task_backends
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from classes import pdf as pdf_module
from classes import services
from classes import tasks as pdf_tasks
from classes.models import PlanVersion
from tests.factories import TechniqueFactory, make_plan

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PAGE_SIZES = {"a4": (595, 842), "letter": (612, 792)}
REAL_RENDER = pdf_module.render_pdf


@pytest.fixture
def plan(teacher):
    """A 40-step plan, ready to publish."""
    techniques = [TechniqueFactory(name=f"Technique {n}") for n in range(40)]
    return make_plan(teacher, title="Forty steps", techniques=techniques, target_minutes=90)


@pytest.fixture
def renders(monkeypatch):
    """Counts the PDFs rendered, by paper size, while rendering them for real."""
    calls = []
    real = pdf_module.render_pdf
    monkeypatch.setattr(
        pdf_module, "render_pdf", lambda context: calls.append(context["paper"]) or real(context)
    )
    return calls


@pytest.fixture
def broken_render(monkeypatch):
    calls = []

    def render(context):
        calls.append(context["paper"])
        raise ValueError("WeasyPrint choked on odd content")

    monkeypatch.setattr(pdf_module, "render_pdf", render)
    return calls


def publish(plan, capture) -> PlanVersion:
    """Publish as a request does: the callbacks run when the transaction commits."""
    with capture(execute=True):
        version = services.plan_publish(plan=plan, expected_version=plan.lock_version)
    version.refresh_from_db()
    return version


def page_size(content: bytes) -> tuple[int, int]:
    box = PdfReader(io.BytesIO(content)).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def pdf_url(plan, paper: str) -> str:
    return reverse("classes:plan-pdf", kwargs={"pk": plan.pk}) + f"?paper={paper}"


def failures(caplog) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == "classes.tasks" and record.levelno == logging.ERROR
    ]


@pytest.mark.django_db
class TestPublishingRendersThePdfs:
    def test_publishing_enqueues_one_task_per_paper_size_after_commit(
        self, settings, plan, django_capture_on_commit_callbacks, renders
    ):
        settings.TASKS = DUMMY
        with django_capture_on_commit_callbacks() as callbacks:
            version = services.plan_publish(plan=plan, expected_version=plan.lock_version)
            assert task_backends["default"].results == []  # nothing before the commit
        for callback in callbacks:
            callback()
        queued = task_backends["default"].results
        assert [(result.task.name, result.args) for result in queued] == [
            ("render_version_pdfs", [version.pk, "a4"]),
            ("render_version_pdfs", [version.pk, "letter"]),
        ]
        assert renders == []  # only queued: the publish itself renders nothing

    def test_both_pdfs_are_stored_without_anyone_asking(
        self, plan, django_capture_on_commit_callbacks, renders
    ):
        version = publish(plan, django_capture_on_commit_callbacks)
        assert sorted(renders) == ["a4", "letter"]  # each rendered once
        for paper, field in [("a4", version.pdf), ("letter", version.pdf_letter)]:
            assert field.name.endswith(f"-{paper}.pdf")
            with field.open("rb") as stored:
                assert page_size(stored.read()) == PAGE_SIZES[paper]
        assert version.pdf_rendering_since is None  # the claim is released

    def test_the_view_serves_the_stored_pdf_without_rendering_again(
        self, client, teacher, plan, django_capture_on_commit_callbacks, renders
    ):
        version = publish(plan, django_capture_on_commit_callbacks)
        renders.clear()
        client.force_login(teacher)
        for paper, field in [("a4", version.pdf), ("letter", version.pdf_letter)]:
            response = client.get(pdf_url(plan, paper))
            assert response.status_code == 200
            with field.open("rb") as stored:
                assert b"".join(response.streaming_content) == stored.read()
        assert renders == []

    def test_a_failing_render_is_logged_retried_and_the_view_still_answers(
        self,
        client,
        teacher,
        plan,
        django_capture_on_commit_callbacks,
        broken_render,
        caplog,
        monkeypatch,
    ):
        caplog.set_level(logging.ERROR, logger="classes.tasks")
        version = publish(plan, django_capture_on_commit_callbacks)  # does not raise
        assert plan.versions.count() == 1
        assert broken_render == ["a4"] * 3 + ["letter"] * 3  # each task tried three times
        logged = failures(caplog)
        assert len(logged) == 2 * pdf_tasks.MAX_ATTEMPTS
        for attempt in (1, 2, 3):
            assert sum(f"(attempt {attempt} of 3)" in message for message in logged) == 2
        assert all(record.exc_info for record in caplog.records if record.name == "classes.tasks")
        assert not version.pdf and not version.pdf_letter
        assert version.pdf_rendering_since is None  # no claim left behind to block a retry

        monkeypatch.setattr(pdf_module, "render_pdf", REAL_RENDER)  # WeasyPrint recovers
        client.force_login(teacher)
        response = client.get(pdf_url(plan, "a4"))
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF-")

    def test_on_the_database_backend_a_failure_schedules_a_later_attempt_up_to_the_bound(
        self, settings, plan, broken_render, caplog
    ):
        settings.TASKS = DATABASE
        version = services.plan_publish(plan=plan, expected_version=plan.lock_version)
        for attempt in (1, 2, 3):
            with pytest.raises(ValueError):
                pdf_tasks.render_version_pdfs.call(version.pk, "a4", attempt)
        later = DBTaskResult.objects.order_by("run_after")
        # Attempts 1 and 2 each queued the next one, a claim's lifetime later; 3 is the last.
        assert [result.args_kwargs["args"] for result in later] == [
            [version.pk, "a4", 2],
            [version.pk, "a4", 3],
        ]
        assert all(
            result.run_after > timezone.now() + pdf_tasks.CLAIM_TIMEOUT - timedelta(seconds=30)
            for result in later
        )
        assert len(failures(caplog)) == 3

    def test_a_second_task_for_a_version_being_rendered_does_nothing(self, plan, renders):
        version = services.plan_publish(plan=plan, expected_version=plan.lock_version)
        PlanVersion.objects.filter(pk=version.pk).update(pdf_rendering_since=timezone.now())
        assert pdf_tasks.render_version_pdfs.call(version.pk, "a4") == "busy"
        assert pdf_tasks.render_version_pdfs.call(version.pk, "letter") == "busy"
        assert renders == []
        version.refresh_from_db()
        assert not version.pdf and not version.pdf_letter

    def test_a_stale_claim_is_a_lost_render_and_is_taken_over(self, plan, renders):
        version = services.plan_publish(plan=plan, expected_version=plan.lock_version)
        lost = timezone.now() - pdf_tasks.CLAIM_TIMEOUT - timedelta(seconds=1)
        PlanVersion.objects.filter(pk=version.pk).update(pdf_rendering_since=lost)
        assert pdf_tasks.render_version_pdfs.call(version.pk, "letter") == "rendered"
        assert renders == ["letter", "a4"]  # its own paper first, then what is missing
        assert pdf_tasks.render_version_pdfs.call(version.pk, "a4") == "stored"
        assert renders == ["letter", "a4"]

    def test_only_one_of_two_racing_claims_wins(self, plan):
        version = services.plan_publish(plan=plan, expected_version=plan.lock_version)
        first, second = pdf_tasks.claim(version.pk), pdf_tasks.claim(version.pk)
        assert first is not None and second is None

    def test_a_task_for_a_version_whose_plan_was_deleted_does_nothing(self, plan, renders):
        version = services.plan_publish(plan=plan, expected_version=plan.lock_version)
        PlanVersion.objects.filter(pk=version.pk).update(plan=None)
        assert pdf_tasks.render_version_pdfs.call(version.pk, "a4") == "gone"
        assert pdf_tasks.render_version_pdfs.call(version.pk + 1000, "a4") == "gone"
        assert renders == []


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_queued_renders_on_the_database_backend(settings, teacher, plan, renders):
    """`manage.py db_worker`, which `make serve` starts, stores the PDFs a publish queued."""
    settings.TASKS = DATABASE
    version = services.plan_publish(plan=plan, expected_version=plan.lock_version)
    queued = DBTaskResult.objects.all()
    assert queued.count() == 2 and renders == []  # queued, not rendered by the publish
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)
    version.refresh_from_db()
    assert version.pdf and version.pdf_letter
    assert sorted(renders) == ["a4", "letter"]
    assert set(queued.values_list("status", flat=True)) == {"SUCCESSFUL", "READY"}
    # The one still READY is the next attempt, held back in case this one had been lost:
    # when it comes due it finds the PDFs stored and renders nothing.
    with time_machine.travel(timezone.now() + pdf_tasks.CLAIM_TIMEOUT + timedelta(seconds=5)):
        call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)
    assert set(queued.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert sorted(renders) == ["a4", "letter"]

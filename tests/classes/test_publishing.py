import io
import json

import pytest
from django.urls import reverse
from pypdf import PdfReader

from classes import pdf as pdf_module
from classes import services
from classes.models import ClassPlan, Course, Enrolment, PlanVersion
from classes.starter_plans import load_starter_plans
from routines.models import Region, Section, Side, Step
from students.models import HealthNote, Student
from tests.factories import EquipmentFactory, TechniqueFactory, make_plan


@pytest.fixture
def published(teacher):
    techniques = [
        TechniqueFactory(
            name="Plantar fascia roll on a spiky ball",
            per_side=True,
            duration_seconds=60,
            equipment=[EquipmentFactory(slug="spiky-ball", name="Spiky ball")],
            cautions=["Keep the pressure below a 7 out of 10."],
        ),
        TechniqueFactory(name="Levator scapulae pin and stretch", duration_seconds=90),
    ]
    plan = make_plan(
        teacher,
        title="Feet & shoulders",
        techniques=techniques,
        focus="Feet for runners",
        notes="Hand out spiky balls first.",
    )
    services.plan_publish(plan=plan, expected_version=plan.lock_version)
    plan.refresh_from_db()
    return plan


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.django_db
class TestPrintAndPdf:
    def test_print_page_has_everything_a_class_needs(self, client, teacher, published):
        client.force_login(teacher)
        body = client.get(
            reverse("classes:plan-print", kwargs={"pk": published.pk})
        ).content.decode()
        for expected in [
            "Feet &amp; shoulders",
            "Tess Teacher",
            "Feet for runners",
            "Version 1",
            "Total 4:",
            "Spiky ball",
            "Plantar fascia roll on a spiky ball",
            "Levator scapulae pin and stretch",
            "Each side",
            "Keep the pressure below a 7 out of 10.",
            "Hand out spiky balls first.",
            "Arrive" if False else "Main work",
        ]:
            assert expected in body, expected
        assert 'media="print"' not in body or "plan-print.css" in body

    def test_print_page_and_pdf_carry_the_body_map_of_the_plan(self, client, teacher, published):
        client.force_login(teacher)
        page = client.get(reverse("classes:plan-print", kwargs={"pk": published.pk}))
        body = page.content.decode()
        assert body.count('class="body-map__view" role="img"') == 2  # front and back figures
        snapshot = published.versions.get().snapshot
        techniques = [s for x in snapshot["sections"] for s in x["steps"] if s["technique"]]
        assert techniques and body.count('class="technique-picture') == len(techniques)
        rows = page.context["body_map"]["rows"]
        assert rows and rows[0]["minutes"] > 0
        with pytest.MonkeyPatch.context() as patch:
            captured = {}
            real = pdf_module.render_pdf
            patch.setattr(
                pdf_module, "render_pdf", lambda context: captured.update(context) or real(context)
            )
            b"".join(
                client.get(
                    reverse("classes:plan-pdf", kwargs={"pk": published.pk})
                ).streaming_content
            )
        assert captured["body_map"]["rows"] == rows

    def test_print_page_of_an_unpublished_plan_is_marked_draft(self, client, teacher):
        plan = make_plan(teacher, techniques=[TechniqueFactory()])
        client.force_login(teacher)
        body = client.get(reverse("classes:plan-print", kwargs={"pk": plan.pk})).content.decode()
        assert "Draft — not published" in body

    def test_unknown_version_is_404(self, client, teacher, published):
        client.force_login(teacher)
        url = reverse("classes:plan-print", kwargs={"pk": published.pk})
        assert client.get(url + "?version=7").status_code == 404
        assert client.get(url + "?version=abc").status_code == 404

    def test_pdf_is_a_real_pdf_rendered_once_and_kept(
        self, client, teacher, published, monkeypatch
    ):
        client.force_login(teacher)
        calls = []
        real_render = pdf_module.render_pdf
        monkeypatch.setattr(
            pdf_module, "render_pdf", lambda context: calls.append(1) or real_render(context)
        )
        url = reverse("classes:plan-pdf", kwargs={"pk": published.pk})
        first = client.get(url)
        content = b"".join(first.streaming_content)
        assert first["Content-Type"] == "application/pdf"
        assert content.startswith(b"%PDF-")
        text = pdf_text(content)
        for expected in [
            "Feet & shoulders",
            "Plantar fascia roll on a spiky ball",
            "Levator scapulae pin and stretch",
        ]:
            assert expected in text.replace("\n", " "), expected
        assert "Minutes of work per region" in text  # the body map's legend
        second = b"".join(client.get(url).streaming_content)
        assert second == content
        assert len(calls) == 1
        version = published.versions.get()
        assert version.pdf.name.endswith("-a4.pdf")

    def test_a_lost_stored_pdf_is_made_again(self, client, teacher, published):
        client.force_login(teacher)
        url = reverse("classes:plan-pdf", kwargs={"pk": published.pk})
        b"".join(client.get(url).streaming_content)
        version = published.versions.get()
        version.pdf.storage.delete(version.pdf.name)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF-")

    def test_letter_paper_is_its_own_pdf(self, client, teacher, published):
        client.force_login(teacher)
        url = reverse("classes:plan-pdf", kwargs={"pk": published.pk}) + "?paper=letter"
        content = b"".join(client.get(url).streaming_content)
        box = PdfReader(io.BytesIO(content)).pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (612, 792)

    def test_pdf_of_an_unpublished_plan_says_to_publish(self, client, teacher):
        plan = make_plan(teacher, techniques=[TechniqueFactory()])
        client.force_login(teacher)
        response = client.get(reverse("classes:plan-pdf", kwargs={"pk": plan.pk}), follow=True)
        assert "Publish the plan to download its PDF" in response.content.decode()

    def test_the_pdf_fetches_nothing_but_local_files(self):
        assert pdf_module.local_path("static:css/plan-print.css") is not None
        assert pdf_module.local_path("http://169.254.169.254/latest/meta-data") is None
        assert pdf_module.local_path("media:../../etc/passwd") is None
        assert pdf_module.local_path("file:///etc/passwd") is None


@pytest.mark.django_db
class TestShare:
    def test_share_link_is_read_only_public_and_revocable(self, client, teacher, published):
        client.force_login(teacher)
        client.post(
            reverse("classes:plan-share", kwargs={"pk": published.pk}), {"action": "create"}
        )
        published.refresh_from_db()
        token = published.share_token
        assert len(token) >= 40
        client.logout()
        url = reverse("classes:share", kwargs={"token": token})
        page = client.get(url)
        assert page.status_code == 200
        body = page.content.decode()
        assert "Plantar fascia roll on a spiky ball" in body
        assert "/plans/" not in body  # no way into the teacher's pages
        client.force_login(teacher)
        client.post(
            reverse("classes:plan-share", kwargs={"pk": published.pk}), {"action": "revoke"}
        )
        client.logout()
        assert client.get(url).status_code == 404

    @pytest.mark.parametrize("token", ["nope", "a" * 43, "x" * 500, "%00"])
    def test_tampered_tokens_are_404(self, client, published, token):
        ClassPlan.objects.filter(pk=published.pk).update(share_token=ClassPlan.new_share_token())
        assert client.get(f"/share/{token}/").status_code == 404

    def test_an_unpublished_plan_cannot_be_shared(self, client, teacher):
        plan = make_plan(teacher, techniques=[TechniqueFactory()])
        client.force_login(teacher)
        response = client.post(
            reverse("classes:plan-share", kwargs={"pk": plan.pk}), {"action": "create"}
        )
        assert response.status_code == 422
        plan.refresh_from_db()
        assert plan.share_token is None


@pytest.mark.django_db
class TestTeachMode:
    def test_teach_mode_plays_each_side_steps_left_then_right(self, client, teacher, published):
        client.force_login(teacher)
        response = client.get(reverse("classes:plan-teach", kwargs={"pk": published.pk}))
        steps = response.context["steps"]
        assert [(s["title"], s["play_side"]) for s in steps] == [
            ("Plantar fascia roll on a spiky ball", "left"),
            ("Plantar fascia roll on a spiky ball", "right"),
            ("Levator scapulae pin and stretch", "both"),
        ]
        body = response.content.decode()
        assert 'id="player-steps" type="application/json"' in body
        data = json.loads(
            body.split('id="player-steps" type="application/json">')[1].split("</script>")[0]
        )
        assert data[0]["play_seconds"] == 60

    def test_teach_mode_needs_a_published_version(self, client, teacher):
        plan = make_plan(teacher, techniques=[TechniqueFactory()])
        client.force_login(teacher)
        response = client.get(reverse("classes:plan-teach", kwargs={"pk": plan.pk}))
        assert response.status_code == 302


@pytest.mark.django_db
class TestStarterPlans:
    def test_starter_plans_load_published_and_once(self, starter_library, curator):
        report = load_starter_plans()
        assert len(report["created"]) >= 5
        assert load_starter_plans()["created"] == []
        templates = ClassPlan.objects.templates()
        assert templates.count() == len(report["created"])
        assert all(plan.versions.count() == 1 for plan in templates)
        for plan in templates:
            snapshot = plan.versions.get().snapshot
            assert (
                abs(snapshot["total_seconds"] - plan.target_minutes * 60) <= plan.target_minutes * 6
            ), plan.slug

    def test_intro_class_explores_the_five_actions_and_ends_quietly(self, starter_library):
        load_starter_plans()
        snapshot = ClassPlan.objects.get(slug="intro-to-therapy-balls").versions.get().snapshot
        steps = [step for section in snapshot["sections"] for step in section["steps"]]
        actions = {a for step in steps if step["technique"] for a in step["technique"]["actions"]}
        assert {"roll", "pin", "spin", "compress", "shear"} <= actions
        assert steps[-1]["kind"] == "rest"

    def test_upper_back_plan_rechecks_its_assessment(self, starter_library):
        load_starter_plans()
        snapshot = ClassPlan.objects.get(slug="upper-back-and-neck-relief").versions.get().snapshot
        kinds = [step["kind"] for section in snapshot["sections"] for step in section["steps"]]
        assert kinds[0] == "assessment" and kinds.count("assessment") >= 2

    def test_there_is_a_60_minute_full_body_class(self, starter_library):
        load_starter_plans()
        assert ClassPlan.objects.get(slug="full-body-60").target_minutes == 60

    def test_a_teacher_copies_a_starter_plan(self, client, teacher, starter_library):
        load_starter_plans()
        template = ClassPlan.objects.get(slug="upper-body-wall-routine")
        client.force_login(teacher)
        assert "Copy to my plans" in client.get("/plans/").content.decode()
        response = client.post(reverse("classes:plan-duplicate", kwargs={"pk": template.pk}))
        copy = ClassPlan.objects.get(owner=teacher)
        assert response.url == copy.get_absolute_url()
        assert copy.title == template.title and not copy.is_template
        assert (
            client.get(reverse("classes:plan-builder", kwargs={"pk": template.pk})).status_code
            == 404
        )

    def test_curators_edit_starter_plans_and_teachers_cannot(
        self, client, curator, teacher, starter_library
    ):
        load_starter_plans()
        template = ClassPlan.objects.get(slug="full-body-60")
        client.force_login(curator)
        assert client.get(template.get_absolute_url()).status_code == 200
        client.force_login(teacher)
        assert client.get(template.get_absolute_url()).status_code == 404


def plan_with_steps(owner, count):
    techniques = [TechniqueFactory() for _ in range(3)]
    plan = services.plan_create(owner=owner, title=f"{count} steps")
    sections = list(plan.routine.sections.all())
    Step.objects.bulk_create(
        Step(
            routine=plan.routine,
            section=sections[i % len(sections)],
            position=i,
            technique=techniques[i % 3],
            duration_seconds=60,
            side=Side.EACH if i % 2 else Side.BOTH,
        )
        for i in range(count)
    )
    services.plan_publish(plan=plan, expected_version=plan.lock_version)
    plan.refresh_from_db()
    return plan


@pytest.mark.django_db
@pytest.mark.parametrize("count", [5, 60])
def test_plan_pages_query_counts_do_not_grow_with_steps(
    client, teacher, django_assert_max_num_queries, count
):
    plan = plan_with_steps(teacher, count)
    for i in range(count // 5):  # more plans in the list too
        services.plan_create(owner=teacher, title=f"Other {i}")
    # A roster to check against, as large as the plan, each student with a health note.
    from django.utils import timezone

    course = Course.objects.create(teacher=teacher, title="Checked course", capacity=500)
    neck = Region.objects.create(slug="neck-check", name="Neck")
    for i in range(count):
        student = Student.objects.create(
            teacher=teacher, name=f"S{i}", consent_given_at=timezone.now()
        )
        Enrolment.objects.create(course=course, student=student)
        HealthNote.objects.create(student=student, condition="Sore").avoid_regions.add(neck)
    ClassPlan.objects.filter(pk=plan.pk).update(check_course=course)
    client.force_login(teacher)
    assert Section.objects.filter(routine=plan.routine).count() == 5
    with django_assert_max_num_queries(8):
        assert client.get("/plans/").status_code == 200
    # The first view: session, user, plan, the checks' fingerprints (1), 5 for the steps,
    # versions, the panel's search (5) and vocabularies (2), the plan form's courses, the
    # library as the checks read it (7, once per library version), the roster and its
    # notes (5, once per roster state), modifications and dismissals.
    # Then, until something it shows changes: session, user, plan and the fingerprints.
    for most in (41, 4):
        with django_assert_max_num_queries(most):
            assert client.get(plan.get_absolute_url()).status_code == 200
    for most in (9, 5):  # the library and the roster are cached by then
        with django_assert_max_num_queries(most):
            assert client.get(reverse("classes:plan-print", args=[plan.pk])).status_code == 200
    for most in (8, 5):  # teach mode checks the roster too
        with django_assert_max_num_queries(most):
            assert client.get(reverse("classes:plan-teach", args=[plan.pk])).status_code == 200
    assert PlanVersion.objects.get(plan=plan).snapshot["step_count"] == count


@pytest.mark.django_db
def test_a_curator_copies_a_shipped_starter_plan_into_a_new_starter_plan(
    client, curator, starter_library
):
    load_starter_plans()
    shipped = ClassPlan.objects.get(slug="full-body-60")
    client.force_login(curator)
    response = client.post(reverse("classes:plan-duplicate", kwargs={"pk": shipped.pk}))
    copy = ClassPlan.objects.get(title=f"Copy of {shipped.title}")
    assert response.url == copy.get_absolute_url()
    assert copy.is_template and copy.owner == curator

"""The builder, print, teach and share pages are cached under keys made of the state of
everything they show (routines/caching.py, classes/findings.py CheckState): each kind of
change makes them new, whoever made it, and a cache that fails or lies only costs time."""

import re

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from classes import services
from classes.findings import CheckState, plan_findings
from classes.models import ClassPlan, Enrolment, FindingDismissal
from routines import caching
from routines.models import Region, Technique
from routines.state import library_version
from tests.factories import (
    ActionFactory,
    CourseFactory,
    EnrolmentFactory,
    HealthNoteFactory,
    RegionFactory,
    RosterStudentFactory,
    TechniqueFactory,
    make_plan,
)
from tests.pages import active_findings

DANGER = "Sam S.: avoid"


@pytest.fixture
def world(teacher):
    neck = RegionFactory(slug="back-of-neck", name="Back of the neck")
    upper = RegionFactory(slug="upper-back", name="Upper back")
    pin = ActionFactory(slug="pin", name="Pin")
    neck_roll = TechniqueFactory(name="Neck roll at the wall", regions=[neck], actions=[pin])
    back_pin = TechniqueFactory(name="Upper back pin", regions=[upper], actions=[pin])
    plan = make_plan(teacher, title="Neck class", techniques=[back_pin, neck_roll])
    course = CourseFactory(teacher=teacher, title="Tuesdays")
    sam = RosterStudentFactory(teacher=teacher, name="Sam Student", consented=True)
    EnrolmentFactory(course=course, student=sam)
    ClassPlan.objects.filter(pk=plan.pk).update(check_course=course)
    plan.refresh_from_db()
    return {
        "plan": plan,
        "course": course,
        "sam": sam,
        "neck": neck,
        "neck_roll": neck_roll,
        "step": plan.routine.steps.get(technique=neck_roll),
    }


def fresh(plan):
    plan.refresh_from_db()
    return plan


def builder(client, plan) -> str:
    return client.get(plan.get_absolute_url()).content.decode()


def printed(client, plan) -> str:
    return client.get(reverse("classes:plan-print", args=[plan.pk])).content.decode()


def served_twice(client, url, django_assert_max_num_queries, most) -> str:
    """A page, then the same page again from the cache (few queries), which must match."""
    first = client.get(url).content.decode()
    with django_assert_max_num_queries(most):
        again = client.get(url).content.decode()
    # Per request: the CSRF token, and the one-time tokens of create forms (accounts/once.py).
    token = re.compile(
        r'name="(?:csrfmiddlewaretoken|once_token)" value="[^"]*"|"X-CSRFToken": "[^"]*"'
    )
    assert token.sub("", again) == token.sub("", first)
    return again


@pytest.mark.django_db
class TestEachChangeMakesThePagesNew:
    def test_a_health_note_added_then_withdrawn(
        self, client, teacher, world, django_assert_max_num_queries
    ):
        plan = world["plan"]
        client.force_login(teacher)
        assert DANGER not in served_twice(
            client, plan.get_absolute_url(), django_assert_max_num_queries, 4
        )
        assert DANGER not in printed(client, plan)
        note = HealthNoteFactory(student=world["sam"], avoid_regions=[world["neck"]])
        assert DANGER in builder(client, plan)
        assert DANGER in printed(client, plan)
        note.delete()
        assert DANGER not in builder(client, plan)
        assert DANGER not in printed(client, plan)

    def test_a_note_edited_to_avoid_another_region(self, client, teacher, world):
        plan = world["plan"]
        note = HealthNoteFactory(student=world["sam"], avoid_regions=[world["neck"]])
        client.force_login(teacher)
        assert DANGER in builder(client, plan)
        elsewhere = RegionFactory(slug="calf", name="Calf")
        note.save()  # as the note form does: the note, then its regions
        note.avoid_regions.set([elsewhere])
        assert DANGER not in builder(client, plan)

    def test_consent_withdrawn(self, client, teacher, world):
        plan, sam = world["plan"], world["sam"]
        HealthNoteFactory(student=sam, avoid_regions=[world["neck"]])
        client.force_login(teacher)
        assert DANGER in builder(client, plan)
        sam.consent_given_at = None
        sam.save()
        assert DANGER not in builder(client, plan)

    def test_an_enrolment_and_a_student_leaving(self, client, teacher, world):
        plan, course = world["plan"], world["course"]
        kim = RosterStudentFactory(teacher=teacher, name="Kim Keller", consented=True)
        HealthNoteFactory(student=kim, avoid_regions=[world["neck"]])
        client.force_login(teacher)
        assert "Kim K.: avoid" not in builder(client, plan)
        services.enrol(course=course, students=[kim])
        assert "Kim K.: avoid" in builder(client, plan)
        services.unenrol(enrolment=Enrolment.objects.get(course=course, student=kim))
        assert "Kim K.: avoid" not in builder(client, plan)

    def test_a_renamed_student(self, client, teacher, world):
        plan, sam = world["plan"], world["sam"]
        HealthNoteFactory(student=sam, avoid_regions=[world["neck"]])
        client.force_login(teacher)
        assert DANGER in builder(client, plan)
        sam.name = "Samira Quinn"
        sam.save()
        page = builder(client, plan)
        assert DANGER not in page and "Samira Q.: avoid" in page

    def test_a_note_that_ends(self, client, teacher, world):
        plan = world["plan"]
        today = timezone.localdate()
        HealthNoteFactory(student=world["sam"], avoid_regions=[world["neck"]], until=today)
        client.force_login(teacher)
        assert DANGER in builder(client, plan)
        with time_machine.travel(timezone.now() + timezone.timedelta(days=2)):
            client.force_login(teacher)
            assert DANGER not in builder(client, plan)

    def test_a_dismissal_and_its_undoing(self, client, teacher, world):
        plan = world["plan"]
        HealthNoteFactory(student=world["sam"], avoid_regions=[world["neck"]])
        client.force_login(teacher)
        [danger] = [f for f in active_findings(builder(client, plan)) if f["level"] == "danger"]
        client.post(
            reverse("classes:finding-dismiss", args=[plan.pk]),
            {"key": danger["key"], "reason": "Sam skips it"},
        )
        page = builder(client, plan)
        assert danger["key"] not in [f["key"] for f in active_findings(page)]
        assert "Sam skips it" in page
        FindingDismissal.objects.filter(plan=plan).update(reason="Sam rests instead")
        FindingDismissal.objects.get(plan=plan).save()  # a reason changed by the form
        assert "Sam rests instead" in builder(client, plan)
        client.post(reverse("classes:finding-restore", args=[plan.pk]), {"key": danger["key"]})
        assert danger["key"] in [f["key"] for f in active_findings(builder(client, plan))]

    def test_a_modification_for_a_student(self, client, teacher, world):
        plan = world["plan"]
        HealthNoteFactory(student=world["sam"], avoid_regions=[world["neck"]])
        client.force_login(teacher)
        assert "Rest on the back instead" not in builder(client, plan)
        services.modification_save(
            plan=plan, step=world["step"], student=world["sam"], text="Rest on the back"
        )
        assert "Rest on the back instead" in builder(client, plan)

    def test_an_edit_of_the_plan(self, client, teacher, world):
        plan, step = world["plan"], world["step"]
        client.force_login(teacher)
        assert "7:00" not in builder(client, plan)
        services.step_update(
            plan=plan, expected_version=plan.lock_version, step=step, duration_seconds=420
        )
        assert "7:00" in builder(client, fresh(plan))
        assert "7:00" in printed(client, plan)  # the draft's print page

    def test_a_publish(self, client, teacher, world):
        plan = world["plan"]
        client.force_login(teacher)
        assert "Version 1" not in builder(client, plan)
        services.plan_publish(plan=plan, expected_version=plan.lock_version)
        assert "Version 1" in builder(client, fresh(plan))
        assert "Version 1" in printed(client, plan)

    def test_a_library_edit(self, client, teacher, world):
        plan, neck_roll = world["plan"], world["neck_roll"]
        client.force_login(teacher)
        assert "Neck glide" not in builder(client, plan)
        neck_roll.name = "Neck glide at the wall"
        neck_roll.save()
        assert "Neck glide" in builder(client, plan)  # the draft, and the panel's list

    def test_a_region_gaining_a_neighbour(self, world):
        """The checks' region graph is read from the library's version (links included)."""
        before = library_version()
        world["neck"].neighbours.add(Region.objects.get(slug="upper-back"))
        assert library_version() != before

    def test_the_share_page_follows_a_new_version(self, client, teacher, world):
        plan = world["plan"]
        services.plan_publish(plan=plan, expected_version=plan.lock_version)
        token = ClassPlan.new_share_token()
        ClassPlan.objects.filter(pk=plan.pk).update(share_token=token)
        url = reverse("classes:share", args=[token])
        assert "Version 1" in Client().get(url).content.decode()
        plan = fresh(plan)
        services.step_update(
            plan=plan, expected_version=plan.lock_version, step=world["step"], duration_seconds=420
        )
        services.plan_publish(plan=fresh(plan), expected_version=fresh(plan).lock_version)
        page = Client().get(url).content.decode()
        assert "Version 2" in page and "7:00" in page


@pytest.mark.django_db
class TestTeachMode:
    def test_the_reminders_follow_the_roster(self, client, teacher, world):
        plan = world["plan"]
        services.plan_publish(plan=plan, expected_version=plan.lock_version)
        url = reverse("classes:plan-teach", args=[plan.pk])
        client.force_login(teacher)
        assert "Sam: adapt this step" not in client.get(url).content.decode()
        note = HealthNoteFactory(student=world["sam"], avoid_regions=[world["neck"]])
        assert "Sam: adapt this step" in client.get(url).content.decode()
        note.delete()
        assert "Sam: adapt this step" not in client.get(url).content.decode()


@pytest.mark.django_db
class TestPerRequestParts:
    def test_each_visitor_gets_their_own_csrf_token_and_it_works(self, teacher, world):
        plan = world["plan"]
        HealthNoteFactory(student=world["sam"], avoid_regions=[world["neck"]])
        tokens = []
        for _visit in range(2):
            browser = Client(enforce_csrf_checks=True)
            browser.force_login(teacher)
            page = builder(browser, plan)
            assert caching.CSRF_PLACEHOLDER not in page
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
            tokens.append(token)
            key = active_findings(page)[0]["key"]
            response = browser.post(
                reverse("classes:finding-dismiss", args=[plan.pk]),
                {"key": key, "reason": "Fine", "csrfmiddlewaretoken": token},
            )
            assert response.status_code in (200, 302)
            FindingDismissal.objects.all().delete()
        assert tokens[0] != tokens[1]

    def test_messages_are_not_cached(self, client, teacher, world):
        plan = world["plan"]
        client.force_login(teacher)
        builder(client, plan)
        client.post(
            reverse("classes:plan-edit", args=[plan.pk]),
            {
                "version": plan.lock_version,
                "title": "Neck class",
                "level": "beginner",
                "purpose": "class",
                "target_minutes": 45,
                "transition_seconds": 0,
            },
        )
        page = builder(client, fresh(plan))
        assert page.count("Plan details saved.") == 1
        assert "Plan details saved." not in builder(client, plan)


@pytest.mark.django_db
class TestABadCache:
    def test_redis_down_means_computing_not_failing(self, client, teacher, world, settings):
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
                "OPTIONS": {"socket_connect_timeout": 0.05, "socket_timeout": 0.05},
            }
        }
        caching._MEMO.clear()
        plan = world["plan"]
        HealthNoteFactory(student=world["sam"], avoid_regions=[world["neck"]])
        client.force_login(teacher)
        assert DANGER in builder(client, plan)
        assert DANGER in printed(client, plan)
        services.plan_publish(plan=plan, expected_version=plan.lock_version)
        teach = client.get(reverse("classes:plan-teach", args=[plan.pk]))
        assert teach.status_code == 200 and "Sam: adapt this step" in teach.content.decode()

    def test_a_poisoned_entry_is_recomputed(self, client, teacher, world):
        plan = world["plan"]
        client.force_login(teacher)
        builder(client, plan)
        keys = list(cache._cache)  # local memory: poison every entry made so far
        for key in keys:
            cache._cache[key] = b"not a pickle"
        caching._MEMO.clear()
        HealthNoteFactory(student=world["sam"], avoid_regions=[world["neck"]])
        assert DANGER in builder(client, plan)

    def test_a_value_stored_under_another_key_is_not_used(self, world):
        plan, course = world["plan"], world["course"]
        state = CheckState.of(plan, course)
        name = ("draft", plan.pk, plan.lock_version, plan.updated_at)
        key = state.key("checks", name, plan.purpose)
        cache.set(key, ("some-other-key", False, "stale"))
        findings = plan_findings(
            lambda: services.plan_snapshot(plan),
            plan=plan,
            course=course,
            snapshot_name=name,
            state=state,
        )
        assert findings["result"].findings is not None

    def test_a_bulk_library_write_moves_the_version_when_told(self, world):
        from routines import state

        before = library_version()
        Technique.objects.filter(pk=world["neck_roll"].pk).update(name="Renamed in bulk")
        assert library_version() == before  # no signal: bulk writers call bump()
        state.bump()
        assert library_version() != before


@pytest.mark.django_db
def test_the_code_version_is_part_of_every_key(monkeypatch):
    first = caching.make_key("page", 1)
    monkeypatch.setattr(caching, "code_version", lambda: "another deploy")
    assert caching.make_key("page", 1) != first


@pytest.mark.django_db
class TestThePlanList:
    def test_it_follows_the_teachers_plans_and_the_starter_plans(
        self, client, teacher, curator, world, django_assert_max_num_queries
    ):
        plan = world["plan"]
        client.force_login(teacher)
        page = served_twice(client, "/plans/", django_assert_max_num_queries, 3)
        assert "Neck class" in page and "Draft" in page
        services.plan_publish(plan=plan, expected_version=plan.lock_version)
        assert "1 version" in client.get("/plans/").content.decode()
        other = services.plan_create(owner=teacher, title="Hip class")
        assert "Hip class" in client.get("/plans/").content.decode()
        services.plan_delete(plan=other)
        assert "Hip class" not in client.get("/plans/").content.decode()
        starter = services.plan_create(owner=curator, title="Starter: feet", is_template=True)
        assert "Starter: feet" not in client.get("/plans/").content.decode()  # a draft
        services.step_add(
            plan=starter,
            expected_version=starter.lock_version,
            section=starter.routine.sections.first(),
            technique=world["neck_roll"],
        )
        services.plan_publish(plan=starter, expected_version=fresh(starter).lock_version)
        assert "Starter: feet" in client.get("/plans/").content.decode()

    def test_the_filter_and_page_are_part_of_the_key(self, client, teacher, world):
        client.force_login(teacher)
        assert "Neck class" in client.get("/plans/").content.decode()
        assert "Neck class" not in client.get("/plans/", {"q": "hips"}).content.decode()
        assert "Neck class" not in client.get("/plans/", {"status": "published"}).content.decode()


@pytest.mark.django_db
def test_cached_steps_carry_the_plans_current_lock_version(client, teacher, world):
    """A step's HTML is cached across edits of other steps; its forms must still send the
    plan's lock version of the page they are on, or every next edit would be refused."""
    plan = world["plan"]
    client.force_login(teacher)
    builder(client, plan)
    other = plan.routine.steps.exclude(pk=world["step"].pk).first()
    services.step_update(plan=plan, expected_version=plan.lock_version, step=other, cue="Breathe")
    plan = fresh(plan)
    page = builder(client, plan)
    versions = set(re.findall(r'name="version" value="(\d+)"', page))
    assert versions == {str(plan.lock_version)}
    assert caching.CSRF_PLACEHOLDER not in page
    response = client.post(
        reverse("classes:step-update", args=[plan.pk, world["step"].pk]),
        {
            "version": versions.pop(),
            f"step-{world['step'].pk}-duration_seconds": "2:00",
            f"step-{world['step'].pk}-side": "each",
        },
    )
    assert response.status_code in (200, 302)
    before = plan.lock_version
    assert fresh(plan).lock_version == before + 1


@pytest.mark.django_db
def test_the_session_pages_checks_follow_the_roster(client, teacher, world):
    plan, course = world["plan"], world["course"]
    version = services.plan_publish(plan=plan, expected_version=plan.lock_version)
    session = course.sessions.create(starts_at="2026-01-01T18:00Z", plan_version=version)
    client.force_login(teacher)
    assert DANGER not in client.get(session.get_absolute_url()).content.decode()
    note = HealthNoteFactory(student=world["sam"], avoid_regions=[world["neck"]])
    assert DANGER in client.get(session.get_absolute_url()).content.decode()
    note.delete()
    assert DANGER not in client.get(session.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_cached_page_without_forms_sets_no_csrf_cookie(world):
    plan = world["plan"]
    services.plan_publish(plan=plan, expected_version=plan.lock_version)
    token = ClassPlan.new_share_token()
    ClassPlan.objects.filter(pk=plan.pk).update(share_token=token)
    for _visit in range(2):  # computed, then from the cache
        response = Client().get(reverse("classes:share", args=[token]))
        assert response.status_code == 200 and "csrftoken" not in response.cookies

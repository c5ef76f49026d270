import uuid

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.models import Role, User
from classes import services
from classes.models import Course, Enrolment, PlanVersion, Session
from routines.models import Action, Equipment, Progression, Region, Technique
from students.models import Assignment, HealthNote, Invitation, PracticeLog
from students.models import Student as RosterStudent

PASSWORD = "correct-horse-battery"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    name = factory.Faker("name")
    role = Role.TEACHER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class TeacherFactory(UserFactory):
    role = Role.TEACHER


class StudentFactory(UserFactory):
    """A student's account (a User). For an entry on a teacher's roster, use
    RosterStudentFactory."""

    role = Role.STUDENT


StudentAccountFactory = StudentFactory


class CuratorFactory(UserFactory):
    role = Role.CURATOR
    is_staff = True
    is_superuser = True


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"region-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())


class ActionFactory(DjangoModelFactory):
    class Meta:
        model = Action
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"action-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())


class EquipmentFactory(DjangoModelFactory):
    class Meta:
        model = Equipment
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"equipment-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())


class ProgressionFactory(DjangoModelFactory):
    class Meta:
        model = Progression

    slug = factory.Sequence(lambda n: f"progression-{n}")
    name = factory.Sequence(lambda n: f"Progression {n}")


class TechniqueFactory(DjangoModelFactory):
    class Meta:
        model = Technique
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"technique-{n}")
    name = factory.Sequence(lambda n: f"Technique number {n}")
    summary = "A short summary of the technique."
    status = Technique.Status.PUBLISHED
    position = "supine"
    duration_seconds = 90
    instructions = factory.LazyFunction(lambda: ["Place the ball.", "Lean in.", "Breathe."])
    cues = factory.LazyFunction(lambda: ["Slow down.", "Breathe into it."])
    mistakes = factory.LazyFunction(lambda: ["Rushing."])
    tissues = factory.LazyFunction(lambda: ["upper trapezius"])

    @factory.post_generation
    def regions(obj, create, extracted, **kwargs):
        if create:
            obj.regions.set(
                extracted if extracted is not None else [RegionFactory(slug="upper-back")]
            )

    @factory.post_generation
    def actions(obj, create, extracted, **kwargs):
        if create:
            obj.actions.set(extracted if extracted is not None else [ActionFactory(slug="roll")])

    @factory.post_generation
    def equipment(obj, create, extracted, **kwargs):
        if create:
            obj.equipment.set(
                extracted if extracted is not None else [EquipmentFactory(slug="therapy-ball")]
            )


# --- Courses ---------------------------------------------------------------------


class CourseFactory(DjangoModelFactory):
    class Meta:
        model = Course

    teacher = factory.SubFactory(TeacherFactory)
    title = factory.Sequence(lambda n: f"Course {n}")


class PlanVersionFactory(DjangoModelFactory):
    """A bare published version: its snapshot is empty. For one with real steps, publish a
    plan from make_plan()."""

    class Meta:
        model = PlanVersion

    owner = factory.SubFactory(TeacherFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Plan {n}")
    snapshot = factory.LazyFunction(dict)


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = Session

    course = factory.SubFactory(CourseFactory)
    starts_at = factory.LazyFunction(timezone.now)


# --- Rosters ---------------------------------------------------------------------


class RosterStudentFactory(DjangoModelFactory):
    """An entry on a teacher's roster (students.Student), without an account unless given
    one. `consented=True` records the health-data consent."""

    class Meta:
        model = RosterStudent

    teacher = factory.SubFactory(TeacherFactory)
    name = factory.Sequence(lambda n: f"Roster student {n}")

    class Params:
        consented = factory.Trait(
            consent_given_at=factory.LazyFunction(timezone.now),
            consent_method=RosterStudent.ConsentMethod.IN_PERSON,
            consent_recorded_by=factory.SelfAttribute("teacher"),
        )


class EnrolmentFactory(DjangoModelFactory):
    class Meta:
        model = Enrolment

    course = factory.SubFactory(CourseFactory)
    student = factory.SubFactory(
        RosterStudentFactory, teacher=factory.SelfAttribute("..course.teacher")
    )


class HealthNoteFactory(DjangoModelFactory):
    """A health note. Notes are kept only with consent, so the student is given consent
    (without an audit entry) when they have none yet."""

    class Meta:
        model = HealthNote
        skip_postgeneration_save = True

    student = factory.SubFactory(RosterStudentFactory, consented=True)
    condition = "Whiplash"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        student = kwargs["student"]
        if not student.has_consent:
            student.consent_given_at = timezone.now()
            student.consent_method = RosterStudent.ConsentMethod.IN_PERSON
            student.consent_recorded_by = student.teacher
            student.save(
                update_fields=["consent_given_at", "consent_method", "consent_recorded_by"]
            )
        return super()._create(model_class, *args, **kwargs)

    @factory.post_generation
    def avoid_regions(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.avoid_regions.set(extracted)

    @factory.post_generation
    def avoid_actions(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.avoid_actions.set(extracted)


class InvitationFactory(DjangoModelFactory):
    class Meta:
        model = Invitation

    student = factory.SubFactory(
        RosterStudentFactory, email=factory.Sequence(lambda n: f"invitee{n}@example.test")
    )
    email = factory.SelfAttribute("student.email")
    created_by = factory.SelfAttribute("student.teacher")


# --- Home practice ---------------------------------------------------------------


class AssignmentFactory(DjangoModelFactory):
    """Homework with an empty routine. For one with real steps, use students.services.assign
    on a published version."""

    class Meta:
        model = Assignment

    student = factory.SubFactory(RosterStudentFactory)
    title = factory.Sequence(lambda n: f"Home routine {n}")
    snapshot = factory.LazyAttribute(
        lambda o: {"title": o.title, "sections": [], "total_seconds": 0, "equipment": []}
    )
    starts_on = factory.LazyFunction(timezone.localdate)


class PracticeLogFactory(DjangoModelFactory):
    class Meta:
        model = PracticeLog

    assignment = factory.SubFactory(AssignmentFactory)
    student = factory.SelfAttribute("assignment.student")
    practised_on = factory.LazyFunction(timezone.localdate)
    minutes = 10
    tension_before = 6
    tension_after = 3
    submission = factory.LazyFunction(uuid.uuid4)


def make_plan(owner, *, title="Tuesday class", techniques=(), target_minutes=45, **kwargs):
    """A plan with the given techniques added to its main section."""
    plan = services.plan_create(owner=owner, title=title, target_minutes=target_minutes, **kwargs)
    main = plan.routine.sections.get(position=2)
    for technique in techniques:
        services.step_add(
            plan=plan, expected_version=plan.lock_version, section=main, technique=technique
        )
    plan.refresh_from_db()
    return plan

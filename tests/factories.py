import factory
from factory.django import DjangoModelFactory

from accounts.models import Role, User
from routines.models import Action, Equipment, Progression, Region, Technique

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
    role = Role.STUDENT


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
            obj.refresh_search_fields()

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


def make_plan(owner, *, title="Tuesday class", techniques=(), target_minutes=45, **kwargs):
    """A plan with the given techniques added to its main section."""
    from classes import services

    plan = services.plan_create(owner=owner, title=title, target_minutes=target_minutes, **kwargs)
    main = plan.routine.sections.get(position=2)
    for technique in techniques:
        services.step_add(
            plan=plan, expected_version=plan.lock_version, section=main, technique=technique
        )
    plan.refresh_from_db()
    return plan

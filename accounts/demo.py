"""Demo accounts. They exist only through `manage.py demo`, never in migrations."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from .models import Role, User

DEMO_PASSWORD = "rollcall-demo"  # noqa: S105 - published demo credential, see README
DEMO_DOMAIN = "demo.rollcall.test"

DEMO_USERS = [
    # (local part, name, role, staff)
    ("curator", "Cora Curator", Role.CURATOR, True),
    ("teacher", "Tess Teacher", Role.TEACHER, False),
    ("teacher2", "Theo Second-Teacher", Role.TEACHER, False),
    ("student", "Sam Student", Role.STUDENT, False),
    ("student2", "Sasha Second-Student", Role.STUDENT, False),
    ("eleve.fr", "Élodie Tremblay", Role.STUDENT, False),
]
# Settings of the demo accounts that have their own: Élodie, a student in Montréal's time
# zone (America/Toronto), reads Rollcall and gets her reminders in French.
DEMO_PREFERENCES = {"eleve.fr": {"language": "fr", "time_zone": "America/Toronto"}}


def demo_email(local: str) -> str:
    return f"{local}@{DEMO_DOMAIN}"


# The demo curator keeps the library's vocabulary in the Django admin: staff, in this group,
# with these models' permissions, and no superuser (issue 16). An administrator's account
# is made apart with `manage.py createsuperuser` (README), never with a published password.
CURATORS_GROUP = "Curators"
CURATOR_MODELS = {
    "routines": {
        "region": ("view", "add", "change"),
        "equipment": ("view", "add", "change"),
        "action": ("view", "add", "change"),
        "progression": ("view", "add", "change"),
        "searchsynonym": ("view", "add", "change", "delete"),
        "technique": ("view", "change"),
        "techniquerevision": ("view",),
        "editproposal": ("view",),
    }
}


def curators_group() -> Group:
    group, _created = Group.objects.get_or_create(name=CURATORS_GROUP)
    wanted = Q(pk__in=[])
    for app_label, models in CURATOR_MODELS.items():
        for model, actions in models.items():
            wanted |= Q(
                content_type__app_label=app_label,
                content_type__model=model,
                codename__in=[f"{action}_{model}" for action in actions],
            )
    group.permissions.set(Permission.objects.filter(wanted))
    return group


def seed() -> dict[str, User]:
    """Create or refresh the demo users; return them by local part."""
    users = {}
    group = curators_group()
    for local, name, role, staff in DEMO_USERS:
        user, created = User.objects.get_or_create(
            email=demo_email(local),
            defaults={
                "name": name,
                "role": role,
                "is_staff": staff,
                "is_superuser": False,
                **DEMO_PREFERENCES.get(local, {}),
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        elif user.is_superuser:  # made by an earlier demo, when the curator was one
            user.is_superuser = False
            user.save(update_fields=["is_superuser"])
        if role == Role.CURATOR:
            user.groups.add(group)
        users[local] = user
    return users

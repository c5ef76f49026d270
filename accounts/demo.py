"""Demo accounts. They exist only through `manage.py demo`, never in migrations."""

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
]


def demo_email(local: str) -> str:
    return f"{local}@{DEMO_DOMAIN}"


def seed() -> dict[str, User]:
    """Create or refresh the demo users; return them by local part."""
    users = {}
    for local, name, role, staff in DEMO_USERS:
        user, created = User.objects.get_or_create(
            email=demo_email(local),
            defaults={"name": name, "role": role, "is_staff": staff, "is_superuser": staff},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        users[local] = user
    return users

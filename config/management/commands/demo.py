from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts import demo as account_demo
from classes import demo as class_demo
from students import demo as student_demo


class Command(BaseCommand):
    help = "Load the starter technique library and create the demo accounts and data (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet-logins", action="store_true", help="Do not print the demo logins."
        )

    def handle(self, *args, **options):
        call_command("load_library", verbosity=0)
        with transaction.atomic():
            users = account_demo.seed()
            class_demo.seed(users)
            rosters = student_demo.seed(users)
            class_demo.seed_courses(users, rosters)
            class_demo.seed_modifications(users, rosters)
            class_demo.seed_routines(users, rosters)
        if not options["quiet_logins"]:
            self.stdout.write(
                self.style.SUCCESS("Demo ready. Sign in at http://127.0.0.1:8000/accounts/login/")
            )
            for local, _name, role, _staff in account_demo.DEMO_USERS:
                self.stdout.write(
                    f"  {role:<8} {users[local].email:<32} {account_demo.DEMO_PASSWORD}"
                )

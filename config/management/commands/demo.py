import os
import socket

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import demo as account_demo
from classes import demo as class_demo
from students import demo as student_demo
from students.reminders import reminders_send

HOST = "127.0.0.1"
PORTS_TRIED = 20  # a taken port moves to the next free one, up to this many further
# Set in the process that picked the port, read by runserver's reloaded child (which runs
# this command again): the child serves where the parent said, and seeds nothing twice.
SERVE_PORT_ENV = "ROLLCALL_DEMO_PORT"


def port_is_free(port: int, host: str = HOST) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As runserver binds: a port left in TIME_WAIT by a stopped server counts as free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def free_port(wanted: int) -> int:
    for port in range(wanted, min(wanted + PORTS_TRIED, 65535) + 1):
        if port_is_free(port):
            return port
    raise CommandError(
        f"Ports {wanted} to {wanted + PORTS_TRIED} on {HOST} are all taken: "
        "choose another with PORT=… (make run PORT=8790)."
    )


class Command(BaseCommand):
    help = (
        "Load the starter technique library and create the demo accounts and data (idempotent). "
        "With --serve, also serve the app and print the address it serves on."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet-logins", action="store_true", help="Do not print the demo logins."
        )
        parser.add_argument(
            "--serve",
            action="store_true",
            help="Then run the development server on 127.0.0.1 (the port from --port, or the "
            "next free one when it is taken).",
        )
        parser.add_argument("--port", type=int, default=8000, help="The port to serve on.")

    def handle(self, *args, **options):
        chosen = os.environ.get(SERVE_PORT_ENV)
        if options["serve"] and chosen:  # runserver's reloaded child: serve, nothing else
            self.runserver(int(chosen))
            return
        call_command("load_library", verbosity=0)
        with transaction.atomic():
            users = account_demo.seed()
            class_demo.seed(users)
            rosters = student_demo.seed(users)
            class_demo.seed_courses(users, rosters)
            class_demo.seed_modifications(users, rosters)
            class_demo.seed_routines(users, rosters)
            french_homework = class_demo.seed_french_student(users, rosters)
            class_demo.seed_submission(users)
        port = free_port(options["port"]) if options["serve"] else None
        reminded = 0
        if french_homework:
            # Her first reminder, through the daily reminders' own code: in French. Once, when
            # her routine is assigned, so running the demo again sends nothing.
            base = f"http://{HOST}:{port}" if port else getattr(settings, "SITE_URL", "")
            reminded = reminders_send(base=base or f"http://{HOST}:8000", users=[users["eleve.fr"]])
        if not options["quiet_logins"]:
            if port is None:
                self.stdout.write(
                    self.style.SUCCESS(
                        "Demo ready. Serve it (make run, or manage.py runserver) and sign in "
                        "at /accounts/login/ on the address the server prints."
                    )
                )
            else:
                if port != options["port"]:
                    self.stdout.write(
                        self.style.WARNING(f"Port {options['port']} is taken: using {port}.")
                    )
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Demo ready. Sign in at http://{HOST}:{port}/accounts/login/"
                    )
                )
            for local, _name, role, _staff in account_demo.DEMO_USERS:
                language = account_demo.DEMO_PREFERENCES.get(local, {}).get("language")
                self.stdout.write(
                    f"  {role:<8} {users[local].email:<32} {account_demo.DEMO_PASSWORD}"
                    + (f"  ({dict(settings.LANGUAGES)[language]})" if language else "")
                )
            if reminded:
                self.stdout.write(
                    f"  Today's reminder, in French, was emailed to {users['eleve.fr'].email} "
                    "(printed above by the console email backend unless EMAIL_BACKEND is set)."
                )
        if port is not None:
            os.environ[SERVE_PORT_ENV] = str(port)
            self.runserver(port)

    def runserver(self, port: int) -> None:
        call_command("runserver", f"{HOST}:{port}")

"""Daily practice reminders, for cron: `manage.py send_reminders` once a day."""

from django.conf import settings
from django.core.management.base import BaseCommand

from students.models import Assignment
from students.reminders import recipients, reminders_send


class Command(BaseCommand):
    help = "Email students with a routine due today and not yet logged (with an opt-out link)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url", default=getattr(settings, "SITE_URL", "http://127.0.0.1:8000")
        )

    def handle(self, *args, **options):
        # Each email in its student's language and time zone (students/reminders.py).
        sent = reminders_send(base=options["base_url"])
        self.stdout.write(f"reminders sent: {sent}")
        held = (
            Assignment.objects.active()
            .filter(student__account__in=recipients(), student__teacher__email_verified=False)
            .values("student__account")
            .distinct()
            .count()
        )
        if held:
            self.stdout.write(f"reminders held until their teacher confirms their email: {held}")

"""Daily practice reminders, for cron: `manage.py send_reminders` once a day."""

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Role, User
from students.homework import is_due, user_today
from students.models import Assignment, PracticeLog
from students.reminders import reminders_token


class Command(BaseCommand):
    help = "Email students with a routine due today and not yet logged (with an opt-out link)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url", default=getattr(settings, "SITE_URL", "http://127.0.0.1:8000")
        )

    def handle(self, *args, **options):
        base = options["base_url"].rstrip("/")
        users = User.objects.filter(role=Role.STUDENT, is_active=True, email_reminders=True)
        assignments = list(
            Assignment.objects.active()
            .filter(student__account__in=users)
            # Sign-up: a teacher's students get nothing until the teacher's address is verified.
            .filter(student__teacher__email_verified=True)
            .select_related("student__account")
        )
        logged = set(
            PracticeLog.objects.filter(assignment__in=assignments).values_list(
                "assignment_id", "practised_on"
            )
        )
        due_by_user = {}
        for assignment in assignments:
            user = assignment.student.account
            today = user_today(user)
            monday = today.toordinal() - today.weekday()
            this_week = sum(
                1 for a_id, day in logged if a_id == assignment.pk and day.toordinal() >= monday
            )
            if (assignment.pk, today) not in logged and is_due(assignment, today, this_week):
                due_by_user.setdefault(user, []).append(assignment)
        for user, due in due_by_user.items():
            stop = base + reverse("students:reminders-stop", args=[reminders_token(user)])
            lines = "\n".join(f"- {a.title}: {base}{a.get_absolute_url()}" for a in due)
            send_mail(
                _("Your practice for today"),
                _("Hello %(name)s,\n\nToday's routine:\n%(lines)s\n\nNo more reminders: %(stop)s\n")
                % {"name": user.get_short_name(), "lines": lines, "stop": stop},
                None,
                [user.email],
            )
        self.stdout.write(f"reminders sent: {len(due_by_user)}")
        held = (
            Assignment.objects.active()
            .filter(student__account__in=users, student__teacher__email_verified=False)
            .values("student__account")
            .distinct()
            .count()
        )
        if held:
            self.stdout.write(f"reminders held until their teacher confirms their email: {held}")

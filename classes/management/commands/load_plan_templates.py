from django.core.management.base import BaseCommand

from classes.starter_plans import load_starter_plans


class Command(BaseCommand):
    help = "Create the curated starter plans that do not exist yet, published as version 1."

    def handle(self, *args, **options):
        report = load_starter_plans()
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"starter plans: {len(report['created'])} created, "
                f"{len(report['unchanged'])} already there"
            )

import json

from django.core.management.base import BaseCommand

from routines.exchange import export_library


class Command(BaseCommand):
    help = "Print the technique library as JSON (the rollcall-library exchange format) to stdout."

    def handle(self, *args, **options):
        self.stdout.write(json.dumps(export_library(), indent=2, ensure_ascii=False))

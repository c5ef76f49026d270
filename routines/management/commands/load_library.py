import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from routines.exchange import LibraryError, load_library

STARTER_LIBRARY = Path(settings.BASE_DIR) / "routines" / "library" / "starter_library.json"


class Command(BaseCommand):
    help = (
        "Load a library file in the rollcall-library format: upsert by slug, never delete. "
        "Without FILE, loads the starter library. Nothing is written if any entry has a problem."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", nargs="?", default=str(STARTER_LIBRARY), help="Path to the JSON file."
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            raw = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise CommandError(
                f"{path} is not valid JSON: {exc.msg} at line {exc.lineno}, "
                f"column {exc.colno}. Nothing was loaded."
            ) from exc
        try:
            report = load_library(data)
        except LibraryError as exc:
            lines = "\n".join(f"  - {p}" for p in exc.problems)
            raise CommandError(
                f"{path} has {len(exc.problems)} problem(s); nothing was loaded:\n{lines}"
            ) from exc
        if options["verbosity"] < 1:
            return
        for name, counts in report.vocabulary.items():
            self.stdout.write(
                f"{name}: {counts['created']} created, {counts['updated']} updated, "
                f"{counts['unchanged']} unchanged"
            )
        self.stdout.write(
            f"techniques: {len(report.created)} created, {len(report.updated)} updated, "
            f"{len(report.unchanged)} unchanged"
        )
        if options["verbosity"] > 1:
            for label, slugs in (("created", report.created), ("updated", report.updated)):
                for slug in slugs:
                    self.stdout.write(f"  {label}: {slug}")

"""manage.py backup DEST: the database and the media to a new folder or S3 prefix."""

from django.core.management.base import BaseCommand, CommandError

from config.backups import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write a consistent backup of the database (pg_dump custom format, or SQLite's online "
        "backup) and every media file, with their checksums, to a new folder or to an S3 "
        "prefix (s3://bucket/prefix). Restore it with `manage.py restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "destination",
            help="a folder that does not exist yet (or is empty), "
            "or s3://bucket/prefix with nothing under it",
        )

    def handle(self, *args, verbosity=1, destination, **options):
        self.verbosity = verbosity
        try:
            manifest = backup(destination, log=self.log)
        except BackupError as error:
            raise CommandError(str(error)) from error
        size = manifest["database"]["size"] + sum(m["size"] for m in manifest["media"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {destination}: the {manifest['database']['vendor']} "
                f"database and {len(manifest['media'])} media files, {size / 1e6:.1f} MB."
            )
        )

    def log(self, message: str) -> None:
        if self.verbosity >= 1:
            self.stdout.write(message)

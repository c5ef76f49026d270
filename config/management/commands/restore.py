"""manage.py restore SOURCE: a backup made by `manage.py backup`, into an empty database."""

from django.core.management.base import BaseCommand, CommandError

from config.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` (a folder or s3://bucket/prefix) into the "
        "configured database and media storage. Every file is checked first; a database or "
        "storage that already holds data is refused unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="the backup's folder, or s3://bucket/prefix")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace the data the database and the media storage hold",
        )
        parser.add_argument(
            "--database-url",
            help="restore into this database instead of DATABASE_URL's, e.g. a scratch "
            "database to check that a backup restores",
        )

    def handle(self, *args, verbosity=1, source, force, database_url, **options):
        self.verbosity = verbosity
        try:
            manifest = restore(source, force=force, database_url=database_url, log=self.log)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {source} (made {manifest['created']}): the "
                f"{manifest['database']['vendor']} database and {len(manifest['media'])} "
                "media files. Run `manage.py migrate` if this code is newer than the backup."
            )
        )

    def log(self, message: str) -> None:
        if self.verbosity >= 1:
            self.stdout.write(message)

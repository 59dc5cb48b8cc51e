"""``manage.py backup``: the database (one pg_dump snapshot) and the stored files with a SHA-256 manifest,
in a new folder under BACKUP_DIR; the oldest backups beyond BACKUP_KEEP are removed (council/backup.py)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext_lazy

from council.backup import BackupError, Database, backup_create


class Command(BaseCommand):
    help = gettext_lazy("Back up the database and the stored files, with their SHA-256 manifest.")

    def add_arguments(self, parser):
        parser.add_argument("--output", default=None, help="backup directory (default: BACKUP_DIR)")
        parser.add_argument("--keep", type=int, default=None, help="backups to keep (default: BACKUP_KEEP)")

    def handle(self, *args, **options):
        keep = options["keep"] if options["keep"] is not None else settings.BACKUP_KEEP
        try:
            folder = backup_create(
                database=Database.from_settings(settings.DATABASES["default"]),
                media_root=settings.MEDIA_ROOT,
                destination=options["output"] or settings.BACKUP_DIR,
                now=timezone.now(),
                keep=keep,
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(folder))

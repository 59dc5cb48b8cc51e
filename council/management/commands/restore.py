"""``manage.py restore <backup folder>``: check the backup against its manifest, then bring it back into the
configured database and MEDIA_ROOT, which must both be empty (council/backup.py)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_lazy

from council.backup import BackupError, Database, backup_restore


class Command(BaseCommand):
    help = gettext_lazy("Restore a backup into an empty database and an empty media folder.")

    def add_arguments(self, parser):
        parser.add_argument("folder", help="a backup folder written by manage.py backup")

    def handle(self, *args, **options):
        try:
            entries = backup_restore(
                folder=options["folder"],
                database=Database.from_settings(settings.DATABASES["default"]),
                media_root=settings.MEDIA_ROOT,
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restored {options['folder']}: the database and {len(entries) - 1} files, all verified")

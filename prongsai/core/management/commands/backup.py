from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from prongsai.core.backup import BackupError, create_backup, prune_backups


class Command(BaseCommand):
    help = "Back up the database and every media file into one archive with a manifest."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=None, help="folder for the archive")
        parser.add_argument("--keep", type=int, default=0, help="keep only the N newest")

    def handle(self, *args, **options):
        folder = Path(options["output"] or settings.PRONGSAI_BACKUP_DIR)
        try:
            path = create_backup(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if options["keep"]:
            prune_backups(folder, options["keep"])
        self.stdout.write(f"สำรองข้อมูลแล้ว: {path}")

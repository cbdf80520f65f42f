import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from okr_tracker.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the whole database to FILE (default: backups/okr-YYYYmmdd-HHMMSS.sqlite3 or .dump)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?")

    def handle(self, *args, **options):
        if options["file"]:
            path = Path(options["file"])
        else:
            suffix = ".sqlite3" if connection.vendor == "sqlite" else ".dump"
            path = Path(settings.BASE_DIR) / "backups" / f"okr-{datetime.datetime.now():%Y%m%d-%H%M%S}{suffix}"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            backup(path)
        except OSError as error:
            raise CommandError(f"สำรองข้อมูลไม่สำเร็จ: {path.parent}: {error.strerror}") from None
        except BackupError as error:
            raise CommandError(f"สำรองข้อมูลไม่สำเร็จ: {error}") from None
        self.stdout.write(f"สำรองข้อมูลแล้ว: {path}")

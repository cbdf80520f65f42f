from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indicators.agreement_workbook import export_agreement
from okr_tracker.thai import to_arabic_digits


class Command(BaseCommand):
    help = "Write every district's performance agreement of a fiscal year (B.E.) to a workbook import_agreement reads."

    def add_arguments(self, parser):
        parser.add_argument("year")
        parser.add_argument("file")

    def handle(self, *args, **options):
        try:
            year = int(to_arabic_digits(options["year"]).strip())
        except ValueError:
            raise CommandError("ปีงบประมาณต้องเป็นตัวเลข พ.ศ. เช่น 2570") from None
        try:
            Path(options["file"]).write_bytes(export_agreement(year))
        except OSError as error:
            raise CommandError(f"{options['file']}: {error.strerror}") from None
        self.stdout.write(f"เขียนคำรับรองปีงบประมาณ {year} ลงใน {options['file']} แล้ว")

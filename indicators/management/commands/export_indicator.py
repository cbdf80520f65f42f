from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indicators.kr_workbook import export_indicator
from indicators.models import Indicator
from okr_tracker.thai import to_arabic_digits


class Command(BaseCommand):
    help = "Write a KR's workbook (the layout import_indicator reads): CODE YEAR (B.E.) FILE.xlsx"

    def add_arguments(self, parser):
        parser.add_argument("code")
        parser.add_argument("year")
        parser.add_argument("file")

    def handle(self, *args, **options):
        code, year = options["code"].strip(), to_arabic_digits(options["year"]).strip()
        indicator = Indicator.objects.select_related("fiscal_year").filter(code=code, fiscal_year__year_be=year).first() \
            if year.isdigit() else None
        if indicator is None:
            raise CommandError(f"ไม่พบตัวชี้วัด {code} ปีงบประมาณ {options['year']} / no indicator {code} in {options['year']}")
        path = Path(options["file"])
        try:
            path.write_bytes(export_indicator(indicator))
        except OSError as error:
            raise CommandError(f"{path}: เขียนไฟล์ไม่ได้ ({error.strerror})") from None
        self.stdout.write(f"{path}: ตัวชี้วัด {indicator.code} ปีงบประมาณ {indicator.fiscal_year.year_be}")

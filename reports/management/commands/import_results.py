from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from indicators.models import Quarter
from indicators.services import UnknownIndicator, indicator_for_year
from okr_tracker.imports import run_import
from okr_tracker.thai import to_arabic_digits
from reports.resources import ResultResource, ResultSheetFormat


def _number(text, what):
    try:
        return int(to_arabic_digits(text).strip())
    except ValueError:
        raise CommandError(f"{what} “{text}” ไม่ใช่ตัวเลข") from None


class Command(BaseCommand):
    help = ("Import one quarter's results of the districts from an xlsx sheet, recorded as approved reports. "
            "Nothing is written unless the whole file is valid.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--indicator", required=True)
        parser.add_argument("--year", required=True, help="fiscal year in B.E.")
        parser.add_argument("--quarter", required=True, help="1–4")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options):
        path = Path(options["file"])
        year, number = _number(options["year"], "ปีงบประมาณ"), _number(options["quarter"], "ไตรมาส")
        if number not in (1, 2, 3, 4):
            raise CommandError(f"ไตรมาสต้องเป็น 1–4 ไม่ใช่ {number}")
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: อ่านไฟล์ไม่ได้ ({error.strerror})") from None
        with transaction.atomic():
            try:
                indicator, carried_from = indicator_for_year(options["indicator"].strip(), year)
            except UnknownIndicator as error:
                raise CommandError(str(error)) from None
            if carried_from:
                self.stdout.write(f"ตัวชี้วัด {indicator.code} ยังไม่มีในปีงบประมาณ {year}: ใช้นิยามจากปี {carried_from}")
            quarter = Quarter.objects.get(fiscal_year=indicator.fiscal_year, number=number)
            resource = ResultResource(indicator=indicator, quarter=quarter, file_name=path.name)
            outcome = run_import(resource=resource, dataset_format=ResultSheetFormat(), data=data, file_name=path.name,
                                 dry_run=options["dry_run"])
            if not outcome.ok or options["dry_run"]:
                transaction.set_rollback(True)
        if not outcome.ok:
            for problem in outcome.problems:
                self.stderr.write(problem)
            raise CommandError(f"{path.name}: นำเข้าไม่ได้ พบปัญหา {len(outcome.problems)} รายการ ไม่มีการบันทึกข้อมูลใด ๆ")
        verb = "จะนำเข้า (ทดลอง ไม่บันทึก)" if options["dry_run"] else "นำเข้าแล้ว (บันทึกเป็นรายงานที่อนุมัติแล้ว)"
        self.stdout.write(f"{path.name}: {verb} ตัวชี้วัด {indicator.code} ปี {year} ไตรมาส {number}: "
                          f"ใหม่ {outcome.new} แถว, เปลี่ยน {outcome.changed} แถว, ไม่เปลี่ยน {outcome.unchanged} แถว")

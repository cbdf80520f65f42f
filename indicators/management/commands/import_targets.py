from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indicators.resources import DistrictTargetResource, TargetTableFormat
from indicators.services import UnknownIndicator, indicator_for_year
from okr_tracker.imports import run_import
from okr_tracker.thai import to_arabic_digits
from django.db import transaction


class Command(BaseCommand):
    help = "Import a district target table (seed 000's layout) from an xlsx file. Nothing is written unless the whole file is valid."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--indicator", required=True)
        parser.add_argument("--year", required=True, help="fiscal year in B.E.")
        parser.add_argument("--dry-run", action="store_true", help="check and show what would change, write nothing")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            year = int(to_arabic_digits(options["year"]).strip())
        except ValueError:
            raise CommandError(f"ปีงบประมาณ “{options['year']}” ไม่ใช่ตัวเลข (--year must be a B.E. year)") from None
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
                self.stdout.write(f"ตัวชี้วัด {indicator.code} ยังไม่มีในปีงบประมาณ {year}: "
                                  f"ใช้นิยามและค่าเป้าหมาย (ร้อยละ {indicator.target_percent:.2f}) จากปี {carried_from}")
            outcome = run_import(resource=DistrictTargetResource(indicator=indicator), dataset_format=TargetTableFormat(),
                                 data=data, file_name=path.name, dry_run=options["dry_run"])
            if not outcome.ok or options["dry_run"]:
                transaction.set_rollback(True)
        if not outcome.ok:
            for problem in outcome.problems:
                self.stderr.write(problem)
            raise CommandError(f"{path.name}: นำเข้าไม่ได้ พบปัญหา {len(outcome.problems)} รายการ ไม่มีการบันทึกข้อมูลใด ๆ")
        verb = "จะนำเข้า (ทดลอง ไม่บันทึก)" if options["dry_run"] else "นำเข้าแล้ว"
        self.stdout.write(f"{path.name}: {verb} ตัวชี้วัด {indicator.code} ปี {year}: "
                          f"ใหม่ {outcome.new} แถว, เปลี่ยน {outcome.changed} แถว, ไม่เปลี่ยน {outcome.unchanged} แถว")

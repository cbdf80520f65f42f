from django.core.management.base import CommandError
from django.db import transaction

from indicators.models import Quarter
from indicators.services import UnknownIndicator, indicator_for_year
from okr_tracker.import_command import ImportCommand
from okr_tracker.imports import run_import
from reports.resources import ResultResource, ResultSheetFormat


class Command(ImportCommand):
    help = ("Import one quarter's results of the districts from an xlsx sheet, recorded as approved reports. "
            "Nothing is written unless the whole file is valid.")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--indicator", required=True)
        parser.add_argument("--year", required=True, help="fiscal year in B.E.")
        parser.add_argument("--quarter", required=True, help="1–4")

    def handle(self, *args, **options):
        year, number = self.whole_number(options["year"], "ปีงบประมาณ"), self.whole_number(options["quarter"], "ไตรมาส")
        if number not in (1, 2, 3, 4):
            raise CommandError(f"ไตรมาสต้องเป็น 1–4 ไม่ใช่ {number}")
        path, data = self.read_file(options["file"])
        with transaction.atomic():
            try:
                indicator, carried_from = indicator_for_year(options["indicator"].strip(), year)
            except UnknownIndicator as error:
                raise CommandError(str(error)) from None
            quarter = Quarter.objects.get(fiscal_year=indicator.fiscal_year, number=number)
            resource = ResultResource(indicator=indicator, quarter=quarter, file_name=path.name)
            outcome = run_import(resource=resource, dataset_format=ResultSheetFormat(), data=data, file_name=path.name,
                                 dry_run=options["dry_run"])
            if not outcome.ok or options["dry_run"]:
                transaction.set_rollback(True)
        self.report(outcome, path, f"ตัวชี้วัด {indicator.code} ปี {year} ไตรมาส {number}", options["dry_run"],
                    done="นำเข้าแล้ว (บันทึกเป็นรายงานที่อนุมัติแล้ว)",
                    carried=(indicator, year, carried_from) if carried_from else None)

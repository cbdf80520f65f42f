from django.core.management.base import CommandError
from django.db import transaction

from indicators.resources import DistrictTargetResource, TargetTableFormat
from indicators.services import UnknownIndicator, indicator_for_year
from okr_tracker.import_command import ImportCommand
from okr_tracker.imports import run_import


class Command(ImportCommand):
    help = "Import a district target table (seed 000's layout) from an xlsx file. Nothing is written unless the whole file is valid."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--indicator", required=True)
        parser.add_argument("--year", required=True, help="fiscal year in B.E.")

    def handle(self, *args, **options):
        year = self.whole_number(options["year"], "ปีงบประมาณ")
        path, data = self.read_file(options["file"])
        with transaction.atomic():  # the carried-over year too is written only with a good file
            try:
                indicator, carried_from = indicator_for_year(options["indicator"].strip(), year)
            except UnknownIndicator as error:
                raise CommandError(str(error)) from None
            outcome = run_import(resource=DistrictTargetResource(indicator=indicator), dataset_format=TargetTableFormat(),
                                 data=data, file_name=path.name, dry_run=options["dry_run"])
            if not outcome.ok or options["dry_run"]:
                transaction.set_rollback(True)
        self.report(outcome, path, f"ตัวชี้วัด {indicator.code} ปี {year}", options["dry_run"],
                    carried=(indicator, year, carried_from) if carried_from else None)

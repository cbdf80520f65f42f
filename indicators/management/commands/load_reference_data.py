from django.core.management.base import BaseCommand, CommandError

from indicators.reference_data import ReferenceDataError, load_reference_data


class Command(BaseCommand):
    help = "Load the seeds' reference data (groups, districts, KR 8308 FY2568, CDP2563). Safe to run again."

    def handle(self, *args, **options):
        try:
            indicators = load_reference_data()
        except ReferenceDataError as error:
            raise CommandError(str(error)) from None
        for indicator in indicators:
            self.stdout.write(f"  {indicator.code} ปีงบประมาณ {indicator.fiscal_year.year_be}: {indicator.title[:60]}")
        self.stdout.write(self.style.SUCCESS("Reference data loaded."))

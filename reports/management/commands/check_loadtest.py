from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from indicators.models import Quarter
from reports.models import Report


class Command(BaseCommand):
    help = "For `make loadtest`: no lost or duplicated reports after the run."

    def handle(self, *args, **options):
        quarter = Quarter.objects.get(fiscal_year__year_be=2568, number=1)
        reports = Report.objects.filter(quarter=quarter, indicator__code="8308")
        duplicated = reports.values("district").annotate(n=Count("pk")).filter(n__gt=1).count()
        by_status = dict(reports.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
        lost = reports.filter(achieved__isnull=True).count()
        self.stdout.write(f"reports: {reports.count()} for {reports.values('district').distinct().count()} districts; "
                          f"by status {by_status}; duplicated {duplicated}; without their figure {lost}")
        if duplicated or lost:
            raise CommandError("lost or duplicated reports")

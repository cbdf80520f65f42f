from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from districts.models import District
from indicators.models import Quarter
from reports.models import Report
from reports.roles import ensure_role_groups

PASSWORD = "load-test-2568"


class Command(BaseCommand):
    help = "For `make loadtest` only: staff accounts spread over the 50 districts, reviewers, Q1/2568 open and empty."

    def add_arguments(self, parser):
        parser.add_argument("--staff", type=int, default=200)
        parser.add_argument("--reviewers", type=int, default=30)

    @transaction.atomic
    def handle(self, *args, **options):
        reviewers, staff_group = ensure_role_groups()
        User = get_user_model()
        districts = list(District.objects.order_by("code"))
        template = User(username="template")
        template.set_password(PASSWORD)  # hash once: hashing 200 times would take minutes
        for number in range(1, options["staff"] + 1):
            user, _ = User.objects.update_or_create(username=f"load-staff-{number:03d}", defaults={"password": template.password})
            user.districts.set([districts[(number - 1) % len(districts)]])
        for number in range(1, options["reviewers"] + 1):
            user, _ = User.objects.update_or_create(username=f"load-reviewer-{number:02d}", defaults={"password": template.password})
            user.groups.add(reviewers)
        quarter = Quarter.objects.get(fiscal_year__year_be=2568, number=1)
        quarter.status = Quarter.Status.OPEN
        quarter.save()
        Report.objects.filter(quarter=quarter).delete()
        self.stdout.write(f"{options['staff']} staff over {len(districts)} districts, {options['reviewers']} reviewers; Q1/2568 open")

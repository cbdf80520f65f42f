from django.core.management.base import BaseCommand

from reports.demo import DEMO_ACCOUNTS, create_demo_accounts, create_demo_reports


class Command(BaseCommand):
    help = "Create (or reset) the demo accounts and demo reports, and print the accounts. For demonstrations only."

    def handle(self, *args, **options):
        users = create_demo_accounts()
        demo = create_demo_reports(users)
        self.stdout.write("บัญชีทดลอง / Demo accounts (username / password):")
        for username, password, role, codes in DEMO_ACCOUNTS:
            where = f" เขต {', '.join(codes)}" if codes else ""
            self.stdout.write(f"  {username:<15} {password:<15} {role}{where}")
        if demo:
            self.stdout.write(f"Demo reports: indicator {demo.code} FY{demo.fiscal_year.year_be} (labelled ข้อมูลทดลอง).")
            self.stdout.write(f"Demo performance agreements of the 50 districts: /reports/scorecard/{demo.fiscal_year.year_be}/")

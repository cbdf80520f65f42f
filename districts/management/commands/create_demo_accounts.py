from django.core.management.base import BaseCommand

from districts.services import create_demo_accounts


class Command(BaseCommand):
    help = "Create (or reset) the demo accounts and print them. For demonstrations only."

    def handle(self, *args, **options):
        self.stdout.write("บัญชีทดลอง / Demo accounts (username / password):")
        for username, password, role, codes in create_demo_accounts():
            where = f" เขต {', '.join(codes)}" if codes else ""
            self.stdout.write(f"  {username:<10} {password:<16} {role}{where}")

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from okr_tracker.api_auth import create_token


class Command(BaseCommand):
    help = "Create a read-API token for a user and print it once (only its hash is stored)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="which system will use it")

    def handle(self, *args, **options):
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"ไม่พบผู้ใช้ {options['username']}")
        self.stdout.write(create_token(user, options["name"] or "api"))

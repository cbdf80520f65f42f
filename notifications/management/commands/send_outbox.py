from django.core.management.base import BaseCommand

from notifications.services import BEFORE_SENDING, deliver_due


class Command(BaseCommand):
    help = ("Answer waiting requests (forgotten passwords), then send the mail that is due in the outbox "
            "(run every minute by deploy/okr-tracker-mail.timer).")

    def handle(self, *args, **options):
        for work in BEFORE_SENDING:
            work()
        sent, failed = deliver_due(limit=1000)
        if sent or failed or options["verbosity"] > 1:
            self.stdout.write(f"ส่งแล้ว {sent} ฉบับ, ส่งไม่สำเร็จ (จะลองใหม่) {failed} ฉบับ")

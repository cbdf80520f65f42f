import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from reports.notices import send_digest, send_reminders

STEPS = {"week": "เตือนล่วงหน้า (ภายใน 7 วัน)", "day": "เตือนวันสุดท้าย", "overdue": "แจ้งเกินกำหนด",
         "not_reported": "รายชื่อเขตที่ยังไม่ส่งรายงาน ถึงผู้ตรวจรายงาน"}


class Command(BaseCommand):
    help = ("The daily notices (deploy/okr-tracker-daily.timer runs it each morning): deadline reminders 7 days and "
            "1 day before, overdue notices the day after, the list of who has not reported to reviewers, and the "
            "reviewers' digest of yesterday's submissions. Each is sent once: a second run sends nothing new.")

    def add_arguments(self, parser):
        parser.add_argument("--today", help="the date to act as (YYYY-MM-DD, Christian Era); default: today")
        parser.add_argument("--dry-run", action="store_true", help="say what would be sent, send and record nothing")

    def handle(self, *args, **options):
        today = timezone.localdate()
        if options["today"]:
            try:
                today = datetime.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(f"--today ต้องเป็นวันที่แบบ YYYY-MM-DD (ค.ศ.) เช่น 2025-01-08 ไม่ใช่ {options['today']}") from None
        with transaction.atomic():
            lines = send_reminders(today)
            digests = send_digest(today)
            if options["dry_run"]:
                transaction.set_rollback(True)  # nothing recorded, and so nothing is sent after commit
        verb = "จะส่ง (ทดลอง ไม่ส่งจริง)" if options["dry_run"] else "ส่ง"
        # Every mail the run sends (or would send), and nothing for a district with nobody to mail.
        sent = [(step, quarter, district, count) for step, quarter, district, count in lines if count]
        for step, quarter, district, count in sent:
            who = f"{district.office_name} — " if district else ""
            self.stdout.write(f"{STEPS[step]} ไตรมาส {quarter.number}/{quarter.fiscal_year.year_be}: {who}{verb} {count} ฉบับ")
        if digests:
            self.stdout.write(f"สรุปรายงานที่ส่งเข้ามาเมื่อวาน: {verb} {digests} ฉบับ")
        if not sent and not digests:
            self.stdout.write("วันนี้ไม่มีอีเมลแจ้งเตือนที่ต้องส่ง")

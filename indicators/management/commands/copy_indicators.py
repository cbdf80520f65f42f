from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from indicators.locks import FiguresLocked
from indicators.services import copy_year
from okr_tracker.thai import to_arabic_digits


class Command(BaseCommand):
    help = ("A new fiscal year in one action: copy every KR of one year (B.E.) into another, with its definition, kind, "
            "targets, agencies and district table as a starting point. KRs the new year has already are left alone.")

    def add_arguments(self, parser):
        parser.add_argument("from_year")
        parser.add_argument("to_year")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options):
        try:
            from_year, to_year = (int(to_arabic_digits(options[name]).strip()) for name in ("from_year", "to_year"))
        except ValueError:
            raise CommandError("ปีงบประมาณต้องเป็นตัวเลข พ.ศ. เช่น 2568 2569") from None
        if not (2500 <= from_year <= 2700 and 2500 <= to_year <= 2700) or from_year == to_year:
            raise CommandError("ปีงบประมาณต้องเป็น พ.ศ. สองปีที่ต่างกัน เช่น 2568 2569")
        try:
            with transaction.atomic():
                copied, skipped = copy_year(from_year=from_year, to_year=to_year)
                if options["dry_run"]:
                    transaction.set_rollback(True)
        except FiguresLocked as error:  # the year copied into has a locked quarter: its tables are final
            raise CommandError(" ".join(error.messages)) from None
        verb = "จะคัดลอก (ทดลอง ไม่บันทึก)" if options["dry_run"] else "คัดลอกแล้ว"
        self.stdout.write(f"ปีงบประมาณ {from_year} → {to_year}: {verb} {len(copied)} ตัวชี้วัด"
                          + (f" ({', '.join(copied)})" if copied else "")
                          + (f"; มีในปี {to_year} แล้ว {len(skipped)} ตัวชี้วัด ({', '.join(skipped)})" if skipped else ""))

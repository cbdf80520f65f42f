from django.core.management.base import BaseCommand, CommandError

from indicators.locks import FiguresLocked
from indicators.reference_data import ReferenceDataError, load_reference_data


class Command(BaseCommand):
    help = ("Add the seeds' reference data (groups, districts, KR 8308 FY2568, CDP2563) that the database lacks. "
            "Safe to run again: it never changes or deletes a row that is there (an administrator's corrections stay).")

    def handle(self, *args, **options):
        try:
            indicators, added = load_reference_data()
        except ReferenceDataError as error:
            raise CommandError(str(error)) from None
        except FiguresLocked as error:
            raise CommandError(error.messages[0]) from None
        for indicator in indicators:
            self.stdout.write(f"  {indicator.code} ปีงบประมาณ {indicator.fiscal_year.year_be}: {indicator.title[:60]}")
        if added.counts:
            what = ", ".join(f"{name} {count}" for name, count in added.counts.items())
            self.stdout.write(self.style.SUCCESS(f"เพิ่มข้อมูลอ้างอิงที่ยังไม่มี: {what}"))
        else:
            self.stdout.write(self.style.SUCCESS("ข้อมูลอ้างอิงครบแล้ว ไม่มีการเปลี่ยนแปลงใด ๆ"))

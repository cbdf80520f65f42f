"""What the import commands share: reading the file, the year and quarter arguments, and the
report (every problem on stderr and a non-zero status, or the counts of new/changed/unchanged)."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from .thai import to_arabic_digits


class ImportCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="check and show what would change, write nothing")

    def read_file(self, name):
        path = Path(name)
        try:
            return path, path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: อ่านไฟล์ไม่ได้ ({error.strerror})") from None

    @staticmethod
    def whole_number(text, what):
        try:
            return int(to_arabic_digits(text).strip())
        except ValueError:
            raise CommandError(f"{what} “{text}” ไม่ใช่ตัวเลข") from None

    def refuse_if_invalid(self, outcome, path):
        """Every problem of a refused file on stderr, then a non-zero exit saying nothing was written."""
        if not outcome.ok:
            for problem in outcome.problems:
                self.stderr.write(problem)
            raise CommandError(f"{path.name}: นำเข้าไม่ได้ พบปัญหา {len(outcome.problems)} รายการ ไม่มีการบันทึกข้อมูลใด ๆ")

    def report(self, outcome, path, what, dry_run, done="นำเข้าแล้ว", carried=None):
        """`carried`: (indicator, year, carried from) when the import creates the indicator's year.
        Said only once the file is good, in the tense of what happened: a refused file writes nothing."""
        self.refuse_if_invalid(outcome, path)
        if carried:
            indicator, year, carried_from = carried
            source = f"นิยามและค่าเป้าหมาย (ร้อยละ {indicator.target_percent:.2f}) จากปี {carried_from}"
            if dry_run:
                self.stdout.write(f"ตัวชี้วัด {indicator.code} ยังไม่มีในปีงบประมาณ {year}: "
                                  f"เมื่อนำเข้าจริงจะสร้างขึ้นโดยใช้{source}")
            else:
                self.stdout.write(f"สร้างตัวชี้วัด {indicator.code} ปีงบประมาณ {year} แล้ว โดยใช้{source}")
        verb = "จะนำเข้า (ทดลอง ไม่บันทึก)" if dry_run else done
        self.stdout.write(f"{path.name}: {verb} {what}: ใหม่ {outcome.new} แถว, เปลี่ยน {outcome.changed} แถว, "
                          f"ไม่เปลี่ยน {outcome.unchanged} แถว")

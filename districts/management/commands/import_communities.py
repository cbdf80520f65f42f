from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from districts.resources import CommunityListFormat, CommunityResource
from okr_tracker.imports import run_import


class Command(BaseCommand):
    help = "Import community lists (district, community name, status) from an xlsx file. All or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: อ่านไฟล์ไม่ได้ ({error.strerror})") from None
        outcome = run_import(resource=CommunityResource(), dataset_format=CommunityListFormat(), data=data,
                             file_name=path.name, dry_run=options["dry_run"])
        if not outcome.ok:
            for problem in outcome.problems:
                self.stderr.write(problem)
            raise CommandError(f"{path.name}: นำเข้าไม่ได้ พบปัญหา {len(outcome.problems)} รายการ ไม่มีการบันทึกข้อมูลใด ๆ")
        verb = "จะนำเข้า (ทดลอง ไม่บันทึก)" if options["dry_run"] else "นำเข้าแล้ว"
        self.stdout.write(f"{path.name}: {verb} รายชื่อชุมชน: ใหม่ {outcome.new} แถว, เปลี่ยน {outcome.changed} แถว, "
                          f"ไม่เปลี่ยน {outcome.unchanged} แถว")

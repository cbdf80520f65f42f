from okr_tracker.import_command import ImportCommand

from indicators.agreement_workbook import import_agreement


class Command(ImportCommand):
    help = ("Import every district's performance agreement for a fiscal year from one workbook: เขต, มิติ, ตัวชี้วัด, "
            "น้ำหนัก (a district's weights add to 100). The year's agreements are replaced; nothing is written unless "
            "the whole file is valid.")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--year", required=True, help="fiscal year in B.E.")

    def handle(self, *args, **options):
        year = self.whole_number(options["year"], "ปีงบประมาณ")
        path, data = self.read_file(options["file"])
        items, problems = import_agreement(data=data, file_name=path.name, year_be=year, dry_run=options["dry_run"])
        if problems:
            from django.core.management.base import CommandError

            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"{path.name}: นำเข้าไม่ได้ พบปัญหา {len(problems)} รายการ ไม่มีการบันทึกข้อมูลใด ๆ")
        districts = len({item.district_id for item in items})
        verb = "จะนำเข้า (ทดลอง ไม่บันทึก)" if options["dry_run"] else "นำเข้าแล้ว"
        self.stdout.write(f"{path.name}: {verb} คำรับรองของ {districts} เขต ปีงบประมาณ {year}: {len(items)} ตัวชี้วัด")

from indicators.kr_workbook import import_indicator
from okr_tracker.import_command import ImportCommand


class Command(ImportCommand):
    help = ("Set up a KR (any of the four kinds) from its workbook: sheet KR (label | value), sheet หน่วยงาน, "
            "sheet เป้าหมายรายเขต. Creates the KR's fiscal year if needed; updates a KR that exists. "
            "Nothing is written unless the whole file is valid.")

    def handle(self, *args, **options):
        path, data = self.read_file(options["file"])
        outcome = import_indicator(data=data, file_name=path.name, dry_run=options["dry_run"])
        self.refuse_if_invalid(outcome, path)
        indicator = outcome.indicator
        verb = "จะ" if options["dry_run"] else ""
        what = "สร้าง" if outcome.created else "ปรับปรุง"
        suffix = " (ทดลอง ไม่บันทึก)" if options["dry_run"] else "แล้ว"
        self.stdout.write(f"{path.name}: {verb}{what}ตัวชี้วัด {indicator.code} ปีงบประมาณ {indicator.fiscal_year.year_be}"
                          f"{suffix}: หน่วยงาน {outcome.agencies} แถว, เป้าหมายรายเขต {outcome.targets} แถว")

import json

from django.core.management.base import BaseCommand, CommandError

from indicators.models import FiscalYear
from indicators.scorecard import as_dict, scorecards
from okr_tracker.thai import to_arabic_digits


class Command(BaseCommand):
    help = ("A district's year under its performance agreement: every KR's weight, criteria, result and score, the "
            "total (1.0000–5.0000) and its rank among the districts and in its group.")

    def add_arguments(self, parser):
        parser.add_argument("--district", required=True, help="the district's code (10xx) or name")
        parser.add_argument("--year", required=True, help="fiscal year in B.E.")
        parser.add_argument("--quarter", default="4", help="1–4: the score as of that quarter's end (default 4)")
        parser.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args, **options):
        from districts.names import DistrictIndex, UnknownDistrict

        try:
            year, quarter = (int(to_arabic_digits(options[name]).strip()) for name in ("year", "quarter"))
        except ValueError:
            raise CommandError("ปีงบประมาณและไตรมาสต้องเป็นตัวเลข เช่น --year 2570 --quarter 1") from None
        if quarter not in range(1, 5):
            raise CommandError(f"ไตรมาสต้องเป็น 1–4 ไม่ใช่ {quarter}")
        if not FiscalYear.objects.filter(year_be=year).exists():
            raise CommandError(f"ไม่มีปีงบประมาณ {year}")
        try:
            district = DistrictIndex().resolve(options["district"])
        except UnknownDistrict:
            raise CommandError(f"ไม่พบเขต “{options['district']}”") from None
        card = scorecards(year, quarter).get(district.pk)
        if card is None:
            raise CommandError(f"{district.office_name} ยังไม่มีคำรับรองการปฏิบัติราชการปีงบประมาณ {year}")
        data = as_dict(card)
        if options["format"] == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=1))
            return
        self.stdout.write(f"{district.office_name} ปีงบประมาณ {year} ณ สิ้นไตรมาส {quarter}: คะแนนรวม {data['total']} "
                          f"อันดับ {data['rank']}/{data['of']} (ในกลุ่มเขต {data['rank_in_group']}/{data['of_in_group']})")
        for kr in data["krs"]:
            result = "ไม่มีผล" if kr["no_result"] else kr["result"]
            self.stdout.write(f"  {kr['dimension']} | {kr['code']} | น้ำหนัก {kr['weight']} | ผล {result} | "
                              f"คะแนน {kr['score']} | ถ่วงน้ำหนัก {kr['weighted_score']}")

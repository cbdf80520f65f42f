import argparse
import json
import unicodedata

from django.core.management.base import BaseCommand, CommandError

from indicators.kinds import kind_of
from indicators.summaries import summarise
from indicators.models import Indicator, Quarter
from indicators.serializers import summary_as_dict
from okr_tracker.thai import to_arabic_digits


def whole_number(text):
    try:
        return int(to_arabic_digits(text).strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a whole number") from None


def display_width(text):
    """Columns a terminal gives `text`: Thai vowel and tone marks take none."""
    return sum(0 if unicodedata.combining(char) or unicodedata.category(char) == "Mn" else 1 for char in str(text))


def pad(text, width, right=False):
    text = "" if text is None else str(text)
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap


def format_table(headers, rows, numeric):
    widths = [max(display_width(cell) for cell in column) for column in zip(headers, *rows)]
    lines = []
    for row in [headers, *rows]:
        lines.append("  ".join(pad(cell, width, right=index in numeric) for index, (cell, width) in enumerate(zip(row, widths))))
        if row is headers:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def yes_no(value):
    return {True: "ใช่", False: "ไม่ใช่", None: "-"}[value]


class Command(BaseCommand):
    help = "Print an indicator's achievement for a quarter: citywide, per group and per district."

    def add_arguments(self, parser):
        parser.add_argument("--indicator", required=True, help="indicator code, e.g. 8308")
        parser.add_argument("--year", required=True, type=whole_number, help="fiscal year in B.E., e.g. 2568")
        parser.add_argument("--quarter", required=True, type=whole_number, help="quarter 1–4")
        parser.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args, **options):
        code, year, number = options["indicator"].strip(), options["year"], options["quarter"]
        if number not in (1, 2, 3, 4):
            raise CommandError(f"ไตรมาสต้องเป็น 1–4 ไม่ใช่ {number} (quarter must be 1–4)")
        indicator = Indicator.objects.select_related("fiscal_year").filter(code=code, fiscal_year__year_be=year).first()
        if indicator is None:
            years = list(Indicator.objects.filter(code=code).values_list("fiscal_year__year_be", flat=True))
            if years:
                raise CommandError(
                    f"ตัวชี้วัด {code} ไม่มีในปีงบประมาณ {year} (มีในปี {', '.join(map(str, years))}) "
                    f"/ indicator {code} has no fiscal year {year}"
                )
            raise CommandError(f"ไม่พบตัวชี้วัดรหัส {code} / unknown indicator {code}")
        quarter = Quarter.objects.get(fiscal_year=indicator.fiscal_year, number=number)
        data = summary_as_dict(summarise(indicator, quarter))
        if options["format"] == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(self.as_table(data))

    def as_table(self, data):
        title = f"ตัวชี้วัด {data['indicator']} ปีงบประมาณ {data['year']} ไตรมาสที่ {data['quarter']}: {data['title']}"
        headers, rows, numeric, footer = kind_of(data["kind"]).summary_table(data)
        result = f"ผลรวม ร้อยละ {data['percent'] or '-'} เป้าหมาย ร้อยละ {data['target_percent']} ({'บรรลุ' if data['met'] else 'ไม่บรรลุ' if data['met'] is False else 'ยังไม่มีผล'})"
        return "\n".join([title, "", format_table(headers, [[str(c) for c in row] for row in rows], numeric), "", footer, result])

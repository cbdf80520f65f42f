"""The performance agreements of every district for a fiscal year, from one workbook (and to it):
`manage.py import_agreement FILE --year BE [--dry-run]`, `manage.py export_agreement BE FILE`.

One sheet, a row per KR of a district's agreement: เขต (a name or code, through the district-name
normaliser), มิติ (the dimension), ตัวชี้วัด (the KR's code in that year), น้ำหนัก (its weight). A
district's weights add to 100; a KR must have scoring criteria (its KR sheet's เกณฑ์คะแนน 1–5, or its
kind's own, as a success level's levels). Every problem is named by row and column, nothing is
written unless the whole file is right, and the year's agreements are replaced as a whole (each row
keeps its history).
"""
import io
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from districts.names import DistrictIndex, UnknownDistrict
from okr_tracker.spreadsheet import safe_cell
from okr_tracker.thai import squash_spaces, to_arabic_digits
from okr_tracker.workbook import Column, WorkbookInvalid, display, read_table, where

from .kinds import kind_of
from .locks import FiguresLocked
from .models import AgreementItem, FiscalYear, Indicator, ScoringCriteria

HEADERS = ["เขต", "มิติ", "ตัวชี้วัด", "น้ำหนัก"]
COLUMNS = [Column("district", ("เขต", "สำนักงานเขต"), exact=True), Column("dimension", ("มิติ",)),
           Column("indicator", ("ตัวชี้วัด", "รหัสตัวชี้วัด")), Column("weight", ("น้ำหนัก",)),
           Column("number", ("ลำดับ",), required=False, exact=True)]


def parse_agreement(data, year_be):
    """(AgreementItems, problems)."""
    table = read_table(data, COLUMNS, strict=True)
    year = FiscalYear.objects.filter(year_be=year_be).first()
    indicators = {indicator.code.casefold(): indicator for indicator in Indicator.objects.filter(fiscal_year=year)}
    with_criteria = set(ScoringCriteria.objects.filter(indicator__fiscal_year=year, district__isnull=True)
                        .values_list("indicator_id", flat=True))
    index, items, problems = DistrictIndex(), [], []
    weights, rows_of, seen = defaultdict(Decimal), defaultdict(list), {}

    def problem(row, key, reason):
        problems.append(f"{where(table.sheet, row.excel_row, table.headers.get(key, key), display(row.values.get(key)))}: {reason}")

    for order, row in enumerate(table.rows):
        if row.formulas:
            problem(row, sorted(row.formulas)[0], _("a formula; type the value itself (formulas are refused)"))
            continue
        count = len(problems)
        try:
            district = index.resolve(row.values.get("district"))
        except UnknownDistrict:
            problem(row, "district", _("unknown district (not one of the 50 districts)"))
            district = None
        code = squash_spaces(display(row.values.get("indicator")))
        indicator = indicators.get(code.casefold())
        if indicator is None:
            problem(row, "indicator", _("no KR with this code in fiscal year %(year)s") % {"year": year_be})
        elif indicator.pk not in with_criteria and kind_of(indicator).default_criteria(indicator) is None:
            problem(row, "indicator", _("the KR has no scoring criteria (เกณฑ์คะแนน 1–5 on its KR sheet, or in the admin)"))
        try:
            weight = Decimal(to_arabic_digits(display(row.values.get("weight"))).replace(",", "").strip())
            if not 0 < weight <= 100 or weight != weight.quantize(Decimal("0.01")):
                raise InvalidOperation
        except InvalidOperation:
            problem(row, "weight", _("a weight above 0 and up to 100, two decimals at most"))
            weight = None
        dimension = squash_spaces(display(row.values.get("dimension")))
        if not dimension or len(dimension) > 200:
            problem(row, "dimension", _("the dimension (มิติ) the KR is scored in"))
        if district is not None and indicator is not None:
            if (district.pk, indicator.pk) in seen:
                problem(row, "indicator", _("the KR is twice in this district's agreement (also row %(row)s)")
                        % {"row": seen[(district.pk, indicator.pk)]})
            seen[(district.pk, indicator.pk)] = row.excel_row
        if len(problems) == count:
            items.append(AgreementItem(district=district, indicator=indicator, dimension=dimension, weight=weight,
                                       order=order))
            weights[district.pk] += weight
            rows_of[district.pk].append(row.excel_row)
    if not problems:
        for item in items:
            if item.district_id in weights and weights[item.district_id] != 100:
                rows = ", ".join(str(number) for number in rows_of[item.district_id])
                problems.append(_("sheet “%(sheet)s” rows %(rows)s: the weights of %(district)s add to %(total)s, not 100")
                                % {"sheet": table.sheet, "rows": rows, "district": item.district.office_name,
                                   "total": f"{weights.pop(item.district_id):g}"})
    return items, problems


@transaction.atomic
def import_agreement(*, data, file_name, year_be, dry_run=False):
    """(items written, problems): the year's agreements replaced as a whole, or nothing on any problem."""
    prefix = f"{file_name}: "
    try:
        items, problems = parse_agreement(data, year_be)
    except WorkbookInvalid as error:
        return [], [prefix + problem for problem in error.problems]
    if problems:
        return [], [prefix + problem for problem in problems]
    try:
        AgreementItem.objects.filter(indicator__fiscal_year__year_be=year_be).delete()
        bulk_create_with_history(items, AgreementItem, default_change_reason=f"imported:{file_name}")
        from . import versions

        versions.bump(*sorted({versions.indicator_key(item.indicator_id) for item in items}))  # no save signal in bulk
    except FiguresLocked as error:
        transaction.set_rollback(True)
        return [], [prefix + message for message in error.messages]
    if dry_run:
        transaction.set_rollback(True)
    return items, []


def export_agreement(year_be):
    """The year's agreements as the workbook import_agreement reads (xlsx bytes)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "ข้อตกลง"
    sheet.append(HEADERS)
    for item in AgreementItem.objects.filter(indicator__fiscal_year__year_be=year_be).select_related(
            "district", "indicator").order_by("district__code", "order", "pk"):
        sheet.append([safe_cell(item.district.office_name), safe_cell(item.dimension), safe_cell(item.indicator.code),
                      item.weight])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

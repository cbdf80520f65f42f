"""A KR as a workbook, so that the Social Development Department sets up next year's KRs without a
developer: `manage.py import_indicator FILE [--dry-run]`, `manage.py export_indicator CODE YEAR
FILE`, and the same in the admin (a preview, then confirm).

Sheet "KR": two columns, label | value, one row per field of the KR sheet under seed 000's own
label (รหัส, ชื่อตัวชี้วัด, ปีงบประมาณ, ประเภท — one of the four kind names exactly —, หน่วยนับ,
ค่าเป้าหมาย, …). Sheet "หน่วยงาน": the host (H) and supporting (R) agencies with their targets and
duties. Sheet "เป้าหมายรายเขต": the district table in the kind's columns (share of units: units and
target units; amount: the target; none for the other kinds). Export then import gives the same KR,
and exporting it again gives the same file content. Reads .xlsx, .xls and .ods.
"""
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from simple_history.utils import bulk_create_with_history
from django.utils.translation import gettext as _

from districts.names import DistrictIndex, UnknownDistrict
from okr_tracker.spreadsheet import safe_cell
from okr_tracker.thai import squash_spaces, to_arabic_digits
from okr_tracker.workbook import (CellError, Column, NoSuchSheet, WorkbookInvalid, display, normalise_label, open_sheet,
                                  read_table, where)

from .kinds import KINDS, kind_named, kind_of
from .locks import FiguresLocked
from .models import DistrictTarget, FiscalYear, Indicator, ResponsibleAgency, ScoringCriteria

KR_SHEET, AGENCY_SHEET, TARGET_SHEET = "KR", "หน่วยงาน", "เป้าหมายรายเขต"
YES, NO = "ใช่", "ไม่ใช่"
LEVELS = {"ผลผลิต (Output)": Indicator.Level.OUTPUT, "ผลลัพธ์ (Outcome)": Indicator.Level.OUTCOME, "": ""}
DIRECTIONS = {"ยิ่งมากยิ่งดี": Indicator.Direction.HIGHER, "ยิ่งน้อยยิ่งดี": Indicator.Direction.LOWER}


def _decimal(text):
    try:
        return Decimal(to_arabic_digits(str(text)).replace(",", "").strip())
    except InvalidOperation:
        raise CellError(_("not a number")) from None


# (label as seed 000 writes it, Indicator field, to cell, from cell). Required labels first.
FIELDS = [
    ("รหัส", "code", str, lambda text: squash_spaces(text)),
    ("ชื่อตัวชี้วัด", "title", str, str),
    ("ปีงบประมาณ", "fiscal_year", lambda year: year.year_be, None),  # read on its own
    ("ประเภท", "kind", lambda code: KINDS[code].thai_name, None),
    ("หน่วยนับ", "unit", str, str),
    ("หน่วยที่นับในพื้นที่ (ร้อยละของหน่วยในพื้นที่)", "counted_unit", str, str),
    ("ค่าเป้าหมาย", "target", None, None),  # the kind says which field
    ("ระดับเป้าหมาย (ระดับความสำเร็จ)", "target_level", None, None),  # the kind says whether it has one
    ("ทิศทางที่ดี", "direction", lambda value: {v: k for k, v in DIRECTIONS.items()}[value], None),
    ("รหัสภายในระบบ (ไม่มีรหัสทางราชการ)", "code_is_local", lambda value: YES if value else NO, lambda text: text == YES),
    ("ระดับของตัวชี้วัด", "level", lambda value: {v: k for k, v in LEVELS.items()}[value], None),
    ("ด้าน", "strategy_dimension", str, str),
    ("ประเด็นการพัฒนา", "strategy_issue", str, str),
    ("เป้าประสงค์", "strategy_goal", str, str),
    ("หน่วยงานผู้รับผิดชอบหลัก (Host : H)", "host_agency", str, str),
    ("ลักษณะหน่วยงานที่รับผิดชอบ", "responsibility", str, str),
    ("นิยาม", "definitions", str, str),
    ("วิธีคำนวณ/ วัดผลการดำเนินงาน/ สูตรคำนวณ", "formula", str, str),
    ("ระดับ 1", "level_1", str, str),
    ("ระดับ 2", "level_2", str, str),
    ("ระดับ 3", "level_3", str, str),
    ("ระดับ 4", "level_4", str, str),
    ("ระดับ 5", "level_5", str, str),
    ("เอกสารอ้างอิง เพิ่มเติม", "reference_documents", str, str),
    ("ช่องทางการรายงาน ผลการดำเนินงาน", "reporting_channel", str, str),
    ("การติดตามประเมินผล ความสำเร็จ", "evaluation_methods", str, str),
    ("ผู้ประสานงานหลัก", "coordinator", str, str),
    ("ผู้แจ้งข้อมูล", "informant", str, str),
    ("เอกสารต้นฉบับ", "source_document", str, str),
    ("ข้อมูลทดลอง", "is_demo", lambda value: YES if value else NO, lambda text: text == YES),
    # The performance agreement's scoring levels (indicators/scoring.py): the result scoring 1 … 5.
    *[(f"เกณฑ์คะแนน {level}", f"criteria_{level}", None, None) for level in range(1, 6)],
]
CRITERIA_LABELS = [f"เกณฑ์คะแนน {level}" for level in range(1, 6)]
REQUIRED = ["รหัส", "ชื่อตัวชี้วัด", "ปีงบประมาณ", "ประเภท", "หน่วยนับ", "ค่าเป้าหมาย"]
HEADER_LABEL = "หัวข้อ"  # the sheet's own header row: หัวข้อ | รายละเอียด


def _short(label):
    """A label without its explanation in brackets: “ระดับเป้าหมาย (ระดับความสำเร็จ)” → “ระดับเป้าหมาย”."""
    return label.split("(")[0].strip()


# Every label the KR sheet may use, normalised → the label as the exporter writes it (the README's
# table lists them: tests/indicators/test_kr_workbook.py reads it). A label with an explanation in
# brackets is also read without it.
LABELS = {**{normalise_label(_short(label)): label for label, *_rest in FIELDS},
          **{normalise_label(label): label for label, *_rest in FIELDS}}
LABEL_OF_FIELD = {**{name: label for label, name, *_rest in FIELDS}, "target_percent": "ค่าเป้าหมาย",
                  "target_value": "ค่าเป้าหมาย"}
AGENCY_HEADERS = ["บทบาท (H/R)", "ชื่อหน่วยงาน/ส่วนราชการ", "ค่าเป้าหมาย", "บทบาทภารกิจ"]
AGENCY_COLUMNS = [Column("role", ("บทบาท",)), Column("name", ("ชื่อหน่วยงาน",)),
                  Column("target", ("ค่าเป้าหมาย",), required=False), Column("duties", ("บทบาทภารกิจ",), required=False)]
TARGET_LEAD_COLUMNS = [Column("number", ("ลำดับ",), required=False, exact=True),
                       Column("district", ("เขต", "สำนักงานเขต"), exact=True),
                       Column("group", ("กลุ่มเขต",), required=False)]  # written by the export, for the reader


# --- export ----------------------------------------------------------------------------------


def export_indicator(indicator):
    """The KR's workbook (xlsx bytes)."""
    import openpyxl
    from openpyxl.styles import Alignment, Font

    kind = kind_of(indicator)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = KR_SHEET
    sheet.append(["หัวข้อ", "รายละเอียด"])
    for label, name, to_cell, _from_cell in FIELDS:
        if name == "target":
            value = kind.target_of(indicator)
        elif name == "target_level":
            value = kind.target_level_of(indicator)
        elif name.startswith("criteria_"):
            criteria = indicator.criteria.filter(district__isnull=True).first()
            value = criteria.values[int(name[-1]) - 1] if criteria else None
        else:
            value = to_cell(getattr(indicator, name))
        sheet.append([label, safe_cell(value)])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 36, 90

    agencies = book.create_sheet(AGENCY_SHEET)
    agencies.append(AGENCY_HEADERS)
    for agency in indicator.agencies.order_by("order", "pk"):
        agencies.append([agency.role, safe_cell(agency.name), agency.target_percent, safe_cell(agency.duties)])

    headers = kind.target_headers(indicator)
    if headers is not None:
        targets = book.create_sheet(TARGET_SHEET)
        # Every text an administrator typed is written as text, never as a formula (a unit or a group
        # name beginning with "=" would be one): safe_cell, as every other export.
        targets.append(["ลำดับ", "เขต", "กลุ่มเขต", *(safe_cell(header) for header in headers)])
        for target in indicator.district_targets.select_related("district__group").order_by("row_number", "district__code"):
            targets.append([target.row_number, safe_cell(target.district.office_name), safe_cell(target.district.group.name_th),
                            *kind.target_cells(target)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- import ----------------------------------------------------------------------------------


@dataclass
class KrOutcome:
    problems: list = field(default_factory=list)
    indicator: Indicator | None = None
    created: bool = False
    targets: int = 0
    agencies: int = 0

    @property
    def ok(self):
        return not self.problems


def _kr_values(data):
    """({normalised label as exported: (row, value)}, problems) of the KR sheet: an unknown label, a label
    twice or a value in a third column is named and refused, never dropped."""
    title, rows, close = open_sheet(data, KR_SHEET)
    try:
        values, problems = {}, []
        for number, row in enumerate(rows, start=1):
            if not row or all(cell is None for cell in row):
                continue
            if row[0] is None:
                problems.append(_("%(where)s: a value without a label in the first column")
                                % {"where": where(KR_SHEET, number)})
                continue
            label = LABELS.get(normalise_label(row[0]))
            if label is None:
                if normalise_label(row[0]) != normalise_label(HEADER_LABEL):
                    problems.append(_("%(where)s: unknown label; the labels are those of the README's table "
                                      "(and of a downloaded KR workbook)") % {"where": where(KR_SHEET, number, row[0])})
                continue
            key = normalise_label(label)
            if key in values:
                problems.append(_("%(where)s: the label is also on row %(row)s")
                                % {"where": where(KR_SHEET, number, label), "row": values[key][0]})
                continue
            if any(cell not in (None, "") for cell in row[2:]):
                problems.append(_("%(where)s: a value beyond the second column") % {"where": where(KR_SHEET, number, label)})
            values[key] = (number, row[1] if len(row) > 1 else None)
        return values, problems
    finally:
        close()


def parse_kr(data):
    """(Indicator fields, kind, year, problems) from the KR sheet."""
    values, problems = _kr_values(data)
    fields = {}

    def cell(label):
        row, value = values.get(normalise_label(label), (None, None))
        return row, ("" if value is None else display(value) if not isinstance(value, str) else value.strip())

    def problem(label, reason):
        row, value = cell(label)
        problems.append(_("%(where)s: %(reason)s") % {"where": where(KR_SHEET, row, label, value or None), "reason": reason})

    for key, (row, value) in values.items():
        if isinstance(value, str) and value.startswith("="):
            problems.append(_("%(where)s: a formula; type the value itself (formulas are refused)")
                            % {"where": where(KR_SHEET, row, LABELS[key])})
    for label in REQUIRED:
        if not cell(label)[1]:
            row, _value = cell(label)
            problems.append(_("%(where)s: empty or missing") % {"where": where(KR_SHEET, row, label)}
                            if row else _("sheet “%(sheet)s”: no row “%(label)s”") % {"sheet": KR_SHEET, "label": label})
    kind = kind_named(cell("ประเภท")[1])
    if cell("ประเภท")[1] and kind is None:
        problem("ประเภท", _("the kind is one of: %(kinds)s") % {"kinds": ", ".join(k.thai_name for k in KINDS.values())})
    year = None
    try:
        year = int(to_arabic_digits(cell("ปีงบประมาณ")[1]).split(".")[0]) if cell("ปีงบประมาณ")[1] else None
        if year is not None and not 2500 <= year <= 2700:
            raise ValueError
    except ValueError:
        problem("ปีงบประมาณ", _("a Buddhist Era year, e.g. 2569"))
        year = None
    for label, name, _to_cell, from_cell in FIELDS:
        row, text = cell(label)
        if from_cell is None or (not text and name not in {"code_is_local", "is_demo"}):
            continue
        try:
            fields[name] = from_cell(text)
        except CellError as error:
            problem(label, str(error))
    level_text = cell("ระดับของตัวชี้วัด")[1]
    if level_text not in LEVELS:
        problem("ระดับของตัวชี้วัด", _("“ผลผลิต (Output)”, “ผลลัพธ์ (Outcome)” or empty"))
    else:
        fields["level"] = LEVELS[level_text]
    direction_text = cell("ทิศทางที่ดี")[1] or "ยิ่งมากยิ่งดี"
    if direction_text not in DIRECTIONS:
        problem("ทิศทางที่ดี", _("“ยิ่งมากยิ่งดี” or “ยิ่งน้อยยิ่งดี”"))
    else:
        fields["direction"] = DIRECTIONS[direction_text]
    if kind is not None and cell("ค่าเป้าหมาย")[1]:
        try:
            fields.update(kind.target_fields(_decimal(cell("ค่าเป้าหมาย")[1])))
        except (CellError, ValueError) as error:
            problem("ค่าเป้าหมาย", str(error))
    given = [cell(label)[1] for label in CRITERIA_LABELS]
    if any(given):
        try:
            criteria = [_decimal(text) if text else None for text in given]
        except CellError:
            criteria = None
        from . import scoring

        problem_text = (_("not a number") if criteria is None
                        else scoring.criteria_problem(criteria, fields.get("direction", Indicator.Direction.HIGHER)))
        if problem_text:
            problem(CRITERIA_LABELS[0], problem_text)
        else:
            fields["criteria"] = criteria
    if kind is not None:
        try:
            fields.update(kind.target_level_fields(cell("ระดับเป้าหมาย (ระดับความสำเร็จ)")[1]))
        except CellError as error:
            problem("ระดับเป้าหมาย (ระดับความสำเร็จ)", str(error))
    return fields, kind, year, problems


def _raw(value):
    return "" if value is None else value if isinstance(value, str) else display(value)


def _formulas(table, row):
    """A problem for each formula cell of a row (a figure or a name is what was typed, never computed)."""
    return [_("%(where)s: a formula; type the value itself (formulas are refused)")
            % {"where": where(table.sheet, row.excel_row, table.headers.get(key, key))} for key in sorted(row.formulas)]


def _model_problems(instance, exclude, place):
    """What the database would refuse (a number too long for its field, a text too long…), said before
    anything is written: `place(field name)` → the sheet, row and column to name."""
    from django.core.exceptions import ValidationError

    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        return [f"{place(name)}: {' '.join(messages)}" for name, messages in error.message_dict.items()]
    return []


def parse_agencies(data):
    try:
        table = read_table(data, AGENCY_COLUMNS, sheet=AGENCY_SHEET, strict=True)
    except NoSuchSheet:
        return [], []
    except WorkbookInvalid as error:
        if any(_("the table has no rows under its header.") in problem for problem in error.problems):
            return [], []
        raise
    agencies, problems = [], []
    for order, row in enumerate(table.rows):
        if row.formulas:
            problems += _formulas(table, row)
            continue
        role = display(row.values.get("role")).strip().upper()
        if role not in {"H", "R"}:
            problems.append(_("%(where)s: H or R") % {"where": where(table.sheet, row.excel_row, table.headers["role"], display(row.values.get("role")))})
            continue
        target = row.values.get("target")
        try:
            target = _decimal(target) if target not in (None, "") else None
        except CellError as error:
            problems.append(f"{where(table.sheet, row.excel_row, table.headers.get('target'), display(target))}: {error}")
            continue
        if target is not None and not 0 <= target <= 100:
            problems.append(_("%(where)s: an agency's target is a percentage from 0 to 100 (a KR's target in its unit "
                              "goes in “ค่าเป้าหมาย” on sheet “KR”)")
                            % {"where": where(table.sheet, row.excel_row, table.headers.get("target"),
                                              display(row.values.get("target")))})
            continue
        # Names and duties as written, line breaks and all (display() would fold them).
        agency = ResponsibleAgency(role=role, name=_raw(row.values.get("name")), target_percent=target,
                                   duties=_raw(row.values.get("duties")), order=order)
        columns = {"name": "name", "target_percent": "target", "duties": "duties", "role": "role"}
        problems += _model_problems(agency, ["indicator"], lambda name, row=row: where(
            table.sheet, row.excel_row, table.headers.get(columns.get(name, name), name)))
        agencies.append(agency)
    return agencies, problems


def parse_targets(data, kind, unit):
    """(targets, problems, the unit the table counts). `unit`: what the KR sheet says it counts, or None
    (then the table's own headers say it: “จำนวนโรงเรียน”, “โรงเรียนเป้าหมาย”)."""
    if kind.target_columns(unit or "ชุมชน") is None:
        return [], [], unit
    try:
        headers = read_table(data, TARGET_LEAD_COLUMNS, sheet=TARGET_SHEET, total_label="รวม").header_row
    except NoSuchSheet:
        return [], [], unit
    except WorkbookInvalid as error:  # a table with its header and no rows: a KR without district targets
        if any(_("the table has no rows under its header.") in problem for problem in error.problems):
            return [], [], unit
        raise
    counted = kind.unit_from_headers(headers)
    problems = []
    if unit and counted and normalise_label(unit) != counted:
        problems.append(_("sheet “%(sheet)s”: the table counts “%(table)s” but the KR sheet says “%(kr)s”")
                        % {"sheet": TARGET_SHEET, "table": counted, "kr": unit})
        return [], problems, unit
    unit = unit or counted or "ชุมชน"
    table = read_table(data, [*TARGET_LEAD_COLUMNS, *kind.target_columns(unit)], sheet=TARGET_SHEET, total_label="รวม",
                       strict=True)
    index, targets, seen = DistrictIndex(), [], {}
    for row in table.rows:
        if row.formulas:
            problems += _formulas(table, row)
            continue
        try:
            district = index.resolve(row.values.get("district"))
        except UnknownDistrict:
            problems.append(_("%(where)s: unknown district (not one of the 50 districts)")
                            % {"where": where(table.sheet, row.excel_row, table.headers["district"], display(row.values.get("district")))})
            continue
        if district.pk in seen:
            problems.append(_("%(where)s: %(district)s appears twice (also row %(row)s)") % {
                "where": where(table.sheet, row.excel_row, table.headers["district"], display(row.values.get("district"))),
                "district": district.name_th, "row": seen[district.pk]})
            continue
        seen[district.pk] = row.excel_row
        try:
            values = kind.read_target(row.values)
        except CellError as error:
            key = error.args[1] if len(error.args) > 1 else "district"
            problems.append(f"{where(table.sheet, row.excel_row, table.headers.get(key, key), display(row.values.get(key)))}: {error.args[0]}")
            continue
        number = row.values.get("number")
        target = DistrictTarget(district=district, row_number=int(number) if isinstance(number, (int, float)) else None,
                                **values)
        problems += _model_problems(target, ["indicator"], lambda name, row=row: where(table.sheet, row.excel_row, name))
        targets.append(target)
    return targets, problems, unit


def _indicator_problems(fields, kind):
    """What the Indicator's fields would not hold, named by the KR sheet's label."""
    candidate = Indicator(**{"target_percent": Decimal(0), **{k: v for k, v in fields.items() if k != "criteria"},
                             "kind": kind.code})
    return _model_problems(candidate, ["fiscal_year", "code"] if not fields.get("code") else ["fiscal_year"],
                           lambda name: where(KR_SHEET, None, LABEL_OF_FIELD.get(name, name)))


def import_indicator(*, data, file_name, dry_run=False):
    """Create or update the KR of the workbook, its agencies and district table, in one transaction."""
    prefix = f"{file_name}: "
    try:
        fields, kind, year, problems = parse_kr(data)
        agencies, agency_problems = parse_agencies(data)
        targets, target_problems, unit = (parse_targets(data, kind, fields.get("counted_unit")) if kind
                                          else ([], [], None))
    except WorkbookInvalid as error:
        return KrOutcome(problems=[prefix + problem for problem in error.problems])
    if kind is not None and unit and not fields.get("counted_unit"):
        fields["counted_unit"] = unit  # told by the table's headers
    if kind is not None:
        problems += _indicator_problems(fields, kind)
    problems += agency_problems + target_problems
    if problems:
        return KrOutcome(problems=[prefix + problem for problem in problems])
    outcome = KrOutcome()
    try:
        _write_indicator(outcome, fields, kind, year, agencies, targets, file_name, dry_run)
    except FiguresLocked as error:  # the year's target table is final (indicators.locks)
        return KrOutcome(problems=[prefix + message for message in error.messages])
    return outcome


def _write_indicator(outcome, fields, kind, year, agencies, targets, file_name, dry_run):
    with transaction.atomic():
        fiscal_year = FiscalYear.get_or_create_year(year)
        code = fields.pop("code")
        criteria = fields.pop("criteria", None)
        fields.setdefault("target_percent", Decimal(0))
        indicator, outcome.created = Indicator.objects.update_or_create(
            code=code, fiscal_year=fiscal_year, defaults={**fields, "kind": kind.code})
        if criteria is not None:
            ScoringCriteria.objects.update_or_create(indicator=indicator, district=None, defaults=dict(
                zip(("level_1", "level_2", "level_3", "level_4", "level_5"), criteria)))
        indicator.agencies.all().delete()
        for agency in agencies:
            agency.indicator = indicator
        ResponsibleAgency.objects.bulk_create(agencies)
        # The table is replaced as a whole; each row's history records the change (and who by: the import).
        # An unchanged table is left as it is (a locked year's table is final: indicators.locks).
        compared = ("district_id", "row_number", "communities", "target_communities", "target_amount")
        stored = sorted(tuple(getattr(target, name) for name in compared) for target in indicator.district_targets.all())
        if stored != sorted(tuple(getattr(target, name) for name in compared) for target in targets):
            indicator.district_targets.all().delete()
            for target in targets:
                target.indicator = indicator
            bulk_create_with_history(targets, DistrictTarget, default_change_reason=f"imported:{file_name}")
        outcome.indicator, outcome.targets, outcome.agencies = indicator, len(targets), len(agencies)
        if dry_run:
            transaction.set_rollback(True)

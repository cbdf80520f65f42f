"""Nothing reaches the database that a page cannot show (issue 21, findings 3–7): every field of a KR
workbook is checked against what the model stores before anything is written; formulas, unknown labels
and unknown columns are named and refused, never dropped; the README's labels are the importer's; a
share of units counting something other than ชุมชน works from the table's own headers; a new year's
quarters come with deadlines and are never offered before they begin."""
import datetime
import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from indicators.kr_workbook import AGENCY_HEADERS, FIELDS, import_indicator
from indicators.models import DistrictTarget, FiscalYear, Indicator, Quarter

from .test_kr_workbook import kr_workbook

pytestmark = pytest.mark.django_db
README = Path(__file__).resolve().parents[2] / "docs" / "kinds.md"  # the README's documentation of the kinds
BASICS = [("รหัส", "SCH1"), ("ชื่อตัวชี้วัด", "ร้อยละของโรงเรียนที่จัดกิจกรรม"), ("ปีงบประมาณ", "2571"),
          ("ประเภท", "ร้อยละของหน่วยในพื้นที่"), ("หน่วยนับ", "ร้อยละ"), ("ค่าเป้าหมาย", "90"),
          ("หน่วยงานผู้รับผิดชอบหลัก (Host : H)", "สำนักการศึกษา")]
SCHOOLS = [("ลำดับ", "เขต", "กลุ่มเขต", "จำนวนโรงเรียน", "โรงเรียนเป้าหมาย"), (1, "สาทร", "กท.ใต้", 24, 20),
           (2, "ดินแดง", "กท.กลาง", 10, 9)]


def refused(data):
    outcome = import_indicator(data=data, file_name="KR.xlsx", dry_run=True)
    assert not outcome.ok
    return "\n".join(outcome.problems)


def test_an_agencys_amount_target_is_refused_naming_the_cell():
    """Finding 3: 5000 as the host agency's ค่าเป้าหมาย passed, then every page of the KR answered 500."""
    problems = refused(kr_workbook(BASICS, agencies=[("H", "สำนักการศึกษา", 5000, "")]))
    assert "แผ่นงาน “หน่วยงาน” แถว 2 คอลัมน์ “ค่าเป้าหมาย” ค่า “5000”" in problems and "ร้อยละ 0 ถึง 100" in problems


def test_a_field_longer_than_the_model_stores_is_refused():
    problems = refused(kr_workbook([*BASICS[:4], ("หน่วยนับ", "ร" * 60), *BASICS[5:]]))
    assert "หน่วยนับ" in problems


@pytest.mark.parametrize("sheet", ["KR", "หน่วยงาน", "เป้าหมายรายเขต"])
def test_a_formula_is_refused_in_every_sheet(sheet):
    """Finding 4: ="…"&"…" became the KR's title."""
    kr = [("ชื่อตัวชี้วัด", '="ร้อยละ"&"ของโรงเรียน"') if label == "ชื่อตัวชี้วัด" and sheet == "KR" else (label, value)
          for label, value in BASICS]
    agencies = [("H", '="สำนัก"&"การศึกษา"' if sheet == "หน่วยงาน" else "สำนักการศึกษา", 90, "")]
    targets = [list(row) for row in SCHOOLS]
    if sheet == "เป้าหมายรายเขต":
        targets[1][3] = "=20+4"
    problems = refused(kr_workbook(kr, targets=targets, agencies=agencies))
    assert f"แผ่นงาน “{sheet}”" in problems and "เป็นสูตร" in problems


def test_a_share_of_schools_reads_its_unit_and_targets_from_the_tables_headers(tmp_path):
    """Finding 5: โรงเรียนเป้าหมาย was ignored (สาทร 20 recomputed to 22) and the unit reported as ชุมชน."""
    path = tmp_path / "SCH1.xlsx"
    path.write_bytes(kr_workbook(BASICS, targets=SCHOOLS))
    call_command("import_indicator", str(path), stdout=io.StringIO())
    indicator = Indicator.objects.get(code="SCH1")
    assert indicator.counted_unit == "โรงเรียน"
    sathon = DistrictTarget.objects.get(indicator=indicator, district__name_th="สาทร")
    assert (sathon.communities, sathon.target_communities) == (24, 20)
    out = io.StringIO()
    call_command("kpi_summary", "--indicator", "SCH1", "--year", "2571", "--quarter", "1", "--format", "json", stdout=out)
    assert json.loads(out.getvalue())["unit"] == "โรงเรียน"


def test_an_unknown_column_or_label_is_named_and_refused():
    targets = [(*SCHOOLS[0], "หมายเหตุ"), *SCHOOLS[1:]]
    assert "ไม่รู้จักคอลัมน์ “หมายเหตุ”" in refused(kr_workbook(BASICS, targets=targets))
    problems = refused(kr_workbook([*BASICS, ("ผู้ประสานงาน หลักก", "x")]))
    assert "แผ่นงาน “KR” แถว 9 คอลัมน์ “ผู้ประสานงาน หลักก”" in problems and "ไม่รู้จักหัวข้อนี้" in problems


def test_the_readmes_short_label_for_the_target_level_is_read():
    """Finding 6: ระดับเป้าหมาย, as the README writes it, was refused with a message naming no row."""
    rows = [("รหัส", "LVL9"), ("ชื่อตัวชี้วัด", "ระดับความสำเร็จของแผนชุมชน"), ("ปีงบประมาณ", "2571"),
            ("ประเภท", "ระดับความสำเร็จ"), ("หน่วยนับ", "ระดับ"), ("ค่าเป้าหมาย", "80"), ("ระดับเป้าหมาย", "4"),
            ("หน่วยงานผู้รับผิดชอบหลัก (Host : H)", "สำนักพัฒนาสังคม")]
    outcome = import_indicator(data=kr_workbook(rows), file_name="LVL9.xlsx")
    assert outcome.ok, outcome.problems
    assert Indicator.objects.get(code="LVL9").target_value == 4


def test_the_readmes_labels_are_the_importers_and_the_exporters():
    """The README's table of the KR sheet's labels (between its markers) is exactly what the code reads
    and writes: a label added to one and not the other fails here."""
    text = README.read_text(encoding="utf-8")
    section = text.split("<!-- kr-sheet-labels -->")[1].split("<!-- /kr-sheet-labels -->")[0]
    agencies = text.split("<!-- /kr-sheet-labels -->")[1][:600]
    documented = re.findall(r"^\| `([^`]+)` \|", section, flags=re.M)
    assert documented == [label for label, *_rest in FIELDS]
    assert all(f"`{header}`" in agencies for header in AGENCY_HEADERS)


# --- a new year's quarters (finding 7) -----------------------------------------------------------


def test_a_new_years_quarters_come_with_deadlines_and_are_not_offered_before_they_begin(client, kr8308, din_daeng_clerk):
    call_command("copy_indicators", "2568", "2571", stdout=io.StringIO())
    year = FiscalYear.objects.get(year_be=2571)
    quarters = list(year.quarters.order_by("number"))
    assert all(quarter.deadline == quarter.end_date + datetime.timedelta(days=15) for quarter in quarters)
    assert all(quarter.start_date > datetime.date.today() for quarter in quarters)  # FY2571 begins 1 Oct 2027
    client.force_login(din_daeng_clerk)
    page = client.get(reverse("reports:mine")).content.decode()
    assert "/2571" not in page  # next year's quarters are not on the to-do list, open or not
    form = client.get(reverse("reports:form", args=["1026", "8308", 2571, 1]))
    assert form.status_code == 403

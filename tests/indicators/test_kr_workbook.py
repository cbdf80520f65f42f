"""A KR of any kind set up from its workbook without code; export then import is lossless."""
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from indicators import summaries
from indicators.kr_workbook import export_indicator, import_indicator
from indicators.models import Indicator

pytestmark = pytest.mark.django_db


def cells(data):
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}


def kr_workbook(rows, targets=None, agencies=None):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "KR"
    sheet.append(["หัวข้อ", "รายละเอียด"])
    for row in rows:
        sheet.append(list(row))
    if agencies is not None:
        book.create_sheet("หน่วยงาน").append(["บทบาท (H/R)", "ชื่อหน่วยงาน/ส่วนราชการ", "ค่าเป้าหมาย", "บทบาทภารกิจ"])
        for row in agencies:
            book["หน่วยงาน"].append(list(row))
    if targets is not None:
        sheet = book.create_sheet("เป้าหมายรายเขต")
        for row in targets:
            sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_export_then_import_gives_the_same_kr_and_the_same_file(kr8308):
    first = export_indicator(kr8308)
    before = cells(first)
    assert before["KR"][1:5] == [["รหัส", "8308"], ["ชื่อตัวชี้วัด", kr8308.title], ["ปีงบประมาณ", 2568],
                                 ["ประเภท", "ร้อยละของหน่วยในพื้นที่"]]
    assert len(before["เป้าหมายรายเขต"]) == 51
    assert before["เป้าหมายรายเขต"][0] == ["ลำดับ", "เขต", "กลุ่มเขต", "จำนวนชุมชน", "ชุมชนเป้าหมาย"]
    outcome = import_indicator(data=first, file_name="8308.xlsx")
    assert outcome.ok and not outcome.created and outcome.targets == 50 and outcome.agencies == 2
    kr8308.refresh_from_db()
    assert summaries.summarise(kr8308).communities == 2004 and summaries.summarise(kr8308).target_communities == 1806
    assert cells(export_indicator(kr8308)) == before


def test_a_new_amount_kr_is_set_up_from_a_workbook(tmp_path):
    data = kr_workbook([("รหัส", "AMT9"), ("ชื่อตัวชี้วัด", "จำนวนผู้สูงอายุที่ได้รับการดูแล"), ("ปีงบประมาณ", "๒๕๖๙"),
                        ("ประเภท", "จำนวน"), ("หน่วยนับ", "คน"), ("ค่าเป้าหมาย", "5,000"), ("ทิศทางที่ดี", "ยิ่งมากยิ่งดี"),
                        ("หน่วยงานผู้รับผิดชอบหลัก (Host : H)", "สำนักพัฒนาสังคม")],
                       targets=[("ลำดับ", "เขต", "กลุ่มเขต", "ค่าเป้าหมาย (คน)"), (1, "ดินแดง", "กท.กลาง", 120),
                                (2, "สำนักงานเขตดุสิต", "กท.กลาง", "80.5")],
                       agencies=[("H", "สำนักพัฒนาสังคม", None, "กำกับติดตาม"), ("R", "สำนักงานเขต", None, "ดำเนินการ")])
    path = tmp_path / "AMT9.xlsx"
    path.write_bytes(data)
    out = io.StringIO()
    call_command("import_indicator", str(path), "--dry-run", stdout=out)
    assert "จะสร้างตัวชี้วัด AMT9 ปีงบประมาณ 2569 (ทดลอง ไม่บันทึก)" in out.getvalue()
    assert not Indicator.objects.filter(code="AMT9").exists()
    call_command("import_indicator", str(path), stdout=out)
    indicator = Indicator.objects.get(code="AMT9", fiscal_year__year_be=2569)
    assert (indicator.kind, indicator.unit, indicator.target_value) == ("amount", "คน", Decimal("5000.00"))
    assert sorted(indicator.district_targets.values_list("district__code", "target_amount")) == [
        ("1002", Decimal("80.50")), ("1026", Decimal("120.00"))]
    assert indicator.agencies.count() == 2 and indicator.fiscal_year.quarters.count() == 4
    exported = tmp_path / "out.xlsx"
    call_command("export_indicator", "AMT9", "2569", str(exported), stdout=io.StringIO())
    assert import_indicator(data=exported.read_bytes(), file_name="out.xlsx").ok
    assert cells(export_indicator(indicator)) == cells(exported.read_bytes())


def test_a_success_level_kr_carries_its_levels(tmp_path):
    data = kr_workbook([("รหัส", "LVL9"), ("ชื่อตัวชี้วัด", "ระดับความสำเร็จของแผนชุมชน"), ("ปีงบประมาณ", 2569),
                        ("ประเภท", "ระดับความสำเร็จ"), ("หน่วยนับ", "ระดับ"), ("ค่าเป้าหมาย", 80),
                        ("ระดับเป้าหมาย (ระดับความสำเร็จ)", 4), ("ระดับ 1", "มีคณะทำงาน"), ("ระดับ 5", "ครบทุกขั้น"),
                        ("หน่วยงานผู้รับผิดชอบหลัก (Host : H)", "สำนักพัฒนาสังคม")])
    outcome = import_indicator(data=data, file_name="LVL9.xlsx")
    assert outcome.ok, outcome.problems
    indicator = outcome.indicator
    assert (indicator.kind, indicator.target_percent, indicator.target_value) == ("success_level", Decimal(80), Decimal(4))
    assert indicator.levels[0] == (1, "มีคณะทำงาน") and indicator.levels[4] == (5, "ครบทุกขั้น")
    assert cells(export_indicator(indicator))["KR"] == cells(export_indicator(Indicator.objects.get(pk=indicator.pk)))["KR"]


def test_every_problem_names_the_sheet_row_and_label_and_nothing_is_written(tmp_path):
    data = kr_workbook([("รหัส", "BAD1"), ("ชื่อตัวชี้วัด", "x"), ("ปีงบประมาณ", "2026"), ("ประเภท", "ร้อยละ"),
                        ("หน่วยนับ", "คน"), ("ค่าเป้าหมาย", "มาก")],
                       targets=[("ลำดับ", "เขต", "กลุ่มเขต", "ค่าเป้าหมาย"), (1, "บางใหญ่", "", 1)])
    path = tmp_path / "BAD1.xlsx"
    path.write_bytes(data)
    err = io.StringIO()
    with pytest.raises(CommandError, match="ไม่มีการบันทึกข้อมูลใด ๆ"):
        call_command("import_indicator", str(path), stdout=io.StringIO(), stderr=err)
    message = err.getvalue()
    assert "BAD1.xlsx: แผ่นงาน “KR” แถว 4 คอลัมน์ “ปีงบประมาณ” ค่า “2026”" in message
    assert "แถว 5 คอลัมน์ “ประเภท” ค่า “ร้อยละ”" in message and "ร้อยละของหน่วยในพื้นที่, ร้อยละของสำนักงานเขต, จำนวน, ระดับความสำเร็จ" in message
    assert not Indicator.objects.filter(code="BAD1").exists()


def test_export_indicator_names_an_unknown_kr_in_one_line(tmp_path):
    with pytest.raises(CommandError, match="ไม่พบตัวชี้วัด NOPE"):
        call_command("export_indicator", "NOPE", "2568", str(tmp_path / "x.xlsx"))


def test_a_new_fiscal_year_in_one_action_copies_every_kr_as_a_starting_point(client, admin_user, kr8308):
    out = io.StringIO()
    call_command("copy_indicators", "2568", "2569", stdout=out)
    assert "คัดลอกแล้ว 1 ตัวชี้วัด (8308)" in out.getvalue()
    copy = Indicator.objects.get(code="8308", fiscal_year__year_be=2569)
    assert (copy.kind, copy.target_percent, copy.title) == (kr8308.kind, kr8308.target_percent, kr8308.title)
    assert summaries.summarise(copy).target_communities == 1806 and copy.agencies.count() == 2
    call_command("copy_indicators", "2568", "2569", stdout=out)
    assert "มีในปี 2569 แล้ว 1 ตัวชี้วัด (8308)" in out.getvalue()
    assert Indicator.objects.filter(code="8308", fiscal_year__year_be=2569).count() == 1
    # The same from the admin, on the fiscal-year list.
    from django.urls import reverse

    from indicators.models import FiscalYear

    client.force_login(admin_user)
    response = client.post(reverse("admin:indicators_fiscalyear_changelist"), {
        "action": "copy_to_next_year", "_selected_action": [FiscalYear.objects.get(year_be=2569).pk]}, follow=True)
    assert "2569 → 2570" in response.content.decode()
    assert Indicator.objects.filter(code="8308", fiscal_year__year_be=2570).exists()


def test_the_admin_imports_a_kr_workbook_after_a_preview_and_downloads_one(client, admin_user, kr8308):
    import re

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.force_login(admin_user)
    assert reverse("admin:indicators_import_kr") in client.get(reverse("admin:indicators_indicator_changelist")).content.decode()
    download = client.post(reverse("admin:indicators_indicator_changelist"),
                           {"action": "download_workbook", "_selected_action": [kr8308.pk]})
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    data = download.content.replace(b"", b"")
    book = openpyxl.load_workbook(io.BytesIO(data))
    book["KR"]["B4"] = 2570  # the same KR for a new year
    buffer = io.BytesIO()
    book.save(buffer)
    preview = client.post(reverse("admin:indicators_import_kr"), {"file": SimpleUploadedFile("KR.xlsx", buffer.getvalue())})
    html = preview.content.decode()
    assert "ตัวชี้วัดใหม่" in html and not Indicator.objects.filter(fiscal_year__year_be=2570).exists()
    upload = re.search(r'name="upload" value="([^"]+)"', html).group(1)
    assert client.post(reverse("admin:indicators_import_kr"),
                       {"confirm": "1", "upload": upload, "file_name": "KR.xlsx"}).status_code == 302
    assert Indicator.objects.get(code="8308", fiscal_year__year_be=2570).district_targets.count() == 50


def test_no_text_an_administrator_typed_becomes_a_formula_in_the_kr_workbook(kr8308, client, admin_user):
    """Issue 20, finding 2: the unit in the table's headers and the groups' names were written as typed,
    so '=…' became a live formula (10 cells a workbook). Through the admin's download action as well."""
    import io

    import openpyxl

    from districts.models import DistrictGroup
    from indicators.kr_workbook import export_indicator

    kr8308.counted_unit = '=HYPERLINK("http://evil.example","x")'
    kr8308.save()
    for group in DistrictGroup.objects.all():
        group.name_th = f"=1+{group.pk}"
        group.save()
    client.force_login(admin_user)
    download = client.post("/admin/indicators/indicator/", {"action": "download_workbook", "_selected_action": [kr8308.pk]})
    for data in (export_indicator(kr8308), download.content):
        book = openpyxl.load_workbook(io.BytesIO(data))
        formulas = [cell.coordinate for sheet in book for row in sheet.iter_rows() for cell in row
                    if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("="))]
        assert formulas == []

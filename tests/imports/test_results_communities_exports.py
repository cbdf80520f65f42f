"""Quarterly results and community lists from workbooks; exports that import back unchanged."""
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from districts.models import Community
from indicators import achievement, summaries
from indicators.exports import export_results, export_target_table
from indicators.models import DistrictResult, DistrictTarget, Quarter
from okr_tracker.spreadsheet import safe_cell
from reports.models import Report

# These write into the seeds' past years, which the reference data locks (indicators.locks).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("open_fy2568", "open_fy2563")]


def workbook(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def call(tmp_path, command, data, *args, name="ผลไตรมาส.xlsx"):
    path = tmp_path / name
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    call_command(command, str(path), *args, stdout=out, stderr=err)
    return out.getvalue()


def test_results_are_recorded_as_approved_reports_with_the_import_in_their_history(tmp_path, kr8308):
    data = workbook([["ผลการดำเนินงาน ไตรมาส 1"], ["ลำดับ", "สำนักงานเขต", "ผลการดำเนินงาน\n(ชุมชนที่เบิกจ่าย)"],
                     [1, "เขตดินแดง", "๒๐"], [2, "ดุสิต", 39.0]])
    output = call(tmp_path, "import_results", data, "--indicator", "8308", "--year", "2568", "--quarter", "1")
    assert "ใหม่ 2 แถว" in output
    report = Report.objects.get(district__code="1026")
    assert (report.status, report.achieved) == (Report.Status.APPROVED, 20)
    assert report.history.first().history_change_reason == "imported:ผลไตรมาส.xlsx"
    quarter = Quarter.objects.get(fiscal_year=kr8308.fiscal_year, number=1)
    assert summaries.summarise(kr8308, quarter).districts_meeting_target == 2


def test_district_share_answers_in_every_spelling(tmp_path, cdp2563):
    answers = [["เขต", "ดำเนินการ", "จำนวนโครงการ"], ["ดินแดง", "ไม่มี", 0], ["ดุสิต", "✓", "๕"], ["บางรัก", "yes", "3"],
               ["พญาไท", "ใช่", 1], ["พระนคร", "✗", None], ["ราชเทวี", "no", None], ["สาทร", "มี", "2"], ["บางนา", "ไม่ใช่", ""]]
    call(tmp_path, "import_results", workbook(answers), "--indicator", "CDP2563", "--year", "2563", "--quarter", "1")
    quarter = Quarter.objects.get(fiscal_year=cdp2563.fiscal_year, number=1)
    yes = set(DistrictResult.objects.filter(quarter=quarter, answered_yes=True).values_list("district__name_th", flat=True))
    assert yes == {"ดุสิต", "บางรัก", "พญาไท", "สาทร"}
    assert summaries.summarise(cdp2563, quarter).projects == 11


def test_achieved_greater_than_communities_is_refused_and_nothing_is_written(tmp_path, kr8308):
    data = workbook([["เขต", "ผลการดำเนินงาน"], ["ดินแดง", 20], ["ดุสิต", 44], ["พญาไท", "ยี่สิบ"]])
    err = io.StringIO()
    path = tmp_path / "q1.xlsx"
    path.write_bytes(data)
    with pytest.raises(CommandError):
        call_command("import_results", str(path), "--indicator", "8308", "--year", "2568", "--quarter", "1",
                     stdout=io.StringIO(), stderr=err)
    assert "q1.xlsx: แผ่นงาน “Sheet” แถว 3 คอลัมน์ “ผลการดำเนินงาน” ค่า “44”: ผลงาน (44) มากกว่าจำนวนชุมชนของเขต (43)" in err.getvalue()
    assert "แถว 4" in err.getvalue() and "ไม่ใช่ตัวเลข" in err.getvalue()
    assert not Report.objects.exists() and not DistrictResult.objects.filter(indicator=kr8308).exists()


def test_community_lists_import_with_statuses(tmp_path):
    data = workbook([["ลำดับ", "เขต", "ชื่อชุมชน", "สถานะ"], [1, "ดินแดง", "ชุมชนหนึ่ง", "ปกติ"],
                     [2, "ดินแดง", "ชุมชนสอง", "อยู่ระหว่างการยกเลิกสถานะ"], [3, "สำนักงานเขตดุสิต", "ชุมชนสาม", None]])
    assert "ใหม่ 3 แถว" in call(tmp_path, "import_communities", data)
    assert Community.objects.counting().count() == 2
    assert "ไม่เปลี่ยน 3 แถว" in call(tmp_path, "import_communities", data)


def test_a_community_list_import_changes_the_version_of_every_figure_once(tmp_path):
    """Communities count in the figures (a district without a target table counts its communities);
    the import writes in bulk, which sends no save signal: it bumps the version itself."""
    from indicators import versions
    from okr_tracker.models import Stamp

    before = Stamp.objects.filter(name=versions.ALL).count()
    data = workbook([["เขต", "ชื่อชุมชน", "สถานะ"], ["ดินแดง", "ชุมชนหนึ่ง", "ปกติ"], ["ดุสิต", "ชุมชนสอง", "ปกติ"]])
    call(tmp_path, "import_communities", data)
    assert Stamp.objects.filter(name=versions.ALL).count() == before + 1
    call(tmp_path, "import_communities", data)  # unchanged: nothing to recompute
    assert Stamp.objects.filter(name=versions.ALL).count() == before + 1


def test_an_unknown_community_status_is_refused(tmp_path):
    data = workbook([["เขต", "ชื่อชุมชน", "สถานะ"], ["ดินแดง", "ชุมชนหนึ่ง", "หายไป"]])
    with pytest.raises(CommandError):
        call(tmp_path, "import_communities", data)
    assert not Community.objects.exists()


def test_the_exported_target_table_imports_back_unchanged(tmp_path, kr8308):
    before = list(DistrictTarget.objects.filter(indicator=kr8308).values_list("district__code", "communities", "target_communities"))
    exported = export_target_table(kr8308)
    sheet = openpyxl.load_workbook(io.BytesIO(exported)).active
    assert sheet["B4"].value == "สำนักงานเขตดินแดง" and sheet["D4"].value == 22
    assert [cell.value for cell in sheet[54]][2:5] == ["รวม", 2004, 1806]
    assert "ไม่เปลี่ยน 50 แถว" in call(tmp_path, "import_targets", exported, "--indicator", "8308", "--year", "2568")
    after = list(DistrictTarget.objects.filter(indicator=kr8308).values_list("district__code", "communities", "target_communities"))
    assert after == before


def test_exported_results_import_back_unchanged(tmp_path, cdp2563):
    quarter = Quarter.objects.get(fiscal_year=cdp2563.fiscal_year, number=4)
    exported = export_results(cdp2563, quarter)
    call(tmp_path, "import_results", exported, "--indicator", "CDP2563", "--year", "2563", "--quarter", "4")
    summary = summaries.summarise(cdp2563, quarter)
    assert (summary.districts_yes, summary.percent) == (43, achievement.percent(43, 50))


@pytest.mark.parametrize(("value", "expected"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("ดินแดง", "ดินแดง"), ("bad\x00\x07char", "badchar"), (-5, -5), (None, None),
])
def test_export_cells_cannot_run_as_formulas(value, expected):
    assert safe_cell(value) == expected


def test_a_name_that_looks_like_a_formula_is_exported_as_text(kr8308):
    from districts.models import DistrictGroup

    DistrictGroup.objects.filter(name_th="กท.กลาง").update(name_th="=cmd|' /C calc'!A0")
    sheet = openpyxl.load_workbook(io.BytesIO(export_target_table(kr8308))).active
    assert sheet["C4"].value == "'=cmd|' /C calc'!A0" and sheet["C4"].data_type == "s"


def test_the_indicator_page_offers_the_excel_download(client, reviewer, kr8308):
    client.force_login(reviewer)
    response = client.get(reverse("indicators:export_targets", kwargs={"code": "8308", "year": 2568}))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert openpyxl.load_workbook(io.BytesIO(response.content)).active["C54"].value == "รวม"


def test_a_community_list_and_results_import_from_a_thai_windows_csv(tmp_path, kr8308):
    communities = "ลำดับ,เขต,ชื่อชุมชน,สถานะ\r\n1,ดินแดง,ชุมชนหนึ่ง,ปกติ\r\n2,ดุสิต,ชุมชนสอง,อยู่ระหว่างการยกเลิกสถานะ\r\n"
    path = tmp_path / "ชุมชน.csv"
    path.write_bytes(communities.encode("cp874"))
    assert "ใหม่ 2 แถว" in call_command_output("import_communities", path)
    assert sorted(Community.objects.values_list("name", flat=True)) == ["ชุมชนสอง", "ชุมชนหนึ่ง"]
    results = "เขต;ผลการดำเนินงาน\r\nสำนักงานเขตดินแดง;๒๐\r\n"  # semicolons, Thai digits
    path = tmp_path / "q1.csv"
    path.write_bytes(results.encode("cp874"))
    call_command_output("import_results", path, "--indicator", "8308", "--year", "2568", "--quarter", "1")
    assert DistrictResult.objects.get(indicator=kr8308, district__code="1026").achieved == 20


def call_command_output(name, path, *args):
    out = io.StringIO()
    call_command(name, str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()

"""Importing the district target table: every real-world layout imports; every bad file is refused
with all its problems, naming file, sheet, row, column and value, and nothing is written."""
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from indicators import summaries
from indicators.models import DistrictTarget, Indicator
from okr_tracker.thai import to_thai_digits

from .workbooks import SEED_HEADERS, libreoffice_style, seed_rows, target_workbook

# These write into the seeds' past years, which the reference data locks (indicators.locks).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("open_fy2568", "open_fy2563")]
FIRST_DATA_ROW = 4  # title, blank, header


def table_state(indicator):
    return list(DistrictTarget.objects.filter(indicator=indicator).order_by("district__code")
                .values_list("district__code", "communities", "target_communities"))


def run(tmp_path, data, *args, name="ตารางเป้าหมาย.xlsx"):
    path = tmp_path / name
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    call_command("import_targets", str(path), "--indicator", "8308", "--year", "2568", *args, stdout=out, stderr=err)
    return out.getvalue()


def refused(tmp_path, data, kr8308, name="ตารางเป้าหมาย.xlsx"):
    """Run the import, expect a refusal; returns stderr; asserts nothing changed."""
    before = table_state(kr8308)
    path = tmp_path / name
    path.write_bytes(data)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_targets", str(path), "--indicator", "8308", "--year", "2568", stdout=io.StringIO(), stderr=err)
    assert table_state(kr8308) == before
    return err.getvalue()


def test_the_seed_table_as_typed_into_excel_imports_to_2004_and_1806(tmp_path, kr8308):
    DistrictTarget.objects.filter(indicator=kr8308).delete()
    output = run(tmp_path, target_workbook())
    assert "ใหม่ 50 แถว" in output
    summary = summaries.summarise(kr8308)
    assert (summary.communities, summary.target_communities) == (2004, 1806)
    assert {row.district.name_th: row.target_communities for row in summary.districts}["ราษฎร์บูรณะ"] == 25


def test_importing_the_same_table_again_changes_nothing(tmp_path, kr8308):
    before = table_state(kr8308)
    assert "ไม่เปลี่ยน 50 แถว" in run(tmp_path, target_workbook())
    assert table_state(kr8308) == before


def test_thai_digits_text_thousands_separators_and_excel_floats_all_import(tmp_path, kr8308):
    DistrictTarget.objects.filter(indicator=kr8308).delete()
    rows = []
    for index, (number, name, group, communities, target) in enumerate(seed_rows()):
        style = index % 4
        value = [to_thai_digits(communities), str(communities), float(communities), f"{communities:,}"][style]
        rows.append([to_thai_digits(number), name, group, value, float(target) if style else to_thai_digits(target)])
    run(tmp_path, target_workbook(rows))
    assert summaries.summarise(kr8308).communities == 2004


def test_names_with_or_without_prefix_stray_spaces_and_the_seed_misspelling_import(tmp_path, kr8308):
    DistrictTarget.objects.filter(indicator=kr8308).delete()
    rows = []
    for index, (number, name, group, communities, target) in enumerate(seed_rows()):
        bare = name.replace("สำนักงานเขต", "")
        rows.append([number, [name, f"เขต{bare}", f"  {bare} ", f"สำนักงานเขต {bare}"][index % 4], group, communities, target])
    run(tmp_path, target_workbook(rows))
    assert DistrictTarget.objects.filter(indicator=kr8308).count() == 50
    assert DistrictTarget.objects.get(indicator=kr8308, district__code="1024").communities == 28


def test_a_header_found_anywhere_without_title_rows(tmp_path, kr8308):
    assert "ไม่เปลี่ยน 50 แถว" in run(tmp_path, target_workbook(title_rows=False))


def test_a_missing_target_column_means_round_half_up_of_the_target_percent(tmp_path, kr8308):
    DistrictTarget.objects.filter(indicator=kr8308).delete()
    rows = [row[:4] for row in seed_rows()]
    run(tmp_path, target_workbook(rows, headers=SEED_HEADERS[:4], total=None))
    summary = summaries.summarise(kr8308)
    assert summary.target_communities == 1806
    assert {row.district.code: row.target_communities for row in summary.districts}["1037"] == 23  # 25 → 22.5 → 23


def test_libreoffice_style_empty_rows_after_the_table_are_not_read(tmp_path, kr8308):
    import tracemalloc

    data = libreoffice_style(target_workbook(total=None), empty_rows=1_000_000)
    tracemalloc.start()
    output = run(tmp_path, data)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "ไม่เปลี่ยน 50 แถว" in output
    assert peak < 100 * 1024 * 1024  # the million empty rows were never held in memory


def test_a_new_year_carries_the_indicator_over_and_says_so(tmp_path, kr8308):
    path = tmp_path / "2569.xlsx"
    path.write_bytes(target_workbook())
    out = io.StringIO()
    call_command("import_targets", str(path), "--indicator", "8308", "--year", "2569", stdout=out, stderr=io.StringIO())
    assert "สร้างตัวชี้วัด 8308 ปีงบประมาณ 2569 แล้ว โดยใช้นิยามและค่าเป้าหมาย (ร้อยละ 90.00) จากปี 2568" in out.getvalue()
    new = Indicator.objects.get(code="8308", fiscal_year__year_be=2569)
    assert (new.target_percent, new.title, new.agencies.count()) == (Decimal(90), kr8308.title, 2)
    assert summaries.summarise(new).target_communities == 1806


def test_a_refused_file_for_a_new_year_says_nothing_was_created(tmp_path, kr8308):
    path = tmp_path / "2569.xlsx"
    path.write_bytes(target_workbook(_with(0, 1, "สำนักงานเขตบางใหญ่")))
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="ไม่มีการบันทึกข้อมูลใด ๆ"):
        call_command("import_targets", str(path), "--indicator", "8308", "--year", "2569", stdout=out, stderr=err)
    assert out.getvalue() == "" and "บางใหญ่" in err.getvalue()
    assert not Indicator.objects.filter(code="8308", fiscal_year__year_be=2569).exists()


def test_a_dry_run_for_a_new_year_says_what_a_real_import_would_create(tmp_path, kr8308):
    path = tmp_path / "2569.xlsx"
    path.write_bytes(target_workbook())
    out = io.StringIO()
    call_command("import_targets", str(path), "--indicator", "8308", "--year", "2569", "--dry-run", stdout=out)
    assert "ยังไม่มีในปีงบประมาณ 2569: เมื่อนำเข้าจริงจะสร้างขึ้นโดยใช้นิยามและค่าเป้าหมาย" in out.getvalue()
    assert not Indicator.objects.filter(code="8308", fiscal_year__year_be=2569).exists()


def test_dry_run_writes_nothing(tmp_path, kr8308):
    DistrictTarget.objects.filter(indicator=kr8308).delete()
    assert "ทดลอง" in run(tmp_path, target_workbook(), "--dry-run")
    assert not DistrictTarget.objects.filter(indicator=kr8308).exists()


def _with(row_index, column, value):
    rows = seed_rows()
    rows[row_index][column] = value
    return rows


def test_an_unknown_district_names_file_sheet_row_column_and_value(tmp_path, kr8308):
    err = refused(tmp_path, target_workbook(_with(0, 1, "สำนักงานเขตบางใหญ่")), kr8308)
    assert "ตารางเป้าหมาย.xlsx: แผ่นงาน “ตารางแนบท้าย” แถว 4 คอลัมน์ “เขต” ค่า “สำนักงานเขตบางใหญ่”: ไม่พบเขตนี้" in err


def test_a_district_twice_is_refused(tmp_path, kr8308):
    err = refused(tmp_path, target_workbook(_with(1, 1, "เขตดินแดง")), kr8308)
    assert "แถว 5" in err and "ดินแดง ซ้ำ (มีแล้วที่แถว 4)" in err


def test_a_negative_number_is_refused(tmp_path, kr8308):
    err = refused(tmp_path, target_workbook(_with(2, 3, -14)), kr8308)
    assert "แถว 6 คอลัมน์ “จำนวนชุมชนที่ จัดตั้ง ตามระเบียบฯ (ชุมชน)” ค่า “-14”: เป็นจำนวนติดลบ" in err


def test_words_instead_of_a_number_are_refused(tmp_path, kr8308):
    err = refused(tmp_path, target_workbook(_with(5, 3, "ยี่สิบห้า")), kr8308)
    assert "แถว 9" in err and "ค่า “ยี่สิบห้า”: ไม่ใช่ตัวเลข" in err


def test_a_formula_instead_of_a_value_is_refused(tmp_path, kr8308):
    err = refused(tmp_path, target_workbook(_with(0, 4, "=D4*0.9")), kr8308)
    assert "แถว 4" in err and "เป็นสูตร" in err


def test_target_greater_than_communities_is_refused(tmp_path, kr8308):
    err = refused(tmp_path, target_workbook(_with(0, 4, 23)), kr8308)
    assert "แถว 4" in err and "ชุมชนเป้าหมาย (23) มากกว่าจำนวนชุมชน (22)" in err


def test_a_total_row_that_does_not_match_is_refused(tmp_path, kr8308):
    err = refused(tmp_path, target_workbook(total=("2,005", "1,806")), kr8308)
    assert "แถว 54" in err and "แถวรวมระบุ 2005 แต่ผลรวมของแถวคือ 2004" in err


def test_missing_columns_are_refused(tmp_path, kr8308):
    rows = [[row[0], row[1], row[2]] for row in seed_rows()]
    err = refused(tmp_path, target_workbook(rows, headers=SEED_HEADERS[:3], total=None), kr8308)
    assert "ไม่พบแถวหัวตาราง" in err and "จำนวนชุมชน" in err


def test_an_empty_sheet_is_refused(tmp_path, kr8308):
    import openpyxl

    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    assert "แผ่นงานว่าง" in refused(tmp_path, buffer.getvalue(), kr8308)


@pytest.mark.parametrize("content", [b"\xd9\x8f random bytes" * 50, "ลำดับ,เขต\n1,ดินแดง\n".encode()])
def test_text_without_the_tables_header_is_refused_naming_the_columns(tmp_path, kr8308, content):
    # Read as a CSV (files are told apart by content, not name), it has no target table.
    assert "ไม่พบแถวหัวตารางที่มีคอลัมน์ “จำนวนชุมชน”, “เขต” ใน 50 แถวแรก" in refused(tmp_path, content, kr8308)


@pytest.mark.parametrize("content", [b"\x00\x01\x02 binary" * 50, b"PK\x03\x04 not really a zip"])
def test_a_file_that_is_no_spreadsheet_is_refused_with_the_formats_read(tmp_path, kr8308, content):
    assert "ไม่ใช่ไฟล์ตารางที่ระบบอ่านได้ กรุณาบันทึกเป็น Excel (.xlsx, .xls), LibreOffice (.ods), CSV" in refused(
        tmp_path, content, kr8308)


def test_a_zip_bomb_is_refused_from_its_directory(tmp_path, kr8308):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (300 * 1024 * 1024))
    assert "ใหญ่เกินไป" in refused(tmp_path, buffer.getvalue(), kr8308)


def test_a_file_too_large_is_refused(tmp_path, kr8308):
    assert "ใหญ่เกิน 10 MB" in refused(tmp_path, b"PK" + b"\0" * (11 * 1024 * 1024), kr8308)


def test_an_xml_entity_bomb_is_refused(tmp_path, kr8308):
    good = target_workbook()
    source, buffer = zipfile.ZipFile(io.BytesIO(good)), io.BytesIO()
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>')
    with zipfile.ZipFile(buffer, "w") as archive:
        for item in source.infolist():
            archive.writestr(item, bomb if item.filename == "xl/worksheets/sheet1.xml" else source.read(item.filename))
    refused(tmp_path, buffer.getvalue(), kr8308)


def test_all_problems_of_a_file_are_reported_at_once_and_a_bad_last_row_writes_nothing(tmp_path, kr8308):
    rows = seed_rows()
    rows[0][1] = "บางใหญ่"
    rows[10][3] = "สี่สิบ"
    rows[-1][3] = -1  # the last row
    err = refused(tmp_path, target_workbook(rows), kr8308)
    assert "แถว 4" in err and "แถว 14" in err and "แถว 53" in err


def test_defusedxml_is_in_use():
    import openpyxl
    from django.core.management import call_command as check

    assert openpyxl.DEFUSEDXML is True
    check("check", stdout=io.StringIO())

"""Imports take the files clerks have: the seed-000 table saved by the real LibreOffice as .ods,
.xls and .xlsx, and typed as a CSV in UTF-8 (with or without a BOM) or in Windows-874 as Excel on
Thai Windows writes it, all import to the same 50 rows and 2,004 / 1,806. The files are in
tests/imports/files/ (tests/imports/files/make_files.py made them with soffice --convert-to)."""
import io
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from indicators import summaries
from indicators.models import DistrictTarget
from okr_tracker.workbook import WorkbookInvalid, decode_csv, read_table
from indicators.resources import TARGET_COLUMNS

# These write into the seeds' past years, which the reference data locks (indicators.locks).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("open_fy2568", "open_fy2563")]
FILES = Path(__file__).parent / "files"
FORMATS = ["seed-table.xlsx", "seed-table.ods", "seed-table.xls", "seed-table.csv", "seed-table-bom.csv",
           "seed-table-cp874.csv"]


def import_targets(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_targets", str(path), "--indicator", "8308", "--year", "2568", *args, stdout=out, stderr=err)
    return out.getvalue()


@pytest.mark.parametrize("name", FORMATS)
def test_each_format_imports_to_the_same_50_rows_and_the_seeds_totals(kr8308, name):
    DistrictTarget.objects.filter(indicator=kr8308).delete()
    output = import_targets(FILES / name)
    assert "ใหม่ 50 แถว" in output
    summary = summaries.summarise(kr8308)
    assert (len(summary.districts), summary.communities, summary.target_communities) == (50, 2004, 1806)
    rasburana = DistrictTarget.objects.get(indicator=kr8308, district__code="1024")  # "ราชบุรีบูรณะ" in the seed
    assert (rasburana.communities, rasburana.target_communities) == (28, 25)


def test_a_windows_874_csv_reads_its_thai_names_right():
    text = decode_csv((FILES / "seed-table-cp874.csv").read_bytes())
    assert text == (FILES / "seed-table.csv").read_bytes().decode("utf-8")
    assert "สำนักงานเขตดินแดง" in text and "กท.ตะวันออก" in text


@pytest.mark.parametrize("name, sheet", [
    ("seed-table-bad.xlsx", "แผ่นงาน “seed-table-bad” "), ("seed-table-bad.ods", "แผ่นงาน “seed-table-bad” "),
    ("seed-table-bad.xls", "แผ่นงาน “seed-table-bad” "), ("seed-table-bad.csv", ""), ("seed-table-bad-cp874.csv", ""),
])
def test_a_bad_row_in_each_format_is_named_by_file_row_and_column(kr8308, name, sheet):
    before = list(DistrictTarget.objects.filter(indicator=kr8308).values_list("pk", "communities"))
    with pytest.raises(CommandError):
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command("import_targets", str(FILES / name), "--indicator", "8308", "--year", "2568", stdout=out, stderr=err)
        finally:
            message = err.getvalue()
    assert f"{name}: {sheet}แถว 6 คอลัมน์ “เขต” ค่า “สำนักงานเขตบางใหญ่”: ไม่พบเขตนี้" in message
    assert list(DistrictTarget.objects.filter(indicator=kr8308).values_list("pk", "communities")) == before


def test_a_csv_in_another_encoding_is_refused_not_guessed(tmp_path, kr8308):
    path = tmp_path / "latin.csv"
    path.write_bytes("เขต,จำนวนชุมชน\nCafé,12\n".encode("utf-8").replace("é".encode(), "é".encode("latin-1")))
    with pytest.raises(CommandError):
        err = io.StringIO()
        try:
            call_command("import_targets", str(path), "--indicator", "8308", "--year", "2568", stderr=err, stdout=io.StringIO())
        finally:
            message = err.getvalue()
    assert "latin.csv: การเข้ารหัสข้อความของไฟล์ CSV ไม่ใช่ UTF-8 หรือภาษาไทยของ Windows" in message


def test_a_file_that_is_no_spreadsheet_is_refused_with_the_formats_read():
    with pytest.raises(WorkbookInvalid, match="xlsx, .xls"):
        read_table(b"\x00\x01binary\x00", TARGET_COLUMNS)


def _ods(content, compress=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, compress_type=compress)
    return buffer.getvalue()


def test_an_ods_zip_bomb_is_refused_before_it_is_inflated(monkeypatch):
    bomb = _ods(b"<x>" + b" " * (300 * 1024 * 1024) + b"</x>")  # 300 MB of spaces, ~300 KB packed
    assert len(bomb) < 1024 * 1024
    opened, open_entry = [], zipfile.ZipFile.open

    def spy(archive, name, *args, **kwargs):
        opened.append(getattr(name, "filename", name))
        return open_entry(archive, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    with pytest.raises(WorkbookInvalid, match="ใหญ่เกินไปเมื่อแตกไฟล์"):
        read_table(bomb, TARGET_COLUMNS)
    assert "content.xml" not in opened  # refused from the zip directory: the 300 MB were never inflated


def test_an_ods_declaring_a_million_rows_in_a_few_bytes_is_refused_before_it_is_built():
    row = ('<table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="string">'
           '<text:p>x</text:p></table:table-cell></table:table-row>')
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
               f'<table:table table:name="S">{row}</table:table></office:spreadsheet></office:body></office:document-content>')
    data = _ods(content.encode())
    assert len(data) < 1000
    with pytest.raises(WorkbookInvalid, match="100000"):
        read_table(data, TARGET_COLUMNS)


def test_an_xlsx_s_formulas_are_found_wherever_they_are_in_a_large_sheet():
    """calamine reads the values Excel shows; the formulas are found in the sheet's XML, read in
    1 MB chunks: one on the first data row and one past the first chunk are both named."""
    import openpyxl

    from okr_tracker.workbook import open_sheet

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("เป้าหมาย")
    sheet.append(["ลำดับ", "เขต", "จำนวนชุมชน", "ชุมชนเป้าหมาย"])
    sheet.append([1, "ดินแดง", 22, "=C2*0.9"])
    for number in range(2, 6_000):
        sheet.append([number, f"ชุมชนยาวพอสมควรเพื่อให้ไฟล์ใหญ่ {number}", 10, 9])
    sheet.append([6_000, "ดุสิต", 40, "=SUM(C2:C3)&\"<x>\""])
    buffer = io.BytesIO()
    book.save(buffer)
    assert zipfile.ZipFile(buffer).getinfo("xl/worksheets/sheet1.xml").file_size > 1 << 20
    title, rows, close = open_sheet(buffer.getvalue())
    rows = list(rows)
    close()
    assert title == "เป้าหมาย"
    assert rows[1] == (1, "ดินแดง", 22, "=C2*0.9")
    assert rows[6_000][3] == '=SUM(C2:C3)&"<x>"' and rows[6_000][1] == "ดุสิต"
    assert rows[500] == (500, "ชุมชนยาวพอสมควรเพื่อให้ไฟล์ใหญ่ 500", 10, 9)

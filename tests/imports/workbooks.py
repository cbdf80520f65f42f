"""Workbooks as offices really send them, written by the tests with openpyxl (no binary fixtures)."""
import io

import openpyxl

from indicators.reference_data import parse_seed_target_table

SEED_HEADERS = ["ลำดับ", "เขต", "กลุ่มเขต", "จำนวนชุมชนที่\nจัดตั้ง ตามระเบียบฯ (ชุมชน)",
                "ชุมชนเป้าหมาย (ร้อยละ ๙๐ ของชุมชนใน\nพื้นที่และมีการเบิกจ่าย  งบประมาณ)"]


def seed_rows():
    return [[row.number, row.district_name, row.group_name, row.communities, row.target_communities]
            for row in parse_seed_target_table()]


def target_workbook(rows=None, headers=SEED_HEADERS, title_rows=True, total=("๒,๐๐๔", "๑,๘๐๖"), sheet="ตารางแนบท้าย",
                    blank_rows_after=0):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    if title_rows:
        ws.append(["รายละเอียด KRs ตามเป้าหมายการพัฒนาของสำนักงานเขต ประจำปี พ.ศ. ๒๕๖๘"])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
        ws.append([])
    ws.append(list(headers))
    for row in (seed_rows() if rows is None else rows):
        ws.append(list(row))
    if total:
        ws.append([None, None, "รวม", *total][: len(headers)] if len(headers) >= 5 else [None, "รวม", *total[:1]])
    for _ in range(blank_rows_after):
        ws.append([None] * len(headers))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def header_row_index(title_rows=True):
    return 3 if title_rows else 1


def libreoffice_style(data, empty_rows=1_000_000):
    """The workbook as LibreOffice saves it: a dimension to row 1,048,576 and empty <row/> elements
    after the table, up to `empty_rows` of them."""
    import re
    import zipfile

    source, buffer = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = content.decode()
                last = max(int(number) for number in re.findall(r'<row r="(\d+)"', text))
                text = re.sub(r"<dimension ref=\"[^\"]+\"/>", '<dimension ref="A1:E1048576"/>', text)
                empty = "".join(f'<row r="{number}" spans="1:5" customHeight="1" ht="12.8"/>'
                                for number in range(last + 1, last + 1 + empty_rows))
                content = text.replace("</sheetData>", empty + "</sheetData>").encode()
            archive.writestr(item.filename, content)
    return buffer.getvalue()

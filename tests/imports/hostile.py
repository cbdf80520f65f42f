"""Small files that ask a reader for much memory, or for more than a spreadsheet needs (issue 20,
findings 8–10), built by the tests: each kind of input that once took a worker down, and variants of
the class (a cell far away by reference, by position, by repeat; a DTD in any part)."""
import io
import re
import struct
import zipfile
from pathlib import Path

import openpyxl

FILES = Path(__file__).resolve().parent / "files"
ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"


def small_table():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "KR"  # the first sheet of every import (and the sheet a KR workbook must have)
    sheet.append(["เขต", "ผลการดำเนินงาน"])
    sheet.append(["ดินแดง", 1])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_with(sheet_xml=lambda text: text, part=None, part_xml=None):
    """The small table with its sheet's XML changed (or another part added/replaced)."""
    source, buffer = zipfile.ZipFile(io.BytesIO(small_table())), io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = sheet_xml(content.decode()).encode()
            if item.filename == part:
                content = part_xml(content.decode()).encode()
            archive.writestr(item.filename, content)
    return buffer.getvalue()


def after_data(cells):
    return lambda text: text.replace("</sheetData>", cells + "</sheetData>")


CELL = '<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>'


def ods(rows_xml, prolog=""):
    content = (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
               f'<office:spreadsheet><table:table table:name="S">{rows_xml}</table:table></office:spreadsheet>'
               '</office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODS_MIMETYPE}"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), ODS_MIMETYPE)
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)
    return buffer.getvalue()


HEADER_ROW = f'<table:table-row>{CELL % "เขต"}{CELL % "ผลการดำเนินงาน"}</table:table-row>'


def xls_with_a_cell_at(row, column):
    """The seed table as the real LibreOffice saved it (.xls), its last number cell moved to (row, column)."""
    import olefile

    path = FILES / "seed-table.xls"
    data = bytearray(path.read_bytes())
    with olefile.OleFileIO(bytes(data)) as container:
        stream = container.openstream("Workbook").read()
    position, last = 0, None
    while position + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, position)
        if kind in (0x0203, 0x027E, 0x00FD):  # NUMBER, RK, LABELSST
            last = position
        position += 4 + length
    moved = bytearray(stream)
    struct.pack_into("<HH", moved, last + 4, row, column)
    buffer = io.BytesIO(bytes(data))
    with olefile.OleFileIO(buffer, write_mode=True) as container:
        container.write_stream("Workbook", bytes(moved))
    return buffer.getvalue()


def with_dtd(text):
    declaration = re.match(r"<\?xml[^>]*\?>", text)
    end = declaration.end() if declaration else 0
    return text[:end] + DTD + text[end:]


DTD = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'


def corpus():
    """{name: bytes} of files a reader must refuse, by message, within its memory budget."""
    far = '<row r="{r}"><c r="{c}{r}" t="n"><v>1</v></c></row>'
    return {
        # a 1.6 KB .xlsx: one cell at the last address Excel has (a 512 GiB grid)
        "xlsx-cell-at-XFD1048576.xlsx": xlsx_with(after_data(far.format(r=1048576, c="XFD"))),
        "xlsx-cell-at-XFD3000.xlsx": xlsx_with(after_data(far.format(r=3000, c="XFD"))),
        # the same, hidden behind a ">" inside an attribute value, and with cells that give no reference
        "xlsx-cell-behind-quoted-bracket.xlsx": xlsx_with(after_data(
            '<row r="3000"><c r="XFD3000" x="/>" t="n"><v>1</v></c></row>')),
        "xlsx-cells-without-references.xlsx": xlsx_with(after_data(
            '<row r="5000">' + '<c t="n"><v>1</v></c>' * 4000 + "</row>")),
        "xlsx-row-far-below.xlsx": xlsx_with(after_data('<row r="1048576"><c t="n"><v>1</v></c></row>'
                                                        '<row><c r="AAA2"><v>1</v></c></row>')),
        # an .ods: empty columns repeated before a value, empty rows repeated between values
        "ods-16000-columns-then-a-value.ods": ods(
            HEADER_ROW + '<table:table-row table:number-rows-repeated="5000">'
            '<table:table-cell table:number-columns-repeated="16000"/>' + CELL % "x" + "</table:table-row>"),
        "ods-a-million-rows-between.ods": ods(
            HEADER_ROW + '<table:table-row table:number-rows-repeated="1000000"><table:table-cell/></table:table-row>'
            '<table:table-row>' + CELL % "x" + "</table:table-row>"),
        "ods-a-value-repeated-everywhere.ods": ods(
            HEADER_ROW + '<table:table-row table:number-rows-repeated="100000"><table:table-cell '
            'table:number-columns-repeated="1000" office:value-type="float" office:value="1"/></table:table-row>'),
        # an .xls (BIFF8, as LibreOffice writes it) with a cell at IV65536
        "xls-cell-at-IV65536.xls": xls_with_a_cell_at(65535, 255),
        # declarations: an entity bomb in an .ods, an .xlsx's sheet and an .xlsx's workbook part
        "ods-with-a-dtd.ods": ods(HEADER_ROW, prolog=DTD),
        "xlsx-sheet-with-a-dtd.xlsx": xlsx_with(with_dtd),
        "xlsx-workbook-with-a-dtd.xlsx": xlsx_with(part="xl/workbook.xml", part_xml=with_dtd),
    }

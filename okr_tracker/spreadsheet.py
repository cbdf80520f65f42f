"""Writing xlsx files that are safe to open: no cell a spreadsheet would run as a formula, and
no control character that xlsx cannot hold (it would crash the export)."""
import io
from decimal import Decimal

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font

from .numbers import Year

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text starting with = + - @ tab or CR gets a leading ' (django-import-export's own option
    strips only a leading =, and only in the admin); illegal control characters are removed."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


DEMO_MARK = "ข้อมูลทดลอง ไม่ใช่ข้อมูลจริง ห้ามใช้อ้างอิง · "
# Numbers are numbers (they sum and sort in a spreadsheet); Decimals keep their two places on screen.
NUMBER_FORMATS = {Decimal: "#,##0.00", int: "#,##0", Year: "0"}


def workbook_bytes(sheet_title, title, headers, rows, total=None, more_sheets=(), demo=False):
    """An xlsx with one table per sheet: title row, blank row, header row, rows, bold total row.
    `more_sheets`: further (sheet_title, title, headers, rows, total) tables. `demo`: every sheet's
    title says the figures are demo data."""
    book = openpyxl.Workbook()
    mark = DEMO_MARK if demo else ""
    _write_sheet(book.active, sheet_title, mark + title, headers, rows, total)
    for sheet_title, sheet_heading, *rest in more_sheets:
        _write_sheet(book.create_sheet(), sheet_title, mark + sheet_heading, *rest)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_sheet(sheet, sheet_title, title, headers, rows, total=None):
    sheet.title = safe_cell(sheet_title)[:31]
    sheet.append([safe_cell(title)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    sheet.append([])
    sheet.append([safe_cell(header) for header in headers])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        _append(sheet, row)
    if total:
        _append(sheet, total)
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    for column, width in zip("ABCDEFGHI", (8, 32, 14, 22, 26, 18, 18, 18, 18)):
        sheet.column_dimensions[column].width = width


def _append(sheet, values):
    sheet.append([safe_cell(value) for value in values])
    for cell, value in zip(sheet[sheet.max_row], values):
        number_format = NUMBER_FORMATS.get(type(value))
        if number_format:
            cell.number_format = number_format

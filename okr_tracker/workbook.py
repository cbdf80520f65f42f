"""Read a table out of an Excel workbook as offices really send it, safely.

The archive is checked from its zip directory before anything is inflated (size, uncompressed
size, compression ratio: a zip bomb is refused in bounded memory). The header row is found by its
Thai labels wherever it is; title rows, merged cells, line breaks inside labels are fine. Reading
stops at the end of the data (LibreOffice may save a million empty rows after it). Every problem is
collected with sheet, row as Excel shows it, column header and value, so a file is refused once,
with all its problems.
"""
import io
import itertools
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from okr_tracker.thai import squash_spaces, to_arabic_digits

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 150
MAX_DATA_ROWS = 100_000
HEADER_SEARCH_ROWS = 50
BLANK_ROWS_END_TABLE = 20


class WorkbookInvalid(Exception):
    """The file cannot be imported; `problems` lists every reason, each one line in Thai."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class Column:
    key: str
    patterns: tuple  # normalised label prefixes, most specific first across columns
    required: bool = True
    exact: bool = False


@dataclass
class Row:
    excel_row: int
    values: dict  # column key → raw cell value
    formulas: set = field(default_factory=set)  # column keys whose cell holds a formula


@dataclass
class Table:
    sheet: str
    headers: dict  # column key → header text as written
    rows: list
    total: Row | None = None


def normalise_label(text):
    return squash_spaces(str(text or "")).replace(" ", "").casefold()


def where(sheet, row=None, header=None, value=None):
    """“แผ่นงาน “X” แถว 12 คอลัมน์ “เขต” ค่า “…”” — the location part of a message."""
    parts = [_("sheet “%(sheet)s”") % {"sheet": sheet}]
    if row is not None:
        parts.append(_("row %(row)s") % {"row": row})
    if header is not None:
        parts.append(_("column “%(header)s”") % {"header": squash_spaces(header)})
    if value is not None:
        parts.append(_("value “%(value)s”") % {"value": value})
    return " ".join(parts)


def check_archive(data):
    """Refuse what is not a sane xlsx before openpyxl inflates anything."""
    if len(data) > MAX_FILE_BYTES:
        raise WorkbookInvalid([_("The file is larger than %(mb)s MB.") % {"mb": MAX_FILE_BYTES // (1024 * 1024)}])
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise WorkbookInvalid([_("The file is not an Excel workbook (.xlsx). Save it as “Excel Workbook (.xlsx)” and try again.")]) from None
    names = {entry.filename for entry in entries}
    if "xl/workbook.xml" not in names:
        raise WorkbookInvalid([_("The file is not an Excel workbook (.xlsx). Save it as “Excel Workbook (.xlsx)” and try again.")])
    total = sum(entry.file_size for entry in entries)
    worst_ratio = max((entry.file_size / max(entry.compress_size, 1) for entry in entries), default=0)
    if total > MAX_UNCOMPRESSED_BYTES or worst_ratio > MAX_COMPRESSION_RATIO:
        raise WorkbookInvalid([_("The workbook is too large once unpacked (%(mb)s MB); split it or remove empty rows.")
                               % {"mb": total // (1024 * 1024)}])


def _match(label, column):
    if not label:
        return False
    if column.exact:
        return label in column.patterns
    return any(label.startswith(pattern) for pattern in column.patterns)


def _find_header(rows, columns):
    for index, row in enumerate(rows):
        labels = [normalise_label(value) for value in row]
        found = {}
        for position, label in enumerate(labels):
            for column in columns:
                if column.key not in found and _match(label, column):
                    found[column.key] = (position, squash_spaces(row[position]))
                    break
        if all(column.key in found for column in columns if column.required):
            return index, found
    return None, None


def _is_blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def read_table(data, columns, total_label="รวม"):
    """The first sheet's table with the given columns. Raises WorkbookInvalid."""
    check_archive(data)
    import openpyxl  # imported late: the check above must run before any parsing

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a damaged file; the user needs one sentence
        raise WorkbookInvalid([_("The workbook cannot be opened: it is damaged or not an Excel file.")]) from None
    try:
        sheet = book.worksheets[0]
        # Values only (no cell objects): with data_only=False a formula arrives as its text, "=…".
        rows = sheet.iter_rows(values_only=True)
        head = list(itertools.islice(rows, HEADER_SEARCH_ROWS))
        if not any(not _is_blank(value) for row in head for value in row):
            raise WorkbookInvalid([_("%(where)s: the sheet is empty.") % {"where": where(sheet.title)}])
        header_index, found = _find_header(head, columns)
        if found is None:
            missing = ", ".join(f"“{column.patterns[0]}”" for column in columns if column.required)
            raise WorkbookInvalid([_("%(where)s: no header row with the columns %(columns)s was found in the first %(n)s rows.")
                                   % {"where": where(sheet.title), "columns": missing, "n": HEADER_SEARCH_ROWS}])
        table = Table(sheet=sheet.title, headers={key: header for key, (_position, header) in found.items()}, rows=[])
        positions = [(key, position) for key, (position, _header) in found.items()]
        blank_run = 0
        # Lazily: a LibreOffice sheet may declare a million empty rows after the table. Read-only
        # openpyxl yields every row in order (empty ones too), so the count is Excel's row number.
        for excel_row, row in enumerate(itertools.chain(head[header_index + 1:], rows), start=header_index + 2):
            width = len(row)
            values = {key: row[position] if position < width else None for key, position in positions}
            if all(_is_blank(value) for value in values.values()):
                blank_run += 1
                if blank_run >= BLANK_ROWS_END_TABLE:
                    break
                continue
            blank_run = 0
            texts = [value for value in values.values() if isinstance(value, str)]
            formulas = {key for key, value in values.items() if isinstance(value, str) and value.startswith("=")}
            parsed = Row(excel_row=excel_row, values=values, formulas=formulas)
            if any(total_label in text and normalise_label(text).startswith(total_label) for text in texts):
                table.total = parsed
                break
            table.rows.append(parsed)
            if len(table.rows) > MAX_DATA_ROWS:
                raise WorkbookInvalid([_("%(where)s: more than %(n)s rows; split the file.") % {"where": where(sheet.title), "n": MAX_DATA_ROWS}])
        if not table.rows:
            raise WorkbookInvalid([_("%(where)s: the table has no rows under its header.") % {"where": where(sheet.title)}])
        return table
    finally:
        book.close()


# --- cell values -------------------------------------------------------------------------------

_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


class CellError(ValueError):
    pass


def parse_count(value):
    """A whole, non-negative number: 22, 22.0, "22", "๒๒", "2,004", " 1 806 "."""
    if isinstance(value, bool):
        raise CellError(_("not a number"))
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(str(value))
    elif isinstance(value, str):
        text = squash_spaces(to_arabic_digits(value)).replace(",", "").replace(" ", "")
        if not _NUMBER.match(text):
            raise CellError(_("not a number"))
        number = Decimal(text)
    else:
        raise CellError(_("not a number"))
    if number < 0:
        raise CellError(_("a negative number"))
    try:
        if number != number.to_integral_value():
            raise CellError(_("not a whole number"))
    except InvalidOperation:
        raise CellError(_("not a number")) from None
    return int(number)


YES = {"มี", "ใช่", "yes", "y", "✓", "✔", "1", "true", "ผ่าน", "ดำเนินการ", "ดำเนินการแล้ว"}
NO = {"ไม่มี", "ไม่ใช่", "no", "n", "✗", "✘", "x", "0", "false", "ไม่ผ่าน", "ไม่ดำเนินการ", "ยังไม่ดำเนินการ"}


def parse_yes_no(value):
    if isinstance(value, bool):
        return value
    text = normalise_label(to_arabic_digits(value)) if value is not None else ""
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if text in YES:
        return True
    if text in NO:
        return False
    raise CellError(_("not a yes/no answer (มี/ไม่มี, ใช่/ไม่ใช่, yes/no, ✓/✗)"))


def display(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return squash_spaces(value)

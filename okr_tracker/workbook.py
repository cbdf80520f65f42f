"""Read a table out of a spreadsheet as offices really send it, safely.

Formats, told apart by their content (never by the file name): Excel .xlsx, LibreOffice .ods and old
Excel .xls (python-calamine, which reads the values the spreadsheet shows and never evaluates a
formula; an .xlsx's formula cells are found in its XML and refused by the imports), and .csv in UTF-8 (with or without a BOM) or in Windows-874/TIS-620, as Excel
on Thai Windows writes it. An encoding that is neither is refused, never guessed.

A zip (.xlsx, .ods) is checked from its directory before anything is inflated (size, uncompressed
size, compression ratio: a zip bomb is refused in bounded memory); an .ods's rows are counted as
its repeat attributes expand them, before a reader builds them. The header row is found by its Thai
labels wherever it is; title rows, merged cells, line breaks inside labels are fine. Reading stops
at the end of the data (LibreOffice may save a million empty rows after it). Every problem is
collected with sheet, row as the spreadsheet shows it, column header and value, so a file is refused
once, with all its problems.
"""
import codecs
import csv
import html
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
MAX_CELLS = 5_000_000  # cells with content in an .ods once its repeated rows and columns are expanded
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of an .xls
FORMATS_NOTE = "Excel (.xlsx, .xls), LibreOffice (.ods), CSV (UTF-8, Windows-874)"
FORMATS_TITLE = "xlsx, xls, ods, csv"  # the admin's format choice


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


def at(sheet, message):
    """“แผ่นงาน “X”: message”, or the message alone for a file without sheets (a CSV)."""
    return f"{where(sheet)}: {message}" if sheet else message


def where(sheet, row=None, header=None, value=None):
    """“แผ่นงาน “X” แถว 12 คอลัมน์ “เขต” ค่า “…”” — the location part of a message (a CSV has no sheet)."""
    parts = [_("sheet “%(sheet)s”") % {"sheet": sheet}] if sheet else []
    if row is not None:
        parts.append(_("row %(row)s") % {"row": row})
    if header is not None:
        parts.append(_("column “%(header)s”") % {"header": squash_spaces(header)})
    if value is not None:
        parts.append(_("value “%(value)s”") % {"value": value})
    return " ".join(parts)


def not_a_spreadsheet():
    return WorkbookInvalid([_("The file is not a spreadsheet this system reads. Save it as %(formats)s and try again.")
                            % {"formats": FORMATS_NOTE}])


def check_archive(data, required_entry="xl/workbook.xml"):
    """Refuse what is not a sane zip of its kind before anything is inflated."""
    if len(data) > MAX_FILE_BYTES:
        raise WorkbookInvalid([_("The file is larger than %(mb)s MB.") % {"mb": MAX_FILE_BYTES // (1024 * 1024)}])
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise not_a_spreadsheet() from None
    names = {entry.filename for entry in entries}
    if required_entry not in names:
        raise not_a_spreadsheet()
    total = sum(entry.file_size for entry in entries)
    worst_ratio = max((entry.file_size / max(entry.compress_size, 1) for entry in entries), default=0)
    if total > MAX_UNCOMPRESSED_BYTES or worst_ratio > MAX_COMPRESSION_RATIO:
        raise WorkbookInvalid([_("The workbook is too large once unpacked (%(mb)s MB); split it or remove empty rows.")
                               % {"mb": total // (1024 * 1024)}])
    return archive


def file_format(data):
    """"xlsx", "ods", "xls" or "csv", from the content."""
    if data.startswith(b"PK"):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == ODS_MIMETYPE:
                return "ods"
        except (zipfile.BadZipFile, ValueError, OSError, KeyError):
            raise not_a_spreadsheet() from None
        return "xlsx"
    if data.startswith(OLE2_SIGNATURE):
        return "xls"
    return "csv"


TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def check_ods_expansion(archive):
    """Count an .ods's rows and cells with content as their repeat attributes expand them (a few
    hundred bytes can declare a million rows): refuse a sheet over the limits before calamine
    builds it. Empty repeated rows, which LibreOffice writes after a table, cost nothing."""
    from defusedxml.ElementTree import iterparse

    rows = cells = 0
    with archive.open("content.xml") as content:
        row_cells = 0
        for event, element in iterparse(content, events=("start", "end")):
            tag = element.tag
            if event == "start" and tag == f"{{{TABLE_NS}}}table-row":
                row_cells = 0
            elif event == "end" and tag in (f"{{{TABLE_NS}}}table-cell", f"{{{TABLE_NS}}}covered-table-cell"):
                has_content = element.get(f"{{{OFFICE_NS}}}value-type") is not None or len(element)
                if has_content:
                    row_cells += int(element.get(f"{{{TABLE_NS}}}number-columns-repeated", "1"))
                element.clear()
            elif event == "end" and tag == f"{{{TABLE_NS}}}table-row":
                if row_cells:
                    repeat = int(element.get(f"{{{TABLE_NS}}}number-rows-repeated", "1"))
                    rows += repeat
                    cells += repeat * row_cells
                    if rows > MAX_DATA_ROWS + HEADER_SEARCH_ROWS or cells > MAX_CELLS:
                        raise WorkbookInvalid([_("The sheet has more than %(n)s rows once its repeated rows are "
                                                 "counted; split the file.") % {"n": MAX_DATA_ROWS}])
                element.clear()


# Bytes a CSV from Thai Windows may hold besides Thai letters: Windows-874's typographic marks.
CP874_PUNCTUATION = set("\u2026\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u20ac\u00a0")


def decode_csv(data):
    """The CSV's text: UTF-8 (a BOM is dropped), else Windows-874/TIS-620 when every byte outside
    ASCII is a Thai letter or one of its marks there. Anything else is refused, not guessed."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    if b"\x00" in data:
        raise not_a_spreadsheet()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp874")
    except UnicodeDecodeError:
        text = None
    if text is not None and all(char < "\x80" or "\u0e00" <= char <= "\u0e7f" or char in CP874_PUNCTUATION
                                for char in text):
        return text
    raise WorkbookInvalid([_("The CSV file's text encoding is neither UTF-8 nor Thai Windows (Windows-874/TIS-620). "
                             "Save it again as “CSV UTF-8” and try again.")])


def _csv_rows(data):
    text = decode_csv(data)
    sample = text[:20_000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    for row in csv.reader(io.StringIO(text), dialect):
        yield tuple(value if value.strip() else None for value in row)


class NoSuchSheet(WorkbookInvalid):
    pass


def open_sheet(data, name=None):
    """(sheet name or None, rows of cell values, close) of the file's first sheet (or the sheet
    called `name`: NoSuchSheet if there is none), whatever its format."""
    if len(data) > MAX_FILE_BYTES:
        raise WorkbookInvalid([_("The file is larger than %(mb)s MB.") % {"mb": MAX_FILE_BYTES // (1024 * 1024)}])
    spreadsheet = file_format(data)
    formulas = None
    if spreadsheet == "xlsx":
        archive = check_archive(data)
        formulas = lambda title: xlsx_formulas(archive, title)  # noqa: E731
    elif spreadsheet == "csv":
        if name is not None:
            raise NoSuchSheet([_("a CSV file has one table only; save the workbook as .xlsx or .ods")])
        return None, _csv_rows(data), lambda: None
    elif spreadsheet == "ods":
        check_ods_expansion(check_archive(data, required_entry="content.xml"))
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        if name is not None and name not in book.sheet_names:
            raise NoSuchSheet([_("the workbook has no sheet “%(name)s”") % {"name": name}])
        sheet = book.get_sheet_by_name(name) if name is not None else book.get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=False)
        found = formulas(sheet.name) if formulas else {}
    except NoSuchSheet:
        raise
    except Exception:  # a damaged file raises many kinds; the user needs one sentence
        raise WorkbookInvalid([_("The workbook cannot be opened: it is damaged or not a spreadsheet.")]) from None
    # calamine gives "" for an empty cell, and whole numbers as 22.0 (.ods, .xlsx) or 22 (.xls), as Excel does.
    return sheet.name, _with_formulas(rows, found), book.close


def _with_formulas(rows, formulas):
    """The rows with each formula cell's text ("=…") in place of its last computed value."""
    by_row = {}
    for (row_index, column), text in formulas.items():
        by_row.setdefault(row_index, []).append((column, text))
    for index, row in enumerate(rows):
        values = [None if value == "" else value for value in row]
        for column, text in by_row.get(index, ()):
            values.extend([None] * (column + 1 - len(values)))
            values[column] = text
        yield tuple(values)


_FORMULA_CELL = re.compile(rb'<(?:\w+:)?c\b([^>]*)>\s*<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)', re.S)
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')


def xlsx_formulas(archive, title):
    """{(row index, column index): "=formula"} of the .xlsx sheet called `title`, found in its XML
    (calamine reads the values a spreadsheet shows; an import refuses formulas instead, so that a
    figure is what the clerk typed). Read in chunks: memory stays bounded however large the sheet."""
    import xml.etree.ElementTree as ElementTree  # the two small index files only (the zip is checked)

    relationships = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    targets = {rel.get("Id"): rel.get("Target") for rel in ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))}
    path = next((targets.get(sheet.get(relationships)) for sheet in workbook.iter()
                 if sheet.tag.endswith("}sheet") and sheet.get("name") == title), None)
    if not path:
        return {}
    path = path.lstrip("/") if path.startswith("/") else f"xl/{path}"
    found, tail = {}, b""
    with archive.open(path) as stream:
        while True:
            chunk = stream.read(1 << 20)
            text = tail + chunk
            end = 0
            for match in _FORMULA_CELL.finditer(text):
                reference = _CELL_REF.search(match.group(1))
                if reference:
                    letters, number = reference.groups()
                    column = 0
                    for letter in letters.decode():
                        column = column * 26 + ord(letter) - 64
                    formula = (match.group(2) or b"").decode("utf-8", "replace")
                    found[(int(number) - 1, column - 1)] = "=" + html.unescape(formula)
                end = match.end()
            if not chunk:
                return found
            tail = text[max(end, len(text) - (64 << 10)):]  # a cell cut by the chunk's end is read again


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


def read_table(data, columns, total_label="รวม", sheet=None):
    """The first sheet's (or the named sheet's) table with the given columns. Raises WorkbookInvalid."""
    title, rows, close = open_sheet(data, sheet)
    try:
        head = list(itertools.islice(rows, HEADER_SEARCH_ROWS))
        if not any(not _is_blank(value) for row in head for value in row):
            raise WorkbookInvalid([at(title, _("the sheet is empty."))])
        header_index, found = _find_header(head, columns)
        if found is None:
            missing = ", ".join(f"“{column.patterns[0]}”" for column in columns if column.required)
            raise WorkbookInvalid([at(title, _("no header row with the columns %(columns)s was found in the first %(n)s rows.")
                                      % {"columns": missing, "n": HEADER_SEARCH_ROWS})])
        table = Table(sheet=title, headers={key: header for key, (_position, header) in found.items()}, rows=[])
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
                raise WorkbookInvalid([at(title, _("more than %(n)s rows; split the file.") % {"n": MAX_DATA_ROWS})])
        if not table.rows:
            raise WorkbookInvalid([at(title, _("the table has no rows under its header."))])
        return table
    finally:
        close()


# --- cell values -------------------------------------------------------------------------------

_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


class CellError(ValueError):
    pass


def _decimal_cell(value):
    """A non-negative number from a cell: 22, 22.0, "22", "๒๒", "2,004", " 1 806 "."""
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
    return number


def parse_count(value):
    """A whole, non-negative number: 22, 22.0, "22", "๒๒", "2,004", " 1 806 "."""
    number = _decimal_cell(value)
    try:
        if number != number.to_integral_value():
            raise CellError(_("not a whole number"))
    except InvalidOperation:
        raise CellError(_("not a number")) from None
    return int(number)


def parse_amount(value):
    """A non-negative amount to two places (baht, people, projects): 1,250.50, "๑,๒๕๐.๕๐", 22.0."""
    number = _decimal_cell(value)
    if number != number.quantize(Decimal("0.01")):
        raise CellError(_("more than two decimal places"))
    return number.quantize(Decimal("0.01"))


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

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
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024  # a sheet's XML is streamed, never held whole
MAX_HELD_PART_BYTES = 32 * 1024 * 1024  # parts a reader holds whole (an .xlsx's shared strings, its styles)
MAX_COMPRESSION_RATIO = 150
MAX_DATA_ROWS = 100_000
HEADER_SEARCH_ROWS = 50
BLANK_ROWS_END_TABLE = 20
# One budget for every file read: the reader (python-calamine) builds a sheet's used area, from its first
# to its last cell with content, as a dense grid. That area is counted from the file before it is built
# (an .xlsx's cell references, an .ods's repeat attributes, an .xls's cell records), and a sheet whose
# grid would need more than MEMORY_BUDGET_BYTES is refused. Measured (tests/imports/test_file_budget.py):
# about 48 bytes a cell and 150 a row once read, within the ~100 MB a worker may spend on one file.
MEMORY_BUDGET_BYTES = 100 * 1024 * 1024
BYTES_PER_CELL = 48
BYTES_PER_ROW = 150
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
    header_row: tuple = ()  # every cell of the header row, as written


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
    held = max((entry.file_size for entry in entries if not entry.filename.startswith(("xl/worksheets/", "content.xml"))),
               default=0)
    if held > MAX_HELD_PART_BYTES:
        total = max(total, MAX_UNCOMPRESSED_BYTES + 1)  # refused with the same words
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


def column_letters(column):
    """1 → "A", 16384 → "XFD"."""
    letters = ""
    while column > 0:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def column_number(letters):
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def check_extent(sheet, last_row, last_column):
    """Refuse a sheet whose used area (A1 to its last row and column with content) would not fit the
    memory budget once built. Counted from A1, whatever the reader does with empty rows and columns
    before the first cell: a bound, never an underestimate."""
    cells = last_row * last_column
    if last_row * BYTES_PER_ROW + cells * BYTES_PER_CELL > MEMORY_BUDGET_BYTES:
        raise WorkbookInvalid([at(sheet, _(
            "the sheet's used area reaches cell %(cell)s (%(rows)s rows × %(columns)s columns), more than this system "
            "reads in one file. Delete the rows and columns after the table (a stray value far below or to the right) "
            "and save again, or split the file.") % {
                "cell": f"{column_letters(last_column)}{last_row}", "rows": f"{last_row:,}", "columns": f"{last_column:,}"})])


def refuse_declarations(archive):
    """A spreadsheet's XML never needs a DTD or entity declarations; they are how an XML bomb or an
    external entity gets in. Every XML part is looked at (a declaration comes before the root element)."""
    for entry in archive.infolist():
        if not entry.filename.endswith((".xml", ".rels")) or entry.file_size == 0:
            continue
        with archive.open(entry) as stream:
            head = stream.read(64 * 1024)
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise WorkbookInvalid([_("The file's part “%(part)s” declares a DTD or entities, which a spreadsheet never "
                                     "needs; it is refused. Open it in Excel or LibreOffice and save it again.")
                                   % {"part": entry.filename}])


def check_ods_extent(archive):
    """An .ods's used area per sheet, as its repeat attributes expand it (a few hundred bytes can
    declare a million rows or columns): refused over the budget before calamine builds it. Empty
    cells and rows after the last content cost nothing (the reader drops them)."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    table, cell_tags = f"{{{TABLE_NS}}}table", (f"{{{TABLE_NS}}}table-cell", f"{{{TABLE_NS}}}covered-table-cell")
    row_tag = f"{{{TABLE_NS}}}table-row"
    name = None
    try:
        with archive.open("content.xml") as content:
            row = last_row = last_column = column = 0
            for event, element in iterparse(content, events=("start", "end")):
                tag = element.tag
                if event == "start":
                    if tag == table:
                        name, row, last_row, last_column = element.get(f"{{{TABLE_NS}}}name"), 0, 0, 0
                    elif tag == row_tag:
                        column, row_last_column = 0, 0
                    continue
                if tag in cell_tags:
                    repeat = int(element.get(f"{{{TABLE_NS}}}number-columns-repeated", "1"))
                    has_content = element.get(f"{{{OFFICE_NS}}}value-type") is not None or len(element)
                    column += repeat
                    if has_content:
                        row_last_column = column
                    element.clear()
                elif tag == row_tag:
                    repeat = int(element.get(f"{{{TABLE_NS}}}number-rows-repeated", "1"))
                    row += repeat
                    if row_last_column:
                        last_row, last_column = row, max(last_column, row_last_column)
                        check_extent(name, last_row, last_column)
                    element.clear()
    except DefusedXmlException:
        raise WorkbookInvalid([_("The file declares a DTD or entities, which a spreadsheet never needs; it is refused. "
                                 "Open it in Excel or LibreOffice and save it again.")]) from None
    except ValueError:  # a repeat count that is not a number
        raise WorkbookInvalid([_("The workbook cannot be opened: it is damaged or not a spreadsheet.")]) from None


# The cells of an .xlsx sheet, found in its XML in chunks (memory stays bounded however large the
# sheet). Attribute values are matched whole, so a ">" inside one cannot hide a cell; a chunk is
# cut before its last "<" (never inside a tag: "<" cannot appear in an attribute or text).
_ATTRIBUTES = rb"""((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*"""
_VALUED_CELL = re.compile(rb"<(?:\w+:)?c" + _ATTRIBUTES + rb">")  # not self-closing: it holds a value or formula
_ANY_CELL_OR_ROW = re.compile(rb"<(?:\w+:)?(c|row)" + _ATTRIBUTES + rb"(/?)>")
_REFERENCE = re.compile(rb"""(?:^|\s)r\s*=\s*["']([A-Z]{1,3})([0-9]{1,7})["']""", re.M)
_ROW_NUMBER = re.compile(rb"""(?:^|\s)r\s*=\s*["']([0-9]{1,7})["']""", re.M)


def _xlsx_chunks(stream):
    tail = b""
    while True:
        chunk = stream.read(1 << 20)
        text = tail + chunk
        if not chunk:
            yield text
            return
        cut = text.rfind(b"<")
        cut = cut if cut > 0 else len(text)
        yield text[:cut]
        tail = text[cut:]


def xlsx_sheet(archive, name=None):
    """(title, path in the zip) of the sheet called `name`, or of the first sheet."""
    from defusedxml.ElementTree import fromstring

    relationships = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    try:
        workbook = fromstring(archive.read("xl/workbook.xml"))
        targets = {rel.get("Id"): rel.get("Target") for rel in fromstring(archive.read("xl/_rels/workbook.xml.rels"))}
    except KeyError:
        raise not_a_spreadsheet() from None
    except Exception:
        raise WorkbookInvalid([_("The workbook cannot be opened: it is damaged or not a spreadsheet.")]) from None
    sheets = [sheet for sheet in workbook.iter() if sheet.tag.endswith("}sheet")]
    chosen = next((sheet for sheet in sheets if name is None or sheet.get("name") == name), None)
    if chosen is None:
        return name, None
    path = targets.get(chosen.get(relationships)) or ""
    path = path.lstrip("/") if path.startswith("/") else f"xl/{path}"
    return chosen.get("name"), path if path in archive.namelist() else None


def scan_xlsx_sheet(archive, title, path):
    """{(row index, column index): "=formula"} of the sheet, after checking its used area against the
    budget (refused before calamine builds it)."""
    found, last_row, last_column = {}, 0, 0
    with archive.open(path) as stream:
        for text in _xlsx_chunks(stream):
            valued = _VALUED_CELL.findall(text)
            if not valued:
                found.update(_formulas_in(text))
                continue
            references = _REFERENCE.findall(b"\n".join(valued))
            if len(references) == len(valued):
                last_row = max(last_row, max(int(number) for _letters, number in references))
                last_column = max(last_column, max(column_number(letters.decode()) for letters in {l for l, _n in references}))
            else:  # cells without their own reference: positioned one after another, as the reader does
                last_row, last_column = _sequential_extent(text, last_row, last_column)
            check_extent(title, last_row, last_column)
            found.update(_formulas_in(text))
    return found


def _sequential_extent(text, last_row, last_column):
    row = column = 0
    for tag, attributes, closing in _ANY_CELL_OR_ROW.findall(text):
        if tag == b"row":
            number = _ROW_NUMBER.search(attributes)
            row, column = (int(number.group(1)) if number else row + 1), 0
            continue
        reference = _REFERENCE.search(attributes)
        if reference:
            column, row_of_cell = column_number(reference.group(1).decode()), int(reference.group(2))
        else:
            column, row_of_cell = column + 1, max(row, 1)
        if not closing:
            last_row, last_column = max(last_row, row_of_cell), max(last_column, column)
    return last_row, last_column


# --- .xls: BIFF records of the "Workbook" stream -----------------------------------------------------
# Cell records start with (row, column), two little-endian 16-bit numbers; MULRK and MULBLANK carry a
# run of cells ending at the column in their last two bytes. Blank cells are counted too: a bound.
_XLS_CELLS = {0x0006, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x00D6, 0x0206, 0x0406,
              0x0001, 0x0002, 0x0003, 0x0004, 0x0005}
_XLS_RUNS = {0x00BD, 0x00BE}
_XLS_BOF = {0x0809, 0x0409, 0x0209, 0x0009}


def check_xls_extent(data):
    import struct

    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as container:
            stream = next((name for name in ("Workbook", "Book") if container.exists(name)), None)
            if stream is None:
                raise not_a_spreadsheet()
            body = container.openstream(stream).read()
    except WorkbookInvalid:
        raise
    except Exception:
        raise WorkbookInvalid([_("The workbook cannot be opened: it is damaged or not a spreadsheet.")]) from None
    position, sheet, last_row, last_column = 0, 0, 0, 0
    while position + 4 <= len(body):
        record_type, length = struct.unpack_from("<HH", body, position)
        record = body[position + 4:position + 4 + length]
        position += 4 + length
        if record_type in _XLS_BOF:
            sheet, last_row, last_column = sheet + 1, 0, 0
        elif record_type in _XLS_CELLS and len(record) >= 4:
            row, column = struct.unpack_from("<HH", record)
            last_row, last_column = max(last_row, row + 1), max(last_column, column + 1)
        elif record_type in _XLS_RUNS and len(record) >= 6:
            row, _first = struct.unpack_from("<HH", record)
            (column,) = struct.unpack_from("<H", record, len(record) - 2)
            last_row, last_column = max(last_row, row + 1), max(last_column, column + 1)
        else:
            continue
        check_extent(str(max(sheet - 1, 1)), last_row, last_column)  # “แผ่นงาน “1””: an .xls's sheets by number


# Bytes a CSV from Thai Windows may hold besides Thai letters: Windows-874's typographic marks.
CP874_PUNCTUATION = set("\u2026\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u20ac\u00a0")
THAI_CONSONANTS = {chr(code) for code in range(0x0E01, 0x0E2F)}
# Vowels and tone marks written above, below or after a consonant (never first in a syllable).
THAI_FOLLOWING = {chr(code) for code in (0x0E30, 0x0E31, 0x0E32, 0x0E33, *range(0x0E34, 0x0E3B), 0x0E45,
                                         *range(0x0E47, 0x0E4F))}
THAI_LEADING_VOWELS = {chr(code) for code in range(0x0E40, 0x0E45)}  # เ แ โ ใ ไ: a consonant follows
_WORD = re.compile(r"[^\W\d_]+|[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+")
_INSIDE_A_LATIN_WORD = re.compile(r"[A-Za-z][\u0e00-\u0e7f]+[A-Za-z]")  # "K๖ln", "Stra฿e": Latin-1 read as cp874


def not_thai_at(text):
    """The position of the first character that Thai as it is written would not have there, or None.

    Windows-874 and Windows-1252 share their byte range: a French or German CSV decodes as cp874 into
    Thai letters in impossible places ("Communauté" → "Communaut้"). Thai as written puts a vowel or
    tone mark only after a consonant (or another mark), a leading vowel only before a consonant, and
    no Latin letter inside a Thai word."""
    previous = ""
    for position, char in enumerate(text):
        if char in THAI_FOLLOWING and not (previous in THAI_CONSONANTS or previous in THAI_FOLLOWING):
            return position
        if previous in THAI_LEADING_VOWELS and char not in THAI_CONSONANTS:
            return position
        previous = char
    if inside := _INSIDE_A_LATIN_WORD.search(text):
        return inside.start()
    for word in _WORD.finditer(text):
        letters = word.group()
        thai = any("\u0e00" <= char <= "\u0e7f" for char in letters)
        if thai and any(char.isalpha() and not "\u0e00" <= char <= "\u0e7f" for char in letters):
            return word.start()
    return None


def decode_csv(data):
    """The CSV's text: UTF-8 (a BOM is dropped), else Windows-874/TIS-620 when it reads as Thai is
    written (every byte outside ASCII a Thai letter or one of its marks there, each in a place Thai
    puts it). Anything else is refused, naming the row, never guessed."""
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
    advice = _("Save it again as “CSV UTF-8” and try again.")
    if text is None or not all(char < "\x80" or "\u0e00" <= char <= "\u0e7f" or char in CP874_PUNCTUATION
                               for char in text):
        raise WorkbookInvalid([_("The CSV file's text encoding is neither UTF-8 nor Thai Windows (Windows-874/TIS-620). "
                                 "Save it again as “CSV UTF-8” and try again.")])
    position = not_thai_at(text)
    if position is not None:
        line = text.count("\n", 0, position) + 1
        start = text.rfind("\n", 0, position) + 1
        end = text.find("\n", position)
        shown = squash_spaces(text[start:end if end >= 0 else len(text)])[:60]
        raise WorkbookInvalid([_("row %(row)s: “%(text)s” is not Thai as it is written: the file is not in UTF-8 nor "
                                 "in Thai Windows (Windows-874) encoding, perhaps Windows-1252. ") % {"row": line, "text": shown}
                               + advice])
    return text


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
    called `name`: NoSuchSheet if there is none), whatever its format. The file is checked against
    the budget (size, unpacked size, used area, declarations) before anything is built."""
    if len(data) > MAX_FILE_BYTES:
        raise WorkbookInvalid([_("The file is larger than %(mb)s MB.") % {"mb": MAX_FILE_BYTES // (1024 * 1024)}])
    spreadsheet = file_format(data)
    found = {}
    if spreadsheet == "xlsx":
        archive = check_archive(data)
        refuse_declarations(archive)
        title, path = xlsx_sheet(archive, name)
        if path is None:
            if name is not None:
                raise NoSuchSheet([_("the workbook has no sheet “%(name)s”") % {"name": name}])
            raise WorkbookInvalid([_("The workbook cannot be opened: it is damaged or not a spreadsheet.")])
        found = scan_xlsx_sheet(archive, title, path)
    elif spreadsheet == "csv":
        if name is not None:
            raise NoSuchSheet([_("a CSV file has one table only; save the workbook as .xlsx or .ods")])
        return None, _csv_rows(data), lambda: None
    elif spreadsheet == "ods":
        archive = check_archive(data, required_entry="content.xml")
        refuse_declarations(archive)
        check_ods_extent(archive)
    else:
        check_xls_extent(data)
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        if name is not None and name not in book.sheet_names:
            raise NoSuchSheet([_("the workbook has no sheet “%(name)s”") % {"name": name}])
        sheet = book.get_sheet_by_name(name) if name is not None else book.get_sheet_by_index(0)
        # One row at a time into Python (the budget counts the reader's own grid). iter_rows starts at
        # row 1 but at the first used column: the columns before it are put back, so that positions
        # (and the formulas found in the XML) are the spreadsheet's own.
        skipped = [""] * (sheet.start[1] if sheet.start else 0)
        rows = (skipped + list(row) for row in sheet.iter_rows()) if skipped else sheet.iter_rows()
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


def _formulas_in(text):
    """{(row index, column index): "=formula"} of the formula cells in a piece of an .xlsx sheet's XML
    (calamine reads the values a spreadsheet shows; an import refuses formulas instead, so that a
    figure is what the clerk typed)."""
    found = {}
    for match in _FORMULA_CELL.finditer(text):
        reference = _CELL_REF.search(match.group(1))
        if reference:
            letters, number = reference.groups()
            formula = (match.group(2) or b"").decode("utf-8", "replace")
            found[(int(number) - 1, column_number(letters.decode()) - 1)] = "=" + html.unescape(formula)
    return found


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


def read_table(data, columns, total_label="รวม", sheet=None, strict=False):
    """The first sheet's (or the named sheet's) table with the given columns. Raises WorkbookInvalid.
    `strict`: a header the columns do not know is refused, named (a layout the system writes and reads
    itself, such as a KR workbook, drops nothing in silence)."""
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
        if strict:
            known = {position for position, _header in found.values()}
            unknown = [squash_spaces(value) for position, value in enumerate(head[header_index])
                       if position not in known and not _is_blank(value)]
            if unknown:
                raise WorkbookInvalid([at(title, _("row %(row)s: unknown column “%(column)s”; the columns are %(known)s")
                                          % {"row": header_index + 1, "column": name,
                                             "known": ", ".join(f"“{column.patterns[0]}”" for column in columns)})
                                       for name in unknown])
        table = Table(sheet=title, headers={key: header for key, (_position, header) in found.items()}, rows=[],
                      header_row=tuple(squash_spaces(value) for value in head[header_index] if not _is_blank(value)))
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

"""Reading a school's file into rows of cells: xlsx (merged cells filled in, formulas refused), xls, csv
and Excel "Unicode 文本" in the encodings Chinese Excel writes, or text pasted from a sheet; a file too
large or an xlsx that unpacks too large (a zip bomb) is refused before it is read."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from fivemgmt.errors import UserError

MAX_ROWS = 100_000
MAX_CELL_CHARS = 2_000
# Limits checked before a file is parsed, so an oversized file or a zip bomb is refused without being read:
# a school's sheet of MAX_ROWS rows is a few MB; an xlsx of that size unpacks to well under these.
MAX_FILE_BYTES = 64 * 1024 * 1024  # the file on disk
MAX_MEMBER_BYTES = 256 * 1024 * 1024  # one part of an xlsx, unpacked (a sheet, the shared strings)
MAX_UNPACKED_BYTES = 512 * 1024 * 1024  # all parts of an xlsx, unpacked
MAX_SHARED_STRINGS = 1_000_000  # distinct texts of an xlsx (each one is held in memory while reading)
MAX_COLUMNS = 256  # columns read from a sheet (formatting can make a sheet claim 16384)
HEADER_SCAN_ROWS = 20  # the header may sit below a title, a date line, a notice…


@dataclass
class Sheet:
    """The cells of a file's first sheet, as the user sees them (merged cells filled), plus how to read its
    date serials."""

    rows: list[list[Any]]
    date1904: bool = False  # the workbook counts days from 1904 (Excel for Mac, some WPS files)

    def excel_date(self, serial: float) -> dt.datetime:
        from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

        return from_excel(serial, CALENDAR_MAC_1904 if self.date1904 else CALENDAR_WINDOWS_1900)


def read_rows(path: Path) -> list[list[Any]]:
    """All rows of the first sheet (xlsx/xls) or of a csv/txt, header first (see :func:`read_sheet`)."""
    return read_sheet(path).rows


def _size_text(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


def check_file(path: Path) -> None:
    """Refuse a file too big to be a school's sheet before anything reads it: its size on disk, and for an
    xlsx (a zip) each part's and all parts' unpacked sizes and the number of shared strings.

    The sizes a zip declares bound what is unpacked (Python's zipfile stops at the declared size and a
    part that holds more fails its checksum), so checking them is enough to stop a zip bomb."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise UserError(f"无法读取“{path.name}”（{error.strerror or error}）。") from error
    if size > MAX_FILE_BYTES:
        raise UserError(
            f"“{path.name}”有 {_size_text(size)}，超过导入文件的上限 {_size_text(MAX_FILE_BYTES)}，"
            "未读取。请分批导入。"
        )
    if path.suffix.lower() not in (".xlsx", ".xlsm") or not zipfile.is_zipfile(path):
        return
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
        total = 0
        for member in members:
            total += member.file_size
            if member.file_size > MAX_MEMBER_BYTES or total > MAX_UNPACKED_BYTES:
                raise UserError(
                    f"“{path.name}”解压后超过 {_size_text(MAX_UNPACKED_BYTES if total > MAX_UNPACKED_BYTES else MAX_MEMBER_BYTES)}"
                    f"（其中“{member.filename}”有 {_size_text(member.file_size)}），不像学校的表格，未读取。"
                    "请另存为新的 xlsx 或分批导入。"
                )
        strings = next((m for m in members if m.filename.lower() == "xl/sharedstrings.xml"), None)
        if strings is not None:
            _check_shared_strings(path, archive, strings)


def _check_shared_strings(path: Path, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Count the shared strings (streamed, nothing kept) before openpyxl holds them all in memory."""
    from xml.etree import ElementTree

    count = 0
    root = None
    with archive.open(member) as source:
        for event, element in ElementTree.iterparse(source, events=("start", "end")):
            if root is None:
                root = element
            elif event == "end" and element.tag == f"{_NS_MAIN}si":
                count += 1
                if count > MAX_SHARED_STRINGS:
                    raise UserError(
                        f"“{path.name}”中的文字超过 {MAX_SHARED_STRINGS} 条，不像学校的表格，未读取。"
                        "请另存为新的 xlsx 或分批导入。"
                    )
                root.clear()  # nothing is kept


def read_sheet(path: Path, sheet_name: str | None = None) -> Sheet:
    """All rows of the first (or the named) sheet of an xlsx/xls, or of a csv/txt; trailing blank rows
    dropped. Oversized files are refused before they are read (:func:`check_file`); csv rows are streamed
    and reading stops at the row limit."""
    path = Path(path)
    if not path.exists():
        raise UserError(f"找不到文件：{path}")
    suffix = path.suffix.lower()
    try:
        check_file(path)
        if suffix in (".xlsx", ".xlsm"):
            sheet = _read_xlsx(path, sheet_name)
        elif suffix == ".xls":
            sheet = _read_xls(path, sheet_name)
        elif suffix in (".csv", ".txt", ".tsv"):
            sheet = Sheet(_read_csv(path))
        else:
            raise UserError(f"不支持的文件类型“{path.suffix}”，请使用 xlsx、xls 或 csv 文件。")
    except UserError:
        raise
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, IndexError, EOFError) as error:
        raise UserError(
            f"无法读取“{path.name}”：文件已损坏或不是有效的{suffix.lstrip('.')}文件（{error}）。"
        ) from error
    except Exception as error:  # third-party readers raise many kinds of error on damaged files
        raise UserError(f"无法读取“{path.name}”：文件已损坏或格式不对（{type(error).__name__}）。") from error
    # Blank rows stay in place (the preview skips them) so row numbers match what the user sees in Excel.
    rows = sheet.rows
    while rows and is_blank_row(rows[-1]):
        rows.pop()
    if len(rows) > MAX_ROWS + HEADER_SCAN_ROWS:
        raise UserError(f"“{path.name}”超过 {MAX_ROWS} 行，请分批导入。")
    return sheet


def is_blank_row(row: list[Any]) -> bool:
    return all(blank_as_none(c) is None for c in row)


def blank_as_none(value: Any) -> Any:
    """A cell of only spaces as an empty one (None); any other value as it is."""
    if isinstance(value, str) and not value.strip():
        return None
    return value


_READ_LIMIT = MAX_ROWS + HEADER_SCAN_ROWS + 1


def _read_xlsx(path: Path, sheet_name: str | None = None) -> Sheet:
    values, date1904, index = _xlsx_cells(path, data_only=True, sheet_name=sheet_name)
    has_formulas, merged = _xlsx_markup(path, index)
    if has_formulas and any(cell is None for row in values for cell in row):
        # A formula Excel never calculated has no stored value: show it as a formula, not as an empty cell.
        formulas, _, _ = _xlsx_cells(path, data_only=False, sheet_name=sheet_name)
        for row, formula_row in zip(values, formulas):
            for i, cell in enumerate(row):
                if cell is None and i < len(formula_row) and str(formula_row[i] or "").startswith("="):
                    row[i] = formula_row[i]
    _fill_merged(values, merged)
    return Sheet(values, date1904)


def _xlsx_cells(
    path: Path, *, data_only: bool, sheet_name: str | None = None
) -> tuple[list[list[Any]], bool, int]:
    """The cells, whether the workbook uses the 1904 date system, and the sheet's position.

    Stored values are read by :mod:`fivemgmt.xlsxcells` (the same values as openpyxl, several times
    faster); a file it does not handle, and formulas, are read by openpyxl."""
    if data_only:
        from fivemgmt import xlsxcells

        try:
            return xlsxcells.read_values(path, sheet_name, max_rows=_READ_LIMIT, max_columns=MAX_COLUMNS)
        except xlsxcells.NoSuchSheet:
            raise UserError(f"“{path.name}”中没有工作表“{sheet_name}”") from None
        except xlsxcells.Unsupported:  # anything unexpected, even a damaged file: openpyxl decides
            pass
    import openpyxl
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=data_only)
    try:
        if sheet_name is not None and sheet_name not in workbook.sheetnames:
            raise UserError(f"“{path.name}”中没有工作表“{sheet_name}”")
        index = workbook.sheetnames.index(sheet_name) if sheet_name else 0
        worksheet = workbook.worksheets[index]
        rows = worksheet.iter_rows(values_only=True, max_col=sheet_width(worksheet))
        cells = [list(row) for _, row in zip(range(_READ_LIMIT), rows)]
        return cells, workbook.epoch == CALENDAR_MAC_1904, index
    finally:
        workbook.close()


def sheet_width(worksheet: Any) -> int | None:
    """The columns to read: the sheet's declared width, at most MAX_COLUMNS (None: as each row has)."""
    declared = worksheet.max_column
    return min(declared, MAX_COLUMNS) if declared else None


_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


# The start tag of a formula (<f>, <f t="shared" …/>, <x:f>): in XML a "<" in text is always escaped, so
# a sheet whose bytes never match has no formula. Matching more (false positives) only costs a second read.
_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")


def _xlsx_markup(path: Path, index: int = 0) -> tuple[bool, list[tuple[int, int, int, int]]]:
    """Whether a sheet may hold formulas, and its merged ranges as 0-based (first row, first column, last
    row, last column).

    The read-only reader reports neither, so they come from the sheet's XML: its bytes are searched (one
    fast pass), and parsed only when they name a merged cell. Reading the workbook again for formulas, or
    parsing the whole sheet for merges, is what every import paid before (three reads of each file)."""
    from xml.etree import ElementTree

    from openpyxl.utils.cell import range_boundaries

    with zipfile.ZipFile(path) as archive:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        sheets = workbook.findall(f"{_NS_MAIN}sheets/{_NS_MAIN}sheet")
        first = sheets[index] if index < len(sheets) else None
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        if first is None:
            return True, []
        target = next(
            (
                r.get("Target", "")
                for r in rels.iter(f"{_NS_PKG_REL}Relationship")
                if r.get("Id") == first.get(f"{_NS_REL}id")
            ),
            "",
        )
        name = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        if name not in archive.namelist():
            return True, []
        data = archive.read(name)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 (never seen in practice): no byte search
        has_formulas, may_merge = True, True
    else:
        has_formulas, may_merge = _FORMULA_TAG.search(data) is not None, b"mergeCell" in data
    ranges = []
    if may_merge:
        for _, element in ElementTree.iterparse(io.BytesIO(data)):
            if element.tag == f"{_NS_MAIN}mergeCell":
                low_col, low_row, high_col, high_row = range_boundaries(element.get("ref", ""))
                ranges.append((low_row - 1, low_col - 1, high_row - 1, high_col - 1))
            element.clear()
    return has_formulas, ranges


def _fill_merged(rows: list[list[Any]], ranges: Iterable[tuple[int, int, int, int]]) -> None:
    """A merged cell shows its value in every cell it covers (a 日期 merged down over a day's subjects)."""
    for top, left, bottom, right in ranges:
        if top >= len(rows) or left >= len(rows[top]):
            continue
        value = rows[top][left]
        for r in range(top, min(bottom, len(rows) - 1) + 1):
            row = rows[r]
            row.extend([None] * (right + 1 - len(row)))
            for c in range(left, right + 1):
                row[c] = value


def _read_xls(path: Path, sheet_name: str | None = None) -> Sheet:
    import xlrd

    book = xlrd.open_workbook(str(path), formatting_info=True)
    if sheet_name is not None and sheet_name not in book.sheet_names():
        raise UserError(f"“{path.name}”中没有工作表“{sheet_name}”")
    sheet = book.sheet_by_name(sheet_name) if sheet_name else book.sheet_by_index(0)
    rows = []
    for r in range(min(sheet.nrows, _READ_LIMIT)):
        row = []
        for c in range(sheet.ncols):
            cell = sheet.cell(r, c)
            if cell.ctype == xlrd.XL_CELL_DATE:
                moment = xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
                row.append(moment.time() if cell.value < 1 else moment)  # a time of day (1'48, 21:30)
            elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                row.append(None)
            else:
                row.append(cell.value)
        rows.append(row)
    # xlrd gives merges as (first row, last row + 1, first column, last column + 1)
    _fill_merged(rows, [(r0, c0, r1 - 1, c1 - 1) for r0, r1, c0, c1 in sheet.merged_cells])
    return Sheet(rows, book.datemode == 1)


def _read_csv(path: Path) -> list[list[Any]]:
    """A csv, or a tab-separated text file such as Excel's "Unicode 文本" (UTF-16) save.

    Streamed: rows are read one by one and reading stops one row past the limit (the caller refuses the
    file then); a file that is not UTF-8 is read again as GB18030."""
    with path.open("rb") as handle:
        start = handle.read(4096)
    if start.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings: tuple[str, ...] = ("utf-16",)
    elif b"\x00" in start:
        raise UserError(f"“{path.name}”不是文本格式的 csv 文件。")
    else:
        encodings = ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            return _csv_rows(path, encoding)
        except UnicodeDecodeError:
            continue
    raise UserError(f"无法识别“{path.name}”的文字编码，请另存为 UTF-8 csv 或 xlsx。")


def _csv_rows(path: Path, encoding: str) -> list[list[Any]]:
    with path.open(encoding=encoding, newline="") as handle:
        first_line = handle.readline(MAX_CELL_CHARS * 100)
        delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
        handle.seek(0)
        reader = csv.reader(handle, delimiter=delimiter)
        try:
            return list(islice(reader, _READ_LIMIT))  # each row is a new list already
        except csv.Error as error:  # a field over csv's limit (128 KB), a NUL character…
            raise UserError(
                f"无法读取“{path.name}”第 {reader.line_num} 行：{error}。请检查文件是否为表格导出的 csv。"
            ) from error


def pasted_rows(text: str) -> list[list[str]]:
    """Cells copied from WPS/Excel: tab-separated lines (a cell with a line break comes quoted)."""
    rows = [list(row) for row in csv.reader(io.StringIO(text.replace("\r\n", "\n")), delimiter="\t")]
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    return rows

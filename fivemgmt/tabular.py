"""Reading import files (xlsx, xls, csv, Excel "Unicode 文本") the way schools fill them, all-or-nothing.

An import is two steps: :func:`preview` reads and checks every row without writing anything, and the
area's ``commit`` writes all rows in one transaction only when the preview has no errors. Columns are
matched by header name (order does not matter), with the spelling variants schools use. The header row is
found by name below any title rows; merged cells count for every cell they cover; 序号 columns, blank
formatted rows and signature/footer lines (班主任（签字）：…) are ignored.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import count, islice, repeat
from operator import itemgetter
from pathlib import Path
from typing import Any

from fivemgmt import bulk
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
# A line under the table that is not data: signatures, the form's footer notes, a totals line.
FOOTER_RE = re.compile(
    r"签字|签名|签章|盖章|制表|填表人|审核|负责人|联系电话|^(注|说明|备注)[:：]|^(合计|总计|小计)"
)


class CellError(ValueError):
    """A cell that cannot be read; the message is Chinese and is shown with the row and column."""


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # the header as the school writes it
    aliases: tuple[str, ...] = ()
    required: bool = True
    parse: Callable[[Any], Any] = lambda value: value  # noqa: E731
    # For a column a one-class (or one-week…) sheet leaves out: finds the value in the title or file name.
    guess: Callable[[str], str | None] | None = None


@dataclass(frozen=True)
class RowError:
    row: int  # the row number the user sees in Excel (header is row 1)
    column: str
    message: str

    def __str__(self) -> str:
        where = f"第 {self.row} 行" if self.row else "文件"
        return f"{where}{f'“{self.column}”列' if self.column else ''}：{self.message}"


# What a counted row will do, by the ``counts`` key the areas count it under; a row with an error is 拒绝.
OUTCOME_KINDS = {"new": "新增", "changed": "修改", "unchanged": "不变", "moved": "移动"}
REFUSED = "拒绝"
# The columns that say which record a row is about, in the order a description names them.
_DESCRIBING_KEYS = ("class", "date", "applied_on", "name", "student_name", "subject", "content", "title")


@dataclass(frozen=True)
class RowOutcome:
    """What an import does with one row of the user's sheet."""

    row: int  # in the user's numbering (0: the file as a whole)
    kind: str  # 新增 / 修改 / 不变 / 移动 / 拒绝
    description: str = ""  # short Chinese: which record, or why it is refused
    column: str = ""  # the refused cell's column

    @property
    def where(self) -> str:
        return f"第 {self.row} 行" if self.row else "文件"


def describe(row: dict) -> str:
    """A short text naming the record of a parsed row: “四年级(2)班 2026-11-23 语文”."""
    parts = []
    for key in _DESCRIBING_KEYS:
        value = row.get(key)
        if value is None or value == "":
            continue
        if type(value) is not str:  # most are text already
            value = value.isoformat() if isinstance(value, dt.date) else str(value)
        parts.append(value)
    text = " ".join(parts)
    return _clipped(text)


def _clipped(text: str) -> str:
    """A row's description as a preview lists it: 40 characters at most."""
    return text if len(text) <= 40 else text[:39] + "…"


_TEXT_OR_NONE = frozenset({str, type(None)})
_DESCRIBED_TYPES = frozenset({str, dt.date, type(None)})


def describe_rows(rows: list[dict]) -> list[str]:
    """:func:`describe` of each row, worked out column by column: a file repeats its classes, dates and
    subjects on every row, so each distinct date is written out once and the rows only join their parts."""
    columns = []
    for key in _DESCRIBING_KEYS:
        if not any(map(dict.__contains__, rows, repeat(key))):
            continue  # a column this import does not have
        values = list(map(dict.get, rows, repeat(key)))
        kinds = set(map(type, values))
        if kinds == {type(None)}:
            continue
        if kinds <= _TEXT_OR_NONE:
            columns.append(values)  # as they are: the filter below leaves out None and "" as describe does
            continue
        if kinds <= _DESCRIBED_TYPES:
            # str, date and None values are never equal to one another: one dict of them is exact
            texts = {v: v.isoformat() if type(v) is dt.date else v or None for v in dict.fromkeys(values)}
            columns.append(list(map(texts.__getitem__, values)))
            continue
        parts = []
        for value in values:
            if value is None or value == "":
                parts.append(None)
            elif type(value) is str:
                parts.append(value)
            else:
                part = value.isoformat() if isinstance(value, dt.date) else str(value)
                if not part:  # describe() keeps an empty part (two spaces): the filter below would not
                    return [describe(row) for row in rows]
                parts.append(part)
        columns.append(parts)
    if not columns:
        texts = [""] * len(rows)
    elif any(None in parts or "" in parts for parts in columns):
        texts = [" ".join(filter(None, parts)) for parts in zip(*columns)]
    else:  # every row has every part
        texts = list(map(" ".join, zip(*columns)))
    return list(map(_clipped, texts))


@dataclass
class Preview:
    """What an import would do. Nothing is written until the area's commit is called with it."""

    path: Path
    rows: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # e.g. {"new": 3, "changed": 1, "unchanged": 0}
    header_row: int = 1  # in the user's numbering
    title: str = ""  # the text above the header (and nothing else): "2026学年四年级(2)班学生名单"
    found: set[str] = field(default_factory=set)  # keys of the columns the file has
    # Values for columns the file leaves out, read from its title or name; the user confirms them and the
    # preview is run again with them as ``defaults`` (GUI: a question; CLI: e.g. --class).
    suggestions: dict[str, str] = field(default_factory=dict)
    counted: list[RowOutcome] = field(default_factory=list)  # filled by :meth:`count`, with ``counts``

    @property
    def ok(self) -> bool:
        return not self.errors

    def start_counting(self, *keys: str) -> None:
        """Start (again) the per-row outcomes, with ``counts`` at 0 for each of ``keys``."""
        self.counts = dict.fromkeys(keys, 0)
        self.counted = []

    def count(self, row: dict, key: str, description: str | None = None) -> None:
        """One row's outcome (``key``: new / changed / unchanged / moved): counted in ``counts`` and listed in
        :attr:`outcomes`, so the two always agree; ``description`` defaults to :func:`describe`."""
        self.counts[key] = self.counts.get(key, 0) + 1
        text = describe(row) if description is None else description
        self.counted.append(RowOutcome(row.get("_row", 0), OUTCOME_KINDS.get(key, key), text))

    def count_many(self, rows: list[dict], keys: list[str], descriptions: list[str]) -> None:
        """:meth:`count` of each row in turn, with its key and description (a whole file's rows at once)."""
        counts = self.counts
        for key, number in Counter(keys).items():  # keys in the order they first occur, as count() adds them
            counts[key] = counts.get(key, 0) + number
        kinds = {key: OUTCOME_KINDS.get(key, key) for key in counts}
        self.counted += map(
            RowOutcome,
            map(dict.get, rows, repeat("_row"), repeat(0)),
            map(kinds.__getitem__, keys),
            descriptions,
        )

    def clean_rows(self) -> list[dict]:
        """The rows no error names: in a file with errors they still get their outcome (what they would do),
        so the preview lists every row, not only the refused ones. None when the file itself is wrong (an
        error on or above the header: a missing column, an unreadable sheet)."""
        if any(e.row <= self.header_row for e in self.errors):
            return []
        refused = {e.row for e in self.errors}
        return [r for r in self.rows if r.get("_row") not in refused]

    @property
    def outcomes(self) -> list[RowOutcome]:
        """Every row's outcome by row number: the counted rows, and each error as a refused row (with its
        column)."""
        refused = [RowOutcome(e.row, REFUSED, e.message, e.column) for e in self.errors]
        return sorted([*self.counted, *refused], key=lambda o: o.row)

    def error_report(self, limit: int = 50) -> str:
        lines = [str(e) for e in self.errors[:limit]]
        if len(self.errors) > limit:
            lines.append(f"……另有 {len(self.errors) - limit} 处错误")
        return "\n".join(lines)

    def outcome_report(self, limit: int = 200) -> str:
        """Each row's outcome, one line a row: 第 3 行 修改：四年级(2)班 2026-11-23 语文 (the CLI's preview)."""
        outcomes = self.outcomes
        lines = []
        for o in outcomes[:limit]:
            what = f"“{o.column}”列：{o.description}" if o.column else o.description
            lines.append(f"{o.where} {o.kind}：{what}" if what else f"{o.where} {o.kind}")
        if len(outcomes) > limit:
            lines.append(f"……另有 {len(outcomes) - limit} 行")
        return "\n".join(lines)

    def require_ok(self) -> None:
        if self.errors:
            raise UserError(
                f"“{self.path.name}”有 {len(self.errors)} 处错误，未导入任何数据：\n{self.error_report(20)}"
            )


def normalize_header(text: Any) -> str:
    """Header (and choice) text folded for matching, the one normaliser of every reader: NFKC (full-width
    letters, digits and brackets), no spaces, lower case, ×/* read as x."""
    text = unicodedata.normalize("NFKC", str(text if text is not None else ""))
    text = text.translate(str.maketrans("×*", "xx"))
    return re.sub(r"\s+", "", text).lower()


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
    while rows and _is_blank_row(rows[-1]):
        rows.pop()
    if len(rows) > MAX_ROWS + HEADER_SCAN_ROWS:
        raise UserError(f"“{path.name}”超过 {MAX_ROWS} 行，请分批导入。")
    return sheet


def _is_blank_row(row: list[Any]) -> bool:
    return all(_blank(c) is None for c in row)


def _blank(value: Any) -> Any:
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


def match_columns(
    header: list[Any], columns: Iterable[Column], *, header_row: int = 1
) -> tuple[dict[str, int], list[RowError]]:
    """Map column keys to positions by header name; missing required columns are errors."""
    positions: dict[str, int] = {}
    errors = []
    normalized = [normalize_header(h) for h in header]
    for column in columns:
        names = {normalize_header(n) for n in (column.label, *column.aliases)}
        found = [i for i, h in enumerate(normalized) if h in names]
        if found:
            positions[column.key] = found[0]
        elif column.required:
            errors.append(RowError(header_row, column.label, "缺少此列（请检查表头）"))
    return positions, errors


def find_header(rows: list[list[Any]], columns: list[Column]) -> int | None:
    """The index of the row that names the most columns within the first rows (title rows above it are
    skipped); the first non-blank row when no row names any column; None for an empty file."""
    best, best_score = None, 0
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        if _is_blank_row(row):
            continue
        score = len(match_columns(row, columns)[0])
        if score > best_score:
            best, best_score = index, score
    if best is None:
        best = next((i for i, row in enumerate(rows) if not _is_blank_row(row)), None)
    return best


def row_texts(rows: Iterable[list[Any]]) -> str:
    """The distinct texts of some rows, in order (a merged title fills every cell it covers)."""
    texts = (str(c).strip() for row in rows for c in row if _blank(c) is not None)
    return " ".join(dict.fromkeys(texts))


def is_footer(row: list[Any]) -> bool:
    """A signature or note line under the table (班主任（签字）：…, 制表人：…, 合计…), not a data row."""
    filled, first = 0, None
    for cell in row:
        if cell is None or (isinstance(cell, str) and not cell.strip()):  # _blank(cell) is None, inline
            continue
        filled += 1
        if filled > 4:  # a data row: no need to look at the rest
            return False
        if first is None:
            first = cell
    return filled > 0 and bool(FOOTER_RE.search(str(first).strip()))


@bulk.batch
def preview(
    path: Path,
    columns: list[Column],
    *,
    defaults: dict[str, Any] | None = None,
    sheet: Sheet | None = None,
    dates: SchoolDates | None = None,
) -> Preview:
    """Read and parse every row; errors are collected per row and column, nothing is written.

    ``defaults`` gives the value of a column the file leaves out (the class of a one-class sheet, once the
    user has confirmed it); a column the file has is always read from the file. ``sheet``: the file, when
    the caller has read it already. ``dates``: the school calendar, which reads and checks every
    :func:`school_date` / :func:`calendar_date` column (required when there is one). A cell that cannot
    be read is an error and its key is missing from the row (the register's checks use ``row.get``)."""
    path = Path(path)
    if dates is None and any(c.parse in (school_date, calendar_date) for c in columns):
        raise TypeError("preview() of a register with dates needs dates=SchoolDates.of(db)")

    # The parsers are pure, and a sheet repeats its dates, classes and kinds on every row: each distinct
    # cell of a column is read once (its value or its error). Free text is cheaper to read than to look up.
    known: dict[tuple, Any] = {}

    def read(column: Column, value: Any) -> Any:
        if dates is not None and column.parse in (school_date, calendar_date):
            return dates.read(value, in_term=column.parse is school_date)
        return column.parse(value)

    def parse(column: Column, value: Any) -> Any:
        if column.parse is text:
            return text(value)  # read() of a column that is no date
        key = (column.key, type(value), value)
        try:
            found = known[key]
        except TypeError:  # an unhashable cell value: read as it is
            return read(column, value)
        except KeyError:
            try:
                found = read(column, value)
            except CellError as error:
                found = error
            known[key] = found
        if isinstance(found, CellError):
            raise found
        return found

    result = Preview(path)
    sheet = sheet or read_sheet(path)
    rows = sheet.rows
    first = find_header(rows, columns)
    if first is None:
        result.header_row = 0
        result.errors.append(RowError(0, "", "文件是空的"))
        return result
    result.header_row = first + 1
    result.title = row_texts(rows[:first])
    header, body = rows[first], rows[first + 1 :]
    positions, errors = match_columns(header, columns, header_row=first + 1)
    result.found = set(positions)
    fixed: dict[str, Any] = {}
    for column in columns:
        if column.key in positions or not (defaults or {}).get(column.key):
            continue
        errors = [e for e in errors if e.column != column.label]
        try:
            fixed[column.key] = parse(column, defaults[column.key])  # type: ignore[index]
        except CellError as error:
            result.errors.append(RowError(0, column.label, str(error)))
    for error in errors:
        column = next(c for c in columns if c.label == error.column)
        guess = column.guess(f"{result.title} {path.stem}") if column.guess else None
        if guess:
            result.suggestions[column.key] = guess
            error = RowError(
                error.row, error.column, f"缺少此列；标题或文件名写的是“{guess}”，请确认后按此导入"
            )
        result.errors.append(error)
    if result.errors:
        return result
    places = sorted(set(positions.values()))
    data_rows = _data_rows(body, first + 2, places)
    rows_read = [(number, raw) for number, raw, footer in data_rows if not footer]
    if not rows_read:
        result.errors.append(RowError(0, "", "文件只有表头，没有数据行"))
        return result
    if len(rows_read) < len(data_rows):  # the footer lines
        for number, raw, footer in data_rows:
            if footer:
                result.warnings.append(f"第 {number} 行“{row_texts([raw])[:30]}”是表尾说明或合计行，不导入")
    # Column by column: a cell's outcome (its value, or why it is refused) depends on its column and its
    # value only, so each distinct value of a column is read once and the rows are then filled from those.
    keys, outcomes, refused = [], [], []
    raws = [raw for _, raw in rows_read]
    # every row as long as the columns read (a csv's rows are): each column's cells are taken by C code
    whole = min(map(len, raws)) > max(places, default=-1)
    for column in columns:
        if column.key in fixed:
            continue
        position = positions.get(column.key)
        read_cell = _cell_reader(column, parse, sheet)
        if position is None:
            cells: list[Any] = []  # none to read (below)
        elif whole:
            cells = list(map(itemgetter(position), raws))
        else:
            cells = [raw[position] if position < len(raw) else None for raw in raws]
        texts = _plain_texts(cells) if cells and column.parse is text else None
        if position is None:  # a column the file leaves out: the same empty cell on every row
            blank = read_cell(None)
            found, problems = [blank] * len(raws), type(blank) is _Refused
        elif texts is not None:
            found, problems = texts, False
        elif _PLAIN_CELLS.issuperset(map(type, cells)):  # csv: text only; a dict of distinct values
            distinct = dict.fromkeys(cells)
            for value in distinct:
                distinct[value] = read_cell(value)
            found = list(map(distinct.__getitem__, cells))
            problems = any(type(o) is _Refused for o in distinct.values())
        else:
            seen: dict[Any, Any] = {}
            found = []
            for value in cells:
                key = (type(value), value)  # 1, 1.0 and True are one dict key; their cells differ
                try:
                    outcome = seen[key]
                except KeyError:
                    outcome = seen[key] = read_cell(value)
                except TypeError:  # an unhashable cell value: read as it is
                    outcome = read_cell(value)
                found.append(outcome)
            problems = any(type(o) is _Refused for o in found)
        if problems:
            refused += [
                (index, len(keys), RowError(rows_read[index][0], column.label, outcome.message))
                for index, outcome in enumerate(found)
                if type(outcome) is _Refused
            ]
        keys.append(column.key)
        outcomes.append(found)
    # in row order, and in a row in column order, as a reader going row by row reports them
    refused.sort(key=lambda item: (item[0], item[1]))
    result.errors += [error for _, _, error in refused]
    # each row: {"_row": …, **fixed, **dict(zip(keys, its values))}, made by C code
    numbers = list(map(itemgetter(0), rows_read))
    named = ("_row", *fixed, *keys)
    parsed_rows = list(
        map(dict, map(zip, repeat(named), zip(numbers, *map(repeat, fixed.values()), *outcomes)))
    )
    for index in sorted({index for index, _, _ in refused}):
        # a refused cell's key is left out (a required blank one's is None)
        parsed = {"_row": numbers[index], **fixed}
        for key, found in zip(keys, outcomes):
            value = found[index]
            if type(value) is not _Refused:
                parsed[key] = value
            elif value.blank:
                parsed[key] = None
        parsed_rows[index] = parsed
    result.rows += parsed_rows
    return result


def _data_rows(
    body: list[list[Any]], first_number: int, places: list[int]
) -> list[tuple[int, list[Any], bool]]:
    """(number, row, is a footer) of each row of ``body`` (numbered from ``first_number``) that is a data
    row or a footer line (:func:`is_footer`); a row with nothing in the cells at ``places`` (only a 序号,
    or formatting) is a blank row and left out."""
    firsts = [row[0] if row else None for row in body]
    if not _PLAIN_CELLS.issuperset(map(type, firsts)):
        return [
            (number, raw, footer)
            for number, raw in zip(count(first_number), body)
            if (footer := is_footer(raw)) or _fills_any(raw, places)
        ]
    # is_footer reads a row's first filled cell: a first cell that is text, not blank and without a
    # footer's words makes the row no footer. A sheet's first column repeats a few dates or classes: each
    # distinct one is looked at once, not every row's cells.
    plain = {
        value: value is not None and bool(value.strip()) and not FOOTER_RE.search(value.strip())
        for value in dict.fromkeys(firsts)
    }
    first_read = bool(places) and places[0] == 0  # that cell is one of the columns read: a data row
    if first_read and all(map(plain.__getitem__, firsts)):
        return list(zip(count(first_number), body, repeat(False)))
    found = []
    for number, raw, first in zip(count(first_number), body, firsts):
        if plain[first]:
            if first_read or _fills_any(raw, places):
                found.append((number, raw, False))
        elif (footer := is_footer(raw)) or _fills_any(raw, places):
            found.append((number, raw, footer))
    return found


def _plain_texts(cells: list[Any]) -> list[str] | None:
    """What :func:`preview` reads from each cell of a :func:`text` column whose cells are all text that is
    read as it is once stripped (none blank, a formula or too long): the stripped texts, by C code, not
    a read of each cell (free text such as 作业内容 differs on every row). None: some cell needs reading."""
    if not cells or set(map(type, cells)) != {str}:
        return None
    values = list(map(str.strip, cells))
    if min(map(len, values)) == 0 or max(map(len, values)) > MAX_CELL_CHARS:
        return None
    if any(map(str.startswith, values, repeat("="))):
        return None
    return values


_PLAIN_CELLS = frozenset({str, type(None)})


def _fills_any(raw: list[Any], places: list[int]) -> bool:
    """Whether a row has anything in one of the cells at ``places``."""
    width = len(raw)
    for place in places:
        if place < width:
            cell = raw[place]
            if cell is not None and not (isinstance(cell, str) and not cell.strip()):
                return True
    return False


@dataclass(frozen=True)
class _Refused:
    """A cell :func:`preview` refuses, and why; ``blank``: a required cell left empty (its key is None)."""

    message: str
    blank: bool = False


def _cell_reader(column: Column, parse: Callable[[Column, Any], Any], sheet: Sheet) -> Callable[[Any], Any]:
    """What :func:`preview` makes of one cell of ``column``: its value, or a :class:`_Refused`."""
    dated = column.parse in _DATE_PARSERS

    def read_cell(value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip() or None  # a blank cell
        if isinstance(value, str):
            if value.startswith("=") and len(value) > 1:
                return _Refused("单元格是公式，请粘贴为数值后再导入")
            if len(value) > MAX_CELL_CHARS:
                return _Refused("内容过长")
        if value is None:
            return _Refused("不能为空", blank=True) if column.required else None
        if dated and isinstance(value, int | float) and not isinstance(value, bool):
            if 20_000 < value < 80_000:  # a date serial that lost its format, in this workbook's system
                value = sheet.excel_date(value)
        try:
            return parse(column, value)
        except CellError as error:
            return _Refused(str(error))

    return read_cell


# ------------------------------------------------------------------ cell parsers


EXCEL_DIGITS = 15


def number_text(value: int | float) -> str:
    """A numeric cell as the digits typed. Excel keeps 15 significant digits, so a longer whole number
    has already lost its last ones (330106201702131971 is saved as 330106201702131000): refuse it."""
    if isinstance(value, float) and not value.is_integer():
        return str(value)
    whole = int(value)
    if len(str(abs(whole))) > EXCEL_DIGITS:
        raise CellError(
            f"数字超过 15 位（Excel 显示为 {float(value):.5E}），末几位已经丢失；请把该列设为文本后重新输入"
        )
    return str(whole)


def text(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number_text(value)
    return str(value).strip()


def integer(value: Any, *, low: int = 0, high: int = 10_000) -> int:
    if isinstance(value, bool):
        raise CellError("应为整数")
    if isinstance(value, int | float):
        number = value
    else:
        cleaned = str(value).strip().replace("分钟", "").replace("分", "").replace(",", "")
        try:
            number = float(cleaned)
        except ValueError:
            raise CellError(f"“{value}”不是数字") from None
    if number != number or number in (float("inf"), float("-inf")):  # "nan", "1e400"
        raise CellError(f"“{value}”不是数字")
    if number != int(number):
        raise CellError(f"“{value}”应为整数")
    if not low <= number <= high:
        raise CellError(f"{int(number)} 超出合理范围（{low}–{high}）")
    return int(number)


def minutes(value: Any) -> int:
    return integer(value, low=0, high=600)


DATE_PATTERNS = [
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
]


def date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20_000 < value < 80_000:  # an Excel serial date that lost its format
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
        value = text(value)
    cleaned = str(value).strip().split(" ")[0]
    for pattern in DATE_PATTERNS:
        match = pattern.match(cleaned)
        if match:
            try:
                return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            except ValueError:
                raise CellError(f"“{value}”不是有效日期") from None
    raise CellError(f"“{value}”不是日期（应为 2026-11-23 这样的格式）")


def school_date(value: Any) -> dt.date:
    """The parser of a register's own date (the day a record is about). :func:`preview` reads it with the
    school calendar (:meth:`SchoolDates.read`): it must lie in a term, and “11月3日” takes the term's year."""
    return date(value)


def calendar_date(value: Any) -> dt.date:
    """The parser of a register's other dates (有效期至): read like :func:`school_date` by :func:`preview`,
    but only refused when it lies far outside the school calendar."""
    return date(value)


_DATE_PARSERS = (date, school_date, calendar_date)
MONTH_DAY_PATTERNS = [
    re.compile(r"^(\d{1,2})月(\d{1,2})[日号]?$"),
    re.compile(r"^(\d{1,2})[/.-](\d{1,2})$"),
]
# How far outside the calendar's terms a date other than the record's own may lie (有效期至 next summer).
CALENDAR_MARGIN = dt.timedelta(days=366)


@dataclass(frozen=True)
class TermSpan:
    label: str  # 2026-2027学年第一学期
    start: dt.date
    end: dt.date
    school_year: str = ""  # 2026-2027


class SchoolDates:
    """The one date check of every import: a record's date must lie in a term of the school calendar.

    ``SchoolDates.of(db)`` loads the terms once. :meth:`problem` says in plain Chinese why a date is
    refused (None: fine); :meth:`read` parses a cell (also “11月3日”: the year of the term that has that
    day) and raises CellError with that reason; :meth:`refuse_outside` checks the dates of rows a register
    built itself (a week sheet, a questionnaire). Packages use :meth:`problem` on their rows' dates."""

    def __init__(self, terms: Iterable[TermSpan], today: dt.date | None = None) -> None:
        self.terms = sorted(terms, key=lambda t: t.start)
        self.today = today
        self._read: dict[tuple[str, bool], dt.date | CellError] = {}  # date texts read before

    @classmethod
    def of(cls, db: Any, today: dt.date | None = None) -> SchoolDates:
        from fivemgmt import clock
        from fivemgmt.calendar import SchoolCalendar

        spans = [TermSpan(t.label, t.start, t.end, t.school_year) for t in SchoolCalendar(db).terms]
        return cls(spans, today or clock.today())

    def term_for(self, day: dt.date) -> TermSpan | None:
        return next((t for t in self.terms if t.start <= day <= t.end), None)

    def _listing(self) -> str:
        shown = self.terms[-3:]
        text = "；".join(f"{t.label} {t.start.isoformat()}–{t.end.isoformat()}" for t in shown)
        return ("……；" if len(self.terms) > len(shown) else "") + text

    def problem(self, day: dt.date, *, in_term: bool = True) -> str | None:
        """Why ``day`` cannot be imported (None: it can). ``in_term``: the record's own date; else a date
        that may lie up to a year outside the calendar (有效期至)."""
        if not self.terms:
            return "学校日历中还没有学期，无法核对日期：请先在“设置”中填写学期起止日期"
        if in_term:
            if self.term_for(day) is None:
                return f"{day.isoformat()} 不在学校日历的任何学期内（{self._listing()}），请检查日期"
            return None
        first, last = self.terms[0].start - CALENDAR_MARGIN, self.terms[-1].end + CALENDAR_MARGIN
        if not first <= day <= last:
            return (
                f"{day.isoformat()} 与学校日历（{self.terms[0].start.isoformat()}–"
                f"{self.terms[-1].end.isoformat()}）相差一年以上，请检查日期"
            )
        return None

    def read(self, value: Any, *, in_term: bool = True) -> dt.date:
        """A date cell, checked against the calendar; CellError (plain Chinese) when it is refused."""
        if not isinstance(value, str):
            return self._read_cell(value, in_term)
        # a register repeats its days row after row: each text is read and checked once
        found = self._read.get((value, in_term))
        if found is None:
            try:
                found = self._read_cell(value, in_term)
            except CellError as error:
                found = error
            self._read[(value, in_term)] = found
        if isinstance(found, CellError):
            raise CellError(str(found))
        return found

    def _read_cell(self, value: Any, in_term: bool) -> dt.date:
        day = self._month_day(value) if isinstance(value, str) else None
        if day is None:
            day = date(value)
        why = self.problem(day, in_term=in_term)
        if why:
            raise CellError(why)
        return day

    def _month_day(self, value: str) -> dt.date | None:
        """“11月3日” / “11-3”: the day of that month and day in a term (the current term first); None when
        the text is not of that form."""
        cleaned = value.strip().split(" ")[0]
        match = next((m for p in MONTH_DAY_PATTERNS if (m := p.match(cleaned))), None)
        if match is None:
            return None
        month, day_of_month = int(match.group(1)), int(match.group(2))
        found: dict[dt.date, TermSpan] = {}
        for term in self.terms:
            for year in range(term.start.year, term.end.year + 1):
                try:
                    candidate = dt.date(year, month, day_of_month)
                except ValueError:
                    continue
                if term.start <= candidate <= term.end:
                    found[candidate] = term
        if not found:
            if not 1 <= month <= 12 or not 1 <= day_of_month <= 31:
                raise CellError(f"“{value}”不是有效日期")
            raise CellError(
                f"“{value}”没有写年份，学校日历的学期（{self._listing() or '尚未填写'}）中没有这一天，请写完整日期"
            )
        if len(found) > 1 and self.today is not None:
            current = self.term_for(self.today)
            mine = [d for d, t in found.items() if t == current]
            if len(mine) == 1:
                return mine[0]
        if len(found) > 1:
            days = "、".join(d.isoformat() for d in sorted(found))
            raise CellError(f"“{value}”没有写年份，学校日历中有多个学期含这一天（{days}），请写完整日期")
        return next(iter(found))

    def refuse_outside(
        self, result: Preview, key: str, column: str | Callable[[dict], str], *, in_term: bool = True
    ) -> None:
        """Refuse (as errors, by row and column) and drop the rows whose ``row[key]`` date the calendar
        refuses; ``column``: the column's header, or a function giving it for a row."""
        kept = []
        for row in result.rows:
            day = row.get(key)
            why = self.problem(day, in_term=in_term) if isinstance(day, dt.date) else None
            if why:
                label = column(row) if callable(column) else column
                result.errors.append(RowError(row.get("_row", 0), label, why))
            else:
                kept.append(row)
        result.rows[:] = kept


TIME_RE = re.compile(r"^(\d{1,2})\s*[:：点时]\s*(\d{1,2})?\s*分?$")


def clock(value: Any) -> dt.time:
    """'21:30', '21点30', '21:30:00', an Excel time or fraction of a day."""
    if isinstance(value, dt.datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, float) and 0 <= value < 1:
        total = round(value * 24 * 60)
        return dt.time(total // 60 % 24, total % 60)
    cleaned = str(value).strip()
    if cleaned.count(":") == 2:
        cleaned = cleaned.rsplit(":", 1)[0]
    match = TIME_RE.match(cleaned)
    if not match:
        raise CellError(f"“{value}”不是时刻（应为 21:30 这样的格式）")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        raise CellError(f"“{value}”不是有效时刻")
    return dt.time(hour, minute)


def choice(mapping: dict[str, Any]) -> Callable[[Any], Any]:
    """A parser accepting any of the mapping's keys (after normalisation)."""
    normalized = {normalize_header(k): v for k, v in mapping.items()}

    known: dict[str, Any] = {}  # cells as typed, read before (a column repeats a few values)

    def parse(value: Any) -> Any:
        if isinstance(value, str) and value in known:
            return known[value]
        key = normalize_header(text(value))
        if key in normalized:
            if isinstance(value, str):
                known[value] = normalized[key]
            return normalized[key]
        allowed = "、".join(dict.fromkeys(str(k) for k in mapping))
        raise CellError(f"“{value}”不是可选值（{allowed}）")

    return parse


sex = choice(
    {"男": "男", "女": "女", "1": "男", "2": "女", "m": "男", "f": "女", "male": "男", "female": "女"}
)

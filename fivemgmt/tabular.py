"""Checking import files the way schools fill them, all-or-nothing (the file is read into rows by
:mod:`fivemgmt.sheets`, each cell by a parser of :mod:`fivemgmt.parsers`).

An import is two steps: :func:`preview` reads and checks every row without writing anything, and the
area's ``commit`` writes all rows in one transaction only when the preview has no errors. Columns are
matched by header name (order does not matter), with the spelling variants schools use. The header row is
found by name below any title rows; merged cells count for every cell they cover; 序号 columns, blank
formatted rows and signature/footer lines (班主任（签字）：…) are ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import count, repeat
from operator import itemgetter
from pathlib import Path
from typing import Any

from fivemgmt import bulk
from fivemgmt.errors import UserError
from fivemgmt.parsers import (
    DATE_PARSERS,
    CellError,
    calendar_date,
    date,
    normalize_header,
    school_date,
    text,
)
from fivemgmt.sheets import HEADER_SCAN_ROWS, MAX_CELL_CHARS, Sheet, blank_as_none, is_blank_row, read_sheet

# A line under the table that is not data: signatures, the form's footer notes, a totals line.
FOOTER_RE = re.compile(
    r"签字|签名|签章|盖章|制表|填表人|审核|负责人|联系电话|^(注|说明|备注)[:：]|^(合计|总计|小计)"
)


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
        if is_blank_row(row):
            continue
        score = len(match_columns(row, columns)[0])
        if score > best_score:
            best, best_score = index, score
    if best is None:
        best = next((i for i, row in enumerate(rows) if not is_blank_row(row)), None)
    return best


def row_texts(rows: Iterable[list[Any]]) -> str:
    """The distinct texts of some rows, in order (a merged title fills every cell it covers)."""
    texts = (str(c).strip() for row in rows for c in row if blank_as_none(c) is not None)
    return " ".join(dict.fromkeys(texts))


def is_footer(row: list[Any]) -> bool:
    """A signature or note line under the table (班主任（签字）：…, 制表人：…, 合计…), not a data row."""
    filled, first = 0, None
    for cell in row:
        if cell is None or (
            isinstance(cell, str) and not cell.strip()
        ):  # blank_as_none(cell) is None, inline
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
    dated = column.parse in DATE_PARSERS

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


# ------------------------------------------------------------------ the school calendar's dates


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

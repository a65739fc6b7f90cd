"""The checks a stored row must pass, whatever way it arrives (a package, a restore, a file edited by hand).

:func:`check_row` applies to one row of a record table what the app checks when the row is typed: dates
are real ISO dates, numbers are numbers, and each area's own validation (作业时长 0–600 分钟, 作业类型, 睡眠
3–16 小时, …) through that area's record class. Package import refuses a package holding a row that fails
(fivemgmt.exchange.merge); the week summary shows a row that fails and is already stored as a finding
instead of failing with an internal error (:func:`stored_problems`, fivemgmt.summary).

:func:`calendar_problem` checks a row's school dates against the receiving school's calendar, as every
importer does (:class:`fivemgmt.tabular.SchoolDates`): the day a record is about lies in a term, other
dates (有效期至, 整改期限) within a year of the calendar.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import operator
import re
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from sqlite_utils import Database

from fivemgmt.errors import UserError

DATE_NAMES = {
    "date",
    "valid_until",
    "deadline",
    "period_start",
    "period_end",
    "effective_from",
    "effective_to",
}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TIMESTAMPS = {"updated_at"}
T = TypeVar("T")
# Dates that may lie outside the calendar's terms, checked as 有效期至 is (within a year of the calendar):
# moves are dated the day they were recorded, holidays included (a 转入 in August); fitness results belong
# to a school year and keep last year's test day (the calendar may hold only this year's terms).
OUTSIDE_TERMS = {"student_moves", "fitness_results"}


@functools.cache
def is_date_column(column: str) -> bool:
    return column in DATE_NAMES or column.endswith(("_date", "_on"))


@functools.cache
def _area_checks() -> dict[str, Callable[[dict], None]]:
    from fivemgmt.areas import activity, afterschool, phone, reading, sleep
    from fivemgmt.areas import homework as hw

    def check_reading(row: dict) -> None:
        reading.validate_book(reading.Book.from_row(row))

    return {
        hw.ENTRIES: lambda row: hw._validate(hw.Entry.from_row(row)),
        sleep.RECORDS: lambda row: sleep._validate(sleep.SleepRecord.from_row(row)),
        phone.APPLICATIONS: lambda row: phone._validate_application(phone.Application.from_row(row)),
        reading.BOOKS: check_reading,
        activity.DAYS: lambda row: activity.validate(activity.ActivityDay.from_row(row)),
        afterschool.DAYS: lambda row: afterschool.validate(afterschool.ServiceDay.from_row(row)),
        "classes": _check_class,
        "students": _check_named,
        "teachers": _check_named,
        "subjects": _check_named,
    }


def _check_class(row: dict) -> None:
    if not isinstance(row.get("grade"), int) or not 1 <= row["grade"] <= 12:
        raise UserError("年级应为 1–12。")
    if not isinstance(row.get("number"), int) or not 1 <= row["number"] <= 99:
        raise UserError("班号应为 1–99。")
    _check_named(row)


def _check_named(row: dict) -> None:
    if not str(row.get("name") or "").strip():
        raise UserError("名称不能为空。")


@functools.cache
def _cell_check(column: str, kind: str) -> str | None:
    """Which check a cell of this column and declared type gets in :func:`check_row` (None: none), decided
    once per column rather than once per cell."""
    if is_date_column(column):
        return "date"
    if column in TIMESTAMPS:
        return "time"
    if kind.startswith("INT"):
        return "integer"
    if kind in ("FLOAT", "REAL"):
        return "number"
    return None


def _column_kinds(db: Database, table: str) -> dict[str, str]:
    from fivemgmt import records

    return records.declared_types(db, table)  # asked of SQLite once per table, not once per row


def check_row(
    db: Database, table: str, row: dict[str, Any], kinds: dict[str, str] | None = None
) -> str | None:
    """Why this row of ``table`` would not be accepted if typed in (a plain sentence), or None.

    ``kinds``: the table's declared column types, when the caller checks many rows (or use
    :class:`RowChecks`, which also judges each date text once)."""
    return RowChecks(db, table, kinds).cells(row)


def calendar_problem(
    dates: Any, table: str, row: dict[str, Any], old: dict[str, Any] | None = None
) -> str | None:
    """Why a school date of this row does not fit the school calendar (``dates``: a
    :class:`fivemgmt.tabular.SchoolDates`), or None. A date the stored row already has is not checked again;
    a deleted row is not (its dates show nowhere); 出生日期 is not a school date."""
    return RowChecks(None, table, {}, dates).calendar(row, old)


_UNSET = "?"  # not a check's name: a column not looked at yet
_given = functools.partial(operator.is_not, None)


class RowChecks:
    """:func:`check_row` and :func:`calendar_problem` for many rows of one table (a package merge checks
    every row it writes): each column's check is decided once, each date or time text judged once (a
    register repeats its days and times), and a row is first judged by the checked columns alone; only a
    row that fails there is checked again cell by cell in its own order, for the message."""

    def __init__(
        self, db: Database | None, table: str, kinds: dict[str, str] | None = None, dates: Any = None
    ) -> None:
        from fivemgmt.exchange.xlsx import NOT_SCHOOL_DATES

        self.table = table
        self.kinds = kinds if kinds is not None else _column_kinds(db, table)  # type: ignore[arg-type]
        self.dates = dates  # a tabular.SchoolDates, or None: no calendar check in problem()
        self._area = _area_checks().get(table)
        self._checks: dict[str, str | None] = {}  # column -> _cell_check's answer
        self._texts: dict[tuple[str, str], str | None] = {}  # (check, text) -> its problem
        self._days: dict[tuple[str, str], str | None] = {}  # (column, text) -> its calendar problem
        # what block_passes found fine, so a block's texts already judged are set aside at once
        self._fine_dates: set[str | None] = {None}
        self._fine_days: dict[str, set[str | None]] = {}  # column -> texts whose _day is None
        # the table's own columns: which are checked, which hold school dates
        self._columns = frozenset(self.kinds)
        self._plan = [(c, k) for c in self.kinds if (k := _cell_check(c, self.kinds[c])) is not None]
        self._school_dates = [c for c, k in self._plan if k == "date" and c not in NOT_SCHOOL_DATES]

    def problem(self, row: dict[str, Any], old: dict[str, Any] | None = None) -> str | None:
        """check_row's problem, else (when given the calendar) calendar_problem's."""
        if self._passes(row, old):
            return None
        found = self.cells(row)
        if found is None and self.dates is not None:
            found = self.calendar(row, old)
        return found

    def _passes(self, row: dict[str, Any], old: dict[str, Any] | None) -> bool:
        """Whether :meth:`problem` finds nothing, judged column by column of the table in any order (False
        also when unsure: a column the table does not have)."""
        if not row.keys() <= self._columns:
            return False
        get, texts = row.get, self._texts
        for column, check in self._plan:
            value = get(column)
            if value is None:
                continue
            kind = type(value)
            if kind is str and check == "date":
                if texts.get((check, value), _UNSET) is not None and self._text(check, value):
                    return False
            elif kind is str and check == "time":  # a time is seldom repeated: not kept
                try:
                    dt.datetime.fromisoformat(value)
                except ValueError:
                    return False
            elif not (
                (check == "integer" and kind is int) or (check == "number" and kind in (int, float))
            ) and _cell_problem(check, column, value):
                return False
        deleted = get("deleted")
        if deleted not in (None, 0, 1):
            return False
        if self._area is not None and not deleted:
            try:
                self._area(row)
            except (UserError, KeyError, ValueError, TypeError, AttributeError):
                return False
        if self.dates is not None and not deleted:
            days = self._days
            for column in self._school_dates:
                value = get(column)
                if (
                    isinstance(value, str)
                    and (old is None or old.get(column) != value)
                    and days.get((column, value), _UNSET) is not None
                    and self._day(column, value)
                ):
                    return False
        return True

    def cells(self, row: dict[str, Any]) -> str | None:
        """What :func:`check_row` says of ``row``."""
        checks = self._checks
        for column, value in row.items():
            if value is None:
                continue
            check = checks.get(column, _UNSET)
            if check is _UNSET:
                check = checks[column] = _cell_check(column, self.kinds.get(column, ""))
            if check is None:
                continue
            if type(value) is str and check in ("date", "time"):
                found = self._text(check, value)
            else:
                found = _cell_problem(check, column, value)
            if found:
                return found
        if row.get("deleted") not in (None, 0, 1):
            return "删除标记不对。"
        return self.area(row)

    def area(self, row: dict[str, Any]) -> str | None:
        """What the area's own validation says of ``row`` (the last of check_row's checks)."""
        if self._area is None or row.get("deleted"):
            return None
        try:
            self._area(row)
        except UserError as error:
            return str(error)
        except (KeyError, ValueError, TypeError, AttributeError):
            return "数据格式不对。"
        return None

    def block_passes(
        self, columns: list[str], cells: list[tuple], types: list[set[type]] | None = None
    ) -> bool:
        """Whether :meth:`problem` finds nothing in any row of a block but what :meth:`area` finds, judged
        a column at a time: ``cells[i]`` are the values of ``columns[i]``, a row being a new record (no
        stored row) of those columns; ``types[i]``, when the caller has them, the types of those values.
        False also when unsure (a column the table does not have)."""
        if not set(columns) <= self._columns:
            return False
        at = dict(zip(columns, cells))
        typed = dict(zip(columns, types)) if types is not None else {}
        for column, check in self._plan:
            values = at.get(column)
            if not values:
                continue
            kinds = (typed[column] if column in typed else set(map(type, values))) - {type(None)}
            if check == "integer":
                good = kinds <= {int}
            elif check == "number":
                good = kinds <= {int, float}
            elif not kinds <= {str}:
                good = False
            elif check == "date":  # each text judged once: a register repeats its days
                fresh = set(values) - self._fine_dates
                good = not any(self._text(check, v) for v in fresh)
                if good:
                    self._fine_dates |= fresh
            else:
                try:
                    deque(map(dt.datetime.fromisoformat, filter(_given, values)), 0)
                except ValueError:
                    good = False
                else:
                    good = True
            if not good:
                return False
        if not set(at.get("deleted", ())) <= {None, 0, 1}:
            return False
        if self.dates is not None:  # deleted rows too: stricter than problem(), never more lenient
            for column in self._school_dates:
                fine = self._fine_days.setdefault(column, {None})
                fresh = set(at.get(column, ())) - fine
                if any(self._day(column, v) for v in fresh):
                    return False
                fine |= fresh
        return True

    def calendar(self, row: dict[str, Any], old: dict[str, Any] | None = None) -> str | None:
        """What :func:`calendar_problem` says of ``row`` (stored as ``old``) against ``self.dates``."""
        from fivemgmt.exchange.xlsx import NOT_SCHOOL_DATES

        if row.get("deleted"):
            return None
        for column, value in row.items():
            if not isinstance(value, str) or not is_date_column(column) or column in NOT_SCHOOL_DATES:
                continue
            if old is not None and old.get(column) == value:
                continue
            found = self._day(column, value)
            if found:
                return found
        return None

    def _text(self, check: str, text: str) -> str | None:
        key = (check, text)
        if key not in self._texts:
            self._texts[key] = _cell_problem(check, "", text)
        return self._texts[key]

    def _day(self, column: str, text: str) -> str | None:
        from fivemgmt.exchange.xlsx import TERM_DATE_COLUMNS

        key = (column, text)
        if key not in self._days:
            try:
                day = dt.date.fromisoformat(text)
            except ValueError:
                self._days[key] = None  # not a date at all: check_row says so
            else:
                in_term = column in TERM_DATE_COLUMNS and self.table not in OUTSIDE_TERMS
                why = self.dates.problem(day, in_term=in_term)
                self._days[key] = why + "。" if why else None
        return self._days[key]


def _cell_problem(check: str, column: str, value: Any) -> str | None:
    """Why one cell (not None) fails its column's check (:func:`_cell_check`), or None."""
    if check == "date":
        if not isinstance(value, str) or not ISO_DATE.match(value):
            return f"日期“{value}”不是有效的日期（应为 YYYY-MM-DD）。"
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return f"日期“{value}”不存在。"
    elif check == "time":
        try:
            dt.datetime.fromisoformat(str(value))
        except ValueError:
            return f"修改时间“{value}”不是有效的时间。"
    elif check == "integer" and (not isinstance(value, int) or isinstance(value, bool)):
        return f"“{column}”应为整数，而不是“{str(value)[:20]}”。"
    elif check == "number" and not isinstance(value, (int, float)):
        return f"“{column}”应为数字，而不是“{str(value)[:20]}”。"
    return None


def stored_problems(db: Database, class_id: str, start: dt.date, end: dt.date) -> list[str]:
    """Stored rows of one class dated (as text) within start…end that fail :func:`check_row`, described."""
    from fivemgmt.tables import label

    found = []
    after_end = (end + dt.timedelta(days=1)).isoformat()
    for table in db.table_names():
        columns = db[table].columns_dict
        if not {"class_id", "date", "deleted", "id"} <= set(columns):
            continue
        for row in db.query(
            f"SELECT * FROM [{table}] WHERE class_id = ? AND deleted = 0 AND date >= ? AND date < ?",
            [class_id, start.isoformat(), after_end],
        ):
            problem = check_row(db, table, row)
            if problem:
                found.append(f"{label(table)} {row.get('date')}：{problem}")
    return found


def readable(table: str, rows: Iterable[dict], convert: Callable[[dict], T]) -> list[T]:
    """Rows converted to the area's record class, skipping (and logging) any the app could not have stored
    (a date such as “2026-11-30x”): they are reported as a finding by the week summary, never a crash."""
    result = []
    for row in rows:
        try:
            result.append(convert(row))
        except (ValueError, TypeError, KeyError):
            logging.getLogger(__name__).warning(
                "skipped an unreadable stored row of %s: %s", table, row.get("id")
            )
    return result


def bad_dates(db: Database, start: dt.date, end: dt.date) -> dict[tuple[str, str], list[str]]:
    """Stored rows dated (as text) within start…end whose date is not a real date, by (class id, area key)."""
    from fivemgmt.areas import AREA_KEYS
    from fivemgmt.tables import label

    found: dict[tuple[str, str], list[str]] = {}
    after_end = (end + dt.timedelta(days=1)).isoformat()
    dated = [  # one query for the layout: this runs with every week summary
        r[0]
        for r in db.execute(
            "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table'"
            " AND p.name IN ('class_id', 'date', 'deleted') GROUP BY m.name HAVING COUNT(*) = 3"
        )
    ]
    for table in dated:
        area = next((k for k in sorted(AREA_KEYS, key=len, reverse=True) if table.startswith(k + "_")), None)
        if area is None:
            continue
        for class_id, value in db.execute(
            f"SELECT class_id, date FROM [{table}] WHERE deleted = 0 AND date >= ? AND date < ?"
            " AND (length(date) != 10 OR date(date) IS NULL OR date(date) != date)",
            [start.isoformat(), after_end],
        ):
            found.setdefault((class_id, area), []).append(f"{label(table)}的日期“{value}”不是有效的日期")
    return found

"""Reading one cell of a school's sheet: text, whole numbers, minutes, dates, times of day and choices;
:class:`CellError` says in Chinese why a cell cannot be read. (A register's dates are read against the
school calendar by :class:`fivemgmt.tabular.SchoolDates`.)"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from typing import Any


class CellError(ValueError):
    """A cell that cannot be read; the message is Chinese and is shown with the row and column."""


def normalize_header(text: Any) -> str:
    """Header (and choice) text folded for matching, the one normaliser of every reader: NFKC (full-width
    letters, digits and brackets), no spaces, lower case, ×/* read as x."""
    text = unicodedata.normalize("NFKC", str(text if text is not None else ""))
    text = text.translate(str.maketrans("×*", "xx"))
    return re.sub(r"\s+", "", text).lower()


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
    """The parser of a register's own date (the day a record is about). :func:`fivemgmt.tabular.preview` reads it
    with the school calendar (:meth:`fivemgmt.tabular.SchoolDates.read`): it must lie in a term, and “11月3日” takes the term's year."""
    return date(value)


def calendar_date(value: Any) -> dt.date:
    """The parser of a register's other dates (有效期至): read like :func:`school_date` by
    :func:`fivemgmt.tabular.preview`, but only refused when it lies far outside the school calendar."""
    return date(value)


DATE_PARSERS = (date, school_date, calendar_date)


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

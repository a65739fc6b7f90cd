"""Parse raw fitness results as people type them and as spreadsheet cells hold them.

``parse_value(item, value)`` returns a ``Decimal`` in the item's unit (seconds for every timed item), already
rounded by the testing rules (50 m 9.11 -> 9.2, runs' fractions of a second up), or ``None`` for a blank.
Anything ambiguous or impossible raises ``FitnessValueError`` whose message names the row and column.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from fivemgmt.errors import UserError
from fivemgmt.fitness.tables import FitnessTables, ItemInfo, default_tables

# A cell with one of these marks the student as exempt (免予执行), e.g. 身高 = 免体 in the upload template.
EXEMPT_MARKERS = frozenset({"免测", "免体", "免试", "免考", "免予执行", "免于执行"})

UNIT_CN = {"s": "秒", "cm": "厘米", "kg": "千克", "ml": "毫升", "count": "次"}

_MIN_MARK = "['′’‘´`＇:：分]"
_SEC_MARK = "(?:\"|″|”|“|＂|''|′′|’’|秒)"
_MINSEC_RE = re.compile(rf"^(\d{{1,2}})\s*{_MIN_MARK}\s*(\d{{1,2}})(\.\d+)?\s*({_SEC_MARK})?$")
_DOTTED_RE = re.compile(r"^(\d{1,2})\.(\d+)$")
_NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


class FitnessValueError(UserError):
    """A raw value that cannot be accepted; ``str()`` is a Chinese message naming row and column."""

    def __init__(self, message: str, *, row: int | None = None, column: str | None = None) -> None:
        self.detail = message
        self.row = row
        self.column = column
        where = ""
        if row is not None:
            where += f"第{row}行"
        if column:
            where += f"「{column}」"
        super().__init__(f"{where}: {message}" if where else message)


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def is_exempt_marker(value: Any) -> bool:
    """True for 免测 / 免体 and similar cells."""
    return isinstance(value, str) and value.strip() in EXEMPT_MARKERS


def _decimal_of(value: int | float | Decimal) -> Decimal:
    # repr() of a float is the shortest text that round-trips, so 9.11 stays 9.11 (not 9.1099999...).
    return (
        value
        if isinstance(value, Decimal)
        else Decimal(repr(value))
        if isinstance(value, float)
        else Decimal(value)
    )


def _clean_text(value: str) -> str:
    # NFKC folds full-width digits and signs (９．５ -> 9.5) but keeps the prime marks we look for.
    text = unicodedata.normalize("NFKC", value.strip())
    return text.replace("−", "-")


def _minsec_from_text(text: str) -> Decimal:
    match = _MINSEC_RE.match(text)
    if match:
        minutes, seconds, fraction, sec_mark = match.groups()
        if len(seconds) == 1 and not sec_mark:
            # 3'4 could be 3'04 or 3'40
            raise ValueError(f"“{text}”秒数应写两位，如 {minutes}'0{seconds} 或 {minutes}'{seconds}0")
        return _minsec(int(minutes), Decimal(seconds + (fraction or "")), text)
    match = _DOTTED_RE.match(text)
    if match:
        minutes, digits = match.groups()
        if len(digits) != 2:
            # 3.4 could be 3'04 or 3'40; the upload system's m.ss form needs two-digit seconds
            raise ValueError(f"“{text}”含义不明：分.秒 格式的秒数必须写两位，如 3.40 表示3分40秒")
        return _minsec(int(minutes), Decimal(digits), text)
    if _NUMBER_RE.match(text):
        raise ValueError(f"“{text}”含义不明：请写成 分'秒 (如 3'40\") 或 分.秒 (如 3.40)")
    raise ValueError(f"“{text}”不是有效的时间，请写成 分'秒 (如 3'40\") 或 分.秒 (如 3.40)")


def _minsec(minutes: int, seconds: Decimal, shown: str) -> Decimal:
    if seconds >= 60:
        raise ValueError(f"“{shown}”的秒数不能超过59")
    return minutes * 60 + seconds


def _minsec_from_number(number: Decimal) -> Decimal:
    # A spreadsheet turns a typed 3.40 into the number 3.4, so a numeric cell is always minutes.seconds:
    # the fraction's first two digits are the seconds (3.4 -> 3'40, 3.05 -> 3'05, 3.405 -> 3'40.5).
    if number < 0:
        raise ValueError("时间不能为负数")
    minutes = int(number)
    seconds = (number - minutes) * 100
    return _minsec(minutes, seconds, f"{number}")


def _minsec_from_time(value: dt.time) -> Decimal:
    micro = Decimal(value.microsecond) / 1_000_000
    if value.hour and not value.second and not micro:
        # Excel reads a typed 3:40 as 3 h 40 min; nobody runs 800 m in hours, so it means 3'40.
        return _minsec(value.hour, Decimal(value.minute), f"{value.hour}:{value.minute:02d}")
    return Decimal(value.hour * 3600 + value.minute * 60 + value.second) + micro


def _raw_decimal(info: ItemInfo, value: Any) -> Decimal:
    """The value as a Decimal in the item's unit, before rounding and range checks."""
    if isinstance(value, bool):
        raise ValueError(f"“{value}”不是数字")
    if info.kind == "minsec":
        if isinstance(value, dt.datetime):
            raise ValueError(f"“{value}”是日期，不是时间成绩")
        if isinstance(value, dt.time):
            return _minsec_from_time(value)
        if isinstance(value, dt.timedelta):
            return Decimal(str(value.total_seconds()))
        if isinstance(value, int | float | Decimal):
            return _minsec_from_number(_decimal_of(value))
        return _minsec_from_text(_clean_text(str(value)))
    if isinstance(value, int | float | Decimal):
        return _decimal_of(value)
    if isinstance(value, dt.date | dt.time | dt.timedelta):
        raise ValueError(f"“{value}”不是数字")
    text = _clean_text(str(value))
    if info.kind == "seconds" and re.search(f"{_MIN_MARK}|{_SEC_MARK}", text):
        raise ValueError(f"“{text}”：{info.name}只写秒数，带小数点，如 9.5")
    if not _NUMBER_RE.match(text):
        raise ValueError(f"“{text}”不是数字")
    return Decimal(text)


def _rounded(info: ItemInfo, number: Decimal, shown: Callable[[], str]) -> Decimal:
    step = Decimal(1).scaleb(-info.decimals)
    if number == number.quantize(step, rounding=ROUND_HALF_UP):
        return number.quantize(step)
    if info.rounding == "ceil":
        # testing rules: a timed result with any further non-zero digit goes up (9.11 -> 9.2, 3'40.2 -> 3'41)
        return number.quantize(step, rounding=ROUND_CEILING)
    if info.rounding == "halfup":
        return number.quantize(step, rounding=ROUND_HALF_UP)
    if info.decimals == 0:
        raise ValueError(f"“{shown()}”应为整数")
    raise ValueError(f"“{shown()}”最多保留{info.decimals}位小数")


def parse_value(
    item: str,
    value: Any,
    *,
    row: int | None = None,
    column: str | None = None,
    tables: FitnessTables | None = None,
) -> Decimal | None:
    """Parse one raw result for ``item`` (a key of items.csv: height, weight, lung, run50m, run800m, ...).

    Returns None for a blank cell. Timed runs come back in seconds (``3'40"`` -> 220), 50 m in seconds
    to 0.1 s, rounded up by the testing rules. Raises FitnessValueError (a UserError) with a message like
    ``第5行「50米跑」: “2”不合理，应在5到30s之间``. Exempt markers (免测) are rejected here: check them first
    with ``is_exempt_marker``.
    """
    tables = tables or default_tables()
    info = tables.items.get(item)
    if info is None or info.kind == "derived":
        raise FitnessValueError(f"未知的测试项目 {item}", row=row, column=column)
    column = column or info.name
    if is_blank(value):
        return None
    try:
        if type(value) in _REMEMBERED:
            return _remembered(info, (type(value), value), lambda: _parse(info, value))
        return _parse(info, value)
    except (ValueError, InvalidOperation) as error:
        raise FitnessValueError(str(error), row=row, column=column) from None


def _parse(info: ItemInfo, value: Any) -> Decimal:
    shown = str(value).strip()
    if is_exempt_marker(value):
        raise ValueError(f"“{shown}”表示免测，应登记为学生免测而不是成绩")
    return _checked(info, _raw_decimal(info, value), lambda: shown)


# A school's file repeats the same few hundred values of each item thousands of times (heights, 50 m
# times, 3'40): each is parsed once per item. The result depends on the item's row of items.csv and the
# value alone; only plain cells are remembered (the type is in the key, so 1, 1.0 and "1" stay apart), and
# a rejected value is not (its message names the row).
_REMEMBERED = (str, int, float)
_NUMBERS = (int, float)  # check_number's (its key starts with check_number: never a parse_value result)
_MEMO_LIMIT = 65536


def _remembered(info: ItemInfo, key: tuple, compute: Callable[[], Decimal]) -> Decimal:
    memo = info.memo
    found = memo.get(key)
    if found is None:
        found = compute()
        if len(memo) >= _MEMO_LIMIT:
            memo.clear()
        memo[key] = found
    return found


def check_number(
    item: str,
    value: int | float | Decimal,
    *,
    row: int | None = None,
    column: str | None = None,
    tables: FitnessTables | None = None,
) -> Decimal:
    """Round and range-check a number already in the item's unit (seconds for runs: 220, not 3.40)."""
    tables = tables or default_tables()
    info = tables.items.get(item)
    if info is None or info.kind == "derived":
        raise FitnessValueError(f"未知的测试项目 {item}", row=row, column=column)
    try:
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            raise ValueError(f"“{value}”不是数字")
        if type(value) in _NUMBERS:  # stored results (a school's year scored for every report): as above
            return _remembered(info, (check_number, type(value), value), lambda: _check_number(info, value))
        return _check_number(info, value)
    except (ValueError, InvalidOperation) as error:
        raise FitnessValueError(str(error), row=row, column=column or info.name) from None


def _check_number(info: ItemInfo, value: int | float | Decimal) -> Decimal:
    number = _decimal_of(value)

    def shown() -> str:  # only an error message shows it
        return _format(info, number) if number.is_finite() else str(value)

    return _checked(info, number, shown)


def _checked(info: ItemInfo, number: Decimal, shown: Callable[[], str]) -> Decimal:
    """The number rounded and range-checked; ``shown()`` is the value as the user gave it, for messages."""
    if not number.is_finite():
        raise ValueError(f"“{shown()}”不是数字")
    number = _rounded(info, number, shown)
    if number < 0 and info.min is not None and info.min >= 0:
        raise ValueError(f"“{shown()}”不能为负数")
    if (info.min is not None and number < info.min) or (info.max is not None and number > info.max):
        low = _format(info, info.min) if info.min is not None else ""
        high = _format(info, info.max) if info.max is not None else ""
        unit = "" if info.kind == "minsec" else UNIT_CN.get(info.unit, info.unit)
        raise ValueError(f"“{shown()}”不合理，应在{low}到{high}{unit}之间")
    return number


def format_value(item: str, value: Decimal | None, *, tables: FitnessTables | None = None) -> str:
    """Display/export text of a parsed value: runs as m'ss (220 -> 3'40), others as plain numbers."""
    if value is None:
        return ""
    tables = tables or default_tables()
    return _format(tables.items[item], value)


def _format(info: ItemInfo, value: Decimal) -> str:
    if info.kind == "minsec":
        minutes, seconds = divmod(value, 60)
        return f"{int(minutes)}'{int(seconds):02d}"
    return f"{value:f}"

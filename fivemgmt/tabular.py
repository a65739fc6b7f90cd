"""Reading import files (xlsx, xls, csv) the way schools fill them, all-or-nothing.

An import is two steps: :func:`preview` reads and checks every row without writing anything, and the
area's ``commit`` writes all rows in one transaction only when the preview has no errors. Columns are
matched by header name (order does not matter), with the spelling variants schools use.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fivemgmt.errors import UserError

MAX_ROWS = 100_000
MAX_CELL_CHARS = 2_000


class CellError(ValueError):
    """A cell that cannot be read; the message is Chinese and is shown with the row and column."""


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # the header as the school writes it
    aliases: tuple[str, ...] = ()
    required: bool = True
    parse: Callable[[Any], Any] = lambda value: value  # noqa: E731


@dataclass(frozen=True)
class RowError:
    row: int  # the row number the user sees in Excel (header is row 1)
    column: str
    message: str

    def __str__(self) -> str:
        where = f"第 {self.row} 行" if self.row else "文件"
        return f"{where}{f'“{self.column}”列' if self.column else ''}：{self.message}"


@dataclass
class Preview:
    """What an import would do. Nothing is written until the area's commit is called with it."""

    path: Path
    rows: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # e.g. {"new": 3, "changed": 1, "unchanged": 0}

    @property
    def ok(self) -> bool:
        return not self.errors

    def error_report(self, limit: int = 50) -> str:
        lines = [str(e) for e in self.errors[:limit]]
        if len(self.errors) > limit:
            lines.append(f"……另有 {len(self.errors) - limit} 处错误")
        return "\n".join(lines)

    def require_ok(self) -> None:
        if self.errors:
            raise UserError(
                f"“{self.path.name}”有 {len(self.errors)} 处错误，未导入任何数据：\n{self.error_report(20)}"
            )


def normalize_header(text: Any) -> str:
    text = str(text or "").strip()
    text = text.translate(str.maketrans("（）：　×Ｘｘ", "(): xxx"))
    return re.sub(r"\s+", "", text).lower()


def read_rows(path: Path) -> list[list[Any]]:
    """All non-empty rows of the first sheet (xlsx/xls) or of a csv, header first."""
    path = Path(path)
    if not path.exists():
        raise UserError(f"找不到文件：{path}")
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            rows = _read_xlsx(path)
        elif suffix == ".xls":
            rows = _read_xls(path)
        elif suffix in (".csv", ".txt"):
            rows = _read_csv(path)
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
    while rows and _is_blank_row(rows[-1]):
        rows.pop()
    if len(rows) > MAX_ROWS + 1:
        raise UserError(f"“{path.name}”超过 {MAX_ROWS} 行，请分批导入。")
    return rows


def _is_blank_row(row: list[Any]) -> bool:
    return all(_blank(c) is None for c in row)


def _blank(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _read_xlsx(path: Path) -> list[list[Any]]:
    values = _xlsx_cells(path, data_only=True)
    if any(cell is None for row in values for cell in row):
        # A formula Excel never calculated has no stored value: show it as a formula, not as an empty cell.
        formulas = _xlsx_cells(path, data_only=False)
        for row, formula_row in zip(values, formulas):
            for i, cell in enumerate(row):
                if cell is None and i < len(formula_row) and str(formula_row[i] or "").startswith("="):
                    row[i] = formula_row[i]
    return values


def _xlsx_cells(path: Path, *, data_only: bool) -> list[list[Any]]:
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=data_only)
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        return [list(row) for _, row in zip(range(MAX_ROWS + 2), rows)]
    finally:
        workbook.close()


def _read_xls(path: Path) -> list[list[Any]]:
    import xlrd

    book = xlrd.open_workbook(str(path))
    sheet = book.sheet_by_index(0)
    rows = []
    for r in range(min(sheet.nrows, MAX_ROWS + 2)):
        row = []
        for c in range(sheet.ncols):
            cell = sheet.cell(r, c)
            if cell.ctype == xlrd.XL_CELL_DATE:
                row.append(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
            else:
                row.append(cell.value)
        rows.append(row)
    return rows


def _read_csv(path: Path) -> list[list[Any]]:
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise UserError(f"“{path.name}”不是文本格式的 csv 文件。")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UserError(f"无法识别“{path.name}”的文字编码，请另存为 UTF-8 csv 或 xlsx。")
    return [list(row) for row in csv.reader(io.StringIO(text))]


def match_columns(header: list[Any], columns: Iterable[Column]) -> tuple[dict[str, int], list[RowError]]:
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
            errors.append(RowError(1, column.label, "缺少此列（请检查表头）"))
    return positions, errors


def preview(path: Path, columns: list[Column]) -> Preview:
    """Read and parse every row; errors are collected per row and column, nothing is written."""
    path = Path(path)
    result = Preview(path)
    rows = read_rows(path)
    first = next((i for i, row in enumerate(rows) if not _is_blank_row(row)), None)
    if first is None:
        result.errors.append(RowError(0, "", "文件是空的"))
        return result
    header, body = rows[first], rows[first + 1 :]
    positions, errors = match_columns(header, columns)
    if errors:
        result.errors.extend(errors)
        return result
    if all(_is_blank_row(row) for row in body):
        result.errors.append(RowError(0, "", "文件只有表头，没有数据行"))
        return result
    for number, raw in enumerate(body, start=first + 2):
        if _is_blank_row(raw):
            continue
        parsed: dict[str, Any] = {"_row": number}
        for column in columns:
            position = positions.get(column.key)
            value = _blank(raw[position]) if position is not None and position < len(raw) else None
            if isinstance(value, str):
                value = value.strip()
                if value.startswith("=") and len(value) > 1:
                    result.errors.append(RowError(number, column.label, "单元格是公式，请粘贴为数值后再导入"))
                    continue
                if len(value) > MAX_CELL_CHARS:
                    result.errors.append(RowError(number, column.label, "内容过长"))
                    continue
            if value is None:
                if column.required:
                    result.errors.append(RowError(number, column.label, "不能为空"))
                parsed[column.key] = None
                continue
            try:
                parsed[column.key] = column.parse(value)
            except CellError as error:
                result.errors.append(RowError(number, column.label, str(error)))
        result.rows.append(parsed)
    return result


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

    def parse(value: Any) -> Any:
        key = normalize_header(text(value))
        if key in normalized:
            return normalized[key]
        allowed = "、".join(dict.fromkeys(str(k) for k in mapping))
        raise CellError(f"“{value}”不是可选值（{allowed}）")

    return parse


sex = choice(
    {"男": "男", "女": "女", "1": "男", "2": "女", "m": "男", "f": "女", "male": "男", "female": "女"}
)

"""The national upload template (国家学生体质健康标准数据上报模板, 2014): read it and write it exactly.

Reading matches columns by header name, not position, accepting the variants in template_columns.csv
(``50米x8往返跑``, full-width brackets, ...). xlsx is read with openpyxl, xls with xlrd.
Writing produces the 2014 header in order, 年级编号 as a two-digit code, 性别 as 1/2, timed runs as m'ss
and 身高 = 免体 for an exempt student, so the file uploads without edits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from fivemgmt import parsers, sheets, student_ids
from fivemgmt.errors import UserError
from fivemgmt.fitness.parsing import FitnessValueError, format_value, is_blank, is_exempt_marker, parse_value
from fivemgmt.fitness.scoring import normalize_grade_code, normalize_sex
from fivemgmt.fitness.tables import FitnessTables, default_tables

IDENTITY_FIELDS = (
    "grade_code",
    "class_code",
    "class_name",
    "student_id",
    "ethnic_code",
    "name",
    "sex",
    "birth_date",
    "address",
)
EXEMPT_HEIGHT_TEXT = "免体"
EXEMPT_ITEM_TEXT = "免测"  # one item exempt; the student is still tested on the others
_HEADER_SCAN_ROWS = 10  # the header may sit below a title row


def normalize_header(text: Any) -> str:
    """Header text folded for matching: the one normaliser of every reader (NFKC, no spaces, x/×/*)."""
    return parsers.normalize_header(text)


def match_header(text: Any, *, tables: FitnessTables | None = None) -> str | None:
    """The template field a header names (e.g. '50米x8往返跑' -> 'shuttle50x8'), or None."""
    tables = tables or default_tables()
    wanted = normalize_header(text)
    if not wanted:
        return None
    for column in tables.template:
        if wanted in {normalize_header(name) for name in (column.header, *column.variants)}:
            return column.field
    return None


def header_for(field_name: str, *, tables: FitnessTables | None = None) -> str:
    """The 2014 template header of a field (run50m -> 50米跑); 'bmi' -> 'BMI'."""
    tables = tables or default_tables()
    for column in tables.template:
        if column.field == field_name:
            return column.header
    return "BMI" if field_name == "bmi" else tables.items[field_name].name


@dataclass
class TemplateRow:
    row: int  # spreadsheet row number, 1-based, as the user sees it
    cells: list[Any]  # the row's values in the file's column order


@dataclass
class TemplateSheet:
    """A template file as read: original headers and cells, plus which column holds which field."""

    path: Path
    header_row: int
    headers: list[str]
    columns: dict[str, int]  # field -> 0-based column index
    rows: list[TemplateRow] = field(default_factory=list)

    def value(self, row: TemplateRow, field_name: str) -> Any:
        index = self.columns.get(field_name)
        return None if index is None or index >= len(row.cells) else row.cells[index]


@dataclass
class UploadRecord:
    """One student as the upload template holds them; results parsed (seconds for runs)."""

    grade_code: str = ""
    class_code: str = ""
    class_name: str = ""
    student_id: str = ""
    ethnic_code: str = ""
    name: str = ""
    sex: str = ""  # M / F
    birth_date: str = ""
    address: str = ""
    # item key -> value: height, weight, run50m, ...
    results: dict[str, Decimal | None] = field(default_factory=dict)
    exempt: bool = False  # the whole student (身高 = 免体)
    exempt_items: list[str] = field(default_factory=list)  # single items typed as 免测
    row: int | None = None  # row in the file it came from


def _cell_text(value: Any) -> str:
    """Identity cells as text; spreadsheets turn numeric IDs into floats (11.0) and dates into datetimes."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def read_template(
    path: Path | str, *, sheet: str | None = None, tables: FitnessTables | None = None
) -> TemplateSheet:
    """Read an upload template (.xlsx or .xls). The header row is found by name within the first rows."""
    tables = tables or default_tables()
    path = Path(path)
    if not path.exists():
        raise UserError(f"找不到文件 {path}")
    if path.suffix.lower() not in (".xlsx", ".xlsm", ".xls"):
        raise UserError(f"{path.name}: 只支持 .xlsx 和 .xls 文件")
    rows = sheets.read_sheet(path, sheet).rows  # the one reader of every import (merged cells, 1904 dates)

    for index, cells in enumerate(rows[:_HEADER_SCAN_ROWS]):
        columns: dict[str, int] = {}
        for col, text in enumerate(cells):
            found = match_header(text, tables=tables)
            if found is None:
                continue
            if found in columns:
                raise UserError(
                    f"{path.name} 第{index + 1}行: “{text}”与另一列重复（{header_for(found, tables=tables)}）"
                )
            columns[found] = col
        if "student_id" in columns and "grade_code" in columns:
            break
    else:
        raise UserError(f"{path.name}: 前{_HEADER_SCAN_ROWS}行中找不到表头（需要“年级编号”和“学籍号”列）")
    for needed in ("grade_code", "sex"):
        if needed not in columns:
            raise UserError(f"{path.name}: 缺少“{header_for(needed, tables=tables)}”列")

    header_cells = rows[index]
    width = max(len(header_cells), max((len(r) for r in rows[index + 1 :]), default=0))
    headers = [_cell_text(header_cells[c]) if c < len(header_cells) else "" for c in range(width)]
    result = TemplateSheet(path=path, header_row=index + 1, headers=headers, columns=columns)
    for offset, cells in enumerate(rows[index + 1 :], start=index + 2):
        if all(is_blank(cell) for cell in cells):
            continue  # spreadsheets keep formatted but empty rows at the end
        result.rows.append(TemplateRow(row=offset, cells=list(cells) + [None] * (width - len(cells))))
    return result


def parse_row(
    sheet: TemplateSheet, row: TemplateRow, *, tables: FitnessTables | None = None
) -> tuple[UploadRecord, list[str]]:
    """One template row as an UploadRecord, plus Chinese error messages naming row and column.

    A rejected value is left out (so the student's total shows as incomplete) rather than guessed.
    """
    tables = tables or default_tables()
    record = UploadRecord(row=row.row)
    errors: list[str] = []
    cells = row.cells
    for name in IDENTITY_FIELDS:
        index = sheet.columns.get(name)
        value = None if index is None or index >= len(cells) else cells[index]
        if value is None and name not in ("grade_code", "sex"):
            continue  # an empty identity cell stays "" (a missing 年级编号/性别 is refused below)
        try:
            if name == "grade_code":
                record.grade_code = normalize_grade_code(value)
            elif name == "sex":
                record.sex = normalize_sex(value)
            elif name == "student_id":
                # the identity every import matches on: a number Excel has cut to 15 digits is refused
                record.student_id = "" if is_blank(value) else student_ids.parse(value)
            else:
                setattr(record, name, _cell_text(value))
        except (UserError, parsers.CellError) as error:
            column = sheet.headers[index] if index is not None else header_for(name, tables=tables)
            errors.append(str(FitnessValueError(str(error), row=row.row, column=column)))
    for name, index in sheet.columns.items():
        if name in IDENTITY_FIELDS:
            continue
        value = row.cells[index]
        if value is None:  # most cells of a school's file (items of other grades): nothing to parse
            record.results[name] = None
            continue
        if is_exempt_marker(value):
            if name == "height":  # the template's mark for a whole student exempt
                record.exempt = True
            else:
                record.exempt_items.append(name)
            continue
        try:
            record.results[name] = parse_value(
                name, value, row=row.row, column=sheet.headers[index], tables=tables
            )
        except FitnessValueError as error:
            errors.append(str(error))
            record.results[name] = None
    return record, errors


def read_records(
    path: Path | str, *, sheet: str | None = None, tables: FitnessTables | None = None
) -> tuple[list[UploadRecord], list[str]]:
    """All students of a template file, and the messages for values that were rejected."""
    tables = tables or default_tables()
    data = read_template(path, sheet=sheet, tables=tables)
    records: list[UploadRecord] = []
    errors: list[str] = []
    for row in data.rows:
        record, row_errors = parse_row(data, row, tables=tables)
        records.append(record)
        errors.extend(row_errors)
    return records, errors


def template_headers(*, tables: FitnessTables | None = None) -> list[str]:
    """The 2014 upload template header, in order."""
    tables = tables or default_tables()
    return [column.header for column in sorted(tables.template, key=lambda c: c.col_no)]


def template_cells(record: UploadRecord, *, tables: FitnessTables | None = None) -> list[Any]:
    """One student's row exactly as the upload template wants it (in template_headers order)."""
    tables = tables or default_tables()
    cells: list[Any] = []
    for column in sorted(tables.template, key=lambda c: c.col_no):
        name = column.field
        if name == "sex":
            cells.append({"M": 1, "F": 2}.get(record.sex, record.sex or None))
        elif name in IDENTITY_FIELDS:
            cells.append(getattr(record, name) or None)
        elif record.exempt:
            cells.append(EXEMPT_HEIGHT_TEXT if name == "height" else None)
        elif name in record.exempt_items:
            cells.append(EXEMPT_ITEM_TEXT)
        else:
            cells.append(_result_cell(name, record.results.get(name), tables))
    return cells


def _result_cell(item: str, value: Decimal | None, tables: FitnessTables) -> Any:
    if value is None:
        return None
    info = tables.items[item]
    if info.kind == "minsec":
        return format_value(item, value, tables=tables)  # m'ss, accepted by the upload system
    if value == value.to_integral_value() and info.decimals == 0:
        return int(value)
    return float(value)


def write_template(
    path: Path | str, records: Iterable[UploadRecord], *, tables: FitnessTables | None = None
) -> int:
    """Write records as an upload-ready .xlsx; returns the number of students written."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    tables = tables or default_tables()
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise UserError(f"{path.name}: 导出文件必须是 .xlsx")
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Sheet1"
    ws.append(template_headers(tables=tables))
    ordered = sorted(tables.template, key=lambda c: c.col_no)
    count = 0
    for record in records:
        ws.append(template_cells(record, tables=tables))
        count += 1
        for col, column in enumerate(ordered, start=1):
            cell = ws.cell(row=count + 1, column=col)
            if column.field in IDENTITY_FIELDS and column.field != "sex":
                cell.number_format = "@"  # codes keep their leading zeros (民族代码 01)
            elif isinstance(cell.value, float):
                cell.number_format = "0.0"
    for col, column in enumerate(ordered, start=1):
        ws.column_dimensions[get_column_letter(col)].width = COLUMN_WIDTHS.get(column.field, 11)
    ws.freeze_panes = "A2"
    from fivemgmt.files import save_with

    save_with(path, book.save)  # .part, fsync, rename; a full disk is a plain WriteError
    return count


# Column widths (characters) for people reading the exported template; results columns 11.
COLUMN_WIDTHS = {
    "grade_code": 9,
    "class_code": 9,
    "class_name": 14,
    "student_id": 22,
    "ethnic_code": 9,
    "name": 10,
    "sex": 6,
    "birth_date": 12,
    "address": 30,
}

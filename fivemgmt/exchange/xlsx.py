"""Every register to xlsx with Chinese headers, and the same file back without loss.

Generic over record tables: every record table that is not school set-up and not local-only is a
register (so areas added later are covered automatically). Headers come from :data:`COLUMN_LABELS` /
:data:`TABLE_COLUMN_LABELS` (falling back to the column name); a ``说明`` sheet maps each sheet and
header back to its table and column, so a file round-trips exactly (export → import = no change).

The sheets are for people as well as for round trips: the class (a read-only 班级 / 学生 column showing
the name) and the date come first, rows are sorted by class and date, dates are date cells, yes/no values
read 是/否 (必做/选做 for homework), modification times are local times, columns have widths, and the
record and reference ids (kept for the round trip) come last. Times of day stay text (21:30), numbers stay
numbers, text that looks like a formula stays text. The roster, classes, teachers and calendar are
exported alongside for reading; import skips those sheets (they have their own imports).

Import is all-or-nothing: every sheet and row is checked first (types, required columns, duplicate rows,
classes and students that exist, the account's right to change each row); any error → nothing written.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from fivemgmt import audit, clock, parsers, records, sheets, tables, tabular
from fivemgmt.actor import SUPERVISOR, Actor
from fivemgmt.db import transaction
from fivemgmt.errors import PermissionDenied, UserError
from fivemgmt.exchange.package import LOCAL_ONLY, SETUP_TABLES, table_scope

INFO_SHEET = "说明"
MAX_ROWS = 200_000
MAX_TEXT = 32_000
INT_LIMIT = 2**63 - 1

# The school set-up written alongside the registers, as sheets for people to read (an import skips them)
SETUP_SHEETS = ("classes", "students", "teachers", "terms", "calendar_days")

COLUMN_LABELS = {
    "id": "记录编号",
    "updated_at": "最后修改时间",
    "updated_by": "修改人",
    "origin": "来源安装",
    "deleted": "已删除",
    "class_id": "班级编号",
    "student_id": "学生编号",
    "student_no": "学籍号",
    "seat_no": "学号",
    "teacher_id": "教师编号",
    "term_id": "学期编号",
    "book_id": "读物编号",
    "date": "日期",
    "subject": "学科",
    "content": "内容",
    "kind": "类型",
    "required": "必做",
    "minutes": "分钟",
    "teacher_name": "教师",
    "adjust_reason": "调整说明",
    "no_homework": "今日无作业",
    "for_rest": "周末/假期作业",
    "note": "备注",
    "bedtime": "入睡时间",
    "wake_time": "起床时间",
    "sleep_minutes": "睡眠分钟",
    "bedtime_ok": "按时入睡",
    "hours_ok": "睡眠达标",
    "source": "来源",
    "stage": "学段",
    "first_class": "第一节课时间",
    "early_arrival": "提前到校",
    "early_arrival_note": "提前到校说明",
    "midday_rest_minutes": "午休分钟",
    "signature": "表头特征",
    "headers": "表头",
    "mapping": "映射",
    "reason": "理由",
    "parent_name": "家长姓名",
    "applied_on": "申请日期",
    "decision": "审批结果",
    "decided_by": "审批人",
    "decided_on": "审批日期",
    "valid_until": "有效期至",
    "attachment_sha": "附件校验值",
    "attachment_name": "附件名",
    "status": "状态",
    "returned": "已归还",
    "received_by": "收取人",
    "returned_by": "发还人",
    "application_system": "申请制度",
    "classroom_ban": "禁止带入课堂",
    "storage_device": "保管装置",
    "public_phone": "公共电话",
    "hotline": "亲情热线",
    "no_phone_homework": "不用手机布置作业",
    "guidance": "教育引导",
    "parents_informed_on": "告知家长日期",
    "term_start": "学期开始日",
    "method": "沟通方式",
    "outcome": "结果",
    "closed_by": "结案人",
    "subjects": "学科",
    "name": "名称",
    "title": "书名",
    "author": "作者",
    "publisher": "出版社",
    "isbn": "ISBN",
    "edition": "版次",
    "location": "存放位置",
    "copies": "册数",
    "added_date": "入藏日期",
    "step": "步骤",
    "person": "经办人",
    "negative": "负面清单",
    "grade_from": "起始年级",
    "grade_to": "截止年级",
    "action": "处置",
    "school_year": "学年",
    "grade": "年级",
    "pe_planned": "应上体育课",
    "pe_held": "实上体育课",
    "pe_taken_over": "体育课被占用",
    "taken_over_by": "占用学科",
    "break_minutes": "大课间分钟",
    "activity_minutes": "校内体育活动分钟",
    "eye_exercises": "眼保健操",
    "weekday": "星期",
    "lessons": "节数",
    "screened": "筛查人数",
    "held": "已开展",
    "end_time": "结束时间",
    "participants": "参加人数",
    "test_date": "测试日期",
    "exempt": "免测",
    "exempt_reason": "免测原因",
    "height": "身高",
    "weight": "体重",
    "lung": "肺活量",
    "run50m": "50米跑",
    "long_jump": "立定跳远",
    "sit_reach": "坐位体前屈",
    "shuttle50x8": "50米×8往返跑",
    "rope1min": "一分钟跳绳",
    "run800m": "800米跑",
    "run1000m": "1000米跑",
    "situp1min": "一分钟仰卧起坐",
    "pullup": "引体向上",
    "form": "表单",
    "period_start": "起始日期",
    "period_end": "截止日期",
    "code": "编码",
    "answer": "回答",
    "evidence": "佐证",
    "document": "文档",
    "scope": "范围",
    "key": "键",
    "value": "值",
    "area": "领域",
    "item_code": "条目编码",
    "class_name": "班级名称",
    "problem": "问题",
    "measure": "整改措施",
    "owner": "责任人",
    "deadline": "完成期限",
    "found_on": "发现日期",
    "closed_on": "整改完成日期",
    "fix_note": "整改说明",
    "auto_key": "自动识别键",
    "follows_weekday": "调休按星期几课表(0=周一)",
    "exempt_items": "单项免测项目",
    "notified_on": "告知日期",
    "how": "告知方式",
    "sex": "性别",
    "birth_date": "出生日期",
    "ethnicity": "民族",
    "address": "家庭住址",
    "number": "班号",
    "head_teacher_id": "班主任编号",
    "phone": "电话",
    "username": "账户",
    "start_date": "开始日期",
    "end_date": "结束日期",
    "class_code": "班级编号(体测平台)",
}
TABLE_COLUMN_LABELS: dict[str, dict[str, str]] = {
    "homework_entries": {
        "content": "作业内容",
        "kind": "作业类型",
        "minutes": "预计时长(分钟)",
        "teacher_name": "布置教师",
    },
    "reading_books": {"source": "来源渠道"},
    "students": {"name": "姓名"},
    "teachers": {"name": "姓名"},
    "classes": {"name": "班级名称"},
    "class_years": {
        "school_year": "学年",
        "grade": "年级",
        "number": "班号",
        "name": "班级名称",
        "head_teacher_id": "班主任编号",
        "archived": "已毕业归档",
        "created": "当年新建",
        "rolled": "学年升级写入",
    },
    "student_moves": {"kind": "变动", "from_class_id": "原班级编号", "to_class_id": "新班级编号"},
    "calendar_days": {"kind": "类型", "name": "名称"},
}
# yes/no columns (0/1) and how they read; import reads the words back
FLAG_COLUMNS = {
    "required": ("必做", "选做"),
    **{
        c: ("是", "否")
        for c in (
            "deleted",
            "for_rest",
            "no_homework",
            "bedtime_ok",
            "hours_ok",
            "early_arrival",
            "returned",
            "application_system",
            "classroom_ban",
            "storage_device",
            "public_phone",
            "hotline",
            "no_phone_homework",
            "guidance",
            "held",
            "exempt",
            "negative",
        )
    },
}
FLAG_WORDS = {"必做": 1, "选做": 0, "是": 1, "否": 0}
DATE_NAMES = {"date", "valid_until", "deadline", "period_start", "period_end"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DERIVED = {"class_id": "班级", "student_id": "学生"}  # read-only display columns next to the id columns
BOOKKEEPING = ("updated_at", "updated_by", "origin")
YES = {"是", "1", "true", "yes", "y", "√", "✓"}
NO = {"否", "0", "false", "no", "n", ""}


def register_tables(db: Database) -> list[str]:
    """Record tables that are registers (not set-up, not local-only)."""
    return [t for t in audit.record_tables(db) if t not in SETUP_TABLES and t not in LOCAL_ONLY]


def table_label(table: str) -> str:
    return tables.label(table)[:31]  # an Excel sheet's name is 31 characters at most


def is_date_column(column: str) -> bool:
    return column in DATE_NAMES or column.endswith(("_date", "_on"))


def _is_id(column: str) -> bool:
    return column == "id" or column.endswith("_id")


def sheet_columns(labels: dict[str, str]) -> list[tuple[str, str]]:
    """(header, column) in the order people read: class, student, date, the content, deletion and
    bookkeeping, then the ids. A display column has column "" after its id's name (class_id → 班级)."""
    shown = [(DERIVED[c], f"~{c}") for c in DERIVED if c in labels]
    first = [c for c in ("date",) if c in labels]
    content = [
        c for c in labels if c not in first and not _is_id(c) and c not in BOOKKEEPING and c != "deleted"
    ]
    tail = [c for c in ("deleted", *BOOKKEEPING) if c in labels]
    ids = [c for c in labels if _is_id(c)]
    return shown + [(labels[c], c) for c in (*first, *content, *tail, *ids)]


def column_labels(db: Database, table: str) -> dict[str, str]:
    """column -> header, unique within the table."""
    labels: dict[str, str] = {}
    used: set[str] = set(DERIVED.values())
    for column in db[table].columns_dict:
        label = TABLE_COLUMN_LABELS.get(table, {}).get(column) or COLUMN_LABELS.get(column) or column
        if label in used:
            label = f"{label}({column})"
        used.add(label)
        labels[column] = label
    return labels


def _affinity(db: Database, table: str) -> dict[str, str]:
    """column -> 'int' | 'float' | 'text' from the declared SQLite type."""
    kinds = {}
    for _, name, declared, *_ in db.execute(f"PRAGMA table_info([{table}])").fetchall():
        declared = (declared or "").upper()
        kinds[name] = (
            "int"
            if "INT" in declared
            else ("float" if any(k in declared for k in ("REAL", "FLOA", "DOUB")) else "text")
        )
    return kinds


# ------------------------------------------------------------------ export


@dataclass
class XlsxExport:
    path: Path
    counts: dict[str, int]

    def summary(self) -> str:
        total = sum(self.counts.values())
        return f"已导出 {len(self.counts)} 张台账、共 {total} 行到“{self.path.name}”。"


def _visible_rows(db: Database, actor: Actor, table: str, include_deleted: bool) -> list[dict]:
    where = "1" if include_deleted else "deleted = 0"
    rows = list(db.query(f"SELECT * FROM [{table}] WHERE {where} ORDER BY id"))
    if actor.is_school_wide or actor.role == SUPERVISOR:
        return rows
    scope = table_scope(db, table)
    if scope == "class":
        return [r for r in rows if r.get("class_id") in actor.classes]
    if scope == "student":
        students = {r[0]: r[1] for r in db.execute("SELECT id, class_id FROM students")}
        return [r for r in rows if students.get(r.get("student_id")) in actor.classes]
    return rows


def export_registers(
    db: Database,
    actor: Actor,
    path: Path | str,
    *,
    tables: Iterable[str] | None = None,
    include_deleted: bool = True,
) -> XlsxExport:
    """Write every register (or the given ones) to one workbook, one sheet per table; a full export by a
    school-wide account adds the roster, classes, teachers and calendar for reading."""
    import openpyxl

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        path = path.with_suffix(".xlsx")
    available = register_tables(db)
    chosen = list(tables) if tables else available
    unknown = [t for t in chosen if t not in available]
    if unknown:
        raise UserError(f"没有这些台账：{'、'.join(unknown)}。可导出的有：{'、'.join(available)}")
    setup = [t for t in SETUP_SHEETS if t in db.table_names()] if not tables and actor.is_school_wide else []
    names = Names(db)
    workbook = openpyxl.Workbook(write_only=False)
    workbook.remove(workbook.active)
    info = [["工作表", "表", "表头", "字段"]]
    counts: dict[str, int] = {}
    for table in [*chosen, *setup]:
        sheet = workbook.create_sheet(table_label(table))
        rows = _visible_rows(db, actor, table, include_deleted)
        _write_sheet(sheet, sheet_columns(column_labels(db, table)), rows, names, info, table)
        if table in chosen:
            counts[table] = len(rows)
    info_sheet = workbook.create_sheet(INFO_SHEET)
    for line in info:
        info_sheet.append(line)
    info_sheet.column_dimensions["A"].width = info_sheet.column_dimensions["C"].width = 22
    info_sheet.sheet_state = "visible"
    from fivemgmt.files import save_with

    save_with(path, workbook.save)  # .part, fsync, rename; a full disk is a plain WriteError
    return XlsxExport(path, counts)


class Names:
    """Class and student names, and the order of classes (by grade and number), for the display columns."""

    def __init__(self, db: Database) -> None:
        classes = list(db.execute("SELECT id, name, grade, number FROM classes"))
        self.classes = {r[0]: r[1] for r in classes}
        self.order = {r[0]: (r[2] or 0, r[3] or 0) for r in classes}
        students = list(db.execute("SELECT id, name, class_id FROM students"))
        self.students = {r[0]: r[1] for r in students}
        self.student_class = {r[0]: r[2] for r in students}

    def sort_key(self, row: dict) -> tuple:
        class_id = row.get("class_id") or self.student_class.get(row.get("student_id") or "")
        unknown = (99, 99)
        return (
            self.order.get(class_id, unknown) if class_id else unknown,
            str(row.get("date") or ""),
            self.students.get(row.get("student_id") or "", ""),
            str(row.get("id") or ""),
        )


def _cell_value(column: str, value: Any) -> tuple[Any, str | None]:
    """A stored value as people read it, and its number format."""
    if column in FLAG_COLUMNS and value in (0, 1):
        yes, no = FLAG_COLUMNS[column]
        return (yes if value else no), None
    if is_date_column(column) and isinstance(value, str) and ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value), "yyyy-mm-dd"
        except ValueError:
            return value, None
    if column == "updated_at" and isinstance(value, str) and value:
        moment = clock.local_moment(value)  # the computer's local time
        if moment is None:
            return value, None
        return moment.replace(microsecond=0), "yyyy-mm-dd hh:mm:ss"
    return value, None


def readable_value(column: str, value: Any, names: Names) -> str:
    """A stored value as the registers show it: a class or student by name, 是/否 and 必做/选做, a date, a
    time in local time; other values as they are (an id no longer known stays an id)."""
    if column == "class_id":
        return names.classes.get(value, str(value))
    if column == "student_id":
        return names.students.get(value, str(value))
    shown, _ = _cell_value(column, value)
    if isinstance(shown, dt.datetime):
        return f"{shown:%Y-%m-%d %H:%M:%S}"
    if isinstance(shown, dt.date):
        return shown.isoformat()
    return shown if isinstance(shown, str) else json.dumps(shown, ensure_ascii=False)


def _text_width(value: Any) -> int:
    text = value.isoformat() if isinstance(value, dt.date) else str(value if value is not None else "")
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text[:60])


def _write_sheet(
    sheet: Any, columns: list[tuple[str, str]], rows: list[dict], names: Names, info: list, table: str
) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet.append([header for header, _ in columns])
    for header, column in columns:
        info.append([sheet.title, table, header, "" if column.startswith("~") else column])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [_text_width(header) for header, _ in columns]
    for number, row in enumerate(sorted(rows, key=names.sort_key), start=2):
        for position, (_header, column) in enumerate(columns, start=1):
            if column == "~class_id":
                value, number_format = names.classes.get(row.get("class_id"), ""), None
            elif column == "~student_id":
                value, number_format = names.students.get(row.get("student_id"), ""), None
            else:
                value, number_format = _cell_value(column, row[column])
            cell = sheet.cell(
                row=number, column=position, value=value if not isinstance(value, str) else None
            )
            if isinstance(value, str):
                cell.value = value
                cell.data_type = "s"  # never a formula, even when the text starts with "="
            if number_format:
                cell.number_format = number_format
            if number < 300:
                widths[position - 1] = max(widths[position - 1], _text_width(value))
    for position, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = min(max(width + 2, 8), 45)
    sheet.freeze_panes = "B2"


# ------------------------------------------------------------------ import


@dataclass
class XlsxPreview(tabular.Preview):
    """tabular.Preview plus the rows per table (rows: dicts with _table, _sheet, _row, _action)."""

    tables: dict[str, int] = field(default_factory=dict)


def _convert(value: Any, kind: str, column: str) -> Any:
    if value is None or (isinstance(value, str) and not value.strip() and kind != "text"):
        return None
    if column == "deleted":
        text = str(value).strip().lower()
        if text in YES:
            return 1
        if text in NO:
            return 0
        raise parsers.CellError(f"“{value}”应为 是 或 否")
    if kind == "int":
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, float):
            if not value.is_integer():
                raise parsers.CellError(f"“{value}”应为整数")
            value = int(value)
        if isinstance(value, str):
            text = value.strip().replace(",", "")
            if text in FLAG_WORDS:
                return FLAG_WORDS[text]
            try:
                value = int(text)
            except ValueError:
                raise parsers.CellError(f"“{value}”不是整数") from None
        if not isinstance(value, int):
            raise parsers.CellError(f"“{value}”不是整数")
        if abs(value) > INT_LIMIT:
            raise parsers.CellError("数字太大")
        return value
    if kind == "float":
        if isinstance(value, bool):
            raise parsers.CellError("应为数字")
        try:
            number = float(str(value).strip().replace(",", "")) if isinstance(value, str) else float(value)
        except (TypeError, ValueError):
            raise parsers.CellError(f"“{value}”不是数字") from None
        if number != number or abs(number) > 1e15:
            raise parsers.CellError("数字太大或无效")
        return number
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M") if value.second == 0 else value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    text = str(value)
    if len(text) > MAX_TEXT:
        raise parsers.CellError("内容过长")
    return text


# The dates that say which day a record is about: in a term of the school calendar. Other dates (有效期至,
# 整改期限…) may lie up to a year outside it; 出生日期 is not a school date at all.
TERM_DATE_COLUMNS = {"date", "applied_on", "decided_on", "added_date", "test_date"}
NOT_SCHOOL_DATES = {"birth_date"}


def _date_problem(
    dates: tabular.SchoolDates, values: dict[str, Any], old: dict[str, Any] | None, *, strict: bool
) -> tuple[str, str] | None:
    """(column, why) for the first new or changed date the school calendar refuses, else None."""
    for column, value in values.items():
        if not is_date_column(column) or column in NOT_SCHOOL_DATES or not value:
            continue
        if old is not None and old.get(column) == value:
            continue  # a date already in the register is not checked again
        try:
            day = dt.date.fromisoformat(str(value)[:10])
        except ValueError:
            continue
        why = dates.problem(day, in_term=strict and column in TERM_DATE_COLUMNS)
        if why:
            return column, why
    return None


def _load(path: Path) -> dict[str, list[list[tuple[Any, str]]]]:
    """Sheets of a workbook as rows of (value, data_type); refuses anything that is not a readable xlsx."""
    import openpyxl

    if not path.exists():
        raise UserError(f"找不到文件：{path}")
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise UserError(f"“{path.name}”不是 xlsx 文件，请选择本软件导出的 xlsx 工作簿。")
    try:
        sheets.check_file(path)  # sizes and shared strings, before anything is unpacked
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except UserError:
        raise
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, IndexError, EOFError) as error:
        raise UserError(f"无法读取“{path.name}”：文件已损坏或不是有效的 xlsx 文件。") from error
    except Exception as error:  # noqa: BLE001 - damaged files make openpyxl raise many kinds of error
        raise UserError(f"无法读取“{path.name}”：文件已损坏或格式不对（{type(error).__name__}）。") from error
    by_sheet: dict[str, list[list[tuple[Any, str]]]] = {}
    try:
        for sheet in workbook.worksheets:
            rows = []
            for number, row in enumerate(sheet.iter_rows(max_col=sheets.sheet_width(sheet))):
                if number > MAX_ROWS:
                    raise UserError(f"“{path.name}”的工作表“{sheet.title}”超过 {MAX_ROWS} 行，请分批导入。")
                rows.append([(getattr(c, "value", None), getattr(c, "data_type", "n")) for c in row])
            by_sheet[sheet.title] = rows
    except UserError:
        raise
    except Exception as error:  # noqa: BLE001
        raise UserError(f"无法读取“{path.name}”：文件已损坏或格式不对（{type(error).__name__}）。") from error
    finally:
        workbook.close()
    return by_sheet


def preview_registers(db: Database, actor: Actor, path: Path | str) -> XlsxPreview:
    """Read and check a workbook of registers; nothing is written."""
    path = Path(path)
    result = XlsxPreview(path)
    if actor.role == SUPERVISOR:
        raise PermissionDenied("督学账户是只读的，不能导入。")
    by_sheet = _load(path)
    info = by_sheet.pop(INFO_SHEET, None)
    available = set(register_tables(db))
    sheet_tables: dict[str, str] = {}
    header_columns: dict[tuple[str, str], str] = {}
    if info:
        for row in info[1:]:
            cells = [v for v, _ in row] + [None] * 4
            sheet_name, table, label, column = (str(c) if c is not None else "" for c in cells[:4])
            if sheet_name and table:
                sheet_tables[sheet_name] = table
                header_columns[(table, parsers.normalize_header(label))] = column
    by_label = {table_label(t): t for t in available}
    dates = tabular.SchoolDates.of(db)  # new and changed dates must fit the school calendar
    if not any(any(v is not None for v, _ in r) for rows in by_sheet.values() for r in rows):
        result.errors.append(tabular.RowError(0, "", "工作簿是空的"))
        return result
    for sheet_name, rows in by_sheet.items():
        rows = [r for r in rows if any(v is not None and str(v).strip() != "" for v, _ in r)]
        if not rows:
            continue
        table = (
            sheet_tables.get(sheet_name)
            or by_label.get(sheet_name)
            or (sheet_name if sheet_name in available else None)
        )
        if table in SETUP_SHEETS or (table is None and sheet_name in map(table_label, SETUP_SHEETS)):
            result.warnings.append(
                f"工作表“{sheet_name}”是学校设置，仅供查看，导入时不读取（名册请用“导入名册”）"
            )
            continue
        if table is None or table not in available:
            result.errors.append(
                tabular.RowError(
                    0,
                    "",
                    f"工作表“{sheet_name}”不是本软件的台账（只能导入本软件导出的工作簿，请勿改工作表名）",
                )
            )
            continue
        _check_sheet(db, actor, result, sheet_name, table, rows, header_columns, dates)
    if not result.rows and result.ok:
        result.errors.append(tabular.RowError(0, "", "工作簿中没有可导入的数据行"))
    result.start_counting("new", "changed", "unchanged")
    for row in result.rows:  # only rows that passed every check are kept: each says what it would do
        # row numbers are per sheet: the description names the sheet
        result.count(row, row["_action"], f"工作表“{row['_sheet']}” {tabular.describe(row)}".strip())
    return result


def _check_sheet(
    db: Database,
    actor: Actor,
    result: XlsxPreview,
    sheet: str,
    table: str,
    rows: list[list[tuple[Any, str]]],
    header_columns: dict[tuple[str, str], str],
    dates: tabular.SchoolDates,
) -> None:
    labels = column_labels(db, table)
    reverse = {parsers.normalize_header(v): k for k, v in labels.items()}
    reverse.update({parsers.normalize_header(k): k for k in labels})
    derived = {parsers.normalize_header(v) for v in DERIVED.values()}
    kinds = _affinity(db, table)
    not_null = {r[1] for r in db.execute(f"PRAGMA table_info([{table}])").fetchall() if r[3]} - {"id"}
    positions: dict[str, int] = {}
    for index, (value, _) in enumerate(rows[0]):
        key = parsers.normalize_header(value)
        if not key:
            continue
        column = header_columns.get((table, key)) if (table, key) in header_columns else reverse.get(key)
        if column == "" or (column is None and key in derived):
            continue  # a display column
        if column is None or column not in labels:
            result.errors.append(tabular.RowError(1, f"{sheet}·{value}", "不认识这一列（请勿修改表头）"))
            continue
        if column in positions:
            result.errors.append(tabular.RowError(1, f"{sheet}·{value}", "这一列出现了两次"))
            continue
        positions[column] = index
    if "id" not in positions:
        result.errors.append(tabular.RowError(1, f"{sheet}·{labels['id']}", "缺少此列（请勿删除记录编号列）"))
    missing = [labels[c] for c in not_null if c not in positions and c not in BOOKKEEPING and c != "deleted"]
    for label in missing:
        result.errors.append(tabular.RowError(1, f"{sheet}·{label}", "缺少此列"))
    if not result.ok:
        return
    classes = {r[0] for r in db.execute("SELECT id FROM classes")}
    students = {r[0]: r[1] for r in db.execute("SELECT id, class_id FROM students")}
    scope = table_scope(db, table)
    has_subject = "subject" in labels
    seen_ids: dict[str, int] = {}
    seen_content: dict[str, int] = {}
    existing_rows = {r["id"]: r for r in db.query(f"SELECT * FROM [{table}]")}
    content_columns = [c for c in positions if c not in BOOKKEEPING and c != "id"]
    for number, raw in enumerate(rows[1:], start=2):
        values: dict[str, Any] = {}
        row_ok = True
        for column, index in positions.items():
            if column in BOOKKEEPING:
                continue
            value, data_type = raw[index] if index < len(raw) else (None, "n")
            where = f"{sheet}·{labels[column]}"
            if data_type == "f" or (isinstance(value, str) and value.startswith("=") and data_type != "s"):
                result.errors.append(tabular.RowError(number, where, "单元格是公式，请粘贴为数值后再导入"))
                row_ok = False
                continue
            if value is None and data_type in ("s", "inlineStr") and kinds.get(column, "text") == "text":
                value = ""  # an empty text written by export (an empty cell is None)
            try:
                values[column] = _convert(value, kinds.get(column, "text"), column)
            except parsers.CellError as error:
                result.errors.append(tabular.RowError(number, where, str(error)))
                row_ok = False
        if not row_ok:
            continue
        record_id = values.pop("id", None)
        if record_id is not None:
            record_id = str(record_id).strip()
            if not record_id or len(record_id) > 64:
                result.errors.append(tabular.RowError(number, f"{sheet}·{labels['id']}", "记录编号不对"))
                continue
            if record_id in seen_ids:
                result.errors.append(
                    tabular.RowError(number, f"{sheet}·{labels['id']}", f"与第 {seen_ids[record_id]} 行重复")
                )
                continue
            seen_ids[record_id] = number
        fingerprint = repr([values.get(c) for c in content_columns])
        if record_id is None and fingerprint in seen_content:
            result.errors.append(
                tabular.RowError(number, sheet, f"与第 {seen_content[fingerprint]} 行完全相同（重复行）")
            )
            continue
        seen_content.setdefault(fingerprint, number)
        values.setdefault("deleted", 0)
        old = existing_rows.get(record_id) if record_id else None
        if old is not None:  # Excel may drop empty texts: an empty cell over "" is no change
            values.update({k: "" for k, v in values.items() if v is None and old.get(k) == ""})
        merged = {**(old or {}), **values}
        empty = [
            labels[c] for c in not_null if merged.get(c) is None and c not in BOOKKEEPING and c != "deleted"
        ]
        if empty:
            result.errors.append(tabular.RowError(number, f"{sheet}·{empty[0]}", "不能为空"))
            continue
        if merged.get("class_id") is not None and "class_id" in labels and merged["class_id"] not in classes:
            result.errors.append(
                tabular.RowError(number, f"{sheet}·{labels['class_id']}", "本校没有这个班级")
            )
            continue
        if (
            merged.get("student_id") is not None
            and "student_id" in labels
            and merged["student_id"] not in students
        ):
            result.errors.append(
                tabular.RowError(number, f"{sheet}·{labels['student_id']}", "本校没有这个学生")
            )
            continue
        if old is None:
            action = "new"
        else:
            same = all(old.get(k) == v for k, v in values.items())
            action = "unchanged" if same else "changed"
        # a row the user added (no 记录编号) or a changed record: its dates must lie in a term; a record
        # from another installation's export keeps its history (only dates far outside are refused)
        refused = _date_problem(dates, values, old, strict=old is not None or record_id is None)
        if refused:
            column, why = refused
            result.errors.append(tabular.RowError(number, f"{sheet}·{labels[column]}", why))
            continue
        # Unchanged rows of other classes may stay in the file; every row that would change is checked.
        denied = action != "unchanged" and _denied(
            actor, scope, has_subject, students, [merged] + ([old] if old else [])
        )
        if denied:
            result.errors.append(tabular.RowError(number, sheet, denied))
            continue
        result.rows.append(
            {
                "_table": table,
                "_sheet": sheet,
                "_row": number,
                "_action": action,
                "_id": record_id,
                "values": values,
            }
        )
        result.tables[table] = result.tables.get(table, 0) + 1


def _denied(
    actor: Actor, scope: str, has_subject: bool, students: dict[str, str], rows: list[dict]
) -> str | None:
    if actor.is_school_wide:
        return None
    if scope in ("setup", "school"):
        return f"账户“{actor.display_name}”无权修改全校性的记录"
    for row in rows:
        class_id = row.get("class_id") if scope == "class" else students.get(row.get("student_id") or "")
        subject = row.get("subject") if has_subject else None
        if class_id is None or not actor.can_write_class(class_id, subject):
            return f"账户“{actor.display_name}”无权修改其他班级（或其他学科）的记录"
    return None


def commit_registers(db: Database, actor: Actor, result: XlsxPreview) -> records.Changes:
    """Write a checked workbook in one transaction (all rows or none)."""
    result.require_ok()
    if actor.role == SUPERVISOR:
        raise PermissionDenied("督学账户是只读的，不能导入。")
    changes = records.Changes()
    students = {r[0]: r[1] for r in db.execute("SELECT id, class_id FROM students")}
    with transaction(db):
        for row in result.rows:
            if row["_action"] == "unchanged":
                continue
            table = row["_table"]
            values = dict(row["values"])
            if row["_id"]:
                values["id"] = row["_id"]
            old = records.get(db, table, row["_id"]) if row["_id"] else None
            denied = _denied(
                actor,
                table_scope(db, table),
                "subject" in db[table].columns_dict,
                students,
                [{**(old or {}), **values}] + ([old] if old else []),
            )
            if denied:
                raise PermissionDenied(f"{denied}，未导入任何数据。")
            records.save(db, table, values, actor, reason=f"从“{result.path.name}”导入", changes=changes)
    return changes


def import_registers(db: Database, actor: Actor, path: Path | str) -> tuple[XlsxPreview, records.Changes]:
    preview = preview_registers(db, actor, path)
    return preview, commit_registers(db, actor, preview)

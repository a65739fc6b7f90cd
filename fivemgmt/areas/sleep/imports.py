"""睡眠管理 — imports: ``preview_*``/``commit_*`` of a school's spreadsheets, and their columns."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from fivemgmt import class_names, parsers, records, roster, school, sheets, student_ids, tabular
from fivemgmt.actor import Actor
from fivemgmt.areas.sleep.records import (
    MAPPINGS,
    PARENT,
    SOURCES,
    SPOT_CHECK,
    STUDENT,
    SleepRecord,
    _existing,
    _fmt_hours,
    _from_key,
    _save,
    _validate,
    bedtime_key,
    hm,
)
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.records import Changes

# ------------------------------------------------------------------ import: the plain register file

SOURCE_CHOICES = {s: s for s in SOURCES} | {
    "家长": PARENT,
    "学生": STUDENT,
    "抽查": SPOT_CHECK,
    "班主任": SPOT_CHECK,
}
IMPORT_COLUMNS = [
    tabular.Column("date", "日期", ("睡眠日期", "调查日期", "抽查日期"), parse=parsers.school_date),
    tabular.Column(
        "class", "班级", ("班级名称",), required=False, parse=parsers.text, guess=class_names.class_in_text
    ),
    tabular.Column("name", "姓名", ("学生姓名", "学生"), required=False, parse=parsers.text),
    tabular.Column("student_no", "学籍号", ("全国学籍号",), required=False, parse=student_ids.parse),
    tabular.Column("seat_no", "学号", ("班内学号",), required=False, parse=roster.seat_number),
    tabular.Column("bedtime", "就寝时间", ("就寝", "入睡时间", "睡觉时间"), parse=parsers.clock),
    tabular.Column("wake_time", "起床时间", ("起床", "起床时刻", "醒来时间"), parse=parsers.clock),
    tabular.Column("source", "来源", ("数据来源",), required=False, parse=parsers.choice(SOURCE_CHOICES)),
    tabular.Column("note", "备注", ("说明",), required=False, parse=parsers.text),
]


def _count_existing(db: Database, result: tabular.Preview) -> None:
    result.start_counting("new", "changed", "unchanged")
    for row in result.clean_rows():  # with errors elsewhere, the good rows still say what they would do
        if not row.get("student_id"):
            continue
        old = _existing(db, row["student_id"], row["date"])
        if old is None:
            result.count(row, "new")
            continue
        row["id"] = old["id"]
        new = _row_record(row).values()
        same = all(
            str(old.get(k) if old.get(k) is not None else "") == str(v if v is not None else "")
            for k, v in new.items()
            if k != "note"
        )
        result.count(row, "unchanged" if same else "changed")


def _row_record(row: dict) -> SleepRecord:
    return SleepRecord(
        row.get("id"),
        row["class_id"],
        row["student_id"],
        row["date"],
        row.get("bedtime"),
        row.get("wake_time"),
        row.get("minutes"),
        row.get("bedtime_ok"),
        row.get("hours_ok"),
        row.get("source") or PARENT,
        row.get("note") or "",
        row.get("student_name", ""),
    )


def _check_rows(result: tabular.Preview) -> None:
    for row in result.rows:
        if not row.get("student_id") or row.get("date") is None:
            continue  # not matched, or its date was refused (already an error)
        try:
            _validate(_row_record(row))
        except UserError as error:
            result.errors.append(tabular.RowError(row["_row"], "", str(error)))


def preview_import(db: Database, path: Path, *, defaults: dict[str, Any] | None = None) -> tabular.Preview:
    """The plain sleep register (日期, 班级, 姓名/学籍号, 就寝时间, 起床时间, 来源, 备注): every row must match
    a student; nothing is written. A file whose header is not the register's is read as a questionnaire
    export with the mapping remembered for it (set once in the GUI's 导入问卷)."""
    result = tabular.preview(path, IMPORT_COLUMNS, defaults=defaults, dates=tabular.SchoolDates.of(db))
    if result.errors and not result.rows:
        if result.header_row and not result.found & {"date", "bedtime", "wake_time"}:
            # not a register with a column missing: perhaps a questionnaire export
            return _as_questionnaire(db, Path(path)) or result
        return result
    index = roster.StudentIndex(db)
    seen: dict[tuple, int] = {}
    for row in result.rows:
        if all(row.get(k) is None for k in ("name", "student_no", "seat_no")):
            result.errors.append(tabular.RowError(row["_row"], "姓名", "姓名和学籍号至少填写一项"))
            continue
        student, column, why = index.find(
            row.get("name"), row.get("student_no"), row.get("class"), row.get("seat_no"), on=row.get("date")
        )
        if student is None:
            result.errors.append(tabular.RowError(row["_row"], column, why))
            continue
        class_id = school.student_class_on(db, student, row.get("date"))  # the class of that night
        row.update(student_id=student["id"], class_id=class_id, student_name=student["name"])
        key = (student["id"], row.get("date"))
        if key in seen:
            result.errors.append(tabular.RowError(row["_row"], "", f"与第 {seen[key]} 行是同一学生同一天"))
        else:
            seen[key] = row["_row"]
    _check_rows(result)
    _count_existing(db, result)
    return result


def _as_questionnaire(db: Database, path: Path) -> QuestionnairePreview | None:
    """The preview of a questionnaire export with its remembered mapping; None when the file does not look
    like one. A questionnaire without a remembered mapping is an error that says where to set one."""
    headers, body = read_questionnaire(path)
    mapping = saved_mapping(db, headers)
    if mapping is not None:
        return preview_questionnaire(db, path, mapping)
    guess = suggest_mapping(headers, body)
    if not (guess.get("student_column") and any(guess.get(f"{k}_column") for k in FIELDS)):
        return None
    result = QuestionnairePreview(path, headers=headers)
    result.errors.append(
        tabular.RowError(
            0,
            "",
            "这是在线问卷（问卷星等）导出的文件，还没有设定列对应：请先在程序的睡眠页用“导入问卷…”导入一次，"
            "之后“导入”和命令行都会沿用同一对应",
        )
    )
    return result


def commit_import(db: Database, actor: Actor, result: tabular.Preview) -> Changes:
    """Write a checked sleep file (plain or questionnaire) in one transaction — all matched rows or none.

    A questionnaire preview remembers its column mapping in the same transaction."""
    result.require_ok()
    changes = Changes()
    with transaction(db):
        for row in result.rows:
            if not row.get("student_id"):
                continue  # an unmatched questionnaire answer, listed in the preview
            _save(db, actor, _row_record(row), changes, reason="导入")
        mapping = getattr(result, "mapping", None)
        if mapping is not None:
            _store_mapping(db, actor, result.headers, mapping, changes)  # type: ignore[attr-defined]
    return changes


# ------------------------------------------------------------------ import: an online questionnaire export

BAND_PASS, BAND_FAIL = "达标", "不达标"
FIELDS = ("bedtime", "wake_time", "hours")
FIELD_LABELS = {"bedtime": "就寝时间", "wake_time": "起床时间", "hours": "睡眠时长"}


@dataclass
class QuestionnairePreview(tabular.Preview):
    headers: list[str] = field(default_factory=list)
    mapping: dict[str, Any] | None = None
    unmatched: list[tuple[int, str, str]] = field(default_factory=list)  # (row, what the file says, why)


def read_questionnaire(path: Path) -> tuple[list[str], list[list[Any]]]:
    rows = sheets.read_rows(Path(path))
    if not rows:
        raise UserError(f"“{Path(path).name}”是空的。")
    headers = [str(h if h is not None else "").strip() for h in rows[0]]
    return headers, rows[1:]


def headers_signature(headers: list[str]) -> str:
    text = "\x1f".join(sorted(parsers.normalize_header(h) for h in headers if h))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def answer_values(rows: list[list[Any]], headers: list[str], column: str) -> list[str]:
    """The distinct answers given in a column, in first-seen order (to map bands)."""
    if column not in headers:
        return []
    position = headers.index(column)
    seen = dict.fromkeys(
        parsers.text(r[position]) for r in rows if position < len(r) and r[position] not in (None, "")
    )
    return list(seen)


TIME_IN_TEXT = re.compile(r"(\d{1,2})\s*[:：点]\s*(\d{2})?")
HOURS_IN_TEXT = re.compile(r"(\d+(?:\.\d+)?)")


def suggest_band(field_key: str, answer: str) -> str:
    """A first guess for an answer band: '22:00前' → '21:45', '22:00–23:00' → '22:30', '23:00后' → '23:15';
    '9-10小时' → '9.5'. The user corrects it in the mapping dialog."""
    if field_key == "hours":
        numbers = [float(n) for n in HOURS_IN_TEXT.findall(answer)]
        if not numbers:
            return ""
        if len(numbers) >= 2:
            return _fmt_hours((numbers[0] + numbers[1]) / 2)
        if any(w in answer for w in ("以下", "不足", "少于", "前")):
            return _fmt_hours(numbers[0] - 0.5)
        return _fmt_hours(numbers[0] + (0.5 if any(w in answer for w in ("以上", "超过", "多于")) else 0))
    times = [int(h) * 60 + int(m or 0) for h, m in TIME_IN_TEXT.findall(answer)]
    if not times:
        return ""
    if len(times) >= 2:
        a, b = (bedtime_key(_minutes_time(t)) for t in times[:2]) if field_key == "bedtime" else times[:2]
        mid = (a + b) / 2
        return hm(_from_key(mid)) if field_key == "bedtime" else hm(_minutes_time(int(mid)))
    shift = (
        -15
        if any(w in answer for w in ("前", "以前", "之前", "早于"))
        else (15 if any(w in answer for w in ("后", "以后", "之后", "晚于")) else 0)
    )
    return hm(_minutes_time(times[0] + shift))


def _minutes_time(total: int) -> dt.time:
    total %= 24 * 60
    return dt.time(total // 60, total % 60)


KEYWORDS = {
    "student_no": ("学籍号", "教育id"),  # not 学号: that is the seat number, the same in every class
    "name": ("姓名", "名字", "学生"),
    "class": ("班级", "班别"),
    "date": ("日期", "提交答卷时间", "提交时间", "填写时间", "答题时间"),
    "bedtime": ("就寝", "入睡", "睡觉", "几点睡", "上床"),
    "wake_time": ("起床", "醒来", "几点起"),
    "hours": ("睡眠时间", "睡眠时长", "睡多久", "睡眠多少", "几个小时", "小时数"),
}


def suggest_mapping(headers: list[str], rows: list[list[Any]]) -> dict[str, Any]:
    """A first mapping from header keywords; answer columns with few non-time values get bands."""

    def find(keys: tuple[str, ...], exclude: set[str]) -> str | None:
        for header in headers:
            text = parsers.normalize_header(header)
            if header not in exclude and any(k in text for k in keys):
                return header
        return None

    used: set[str] = set()
    mapping: dict[str, Any] = {"source": PARENT, "date": None}
    for key in ("student_no", "class", "hours", "bedtime", "wake_time", "name", "date"):
        column = find(KEYWORDS[key], used)
        if column:
            used.add(column)
        mapping[f"{key}_column"] = column
    mapping["student_by"] = (
        "student_no" if mapping.pop("student_no_column", None) and not mapping.get("name_column") else "name"
    )
    if mapping["student_by"] == "student_no":
        mapping["student_column"] = find(KEYWORDS["student_no"], set())
    else:
        mapping["student_column"] = mapping.get("name_column")
    mapping.pop("name_column", None)
    for key in FIELDS:
        mapping[f"{key}_bands"] = suggest_bands(headers, rows, key, mapping.get(f"{key}_column"))
    return mapping


def option_numbers(field_key: str, answers: list[str]) -> bool:
    """Whether a column's answers are option numbers (问卷星 “按序号” export: 1, 2, 3…) rather than times or
    hours. Hours are numbers too: a column of whole numbers counts as options when one is below 5 hours."""
    if not answers or not all(a.isdigit() and 1 <= int(a) <= 20 for a in answers):
        return False
    return field_key != "hours" or min(int(a) for a in answers) < 5


def suggest_bands(
    headers: list[str], rows: list[list[Any]], field_key: str, column: str | None
) -> dict | None:
    """Bands with first-guess values when a column's answers are a few choices rather than times/numbers;
    option numbers get empty bands (the user says what each number means)."""
    if not column:
        return None
    answers = answer_values(rows, headers, column)
    if option_numbers(field_key, answers):
        return dict.fromkeys(answers, "")
    parsed = 0
    for answer in answers:
        try:
            float(answer) if field_key == "hours" else parsers.clock(answer)
            parsed += 1
        except (parsers.CellError, ValueError):
            pass
    if answers and parsed < len(answers) and len(answers) <= 12:
        return {a: suggest_band(field_key, a) for a in answers}
    return None


def saved_mapping(db: Database, headers: list[str]) -> dict[str, Any] | None:
    """The mapping remembered for this questionnaire layout, else the last one whose columns all exist."""
    rows = records.live_rows(db, MAPPINGS, order_by="updated_at DESC")
    signature = headers_signature(headers)
    for row in rows:
        if row["signature"] == signature:
            return json.loads(row["mapping"])
    for row in rows:
        mapping = json.loads(row["mapping"])
        columns = [v for k, v in mapping.items() if k.endswith("_column") and v]
        if columns and all(c in headers for c in columns):
            return mapping
    return None


def _store_mapping(
    db: Database, actor: Actor, headers: list[str], mapping: dict[str, Any], changes: Changes
) -> None:
    signature = headers_signature(headers)
    old = records.live_rows(db, MAPPINGS, "signature = ?", [signature])
    values = {
        "signature": signature,
        "headers": json.dumps(headers, ensure_ascii=False),
        "mapping": json.dumps(mapping, ensure_ascii=False, sort_keys=True),
    }
    if old:
        values["id"] = old[0]["id"]
    records.save(db, MAPPINGS, values, actor, reason="记住问卷列对应", changes=changes)


def _band_value(field_key: str, value: str) -> tuple[Any, bool | None]:
    """A band's mapped value → (time or minutes, None) or (None, pass/fail)."""
    if value in (BAND_PASS, "pass"):
        return None, True
    if value in (BAND_FAIL, "fail"):
        return None, False
    if field_key == "hours":
        return round(float(value) * 60), None
    return parsers.clock(value), None


def _validate_mapping(mapping: dict[str, Any], headers: list[str]) -> None:
    if not mapping.get("student_column"):
        raise UserError("请选择“学生姓名”或“学籍号”所在的列。")
    for key in (
        "student_column",
        "class_column",
        "date_column",
        "bedtime_column",
        "wake_time_column",
        "hours_column",
    ):
        if mapping.get(key) and mapping[key] not in headers:
            raise UserError(f"文件中没有“{mapping[key]}”这一列，请重新选择列。")
    if not (mapping.get("date_column") or mapping.get("date")):
        raise UserError("请选择日期所在的列，或填写统一的调查日期。")
    if not any(mapping.get(f"{k}_column") for k in FIELDS):
        raise UserError("请至少选择就寝时间、起床时间或睡眠时长中的一列。")
    if mapping.get("source", PARENT) not in SOURCES:
        raise UserError(f"来源应为 {'、'.join(SOURCES)} 之一。")
    for key in FIELDS:
        for answer, value in (mapping.get(f"{key}_bands") or {}).items():
            if value in (None, ""):
                continue  # not mapped yet: rows with this answer are reported
            try:
                _band_value(key, value)
            except (ValueError, parsers.CellError):
                raise UserError(
                    f"{FIELD_LABELS[key]}选项“{answer}”对应的值“{value}”无效，应为时刻、小时数、"
                    f"“{BAND_PASS}”或“{BAND_FAIL}”。"
                ) from None


def preview_questionnaire(db: Database, path: Path, mapping: dict[str, Any]) -> QuestionnairePreview:
    """Read a questionnaire export with a column mapping. Names not in the roster are listed in
    ``unmatched`` (and not imported); unreadable answers are per-row errors that stop the import."""
    path = Path(path)
    headers, body = read_questionnaire(path)
    _validate_mapping(mapping, headers)
    result = QuestionnairePreview(path, headers=headers, mapping=mapping)
    index = roster.StudentIndex(db)
    position = {h: i for i, h in reversed(list(enumerate(headers)))}

    def cell(raw: list[Any], key: str) -> Any:
        column = mapping.get(key)
        if not column:
            return None
        i = position[column]
        value = raw[i] if i < len(raw) else None
        return None if value is None or (isinstance(value, str) and not value.strip()) else value

    for key in FIELDS:
        column, bands = mapping.get(f"{key}_column"), mapping.get(f"{key}_bands") or {}
        answers = answer_values(body, headers, column) if column else []
        mapped = {parsers.normalize_header(a) for a, v in bands.items() if v not in (None, "")}
        if option_numbers(key, answers) and not all(parsers.normalize_header(a) in mapped for a in answers):
            result.errors.append(
                tabular.RowError(
                    0,
                    column,
                    "答案是选项序号（问卷星“按序号”导出），不能当作时刻或小时数：请在问卷星选“按选项文本”下载，"
                    "或在列对应中为每个序号填上对应的值",
                )
            )
    if result.errors:
        return result
    dates = tabular.SchoolDates.of(db)  # every date in a term of the school calendar
    try:
        fixed_date = dates.read(mapping["date"]) if mapping.get("date") else None
    except parsers.CellError as error:
        result.errors.append(tabular.RowError(0, "日期", str(error)))
        return result
    seen: dict[tuple, int] = {}
    for number, raw in enumerate(body, start=2):
        row: dict[str, Any] = {"_row": number, "source": mapping.get("source") or PARENT}
        who = cell(raw, "student_column")
        if who is None:
            result.unmatched.append((number, "", "未填写姓名"))
            continue
        by_no = mapping.get("student_by") == "student_no"
        try:
            who = student_ids.parse(who) if by_no else parsers.text(who)
        except parsers.CellError as error:
            result.errors.append(tabular.RowError(number, mapping.get("student_column") or "", str(error)))
            continue
        klass = cell(raw, "class_column")
        try:
            day = fixed_date or dates.read(cell(raw, "date_column"))
        except parsers.CellError as error:
            day, date_error = None, error
        student, _column, why = index.find(
            None if by_no else who,
            who if by_no else None,
            parsers.text(klass) if klass is not None and not by_no else None,
            on=day,  # the 班级 answered is the class's name on the day answered
        )
        if student is None:
            result.unmatched.append(
                (number, who + (f"（{parsers.text(klass)}）" if klass is not None else ""), why)
            )
            continue
        if day is None:
            result.errors.append(
                tabular.RowError(number, mapping.get("date_column") or "日期", str(date_error))
            )
            continue
        class_id = school.student_class_on(db, student, day)  # the class the student was in that day
        row.update(student_id=student["id"], class_id=class_id, student_name=student["name"], date=day)
        for key in FIELDS:
            value = cell(raw, f"{key}_column")
            if value is None:
                continue
            bands = mapping.get(f"{key}_bands")
            try:
                if bands:
                    normalized = {parsers.normalize_header(a): v for a, v in bands.items()}
                    answer = normalized.get(parsers.normalize_header(parsers.text(value)))
                    if answer in (None, ""):
                        raise parsers.CellError(
                            f"答案“{value}”还没有对应的{FIELD_LABELS[key]}，请在列对应中补上"
                        )
                    parsed, flag = _band_value(key, answer)
                elif key == "hours":
                    parsed, flag = round(float(str(value).replace("小时", "")) * 60), None
                else:
                    parsed, flag = parsers.clock(value), None
            except (ValueError, parsers.CellError) as error:
                message = str(error) if isinstance(error, parsers.CellError) else f"“{value}”不是小时数"
                result.errors.append(tabular.RowError(number, mapping.get(f"{key}_column"), message))
                continue
            target = {
                "bedtime": ("bedtime", "bedtime_ok"),
                "wake_time": ("wake_time", None),
                "hours": ("minutes", "hours_ok"),
            }[key]
            if flag is not None and target[1]:
                row[target[1]] = flag
            elif parsed is not None:
                row[target[0]] = parsed
        if not any(
            row.get(k) is not None for k in ("bedtime", "wake_time", "minutes", "bedtime_ok", "hours_ok")
        ):
            result.errors.append(tabular.RowError(number, "", "没有可导入的睡眠数据"))
            continue
        key = (row["student_id"], row["date"])
        if key in seen:
            # A parent who submitted twice: the later answer counts.
            result.warnings.append(f"第 {number} 行与第 {seen[key]} 行是同一学生同一天，以第 {number} 行为准")
            result.rows = [r for r in result.rows if r["_row"] != seen[key]]
        seen[key] = number
        result.rows.append(row)
    if result.unmatched:
        result.warnings.append(
            f"{len(result.unmatched)} 行未能对应到名册中的学生，不会导入："
            + "；".join(f"第 {r} 行 {name or '（空）'}：{why}" for r, name, why in result.unmatched[:20])
        )
    _check_rows(result)
    _count_existing(db, result)
    if not result.rows and not result.errors:
        result.errors.append(tabular.RowError(0, "", "没有一行能对应到名册中的学生"))
    return result


def commit_questionnaire(db: Database, actor: Actor, result: QuestionnairePreview) -> Changes:
    """Write the matched answers and remember the mapping (one transaction)."""
    return commit_import(db, actor, result)

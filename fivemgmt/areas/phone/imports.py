"""手机管理 — imports: ``preview_*``/``commit_*`` of a school's spreadsheets, and their columns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from fivemgmt import class_names, parsers, records, roster, school, student_ids, tabular
from fivemgmt.actor import Actor
from fivemgmt.areas import daily
from fivemgmt.areas.phone.records import (
    APPLICATIONS,
    APPROVED,
    CUSTODY_DAYS,
    CUSTODY_STATES,
    HANDED_IN,
    NOT_BROUGHT,
    NOT_HANDED_IN,
    PENDING,
    REFUSED,
    VIOLATION,
    Application,
    _day_records,
    _marker_values,
    _names,
    _validate_application,
    applications,
    approved_students,
    custody_rows,
    log_day,
)
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.records import Changes

# ------------------------------------------------------------------ import: applications

DECISION_CHOICES = {
    APPROVED: APPROVED,
    REFUSED: REFUSED,
    PENDING: PENDING,
    "同意": APPROVED,
    "通过": APPROVED,
    "是": APPROVED,
    "不同意": REFUSED,
    "驳回": REFUSED,
    "否": REFUSED,
    "未通过": REFUSED,
    "待审": PENDING,
    "未审批": PENDING,
}
IMPORT_COLUMNS = [
    tabular.Column(
        "class", "班级", ("班级名称",), required=False, parse=parsers.text, guess=class_names.class_in_text
    ),
    tabular.Column("name", "姓名", ("学生姓名", "学生"), required=False, parse=parsers.text),
    tabular.Column("student_no", "学籍号", ("全国学籍号",), required=False, parse=student_ids.parse),
    tabular.Column("seat_no", "学号", ("班内学号",), required=False, parse=roster.seat_number),
    tabular.Column("applied_on", "申请日期", ("日期", "申请时间"), parse=parsers.school_date),
    tabular.Column("parent_name", "家长姓名", ("家长", "监护人", "监护人姓名", "申请人"), parse=parsers.text),
    tabular.Column("reason", "申请理由", ("理由", "原因", "申请原因"), parse=parsers.text),
    tabular.Column(
        "decision",
        "审批结果",
        ("审批", "是否同意", "审核结果", "结果"),
        parse=parsers.choice(DECISION_CHOICES),
    ),
    tabular.Column("decided_by", "审批人", ("审核人", "批准人"), required=False, parse=parsers.text),
    tabular.Column(
        "decided_on", "审批日期", ("审核日期", "批准日期"), required=False, parse=parsers.school_date
    ),
    tabular.Column(
        "valid_until",
        "有效期至",
        ("有效期", "截止日期", "有效期截止"),
        required=False,
        parse=parsers.calendar_date,
    ),
    tabular.Column("note", "备注", ("说明",), required=False, parse=parsers.text),
]


def preview_import(db: Database, path: Path, *, defaults: dict[str, Any] | None = None) -> tabular.Preview:
    """A sheet of applications (班级, 姓名/学籍号, 申请日期, 家长姓名, 申请理由, 审批结果, 审批人, 有效期至)."""
    result = tabular.preview(path, IMPORT_COLUMNS, defaults=defaults, dates=tabular.SchoolDates.of(db))
    if result.errors and not result.rows:
        return result
    index = roster.StudentIndex(db)
    existing = {(r["student_id"], r["applied_on"]): r for r in records.live_rows(db, APPLICATIONS)}
    seen: dict[tuple, int] = {}
    result.start_counting("new", "changed", "unchanged")
    refused = {e.row for e in result.errors}  # a row with a bad cell is listed once, as refused
    for row in result.rows:
        if all(row.get(k) is None for k in ("name", "student_no", "seat_no")):
            result.errors.append(tabular.RowError(row["_row"], "姓名", "姓名和学籍号至少填写一项"))
            continue
        if row["_row"] in refused:
            continue
        student, column, why = index.find(
            row.get("name"),
            row.get("student_no"),
            row.get("class"),
            row.get("seat_no"),
            on=row.get("applied_on"),
        )
        if student is None:
            result.errors.append(tabular.RowError(row["_row"], column, why))
            continue
        if None in (row.get("applied_on"), row.get("decision"), row.get("parent_name"), row.get("reason")):
            continue  # already reported as a cell error
        class_id = school.student_class_on(db, student, row["applied_on"])  # the class on the day applied
        row.update(student_id=student["id"], class_id=class_id, student_name=student["name"])
        try:
            _validate_application(_row_application(row))
        except UserError as error:
            result.errors.append(tabular.RowError(row["_row"], "", str(error)))
            continue
        key = (student["id"], row["applied_on"].isoformat())
        if key in seen:
            result.errors.append(
                tabular.RowError(row["_row"], "", f"与第 {seen[key]} 行是同一学生同一天的申请")
            )
            continue
        seen[key] = row["_row"]
        old = existing.get(key)
        if old is None:
            result.count(row, "new")
        else:
            row["id"] = old["id"]
            new = _row_application(row).values()
            same = all(
                str(old.get(k) or "") == str(v or "")
                for k, v in new.items()
                if k not in ("attachment_sha", "attachment_name")
            )
            result.count(row, "unchanged" if same else "changed")
    return result


def _row_application(row: dict) -> Application:
    return Application(
        row.get("id"),
        row.get("class_id", ""),
        row.get("student_id", ""),
        row["applied_on"],
        row.get("reason") or "",
        row.get("parent_name") or "",
        row["decision"],
        row.get("decided_by") or "",
        row.get("decided_on"),
        row.get("valid_until"),
        row.get("note") or "",
        student_name=row.get("student_name", ""),
    )


def commit_import(db: Database, actor: Actor, result: tabular.Preview) -> Changes:
    """Write checked applications in one transaction (all rows or none); existing scans are kept."""
    result.require_ok()
    changes = Changes()
    with transaction(db):
        for row in result.rows:
            app = _row_application(row)
            values = app.values()
            values.pop("attachment_sha")
            values.pop("attachment_name")
            if row.get("id"):
                values["id"] = row["id"]
            records.save(db, APPLICATIONS, values, actor, reason="导入", changes=changes)
    return changes


# ------------------------------------------------------------------ import: the daily custody log

CUSTODY_STATUS_CHOICES = {
    HANDED_IN: HANDED_IN,
    "已上交": HANDED_IN,
    "上交": HANDED_IN,
    "交": HANDED_IN,
    "已收": HANDED_IN,
    "已收取": HANDED_IN,
    "√": HANDED_IN,
    "✓": HANDED_IN,
    "✔": HANDED_IN,
    NOT_HANDED_IN: NOT_HANDED_IN,
    "没交": NOT_HANDED_IN,
    "未上交": NOT_HANDED_IN,
    "拒交": NOT_HANDED_IN,
    NOT_BROUGHT: NOT_BROUGHT,
    "没带": NOT_BROUGHT,
    "未携带": NOT_BROUGHT,
    "未带手机": NOT_BROUGHT,
    "没带手机": NOT_BROUGHT,
    VIOLATION: VIOLATION,
    "违规": VIOLATION,
    "违规携带": VIOLATION,
    "违规带手机": VIOLATION,
    "私自带入": VIOLATION,
    "未经批准带入": VIOLATION,
}
RETURNED_CHOICES = {
    "是": True,
    "已归还": True,
    "归还": True,
    "已还": True,
    "√": True,
    "✓": True,
    "否": False,
    "未归还": False,
    "没还": False,
    "未还": False,
    "×": False,
}
CUSTODY_IMPORT_COLUMNS = [
    tabular.Column("date", "日期", ("登记日期", "保管日期"), parse=parsers.school_date),
    tabular.Column("class", "班级", ("班级名称",), parse=parsers.text, guess=class_names.class_in_text),
    tabular.Column("student_no", "学籍号", ("全国学籍号",), required=False, parse=student_ids.parse),
    tabular.Column("seat_no", "学号", ("班内学号",), required=False, parse=roster.seat_number),
    tabular.Column("name", "姓名", ("学生姓名", "学生"), required=False, parse=parsers.text),
    tabular.Column(
        "status",
        "状态",
        ("保管状态", "上交情况", "手机状态", "情况"),
        required=False,
        parse=parsers.choice(CUSTODY_STATUS_CHOICES),
    ),
    tabular.Column(
        "returned", "是否归还", ("已归还", "放学归还"), required=False, parse=parsers.choice(RETURNED_CHOICES)
    ),
    tabular.Column(
        "received_by", "收取人", ("收取责任人", "保管人", "收机人"), required=False, parse=parsers.text
    ),
    tabular.Column("returned_by", "归还人", ("发还人", "归还责任人"), required=False, parse=parsers.text),
    tabular.Column("note", "备注", ("说明",), required=False, parse=parsers.text),
]
_DAY_FIELDS = (("received_by", "收取人"), ("returned_by", "归还人"))


@dataclass
class _ImportDay:
    """One class-day of a custody file, as :func:`log_day` takes it."""

    class_id: str
    date: dt.date
    first_row: int
    received_by: str = ""
    returned_by: str = ""
    note: str = ""
    exceptions: dict[str, str] = field(default_factory=dict)
    not_returned: set[str] = field(default_factory=set)
    notes: dict[str, str] = field(default_factory=dict)
    rows: list[dict] = field(default_factory=list)


def _import_days(rows: list[dict]) -> dict[tuple[str, dt.date], _ImportDay]:
    """Checked rows grouped by class and day (the file's order)."""
    days: dict[tuple[str, dt.date], _ImportDay] = {}
    for row in rows:
        day = days.setdefault(
            (row["class_id"], row["date"]), _ImportDay(row["class_id"], row["date"], row["_row"])
        )
        day.rows.append(row)
        for key, _label in _DAY_FIELDS:
            if row.get(key) and not getattr(day, key):
                setattr(day, key, row[key])
        student_id = row.get("student_id")
        if student_id is None:
            day.note = day.note or row.get("note") or ""
            continue
        day.exceptions[student_id] = row["status"]
        if row.get("returned") is False:
            day.not_returned.add(student_id)
        if row.get("note"):
            day.notes[student_id] = row["note"]
    return days


def preview_custody_import(
    db: Database, path: Path, *, defaults: dict[str, Any] | None = None
) -> tabular.Preview:
    """A custody log sheet (日期, 班级, 学籍号/姓名, 状态, 是否归还, 收取人, 归还人, 备注), one row per student and
    day; a row with no student records the class-day only (“全部已交” / nobody brought a phone).

    Each class-day in the file replaces that day's log as :func:`log_day` does: approved students not in the
    file count as 已交, and a phone brought without a valid approval is recorded as 违规带入 (a warning says
    so). Counts are per file row."""
    result = tabular.preview(
        path, CUSTODY_IMPORT_COLUMNS, defaults=defaults, dates=tabular.SchoolDates.of(db)
    )
    if result.errors and not result.rows:
        return result
    classes = school.class_lookup(db)
    class_names = {c.id: c.name for c in classes.values()}
    index = roster.StudentIndex(db)
    seen: dict[tuple, int] = {}
    for row, class_id in daily.rows_with_class(result, classes):
        has_student = any(row.get(k) is not None for k in ("name", "student_no", "seat_no"))
        if not has_student:
            if row.get("status") is not None:
                result.errors.append(tabular.RowError(row["_row"], "姓名", "填写了状态，但缺少姓名或学籍号"))
                continue
            row["class_id"] = class_id
            continue
        student, column, why = index.find(
            row.get("name"), row.get("student_no"), row["class"], row.get("seat_no"), on=row.get("date")
        )
        if student is None:
            result.errors.append(tabular.RowError(row["_row"], column, why))
            continue
        if row.get("status") is None:
            if "status" in row:  # blank (an unreadable value is already reported)
                result.errors.append(
                    tabular.RowError(row["_row"], "状态", f"不能为空（{'、'.join(CUSTODY_STATES)}）")
                )
            continue
        key = (class_id, row["date"], student["id"])
        if key in seen:
            result.errors.append(tabular.RowError(row["_row"], "", f"与第 {seen[key]} 行是同一学生同一天"))
            continue
        seen[key] = row["_row"]
        row.update(class_id=class_id, student_id=student["id"], student_name=student["name"])
    if not result.ok:
        # the good rows still say what they would do (the day-wide warnings wait for a file without errors)
        clean = [r for r in result.clean_rows() if r.get("class_id")]
        warnings = list(result.warnings)
        _count_custody(db, result, _import_days(clean), class_names)
        result.warnings = warnings
        return result
    days = _import_days(result.rows)
    for day in days.values():
        for key, label in _DAY_FIELDS:
            chosen = getattr(day, key)
            for row in day.rows:
                if row.get(key) and row[key] != chosen:
                    result.errors.append(
                        tabular.RowError(
                            row["_row"],
                            label,
                            f"与同一班级同一天其他行的{label}“{chosen}”不一致",
                        )
                    )
        if not day.received_by:
            result.errors.append(
                tabular.RowError(
                    day.first_row,
                    "收取人",
                    f"{class_names[day.class_id]} {day.date.isoformat()} 的登记缺少收取人（收取手机的责任人）",
                )
            )
    if result.ok:
        _count_custody(db, result, days, class_names)
    return result


def _same_record(old: dict | None, new: dict | None) -> bool:
    if old is None or new is None:
        return old is None and new is None
    return all(old[k] == v for k, v in new.items())


def _count_custody(
    db: Database,
    result: tabular.Preview,
    days: dict[tuple[str, dt.date], _ImportDay],
    class_names: dict[str, str],
) -> None:
    """New / changed / unchanged per file row against what :func:`log_day` would keep, with warnings for what
    the file does not say itself (violations, approved students counted as 已交, records removed)."""
    names = _names(db)
    apps: dict[str, list[Application]] = {}
    result.start_counting("new", "changed", "unchanged")
    for day in days.values():
        if day.class_id not in apps:
            apps[day.class_id] = applications(db, day.class_id)
        approved = approved_students(db, day.class_id, day.date, apps[day.class_id])
        wanted = _day_records(day.class_id, day.date, approved, day.exceptions, day.not_returned, day.notes)
        existing = {r["student_id"]: r for r in custody_rows(db, day.class_id, day.date, day.date)}
        marker = daily.day_rows(db, CUSTODY_DAYS, day.class_id, day.date)
        new_marker = _marker_values(day.class_id, day.date, day.received_by, day.returned_by, day.note)
        marker_same = bool(marker) and all(marker[0][k] == v for k, v in new_marker.items())
        same = {s: _same_record(existing.get(s), wanted.get(s)) for s in {*existing, *wanted}}
        where = f"{class_names[day.class_id]} {day.date.isoformat()}"
        implied = [s for s in wanted if s not in day.exceptions]
        removed = [s for s in existing if s not in wanted]
        if implied:
            listed = "、".join(names.get(s, "") for s in implied)
            result.warnings.append(f"{where}：经批准带手机的{listed}不在文件中，按“{HANDED_IN}”登记")
        if removed:
            listed = "、".join(f"{names.get(s, '')}（{existing[s]['status']}）" for s in removed)
            result.warnings.append(f"{where}：原有登记 {listed} 不在文件中，将被删除")
        for row in day.rows:
            student_id = row.get("student_id")
            if student_id is None:
                if not marker:
                    result.count(row, "new")
                else:
                    quiet = marker_same and all(same[s] for s in implied) and not removed
                    result.count(row, "unchanged" if quiet else "changed")
                continue
            kept = wanted.get(student_id)
            if kept is None:
                result.warnings.append(
                    f"第 {row['_row']} 行：{row['student_name']}当天没有有效申请且未带手机，不作记录"
                )
            elif kept["status"] != row["status"]:
                result.warnings.append(
                    f"第 {row['_row']} 行：{row['student_name']}当天没有有效的手机入校申请，"
                    f"按“{kept['status']}”登记（文件中为“{row['status']}”）"
                )
            if not marker or (student_id not in existing and kept is not None):
                result.count(row, "new")
            else:
                result.count(row, "unchanged" if marker_same and same.get(student_id, True) else "changed")


def commit_custody_import(db: Database, actor: Actor, result: tabular.Preview) -> Changes:
    """Write a checked custody file in one transaction (all class-days or none), each day through
    :func:`log_day` (whose writes refuse a class the account may not log)."""
    result.require_ok()
    days = _import_days(result.rows)
    changes = Changes()
    with transaction(db):
        for day in days.values():
            changes.merge(
                log_day(
                    db,
                    actor,
                    day.class_id,
                    day.date,
                    received_by=day.received_by,
                    returned_by=day.returned_by,
                    exceptions=day.exceptions,
                    not_returned=day.not_returned,
                    notes=day.notes,
                    note=day.note,
                    reason="导入",
                )
            )
    return changes

"""School set-up: the school, classes, subjects, teachers, students, settings; roster import."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from fivemgmt import records, tabular
from fivemgmt.accounts import ADMIN, PRINCIPAL, Actor
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.records import Changes, create_record_table

STAGES = {
    "小学": (1, 6),
    "初中": (7, 9),
    "九年一贯制": (1, 9),
    "高中": (10, 12),
    "完全中学": (7, 12),
}
CN_DIGITS = "零一二三四五六七八九十"
GRADE_NAMES = {g: f"{CN_DIGITS[g]}年级" for g in range(1, 10)} | {10: "高一", 11: "高二", 12: "高三"}
JUNIOR_ALT = {7: "初一", 8: "初二", 9: "初三"}
CLASS_RE = re.compile(
    r"^(?P<grade>[一二三四五六七八九1-9]年级|初[一二三123]|高[一二三123]|[一二三四五六七八九1-9])"
    r"[\s(（]*(?P<number>\d{1,2}|[一二三四五六七八九十]{1,3})[)）]?\s*班?$"
)


def grade_stage(grade: int) -> str:
    return "小学" if grade <= 6 else ("初中" if grade <= 9 else "高中")


def grade_name(grade: int, junior_style: str = "年级") -> str:
    """四年级; 七年级 or 初一 (the school's choice); 高一."""
    if junior_style == "初" and grade in JUNIOR_ALT:
        return JUNIOR_ALT[grade]
    return GRADE_NAMES[grade]


def class_name(grade: int, number: int, junior_style: str = "年级") -> str:
    return f"{grade_name(grade, junior_style)}({number})班"


def cn_number(text: str) -> int:
    """'3' → 3, '十二' → 12: the numbers in class names and week numbers."""
    return _cn_number(text)


def _cn_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + CN_DIGITS.index(text[1])
    if "十" in text:
        tens, _, ones = text.partition("十")
        return CN_DIGITS.index(tens) * 10 + (CN_DIGITS.index(ones) if ones else 0)
    return CN_DIGITS.index(text)


def parse_class_name(text: str) -> tuple[int, int]:
    """'四年级(2)班', '初一(3)班', '七年级3班', '高二（1）班', '4年级2班' → (grade, number)."""
    cleaned = re.sub(r"\s+", "", str(text))
    match = CLASS_RE.match(cleaned)
    if not match:
        raise tabular.CellError(f"“{text}”不是班级名称（应为 四年级(2)班 这样的格式）")
    grade_text = match.group("grade").removesuffix("年级")
    if grade_text.startswith("初"):
        grade = 6 + _cn_number(grade_text[1:])
    elif grade_text.startswith("高"):
        grade = 9 + _cn_number(grade_text[1:])
    else:
        grade = _cn_number(grade_text)
    number = _cn_number(match.group("number"))
    if not (1 <= grade <= 12 and 1 <= number <= 99):
        raise tabular.CellError(f"“{text}”的年级或班号不合理")
    return grade, number


# A class named inside a title or file name: "2026学年四年级(2)班学生名单", "初一3班作业公示".
CLASS_IN_TEXT_RE = re.compile(
    r"(?:[一二三四五六七八九1-9]年级|初[一二三123]|高[一二三123])\s*[(（]?\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
    r"\s*[)）]?\s*班"
)


def class_in_text(text: str) -> str | None:
    """The one class a title or file name names, in the school's spelling (四年级(2)班); None when it names
    none or several."""
    found = set()
    for match in CLASS_IN_TEXT_RE.finditer(re.sub(r"\s+", "", str(text))):
        try:
            found.add(parse_class_name(match.group(0)))
        except tabular.CellError:
            continue
    return class_name(*found.pop()) if len(found) == 1 else None


@dataclass(frozen=True)
class SchoolClass:
    id: str
    grade: int
    number: int
    name: str
    head_teacher_id: str | None = None

    @property
    def stage(self) -> str:
        return grade_stage(self.grade)


def create_schema(db: Database) -> None:
    create_record_table(db, "school", {"name": str, "stage": str, "address": str}, not_null={"name", "stage"})
    create_record_table(db, "settings", {"value": str})
    create_record_table(
        db,
        "classes",
        {"grade": int, "number": int, "name": str, "head_teacher_id": str},
        not_null={"grade", "number", "name"},
        indexes=[["grade", "number"]],
    )
    create_record_table(
        db,
        "subjects",
        {"name": str, "sort_order": int, "grades_from": int, "grades_to": int},
        not_null={"name"},
    )
    create_record_table(db, "teachers", {"name": str, "phone": str, "username": str}, not_null={"name"})
    create_record_table(
        db,
        "teaching",
        {"teacher_id": str, "class_id": str, "subject": str},
        not_null={"teacher_id", "class_id", "subject"},
        indexes=[["class_id"], ["teacher_id"]],
    )
    create_record_table(
        db,
        "students",
        {
            "class_id": str,
            "name": str,
            "student_no": str,
            "sex": str,
            "birth_date": str,
            "ethnicity": str,
            "address": str,
        },
        not_null={"class_id", "name"},
        indexes=[["class_id"], ["student_no"]],
    )


# ------------------------------------------------------------------ reading


def get_school(db: Database) -> dict | None:
    rows = records.live_rows(db, "school")
    return rows[0] if rows else None


def get_setting(db: Database, key: str, default: Any = None) -> Any:
    row = db.execute("SELECT value FROM settings WHERE id = ? AND deleted = 0", [key]).fetchone()
    return json.loads(row[0]) if row else default


def junior_style(db: Database) -> str:
    return get_setting(db, "junior_grade_style", "年级")


def list_classes(db: Database, grade: int | None = None) -> list[SchoolClass]:
    where, params = ("grade = ?", [grade]) if grade else ("1", [])
    return [
        SchoolClass(r["id"], r["grade"], r["number"], r["name"], r["head_teacher_id"])
        for r in records.live_rows(db, "classes", where, params, order_by="grade, number")
    ]


def get_class(db: Database, class_id: str) -> SchoolClass:
    row = records.live_get(db, "classes", class_id, "找不到该班级。")
    return SchoolClass(row["id"], row["grade"], row["number"], row["name"], row["head_teacher_id"])


def find_class(db: Database, name: str) -> SchoolClass:
    """A class by the name a school writes (四年级(2)班, 初一(3)班 and 七年级(3)班 are the same)."""
    try:
        grade, number = parse_class_name(name)
    except tabular.CellError as error:
        raise UserError(str(error)) from None
    rows = records.live_rows(db, "classes", "grade = ? AND number = ?", [grade, number])
    if not rows:
        raise UserError(f"学校没有“{name}”这个班级。")
    return get_class(db, rows[0]["id"])


def class_lookup(db: Database) -> dict[tuple[int, int], SchoolClass]:
    return {(c.grade, c.number): c for c in list_classes(db)}


def list_students(db: Database, class_id: str) -> list[dict]:
    return records.live_rows(db, "students", "class_id = ?", [class_id], order_by="student_no, name")


def list_subjects(db: Database, grade: int | None = None) -> list[str]:
    rows = records.live_rows(db, "subjects", order_by="sort_order, name")
    if grade is not None:
        rows = [r for r in rows if (r["grades_from"] or 1) <= grade <= (r["grades_to"] or 12)]
    return [r["name"] for r in rows]


def list_teachers(db: Database) -> list[dict]:
    return records.live_rows(db, "teachers", order_by="name")


def teachers_of_class(db: Database, class_id: str) -> list[dict]:
    """Who teaches what in a class: [{'teacher_id', 'name', 'subject'}]."""
    return list(
        db.query(
            "SELECT teaching.teacher_id, teachers.name, teaching.subject FROM teaching"
            " JOIN teachers ON teachers.id = teaching.teacher_id"
            " WHERE teaching.class_id = ? AND teaching.deleted = 0 AND teachers.deleted = 0 ORDER BY teaching.subject",
            [class_id],
        )
    )


def head_teacher_name(db: Database, school_class: SchoolClass) -> str:
    if not school_class.head_teacher_id:
        return ""
    row = records.get(db, "teachers", school_class.head_teacher_id)
    return row["name"] if row else ""


# ------------------------------------------------------------------ operations (each one transaction)


def save_school(db: Database, actor: Actor, name: str, stage: str, address: str = "") -> Changes:
    actor.require_role(ADMIN)
    if stage not in STAGES:
        raise UserError(f"学段应为 {'、'.join(STAGES)} 之一。")
    if not name.strip():
        raise UserError("学校名称不能为空。")
    changes = Changes()
    with transaction(db):
        existing = get_school(db)
        values = {"name": name.strip(), "stage": stage, "address": address}
        if existing:
            values["id"] = existing["id"]
        records.save(db, "school", values, actor, changes=changes)
    return changes


def set_setting(db: Database, actor: Actor, key: str, value: Any) -> Changes:
    actor.require_role(ADMIN, PRINCIPAL)
    changes = Changes()
    with transaction(db):
        records.save(
            db,
            "settings",
            {"id": key, "value": json.dumps(value, ensure_ascii=False)},
            actor,
            changes=changes,
        )
    return changes


def add_class(db: Database, actor: Actor, grade: int, number: int, head_teacher_id: str | None = None) -> str:
    actor.require_role(ADMIN)
    school = get_school(db)
    if school:
        low, high = STAGES[school["stage"]]
        if not low <= grade <= high:
            raise UserError(f"{school['stage']}学校没有{grade_name(grade)}。")
    with transaction(db):
        if records.live_rows(db, "classes", "grade = ? AND number = ?", [grade, number]):
            raise UserError(f"{class_name(grade, number, junior_style(db))}已存在。")
        return records.save(
            db,
            "classes",
            {
                "grade": grade,
                "number": number,
                "name": class_name(grade, number, junior_style(db)),
                "head_teacher_id": head_teacher_id,
            },
            actor,
        )


def add_subject(
    db: Database, actor: Actor, name: str, order: int = 0, grades: tuple[int, int] = (1, 12)
) -> str:
    actor.require_role(ADMIN)
    with transaction(db):
        return records.save(
            db,
            "subjects",
            {"name": name, "sort_order": order, "grades_from": grades[0], "grades_to": grades[1]},
            actor,
        )


def add_teacher(db: Database, actor: Actor, name: str, phone: str = "") -> str:
    actor.require_role(ADMIN)
    with transaction(db):
        return records.save(db, "teachers", {"name": name, "phone": phone}, actor)


def assign_teaching(db: Database, actor: Actor, teacher_id: str, class_id: str, subject: str) -> str:
    actor.require_role(ADMIN)
    with transaction(db):
        return records.save(
            db, "teaching", {"teacher_id": teacher_id, "class_id": class_id, "subject": subject}, actor
        )


def set_head_teacher(db: Database, actor: Actor, class_id: str, teacher_id: str | None) -> Changes:
    actor.require_role(ADMIN)
    changes = Changes()
    with transaction(db):
        records.save(db, "classes", {"id": class_id, "head_teacher_id": teacher_id}, actor, changes=changes)
    return changes


def save_student(db: Database, actor: Actor, values: dict[str, Any]) -> str:
    actor.require_role(ADMIN, PRINCIPAL)
    with transaction(db):
        return records.save(db, "students", values, actor)


# ------------------------------------------------------------------ roster import

ROSTER_COLUMNS = [
    tabular.Column(
        "class", "班级", ("班级名称", "所在班级", "班别"), parse=tabular.text, guess=class_in_text
    ),
    tabular.Column("name", "姓名", ("学生姓名", "学生名字", "名字"), parse=tabular.text),
    tabular.Column("sex", "性别", ("性 别",), parse=tabular.sex),
    tabular.Column(
        "student_no", "学籍号", ("学号", "全国学籍号", "学籍编号", "学籍辅号", "教育ID号"), parse=tabular.text
    ),
    tabular.Column(
        "birth_date", "出生日期", ("生日", "出生年月日", "出生年月"), required=False, parse=tabular.date
    ),
    tabular.Column("ethnicity", "民族", ("民族代码",), required=False, parse=tabular.text),
    tabular.Column("address", "家庭住址", ("住址",), required=False, parse=tabular.text),
]


def import_class_id(
    result: tabular.Preview, row: dict, classes: dict[tuple[int, int], SchoolClass]
) -> str | None:
    """The id of the class a file row's 班级 cell names (``classes`` from :func:`class_lookup`), or None
    with the row's error added to the preview."""
    try:
        key = parse_class_name(row["class"])
    except tabular.CellError as error:
        result.errors.append(tabular.RowError(row["_row"], "班级", str(error)))
        return None
    if key not in classes:
        result.errors.append(tabular.RowError(row["_row"], "班级", f"学校没有“{row['class']}”这个班级"))
        return None
    return classes[key].id


def preview_roster(db: Database, path: Path, *, defaults: dict[str, Any] | None = None) -> tabular.Preview:
    """Check a roster file against the school's classes; counts new / changed / unchanged students."""
    result = tabular.preview(path, ROSTER_COLUMNS, defaults=defaults)
    if not result.rows:
        return result
    classes = class_lookup(db)
    existing = {r["student_no"]: r for r in records.live_rows(db, "students") if r["student_no"]}
    seen: dict[str, int] = {}
    counts = {"new": 0, "changed": 0, "unchanged": 0}
    for row in result.rows:
        if row.get("class") is None:
            continue
        class_id = import_class_id(result, row, classes)
        if class_id is None:
            continue
        row["class_id"] = class_id
        number = row.get("student_no")
        if number:
            if number in seen:
                result.errors.append(tabular.RowError(row["_row"], "学籍号", f"与第 {seen[number]} 行重复"))
                continue
            seen[number] = row["_row"]
        if row.get("birth_date") and not (dt.date(1990, 1, 1) <= row["birth_date"] <= dt.date.today()):
            result.errors.append(tabular.RowError(row["_row"], "出生日期", "日期不合理"))
        old = existing.get(number)
        if old is None:
            counts["new"] += 1
        else:
            row["id"] = old["id"]
            same = all(
                str(old.get(k) or "") == str(_student_values(row).get(k) or "") for k in _student_values(row)
            )
            counts["unchanged" if same else "changed"] += 1
    result.counts = counts
    return result


def _student_values(row: dict) -> dict[str, Any]:
    values = {
        k: row.get(k) for k in ("class_id", "name", "sex", "student_no", "birth_date", "ethnicity", "address")
    }
    values = {k: v for k, v in values.items() if v is not None}
    if "birth_date" in values:
        values["birth_date"] = values["birth_date"].isoformat()
    return values


def commit_roster(db: Database, actor: Actor, result: tabular.Preview) -> Changes:
    """Write a checked roster in one transaction; refuses a preview with errors."""
    actor.require_role(ADMIN, PRINCIPAL)
    result.require_ok()
    changes = Changes()
    with transaction(db):
        for row in result.rows:
            values = _student_values(row)
            if row.get("id"):
                values["id"] = row["id"]
            records.save(db, "students", values, actor, changes=changes)
    return changes


# ------------------------------------------------------------------ set-up page: edit and delete


def subject_rows(db: Database) -> list[dict]:
    return records.live_rows(db, "subjects", order_by="sort_order, name")


def save_subject(db: Database, actor: Actor, values: dict[str, Any]) -> Changes:
    """Add (no id) or change a subject: name, sort_order, grades_from, grades_to."""
    actor.require_role(ADMIN)
    if not str(values.get("name") or "").strip():
        raise UserError("学科名称不能为空。")
    low, high = int(values.get("grades_from") or 1), int(values.get("grades_to") or 12)
    if not 1 <= low <= high <= 12:
        raise UserError("学科的年级范围应在 1–12 之间，且起始年级不大于结束年级。")
    changes = Changes()
    with transaction(db):
        duplicate = records.live_rows(
            db, "subjects", "name = ? AND id != ?", [values["name"].strip(), values.get("id") or ""]
        )
        if duplicate:
            raise UserError(f"学科“{values['name'].strip()}”已存在。")
        records.save(
            db,
            "subjects",
            {**values, "name": values["name"].strip(), "grades_from": low, "grades_to": high},
            actor,
            changes=changes,
        )
    return changes


def save_teacher(db: Database, actor: Actor, values: dict[str, Any]) -> Changes:
    """Add (no id) or change a teacher: name, phone."""
    actor.require_role(ADMIN)
    if not str(values.get("name") or "").strip():
        raise UserError("教师姓名不能为空。")
    changes = Changes()
    with transaction(db):
        records.save(db, "teachers", {**values, "name": values["name"].strip()}, actor, changes=changes)
    return changes


def delete_teacher(db: Database, actor: Actor, teacher_id: str) -> Changes:
    """Delete a teacher with their teaching assignments; refused while they are a class's 班主任."""
    actor.require_role(ADMIN)
    changes = Changes()
    with transaction(db):
        heads = records.live_rows(db, "classes", "head_teacher_id = ?", [teacher_id])
        if heads:
            raise UserError(f"该教师是{heads[0]['name']}的班主任，请先更换班主任。")
        for row in records.live_rows(db, "teaching", "teacher_id = ?", [teacher_id]):
            records.delete(db, "teaching", row["id"], actor, changes=changes)
        records.delete(db, "teachers", teacher_id, actor, changes=changes)
    return changes


def teaching_rows(db: Database) -> list[dict]:
    """Who teaches what where: [{'id', 'class_id', 'class_name', 'subject', 'teacher_id', 'teacher_name'}]."""
    return list(
        db.query(
            "SELECT teaching.id, teaching.class_id, classes.name AS class_name, teaching.subject,"
            " teaching.teacher_id, teachers.name AS teacher_name FROM teaching"
            " JOIN classes ON classes.id = teaching.class_id JOIN teachers ON teachers.id = teaching.teacher_id"
            " WHERE teaching.deleted = 0 AND classes.deleted = 0 AND teachers.deleted = 0"
            " ORDER BY classes.grade, classes.number, teaching.subject"
        )
    )


def delete_teaching(db: Database, actor: Actor, teaching_id: str) -> Changes:
    actor.require_role(ADMIN)
    changes = Changes()
    with transaction(db):
        records.delete(db, "teaching", teaching_id, actor, changes=changes)
    return changes


def delete_class(db: Database, actor: Actor, class_id: str) -> Changes:
    """Delete a class that has no students (its teaching assignments go with it)."""
    actor.require_role(ADMIN)
    changes = Changes()
    with transaction(db):
        students = records.live_rows(db, "students", "class_id = ?", [class_id])
        if students:
            raise UserError(f"该班级还有 {len(students)} 名学生，请先把学生转到其他班级或删除后再删除班级。")
        for row in records.live_rows(db, "teaching", "class_id = ?", [class_id]):
            records.delete(db, "teaching", row["id"], actor, changes=changes)
        records.delete(db, "classes", class_id, actor, changes=changes)
    return changes


def delete_student(db: Database, actor: Actor, student_id: str) -> Changes:
    actor.require_role(ADMIN, PRINCIPAL)
    changes = Changes()
    with transaction(db):
        records.delete(db, "students", student_id, actor, changes=changes)
    return changes


def delete_subject(db: Database, actor: Actor, subject_id: str) -> Changes:
    actor.require_role(ADMIN)
    changes = Changes()
    with transaction(db):
        records.delete(db, "subjects", subject_id, actor, changes=changes)
    return changes

"""The school's students: one student's form, the 花名册 (roster) import, and finding the student a
file row means (:class:`StudentIndex`, for every import of students' records)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from fivemgmt import clock, parsers, records, student_ids, tabular
from fivemgmt.actor import ADMIN, PRINCIPAL, Actor
from fivemgmt.class_names import class_in_text, parse_class_name
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.records import Changes
from fivemgmt.school import (
    MOVED,
    class_lookup,
    import_class_id,
    list_classes,
    list_students,
    student_class_on,
)


def save_student(db: Database, actor: Actor, values: dict[str, Any]) -> str:
    """Add (no id) or change one student; the 学籍号 is checked like an imported one and must be unique."""
    actor.require_role(ADMIN, PRINCIPAL)
    values = dict(values)
    try:
        for key, parse in (("student_no", student_ids.parse), ("seat_no", seat_number)):
            if key in values:
                blank = values[key] is None or not str(values[key]).strip()
                values[key] = None if blank else parse(values[key])
    except parsers.CellError as error:
        raise UserError(str(error)) from None
    with transaction(db):
        if values.get("student_no"):
            other = students_by_number(db).get(values["student_no"], [])
            other = [s for s in other if s["id"] != values.get("id")]
            if other:
                raise UserError(f"学籍号“{values['student_no']}”已是{_who(db, other[0])}的学籍号。")
        if values.get("id"):
            _record_move(db, actor, values["id"], values.get("class_id"), Changes())
        return records.save(db, "students", values, actor)


def seat_number(value: Any) -> int:
    """学号: the student's number within the class (1…N)."""
    return parsers.integer(value, low=1, high=99_999_999)


ROSTER_COLUMNS = [
    tabular.Column(
        "class", "班级", ("班级名称", "所在班级", "班别"), parse=parsers.text, guess=class_in_text
    ),
    tabular.Column("name", "姓名", ("学生姓名", "学生名字", "名字"), parse=parsers.text),
    tabular.Column("sex", "性别", ("性 别",), parse=parsers.sex),
    tabular.Column(
        "student_no", "学籍号", ("全国学籍号", "学籍编号", "学籍辅号", "教育ID号"), parse=student_ids.parse
    ),
    tabular.Column("seat_no", "学号", ("班内学号", "座号"), required=False, parse=seat_number),
    tabular.Column(
        "birth_date", "出生日期", ("生日", "出生年月日", "出生年月"), required=False, parse=parsers.date
    ),
    tabular.Column("ethnicity", "民族", ("民族代码",), required=False, parse=parsers.text),
    tabular.Column("address", "家庭住址", ("住址",), required=False, parse=parsers.text),
]
STUDENT_FIELDS = ("class_id", "name", "sex", "student_no", "seat_no", "birth_date", "ethnicity", "address")


def seat_from_old_number(row: dict) -> None:
    """A student row written before 学号 had its own field (migration 0011, a package from an older
    version): its student_no of 1–3 digits was the seat number read as the 学籍号; move it to seat_no."""
    number = str(row.get("student_no") or "").strip()
    if student_ids.SEAT_RE.match(number):
        row["seat_no"], row["student_no"] = int(number), None


def students_by_number(db: Database) -> dict[str, list[dict]]:
    """Live students by normalized 学籍号 (a list: an older database may hold one number twice)."""
    found: dict[str, list[dict]] = {}
    for row in records.live_rows(db, "students"):
        if row["student_no"]:
            found.setdefault(student_ids.normalize(row["student_no"]), []).append(row)
    return found


def _who(db: Database, student: dict) -> str:
    row = records.get(db, "classes", student["class_id"])
    return f"{row['name'] if row else '（已删除的班级）'}的{student['name']}"


class StudentIndex:
    """Find the student a file row means, the same way for every import: by 学籍号; otherwise by 学号 or by
    name within the class the row names. Every other thing the row says (name, class) must agree."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.classes = class_lookup(db)
        self.class_by_id = {c.id: c for c in self.classes.values()}
        self.by_no = students_by_number(db)
        self.by_class: dict[str, list[dict]] = {}
        for row in records.live_rows(db, "students"):
            self.by_class.setdefault(row["class_id"], []).append(row)
        self._moved = "student_moves" in db.table_names() and bool(
            db.execute("SELECT 1 FROM student_moves WHERE deleted = 0 LIMIT 1").fetchone()
        )
        self._on: dict[tuple[str, dt.date], list[dict]] = {}

    def _members(self, class_id: str, on: dt.date | None) -> list[dict]:
        """The students of a class on the row's date (dated 转入/转出/转班 count), else its students now."""
        if not self._moved or not isinstance(on, dt.date):
            return self.by_class.get(class_id, [])
        if (class_id, on) not in self._on:
            self._on[class_id, on] = list_students(self.db, class_id, on=on)
        return self._on[class_id, on]

    def find(
        self,
        name: str | None,
        student_no: str | None,
        class_text: str | None,
        seat_no: int | None = None,
        on: dt.date | None = None,
    ) -> tuple[dict | None, str, str]:
        """(student, "", "") or (None, the column to blame, why not). ``on``: the row's date, whose school
        year's class names the 班级 cell uses."""
        school_class = None
        if class_text:
            try:
                key = parse_class_name(class_text)
            except parsers.CellError:
                return None, "班级", f"班级“{class_text}”无法识别"
            classes = self.classes.on(on) if isinstance(on, dt.date) else self.classes
            school_class = classes.get(key)
            if school_class is None:
                return None, "班级", f"学校没有“{class_text}”这个班级"
        if student_no:
            number = student_ids.normalize(student_no)
            found = self.by_no.get(number, [])
            if not found:
                return None, "学籍号", f"学籍号“{number}”不在名册中"
            if len(found) > 1:
                return (
                    None,
                    "学籍号",
                    f"名册中有 {len(found)} 名学生的学籍号都是“{number}”，请先在学生名单中改正",
                )
            student = found[0]
            where = self.class_by_id.get(student["class_id"])
            then = student_class_on(self.db, student, on) if school_class is not None else None
            if school_class is not None and then != school_class.id:
                now = where.name if where else "另一个班"
                return None, "班级", f"学籍号“{number}”是{now}的{student['name']}，不在{school_class.name}"
            if name and _same_name(name) != _same_name(student["name"]):
                return None, "姓名", f"学籍号“{number}”是{student['name']}，与姓名“{name}”不符"
            return student, "", ""
        if seat_no is not None:
            if school_class is None:
                return None, "学号", "按学号找学生需要填写班级（学号只在班内唯一）"
            matches = [s for s in self._members(school_class.id, on) if s["seat_no"] == seat_no]
            if len(matches) != 1:
                why = "没有" if not matches else f"有 {len(matches)} 名"
                return None, "学号", f"{school_class.name}{why}学号为 {seat_no} 的学生，请填写学籍号"
            if name and _same_name(name) != _same_name(matches[0]["name"]):
                return (
                    None,
                    "姓名",
                    f"{school_class.name}学号 {seat_no} 是{matches[0]['name']}，与姓名“{name}”不符",
                )
            return matches[0], "", ""
        if not name:
            return None, "姓名", "缺少姓名或学籍号"
        if school_class is not None:
            candidates = self._members(school_class.id, on)
        else:
            candidates = [s for rows in self.by_class.values() for s in rows]
        candidates = [s for s in candidates if _same_name(s["name"]) == _same_name(name)]
        if not candidates:
            where = school_class.name if school_class else "名册中"
            return None, "姓名", f"{where}没有学生“{name}”"
        if len(candidates) > 1:
            return None, "姓名", f"有 {len(candidates)} 个学生叫“{name}”，请在文件中填写班级或学籍号"
        return candidates[0], "", ""


def _same_name(name: str) -> str:
    return re.sub(r"\s+", "", name)


NEW, CHANGED, UNCHANGED, ABSENT = "new", "changed", "unchanged", "absent"


@dataclass(frozen=True)
class RosterChange:
    """What a roster file does to one student (or, ABSENT, that the file leaves a student out)."""

    row: int  # the file row the user sees; 0 for a student not in the file
    kind: str  # NEW, CHANGED, UNCHANGED or ABSENT
    name: str
    student_no: str
    class_name: str  # the class in the file (ABSENT: the class the student stays in)
    old_class: str = ""  # set when the student moves class
    old_name: str = ""  # set when the student's name changes
    other: tuple[str, ...] = ()  # labels of other fields that change

    @property
    def moved(self) -> bool:
        return bool(self.old_class)

    @property
    def renamed(self) -> bool:
        return bool(self.old_name)

    def describe(self) -> str:
        """One Chinese line: 第 3 行：张三（G…）移班 四年级(2)班 → 四年级(1)班；改名 李四 → 张三."""
        who = f"{self.name}（{self.student_no or '无学籍号'}）"
        if self.kind == ABSENT:
            return f"{self.class_name}的{who}不在文件中：不会删除或移动，仍在{self.class_name}"
        parts = []
        if self.kind == NEW:
            parts.append(f"新增到{self.class_name}")
        if self.moved:
            parts.append(f"移班 {self.old_class} → {self.class_name}")
        if self.renamed:
            parts.append(f"改名 {self.old_name} → {self.name}")
        if self.other:
            parts.append("修改" + "、".join(self.other))
        return f"第 {self.row} 行：{who}" + ("；".join(parts) or "不变")


@dataclass
class RosterPreview(tabular.Preview):
    changes: list[RosterChange] = field(default_factory=list)  # file order, then the students left out


FIELD_LABELS = {c.key: c.label for c in ROSTER_COLUMNS}


def preview_roster(
    db: Database, path: Path, *, defaults: dict[str, Any] | None = None, on: dt.date | None = None
) -> RosterPreview:
    """Check a roster file against the school: each row's student is found by 学籍号 (the identity), so a
    new student, a move to another class and a change of name are each shown, never done silently; students
    of the file's classes that the file leaves out are listed and kept. Nothing is written."""
    checked = tabular.preview(path, ROSTER_COLUMNS, defaults=defaults)
    result = RosterPreview(**{f.name: getattr(checked, f.name) for f in dataclasses.fields(checked)})
    result.errors = [
        tabular.RowError(
            1,
            "学籍号",
            "缺少此列。学籍号是学生的唯一标识，名册必须有“学籍号”列；“学号”列按班内学号（1、2、3…）读取，"
            "如果它其实是学籍号，请把表头改为“学籍号”",
        )
        if e.row == checked.header_row and e.column == "学籍号" and "缺少" in e.message
        else e
        for e in result.errors
    ]
    if not result.rows:
        return result
    classes = class_lookup(db, on)
    class_names = {c.id: c.name for c in list_classes(db, on=on, archived=True)}
    by_number = students_by_number(db)
    live = records.live_rows(db, "students")
    numberless = _numberless_by_name(live)
    seen: dict[str, int] = {}
    seats: dict[tuple[str, int], int] = {}
    matched: set[str] = set()
    file_classes: set[str] = set()
    odd: list[tuple[int, str]] = []
    for row in result.rows:
        if row.get("class") is None:
            continue
        class_id = import_class_id(result, row, classes)
        if class_id is None:
            continue
        row["class_id"] = class_id
        file_classes.add(class_id)
        number = row.get("student_no")
        if not number:
            continue  # blank or unreadable: already an error
        if number in seen:
            result.errors.append(tabular.RowError(row["_row"], "学籍号", f"与第 {seen[number]} 行重复"))
            continue
        seen[number] = row["_row"]
        seat = row.get("seat_no")
        if seat is not None:
            if (class_id, seat) in seats:
                result.errors.append(
                    tabular.RowError(row["_row"], "学号", f"与第 {seats[class_id, seat]} 行同班同学号")
                )
            seats.setdefault((class_id, seat), row["_row"])
        if row.get("birth_date") and not (dt.date(1990, 1, 1) <= row["birth_date"] <= clock.today()):
            result.errors.append(tabular.RowError(row["_row"], "出生日期", "日期不合理"))
        if problem := student_ids.check_digit_problem(number):
            result.warnings.append(f"第 {row['_row']} 行：{problem}")
        elif not student_ids.is_standard(number):
            odd.append((row["_row"], number))
        holders = by_number.get(number, [])
        if len(holders) > 1:
            result.errors.append(
                tabular.RowError(
                    row["_row"],
                    "学籍号",
                    f"学校里已有 {len(holders)} 名学生用这个学籍号（"
                    + "、".join(_who(db, h) for h in holders)
                    + "），请先在学生名单中改正",
                )
            )
            continue
        old = holders[0] if holders else None
        if old is None and row.get("name"):
            namesakes = [
                s for s in numberless.get((class_id, _same_name(row["name"])), []) if s["id"] not in matched
            ]
            if len(namesakes) > 1:
                result.errors.append(
                    tabular.RowError(
                        row["_row"],
                        "姓名",
                        f"{class_names[class_id]}有 {len(namesakes)} 名叫“{row['name']}”的学生还没有学籍号，"
                        "无法确定是哪一位；请先在学生名单中给他们填上学籍号",
                    )
                )
                continue
            old = namesakes[0] if namesakes else None
        if old is not None:
            row["id"] = old["id"]
            matched.add(old["id"])
        if row.get("name") is not None and row.get("sex") is not None:
            result.changes.append(_change(row, old, class_names))
    if odd:
        examples = "、".join(f"第 {r} 行“{n}”" for r, n in odd[:3])
        result.warnings.append(
            f"有 {len(odd)} 个学籍号不是常见格式（G 加 17 或 18 位，如 G330106201702131971），例如 {examples}，请核对"
        )
    for student in live:
        if student["class_id"] in file_classes and student["id"] not in matched:
            result.changes.append(
                RosterChange(
                    0, ABSENT, student["name"], student["student_no"] or "", class_names[student["class_id"]]
                )
            )
    refused = {e.row for e in result.errors}  # a row with an error is listed once, as refused
    result.changes = [c for c in result.changes if not c.row or c.row not in refused]
    result.warnings.extend(c.describe() for c in result.changes if c.kind == ABSENT or c.moved or c.renamed)
    result.counts = {k: sum(c.kind == k for c in result.changes) for k in (NEW, CHANGED, UNCHANGED)}
    # The rows' outcomes (a move is counted as a change, and listed as 移动)
    result.counted = [
        tabular.RowOutcome(
            c.row,
            tabular.OUTCOME_KINDS["moved" if c.moved else c.kind],
            c.describe().split("：", 1)[-1],
        )
        for c in result.changes
        if c.row
    ]
    return result


def _numberless_by_name(live: list[dict]) -> dict[tuple[str, str], list[dict]]:
    """Students with no 学籍号 yet (added by hand, or whose 学号 an older version kept as the number), by
    class and name: a roster row with a new 学籍号 and the same class and name is that student."""
    found: dict[tuple[str, str], list[dict]] = {}
    for student in live:
        if not student["student_no"]:
            found.setdefault((student["class_id"], _same_name(student["name"])), []).append(student)
    return found


def _change(row: dict, old: dict | None, class_names: dict[str, str]) -> RosterChange:
    values = _student_values(row)
    base = dict(row=row["_row"], name=values["name"], student_no=values["student_no"])
    class_name = class_names[values["class_id"]]
    if old is None:
        return RosterChange(kind=NEW, class_name=class_name, **base)
    differ = [k for k, v in values.items() if str(old.get(k) or "") != str(v or "")]
    other = tuple(FIELD_LABELS.get(k, k) for k in differ if k not in ("class_id", "name"))
    return RosterChange(
        kind=CHANGED if differ else UNCHANGED,
        class_name=class_name,
        old_class=class_names.get(old["class_id"], "（已删除的班级）") if "class_id" in differ else "",
        old_name=old["name"] if "name" in differ else "",
        other=other,
        **base,
    )


def _student_values(row: dict) -> dict[str, Any]:
    values = {k: row.get(k) for k in STUDENT_FIELDS}
    values = {k: v for k, v in values.items() if v is not None}
    if "birth_date" in values:
        values["birth_date"] = values["birth_date"].isoformat()
    return values


def commit_roster(db: Database, actor: Actor, result: tabular.Preview) -> Changes:
    """Write a checked roster in one transaction; refuses a preview with errors. Students the file leaves
    out are not touched."""
    actor.require_role(ADMIN, PRINCIPAL)
    result.require_ok()
    changes = Changes()
    with transaction(db):
        for row in result.rows:
            values = _student_values(row)
            if row.get("id"):
                values["id"] = row["id"]
                _record_move(db, actor, row["id"], values.get("class_id"), changes)
            records.save(db, "students", values, actor, changes=changes)
    return changes


def _record_move(db: Database, actor: Actor, student_id: str, class_id: str | None, changes: Changes) -> None:
    """A student written into another class (roster 移班, the student form) moves from today on: a dated
    转班, so the class's figures of earlier days still count the student where they were."""
    if not class_id or "student_moves" not in db.table_names():
        return
    old = records.get(db, "students", student_id)
    if old is None or old["deleted"] or old["class_id"] == class_id:
        return
    records.save(
        db,
        "student_moves",
        {
            "student_id": student_id,
            "date": clock.today().isoformat(),
            "kind": MOVED,
            "from_class_id": old["class_id"],
            "to_class_id": class_id,
        },
        actor,
        changes=changes,
    )

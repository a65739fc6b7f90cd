"""School set-up: the school, classes, subjects, teachers, students, settings; roster import."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from fivemgmt import clock, records, student_ids, tabular
from fivemgmt.actor import ADMIN, PRINCIPAL, Actor
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.i18n import QT_TRANSLATE_NOOP
from fivemgmt.records import Changes
from fivemgmt.settings import Option, SettingError

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
# How the school writes grades 7–9: "年级" (七年级(1)班) or "初" (初一(1)班). Class names in the standard
# form are shown in the school's style whenever it was chosen (see _styled).
JUNIOR_STYLE: Option[str] = Option(
    "junior_grade_style",
    str,
    "年级",
    title=QT_TRANSLATE_NOOP("Settings", "初中年级写法"),
    choices=("年级", "初"),
)
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
    return _parse_class_name(str(text))


@functools.lru_cache(maxsize=4096)  # an import names the same few classes on 100,000 rows
def _parse_class_name(text: str) -> tuple[int, int]:
    cleaned = re.sub(r"\s+", "", text)
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
    """A class as it was in one school year: a class is a lasting entity (its id), its grade, number and
    name are those of the year asked for (``class_years``, written by the 学年升级), so every rule looked up
    by grade uses the grade the class had on the record's date."""

    id: str
    grade: int
    number: int
    name: str
    head_teacher_id: str | None = None
    school_year: str | None = None  # None: the class has never been through a rollover
    archived: bool = False  # graduated (毕业) in that school year

    @property
    def stage(self) -> str:
        return grade_stage(self.grade)


# ------------------------------------------------------------------ reading


def get_school(db: Database) -> dict | None:
    rows = records.live_rows(db, "school")
    return rows[0] if rows else None


def junior_style(db: Database) -> str:
    return JUNIOR_STYLE.get(db)


def _shown_style(db: Database) -> str | None:
    """The style class names are shown in; None (names as stored) when the setting cannot be read: every page
    still lists the classes, the 设置 page says what is wrong, and adding a class refuses with the message."""
    try:
        return junior_style(db)
    except SettingError:
        return None


def _styled(name: str, grade: int, number: int, style: str | None) -> str:
    """A class name in the standard form of either junior style, written in ``style``; others as they are."""
    if (
        style is not None
        and grade in JUNIOR_ALT
        and name in (class_name(grade, number, "年级"), class_name(grade, number, "初"))
    ):
        return class_name(grade, number, style)
    return name


def school_year_of(db: Database, day: dt.date) -> str:
    """'2026-2027' for a day: the school year of the calendar's term containing it, else by the date
    (a school year runs from August to July)."""
    row = db.execute(
        "SELECT school_year FROM terms WHERE deleted = 0 AND start_date <= ? AND end_date >= ?"
        " ORDER BY start_date LIMIT 1",
        [day.isoformat(), day.isoformat()],
    ).fetchone()
    if row:
        return row[0]
    start = day.year if day.month >= 8 else day.year - 1
    return f"{start}-{start + 1}"


def _year_rows(db: Database) -> dict[str, list[dict]]:
    """Each class's rows of ``class_years`` (its grade and name per school year), oldest first."""
    if "class_years" not in db.table_names():
        return {}
    found: dict[str, list[dict]] = {}
    for row in db.query("SELECT * FROM class_years WHERE deleted = 0 ORDER BY school_year"):
        found.setdefault(row["class_id"], []).append(row)
    return found


def _class_in_year(
    row: dict, years: list[dict] | None, school_year: str | None, style: str | None = None
) -> SchoolClass | None:
    """The class ``row`` as it was in ``school_year``; None when it did not exist yet then.

    A class never rolled over is the same in every year. Otherwise the newest ``class_years`` row not after
    the year applies; before its first row the class had that row's grade (the app knew no other), unless
    that row is the year the class was created."""
    if not years:
        name = _styled(row["name"], row["grade"], row["number"], style)
        return SchoolClass(row["id"], row["grade"], row["number"], name, row["head_teacher_id"])
    earlier = [y for y in years if school_year is None or y["school_year"] <= school_year]
    if earlier:
        chosen = earlier[-1]
    elif years[0]["created"]:
        return None
    else:
        chosen = years[0]
    # The head teacher of the class's latest year is the class's own (editable); earlier years keep theirs.
    head = row["head_teacher_id"] if chosen is years[-1] else chosen["head_teacher_id"]
    return SchoolClass(
        row["id"],
        chosen["grade"],
        chosen["number"],
        _styled(chosen["name"], chosen["grade"], chosen["number"], style),
        head,
        chosen["school_year"],
        bool(chosen["archived"]),
    )


def grade_in_school_year(db: Database, class_id: str, school_year: str) -> int | None:
    """The grade a class had in ``school_year`` as its 学年升级 recorded it (a graduated class keeps its
    last grade; 0 when the class did not exist yet); a year before its first record is counted back from
    that record. None for a class never through a rollover."""
    rows = _year_rows(db).get(class_id)
    if not rows:
        return None
    earlier = [y for y in rows if y["school_year"] <= school_year]
    if earlier:
        return earlier[-1]["grade"]
    if rows[0]["created"]:
        return 0
    first = rows[0]["school_year"]
    return rows[0]["grade"] - (int(first[:4]) - int(school_year[:4]))


def list_classes(
    db: Database,
    grade: int | None = None,
    on: dt.date | None = None,
    *,
    year: str | None = None,
    archived: bool = False,
) -> list[SchoolClass]:
    """The classes of the school year ``year`` or the one containing ``on`` (default today), with the grade
    and name each had then; graduated classes only with ``archived=True``."""
    school_year = year or school_year_of(db, on or clock.today())
    years = _year_rows(db)
    style = _shown_style(db)
    found = []
    for row in records.live_rows(db, "classes"):
        view = _class_in_year(row, years.get(row["id"]), school_year, style)
        if view is None or (view.archived and not archived) or (grade and view.grade != grade):
            continue
        found.append(view)
    return sorted(found, key=lambda c: (c.archived, c.grade, c.number))


def as_of(db: Database, school_class: SchoolClass, day: dt.date) -> SchoolClass:
    """``school_class`` as it was on ``day`` (the grade its rules are looked up by); itself when the class
    has never been through a 学年升级 or was already that year's."""
    if school_class.school_year is None or school_class.school_year == school_year_of(db, day):
        return school_class
    return get_class(db, school_class.id, on=day)


def get_class(db: Database, class_id: str, on: dt.date | None = None) -> SchoolClass:
    """A class as it was on ``on`` (default today); a class created later is shown as in its first year."""
    row = records.live_get(db, "classes", class_id, "找不到该班级。")
    years = _year_rows(db).get(class_id)
    style = _shown_style(db)
    view = _class_in_year(row, years, school_year_of(db, on or clock.today()), style)
    return view or _class_in_year(row, years, years[0]["school_year"], style)


def find_class(db: Database, name: str, on: dt.date | None = None) -> SchoolClass:
    """A class by the name a school writes (四年级(2)班, 初一(3)班 and 七年级(3)班 are the same), by the
    name it had on ``on`` (default today)."""
    try:
        key = parse_class_name(name)
    except tabular.CellError as error:
        raise UserError(str(error)) from None
    classes = class_lookup(db, on)
    if key not in classes:
        raise UserError(f"学校没有“{name}”这个班级。")
    return classes[key]


def find_class_during(db: Database, name: str, start: dt.date, end: dt.date) -> SchoolClass:
    """A class by any name it had between ``start`` and ``end`` (a period spanning a 学年升级: 四年级(1)班
    in June is 五年级(1)班 in September), shown as it was on ``start``. The name at the start wins, then
    the one at the end, then those of the years in between."""
    try:
        key = parse_class_name(name)
    except tabular.CellError as error:
        raise UserError(str(error)) from None
    days = [start, end]
    day = dt.date(start.year, start.month, 1)
    while day < end:  # a day in each month: every school year the period touches
        day = (day + dt.timedelta(days=32)).replace(day=1)
        days.append(min(day, end))
    lookup = class_lookup(db, start)
    for day in days:
        found = lookup.on(day).get(key)
        if found is not None:
            return get_class(db, found.id, on=start)
    raise UserError(f"学校没有“{name}”这个班级。")


class ClassLookup(dict):
    """(grade, number) → class, as named in one school year; :meth:`on` gives the lookup of another day's
    school year, so an imported row dated in an earlier year finds its class by the name it had then."""

    def __init__(self, db: Database, on: dt.date | None = None) -> None:
        super().__init__({(c.grade, c.number): c for c in list_classes(db, on=on)})
        self.db = db
        self.school_year = school_year_of(db, on or clock.today())
        self.rolled = bool(_year_rows(db))
        self._years: dict[str, ClassLookup] = {self.school_year: self}

    def on(self, day: dt.date) -> ClassLookup:
        if not self.rolled:
            return self
        year = school_year_of(self.db, day)
        if year not in self._years:
            self._years[year] = ClassLookup(self.db, day)
        return self._years[year]


def class_lookup(db: Database, on: dt.date | None = None) -> ClassLookup:
    return ClassLookup(db, on)


STUDENT_ORDER = "seat_no IS NULL, seat_no, student_no, name"
JOINED, LEFT, MOVED, GRADUATED = "转入", "转出", "转班", "毕业"


def list_students(db: Database, class_id: str, on: dt.date | None = None) -> list[dict]:
    """The students a class had on ``on`` (default today) in seat order (学号), those without one last:
    dated 转入/转出/转班/毕业 (``student_moves``) count from their date on."""
    if (
        "student_moves" not in db.table_names()
        or not db.execute("SELECT 1 FROM student_moves WHERE deleted = 0 LIMIT 1").fetchone()
    ):
        return records.live_rows(db, "students", "class_id = ?", [class_id], order_by=STUDENT_ORDER)
    day = (on or clock.today()).isoformat()
    moves: dict[str, list[dict]] = {}
    for move in db.query(
        "SELECT * FROM student_moves WHERE deleted = 0 AND student_id IN (SELECT id FROM students"
        " WHERE class_id = ?1 UNION SELECT student_id FROM student_moves WHERE from_class_id = ?1"
        " OR to_class_id = ?1) ORDER BY date, updated_at",
        [class_id],
    ):
        moves.setdefault(move["student_id"], []).append(move)
    marks = ",".join("?" * len(moves)) or "''"
    rows = records.live_rows(
        db, "students", f"class_id = ? OR id IN ({marks})", [class_id, *moves], order_by=STUDENT_ORDER
    )
    return [r for r in rows if class_on(r, moves.get(r["id"], []), day) == class_id]


def student_class_on(db: Database, student: dict, day: dt.date | None) -> str:
    """The class a student's record of ``day`` belongs to: where the student was that day (dated 转班),
    else their class now (no date, or a day when they were not at the school)."""
    if not isinstance(day, dt.date) or "student_moves" not in db.table_names():
        return student["class_id"]
    moves = records.live_rows(
        db, "student_moves", "student_id = ?", [student["id"]], order_by="date, updated_at"
    )
    return class_on(student, moves, day.isoformat()) or student["class_id"]


def class_on(student: dict, moves: list[dict], day: str) -> str | None:
    """The class a student was in on ``day`` (ISO), None when not at the school then; ``moves`` oldest
    first. A move counts from its date on."""
    done = [m for m in moves if m["date"] <= day]
    if done:
        last = done[-1]
        return None if last["kind"] in (LEFT, GRADUATED) else last["to_class_id"]
    if moves:  # before the first move: where the first move took the student from
        first = moves[0]
        return None if first["kind"] == JOINED else first["from_class_id"]
    return student["class_id"]


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


def add_class(db: Database, actor: Actor, grade: int, number: int, head_teacher_id: str | None = None) -> str:
    actor.require_role(ADMIN)
    school = get_school(db)
    if school:
        low, high = STAGES[school["stage"]]
        if not low <= grade <= high:
            raise UserError(f"{school['stage']}学校没有{grade_name(grade)}。")
    with transaction(db):
        if (grade, number) in class_lookup(db):
            raise UserError(f"{class_name(grade, number, junior_style(db))}已存在。")
        name = class_name(grade, number, junior_style(db))
        values = {"grade": grade, "number": number, "name": name, "head_teacher_id": head_teacher_id}
        class_id = records.save(db, "classes", values, actor)
        if _year_rows(db):
            # A school that has rolled over: the class exists from this school year on, not in earlier ones.
            year = school_year_of(db, clock.today())
            records.save(
                db,
                "class_years",
                {"class_id": class_id, "school_year": year, **values, "archived": 0, "created": 1},
                actor,
            )
        return class_id


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
    """Add (no id) or change one student; the 学籍号 is checked like an imported one and must be unique."""
    actor.require_role(ADMIN, PRINCIPAL)
    values = dict(values)
    try:
        for key, parse in (("student_no", student_ids.parse), ("seat_no", seat_number)):
            if key in values:
                blank = values[key] is None or not str(values[key]).strip()
                values[key] = None if blank else parse(values[key])
    except tabular.CellError as error:
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


# ------------------------------------------------------------------ roster import


def seat_number(value: Any) -> int:
    """学号: the student's number within the class (1…N)."""
    return tabular.integer(value, low=1, high=99_999_999)


ROSTER_COLUMNS = [
    tabular.Column(
        "class", "班级", ("班级名称", "所在班级", "班别"), parse=tabular.text, guess=class_in_text
    ),
    tabular.Column("name", "姓名", ("学生姓名", "学生名字", "名字"), parse=tabular.text),
    tabular.Column("sex", "性别", ("性 别",), parse=tabular.sex),
    tabular.Column(
        "student_no", "学籍号", ("全国学籍号", "学籍编号", "学籍辅号", "教育ID号"), parse=student_ids.parse
    ),
    tabular.Column("seat_no", "学号", ("班内学号", "座号"), required=False, parse=seat_number),
    tabular.Column(
        "birth_date", "出生日期", ("生日", "出生年月日", "出生年月"), required=False, parse=tabular.date
    ),
    tabular.Column("ethnicity", "民族", ("民族代码",), required=False, parse=tabular.text),
    tabular.Column("address", "家庭住址", ("住址",), required=False, parse=tabular.text),
]
STUDENT_FIELDS = ("class_id", "name", "sex", "student_no", "seat_no", "birth_date", "ethnicity", "address")


def import_class_id(
    result: tabular.Preview, row: dict, classes: dict[tuple[int, int], SchoolClass]
) -> str | None:
    """The id of the class a file row's 班级 cell names (``classes`` from :func:`class_lookup`), or None
    with the row's error added to the preview. A dated row names its class as it was on that date."""
    try:
        key = parse_class_name(row["class"])
    except tabular.CellError as error:
        result.errors.append(tabular.RowError(row["_row"], "班级", str(error)))
        return None
    if isinstance(classes, ClassLookup) and isinstance(row.get("date"), dt.date):
        classes = classes.on(row["date"])
    if key not in classes:
        result.errors.append(tabular.RowError(row["_row"], "班级", f"学校没有“{row['class']}”这个班级"))
        return None
    return classes[key].id


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
            except tabular.CellError:
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

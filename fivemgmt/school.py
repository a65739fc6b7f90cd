"""School set-up: the school, its classes, subjects, teachers and students as they are on a day; settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from fivemgmt import clock, parsers, records, tabular
from fivemgmt.actor import ADMIN, PRINCIPAL, Actor
from fivemgmt.class_names import (
    JUNIOR_ALT,
    STAGES,
    class_name,
    grade_name,
    grade_stage,
    parse_class_name,
)
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.i18n import QT_TRANSLATE_NOOP
from fivemgmt.records import Changes
from fivemgmt.settings import Option, SettingError

# How the school writes grades 7–9: "年级" (七年级(1)班) or "初" (初一(1)班). Class names in the standard
# form are shown in the school's style whenever it was chosen (see _styled).
JUNIOR_STYLE: Option[str] = Option(
    "junior_grade_style",
    str,
    "年级",
    title=QT_TRANSLATE_NOOP("Settings", "初中年级写法"),
    choices=("年级", "初"),
)


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
    except parsers.CellError as error:
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
    except parsers.CellError as error:
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


# ------------------------------------------------------------------ imports


def import_class_id(
    result: tabular.Preview, row: dict, classes: dict[tuple[int, int], SchoolClass]
) -> str | None:
    """The id of the class a file row's 班级 cell names (``classes`` from :func:`class_lookup`), or None
    with the row's error added to the preview. A dated row names its class as it was on that date."""
    try:
        key = parse_class_name(row["class"])
    except parsers.CellError as error:
        result.errors.append(tabular.RowError(row["_row"], "班级", str(error)))
        return None
    if isinstance(classes, ClassLookup) and isinstance(row.get("date"), dt.date):
        classes = classes.on(row["date"])
    if key not in classes:
        result.errors.append(tabular.RowError(row["_row"], "班级", f"学校没有“{row['class']}”这个班级"))
        return None
    return classes[key].id


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

"""School years: the 学年升级 (rollover) and students' dated 转入/转出/转班.

A class is a lasting entity (its id); the grade, number and name it has in each school year are rows of
``class_years``. The rollover writes the old year's row (what the class was) and the new year's (what it
becomes), so every week, chart and form of the old year reproduces what it showed before, and every rule
looked up by grade uses the grade the class had on the record's date (:func:`school.list_classes` with
``on``). Students stay in their class (the same id) as it moves up; their moves are dated rows of
``student_moves`` and :func:`school.list_students` counts the students a class had on each day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from fivemgmt import class_names, clock, parsers, records, roster, school, tabular
from fivemgmt.actor import ADMIN, PRINCIPAL, Actor
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.records import Changes

CLASS_YEARS = "class_years"
MOVES = "student_moves"
KEEP, CLEAR = "keep", "clear"


# ------------------------------------------------------------------ school years


def year_start(school_year: str) -> int:
    """'2026-2027' → 2026; anything else is refused in plain Chinese."""
    match = re.fullmatch(r"\s*(\d{4})\s*[-–/至]\s*(\d{4})\s*", school_year or "")
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        raise UserError(f"学年应写成 2026-2027 这样的格式：{school_year}")
    return int(match.group(1))


def shift_year(school_year: str, years: int) -> str:
    start = year_start(school_year) + years
    return f"{start}-{start + 1}"


def year_span(db: Database, school_year: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a school year: its terms' dates when the calendar has them, else
    1 August – 31 July."""
    start = year_start(school_year)
    rows = db.execute(
        "SELECT MIN(start_date), MAX(end_date) FROM terms WHERE deleted = 0 AND school_year = ?",
        [school_year],
    ).fetchone()
    if rows and rows[0]:
        return dt.date.fromisoformat(rows[0]), dt.date.fromisoformat(rows[1])
    return dt.date(start, 8, 1), dt.date(start + 1, 7, 31)


def rolled_years(db: Database) -> list[str]:
    """The school years a rollover has started (new year's rows written by it), oldest first."""
    return [
        r[0]
        for r in db.execute(
            f"SELECT DISTINCT school_year FROM {CLASS_YEARS} WHERE deleted = 0 AND rolled = 1 ORDER BY 1"
        )
    ]


def top_grade(db: Database) -> tuple[int, int]:
    """The school's first and graduating grade (6 for 小学, 9 for 初中 and 九年一贯制)."""
    info = school.get_school(db)
    if not info:
        raise UserError("请先在“设置”中填写学校名称和学段，再进行学年升级。")
    return class_names.STAGES[info["stage"]]


# ------------------------------------------------------------------ rollover: preview


@dataclass(frozen=True)
class Promotion:
    school_class: school.SchoolClass  # as it is in the old year
    grade: int  # its grade in the new year (the same when it graduates)
    name: str
    graduates: bool
    students: int


@dataclass
class RolloverPlan:
    """What a rollover will do; nothing is written until :func:`commit_rollover`."""

    from_year: str
    to_year: str
    start: dt.date  # the first day of the new year: moves (毕业) are dated from it
    promotions: list[Promotion]
    new_classes: list[tuple[int, int, str]]  # (grade, number, name) of the new first-year classes
    teachers: str  # KEEP or CLEAR
    roster: Path | None = None
    roster_counts: dict[str, int] = field(default_factory=dict)  # new class name → students in the file
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The preview in Chinese, one line per class."""
        out = [f"学年升级：{self.from_year} 学年 → {self.to_year} 学年（新学年自 {self.start:%Y-%m-%d} 起）"]
        for p in self.promotions:
            old = p.school_class.name
            if p.graduates:
                out.append(f"  {old}：毕业，归档（{p.students} 名学生毕业离校，历史记录保留）")
            else:
                out.append(f"  {old} → {p.name}（{p.students} 名学生随班升级）")
        for _grade, _number, name in self.new_classes:
            count = self.roster_counts.get(name)
            out.append(
                f"  新建 {name}" + (f"（名册中 {count} 名学生）" if count is not None else "（暂无学生）")
            )
        if not self.new_classes:
            out.append("  不新建起始年级班级（可稍后在“设置”中添加或导入名册）")
        out.append(
            "  任课教师和班主任："
            + ("随班保留" if self.teachers == KEEP else "全部清空，升级后请重新安排")
            + "；毕业班的任课安排清空"
        )
        out.extend(f"  注意：{w}" for w in self.warnings)
        out.append("  升级前会自动备份；升级在一个事务中完成，出错时不做任何修改。")
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "from_year": self.from_year,
            "to_year": self.to_year,
            "start": self.start.isoformat(),
            "classes": [
                {
                    "class_id": p.school_class.id,
                    "from": p.school_class.name,
                    "to": None if p.graduates else p.name,
                    "graduates": p.graduates,
                    "students": p.students,
                }
                for p in self.promotions
            ],
            "new_classes": [
                {"name": name, "students": self.roster_counts.get(name)} for _g, _n, name in self.new_classes
            ],
            "teachers": self.teachers,
            "warnings": self.warnings,
        }


def plan_rollover(
    db: Database,
    to_year: str,
    *,
    new_classes: int | None = None,
    roster: Path | None = None,
    teachers: str = KEEP,
    today: dt.date | None = None,
) -> RolloverPlan:
    """Check a rollover to ``to_year`` and say what it would do. Refuses a year other than the next one,
    a year already rolled over to, and a school without classes."""
    today = today or clock.today()
    to_year = shift_year(to_year, 0)
    if teachers not in (KEEP, CLEAR):
        raise UserError("任课教师应选择保留（keep）或清空（clear）。")
    if new_classes is not None and roster is not None:
        raise UserError("新建起始年级班级：按班级数和按名册只能选一种。")
    if new_classes is not None and not 0 <= new_classes <= 30:
        raise UserError("新建起始年级的班级数应在 0–30 之间。")
    low, high = top_grade(db)
    current = school.school_year_of(db, today)
    if to_year in rolled_years(db):
        raise UserError(f"学校已经升级到 {to_year} 学年，不能重复升级。")
    if to_year not in (current, shift_year(current, 1)):
        raise UserError(
            f"只能升级到当前学年或下一学年（今天属于 {current} 学年，可升级到 {shift_year(current, 1)}）。"
        )
    from_year = shift_year(to_year, -1)
    later = [y for y in rolled_years(db) if y > to_year]
    if later:
        raise UserError(f"学校已经升级到 {later[-1]} 学年，不能再升级到更早的 {to_year} 学年。")
    classes = school.list_classes(db, year=from_year)
    if not classes:
        raise UserError(f"{from_year} 学年没有班级，无法升级。")
    start = max(year_span(db, to_year)[0], year_span(db, from_year)[1] + dt.timedelta(days=1))
    style = school.junior_style(db)
    promotions = []
    for c in classes:
        students = len(school.list_students(db, c.id, on=start - dt.timedelta(days=1)))
        if c.grade >= high:
            promotions.append(Promotion(c, c.grade, c.name, True, students))
        else:
            promotions.append(
                Promotion(
                    c, c.grade + 1, class_names.class_name(c.grade + 1, c.number, style), False, students
                )
            )
    plan = RolloverPlan(from_year, to_year, start, promotions, [], teachers, roster)
    taken = {(p.grade, p.school_class.number) for p in promotions if not p.graduates}
    if roster is not None:
        plan.roster_counts = _roster_classes(roster, low, style)
        wanted = [class_names.parse_class_name(name) for name in plan.roster_counts]
        plan.new_classes = [(g, n, class_names.class_name(g, n, style)) for g, n in sorted(wanted)]
        plan.roster_counts = {
            class_names.class_name(*class_names.parse_class_name(k), style): v
            for k, v in plan.roster_counts.items()
        }
    elif new_classes:
        plan.new_classes = [
            (low, n, class_names.class_name(low, n, style)) for n in range(1, new_classes + 1)
        ]
    clash = [name for g, n, name in plan.new_classes if (g, n) in taken]
    if clash:
        raise UserError(f"新学年已有{'、'.join(clash)}（由低年级升上来），不能再新建。")
    if not plan.new_classes:
        plan.warnings.append(f"新学年没有{class_names.grade_name(low, style)}班级")
    if start <= today:
        from fivemgmt import summary

        logged = summary.dated_records(db, start, today)
        if logged:
            plan.warnings.append(
                f"{to_year} 学年已经开始，{start:%Y-%m-%d} 以来已有 {logged} 条登记记录，升级后它们按新的年级和班名"
                "判定（如果这些班级本来就是本学年的年级，请不要升级到本学年）"
            )
    return plan


def _roster_classes(path: Path, low: int, style: str) -> dict[str, int]:
    """The classes a new first-year roster names, with how many students each: every row must name a
    class of the school's first grade."""
    checked = tabular.preview(path, roster.ROSTER_COLUMNS)
    if checked.errors:
        first = checked.errors[0]
        raise UserError(
            f"名册有 {len(checked.errors)} 处错误，例如第 {first.row} 行“{first.column}”：{first.message}"
        )
    counts: dict[str, int] = {}
    for row in checked.rows:
        try:
            grade, number = class_names.parse_class_name(row["class"])
        except parsers.CellError as error:
            raise UserError(f"名册第 {row['_row']} 行：{error}") from None
        if grade != low:
            raise UserError(
                f"名册第 {row['_row']} 行的班级“{row['class']}”不是{class_names.grade_name(low, style)}："
                "学年升级时的名册只用于新建起始年级班级"
            )
        name = class_names.class_name(grade, number, style)
        counts[name] = counts.get(name, 0) + 1
    if not counts:
        raise UserError("名册中没有学生。")
    return counts


# ------------------------------------------------------------------ rollover: the one transaction


def commit_rollover(db: Database, actor: Actor, plan: RolloverPlan, *, backup: bool = True) -> Changes:
    """Do a previewed rollover in one transaction, after a backup: every class moves up a grade (its old
    year keeps its old grade, name and 班主任), the graduating grade is archived and its students 毕业,
    the new first-year classes are created (and filled from the roster), teachers kept or cleared."""
    actor.require_role(ADMIN)
    if backup:
        from fivemgmt import backup as backups

        try:
            backups.db_file(db)
        except UserError:
            pass  # an in-memory school (tests): nothing to copy
        else:
            backups.make_backup(db, kind="prerollover")
    changes = Changes()
    with transaction(db):
        if plan.to_year in rolled_years(db):
            raise UserError(f"学校已经升级到 {plan.to_year} 学年，不能重复升级。")
        years = school._year_rows(db)
        for p in plan.promotions:
            c = p.school_class
            row = records.live_get(db, "classes", c.id, f"{c.name}已被删除，请重新预览。")
            old = {
                "class_id": c.id,
                "school_year": plan.from_year,
                "grade": c.grade,
                "number": c.number,
                "name": c.name,
                "head_teacher_id": row["head_teacher_id"],
            }
            mine = [y for y in years.get(c.id, []) if y["school_year"] == plan.from_year]
            if mine:
                old["id"] = mine[0]["id"]
            else:
                old.update(archived=0, created=0, rolled=0)
            records.save(db, CLASS_YEARS, old, actor, changes=changes)
            head = None if p.graduates or plan.teachers == CLEAR else row["head_teacher_id"]
            records.save(
                db,
                CLASS_YEARS,
                {
                    "class_id": c.id,
                    "school_year": plan.to_year,
                    "grade": p.grade,
                    "number": c.number,
                    "name": p.name,
                    "head_teacher_id": head,
                    "archived": int(p.graduates),
                    "created": 0,
                    "rolled": 1,
                },
                actor,
                changes=changes,
            )
            records.save(
                db,
                "classes",
                {"id": c.id, "grade": p.grade, "name": p.name, "head_teacher_id": head},
                actor,
                changes=changes,
            )
            if p.graduates or plan.teachers == CLEAR:
                for teaching in records.live_rows(db, "teaching", "class_id = ?", [c.id]):
                    records.delete(db, "teaching", teaching["id"], actor, changes=changes)
            if p.graduates:
                last_day = plan.start - dt.timedelta(days=1)
                records.save_many(
                    db,
                    MOVES,
                    [
                        {
                            "student_id": s["id"],
                            "date": plan.start.isoformat(),
                            "kind": school.GRADUATED,
                            "from_class_id": c.id,
                            "note": f"{plan.from_year}学年{c.name}毕业",
                        }
                        for s in school.list_students(db, c.id, on=last_day)
                    ],
                    actor,
                    changes=changes,
                )
        for grade, number, name in plan.new_classes:
            values = {"grade": grade, "number": number, "name": name, "head_teacher_id": None}
            class_id = records.save(db, "classes", values, actor, changes=changes)
            records.save(
                db,
                CLASS_YEARS,
                {
                    "class_id": class_id,
                    "school_year": plan.to_year,
                    **values,
                    "archived": 0,
                    "created": 1,
                    "rolled": 1,
                },
                actor,
                changes=changes,
            )
        if plan.roster is not None:
            preview = roster.preview_roster(db, plan.roster, on=plan.start)
            if preview.errors:
                first = preview.errors[0]
                raise UserError(
                    f"名册有 {len(preview.errors)} 处错误，未做任何升级，例如第 {first.row} 行“{first.column}”："
                    f"{first.message}"
                )
            changes.merge(roster.commit_roster(db, actor, preview))
    return changes


def rollover(
    db: Database, actor: Actor, to_year: str, *, backup: bool = True, **options: Any
) -> tuple[RolloverPlan, Changes]:
    plan = plan_rollover(db, to_year, **options)
    return plan, commit_rollover(db, actor, plan, backup=backup)


# ------------------------------------------------------------------ students' moves


def move_student(
    db: Database,
    actor: Actor,
    student_id: str,
    kind: str,
    day: dt.date,
    *,
    to_class_id: str | None = None,
    note: str = "",
) -> Changes:
    """转班 (to another class), 转出 (leaves the school) or 转入 back, dated: the class's figures count the
    student from that day on. One transaction."""
    actor.require_role(ADMIN, PRINCIPAL)
    if kind not in (school.MOVED, school.LEFT, school.JOINED):
        raise UserError("学籍变动应为 转入、转出 或 转班。")
    changes = Changes()
    with transaction(db):
        student = records.live_get(db, "students", student_id, "找不到该学生。")
        moves = student_moves(db, student_id)
        later = [m for m in moves if m["date"] > day.isoformat()]
        if later:
            raise UserError(f"该学生在 {later[-1]['date']} 已有学籍变动，不能登记更早的变动。")
        now = school.class_on(student, moves, day.isoformat())
        if kind == school.JOINED:
            if now is not None:
                raise UserError(f"{student['name']}在 {day:%Y-%m-%d} 仍在校，不需要转入。")
            if not to_class_id:
                raise UserError("转入需要选择班级。")
        elif now is None:
            raise UserError(f"{student['name']}在 {day:%Y-%m-%d} 已不在校。")
        if kind == school.MOVED and (not to_class_id or to_class_id == now):
            raise UserError("转班需要选择另一个班级。")
        if to_class_id:
            target = school.get_class(db, to_class_id, on=day)
            if target.archived:
                raise UserError(f"{target.name}已毕业归档，不能转入。")
        records.save(
            db,
            MOVES,
            {
                "student_id": student_id,
                "date": day.isoformat(),
                "kind": kind,
                "from_class_id": now,
                "to_class_id": to_class_id if kind != school.LEFT else None,
                "note": note,
            },
            actor,
            changes=changes,
        )
        if to_class_id and kind != school.LEFT:
            records.save(db, "students", {"id": student_id, "class_id": to_class_id}, actor, changes=changes)
    return changes


def add_student_joined(db: Database, actor: Actor, values: dict[str, Any], day: dt.date) -> str:
    """A student who joins the school during the year (转入): counted by their class from ``day`` on."""
    actor.require_role(ADMIN, PRINCIPAL)
    with transaction(db):
        student_id = roster.save_student(db, actor, values)
        records.save(
            db,
            MOVES,
            {
                "student_id": student_id,
                "date": day.isoformat(),
                "kind": school.JOINED,
                "to_class_id": values["class_id"],
            },
            actor,
        )
    return student_id


def student_moves(db: Database, student_id: str) -> list[dict]:
    if MOVES not in db.table_names():
        return []
    return records.live_rows(db, MOVES, "student_id = ?", [student_id], order_by="date, updated_at")


def student_history(db: Database, student_id: str) -> list[str]:
    """A student's classes across years, in Chinese: 2026-2027 学年 四年级(2)班；2027-09-01 转班 …"""
    student = records.live_get(db, "students", student_id, "找不到该学生。")
    moves = student_moves(db, student_id)
    out = []
    first = moves[0]["from_class_id"] if moves else student["class_id"]
    if not moves or moves[0]["kind"] != school.JOINED:
        out.append(f"入册：{_class_names(db, first)}")
    for m in moves:
        day = dt.date.fromisoformat(m["date"])
        target = m["to_class_id"] or m["from_class_id"]
        name = school.get_class(db, target, on=day).name if target else ""
        out.append(f"{m['date']} {m['kind']}" + (f" {name}" if m["kind"] != school.LEFT else ""))
    return out


def class_history(db: Database, class_id: str) -> list[str]:
    """A class across school years: its grade and name each year, its students at each year's end."""
    rows = school._year_rows(db).get(class_id)
    if not rows:
        current = school.get_class(db, class_id)
        return [f"{current.name}（未做过学年升级）：{len(school.list_students(db, class_id))} 名学生"]
    out = []
    for row in rows:
        last = min(year_span(db, row["school_year"])[1], clock.today())
        count = len(school.list_students(db, class_id, on=last))
        state = "，毕业归档" if row["archived"] else ""
        out.append(f"{row['school_year']} 学年：{row['name']}{state}（{count} 名学生）")
    return out


def _class_names(db: Database, class_id: str) -> str:
    """A class's names across the school years (四年级(2)班（2026-2027）→ 五年级(2)班（2027-2028））."""
    rows = school._year_rows(db).get(class_id)
    if not rows:
        return school.get_class(db, class_id).name
    return " → ".join(f"{r['name']}（{r['school_year']}{'，毕业' if r['archived'] else ''}）" for r in rows)


# ------------------------------------------------------------------ year show


@dataclass(frozen=True)
class YearView:
    school_year: str
    start: dt.date
    end: dt.date
    classes: list[tuple[school.SchoolClass, int]]  # each class with its students on the year's last day
    graduated: list[school.SchoolClass]
    rolled: list[str]


def year_view(db: Database, school_year: str | None = None, today: dt.date | None = None) -> YearView:
    today = today or clock.today()
    school_year = shift_year(school_year, 0) if school_year else school.school_year_of(db, today)
    start, end = year_span(db, school_year)
    day = min(max(today, start), end)
    classes = school.list_classes(db, year=school_year, archived=True)
    return YearView(
        school_year,
        start,
        end,
        [(c, len(school.list_students(db, c.id, on=day))) for c in classes if not c.archived],
        [c for c in classes if c.archived],
        rolled_years(db),
    )


def format_year(view: YearView) -> str:
    lines = [f"{view.school_year} 学年（{view.start:%Y-%m-%d} 至 {view.end:%Y-%m-%d}）"]
    if not view.classes:
        lines.append("  没有班级")
    for c, students in view.classes:
        lines.append(f"  {c.name}  {students} 名学生")
    if view.graduated:
        lines.append("  已毕业归档：" + "、".join(c.name for c in view.graduated))
    lines.append("  已做过的学年升级：" + ("、".join(view.rolled) if view.rolled else "无"))
    return "\n".join(lines)

"""Stored fitness-test results: one record per student and school year, audited like every record.

A result row holds the raw measurements in each item's unit (seconds for timed runs, as ``parse_value``
returns them), the test date, the grade (years of schooling) the student was in when tested, and whether the
student was exempt (免测) with the reason. Scores are never stored: they are computed from the raw values with
the scoring core, so a corrected table changes every score at once.

Operations (each one transaction, role-checked, returning ``records.Changes``):

- ``save_result(db, actor, student_id, values)`` — merge typed or imported raw values into the year's record;
- ``set_exempt(db, actor, student_id, reason)`` — mark or clear 免测;

The national upload template is read and written by :mod:`fivemgmt.fitness.upload`, the figures made of the
results by :mod:`fivemgmt.fitness.summaries`.

Who may write: the class's PE teacher (subject 体育与健康/体育), its 班主任, and 管理员/校长.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlite_utils import Database

from fivemgmt import class_names, clock, records, rights, school
from fivemgmt.actor import Actor
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.fitness.parsing import (
    FitnessValueError,
    check_number,
    is_blank,
    is_exempt_marker,
    parse_value,
)
from fivemgmt.fitness.records import graduation_from_years, result_items
from fivemgmt.fitness.scoring import (
    NO_TABLE,
    GraduationScore,
    StudentScore,
    grade_code_for_years,
    normalize_sex,
    score_student,
)
from fivemgmt.fitness.tables import FitnessTables, default_tables
from fivemgmt.fitness.template import (
    header_for,
)
from fivemgmt.i18n import QT_TRANSLATE_NOOP
from fivemgmt.records import Changes
from fivemgmt.settings import Option

RESULTS = "fitness_results"
PE_SUBJECTS = rights.PE_SUBJECTS
# True for a 五四制 school: grades 6–9 are 初一–初四 in the upload template (年级编号 21..24)
WUSI: Option[bool] = Option("fitness_wusi", bool, False, title=QT_TRANSLATE_NOOP("Settings", "五四制"))
WUSI_SETTING = WUSI.key


def item_keys() -> list[str]:
    """The measured items, in template order (height, weight, lung, run50m, ...)."""
    return result_items()


# Cells of the national template kept as the platform's file gave them, so an export gives them back
# unchanged: 班级编号 is the platform's code (1501), not the class number; 班级名称, 民族代码, 出生日期 and
# 家庭住址 as the platform spells them. (年级编号 follows the school year; 学籍号, 姓名, 性别 the roster.)
TEMPLATE_IDENTITY = ("class_code", "class_name", "ethnic_code", "birth_date", "address")


# ------------------------------------------------------------------ school years and grades


def school_year_of(day: dt.date) -> str:
    """The school year a date falls in: 2026-11-25 -> 2026-2027, 2027-03-01 -> 2026-2027."""
    start = day.year if day.month >= 8 else day.year - 1
    return f"{start}-{start + 1}"


def current_school_year(db: Database, today: dt.date | None = None) -> str:
    """The school year of the term containing today (the calendar set-up), else by the date."""
    from fivemgmt.calendar import SchoolCalendar

    today = today or clock.today()
    term = SchoolCalendar(db).term_for(today)
    return term.school_year if term else school_year_of(today)


def _year_start(school_year: str) -> int:
    match = re.fullmatch(r"\s*(\d{4})\s*[-–/至]\s*(\d{4})\s*", school_year or "")
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        raise UserError(f"学年应写成 2026-2027 这样的格式：{school_year}")
    return int(match.group(1))


def normalize_school_year(school_year: str) -> str:
    start = _year_start(school_year)
    return f"{start}-{start + 1}"


def shift_year(school_year: str, years: int) -> str:
    """shift_year('2026-2027', -1) -> '2025-2026'."""
    start = _year_start(school_year) + years
    return f"{start}-{start + 1}"


def grade_in_year(
    school_class: school.SchoolClass, school_year: str, current_year: str, db: Database | None = None
) -> int:
    """The years of schooling a class's students had in ``school_year``: the grade its 学年升级 recorded for
    that year (with ``db``), else its grade now shifted by the years between."""
    if db is not None:
        recorded = school.grade_in_school_year(db, school_class.id, normalize_school_year(school_year))
        if recorded is not None:
            return recorded
    if school_class.school_year is not None:  # a view of a rolled-over year: shift from that year
        current_year = school_class.school_year
    return school_class.grade - (_year_start(current_year) - _year_start(school_year))


def year_last_day(db: Database, school_year: str) -> dt.date:
    from fivemgmt import years

    return years.year_span(db, school_year)[1]


def is_wusi(db: Database) -> bool:
    return WUSI.get(db)


def grid_items(grade: int) -> list[str]:
    """Item columns of a class's entry grid: 身高, 体重, then the grade's test items (both sexes)."""
    tables = default_tables()
    code = grade_code_for_years(grade, tables=tables)
    tested: set[str] = set()
    for sex in ("M", "F"):
        tested |= set(tables.weights.get((code, sex), {}))
    return [key for key in item_keys() if key in ("height", "weight") or key in tested]


def applies(grade: int, sex: Any, item: str) -> bool:
    """Whether a student of this grade and sex is tested on ``item`` (身高/体重 always)."""
    if item in ("height", "weight"):
        return True
    tables = default_tables()
    try:
        sex_code = normalize_sex(sex)
    except UserError:
        return True
    return item in tables.weights.get((grade_code_for_years(grade, tables=tables), sex_code), {})


# ------------------------------------------------------------------ reading


@dataclass
class StudentResult:
    """A student, the stored result of one school year (None: not tested yet) and its score."""

    student: dict
    school_year: str
    grade: int
    row: dict | None
    score: StudentScore

    @property
    def student_id(self) -> str:
        return self.student["id"]

    @property
    def name(self) -> str:
        return self.student.get("name") or ""

    @property
    def tested(self) -> bool:
        return self.row is not None

    def value(self, item: str) -> Decimal | None:
        return stored_value(self.row, item)


def stored_value(row: Mapping[str, Any] | None, item: str) -> Decimal | None:
    """A stored raw value as the scoring core's Decimal (seconds for runs)."""
    if not row or row.get(item) is None:
        return None
    return check_number(item, row[item])


def exempt_items(row: Mapping[str, Any] | None) -> list[str]:
    """Items of a stored result typed as 免测 one by one."""
    return [key for key in str((row or {}).get("exempt_items") or "").split(",") if key]


def score_row(
    grade: int,
    sex: Any,
    row: Mapping[str, Any] | None,
    *,
    tables: FitnessTables | None = None,
    wusi: bool = False,
) -> StudentScore:
    """Score a stored result (None: nothing recorded, every item missing) with ``tables`` (default: the
    bundled ones; a school's own with :func:`scoring_tables`). ``wusi``: the school is 五四制 (:func:`is_wusi`):
    its 6th year is 初一, 年级编号 21 as in the upload file, scored by years of schooling (六年级's tables)."""
    tables = tables or default_tables()
    code = grade_code_for_years(grade, wusi=wusi, tables=tables)
    row = row or {}
    raw = {key: row.get(key) for key in item_keys()}
    reason = (row.get("exempt_reason") or "").strip() if row.get("exempt") else ""
    exempt: bool | str = (reason or True) if row.get("exempt") else False
    try:
        return score_student(
            code, sex, raw, exempt=exempt, exempt_items=exempt_items(row), tables=tables, wusi=wusi
        )
    except UserError as error:  # e.g. a roster student whose 性别 was never entered
        return StudentScore(grade_code=code, scored_as=code, sex="", status=NO_TABLE, messages=[str(error)])


def scoring_tables(db: Database) -> FitnessTables:
    """The tables this school scores with: the bundled ones plus any it loaded from a file."""
    from fivemgmt.fitness import loaded

    return loaded.school_tables(db)


def result_rows(db: Database, where: str, params: Iterable[Any]) -> list[dict]:
    return records.live_rows(db, RESULTS, where, params)


def result_row(db: Database, student_id: str, school_year: str) -> dict | None:
    rows = result_rows(db, "student_id = ? AND school_year = ?", [student_id, school_year])
    return rows[0] if rows else None


def class_results(
    db: Database,
    school_class: school.SchoolClass,
    school_year: str | None = None,
    *,
    today: dt.date | None = None,
) -> list[StudentResult]:
    """Every student on the class roster with their result of ``school_year`` (default: the current year)."""
    current = current_school_year(db, today)
    school_year = normalize_school_year(school_year or current)
    grade = grade_in_year(school_class, school_year, current, db)
    if grade < 1:
        return []  # the class's students had not started school that year
    by_student = {
        r["student_id"]: r
        for r in result_rows(db, "class_id = ? AND school_year = ?", [school_class.id, school_year])
    }
    results = []
    tables = scoring_tables(db)
    wusi = is_wusi(db)
    # a past year's roster is the class's on that year's last day (graduates and those moved since included)
    on = None if school_year == current else year_last_day(db, school_year)
    for student in school.list_students(db, school_class.id, on=on):
        row = by_student.get(student["id"])
        row_grade = row["grade"] if row else grade
        score = score_row(row_grade, student.get("sex"), row, tables=tables, wusi=wusi)
        results.append(StudentResult(student, school_year, row_grade, row, score))
    return results


def student_result(
    db: Database, student_id: str, school_year: str | None = None, *, today: dt.date | None = None
) -> StudentResult | None:
    """One student's result of a school year; None when the year has no record for the student."""
    current = current_school_year(db, today)
    school_year = normalize_school_year(school_year or current)
    student = _student(db, student_id)
    row = result_row(db, student_id, school_year)
    if row is None:
        return None
    score = score_row(row["grade"], student.get("sex"), row, tables=scoring_tables(db), wusi=is_wusi(db))
    return StudentResult(student, school_year, row["grade"], row, score)


def last_year_result(
    db: Database, student_id: str, school_year: str | None = None, *, today: dt.date | None = None
) -> StudentResult | None:
    """The student's result of the school year before ``school_year`` (default: before the current one)."""
    school_year = school_year or current_school_year(db, today)
    return student_result(db, student_id, shift_year(school_year, -1), today=today)


def history(db: Database, student_id: str) -> dict[str, StudentResult]:
    """Every recorded year of a student, oldest first."""
    student = _student(db, student_id)
    rows = sorted(result_rows(db, "student_id = ?", [student_id]), key=lambda r: r["school_year"])
    tables = scoring_tables(db)
    wusi = is_wusi(db)
    return {
        r["school_year"]: StudentResult(
            student,
            r["school_year"],
            r["grade"],
            r,
            score_row(r["grade"], student.get("sex"), r, tables=tables, wusi=wusi),
        )
        for r in rows
    }


def graduation(db: Database, student_id: str, final_year: str | None = None) -> GraduationScore:
    """毕业成绩 from every recorded year (final year: the latest recorded, or ``final_year``)."""
    years = history(db, student_id)
    if not years:
        return GraduationScore(None, None, "没有体质测试成绩，无法计算毕业成绩")
    final_year = normalize_school_year(final_year) if final_year else max(years)
    totals = {year: result.score.total for year, result in years.items() if year <= final_year}
    return graduation_from_years(totals, final_year)


def school_years(db: Database, today: dt.date | None = None) -> list[str]:
    """School years with results, plus the current one; newest first."""
    found = {r[0] for r in db.execute(f"SELECT DISTINCT school_year FROM {RESULTS} WHERE deleted = 0")}
    found.add(current_school_year(db, today))
    return sorted(found, reverse=True)


# ------------------------------------------------------------------ operations


def _student(db: Database, student_id: str) -> dict:
    return records.live_get(db, "students", student_id, "找不到该学生。")


def require_writer(actor: Actor, class_id: str) -> None:
    """The class's PE teacher or 班主任, or 管理员/校长, may record its fitness results."""
    if any(actor.can_write_class(class_id, subject) for subject in PE_SUBJECTS):
        return
    actor.require_class(class_id, PE_SUBJECTS[0])


def can_write(actor: Actor, class_id: str) -> bool:
    return any(actor.can_write_class(class_id, subject) for subject in PE_SUBJECTS)


def _number(item: str, value: Any) -> float | None:
    """A raw value as typed (text) or as a number in the item's unit, checked; stored as a float."""
    if is_blank(value):
        return None
    column = header_for(item)
    if isinstance(value, str):
        parsed = parse_value(item, value, column=column)
    else:
        parsed = check_number(item, value, column=column)
    return None if parsed is None else float(parsed)


def _base_values(
    db: Database, student: dict, school_year: str, today: dt.date | None
) -> tuple[dict[str, Any], dict | None]:
    """The identity columns of a student's record for a year, and the existing record if any."""
    current = current_school_year(db, today)
    existing = result_row(db, student["id"], school_year)
    if existing is not None:
        return {"id": existing["id"]}, existing
    school_class = school.get_class(db, student["class_id"])
    grade = grade_in_year(school_class, school_year, current, db)
    if grade < 1:
        raise UserError(f"{student['name']}在 {school_year} 学年尚未入学。")
    return {
        "student_id": student["id"],
        "class_id": school_class.id,
        "school_year": school_year,
        "grade": grade,
    }, None


def save_result(
    db: Database,
    actor: Actor,
    student_id: str,
    values: Mapping[str, Any],
    *,
    school_year: str | None = None,
    test_date: dt.date | str | None = None,
    today: dt.date | None = None,
) -> Changes:
    """Record raw results for a student (item key -> text as typed, number in the item's unit, or blank to clear).

    Only the given items change; the others keep their values. Impossible values raise FitnessValueError
    (a UserError naming the item) and nothing is saved.
    """
    today = today or clock.today()
    school_year = normalize_school_year(school_year or current_school_year(db, today))
    student = _student(db, student_id)
    require_writer(actor, student["class_id"])
    known = set(item_keys())
    parsed: dict[str, Any] = {}
    marked: dict[str, bool] = {}  # item -> typed as 免测 (that item only)
    for key, value in values.items():
        if key not in known:
            raise UserError(f"未知的测试项目 {key}")
        if is_exempt_marker(value) and key == "height":
            raise FitnessValueError(
                f"“{value}”表示学生整体免测，请用“免测”按钮登记并填写原因", column=header_for(key)
            )
        marked[key] = is_exempt_marker(value)
        parsed[key] = None if marked[key] else _number(key, value)
    changes = Changes()
    with transaction(db):
        base, existing = _base_values(db, student, school_year, today)
        if existing is None and all(v is None for v in parsed.values()) and not any(marked.values()):
            return changes  # nothing to record
        base.update(parsed)
        single = [k for k in exempt_items(existing) if not (k in marked and not marked[k])]
        single += [k for k, on in marked.items() if on and k not in single]
        base["exempt_items"] = ",".join(single) or None
        if test_date is not None:
            base["test_date"] = test_date.isoformat() if isinstance(test_date, dt.date) else str(test_date)
        elif existing is None or not existing.get("test_date"):
            base["test_date"] = today.isoformat()
        records.save(db, RESULTS, base, actor, reason="体质测试成绩登记", changes=changes)
    return changes


def set_exempt(
    db: Database,
    actor: Actor,
    student_id: str,
    reason: str | None,
    *,
    school_year: str | None = None,
    today: dt.date | None = None,
) -> Changes:
    """Mark a student 免测 for a school year with the reason (illness, injury, ...); None/"" clears it."""
    today = today or clock.today()
    school_year = normalize_school_year(school_year or current_school_year(db, today))
    student = _student(db, student_id)
    require_writer(actor, student["class_id"])
    reason = (reason or "").strip()
    changes = Changes()
    with transaction(db):
        base, existing = _base_values(db, student, school_year, today)
        if not reason and existing is None:
            return changes
        base.update(exempt=1 if reason else 0, exempt_reason=reason or None)
        if existing is None:
            base["test_date"] = today.isoformat()
        records.save(
            db, RESULTS, base, actor, reason=f"免测：{reason}" if reason else "取消免测", changes=changes
        )
    return changes


def class_name_in_year(school_class: school.SchoolClass, grade: int) -> str:
    if grade == school_class.grade:
        return school_class.name
    return class_names.class_name(grade, school_class.number)


__all__ = [
    "PE_SUBJECTS",
    "RESULTS",
    "StudentResult",
    "applies",
    "can_write",
    "class_results",
    "current_school_year",
    "graduation",
    "grid_items",
    "history",
    "item_keys",
    "last_year_result",
    "require_writer",
    "save_result",
    "school_year_of",
    "school_years",
    "set_exempt",
    "shift_year",
    "student_result",
]

"""Stored fitness-test results: one record per student and school year, audited like every record.

A result row holds the raw measurements in each item's unit (seconds for timed runs, as ``parse_value``
returns them), the test date, the grade (years of schooling) the student was in when tested, and whether the
student was exempt (免测) with the reason. Scores are never stored: they are computed from the raw values with
the scoring core, so a corrected table changes every score at once.

Operations (each one transaction, role-checked, returning ``records.Changes``):

- ``save_result(db, actor, student_id, values)`` — merge typed or imported raw values into the year's record;
- ``set_exempt(db, actor, student_id, reason)`` — mark or clear 免测;
- ``preview_import(db, path)`` / ``commit_import(db, actor, preview)`` — the national upload template,
  matched to the roster by 学籍号, all or nothing (students not on the roster are errors);
- ``export_template(db, path, school_year, grade=None)`` — the exact national upload template.

Who may write: the class's PE teacher (subject 体育与健康/体育), its 班主任, and 管理员/校长.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from fivemgmt import class_names, clock, records, rights, school, student_ids, tabular
from fivemgmt.actor import Actor
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.fitness.parsing import (
    FitnessValueError,
    check_number,
    format_value,
    is_blank,
    is_exempt_marker,
    parse_value,
)
from fivemgmt.fitness.records import graduation_from_years, match_roster, result_items, upload_record
from fivemgmt.fitness.scoring import (
    COMPLETE,
    NO_TABLE,
    GraduationScore,
    StudentScore,
    grade_code_for_years,
    normalize_sex,
    score_student,
)
from fivemgmt.fitness.stats import ClassStatistics, class_statistics
from fivemgmt.fitness.tables import FitnessTables, default_tables
from fivemgmt.fitness.template import (
    EXEMPT_HEIGHT_TEXT,
    IDENTITY_FIELDS,
    TemplateRow,
    TemplateSheet,
    header_for,
    parse_row,
    read_template,
    write_template,
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


def _year_last_day(db: Database, school_year: str) -> dt.date:
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


def _result_rows(db: Database, where: str, params: Iterable[Any]) -> list[dict]:
    return records.live_rows(db, RESULTS, where, params)


def result_row(db: Database, student_id: str, school_year: str) -> dict | None:
    rows = _result_rows(db, "student_id = ? AND school_year = ?", [student_id, school_year])
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
        for r in _result_rows(db, "class_id = ? AND school_year = ?", [school_class.id, school_year])
    }
    results = []
    tables = scoring_tables(db)
    wusi = is_wusi(db)
    # a past year's roster is the class's on that year's last day (graduates and those moved since included)
    on = None if school_year == current else _year_last_day(db, school_year)
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
    rows = sorted(_result_rows(db, "student_id = ?", [student_id]), key=lambda r: r["school_year"])
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


# ------------------------------------------------------------------ statistics


def class_stats(
    db: Database,
    school_class: school.SchoolClass,
    school_year: str | None = None,
    *,
    today: dt.date | None = None,
) -> tuple[ClassStatistics, list[StudentResult]]:
    """A class's statistics (students not yet tested count as incomplete) and its students' results."""
    results = class_results(db, school_class, school_year, today=today)
    return class_statistics({r.student_id: r.score for r in results}), results


@dataclass
class GroupRow:
    """One line of a school or grade comparison: a class or a grade (or 全校) in one school year."""

    label: str
    school_year: str
    grade: int | None
    class_id: str | None
    stats: ClassStatistics


def _year_results(
    db: Database, school_year: str, today: dt.date | None
) -> list[tuple[int, str, StudentScore]]:
    """(grade when tested, class id, score) for a year: stored results, and untested students this year."""
    school_year = normalize_school_year(school_year)
    current = current_school_year(db, today)
    students = {r["id"]: r for r in records.live_rows(db, "students")}
    out = []
    seen: set[str] = set()
    tables = scoring_tables(db)
    wusi = is_wusi(db)
    for row in _result_rows(db, "school_year = ?", [school_year]):
        student = students.get(row["student_id"])
        if student is None:
            continue  # a student since deleted from the roster
        seen.add(row["student_id"])
        out.append(
            (
                row["grade"],
                row["class_id"],
                score_row(row["grade"], student.get("sex"), row, tables=tables, wusi=wusi),
            )
        )
    if school_year == current:
        for school_class in school.list_classes(db):
            for student in school.list_students(db, school_class.id):
                if student["id"] not in seen:
                    out.append(
                        (
                            school_class.grade,
                            school_class.id,
                            score_row(school_class.grade, student.get("sex"), None, tables=tables, wusi=wusi),
                        )
                    )
    return out


def compare_grades(db: Database, years: Iterable[str], *, today: dt.date | None = None) -> list[GroupRow]:
    """The school view: each grade (as tested that year) and 全校, per school year."""
    rows = []
    for year in years:
        entries = _year_results(db, year, today)
        grades = sorted({grade for grade, _, _ in entries})
        for grade in grades:
            scores = {str(i): s for i, (g, _, s) in enumerate(entries) if g == grade}
            rows.append(
                GroupRow(
                    class_names.grade_name(grade),
                    normalize_school_year(year),
                    grade,
                    None,
                    class_statistics(scores),
                )
            )
        rows.append(
            GroupRow(
                "全校",
                normalize_school_year(year),
                None,
                None,
                class_statistics({str(i): s for i, (_, _, s) in enumerate(entries)}),
            )
        )
    return rows


def compare_classes(
    db: Database, grade: int, years: Iterable[str], *, today: dt.date | None = None
) -> list[GroupRow]:
    """The grade view: each class of a grade (as it is now) per school year, then the grade as a whole.

    A class's earlier year is the same students a grade lower, so the rows follow a class over time.
    """
    rows = []
    classes = school.list_classes(db, grade)
    current = current_school_year(db, today)
    for year in years:
        year = normalize_school_year(year)
        all_scores: dict[str, StudentScore] = {}
        for school_class in classes:
            tested = _result_rows(db, "class_id = ? AND school_year = ?", [school_class.id, year])
            if year != current and not tested:
                continue
            results = class_results(db, school_class, year, today=today)
            if year != current:
                results = [r for r in results if r.tested]
            scores = {r.student_id: r.score for r in results}
            all_scores.update(scores)
            rows.append(
                GroupRow(
                    school_class.name,
                    year,
                    grade_in_year(school_class, year, current, db),
                    school_class.id,
                    class_statistics(scores),
                )
            )
        if all_scores:
            rows.append(
                GroupRow(
                    f"{class_names.grade_name(grade)}合计", year, grade, None, class_statistics(all_scores)
                )
            )
    return rows


def school_stats(
    db: Database, school_year: str | None = None, *, grade: int | None = None, today: dt.date | None = None
) -> ClassStatistics:
    """Statistics of the whole school (or one grade as tested that year) for a school year."""
    year = school_year or current_school_year(db, today)
    entries = _year_results(db, year, today)
    return class_statistics({str(i): s for i, (g, _, s) in enumerate(entries) if grade is None or g == grade})


# ------------------------------------------------------------------ level distribution and test status

LEVELS = ("优秀", "良好", "及格", "不及格")
FAILING = LEVELS[-1]


@dataclass
class LevelCounts:
    """One class or grade (or 全校) in one school year: 等级 counts over students with a complete total,
    and every student without one in their own count — never as 不及格."""

    label: str
    grade: int | None
    class_id: str | None
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LEVELS, 0))
    students: int = 0  # on the roster (the current year) or with a record (earlier years)
    untested: int = 0  # nothing recorded yet
    incomplete: int = 0  # recorded, but an item is missing (成绩不完整)
    no_table: int = 0  # fully recorded, no scoring table for the grade yet (无评分表)
    exempt: int = 0  # 免测

    @property
    def scored(self) -> int:
        return sum(self.counts.values())

    @property
    def tested(self) -> int:
        """Students whose test is done: a complete total, or every item recorded for a 无评分表 grade."""
        return self.scored + self.no_table

    @property
    def failing(self) -> int:
        return self.counts[FAILING]

    @property
    def done(self) -> bool:
        """Every student tested or 免测."""
        return self.students > 0 and self.tested + self.exempt == self.students

    def add(self, kind: str) -> None:
        self.students += 1
        if kind in self.counts:
            self.counts[kind] += 1
        else:
            setattr(self, kind, getattr(self, kind) + 1)

    def merge(self, other: LevelCounts) -> None:
        for level in LEVELS:
            self.counts[level] += other.counts[level]
        for name in ("students", "untested", "incomplete", "no_table", "exempt"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class YearLevels:
    """The level distribution of a school year, per class, per grade and for the whole school."""

    school_year: str
    classes: list[LevelCounts]
    grades: list[LevelCounts]
    school: LevelCounts
    recorded: int  # result records of the year (0: the test has not been entered at all)


def _kind(row: Mapping[str, Any] | None, score: StudentScore) -> str:
    """untested / exempt / incomplete / no_table, or the student's level."""
    if row is not None and row.get("exempt"):
        return "exempt"
    if row is None or all(row.get(key) is None for key in item_keys()):
        return "untested"
    if score.status == COMPLETE and score.level in LEVELS:
        return score.level
    if score.status == NO_TABLE and not score.missing:
        return "no_table"
    return "incomplete"


def level_counts(
    db: Database, day: dt.date, *, grade: int | None = None, today: dt.date | None = None
) -> YearLevels:
    """Level counts per class and per grade for the school year containing ``day``.

    The current year covers every student on the roster (untested students count as untested); an earlier
    year the students with a record. ``grade``: only that grade (as tested that year).
    """
    current = current_school_year(db, today)
    year = current_school_year(db, day)
    students = {r["id"]: r for r in records.live_rows(db, "students")}
    rows = _result_rows(db, "school_year = ?", [year])
    by_student = {r["student_id"]: r for r in rows if r["student_id"] in students}
    classes: list[LevelCounts] = []
    tables = scoring_tables(db)
    wusi = is_wusi(db)
    rolled = school.list_classes(db, year=year, archived=True)
    for school_class in rolled if any(c.school_year for c in rolled) else school.list_classes(db):
        # A class through a 学年升级 has its grade and name of that year; others are shifted by the date.
        exact = school_class.school_year is not None
        class_grade = school_class.grade if exact else grade_in_year(school_class, year, current, db)
        if class_grade < 1 or (grade is not None and class_grade != grade):
            continue
        label = school_class.name if exact else _class_name_in_year(school_class, class_grade)
        counts = LevelCounts(label, class_grade, school_class.id)
        if exact:  # the students the class had at the end of that year (or today)
            last_day = min(_year_last_day(db, year), today or clock.today())
            members = [students[s["id"]] for s in school.list_students(db, school_class.id, on=last_day)]
        elif year == current:
            members = [s for s in students.values() if s["class_id"] == school_class.id]
        else:
            members = [
                students[r["student_id"]] for r in by_student.values() if r["class_id"] == school_class.id
            ]
        for student in members:
            row = by_student.get(student["id"])
            row_grade = row["grade"] if row else class_grade
            counts.add(_kind(row, score_row(row_grade, student.get("sex"), row, tables=tables, wusi=wusi)))
        if counts.students:
            classes.append(counts)
    grades: dict[int, LevelCounts] = {}
    whole = LevelCounts("全校", None, None)
    for counts in classes:
        grades.setdefault(counts.grade, LevelCounts(class_names.grade_name(counts.grade), counts.grade, None))
        grades[counts.grade].merge(counts)
        whole.merge(counts)
    return YearLevels(year, classes, [grades[g] for g in sorted(grades)], whole, len(by_student))


def test_status(db: Database, day: dt.date, *, today: dt.date | None = None) -> dict[str, Any] | None:
    """Whether the annual test of the school year containing ``day`` is done (自查 S13); None when no result
    of that year is recorded. ``uploaded`` is None: whether the file went to the national system is not
    recorded here."""
    levels = level_counts(db, day, today=today)
    if not levels.recorded:
        return None
    whole = levels.school
    return {
        "school_year": levels.school_year,
        "students": whole.students,
        "tested": whole.tested,
        "exempt": whole.exempt,
        "no_table": whole.no_table,
        "incomplete": whole.incomplete,
        "untested": whole.untested,
        "failing": whole.failing,
        "levels": dict(whole.counts),
        "classes": len(levels.classes),
        "classes_complete": sum(c.done for c in levels.classes),
        "incomplete_classes": [c.label for c in levels.classes if not c.done],
        "uploaded": None,
    }


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


# ------------------------------------------------------------------ import (national upload template)

_WHERE_RE = re.compile(r"^第(\d+)行(?:「(.*?)」)?: (.*)$", re.S)
# A result cell that says the stored value is to be erased. A blank cell never erases anything: it keeps
# the stored value (an upload file exported for one item, a formula Excel never calculated…).
CLEAR_MARKERS = frozenset({"清除", "缺测", "删除"})


def _is_clear_marker(value: Any) -> bool:
    return isinstance(value, str) and value.strip() in CLEAR_MARKERS


def _result_cells(
    sheet: TemplateSheet, row: TemplateRow
) -> tuple[TemplateRow, set[str], set[str], list[tabular.RowError]]:
    """The row with its 清除/缺测 and formula cells emptied for :func:`parse_row`; the items the file
    clears, the items it leaves blank, and the formula cells (refused: a formula has no value to import)."""
    cells = list(row.cells)
    cleared: set[str] = set()
    blank: set[str] = set()
    errors = []
    for name, index in sheet.columns.items():
        if name in IDENTITY_FIELDS or index >= len(cells):
            continue
        value = cells[index]
        if _is_clear_marker(value):
            cleared.add(name)
            cells[index] = None
        elif isinstance(value, str) and value.strip().startswith("=") and len(value.strip()) > 1:
            errors.append(
                tabular.RowError(
                    row.row,
                    sheet.headers[index],
                    "单元格是公式，文件中没有它的计算结果；请在 Excel 中打开并保存，或粘贴为数值后再导入",
                )
            )
            cells[index] = None
            blank.add(name)  # never erases the stored value
        elif is_blank(value):
            blank.add(name)
    return TemplateRow(row.row, cells), cleared, blank, errors


def _shown(item: str, value: Any) -> str:
    if value is None:
        return "空"
    return format_value(item, check_number(item, value))


def _change_text(name: str, existing: Mapping[str, Any], values: Mapping[str, Any]) -> str:
    """“张一：身高 150.0→152.0、体重 40.0→空（清除）”: every stored value the row would change."""
    parts = []
    for key, new in values.items():
        old = existing.get(key)
        if old == new:
            continue
        if key in item_keys():
            parts.append(f"{header_for(key)} {_shown(key, old)}→{_shown(key, new)}")
        elif key == "exempt":
            parts.append("整体免测" if new else "取消整体免测")
        elif key == "exempt_items":
            before = set(filter(None, (old or "").split(",")))
            after = set(filter(None, (new or "").split(",")))
            parts += [f"{header_for(k)} 免测" for k in sorted(after - before)]
            parts += [f"{header_for(k)} 取消免测" for k in sorted(before - after)]
    return f"{name}：{'、'.join(parts)}" if parts else name


def _school_year_problem(db: Database, year: str, today: dt.date | None) -> str | None:
    """Why results cannot go to ``year`` (None: they can): it must be a school year of the calendar."""
    dates = tabular.SchoolDates.of(db, today)
    if not dates.terms:
        return dates.problem(today or clock.today())
    years = []
    for term in dates.terms:
        try:
            years.append(normalize_school_year(term.school_year))
        except UserError:
            years.append(term.school_year)
    if year in years:
        return None
    return f"{year} 学年不在学校日历中（日历中的学年：{'、'.join(dict.fromkeys(years))}），请检查学年"


def _row_error(message: str, row: int, column: str = "") -> tabular.RowError:
    match = _WHERE_RE.match(message)
    if match:
        return tabular.RowError(int(match.group(1)), match.group(2) or column, match.group(3))
    return tabular.RowError(row, column, message)


def preview_import(
    db: Database, path: Path, *, school_year: str | None = None, today: dt.date | None = None
) -> tabular.Preview:
    """Check an upload-template file against the roster (by 学籍号); nothing is written.

    Every value is checked; a rejected value, a duplicate 学籍号 or a student not on the school's roster
    is an error, so the import is all or nothing. Name/sex/grade differences from the roster are warnings.
    Results go to ``school_year`` (default: the current school year).
    """
    path = Path(path)
    result = tabular.Preview(path)
    year = normalize_school_year(school_year or current_school_year(db, today))
    current = current_school_year(db, today)
    sheet = read_template(path)
    why = _school_year_problem(db, year, today)
    if why:  # the results' date is their school year: it must be one of the school calendar's
        result.errors.append(tabular.RowError(0, "学年", why))
        return result
    if not sheet.rows:
        result.errors.append(tabular.RowError(0, "", "文件只有表头，没有数据行"))
        return result
    wusi = is_wusi(db)
    uploads = []
    id_column = sheet.headers[sheet.columns["student_id"]]
    seen: dict[str, int] = {}
    given_cells: dict[int, tuple[set[str], set[str]]] = {}  # row -> (cleared items, blank items)
    for template_row in sheet.rows:
        cells, cleared, blank, formula_errors = _result_cells(sheet, template_row)
        given_cells[template_row.row] = (cleared, blank)
        record, errors = parse_row(sheet, cells)
        row_errors = [_row_error(e, template_row.row) for e in errors] + formula_errors
        result.errors.extend(row_errors)
        key = student_ids.normalize(record.student_id)
        if not key:
            if not any(e.column == id_column for e in row_errors):  # not already refused as unreadable
                result.errors.append(tabular.RowError(template_row.row, id_column, "学籍号不能为空"))
            continue
        if key in seen:
            result.errors.append(
                tabular.RowError(
                    template_row.row, id_column, f"学籍号 {record.student_id} 与第 {seen[key]} 行重复"
                )
            )
            continue
        seen[key] = template_row.row
        uploads.append(record)
    roster = records.live_rows(db, "students")
    match = match_roster(uploads, roster)
    for record in match.not_on_roster:
        result.errors.append(
            tabular.RowError(
                record.row or 0,
                id_column,
                f"学籍号 {record.student_id}（{record.name or '无姓名'}）不在学校学生名册中；请先导入名册，或删去此行",
            )
        )
    result.warnings.extend(w for w in match.warnings if "重复" not in w)
    if match.not_in_file:
        result.warnings.append(f"名册中有 {len(match.not_in_file)} 名学生不在文件中，他们的成绩保持不变")
    classes = {c.id: c for c in school.list_classes(db)}
    grades: dict[str, int] = {}  # class id -> its grade in the year (one query a class, not a student)
    stored = _year_rows(db, year)
    result.start_counting("new", "changed", "unchanged")
    refused = {e.row for e in result.errors}  # a row with a bad cell is listed once, as refused
    for record, student in match.matched:
        if record.row in refused:
            continue
        school_class = classes.get(student["class_id"])
        if school_class is None:
            result.errors.append(
                tabular.RowError(record.row or 0, id_column, f"学生 {student['name']} 所在班级已删除")
            )
            continue
        if school_class.id not in grades:
            grades[school_class.id] = grade_in_year(school_class, year, current, db)
        grade = grades[school_class.id]
        expected = grade_code_for_years(grade, wusi=wusi) if grade >= 1 else "—"
        if record.grade_code and record.grade_code != expected:
            result.warnings.append(
                f"第{record.row}行: {student['name']} 的年级编号为 {record.grade_code}，"
                f"按名册（{school_class.name}）应为 {expected}"
            )
        if grade < 1:
            result.errors.append(
                tabular.RowError(record.row or 0, id_column, f"{student['name']}在 {year} 学年尚未入学")
            )
            continue
        existing = stored.get(student["id"])
        cleared, blank = given_cells.get(record.row or 0, (set(), set()))
        # a blank cell keeps the stored value; 清除/缺测 erases it; a value replaces it
        values: dict[str, Any] = {
            key: (None if v is None else float(v))
            for key, v in record.results.items()
            if key not in blank or key in cleared
        }
        if record.exempt or ("height" in sheet.columns and "height" not in blank):
            values["exempt"] = 1 if record.exempt else 0
        kept = [k for k in exempt_items(existing) if k in blank or k not in sheet.columns]
        values["exempt_items"] = ",".join([*kept, *(k for k in record.exempt_items if k not in kept)]) or None
        if record.exempt_items:
            names = "、".join(header_for(key) for key in record.exempt_items)
            result.warnings.append(
                f"第{record.row}行: {student['name']} 的{names}为免测：仅该项免测，学生未整体免测，"
                "缺该项不计算学年总分"
            )
        # what an export would write from the school's own data; only a different platform value is kept
        default = upload_record(student, {"grade": grade, "number": school_class.number,
                                          "name": _class_name_in_year(school_class, grade)}, None, wusi=wusi)  # fmt: skip
        for column in TEMPLATE_IDENTITY:
            if column in sheet.columns:
                given = getattr(record, column) or None
                values[column] = given if given != (getattr(default, column) or None) else None
        if record.exempt:
            values["exempt_reason"] = (existing or {}).get("exempt_reason") or EXEMPT_HEIGHT_TEXT
        elif values.get("exempt") == 0:
            values["exempt_reason"] = None
        row = {
            "_row": record.row,
            "student_id": student["id"],
            "class_id": school_class.id,
            "grade": grade,
            "school_year": year,
            "values": values,
            "name": student["name"],
        }
        if (
            existing is None
            and not record.exempt
            and not record.exempt_items
            and all(v is None for v in record.results.values())
            and not cleared
        ):
            # a blank row (an untested student in an exported file): nothing to record
            result.count(row, "unchanged", f"{student['name']}（空行，没有成绩）")
            continue
        if existing is None:
            result.count(row, "new")
        else:
            row["id"] = existing["id"]
            same = all(existing.get(k) == v for k, v in values.items())
            if same:
                result.count(row, "unchanged")
            else:  # the preview names every stored value the row changes
                result.count(row, "changed", _change_text(student["name"], existing, values))
        result.rows.append(row)
    result.errors.sort(key=lambda e: e.row)
    return result


def commit_import(
    db: Database, actor: Actor, preview: tabular.Preview, *, today: dt.date | None = None
) -> Changes:
    """Write a checked upload-template import in one transaction; refuses a preview with errors."""
    preview.require_ok()
    for class_id in {row["class_id"] for row in preview.rows}:
        require_writer(actor, class_id)
    today = today or clock.today()
    changes = Changes()
    with transaction(db):
        stored: dict[str, dict[str, dict]] = {}  # school year -> student id -> its record, read once
        batch = []
        for row in preview.rows:
            values = dict(row["values"])
            year = row["school_year"]
            if year not in stored:
                stored[year] = _year_rows(db, year)
            existing = stored[year].get(row["student_id"])
            if existing is not None:
                values["id"] = existing["id"]
            else:
                values.update(
                    student_id=row["student_id"],
                    class_id=row["class_id"],
                    grade=row["grade"],
                    school_year=year,
                    test_date=today.isoformat(),
                )
            batch.append(values)
        # the batch path: the same rows and audit entries as saving them one by one, one statement each
        records.save_many(
            db, RESULTS, batch, actor, reason=f"导入体质测试成绩（{preview.path.name}）", changes=changes
        )
    return changes


def _year_rows(db: Database, school_year: str) -> dict[str, dict]:
    """Every student's live record of a school year, by student id (what :func:`result_row` gives one by
    one)."""
    found: dict[str, dict] = {}
    for row in _result_rows(db, "school_year = ?", [school_year]):
        found.setdefault(row["student_id"], row)
    return found


# ------------------------------------------------------------------ export


def export_records(
    db: Database,
    school_year: str | None = None,
    grade: int | None = None,
    *,
    class_id: str | None = None,
    today: dt.date | None = None,
) -> list:
    """Upload-template records of a school year (grade: as tested that year). For the current year every
    student on the roster is included (untested students with blank results, as the upload system expects)."""
    current = current_school_year(db, today)
    year = normalize_school_year(school_year or current)
    wusi = is_wusi(db)
    classes = {c.id: c for c in school.list_classes(db)}
    students = {r["id"]: r for r in records.live_rows(db, "students")}
    stored = {r["student_id"]: r for r in _result_rows(db, "school_year = ?", [year])}
    entries: list[tuple[dict, school.SchoolClass, int, dict | None]] = []
    for student_id, row in stored.items():
        student = students.get(student_id)
        school_class = classes.get(row["class_id"]) or classes.get((student or {}).get("class_id"))
        if student is None or school_class is None:
            continue
        entries.append((student, school_class, row["grade"], row))
    if year == current:
        for student in students.values():
            school_class = classes.get(student["class_id"])
            if student["id"] not in stored and school_class is not None:
                entries.append((student, school_class, school_class.grade, None))
    entries = [
        e for e in entries if (grade is None or e[2] == grade) and (class_id is None or e[1].id == class_id)
    ]
    entries.sort(key=lambda e: (e[2], e[1].number, e[0].get("student_no") or "", e[0].get("name") or ""))
    out = []
    for student, school_class, row_grade, row in entries:
        class_row = {
            "grade": row_grade,
            "number": school_class.number,
            "name": _class_name_in_year(school_class, row_grade),
        }
        result = {key: (row or {}).get(key) for key in item_keys()}
        result["exempt"] = bool((row or {}).get("exempt"))
        result["exempt_items"] = exempt_items(row)
        record = upload_record(student, class_row, result, wusi=wusi)
        for column in TEMPLATE_IDENTITY:
            if (row or {}).get(column):
                setattr(record, column, row[column])  # type: ignore[index]
        out.append(record)
    return out


def _class_name_in_year(school_class: school.SchoolClass, grade: int) -> str:
    if grade == school_class.grade:
        return school_class.name
    return class_names.class_name(grade, school_class.number)


def export_template(
    db: Database,
    path: Path | str,
    school_year: str | None = None,
    grade: int | None = None,
    *,
    class_id: str | None = None,
    today: dt.date | None = None,
) -> int:
    """Write the school's results of a school year as the national upload template (.xlsx); returns rows."""
    uploads = export_records(db, school_year, grade, class_id=class_id, today=today)
    if not uploads:
        raise UserError("没有可导出的学生（请检查学年和年级）。")
    return write_template(path, uploads)


__all__ = [
    "PE_SUBJECTS",
    "RESULTS",
    "LEVELS",
    "GroupRow",
    "LevelCounts",
    "StudentResult",
    "YearLevels",
    "applies",
    "can_write",
    "class_results",
    "class_stats",
    "commit_import",
    "compare_classes",
    "compare_grades",
    "current_school_year",
    "export_records",
    "export_template",
    "graduation",
    "grid_items",
    "history",
    "item_keys",
    "last_year_result",
    "level_counts",
    "preview_import",
    "require_writer",
    "save_result",
    "school_stats",
    "school_year_of",
    "school_years",
    "set_exempt",
    "shift_year",
    "student_result",
    "test_status",
]

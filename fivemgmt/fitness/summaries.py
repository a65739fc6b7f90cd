"""The school's fitness figures from the stored results: class, grade and school statistics, the level
distribution (优秀/良好/及格/不及格) and whether a school year's test is done (自查 S13)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from fivemgmt import class_names, clock, records, school
from fivemgmt.fitness.scoring import (
    COMPLETE,
    NO_TABLE,
    StudentScore,
)
from fivemgmt.fitness.stats import ClassStatistics, class_statistics
from fivemgmt.fitness.store import (
    StudentResult,
    class_name_in_year,
    class_results,
    current_school_year,
    grade_in_year,
    is_wusi,
    item_keys,
    normalize_school_year,
    result_rows,
    score_row,
    scoring_tables,
    year_last_day,
)

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
    for row in result_rows(db, "school_year = ?", [school_year]):
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
            tested = result_rows(db, "class_id = ? AND school_year = ?", [school_class.id, year])
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
    rows = result_rows(db, "school_year = ?", [year])
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
        label = school_class.name if exact else class_name_in_year(school_class, class_grade)
        counts = LevelCounts(label, class_grade, school_class.id)
        if exact:  # the students the class had at the end of that year (or today)
            last_day = min(year_last_day(db, year), today or clock.today())
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


__all__ = [
    "LEVELS",
    "GroupRow",
    "LevelCounts",
    "YearLevels",
    "class_stats",
    "compare_classes",
    "compare_grades",
    "level_counts",
    "school_stats",
    "test_status",
]

"""Pure functions between school-database rows and the fitness core (no schema, no SQL).

Rows are plain mappings as the app stores them: a student row has ``student_no`` (学籍号), ``name``,
``sex`` (男/女), ``birth_date``, ``ethnicity``, ``address``; a class row has ``grade`` (years of schooling,
1..12), ``number`` and ``name``; a result row maps item keys (height, weight, lung, run50m, ...) to raw values
(text as typed or numbers in the item's unit) plus an optional ``exempt_reason``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from fivemgmt import student_ids
from fivemgmt.fitness.parsing import check_number, is_blank, parse_value
from fivemgmt.fitness.scoring import (
    GraduationScore,
    grade_code_for_years,
    graduation_score,
    normalize_sex,
)
from fivemgmt.fitness.tables import FitnessTables, default_tables
from fivemgmt.fitness.template import UploadRecord


def result_items(tables: FitnessTables | None = None) -> list[str]:
    """Item keys a result row may hold (measurements, no derived BMI)."""
    tables = tables or default_tables()
    return [key for key, info in tables.items.items() if info.kind != "derived"]


def upload_record(
    student: Mapping[str, Any],
    class_row: Mapping[str, Any],
    result: Mapping[str, Any] | None,
    *,
    wusi: bool = False,
    class_code: str | None = None,
    tables: FitnessTables | None = None,
) -> UploadRecord:
    """The upload-template record of one student (write it with template.write_template).

    ``class_code`` defaults to the class number; 年级编号 comes from years of schooling (五四制 aware).
    """
    tables = tables or default_tables()
    result = result or {}
    record = UploadRecord(
        grade_code=grade_code_for_years(int(class_row["grade"]), wusi=wusi, tables=tables),
        class_code=class_code if class_code is not None else str(class_row.get("number") or ""),
        class_name=str(class_row.get("name") or ""),
        student_id=str(student.get("student_no") or ""),
        ethnic_code=str(student.get("ethnicity") or ""),
        name=str(student.get("name") or ""),
        sex=normalize_sex(student.get("sex")),
        birth_date=str(student.get("birth_date") or ""),
        address=str(student.get("address") or ""),
        exempt=bool(result.get("exempt") or str(result.get("exempt_reason") or "").strip()),
        exempt_items=list(result.get("exempt_items") or []),
    )
    for key in result_items(tables):
        value = result.get(key)
        if is_blank(value):
            continue
        # stored text is parsed as typed; stored numbers are already in the item's unit
        record.results[key] = (
            parse_value(key, value, tables=tables)
            if isinstance(value, str)
            else check_number(key, value, tables=tables)
        )
    return record


@dataclass
class RosterMatch:
    """An imported template file compared with the school roster by 学籍号."""

    matched: list[tuple[UploadRecord, Mapping[str, Any]]] = field(default_factory=list)
    not_on_roster: list[UploadRecord] = field(default_factory=list)  # in the file, not in the school
    not_in_file: list[Mapping[str, Any]] = field(default_factory=list)  # roster students without a row
    duplicates: list[str] = field(default_factory=list)  # 学籍号 appearing twice in the file
    warnings: list[str] = field(default_factory=list)  # name/sex differences, in Chinese


def match_roster(
    records: Iterable[UploadRecord], roster: Iterable[Mapping[str, Any]], *, id_key: str = "student_no"
) -> RosterMatch:
    """Match imported records to roster rows by 学籍号 (case and surrounding spaces ignored)."""
    by_id = {student_ids.normalize(row.get(id_key)): row for row in roster}
    by_id.pop("", None)
    result = RosterMatch()
    seen: set[str] = set()
    for record in records:
        key = student_ids.normalize(record.student_id)
        where = f"第{record.row}行" if record.row else record.name
        if key in seen:
            result.duplicates.append(record.student_id)
            result.warnings.append(f"{where}: 学籍号 {record.student_id} 重复出现")
            continue
        seen.add(key)
        student = by_id.get(key)
        if student is None:
            result.not_on_roster.append(record)
            continue
        result.matched.append((record, student))
        if record.name and student.get("name") and record.name != student["name"]:
            result.warnings.append(
                f"{where}: 学籍号 {record.student_id} 的姓名“{record.name}”与名册“{student['name']}”不同"
            )
        if record.sex and student.get("sex"):
            try:
                same_sex = normalize_sex(student["sex"]) == record.sex
            except Exception:  # a roster sex we cannot read is the roster's problem, not the import's
                same_sex = True
            if not same_sex:
                result.warnings.append(f"{where}: 学籍号 {record.student_id} 的性别与名册不同")
    result.not_in_file = [row for key, row in by_id.items() if key not in seen]
    return result


def graduation_from_years(
    totals_by_year: Mapping[str, Decimal | None], final_year: str, *, tables: FitnessTables | None = None
) -> GraduationScore:
    """毕业成绩 from {school year: 学年总分} and the graduating school year (e.g. "2024-2025")."""
    if final_year not in totals_by_year:
        return GraduationScore(None, None, f"没有 {final_year} 学年的成绩，无法计算毕业成绩")
    others = [total for year, total in totals_by_year.items() if year != final_year]
    return graduation_score(totals_by_year[final_year], others, tables=tables)

"""国家学生体质健康标准 (2014) fitness test: tables, scoring, parsing and the national upload template.

Qt-free and database-free. The data lives in ``resources/fitness/*.csv`` (see its README); grades without
tables (初中/高中 for now) are recorded and exported but scored as "无评分表".

Main entry points:

- ``score_student(grade_code, sex, raw, *, exempt=False, wusi=False) -> StudentScore`` — one student's
  item scores, 标准分, 附加分, 学年总分, 等级, completeness and Chinese messages.
- ``parse_value(item, value, *, row=None, column=None) -> Decimal | None`` — a raw value as typed or as a
  spreadsheet holds it (``3'40"``, ``3.40``, ``9.11`` ...), rounded by the testing rules; raises
  ``FitnessValueError`` naming row and column.
- ``item_score``, ``item_bonus``, ``bmi_value``, ``bmi_score``, ``level_for``, ``round_half_up``,
  ``graduation_score`` — the single rules.
- ``template.read_template`` / ``template.read_records`` / ``template.write_template`` — the upload file.
- ``scorefile.score_sheet`` — score a template file (the ``fivemgmt fitness score`` command).
- ``records`` — pure functions between database rows and the core (roster matching, export records).
- ``stats.class_statistics`` / ``stats.weakest_items`` — class statistics and report data.
- ``test_status(db, day, today=...)`` — whether the school year's test is done (自查 S13). The stored results
  live in ``store``, the figures made of them in ``summaries``, the upload template's import and export in
  ``upload`` (these need the database, so they are imported only when called).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fivemgmt.fitness.parsing import FitnessValueError, format_value, is_exempt_marker, parse_value
from fivemgmt.fitness.scoring import (
    COMPLETE,
    EXEMPT,
    INCOMPLETE,
    NO_TABLE,
    GraduationScore,
    ItemScore,
    StudentScore,
    bmi_score,
    bmi_value,
    grade_code_for_years,
    graduation_score,
    item_bonus,
    item_score,
    level_for,
    round_half_up,
    score_student,
    scoring_grade,
)
from fivemgmt.fitness.tables import FitnessTables, default_tables, load_tables


def test_status(db: Any, day: dt.date, *, today: dt.date | None = None) -> dict[str, Any] | None:
    """The annual test of the school year containing ``day``: tested / roster students, classes fully tested,
    无评分表, 免测 and 不及格 counts (see ``summaries.test_status``); None when nothing of that year is recorded."""
    from fivemgmt.fitness import summaries

    return summaries.test_status(db, day, today=today)


test_status.__test__ = False  # not a pytest test, despite the name

__all__ = [
    "COMPLETE",
    "EXEMPT",
    "INCOMPLETE",
    "NO_TABLE",
    "FitnessTables",
    "FitnessValueError",
    "GraduationScore",
    "ItemScore",
    "StudentScore",
    "bmi_score",
    "bmi_value",
    "default_tables",
    "format_value",
    "grade_code_for_years",
    "graduation_score",
    "is_exempt_marker",
    "item_bonus",
    "item_score",
    "level_for",
    "load_tables",
    "parse_value",
    "round_half_up",
    "score_student",
    "scoring_grade",
    "test_status",
]

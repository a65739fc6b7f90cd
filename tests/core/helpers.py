"""Small builders for crafted test schools."""

from __future__ import annotations

import datetime as dt

from fivemgmt import records, school
from fivemgmt.actor import SYSTEM
from fivemgmt.db import transaction


def make_school(
    db,
    *,
    stage: str = "九年一贯制",
    grades: tuple[int, ...] = (2, 4, 8),
    term=(dt.date(2026, 9, 1), dt.date(2027, 1, 22)),
) -> dict[int, school.SchoolClass]:
    """A school with one class (number 1) per given grade and an autumn term; returns classes by grade."""
    school.save_school(db, SYSTEM, "测试学校", stage)
    add_term(db, *term)
    for grade in grades:
        school.add_class(db, SYSTEM, grade, 1)
    return {c.grade: c for c in school.list_classes(db)}


def add_term(db, start=dt.date(2026, 9, 1), end=dt.date(2027, 1, 22), school_year="2026-2027") -> None:
    """A term of the school calendar (imports refuse dates outside every term)."""
    with transaction(db):
        records.save(
            db,
            "terms",
            {
                "school_year": school_year,
                "name": "第一学期",
                "start_date": start.isoformat(),
                "end_date": end.isoformat(),
            },
            SYSTEM,
        )

"""体质 — records: the schema, the record types, and reading and writing them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from fivemgmt import clock, records, school
from fivemgmt.actor import Actor
from fivemgmt.areas import daily
from fivemgmt.areas.base import AreaName
from fivemgmt.calendar import SchoolCalendar, Term
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.records import Changes
from fivemgmt.rules import Rulebook

AREA = AreaName("activity", "体质", "体质健康管理")
DAYS = "activity_days"
TIMETABLE = "pe_timetable"
SCREENINGS = "vision_screenings"

PE_RULE = "activity.pe_lessons_per_week"
BREAK_RULE = "activity.break_minutes"
ACTIVITY_RULE = "activity.in_school_minutes"
EYE_RULE = "activity.eye_exercises_per_day"
VISION_RULE = "activity.vision_screenings_per_term"

PE_LESSON_MINUTES = 40  # used only to propose a default in the fast entry
MAX_LESSONS_PER_DAY = 3
# What can be typed, not what is required (the rule, e.g. 眼保健操每天 2 次, is in rules.toml): room for a
# school whose own rule asks for more than the national one.
MAX_EYE_EXERCISES_PER_DAY = 4


@dataclass
class ActivityDay:
    class_id: str
    date: dt.date
    pe_planned: int = 0  # PE lessons on the timetable that day (filled from the timetable)
    pe_held: int = 0
    pe_taken_over: int = 0
    taken_over_by: str = ""
    break_minutes: int = 0
    activity_minutes: int = 0
    eye_exercises: int = 0
    note: str = ""
    id: str | None = None

    @classmethod
    def from_row(cls, row: dict) -> ActivityDay:
        return cls(
            *daily.row_key(row),
            row["pe_planned"] or 0,
            row["pe_held"] or 0,
            row["pe_taken_over"] or 0,
            row["taken_over_by"] or "",
            row["break_minutes"] or 0,
            row["activity_minutes"] or 0,
            row["eye_exercises"] or 0,
            row["note"] or "",
            row["id"],
        )

    def values(self) -> dict[str, Any]:
        return {
            **daily.day_key(self),
            "pe_planned": int(self.pe_planned),
            "pe_held": int(self.pe_held),
            "pe_taken_over": int(self.pe_taken_over),
            "taken_over_by": self.taken_over_by.strip() if self.pe_taken_over else "",
            "break_minutes": int(self.break_minutes),
            "activity_minutes": int(self.activity_minutes),
            "eye_exercises": int(self.eye_exercises),
            "note": self.note or "",
        }


# ------------------------------------------------------------------ timetable


def timetable(db: Database, class_id: str) -> dict[int, int]:
    """PE lessons per weekday (0 = Monday … 4 = Friday); an empty dict when the school has not set one."""
    return timetables(db, [class_id])[class_id]


def timetables(db: Database, class_ids: list[str]) -> dict[str, dict[int, int]]:
    """``timetable`` of some classes, read at once."""
    found: dict[str, dict[int, int]] = {c: {} for c in class_ids}
    marks = ",".join("?" for _ in class_ids)
    for row in records.live_rows(db, TIMETABLE, f"class_id IN ({marks})", class_ids) if class_ids else []:
        found[row["class_id"]][row["weekday"]] = row["lessons"]
    return found


def set_timetable(db: Database, actor: Actor, class_id: str, lessons: dict[int, int]) -> Changes:
    """Set a class's weekly PE timetable: {weekday (0=Mon…6=Sun): lessons}."""
    for weekday, count in lessons.items():
        if not 0 <= int(weekday) <= 6:
            raise UserError("星期应为周一至周日。")
        if not 0 <= int(count) <= MAX_LESSONS_PER_DAY:
            raise UserError(f"每天体育课节数应在 0–{MAX_LESSONS_PER_DAY} 之间。")
    changes = Changes()
    with transaction(db):
        existing = {r["weekday"]: r for r in records.live_rows(db, TIMETABLE, "class_id = ?", [class_id])}
        for weekday, count in lessons.items():
            values = {"class_id": class_id, "weekday": int(weekday), "lessons": int(count)}
            if weekday in existing:
                values["id"] = existing[weekday]["id"]
            records.save(db, TIMETABLE, values, actor, reason="设置体育课表", changes=changes)
    return changes


def screenings(db: Database, class_id: str, term: Term | None) -> list[dict]:
    return term_screenings(db, [class_id], term) if term is not None else []


def term_screenings(db: Database, class_ids: list[str], term: Term) -> list[dict]:
    """The classes' vision screenings of the term, by date (a term's weeks read them once, not per class)."""
    if not class_ids:
        return []
    marks = ",".join("?" for _ in class_ids)
    return records.live_rows(
        db,
        SCREENINGS,
        f"class_id IN ({marks}) AND date BETWEEN ? AND ?",
        [*class_ids, term.start.isoformat(), term.end.isoformat()],
        order_by="date",
    )


def default_day(db: Database, school_class: school.SchoolClass, day: dt.date) -> ActivityDay:
    """The fast entry's proposal for a day: PE as on the timetable, 30-minute 大课间, eye exercises twice."""
    rules = Rulebook(db)
    school_class = school.as_of(db, school_class, day)
    planned = timetable(db, school_class.id).get(SchoolCalendar(db).timetable_weekday(day), 0)
    break_minutes = int(rules.value(BREAK_RULE, school_class.grade, day))
    minimum = int(rules.value(ACTIVITY_RULE, school_class.grade, day))
    activity = max(
        minimum, break_minutes + (PE_LESSON_MINUTES * planned if planned else minimum - break_minutes)
    )
    return ActivityDay(
        school_class.id,
        day,
        planned,
        planned,
        0,
        "",
        break_minutes,
        activity,
        int(rules.value(EYE_RULE, school_class.grade, day)),
    )


# ------------------------------------------------------------------ operations


def validate(record: ActivityDay) -> None:
    for value, what, high in (
        (record.pe_held, "体育课节数", MAX_LESSONS_PER_DAY),
        (record.pe_taken_over, "被占用节数", MAX_LESSONS_PER_DAY),
        (record.pe_planned, "课表体育课节数", MAX_LESSONS_PER_DAY),
        (record.break_minutes, "大课间分钟", 120),
        (record.activity_minutes, "校内体育活动分钟", 480),
        (record.eye_exercises, "眼保健操次数", MAX_EYE_EXERCISES_PER_DAY),
    ):
        if value is None or not 0 <= int(value) <= high:
            raise UserError(f"{what}应在 0–{high} 之间。")
    if record.activity_minutes < record.break_minutes:
        raise UserError("校内体育活动总时长应包含大课间，不能少于大课间时长。")


WRITES = daily.DayRegister(DAYS, validate, default_day, "按课表默认值填写", "当天没有体育活动记录。")
save_day, save_days = WRITES.save_day, WRITES.save_days
fill_defaults, delete_day = WRITES.fill_defaults, WRITES.delete_day


def add_screening(
    db: Database,
    actor: Actor,
    class_id: str,
    day: dt.date,
    screened: int | None = None,
    note: str = "",
    *,
    today: dt.date | None = None,
) -> Changes:
    """Record a vision screening of a class (one per class and date)."""
    today = today or clock.today()
    if day > today:
        raise UserError("视力监测日期不能晚于今天。")
    if screened is not None and not 0 <= int(screened) <= 300:
        raise UserError("监测人数应在 0–300 之间。")
    changes = Changes()
    with transaction(db):
        if records.live_rows(db, SCREENINGS, "class_id = ? AND date = ?", [class_id, day.isoformat()]):
            raise UserError(f"{day.isoformat()} 已登记过本班视力监测。")
        records.save(
            db,
            SCREENINGS,
            {"class_id": class_id, "date": day.isoformat(), "screened": screened, "note": note},
            actor,
            changes=changes,
        )
    return changes


def delete_screening(db: Database, actor: Actor, screening_id: str) -> Changes:
    return records.delete_live(
        db,
        SCREENINGS,
        screening_id,
        actor,
        missing="要删除的视力监测记录不存在。",
        check=None,
    )

"""课表: each class's subjects per weekday, so the homework register can list the day's subjects for the
teacher to fill in (content and minutes), rather than making them type every subject every day.

A make-up school day (调休) follows the timetable of the weekday it replaces (``SchoolCalendar.
timetable_weekday``). A class without a timetable gets its usual subjects instead — the ones its homework
was set in recently, else the ones taught in it, else the grade's subjects — and is told so.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlite_utils import Database

from fivemgmt import records, school
from fivemgmt.actor import Actor
from fivemgmt.calendar import DayKind, SchoolCalendar
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.records import Changes

TABLE = "class_timetable"
WEEKDAYS = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]
SEPARATORS = "、,，;；/ \t"
MAX_LESSONS = 12
USUAL_WEEKS = 4  # "usual subjects": homework of the class in the last four weeks


def split_subjects(text: str) -> list[str]:
    """“语文、数学，英语 体育” → the subjects in order, each once."""
    for sep in SEPARATORS[1:]:
        text = text.replace(sep, SEPARATORS[0])
    seen: list[str] = []
    for part in text.split(SEPARATORS[0]):
        if part.strip() and part.strip() not in seen:
            seen.append(part.strip())
    return seen


def timetable(db: Database, class_id: str) -> dict[int, list[str]]:
    """A class's timetable: {weekday (0=Mon…6=Sun): subjects in order}; empty when none was set."""
    rows = records.live_rows(db, TABLE, "class_id = ?", [class_id], order_by="weekday")
    return {int(r["weekday"]): split_subjects(r["subjects"] or "") for r in rows if r["subjects"]}


def set_timetable(db: Database, actor: Actor, class_id: str, days: dict[int, list[str]]) -> Changes:
    """Set a class's timetable (every weekday given; an empty list clears that day), in one transaction."""
    actor.require_class(class_id)
    if school.get_class(db, class_id) is None:
        raise UserError("班级不存在。")
    for weekday, subjects in days.items():
        if not 0 <= weekday <= 6:
            raise UserError(f"星期应为 0–6，而不是 {weekday}。")
        if len(subjects) > MAX_LESSONS:
            raise UserError(
                f"{WEEKDAYS[weekday]}列了 {len(subjects)} 门学科，超过 {MAX_LESSONS} 门，请核对。"
            )
    existing = {int(r["weekday"]): r for r in records.live_rows(db, TABLE, "class_id = ?", [class_id])}
    changes = Changes()
    with transaction(db):
        for weekday, subjects in sorted(days.items()):
            text = "、".join(split_subjects("、".join(subjects)))
            old = existing.get(weekday)
            if old is not None and (old["subjects"] or "") == text:
                continue
            values = {"class_id": class_id, "weekday": weekday, "subjects": text}
            if old is not None:
                values["id"] = old["id"]
            records.save(db, TABLE, values, actor, reason="设置课表", changes=changes)
    return changes


@dataclass
class DayPlan:
    subjects: list[str]
    from_timetable: bool
    note: str  # what the list is, said plainly ("" for a day that has a timetable)


def usual_subjects(db: Database, school_class: school.SchoolClass, day: dt.date) -> list[str]:
    """The subjects a class usually has homework in: its last four weeks' homework by frequency, else the
    subjects taught in it, else the grade's subjects."""
    rows = db.execute(
        "SELECT subject FROM homework_entries WHERE deleted = 0 AND class_id = ? AND date BETWEEN ? AND ?",
        [school_class.id, (day - dt.timedelta(weeks=USUAL_WEEKS)).isoformat(), day.isoformat()],
    ).fetchall()
    counted = Counter(r[0] for r in rows if r[0])
    if counted:
        return [s for s, _n in sorted(counted.items(), key=lambda item: (-item[1], item[0]))]
    grade_subjects = school.list_subjects(db, school_class.grade)  # in the school's order (语文, 数学 …)
    taught = {t["subject"] for t in school.teachers_of_class(db, school_class.id)}
    ordered = [s for s in grade_subjects if s in taught] + sorted(taught - set(grade_subjects))
    return ordered or grade_subjects


def day_plan(
    db: Database, school_class: school.SchoolClass, day: dt.date, calendar: SchoolCalendar | None = None
) -> DayPlan:
    """The subjects a class has on a day: from its timetable, or (without one) its usual subjects, saying so.
    A rest day has none."""
    calendar = calendar or SchoolCalendar(db)
    if calendar.kind(day) is not DayKind.SCHOOL:
        return DayPlan([], False, "")
    table = timetable(db, school_class.id)
    if table:
        weekday = calendar.timetable_weekday(day)
        subjects = table.get(weekday, [])
        note = "" if subjects else f"本班课表{WEEKDAYS[weekday]}没有课"
        return DayPlan(subjects, True, note)
    subjects = usual_subjects(db, school_class, day)
    if not subjects:
        return DayPlan([], False, "本班还没有课表，也没有任课学科：请先设置课表（“课表…”）")
    return DayPlan(subjects, False, "本班还没有课表（可点“课表…”设置），先列出本班常用的学科")

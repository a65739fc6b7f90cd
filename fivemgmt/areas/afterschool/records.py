"""课后服务 — records: the schema, the record types, and reading and writing them."""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from fivemgmt import records, school
from fivemgmt.actor import Actor
from fivemgmt.areas import daily
from fivemgmt.areas.base import AreaName
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.records import Changes
from fivemgmt.rules import OVERRIDES_TABLE, Rulebook, base_rules

AREA = AreaName("afterschool", "课后服务", "课后服务")
DAYS = "afterschool_days"
END_RULE = "afterschool.local_end_of_work"
MIN_RULE = "afterschool.min_minutes_per_day"
DAYS_RULE = "afterschool.days_per_week"
MAX_MINUTES = 300


@functools.cache  # of the bundled rule file only (itself read once): asked for every class-day
def applies(grade: int) -> bool:
    """课后服务 rules cover 义务教育 (grades 1–9) only."""
    return any(r.id == DAYS_RULE and r.grade_from <= grade <= r.grade_to for r in base_rules())


@dataclass
class ServiceDay:
    """One class-day of after-school service as entered."""

    class_id: str
    date: dt.date
    held: bool = True
    minutes: int | None = None
    end_time: dt.time | None = None
    participants: int | None = None
    note: str = ""
    id: str | None = None

    @classmethod
    def from_row(cls, row: dict) -> ServiceDay:
        return cls(
            *daily.row_key(row),
            bool(row["held"]),
            row["minutes"],
            dt.time.fromisoformat(row["end_time"]) if row["end_time"] else None,
            row["participants"],
            row["note"] or "",
            row["id"],
        )

    def values(self) -> dict[str, Any]:
        return {
            **daily.day_key(self),
            "held": int(self.held),
            "minutes": int(self.minutes) if self.held and self.minutes is not None else None,
            "end_time": self.end_time.strftime("%H:%M") if self.held and self.end_time else None,
            "participants": int(self.participants) if self.held and self.participants is not None else None,
            "note": self.note or "",
        }


# ------------------------------------------------------------------ settings


def local_end_of_work(rules: Rulebook, grade: int, on: dt.date) -> dt.time:
    """The local normal end of work: service must not end earlier (rule, overridable by the school)."""
    return dt.time.fromisoformat(str(rules.value(END_RULE, min(grade, 9), on)))


def set_local_end_of_work(db: Database, actor: Actor, value: dt.time, note: str = "") -> Changes:
    """Set the school's local end-of-work time (a rule override for grades 1–9; 校长/教导处 or 管理员)."""
    if not dt.time(15, 0) <= value <= dt.time(20, 0):
        raise UserError("当地下班时间应在 15:00–20:00 之间。")
    changes = Changes()
    with transaction(db):
        rows = records.live_rows(db, OVERRIDES_TABLE, "rule_id = ?", [END_RULE])
        values = {
            "rule_id": END_RULE,
            "grade_from": 1,
            "grade_to": 9,
            "value": json.dumps(value.strftime("%H:%M")),
            "note": note or "学校设置的当地正常下班时间",
            # The local end of work is a fact about the place, not a change of policy: it holds from the
            # rule's own start, and the citation says so with that date.
            "effective_from": min(r.effective_from for r in base_rules() if r.id == END_RULE).isoformat(),
        }
        if rows:
            values["id"] = rows[0]["id"]
        records.save(db, OVERRIDES_TABLE, values, actor, reason="设置当地下班时间", changes=changes)
    return changes


def default_day(db: Database, school_class: school.SchoolClass, day: dt.date) -> ServiceDay:
    """What the fast entry proposes: the class's last held day, else 120 minutes to the local end of work."""
    previous = records.live_rows(
        db,
        DAYS,
        "class_id = ? AND date < ? AND held = 1",
        [school_class.id, day.isoformat()],
        order_by="date DESC LIMIT 1",
    )
    if previous:
        last = ServiceDay.from_row(previous[0])
        return ServiceDay(school_class.id, day, True, last.minutes, last.end_time, last.participants)
    rules = Rulebook(db)
    grade = min(school.as_of(db, school_class, day).grade, 9)
    minutes = int(rules.value(MIN_RULE, grade, day))
    return ServiceDay(
        school_class.id,
        day,
        True,
        minutes,
        local_end_of_work(rules, grade, day),
        len(school.list_students(db, school_class.id, on=day)) or None,
    )


# ------------------------------------------------------------------ operations


def validate(record: ServiceDay) -> None:
    if record.held:
        if record.minutes is None:
            raise UserError("请填写课后服务时长（分钟）。")
        if not 1 <= int(record.minutes) <= MAX_MINUTES:
            raise UserError(f"课后服务时长应在 1–{MAX_MINUTES} 分钟之间。")
        if record.end_time is None:
            raise UserError("请填写课后服务结束时间。")
        if not dt.time(12, 0) <= record.end_time <= dt.time(22, 0):
            raise UserError("课后服务结束时间应在 12:00–22:00 之间。")
        if record.participants is not None and not 0 <= int(record.participants) <= 300:
            raise UserError("参加人数应在 0–300 之间。")


WRITES = daily.DayRegister(DAYS, validate, default_day, "按默认值填写", "当天没有课后服务记录。")
save_day, save_days = WRITES.save_day, WRITES.save_days
fill_defaults, delete_day = WRITES.fill_defaults, WRITES.delete_day

"""What the per-class-per-day registers share (体质 ``activity_days``, 课后服务 ``afterschool_days``, the
作业 and 手机 day markers): one live record per class and date, saved, filled, deleted and read the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, Protocol, TypeVar

from sqlite_utils import Database

from fivemgmt import records, school, tabular
from fivemgmt.actor import Actor
from fivemgmt.calendar import DayKind, SchoolCalendar
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.i18n import translate
from fivemgmt.records import Changes
from fivemgmt.rules import Status, Verdict


class ClassDay(Protocol):
    """A register's record of one class-day, as the area module's dataclass has it."""

    class_id: str
    date: dt.date
    id: str | None

    def values(self) -> dict[str, Any]: ...


Day = TypeVar("Day", bound=ClassDay)


# ------------------------------------------------------------------ reading


def rows_between(db: Database, table: str, class_id: str, start: dt.date, end: dt.date) -> list[dict]:
    """A class's live records from start to end (inclusive), by date."""
    return records.live_rows(
        db,
        table,
        "class_id = ? AND date BETWEEN ? AND ?",
        [class_id, start.isoformat(), end.isoformat()],
        order_by="date",
    )


def logged_dates(db: Database, table: str, class_id: str, start: dt.date, end: dt.date) -> set[dt.date]:
    return {dt.date.fromisoformat(r["date"]) for r in rows_between(db, table, class_id, start, end)}


def day_rows(db: Database, table: str, class_id: str, day: dt.date) -> list[dict]:
    """The live records of one class-day (one at most, unless two installations both logged it)."""
    return records.live_rows(db, table, "class_id = ? AND date = ?", [class_id, day.isoformat()])


def day_state(
    day: dt.date, kind: DayKind, record: Any, today: dt.date, check: Callable[[Any], Verdict], what: str = ""
) -> tuple[str, Verdict]:
    """(state, verdict) of one day: "logged" (checked on a school day), "rest", "future" or "unlogged".

    ``what`` names the register in the reasons (当天未登记课后服务); empty for a plain 当天未登记."""
    if record is not None:
        if kind is DayKind.SCHOOL:
            return "logged", check(record)
        text = translate("Verdict", "{day}的{what}记录不计入")
        return "logged", Verdict(Status.NA, text.format(day=kind.label, what=translate("Verdict", what)))
    if kind is not DayKind.SCHOOL:
        return "rest", Verdict(Status.NA, kind.label)
    if day >= today:
        return "future", Verdict(Status.NA, translate("Verdict", "尚未到该日"))
    if not what:
        return "unlogged", Verdict(Status.UNLOGGED, translate("Verdict", "当天未登记"))
    text = translate("Verdict", "当天未登记{what}")
    return "unlogged", Verdict(Status.UNLOGGED, text.format(what=translate("Verdict", what)))


# ------------------------------------------------------------------ operations


def save_class_day(
    db: Database,
    actor: Actor,
    table: str,
    values: dict[str, Any],
    *,
    record_id: str | None = None,
    reason: str | None = None,
    changes: Changes | None = None,
) -> str:
    """Save the record of values' class and date: ``record_id`` when given, else the day's live record,
    else a new one (inside the caller's transaction); returns the id."""
    existing = day_rows(db, table, values["class_id"], dt.date.fromisoformat(values["date"]))
    if record_id or existing:
        values = {**values, "id": record_id or existing[0]["id"]}
    return records.save(db, table, values, actor, reason=reason, changes=changes)


def save_class_days(
    db: Database,
    actor: Actor,
    table: str,
    items: Iterable[ClassDay],
    validate: Callable[[Any], None],
    *,
    reason: str | None = None,
) -> Changes:
    """Record (or correct) class-days, all or none: each is validated and there is one record per class and
    date (the actor's rights for the class, and for the record it replaces, are checked by records.save)."""
    changes = Changes()
    with transaction(db):
        for record in items:
            validate(record)
            record.id = save_class_day(
                db, actor, table, record.values(), record_id=record.id, reason=reason, changes=changes
            )
    return changes


def unlogged_school_days(
    db: Database, table: str, school_class: school.SchoolClass, days: list[dt.date]
) -> list[dt.date]:
    """The school days among ``days`` that the class has not logged yet (what the fast entry fills)."""
    calendar = SchoolCalendar(db)
    logged = logged_dates(db, table, school_class.id, min(days), max(days)) if days else set()
    found = [d for d in days if d not in logged and calendar.kind(d) is DayKind.SCHOOL]
    if not found:
        raise UserError("所选日期都已登记（或不是上课日），没有需要填写的日子。")
    return found


def delete_class_day(
    db: Database, actor: Actor, table: str, class_id: str, day: dt.date, missing: str, reason: str | None
) -> Changes:
    """Delete a class-day's record; ``UserError(missing)`` when the day has none."""
    changes = Changes()
    with transaction(db):
        rows = day_rows(db, table, class_id, day)
        if not rows:
            raise UserError(missing)
        for row in rows:
            records.delete(db, table, row["id"], actor, reason=reason, changes=changes)
    return changes


# ------------------------------------------------------------------ import


def check_import_rows(db: Database, result: tabular.Preview, check_row: Callable[[dict], None]) -> None:
    """Resolve each row's 班级 to ``row["class_id"]``, run the register's ``check_row(row)`` on it, and refuse
    two rows of the same class and day."""
    classes = school.class_lookup(db)
    seen: dict[tuple, int] = {}
    for row in result.rows:
        if row.get("class") is None or row.get("date") is None:
            continue
        class_id = school.import_class_id(result, row, classes)
        if class_id is None:
            continue
        row["class_id"] = class_id
        check_row(row)
        key = (class_id, row["date"])
        if key in seen:
            result.errors.append(tabular.RowError(row["_row"], "", f"与第 {seen[key]} 行是同一班级同一天"))
        else:
            seen[key] = row["_row"]


def count_existing(
    db: Database, table: str, result: tabular.Preview, to_record: Callable[[dict], ClassDay]
) -> None:
    """Count new / changed / unchanged class-days of a checked file; rows of logged days get their id."""
    existing = {(r["class_id"], r["date"]): r for r in records.live_rows(db, table)}
    result.start_counting("new", "changed", "unchanged")
    for row in result.clean_rows():  # with errors elsewhere, the good rows still say what they would do
        old = existing.get((row["class_id"], row["date"].isoformat()))
        if old is None:
            result.count(row, "new")
            continue
        row["id"] = old["id"]
        new = to_record(row).values()
        result.count(row, "unchanged" if all(old[k] == v for k, v in new.items()) else "changed")

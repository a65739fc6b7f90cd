"""What the per-class-per-day registers share (体质 ``activity_days``, 课后服务 ``afterschool_days``, the
作业 and 手机 day markers): one live record per class and date, saved, filled, deleted and read the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from sqlite_utils import Database

from fivemgmt import clock, records, rowcheck, school, tabular
from fivemgmt.actor import Actor
from fivemgmt.areas.base import AreaWeek, ClassDays, DayResult, WeekContext
from fivemgmt.calendar import DayKind, SchoolCalendar
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.i18n import translate
from fivemgmt.records import Changes
from fivemgmt.rules import Rulebook, Status, Verdict, reason_separator


class ClassDay(Protocol):
    """A register's record of one class-day, as the area module's dataclass has it."""

    class_id: str
    date: dt.date
    id: str | None

    def values(self) -> dict[str, Any]: ...


Day = TypeVar("Day", bound=ClassDay)


def row_key(row: dict) -> tuple[str, dt.date]:
    """(class_id, date) of a stored row (the start of a record's ``from_row``)."""
    return row["class_id"], dt.date.fromisoformat(row["date"])


def day_key(record: ClassDay) -> dict[str, str]:
    """The stored columns that say which class-day a record is (the start of its ``values()``)."""
    return {"class_id": record.class_id, "date": record.date.isoformat()}


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


def days_between(
    db: Database, table: str, class_id: str, start: dt.date, end: dt.date, read: Callable[[dict], Day]
) -> dict[dt.date, Day]:
    """A class's readable records from start to end, by date (``read`` makes the area's record of a row)."""
    return {d.date: d for d in rowcheck.readable(table, rows_between(db, table, class_id, start, end), read)}


def logged_dates(db: Database, table: str, class_id: str, start: dt.date, end: dt.date) -> set[dt.date]:
    return {dt.date.fromisoformat(r["date"]) for r in rows_between(db, table, class_id, start, end)}


def day_rows(db: Database, table: str, class_id: str, day: dt.date) -> list[dict]:
    """The live records of one class-day (one at most, unless two installations both logged it)."""
    return records.live_rows(db, table, "class_id = ? AND date = ?", [class_id, day.isoformat()])


def rows_by_class(
    db: Database, table: str, class_ids: Iterable[str], start: dt.date, end: dt.date
) -> dict[str, list[dict]]:
    """The live records of some classes from start to end, by class (one query for all of them: a period's
    days cost the same whether the school has one class or sixty)."""
    ids = list(dict.fromkeys(class_ids))
    found: dict[str, list[dict]] = {i: [] for i in ids}
    if not ids:
        return found
    marks = ",".join("?" for _ in ids)
    for row in records.live_rows(
        db,
        table,
        f"class_id IN ({marks}) AND date BETWEEN ? AND ?",
        [*ids, start.isoformat(), end.isoformat()],
        order_by="date",
    ):
        found[row["class_id"]].append(row)
    return found


def register_state(
    day: dt.date,
    kind: DayKind,
    record: Any,
    today: dt.date,
    check: Callable[[Any], Verdict],
    early: Verdict | None,
    what: str = "",
) -> tuple[str, Verdict]:
    """``day_state`` of a register's day, or — ``early``, the rules not in force yet that day — the day not
    judged at all: NA, and a school day with nothing logged is not 未登记 (nothing was asked yet)."""
    if early is None:
        return day_state(day, kind, record, today, check, what)
    if record is not None:
        return "logged", early
    if kind.is_rest_day:
        return "rest", early
    return ("future" if day >= today else "none"), early


@dataclass
class RegisterDay:
    """A day of a register with its record (what the page's table edits) and verdict; the area's subclass
    says what its figures are (``day_figures``)."""

    date: dt.date
    day_kind: DayKind
    state: str  # "logged", "unlogged", "future", "rest", "none"
    record: Any
    verdict: Verdict

    def day_figures(self) -> Any:
        raise NotImplementedError

    def result(self) -> DayResult:
        return DayResult.of(self.date, self.day_kind, self.state, self.verdict, self.day_figures())


Load = Callable[
    [Database, list[school.SchoolClass], dt.date, dt.date, dt.date, SchoolCalendar, Rulebook],
    dict[str, list[Any]],
]


@dataclass(frozen=True)
class Register:
    """The reading side of a register, the same for every one: ``load(db, classes, start, end, today,
    calendar, rules)`` gives every class's RegisterDays, and the area's ``build_days``, ``class_week``,
    ``days`` (its part of the Area protocol) and ``spans`` are these methods."""

    key: str
    load: Load

    def build_days(
        self,
        db: Database,
        school_class: school.SchoolClass,
        start: dt.date,
        end: dt.date,
        today: dt.date,
        calendar: SchoolCalendar,
        rules: Rulebook,
    ) -> list[Any]:
        return self.load(db, [school_class], start, end, today, calendar, rules)[school_class.id]

    def class_week(
        self, db: Database, school_class: school.SchoolClass, monday: dt.date, today: dt.date | None = None
    ) -> list[Any]:
        """The seven days of one week (the page's table)."""
        end = monday + dt.timedelta(days=6)
        return self.build_days(
            db, school_class, monday, end, today or clock.today(), SchoolCalendar(db), Rulebook(db)
        )

    def spans(
        self, ctx: WeekContext, classes: Iterable[school.SchoolClass], start: dt.date, end: dt.date
    ) -> dict[str, list[Any]]:
        """The RegisterDays of the context (within a period: read once for the period and its classes)."""

        def load(items: list[school.SchoolClass], first: dt.date, last: dt.date) -> dict[str, list[Any]]:
            return self.load(ctx.db, items, first, last, ctx.today, ctx.calendar, ctx.rules)

        return ctx.spans(self.key, load, classes, start, end)

    def days(
        self, ctx: WeekContext, classes: Iterable[school.SchoolClass], start: dt.date, end: dt.date
    ) -> ClassDays:
        found = self.spans(ctx, classes, start, end)
        return {class_id: [d.result() for d in items] for class_id, items in found.items()}


def worst_of(problems: list[Verdict]) -> Verdict:
    """One verdict for a day's problems: the worst status (违规 before 未达标), every reason, the first
    problem's source."""
    worst = max(problems, key=lambda p: p.status.rank)
    return Verdict(worst.status, reason_separator().join(p.reason for p in problems), problems[0].source)


def no_school_day_yet(
    area: str, school_class: school.SchoolClass, figures: Any, days: list[DayResult]
) -> AreaWeek:
    """The week has no school day that has come yet: 不适用, not 未登记."""
    verdict = Verdict(Status.NA, translate("Verdict", "本周无已到的上课日"))
    return AreaWeek.from_verdict(area, school_class, verdict, figures=figures, days=days)


def register_week(
    area: str,
    school_class: school.SchoolClass,
    verdict: Verdict,
    reasons: list[str],
    unlogged: int,
    figures: Any,
    days: list[DayResult],
) -> AreaWeek:
    """A register's week: its reasons, then the days not logged (a week green but for them reads 未登记,
    not a warning about what was logged)."""
    status = verdict.status
    if unlogged:
        reasons = [*reasons, translate("Verdict", "另有 {n} 天未登记").format(n=unlogged)]
        if status is Status.GREEN:
            status = Status.UNLOGGED
    judged = Verdict(status, reason_separator().join(reasons), verdict.source)
    return AreaWeek.from_verdict(area, school_class, judged, figures=figures, days=days)


def register_days(
    db: Database,
    table: str,
    classes: list[school.SchoolClass],
    start: dt.date,
    end: dt.date,
    today: dt.date,
    calendar: SchoolCalendar,
    read: Callable[[dict], Any],
    check: Callable[[int, Any], Verdict],
    early: Callable[[int, dt.date], Verdict | None],
    what: str = "",
) -> dict[str, list[tuple[dt.date, DayKind, str, Any, Verdict]]]:
    """Every class's days start..end of a register: (date, kind, state, record, verdict), the records of all
    the classes read at once. ``check(grade, record)`` judges a logged school day; ``early(grade, day)`` is
    the NA verdict of a day before the register's rules are in force (None once they are)."""
    rows = rows_by_class(db, table, [c.id for c in classes], start, end)
    result = {}
    for school_class in classes:
        grade = school_class.grade
        logged = {r.date: r for r in rowcheck.readable(table, rows[school_class.id], read)}
        found = []
        day = start
        while day <= end:
            kind, record = calendar.kind(day), logged.get(day)
            state, verdict = register_state(
                day, kind, record, today, lambda r, g=grade: check(g, r), early(grade, day), what
            )
            found.append((day, kind, state, record, verdict))
            day += dt.timedelta(days=1)
        result[school_class.id] = found
    return result


@dataclass(frozen=True)
class DayLoad:
    """A register's ``Load``: ``register_days`` with the area's parts, each day made the area's
    ``RegisterDay``. ``check(rules, grade, record)`` judges a logged school day; ``early(rules, grade,
    day)`` is the NA verdict of a day before the register's rules are in force (None once they are)."""

    table: str
    read: Callable[[dict], Any]
    check: Callable[[Rulebook, int, Any], Verdict]
    early: Callable[[Rulebook, int, dt.date], Verdict | None]
    make_day: Callable[..., Any]  # (date, kind, state, record, verdict) -> the area's RegisterDay
    what: str = ""
    # What a day needs besides its record, filled in on the made days (体质: the timetable's PE lessons).
    finish: (
        Callable[[Database, list[school.SchoolClass], SchoolCalendar, dict[str, list[Any]]], None] | None
    ) = None

    def __call__(
        self,
        db: Database,
        classes: list[school.SchoolClass],
        start: dt.date,
        end: dt.date,
        today: dt.date,
        calendar: SchoolCalendar,
        rules: Rulebook,
    ) -> dict[str, list[Any]]:
        """Every class's days from start to end (inclusive), the records of all of them read at once."""
        found = register_days(
            db,
            self.table,
            classes,
            start,
            end,
            today,
            calendar,
            self.read,
            lambda grade, record: self.check(rules, grade, record),
            lambda grade, day: self.early(rules, grade, day),
            self.what,
        )
        days = {class_id: [self.make_day(*item) for item in items] for class_id, items in found.items()}
        if self.finish is not None:
            self.finish(db, classes, calendar, days)
        return days


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


@dataclass(frozen=True)
class DayRegister:
    """The write operations of a per-class-per-day register, the same for every one: the area module
    exposes the bound methods as its ``save_day``, ``save_days``, ``fill_defaults`` and ``delete_day``
    (tests/core/test_rights.py discovers them there like any write operation)."""

    table: str
    validate: Callable[[Any], None]
    default_day: Callable[[Database, school.SchoolClass, dt.date], ClassDay]
    fill_reason: str  # the audit reason of the fast entry's records
    missing: str  # what deleting a day without a record says

    def save_day(self, db: Database, actor: Actor, record: ClassDay, *, reason: str | None = None) -> Changes:
        """Record (or correct) one class-day; there is one record per class and date."""
        return self.save_days(db, actor, [record], reason=reason)

    def save_days(
        self, db: Database, actor: Actor, items: list[ClassDay], *, reason: str | None = None
    ) -> Changes:
        """Record several class-days at once (the fast entry), all or none."""
        return save_class_days(db, actor, self.table, items, self.validate, reason=reason)

    def fill_defaults(
        self, db: Database, actor: Actor, school_class: school.SchoolClass, days: list[dt.date]
    ) -> Changes:
        """Fast entry: record the area's default day for every unlogged school day given."""
        unlogged = unlogged_school_days(db, self.table, school_class, days)
        items = [self.default_day(db, school_class, d) for d in unlogged]
        return self.save_days(db, actor, items, reason=self.fill_reason)

    def delete_day(
        self, db: Database, actor: Actor, class_id: str, day: dt.date, *, reason: str | None = None
    ) -> Changes:
        return delete_class_day(db, actor, self.table, class_id, day, self.missing, reason)


# ------------------------------------------------------------------ import


def rows_with_class(result: tabular.Preview, classes: dict) -> Iterator[tuple[dict, str]]:
    """The rows of a file with a date and a 班级 the school has, each with its class id (a 班级 it has not
    is the row's error, said by ``school.import_class_id``)."""
    for row in result.rows:
        if row.get("class") is None or row.get("date") is None:
            continue
        class_id = school.import_class_id(result, row, classes)
        if class_id is not None:
            yield row, class_id


def check_import_rows(db: Database, result: tabular.Preview, check_row: Callable[[dict], None]) -> None:
    """Resolve each row's 班级 to ``row["class_id"]``, run the register's ``check_row(row)`` on it, and refuse
    two rows of the same class and day."""
    seen: dict[tuple, int] = {}
    for row, class_id in rows_with_class(result, school.class_lookup(db)):
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


@dataclass(frozen=True)
class DayImport:
    """A day register's spreadsheet import, the same for every one: the area module exposes the bound
    methods as its ``preview_import`` and ``commit_import``. ``row_checker(db, result)`` gives the check of
    one row (its 班级 already resolved to ``row["class_id"]``), which adds to ``result``'s errors/warnings."""

    writes: DayRegister
    columns: list[tabular.Column]
    to_record: Callable[[dict], ClassDay]
    row_checker: Callable[[Database, tabular.Preview], Callable[[dict], None]]

    def preview_import(
        self, db: Database, path: Path, *, defaults: dict[str, Any] | None = None
    ) -> tabular.Preview:
        result = tabular.preview(path, self.columns, defaults=defaults, dates=tabular.SchoolDates.of(db))
        check_import_rows(db, result, self.row_checker(db, result))
        count_existing(db, self.writes.table, result, self.to_record)
        return result

    def commit_import(self, db: Database, actor: Actor, result: tabular.Preview) -> Changes:
        """Write a checked file in one transaction (all rows or none)."""
        result.require_ok()
        return self.writes.save_days(db, actor, [self.to_record(row) for row in result.rows], reason="导入")

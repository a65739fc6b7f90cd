"""作业管理 — the daily homework register.

A class-day is in one of three states: not logged (未登记), logged with entries, or explicitly "no
homework today" (今日无作业). Only written (书面) minutes count toward the cap; whether optional (选做)
minutes count is a school setting (rule ``homework.count_optional``). Homework dated on a rest day
(weekend, holiday, vacation) counts toward the school's total for that run of rest days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from fivemgmt import records, school, tabular
from fivemgmt.accounts import Actor
from fivemgmt.areas import daily
from fivemgmt.areas.base import Area, AreaWeek, WeekContext, not_in_force
from fivemgmt.calendar import DayKind, SchoolCalendar
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.records import Changes, create_record_table
from fivemgmt.rules import Rulebook, Status, Verdict

AREA = Area("homework", "作业", "作业管理")
ENTRIES = "homework_entries"
DAYS = "homework_days"

KINDS = ["书面", "口头", "实践", "阅读"]
WRITTEN = "书面"
REQUIRED_LABELS = {True: "必做", False: "选做"}
CAP_RULE = "homework.written_daily_max_minutes"


class DayState(StrEnum):
    UNLOGGED = "unlogged"
    NONE = "none"  # 今日无作业
    LOGGED = "logged"
    FUTURE = "future"

    @property
    def label(self) -> str:
        return {"unlogged": "未登记", "none": "今日无作业", "logged": "已登记", "future": "—"}[self.value]


class ReasonRequired(UserError):
    """Changing a past day needs a 作业调整说明; the GUI asks for one and retries."""


def create_schema(db: Database) -> None:
    create_record_table(
        db,
        ENTRIES,
        {
            "class_id": str,
            "date": str,
            "subject": str,
            "content": str,
            "kind": str,
            "required": int,
            "minutes": int,
            "teacher_id": str,
            "teacher_name": str,
            "adjust_reason": str,
        },
        not_null={"class_id", "date", "subject", "kind", "minutes"},
        defaults={"required": 1},
        indexes=[["class_id", "date"], ["date"]],
    )
    create_record_table(
        db,
        DAYS,
        {"class_id": str, "date": str, "no_homework": int, "note": str},
        not_null={"class_id", "date"},
        indexes=[["class_id", "date"], ["date"]],
    )


@dataclass
class Entry:
    id: str | None
    class_id: str
    date: dt.date
    subject: str
    content: str = ""
    kind: str = WRITTEN
    required: bool = True
    minutes: int = 0
    teacher_name: str = ""
    adjust_reason: str = ""

    @classmethod
    def from_row(cls, row: dict) -> Entry:
        return cls(
            row["id"],
            row["class_id"],
            dt.date.fromisoformat(row["date"]),
            row["subject"],
            row["content"] or "",
            row["kind"],
            bool(row["required"]),
            row["minutes"] or 0,
            row["teacher_name"] or "",
            row["adjust_reason"] or "",
        )

    def values(self) -> dict[str, Any]:
        return {
            "class_id": self.class_id,
            "date": self.date.isoformat(),
            "subject": self.subject,
            "content": self.content,
            "kind": self.kind,
            "required": int(self.required),
            "minutes": int(self.minutes),
            "teacher_name": self.teacher_name,
        }


@dataclass
class HomeworkDay:
    class_id: str
    date: dt.date
    day_kind: DayKind
    state: DayState
    entries: list[Entry] = field(default_factory=list)
    written_minutes: int = 0  # all written minutes, required and optional
    counted_minutes: int = 0  # what counts toward the cap (optional minutes per school setting)
    total_minutes: int = 0  # all kinds
    cap: float | None = None
    verdict: Verdict = field(default_factory=lambda: Verdict(Status.UNLOGGED, "未登记"))

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "day_kind": self.day_kind.value,
            "state": self.state.value,
            "state_label": self.state.label,
            "written_minutes": self.written_minutes if self.logged else None,
            "counted_minutes": self.counted_minutes if self.logged else None,
            "total_minutes": self.total_minutes if self.logged else None,
            "cap": self.cap,
            "status": self.verdict.status.value,
            "reason": self.verdict.reason,
        }

    @property
    def logged(self) -> bool:
        return self.state in (DayState.LOGGED, DayState.NONE)


# ------------------------------------------------------------------ reading


def entries_between(db: Database, class_id: str, start: dt.date, end: dt.date) -> list[Entry]:
    rows = records.live_rows(
        db,
        ENTRIES,
        "class_id = ? AND date BETWEEN ? AND ?",
        [class_id, start.isoformat(), end.isoformat()],
        order_by="date, rowid",
    )
    return [Entry.from_row(r) for r in rows]


def _no_homework_dates(db: Database, class_id: str, start: dt.date, end: dt.date) -> set[dt.date]:
    rows = records.live_rows(
        db,
        DAYS,
        "class_id = ? AND date BETWEEN ? AND ? AND no_homework = 1",
        [class_id, start.isoformat(), end.isoformat()],
    )
    return {dt.date.fromisoformat(r["date"]) for r in rows}


def counts_optional(rules: Rulebook, grade: int, day: dt.date) -> bool:
    return bool(rules.value("homework.count_optional", grade, day))


REST_RULE = "homework.rest_day_total_minutes"


def _check_written(
    rules: Rulebook, rule_id: str, grade: int, day: dt.date, minutes: float, what: str, when: str
) -> tuple[float, Verdict]:
    """Written minutes against a cap; a cap of 0 (grades 1–2) makes any written homework a violation."""
    rule = rules.rule(rule_id, grade, day)
    if float(rule.value) == 0:
        if minutes > 0:
            return 0, Verdict(
                Status.RED,
                f"{school.grade_name(grade)}不布置书面家庭作业，{when}登记书面作业 {minutes:g} 分钟",
                rule.cited,
            )
        return 0, Verdict(Status.GREEN, "无书面家庭作业", rule.cited)
    return float(rule.value), rules.check_max(minutes, rule, what, grade=grade, on=day)


def check_school_day(
    rules: Rulebook, grade: int, day: dt.date, minutes: float, what: str = "书面作业"
) -> tuple[float, Verdict]:
    return _check_written(rules, CAP_RULE, grade, day, minutes, what, "当天")


def check_rest_days(rules: Rulebook, grade: int, day: dt.date, minutes: int) -> tuple[float, Verdict]:
    return _check_written(rules, REST_RULE, grade, day, minutes, "休息日书面作业合计", "休息日")


def build_days(
    db: Database,
    school_class: school.SchoolClass,
    start: dt.date,
    end: dt.date,
    today: dt.date,
    calendar: SchoolCalendar,
    rules: Rulebook,
    unsaved: dict[dt.date, list[Entry]] | None = None,
) -> list[HomeworkDay]:
    """Each day from start to end with its state, minutes and verdict.

    ``unsaved`` replaces the stored entries of some days (what a teacher is typing, not yet saved).
    """
    entries = [e for e in entries_between(db, school_class.id, start, end) if e.date not in (unsaved or {})]
    for day_entries in (unsaved or {}).values():
        entries.extend(day_entries)
    none_dates = _no_homework_dates(db, school_class.id, start, end)
    by_date: dict[dt.date, list[Entry]] = {}
    for entry in entries:
        by_date.setdefault(entry.date, []).append(entry)
    days = []
    day = start
    while day <= end:
        kind = calendar.kind(day)
        todays = by_date.get(day, [])
        optional = counts_optional(rules, school_class.grade, day)
        written = sum(e.minutes for e in todays if e.kind == WRITTEN)
        counted = sum(e.minutes for e in todays if e.kind == WRITTEN and (e.required or optional))
        total = sum(e.minutes for e in todays)
        if todays:
            state = DayState.LOGGED
        elif day in none_dates:
            state = DayState.NONE
        elif day > today or kind.is_rest_day:
            # Rest days need no log; days after today cannot be missing yet.
            state = DayState.FUTURE if day > today else DayState.NONE
        else:
            state = DayState.UNLOGGED
        result = HomeworkDay(school_class.id, day, kind, state, todays, written, counted, total)
        if state is DayState.UNLOGGED:
            result.verdict = Verdict(Status.UNLOGGED, "当天未登记作业")
        elif state is DayState.FUTURE:
            result.verdict = Verdict(Status.NA, "尚未到该日")
        elif early := not_in_force(rules, CAP_RULE, school_class.grade, day, "作业时长要求"):
            result.verdict = early
        elif kind is DayKind.SCHOOL:
            result.cap, result.verdict = check_school_day(rules, school_class.grade, day, counted)
        else:
            result.cap, result.verdict = check_rest_days(rules, school_class.grade, day, counted)
        days.append(result)
        day += dt.timedelta(days=1)
    _check_rest_runs(days, rules, school_class.grade)
    return days


def _check_rest_runs(days: list[HomeworkDay], rules: Rulebook, grade: int) -> None:
    """A weekend or holiday is checked as one total: every day of the run gets the run's verdict."""
    run: list[HomeworkDay] = []
    for item in [*days, None]:
        if item is not None and item.day_kind.is_rest_day and item.state is not DayState.FUTURE:
            run.append(item)
            continue
        if run:
            total = sum(d.counted_minutes for d in run)
            cap, verdict = check_rest_days(rules, grade, run[0].date, total)
            for d in run:
                d.cap, d.verdict = cap, verdict
            run = []


def class_day(
    db: Database,
    school_class: school.SchoolClass,
    day: dt.date,
    today: dt.date | None = None,
    *,
    unsaved: list[Entry] | None = None,
) -> HomeworkDay:
    """One class-day, checked (the homework page's status strip).

    With ``unsaved``, the day is checked as if those were its entries: the live status while typing.
    """
    today = today or dt.date.today()
    calendar, rules = SchoolCalendar(db), Rulebook(db)
    # Include the surrounding rest days so a weekend is totalled as a whole.
    start, end = day - dt.timedelta(days=6), day + dt.timedelta(days=6)
    replaced = {day: list(unsaved)} if unsaved is not None else None
    days = build_days(db, school_class, start, end, today, calendar, rules, replaced)
    return next(d for d in days if d.date == day)


def week_summary(ctx: WeekContext, school_class: school.SchoolClass) -> AreaWeek:
    days = build_days(ctx.db, school_class, ctx.monday, ctx.sunday, ctx.today, ctx.calendar, ctx.rules)
    # Today counts once it is logged: homework is logged during the day, so an empty today is not a lapse yet.
    school_days = [d for d in days if d.day_kind is DayKind.SCHOOL and (d.date < ctx.today or d.logged)]
    logged = [d for d in school_days if d.logged]
    unlogged = [d for d in school_days if d.state is DayState.UNLOGGED]
    rest_days = [d for d in days if d.day_kind.is_rest_day and d.state is not DayState.FUTURE]
    figures: dict[str, Any] = {
        "school_days": len(school_days),
        "logged_days": len(logged),
        "unlogged_days": len(unlogged),
        "average_minutes": None,
        "cap": None,
        "over_cap_days": sum(1 for d in logged if d.verdict.status is Status.RED),
        "rest_day_minutes": sum(d.counted_minutes for d in rest_days),
    }
    day_json = [d.to_json() for d in days]
    early = not_in_force(ctx.rules, CAP_RULE, school_class.grade, min(ctx.sunday, ctx.today), "作业时长要求")
    if early is not None:  # a week before the homework notice took effect
        return AreaWeek.from_verdict(AREA.key, school_class, early, figures=figures, days=day_json)
    if not school_days:
        verdict = Verdict(Status.NA, "本周无已到的上课日")
        if rest_days and any(d.verdict.status is Status.RED for d in rest_days):
            verdict = next(d.verdict for d in rest_days if d.verdict.status is Status.RED)
        return AreaWeek.from_verdict(AREA.key, school_class, verdict, figures=figures, days=day_json)
    if not logged:
        verdict = Verdict(Status.UNLOGGED, f"本周 {len(unlogged)} 个上课日均未登记作业")
        return AreaWeek.from_verdict(AREA.key, school_class, verdict, figures=figures, days=day_json)
    average = sum(d.counted_minutes for d in logged) / len(logged)
    average = round(average, 1)
    cap, verdict = check_school_day(ctx.rules, school_class.grade, logged[0].date, average, "书面作业日均")
    figures["average_minutes"] = average
    figures["cap"] = cap
    reds = [d for d in logged if d.verdict.status is Status.RED]
    rest_red = [d for d in rest_days if d.verdict.status is Status.RED]
    if reds and cap == 0:  # grades 1–2: the days with written homework are the finding, not an average
        verdict = Verdict(
            Status.RED,
            reds[0].verdict.reason + (f"（共 {len(reds)} 天）" if len(reds) > 1 else ""),
            verdict.source,
        )
    # Lapses that do not break the weekly average still make the week at least yellow.
    lapses = [
        f"{len(reds)} 天超过上限" if reds and cap > 0 else "",
        rest_red[0].verdict.reason if rest_red else "",
        f"另有 {len(unlogged)} 天未登记" if unlogged else "",
    ]
    reasons = [verdict.reason, *filter(None, lapses)]
    status = verdict.status
    if any(lapses):
        status = max(status, Status.YELLOW, key=lambda s: s.rank)
    return AreaWeek.from_verdict(
        AREA.key,
        school_class,
        Verdict(status, "；".join(reasons), verdict.source),
        figures=figures,
        days=day_json,
    )


def unlogged_classes(db: Database, day: dt.date) -> list[school.SchoolClass]:
    """Classes that have not logged homework for a school day (the principal's 未登记 list)."""
    if SchoolCalendar(db).kind(day) is not DayKind.SCHOOL:
        return []
    logged = {
        r["class_id"]
        for r in db.query(
            f"SELECT DISTINCT class_id FROM {ENTRIES} WHERE date = ? AND deleted = 0", [day.isoformat()]
        )
    }
    logged |= {
        r["class_id"]
        for r in db.query(
            f"SELECT DISTINCT class_id FROM {DAYS} WHERE date = ? AND deleted = 0 AND no_homework = 1",
            [day.isoformat()],
        )
    }
    return [c for c in school.list_classes(db) if c.id not in logged]


def subject_suggestions(db: Database, school_class: school.SchoolClass) -> dict[str, str]:
    """Subjects taught in a class, with their teacher: the autocomplete list of the homework table."""
    taught = {t["subject"]: t["name"] for t in school.teachers_of_class(db, school_class.id)}
    for subject in school.list_subjects(db, school_class.grade):
        taught.setdefault(subject, "")
    return taught


# ------------------------------------------------------------------ operations


def _validate(entry: Entry) -> None:
    if not entry.subject.strip():
        raise UserError("请填写学科。")
    if entry.kind not in KINDS:
        raise UserError(f"作业类型应为 {'、'.join(KINDS)} 之一。")
    if not 0 <= int(entry.minutes) <= 600:
        raise UserError("预计时长应在 0–600 分钟之间。")


def _require_reason(day: dt.date, today: dt.date, reason: str | None) -> None:
    if day < today and not (reason and reason.strip()):
        raise ReasonRequired(f"{day.isoformat()} 已经过去，修改需要填写作业调整说明。")


def save_entry(
    db: Database, actor: Actor, entry: Entry, *, reason: str | None = None, today: dt.date | None = None
) -> Changes:
    """Add or change one entry. Changing a past day keeps the old value (audit) and needs a reason."""
    today = today or dt.date.today()
    _validate(entry)
    actor.require_class(entry.class_id, entry.subject)
    changes = Changes()
    with transaction(db):
        if entry.id:
            old = records.get(db, ENTRIES, entry.id)
            if old is None:
                raise UserError("要修改的作业记录不存在。")
            actor.require_class(old["class_id"], old["subject"])
            _require_reason(min(dt.date.fromisoformat(old["date"]), entry.date), today, reason)
        else:
            _require_reason(entry.date, today, reason)
        values = entry.values()
        if entry.id:
            values["id"] = entry.id
        if reason:
            values["adjust_reason"] = reason.strip()
        entry.id = records.save(db, ENTRIES, values, actor, reason=reason, changes=changes)
        _clear_no_homework(db, actor, entry.class_id, entry.date, changes)
    return changes


def delete_entry(
    db: Database, actor: Actor, entry_id: str, *, reason: str | None = None, today: dt.date | None = None
) -> Changes:
    today = today or dt.date.today()

    def check(old: dict) -> None:
        actor.require_class(old["class_id"], old["subject"])
        _require_reason(dt.date.fromisoformat(old["date"]), today, reason)

    return records.delete_live(
        db, ENTRIES, entry_id, actor, missing="要删除的作业记录不存在。", check=check, reason=reason
    )


def _clear_no_homework(db: Database, actor: Actor, class_id: str, day: dt.date, changes: Changes) -> None:
    for row in records.live_rows(
        db, DAYS, "class_id = ? AND date = ? AND no_homework = 1", [class_id, day.isoformat()]
    ):
        records.save(db, DAYS, {"id": row["id"], "no_homework": 0}, actor, changes=changes)


def set_no_homework(
    db: Database,
    actor: Actor,
    class_id: str,
    day: dt.date,
    *,
    reason: str | None = None,
    today: dt.date | None = None,
) -> Changes:
    """Mark a class-day as 今日无作业 (explicitly logged as having no homework)."""
    today = today or dt.date.today()
    actor.require_class(class_id)
    changes = Changes()
    with transaction(db):
        if daily.day_rows(db, ENTRIES, class_id, day):
            raise UserError("当天已有作业记录，不能标记为“今日无作业”。请先删除这些记录。")
        _require_reason(day, today, reason)
        values = {"class_id": class_id, "date": day.isoformat(), "no_homework": 1}
        daily.save_class_day(db, actor, DAYS, values, reason=reason, changes=changes)
    return changes


def copy_day(
    db: Database,
    actor: Actor,
    class_id: str,
    source: dt.date,
    target: dt.date,
    *,
    reason: str | None = None,
    today: dt.date | None = None,
) -> Changes:
    """Copy one day's entries to another day ("copy yesterday's entries")."""
    today = today or dt.date.today()
    entries = entries_between(db, class_id, source, source)
    if not entries:
        raise UserError(f"{source.isoformat()} 没有可复制的作业。")
    changes = Changes()
    with transaction(db):
        for entry in entries:
            copy = Entry(
                None,
                class_id,
                target,
                entry.subject,
                entry.content,
                entry.kind,
                entry.required,
                entry.minutes,
                entry.teacher_name,
            )
            changes.merge(save_entry(db, actor, copy, reason=reason, today=today))
    return changes


def demo_fill(ctx: Any) -> None:
    from fivemgmt.demo import fill_homework

    fill_homework(ctx)


# ------------------------------------------------------------------ import

REQUIRED_CHOICES = {"必做": True, "选做": False, "是": True, "否": False, "必": True, "选": False}
IMPORT_COLUMNS = [
    tabular.Column("date", "日期", ("布置日期", "作业日期"), parse=tabular.date),
    tabular.Column("class", "班级", ("班级名称",), parse=tabular.text),
    tabular.Column("subject", "学科", ("科目", "课程"), parse=tabular.text),
    tabular.Column("content", "作业内容", ("内容", "作业"), required=False, parse=tabular.text),
    tabular.Column(
        "kind",
        "作业类型",
        ("类型", "作业形式", "形式"),
        parse=tabular.choice(
            {k: k for k in KINDS}
            | {"书面作业": "书面", "口头作业": "口头", "实践作业": "实践", "阅读作业": "阅读"}
        ),
    ),
    tabular.Column(
        "required",
        "必做/选做",
        ("必做选做", "必做或选做", "是否必做", "必选"),
        parse=tabular.choice(REQUIRED_CHOICES),
    ),
    tabular.Column(
        "minutes",
        "预计时长(分钟)",
        ("预计时长", "时长", "时长(分钟)", "预计完成时间", "预计用时(分钟)", "预计用时", "分钟"),
        parse=tabular.minutes,
    ),
    tabular.Column("teacher", "布置教师", ("教师", "任课教师", "老师"), required=False, parse=tabular.text),
]


def preview_import(db: Database, path: Path) -> tabular.Preview:
    result = tabular.preview(path, IMPORT_COLUMNS)
    classes = school.class_lookup(db)
    seen: dict[tuple, int] = {}
    for row in result.rows:
        if row.get("class") is None:
            continue
        class_id = school.import_class_id(result, row, classes)
        if class_id is None:
            continue
        row["class_id"] = class_id
        identity = (row["class_id"], row.get("date"), row.get("subject"), row.get("content"), row.get("kind"))
        if identity in seen:
            result.errors.append(tabular.RowError(row["_row"], "", f"与第 {seen[identity]} 行重复"))
        else:
            seen[identity] = row["_row"]
    if result.ok:
        existing = {
            (r["class_id"], r["date"], r["subject"], r["content"] or "", r["kind"]): r
            for r in _entries_for_rows(db, result.rows)
        }
        counts = {"new": 0, "changed": 0, "unchanged": 0}
        for row in result.rows:
            old = existing.get(
                (
                    row["class_id"],
                    row["date"].isoformat(),
                    row["subject"],
                    row.get("content") or "",
                    row["kind"],
                )
            )
            if old is None:
                counts["new"] += 1
                continue
            row["id"] = old["id"]
            same = old["minutes"] == row["minutes"] and bool(old["required"]) == row["required"]
            counts["unchanged" if same else "changed"] += 1
        result.counts = counts
    return result


def commit_import(db: Database, actor: Actor, result: tabular.Preview) -> Changes:
    """Write a checked homework file in one transaction (all rows or none)."""
    result.require_ok()
    changes = Changes()
    batch = []
    for row in result.rows:
        actor.require_class(row["class_id"], row["subject"])
        values = Entry(
            row.get("id"),
            row["class_id"],
            row["date"],
            row["subject"],
            row.get("content") or "",
            row["kind"],
            row["required"],
            row["minutes"],
            row.get("teacher") or "",
        ).values()
        if row.get("id"):
            values["id"] = row["id"]
        batch.append(values)
    with transaction(db):
        records.save_many(db, ENTRIES, batch, actor, reason="导入", changes=changes)
    return changes


def _entries_for_rows(db: Database, rows: list[dict]) -> list[dict]:
    """Live entries of the classes and dates a file's rows name: read per class over the file's date
    range (the (class_id, date) index), not the school's whole history."""
    spans: dict[str, list[str]] = {}
    for row in rows:
        day = row["date"].isoformat()
        low, high = spans.setdefault(row["class_id"], [day, day])
        spans[row["class_id"]] = [min(low, day), max(high, day)]
    found = []
    for class_id, (low, high) in spans.items():
        found += records.live_rows(
            db, ENTRIES, "class_id = ? AND date BETWEEN ? AND ?", [class_id, low, high]
        )
    return found

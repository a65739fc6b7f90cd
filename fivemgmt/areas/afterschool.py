"""课后服务 — the after-school service register ("5+2").

Per class per school day: whether service was held, its minutes, when it ended and how many students
took part. Checks (rules ``afterschool.*``): service on every school day (5 a week), at least 120
minutes a day, ending no earlier than the local end of work (a school setting, overridable as a rule).
The requirement applies to 义务教育 (grades 1–9) only; for 高中 classes the area is 不适用 (NA).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from fivemgmt import clock, records, rowcheck, school, tabular
from fivemgmt.accounts import Actor
from fivemgmt.areas import daily
from fivemgmt.areas.base import AreaName, AreaWeek, ClassDays, DayResult, WeekContext, not_in_force
from fivemgmt.calendar import DayKind, SchoolCalendar
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.i18n import QT_TRANSLATE_NOOP, translate
from fivemgmt.records import Changes, create_record_table
from fivemgmt.rules import OVERRIDES_TABLE, Rulebook, Status, Verdict, base_rules, reason_separator

AREA = AreaName("afterschool", "课后服务", "课后服务")
DAYS = "afterschool_days"
END_RULE = "afterschool.local_end_of_work"
MIN_RULE = "afterschool.min_minutes_per_day"
DAYS_RULE = "afterschool.days_per_week"
MAX_MINUTES = 300


def create_schema(db: Database) -> None:
    create_record_table(
        db,
        DAYS,
        {
            "class_id": str,
            "date": str,
            "held": int,
            "minutes": int,
            "end_time": str,
            "participants": int,
            "note": str,
        },
        not_null={"class_id", "date", "held"},
        defaults={"held": 1},
        indexes=[["class_id", "date"], ["date"]],
    )


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
            row["class_id"],
            dt.date.fromisoformat(row["date"]),
            bool(row["held"]),
            row["minutes"],
            dt.time.fromisoformat(row["end_time"]) if row["end_time"] else None,
            row["participants"],
            row["note"] or "",
            row["id"],
        )

    def values(self) -> dict[str, Any]:
        return {
            "class_id": self.class_id,
            "date": self.date.isoformat(),
            "held": int(self.held),
            "minutes": int(self.minutes) if self.held and self.minutes is not None else None,
            "end_time": self.end_time.strftime("%H:%M") if self.held and self.end_time else None,
            "participants": int(self.participants) if self.held and self.participants is not None else None,
            "note": self.note or "",
        }


@dataclass(frozen=True)
class AfterschoolDayFigures:
    """A day's figures (``DayResult.figures``; the day's JSON keys): None where the day is not logged or
    the service was not held."""

    held: bool | None
    minutes: int | None
    end_time: str | None  # HH:MM
    participants: int | None


DAY_FIGURES = AfterschoolDayFigures
DAILY = True  # a register logged every school day


@dataclass
class RegisterDay:
    """A day of the register with its record (what the page's table edits) and verdict."""

    date: dt.date
    day_kind: DayKind
    state: str  # "logged", "unlogged", "future", "rest", "none"
    record: ServiceDay | None
    verdict: Verdict

    def result(self) -> DayResult:
        rec = self.record
        held = rec is not None and rec.held
        figures = AfterschoolDayFigures(
            held=None if rec is None else rec.held,
            minutes=rec.minutes if held else None,
            end_time=rec.end_time.strftime("%H:%M") if held and rec.end_time is not None else None,
            participants=rec.participants if held else None,
        )
        return DayResult.of(self.date, self.day_kind, self.state, self.verdict, figures)


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


# ------------------------------------------------------------------ reading


def days_between(db: Database, class_id: str, start: dt.date, end: dt.date) -> dict[dt.date, ServiceDay]:
    rows = daily.rows_between(db, DAYS, class_id, start, end)
    return {d.date: d for d in rowcheck.readable(DAYS, rows, ServiceDay.from_row)}


def check_day(rules: Rulebook, grade: int, record: ServiceDay) -> Verdict:
    """One logged school day: held, long enough, not ending before the local end of work."""
    min_rule = rules.rule(MIN_RULE, grade, record.date)
    if not record.held:
        return Verdict(
            Status.BELOW,
            translate("Verdict", "当天未开展课后服务"),
            rules.rule(DAYS_RULE, grade, record.date).cited,
        )
    problems = []
    minutes = record.minutes or 0
    verdict = rules.check_min(minutes, min_rule, QT_TRANSLATE_NOOP("Verdict", "课后服务"))
    if verdict.status.is_red:
        problems.append(verdict)
    end = local_end_of_work(rules, grade, record.date)
    end_rule = rules.rule(END_RULE, grade, record.date)
    if record.end_time is None:
        problems.append(Verdict(Status.UNLOGGED, translate("Verdict", "未填写结束时间"), end_rule.cited))
    elif record.end_time < end:
        problems.append(
            Verdict(
                Status.BELOW,
                translate("Verdict", "{end} 结束，早于当地下班时间 {work}").format(
                    end=f"{record.end_time:%H:%M}", work=f"{end:%H:%M}"
                ),
                end_rule.cited,
            )
        )
    if problems:
        worst = max(problems, key=lambda p: p.status.rank)
        return Verdict(worst.status, reason_separator().join(p.reason for p in problems), problems[0].source)
    text = translate("Verdict", "开展 {minutes} 分钟，{end} 结束")
    return Verdict(Status.GREEN, text.format(minutes=minutes, end=f"{record.end_time:%H:%M}"), min_rule.cited)


def register_days(
    db: Database,
    classes: list[school.SchoolClass],
    start: dt.date,
    end: dt.date,
    today: dt.date,
    calendar: SchoolCalendar,
    rules: Rulebook,
) -> dict[str, list[RegisterDay]]:
    """Every class's days from start to end (inclusive), the records of all of them read at once."""

    def early(grade: int, day: dt.date) -> Verdict | None:
        if not applies(grade):
            return Verdict(Status.NA, "高中不适用课后服务要求（仅义务教育阶段）")
        return not_in_force(rules, DAYS_RULE, grade, day, QT_TRANSLATE_NOOP("Verdict", "课后服务要求"))

    found = daily.register_days(
        db,
        DAYS,
        classes,
        start,
        end,
        today,
        calendar,
        ServiceDay.from_row,
        lambda grade, record: check_day(rules, grade, record),
        early,
        QT_TRANSLATE_NOOP("Verdict", "课后服务"),
    )
    return {class_id: [RegisterDay(*item) for item in items] for class_id, items in found.items()}


def build_days(
    db: Database,
    school_class: school.SchoolClass,
    start: dt.date,
    end: dt.date,
    today: dt.date,
    calendar: SchoolCalendar,
    rules: Rulebook,
) -> list[RegisterDay]:
    return register_days(db, [school_class], start, end, today, calendar, rules)[school_class.id]


def class_week(
    db: Database, school_class: school.SchoolClass, monday: dt.date, today: dt.date | None = None
) -> list[RegisterDay]:
    """The seven days of one week for the page's table."""
    today = today or clock.today()
    return build_days(
        db, school_class, monday, monday + dt.timedelta(days=6), today, SchoolCalendar(db), Rulebook(db)
    )


def days(ctx: WeekContext, classes: Iterable[school.SchoolClass], start: dt.date, end: dt.date) -> ClassDays:
    found = register_days(ctx.db, list(classes), start, end, ctx.today, ctx.calendar, ctx.rules)
    return {class_id: [d.result() for d in items] for class_id, items in found.items()}


@dataclass(frozen=True)
class AfterschoolWeek:
    """One class's after-school service week (``AreaWeek.figures``; the JSON keys are these field names)."""

    days_held: int
    days_required: int
    minutes_avg: float | None  # None: no day held
    min_minutes: float | None
    short_days: int
    early_end_days: int


def week(ctx: WeekContext, school_class: school.SchoolClass) -> AreaWeek:
    # Counted from nothing: a week this area does not judge (status 不适用) has held nothing of nothing.
    figures = AfterschoolWeek(
        days_held=0, days_required=0, minutes_avg=None, min_minutes=None, short_days=0, early_end_days=0
    )
    days = build_days(ctx.db, school_class, ctx.monday, ctx.sunday, ctx.today, ctx.calendar, ctx.rules)
    day_json = [d.result() for d in days]
    if not applies(school_class.grade):
        return AreaWeek.from_verdict(
            AREA.key,
            school_class,
            Verdict(Status.NA, "高中不适用课后服务要求（课后服务面向义务教育阶段）"),
            figures=figures,
            days=day_json,
        )
    early = not_in_force(ctx.rules, DAYS_RULE, school_class.grade, min(ctx.sunday, ctx.today), "课后服务要求")
    if early is not None:
        return AreaWeek.from_verdict(AREA.key, school_class, early, figures=figures, days=day_json)
    school_days = [d for d in days if d.day_kind is DayKind.SCHOOL and d.state in ("logged", "unlogged")]
    if not school_days:
        return AreaWeek.from_verdict(
            AREA.key,
            school_class,
            Verdict(Status.NA, translate("Verdict", "本周无已到的上课日")),
            figures=figures,
            days=day_json,
        )
    grade, first = school_class.grade, school_days[0].date
    per_week = int(ctx.rules.value(DAYS_RULE, grade, first))
    week_school_days = ctx.calendar.school_days(ctx.monday, ctx.sunday)
    figures = replace(figures, days_required=min(per_week, len(school_days)))
    logged = [d for d in school_days if d.state == "logged"]
    unlogged = [d for d in school_days if d.state == "unlogged"]
    held = [d for d in logged if d.record and d.record.held]
    not_held = [d for d in logged if d.record and not d.record.held]
    min_minutes = float(ctx.rules.value(MIN_RULE, grade, first))
    end = local_end_of_work(ctx.rules, grade, first)
    short = [d for d in held if (d.record.minutes or 0) < min_minutes]
    early = [d for d in held if d.record.end_time is None or d.record.end_time < end]
    figures = replace(figures, days_held=len(held), short_days=len(short), early_end_days=len(early))
    if held:
        minutes = [d.record.minutes or 0 for d in held]
        figures = replace(
            figures, minutes_avg=round(sum(minutes) / len(minutes), 1), min_minutes=min(minutes)
        )
    if not logged:
        text = translate("Verdict", "本周 {n} 个上课日均未登记课后服务")
        verdict = Verdict(Status.UNLOGGED, text.format(n=len(unlogged)))
        return AreaWeek.from_verdict(AREA.key, school_class, verdict, figures=figures, days=day_json)
    problems: list[tuple[str, str]] = []  # (reason, rule id), in the order a reader cares about
    if not_held:
        problems.append(
            (
                translate(
                    "Verdict",
                    "开展 {held} 天，{missed} 个上课日未开展（要求每周 {per_week} 天、每个上课日均开展）",
                ).format(held=len(held), missed=len(not_held), per_week=per_week),
                DAYS_RULE,
            )
        )
    if short:
        problems.append(
            (
                translate("Verdict", "{n} 天不足 {minimum} 分钟（最少 {least} 分钟）").format(
                    n=len(short), minimum=f"{min_minutes:g}", least=figures.min_minutes
                ),
                MIN_RULE,
            )
        )
    if early:
        text = translate("Verdict", "{n} 天结束早于当地下班时间 {end}")
        problems.append((text.format(n=len(early), end=f"{end:%H:%M}"), END_RULE))
    status = Status.BELOW if problems else Status.GREEN  # every finding here is a minimum not met
    reasons = [reason for reason, _ in problems]
    source = ctx.rules.rule(problems[0][1] if problems else DAYS_RULE, grade, first).cited
    if status is Status.GREEN:
        complete = len(week_school_days) == len(school_days)
        text = translate("Verdict", "开展 {held} 天，日均 {minutes} 分钟，均不早于 {end} 结束")
        reasons.append(
            text.format(held=len(held), minutes=f"{figures.minutes_avg:g}", end=f"{end:%H:%M}")
            + ("" if complete else translate("Verdict", "（本周未结束）"))
        )
    if unlogged:
        reasons.append(translate("Verdict", "另有 {n} 天未登记").format(n=len(unlogged)))
        if status is Status.GREEN:
            status = Status.UNLOGGED  # a missed day reads 未登记, not a warning about what was logged
    return AreaWeek.from_verdict(
        AREA.key,
        school_class,
        Verdict(status, reason_separator().join(reasons), source),
        figures=figures,
        days=day_json,
    )


week_summary = week  # the name the callers of the week summaries know


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


def save_day(db: Database, actor: Actor, record: ServiceDay, *, reason: str | None = None) -> Changes:
    """Record (or correct) one class-day; there is one record per class and date."""
    return save_days(db, actor, [record], reason=reason)


def save_days(db: Database, actor: Actor, items: list[ServiceDay], *, reason: str | None = None) -> Changes:
    """Record several class-days at once (the fast entry), all or none."""
    return daily.save_class_days(db, actor, DAYS, items, validate, reason=reason)


def fill_defaults(
    db: Database, actor: Actor, school_class: school.SchoolClass, days: list[dt.date]
) -> Changes:
    """Fast entry: record the default (held, usual minutes and end time) for every unlogged school day given."""
    items = [
        default_day(db, school_class, d) for d in daily.unlogged_school_days(db, DAYS, school_class, days)
    ]
    return save_days(db, actor, items, reason="按默认值填写")


def delete_day(
    db: Database, actor: Actor, class_id: str, day: dt.date, *, reason: str | None = None
) -> Changes:
    return daily.delete_class_day(db, actor, DAYS, class_id, day, "当天没有课后服务记录。", reason)


# ------------------------------------------------------------------ demo


def demo_fill(ctx: Any) -> None:
    """Realistic service: most classes 5 days × 120–150 min to about 17:40; a class with only 4 days a week,
    one class with short Fridays, one class ending early, and a forgotten day."""
    rng = ctx.rng
    days = ctx.school_days()
    compulsory = [c for c in ctx.classes if applies(c.grade)]
    if not days or not compulsory:
        return
    four_days = compulsory[1 % len(compulsory)]
    short_friday = compulsory[-1]
    early = compulsory[len(compulsory) // 2] if len(compulsory) > 2 else None
    forgetful = compulsory[0]
    for school_class in compulsory:
        size = len(ctx.students.get(school_class.id, [])) or 40
        usual_end = dt.time(17, 40) if school_class.grade <= 6 else dt.time(18, 0)
        for day in days:
            if school_class is forgetful and day == days[-1]:
                continue
            minutes = rng.choice([120, 120, 125, 130, 135])
            end = usual_end
            if school_class is four_days and day.weekday() == 4:
                records.save(
                    ctx.db,
                    DAYS,
                    ServiceDay(school_class.id, day, False, note="周五未安排").values(),
                    ctx.actor,
                )
                continue
            if school_class is short_friday and day.weekday() == 4 and rng.random() < 0.6:
                minutes, end = 90, dt.time(16, 50)
            if school_class is early and day.weekday() == 2 and day >= days[-1] - dt.timedelta(days=7):
                end = dt.time(17, 10)
            participants = max(0, size - rng.randrange(0, max(2, size // 5)))
            records.save(
                ctx.db,
                DAYS,
                ServiceDay(school_class.id, day, True, minutes, end, participants).values(),
                ctx.actor,
            )


# ------------------------------------------------------------------ import

HELD_CHOICES = {
    "是": True,
    "否": False,
    "开展": True,
    "未开展": False,
    "有": True,
    "无": False,
    "1": True,
    "0": False,
    "y": True,
    "n": False,
    "√": True,
    "×": False,
}
IMPORT_COLUMNS = [
    tabular.Column("date", "日期", ("服务日期",), parse=tabular.school_date),
    tabular.Column("class", "班级", ("班级名称",), parse=tabular.text, guess=school.class_in_text),
    tabular.Column(
        "held", "是否开展", ("开展", "是否开展课后服务", "开展情况"), parse=tabular.choice(HELD_CHOICES)
    ),
    tabular.Column(
        "minutes",
        "时长(分钟)",
        ("时长", "服务时长", "服务时长(分钟)", "分钟"),
        required=False,
        parse=lambda v: tabular.integer(v, low=0, high=MAX_MINUTES),
    ),
    tabular.Column("end_time", "结束时间", ("结束时刻", "放学时间"), required=False, parse=tabular.clock),
    tabular.Column(
        "participants",
        "参加人数",
        ("人数", "参加学生数", "参与人数"),
        required=False,
        parse=lambda v: tabular.integer(v, low=0, high=300),
    ),
    tabular.Column("note", "备注", ("说明",), required=False, parse=tabular.text),
]


def preview_import(db: Database, path: Path, *, defaults: dict[str, Any] | None = None) -> tabular.Preview:
    result = tabular.preview(path, IMPORT_COLUMNS, defaults=defaults, dates=tabular.SchoolDates.of(db))

    def check_row(row: dict) -> None:
        if row.get("held"):
            if row.get("minutes") in (None, 0):
                result.errors.append(
                    tabular.RowError(row["_row"], "时长(分钟)", "开展了课后服务，应填写时长")
                )
            if row.get("end_time") is None:
                result.errors.append(
                    tabular.RowError(row["_row"], "结束时间", "开展了课后服务，应填写结束时间")
                )

    daily.check_import_rows(db, result, check_row)
    daily.count_existing(db, DAYS, result, _row_record)
    return result


def _row_record(row: dict) -> ServiceDay:
    return ServiceDay(
        row["class_id"],
        row["date"],
        bool(row["held"]),
        row.get("minutes"),
        row.get("end_time"),
        row.get("participants"),
        row.get("note") or "",
        row.get("id"),
    )


def commit_import(db: Database, actor: Actor, result: tabular.Preview) -> Changes:
    """Write a checked after-school file in one transaction (all rows or none)."""
    result.require_ok()
    return save_days(db, actor, [_row_record(row) for row in result.rows], reason="导入")

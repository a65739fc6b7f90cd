"""体质 — daily physical activity and eyes.

Per class per school day: PE lessons held (and lessons taken over by another subject, 被占用), 大课间 minutes,
total in-school physical activity minutes, and 眼保健操 done (0–2). The school sets a weekly PE timetable
per class, which is the default of the fast entry. Per class per term: vision screenings (dates).

Checks (rules ``activity.*``): PE lessons per week (4 / 3 / 2 by grade), no PE lesson taken over, 大课间
≥ 30 minutes, in-school activity ≥ 60 minutes, eye exercises twice a day, ≥ 2 vision screenings a term.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from fivemgmt import clock, records, rowcheck, school, tabular
from fivemgmt.accounts import Actor
from fivemgmt.areas import daily
from fivemgmt.areas.base import AreaName, AreaWeek, ClassDays, DayResult, WeekContext, not_in_force
from fivemgmt.calendar import DayKind, SchoolCalendar, Term
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.i18n import QT_TRANSLATE_NOOP, translate
from fivemgmt.records import Changes, create_record_table
from fivemgmt.rules import Rulebook, Status, Verdict, reason_separator

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


def create_schema(db: Database) -> None:
    create_record_table(
        db,
        DAYS,
        {
            "class_id": str,
            "date": str,
            "pe_planned": int,
            "pe_held": int,
            "pe_taken_over": int,
            "taken_over_by": str,
            "break_minutes": int,
            "activity_minutes": int,
            "eye_exercises": int,
            "note": str,
        },
        not_null={"class_id", "date"},
        defaults={"pe_planned": 0, "pe_held": 0, "pe_taken_over": 0},
        indexes=[["class_id", "date"], ["date"]],
    )
    create_record_table(
        db,
        TIMETABLE,
        {"class_id": str, "weekday": int, "lessons": int},
        not_null={"class_id", "weekday", "lessons"},
        indexes=[["class_id"]],
    )
    create_record_table(
        db,
        SCREENINGS,
        {"class_id": str, "date": str, "screened": int, "note": str},
        not_null={"class_id", "date"},
        indexes=[["class_id", "date"]],
    )


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
            row["class_id"],
            dt.date.fromisoformat(row["date"]),
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
            "class_id": self.class_id,
            "date": self.date.isoformat(),
            "pe_planned": int(self.pe_planned),
            "pe_held": int(self.pe_held),
            "pe_taken_over": int(self.pe_taken_over),
            "taken_over_by": self.taken_over_by.strip() if self.pe_taken_over else "",
            "break_minutes": int(self.break_minutes),
            "activity_minutes": int(self.activity_minutes),
            "eye_exercises": int(self.eye_exercises),
            "note": self.note or "",
        }


@dataclass(frozen=True)
class ActivityDayFigures:
    """A day's figures (``DayResult.figures``; the day's JSON keys): None where the day is not logged."""

    pe_planned: int  # on the timetable (also for a day not logged yet)
    pe_held: int | None
    pe_taken_over: int | None
    break_minutes: int | None
    activity_minutes: int | None
    eye_exercises: int | None


DAY_FIGURES = ActivityDayFigures
DAILY = True  # a register logged every school day


@dataclass
class RegisterDay:
    """A day of the register with its record (what the page's table edits) and verdict."""

    date: dt.date
    day_kind: DayKind
    state: str  # "logged", "unlogged", "future", "rest", "none"
    record: ActivityDay | None
    verdict: Verdict
    pe_planned: int = 0  # from the timetable, for days not logged yet

    def result(self) -> DayResult:
        rec = self.record
        figures = ActivityDayFigures(
            pe_planned=rec.pe_planned if rec else self.pe_planned,
            pe_held=rec.pe_held if rec else None,
            pe_taken_over=rec.pe_taken_over if rec else None,
            break_minutes=rec.break_minutes if rec else None,
            activity_minutes=rec.activity_minutes if rec else None,
            eye_exercises=rec.eye_exercises if rec else None,
        )
        return DayResult.of(self.date, self.day_kind, self.state, self.verdict, figures)


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


def check_timetable(
    db: Database, school_class: school.SchoolClass, on: dt.date, rules: Rulebook | None = None
) -> Verdict:
    """Does the class's timetable plan the required PE lessons per week?"""
    rules = rules or Rulebook(db)
    table = timetable(db, school_class.id)
    rule = rules.rule(PE_RULE, school_class.grade, on)
    if not table:
        return Verdict(Status.UNLOGGED, "未设置本班体育课表", rule.cited)
    return rules.check_min(sum(table.values()), rule, QT_TRANSLATE_NOOP("Verdict", "课表每周体育课"))


# ------------------------------------------------------------------ reading


def days_between(db: Database, class_id: str, start: dt.date, end: dt.date) -> dict[dt.date, ActivityDay]:
    rows = daily.rows_between(db, DAYS, class_id, start, end)
    return {d.date: d for d in rowcheck.readable(DAYS, rows, ActivityDay.from_row)}


def check_day(rules: Rulebook, grade: int, record: ActivityDay) -> Verdict:
    """A logged school day: PE not taken over, 大课间, in-school activity, eye exercises."""
    on = record.date
    problems: list[Verdict] = []
    if record.pe_taken_over:
        if record.taken_over_by:
            text = translate("Verdict", "体育课被{subject}占用 {n} 节")
        else:
            text = translate("Verdict", "体育课被其他学科占用 {n} 节")
        problems.append(
            Verdict(
                Status.VIOLATION,
                text.format(subject=record.taken_over_by, n=record.pe_taken_over),
                rules.rule(PE_RULE, grade, on).cited,
            )
        )
    for rule_id, amount, what in (
        (BREAK_RULE, record.break_minutes, QT_TRANSLATE_NOOP("Verdict", "大课间")),
        (ACTIVITY_RULE, record.activity_minutes, QT_TRANSLATE_NOOP("Verdict", "校内体育活动")),
        (EYE_RULE, record.eye_exercises, QT_TRANSLATE_NOOP("Verdict", "眼保健操")),
    ):
        verdict = rules.check_min(amount, rules.rule(rule_id, grade, on), what)
        if verdict.status is not Status.GREEN:
            problems.append(verdict)
    if problems:
        worst = max(problems, key=lambda p: p.status.rank)  # 违规 (PE taken over) before 未达标
        return Verdict(worst.status, reason_separator().join(p.reason for p in problems), problems[0].source)
    pe = translate("Verdict", "体育课 {n} 节，").format(n=record.pe_held) if record.pe_held else ""
    text = translate("Verdict", "大课间 {breaks} 分钟，校内活动 {activity} 分钟，眼保健操 {eyes} 次")
    return Verdict(
        Status.GREEN,
        pe
        + text.format(
            breaks=record.break_minutes, activity=record.activity_minutes, eyes=record.eye_exercises
        ),
        rules.rule(ACTIVITY_RULE, grade, on).cited,
    )


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
    found = daily.register_days(
        db,
        DAYS,
        classes,
        start,
        end,
        today,
        calendar,
        ActivityDay.from_row,
        lambda grade, record: check_day(rules, grade, record),
        lambda grade, day: not_in_force(
            rules, PE_RULE, grade, day, QT_TRANSLATE_NOOP("Verdict", "体育活动要求")
        ),
    )
    tables = timetables(db, [c.id for c in classes])

    def planned(class_id: str, day: dt.date, kind: DayKind) -> int:
        return tables[class_id].get(calendar.timetable_weekday(day), 0) if kind is DayKind.SCHOOL else 0

    return {
        class_id: [RegisterDay(*item, pe_planned=planned(class_id, item[0], item[1])) for item in items]
        for class_id, items in found.items()
    }


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
    today = today or clock.today()
    return build_days(
        db, school_class, monday, monday + dt.timedelta(days=6), today, SchoolCalendar(db), Rulebook(db)
    )


def days(ctx: WeekContext, classes: Iterable[school.SchoolClass], start: dt.date, end: dt.date) -> ClassDays:
    found = register_days(ctx.db, list(classes), start, end, ctx.today, ctx.calendar, ctx.rules)
    return {class_id: [d.result() for d in items] for class_id, items in found.items()}


def screenings(db: Database, class_id: str, term: Term | None) -> list[dict]:
    if term is None:
        return []
    return records.live_rows(
        db,
        SCREENINGS,
        "class_id = ? AND date BETWEEN ? AND ?",
        [class_id, term.start.isoformat(), term.end.isoformat()],
        order_by="date",
    )


def check_vision(
    db: Database, school_class: school.SchoolClass, on: dt.date, calendar: SchoolCalendar, rules: Rulebook
) -> tuple[int, int, Verdict]:
    """Vision screenings in the term containing ``on`` (up to ``on``): (done, required, verdict).

    Red once the term is over with fewer than required; during the term a shortfall is a warning when
    half of the term has passed without any screening, or in its last four weeks.
    """
    term = calendar.current_or_last_term(on)
    rule = rules.rule(VISION_RULE, school_class.grade, on)
    required = int(rule.value)
    if term is None:
        return 0, required, Verdict(Status.NA, translate("Verdict", "未设置学期"), rule.cited)
    done = len([r for r in screenings(db, school_class.id, term) if r["date"] <= on.isoformat()])
    text = translate("Verdict", "本学期视力监测 {done} 次，要求不少于 {required} 次").format(
        done=done, required=required
    )
    if done >= required:
        return done, required, Verdict(Status.GREEN, text, rule.cited)
    if on > term.end:
        return done, required, Verdict(Status.BELOW, text, rule.cited)
    half = term.start + (term.end - term.start) / 2
    if (done == 0 and on >= half) or on >= term.end - dt.timedelta(weeks=4):
        return (
            done,
            required,
            Verdict(
                Status.YELLOW,
                text + translate("Verdict", "，学期结束（{end}）前需补做").format(end=f"{term.end:%m-%d}"),
                rule.cited,
            ),
        )
    return done, required, Verdict(Status.GREEN, text + translate("Verdict", "，学期内尚可完成"), rule.cited)


@dataclass(frozen=True)
class ActivityWeek:
    """One class's PE and activity week (``AreaWeek.figures``; the JSON keys are these field names).
    A week before the PE rule took effect has no figures at all (``AreaWeek.figures`` is None)."""

    pe_held: int
    pe_required: int  # so far this week (by the timetable when the week is short or in progress)
    pe_taken_over: int
    break_minutes_avg: float | None  # None: no day logged
    activity_minutes_avg: float | None
    eye_exercise_ok_days: int
    logged_days: int
    school_days: int  # school days so far
    vision_screenings_term: int
    vision_required: int


def week(ctx: WeekContext, school_class: school.SchoolClass) -> AreaWeek:
    grade = school_class.grade
    days = build_days(ctx.db, school_class, ctx.monday, ctx.sunday, ctx.today, ctx.calendar, ctx.rules)
    day_json = [d.result() for d in days]
    early = not_in_force(ctx.rules, PE_RULE, grade, min(ctx.sunday, ctx.today), "体育活动要求")
    if early is not None:
        return AreaWeek.from_verdict(AREA.key, school_class, early, days=day_json)
    week_school = [d for d in days if d.day_kind is DayKind.SCHOOL]
    past = [d for d in week_school if d.state in ("logged", "unlogged")]
    logged = [d for d in past if d.state == "logged"]
    unlogged = [d for d in past if d.state == "unlogged"]
    as_of = min(ctx.sunday, ctx.today - dt.timedelta(days=1))
    vision_done, vision_required, vision = check_vision(ctx.db, school_class, as_of, ctx.calendar, ctx.rules)
    on = past[0].date if past else ctx.monday
    pe_rule = ctx.rules.rule(PE_RULE, grade, on)
    pe_per_week = int(pe_rule.value)
    complete = bool(week_school) and len(past) == len(week_school)
    if complete and len(week_school) == 5:
        pe_required = pe_per_week
    else:
        # A week in progress, shortened by holidays or lengthened by a 调休 day: what the timetable planned
        # on the days so far (without a timetable, the weekly number in proportion to the school days).
        table = timetable(ctx.db, school_class.id)
        pe_required = (
            sum(table.get(ctx.calendar.timetable_weekday(d.date), 0) for d in past)
            if table
            else int(pe_per_week * len(past) / 5)
        )
    records_ = [d.record for d in logged if d.record]
    figures = ActivityWeek(
        pe_held=sum(r.pe_held for r in records_),
        pe_required=pe_required,
        pe_taken_over=sum(r.pe_taken_over for r in records_),
        break_minutes_avg=round(sum(r.break_minutes for r in records_) / len(records_), 1)
        if records_
        else None,
        activity_minutes_avg=round(sum(r.activity_minutes for r in records_) / len(records_), 1)
        if records_
        else None,
        eye_exercise_ok_days=sum(
            1 for r in records_ if r.eye_exercises >= int(ctx.rules.value(EYE_RULE, grade, r.date))
        ),
        logged_days=len(logged),
        school_days=len(past),
        vision_screenings_term=vision_done,
        vision_required=vision_required,
    )
    if not past:
        return AreaWeek.from_verdict(
            AREA.key,
            school_class,
            Verdict(Status.NA, translate("Verdict", "本周无已到的上课日")),
            figures=figures,
            days=day_json,
        )
    if not logged:
        text = translate("Verdict", "本周 {n} 个上课日均未登记体育活动")
        verdict = Verdict(Status.UNLOGGED, text.format(n=len(unlogged)))
        return AreaWeek.from_verdict(AREA.key, school_class, verdict, figures=figures, days=day_json)
    problems: list[Verdict] = []
    if figures.pe_taken_over:
        subjects = "、".join(
            dict.fromkeys(r.taken_over_by for r in records_ if r.pe_taken_over and r.taken_over_by)
        )
        problems.append(
            Verdict(
                Status.VIOLATION,
                translate("Verdict", "体育课被占用 {n} 节").format(n=figures.pe_taken_over)
                + (f"（{subjects}）" if subjects else ""),
                pe_rule.cited,
            )
        )
    if figures.pe_held < pe_required and not unlogged:
        if complete and len(week_school) >= 5:
            text = translate(
                "Verdict", "本周应上体育课 {required} 节，实上 {held} 节（每周要求 {per_week} 节）"
            )
        else:
            text = translate(
                "Verdict",
                "本周截至目前按课表应上体育课 {required} 节，实上 {held} 节（每周要求 {per_week} 节）",
            )
        problems.append(
            Verdict(
                Status.BELOW,
                text.format(required=pe_required, held=figures.pe_held, per_week=pe_per_week),
                pe_rule.cited,
            )
        )
    for rule_id, attribute, what in (
        (BREAK_RULE, "break_minutes", QT_TRANSLATE_NOOP("Verdict", "大课间")),
        (ACTIVITY_RULE, "activity_minutes", QT_TRANSLATE_NOOP("Verdict", "校内体育活动")),
        (EYE_RULE, "eye_exercises", QT_TRANSLATE_NOOP("Verdict", "眼保健操")),
    ):
        rule = ctx.rules.rule(rule_id, grade, on)
        short = [r for r in records_ if getattr(r, attribute) < float(rule.value)]
        if short:
            least = min(getattr(r, attribute) for r in short)
            problems.append(
                Verdict(
                    Status.BELOW,
                    translate("Verdict", "{n} 天{what}少于 {limit} {unit}（最少 {least}）").format(
                        n=len(short),
                        what=translate("Verdict", what),
                        limit=rule.value,
                        unit=translate("Unit", rule.unit),
                        least=least,
                    ),
                    rule.cited,
                )
            )
    if vision.status.level in (Status.RED, Status.YELLOW):
        problems.append(vision)
    if problems:
        status = max((p.status for p in problems), key=lambda s: s.rank)
        reasons = [p.reason for p in problems]
        source = max(problems, key=lambda p: p.status.rank).source
    else:
        status = Status.GREEN
        text = translate(
            "Verdict",
            "体育课 {held}/{required} 节，大课间日均 {breaks} 分钟，校内活动日均 {activity} 分钟，"
            "眼保健操每天不少于 {eyes} 次",
        )
        reasons = [
            text.format(
                held=figures.pe_held,
                required=pe_required,
                breaks=f"{figures.break_minutes_avg:g}",
                activity=f"{figures.activity_minutes_avg:g}",
                eyes=ctx.rules.value(EYE_RULE, grade, on),
            )
            + reason_separator()
            + vision.reason
        ]
        source = pe_rule.cited
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


def save_day(db: Database, actor: Actor, record: ActivityDay, *, reason: str | None = None) -> Changes:
    """Record (or correct) one class-day; there is one record per class and date."""
    return save_days(db, actor, [record], reason=reason)


def save_days(db: Database, actor: Actor, items: list[ActivityDay], *, reason: str | None = None) -> Changes:
    return daily.save_class_days(db, actor, DAYS, items, validate, reason=reason)


def fill_defaults(
    db: Database, actor: Actor, school_class: school.SchoolClass, days: list[dt.date]
) -> Changes:
    """Fast entry: record the timetable default for every unlogged school day given."""
    items = [
        default_day(db, school_class, d) for d in daily.unlogged_school_days(db, DAYS, school_class, days)
    ]
    return save_days(db, actor, items, reason="按课表默认值填写")


def delete_day(
    db: Database, actor: Actor, class_id: str, day: dt.date, *, reason: str | None = None
) -> Changes:
    return daily.delete_class_day(db, actor, DAYS, class_id, day, "当天没有体育活动记录。", reason)


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


# ------------------------------------------------------------------ demo


def demo_fill(ctx: Any) -> None:
    """Timetables by grade, daily records from them, with the usual lapses: a class whose PE lesson was taken
    over by 数学 twice, a class whose 大课间 was cut to 20 minutes in exam week, a class doing eye exercises
    once on some days, a class that forgot a day, and a class with no vision screening this term."""
    rng = ctx.rng
    if not ctx.classes:
        return
    patterns = {4: {0: 1, 1: 1, 3: 1, 4: 1}, 3: {0: 1, 2: 1, 4: 1}, 2: {1: 1, 3: 1}}
    rules = Rulebook(ctx.db)
    for school_class in ctx.classes:
        per_week = int(rules.value(PE_RULE, school_class.grade, ctx.today))
        pattern = patterns.get(per_week, {0: 1, 2: 1, 4: 1})
        shift = school_class.number % 2  # classes of a grade share the field on different days
        table = {(w + shift) % 5: n for w, n in pattern.items()}
        for weekday in range(5):
            records.save(
                ctx.db,
                TIMETABLE,
                {"class_id": school_class.id, "weekday": weekday, "lessons": table.get(weekday, 0)},
                ctx.actor,
            )
    days = ctx.school_days()
    if not days:
        return
    classes = ctx.classes
    taken_over = classes[min(2, len(classes) - 1)]
    short_break = classes[min(4, len(classes) - 1)]
    eyes_once = classes[-1]
    forgetful = classes[len(classes) // 2 + 1] if len(classes) > 2 else None
    no_vision = classes[1] if len(classes) > 1 else None
    last_week = days[-1] - dt.timedelta(days=days[-1].weekday())
    for school_class in classes:
        taken_days = [d for d in days if d >= last_week - dt.timedelta(days=7)]
        for day in days:
            if school_class is forgetful and day == days[-3 if len(days) > 2 else -1]:
                continue
            record = default_day(ctx.db, school_class, day)
            record.break_minutes = rng.choice([30, 30, 30, 35, 40])
            record.activity_minutes = max(
                60,
                record.break_minutes + (40 * record.pe_held if record.pe_held else rng.choice([30, 35, 40])),
            )
            if school_class is taken_over and record.pe_planned and day in taken_days[:4]:
                record.pe_held, record.pe_taken_over, record.taken_over_by = 0, record.pe_planned, "数学"
                record.activity_minutes = record.break_minutes + 15
            if school_class is short_break and day >= last_week - dt.timedelta(days=7) and day < last_week:
                record.break_minutes = 20  # exam week: 大课间 cut short
                record.activity_minutes = 20 + (40 * record.pe_held if record.pe_held else 25)
            if school_class is eyes_once and rng.random() < 0.25:
                record.eye_exercises = 1
            records.save(ctx.db, DAYS, record.values(), ctx.actor)
        if school_class is no_vision:
            continue
        term = ctx.calendar.current_or_last_term(ctx.end)
        if term is None:
            continue
        size = len(ctx.students.get(school_class.id, []))
        first = term.start + dt.timedelta(days=14 + rng.randrange(10))
        second = term.start + dt.timedelta(days=70 + rng.randrange(10))
        for day in (first, second):
            while ctx.calendar.kind(day) is not DayKind.SCHOOL:
                day += dt.timedelta(days=1)
            if day <= ctx.end:
                records.save(
                    ctx.db,
                    SCREENINGS,
                    {
                        "class_id": school_class.id,
                        "date": day.isoformat(),
                        "screened": size,
                        "note": "校医室视力筛查",
                    },
                    ctx.actor,
                )


# ------------------------------------------------------------------ import


def _count(high: int):
    return lambda value: tabular.integer(value, low=0, high=high)


IMPORT_COLUMNS = [
    tabular.Column("date", "日期", ("活动日期",), parse=tabular.school_date),
    tabular.Column("class", "班级", ("班级名称",), parse=tabular.text, guess=school.class_in_text),
    tabular.Column(
        "pe_held",
        "体育课节数",
        ("体育课", "体育课(节)", "实上体育课节数", "上体育课节数"),
        parse=_count(MAX_LESSONS_PER_DAY),
    ),
    tabular.Column(
        "pe_taken_over",
        "体育课被占用节数",
        ("被占用节数", "体育课被占用", "占用节数"),
        required=False,
        parse=_count(MAX_LESSONS_PER_DAY),
    ),
    tabular.Column(
        "taken_over_by", "占用学科", ("被何学科占用", "占用科目"), required=False, parse=tabular.text
    ),
    tabular.Column(
        "break_minutes", "大课间(分钟)", ("大课间", "大课间时长", "大课间分钟"), parse=_count(120)
    ),
    tabular.Column(
        "activity_minutes",
        "校内体育活动(分钟)",
        ("校内体育活动", "校内活动时长", "体育活动时间", "校内体育活动时间(分钟)", "校内活动(分钟)"),
        parse=_count(480),
    ),
    tabular.Column(
        "eye_exercises", "眼保健操次数", ("眼保健操", "眼保健操(次)"), parse=_count(MAX_EYE_EXERCISES_PER_DAY)
    ),
    tabular.Column("note", "备注", ("说明",), required=False, parse=tabular.text),
]


def preview_import(db: Database, path: Path, *, defaults: dict[str, Any] | None = None) -> tabular.Preview:
    result = tabular.preview(path, IMPORT_COLUMNS, defaults=defaults, dates=tabular.SchoolDates.of(db))
    tables: dict[str, dict[int, int]] = {}
    calendar = SchoolCalendar(db)

    def check_row(row: dict) -> None:
        if row.get("pe_taken_over") and not row.get("taken_over_by"):
            result.warnings.append(f"第 {row['_row']} 行：体育课被占用，未填写占用学科")
        if (
            None not in (row.get("break_minutes"), row.get("activity_minutes"))
            and row["activity_minutes"] < row["break_minutes"]
        ):
            result.errors.append(
                tabular.RowError(row["_row"], "校内体育活动(分钟)", "应包含大课间，不能少于大课间时长")
            )
        if row["class_id"] not in tables:
            tables[row["class_id"]] = timetable(db, row["class_id"])
        row["pe_planned"] = tables[row["class_id"]].get(calendar.timetable_weekday(row["date"]), 0)

    daily.check_import_rows(db, result, check_row)
    daily.count_existing(db, DAYS, result, _row_record)
    return result


def _row_record(row: dict) -> ActivityDay:
    return ActivityDay(
        row["class_id"],
        row["date"],
        row.get("pe_planned", 0),
        row["pe_held"],
        row.get("pe_taken_over") or 0,
        row.get("taken_over_by") or "",
        row["break_minutes"],
        row["activity_minutes"],
        row["eye_exercises"],
        row.get("note") or "",
        row.get("id"),
    )


def commit_import(db: Database, actor: Actor, result: tabular.Preview) -> Changes:
    """Write a checked activity file in one transaction (all rows or none)."""
    result.require_ok()
    return save_days(db, actor, [_row_record(row) for row in result.rows], reason="导入")

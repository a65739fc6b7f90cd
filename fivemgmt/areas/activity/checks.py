"""体质 — checks: each day's verdict and the week's figures (``week_summary``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from fivemgmt import school
from fivemgmt.areas import daily
from fivemgmt.areas.activity.records import (
    ACTIVITY_RULE,
    AREA,
    BREAK_RULE,
    DAYS,
    EYE_RULE,
    PE_RULE,
    VISION_RULE,
    ActivityDay,
    screenings,
    term_screenings,
    timetable,
    timetables,
)
from fivemgmt.areas.base import AreaWeek, WeekContext, not_in_force
from fivemgmt.calendar import DayKind, SchoolCalendar, Term
from fivemgmt.i18n import QT_TRANSLATE_NOOP, translate
from fivemgmt.rules import Rulebook, Status, Verdict, reason_separator


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
class RegisterDay(daily.RegisterDay):
    record: ActivityDay | None
    pe_planned: int = 0  # from the timetable, for days not logged yet

    def day_figures(self) -> ActivityDayFigures:
        rec = self.record
        return ActivityDayFigures(
            pe_planned=rec.pe_planned if rec else self.pe_planned,
            pe_held=rec.pe_held if rec else None,
            pe_taken_over=rec.pe_taken_over if rec else None,
            break_minutes=rec.break_minutes if rec else None,
            activity_minutes=rec.activity_minutes if rec else None,
            eye_exercises=rec.eye_exercises if rec else None,
        )


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
    return daily.days_between(db, DAYS, class_id, start, end, ActivityDay.from_row)


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
        return daily.worst_of(problems)
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


def _early(rules: Rulebook, grade: int, day: dt.date) -> Verdict | None:
    return not_in_force(rules, PE_RULE, grade, day, QT_TRANSLATE_NOOP("Verdict", "体育活动要求"))


def _planned_lessons(
    db: Database,
    classes: list[school.SchoolClass],
    calendar: SchoolCalendar,
    found: dict[str, list[RegisterDay]],
) -> None:
    """Each school day's PE lessons on the class's timetable (also for a day not logged yet)."""
    tables = timetables(db, [c.id for c in classes])
    for class_id, items in found.items():
        for item in items:
            if item.day_kind is DayKind.SCHOOL:
                item.pe_planned = tables[class_id].get(calendar.timetable_weekday(item.date), 0)


register_days = daily.DayLoad(
    DAYS, ActivityDay.from_row, check_day, _early, RegisterDay, finish=_planned_lessons
)


REGISTER = daily.Register("activity.days", register_days)
build_days, class_week, spans, days = REGISTER.build_days, REGISTER.class_week, REGISTER.spans, REGISTER.days


def check_vision(
    db: Database, school_class: school.SchoolClass, on: dt.date, calendar: SchoolCalendar, rules: Rulebook
) -> tuple[int, int, Verdict]:
    """Vision screenings in the term containing ``on`` (up to ``on``): (done, required, verdict).

    Red once the term is over with fewer than required; during the term a shortfall is a warning when
    half of the term has passed without any screening, or in its last four weeks.
    """
    term = calendar.current_or_last_term(on)
    rows = screenings(db, school_class.id, term) if term is not None else []
    return judge_vision(school_class, on, term, rows, rules)


def judge_vision(
    school_class: school.SchoolClass, on: dt.date, term: Term | None, rows: list[dict], rules: Rulebook
) -> tuple[int, int, Verdict]:
    """``check_vision`` from the class's screenings of the term (``rows``, read by the caller)."""
    rule = rules.rule(VISION_RULE, school_class.grade, on)
    required = int(rule.value)
    if term is None:
        return 0, required, Verdict(Status.NA, translate("Verdict", "未设置学期"), rule.cited)
    done = len([r for r in rows if r["date"] <= on.isoformat()])
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


def _class_timetable(ctx: WeekContext, school_class: school.SchoolClass) -> dict[int, int]:
    """``timetable`` of the class; within a period read once for all its classes (not per class-week)."""
    if ctx.period is None or school_class.id not in ctx.period.classes:
        return timetable(ctx.db, school_class.id)
    classes = list(ctx.period.classes)
    return ctx.per_period("activity.timetables", lambda: timetables(ctx.db, classes))[school_class.id]


def _class_vision(
    ctx: WeekContext, school_class: school.SchoolClass, on: dt.date
) -> tuple[int, int, Verdict]:
    """``check_vision``; within a period the term's screenings are read once for all its classes."""
    if ctx.period is None or school_class.id not in ctx.period.classes:
        return check_vision(ctx.db, school_class, on, ctx.calendar, ctx.rules)
    term = ctx.calendar.current_or_last_term(on)
    classes = list(ctx.period.classes)

    def load() -> dict[str, list[dict]]:
        found: dict[str, list[dict]] = {c: [] for c in classes}
        for row in term_screenings(ctx.db, classes, term) if term is not None else []:
            found[row["class_id"]].append(row)
        return found

    rows = ctx.per_period(f"activity.screenings|{term.id if term else ''}", load)[school_class.id]
    return judge_vision(school_class, on, term, rows, ctx.rules)


def week(ctx: WeekContext, school_class: school.SchoolClass) -> AreaWeek:
    grade = school_class.grade
    days = spans(ctx, [school_class], ctx.monday, ctx.sunday)[school_class.id]
    day_json = [d.result() for d in days]
    early = not_in_force(ctx.rules, PE_RULE, grade, min(ctx.sunday, ctx.today), "体育活动要求")
    if early is not None:
        return AreaWeek.from_verdict(AREA.key, school_class, early, days=day_json)
    week_school = [d for d in days if d.day_kind is DayKind.SCHOOL]
    past = [d for d in week_school if d.state in ("logged", "unlogged")]
    logged = [d for d in past if d.state == "logged"]
    unlogged = [d for d in past if d.state == "unlogged"]
    as_of = min(ctx.sunday, ctx.today - dt.timedelta(days=1))
    vision_done, vision_required, vision = _class_vision(ctx, school_class, as_of)
    on = past[0].date if past else ctx.monday
    pe_rule = ctx.rules.rule(PE_RULE, grade, on)
    pe_per_week = int(pe_rule.value)
    complete = bool(week_school) and len(past) == len(week_school)
    if complete and len(week_school) == 5:
        pe_required = pe_per_week
    else:
        # A week in progress, shortened by holidays or lengthened by a 调休 day: what the timetable planned
        # on the days so far (without a timetable, the weekly number in proportion to the school days).
        table = _class_timetable(ctx, school_class)
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
        return daily.no_school_day_yet(AREA.key, school_class, figures, day_json)
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
    return daily.register_week(
        AREA.key, school_class, Verdict(status, "", source), reasons, len(unlogged), figures, day_json
    )


week_summary = week  # the name the callers of the week summaries know

"""课后服务 — checks: each day's verdict and the week's figures (``week_summary``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlite_utils import Database

from fivemgmt import school
from fivemgmt.areas import daily
from fivemgmt.areas.afterschool.records import (
    AREA,
    DAYS,
    DAYS_RULE,
    END_RULE,
    MIN_RULE,
    ServiceDay,
    applies,
    local_end_of_work,
)
from fivemgmt.areas.base import AreaWeek, WeekContext, not_in_force
from fivemgmt.calendar import DayKind
from fivemgmt.i18n import QT_TRANSLATE_NOOP, translate
from fivemgmt.rules import Rulebook, Status, Verdict

# ------------------------------------------------------------------ reading


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
class RegisterDay(daily.RegisterDay):
    record: ServiceDay | None

    def day_figures(self) -> AfterschoolDayFigures:
        rec = self.record
        held = rec is not None and rec.held
        return AfterschoolDayFigures(
            held=None if rec is None else rec.held,
            minutes=rec.minutes if held else None,
            end_time=rec.end_time.strftime("%H:%M") if held and rec.end_time is not None else None,
            participants=rec.participants if held else None,
        )


def days_between(db: Database, class_id: str, start: dt.date, end: dt.date) -> dict[dt.date, ServiceDay]:
    return daily.days_between(db, DAYS, class_id, start, end, ServiceDay.from_row)


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
        return daily.worst_of(problems)
    text = translate("Verdict", "开展 {minutes} 分钟，{end} 结束")
    return Verdict(Status.GREEN, text.format(minutes=minutes, end=f"{record.end_time:%H:%M}"), min_rule.cited)


def _early(rules: Rulebook, grade: int, day: dt.date) -> Verdict | None:
    if not applies(grade):
        return Verdict(Status.NA, "高中不适用课后服务要求（仅义务教育阶段）")
    return not_in_force(rules, DAYS_RULE, grade, day, QT_TRANSLATE_NOOP("Verdict", "课后服务要求"))


register_days = daily.DayLoad(
    DAYS, ServiceDay.from_row, check_day, _early, RegisterDay, QT_TRANSLATE_NOOP("Verdict", "课后服务")
)

REGISTER = daily.Register("afterschool.days", register_days)
build_days, class_week, spans, days = REGISTER.build_days, REGISTER.class_week, REGISTER.spans, REGISTER.days


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
    days = spans(ctx, [school_class], ctx.monday, ctx.sunday)[school_class.id]
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
        return daily.no_school_day_yet(AREA.key, school_class, figures, day_json)
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
    return daily.register_week(
        AREA.key, school_class, Verdict(status, "", source), reasons, len(unlogged), figures, day_json
    )


week_summary = week  # the name the callers of the week summaries know

"""作业管理 — checks: each day's verdict and the week's figures (``week_summary``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from sqlite_utils import Database

from fivemgmt import class_names, clock, records, school
from fivemgmt.areas.base import AreaWeek, ClassDays, DayResult, WeekContext, not_in_force
from fivemgmt.areas.homework.records import (
    AREA,
    CAP_RULE,
    DAYS,
    ENTRIES,
    FOR_REST_LOOKAHEAD_DAYS,
    WRITTEN,
    Entry,
    _rest_target,
    counts_optional,
    no_homework_texts,
    stored_entries,
)
from fivemgmt.calendar import DayKind, SchoolCalendar, monday_of
from fivemgmt.errors import UserError
from fivemgmt.i18n import QT_TRANSLATE_NOOP, translate
from fivemgmt.rules import Rulebook, Status, Verdict, reason_separator


class DayState(StrEnum):
    UNLOGGED = "unlogged"
    NONE = "none"  # 今日无作业
    LOGGED = "logged"
    FUTURE = "future"

    @property
    def label(self) -> str:
        return translate("DayState", DAY_STATE_LABELS[self.value])


DAY_STATE_LABELS = {
    "unlogged": QT_TRANSLATE_NOOP("DayState", "未登记"),
    "none": QT_TRANSLATE_NOOP("DayState", "今日无作业"),
    "logged": QT_TRANSLATE_NOOP("DayState", "已登记"),
    "future": "—",
}


@dataclass
class RestPeriod:
    """A run of rest days (weekend, holiday, vacation) judged as one total against the school's cap."""

    start: dt.date
    end: dt.date  # the period's last day: the week containing it carries the verdict
    counted_minutes: int = 0  # toward the cap, including 周末/假期作业 set on the school day before
    written_minutes: int = 0  # all written minutes, required and optional
    set_before: int = 0  # of these, minutes set on school days for this period (``for_rest``)
    cap: float | None = None
    verdict: Verdict | None = None  # None: the period has not begun and nothing is set for it

    @property
    def minutes(self) -> int:
        """The minutes judged: in grades 1–2 (cap 0) every written minute, optional ones too."""
        return self.written_minutes if self.cap == 0 else self.counted_minutes

    @property
    def label(self) -> str:
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()}–{self.end.isoformat()}"

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "minutes": self.minutes,
            "counted_minutes": self.counted_minutes,
            "written_minutes": self.written_minutes,
            "set_before": self.set_before,
            "cap": self.cap,
            "status": self.verdict.status.value if self.verdict else None,
            "reason": self.verdict.reason if self.verdict else "",
        }


@dataclass(frozen=True)
class HomeworkDayFigures:
    """A day's figures (``DayResult.figures``; the day's JSON keys): minutes None where not logged."""

    state_label: str  # 已登记, 无作业, 未登记, 未到
    written_minutes: int | None
    counted_minutes: int | None
    total_minutes: int | None
    for_rest_minutes: int | None
    cap: float | None
    rest_period: dict[str, Any] | None  # the weekend or holiday the day belongs to, judged whole


DAY_FIGURES = HomeworkDayFigures


DAILY = True  # homework is logged (or 今日无作业) every school day


@dataclass
class HomeworkDay:
    class_id: str
    date: dt.date
    day_kind: DayKind
    state: DayState
    entries: list[Entry] = field(default_factory=list)
    written_minutes: int = 0  # all written minutes of the day's own work, required and optional
    counted_minutes: int = 0  # what counts toward the day's cap (optional minutes per school setting)
    total_minutes: int = 0  # all kinds
    cap: float | None = None
    verdict: Verdict = field(default_factory=lambda: Verdict(Status.UNLOGGED, "未登记"))
    for_rest_minutes: int = 0  # written minutes set this school day for the next rest period
    period: RestPeriod | None = None  # the rest period this day belongs to (rest days only)

    def result(self) -> DayResult:
        logged = self.logged
        figures = HomeworkDayFigures(
            state_label=self.state.label,
            written_minutes=self.written_minutes if logged else None,
            counted_minutes=self.counted_minutes if logged else None,
            total_minutes=self.total_minutes if logged else None,
            for_rest_minutes=self.for_rest_minutes if logged else None,
            cap=self.cap,
            rest_period=self.period.to_json() if self.period else None,
        )
        return DayResult.of(self.date, self.day_kind, self.state.value, self.verdict, figures)

    @property
    def logged(self) -> bool:
        return self.state in (DayState.LOGGED, DayState.NONE)


REST_RULE = "homework.rest_day_total_minutes"
WINDOW_RULE = "homework.average_window"
WINDOW_WEEK, WINDOW_DAY = "week", "day"
# Bounds on the calendar search only (not policy numbers): a rest period longer than this is cut (a
# summer vacation is under nine weeks; with no term on one side the calendar would run on for ever),
# and 周末/假期作业 is counted in the first rest period that begins within a week of the day it was set.
REST_PERIOD_MAX_DAYS = 70


def average_window(rules: Rulebook, grade: int, day: dt.date) -> str:
    """How the "average" of the daily caps is read: ``week`` (over the week's logged school days; single
    days over the cap are warnings) or ``day`` (every school day is judged on its own)."""
    value = str(rules.value(WINDOW_RULE, grade, day)).strip().lower()
    if value not in (WINDOW_WEEK, WINDOW_DAY):  # overrides are checked on saving; this guards the rule file
        raise UserError(f"规则“{WINDOW_RULE}”的值应为 week（按周平均）或 day（逐日判定），现为“{value}”。")
    return value


def average_reading(rules: Rulebook, grade: int, day: dt.date) -> str:
    """The reading of "平均完成时间" in force, in words, with the setting's source (shown with verdicts)."""
    rule = rules.rule(WINDOW_RULE, grade, day)
    if average_window(rules, grade, day) == WINDOW_DAY:
        text = translate("Verdict", "日均上限按每个上课日单独判定")
    else:
        text = translate("Verdict", "日均上限按本周已登记上课日的平均判定，单日超过上限为预警")
    return (
        text + reason_separator() + translate("Verdict", "平均范围依据：{source}").format(source=rule.cited)
    )


def _check_written(
    rules: Rulebook,
    rule_id: str,
    grade: int,
    day: dt.date,
    counted: float,
    written: float,
    what: str,
    when: str,
) -> tuple[float, Verdict]:
    """Written minutes against a cap. A cap of 0 (grades 1–2) makes any written homework a violation,
    required or optional: the notice says no written homework at home, whatever the 选做 setting."""
    rule = rules.rule(rule_id, grade, day)
    if float(rule.value) == 0:
        if written > 0:
            text = translate(
                "Verdict",
                "{grade}不布置书面家庭作业（必做、选做均不布置），{when}登记书面作业 {minutes} 分钟",
            )
            return 0, Verdict(
                Status.VIOLATION,
                text.format(
                    grade=class_names.grade_name(grade),
                    number=grade,
                    when=translate("Verdict", when),
                    minutes=f"{written:g}",
                ),
                rule.cited,
            )
        return 0, Verdict(Status.GREEN, translate("Verdict", "无书面家庭作业"), rule.cited)
    return float(rule.value), rules.check_max(counted, rule, what, grade=grade, on=day)


def check_school_day(
    rules: Rulebook,
    grade: int,
    day: dt.date,
    minutes: float,
    what: str = QT_TRANSLATE_NOOP("Verdict", "书面作业"),
    *,
    written: float | None = None,
) -> tuple[float, Verdict]:
    return _check_written(
        rules,
        CAP_RULE,
        grade,
        day,
        minutes,
        minutes if written is None else written,
        what,
        QT_TRANSLATE_NOOP("Verdict", "当天"),
    )


def check_rest_days(
    rules: Rulebook, grade: int, day: dt.date, minutes: float, *, written: float | None = None
) -> tuple[float, Verdict]:
    return _check_written(
        rules,
        REST_RULE,
        grade,
        day,
        minutes,
        minutes if written is None else written,
        QT_TRANSLATE_NOOP("Verdict", "休息日书面作业合计"),
        QT_TRANSLATE_NOOP("Verdict", "休息日"),
    )


def _rest_edge(calendar: SchoolCalendar, day: dt.date, step: int) -> dt.date:
    """From a rest day, the first (step -1) or last (step +1) day of its rest period."""
    if not calendar.kind(day).is_rest_day:
        return day
    for _ in range(REST_PERIOD_MAX_DAYS):
        following = day + dt.timedelta(days=step)
        if not calendar.kind(following).is_rest_day:
            break
        day = following
    return day


def weeks_judged_with(calendar: SchoolCalendar, day: dt.date) -> set[dt.date]:
    """Mondays of the weeks whose homework verdicts an entry dated ``day`` can change: its own week and
    every week of the rest period it belongs to (or, set on a school day for it, the one ahead)."""
    ahead = day
    if not calendar.kind(day).is_rest_day:
        following = (day + dt.timedelta(days=k) for k in range(1, FOR_REST_LOOKAHEAD_DAYS + 1))
        ahead = next((d for d in following if calendar.kind(d).is_rest_day), day)
    monday, last = monday_of(_rest_edge(calendar, day, -1)), monday_of(_rest_edge(calendar, ahead, 1))
    mondays = {monday_of(day)}
    while monday <= last:
        mondays.add(monday)
        monday += dt.timedelta(days=7)
    return mondays


def _minutes(entries: list[Entry], optional: bool) -> tuple[int, int]:
    """(counted, written) written minutes of some entries."""
    counted = written = 0
    for e in entries:  # one pass: the status and week strips add up every entry at every save
        if e.kind == WRITTEN:
            written += e.minutes
            if e.required or optional:
                counted += e.minutes
    return counted, written


@dataclass(frozen=True)
class StoredDays:
    """A class's stored entries and 今日无作业 days for build_days over ``first``..``last``, read once
    for several spans within it (the homework page's day status and its week strip after each save)."""

    first: dt.date
    last: dt.date
    entries: list[tuple[str, bool, Entry]]  # as :func:`stored_entries` gives them
    none_dates: list[str]  # as stored

    @classmethod
    def read(cls, db: Database, class_id: str, first: dt.date, last: dt.date) -> StoredDays:
        ahead = first - dt.timedelta(days=FOR_REST_LOOKAHEAD_DAYS)
        return cls(
            first,
            last,
            stored_entries(db, class_id, first, last, for_rest_from=ahead),
            no_homework_texts(db, class_id, first, last),
        )

    def within(self, first: dt.date, last: dt.date) -> tuple[list[Entry], set[dt.date]]:
        """What reading ``first``..``last`` alone would give: the same conditions, on the stored text."""
        if first < self.first or last > self.last:
            raise ValueError(f"{first}..{last} is not within the days read, {self.first}..{self.last}")
        ahead = (first - dt.timedelta(days=FOR_REST_LOOKAHEAD_DAYS)).isoformat()
        low, high = first.isoformat(), last.isoformat()
        entries = [e for date, rest, e in self.entries if ahead <= date <= high and (date >= low or rest)]
        return entries, {dt.date.fromisoformat(d) for d in self.none_dates if low <= d <= high}


def build_days(
    db: Database,
    school_class: school.SchoolClass,
    start: dt.date,
    end: dt.date,
    today: dt.date,
    calendar: SchoolCalendar,
    rules: Rulebook,
    unsaved: dict[dt.date, list[Entry]] | None = None,
    *,
    stored: StoredDays | None = None,
) -> list[HomeworkDay]:
    """Each day from start to end with its state, minutes and verdict.

    A rest day is judged with its whole rest period, also the part outside start–end (the one place
    every surface gets rest-period verdicts from). ``unsaved`` replaces the stored entries of some days
    (what a teacher is typing, not yet saved). ``stored``: the class's stored days, already read for a
    span covering this one's (:func:`day_and_week`); None: read here.
    """
    first, last = _rest_edge(calendar, start, -1), _rest_edge(calendar, end, 1)
    if stored is None:
        stored = StoredDays.read(db, school_class.id, first, last)
    loaded, none_dates = stored.within(first, last)
    entries = [e for e in loaded if e.date not in (unsaved or {})]
    for day_entries in (unsaved or {}).values():
        entries.extend(day_entries)
    days = _judged(_Judge(db, school_class, today, calendar, rules, entries, none_dates), start, first, last)
    return [d for d in days if start <= d.date <= end]


def _judged(judge: _Judge, start: dt.date, first: dt.date, last: dt.date) -> list[HomeworkDay]:
    """Every day from ``first`` to ``last`` judged, and the rest periods among them (with the grade of
    ``start``, the first day asked for)."""
    days = [judge.day(first + dt.timedelta(days=n)) for n in range((last - first).days + 1)]
    judge.rest_periods(days, start)
    return days


class _Judge:
    """:func:`build_days` of one class over days whose entries are given: each day judged by itself
    (:meth:`day`: its own entries, 今日无作业, kind and grade), then the rest periods as wholes
    (:meth:`rest_periods`) — so a cached strip re-judges only the days a write touched."""

    def __init__(
        self,
        db: Database,
        school_class: school.SchoolClass,
        today: dt.date,
        calendar: SchoolCalendar,
        rules: Rulebook,
        entries: list[Entry],
        none_dates: set[dt.date],
    ) -> None:
        self.db, self.school_class, self.today = db, school_class, today
        self.calendar, self.rules, self.none_dates = calendar, rules, none_dates
        self.by_date: dict[
            dt.date, list[Entry]
        ] = {}  # in entry order (its lists are replaced, never changed)
        for entry in entries:
            self.by_date.setdefault(entry.date, []).append(entry)
        self.carry(entries)

    def carry(self, entries: Iterable[Entry]) -> None:
        """Which of ``entries`` (all of them, in entry order) count toward a rest period ahead."""
        self.carried: dict[dt.date, list[Entry]] = {}  # rest day -> 周末/假期作业 set before it
        self.outgoing_ids: set[int] = set()  # the entries counted toward a rest period ahead (looked up once)
        for entry in entries:
            target = _rest_target(self.calendar, entry) if entry.for_rest else None  # (None for the others)
            if target is not None:
                self.carried.setdefault(target, []).append(entry)
                self.outgoing_ids.add(id(entry))

    def day(self, day: dt.date) -> HomeworkDay:
        db, school_class, today, calendar, rules = (
            self.db,
            self.school_class,
            self.today,
            self.calendar,
            self.rules,
        )
        outgoing_ids = self.outgoing_ids
        grade = school.as_of(db, school_class, day).grade  # the grade the class had that day
        kind = calendar.kind(day)
        todays = self.by_date.get(day, [])
        outgoing = [e for e in todays if id(e) in outgoing_ids] if outgoing_ids else []
        own = [e for e in todays if id(e) not in outgoing_ids] if outgoing_ids else todays
        optional = counts_optional(rules, grade, day)
        counted, written = _minutes(own, optional)
        if todays:
            state = DayState.LOGGED
        elif day in self.none_dates:
            state = DayState.NONE
        elif day > today or kind.is_rest_day:
            # Rest days need no log; days after today cannot be missing yet.
            state = DayState.FUTURE if day > today else DayState.NONE
        else:
            state = DayState.UNLOGGED
        result = HomeworkDay(school_class.id, day, kind, state, todays, written, counted)
        result.total_minutes = sum(e.minutes for e in own)
        result.for_rest_minutes = _minutes(outgoing, optional)[1]
        early = not_in_force(rules, CAP_RULE, grade, day, QT_TRANSLATE_NOOP("Verdict", "作业时长要求"))
        if early and state is DayState.UNLOGGED:  # nothing was asked yet: not 未登记
            result.state = state = DayState.NONE
        if state is DayState.UNLOGGED:
            result.verdict = Verdict(Status.UNLOGGED, translate("Verdict", "当天未登记作业"))
        elif state is DayState.FUTURE:
            result.verdict = Verdict(Status.NA, translate("Verdict", "尚未到该日"))
        elif early:
            result.verdict = early
        elif kind is DayKind.SCHOOL:
            result.cap, result.verdict = check_school_day(rules, grade, day, counted, written=written)
        if result.for_rest_minutes and kind is DayKind.SCHOOL:
            target = min(_rest_target(calendar, e) or day for e in outgoing)
            note = translate("Verdict", "另有周末/假期作业 {minutes} 分钟，计入 {date} 起的休息期").format(
                minutes=result.for_rest_minutes, date=target.isoformat()
            )
            result.verdict = replace(
                result.verdict, reason=f"{result.verdict.reason}{reason_separator()}{note}"
            )
        return result

    def rest_periods(self, days: list[HomeworkDay], start: dt.date) -> None:
        """Judge the rest periods of ``days`` (fresh from :meth:`day`: this sets their rest days' verdicts)."""
        _judge_rest_periods(
            days, self.carried, self.rules, school.as_of(self.db, self.school_class, start).grade
        )


def _judge_rest_periods(
    days: list[HomeworkDay], carried: dict[dt.date, list[Entry]], rules: Rulebook, grade: int
) -> None:
    """A weekend, holiday or vacation is checked as one total: every passed day of it gets its verdict."""
    run: list[HomeworkDay] = []
    for item in [*days, None]:
        if item is not None and item.day_kind.is_rest_day:
            run.append(item)
            continue
        if run:
            period = RestPeriod(run[0].date, run[-1].date)
            passed = [d for d in run if d.state is not DayState.FUTURE]
            set_before = [e for d in run for e in carried.get(d.date, [])]
            optional = counts_optional(rules, grade, period.start)
            before_counted, before_written = _minutes(set_before, optional)
            period.counted_minutes = sum(d.counted_minutes for d in passed) + before_counted
            period.written_minutes = sum(d.written_minutes for d in passed) + before_written
            period.set_before = before_written
            if passed or set_before:
                early = not_in_force(rules, CAP_RULE, grade, period.start, "作业时长要求") or not_in_force(
                    rules, REST_RULE, grade, period.start, "休息日作业总量要求"
                )
                period.cap, period.verdict = (
                    (None, early)
                    if early
                    else check_rest_days(
                        rules, grade, period.start, period.counted_minutes, written=period.written_minutes
                    )
                )
                if set_before and not early:
                    period.verdict = replace(
                        period.verdict,
                        reason=f"{period.label} {period.verdict.reason}（含事先布置的周末/假期作业 "
                        f"{before_written} 分钟）",
                    )
                elif period.start != period.end and not early:
                    period.verdict = replace(period.verdict, reason=f"{period.label} {period.verdict.reason}")
            for d in run:
                d.period = period
                if period.verdict is not None and d.state is not DayState.FUTURE:
                    d.cap, d.verdict = period.cap, period.verdict
            run = []


def periods_ending(days: list[HomeworkDay], start: dt.date, end: dt.date) -> list[RestPeriod]:
    """The judged rest periods whose last day falls in start–end: the span that carries their verdicts."""
    found: dict[int, RestPeriod] = {}
    for d in days:
        p = d.period
        if p is not None and p.verdict is not None and start <= p.end <= end:
            found.setdefault(id(p), p)
    return list(found.values())


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
    today = today or clock.today()
    calendar, rules = SchoolCalendar.of(db), Rulebook.of(db)
    replaced = {day: list(unsaved)} if unsaved is not None else None
    (result,) = build_days(db, school_class, day, day, today, calendar, rules, replaced)
    return result


@dataclass(frozen=True)
class HomeworkWeek:
    """One class's homework week (``AreaWeek.figures``; the JSON keys are these field names)."""

    school_days: int  # school days so far (today once it is logged)
    logged_days: int
    unlogged_days: int
    average_minutes: float | None  # counted written minutes per logged school day; None: nothing logged
    cap: float | None  # the daily cap it is judged against; None: not judged
    over_cap_days: int
    rest_periods: list[dict[str, Any]]  # rest periods ending this week, the deciding one first
    rest_day_minutes: int | None


def days(ctx: WeekContext, classes: Iterable[school.SchoolClass], start: dt.date, end: dt.date) -> ClassDays:
    return {
        c.id: [d.result() for d in build_days(ctx.db, c, start, end, ctx.today, ctx.calendar, ctx.rules)]
        for c in classes
    }


def week(ctx: WeekContext, school_class: school.SchoolClass) -> AreaWeek:
    grade = school_class.grade
    days = build_days(ctx.db, school_class, ctx.monday, ctx.sunday, ctx.today, ctx.calendar, ctx.rules)
    # Today counts once it is logged: homework is logged during the day, so an empty today is not a lapse yet.
    # Days after today never count, even when homework was entered ahead: they have not happened.
    school_days = [
        d
        for d in days
        if d.day_kind is DayKind.SCHOOL and (d.date < ctx.today or (d.date == ctx.today and d.logged))
    ]
    logged = [d for d in school_days if d.logged]
    unlogged = [d for d in school_days if d.state is DayState.UNLOGGED]
    periods = periods_ending(days, ctx.monday, ctx.sunday)
    decisive = max(periods, key=lambda p: (p.verdict.status.rank, p.minutes), default=None)
    figures = HomeworkWeek(
        school_days=len(school_days),
        logged_days=len(logged),
        unlogged_days=len(unlogged),
        average_minutes=None,
        cap=None,
        over_cap_days=sum(1 for d in logged if d.verdict.status.is_red),
        # The rest periods that end this week (whole, also days of the week before), the worst first.
        rest_periods=[p.to_json() for p in sorted(periods, key=lambda p: p is not decisive)],
        rest_day_minutes=decisive.minutes if decisive else None,
    )
    day_json = [d.result() for d in days]
    early = not_in_force(
        ctx.rules, CAP_RULE, grade, min(ctx.sunday, ctx.today), QT_TRANSLATE_NOOP("Verdict", "作业时长要求")
    )
    if early is not None:  # a week before the homework notice took effect
        return AreaWeek.from_verdict(AREA.key, school_class, early, figures=figures, days=day_json)
    on = logged[0].date if logged else min(ctx.sunday, ctx.today)
    if not school_days:
        verdict = Verdict(Status.NA, translate("Verdict", "本周无已到的上课日"))
    elif not logged:
        verdict = Verdict(
            Status.UNLOGGED, translate("Verdict", "本周 {n} 个上课日均未登记作业").format(n=len(unlogged))
        )
    else:
        average = round(sum(d.counted_minutes for d in logged) / len(logged), 1)
        written = round(sum(d.written_minutes for d in logged) / len(logged), 1)
        what = translate("Verdict", "书面作业日均（{n} 个已登记上课日平均）").format(n=len(logged))
        cap, verdict = check_school_day(ctx.rules, grade, on, average, what, written=written)
        if cap == 0:  # grades 1–2: the days with written homework are the finding (below), not an average
            clean = not any(d.verdict.status.is_red for d in logged)
            verdict = replace(
                verdict,
                status=Status.GREEN,
                reason=translate("Verdict", "本周上课日无书面家庭作业") if clean else "",
            )
        figures = replace(figures, average_minutes=average, cap=cap)
        verdict = replace(verdict, source=f"{verdict.source}；{average_reading(ctx.rules, grade, on)}")
    # Violations of a cap make the week red, whatever the average: written homework in grades 1–2, a day
    # over the cap when the school judges day by day, a rest period over the school's total. A single day
    # over an averaged cap is a warning.
    by_day = average_window(ctx.rules, grade, on) == WINDOW_DAY
    over = [d for d in logged if d.verdict.status.is_red]
    strict = [d for d in over if d.cap == 0 or by_day]
    violations = (
        [
            strict[0].verdict.reason
            + (translate("Verdict", "（共 {n} 天）").format(n=len(strict)) if len(strict) > 1 else "")
        ]
        if strict
        else []
    )
    violations += [p.verdict.reason for p in periods if p.verdict.status.is_red]
    breaches = [d.verdict.status for d in strict] + [
        p.verdict.status for p in periods if p.verdict.status.is_red
    ]
    warned = [d for d in over if d not in strict]
    lapses = [
        translate("Verdict", "{n} 天超过上限（单日超过为预警）").format(n=len(warned)) if warned else "",
        *[p.verdict.reason for p in periods if p.verdict.status is Status.YELLOW],
    ]
    lapses = [t for t in lapses if t]
    missing = translate("Verdict", "另有 {n} 天未登记").format(n=len(unlogged)) if unlogged and logged else ""
    if verdict.status is Status.NA and decisive is not None:
        verdict = decisive.verdict  # a week of rest days only: the rest period is the week's verdict
    status = verdict.status
    if lapses:
        status = max(status, Status.YELLOW, key=lambda s: s.rank)
    if missing and status is Status.GREEN:
        status = Status.UNLOGGED  # a missed day reads 未登记, not a warning about the homework itself
    if violations:  # 违规 (grades 1–2) or 超标, the worst of them: never green above a red finding
        status = max(breaches, key=lambda s: s.rank)
    reasons = [r for r in (verdict.reason, *violations, *lapses, missing) if r]
    source = verdict.source or (decisive.verdict.source if decisive else "")
    return AreaWeek.from_verdict(
        AREA.key,
        school_class,
        Verdict(status, reason_separator().join(dict.fromkeys(reasons)), source),
        figures=figures,
        days=day_json,
    )


week_summary = week  # the name the callers of the week summaries know


def unlogged_classes(db: Database, day: dt.date) -> list[school.SchoolClass]:
    """Classes that have not logged homework for a school day (the principal's 未登记 list)."""
    return [missing.school_class for missing in unlogged_days(db, day, day)]


@dataclass(frozen=True)
class MissingLog:
    """A class and the school days of a period on which it logged no homework (nor 今日无作业)."""

    school_class: school.SchoolClass
    head_teacher: str  # "" when the class has no 班主任 set
    days: tuple[dt.date, ...]


def unlogged_days(db: Database, start: dt.date, end: dt.date) -> list[MissingLog]:
    """Every class with school days start..end that have no homework log, in class order.

    Callers pass ``end`` no later than today: a future day is not missing yet (and today is shown as such).
    """
    calendar = SchoolCalendar(db)
    school_days = [
        start + dt.timedelta(days=n)
        for n in range((end - start).days + 1)
        if calendar.kind(start + dt.timedelta(days=n)) is DayKind.SCHOOL
    ]
    if not school_days:
        return []
    span = [start.isoformat(), end.isoformat()]
    logged = {
        (r["class_id"], r["date"])
        for r in db.query(
            f"SELECT DISTINCT class_id, date FROM {ENTRIES} WHERE date BETWEEN ? AND ? AND deleted = 0", span
        )
    } | {
        (r["class_id"], r["date"])
        for r in db.query(
            f"SELECT DISTINCT class_id, date FROM {DAYS} "
            "WHERE date BETWEEN ? AND ? AND deleted = 0 AND no_homework = 1",
            span,
        )
    }
    teachers = {r["id"]: r["name"] for r in records.live_rows(db, "teachers")}
    found = []
    for school_class in school.list_classes(db, on=end):
        days = tuple(d for d in school_days if (school_class.id, d.isoformat()) not in logged)
        if days:
            found.append(MissingLog(school_class, teachers.get(school_class.head_teacher_id or "", ""), days))
    return found

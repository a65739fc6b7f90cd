"""作业管理 — the daily homework register.

A class-day is in one of three states: not logged (未登记), logged with entries, or explicitly "no
homework today" (今日无作业). Only written (书面) minutes count toward the cap; whether optional (选做)
minutes count is a school setting (rule ``homework.count_optional``) — except in grades 1–2, where any
written minutes, required or optional, are a violation. Homework dated on a rest day (weekend, holiday,
vacation), or marked on a school day as 周末/假期作业 (``for_rest``), counts toward the school's total for
the whole rest period (:class:`RestPeriod`), however many weeks the period spans; the week that contains
the period's last day carries its verdict.

The daily caps of grades 3–9 are daily *averages*: the rule ``homework.average_window`` says over which
days the average is taken (default: the week's logged school days; single days over the cap are warnings).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from fivemgmt import clock, records, rights, rowcheck, school, tabular
from fivemgmt.accounts import Actor
from fivemgmt.areas import daily, homework_sheets
from fivemgmt.areas.base import AreaName, AreaWeek, ClassDays, DayResult, WeekContext, not_in_force
from fivemgmt.calendar import DayKind, SchoolCalendar, monday_of
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.i18n import QT_TRANSLATE_NOOP, translate
from fivemgmt.records import Changes, create_record_table
from fivemgmt.rules import Rulebook, Status, Verdict, reason_separator

AREA = AreaName("homework", "作业", "作业管理")
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
        return translate("DayState", DAY_STATE_LABELS[self.value])


DAY_STATE_LABELS = {
    "unlogged": QT_TRANSLATE_NOOP("DayState", "未登记"),
    "none": QT_TRANSLATE_NOOP("DayState", "今日无作业"),
    "logged": QT_TRANSLATE_NOOP("DayState", "已登记"),
    "future": "—",
}


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
    for_rest: bool = False  # 周末/假期作业: set on a school day for the following rest period
    # listed from the 课表 (fivemgmt/timetable.py) for the teacher to fill in: not saved, and not counted,
    # until its content or minutes are typed
    planned: bool = field(default=False, compare=False)

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
            bool(row.get("for_rest")),
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
            "for_rest": int(self.for_rest),
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


# ------------------------------------------------------------------ reading


def entries_between(
    db: Database, class_id: str, start: dt.date, end: dt.date, *, for_rest_from: dt.date | None = None
) -> list[Entry]:
    """A class's entries from start to end, in entry order; with ``for_rest_from``, also the 周末/假期作业
    set from that day on before start (the only earlier entries a rest period ahead counts)."""
    first = start if for_rest_from is None else min(start, for_rest_from)
    # the Entry's columns only, as tuples (as Entry.from_row reads them): the week strip reads them at
    # every save
    rows = db.conn.execute(
        f"SELECT {', '.join(_ENTRY_COLUMNS)} FROM {ENTRIES} WHERE deleted = 0 AND class_id = ?"
        " AND date BETWEEN ? AND ? AND (date >= ? OR for_rest = 1) ORDER BY date, rowid",
        [class_id, first.isoformat(), end.isoformat(), start.isoformat()],
    )
    found = rows.fetchall()
    try:
        return [
            Entry(
                record_id,
                class_,
                dt.date.fromisoformat(date),
                subject,
                content or "",
                kind,
                bool(required),
                minutes or 0,
                teacher or "",
                adjusted or "",
                bool(for_rest),
            )
            for record_id, class_, date, subject, content, kind, required, minutes, teacher, adjusted, for_rest in found
        ]
    except (ValueError, TypeError):  # a row the app could not have stored: skipped (and logged) as always
        return rowcheck.readable(ENTRIES, [dict(zip(_ENTRY_COLUMNS, row)) for row in found], Entry.from_row)


_ENTRY_COLUMNS = (
    "id",
    "class_id",
    "date",
    "subject",
    "content",
    "kind",
    "required",
    "minutes",
    "teacher_name",
    "adjust_reason",
    "for_rest",
)


def _no_homework_dates(db: Database, class_id: str, start: dt.date, end: dt.date) -> set[dt.date]:
    rows = records.live_rows(
        db,
        DAYS,
        "class_id = ? AND date BETWEEN ? AND ? AND no_homework = 1",
        [class_id, start.isoformat(), end.isoformat()],
    )
    return {dt.date.fromisoformat(r["date"]) for r in rows}


def counts_optional(rules: Rulebook, grade: int, day: dt.date) -> bool:
    # Before the setting exists (a day before the notices) nothing is judged: required minutes are shown.
    return rules.has("homework.count_optional", grade, day) and bool(
        rules.value("homework.count_optional", grade, day)
    )


REST_RULE = "homework.rest_day_total_minutes"
WINDOW_RULE = "homework.average_window"
WINDOW_WEEK, WINDOW_DAY = "week", "day"
# Bounds on the calendar search only (not policy numbers): a rest period longer than this is cut (a
# summer vacation is under nine weeks; with no term on one side the calendar would run on for ever),
# and 周末/假期作业 is counted in the first rest period that begins within a week of the day it was set.
REST_PERIOD_MAX_DAYS = 70
FOR_REST_LOOKAHEAD_DAYS = 7


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
                    grade=school.grade_name(grade),
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


def _rest_target(calendar: SchoolCalendar, entry: Entry) -> dt.date | None:
    """The rest day that 周末/假期作业 set on a school day counts toward (None: an ordinary entry)."""
    if not entry.for_rest or calendar.kind(entry.date).is_rest_day:
        return None
    for offset in range(1, FOR_REST_LOOKAHEAD_DAYS + 1):
        candidate = entry.date + dt.timedelta(days=offset)
        if calendar.kind(candidate).is_rest_day:
            return candidate
    return None


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
    written = [e for e in entries if e.kind == WRITTEN]
    return sum(e.minutes for e in written if e.required or optional), sum(e.minutes for e in written)


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

    A rest day is judged with its whole rest period, also the part outside start–end (the one place
    every surface gets rest-period verdicts from). ``unsaved`` replaces the stored entries of some days
    (what a teacher is typing, not yet saved).
    """
    first, last = _rest_edge(calendar, start, -1), _rest_edge(calendar, end, 1)
    loaded = entries_between(
        db, school_class.id, first, last, for_rest_from=first - dt.timedelta(days=FOR_REST_LOOKAHEAD_DAYS)
    )
    entries = [e for e in loaded if e.date not in (unsaved or {})]
    for day_entries in (unsaved or {}).values():
        entries.extend(day_entries)
    none_dates = _no_homework_dates(db, school_class.id, first, last)
    by_date: dict[dt.date, list[Entry]] = {}
    carried: dict[dt.date, list[Entry]] = {}  # rest day -> 周末/假期作业 set before it
    outgoing_ids: set[int] = set()  # the entries counted toward a rest period ahead (looked up once)
    for entry in entries:
        by_date.setdefault(entry.date, []).append(entry)
        target = _rest_target(calendar, entry)
        if target is not None:
            carried.setdefault(target, []).append(entry)
            outgoing_ids.add(id(entry))
    days = []
    day = first
    while day <= last:
        grade = school.as_of(db, school_class, day).grade  # the grade the class had that day
        kind = calendar.kind(day)
        todays = by_date.get(day, [])
        outgoing = [e for e in todays if id(e) in outgoing_ids] if outgoing_ids else []
        own = [e for e in todays if id(e) not in outgoing_ids] if outgoing_ids else todays
        optional = counts_optional(rules, grade, day)
        counted, written = _minutes(own, optional)
        if todays:
            state = DayState.LOGGED
        elif day in none_dates:
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
        days.append(result)
        day += dt.timedelta(days=1)
    _judge_rest_periods(days, carried, rules, school.as_of(db, school_class, start).grade)
    return [d for d in days if start <= d.date <= end]


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
    calendar, rules = SchoolCalendar(db), Rulebook(db)
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
    return save_entries(db, actor, [entry], reason=reason, today=today)


def save_entries(
    db: Database,
    actor: Actor,
    entries: list[Entry],
    *,
    reason: str | None = None,
    today: dt.date | None = None,
    audit_reason: str | None = None,
) -> Changes:
    """The one way entries are written — typed, pasted, copied or imported — all or none: each is checked
    (学科, 类型, 时长, 周末/假期作业); a change to a past day needs a 作业调整说明 (``reason``, kept with the
    entries of past days and in the audit trail, as ``audit_reason`` when given); a class-day's
    今日无作业 gives way to its new entries. Saving an entry exactly as it is changes nothing and needs no
    reason. Sets each entry's id."""
    today = today or clock.today()
    calendar = SchoolCalendar(db)
    for entry in entries:
        _validate(entry)
        if (
            entry.for_rest
            and not calendar.kind(entry.date).is_rest_day
            and _rest_target(calendar, entry) is None
        ):
            raise UserError(
                f"{entry.date.isoformat()} 之后 {FOR_REST_LOOKAHEAD_DAYS} 天内没有周末或假期，"
                "不能标为“周末/假期作业”。"
            )
    changes = Changes()
    with transaction(db):
        olds = _rows_by_id(db, [e.id for e in entries if e.id])
        batch, past = [], []
        for entry in entries:
            values = entry.values()
            first = entry.date
            if entry.id:
                old = olds.get(entry.id)
                if old is None:
                    raise UserError("要修改的作业记录不存在。")
                values["id"] = entry.id
                first = min(dt.date.fromisoformat(old["date"]), entry.date)
                if all(old.get(k) == v for k, v in values.items()):
                    batch.append(values)  # as it is: nothing to write, and nothing to explain
                    continue
            if first < today:
                past.append(first)
                if reason and reason.strip():
                    values["adjust_reason"] = reason.strip()
            batch.append(values)
        if past and not (reason and reason.strip()):
            days = "、".join(d.isoformat() for d in sorted(set(past))[:5])
            more = f" 等 {len(set(past))} 天" if len(set(past)) > 5 else ""
            raise ReasonRequired(f"{days}{more} 已经过去，修改需要填写作业调整说明。")
        note = audit_reason or (reason.strip() if reason else None)
        ids = records.save_many(db, ENTRIES, batch, actor, reason=note, changes=changes)
        for entry, record_id in zip(entries, ids):
            entry.id = record_id
        _clear_no_homework(db, actor, {(e.class_id, e.date) for e in entries}, note, changes)
    return changes


def _rows_by_id(db: Database, ids: list[str]) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found.update((r["id"], r) for r in db.query(f"SELECT * FROM {ENTRIES} WHERE id IN ({marks})", chunk))
    return found


def delete_entry(
    db: Database, actor: Actor, entry_id: str, *, reason: str | None = None, today: dt.date | None = None
) -> Changes:
    today = today or clock.today()

    def check(old: dict) -> None:
        _require_reason(dt.date.fromisoformat(old["date"]), today, reason)

    return records.delete_live(
        db, ENTRIES, entry_id, actor, missing="要删除的作业记录不存在。", check=check, reason=reason
    )


def _clear_no_homework(
    db: Database, actor: Actor, days: set[tuple[str, dt.date]], reason: str | None, changes: Changes
) -> None:
    """今日无作业 is no longer true of a class-day that has entries now."""
    by_class: dict[str, set[str]] = {}
    for class_id, day in days:
        by_class.setdefault(class_id, set()).add(day.isoformat())
    cleared = []
    for class_id, dates in by_class.items():
        for row in records.live_rows(
            db,
            DAYS,
            "class_id = ? AND date BETWEEN ? AND ? AND no_homework = 1",
            [class_id, min(dates), max(dates)],
        ):
            if row["date"] in dates:
                cleared.append({"id": row["id"], "no_homework": 0})
    if cleared:
        records.save_many(db, DAYS, cleared, actor, reason=reason, changes=changes)


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
    today = today or clock.today()
    rights.require(db, actor, DAYS, {"class_id": class_id})
    changes = Changes()
    with transaction(db):
        if daily.day_rows(db, ENTRIES, class_id, day):
            raise UserError("当天已有作业记录，不能标记为“今日无作业”。请先删除这些记录。")
        _require_reason(day, today, reason)
        values = {"class_id": class_id, "date": day.isoformat(), "no_homework": 1}
        daily.save_class_day(db, actor, DAYS, values, reason=reason, changes=changes)
    return changes


def last_day_with_entries(db: Database, class_id: str, before: dt.date) -> dt.date | None:
    """The class's most recent day before ``before`` that has homework entries (what "copy" copies)."""
    row = db.execute(
        f"SELECT MAX(date) FROM {ENTRIES} WHERE class_id = ? AND date < ? AND deleted = 0",
        [class_id, before.isoformat()],
    ).fetchone()
    return dt.date.fromisoformat(row[0]) if row and row[0] else None


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
    today = today or clock.today()
    entries = entries_between(db, class_id, source, source)
    if not entries:
        raise UserError(f"{source.isoformat()} 没有可复制的作业。")
    copies = [
        Entry(
            None,
            class_id,
            target,
            entry.subject,
            entry.content,
            entry.kind,
            entry.required,
            entry.minutes,
            entry.teacher_name,
            for_rest=entry.for_rest,
        )
        for entry in entries
    ]
    return save_entries(db, actor, copies, reason=reason, today=today)


def demo_fill(ctx: Any) -> None:
    from fivemgmt.demo import fill_homework

    fill_homework(ctx)


# ------------------------------------------------------------------ import

FOR_REST_CHOICES = {"是": True, "否": False, "√": True, "✓": True, "周末": True, "假期": True}
REQUIRED_CHOICES = {"必做": True, "选做": False, "是": True, "否": False, "必": True, "选": False}
IMPORT_COLUMNS = [
    tabular.Column("date", "日期", ("布置日期", "作业日期"), parse=tabular.school_date),
    tabular.Column("class", "班级", ("班级名称",), parse=tabular.text, guess=school.class_in_text),
    tabular.Column("subject", "学科", ("科目", "课程"), parse=tabular.text),
    tabular.Column("content", "作业内容", ("内容", "作业"), required=False, parse=tabular.text),
    tabular.Column(
        "kind",
        "作业类型",
        ("类型", "作业形式", "形式"),
        required=False,  # a teacher's own log often has none: read from the content, else 书面
        parse=tabular.choice(
            {k: k for k in KINDS}
            | {"书面作业": "书面", "口头作业": "口头", "实践作业": "实践", "阅读作业": "阅读"}
        ),
    ),
    tabular.Column(
        "required",
        "必做/选做",
        ("必做选做", "必做或选做", "是否必做", "必选"),
        required=False,  # 必做 unless the file says otherwise
        parse=tabular.choice(REQUIRED_CHOICES),
    ),
    tabular.Column(
        "minutes",
        "预计时长(分钟)",
        (
            "预计时长",
            "时长",
            "时长(分钟)",
            "预计完成时间",
            "预计用时(分钟)",
            "预计用时",
            "分钟",
            "用时",
            "用时(分钟)",
        ),
        required=False,  # else read from the content: "练习册P36（20分钟）"
        parse=tabular.minutes,
    ),
    tabular.Column("teacher", "布置教师", ("教师", "任课教师", "老师"), required=False, parse=tabular.text),
    tabular.Column(
        "for_rest",
        "周末/假期作业",
        ("周末作业", "假期作业", "周末或假期作业", "休息日作业"),
        required=False,
        parse=tabular.choice(FOR_REST_CHOICES),
    ),
]


@dataclass
class HomeworkPreview(tabular.Preview):
    """A homework import's preview; ``needs_reason``: the rows (file numbering) that add or change a past
    day's homework, so the import needs a 作业调整说明 as typed entries do."""

    needs_reason: list[int] = field(default_factory=list)
    past_days: list[dt.date] = field(default_factory=list)  # the past days those rows add or change


def preview_import(
    db: Database,
    path: Path,
    *,
    defaults: dict[str, Any] | None = None,
    today: dt.date | None = None,
) -> HomeworkPreview:
    """A homework register (one row per entry) or a 作业公示 week sheet (subjects down, weekdays across).

    ``defaults``: {"class": …} for a one-class sheet, {"week": a day of the week} for a week sheet whose
    title and header give no date."""
    path = Path(path)
    today = today or clock.today()
    sheet = tabular.read_sheet(path)
    week = homework_sheets.find_week_header(sheet.rows)
    if week is not None:
        checked = homework_sheets.preview_week(db, path, sheet, week, defaults)
    else:
        dates = tabular.SchoolDates.of(db)  # every date in a term of the school calendar
        checked = tabular.preview(path, IMPORT_COLUMNS, defaults=defaults, sheet=sheet, dates=dates)
        _fill_from_content(checked)
    result = HomeworkPreview(**{f.name: getattr(checked, f.name) for f in fields(tabular.Preview)})
    classes = school.class_lookup(db)
    calendar = SchoolCalendar(db)
    seen: dict[tuple, int] = {}
    for row in result.rows:
        if row.get("for_rest") and row.get("date") and not calendar.kind(row["date"]).is_rest_day:
            probe = Entry(None, "", row["date"], "", for_rest=True)
            if _rest_target(calendar, probe) is None:
                message = f"{row['date'].isoformat()} 之后 {FOR_REST_LOOKAHEAD_DAYS} 天内没有周末或假期"
                result.errors.append(tabular.RowError(row["_row"], "周末/假期作业", message))
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
    clean = result.clean_rows()  # with errors elsewhere, the good rows still say what they would do
    existing = {
        (r["class_id"], r["date"], r["subject"], r["content"] or "", r["kind"]): r
        for r in _entries_for_rows(db, clean)
    }
    result.start_counting("new", "changed", "unchanged")
    for row in clean:
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
            outcome = "new"
        else:
            row["id"] = old["id"]
            same = (
                old["minutes"] == row["minutes"]
                and bool(old["required"]) == row["required"]
                and bool(old["for_rest"]) == bool(row.get("for_rest"))
                and (old["teacher_name"] or "") == (row.get("teacher") or "")
            )
            outcome = "unchanged" if same else "changed"
        if outcome != "unchanged" and row["date"] < today:
            if row["_row"] not in result.needs_reason:  # a week sheet's line holds several days
                result.needs_reason.append(row["_row"])
            result.past_days = sorted({*result.past_days, row["date"]})
            result.count(row, outcome, f"{tabular.describe(row)}（过去的日子，需要作业调整说明）")
        else:
            result.count(row, outcome)
    if result.needs_reason:
        result.warnings.append(
            f"{_past_rows_text(result, result.needs_reason)}：导入时需要填写一条作业调整说明（记入修改记录）"
        )
    return result


def _fill_from_content(result: tabular.Preview) -> None:
    """Columns a teacher's own log leaves out, or leaves blank: the kind and minutes from the content's text
    (书面 unless it says 口头/阅读/实践…), 必做; the preview says which were filled and how."""
    filled: dict[str, list[int]] = {"kind": [], "guessed": [], "required": [], "minutes": []}
    for row in result.rows:
        text = row.get("content") or ""
        # a key missing from the row is a cell that could not be read: already an error
        if "kind" in row and row["kind"] is None:
            row["kind"], guessed = homework_sheets.kind_in_text(text)
            filled["guessed" if guessed else "kind"].append(row["_row"])
        if "required" in row and row["required"] is None:
            row["required"] = True
            filled["required"].append(row["_row"])
        if "minutes" in row and row["minutes"] is None:
            row["minutes"] = homework_sheets.minutes_in_text(text)
            if row["minutes"] is None:
                result.errors.append(
                    tabular.RowError(row["_row"], "预计时长(分钟)", "没有填写，作业内容中也没有写时长")
                )
            elif not 0 <= row["minutes"] <= 600:
                result.errors.append(tabular.RowError(row["_row"], "预计时长(分钟)", "时长不合理"))
            else:
                filled["minutes"].append(row["_row"])

    def rows(numbers: list[int]) -> str:
        return (
            "全部行"
            if len(numbers) == len(result.rows)
            else "第 " + "、".join(map(str, numbers[:15])) + " 行"
        )

    if filled["kind"]:
        result.warnings.append(
            f"作业类型：{rows(filled['kind'])}按作业内容判断（未写口头/阅读/实践的按书面）"
        )
    if filled["guessed"]:
        result.warnings.append(f"作业类型：{rows(filled['guessed'])}是按内容推测的，请核对")
    if filled["required"]:
        result.warnings.append(f"必做/选做：{rows(filled['required'])}按必做")
    if filled["minutes"]:
        result.warnings.append(f"预计时长：{rows(filled['minutes'])}从作业内容中读出")


def commit_import(
    db: Database,
    actor: Actor,
    result: tabular.Preview,
    *,
    reason: str | None = None,
    today: dt.date | None = None,
) -> Changes:
    """Write a checked homework file in one transaction (all rows or none), through the same operation as
    typed entries (:func:`save_entries`): rows of past days need ``reason`` (the import's one
    作业调整说明; :attr:`HomeworkPreview.needs_reason` lists them), and 今日无作业 gives way to new entries."""
    result.require_ok()
    entries = [
        Entry(
            row.get("id"),
            row["class_id"],
            row["date"],
            row["subject"],
            row.get("content") or "",
            row["kind"],
            row["required"],
            row["minutes"],
            row.get("teacher") or "",
            for_rest=bool(row.get("for_rest")),
        )
        for row in result.rows
    ]
    try:
        return save_entries(
            db,
            actor,
            entries,
            reason=reason,
            today=today,
            audit_reason=f"导入：{reason.strip()}" if reason and reason.strip() else "导入",
        )
    except ReasonRequired:
        rows = getattr(result, "needs_reason", [])
        if not rows:
            raise
        raise ReasonRequired(
            f"{_past_rows_text(result, rows)}，导入需要填写作业调整说明（一条，用于这次导入）。"
        ) from None


def _past_rows_text(result: tabular.Preview, rows: list[int]) -> str:
    """第 2、3 行是已经过去的日子（2026-11-23、2026-11-24）"""
    numbers = "、".join(map(str, rows[:15])) + (f" 等 {len(rows)} 行" if len(rows) > 15 else " 行")
    days = getattr(result, "past_days", [])
    dates = "、".join(d.isoformat() for d in days[:5]) + (" 等" if len(days) > 5 else "")
    return f"第 {numbers}是已经过去的日子（{dates}）"


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

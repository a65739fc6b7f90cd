"""睡眠管理 — checks: each day's verdict and the week's figures (``week_summary``)."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlite_utils import Database

from fivemgmt import school
from fivemgmt.areas.base import AreaWeek, ClassDays, DayResult, WeekContext, not_in_force
from fivemgmt.areas.sleep.records import (
    AREA,
    LOOKBACK_DAYS,
    STAGE_GRADE,
    Schedule,
    SleepRecord,
    _from_key,
    _hours,
    _rules_for,
    bedtime_key,
    check_record,
    duration_text,
    hm,
    meets_bedtime,
    meets_sleep,
    records_between,
    schedules,
    school_stages,
    stage_name,
)
from fivemgmt.calendar import SchoolCalendar
from fivemgmt.i18n import QT_TRANSLATE_NOOP, translate
from fivemgmt.percent import percent
from fivemgmt.rules import Rulebook, Status, Verdict, reason_separator


@dataclass
class StudentSleep:
    student_id: str
    name: str
    class_id: str
    nights: int
    mean_minutes: float | None
    median_bedtime: dt.time | None
    latest_bedtime: dt.time | None
    sleep_ok: bool | None
    bedtime_ok: bool | None


@dataclass
class SleepStats:
    """The sampled students of a class (or grade) over a window, against the stage's rules."""

    sampled: int = 0
    meet_sleep_share: float | None = None
    meet_bedtime_share: float | None = None
    median_hours: float | None = None
    median_minutes: float | None = None
    min_hours: float | None = None
    latest_bedtime: str | None = None
    hours: list[float] = field(default_factory=list)
    short_students: list[str] = field(default_factory=list)
    late_students: list[str] = field(default_factory=list)
    required_hours: float | None = None
    required_bedtime: str | None = None
    students: list[StudentSleep] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)

    def figures(
        self, this_week: bool | None = None, window: tuple[dt.date, dt.date] | None = None
    ) -> SleepWeek:
        return SleepWeek(
            sampled=self.sampled,
            meet_sleep_share=self.meet_sleep_share,
            meet_bedtime_share=self.meet_bedtime_share,
            median_hours=self.median_hours,
            min_hours=self.min_hours,
            latest_bedtime=self.latest_bedtime,
            # Copies: one class's stats stand for several weeks of a period (``_window_stats``).
            hours=list(self.hours),
            short_students=list(self.short_students),
            late_students=list(self.late_students),
            required_hours=self.required_hours,
            required_bedtime=self.required_bedtime,
            sample_dates=list(self.dates),
            this_week=this_week,
            window_start=window[0].isoformat() if window else None,
            window_end=window[1].isoformat() if window else None,
        )


@dataclass(frozen=True)
class SleepWeek:
    """One class's sleep figures of a week (``AreaWeek.figures``; the JSON keys are these field names).
    The shares are None when no student was sampled — never 0."""

    sampled: int
    meet_sleep_share: float | None
    meet_bedtime_share: float | None
    median_hours: float | None
    min_hours: float | None
    latest_bedtime: str | None
    hours: list[float]
    short_students: list[str]
    late_students: list[str]
    required_hours: float | None
    required_bedtime: str | None
    sample_dates: list[str]
    this_week: bool | None  # sampled this week (False: the month before stands in); None: not judged
    window_start: str | None
    window_end: str | None


def _share(values: list[bool | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(sum(known) / len(known), 3) if known else None


def stats_for(items: list[SleepRecord], rules: Rulebook, grade: int, on: dt.date) -> SleepStats:
    """Per student: the mean of their nights and their median bedtime; then the shares meeting each rule."""
    min_rule, bed_rule = _rules_for(rules, grade, on)
    required = round(float(min_rule.value) * 60)
    latest_key = bedtime_key(dt.time.fromisoformat(bed_rule.value))
    by_student: dict[str, list[SleepRecord]] = {}
    for item in items:
        by_student.setdefault(item.student_id, []).append(item)
    students = []
    for student_id, nights in by_student.items():
        minutes = [n.minutes for n in nights if n.minutes is not None]
        keys = [bedtime_key(n.bedtime) for n in nights if n.bedtime is not None]
        mean = sum(minutes) / len(minutes) if minutes else None
        median_key = statistics.median(keys) if keys else None
        if mean is not None:
            sleep_ok = mean >= required
        else:
            flags = [n.hours_ok for n in nights if n.hours_ok is not None]
            sleep_ok = all(flags) if flags else None
        if median_key is not None:
            bed_ok = median_key <= latest_key
        else:
            flags = [n.bedtime_ok for n in nights if n.bedtime_ok is not None]
            bed_ok = all(flags) if flags else None
        students.append(
            StudentSleep(
                student_id,
                nights[0].student_name,
                nights[0].class_id,
                len(nights),
                mean,
                None if median_key is None else _from_key(median_key),
                _from_key(max(keys)) if keys else None,
                sleep_ok,
                bed_ok,
            )
        )
    students.sort(key=lambda s: s.name)
    means = sorted(s.mean_minutes for s in students if s.mean_minutes is not None)
    hours = [_hours(m) for m in means]
    bedtimes = [s.latest_bedtime for s in students if s.latest_bedtime is not None]
    return SleepStats(
        sampled=len(students),
        meet_sleep_share=_share([s.sleep_ok for s in students]),
        meet_bedtime_share=_share([s.bedtime_ok for s in students]),
        median_hours=_hours(statistics.median(means)) if means else None,
        median_minutes=statistics.median(means) if means else None,
        min_hours=hours[0] if hours else None,
        latest_bedtime=hm(max(bedtimes, key=bedtime_key)) if bedtimes else None,
        hours=hours,
        short_students=[s.name for s in students if s.sleep_ok is False],
        late_students=[s.name for s in students if s.bedtime_ok is False],
        required_hours=float(min_rule.value),
        required_bedtime=bed_rule.value,
        students=students,
        dates=sorted({i.date.isoformat() for i in items}),
    )


def judge_stats(stats: SleepStats, rules: Rulebook, grade: int, on: dt.date) -> Verdict:
    """A class's (or grade's) sampled students: red below ``sleep.class_red_share`` meeting a rule, yellow
    below ``sleep.class_meet_share`` (both school settings: the notice sets no share)."""
    min_rule, bed_rule = _rules_for(rules, grade, on)
    if not stats.sampled:
        return Verdict(Status.UNLOGGED, translate("Verdict", "没有睡眠抽查记录"))
    target = float(rules.value("sleep.class_meet_share", grade, on))
    red_rule = rules.rule("sleep.class_red_share", grade, on)
    red_below = float(red_rule.value)
    parts = [translate("Verdict", "抽查 {n} 人").format(n=stats.sampled)]
    status = Status.GREEN
    for share, text in (
        (stats.meet_sleep_share, translate("Verdict", "睡眠≥{hours}小时").format(hours=min_rule.value)),
        (stats.meet_bedtime_share, translate("Verdict", "{time}前就寝").format(time=bed_rule.value)),
    ):
        if share is None:
            continue
        parts.append(f"{text} {percent(share)}")
        if share < red_below:
            status = Status.BELOW
        elif share < target and status is Status.GREEN:
            status = Status.YELLOW
    if stats.median_minutes is not None:
        parts.append(
            translate("Verdict", "睡眠中位数 {duration}").format(duration=duration_text(stats.median_minutes))
        )
    if status is Status.BELOW:
        parts.append(
            translate("Verdict", "达标比例低于 {share}（学校设置的未达标线）").format(
                share=percent(red_below)
            )
        )
    elif status is Status.YELLOW:
        parts.append(
            translate("Verdict", "达标比例低于 {share}（学校设置的预警线）").format(share=percent(target))
        )
    return Verdict(
        status, translate("Verdict", "，").join(parts), f"{min_rule.cited}；班级判定比例：{red_rule.cited}"
    )


def class_stats(
    db: Database,
    school_class: school.SchoolClass,
    start: dt.date,
    end: dt.date,
    rules: Rulebook | None = None,
) -> SleepStats:
    rules = rules or Rulebook(db)
    grade = school.as_of(db, school_class, end).grade
    return stats_for(records_between(db, [school_class.id], start, end), rules, grade, end)


def grade_stats(
    db: Database, grade: int, start: dt.date, end: dt.date, rules: Rulebook | None = None
) -> tuple[SleepStats, Verdict]:
    """All sampled students of a grade together, with the grade's verdict."""
    rules = rules or Rulebook(db)
    ids = [c.id for c in school.list_classes(db, grade, on=end)]
    stats = stats_for(records_between(db, ids, start, end), rules, grade, end)
    return stats, judge_stats(stats, rules, grade, end)


@dataclass
class FollowUp:
    student_id: str
    name: str
    class_id: str
    class_name: str
    short_nights: int
    late_nights: int
    last_date: dt.date
    details: list[str]


def follow_up_list(
    db: Database, class_id: str | None, start: dt.date, end: dt.date, rules: Rulebook | None = None
) -> list[FollowUp]:
    """Students short of sleep (or late to bed) on at least ``sleep.repeat_short_count`` nights in the window:
    the 班主任's follow-up list (talk to the family, adjust homework)."""
    rules = rules or Rulebook(db)
    classes = [school.get_class(db, class_id, on=end)] if class_id else school.list_classes(db, on=end)
    result = []
    for school_class in classes:
        min_rule, bed_rule = _rules_for(rules, school_class.grade, end)
        threshold = int(rules.value("sleep.repeat_short_count", school_class.grade, end))
        by_student: dict[str, list[SleepRecord]] = {}
        for item in records_between(db, [school_class.id], start, end):
            by_student.setdefault(item.student_id, []).append(item)
        for student_id, nights in by_student.items():
            short = [n for n in nights if meets_sleep(n, min_rule.value) is False]
            late = [n for n in nights if meets_bedtime(n, bed_rule.value) is False]
            if len(short) >= threshold or len(late) >= threshold:
                details = [
                    f"{n.date:%m-%d} {check_record(rules, school_class.grade, n).reason}"
                    for n in nights
                    if n in short or n in late
                ]
                result.append(
                    FollowUp(
                        student_id,
                        nights[0].student_name,
                        school_class.id,
                        school_class.name,
                        len(short),
                        len(late),
                        max(n.date for n in nights),
                        details,
                    )
                )
    result.sort(key=lambda f: (-(f.short_nights + f.late_nights), f.class_name, f.name))
    return result


def check_schedule_item(rules: Rulebook, stage: str, item: Schedule | None, on: dt.date) -> Verdict:
    """First class no earlier than the rule (08:20 exactly passes for 小学), and no required early arrival."""
    early = not_in_force(
        rules,
        "sleep.earliest_first_class",
        STAGE_GRADE[stage],
        on,
        QT_TRANSLATE_NOOP("Verdict", "作息时间要求"),
    )
    if early is not None:
        return early
    rule = rules.rule("sleep.earliest_first_class", STAGE_GRADE[stage], on)
    name = stage_name(stage)
    if item is None or item.first_class is None:
        text = translate("Verdict", "未填写{stage}上午第一节课时间")
        return Verdict(Status.UNLOGGED, text.format(stage=name), rule.cited)
    problems = []
    if item.first_class < dt.time.fromisoformat(rule.value):
        text = translate("Verdict", "{stage}上午 {time} 上课，早于 {earliest}")
        problems.append(text.format(stage=name, time=hm(item.first_class), earliest=rule.value))
    if item.early_arrival:
        if item.early_arrival_note:
            text = translate("Verdict", "{stage}要求学生提前到校参加统一活动（{note}）")
        else:
            text = translate("Verdict", "{stage}要求学生提前到校参加统一活动")
        problems.append(text.format(stage=name, note=item.early_arrival_note))
    if problems:
        return Verdict(Status.VIOLATION, reason_separator().join(problems), rule.cited)
    if item.midday_rest_minutes:
        text = translate(
            "Verdict", "{stage}上午 {time} 上课，不早于 {earliest}，不要求提前到校，午休 {rest} 分钟"
        )
    else:
        text = translate("Verdict", "{stage}上午 {time} 上课，不早于 {earliest}，不要求提前到校")
    return Verdict(
        Status.GREEN,
        text.format(
            stage=name, time=hm(item.first_class), earliest=rule.value, rest=item.midday_rest_minutes
        ),
        rule.cited,
    )


def check_schedule(
    db: Database, day: dt.date, rules: Rulebook | None = None, calendar: SchoolCalendar | None = None
) -> dict[str, Verdict]:
    """Each stage the school has → its schedule verdict for the term around day."""
    rules = rules or Rulebook(db)
    term = (calendar or SchoolCalendar(db)).current_or_last_term(day)
    items = schedules(db, term.id) if term else {}
    return {stage: check_schedule_item(rules, stage, items.get(stage), day) for stage in school_stages(db)}


# ------------------------------------------------------------------ monthly sleep monitoring (睡眠监测)


@dataclass
class MonitoringRow:
    school_class: school.SchoolClass
    class_size: int
    sampled: int
    dates: list[dt.date]
    verdict: Verdict

    @property
    def done(self) -> bool:
        """The class sampled as often as the month requires."""
        return self.verdict.status is Status.GREEN


def monthly_monitoring(
    db: Database, year: int, month: int, today: dt.date, rules: Rulebook | None = None
) -> list[MonitoringRow]:
    """Which classes sampled sleep this month (``sleep.monthly_sample_required`` sample dates) and which not.

    A month still running with no sample yet is 未登记; a month that ended without one is red."""
    rules = rules or Rulebook(db)
    first = dt.date(year, month, 1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    result = []
    for school_class in school.list_classes(db, on=first):
        items = records_between(db, [school_class.id], first, last)
        dates = sorted({i.date for i in items})
        rule = rules.rule("sleep.monthly_sample_required", school_class.grade, first)
        size = len(school.list_students(db, school_class.id, on=min(last, today)))
        sampled = len({i.student_id for i in items})
        needed = int(rule.value)
        if len(dates) >= needed:
            shown = "、".join(f"{d:%m-%d}" for d in dates[:4]) + (
                translate("Verdict", "等") if len(dates) > 4 else ""
            )
            text = translate("Verdict", "本月已抽查 {n} 次（{dates}），{sampled}/{size} 人")
            verdict = Verdict(
                Status.GREEN, text.format(n=len(dates), dates=shown, sampled=sampled, size=size), rule.cited
            )
        elif last >= today:
            if dates:
                text = translate("Verdict", "{month}月已抽查 {n} 次，要求 {needed} 次")
            else:
                text = translate("Verdict", "{month}月尚未开展睡眠抽查")
            verdict = Verdict(
                Status.UNLOGGED, text.format(month=month, n=len(dates), needed=needed), rule.cited
            )
        else:
            text = translate("Verdict", "{month}月睡眠抽查 {n} 次，少于要求的 {needed} 次")
            verdict = Verdict(Status.BELOW, text.format(month=month, n=len(dates), needed=needed), rule.cited)
        result.append(MonitoringRow(school_class, size, sampled, dates, verdict))
    return result


# ------------------------------------------------------------------ what the 睡眠 page shows

RESULT_DAYS = 31  # the class results cover the month up to the chosen day


@dataclass
class ClassResults:
    """班级与年级结果 of one class up to a day: the class and its grade judged over ``RESULT_DAYS`` days, and
    the term's follow-up list. Before the sleep notice nothing is judged: ``verdict`` says so, and there is
    no grade verdict and no list."""

    start: dt.date
    end: dt.date
    verdict: Verdict
    short_students: list[str]
    grade_verdict: Verdict | None
    follow_ups: list[FollowUp]


def class_results(
    db: Database,
    school_class: school.SchoolClass,
    day: dt.date,
    today: dt.date,
    rules: Rulebook | None = None,
) -> ClassResults:
    rules = rules or Rulebook(db)
    end = min(day, today)
    start = end - dt.timedelta(days=RESULT_DAYS - 1)
    early = in_force(rules, school_class.grade, end)
    if early is not None:
        return ClassResults(start, end, early, [], None, [])
    stats = class_stats(db, school_class, start, end, rules)
    _grade, grade_verdict = grade_stats(db, school_class.grade, start, end, rules)
    term = SchoolCalendar(db).current_or_last_term(end)
    return ClassResults(
        start,
        end,
        judge_stats(stats, rules, school_class.grade, end),
        stats.short_students,
        grade_verdict,
        follow_up_list(db, school_class.id, term.start if term else start, end, rules),
    )


# ------------------------------------------------------------------ week summary


def week_window(ctx_monday: dt.date, today: dt.date) -> tuple[dt.date, dt.date]:
    end = min(ctx_monday + dt.timedelta(days=6), today)
    return end - dt.timedelta(days=LOOKBACK_DAYS - 1), end


def in_force(rules: Rulebook, grade: int, on: dt.date) -> Verdict | None:
    """None when the sleep rules apply on ``on``; before the notice (2021-03-30) an NA verdict saying so."""
    return not_in_force(rules, "sleep.min_hours", grade, on, QT_TRANSLATE_NOOP("Verdict", "睡眠管理要求"))


# ------------------------------------------------------------------ one class-day (the page's status strip)


@dataclass(frozen=True)
class SleepDayFigures:
    """A day's figures (``DayResult.figures``; the day's JSON keys): the students sampled that date."""

    sampled: int
    median_minutes: float | None
    latest_bedtime: str | None  # HH:MM


DAY_FIGURES = SleepDayFigures


DAILY = False  # sampled (a questionnaire a month, spot checks): a day without a sample is not a lapse


def record_spans(
    ctx: WeekContext, classes: Iterable[school.SchoolClass], start: dt.date, end: dt.date
) -> dict[str, list[SleepRecord]]:
    """The classes' records start..end (within a period: read once, with the month before it that a week
    without samples is judged on)."""

    def load(items: list[school.SchoolClass], first: dt.date, last: dt.date) -> dict[str, list[SleepRecord]]:
        found: dict[str, list[SleepRecord]] = {c.id: [] for c in items}
        for record in records_between(ctx.db, [c.id for c in items], first, last):
            found.setdefault(record.class_id, []).append(record)
        return found

    return ctx.spans("sleep.records", load, classes, start, end, reach=LOOKBACK_DAYS)


def days(ctx: WeekContext, classes: Iterable[school.SchoolClass], start: dt.date, end: dt.date) -> ClassDays:
    classes = list(classes)
    by_day: dict[tuple[str, dt.date], list[SleepRecord]] = {}
    for items in record_spans(ctx, classes, start, end).values():
        for record in items:
            by_day.setdefault((record.class_id, record.date), []).append(record)
    result: ClassDays = {}
    for school_class in classes:
        found, day = [], start
        while day <= end:
            kind, items = ctx.calendar.kind(day), by_day.get((school_class.id, day), [])
            early = in_force(ctx.rules, school_class.grade, day)
            # Before the notice there is nothing to compare a night with: only who was sampled.
            stats = (
                stats_for(items, ctx.rules, school_class.grade, day)
                if items and early is None
                else SleepStats(sampled=len({r.student_id for r in items}))
            )
            figures = SleepDayFigures(
                sampled=stats.sampled,
                median_minutes=stats.median_minutes,
                latest_bedtime=stats.latest_bedtime,
            )
            if items:
                state, verdict = "logged", early or judge_stats(stats, ctx.rules, school_class.grade, day)
            elif day > ctx.today:
                state, verdict = "future", Verdict(Status.NA, translate("Verdict", "尚未到该日"))
            else:
                state = "rest" if kind.is_rest_day else "none"
                verdict = early or Verdict(Status.NA, translate("Verdict", "当天无睡眠记录（睡眠按月抽查）"))
            found.append(DayResult.of(day, kind, state, verdict, figures))
            day += dt.timedelta(days=1)
        result[school_class.id] = found
    return result


def week(ctx: WeekContext, school_class: school.SchoolClass) -> AreaWeek:
    week_days = days(ctx, [school_class], ctx.monday, ctx.sunday)[school_class.id]
    if ctx.monday > ctx.today:
        return AreaWeek.from_verdict(
            AREA.key,
            school_class,
            Verdict(Status.NA, translate("Verdict", "尚未到该周")),
            figures=SleepStats().figures(),
            days=week_days,
        )
    early = in_force(ctx.rules, school_class.grade, min(ctx.sunday, ctx.today))
    if early is not None:
        return AreaWeek.from_verdict(
            AREA.key, school_class, early, figures=SleepStats().figures(), days=week_days
        )
    week_items = record_spans(ctx, [school_class], ctx.monday, min(ctx.sunday, ctx.today))[school_class.id]
    start, end = week_window(ctx.monday, ctx.today)
    this_week = bool(week_items)
    items = week_items if this_week else record_spans(ctx, [school_class], start, end)[school_class.id]
    stats = _window_stats(ctx, school_class, items, end)
    figures = stats.figures(this_week, (ctx.monday if this_week else start, end))
    if not items:
        text = translate("Verdict", "本周及近一个月（{start} 至 {end}）均无睡眠抽查记录")
        verdict = Verdict(Status.UNLOGGED, text.format(start=f"{start:%m-%d}", end=f"{end:%m-%d}"))
        return AreaWeek.from_verdict(AREA.key, school_class, verdict, figures=figures, days=week_days)
    verdict = judge_stats(stats, ctx.rules, school_class.grade, end)
    reason = verdict.reason
    if not this_week:
        text = translate("Verdict", "本周未抽查，按近一个月的抽查（{dates}）：{reason}")
        reason = text.format(dates="、".join(d[5:] for d in stats.dates[-3:]), reason=reason)
    status = verdict.status
    schedule = ctx.once("sleep.schedule", lambda: check_schedule(ctx.db, end, ctx.rules, ctx.calendar)).get(
        school_class.stage
    )
    if schedule is not None and schedule.status.is_red:
        status = max(status, schedule.status, key=lambda s: s.rank)
        reason += reason_separator() + translate("Verdict", "作息：{reason}").format(reason=schedule.reason)
    return AreaWeek.from_verdict(
        AREA.key, school_class, Verdict(status, reason, verdict.source), figures=figures, days=week_days
    )


def _window_stats(
    ctx: WeekContext, school_class: school.SchoolClass, items: list[SleepRecord], end: dt.date
) -> SleepStats:
    """``stats_for`` of a week's records; within a period remembered per class and set of records, since
    the weeks without a sample of their own are judged on the same month's samples (the result depends
    only on the records and the two rules' values, see ``stats_for``)."""
    if any(i.id is None for i in items):  # records not read from the file have no identity to share
        return stats_for(items, ctx.rules, school_class.grade, end)
    min_rule, bed_rule = _rules_for(ctx.rules, school_class.grade, end)
    key = "|".join(["sleep.stats", str(min_rule.value), str(bed_rule.value), *(str(i.id) for i in items)])
    return ctx.per_period(key, lambda: stats_for(items, ctx.rules, school_class.grade, end))


week_summary = week  # the name the callers of the week summaries know


def day_check(
    db: Database,
    school_class: school.SchoolClass,
    day: dt.date,
    today: dt.date,
    rules: Rulebook | None = None,
) -> tuple[Verdict, SleepStats]:
    """The class's records of one date judged together; a date without records is judged as its week is
    (the month's samples), so the strip never shows a sampled-monthly class as simply missing."""
    rules = rules or Rulebook(db)
    early = in_force(rules, school_class.grade, day)
    if early is not None:
        return early, SleepStats()
    stats = class_stats(db, school_class, day, day, rules)
    if stats.sampled:
        return judge_stats(stats, rules, school_class.grade, day), stats
    ctx = WeekContext.load(
        db, day - dt.timedelta(days=day.weekday()), min(today, day) if day <= today else today
    )
    week = week_summary(ctx, school_class)
    # The figures first, then why they are not this day's own: "当天无记录" in front of figures would read
    # as if they were missing too.
    note = translate("Verdict", "（当天无抽查记录，以上为本周判定）")
    return Verdict(week.status, f"{week.reason}{note}", week.source), stats

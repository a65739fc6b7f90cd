"""The numbers behind the dashboard charts: plain data, computed once, shared by the GUI, CLI and PDF reports.

Everything here is read from :func:`fivemgmt.summary.week_summary` (the single source of the week's numbers)
plus the rule book for the limits; the only extra query is :func:`subject_breakdown`, which reads homework
entries for one class. An area whose module is not built yet, or that has no figures, is reported as
"no data" (``None`` / empty) so a chart can say 暂无数据 instead of drawing zeros.
"""

from __future__ import annotations

import datetime as dt
import statistics
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from fivemgmt import audit, class_names, school
from fivemgmt.areas import homework as hw
from fivemgmt.calendar import SchoolCalendar, monday_of, week_days
from fivemgmt.errors import UserError
from fivemgmt.records import Changes
from fivemgmt.rules import Rulebook, Status
from fivemgmt.summary import ClassWeek, SchoolWeek, week_summary


@dataclass(frozen=True)
class NavTarget:
    """Where a click on a chart leads: a class and (optionally) a day in an area's register."""

    class_id: str
    class_name: str
    area: str
    day: dt.date | None = None


# ------------------------------------------------------------------ helpers


def has_figures(week: SchoolWeek, area: str) -> bool:
    """True when the area's module exists and reports figures for at least one class."""
    return any(a.figures is not None and not a.invalid for a in week.area(area))


def rule_value(rules: Rulebook, rule_id: str, grade: int, on: dt.date) -> Any:
    return rules.value(rule_id, grade, on) if rules.has(rule_id, grade, on) else None


def _mean(values: Iterable[float | None]) -> float | None:
    known = [float(v) for v in values if v is not None]
    return round(statistics.fmean(known), 1) if known else None


# ------------------------------------------------------------------ overview


@dataclass
class OverviewRow:
    class_id: str
    class_name: str
    grade: int
    statuses: dict[str, Status]
    reasons: dict[str, str]
    red_share: float

    def above_average(self, average: float) -> bool:
        return self.red_share > average + 1e-9


@dataclass
class Overview:
    areas: list[tuple[str, str]]  # (key, title)
    rows: list[OverviewRow]
    average_red_share: float


def overview(week: SchoolWeek) -> Overview:
    """The class × area status grid, each class's red share and the school average."""
    areas = list(week.area_titles.items())
    rows = [
        OverviewRow(
            c.school_class.id,
            c.school_class.name,
            c.school_class.grade,
            {k: a.status for k, a in c.areas.items()},
            {k: a.reason for k, a in c.areas.items()},
            c.red_share,
        )
        for c in week.classes
    ]
    return Overview(areas, rows, week.average_red_share)


# ------------------------------------------------------------------ homework


@dataclass
class HeatCell:
    day: dt.date
    day_kind: str  # school / weekend / holiday / vacation
    state: str  # unlogged / none / logged / future
    minutes: int | None  # written minutes counted toward the cap; None when not logged (never 0)
    cap: float | None
    status: Status


@dataclass
class HeatRow:
    class_id: str
    class_name: str
    grade: int
    cells: list[HeatCell]


def homework_heatmap(week: SchoolWeek) -> list[HeatRow]:
    """Class × day: counted written minutes with each day's verdict against the class's own cap."""
    rows = []
    for c in week.classes:
        area = c.areas.get("homework")
        if area is not None and area.invalid:
            # a finding (stored data the app could not read): the class stays on the map, marked
            cells = [
                HeatCell(d, "school", "invalid", None, None, area.status) for d in week_days(week.monday)
            ]
            rows.append(HeatRow(c.school_class.id, c.school_class.name, c.school_class.grade, cells))
            continue
        if area is None or not area.days:
            continue
        cells = []
        for d in area.days:
            logged = d.state in ("logged", "none")
            # Grades 1–2 (cap 0): every written minute is the finding, optional ones too.
            shown = d.figures.written_minutes if d.figures.cap == 0 else d.figures.counted_minutes
            minutes = (shown or 0) if logged else None
            cells.append(HeatCell(d.date, d.kind.value, d.state, minutes, d.figures.cap, d.status))
        rows.append(HeatRow(c.school_class.id, c.school_class.name, c.school_class.grade, cells))
    return rows


@dataclass
class GradeMean:
    grade: int
    grade_name: str
    mean: float | None  # mean of the classes' figure; None when no class of the grade has a value
    classes: int
    with_value: int
    limit: float | None


def grade_means(
    week: SchoolWeek, area: str, key: str, limit_rule: str | None, rules: Rulebook
) -> list[GradeMean]:
    """Per grade: the mean over classes of one figure (classes without a value are left out, not zeros)."""
    by_grade: dict[int, list[Any]] = {}
    for c in week.classes:
        a = c.areas.get(area)
        if a is None:
            continue
        # getattr, not .get: a figure renamed in the area is an AttributeError here, never a blank bar
        by_grade.setdefault(c.school_class.grade, []).append(
            None if a.figures is None or a.invalid else getattr(a.figures, key)
        )
    result = []
    for grade in sorted(by_grade):
        values = by_grade[grade]
        limit = rule_value(rules, limit_rule, grade, week.monday) if limit_rule else None
        result.append(
            GradeMean(
                grade,
                class_names.grade_name(grade),
                _mean(values),
                len(values),
                sum(v is not None for v in values),
                None if limit is None else float(limit),
            )
        )
    return result


@dataclass
class SubjectWeek:
    class_id: str
    class_name: str
    days: list[dt.date]
    subjects: list[str]
    minutes: dict[str, list[int]]  # subject -> counted written minutes per day
    optional: list[int]  # written minutes not counted toward the cap (选做, per school setting)
    logged: list[bool]  # False: 未登记 (or a day still to come) — never drawn as 0
    caps: list[float | None]


def subject_breakdown(
    db: Database, class_id: str, monday: dt.date, today: dt.date, week: SchoolWeek | None = None
) -> SubjectWeek:
    """Written homework minutes of one class per day and subject (the stacked-bar chart)."""
    from fivemgmt.areas import homework as hw

    school_class = school.get_class(db, class_id, on=monday)
    days = week_days(monday)
    week = week or week_summary(db, monday, today=today, areas=["homework"], class_ids=[class_id])
    row = next((c for c in week.classes if c.school_class.id == class_id), None)
    if row is None or "homework" not in row.areas:
        raise UserError(f"{school_class.name}本周没有作业数据。")
    if not row.areas["homework"].days:  # a finding (data the app could not read), not figures
        raise UserError(f"{school_class.name}：{row.areas['homework'].reason}")
    day_info = {d.date: d for d in row.areas["homework"].days}
    rules = Rulebook(db)
    entries = hw.entries_between(db, class_id, days[0], days[-1])
    subjects: list[str] = []
    minutes: dict[str, list[int]] = {}
    optional = [0] * 7
    for entry in entries:
        if entry.kind != hw.WRITTEN:
            continue
        index = (entry.date - monday).days
        if entry.required or hw.counts_optional(rules, school_class.grade, entry.date):
            if entry.subject not in minutes:
                subjects.append(entry.subject)
                minutes[entry.subject] = [0] * 7
            minutes[entry.subject][index] += entry.minutes
        else:
            optional[index] += entry.minutes
    logged = [day_info[d].state in ("logged", "none") for d in days]
    caps = [day_info[d].figures.cap for d in days]
    return SubjectWeek(class_id, school_class.name, days, subjects, minutes, optional, logged, caps)


@dataclass
class RestRow:
    class_id: str
    class_name: str
    grade: int
    minutes: int | None  # None: no rest day of this week has passed
    cap: float | None
    status: Status
    first_rest_day: dt.date | None


def rest_day_totals(week: SchoolWeek, rules: Rulebook) -> list[RestRow]:
    """Per class, the rest period (weekend, holiday, vacation) ending this week that decides the week,
    judged whole against the rest-day total (``homework.build_days``; the same verdict as every surface)."""
    rows = []
    for c in week.classes:
        a = c.areas.get("homework")
        if a is None or a.figures is None or a.invalid:
            continue
        periods = a.figures.rest_periods
        cap = rule_value(rules, "homework.rest_day_total_minutes", c.school_class.grade, week.monday)
        decisive = periods[0] if periods else None
        minutes = decisive["minutes"] if decisive else None
        rows.append(
            RestRow(
                c.school_class.id,
                c.school_class.name,
                c.school_class.grade,
                minutes,
                None if cap is None else float(cap),
                Status(decisive["status"]) if decisive else Status.NA,
                dt.date.fromisoformat(decisive["start"]) if decisive else None,
            )
        )
    return rows


# ------------------------------------------------------------------ per-class figures of any area


@dataclass
class ClassFigures:
    class_id: str
    class_name: str
    grade: int
    status: Status
    figures: Any  # the area's figures dataclass (``phone.PhoneWeek``, …), read by attribute


def class_figures(week: SchoolWeek, area: str) -> list[ClassFigures]:
    """Each class's figures for one area (empty list when the area has no figures yet); a class whose
    week has no figures (a week before the area's rule took effect) is left out, not drawn as zeros."""
    if not has_figures(week, area):
        return []
    return [
        ClassFigures(
            c.school_class.id,
            c.school_class.name,
            c.school_class.grade,
            c.areas[area].status,
            c.areas[area].figures,
        )
        for c in week.classes
        if c.figures(area) is not None
    ]


# ------------------------------------------------------------------ sleep


@dataclass
class GradeSleep:
    grade: int
    grade_name: str
    hours: list[float]
    min_hours: float | None


def sleep_by_grade(week: SchoolWeek, rules: Rulebook) -> list[GradeSleep]:
    by_grade: dict[int, list[float]] = {}
    for c in class_figures(week, "sleep"):
        by_grade.setdefault(c.grade, []).extend(float(h) for h in c.figures.hours)
    result = []
    for grade in sorted(by_grade):
        minimum = rule_value(rules, "sleep.min_hours", grade, week.monday)
        result.append(
            GradeSleep(
                grade,
                class_names.grade_name(grade),
                by_grade[grade],
                None if minimum is None else float(minimum),
            )
        )
    return result


# ------------------------------------------------------------------ limits of the other areas


def limits(week: SchoolWeek, rules: Rulebook, grade: int) -> dict[str, float | None]:
    """The limits the charts draw, for one grade, from the rule book."""
    ids = {
        "homework_cap": "homework.written_daily_max_minutes",
        "rest_day_cap": "homework.rest_day_total_minutes",
        "sleep_min_hours": "sleep.min_hours",
        "pe_per_week": "activity.pe_lessons_per_week",
        "break_minutes": "activity.break_minutes",
        "activity_minutes": "activity.in_school_minutes",
        "eye_per_day": "activity.eye_exercises_per_day",
        "afterschool_days": "afterschool.days_per_week",
        "afterschool_minutes": "afterschool.min_minutes_per_day",
    }
    result = {}
    for key, rule_id in ids.items():
        value = rule_value(rules, rule_id, grade, week.monday)
        result[key] = None if value is None else float(value)
    return result


# ------------------------------------------------------------------ trends


_CACHE_SIZE = 48


@dataclass
class _Cached:
    seq: int  # the audit chain's newest entry when the week was summed up (or last found untouched)
    head: str  # that entry's hash: the same chain, so the same database
    week: SchoolWeek


_cache: OrderedDict[tuple, _Cached] = OrderedDict()
_cache_lock = threading.Lock()
# The weeks touched by the entries between two heads: asked once for all the weeks a trend looks up.
_touched_memo: dict[tuple[str, str], set[dt.date] | None] = {}


def _touched_since(db: Database, seq: int, head: str, now: str) -> set[dt.date] | None:
    """The weeks the changes audited after entry ``seq`` touch (None: every week)."""
    key = (head, now)
    if key not in _touched_memo:
        changes = Changes()
        for _seq, table, record_id, before, after in audit.states_since(db, seq):
            changes.add(table, record_id, before, after)
        _touched_memo.clear()  # only the newest pair is asked again
        _touched_memo[key] = weeks_touched(db, changes)
    return _touched_memo[key]


def cached_week(
    db: Database, monday: dt.date, today: dt.date, *, areas: list[str] | None = None, grade: int | None = None
) -> SchoolWeek:
    """week_summary, remembered per week until a change touches that week.

    Every write appends a hash-chained audit entry, so the newest entry identifies the data (and the database).
    A week summed up at an older entry of the same chain is still true when none of the changes audited since
    touch it (:func:`weeks_touched`): a save in one week keeps every other week of a trend."""
    key = (monday, today, tuple(areas) if areas is not None else None, grade)
    seq, now = audit.head_seq(db)
    with _cache_lock:  # the dashboard's worker and a report's may ask at once
        cached = _cache.get(key)
        if cached is not None and (cached.seq, cached.head) != (seq, now):
            if (
                cached.seq < seq
                and audit.hash_at(db, cached.seq) == cached.head
                and (touched := _touched_since(db, cached.seq, cached.head, now)) is not None
                and monday not in touched
            ):
                cached.seq, cached.head = seq, now
            else:
                cached = None
        if cached is not None:
            _cache.move_to_end(key)
            return cached.week
    week = week_summary(db, monday, today=today, areas=areas, grade=grade)
    with _cache_lock:
        _cache[key] = _Cached(seq, now, week)
        _cache.move_to_end(key)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return week


def clear_cache() -> None:
    """Forget every remembered week (the benchmark measures cold caches)."""
    with _cache_lock:
        _cache.clear()
        _touched_memo.clear()


@dataclass
class Trend:
    weeks: list[dt.date]  # Mondays, oldest first
    labels: list[str]  # 2026-W47
    grades: list[int]
    homework_mean: dict[int, list[float | None]]  # grade -> mean of class averages per week
    homework_cap: dict[int, float | None]
    red_share: dict[int, list[float | None]]  # grade -> share of red class-areas per week
    sleep_share: dict[int, list[float | None]]  # grade -> mean share meeting the sleep rule per week


def trend(
    db: Database,
    monday: dt.date,
    today: dt.date,
    weeks: int = 6,
    *,
    areas: list[str] | None = None,
    grade: int | None = None,
    current: SchoolWeek | None = None,
) -> Trend:
    """The last ``weeks`` weeks up to ``monday``, per grade (a line per grade)."""
    rules = Rulebook(db)
    mondays = [monday - dt.timedelta(weeks=i) for i in range(weeks - 1, -1, -1)]
    summaries = [
        current
        if current is not None and m == monday
        else cached_week(db, m, today, areas=areas, grade=grade)
        for m in mondays
    ]
    grades = sorted({c.school_class.grade for s in summaries for c in s.classes})
    homework_mean: dict[int, list[float | None]] = {g: [] for g in grades}
    red_share: dict[int, list[float | None]] = {g: [] for g in grades}
    sleep_share: dict[int, list[float | None]] = {g: [] for g in grades}
    for s in summaries:
        for g in grades:
            rows = [c for c in s.classes if c.school_class.grade == g]
            homework_mean[g].append(
                _mean(c.figures("homework").average_minutes for c in rows if c.figures("homework"))
            )
            judged = [a.status for c in rows for a in c.areas.values() if a.status is not Status.NA]
            red_share[g].append(sum(s_.is_red for s_ in judged) / len(judged) if judged else None)
            sleep_share[g].append(
                _mean(c.figures("sleep").meet_sleep_share for c in rows if c.figures("sleep"))
            )
    caps = {g: rule_value(rules, "homework.written_daily_max_minutes", g, monday) for g in grades}
    return Trend(
        mondays,
        [s.label for s in summaries],
        grades,
        homework_mean,
        {g: None if v is None else float(v) for g, v in caps.items()},
        red_share,
        sleep_share,
    )


# ------------------------------------------------------------------ fitness (annual test) hook


@dataclass
class LevelRow:
    label: str  # 四年级(2)班 or 四年级
    counts: dict[str, int]  # 优秀/良好/及格/不及格 -> students
    target: NavTarget | None = None
    others: dict[str, int] = field(default_factory=dict)  # students without a level: 未测 / 免测 / 无评分表 …

    @property
    def total(self) -> int:
        return sum(self.counts.values())


FITNESS_LEVELS = ["优秀", "良好", "及格", "不及格"]
# Students without a level, each kind shown on its own (never as 不及格): LevelCounts attribute -> label.
FITNESS_OTHERS = {"untested": "未测", "incomplete": "成绩不完整", "no_table": "无评分表", "exempt": "免测"}


def level_rows(rows: Iterable[tuple[str, dict[str, int]] | LevelRow]) -> list[LevelRow]:
    """Normalise (label, {level: count}) pairs from the fitness module into rows in the standard order."""
    result = []
    for row in rows:
        if not isinstance(row, LevelRow):
            label, counts = row
            row = LevelRow(label, dict(counts))
        counts = {k: int(row.counts.get(k, 0)) for k in FITNESS_LEVELS}
        others = {k: int(v) for k, v in row.others.items() if v}
        result.append(LevelRow(row.label, counts, row.target, others))
    return result


@dataclass
class FitnessYear:
    """The annual test's level distribution of the school year the week falls in (per class and per grade)."""

    school_year: str
    classes: list[LevelRow]
    grades: list[LevelRow]
    recorded: int  # result records of that year; 0: nothing entered yet


def fitness_year(
    db: Database, monday: dt.date, today: dt.date, grade: int | None = None
) -> FitnessYear | None:
    """Level counts of the school year containing the week (up to today); None without the fitness module."""
    from fivemgmt.fitness import store, summaries

    if store.RESULTS not in db.table_names():
        return None
    day = min(monday + dt.timedelta(days=6), today)
    levels = summaries.level_counts(db, day, grade=grade, today=today)

    def row(counts: summaries.LevelCounts) -> LevelRow:
        target = NavTarget(counts.class_id, counts.label, "fitness") if counts.class_id else None
        others = {label: getattr(counts, key) for key, label in FITNESS_OTHERS.items()}
        return LevelRow(counts.label, dict(counts.counts), target, others)

    return FitnessYear(
        levels.school_year, [row(c) for c in levels.classes], [row(g) for g in levels.grades], levels.recorded
    )


# ------------------------------------------------------------------ what a change touches


DATED_TABLES_DATE_COLUMN = "date"
# Dated, but a change to them changes how other weeks are judged (rest periods, terms, rules) or which
# classes there are: every week.
ALL_WEEKS_TABLES = {"classes", "calendar_days", "terms", "rule_overrides", "school", "settings"}


def weeks_touched(db: Database, changes: Changes) -> set[dt.date] | None:
    """Mondays of the weeks whose charts a change affects; None means "all weeks" (e.g. classes or rules).

    The dates are those the changed rows had as written and as they were before (``Changes.spots``): a
    record moved to another day also changes the week it left."""
    mondays: set[dt.date] = set()
    if not changes.tables:
        return mondays
    calendar: SchoolCalendar | None = None
    if changes.tables & ALL_WEEKS_TABLES:
        return None
    spots = {table: [d for t, _c, d in changes.spots if t == table] for table in changes.tables}
    for table, dates in spots.items():
        if not dates or None in dates:  # rows without a date (set-up, rules) or not named: every week
            return None
        for text in dates:
            day = dt.date.fromisoformat(text[:10])
            mondays.add(monday_of(day))
            if day.weekday() == 0:  # a rest-day run may continue from the previous week
                mondays.add(monday_of(day - dt.timedelta(days=1)))
            if table == hw.ENTRIES:  # a rest period is judged whole, in every week it spans
                calendar = calendar or SchoolCalendar(db)
                mondays |= hw.weeks_judged_with(calendar, day)
    return mondays


@dataclass
class WeekData:
    """Everything the weekly charts draw, for one week (built off the GUI thread)."""

    week: SchoolWeek
    rules: Rulebook
    areas: list[str] | None = None  # the area filter (None: all)
    subject_class_id: str | None = None
    subjects: SubjectWeek | None = None
    trend: Trend | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def load_week(
    db: Database,
    monday: dt.date,
    today: dt.date,
    *,
    areas: list[str] | None = None,
    grade: int | None = None,
    subject_class_id: str | None = None,
    trend_weeks: int = 6,
) -> WeekData:
    """Query everything the weekly charts need (the slow part; the GUI runs this in a worker)."""
    week = cached_week(db, monday, today, areas=areas, grade=grade)
    data = WeekData(week, Rulebook(db), list(areas) if areas is not None else None)
    homework = "homework" in week.area_titles
    if homework and week.classes:
        class_id = (
            subject_class_id if any(c.school_class.id == subject_class_id for c in week.classes) else None
        )
        class_id = class_id or _busiest_class(week)
        data.subject_class_id = class_id
        try:
            data.subjects = subject_breakdown(db, class_id, monday, today, week)
        except UserError as error:
            data.extra["subjects_note"] = str(error)
    if trend_weeks > 1 and week.classes:
        data.trend = trend(db, monday, today, trend_weeks, areas=areas, grade=grade, current=week)
    if areas is None or "activity" in areas:  # the annual test belongs to 体质
        data.extra["fitness"] = fitness_year(db, monday, today, grade)
    if "reading" in week.area_titles:
        from fivemgmt.areas import reading

        if hasattr(reading, "catalogue_status"):
            data.extra["catalogue"] = reading.catalogue_status(db)
    return data


def _busiest_class(week: SchoolWeek) -> str:
    """The class a principal most likely wants to see: the highest homework average this week."""

    def key(c: ClassWeek) -> tuple[float, str]:
        homework = c.figures("homework")
        average = homework.average_minutes if homework else None
        return (-1.0 if average is None else average, c.school_class.name)

    return max(week.classes, key=key).school_class.id

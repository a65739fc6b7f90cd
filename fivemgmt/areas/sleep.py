"""睡眠管理 — sleep records per student, monthly sleep monitoring, and the school's daily schedule.

A sleep record is one student's night: bedtime, wake time, the sleep duration computed from them (a night
crosses midnight), the source (家长问卷 / 学生问卷 / 班主任抽查) and a note. The record's ``date`` is the
evening the student went to bed (for a questionnaire about usual habits, the day it was answered).
Questionnaires often answer in bands ("22:00前 / 22:00–23:00 / 23:00后"); a band is mapped either to a
representative time or straight to pass/fail, kept in ``bedtime_ok`` / ``hours_ok`` when no time is known.

Class result: per sampled student, the mean sleep of their records and their median bedtime are compared
with the stage's rule (``sleep.min_hours``, ``sleep.latest_bedtime``: exactly 10 h passes, 21:20 exactly
passes). A share meeting a rule below ``sleep.class_red_share`` is red, below ``sleep.class_meet_share``
yellow: both are school settings (the notice sets no share), cited as such.

Sleep is sampled monthly, not daily. A week with no samples for a class is therefore judged on the class's
samples of the month before the week's end (the last 31 days), and the reason says so; a class with no
sample in that month is 未登记.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from fivemgmt import records, rowcheck, school, student_ids, tabular
from fivemgmt.accounts import Actor
from fivemgmt.areas.base import AreaName, AreaWeek, ClassDays, DayResult, WeekContext, not_in_force
from fivemgmt.calendar import SchoolCalendar
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.i18n import QT_TRANSLATE_NOOP, translate
from fivemgmt.records import Changes, create_record_table
from fivemgmt.rules import Rulebook, Status, Verdict, reason_separator

AREA = AreaName("sleep", "睡眠", "睡眠管理")
RECORDS = "sleep_records"
SCHEDULE = "sleep_schedule"
NOTICES = "sleep_parent_notices"
MAPPINGS = "sleep_import_mappings"

PARENT = "家长问卷"
STUDENT = "学生问卷"
SPOT_CHECK = "班主任抽查"
SOURCES = [PARENT, STUDENT, SPOT_CHECK]
STAGE_GRADE = {"小学": 1, "初中": 7, "高中": 10}  # a grade to look rules up for a stage
STAGE_NAMES = [
    QT_TRANSLATE_NOOP("Verdict", "小学"),
    QT_TRANSLATE_NOOP("Verdict", "初中"),
    QT_TRANSLATE_NOOP("Verdict", "高中"),
]


def stage_name(stage: str) -> str:
    """A stage's name (小学/初中/高中, the stored key) in the user's language."""
    return translate("Verdict", stage)


LOOKBACK_DAYS = 31  # a week without samples is judged on the month before its end
MIN_MINUTES, MAX_MINUTES = 3 * 60, 16 * 60  # a plausible night


def create_schema(db: Database) -> None:
    create_record_table(
        db,
        RECORDS,
        {
            "class_id": str,
            "student_id": str,
            "date": str,
            "bedtime": str,
            "wake_time": str,
            "sleep_minutes": int,
            "bedtime_ok": int,
            "hours_ok": int,
            "source": str,
            "note": str,
        },
        not_null={"class_id", "student_id", "date", "source"},
        indexes=[["class_id", "date"], ["student_id", "date"], ["date"]],
    )
    create_record_table(
        db,
        SCHEDULE,
        {
            "term_id": str,
            "stage": str,
            "first_class": str,
            "early_arrival": int,
            "early_arrival_note": str,
            "midday_rest_minutes": int,
            "note": str,
        },
        not_null={"term_id", "stage"},
        indexes=[["term_id"]],
    )
    create_record_table(
        db,
        MAPPINGS,
        {"signature": str, "headers": str, "mapping": str},
        not_null={"signature", "mapping"},
        indexes=[["signature"]],
    )


# ------------------------------------------------------------------ times


def hm(value: dt.time | None) -> str | None:
    return value.strftime("%H:%M") if value is not None else None


def parse_hm(text: str | None) -> dt.time | None:
    if text in (None, ""):
        return None
    return dt.time.fromisoformat(str(text))


def sleep_minutes(bedtime: dt.time, wake: dt.time) -> int:
    """Minutes from bedtime to wake time; a wake time not after the bedtime is on the next morning."""
    start = bedtime.hour * 60 + bedtime.minute
    end = wake.hour * 60 + wake.minute
    if end <= start:
        end += 24 * 60
    return end - start


def bedtime_key(value: dt.time) -> int:
    """Minutes after noon, so 00:30 sorts after 23:00 (a bedtime is an evening or a night)."""
    return (value.hour * 60 + value.minute - 12 * 60) % (24 * 60)


def _from_key(key: float) -> dt.time:
    total = (int(round(key)) + 12 * 60) % (24 * 60)
    return dt.time(total // 60, total % 60)


def _hours(minutes: float) -> float:
    return round(minutes / 60, 2)


def _fmt_hours(hours: float) -> str:
    return f"{hours:g}" if float(hours).is_integer() else f"{hours:.1f}"


def duration_text(minutes: float) -> str:
    """A sleep duration as people say it: 10 小时, 9 小时 59 分 (never 9 h 59 min rounded up to "10.0 小时")."""
    hours, rest = divmod(int(round(minutes)), 60)
    if rest:
        return translate("Verdict", "{hours} 小时 {minutes} 分").format(hours=hours, minutes=rest)
    return translate("Verdict", "{hours} 小时").format(hours=hours)


# ------------------------------------------------------------------ records


@dataclass
class SleepRecord:
    id: str | None
    class_id: str
    student_id: str
    date: dt.date
    bedtime: dt.time | None = None
    wake_time: dt.time | None = None
    minutes: int | None = None  # computed from the times, or given (a questionnaire's hours band)
    bedtime_ok: bool | None = None  # a pass/fail band when no bedtime is known
    hours_ok: bool | None = None  # a pass/fail band when no duration is known
    source: str = SPOT_CHECK
    note: str = ""
    student_name: str = ""

    def __post_init__(self) -> None:
        if self.bedtime is not None and self.wake_time is not None:
            self.minutes = sleep_minutes(self.bedtime, self.wake_time)

    @property
    def hours(self) -> float | None:
        return None if self.minutes is None else _hours(self.minutes)

    @classmethod
    def from_row(cls, row: dict, name: str = "") -> SleepRecord:
        return cls(
            row["id"],
            row["class_id"],
            row["student_id"],
            dt.date.fromisoformat(row["date"]),
            parse_hm(row["bedtime"]),
            parse_hm(row["wake_time"]),
            row["sleep_minutes"],
            None if row["bedtime_ok"] is None else bool(row["bedtime_ok"]),
            None if row["hours_ok"] is None else bool(row["hours_ok"]),
            row["source"],
            row["note"] or "",
            name,
        )

    def values(self) -> dict[str, Any]:
        return {
            "class_id": self.class_id,
            "student_id": self.student_id,
            "date": self.date.isoformat(),
            "bedtime": hm(self.bedtime),
            "wake_time": hm(self.wake_time),
            "sleep_minutes": self.minutes,
            "bedtime_ok": None if self.bedtime_ok is None else int(self.bedtime_ok),
            "hours_ok": None if self.hours_ok is None else int(self.hours_ok),
            "source": self.source,
            "note": self.note,
        }

    @property
    def has_data(self) -> bool:
        return any(
            v is not None
            for v in (self.bedtime, self.wake_time, self.minutes, self.bedtime_ok, self.hours_ok)
        )


def _validate(record: SleepRecord) -> None:
    if record.source not in SOURCES:
        raise UserError(f"来源应为 {'、'.join(SOURCES)} 之一。")
    if not record.has_data:
        raise UserError("请至少填写就寝时间、起床时间或睡眠时长之一。")
    if record.minutes is not None and not MIN_MINUTES <= record.minutes <= MAX_MINUTES:
        what = (
            f"{hm(record.bedtime)} 就寝、{hm(record.wake_time)} 起床"
            if record.bedtime and record.wake_time
            else "睡眠时长"
        )
        raise UserError(
            f"{record.student_name or ''}{what}，算得睡眠 {duration_text(record.minutes)}，"
            f"不合理（应在 3–16 小时之间），请检查时间。"
        )


# Entries a teacher is asked to confirm before they are saved: usually a bedtime typed into 起床 or a slip of
# the keyboard. These bound plausibility, not policy (the rules are in resources/rules/rules.toml).
QUESTION_WAKE_FROM, QUESTION_WAKE_TO = dt.time(4, 0), dt.time(10, 0)
QUESTION_BED_FROM, QUESTION_BED_TO = dt.time(4, 0), dt.time(19, 0)  # after-midnight bedtimes are real
QUESTION_MIN_MINUTES, QUESTION_MAX_MINUTES = 5 * 60, 13 * 60


def questionable(bedtime: dt.time | None, wake_time: dt.time | None) -> list[str]:
    """What looks mistyped in a night's entry (empty when nothing does); the page asks before saving."""
    doubts = []
    if wake_time is not None and not QUESTION_WAKE_FROM <= wake_time <= QUESTION_WAKE_TO:
        doubts.append(f"起床时间 {hm(wake_time)} 不在 {hm(QUESTION_WAKE_FROM)}–{hm(QUESTION_WAKE_TO)} 之间")
    if bedtime is not None and QUESTION_BED_FROM <= bedtime < QUESTION_BED_TO:
        doubts.append(f"就寝时间 {hm(bedtime)} 早于 {hm(QUESTION_BED_TO)}")
    if bedtime is not None and wake_time is not None:
        minutes = sleep_minutes(bedtime, wake_time)
        if not QUESTION_MIN_MINUTES <= minutes <= QUESTION_MAX_MINUTES:
            doubts.append(
                f"算得睡眠 {minutes // 60} 小时 {minutes % 60} 分，不在 "
                f"{QUESTION_MIN_MINUTES // 60}–{QUESTION_MAX_MINUTES // 60} 小时之间"
            )
    return doubts


def student_names(db: Database, class_ids: list[str] | None = None) -> dict[str, str]:
    sql = "SELECT id, name FROM students WHERE deleted = 0"
    if class_ids is None:
        return dict(db.conn.execute(sql).fetchall())
    marks = ",".join("?" * len(class_ids)) or "''"
    return dict(db.conn.execute(f"{sql} AND class_id IN ({marks})", class_ids).fetchall())


def records_between(db: Database, class_ids: list[str], start: dt.date, end: dt.date) -> list[SleepRecord]:
    """Live sleep records of these classes dated start..end, oldest first."""
    if not class_ids:
        return []
    marks = ",".join("?" * len(class_ids))
    rows = records.live_rows(
        db,
        RECORDS,
        f"class_id IN ({marks}) AND date BETWEEN ? AND ?",
        [*class_ids, start.isoformat(), end.isoformat()],
        order_by="date, rowid",
    )
    names = student_names(db, class_ids)
    return rowcheck.readable(
        RECORDS, rows, lambda r: SleepRecord.from_row(r, names.get(r["student_id"], "（已删除学生）"))
    )


def _existing(db: Database, student_id: str, day: dt.date) -> dict | None:
    rows = records.live_rows(db, RECORDS, "student_id = ? AND date = ?", [student_id, day.isoformat()])
    return rows[0] if rows else None


def _save(
    db: Database, actor: Actor, record: SleepRecord, changes: Changes, reason: str | None = None
) -> None:
    _validate(record)
    values = record.values()
    old = _existing(db, record.student_id, record.date)
    if record.id:
        values["id"] = record.id
    elif old:
        values["id"] = old["id"]  # one record per student and night: a second entry corrects the first
    record.id = records.save(db, RECORDS, values, actor, reason=reason, changes=changes)


def save_record(db: Database, actor: Actor, record: SleepRecord) -> Changes:
    """Add or correct one student's night (one record per student and date)."""
    changes = Changes()
    with transaction(db):
        _save(db, actor, record, changes)
    return changes


def delete_record(db: Database, actor: Actor, record_id: str) -> Changes:
    return records.delete_live(
        db,
        RECORDS,
        record_id,
        actor,
        missing="要删除的睡眠记录不存在。",
        check=None,
    )


# ------------------------------------------------------------------ class grid (fast entry for one date)


@dataclass
class GridRow:
    student_id: str
    name: str
    student_no: str = ""
    record_id: str | None = None
    bedtime: dt.time | None = None
    wake_time: dt.time | None = None
    source: str = SPOT_CHECK
    note: str = ""
    minutes: int | None = None
    verdict: Verdict | None = None

    @property
    def hours(self) -> float | None:
        if self.bedtime is not None and self.wake_time is not None:
            return _hours(sleep_minutes(self.bedtime, self.wake_time))
        return None if self.minutes is None else _hours(self.minutes)


def class_grid(db: Database, class_id: str, day: dt.date, rules: Rulebook | None = None) -> list[GridRow]:
    """The class list for one date, each student with that night's record (if any) and its verdict."""
    school_class = school.get_class(db, class_id, on=day)
    rules = rules or Rulebook(db)
    existing = {r.student_id: r for r in records_between(db, [class_id], day, day)}
    rows = []
    for student in school.list_students(db, class_id, on=day):
        row = GridRow(student["id"], student["name"], student["student_no"] or "")
        record = existing.get(student["id"])
        if record:
            row.record_id, row.bedtime, row.wake_time = record.id, record.bedtime, record.wake_time
            row.source, row.note, row.minutes = record.source, record.note, record.minutes
            row.verdict = check_record(rules, school_class.grade, record)
        rows.append(row)
    return rows


def save_grid(
    db: Database, actor: Actor, class_id: str, day: dt.date, rows: list[GridRow], source: str | None = None
) -> Changes:
    """Save a class's grid for one date in one transaction: filled rows are saved, cleared rows deleted."""
    changes = Changes()
    with transaction(db):
        for row in rows:
            if row.bedtime is None and row.wake_time is None:
                if row.record_id:
                    records.delete(db, RECORDS, row.record_id, actor, changes=changes)
                    row.record_id = None
                continue
            record = SleepRecord(
                row.record_id,
                class_id,
                row.student_id,
                day,
                row.bedtime,
                row.wake_time,
                source=source or row.source,
                note=row.note,
                student_name=row.name,
            )
            _save(db, actor, record, changes)
            row.record_id = record.id
    return changes


# ------------------------------------------------------------------ checks


def _rules_for(rules: Rulebook, grade: int, on: dt.date) -> tuple[Any, Any]:
    return rules.rule("sleep.min_hours", grade, on), rules.rule("sleep.latest_bedtime", grade, on)


def meets_sleep(record: SleepRecord, min_hours: float) -> bool | None:
    if record.minutes is not None:
        return record.minutes >= round(float(min_hours) * 60)
    return record.hours_ok


def meets_bedtime(record: SleepRecord, latest: str) -> bool | None:
    if record.bedtime is not None:
        return bedtime_key(record.bedtime) <= bedtime_key(dt.time.fromisoformat(latest))
    return record.bedtime_ok


def check_record(rules: Rulebook, grade: int, record: SleepRecord) -> Verdict:
    """One night against the stage's rules: 未达标 when short of sleep or in bed too late."""
    min_rule, bed_rule = _rules_for(rules, grade, record.date)
    problems, fine = [], []
    sleep_ok, bed_ok = meets_sleep(record, min_rule.value), meets_bedtime(record, bed_rule.value)
    if record.minutes is not None:
        hours = translate("Verdict", "睡眠 {duration}").format(duration=duration_text(record.minutes))
    else:
        hours = translate("Verdict", "睡眠时长")
    if record.bedtime:
        bed = translate("Verdict", "{time} 就寝").format(time=hm(record.bedtime))
    else:
        bed = translate("Verdict", "就寝时间")
    fields = {"hours": hours, "bed": bed, "required": min_rule.value, "latest": bed_rule.value}
    if sleep_ok is False:
        problems.append(translate("Verdict", "{hours}，少于 {required} 小时").format(**fields))
    elif sleep_ok:
        fine.append(translate("Verdict", "{hours}，达到 {required} 小时").format(**fields))
    if bed_ok is False:
        problems.append(translate("Verdict", "{bed}，晚于 {latest}").format(**fields))
    elif bed_ok:
        fine.append(translate("Verdict", "{bed}，不晚于 {latest}").format(**fields))
    if problems:
        return Verdict(Status.BELOW, reason_separator().join(problems), min_rule.cited)
    if not fine:
        return Verdict(Status.UNLOGGED, translate("Verdict", "无可判断的数据"))
    return Verdict(Status.GREEN, reason_separator().join(fine), min_rule.cited)


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
            hours=self.hours,
            short_students=self.short_students,
            late_students=self.late_students,
            required_hours=self.required_hours,
            required_bedtime=self.required_bedtime,
            sample_dates=self.dates,
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
        parts.append(f"{text} {share:.0%}")
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
                share=f"{red_below:.0%}"
            )
        )
    elif status is Status.YELLOW:
        parts.append(
            translate("Verdict", "达标比例低于 {share}（学校设置的预警线）").format(share=f"{target:.0%}")
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


# ------------------------------------------------------------------ school schedule facts (per term)


@dataclass
class Schedule:
    id: str | None
    term_id: str
    stage: str
    first_class: dt.time | None
    early_arrival: bool = False
    early_arrival_note: str = ""
    midday_rest_minutes: int | None = None
    note: str = ""


def save_schedule(db: Database, actor: Actor, item: Schedule) -> Changes:
    """The school's daily schedule for one stage and term (作息时间: first class, early arrival, 午休)."""
    if item.stage not in STAGE_GRADE:
        raise UserError("学段应为 小学、初中、高中 之一。")
    if item.midday_rest_minutes is not None and not 0 <= item.midday_rest_minutes <= 240:
        raise UserError("午休时间应在 0–240 分钟之间。")
    changes = Changes()
    with transaction(db):
        values = {
            "term_id": item.term_id,
            "stage": item.stage,
            "first_class": hm(item.first_class),
            "early_arrival": int(item.early_arrival),
            "early_arrival_note": item.early_arrival_note,
            "midday_rest_minutes": item.midday_rest_minutes,
            "note": item.note,
        }
        old = records.live_rows(db, SCHEDULE, "term_id = ? AND stage = ?", [item.term_id, item.stage])
        if item.id or old:
            values["id"] = item.id or old[0]["id"]
        item.id = records.save(db, SCHEDULE, values, actor, changes=changes)
    return changes


def schedules(db: Database, term_id: str) -> dict[str, Schedule]:
    return {
        r["stage"]: Schedule(
            r["id"],
            r["term_id"],
            r["stage"],
            parse_hm(r["first_class"]),
            bool(r["early_arrival"]),
            r["early_arrival_note"] or "",
            r["midday_rest_minutes"],
            r["note"] or "",
        )
        for r in records.live_rows(db, SCHEDULE, "term_id = ?", [term_id])
    }


# ------------------------------------------------------------------ telling parents about bedtime (C13)


def create_notice_schema(db: Database) -> None:
    create_record_table(
        db,
        NOTICES,
        {"term_id": str, "notified_on": str, "how": str, "note": str},
        not_null={"term_id", "notified_on", "how"},
        indexes=[["term_id"]],
    )


@dataclass
class ParentNotice:
    """The school told parents to make sure their children go to bed on time (告知并督促家长, C13)."""

    id: str | None
    term_id: str
    notified_on: dt.date
    how: str  # 家长会 / 告家长书 / 班级群通知 …
    note: str = ""


def save_parent_notice(db: Database, actor: Actor, notice: ParentNotice) -> Changes:
    """Record (or correct) this term's notice to parents about bedtime; one per term."""
    if not notice.how.strip():
        raise UserError("请填写告知家长的方式（例如 家长会、告家长书、班级群通知）。")
    changes = Changes()
    with transaction(db):
        values = {
            "term_id": notice.term_id,
            "notified_on": notice.notified_on.isoformat(),
            "how": notice.how.strip(),
            "note": notice.note.strip(),
        }
        old = records.live_rows(db, NOTICES, "term_id = ?", [notice.term_id])
        if notice.id or old:
            values["id"] = notice.id or old[0]["id"]
        notice.id = records.save(db, NOTICES, values, actor, reason="告知家长按时就寝", changes=changes)
    return changes


def parent_notice(db: Database, term_id: str) -> ParentNotice | None:
    rows = records.live_rows(db, NOTICES, "term_id = ?", [term_id])
    if not rows:
        return None
    r = rows[0]
    return ParentNotice(
        r["id"], r["term_id"], dt.date.fromisoformat(r["notified_on"]), r["how"], r["note"] or ""
    )


def school_stages(db: Database) -> list[str]:
    """The stages the school has classes in (or its declared stage when no classes exist yet)."""
    stages = {school.grade_stage(c.grade) for c in school.list_classes(db)}
    if not stages:
        info = school.get_school(db)
        if info:
            low, high = school.STAGES[info["stage"]]
            stages = {school.grade_stage(g) for g in range(low, high + 1)}
    return [s for s in STAGE_GRADE if s in stages]


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


# ------------------------------------------------------------------ week summary


def week_window(ctx_monday: dt.date, today: dt.date) -> tuple[dt.date, dt.date]:
    end = min(ctx_monday + dt.timedelta(days=6), today)
    return end - dt.timedelta(days=LOOKBACK_DAYS - 1), end


def in_force(rules: Rulebook, grade: int, on: dt.date) -> Verdict | None:
    """None when the sleep rules apply on ``on``; before the notice (2021-03-30) an NA verdict saying so."""
    return not_in_force(rules, "sleep.min_hours", grade, on, QT_TRANSLATE_NOOP("Verdict", "睡眠管理要求"))


@dataclass(frozen=True)
class SleepDayFigures:
    """A day's figures (``DayResult.figures``; the day's JSON keys): the students sampled that date."""

    sampled: int
    median_minutes: float | None
    latest_bedtime: str | None  # HH:MM


DAY_FIGURES = SleepDayFigures
DAILY = False  # sampled (a questionnaire a month, spot checks): a day without a sample is not a lapse


def days(ctx: WeekContext, classes: Iterable[school.SchoolClass], start: dt.date, end: dt.date) -> ClassDays:
    classes = list(classes)
    by_day: dict[tuple[str, dt.date], list[SleepRecord]] = {}
    for record in records_between(ctx.db, [c.id for c in classes], start, end):
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
    week_items = records_between(ctx.db, [school_class.id], ctx.monday, min(ctx.sunday, ctx.today))
    start, end = week_window(ctx.monday, ctx.today)
    this_week = bool(week_items)
    items = week_items if this_week else records_between(ctx.db, [school_class.id], start, end)
    stats = stats_for(items, ctx.rules, school_class.grade, end)
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


week_summary = week  # the name the callers of the week summaries know


# ------------------------------------------------------------------ demo data


def demo_fill(ctx: Any) -> None:
    """One sampling per class per month (a parent questionnaire), a spot check in some classes, and the
    school's schedule. Lapses: one class sleeps short and goes to bed late, one class has not sampled
    this month, a few students are short repeatedly."""
    rng = ctx.rng
    term = ctx.calendar.current_or_last_term(ctx.today)
    if term is not None:
        for stage in school_stages(ctx.db):
            first = {"小学": dt.time(8, 20), "初中": dt.time(8, 0), "高中": dt.time(8, 0)}[stage]
            records.save(
                ctx.db,
                SCHEDULE,
                {
                    "term_id": term.id,
                    "stage": stage,
                    "first_class": hm(first),
                    "early_arrival": 0,
                    "midday_rest_minutes": 60 if stage == "小学" else 40,
                    "note": "到校时间 7:50–8:10，不组织早读",
                },
                ctx.actor,
            )
    if not ctx.classes:
        return
    short_class = ctx.classes[-1]  # the exam-year class that sleeps short
    late_class = next((c for c in ctx.classes if c.grade == 5), ctx.classes[len(ctx.classes) // 3])
    skipped = ctx.classes[1] if len(ctx.classes) > 3 else None  # has not sampled this month yet
    months: dict[tuple[int, int], list[dt.date]] = {}
    for day in ctx.school_days():
        months.setdefault((day.year, day.month), []).append(day)
    for school_class in ctx.classes:
        min_hours = 10 if school_class.grade <= 6 else (9 if school_class.grade <= 9 else 8)
        latest = {10: 21 * 60 + 20, 9: 22 * 60, 8: 23 * 60}[min_hours]
        chronic = {rng.randrange(len(ctx.students[school_class.id]))}  # short every time: the follow-up list
        for (year, month), days in months.items():
            if school_class is skipped and (year, month) == (ctx.today.year, ctx.today.month):
                continue
            day = days[rng.randrange(len(days))]
            for index, student in enumerate(ctx.students[school_class.id]):
                if rng.random() < 0.08:
                    continue  # questionnaire not returned
                offset = rng.choice([-40, -30, -30, -20, -20, -10, -10, 0, 0, 0, 10])
                if school_class is late_class:
                    offset += rng.choice([10, 20, 30, 40])
                if school_class is short_class:
                    offset += rng.choice([20, 30, 50, 60])
                if index in chronic:
                    offset += 45
                bed = latest + offset
                wake_at = bed + min_hours * 60 + rng.choice([-10, 0, 10, 20, 30, 40, 40])
                if school_class is short_class:
                    wake_at -= rng.choice([20, 40, 60])
                bedtime = dt.time(bed // 60 % 24, bed % 60)
                wake = dt.time(wake_at // 60 % 24, wake_at % 60)
                record = SleepRecord(None, school_class.id, student["id"], day, bedtime, wake, source=PARENT)
                records.save(ctx.db, RECORDS, record.values(), ctx.actor)
        # A 班主任 spot check in the last week for a third of the classes.
        if ctx.classes.index(school_class) % 3 == 0 and school_class is not skipped:
            day = ctx.school_days()[-1]
            pupils = ctx.students[school_class.id]
            others = [p for p in rng.sample(pupils, min(4, len(pupils))) if p is not pupils[min(chronic)]]
            for student in [pupils[min(chronic)], *others]:
                bed = latest - rng.choice([0, 10, 20, 30]) + (45 if student is pupils[min(chronic)] else 0)
                bedtime = dt.time(bed // 60, bed % 60)
                wake = dt.time((bed + min_hours * 60 + 20) // 60 % 24, (bed + 20) % 60)
                records.save(
                    ctx.db,
                    RECORDS,
                    SleepRecord(
                        None, school_class.id, student["id"], day, bedtime, wake, source=SPOT_CHECK
                    ).values(),
                    ctx.actor,
                )


# ------------------------------------------------------------------ import: the plain register file

SOURCE_CHOICES = {s: s for s in SOURCES} | {
    "家长": PARENT,
    "学生": STUDENT,
    "抽查": SPOT_CHECK,
    "班主任": SPOT_CHECK,
}
IMPORT_COLUMNS = [
    tabular.Column("date", "日期", ("睡眠日期", "调查日期", "抽查日期"), parse=tabular.school_date),
    tabular.Column(
        "class", "班级", ("班级名称",), required=False, parse=tabular.text, guess=school.class_in_text
    ),
    tabular.Column("name", "姓名", ("学生姓名", "学生"), required=False, parse=tabular.text),
    tabular.Column("student_no", "学籍号", ("全国学籍号",), required=False, parse=student_ids.parse),
    tabular.Column("seat_no", "学号", ("班内学号",), required=False, parse=school.seat_number),
    tabular.Column("bedtime", "就寝时间", ("就寝", "入睡时间", "睡觉时间"), parse=tabular.clock),
    tabular.Column("wake_time", "起床时间", ("起床", "起床时刻", "醒来时间"), parse=tabular.clock),
    tabular.Column("source", "来源", ("数据来源",), required=False, parse=tabular.choice(SOURCE_CHOICES)),
    tabular.Column("note", "备注", ("说明",), required=False, parse=tabular.text),
]


def _count_existing(db: Database, result: tabular.Preview) -> None:
    result.start_counting("new", "changed", "unchanged")
    for row in result.clean_rows():  # with errors elsewhere, the good rows still say what they would do
        if not row.get("student_id"):
            continue
        old = _existing(db, row["student_id"], row["date"])
        if old is None:
            result.count(row, "new")
            continue
        row["id"] = old["id"]
        new = _row_record(row).values()
        same = all(
            str(old.get(k) if old.get(k) is not None else "") == str(v if v is not None else "")
            for k, v in new.items()
            if k != "note"
        )
        result.count(row, "unchanged" if same else "changed")


def _row_record(row: dict) -> SleepRecord:
    return SleepRecord(
        row.get("id"),
        row["class_id"],
        row["student_id"],
        row["date"],
        row.get("bedtime"),
        row.get("wake_time"),
        row.get("minutes"),
        row.get("bedtime_ok"),
        row.get("hours_ok"),
        row.get("source") or PARENT,
        row.get("note") or "",
        row.get("student_name", ""),
    )


def _check_rows(result: tabular.Preview) -> None:
    for row in result.rows:
        if not row.get("student_id") or row.get("date") is None:
            continue  # not matched, or its date was refused (already an error)
        try:
            _validate(_row_record(row))
        except UserError as error:
            result.errors.append(tabular.RowError(row["_row"], "", str(error)))


def preview_import(db: Database, path: Path, *, defaults: dict[str, Any] | None = None) -> tabular.Preview:
    """The plain sleep register (日期, 班级, 姓名/学籍号, 就寝时间, 起床时间, 来源, 备注): every row must match
    a student; nothing is written. A file whose header is not the register's is read as a questionnaire
    export with the mapping remembered for it (set once in the GUI's 导入问卷)."""
    result = tabular.preview(path, IMPORT_COLUMNS, defaults=defaults, dates=tabular.SchoolDates.of(db))
    if result.errors and not result.rows:
        if result.header_row and not result.found & {"date", "bedtime", "wake_time"}:
            # not a register with a column missing: perhaps a questionnaire export
            return _as_questionnaire(db, Path(path)) or result
        return result
    index = school.StudentIndex(db)
    seen: dict[tuple, int] = {}
    for row in result.rows:
        if all(row.get(k) is None for k in ("name", "student_no", "seat_no")):
            result.errors.append(tabular.RowError(row["_row"], "姓名", "姓名和学籍号至少填写一项"))
            continue
        student, column, why = index.find(
            row.get("name"), row.get("student_no"), row.get("class"), row.get("seat_no"), on=row.get("date")
        )
        if student is None:
            result.errors.append(tabular.RowError(row["_row"], column, why))
            continue
        class_id = school.student_class_on(db, student, row.get("date"))  # the class of that night
        row.update(student_id=student["id"], class_id=class_id, student_name=student["name"])
        key = (student["id"], row.get("date"))
        if key in seen:
            result.errors.append(tabular.RowError(row["_row"], "", f"与第 {seen[key]} 行是同一学生同一天"))
        else:
            seen[key] = row["_row"]
    _check_rows(result)
    _count_existing(db, result)
    return result


def _as_questionnaire(db: Database, path: Path) -> QuestionnairePreview | None:
    """The preview of a questionnaire export with its remembered mapping; None when the file does not look
    like one. A questionnaire without a remembered mapping is an error that says where to set one."""
    headers, body = read_questionnaire(path)
    mapping = saved_mapping(db, headers)
    if mapping is not None:
        return preview_questionnaire(db, path, mapping)
    guess = suggest_mapping(headers, body)
    if not (guess.get("student_column") and any(guess.get(f"{k}_column") for k in FIELDS)):
        return None
    result = QuestionnairePreview(path, headers=headers)
    result.errors.append(
        tabular.RowError(
            0,
            "",
            "这是在线问卷（问卷星等）导出的文件，还没有设定列对应：请先在程序的睡眠页用“导入问卷…”导入一次，"
            "之后“导入”和命令行都会沿用同一对应",
        )
    )
    return result


def commit_import(db: Database, actor: Actor, result: tabular.Preview) -> Changes:
    """Write a checked sleep file (plain or questionnaire) in one transaction — all matched rows or none.

    A questionnaire preview remembers its column mapping in the same transaction."""
    result.require_ok()
    changes = Changes()
    with transaction(db):
        for row in result.rows:
            if not row.get("student_id"):
                continue  # an unmatched questionnaire answer, listed in the preview
            _save(db, actor, _row_record(row), changes, reason="导入")
        mapping = getattr(result, "mapping", None)
        if mapping is not None:
            _store_mapping(db, actor, result.headers, mapping, changes)  # type: ignore[attr-defined]
    return changes


# ------------------------------------------------------------------ import: an online questionnaire export

BAND_PASS, BAND_FAIL = "达标", "不达标"
FIELDS = ("bedtime", "wake_time", "hours")
FIELD_LABELS = {"bedtime": "就寝时间", "wake_time": "起床时间", "hours": "睡眠时长"}


@dataclass
class QuestionnairePreview(tabular.Preview):
    headers: list[str] = field(default_factory=list)
    mapping: dict[str, Any] | None = None
    unmatched: list[tuple[int, str, str]] = field(default_factory=list)  # (row, what the file says, why)


def read_questionnaire(path: Path) -> tuple[list[str], list[list[Any]]]:
    rows = tabular.read_rows(Path(path))
    if not rows:
        raise UserError(f"“{Path(path).name}”是空的。")
    headers = [str(h if h is not None else "").strip() for h in rows[0]]
    return headers, rows[1:]


def headers_signature(headers: list[str]) -> str:
    text = "\x1f".join(sorted(tabular.normalize_header(h) for h in headers if h))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def answer_values(rows: list[list[Any]], headers: list[str], column: str) -> list[str]:
    """The distinct answers given in a column, in first-seen order (to map bands)."""
    if column not in headers:
        return []
    position = headers.index(column)
    seen = dict.fromkeys(
        tabular.text(r[position]) for r in rows if position < len(r) and r[position] not in (None, "")
    )
    return list(seen)


TIME_IN_TEXT = re.compile(r"(\d{1,2})\s*[:：点]\s*(\d{2})?")
HOURS_IN_TEXT = re.compile(r"(\d+(?:\.\d+)?)")


def suggest_band(field_key: str, answer: str) -> str:
    """A first guess for an answer band: '22:00前' → '21:45', '22:00–23:00' → '22:30', '23:00后' → '23:15';
    '9-10小时' → '9.5'. The user corrects it in the mapping dialog."""
    if field_key == "hours":
        numbers = [float(n) for n in HOURS_IN_TEXT.findall(answer)]
        if not numbers:
            return ""
        if len(numbers) >= 2:
            return _fmt_hours((numbers[0] + numbers[1]) / 2)
        if any(w in answer for w in ("以下", "不足", "少于", "前")):
            return _fmt_hours(numbers[0] - 0.5)
        return _fmt_hours(numbers[0] + (0.5 if any(w in answer for w in ("以上", "超过", "多于")) else 0))
    times = [int(h) * 60 + int(m or 0) for h, m in TIME_IN_TEXT.findall(answer)]
    if not times:
        return ""
    if len(times) >= 2:
        a, b = (bedtime_key(_minutes_time(t)) for t in times[:2]) if field_key == "bedtime" else times[:2]
        mid = (a + b) / 2
        return hm(_from_key(mid)) if field_key == "bedtime" else hm(_minutes_time(int(mid)))
    shift = (
        -15
        if any(w in answer for w in ("前", "以前", "之前", "早于"))
        else (15 if any(w in answer for w in ("后", "以后", "之后", "晚于")) else 0)
    )
    return hm(_minutes_time(times[0] + shift))


def _minutes_time(total: int) -> dt.time:
    total %= 24 * 60
    return dt.time(total // 60, total % 60)


KEYWORDS = {
    "student_no": ("学籍号", "教育id"),  # not 学号: that is the seat number, the same in every class
    "name": ("姓名", "名字", "学生"),
    "class": ("班级", "班别"),
    "date": ("日期", "提交答卷时间", "提交时间", "填写时间", "答题时间"),
    "bedtime": ("就寝", "入睡", "睡觉", "几点睡", "上床"),
    "wake_time": ("起床", "醒来", "几点起"),
    "hours": ("睡眠时间", "睡眠时长", "睡多久", "睡眠多少", "几个小时", "小时数"),
}


def suggest_mapping(headers: list[str], rows: list[list[Any]]) -> dict[str, Any]:
    """A first mapping from header keywords; answer columns with few non-time values get bands."""

    def find(keys: tuple[str, ...], exclude: set[str]) -> str | None:
        for header in headers:
            text = tabular.normalize_header(header)
            if header not in exclude and any(k in text for k in keys):
                return header
        return None

    used: set[str] = set()
    mapping: dict[str, Any] = {"source": PARENT, "date": None}
    for key in ("student_no", "class", "hours", "bedtime", "wake_time", "name", "date"):
        column = find(KEYWORDS[key], used)
        if column:
            used.add(column)
        mapping[f"{key}_column"] = column
    mapping["student_by"] = (
        "student_no" if mapping.pop("student_no_column", None) and not mapping.get("name_column") else "name"
    )
    if mapping["student_by"] == "student_no":
        mapping["student_column"] = find(KEYWORDS["student_no"], set())
    else:
        mapping["student_column"] = mapping.get("name_column")
    mapping.pop("name_column", None)
    for key in FIELDS:
        mapping[f"{key}_bands"] = suggest_bands(headers, rows, key, mapping.get(f"{key}_column"))
    return mapping


def option_numbers(field_key: str, answers: list[str]) -> bool:
    """Whether a column's answers are option numbers (问卷星 “按序号” export: 1, 2, 3…) rather than times or
    hours. Hours are numbers too: a column of whole numbers counts as options when one is below 5 hours."""
    if not answers or not all(a.isdigit() and 1 <= int(a) <= 20 for a in answers):
        return False
    return field_key != "hours" or min(int(a) for a in answers) < 5


def suggest_bands(
    headers: list[str], rows: list[list[Any]], field_key: str, column: str | None
) -> dict | None:
    """Bands with first-guess values when a column's answers are a few choices rather than times/numbers;
    option numbers get empty bands (the user says what each number means)."""
    if not column:
        return None
    answers = answer_values(rows, headers, column)
    if option_numbers(field_key, answers):
        return dict.fromkeys(answers, "")
    parsed = 0
    for answer in answers:
        try:
            float(answer) if field_key == "hours" else tabular.clock(answer)
            parsed += 1
        except (tabular.CellError, ValueError):
            pass
    if answers and parsed < len(answers) and len(answers) <= 12:
        return {a: suggest_band(field_key, a) for a in answers}
    return None


def saved_mapping(db: Database, headers: list[str]) -> dict[str, Any] | None:
    """The mapping remembered for this questionnaire layout, else the last one whose columns all exist."""
    rows = records.live_rows(db, MAPPINGS, order_by="updated_at DESC")
    signature = headers_signature(headers)
    for row in rows:
        if row["signature"] == signature:
            return json.loads(row["mapping"])
    for row in rows:
        mapping = json.loads(row["mapping"])
        columns = [v for k, v in mapping.items() if k.endswith("_column") and v]
        if columns and all(c in headers for c in columns):
            return mapping
    return None


def _store_mapping(
    db: Database, actor: Actor, headers: list[str], mapping: dict[str, Any], changes: Changes
) -> None:
    signature = headers_signature(headers)
    old = records.live_rows(db, MAPPINGS, "signature = ?", [signature])
    values = {
        "signature": signature,
        "headers": json.dumps(headers, ensure_ascii=False),
        "mapping": json.dumps(mapping, ensure_ascii=False, sort_keys=True),
    }
    if old:
        values["id"] = old[0]["id"]
    records.save(db, MAPPINGS, values, actor, reason="记住问卷列对应", changes=changes)


def _band_value(field_key: str, value: str) -> tuple[Any, bool | None]:
    """A band's mapped value → (time or minutes, None) or (None, pass/fail)."""
    if value in (BAND_PASS, "pass"):
        return None, True
    if value in (BAND_FAIL, "fail"):
        return None, False
    if field_key == "hours":
        return round(float(value) * 60), None
    return tabular.clock(value), None


def _validate_mapping(mapping: dict[str, Any], headers: list[str]) -> None:
    if not mapping.get("student_column"):
        raise UserError("请选择“学生姓名”或“学籍号”所在的列。")
    for key in (
        "student_column",
        "class_column",
        "date_column",
        "bedtime_column",
        "wake_time_column",
        "hours_column",
    ):
        if mapping.get(key) and mapping[key] not in headers:
            raise UserError(f"文件中没有“{mapping[key]}”这一列，请重新选择列。")
    if not (mapping.get("date_column") or mapping.get("date")):
        raise UserError("请选择日期所在的列，或填写统一的调查日期。")
    if not any(mapping.get(f"{k}_column") for k in FIELDS):
        raise UserError("请至少选择就寝时间、起床时间或睡眠时长中的一列。")
    if mapping.get("source", PARENT) not in SOURCES:
        raise UserError(f"来源应为 {'、'.join(SOURCES)} 之一。")
    for key in FIELDS:
        for answer, value in (mapping.get(f"{key}_bands") or {}).items():
            if value in (None, ""):
                continue  # not mapped yet: rows with this answer are reported
            try:
                _band_value(key, value)
            except (ValueError, tabular.CellError):
                raise UserError(
                    f"{FIELD_LABELS[key]}选项“{answer}”对应的值“{value}”无效，应为时刻、小时数、"
                    f"“{BAND_PASS}”或“{BAND_FAIL}”。"
                ) from None


def preview_questionnaire(db: Database, path: Path, mapping: dict[str, Any]) -> QuestionnairePreview:
    """Read a questionnaire export with a column mapping. Names not in the roster are listed in
    ``unmatched`` (and not imported); unreadable answers are per-row errors that stop the import."""
    path = Path(path)
    headers, body = read_questionnaire(path)
    _validate_mapping(mapping, headers)
    result = QuestionnairePreview(path, headers=headers, mapping=mapping)
    index = school.StudentIndex(db)
    position = {h: i for i, h in reversed(list(enumerate(headers)))}

    def cell(raw: list[Any], key: str) -> Any:
        column = mapping.get(key)
        if not column:
            return None
        i = position[column]
        value = raw[i] if i < len(raw) else None
        return None if value is None or (isinstance(value, str) and not value.strip()) else value

    for key in FIELDS:
        column, bands = mapping.get(f"{key}_column"), mapping.get(f"{key}_bands") or {}
        answers = answer_values(body, headers, column) if column else []
        mapped = {tabular.normalize_header(a) for a, v in bands.items() if v not in (None, "")}
        if option_numbers(key, answers) and not all(tabular.normalize_header(a) in mapped for a in answers):
            result.errors.append(
                tabular.RowError(
                    0,
                    column,
                    "答案是选项序号（问卷星“按序号”导出），不能当作时刻或小时数：请在问卷星选“按选项文本”下载，"
                    "或在列对应中为每个序号填上对应的值",
                )
            )
    if result.errors:
        return result
    dates = tabular.SchoolDates.of(db)  # every date in a term of the school calendar
    try:
        fixed_date = dates.read(mapping["date"]) if mapping.get("date") else None
    except tabular.CellError as error:
        result.errors.append(tabular.RowError(0, "日期", str(error)))
        return result
    seen: dict[tuple, int] = {}
    for number, raw in enumerate(body, start=2):
        row: dict[str, Any] = {"_row": number, "source": mapping.get("source") or PARENT}
        who = cell(raw, "student_column")
        if who is None:
            result.unmatched.append((number, "", "未填写姓名"))
            continue
        by_no = mapping.get("student_by") == "student_no"
        try:
            who = student_ids.parse(who) if by_no else tabular.text(who)
        except tabular.CellError as error:
            result.errors.append(tabular.RowError(number, mapping.get("student_column") or "", str(error)))
            continue
        klass = cell(raw, "class_column")
        try:
            day = fixed_date or dates.read(cell(raw, "date_column"))
        except tabular.CellError as error:
            day, date_error = None, error
        student, _column, why = index.find(
            None if by_no else who,
            who if by_no else None,
            tabular.text(klass) if klass is not None and not by_no else None,
            on=day,  # the 班级 answered is the class's name on the day answered
        )
        if student is None:
            result.unmatched.append(
                (number, who + (f"（{tabular.text(klass)}）" if klass is not None else ""), why)
            )
            continue
        if day is None:
            result.errors.append(
                tabular.RowError(number, mapping.get("date_column") or "日期", str(date_error))
            )
            continue
        class_id = school.student_class_on(db, student, day)  # the class the student was in that day
        row.update(student_id=student["id"], class_id=class_id, student_name=student["name"], date=day)
        for key in FIELDS:
            value = cell(raw, f"{key}_column")
            if value is None:
                continue
            bands = mapping.get(f"{key}_bands")
            try:
                if bands:
                    normalized = {tabular.normalize_header(a): v for a, v in bands.items()}
                    answer = normalized.get(tabular.normalize_header(tabular.text(value)))
                    if answer in (None, ""):
                        raise tabular.CellError(
                            f"答案“{value}”还没有对应的{FIELD_LABELS[key]}，请在列对应中补上"
                        )
                    parsed, flag = _band_value(key, answer)
                elif key == "hours":
                    parsed, flag = round(float(str(value).replace("小时", "")) * 60), None
                else:
                    parsed, flag = tabular.clock(value), None
            except (ValueError, tabular.CellError) as error:
                message = str(error) if isinstance(error, tabular.CellError) else f"“{value}”不是小时数"
                result.errors.append(tabular.RowError(number, mapping.get(f"{key}_column"), message))
                continue
            target = {
                "bedtime": ("bedtime", "bedtime_ok"),
                "wake_time": ("wake_time", None),
                "hours": ("minutes", "hours_ok"),
            }[key]
            if flag is not None and target[1]:
                row[target[1]] = flag
            elif parsed is not None:
                row[target[0]] = parsed
        if not any(
            row.get(k) is not None for k in ("bedtime", "wake_time", "minutes", "bedtime_ok", "hours_ok")
        ):
            result.errors.append(tabular.RowError(number, "", "没有可导入的睡眠数据"))
            continue
        key = (row["student_id"], row["date"])
        if key in seen:
            # A parent who submitted twice: the later answer counts.
            result.warnings.append(f"第 {number} 行与第 {seen[key]} 行是同一学生同一天，以第 {number} 行为准")
            result.rows = [r for r in result.rows if r["_row"] != seen[key]]
        seen[key] = number
        result.rows.append(row)
    if result.unmatched:
        result.warnings.append(
            f"{len(result.unmatched)} 行未能对应到名册中的学生，不会导入："
            + "；".join(f"第 {r} 行 {name or '（空）'}：{why}" for r, name, why in result.unmatched[:20])
        )
    _check_rows(result)
    _count_existing(db, result)
    if not result.rows and not result.errors:
        result.errors.append(tabular.RowError(0, "", "没有一行能对应到名册中的学生"))
    return result


def commit_questionnaire(db: Database, actor: Actor, result: QuestionnairePreview) -> Changes:
    """Write the matched answers and remember the mapping (one transaction)."""
    return commit_import(db, actor, result)


# ------------------------------------------------------------------ one class-day (the page's status strip)


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

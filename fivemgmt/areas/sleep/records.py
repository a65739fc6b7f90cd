"""睡眠管理 — records: the schema, the record types, and reading and writing them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from fivemgmt import class_names, records, rowcheck, school
from fivemgmt.actor import Actor
from fivemgmt.areas.base import AreaName
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.i18n import QT_TRANSLATE_NOOP, translate
from fivemgmt.records import Changes
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
    stages = {class_names.grade_stage(c.grade) for c in school.list_classes(db)}
    if not stages:
        info = school.get_school(db)
        if info:
            low, high = class_names.STAGES[info["stage"]]
            stages = {class_names.grade_stage(g) for g in range(low, high + 1)}
    return [s for s in STAGE_GRADE if s in stages]

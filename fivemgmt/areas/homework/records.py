"""作业管理 — records: the schema, the record types, and reading and writing them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from fivemgmt import clock, records, rights, rowcheck, school
from fivemgmt.actor import Actor
from fivemgmt.areas import daily
from fivemgmt.areas.base import AreaName
from fivemgmt.calendar import SchoolCalendar
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.records import Changes
from fivemgmt.rules import Rulebook

AREA = AreaName("homework", "作业", "作业管理")
ENTRIES = "homework_entries"
DAYS = "homework_days"

KINDS = ["书面", "口头", "实践", "阅读"]
WRITTEN = "书面"
REQUIRED_LABELS = {True: "必做", False: "选做"}
CAP_RULE = "homework.written_daily_max_minutes"


class ReasonRequired(UserError):
    """Changing a past day needs a 作业调整说明; the GUI asks for one and retries."""


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

    def values(self, date_text: str | None = None) -> dict[str, Any]:
        """The entry's columns as stored; ``date_text``: its date's ISO text, when the caller has it."""
        return {
            "class_id": self.class_id,
            "date": date_text or self.date.isoformat(),
            "subject": self.subject,
            "content": self.content,
            "kind": self.kind,
            "required": int(self.required),
            "minutes": int(self.minutes),
            "teacher_name": self.teacher_name,
            "for_rest": int(self.for_rest),
        }


def _values_of(entries: Iterable[Entry]) -> Iterator[dict[str, Any]]:
    """:meth:`Entry.values` of each entry in turn (as it is asked for: an entry refused on the way stops
    it where values() did). An import's 100,000 entries fall on a few hundred days: each day's text is
    made once."""
    days: dict[dt.date, str] = {}
    return (
        entry.values(days.get(entry.date) or days.setdefault(entry.date, entry.date.isoformat()))
        for entry in entries
    )


# ------------------------------------------------------------------ reading


def entries_between(
    db: Database, class_id: str, start: dt.date, end: dt.date, *, for_rest_from: dt.date | None = None
) -> list[Entry]:
    """A class's entries from start to end, in entry order; with ``for_rest_from``, also the 周末/假期作业
    set from that day on before start (the only earlier entries a rest period ahead counts)."""
    return [entry for _, _, entry in stored_entries(db, class_id, start, end, for_rest_from=for_rest_from)]


def stored_entries(
    db: Database, class_id: str, start: dt.date, end: dt.date, *, for_rest_from: dt.date | None = None
) -> list[tuple[str, bool, Entry]]:
    """:func:`entries_between` with each entry's date as stored and whether it is stored as 周末/假期作业
    (``for_rest = 1``): what a caller needs to take a narrower window of them exactly as the query would."""
    return [row[1:] for row in stored_rows(db, class_id, start, end, for_rest_from=for_rest_from)]


def stored_rows(
    db: Database,
    class_id: str,
    start: dt.date,
    end: dt.date,
    *,
    for_rest_from: dt.date | None = None,
    ids: list[str] | None = None,
) -> list[tuple[int, str, bool, Entry]]:
    """:func:`stored_entries` with each entry's rowid first (what orders a day's entries); ``ids``: of
    those entries, only these (a cache reading again the rows written since it was made)."""
    first = start if for_rest_from is None else min(start, for_rest_from)
    # the Entry's columns only, as tuples (as Entry.from_row reads them), but its class: the one asked
    # for, as stored (``=`` on text is exact). The status and week strips read them at every save.
    only = f" AND id IN ({','.join('?' * len(ids))})" if ids is not None else ""
    rows = db.conn.execute(
        f"SELECT rowid, {', '.join(_READ_COLUMNS)} FROM {ENTRIES}"
        " WHERE deleted = 0 AND class_id = ? AND date BETWEEN ? AND ? AND (date >= ? OR for_rest = 1)"
        f"{only} ORDER BY date, rowid",
        [class_id, first.isoformat(), end.isoformat(), start.isoformat(), *(ids or ())],
    )
    found = rows.fetchall()
    dates: dict[str, dt.date] = {}  # a week's entries fall on a few days
    try:
        return [
            (
                rowid,
                date,
                for_rest == 1,  # SQLite's ``for_rest = 1`` on the stored value (int, float, text, blob, NULL)
                Entry(
                    record_id,
                    class_id,
                    dates.get(date) or dates.setdefault(date, dt.date.fromisoformat(date)),
                    subject,
                    content or "",
                    kind,
                    bool(required),
                    minutes or 0,
                    teacher or "",
                    adjusted or "",
                    bool(for_rest),
                ),
            )
            for rowid, record_id, date, subject, content, kind, required, minutes, teacher, adjusted, for_rest in found
        ]
    except (ValueError, TypeError):  # a row the app could not have stored: skipped (and logged) as always
        return rowcheck.readable(
            ENTRIES,
            [dict(zip(("rowid", *_READ_COLUMNS), row), class_id=class_id) for row in found],
            lambda row: (row["rowid"], row["date"], row["for_rest"] == 1, Entry.from_row(row)),
        )


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
_READ_COLUMNS = tuple(c for c in _ENTRY_COLUMNS if c != "class_id")


def _no_homework_dates(db: Database, class_id: str, start: dt.date, end: dt.date) -> set[dt.date]:
    return {dt.date.fromisoformat(text) for text in no_homework_texts(db, class_id, start, end)}


def no_homework_texts(db: Database, class_id: str, start: dt.date, end: dt.date) -> list[str]:
    """The dates, as stored, of a class's 今日无作业 days from start to end."""
    return [date for _, date in no_homework_rows(db, class_id, start, end)]


def no_homework_rows(
    db: Database, class_id: str, start: dt.date, end: dt.date, ids: list[str] | None = None
) -> list[tuple[str, str]]:
    """(id, date as stored) of a class's 今日无作业 days from start to end; ``ids``: only these rows."""
    only = f" AND id IN ({','.join('?' * len(ids))})" if ids is not None else ""
    return db.conn.execute(
        f"SELECT id, date FROM {DAYS}"
        f" WHERE deleted = 0 AND (class_id = ? AND date BETWEEN ? AND ? AND no_homework = 1){only}",
        [class_id, start.isoformat(), end.isoformat(), *(ids or ())],
    ).fetchall()


def counts_optional(rules: Rulebook, grade: int, day: dt.date) -> bool:
    # Before the setting exists (a day before the notices) nothing is judged: required minutes are shown.
    return rules.has("homework.count_optional", grade, day) and bool(
        rules.value("homework.count_optional", grade, day)
    )


FOR_REST_LOOKAHEAD_DAYS = 7


def _rest_target(calendar: SchoolCalendar, entry: Entry) -> dt.date | None:
    """The rest day that 周末/假期作业 set on a school day counts toward (None: an ordinary entry)."""
    if not entry.for_rest or calendar.kind(entry.date).is_rest_day:
        return None
    for offset in range(1, FOR_REST_LOOKAHEAD_DAYS + 1):
        candidate = entry.date + dt.timedelta(days=offset)
        if calendar.kind(candidate).is_rest_day:
            return candidate
    return None


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
    calendar = SchoolCalendar(db) if any(e.for_rest for e in entries) else None  # read only when asked
    for entry in entries:
        _validate(entry)
        if (
            calendar is not None
            and entry.for_rest
            and not calendar.kind(entry.date).is_rest_day
            and _rest_target(calendar, entry) is None
        ):
            raise UserError(
                f"{entry.date.isoformat()} 之后 {FOR_REST_LOOKAHEAD_DAYS} 天内没有周末或假期，"
                "不能标为“周末/假期作业”。"
            )
    changes = Changes()
    with transaction(db):
        olds = records.fetch(db, ENTRIES, [e.id for e in entries if e.id])
        batch, past = [], []
        adjusted = reason.strip() if reason else ""  # kept with every entry of a past day
        for entry, values in zip(entries, _values_of(entries)):
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
                if adjusted:
                    values["adjust_reason"] = adjusted
            batch.append(values)
        if past and not adjusted:
            days = "、".join(d.isoformat() for d in sorted(set(past))[:5])
            more = f" 等 {len(set(past))} 天" if len(set(past)) > 5 else ""
            raise ReasonRequired(f"{days}{more} 已经过去，修改需要填写作业调整说明。")
        note = audit_reason or (reason.strip() if reason else None)
        ids = records.save_many(db, ENTRIES, batch, actor, reason=note, changes=changes)
        for entry, record_id in zip(entries, ids):
            entry.id = record_id
        _clear_no_homework(db, actor, {(e.class_id, e.date) for e in entries}, note, changes)
    return changes


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

"""手机管理 — parents' applications, the daily custody log, and the school's phone policy facts.

In principle no personal phones on campus. A student who needs one has a parent's written application
(手机入校申请) approved by the school, valid until a date; on arrival the phone is handed in for unified
custody (统一保管) and returned at dismissal. The daily log per class records, for each approved student,
已交 (handed in), 未交 (kept — not handed in) or 未带 (did not bring it); a student found with a phone and no
valid approval is recorded as 违规带入. Violations per student per term at or above
``phone.violation_escalate_count`` escalate (the school's follow-up: talk with parents, 德育处).

The scanned application form is stored in the database itself (table ``phone_attachments``, content
addressed by SHA-256), not in a folder next to it: the database file is what schools back up, copy to
the bureau and restore, and a folder beside it is lost in exactly those moves. Files are limited to
``MAX_ATTACHMENT_BYTES`` (a phone photo or a one-page scan).

A class-week with no custody log and no approved students is 未登记 (nobody confirmed that no phones came
in); a school day on which the class had approved students and no log is a missing log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from fivemgmt import clock, records, rowcheck, school, student_ids, tabular
from fivemgmt.accounts import Actor
from fivemgmt.areas import daily
from fivemgmt.areas.base import AreaName, AreaWeek, ClassDays, DayResult, WeekContext, not_in_force
from fivemgmt.calendar import DayKind, SchoolCalendar, Term
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.files import write_file
from fivemgmt.i18n import QT_TRANSLATE_NOOP, translate
from fivemgmt.records import Changes, create_record_table
from fivemgmt.rules import Rulebook, Status, Verdict, reason_separator

AREA = AreaName("phone", "手机", "手机管理")
APPLICATIONS = "phone_applications"
ATTACHMENTS = "phone_attachments"
CUSTODY = "phone_custody"
CUSTODY_DAYS = "phone_custody_days"
POLICY = "phone_policy"
CUSTODIANS = "phone_custodians"
FOLLOWUPS = "phone_followups"
ESCALATE_RULE = "phone.violation_escalate_count"
MAX_ATTACHMENT_BYTES = 8 * 1024 * 1024

APPROVED, REFUSED, PENDING = "批准", "不批准", "待审批"
DECISIONS = [APPROVED, REFUSED, PENDING]
HANDED_IN, NOT_HANDED_IN, NOT_BROUGHT, VIOLATION = "已交", "未交", "未带", "违规带入"
CUSTODY_STATES = [HANDED_IN, NOT_HANDED_IN, NOT_BROUGHT, VIOLATION]
# An escalation's follow-up: a talk with the parents (家长沟通), and at the end its closing (结案)
CONTACT, CLOSING = "家长沟通", "结案"
CONTACT_METHODS = ["电话", "面谈", "家访", "微信/短信", "书面通知"]


def create_schema(db: Database) -> None:
    create_record_table(
        db,
        APPLICATIONS,
        {
            "class_id": str,
            "student_id": str,
            "reason": str,
            "parent_name": str,
            "applied_on": str,
            "decision": str,
            "decided_by": str,
            "decided_on": str,
            "valid_until": str,
            "attachment_sha": str,
            "attachment_name": str,
            "note": str,
        },
        not_null={"class_id", "student_id", "applied_on", "decision"},
        indexes=[["class_id"], ["student_id"]],
    )
    # Immutable file contents, addressed by hash: an application row refers to one; never changed in place.
    db[ATTACHMENTS].create(
        {"sha256": str, "name": str, "size": int, "data": bytes, "added_at": str},
        pk="sha256",
        not_null={"data"},
    )
    create_record_table(
        db,
        CUSTODY,
        {"class_id": str, "date": str, "student_id": str, "status": str, "returned": int, "note": str},
        not_null={"class_id", "date", "student_id", "status"},
        indexes=[["class_id", "date"], ["student_id", "date"]],
    )
    create_record_table(
        db,
        CUSTODY_DAYS,
        {"class_id": str, "date": str, "received_by": str, "returned_by": str, "note": str},
        not_null={"class_id", "date"},
        indexes=[["class_id", "date"], ["date"]],
    )
    create_record_table(
        db,
        POLICY,
        {
            "term_id": str,
            "application_system": int,
            "classroom_ban": int,
            "storage_device": str,
            "public_phone": str,
            "hotline": str,
            "no_phone_homework": int,
            "guidance": str,
            "parents_informed_on": str,
            "note": str,
        },
        not_null={"term_id"},
        indexes=[["term_id"]],
    )
    create_record_table(
        db,
        CUSTODIANS,
        {"term_id": str, "class_id": str, "name": str},
        not_null={"term_id", "class_id"},
        indexes=[["term_id", "class_id"]],
    )


def create_followup_schema(db: Database) -> None:
    """An escalated student's follow-up records: each 家长沟通 (date, 沟通方式, 结果) and the 结案 (date, who
    closed it, the outcome). Keyed by student and the term the violations were counted in (its start)."""
    create_record_table(
        db,
        FOLLOWUPS,
        {
            "class_id": str,
            "student_id": str,
            "term_start": str,
            "kind": str,
            "date": str,
            "method": str,
            "outcome": str,
            "closed_by": str,
            "note": str,
        },
        not_null={"class_id", "student_id", "term_start", "kind", "date"},
        indexes=[["class_id", "term_start"], ["student_id"]],
    )


def _d(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


# ------------------------------------------------------------------ applications


@dataclass
class Application:
    id: str | None
    class_id: str
    student_id: str
    applied_on: dt.date
    reason: str = ""
    parent_name: str = ""
    decision: str = PENDING
    decided_by: str = ""
    decided_on: dt.date | None = None
    valid_until: dt.date | None = None
    note: str = ""
    attachment_sha: str | None = None
    attachment_name: str = ""
    student_name: str = ""

    @classmethod
    def from_row(cls, row: dict, name: str = "") -> Application:
        return cls(
            row["id"],
            row["class_id"],
            row["student_id"],
            dt.date.fromisoformat(row["applied_on"]),
            row["reason"] or "",
            row["parent_name"] or "",
            row["decision"],
            row["decided_by"] or "",
            _d(row["decided_on"]),
            _d(row["valid_until"]),
            row["note"] or "",
            row["attachment_sha"],
            row["attachment_name"] or "",
            name,
        )

    def values(self) -> dict[str, Any]:
        return {
            "class_id": self.class_id,
            "student_id": self.student_id,
            "applied_on": self.applied_on.isoformat(),
            "reason": self.reason,
            "parent_name": self.parent_name,
            "decision": self.decision,
            "decided_by": self.decided_by,
            "decided_on": _iso(self.decided_on),
            "valid_until": _iso(self.valid_until),
            "note": self.note,
            "attachment_sha": self.attachment_sha,
            "attachment_name": self.attachment_name,
        }

    def valid_on(self, day: dt.date) -> bool:
        """Approved, and the day lies between the decision (or application) and valid-until, inclusive."""
        if self.decision != APPROVED or self.valid_until is None:
            return False
        return (self.decided_on or self.applied_on) <= day <= self.valid_until

    @property
    def state_label(self) -> str:
        return self.decision


def _validate_application(app: Application) -> None:
    if app.decision not in DECISIONS:
        raise UserError(f"审批结果应为 {'、'.join(DECISIONS)} 之一。")
    if not app.parent_name.strip():
        raise UserError("请填写提出申请的家长姓名（书面申请须家长签字）。")
    if not app.reason.strip():
        raise UserError("请填写申请理由。")
    if app.decision != PENDING and not app.decided_by.strip():
        raise UserError("已审批的申请须填写审批人。")
    if app.decision == APPROVED:
        if app.valid_until is None:
            raise UserError("批准的申请须填写有效期至。")
        if app.valid_until < (app.decided_on or app.applied_on):
            raise UserError("有效期不能早于审批日期。")
    if app.decided_on and app.decided_on < app.applied_on:
        raise UserError("审批日期不能早于申请日期。")


def store_attachment(db: Database, path: Path) -> tuple[str, str]:
    """Keep a scanned form in the database; returns (sha256, file name). Call inside a transaction."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"找不到附件文件：{path}")
    size = path.stat().st_size
    if size > MAX_ATTACHMENT_BYTES:
        raise UserError(
            f"附件“{path.name}”有 {size / 1024 / 1024:.1f} MB，超过 "
            f"{MAX_ATTACHMENT_BYTES // 1024 // 1024} MB，请压缩或重新扫描。"
        )
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    if not db.execute(f"SELECT 1 FROM {ATTACHMENTS} WHERE sha256 = ?", [sha]).fetchone():
        db[ATTACHMENTS].insert(
            {"sha256": sha, "name": path.name, "size": size, "data": data, "added_at": records.now_iso()}
        )
    return sha, path.name


def attachment(db: Database, sha: str) -> tuple[str, bytes]:
    """(file name, bytes) of a stored scan."""
    row = db.execute(f"SELECT name, data FROM {ATTACHMENTS} WHERE sha256 = ?", [sha]).fetchone()
    if row is None:
        raise UserError("附件不存在。")
    return row[0], row[1]


def export_attachment(db: Database, sha: str, folder: Path) -> Path:
    """Write a stored scan into folder (to open it with the system viewer); returns the file's path."""
    name, data = attachment(db, sha)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{sha[:8]}_{Path(name).name}"
    write_file(target, data, private=True)  # a parent's signed form: owner-only, .part, fsync, rename
    return target


def save_application(
    db: Database, actor: Actor, app: Application, *, attachment_path: Path | None = None
) -> Changes:
    """Add or change an application (with an optional scanned form)."""
    _validate_application(app)
    student = records.get(db, "students", app.student_id)
    if student is None or student["deleted"] or student["class_id"] != app.class_id:
        raise UserError("该学生不在所选班级中。")
    changes = Changes()
    with transaction(db):
        if attachment_path is not None:
            app.attachment_sha, app.attachment_name = store_attachment(db, attachment_path)
        values = app.values()
        if app.id:
            values["id"] = app.id
        app.id = records.save(db, APPLICATIONS, values, actor, changes=changes)
    return changes


def _names(db: Database, ids: Iterable[str] | None = None) -> dict[str, str]:
    """Names of live students: of the given ids only (a week or a day needs a handful, not the school)."""
    if ids is None:
        return {r["id"]: r["name"] for r in records.live_rows(db, "students")}
    wanted = sorted(set(ids))
    names: dict[str, str] = {}
    for start in range(0, len(wanted), 500):  # well under SQLite's variable limit
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        names.update(
            (r["id"], r["name"])
            for r in db.query(f"SELECT id, name FROM students WHERE deleted = 0 AND id IN ({marks})", chunk)
        )
    return names


def applications(db: Database, class_id: str | None = None) -> list[Application]:
    where, params = ("class_id = ?", [class_id]) if class_id else ("1", [])
    rows = records.live_rows(db, APPLICATIONS, where, params, order_by="applied_on DESC, rowid")
    names = _names(db, (r["student_id"] for r in rows))
    return rowcheck.readable(
        APPLICATIONS, rows, lambda r: Application.from_row(r, names.get(r["student_id"], "（已删除学生）"))
    )


def approved_students(
    db: Database, class_id: str, day: dt.date, apps: list[Application] | None = None
) -> dict[str, Application]:
    """Students of a class with an approval valid on day → that approval."""
    result: dict[str, Application] = {}
    for app in apps if apps is not None else applications(db, class_id):
        if app.class_id == class_id and app.valid_on(day):
            result.setdefault(app.student_id, app)
    return result


def expired_applications(
    db: Database,
    class_id: str,
    day: dt.date,
    since: dt.date | None = None,
    apps: list[Application] | None = None,
) -> list[Application]:
    """Approvals that ran out before day (after since) for students with no valid approval on day:
    the phone must stay home, or the family applies again."""
    apps = apps if apps is not None else applications(db, class_id)
    valid = approved_students(db, class_id, day, apps)
    latest: dict[str, Application] = {}
    for app in apps:
        if app.class_id != class_id or app.decision != APPROVED or app.valid_until is None:
            continue
        if (
            app.valid_until < day
            and (since is None or app.valid_until >= since)
            and app.student_id not in valid
        ):
            if app.student_id not in latest or app.valid_until > latest[app.student_id].valid_until:  # type: ignore
                latest[app.student_id] = app
    return sorted(latest.values(), key=lambda a: a.valid_until)  # type: ignore[arg-type, return-value]


# ------------------------------------------------------------------ the daily custody log


@dataclass
class CustodyRow:
    student_id: str
    name: str
    approved: bool  # has an approval valid that day
    status: str | None = None  # None: not logged yet
    returned: bool = True
    note: str = ""
    record_id: str | None = None
    valid_until: dt.date | None = None


@dataclass
class CustodyDay:
    class_id: str
    date: dt.date
    logged: bool
    received_by: str = ""
    returned_by: str = ""
    note: str = ""
    rows: list[CustodyRow] = field(default_factory=list)


def custody_rows(db: Database, class_id: str, start: dt.date, end: dt.date) -> list[dict]:
    return records.live_rows(
        db,
        CUSTODY,
        "class_id = ? AND date BETWEEN ? AND ?",
        [class_id, start.isoformat(), end.isoformat()],
        order_by="date, rowid",
    )


def logged_dates(db: Database, class_id: str, start: dt.date, end: dt.date) -> set[dt.date]:
    return daily.logged_dates(db, CUSTODY_DAYS, class_id, start, end)


def custody_day(db: Database, class_id: str, day: dt.date) -> CustodyDay:
    """A class's log for one day: every approved student (logged or not yet), plus any violations."""
    return custody_days(db, [class_id], day, day)[class_id][day]


def custody_days(
    db: Database, class_ids: list[str], start: dt.date, end: dt.date
) -> dict[str, dict[dt.date, CustodyDay]]:
    """``custody_day`` of every class and date start..end, read with one query per table for all of them."""
    wanted = list(dict.fromkeys(class_ids))
    marks = ",".join("?" for _ in wanted)
    app_rows = (
        records.live_rows(
            db, APPLICATIONS, f"class_id IN ({marks})", wanted, order_by="applied_on DESC, rowid"
        )
        if wanted
        else []
    )
    markers = daily.rows_by_class(db, CUSTODY_DAYS, wanted, start, end)
    logs = daily.rows_by_class(db, CUSTODY, wanted, start, end)
    names = _names(
        db, [*(r["student_id"] for r in app_rows), *(r["student_id"] for v in logs.values() for r in v)]
    )
    apps = rowcheck.readable(
        APPLICATIONS,
        app_rows,
        lambda r: Application.from_row(r, names.get(r["student_id"], "（已删除学生）")),
    )
    result: dict[str, dict[dt.date, CustodyDay]] = {}
    for class_id in wanted:
        own = [a for a in apps if a.class_id == class_id]
        marker_of = {r["date"]: r for r in markers[class_id]}
        logs_of: dict[str, dict[str, dict]] = {}
        for row in logs[class_id]:
            logs_of.setdefault(row["date"], {})[row["student_id"]] = row
        days: dict[dt.date, CustodyDay] = {}
        day = start
        while day <= end:
            iso = day.isoformat()
            approved = approved_students(db, class_id, day, own)
            marker = marker_of.get(iso)
            current = CustodyDay(class_id, day, marker is not None)
            if marker is not None:
                current.received_by = marker["received_by"] or ""
                current.returned_by = marker["returned_by"] or ""
                current.note = marker["note"] or ""
            logged = logs_of.get(iso, {})
            for student_id in [*approved, *[s for s in logged if s not in approved]]:
                row = logged.get(student_id)
                app = approved.get(student_id)
                current.rows.append(
                    CustodyRow(
                        student_id,
                        names.get(student_id, "（已删除学生）"),
                        app is not None,
                        row["status"] if row else None,
                        bool(row["returned"]) if row else True,
                        (row["note"] or "") if row else "",
                        row["id"] if row else None,
                        app.valid_until if app else None,
                    )
                )
            current.rows.sort(key=lambda r: (not r.approved, r.name))
            days[day] = current
            day += dt.timedelta(days=1)
        result[class_id] = days
    return result


def log_day(
    db: Database,
    actor: Actor,
    class_id: str,
    day: dt.date,
    *,
    received_by: str,
    returned_by: str = "",
    exceptions: dict[str, str] | None = None,
    not_returned: set[str] | None = None,
    notes: dict[str, str] | None = None,
    note: str = "",
    reason: str | None = None,
) -> Changes:
    """Fast entry: every student approved that day handed the phone in (已交) and got it back, except the
    exceptions given (student id → 未交 / 未带 / 违规带入). A student without a valid approval who had a
    phone is recorded as 违规带入 whatever status was given. Replaces that day's log."""
    if not received_by.strip():
        raise UserError("请填写收取手机的责任人。")
    exceptions = dict(exceptions or {})
    for status in exceptions.values():
        if status not in CUSTODY_STATES:
            raise UserError(f"保管状态应为 {'、'.join(CUSTODY_STATES)} 之一。")
    students = {s["id"] for s in school.list_students(db, class_id, on=day)}
    unknown = [s for s in exceptions if s not in students]
    if unknown:
        raise UserError("有学生不在该班级名册中。")
    wanted = _day_records(
        class_id, day, approved_students(db, class_id, day), exceptions, not_returned or set(), notes or {}
    )
    changes = Changes()
    with transaction(db):
        existing = {r["student_id"]: r for r in custody_rows(db, class_id, day, day)}
        for student_id, values in wanted.items():
            if student_id in existing:
                values["id"] = existing[student_id]["id"]
            records.save(db, CUSTODY, values, actor, reason=reason, changes=changes)
        for student_id, row in existing.items():
            if student_id not in wanted:
                records.delete(db, CUSTODY, row["id"], actor, reason=reason, changes=changes)
        values = _marker_values(class_id, day, received_by, returned_by, note)
        daily.save_class_day(db, actor, CUSTODY_DAYS, values, reason=reason, changes=changes)
    return changes


def _day_records(
    class_id: str,
    day: dt.date,
    approved: dict[str, Application],
    exceptions: dict[str, str],
    not_returned: set[str],
    notes: dict[str, str],
) -> dict[str, dict[str, Any]]:
    """The custody records a day's log keeps (student id → values): every approved student 已交 unless an
    exception says otherwise; a student without a valid approval who had a phone (已交/未交/违规带入) is
    违规带入, and one who did not bring it (未带) is not recorded."""
    wanted: dict[str, str] = {s: HANDED_IN for s in approved}
    for student_id, status in exceptions.items():
        if student_id not in approved and status in (HANDED_IN, NOT_HANDED_IN, VIOLATION):
            status = VIOLATION
        if student_id not in approved and status == NOT_BROUGHT:
            wanted.pop(student_id, None)
            continue
        wanted[student_id] = status
    return {
        student_id: {
            "class_id": class_id,
            "date": day.isoformat(),
            "student_id": student_id,
            "status": status,
            "returned": int(status == HANDED_IN and student_id not in not_returned),
            "note": notes.get(student_id, ""),
        }
        for student_id, status in wanted.items()
    }


def _marker_values(class_id: str, day: dt.date, received_by: str, returned_by: str, note: str) -> dict:
    return {
        "class_id": class_id,
        "date": day.isoformat(),
        "received_by": received_by.strip(),
        "returned_by": returned_by.strip(),
        "note": note,
    }


def record_violation(
    db: Database,
    actor: Actor,
    class_id: str,
    student_id: str,
    day: dt.date,
    *,
    received_by: str,
    note: str = "",
) -> Changes:
    """A student found with a phone and no valid approval (违规带入), added to that day's log."""
    current = custody_day(db, class_id, day)
    exceptions = {r.student_id: r.status for r in current.rows if r.status and r.status != HANDED_IN}
    exceptions[student_id] = VIOLATION
    notes = {r.student_id: r.note for r in current.rows if r.note}
    if note:
        notes[student_id] = note
    not_returned = {r.student_id for r in current.rows if r.status == HANDED_IN and not r.returned}
    return log_day(
        db,
        actor,
        class_id,
        day,
        received_by=current.received_by or received_by,
        returned_by=current.returned_by,
        exceptions=exceptions,
        not_returned=not_returned,
        notes=notes,
        note=current.note,
    )


# ------------------------------------------------------------------ violations and escalation


@dataclass
class FollowUp:
    id: str
    kind: str  # CONTACT or CLOSING
    date: dt.date
    method: str
    outcome: str
    closed_by: str
    by: str  # the account that recorded it


@dataclass
class Escalation:
    student_id: str
    name: str
    class_id: str
    class_name: str
    count: int
    threshold: int
    dates: list[dt.date]
    term_start: dt.date | None = None
    followups: list[FollowUp] = field(default_factory=list)

    @property
    def contacts(self) -> list[FollowUp]:
        return [f for f in self.followups if f.kind == CONTACT]

    @property
    def closing(self) -> FollowUp | None:
        """The 结案 that covers every violation counted (a violation after it opens the case again)."""
        closings = [f for f in self.followups if f.kind == CLOSING]
        last = closings[-1] if closings else None
        return last if last and last.date >= max(self.dates) else None

    @property
    def is_open(self) -> bool:
        return self.closing is None

    @property
    def state(self) -> str:
        if self.closing:
            return f"已结案（{self.closing.date.isoformat()}，{self.closing.closed_by}）"
        if self.contacts:
            return f"跟进中（已沟通 {len(self.contacts)} 次）"
        return "待跟进（尚未与家长沟通）"


def _term_window(calendar: SchoolCalendar, day: dt.date) -> tuple[dt.date, dt.date]:
    term: Term | None = calendar.current_or_last_term(day)
    return (term.start if term else day - dt.timedelta(days=180)), day


def escalations(
    db: Database,
    day: dt.date,
    class_id: str | None = None,
    rules: Rulebook | None = None,
    calendar: SchoolCalendar | None = None,
) -> list[Escalation]:
    """Students with at least ``phone.violation_escalate_count`` violations this term (up to day)."""
    rules = rules or Rulebook(db)
    start, end = _term_window(calendar or SchoolCalendar(db), day)
    classes = [school.get_class(db, class_id, on=day)] if class_id else school.list_classes(db, on=day)
    result = []
    for school_class in classes:
        threshold = int(rules.value("phone.violation_escalate_count", school_class.grade, day))
        by_student: dict[str, list[dt.date]] = {}
        for row in custody_rows(db, school_class.id, start, end):
            if row["status"] == VIOLATION:
                by_student.setdefault(row["student_id"], []).append(dt.date.fromisoformat(row["date"]))
        for student_id, dates in by_student.items():
            if len(dates) >= threshold:
                result.append(
                    Escalation(
                        student_id,
                        "",
                        school_class.id,
                        school_class.name,
                        len(dates),
                        threshold,
                        dates,
                    )
                )
    names = _names(db, (e.student_id for e in result))
    followups = _followups(db, start, [e.student_id for e in result])
    for item in result:
        item.name = names.get(item.student_id, "")
        item.term_start = start
        item.followups = [f for f in followups.get(item.student_id, []) if f.date <= day]
    return result


def _followups(db: Database, term_start: dt.date, student_ids: list[str]) -> dict[str, list[FollowUp]]:
    if not student_ids:
        return {}
    marks = ",".join("?" * len(student_ids))
    rows = records.live_rows(
        db,
        FOLLOWUPS,
        f"term_start = ? AND student_id IN ({marks})",
        [term_start.isoformat(), *student_ids],
        order_by="date, rowid",
    )
    found: dict[str, list[FollowUp]] = {}
    for r in rows:
        found.setdefault(r["student_id"], []).append(
            FollowUp(
                r["id"],
                r["kind"],
                dt.date.fromisoformat(r["date"]),
                r["method"] or "",
                r["outcome"] or "",
                r["closed_by"] or "",
                r["updated_by"] or "",
            )
        )
    return found


def escalation(
    db: Database, class_id: str, student_id: str, day: dt.date, calendar: SchoolCalendar | None = None
) -> Escalation:
    """The student's escalation this term (up to day); UserError when the student has none."""
    for item in escalations(db, day, class_id, calendar=calendar):
        if item.student_id == student_id:
            return item
    raise UserError("该学生本学期违规带入手机未达到升级处理的次数，无需跟进。")


def _followup_values(item: Escalation, kind: str, date: dt.date, outcome: str, today: dt.date) -> dict:
    if date > today:
        raise UserError(f"日期 {date.isoformat()} 还没到，不能登记。")
    if date < min(item.dates):
        raise UserError(f"日期 {date.isoformat()} 早于第一次违规（{min(item.dates).isoformat()}）。")
    if not outcome.strip():
        raise UserError("请填写结果（与家长沟通的结果或结案的处理结果）。")
    return {
        "class_id": item.class_id,
        "student_id": item.student_id,
        "term_start": item.term_start.isoformat() if item.term_start else min(item.dates).isoformat(),
        "kind": kind,
        "date": date.isoformat(),
        "outcome": outcome.strip(),
    }


def add_followup(
    db: Database,
    actor: Actor,
    class_id: str,
    student_id: str,
    date: dt.date,
    *,
    method: str,
    outcome: str,
    note: str = "",
) -> Changes:
    """Record one 家长沟通 about an escalated student: its date, 沟通方式 and 结果 (audited)."""
    actor.require_class(class_id)
    today = clock.today()
    item = escalation(db, class_id, student_id, today)
    if not item.is_open:
        raise UserError(f"{item.name}的升级处理已于 {item.closing.date.isoformat()} 结案。")  # type: ignore[union-attr]
    if method not in CONTACT_METHODS:
        raise UserError(f"沟通方式应为 {'、'.join(CONTACT_METHODS)} 之一。")
    values = _followup_values(item, CONTACT, date, outcome, today)
    values.update(method=method, note=note.strip())
    changes = Changes()
    with transaction(db):
        records.save(db, FOLLOWUPS, values, actor, changes=changes)
    return changes


def close_escalation(
    db: Database,
    actor: Actor,
    class_id: str,
    student_id: str,
    date: dt.date,
    *,
    closed_by: str,
    outcome: str,
) -> Changes:
    """Close an escalated student's case (结案) on a date, naming who closed it; needs a 家长沟通 first. A
    violation after the closing date opens the case again."""
    actor.require_class(class_id)
    today = clock.today()
    item = escalation(db, class_id, student_id, today)
    if not item.is_open:
        raise UserError(f"{item.name}的升级处理已于 {item.closing.date.isoformat()} 结案。")  # type: ignore[union-attr]
    if not item.contacts:
        raise UserError(f"请先登记与{item.name}家长的沟通（日期、沟通方式、结果），再结案。")
    if not closed_by.strip():
        raise UserError("请填写结案人。")
    if date < max(item.dates):
        raise UserError(f"结案日期不能早于最近一次违规（{max(item.dates).isoformat()}）。")
    values = _followup_values(item, CLOSING, date, outcome, today)
    values.update(closed_by=closed_by.strip())
    changes = Changes()
    with transaction(db):
        records.save(db, FOLLOWUPS, values, actor, changes=changes)
    return changes


def missing_log_days(
    db: Database, class_id: str, days: list[dt.date], apps: list[Application] | None = None
) -> list[dt.date]:
    """School days (given) on which the class had approved students and no custody log."""
    if not days:
        return []
    apps = apps if apps is not None else applications(db, class_id)
    logged = logged_dates(db, class_id, min(days), max(days))
    return [d for d in days if d not in logged and approved_students(db, class_id, d, apps)]


# ------------------------------------------------------------------ school policy facts (per term)


@dataclass
class Policy:
    id: str | None
    term_id: str
    application_system: bool = False  # C1 手机入校书面申请制度
    classroom_ban: bool = False  # C2 不得带入课堂
    storage_device: str = ""  # C3 保管装置
    public_phone: str = ""  # C5 校内公用电话
    hotline: str = ""  # 班主任沟通热线
    no_phone_homework: bool = False  # C6/C7 不得用手机布置或完成作业
    guidance: str = ""  # C8 教育引导
    parents_informed_on: dt.date | None = None  # C9 告知家长
    note: str = ""


def save_policy(db: Database, actor: Actor, policy: Policy) -> Changes:
    changes = Changes()
    with transaction(db):
        values = {
            "term_id": policy.term_id,
            "application_system": int(policy.application_system),
            "classroom_ban": int(policy.classroom_ban),
            "storage_device": policy.storage_device.strip(),
            "public_phone": policy.public_phone.strip(),
            "hotline": policy.hotline.strip(),
            "no_phone_homework": int(policy.no_phone_homework),
            "guidance": policy.guidance.strip(),
            "parents_informed_on": _iso(policy.parents_informed_on),
            "note": policy.note,
        }
        old = records.live_rows(db, POLICY, "term_id = ?", [policy.term_id])
        if policy.id or old:
            values["id"] = policy.id or old[0]["id"]
        policy.id = records.save(db, POLICY, values, actor, changes=changes)
    return changes


def get_policy(db: Database, term_id: str) -> Policy | None:
    rows = records.live_rows(db, POLICY, "term_id = ?", [term_id])
    if not rows:
        return None
    r = rows[0]
    return Policy(
        r["id"],
        r["term_id"],
        bool(r["application_system"]),
        bool(r["classroom_ban"]),
        r["storage_device"] or "",
        r["public_phone"] or "",
        r["hotline"] or "",
        bool(r["no_phone_homework"]),
        r["guidance"] or "",
        _d(r["parents_informed_on"]),
        r["note"] or "",
    )


def set_custodian(db: Database, actor: Actor, term_id: str, class_id: str, name: str) -> Changes:
    """Name the person responsible for a class's phone custody this term (empty name clears it)."""
    changes = Changes()
    with transaction(db):
        old = records.live_rows(db, CUSTODIANS, "term_id = ? AND class_id = ?", [term_id, class_id])
        values = {"term_id": term_id, "class_id": class_id, "name": name.strip()}
        if old:
            values["id"] = old[0]["id"]
        records.save(db, CUSTODIANS, values, actor, changes=changes)
    return changes


def custodians(db: Database, term_id: str) -> dict[str, str]:
    return {
        r["class_id"]: r["name"]
        for r in records.live_rows(db, CUSTODIANS, "term_id = ?", [term_id])
        if (r["name"] or "").strip()
    }


@dataclass(frozen=True)
class PolicyItem:
    code: str  # the checklist code (C1…C9)
    title: str
    verdict: Verdict


def check_policy(db: Database, day: dt.date, calendar: SchoolCalendar | None = None) -> list[PolicyItem]:
    """The checklist's phone items (C1–C9) for the term around day, from the recorded facts."""
    term = (calendar or SchoolCalendar(db)).current_or_last_term(day)
    source = "教育部办公厅《关于加强中小学生手机管理工作的通知》(教基厅函〔2021〕3号)"
    policy = get_policy(db, term.id) if term else None
    if policy is None:
        return [
            PolicyItem(
                "C1–C9",
                translate("Verdict", "手机管理制度"),
                Verdict(Status.UNLOGGED, translate("Verdict", "本学期尚未填写手机管理制度与设施"), source),
            )
        ]

    def item(code: str, title: str, ok: bool, yes: str, no: str) -> PolicyItem:
        return PolicyItem(
            code,
            translate("Verdict", title),
            Verdict(Status.GREEN if ok else Status.VIOLATION, yes if ok else no, source),
        )

    named = custodians(db, term.id)  # type: ignore[union-attr]
    missing = [c.name for c in school.list_classes(db, on=day) if c.id not in named]
    informed = policy.parents_informed_on
    phones = [
        translate("Verdict", "公用电话：{phone}").format(phone=policy.public_phone)
        if policy.public_phone
        else "",
        translate("Verdict", "热线：{phone}").format(phone=policy.hotline) if policy.hotline else "",
    ]
    return [
        item(
            "C1",
            QT_TRANSLATE_NOOP("Verdict", "学生手机带入校园申请制度"),
            policy.application_system,
            translate("Verdict", "已建立书面申请制度"),
            translate("Verdict", "未建立书面申请制度"),
        ),
        item(
            "C2",
            QT_TRANSLATE_NOOP("Verdict", "手机不得带入课堂"),
            policy.classroom_ban,
            translate("Verdict", "已规定不得带入课堂"),
            translate("Verdict", "未规定不得带入课堂"),
        ),
        item(
            "C3",
            QT_TRANSLATE_NOOP("Verdict", "手机保管装置"),
            bool(policy.storage_device),
            translate("Verdict", "保管装置：{device}").format(device=policy.storage_device),
            translate("Verdict", "未登记保管装置"),
        ),
        item(
            "C4",
            QT_TRANSLATE_NOOP("Verdict", "手机保管责任人"),
            not missing,
            translate("Verdict", "各班均已指定保管责任人"),
            translate("Verdict", "{n} 个班未指定保管责任人：{classes}").format(
                n=len(missing),
                classes=translate("Verdict", "、").join(missing[:6])
                + (translate("Verdict", "等") if len(missing) > 6 else ""),
            ),
        ),
        item(
            "C5",
            QT_TRANSLATE_NOOP("Verdict", "校内公用电话/班主任热线"),
            bool(policy.public_phone or policy.hotline),
            reason_separator().join(x for x in phones if x),
            translate("Verdict", "未登记校内公用电话或班主任沟通热线"),
        ),
        item(
            "C6/C7",
            QT_TRANSLATE_NOOP("Verdict", "不得用手机布置或完成作业"),
            policy.no_phone_homework,
            translate("Verdict", "已规定不得用手机布置或完成作业"),
            translate("Verdict", "未规定不得用手机布置或完成作业"),
        ),
        item(
            "C8",
            QT_TRANSLATE_NOOP("Verdict", "合理使用手机的教育引导"),
            bool(policy.guidance),
            policy.guidance or "",
            translate("Verdict", "未登记教育引导措施"),
        ),
        item(
            "C9",
            QT_TRANSLATE_NOOP("Verdict", "告知家长"),
            informed is not None and informed <= day,
            translate("Verdict", "{date} 已告知家长").format(date=informed.isoformat()) if informed else "",
            translate("Verdict", "未登记告知家长的日期"),
        ),
    ]


# ------------------------------------------------------------------ week summary


@dataclass(frozen=True)
class PhoneWeek:
    """One class's week of phone custody (``AreaWeek.figures``; the JSON keys are these field names)."""

    approved: int  # students with an application valid on a day of the week
    violations: int  # 违规带入 records
    missing_log_days: int  # past school days with approved phones but no custody log
    not_handed_in: int
    expired: int  # applications expired this term
    logged_days: int
    school_days: int
    escalated: list[str]  # students who reached the term's escalation count
    open_escalations: int
    unfollowed_escalations: list[str]  # open escalations without a talk with the parents
    closed_escalations: int
    violation_students: list[str]


def week(ctx: WeekContext, school_class: school.SchoolClass) -> AreaWeek:
    db = ctx.db
    apps = applications(db, school_class.id)
    end = min(ctx.sunday, ctx.today)
    past = ctx.past_school_days()
    week_rows = custody_rows(db, school_class.id, ctx.monday, end) if ctx.monday <= ctx.today else []
    logged = logged_dates(db, school_class.id, ctx.monday, end) if ctx.monday <= ctx.today else set()
    approved_ids = {a.student_id for a in apps if any(a.valid_on(d) for d in ctx.days)}
    missing = missing_log_days(db, school_class.id, past, apps)
    term_start, _ = _term_window(ctx.calendar, end)
    expired = expired_applications(
        db, school_class.id, end, since=max(term_start, end - dt.timedelta(days=60)), apps=apps
    )
    violations = [r for r in week_rows if r["status"] == VIOLATION]
    not_handed = [r for r in week_rows if r["status"] == NOT_HANDED_IN]
    escalated = (
        escalations(db, end, school_class.id, ctx.rules, ctx.calendar) if ctx.monday <= ctx.today else []
    )
    open_cases = [e for e in escalated if e.is_open]
    unfollowed = [e for e in open_cases if not e.contacts]
    names = _names(db, (r["student_id"] for r in violations))
    figures = PhoneWeek(
        approved=len(approved_ids),
        violations=len(violations),
        missing_log_days=len(missing),
        not_handed_in=len(not_handed),
        expired=len(expired),
        logged_days=len(logged & set(past)),
        school_days=len(past),
        escalated=[e.name for e in escalated],
        open_escalations=len(open_cases),
        unfollowed_escalations=[e.name for e in unfollowed],
        closed_escalations=len(escalated) - len(open_cases),
        violation_students=sorted({names.get(r["student_id"], "") for r in violations}),
    )
    day_json = days(ctx, [school_class], ctx.monday, ctx.sunday)[school_class.id]
    source = ctx.rules.rule("phone.violation_escalate_count", school_class.grade, end).cited

    def result(status: Status, reason: str) -> AreaWeek:
        return AreaWeek.from_verdict(
            AREA.key,
            school_class,
            Verdict(status, reason, source if (open_cases if violations else unfollowed) else ""),
            figures=figures,
            days=day_json,
        )

    reds, yellows = [], []
    if violations:
        text = translate("Verdict", "违规带入手机 {n} 人次（{names}）")
        reds.append(text.format(n=len(violations), names="、".join(figures.violation_students)))
        for item in open_cases:
            text = translate("Verdict", "{name}本学期违规 {count} 次，达到 {threshold} 次，需升级处理")
            reds.append(text.format(name=item.name, count=item.count, threshold=item.threshold))
    else:  # an escalation of an earlier week stays open until a talk with the parents is recorded
        for item in unfollowed:
            text = translate("Verdict", "{name}本学期违规 {count} 次已达升级处理，尚未登记与家长沟通")
            yellows.append(text.format(name=item.name, count=item.count))
    if not_handed:
        reds.append(translate("Verdict", "未交手机 {n} 人次").format(n=len(not_handed)))
    if missing:
        yellows.append(
            translate("Verdict", "{n} 个上课日有经批准带手机的学生但未登记保管").format(n=len(missing))
        )
    if expired:
        text = translate("Verdict", "{n} 份申请已过期（{names}）")
        yellows.append(text.format(n=len(expired), names="、".join(a.student_name for a in expired[:4])))
    separator = reason_separator()
    if ctx.monday > ctx.today:
        return result(Status.NA, translate("Verdict", "尚未到该周"))
    if reds:
        return result(Status.VIOLATION, separator.join(reds + yellows))
    if past and missing and len(missing) == len(past) and not logged:
        text = translate("Verdict", "本周 {n} 个上课日均未登记手机保管（{approved} 名学生经批准带手机）")
        return result(Status.UNLOGGED, text.format(n=len(past), approved=len(approved_ids)))
    if not logged and not approved_ids and not week_rows:
        if not past:
            return result(Status.NA, translate("Verdict", "本周无已到的上课日"))
        return result(
            Status.UNLOGGED,
            translate("Verdict", "本周未登记手机保管（本班无经批准带手机的学生，也未登记“今日无手机”）"),
        )
    if yellows:  # only days not logged: 未登记, not a warning
        return result(Status.YELLOW if expired or unfollowed else Status.UNLOGGED, separator.join(yellows))
    if approved_ids:
        text = translate(
            "Verdict", "{approved} 名学生经批准带手机，已登记 {days} 个上课日，均按规定交由学校保管"
        )
    else:
        text = translate("Verdict", "无经批准带手机的学生，已登记 {days} 个上课日，均按规定交由学校保管")
    following = (
        separator + translate("Verdict", "升级处理跟进中 {n} 人").format(n=len(open_cases))
        if open_cases
        else ""
    )
    return result(Status.GREEN, text.format(approved=len(approved_ids), days=figures.logged_days) + following)


week_summary = week  # the name the callers of the week summaries know


# ------------------------------------------------------------------ demo data

REASONS = [
    "走读，放学后独自乘公交回家需联系家长",
    "父母在外地务工，需与家长保持联系",
    "患有慢性病，需随时联系家长",
    "家住较远，周末往返需联系家长",
    "放学后参加校外体育训练，需与教练和家长联系",
]


def demo_fill(ctx: Any) -> None:
    """Approved applications in most classes (more in older grades), daily logs, the school's policy facts.
    Lapses: one class with violations (one student escalated) and two school days without a log, an
    approval that expired and was not renewed, a phone not handed in, a class with no named custodian."""
    rng, db, actor = ctx.rng, ctx.db, ctx.actor
    term = ctx.calendar.current_or_last_term(ctx.today)
    if term is None or not ctx.classes:
        return
    records.save(
        db,
        POLICY,
        {
            "term_id": term.id,
            "application_system": 1,
            "classroom_ban": 1,
            "storage_device": "各班教室外带锁手机保管柜（一人一格）",
            "public_phone": "各楼层亲情电话（一楼、三楼）",
            "hotline": "班主任沟通热线（见家校联系卡）",
            "no_phone_homework": 1,
            "guidance": "开学第一课“合理使用手机”主题班会；每月一次网络素养教育",
            "parents_informed_on": (term.start + dt.timedelta(days=3)).isoformat(),
            "note": "",
        },
        actor,
    )
    school_days = ctx.school_days()
    bad = next((c for c in ctx.classes if c.grade == 8), ctx.classes[-1])  # violations and missing logs
    expired_class = next((c for c in ctx.classes if c.grade == 6), ctx.classes[0])
    no_custodian = ctx.classes[2] if len(ctx.classes) > 2 else None
    for index, school_class in enumerate(ctx.classes):
        head = school.head_teacher_name(db, school_class)
        if school_class is not no_custodian:
            records.save(
                db,
                CUSTODIANS,
                {"term_id": term.id, "class_id": school_class.id, "name": head or "班主任"},
                actor,
            )
        students = ctx.students[school_class.id]
        count = (
            0
            if school_class.grade <= 2 and index % 2 == 0
            else (1 if school_class.grade <= 4 else rng.choice([2, 3]))
        )
        chosen = rng.sample(students, min(count + 2, len(students)))
        approved = chosen[:count]
        others = chosen[count:]
        apps: list[Application] = []
        for student in approved:
            applied = term.start + dt.timedelta(days=rng.randrange(3, 12))
            apps.append(
                Application(
                    None,
                    school_class.id,
                    student["id"],
                    applied,
                    rng.choice(REASONS),
                    student["name"][0] + rng.choice(["建国", "丽华", "志明", "秀兰", "海涛"]),
                    APPROVED,
                    "德育处 " + rng.choice(["王主任", "李主任"]),
                    applied + dt.timedelta(days=2),
                    term.end,
                )
            )
        if school_class is expired_class and others:
            student = others.pop()
            applied = term.start + dt.timedelta(days=5)
            apps.append(
                Application(
                    None,
                    school_class.id,
                    student["id"],
                    applied,
                    "临时：家长出差期间需联系",
                    student["name"][0] + "先生",
                    APPROVED,
                    "德育处 王主任",
                    applied + dt.timedelta(days=1),
                    ctx.today - dt.timedelta(days=9),
                    note="家长出差一个月",
                )
            )
        if others:
            student = others.pop()
            applied = term.start + dt.timedelta(days=20)
            apps.append(
                Application(
                    None,
                    school_class.id,
                    student["id"],
                    applied,
                    "想在课间听音乐",
                    student["name"][0] + "女士",
                    REFUSED,
                    "德育处 李主任",
                    applied + dt.timedelta(days=1),
                    None,
                    note="理由不属于确需带入的情形",
                )
            )
        for app in apps:
            records.save(db, APPLICATIONS, app.values(), actor)
        approved_ids = {a.student_id: a for a in apps}
        violators = [s["id"] for s in students if s["id"] not in approved_ids][:2]
        skip_days = set(school_days[-4:-2]) if school_class is bad else set()
        for number, day in enumerate(school_days):
            if day in skip_days:
                continue
            rows: dict[str, str] = {}
            for app in apps:
                if app.valid_on(day):
                    rows[app.student_id] = NOT_BROUGHT if rng.random() < 0.1 else HANDED_IN
            if school_class is bad and violators and number % 9 == 4:
                rows[violators[0]] = VIOLATION
            if school_class is bad and len(violators) > 1 and number == len(school_days) - 1:
                rows[violators[1]] = VIOLATION
            if school_class is expired_class and number == len(school_days) - 3 and rows:
                rows[next(iter(rows))] = NOT_HANDED_IN
            for student_id, status in rows.items():
                records.save(
                    db,
                    CUSTODY,
                    {
                        "class_id": school_class.id,
                        "date": day.isoformat(),
                        "student_id": student_id,
                        "status": status,
                        "returned": int(status == HANDED_IN),
                        "note": "",
                    },
                    actor,
                )
            records.save(
                db,
                CUSTODY_DAYS,
                {
                    "class_id": school_class.id,
                    "date": day.isoformat(),
                    "received_by": head or "班主任",
                    "returned_by": head or "班主任",
                    "note": "",
                },
                actor,
            )
        if school_class is bad and violators:
            _demo_followup(ctx, school_class, violators[0], head or "班主任", term.start)


def _demo_followup(
    ctx: Any, school_class: school.SchoolClass, student_id: str, head: str, start: dt.date
) -> None:
    """The escalated student's 班主任 phoned the parents two days after the third violation (still open)."""
    dates = [
        dt.date.fromisoformat(r["date"])
        for r in custody_rows(ctx.db, school_class.id, start, ctx.today)
        if r["student_id"] == student_id and r["status"] == VIOLATION
    ]
    threshold = int(Rulebook(ctx.db).value("phone.violation_escalate_count", school_class.grade, ctx.today))
    if len(dates) < threshold or dates[threshold - 1] + dt.timedelta(days=2) >= ctx.today:
        return
    records.save(
        ctx.db,
        FOLLOWUPS,
        {
            "class_id": school_class.id,
            "student_id": student_id,
            "term_start": start.isoformat(),
            "kind": CONTACT,
            "date": (dates[threshold - 1] + dt.timedelta(days=2)).isoformat(),
            "method": "电话",
            "outcome": f"{head}与家长电话沟通，家长同意每天检查书包，不让孩子带手机到校",
            "closed_by": "",
            "note": "",
        },
        ctx.actor,
    )


# ------------------------------------------------------------------ import: applications

DECISION_CHOICES = {
    APPROVED: APPROVED,
    REFUSED: REFUSED,
    PENDING: PENDING,
    "同意": APPROVED,
    "通过": APPROVED,
    "是": APPROVED,
    "不同意": REFUSED,
    "驳回": REFUSED,
    "否": REFUSED,
    "未通过": REFUSED,
    "待审": PENDING,
    "未审批": PENDING,
}
IMPORT_COLUMNS = [
    tabular.Column(
        "class", "班级", ("班级名称",), required=False, parse=tabular.text, guess=school.class_in_text
    ),
    tabular.Column("name", "姓名", ("学生姓名", "学生"), required=False, parse=tabular.text),
    tabular.Column("student_no", "学籍号", ("全国学籍号",), required=False, parse=student_ids.parse),
    tabular.Column("seat_no", "学号", ("班内学号",), required=False, parse=school.seat_number),
    tabular.Column("applied_on", "申请日期", ("日期", "申请时间"), parse=tabular.school_date),
    tabular.Column("parent_name", "家长姓名", ("家长", "监护人", "监护人姓名", "申请人"), parse=tabular.text),
    tabular.Column("reason", "申请理由", ("理由", "原因", "申请原因"), parse=tabular.text),
    tabular.Column(
        "decision",
        "审批结果",
        ("审批", "是否同意", "审核结果", "结果"),
        parse=tabular.choice(DECISION_CHOICES),
    ),
    tabular.Column("decided_by", "审批人", ("审核人", "批准人"), required=False, parse=tabular.text),
    tabular.Column(
        "decided_on", "审批日期", ("审核日期", "批准日期"), required=False, parse=tabular.school_date
    ),
    tabular.Column(
        "valid_until",
        "有效期至",
        ("有效期", "截止日期", "有效期截止"),
        required=False,
        parse=tabular.calendar_date,
    ),
    tabular.Column("note", "备注", ("说明",), required=False, parse=tabular.text),
]


def preview_import(db: Database, path: Path, *, defaults: dict[str, Any] | None = None) -> tabular.Preview:
    """A sheet of applications (班级, 姓名/学籍号, 申请日期, 家长姓名, 申请理由, 审批结果, 审批人, 有效期至)."""
    result = tabular.preview(path, IMPORT_COLUMNS, defaults=defaults, dates=tabular.SchoolDates.of(db))
    if result.errors and not result.rows:
        return result
    index = school.StudentIndex(db)
    existing = {(r["student_id"], r["applied_on"]): r for r in records.live_rows(db, APPLICATIONS)}
    seen: dict[tuple, int] = {}
    result.start_counting("new", "changed", "unchanged")
    refused = {e.row for e in result.errors}  # a row with a bad cell is listed once, as refused
    for row in result.rows:
        if all(row.get(k) is None for k in ("name", "student_no", "seat_no")):
            result.errors.append(tabular.RowError(row["_row"], "姓名", "姓名和学籍号至少填写一项"))
            continue
        if row["_row"] in refused:
            continue
        student, column, why = index.find(
            row.get("name"),
            row.get("student_no"),
            row.get("class"),
            row.get("seat_no"),
            on=row.get("applied_on"),
        )
        if student is None:
            result.errors.append(tabular.RowError(row["_row"], column, why))
            continue
        if None in (row.get("applied_on"), row.get("decision"), row.get("parent_name"), row.get("reason")):
            continue  # already reported as a cell error
        class_id = school.student_class_on(db, student, row["applied_on"])  # the class on the day applied
        row.update(student_id=student["id"], class_id=class_id, student_name=student["name"])
        try:
            _validate_application(_row_application(row))
        except UserError as error:
            result.errors.append(tabular.RowError(row["_row"], "", str(error)))
            continue
        key = (student["id"], row["applied_on"].isoformat())
        if key in seen:
            result.errors.append(
                tabular.RowError(row["_row"], "", f"与第 {seen[key]} 行是同一学生同一天的申请")
            )
            continue
        seen[key] = row["_row"]
        old = existing.get(key)
        if old is None:
            result.count(row, "new")
        else:
            row["id"] = old["id"]
            new = _row_application(row).values()
            same = all(
                str(old.get(k) or "") == str(v or "")
                for k, v in new.items()
                if k not in ("attachment_sha", "attachment_name")
            )
            result.count(row, "unchanged" if same else "changed")
    return result


def _row_application(row: dict) -> Application:
    return Application(
        row.get("id"),
        row.get("class_id", ""),
        row.get("student_id", ""),
        row["applied_on"],
        row.get("reason") or "",
        row.get("parent_name") or "",
        row["decision"],
        row.get("decided_by") or "",
        row.get("decided_on"),
        row.get("valid_until"),
        row.get("note") or "",
        student_name=row.get("student_name", ""),
    )


def commit_import(db: Database, actor: Actor, result: tabular.Preview) -> Changes:
    """Write checked applications in one transaction (all rows or none); existing scans are kept."""
    result.require_ok()
    changes = Changes()
    with transaction(db):
        for row in result.rows:
            app = _row_application(row)
            values = app.values()
            values.pop("attachment_sha")
            values.pop("attachment_name")
            if row.get("id"):
                values["id"] = row["id"]
            records.save(db, APPLICATIONS, values, actor, reason="导入", changes=changes)
    return changes


# ------------------------------------------------------------------ import: the daily custody log

CUSTODY_STATUS_CHOICES = {
    HANDED_IN: HANDED_IN,
    "已上交": HANDED_IN,
    "上交": HANDED_IN,
    "交": HANDED_IN,
    "已收": HANDED_IN,
    "已收取": HANDED_IN,
    "√": HANDED_IN,
    "✓": HANDED_IN,
    "✔": HANDED_IN,
    NOT_HANDED_IN: NOT_HANDED_IN,
    "没交": NOT_HANDED_IN,
    "未上交": NOT_HANDED_IN,
    "拒交": NOT_HANDED_IN,
    NOT_BROUGHT: NOT_BROUGHT,
    "没带": NOT_BROUGHT,
    "未携带": NOT_BROUGHT,
    "未带手机": NOT_BROUGHT,
    "没带手机": NOT_BROUGHT,
    VIOLATION: VIOLATION,
    "违规": VIOLATION,
    "违规携带": VIOLATION,
    "违规带手机": VIOLATION,
    "私自带入": VIOLATION,
    "未经批准带入": VIOLATION,
}
RETURNED_CHOICES = {
    "是": True,
    "已归还": True,
    "归还": True,
    "已还": True,
    "√": True,
    "✓": True,
    "否": False,
    "未归还": False,
    "没还": False,
    "未还": False,
    "×": False,
}
CUSTODY_IMPORT_COLUMNS = [
    tabular.Column("date", "日期", ("登记日期", "保管日期"), parse=tabular.school_date),
    tabular.Column("class", "班级", ("班级名称",), parse=tabular.text, guess=school.class_in_text),
    tabular.Column("student_no", "学籍号", ("全国学籍号",), required=False, parse=student_ids.parse),
    tabular.Column("seat_no", "学号", ("班内学号",), required=False, parse=school.seat_number),
    tabular.Column("name", "姓名", ("学生姓名", "学生"), required=False, parse=tabular.text),
    tabular.Column(
        "status",
        "状态",
        ("保管状态", "上交情况", "手机状态", "情况"),
        required=False,
        parse=tabular.choice(CUSTODY_STATUS_CHOICES),
    ),
    tabular.Column(
        "returned", "是否归还", ("已归还", "放学归还"), required=False, parse=tabular.choice(RETURNED_CHOICES)
    ),
    tabular.Column(
        "received_by", "收取人", ("收取责任人", "保管人", "收机人"), required=False, parse=tabular.text
    ),
    tabular.Column("returned_by", "归还人", ("发还人", "归还责任人"), required=False, parse=tabular.text),
    tabular.Column("note", "备注", ("说明",), required=False, parse=tabular.text),
]
_DAY_FIELDS = (("received_by", "收取人"), ("returned_by", "归还人"))


@dataclass
class _ImportDay:
    """One class-day of a custody file, as :func:`log_day` takes it."""

    class_id: str
    date: dt.date
    first_row: int
    received_by: str = ""
    returned_by: str = ""
    note: str = ""
    exceptions: dict[str, str] = field(default_factory=dict)
    not_returned: set[str] = field(default_factory=set)
    notes: dict[str, str] = field(default_factory=dict)
    rows: list[dict] = field(default_factory=list)


def _import_days(rows: list[dict]) -> dict[tuple[str, dt.date], _ImportDay]:
    """Checked rows grouped by class and day (the file's order)."""
    days: dict[tuple[str, dt.date], _ImportDay] = {}
    for row in rows:
        day = days.setdefault(
            (row["class_id"], row["date"]), _ImportDay(row["class_id"], row["date"], row["_row"])
        )
        day.rows.append(row)
        for key, _label in _DAY_FIELDS:
            if row.get(key) and not getattr(day, key):
                setattr(day, key, row[key])
        student_id = row.get("student_id")
        if student_id is None:
            day.note = day.note or row.get("note") or ""
            continue
        day.exceptions[student_id] = row["status"]
        if row.get("returned") is False:
            day.not_returned.add(student_id)
        if row.get("note"):
            day.notes[student_id] = row["note"]
    return days


def preview_custody_import(
    db: Database, path: Path, *, defaults: dict[str, Any] | None = None
) -> tabular.Preview:
    """A custody log sheet (日期, 班级, 学籍号/姓名, 状态, 是否归还, 收取人, 归还人, 备注), one row per student and
    day; a row with no student records the class-day only (“全部已交” / nobody brought a phone).

    Each class-day in the file replaces that day's log as :func:`log_day` does: approved students not in the
    file count as 已交, and a phone brought without a valid approval is recorded as 违规带入 (a warning says
    so). Counts are per file row."""
    result = tabular.preview(
        path, CUSTODY_IMPORT_COLUMNS, defaults=defaults, dates=tabular.SchoolDates.of(db)
    )
    if result.errors and not result.rows:
        return result
    classes = school.class_lookup(db)
    class_names = {c.id: c.name for c in classes.values()}
    index = school.StudentIndex(db)
    seen: dict[tuple, int] = {}
    for row in result.rows:
        if row.get("class") is None or row.get("date") is None:
            continue
        class_id = school.import_class_id(result, row, classes)
        if class_id is None:
            continue
        has_student = any(row.get(k) is not None for k in ("name", "student_no", "seat_no"))
        if not has_student:
            if row.get("status") is not None:
                result.errors.append(tabular.RowError(row["_row"], "姓名", "填写了状态，但缺少姓名或学籍号"))
                continue
            row["class_id"] = class_id
            continue
        student, column, why = index.find(
            row.get("name"), row.get("student_no"), row["class"], row.get("seat_no"), on=row.get("date")
        )
        if student is None:
            result.errors.append(tabular.RowError(row["_row"], column, why))
            continue
        if row.get("status") is None:
            if "status" in row:  # blank (an unreadable value is already reported)
                result.errors.append(
                    tabular.RowError(row["_row"], "状态", f"不能为空（{'、'.join(CUSTODY_STATES)}）")
                )
            continue
        key = (class_id, row["date"], student["id"])
        if key in seen:
            result.errors.append(tabular.RowError(row["_row"], "", f"与第 {seen[key]} 行是同一学生同一天"))
            continue
        seen[key] = row["_row"]
        row.update(class_id=class_id, student_id=student["id"], student_name=student["name"])
    if not result.ok:
        # the good rows still say what they would do (the day-wide warnings wait for a file without errors)
        clean = [r for r in result.clean_rows() if r.get("class_id")]
        warnings = list(result.warnings)
        _count_custody(db, result, _import_days(clean), class_names)
        result.warnings = warnings
        return result
    days = _import_days(result.rows)
    for day in days.values():
        for key, label in _DAY_FIELDS:
            chosen = getattr(day, key)
            for row in day.rows:
                if row.get(key) and row[key] != chosen:
                    result.errors.append(
                        tabular.RowError(
                            row["_row"],
                            label,
                            f"与同一班级同一天其他行的{label}“{chosen}”不一致",
                        )
                    )
        if not day.received_by:
            result.errors.append(
                tabular.RowError(
                    day.first_row,
                    "收取人",
                    f"{class_names[day.class_id]} {day.date.isoformat()} 的登记缺少收取人（收取手机的责任人）",
                )
            )
    if result.ok:
        _count_custody(db, result, days, class_names)
    return result


def _same_record(old: dict | None, new: dict | None) -> bool:
    if old is None or new is None:
        return old is None and new is None
    return all(old[k] == v for k, v in new.items())


def _count_custody(
    db: Database,
    result: tabular.Preview,
    days: dict[tuple[str, dt.date], _ImportDay],
    class_names: dict[str, str],
) -> None:
    """New / changed / unchanged per file row against what :func:`log_day` would keep, with warnings for what
    the file does not say itself (violations, approved students counted as 已交, records removed)."""
    names = _names(db)
    apps: dict[str, list[Application]] = {}
    result.start_counting("new", "changed", "unchanged")
    for day in days.values():
        if day.class_id not in apps:
            apps[day.class_id] = applications(db, day.class_id)
        approved = approved_students(db, day.class_id, day.date, apps[day.class_id])
        wanted = _day_records(day.class_id, day.date, approved, day.exceptions, day.not_returned, day.notes)
        existing = {r["student_id"]: r for r in custody_rows(db, day.class_id, day.date, day.date)}
        marker = daily.day_rows(db, CUSTODY_DAYS, day.class_id, day.date)
        new_marker = _marker_values(day.class_id, day.date, day.received_by, day.returned_by, day.note)
        marker_same = bool(marker) and all(marker[0][k] == v for k, v in new_marker.items())
        same = {s: _same_record(existing.get(s), wanted.get(s)) for s in {*existing, *wanted}}
        where = f"{class_names[day.class_id]} {day.date.isoformat()}"
        implied = [s for s in wanted if s not in day.exceptions]
        removed = [s for s in existing if s not in wanted]
        if implied:
            listed = "、".join(names.get(s, "") for s in implied)
            result.warnings.append(f"{where}：经批准带手机的{listed}不在文件中，按“{HANDED_IN}”登记")
        if removed:
            listed = "、".join(f"{names.get(s, '')}（{existing[s]['status']}）" for s in removed)
            result.warnings.append(f"{where}：原有登记 {listed} 不在文件中，将被删除")
        for row in day.rows:
            student_id = row.get("student_id")
            if student_id is None:
                if not marker:
                    result.count(row, "new")
                else:
                    quiet = marker_same and all(same[s] for s in implied) and not removed
                    result.count(row, "unchanged" if quiet else "changed")
                continue
            kept = wanted.get(student_id)
            if kept is None:
                result.warnings.append(
                    f"第 {row['_row']} 行：{row['student_name']}当天没有有效申请且未带手机，不作记录"
                )
            elif kept["status"] != row["status"]:
                result.warnings.append(
                    f"第 {row['_row']} 行：{row['student_name']}当天没有有效的手机入校申请，"
                    f"按“{kept['status']}”登记（文件中为“{row['status']}”）"
                )
            if not marker or (student_id not in existing and kept is not None):
                result.count(row, "new")
            else:
                result.count(row, "unchanged" if marker_same and same.get(student_id, True) else "changed")


def commit_custody_import(db: Database, actor: Actor, result: tabular.Preview) -> Changes:
    """Write a checked custody file in one transaction (all class-days or none), each day through
    :func:`log_day` (whose writes refuse a class the account may not log)."""
    result.require_ok()
    days = _import_days(result.rows)
    changes = Changes()
    with transaction(db):
        for day in days.values():
            changes.merge(
                log_day(
                    db,
                    actor,
                    day.class_id,
                    day.date,
                    received_by=day.received_by,
                    returned_by=day.returned_by,
                    exceptions=day.exceptions,
                    not_returned=day.not_returned,
                    notes=day.notes,
                    note=day.note,
                    reason="导入",
                )
            )
    return changes


# ------------------------------------------------------------------ one class-day (the page's status strip)


@dataclass(frozen=True)
class PhoneDayFigures:
    """A day's figures (``DayResult.figures``; the day's JSON keys)."""

    logged: bool  # the custody log of the day was made
    missing: bool  # a school day gone by with approved phones and no log
    approved: int  # students with an approval valid that day
    handed_in: int
    not_handed_in: int
    violations: int


DAY_FIGURES = PhoneDayFigures
DAILY = True  # the custody log is made every school day


def day_check(
    db: Database, class_id: str, day: dt.date, today: dt.date, calendar: SchoolCalendar | None = None
) -> tuple[Verdict, CustodyDay]:
    """A class-day's custody log: violations / not handed in are red, an expected log not made is 未登记."""
    current = custody_day(db, class_id, day)
    return judge_day(current, (calendar or SchoolCalendar(db)).kind(day), today), current


def judge_day(current: CustodyDay, kind: DayKind, today: dt.date) -> Verdict:
    day = current.date
    violations = [r.name for r in current.rows if r.status == VIOLATION]
    kept = [r.name for r in current.rows if r.status == NOT_HANDED_IN]
    approved = [r for r in current.rows if r.approved]
    problems = []
    if violations:
        problems.append(translate("Verdict", "违规带入：{names}").format(names="、".join(violations)))
    if kept:
        problems.append(translate("Verdict", "未交：{names}").format(names="、".join(kept)))
    if problems:
        return Verdict(Status.VIOLATION, reason_separator().join(problems))
    if day > today:
        return Verdict(Status.NA, translate("Verdict", "尚未到该日"))
    if not current.logged:
        if kind.is_rest_day:
            return Verdict(Status.NA, translate("Verdict", "{day}，无需登记").format(day=kind.label))
        if approved:
            text = translate("Verdict", "当天未登记手机保管（{n} 名学生经批准带手机）")
            return Verdict(Status.UNLOGGED, text.format(n=len(approved)))
        text = translate("Verdict", "当天未登记（本班无经批准带手机的学生，可点“全部已交”确认无人带手机）")
        return Verdict(Status.UNLOGGED, text)
    handed = sum(r.status == HANDED_IN for r in current.rows)
    not_returned = [r.name for r in current.rows if r.status == HANDED_IN and not r.returned]
    if not_returned:
        text = translate("Verdict", "已收 {n} 部，放学未登记归还：{names}")
        return Verdict(Status.YELLOW, text.format(n=handed, names="、".join(not_returned)))
    if not approved:
        return Verdict(Status.GREEN, translate("Verdict", "已登记：无学生带手机入校"))
    text = translate("Verdict", "已登记：经批准 {approved} 人，已交 {handed} 部，均已归还")
    return Verdict(Status.GREEN, text.format(approved=len(approved), handed=handed))


def day_result(current: CustodyDay, kind: DayKind, today: dt.date, early: Verdict | None) -> DayResult:
    """The DayResult of a class-day's custody log (the week strip, the summary's days)."""
    verdict = early or judge_day(current, kind, today)
    if current.logged or current.rows and any(r.status for r in current.rows):
        state = "logged"
    elif kind.is_rest_day:
        state = "rest"
    elif current.date > today:
        state = "future"
    else:
        state = "none" if early else "unlogged"
    approved = sum(1 for r in current.rows if r.approved)
    figures = PhoneDayFigures(
        logged=current.logged,
        missing=state == "unlogged" and approved > 0,
        approved=approved,
        handed_in=sum(r.status == HANDED_IN for r in current.rows),
        not_handed_in=sum(r.status == NOT_HANDED_IN for r in current.rows),
        violations=sum(r.status == VIOLATION for r in current.rows),
    )
    return DayResult.of(current.date, kind, state, verdict, figures)


def days(ctx: WeekContext, classes: Iterable[school.SchoolClass], start: dt.date, end: dt.date) -> ClassDays:
    classes = list(classes)
    found = custody_days(ctx.db, [c.id for c in classes], start, end)
    return {
        c.id: [
            day_result(
                current,
                ctx.calendar.kind(current.date),
                ctx.today,
                not_in_force(
                    ctx.rules,
                    ESCALATE_RULE,
                    c.grade,
                    current.date,
                    QT_TRANSLATE_NOOP("Verdict", "手机管理要求"),
                ),
            )
            for current in found[c.id].values()
        ]
        for c in classes
    }

"""手机管理 — records: the schema, the record types, and reading and writing them."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from fivemgmt import clock, records, rowcheck, school
from fivemgmt.actor import Actor
from fivemgmt.areas import daily
from fivemgmt.areas.base import AreaName
from fivemgmt.calendar import SchoolCalendar, Term
from fivemgmt.chunks import in_chunks
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.files import write_file
from fivemgmt.i18n import translate
from fivemgmt.records import Changes
from fivemgmt.rules import Rulebook, Status

AREA = AreaName("phone", "手机", "手机管理")
APPLICATIONS = "phone_applications"
ATTACHMENTS = "phone_attachments"
CUSTODY = "phone_custody"
CUSTODY_DAYS = "phone_custody_days"
POLICY = "phone_policy"
CUSTODIANS = "phone_custodians"
FOLLOWUPS = "phone_followups"
MAX_ATTACHMENT_BYTES = 8 * 1024 * 1024

APPROVED, REFUSED, PENDING = "批准", "不批准", "待审批"
DECISIONS = [APPROVED, REFUSED, PENDING]
HANDED_IN, NOT_HANDED_IN, NOT_BROUGHT, VIOLATION = "已交", "未交", "未带", "违规带入"
CUSTODY_STATES = [HANDED_IN, NOT_HANDED_IN, NOT_BROUGHT, VIOLATION]
# An escalation's follow-up: a talk with the parents (家长沟通), and at the end its closing (结案)
CONTACT, CLOSING = "家长沟通", "结案"
CONTACT_METHODS = ["电话", "面谈", "家访", "微信/短信", "书面通知"]


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

    def expired_on(self, day: dt.date) -> bool:
        """An approval that ran out before ``day``: the phone stays home, or the family applies again (the
        applications table marks it)."""
        return self.decision == APPROVED and self.valid_until is not None and self.valid_until < day


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


def delete_application(db: Database, actor: Actor, app_id: str) -> Changes:
    """Remove an application entered by mistake (手机 page, 删除所选…); the audit entry names the student.
    Custody days already logged keep what they recorded."""
    changes = Changes()
    with transaction(db):
        row = records.live_get(db, APPLICATIONS, app_id, "要删除的申请不存在。")
        name = _names(db, [row["student_id"]]).get(row["student_id"], "")
        reason = f"删除{name}的手机入校申请（{row['applied_on']} 申请）"
        records.delete(db, APPLICATIONS, app_id, actor, reason=reason, changes=changes)
    return changes


def _names(db: Database, ids: Iterable[str] | None = None) -> dict[str, str]:
    """Names of live students: of the given ids only (a week or a day needs a handful, not the school)."""
    if ids is None:
        return {r["id"]: r["name"] for r in records.live_rows(db, "students")}
    names: dict[str, str] = {}
    for chunk, marks in in_chunks(sorted(set(ids))):
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


@dataclass
class DayEdits:
    """A day's custody table as :func:`log_day` takes it."""

    exceptions: dict[str, str]  # student id → 未交 / 未带 / 违规带入, or 已交 of a student without approval
    not_returned: set[str]
    notes: dict[str, str]


def day_edits(rows: Iterable[CustodyRow]) -> DayEdits:
    """The day's table as edited on the 手机 page, for :func:`log_day`: an approved student other than 已交
    is an exception; a student without a valid approval keeps the status given, and log_day records him as
    违规带入 (he had a phone) or not at all (未带) — the one place that decides a violation."""
    rows = list(rows)
    return DayEdits(
        {r.student_id: r.status for r in rows if r.status and (r.status != HANDED_IN or not r.approved)},
        {r.student_id for r in rows if r.status in (None, HANDED_IN) and not r.returned},
        {r.student_id: r.note for r in rows if r.note},
    )


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
    def status(self) -> Status:
        """Green once closed, yellow while the school still has to follow it up."""
        return Status.YELLOW if self.is_open else Status.GREEN

    @property
    def close_refusal(self) -> str:
        """Why 结案 is not possible yet ("" when it is): closed already, or no talk with the parents yet."""
        if self.closing:
            return translate("Verdict", "{name}的升级处理已于 {day} 结案。").format(
                name=self.name, day=self.closing.date.isoformat()
            )
        if not self.contacts:
            return translate(
                "Verdict", "请先登记与{name}家长的沟通（日期、沟通方式、结果），再结案。"
            ).format(name=self.name)
        return ""

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
    found = violation_dates(db, [c.id for c in classes], start, end)
    for school_class in classes:
        threshold = int(rules.value("phone.violation_escalate_count", school_class.grade, day))
        for student_id, dates in found.get(school_class.id, {}).items():
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


def violation_dates(
    db: Database, class_ids: list[str], start: dt.date, end: dt.date
) -> dict[str, dict[str, list[dt.date]]]:
    """Class id → student id → the dates of 违规带入 start..end (in date order), one query for all the
    classes (a term's escalations of the school were one query per class and week)."""
    if not class_ids:
        return {}
    marks = ",".join("?" * len(class_ids))
    rows = db.conn.execute(
        f"SELECT class_id, student_id, date FROM [{CUSTODY}] WHERE deleted = 0 AND status = ?"
        f" AND date BETWEEN ? AND ? AND class_id IN ({marks}) ORDER BY date, rowid",
        [VIOLATION, start.isoformat(), end.isoformat(), *class_ids],
    )
    found: dict[str, dict[str, list[dt.date]]] = {}
    for class_id, student_id, date in rows:
        found.setdefault(class_id, {}).setdefault(student_id, []).append(dt.date.fromisoformat(date))
    return found


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
    if item.close_refusal:
        raise UserError(item.close_refusal)
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

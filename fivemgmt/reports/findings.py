"""Saved self-assessment answers, report texts and the rectification list (整改清单). Migration 0010_findings.

- ``form_answers``: the user's edits of a proposed 自评 answer/evidence line, per form, period and item.
- ``report_notes``: editable texts of the 自查报告 (领导小组 names …), per document and scope.
- ``findings``: problems found (存在问题) with 整改措施, 责任人, 完成时限 and status; closing one records the
  date and how it was fixed, so the next form prints it as 已整改.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlite_utils import Database

from fivemgmt import clock, records
from fivemgmt.actor import ADMIN, PRINCIPAL, Actor
from fivemgmt.db import transaction
from fivemgmt.errors import UserError
from fivemgmt.records import Changes
from fivemgmt.reports.period import Period

ANSWERS = "form_answers"
NOTES = "report_notes"
FINDINGS = "findings"

ANSWER_CHOICES = ("是", "否", "不适用", "")
OPEN = "open"
CLOSED = "closed"
STATUS_LABELS = {OPEN: "整改中", CLOSED: "已整改"}
EDIT_ROLES = (ADMIN, PRINCIPAL)  # who may edit forms, notes and findings (fivemgmt.rights has the rule)


# ------------------------------------------------------------------ 自评 answers


@dataclass(frozen=True)
class SavedAnswer:
    id: str
    code: str
    answer: str
    evidence: str
    updated_at: str
    updated_by: str


def saved_answers(db: Database, form: str, period: Period) -> dict[str, SavedAnswer]:
    rows = records.live_rows(
        db,
        ANSWERS,
        "form = ? AND period_start = ? AND period_end = ?",
        [form, period.start.isoformat(), period.end.isoformat()],
    )
    return {
        r["code"]: SavedAnswer(
            r["id"], r["code"], r["answer"] or "", r["evidence"] or "", r["updated_at"], r["updated_by"]
        )
        for r in rows
    }


def save_answer(
    db: Database, actor: Actor, form: str, period: Period, code: str, answer: str, evidence: str
) -> Changes:
    """Save the user's 自评 (是/否/不适用/blank) and evidence line for one item of one period's form."""
    from fivemgmt.reports.checklist import load_form

    item = load_form(form).item(code)
    if not item.school_fills:
        raise UserError(f"{code} 为“学校不填”项，不能填写自评。")
    answer = (answer or "").strip()
    if answer not in ANSWER_CHOICES:
        raise UserError("自评应为“是”“否”“不适用”或留空。")
    changes = Changes()
    with transaction(db):
        existing = saved_answers(db, form, period).get(code)
        values = {
            "form": form,
            "period_start": period.start.isoformat(),
            "period_end": period.end.isoformat(),
            "code": code,
            "answer": answer,
            "evidence": (evidence or "").strip(),
        }
        if existing:
            values["id"] = existing.id
        records.save(db, ANSWERS, values, actor, reason="修改自评", changes=changes)
    return changes


def reset_answer(db: Database, actor: Actor, form: str, period: Period, code: str) -> Changes:
    """Drop the user's edit so the form shows the app's proposal again."""
    changes = Changes()
    with transaction(db):
        existing = saved_answers(db, form, period).get(code)
        if existing:
            records.delete(db, ANSWERS, existing.id, actor, reason="恢复为软件建议", changes=changes)
    return changes


# ------------------------------------------------------------------ report texts


def get_note(db: Database, document: str, key: str, scope: str = "", default: str = "") -> str:
    rows = records.live_rows(db, NOTES, "document = ? AND scope = ? AND key = ?", [document, scope, key])
    return rows[0]["value"] or "" if rows else default


def save_note(db: Database, actor: Actor, document: str, key: str, value: str, scope: str = "") -> Changes:
    changes = Changes()
    with transaction(db):
        rows = records.live_rows(db, NOTES, "document = ? AND scope = ? AND key = ?", [document, scope, key])
        values = {"document": document, "scope": scope, "key": key, "value": value.strip()}
        if rows:
            values["id"] = rows[0]["id"]
        records.save(db, NOTES, values, actor, changes=changes)
    return changes


# 领导小组 of the 自查报告: kept across periods (scope "").
LEADERS_DOC = "self_report"
LEADER_KEYS = {"leader": "组长", "deputies": "副组长", "members": "成员"}


def leaders(db: Database) -> dict[str, str]:
    return {key: get_note(db, LEADERS_DOC, key) for key in LEADER_KEYS}


def save_leaders(db: Database, actor: Actor, values: dict[str, str]) -> Changes:
    unknown = set(values) - set(LEADER_KEYS)
    if unknown:
        raise UserError(f"领导小组没有这些字段：{'、'.join(sorted(unknown))}")
    changes = Changes()
    with transaction(db):
        for key, value in values.items():
            changes.merge(save_note(db, actor, LEADERS_DOC, key, value))
    return changes


# ------------------------------------------------------------------ 整改清单


@dataclass
class Finding:
    id: str | None
    problem: str  # 存在问题
    area: str = ""  # area key (homework, phone …) or ""
    item_code: str = ""  # checklist item it concerns (C2, S6 …) or ""
    class_name: str = ""  # 涉及班级
    measure: str = ""  # 整改措施
    owner: str = ""  # 责任人
    deadline: dt.date | None = None  # 完成时限
    status: str = OPEN
    found_on: dt.date = field(default_factory=clock.today)
    closed_on: dt.date | None = None
    fix_note: str = ""  # how it was fixed
    auto_key: str = ""  # set when generated from a red status, to avoid duplicates

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def closed(self) -> bool:
        return self.status == CLOSED

    def overdue(self, today: dt.date) -> bool:
        return not self.closed and self.deadline is not None and self.deadline < today

    @property
    def done_text(self) -> str:
        """整改完成情况, as the list shows and prints it: when it was closed and how; "" while open."""
        return f"{self.closed_on:%Y-%m-%d} {self.fix_note}" if self.closed and self.closed_on else ""

    @classmethod
    def from_row(cls, row: dict) -> Finding:
        def day(text: str | None) -> dt.date | None:
            return dt.date.fromisoformat(text) if text else None

        return cls(
            row["id"],
            row["problem"],
            row["area"] or "",
            row["item_code"] or "",
            row["class_name"] or "",
            row["measure"] or "",
            row["owner"] or "",
            day(row["deadline"]),
            row["status"],
            day(row["found_on"]) or dt.date.min,
            day(row["closed_on"]),
            row["fix_note"] or "",
            row["auto_key"] or "",
        )

    def values(self) -> dict:
        return {
            "problem": self.problem.strip(),
            "area": self.area,
            "item_code": self.item_code,
            "class_name": self.class_name,
            "measure": self.measure.strip(),
            "owner": self.owner.strip(),
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "status": self.status,
            "found_on": self.found_on.isoformat(),
            "closed_on": self.closed_on.isoformat() if self.closed_on else None,
            "fix_note": self.fix_note.strip(),
            "auto_key": self.auto_key,
        }


def list_findings(db: Database, *, period: Period | None = None, open_only: bool = False) -> list[Finding]:
    """Findings found by the period's end that were still open at its start (so closed ones show 已整改)."""
    where, params = ["1"], []
    if open_only:
        where.append("status = ?")
        params.append(OPEN)
    if period is not None:
        where.append("found_on <= ? AND (status = ? OR closed_on IS NULL OR closed_on >= ?)")
        params += [period.end.isoformat(), OPEN, period.start.isoformat()]
    rows = records.live_rows(db, FINDINGS, " AND ".join(where), params, order_by="found_on, rowid")
    return [Finding.from_row(r) for r in rows]


def get_finding(db: Database, finding_id: str) -> Finding:
    return Finding.from_row(records.live_get(db, FINDINGS, finding_id, "找不到该整改事项。"))


def findings_for_item(db: Database, code: str, period: Period) -> list[Finding]:
    return [f for f in list_findings(db, period=period) if f.item_code == code]


def save_finding(db: Database, actor: Actor, finding: Finding) -> Changes:
    """Add or change a finding (问题, 整改措施, 责任人, 完成时限)."""
    if not finding.problem.strip():
        raise UserError("请填写存在的问题。")
    if finding.deadline and finding.deadline < finding.found_on:
        raise UserError("完成时限不能早于发现日期。")
    if finding.status not in STATUS_LABELS:
        raise UserError("整改状态不正确。")
    changes = Changes()
    with transaction(db):
        values = finding.values()
        if finding.id:
            values["id"] = finding.id
        finding.id = records.save(db, FINDINGS, values, actor, changes=changes)
    return changes


def close_finding(db: Database, actor: Actor, finding_id: str, closed_on: dt.date, fix_note: str) -> Changes:
    """Mark a finding 已整改 on a date, saying how it was fixed."""
    if not fix_note.strip():
        raise UserError("请说明整改情况（如何整改）。")
    finding = get_finding(db, finding_id)
    if closed_on < finding.found_on:
        raise UserError("整改完成日期不能早于发现日期。")
    changes = Changes()
    with transaction(db):
        records.save(
            db,
            FINDINGS,
            {
                "id": finding_id,
                "status": CLOSED,
                "closed_on": closed_on.isoformat(),
                "fix_note": fix_note.strip(),
            },
            actor,
            reason="整改完成",
            changes=changes,
        )
    return changes


def delete_finding(db: Database, actor: Actor, finding_id: str) -> Changes:
    get_finding(db, finding_id)
    changes = Changes()
    with transaction(db):
        records.delete(db, FINDINGS, finding_id, actor, changes=changes)
    return changes


def add_proposed(db: Database, actor: Actor, proposals: list[Finding]) -> Changes:
    """Add findings generated from red statuses, skipping ones already on the list (same auto_key)."""
    changes = Changes()
    with transaction(db):
        existing = {
            r["auto_key"] for r in records.live_rows(db, FINDINGS, "auto_key IS NOT NULL AND auto_key != ''")
        }
        for proposal in proposals:
            if proposal.auto_key and proposal.auto_key in existing:
                continue
            existing.add(proposal.auto_key)
            records.save(db, FINDINGS, proposal.values(), actor, reason="由红灯生成", changes=changes)
    return changes

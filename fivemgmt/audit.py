"""Tamper-evident audit trail.

Every change is appended in the same transaction as the change itself. Each entry carries the hash of
the previous entry, so editing or deleting an entry breaks the chain; ``verify`` also compares every
audited record with its last audited state, which catches rows edited behind the app's back.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

GENESIS = "0" * 64
AUDIT_TABLE = "audit_log"


def create_schema(db: Database) -> None:
    db[AUDIT_TABLE].create(
        {
            "seq": int,
            "at": str,
            "actor": str,
            "table_name": str,
            "record_id": str,
            "action": str,
            "before": str,
            "after": str,
            "reason": str,
            "prev_hash": str,
            "hash": str,
        },
        pk="seq",
        not_null={"at", "actor", "table_name", "record_id", "action", "prev_hash", "hash"},
    )
    db[AUDIT_TABLE].create_index(["table_name", "record_id"])


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def entry_hash(prev_hash: str, at: str, actor: str, table: str, record_id: str, action: str,
               before: str | None, after: str | None, reason: str | None) -> str:
    payload = _canonical([prev_hash, at, actor, table, record_id, action, before, after, reason])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def head(db: Database) -> str:
    """Hash of the newest entry: printed on forms so paper can be matched to the data."""
    row = db.execute(f"SELECT hash FROM {AUDIT_TABLE} ORDER BY seq DESC LIMIT 1").fetchone()
    return row[0] if row else GENESIS


def append(db: Database, table: str, record_id: str, action: str, before: dict | None, after: dict | None,
           actor: str, reason: str | None = None) -> str:
    from fivemgmt.records import now_iso

    at = now_iso()
    before_text = _canonical(before) if before is not None else None
    after_text = _canonical(after) if after is not None else None
    prev = head(db)
    digest = entry_hash(prev, at, actor, table, record_id, action, before_text, after_text, reason)
    db.execute(
        f"INSERT INTO {AUDIT_TABLE} (at, actor, table_name, record_id, action, before, after, reason, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [at, actor, table, record_id, action, before_text, after_text, reason, prev, digest],
    )
    return digest


def history(db: Database, table: str, record_id: str) -> list[dict]:
    """A record's changes, oldest first, with before/after decoded."""
    rows = list(db.query(
        f"SELECT * FROM {AUDIT_TABLE} WHERE table_name = ? AND record_id = ? ORDER BY seq", [table, record_id]
    ))
    for row in rows:
        row["before"] = json.loads(row["before"]) if row["before"] else None
        row["after"] = json.loads(row["after"]) if row["after"] else None
    return rows


@dataclass
class VerifyResult:
    ok: bool
    entries: int
    message: str
    broken_seq: int | None = None


def verify(db: Database) -> VerifyResult:
    """Check the hash chain, then that each audited record still equals its last audited state."""
    prev = GENESIS
    count = 0
    last_state: dict[tuple[str, str], str | None] = {}
    for row in db.query(f"SELECT * FROM {AUDIT_TABLE} ORDER BY seq"):
        count += 1
        if row["prev_hash"] != prev:
            return VerifyResult(False, count, f"第 {row['seq']} 条审计记录与上一条不相连（可能有记录被删除）。", row["seq"])
        expected = entry_hash(prev, row["at"], row["actor"], row["table_name"], row["record_id"], row["action"],
                              row["before"], row["after"], row["reason"])
        if expected != row["hash"]:
            return VerifyResult(False, count, f"第 {row['seq']} 条审计记录被改动过。", row["seq"])
        prev = row["hash"]
        last_state[(row["table_name"], row["record_id"])] = row["after"]
    tables = {table for table, _ in last_state}
    existing = set(db.table_names())
    for table in sorted(tables):
        if table not in existing:
            continue
        current = {r["id"]: r for r in db.query(f"SELECT * FROM [{table}]")}
        for (t, record_id), after in last_state.items():
            if t != table:
                continue
            row = current.get(record_id)
            if after is None:
                continue
            if row is None:
                return VerifyResult(False, count, f"表 {table} 中的记录 {record_id} 被绕过本软件删除。")
            if _canonical(json.loads(after)) != _canonical(row):
                return VerifyResult(False, count, f"表 {table} 中的记录 {record_id} 被绕过本软件修改。")
    return VerifyResult(True, count, f"审计链完整，共 {count} 条记录，链头 {prev[:16]}。")

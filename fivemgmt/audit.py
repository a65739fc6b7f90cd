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


def entry_hash(
    prev_hash: str,
    at: str,
    actor: str,
    table: str,
    record_id: str,
    action: str,
    before: str | None,
    after: str | None,
    reason: str | None,
) -> str:
    payload = _canonical([prev_hash, at, actor, table, record_id, action, before, after, reason])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def head(db: Database) -> str:
    """Hash of the newest entry: printed on forms so paper can be matched to the data."""
    row = db.execute(f"SELECT hash FROM {AUDIT_TABLE} ORDER BY seq DESC LIMIT 1").fetchone()
    return row[0] if row else GENESIS


def append(
    db: Database,
    table: str,
    record_id: str,
    action: str,
    before: dict | None,
    after: dict | None,
    actor: str,
    reason: str | None = None,
) -> str:
    return append_many(db, [(table, record_id, action, before, after, actor, reason)])


# (table, record_id, action, before, after, actor, reason)
Change = tuple[str, str, str, dict | None, dict | None, str, str | None]
_INSERT = (
    f"INSERT INTO {AUDIT_TABLE} (at, actor, table_name, record_id, action, before, after, reason, prev_hash, hash)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def append_many(db: Database, changes: list[Change]) -> str:
    """Append one entry per change, chained in order, with one statement; returns the new head.

    The chain is computed here from the current head, so this must run inside the caller's write
    transaction (which holds SQLite's write lock: nobody else can append in between)."""
    from fivemgmt.records import now_iso

    prev = head(db)
    rows = []
    for table, record_id, action, before, after, actor, reason in changes:
        at = now_iso()
        before_text = _canonical(before) if before is not None else None
        after_text = _canonical(after) if after is not None else None
        digest = entry_hash(prev, at, actor, table, record_id, action, before_text, after_text, reason)
        rows.append((at, actor, table, record_id, action, before_text, after_text, reason, prev, digest))
        prev = digest
    db.conn.executemany(_INSERT, rows)
    return prev


def history(db: Database, table: str, record_id: str) -> list[dict]:
    """A record's changes, oldest first, with before/after decoded."""
    rows = list(
        db.query(
            f"SELECT * FROM {AUDIT_TABLE} WHERE table_name = ? AND record_id = ? ORDER BY seq",
            [table, record_id],
        )
    )
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


RECORD_MARKERS = {"id", "updated_at", "updated_by", "origin", "deleted"}


def record_tables(db: Database) -> list[str]:
    """Tables written through fivemgmt.records (they have the standard bookkeeping columns)."""
    return [name for name in db.table_names() if RECORD_MARKERS <= set(db[name].columns_dict)]


def _column_defaults(db: Database, table: str) -> dict[str, Any]:
    """Default of each column as SQLite stores it (None when the column has no default)."""
    defaults: dict[str, Any] = {}
    for _, name, _, _, default, _ in db.execute(f"PRAGMA table_info([{table}])").fetchall():
        value: Any = None
        if default is not None:
            try:
                value = db.execute(f"SELECT {default}").fetchone()[0]
            except Exception:  # noqa: BLE001 - an expression we cannot evaluate is simply "no default"
                value = None
        defaults[name] = value
    return defaults


def _same_state(after: dict, row: dict, defaults: dict[str, Any]) -> bool:
    """The row equals its audited state; a column added by a later migration may hold NULL or its default."""
    for key, value in row.items():
        if key in after:
            if _canonical(after[key]) != _canonical(value):
                return False
        elif value is not None and value != defaults.get(key):
            return False
    return all(key in row for key in after)


def verify(db: Database) -> VerifyResult:
    """Check the hash chain, then that every record still equals its last audited state.

    Reports the first broken link: an entry whose hash or link is wrong (an entry edited or deleted),
    a record changed or deleted behind the app's back, or a record that has no audit entry at all
    (inserted behind the app's back).
    """
    prev = GENESIS
    count = 0
    last_state: dict[tuple[str, str], tuple[int, str | None]] = {}
    for row in db.query(f"SELECT * FROM {AUDIT_TABLE} ORDER BY seq"):
        count += 1
        if row["prev_hash"] != prev:
            return VerifyResult(
                False, count, f"第 {row['seq']} 条审计记录与上一条不相连（可能有记录被删除）。", row["seq"]
            )
        expected = entry_hash(
            prev,
            row["at"],
            row["actor"],
            row["table_name"],
            row["record_id"],
            row["action"],
            row["before"],
            row["after"],
            row["reason"],
        )
        if expected != row["hash"]:
            return VerifyResult(False, count, f"第 {row['seq']} 条审计记录被改动过。", row["seq"])
        prev = row["hash"]
        last_state[(row["table_name"], row["record_id"])] = (row["seq"], row["after"])
    by_table: dict[str, dict[str, tuple[int, str | None]]] = {}
    for (table, record_id), state in last_state.items():
        by_table.setdefault(table, {})[record_id] = state
    for table in sorted(set(record_tables(db)) | set(by_table)):
        if table not in db.table_names() or not RECORD_MARKERS <= set(db[table].columns_dict):
            continue
        defaults = _column_defaults(db, table)
        audited = by_table.get(table, {})
        current = {r["id"]: r for r in db.query(f"SELECT * FROM [{table}]")}
        for record_id, (seq, after) in sorted(audited.items(), key=lambda item: item[1][0]):
            if after is None:
                continue
            row = current.get(record_id)
            if row is None:
                return VerifyResult(
                    False,
                    count,
                    f"表 {table} 中的记录 {record_id} 被绕过本软件删除"
                    f"（最后一次合法修改是第 {seq} 条审计记录）。",
                    seq,
                )
            if not _same_state(json.loads(after), row, defaults):
                return VerifyResult(
                    False,
                    count,
                    f"表 {table} 中的记录 {record_id} 被绕过本软件修改（与第 {seq} 条审计记录不符）。",
                    seq,
                )
        for record_id in sorted(set(current) - set(audited)):
            return VerifyResult(
                False, count, f"表 {table} 中的记录 {record_id} 没有审计记录（被绕过本软件添加）。"
            )
    return VerifyResult(True, count, f"审计链完整，共 {count} 条记录，链头 {prev[:16]}。")

"""The one write path for every record table.

Every record has a stable random id, when and by whom it was last changed, and the installation it
came from; deletions are tombstones (``deleted = 1``) so they can travel between installations.
Each save/delete appends its audit entry inside the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from fivemgmt import audit, clock
from fivemgmt.accounts import Actor
from fivemgmt.db import transaction
from fivemgmt.errors import UserError

# Columns every record table has, in addition to its own.
RECORD_COLUMNS: dict[str, type] = {
    "id": str,
    "updated_at": str,
    "updated_by": str,
    "origin": str,
    "deleted": int,
}
BOOKKEEPING = ("updated_at", "updated_by", "origin")


def new_id() -> str:
    return uuid.uuid4().hex


def now_iso() -> str:
    return clock.utc_now().isoformat(timespec="microseconds")


def create_record_table(
    db: Database,
    name: str,
    columns: dict[str, type],
    *,
    not_null: Iterable[str] = (),
    defaults: dict[str, Any] | None = None,
    foreign_keys: Iterable[tuple[str, str, str]] = (),
    indexes: Iterable[Iterable[str]] = (),
) -> None:
    """Create a record table with the standard bookkeeping columns and the given indexes."""
    db[name].create(
        {**{"id": str}, **columns, **{k: v for k, v in RECORD_COLUMNS.items() if k != "id"}},
        pk="id",
        not_null={"id", *not_null},
        defaults={"deleted": 0, **(defaults or {})},
        foreign_keys=list(foreign_keys),
    )
    for index in indexes:
        db[name].create_index(list(index))


@dataclass
class Changes:
    """What an operation changed, so the GUI refreshes only that (Anki's OpChanges)."""

    tables: set[str] = field(default_factory=set)
    ids: list[str] = field(default_factory=list)

    def add(self, table: str, record_id: str) -> None:
        self.tables.add(table)
        self.ids.append(record_id)

    def merge(self, other: Changes) -> Changes:
        self.tables |= other.tables
        self.ids.extend(other.ids)
        return self


def installation_id(db: Database) -> str:
    row = db.execute("SELECT value FROM meta WHERE key = 'installation_id'").fetchone()
    return row[0] if row else "unknown"


def _plain(value: Any) -> Any:
    """Store values as SQLite will give them back, so audited state compares equal to the row."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def get(db: Database, table: str, record_id: str) -> dict | None:
    rows = list(db.query(f"SELECT * FROM [{table}] WHERE id = ?", [record_id]))
    return rows[0] if rows else None


def live_get(db: Database, table: str, record_id: str, missing: str) -> dict:
    """The record, or ``UserError(missing)`` when there is none or it was deleted."""
    row = get(db, table, record_id)
    if row is None or row["deleted"]:
        raise UserError(missing)
    return row


def save(
    db: Database,
    table: str,
    values: dict[str, Any],
    actor: Actor,
    *,
    reason: str | None = None,
    changes: Changes | None = None,
) -> str:
    """Insert a new record (no ``id`` in values) or update an existing one; returns the id.

    Must run inside :func:`fivemgmt.db.transaction` so the record and its audit entry commit together.
    """
    assert db.conn.in_transaction, "records.save must run inside db.transaction()"
    record_id = values.get("id") or new_id()
    before = get(db, table, record_id) if values.get("id") else None
    row = {**(before or {}), **{k: _plain(v) for k, v in values.items()}, "id": record_id}
    row.setdefault("deleted", 0)
    if before is not None and all(before.get(k) == row.get(k) for k in row if k not in BOOKKEEPING):
        return record_id  # nothing changed: no write, no audit entry
    row.update(updated_at=now_iso(), updated_by=actor.username, origin=installation_id(db))
    db[table].upsert(row, pk="id", alter=False)
    # Audit the row as stored (columns left out get NULL or their default), so verify compares like with like.
    row = get(db, table, record_id) or row
    action = (
        "insert" if before is None else ("delete" if row["deleted"] and not before["deleted"] else "update")
    )
    audit.append(db, table, record_id, action, before, row, actor.username, reason)
    if changes is not None:
        changes.add(table, record_id)
    return record_id


def delete(
    db: Database,
    table: str,
    record_id: str,
    actor: Actor,
    *,
    reason: str | None = None,
    changes: Changes | None = None,
) -> None:
    """Mark a record deleted (a tombstone that travels with exchange packages)."""
    save(db, table, {"id": record_id, "deleted": 1}, actor, reason=reason, changes=changes)


def delete_live(
    db: Database,
    table: str,
    record_id: str,
    actor: Actor,
    *,
    missing: str,
    check: Callable[[dict], None] | None,
    reason: str | None = None,
) -> Changes:
    """Delete one live record in its own transaction: ``UserError(missing)`` when there is none;
    ``check(row)`` (the caller's permission and state checks, raising to refuse) runs before the delete."""
    changes = Changes()
    with transaction(db):
        row = live_get(db, table, record_id, missing)
        if check is not None:
            check(row)
        delete(db, table, record_id, actor, reason=reason, changes=changes)
    return changes


def live_rows(
    db: Database, table: str, where: str = "1", params: Iterable[Any] = (), order_by: str = ""
) -> list[dict]:
    """Non-deleted rows of a table."""
    sql = f"SELECT * FROM [{table}] WHERE deleted = 0 AND ({where})"
    if order_by:
        sql += f" ORDER BY {order_by}"
    return list(db.query(sql, list(params)))

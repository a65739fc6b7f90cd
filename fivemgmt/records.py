"""The one write path for every record table.

Every record has a stable random id, when and by whom it was last changed, and the installation it
came from; deletions are tombstones (``deleted = 1``) so they can travel between installations.
Each save/delete appends its audit entry inside the caller's transaction, and each row it writes passes
the one rights check (:func:`fivemgmt.rights.check_write`) first: the actor's rights for the row's class
(as written and as it was) or, for a school-wide table, the actor's role.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database
from sqlite_utils.db import jsonify_if_needed

from fivemgmt import audit, rights
from fivemgmt.actor import Actor
from fivemgmt.audit import installation_id
from fivemgmt.clock import now_iso
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


def _plain(value: Any) -> Any:
    """Store values as SQLite will give them back, so audited state compares equal to the row
    (lists and dicts become JSON text, dates ISO text, as sqlite-utils writes them)."""
    if isinstance(value, bool):
        return int(value)
    return jsonify_if_needed(value)


def query_rows(db: Database, sql: str, params: Iterable[Any] = ()) -> list[dict]:
    """The rows of one SELECT as dicts, straight from the connection: sqlite-utils' ``query`` wraps every
    SELECT in a savepoint of its own and parses its first keyword, three statements where one does (the
    reports read tens of thousands of times)."""
    cursor = db.conn.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor]


def get(db: Database, table: str, record_id: str) -> dict | None:
    rows = query_rows(db, f"SELECT * FROM [{table}] WHERE id = ?", [record_id])
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
    return save_many(db, table, [values], actor, reason=reason, changes=changes)[0]


def save_many(
    db: Database,
    table: str,
    rows: Iterable[dict[str, Any]],
    actor: Actor,
    *,
    reason: str | None = None,
    changes: Changes | None = None,
) -> list[str]:
    """:func:`save` for many records of one table at once (imports, merges): the same rows and the same
    audit entries as saving them one by one in this order, written with one statement per table.

    Must run inside :func:`fivemgmt.db.transaction`.
    """
    assert db.conn.in_transaction, "records.save must run inside db.transaction()"
    batch = [{k: _plain(v) for k, v in values.items()} for values in rows]
    given = [values["id"] for values in batch if values.get("id")]
    if len(given) != len(set(given)):
        # The same record twice: each save must see the one before it, so save them one at a time.
        return [save_many(db, table, [values], actor, reason=reason, changes=changes)[0] for values in batch]
    info = _table_info(db, table)
    befores = _fetch(db, table, given)
    origin = installation_id(db)
    students = rights.student_classes(db)
    written: list[tuple[str, dict | None, dict]] = []  # (id, before, row as written)
    ids = []
    for values in batch:
        record_id = values.get("id") or new_id()
        ids.append(record_id)
        before = befores.get(record_id)
        row = {**(before or {}), **values, "id": record_id}
        row.setdefault("deleted", 0)
        # The one rights check: every write of every table, whichever operation asked for it.
        rights.check_write(db, actor, table, before, row, students)
        if before is not None and all(before.get(k) == row.get(k) for k in row if k not in BOOKKEEPING):
            continue  # nothing changed: no write, no audit entry
        row.update(updated_at=now_iso(), updated_by=actor.username, origin=origin)
        written.append((record_id, before, row))
    _upsert(db, table, [row for _, _, row in written])
    # Audit each row as stored (columns left out get NULL or their default), so verify compares like with
    # like; only rows whose stored form cannot be told from the values are read back.
    stored = {record_id: info.as_stored(row) for record_id, _, row in written}
    stored.update(_fetch(db, table, [record_id for record_id, row in stored.items() if row is None]))
    entries: list[audit.Change] = []
    for record_id, before, row in written:
        row = stored[record_id] or row
        action = (
            "insert"
            if before is None
            else ("delete" if row["deleted"] and not before["deleted"] else "update")
        )
        entries.append((table, record_id, action, before, row, actor.username, reason))
        if changes is not None:
            changes.add(table, record_id)
    if entries:
        audit.append_many(db, entries)
    return ids


_CHUNK = 500  # ids per "IN (...)" query, well under SQLite's variable limit


def _fetch(db: Database, table: str, ids: list[str]) -> dict[str, dict]:
    """Rows by id, a chunk of ids per query."""
    found: dict[str, dict] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        for row in query_rows(db, f"SELECT * FROM [{table}] WHERE id IN ({marks})", chunk):
            found[row["id"]] = row
    return found


def _upsert(db: Database, table: str, rows: list[dict]) -> None:
    """Insert or update rows in order, one prepared statement per run of rows with the same columns.

    An update keeps the row's rowid (registers list same-day rows in entry order)."""
    start = 0
    while start < len(rows):
        columns = tuple(rows[start])
        stop = start + 1
        while stop < len(rows) and tuple(rows[stop]) == columns:
            stop += 1
        names = ", ".join(f"[{c}]" for c in columns)
        updates = ", ".join(f"[{c}] = excluded.[{c}]" for c in columns if c != "id") or "id = id"
        db.conn.executemany(
            f"INSERT INTO [{table}] ({names}) VALUES ({', '.join('?' * len(columns))})"
            f" ON CONFLICT(id) DO UPDATE SET {updates}",
            [tuple(row.values()) for row in rows[start:stop]],
        )
        start = stop


@dataclass(frozen=True)
class TableInfo:
    """A table's columns, as needed to know a written row's stored form without reading it back."""

    affinity: dict[str, str]  # column → INTEGER, TEXT, REAL, NUMERIC or BLOB
    defaults: dict[str, Any]  # column → its constant default (None: no default); others are absent

    def as_stored(self, row: dict[str, Any]) -> dict[str, Any] | None:
        """The row as SQLite will store it, or None when that depends on SQLite (a value its column's
        type converts, a default that is an expression)."""
        if any(column not in self.affinity for column in row):
            return None
        stored = {}
        for column, kind in self.affinity.items():
            if column in row:
                value = row[column]
                if not _kept_as_is(kind, value):
                    return None
                stored[column] = value
            elif column in self.defaults:
                stored[column] = self.defaults[column]
            else:
                return None
        return stored


def _kept_as_is(affinity: str, value: Any) -> bool:
    if value is None or affinity == "BLOB":
        return True
    if affinity == "TEXT":
        return isinstance(value, str)
    if affinity == "REAL":
        # SQLite keeps neither the sign of -0.0 nor a NaN (it reads back 0.0 and NULL): read those back
        return (
            isinstance(value, float) and value == value and not (value == 0 and math.copysign(1, value) < 0)
        )
    return isinstance(value, int)  # INTEGER, NUMERIC: text and whole floats would be converted


def _affinity(declared: str) -> str:
    """SQLite's rules for a column's type affinity (https://sqlite.org/datatype3.html, 3.1)."""
    declared = declared.upper()
    if "INT" in declared:
        return "INTEGER"
    if any(word in declared for word in ("CHAR", "CLOB", "TEXT")):
        return "TEXT"
    if not declared or "BLOB" in declared:
        return "BLOB"
    if any(word in declared for word in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "NUMERIC"


def _table_info(db: Database, table: str) -> TableInfo:
    """Cached per connection until the schema changes (sqlite-utils would ask SQLite on every write)."""
    version = db.execute("PRAGMA schema_version").fetchone()[0]
    cache = db.__dict__.setdefault("_fivemgmt_tables", {})
    if cache.get(None) != version:
        cache.clear()
        cache[None] = version
    if table not in cache:
        affinity, defaults = {}, {}
        for _, name, declared, _, default, _ in db.execute(f"PRAGMA table_info([{table}])").fetchall():
            affinity[name] = _affinity(declared or "")
            if default is None:
                defaults[name] = None
            elif not default.startswith("(") and default.upper() not in _TIME_DEFAULTS:
                defaults[name] = db.execute(f"SELECT {default}").fetchone()[0]
        cache[table] = TableInfo(affinity, defaults)
    return cache[table]


_TIME_DEFAULTS = {"CURRENT_TIME", "CURRENT_DATE", "CURRENT_TIMESTAMP"}


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
    return query_rows(db, sql, params)

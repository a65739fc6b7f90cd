"""The one write path for every record table.

Every record has a stable random id, when and by whom it was last changed, and the installation it
came from; deletions are tombstones (``deleted = 1``) so they can travel between installations.
Each save/delete appends its audit entry inside the caller's transaction, and each row it writes passes
the one rights check (:func:`fivemgmt.rights.check_write`, for a batch :func:`~fivemgmt.rights.check_writes`) first: the actor's rights for the row's class
(as written and as it was) or, for a school-wide table, the actor's role.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from sqlite_utils import Database
from sqlite_utils.db import jsonify_if_needed

from fivemgmt import audit, bulk, rights
from fivemgmt.actor import Actor
from fivemgmt.audit import installation_id
from fivemgmt.chunks import in_chunks
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
    return new_ids(1)[0]


_COUNTER_BITS = 30  # the batch counter: rand_a's 12 bits and the first 18 of rand_b
_RANDOM_BITS = 44  # the rest of rand_b


def new_ids(count: int) -> list[str]:
    """``count`` new record ids, hex as ``uuid.UUID.hex`` writes them: time-ordered UUID version 7 (RFC
    9562: the Unix time in milliseconds first, then a counter running through the batch from a random
    start, then random bits; method 1 of its section 6.2). Random ids (version 4) put each new row, and
    its audit entry, at a random place in the tables' indexes: an import of 100,000 rows rewrote index
    pages all over the file; these land at the end, next to each other."""
    if count == 0:
        return []
    assert count < 1 << (_COUNTER_BITS - 1)
    base = (time.time_ns() // 1_000_000) << 80 | 0x7 << 76 | 0b10 << 62  # time, version 7, variant
    start = int.from_bytes(os.urandom(4), "big") >> (32 - _COUNTER_BITS + 1)  # below 2**29: no overflow
    raw = os.urandom(6 * count)
    low = _COUNTER_BITS - 12
    return [
        f"{base | (s >> low) << 64 | (s & ((1 << low) - 1)) << _RANDOM_BITS | int.from_bytes(raw[i : i + 6]) >> 4:032x}"
        for s, i in zip(range(start, start + count), range(0, 6 * count, 6))
    ]


ANY = None  # in a Changes spot: the row names no class (or no date), so it may touch every one


@dataclass
class Changes:
    """What an operation changed, so the GUI refreshes only that (Anki's OpChanges): the tables, the records,
    and for each table the classes and dates its rows were in (as written and as they were before).

    A row without a ``class_id`` (school-wide set-up, the calendar) or without a ``date`` counts as touching
    every class or every date: a page refreshes once too often rather than showing stale figures."""

    tables: set[str] = field(default_factory=set)
    ids: list[str] = field(default_factory=list)
    spots: set[tuple[str, str | None, str | None]] = field(default_factory=set)  # (table, class, ISO date)

    def add(self, table: str, record_id: str, *rows: dict | None) -> None:
        self.tables.add(table)
        self.ids.append(record_id)
        touched = False
        for row in rows:
            if row is not None:
                self.spots.add((table, _text(row.get("class_id")), _text(row.get("date"))))
                touched = True
        if not touched:
            self.spots.add((table, ANY, ANY))

    def add_many(self, table: str, ids: list[str], *rows: list[dict | None]) -> None:
        """:meth:`add` of many records of one table: ``rows`` are lists parallel to ``ids`` (the rows as
        they were, as written); each distinct (class, date) is turned into a spot once."""
        self.tables.add(table)
        self.ids.extend(ids)
        named: set[tuple[Any, Any]] = set()
        try:
            for listed in rows:
                named.update((row.get("class_id"), row.get("date")) for row in listed if row is not None)
        except TypeError:  # an unhashable value (a merged package's odd cell): one record at a time
            for record_id, *versions in zip(ids, *rows):
                self.add(table, record_id, *versions)
            return
        self.spots.update((table, _text(class_id), _text(day)) for class_id, day in named)
        if all(None in listed for listed in rows) and any(
            all(row is None for row in versions) for versions in zip(*rows)
        ):
            self.spots.add((table, ANY, ANY))

    def merge(self, other: Changes) -> Changes:
        self.tables |= other.tables
        self.ids.extend(other.ids)
        self.spots |= other.spots
        return self

    def touches(
        self,
        tables: Iterable[str],
        class_id: str | None = None,
        first: dt.date | None = None,
        last: dt.date | None = None,
    ) -> bool:
        """Whether a view of ``tables`` for ``class_id`` (None: every class) and the days ``first``..``last``
        (None: every day) shows something that changed."""
        wanted = set(tables) & self.tables
        if not wanted:
            return False
        if class_id is None and first is None:
            return True
        spots = [spot for spot in self.spots if spot[0] in wanted]
        if not spots:  # tables named without their rows (Changes(tables=...)): assume the worst
            return True
        span = (first.isoformat(), (last or first).isoformat()) if first is not None else None
        for _table, spot_class, spot_date in spots:
            if class_id is not None and spot_class is not ANY and spot_class != class_id:
                continue
            if span is not None and spot_date is not ANY and not span[0] <= spot_date[:10] <= span[1]:
                continue
            return True
        return False


def _text(value: Any) -> str | None:
    if value is None:
        return ANY
    return value.isoformat() if isinstance(value, dt.date) else str(value)


_AS_IS = (str, int, float, type(None))  # bool is a subclass of int: ``type(...) in`` tells it apart
_PLAIN_TYPES = frozenset(_AS_IS)


def _plain(value: Any) -> Any:
    """Store values as SQLite will give them back, so audited state compares equal to the row
    (lists and dicts become JSON text, dates ISO text, as sqlite-utils writes them)."""
    if type(value) in _AS_IS:
        return value
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


T = TypeVar("T")


# Set-up read at every save (the calendar, the rules) and the tables it is read from.
SETUP_TABLES = ("terms", "calendar_days", "rule_overrides")
_READS = "fivemgmt_reads"  # a temporary table of this connection: one counter of its writes to SETUP_TABLES


def setup_state(db: Database) -> tuple[int, int, int] | None:
    """What :data:`SETUP_TABLES` hold as this connection sees them, or None when that cannot be told.

    It changes whenever they can have: ``data_version`` when another connection (this process's or
    another's) commits, ``schema_version`` at a schema change, and a counter that temporary triggers of
    this connection (never in the file) raise at every row it writes to them — so a save elsewhere keeps
    it. None inside a transaction (what it reads there may yet be rolled back) and when the triggers
    cannot be made (a connection that may not write)."""
    conn = db.conn
    if conn.in_transaction:
        return None
    query = (
        f"SELECT n, (SELECT * FROM pragma_data_version), (SELECT * FROM main.pragma_schema_version)"
        f" FROM temp.{_READS}"
    )
    try:
        state = conn.execute(query).fetchone()
        if getattr(db, "_fivemgmt_reads_watched", None) != state[2]:  # a table rebuilt drops its triggers
            state = _watch_setup(db, query)
    except sqlite3.OperationalError:  # no counter yet, or a read-only connection
        try:
            state = _watch_setup(db, query)
        except sqlite3.OperationalError:
            return None
    return state


def _watch_setup(db: Database, query: str) -> tuple[int, int, int]:
    """Make the counter and its triggers (outside a transaction: they stay until the connection closes)."""
    conn = db.conn
    versions = audit.schema_versions(conn)
    try:
        state = _make_watch(conn, query)
    except BaseException:
        if conn.in_transaction:  # the one the INSERT below began (sqlite3 begins one before it)
            conn.rollback()
        raise
    if conn.in_transaction:
        conn.commit()
    db._fivemgmt_reads_watched = state[2]  # type: ignore[attr-defined]
    audit.temp_objects_added(db, versions)  # our triggers moved temp's version, not the seal triggers
    return state


def _make_watch(conn: sqlite3.Connection, query: str) -> tuple[int, int, int]:
    conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_READS} (n INTEGER NOT NULL)")
    conn.execute(f"INSERT INTO temp.{_READS} SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM temp.{_READS})")
    present = [
        r[0]
        for r in conn.execute(
            f"SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ({','.join('?' * len(SETUP_TABLES))})",
            SETUP_TABLES,
        )
    ]
    for table in present:
        for event in ("INSERT", "UPDATE", "DELETE"):
            conn.execute(
                f"CREATE TEMP TRIGGER IF NOT EXISTS [fivemgmt_reads_{table}_{event.lower()}] AFTER {event}"
                f" ON main.[{table}] BEGIN UPDATE {_READS} SET n = n + 1; END"
            )
    return conn.execute(query).fetchone()


def read_cached(db: Database, name: str, build: Callable[[Database], T]) -> T:
    """``build(db)`` of set-up read from :data:`SETUP_TABLES` only, read again only once they may have
    changed (:func:`setup_state`): the calendar and the rules, asked for at every save. What it returns
    is shared: never change it."""
    state = setup_state(db)
    if state is None:
        return build(db)
    cache = db.__dict__.setdefault("_fivemgmt_reads", {})
    found = cache.get(name)
    if found is None or found[0] != state:
        found = cache[name] = (state, build(db))
    return found[1]


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


@bulk.batch
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
    audit entries as saving them one by one in this order, written by :func:`write_many`.

    Must run inside :func:`fivemgmt.db.transaction`.
    """
    assert db.conn.in_transaction, "records.save must run inside db.transaction()"
    # a row whose values are all stored as they are is used as it is (it is copied below, not changed)
    batch = [
        values
        if _PLAIN_TYPES.issuperset(map(type, values.values()))
        else {k: _plain(v) for k, v in values.items()}
        for values in rows
    ]
    given = [values["id"] for values in batch if values.get("id")]
    if len(given) != len(set(given)):
        # The same record twice: each save must see the one before it, so save them one at a time.
        return [save_many(db, table, [values], actor, reason=reason, changes=changes)[0] for values in batch]
    befores = _fetch(db, table, given)
    origin = installation_id(db)
    students = rights.student_classes(db)
    stamp = {"updated_at": now_iso(), "updated_by": actor.username, "origin": origin}  # one write, one time
    ids = []
    pairs: list[tuple[dict | None, dict]] = []
    fresh = iter(new_ids(sum(1 for values in batch if not values.get("id"))))
    for values in batch:
        record_id = values.get("id") or next(fresh)
        ids.append(record_id)
        before = befores.get(record_id)
        row = {**before, **values} if before is not None else {**values, "id": record_id}
        row.setdefault("deleted", 0)
        pairs.append((before, row))
    # The one rights check: every write of every table, whichever operation asked for it.
    rights.check_writes(db, actor, table, pairs, students)
    writes: list[Write] = []
    for before, row in pairs:
        if before is not None and all(before.get(k) == row.get(k) for k in row if k not in BOOKKEEPING):
            continue  # nothing changed: no write, no audit entry
        row.update(stamp)
        writes.append(Write(before, row))
    write_many(db, table, writes, actor.username, reason=reason, changes=changes)
    return ids


@dataclass
class WriteLog:
    """The record rows this connection has written (every write goes through :func:`write_many`), for a
    cache of figures derived from them to catch up with its own writes: another connection's commits
    show in ``PRAGMA data_version`` instead (:func:`setup_state`). It keeps the (table, id) of the last
    :data:`WRITE_LOG_LIMIT` rows only (an import's are not kept), and never rolls back: a cache reads the
    rows named again, so a write undone since reads as it is now."""

    count: int = 0  # rows written so far: a cache's position
    recent: list[tuple[str, str]] = field(default_factory=list)  # the last of them, oldest first

    def note(self, table: str, ids: list[str]) -> None:
        self.count += len(ids)
        if len(ids) > WRITE_LOG_LIMIT:
            self.recent.clear()
            return
        self.recent.extend((table, record_id) for record_id in ids)
        if len(self.recent) > WRITE_LOG_LIMIT:
            del self.recent[: len(self.recent) - WRITE_LOG_LIMIT]

    def since(self, position: int) -> list[tuple[str, str]] | None:
        """The (table, id) of the rows written after ``position`` (a :attr:`count`); None when they are
        no longer all kept."""
        behind = self.count - position
        if behind < 0 or behind > len(self.recent):
            return None
        return self.recent[len(self.recent) - behind :]


WRITE_LOG_LIMIT = 1_000


def written(db: Database) -> WriteLog:
    """This connection's :class:`WriteLog`."""
    log = db.__dict__.get("_fivemgmt_written")
    if log is None:
        log = db.__dict__["_fivemgmt_written"] = WriteLog()
    return log


@dataclass
class Write:
    """One row for :func:`write_many`: the whole row as it is to be stored (plain values, its ``id`` and
    bookkeeping set) and the stored row it replaces (None: a new record)."""

    before: dict | None
    row: dict[str, Any]
    action: str | None = None  # the audit entry's; None: insert, update or delete, as the rows say
    reason: str | None = None  # the audit entry's; None: the batch's


@bulk.batch
def write_many(
    db: Database,
    table: str,
    writes: list[Write],
    actor: str,
    *,
    reason: str | None = None,
    changes: Changes | None = None,
    audited: bool = True,
) -> None:
    """Write rows of one table and their audit entries: one prepared statement per run of rows with the
    same columns, the entries chained in Python and appended with one statement. Every record write goes
    through here (:func:`save_many` after its rights check, the package merge after its own).

    ``audited`` False: no audit entries, only for a write that is always rolled back (a package import's
    preview computes what the import would do; its entries would be computed and thrown away).
    Must run inside the caller's transaction; the rows' ids must differ."""
    if not writes:
        return
    assert db.conn.in_transaction, "records.write_many must run inside db.transaction()"
    with bulk.page_cache(db.conn, len(writes)):
        _write_many(db, table, writes, actor, reason=reason, changes=changes, audited=audited)


def _write_many(
    db: Database,
    table: str,
    writes: list[Write],
    actor: str,
    *,
    reason: str | None,
    changes: Changes | None,
    audited: bool,
) -> None:
    rows = [w.row for w in writes]
    ids = [row["id"] for row in rows]
    written(db).note(table, ids)  # before the write: too many is harmless
    _upsert(db, table, rows)
    befores = [w.before for w in writes]
    if not audited:
        if changes is not None:
            changes.add_many(table, ids, befores, rows)
        return
    # Audit each row as stored (columns left out get NULL or their default), so verify compares like with
    # like; only rows whose stored form cannot be told from the values are read back.
    info = _table_info(db, table)
    stored = list(map(info.as_stored, rows))
    if None in stored:
        unknown = [record_id for record_id, row in zip(ids, stored) if row is None]
        read_back = _fetch(db, table, unknown)
        stored = [row or read_back[record_id] for record_id, row in zip(ids, stored)]
    entries: list[audit.Change] = [
        (
            table,
            record_id,
            w.action
            or (
                "insert"
                if w.before is None
                else ("delete" if row["deleted"] and not w.before["deleted"] else "update")
            ),
            w.before,
            row,
            actor,
            w.reason or reason,
        )
        for w, record_id, row in zip(writes, ids, stored)
    ]
    if changes is not None:
        changes.add_many(table, ids, befores, stored)
    audit.append_many(db, entries)


def columns(db: Database, table: str) -> list[str]:
    """A table's columns in order, without asking SQLite each time (see :func:`_table_info`)."""
    return list(_table_info(db, table).affinity)


def declared_types(db: Database, table: str) -> dict[str, str]:
    """Each column's declared type, upper case (cached as :func:`columns`)."""
    return _table_info(db, table).declared


def fetch(db: Database, table: str, ids: Iterable[str]) -> dict[str, dict]:
    """The stored rows of these ids (deleted ones too), by id: a query per 500 ids, not one per id."""
    return _fetch(db, table, list(ids))


def _fetch(db: Database, table: str, ids: list[str]) -> dict[str, dict]:
    """Rows by id, a chunk of ids per query."""
    found: dict[str, dict] = {}
    for chunk, marks in in_chunks(ids):
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
    declared: dict[str, str]  # column → its declared type, upper case ("" when none)

    @cached_property
    def kept(self) -> dict[str, tuple[type, ...]]:
        """Column → the value types it keeps as given whatever the value (None included): one look-up
        a cell on the usual path, :func:`_kept_as_is` for the rest."""
        return {column: (*_KEPT.get(kind, ()), type(None)) for column, kind in self.affinity.items()}

    @cached_property
    def _shapes(self) -> dict[tuple, tuple[dict[str, Any], tuple[str, ...]] | None]:
        """(columns, value types) of rows seen → the defaults of the columns such a row leaves out, and its
        REAL columns holding a float (kept unless it is -0.0 or NaN: looked at per row), when every value
        is of a type its column keeps and every column left out has a constant default (the row's stored
        form is then the row and those); None: ask :meth:`as_stored`'s slow path."""
        return {}

    def as_stored(self, row: dict[str, Any]) -> dict[str, Any] | None:
        """The row as SQLite will store it (every column of the table, in no particular order; the row
        itself when it has them all, so it must not be changed after), or None when that depends on SQLite
        (a value its column's type converts, a default that is an expression)."""
        # a batch's rows repeat their columns and value types: what those mean is worked out once
        shape = (tuple(row), tuple(map(type, row.values())))
        try:
            known = self._shapes[shape]
        except KeyError:
            known = self._shapes[shape] = self._missing(shape)
        if known is not None:
            missing, reals = known
            if not reals or all(_kept_as_is("REAL", row[column]) for column in reals):
                return {**row, **missing} if missing else row
        affinity = self.affinity
        for column, value in row.items():
            if column not in affinity or not _kept_as_is(affinity[column], value):
                return None
        stored = {}
        for column in affinity:
            if column in row:
                stored[column] = row[column]
            elif column in self.defaults:
                stored[column] = self.defaults[column]
            else:
                return None
        return stored

    def _missing(
        self, shape: tuple[tuple[str, ...], tuple[type, ...]]
    ) -> tuple[dict[str, Any], tuple[str, ...]] | None:
        columns, kinds = shape
        reals = []
        for column, kind in zip(columns, kinds):
            if column not in self.kept:
                return None
            if kind is float and self.affinity[column] == "REAL":
                reals.append(column)
            elif kind not in self.kept[column]:
                return None
        left_out = [column for column in self.affinity if column not in set(columns)]
        if not all(column in self.defaults for column in left_out):
            return None
        return {column: self.defaults[column] for column in left_out}, tuple(reals)


# Types a column keeps as given whatever the value (the rest, e.g. a REAL's -0.0, ask _kept_as_is).
_KEPT: dict[str, tuple[type, ...]] = {"TEXT": (str,), "INTEGER": (int,), "NUMERIC": (int,), "BLOB": _AS_IS}


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
        affinity, defaults, types = {}, {}, {}
        for _, name, declared, _, default, _ in db.execute(f"PRAGMA table_info([{table}])").fetchall():
            affinity[name] = _affinity(declared or "")
            types[name] = (declared or "").upper()
            if default is None:
                defaults[name] = None
            elif not default.startswith("(") and default.upper() not in _TIME_DEFAULTS:
                defaults[name] = db.execute(f"SELECT {default}").fetchone()[0]
        cache[table] = TableInfo(affinity, defaults, types)
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

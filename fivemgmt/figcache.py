"""Derived figures kept across calls and processes: a signed side file next to the school database.

A report's figures of a period (the self-inspection's proposals, each class's homework facts) cost
seconds to compute from the registers and change only where a write touches them. They are kept in
``<database>.figures-cache``, an SQLite file of its own (WAL, so two copies of the app can read and write
it at once): derived data, never in a backup or a package, rebuilt when missing, and not written at all
when the folder is read-only (the figures are then computed as before).

Trust: every item is signed (HMAC-SHA256 under the audit key of :mod:`fivemgmt.chainkey`) together with
its kind and name, the audit entry it was computed at (seq and hash), what it depends on, the set-up
tables' content, the app version and this file's format. An item is used only when its signature
verifies, the chain still has that entry with that hash (the same database), and none of the changes
audited since touch it (:meth:`Scope.touched_by`); anything else is recomputed silently. Editing the file
cannot change a printed number: an edited item no longer verifies.

What an item depends on (:class:`Scope`): the area whose figures it is (``None``: everything) and the
class (``None``: every class). A change to another area's own tables (``homework_…`` for 作业 …) leaves
it; so does a change that names another class. Rows without a class (the calendar, the rules, the
classes themselves, the chain's key entries) touch every item.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from fivemgmt import __version__, audit, i18n, records
from fivemgmt.db import make_files_private, remove_database_files

FORMAT = 1  # raise when a payload's shape or meaning changes
SUFFIX = ".figures-cache"
# The tables each area owns (by name): a change to them is that area's alone. Tables not listed here
# (students, classes, pe_timetable, vision_…, findings …) touch every area's items.
AREA_TABLES = {
    "homework": ("homework_",),
    "sleep": ("sleep_",),
    "phone": ("phone_",),
    "reading": ("reading_",),
    "activity": ("activity_",),
    "afterschool": ("afterschool_",),
    "fitness": ("fitness_",),
}
_SCHEMA = """
CREATE TABLE IF NOT EXISTS items (
    kind TEXT NOT NULL,
    scope_key TEXT NOT NULL,
    name TEXT NOT NULL,
    area TEXT,
    class_id TEXT,
    seq INTEGER NOT NULL,
    head TEXT NOT NULL,
    payload TEXT NOT NULL,
    mac TEXT NOT NULL,
    PRIMARY KEY (kind, scope_key, name)
)
"""
_files: OrderedDict[str, sqlite3.Connection | None] = OrderedDict()  # one per side file and process
_OPEN_FILES = 4  # the schools one process shows in turn (tests open hundreds): the oldest are closed
# Guards _files and every use of those connections: the warming thread and a report's may share one.
_files_lock = threading.RLock()


def table_area(table: str) -> str | None:
    """The area owning ``table``, or None (a table every area may read)."""
    for area, prefixes in AREA_TABLES.items():
        if table.startswith(prefixes):
            return area
    return None


@dataclass(frozen=True)
class Scope:
    """What a cached item depends on: one area's figures (None: all) of one class (None: every class)."""

    area: str | None = None
    class_id: str | None = None

    def touched_by(self, table: str, class_id: str | None) -> bool:
        """Whether a change to a row of ``table`` naming ``class_id`` (None: no class) can change the item."""
        owner = table_area(table)
        if self.area is not None and owner is not None and owner != self.area:
            return False
        return self.class_id is None or class_id is None or class_id == self.class_id


def cache_path(db: Database) -> Path | None:
    """The side file of the database's file (None for an in-memory or temporary database)."""
    try:
        row = db.execute("PRAGMA database_list").fetchone()
    except sqlite3.Error:
        return None
    return Path(row[2] + SUFFIX) if row and row[2] else None


def _connect(path: Path) -> sqlite3.Connection | None:
    key = str(path)
    with _files_lock:
        if key in _files:
            _files.move_to_end(key)
            return _files[key]
        conn = _open(path)
        if conn is None and path.is_file():  # damaged (derived data): made again from nothing, once
            remove_database_files(path)
            conn = _open(path)
        _files[key] = conn
        while len(_files) > _OPEN_FILES:
            _key, old = _files.popitem(last=False)
            if old is not None:
                old.close()  # a FigureCache still holding it only finds nothing (sqlite3.Error)
        return conn


def _open(path: Path) -> sqlite3.Connection | None:
    """The side file opened (made when missing), or None: a read-only folder, a path that is no file."""
    conn = None
    try:
        if path.exists() and not path.is_file():
            raise OSError(f"{path} is not a file")
        make_files_private(path)  # it names pupils too: owner-only, as the database
        conn = sqlite3.connect(str(path), timeout=2, check_same_thread=False, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute(_SCHEMA)
        conn.execute(
            "SELECT kind, scope_key, name, area, class_id, seq, head, payload, mac FROM items LIMIT 0"
        )
        return conn
    except (OSError, sqlite3.Error):
        if conn is not None:
            conn.close()
        return None


def forget(db: Database | None = None) -> None:
    """Delete the side file (of ``db``; every one this process opened when None): the next call is cold."""
    with _files_lock:
        paths = [str(p)] if db is not None and (p := cache_path(db)) else list(_files)
        for key in paths:
            conn = _files.pop(key, None)
            if conn is not None:
                conn.close()
            remove_database_files(key)  # not there, or not a file of ours: left


class FigureCache:
    """The signed items of one database, as of its audit head when opened."""

    def __init__(self, db: Database, conn: sqlite3.Connection, key: bytes, context: str) -> None:
        self.db = db
        self.conn = conn
        self.key = key
        self.context = context
        self.seq, self.head = audit.head_seq(db)
        self._spots: list[tuple[int, str, str | None]] | None = None
        self._spots_from: int | None = None

    @classmethod
    def of(cls, db: Database) -> FigureCache | None:
        """The database's cache, or None when items cannot be kept: no file, no audit key on this
        computer, inside a transaction (what it reads may yet be rolled back), or texts in a translation."""
        if db.conn.in_transaction or not i18n.is_source_language():
            return None
        path = cache_path(db)
        if path is None:
            return None
        fp, key = audit.current_key(db)
        if key is None:
            return None
        conn = _connect(path)
        if conn is None:
            return None
        return cls(db, conn, key, _context(db, fp))

    def _mac(
        self, kind: str, scope_key: str, name: str, scope: Scope, seq: int, head: str, payload: str
    ) -> str:
        text = json.dumps(
            [FORMAT, self.context, kind, scope_key, name, scope.area, scope.class_id, seq, head, payload],
            ensure_ascii=False,
        )
        return hmac.new(self.key, b"fivemgmt-figures:" + text.encode("utf-8"), hashlib.sha256).hexdigest()

    def get(self, kind: str, scope_key: str) -> dict[str, Any]:
        """The items of ``kind`` for ``scope_key`` (a period and day) that are still true now, by name.
        Items found true through changes audited since are stamped with the current head again."""
        try:
            with _files_lock:
                rows = self.conn.execute(
                    "SELECT name, area, class_id, seq, head, payload, mac FROM items"
                    " WHERE kind = ? AND scope_key = ?",
                    [kind, scope_key],
                ).fetchall()
        except sqlite3.Error:
            return {}
        found: dict[str, Any] = {}
        restamp: dict[str, tuple[Any, Scope]] = {}
        heads: dict[int, str | None] = {}
        for name, area, class_id, seq, head, payload, mac in rows:
            scope = Scope(area, class_id)
            if not hmac.compare_digest(mac, self._mac(kind, scope_key, name, scope, seq, head, payload)):
                continue
            if (seq, head) != (self.seq, self.head):
                if seq > self.seq:
                    continue
                if seq not in heads:
                    heads[seq] = audit.hash_at(self.db, seq)
                if heads[seq] != head or self._touched(scope, seq):
                    continue
            try:
                value = json.loads(payload)
            except ValueError:
                continue
            found[name] = value
            if seq != self.seq:
                restamp[name] = (value, scope)
        if restamp:
            self.put(kind, scope_key, restamp)
        return found

    def put(self, kind: str, scope_key: str, items: dict[str, tuple[Any, Scope]]) -> None:
        """Keep items (name → (JSON-able value, scope)) computed at the head read when this was opened.
        ``scope_key`` starts with the ISO day the items are for: those of other days are dropped."""
        rows = []
        for name, (value, scope) in items.items():
            payload = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
            mac = self._mac(kind, scope_key, name, scope, self.seq, self.head, payload)
            rows.append(
                (kind, scope_key, name, scope.area, scope.class_id, self.seq, self.head, payload, mac)
            )
        try:
            with _files_lock, self.conn:
                self.conn.execute("BEGIN IMMEDIATE")
                # Items of another day are not asked again (a scope key starts with its day).
                self.conn.execute(
                    "DELETE FROM items WHERE kind = ? AND substr(scope_key, 1, 10) != substr(?, 1, 10)",
                    [kind, scope_key],
                )
                self.conn.executemany("INSERT OR REPLACE INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        except sqlite3.Error:  # busy or read-only: the figures stay computed, only not kept
            pass

    def _touched(self, scope: Scope, seq: int) -> bool:
        """Whether a change audited after entry ``seq`` can change an item of ``scope``."""
        if self._spots_from is None or self._spots_from > seq:
            self._spots = list(_spots_since(self.db, seq))
            self._spots_from = seq
        return any(s > seq and scope.touched_by(table, class_id) for s, table, class_id in self._spots or [])


def _spots_since(db: Database, seq: int) -> Iterable[tuple[int, str, str | None]]:
    """(seq, table, class id or None) of every row state the entries after ``seq`` name."""
    for entry_seq, table, _record_id, before, after in audit.states_since(db, seq):
        changes = records.Changes()
        changes.add(table, "", before, after)
        for _table, class_id, _date in changes.spots:
            yield entry_seq, table, class_id


def _context(db: Database, fingerprint: str | None) -> str:
    """What every item was computed under besides the records: the app, the key, the set-up tables as
    stored (a calendar or rule edited outside the app changes it too)."""
    digest = hashlib.sha256()
    for table in records.SETUP_TABLES:
        try:
            rows = db.execute(f"SELECT * FROM [{table}] ORDER BY rowid").fetchall()
        except sqlite3.Error:
            rows = None
        digest.update(json.dumps([table, rows], ensure_ascii=False, default=str).encode("utf-8"))
    return f"{__version__}|{fingerprint}|{digest.hexdigest()}"

"""Tamper-evident audit trail.

Every change is appended in the same transaction as the change itself. Each entry carries the hash of
the previous entry, so editing or deleting an entry breaks the chain; checking it
(:mod:`fivemgmt.audit_verify`) also compares every audited record with its last audited state, which
catches rows edited behind the app's back. This module writes the chain and reads it.

The chain is keyed: every entry is signed with HMAC-SHA256 under the audit key of
:mod:`fivemgmt.chainkey`, which is kept on this computer and never in the database, so whoever has only
the file cannot edit a value and its entry and re-sign the chain. An entry of table ``audit_chain``
(action ``key``) names the key the entries after it are signed with; the entries before the first of
them (made by versions before the keyed chain) are plain SHA-256 and anchored by it: it signs their head.

Every table is under the chain. Record tables (:func:`record_tables`) have an entry per change; the
other tables (:data:`SEALED_TABLES`: ``meta``, the password hashes, the exchange bookkeeping, the
migrations) get a *seal* entry (action ``seal``) holding a digest of their content whenever the app
changes them (:func:`watch` and :func:`seal_changes`, run by :func:`fivemgmt.db.transaction`), so an
edit made outside the app — an account made admin, the single-user install switched on — is found.

The newest head is anchored outside the database too: in each backup's manifest
(:func:`fivemgmt.audit_verify.new_anchor`, compared by ``verify``), and printed on forms (:func:`head`,
checked by ``audit verify --head``).
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from fivemgmt import chainkey
from fivemgmt.chunks import in_chunks
from fivemgmt.clock import now_iso

GENESIS = "0" * 64
AUDIT_TABLE = "audit_log"
CHAIN = "audit_chain"  # table_name of the entries naming the chain's key
KEY_ACTION = "key"
SEAL_ACTION = "seal"
SEAL_ID = "*"
SYSTEM_ACTOR = "system"


# one encoder for every entry (json.dumps with options builds a new one per call)
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def canonical(value: Any) -> str:
    """The JSON text of an entry's values as the chain hashes and stores them (sorted keys, no spaces)."""
    return _ENCODER.encode(value)


def _json_string(value: Any) -> str:
    """A string as canonical writes it (ensure_ascii off); anything else through canonical itself."""
    return _encode_string(value) if type(value) is str else canonical(value)


def _json_or_null(value: Any) -> str:
    return "null" if value is None else _json_string(value)


# the encoder's own string writer (C when available), as _ENCODER uses it with ensure_ascii off
_encode_string = json.encoder.encode_basestring


def _row_chunks() -> Any:
    """The C encoder _ENCODER.encode makes at every call (a third of the time of encoding a row), made
    once: called with (value, 0), it gives the pieces of _ENCODER.encode(value). None without C."""
    make = json.encoder.c_make_encoder
    if make is None:
        return None
    return make(
        {},  # the circular-reference check's markers, as _ENCODER's (empty again after each call)
        _ENCODER.default,
        _encode_string,
        _ENCODER.indent,
        _ENCODER.key_separator,
        _ENCODER.item_separator,
        _ENCODER.sort_keys,
        _ENCODER.skipkeys,
        _ENCODER.allow_nan,
    )


_ROW_CHUNKS = _row_chunks()


def _encode_rows(rows: list[dict | None]) -> list[str | None]:
    """canonical() of each row (None stays None): the JSON text a record's state is audited as."""
    chunks = _ROW_CHUNKS
    if chunks is None:
        return [None if row is None else _ENCODER.encode(row) for row in rows]
    join = "".join
    return [None if row is None else join(chunks(row, 0)) for row in rows]


class _Signer:
    """HMAC-SHA256 under one key, for many messages: the key's inner and outer pads hashed once (RFC 2104),
    so each entry costs two hash copies in C (hmac.HMAC.copy and hexdigest are Python: half the time of
    signing a 100,000-row import). The same digest as ``hmac.new(key, message, hashlib.sha256)``."""

    _BLOCK = 64  # SHA-256's block size in bytes
    _INNER_PAD = bytes(b ^ 0x36 for b in range(256))  # each key byte XOR 0x36, by bytes.translate
    _OUTER_PAD = bytes(b ^ 0x5C for b in range(256))

    def __init__(self, key: bytes) -> None:
        if len(key) > self._BLOCK:
            key = hashlib.sha256(key).digest()
        key = key.ljust(self._BLOCK, b"\0")
        self._inner = hashlib.sha256(key.translate(self._INNER_PAD))
        self._outer = hashlib.sha256(key.translate(self._OUTER_PAD))

    def hexdigest(self, message: bytes) -> str:
        inner = self._inner.copy()
        inner.update(message)
        outer = self._outer.copy()
        outer.update(inner.digest())
        return outer.hexdigest()


@functools.lru_cache(maxsize=8)
def _signer(key: bytes) -> _Signer:
    """The :class:`_Signer` of a key, made once: a teacher's save signs one entry, and preparing the key
    cost as much as signing it."""
    return _Signer(key)


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
    key: bytes | None = None,
) -> str:
    """The entry's hash: HMAC-SHA256 under the audit key, or plain SHA-256 (entries before the keyed chain)."""
    payload = canonical([prev_hash, at, actor, table, record_id, action, before, after, reason]).encode(
        "utf-8"
    )
    if key is None:
        return hashlib.sha256(payload).hexdigest()
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def head(db: Database) -> str:
    """Hash of the newest entry: printed on forms so paper can be matched to the data."""
    row = db.execute(f"SELECT hash FROM {AUDIT_TABLE} ORDER BY seq DESC LIMIT 1").fetchone()
    return row[0] if row else GENESIS


def head_seq(db: Database) -> tuple[int, str]:
    """The newest entry's seq and hash: (0, :data:`GENESIS`) while the chain is empty."""
    row = db.execute(f"SELECT seq, hash FROM {AUDIT_TABLE} ORDER BY seq DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else (0, GENESIS)


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


def current_key(db: Database) -> tuple[str | None, bytes | None]:
    """The fingerprint of the key the chain is signed with now, and the key when this computer has it."""
    row = db.execute(
        f"SELECT record_id FROM {AUDIT_TABLE} WHERE table_name = ? AND action = ? ORDER BY seq DESC LIMIT 1",
        [CHAIN, KEY_ACTION],
    ).fetchone()
    if row is None:
        return None, None
    cached = getattr(db, "_fivemgmt_key", None)
    if cached is not None and cached[0] == row[0]:
        return cached
    found = (row[0], chainkey.find(row[0]))
    if found[1] is not None:
        db._fivemgmt_key = found  # type: ignore[attr-defined]
    return found


def key_entries(db: Database) -> list[tuple[int, str]]:
    """(seq, key fingerprint) of each key entry, oldest first: the entries from each on are signed with it."""
    return [
        (r[0], r[1])
        for r in db.execute(
            f"SELECT seq, record_id FROM {AUDIT_TABLE} WHERE table_name = ? AND action = ? ORDER BY seq",
            [CHAIN, KEY_ACTION],
        )
    ]


def _key_after(db: Database, prev: str) -> tuple[str | None, bytes | None]:
    """:func:`current_key` for appending after the entry whose hash is ``prev``: known without asking
    when this connection's last append ended the chain there. Each hash signs the one before it, so the
    same head is the same chain: the last key entry in it is the one this connection signed with (an
    append since, a rollback or another program's entries change the head, and the key is looked up)."""
    known = getattr(db, "_fivemgmt_key_after", None)
    if known is not None and known[0] == prev:
        return known[1], known[2]
    return current_key(db)


def installation_id(db: Database) -> str:
    row = db.execute("SELECT value FROM meta WHERE key = 'installation_id'").fetchone()
    return row[0] if row else "unknown"


def _key_entry(db: Database, prev: str, old_fp: str | None, actor: str) -> tuple[tuple, bytes]:
    """The entry that starts signing with a new key of this computer (and signs the head before it)."""
    count = db.execute(f"SELECT COUNT(*) FROM {AUDIT_TABLE}").fetchone()[0]
    fp, key = chainkey.create(installation_id(db))
    if old_fp is not None:
        reason = (
            f"本机没有审计链所用的密钥（{old_fp}，数据库可能来自另一台电脑），此后改用本机的审计密钥 {fp}；"
            "此前用原密钥签名的记录只能在有原密钥的电脑上核对"
        )
    elif count:
        reason = (
            f"审计链改为带密钥的签名（HMAC-SHA256，密钥 {fp} 保存在本机、不在数据库中）："
            f"此前的 {count} 条记录以链头 {prev[:16]} 锚定"
        )
    else:
        reason = f"审计链开始：每条记录用本机的审计密钥 {fp} 签名（HMAC-SHA256，密钥不在数据库中）"
    at = now_iso()
    after = canonical({"key": fp, "previous_head": prev, "previous_entries": count, "previous_key": old_fp})
    digest = entry_hash(prev, at, actor, CHAIN, fp, KEY_ACTION, None, after, reason, key)
    return (at, actor, CHAIN, fp, KEY_ACTION, None, after, reason, prev, digest), key


def append_many(db: Database, changes: list[Change]) -> str:
    """Append one entry per change, chained in order, with one statement; returns the new head.

    The chain is computed here from the current head, so this must run inside the caller's write
    transaction (which holds SQLite's write lock: nobody else can append in between). When the chain
    has no key yet, or this computer does not have it, a key entry of a new key of this computer comes
    first (it says so in its reason)."""
    prev = head(db)
    fp, key = _key_after(db, prev)
    rows = []
    if key is None:
        entry, key = _key_entry(db, prev, fp, changes[0][5] if changes else SYSTEM_ACTOR)
        rows.append(entry)
        prev, fp = entry[-1], entry[3]
    at = now_iso()  # one transaction, one time
    sign = _signer(key).hexdigest  # the key is prepared once a connection
    # The hashed payload is canonical() of the entry's nine strings (or nulls), built here from each
    # string's own JSON text, which is what the encoder writes for a list of them; the texts that repeat
    # in a batch (time, actor, table, action, reason) are joined once per kind of entry.
    at_text = _json_string(at)
    parts: dict[tuple, tuple[str, str, str]] = {}
    prev_text = _json_string(prev)
    befores = _encode_rows([change[3] for change in changes])
    afters = _encode_rows([change[4] for change in changes])
    for (table, record_id, action, _, _, actor, reason), before_text, after_text in zip(
        changes, befores, afters
    ):
        kind = (actor, table, action, reason)
        part = parts.get(kind)
        if part is None:
            part = parts[kind] = (
                f",{at_text},{_json_string(actor)},{_json_string(table)},",
                f",{_json_string(action)},",
                f",{_json_or_null(reason)}]",
            )
        digest = sign(
            (
                f"[{prev_text}{part[0]}{_json_string(record_id)}{part[1]}"
                f"{'null' if before_text is None else _encode_string(before_text)},"
                f"{'null' if after_text is None else _encode_string(after_text)}{part[2]}"
            ).encode()
        )
        rows.append((at, actor, table, record_id, action, before_text, after_text, reason, prev, digest))
        prev = digest
        prev_text = f'"{digest}"'  # hex digits: its JSON text as the encoder writes it
    db.conn.executemany(_INSERT, rows)
    db._fivemgmt_key_after = (prev, fp, key)  # type: ignore[attr-defined]
    if changes:
        db._fivemgmt_actor = changes[-1][5]  # type: ignore[attr-defined] # who seals this transaction's tables
    return prev


RECORD_MARKERS = {"id", "updated_at", "updated_by", "origin", "deleted"}


def record_tables(db: Database) -> list[str]:
    """Tables written through fivemgmt.records (they have the standard bookkeeping columns)."""
    return [name for name in db.table_names() if RECORD_MARKERS <= set(db[name].columns_dict)]


# ------------------------------------------------------------------ tables outside the record layout


@dataclass(frozen=True)
class SealedTable:
    """A table without the record columns, put under the chain by seal entries of its content."""

    name: str
    pk: tuple[str, ...]  # names a row in messages and in the seal
    columns: tuple[str, ...] | None = None  # None: every column
    per_row: bool = True  # a digest per row (named when changed), else one digest for the table


SEALED_TABLES = (
    SealedTable("meta", ("key",)),
    # the password hash, salt and cost; not the failure counter or last login (they change at every login)
    SealedTable("account_secrets", ("username",), ("username", "salt", "hash", "n", "r", "p")),
    SealedTable("exchange_exports", ("scope",)),
    SealedTable("exchange_imports", ("package_id",)),
    # who may send this installation packages (fivemgmt.exchange.trust): registered keys and their last
    # chain heads, the one-time registration codes given out, the heads of the packages sent
    SealedTable("exchange_senders", ("fingerprint",)),
    SealedTable("exchange_enrollments", ("token_id",)),
    SealedTable("exchange_heads_sent", ("seq",), per_row=False),
    SealedTable("_sqlite_migrations", ("migration_set", "name"), ("migration_set", "name")),
    SealedTable("record_versions", ("table_name", "record_id", "version"), per_row=False),
    # the attachment bytes themselves are checked against their sha256 by fivemgmt.audit_verify.verify
    SealedTable("phone_attachments", ("sha256",), ("sha256", "name", "size", "added_at"), per_row=False),
)
_SEALED = {t.name: t for t in SEALED_TABLES}
_DIRTY = "fivemgmt_dirty"


def _pk_sql(table: SealedTable, prefix: str = "") -> str:
    return " || '/' || ".join(f"COALESCE({prefix}[{c}], '')" for c in table.pk)


def _columns(db: Database, table: SealedTable) -> list[str]:
    return list(table.columns or [r[1] for r in db.execute(f"PRAGMA table_info([{table.name}])")])


def _row_digest(values: Iterable[Any]) -> str:
    return hashlib.sha256(canonical(list(values)).encode("utf-8")).hexdigest()[:32]


def table_state(db: Database, table: SealedTable, pks: Iterable[str] | None = None) -> dict[str, str]:
    """Digest of each row (by its pk text), or of the whole table under ``"*"``; ``pks``: only those rows."""
    cols = ", ".join(f"[{c}]" for c in _columns(db, table))
    sql = f"SELECT {_pk_sql(table)} AS pk, {cols} FROM [{table.name}]"
    if not table.per_row:
        digest = hashlib.sha256()
        count = 0
        for row in db.execute(sql + " ORDER BY " + ", ".join(f"[{c}]" for c in table.pk)):
            digest.update(canonical(list(row[1:])).encode("utf-8") + b"\n")
            count += 1
        return {SEAL_ID: f"{count}:{digest.hexdigest()[:32]}"}
    if pks is None:
        return {row[0]: _row_digest(row[1:]) for row in db.execute(sql)}
    state: dict[str, str] = {}
    for pk in pks:
        row = db.execute(sql + f" WHERE {_pk_sql(table)} = ?", [pk]).fetchone()
        if row is not None:
            state[pk] = _row_digest(row[1:])
    return state


def _last_seal(db: Database, table: str) -> dict | None:
    row = db.execute(
        f"SELECT after FROM {AUDIT_TABLE} WHERE table_name = ? AND record_id = ? ORDER BY seq DESC LIMIT 1",
        [table, SEAL_ID],
    ).fetchone()
    return json.loads(row[0]) if row and row[0] else None


def watch(db: Database) -> None:
    """At the start of a write transaction: make sure this connection notes what the app changes in the
    sealed tables (temporary triggers, which live in this connection only and never in the file)."""
    conn = db.conn
    db._fivemgmt_actor = SYSTEM_ACTOR  # type: ignore[attr-defined]
    # the schema versions tell whether the triggers installed before are still there (a rollback or a
    # rebuilt table drops them) without asking for the layout at every save
    versions = schema_versions(conn)
    if getattr(db, "_fivemgmt_watched", None) == versions:
        db._fivemgmt_unwatched = set()  # type: ignore[attr-defined]
        return
    present = {
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN "
            f"({','.join('?' * len(_SEALED))})",
            list(_SEALED),
        )
    }
    triggers = conn.execute(
        "SELECT COUNT(*) FROM sqlite_temp_master WHERE type = 'trigger' AND name LIKE 'fivemgmt_seal_%'"
    ).fetchone()[0]
    db._fivemgmt_unwatched = set(_SEALED) - present  # type: ignore[attr-defined]
    if triggers != 3 * len(present):
        _install_triggers(conn, present)
    if present == set(_SEALED):
        db._fivemgmt_watched = schema_versions(conn)  # type: ignore[attr-defined]


def schema_versions(conn: Any) -> tuple[int, int]:
    """The connection's (main, temp) schema versions: a schema change, or a trigger made or dropped."""
    return (
        conn.execute("PRAGMA main.schema_version").fetchone()[0],
        conn.execute("PRAGMA temp.schema_version").fetchone()[0],
    )


def temp_objects_added(db: Database, before: tuple[int, int]) -> None:
    """Another part of the app added TEMP objects of its own to this connection, the schema versions
    having been ``before``: the seal triggers are untouched, so if :func:`watch` had checked them at
    ``before`` they are still there and it need not list the tables again."""
    if getattr(db, "_fivemgmt_watched", None) == before:
        db._fivemgmt_watched = schema_versions(db.conn)  # type: ignore[attr-defined]


def _install_triggers(conn: Any, present: set[str]) -> None:
    # no UNIQUE constraint: the outer statement's conflict policy (an upsert's) would override the trigger's
    conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {_DIRTY} (tbl TEXT NOT NULL, pk TEXT NOT NULL)")
    for name in present:
        table = _SEALED[name]
        pk_new, pk_old = _pk_sql(table, "NEW."), _pk_sql(table, "OLD.")
        if not table.per_row:
            pk_new = pk_old = f"'{SEAL_ID}'"
        of = f" OF {', '.join(f'[{c}]' for c in table.columns)}" if table.columns else ""
        mark = (
            f"INSERT INTO {_DIRTY} SELECT '{name}', {{0}} WHERE NOT EXISTS"
            f" (SELECT 1 FROM {_DIRTY} WHERE tbl = '{name}' AND pk = {{0}});"
        )
        for event, body in (
            ("INSERT", mark.format(pk_new)),
            (f"UPDATE{of}", mark.format(pk_old) + mark.format(pk_new)),
            ("DELETE", mark.format(pk_old)),
        ):
            trigger = f"fivemgmt_seal_{name}_{event.split()[0].lower()}"
            conn.execute(
                f"CREATE TEMP TRIGGER IF NOT EXISTS [{trigger}] AFTER {event} ON main.[{name}] BEGIN {body} END"
            )


def seal_changes(db: Database) -> None:
    """Before a write transaction commits: a seal entry for each sealed table the app changed in it.

    Only the rows the app itself changed take their new digest; a row changed outside the app keeps its
    old one and so stays visible to :func:`fivemgmt.audit_verify.verify`. A sealed table with no seal yet
    (just created, or on the upgrade to the keyed chain) is sealed as it is."""
    conn = db.conn
    try:
        dirty = conn.execute(f"SELECT tbl, pk FROM temp.{_DIRTY}").fetchall()
    except Exception:  # noqa: BLE001 - no temp table: nothing was watched in this transaction
        dirty = []
    unwatched = getattr(db, "_fivemgmt_unwatched", set())
    if not dirty and not unwatched:
        return
    by_table: dict[str, set[str]] = {}
    for name, pk in dirty:
        by_table.setdefault(name, set()).add(pk)
    present = set(db.table_names())
    changes: list[Change] = []
    actor = getattr(db, "_fivemgmt_actor", SYSTEM_ACTOR)
    for table in SEALED_TABLES:
        if table.name not in present:
            continue
        last = _last_seal(db, table.name)
        if last is None:
            state = table_state(db, table)
            reason = "开始记录此表的内容（由此纳入审计链）"
        elif table.name in by_table:
            pks = by_table[table.name]
            state = dict(last.get("rows", {}))
            fresh = table_state(db, table, None if not table.per_row else pks)
            for pk in pks:
                state.pop(pk, None)
            state.update(fresh)
            reason = None
        else:
            continue
        if last is None or state != last.get("rows"):
            changes.append((table.name, SEAL_ID, SEAL_ACTION, None, {"rows": state}, actor, reason))
    if dirty:
        conn.execute(f"DELETE FROM temp.{_DIRTY}")
    if changes:
        append_many(db, changes)


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


# ------------------------------------------------------------------ reading the trail
# The readers outside this module ask through these: how the trail is stored is known here only (and by
# fivemgmt.audit_verify, which checks it).


def _state(text: str | None) -> dict | None:
    """An entry's before/after text as the record state it holds (None: none, or not a record's state)."""
    state = json.loads(text) if text else None
    return state if isinstance(state, dict) else None


def hash_at(db: Database, seq: int) -> str | None:
    """The hash of entry ``seq`` (:data:`GENESIS` before the first); None: no such entry."""
    row = db.execute(f"SELECT hash FROM {AUDIT_TABLE} WHERE seq = ?", [seq]).fetchone()
    return row[0] if row else (GENESIS if seq == 0 else None)


def hashes_at(db: Database, seqs: Iterable[int]) -> dict[int, str]:
    """:func:`hash_at` of each entry of ``seqs`` there is (500 a query)."""
    found: dict[int, str] = {}
    for chunk, marks in in_chunks(sorted(set(seqs))):
        found.update(
            db.execute(f"SELECT seq, hash FROM {AUDIT_TABLE} WHERE seq IN ({marks})", chunk).fetchall()
        )
    return found


def states_since(db: Database, seq: int) -> Iterator[tuple[int, str, str, dict | None, dict | None]]:
    """(seq, table, record id, state before, state after) of every entry after entry ``seq``, in order;
    a state that is not a record's (a seal's digests, a key entry) is None."""
    for entry_seq, table, record_id, before, after in db.execute(
        f"SELECT seq, table_name, record_id, before, after FROM {AUDIT_TABLE} WHERE seq > ? ORDER BY seq",
        [seq],
    ):
        yield entry_seq, table, record_id, _state(before), _state(after)


def entry_times(db: Database, table: str, record_id: str) -> tuple[str | None, str | None]:
    """When a record's first and last entries were made (UTC ISO texts); (None, None) when it has none."""
    row = db.execute(
        f"SELECT MIN(seq), MAX(seq) FROM {AUDIT_TABLE} WHERE table_name = ? AND record_id = ?",
        [table, record_id],
    ).fetchone()
    if row[0] is None:
        return None, None
    times = dict(
        db.execute(f"SELECT seq, at FROM {AUDIT_TABLE} WHERE seq IN (?, ?)", [row[0], row[1]]).fetchall()
    )
    return times[row[0]], times[row[1]]


def changed_since(db: Database, table: str, seq: int) -> set[str]:
    """The ids of the records of ``table`` with an entry after entry ``seq``."""
    return {
        r[0]
        for r in db.execute(
            f"SELECT DISTINCT record_id FROM {AUDIT_TABLE} WHERE table_name = ? AND seq > ?", [table, seq]
        )
    }


def audited_versions(
    db: Database, table: str, ids: Iterable[str] | None = None
) -> Iterator[tuple[str, str | None, str | None]]:
    """(record id, updated_at, origin) of every state audited of the records of ``table`` (``ids``: of those
    only, by the (table, record) index, 500 ids a query)."""
    sql = (
        "SELECT record_id, json_extract(after, '$.updated_at'), json_extract(after, '$.origin')"
        f" FROM {AUDIT_TABLE} WHERE table_name = ? AND after IS NOT NULL"
    )
    if ids is None:
        yield from db.execute(sql, [table])
        return
    for chunk, marks in in_chunks(sorted(set(ids))):
        yield from db.execute(sql + f" AND record_id IN ({marks})", [table, *chunk])

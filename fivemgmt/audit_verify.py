"""Checking the tamper-evident audit trail of :mod:`fivemgmt.audit`: :func:`verify` checks all of it,
:func:`quick_check` the part the start-up and each sign-in need.

``verify`` checks each entry's signature and link, then every table against the chain: each record against
its last audited state (a row edited, deleted or added behind the app's back), each sealed table against
its last seal, and the heads written down outside the database (:class:`Anchor`: a backup's manifest keeps
:func:`new_anchor`, signed by :func:`anchor_mac`). What a check found is a :class:`VerifyResult`, said in
plain words.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from fivemgmt import chainkey, clock
from fivemgmt.audit import (
    AUDIT_TABLE,
    CHAIN,
    GENESIS,
    KEY_ACTION,
    RECORD_MARKERS,
    SEAL_ACTION,
    SEAL_ID,
    SEALED_TABLES,
    canonical,
    current_key,
    entry_hash,
    head_seq,
    key_entries,
    record_tables,
    table_state,
)
from fivemgmt.chunks import in_chunks

_SEALED = frozenset(t.name for t in SEALED_TABLES)  # verify keeps the last seal of each


@dataclass
class VerifyResult:
    ok: bool
    entries: int
    message: str
    broken_seq: int | None = None
    unverifiable: bool = False  # this computer lacks the key: nothing found wrong, nothing proven either


@dataclass(frozen=True)
class Anchor:
    """A head written down outside the database: a backup's manifest."""

    seq: int
    head: str
    label: str
    key: str | None = None  # the fingerprint of the key the mac was made with
    mac: str | None = None


def anchor_mac(key: bytes, seq: int, head_hash: str) -> str:
    """Signs a head written into a backup's manifest, so the manifest cannot be edited to match a chain."""
    return hmac.new(key, f"fivemgmt-anchor:{seq}:{head_hash}".encode(), hashlib.sha256).hexdigest()


def new_anchor(db: Database) -> dict:
    """What a backup's manifest keeps of the chain: its head, signed with this computer's audit key."""
    seq, digest = head_seq(db)
    fp, key = current_key(db)
    anchor: dict[str, Any] = {"audit_head": digest if seq else None, "audit_entries": seq}
    if key is not None:
        anchor.update(audit_key=fp, audit_mac=anchor_mac(key, seq, digest))
    return anchor


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


_SAME_IF_EQUAL = frozenset({str, int, type(None)})


def _same_state(after: dict, row: dict, defaults: dict[str, Any]) -> bool:
    """The row equals its audited state; a column added by a later migration may hold NULL or its default."""
    for key, value in row.items():
        if key in after:
            audited = after[key]
            # equal texts, integers or NULLs of the same type are the same JSON: only the rest (a float,
            # whose -0.0 equals 0.0; a bool against an integer) is compared as JSON (a tenth of verify did it)
            if type(audited) is type(value) and type(value) in _SAME_IF_EQUAL and audited == value:
                continue
            if canonical(audited) != canonical(value):
                return False
        elif value is not None and value != defaults.get(key):
            return False
    return all(key in row for key in after)


def _expected(row: dict, key: bytes | None) -> str:
    return entry_hash(
        row["prev_hash"],
        row["at"],
        row["actor"],
        row["table_name"],
        row["record_id"],
        row["action"],
        row["before"],
        row["after"],
        row["reason"],
        key,
    )


def _missing_key(seq: int, fp: str, count: int) -> VerifyResult:
    return VerifyResult(
        False,
        count,
        f"本机没有审计链从第 {seq} 条起所用的审计密钥（{fp}），无法确认这些记录没有被改动。"
        "数据库若是从另一台电脑恢复或复制来的，请在原电脑上核对，或导入原电脑的审计密钥"
        "（fivemgmt backup key import）；如果这个数据库从没有在别的电脑上用过，就是有人绕过本软件改写了审计链。",
        seq,
        unverifiable=True,
    )


def _describe_record(table: str, record_id: str, row: dict | None) -> str:
    if table == "accounts" and row and row.get("username"):
        return f"账户“{row['username']}”（表 accounts 中的记录 {record_id}）"
    return f"表 {table} 中的记录 {record_id}"


def _describe_sealed(table: str, pk: str) -> str:
    if table == "meta" and pk == "single_user_account":
        return "本机免密码登录的设置（meta.single_user_account）"
    if table == "meta":
        return f"本机设置 meta.{pk}"
    if table == "account_secrets":
        return f"账户“{pk}”的密码（account_secrets）"
    return f"表 {table} 中的 {pk}"


def _check_sealed(db: Database, seals: dict[str, tuple[int, dict]], *, whole: bool) -> VerifyResult | None:
    """Every sealed table equals its last seal (``whole``: the tables sealed as one digest too)."""
    present = set(db.table_names())
    for table in SEALED_TABLES:
        if table.name not in present or (not table.per_row and not whole):
            continue
        current = table_state(db, table)
        seq, sealed = seals.get(table.name, (None, {}))
        if seq is None:
            if current:
                return VerifyResult(False, 0, f"表 {table.name} 没有审计记录（它的内容被绕过本软件写入）。")
            continue
        rows = sealed.get("rows", {})
        if not table.per_row:
            if current != rows:
                return VerifyResult(
                    False, 0, f"表 {table.name} 被绕过本软件修改（与第 {seq} 条审计记录不符）。", seq
                )
            continue
        for pk in sorted(set(current) | set(rows)):
            what = _describe_sealed(table.name, pk)
            if pk not in rows:
                return VerifyResult(False, 0, f"{what}没有审计记录（被绕过本软件添加）。", seq)
            if pk not in current:
                return VerifyResult(False, 0, f"{what}被绕过本软件删除（与第 {seq} 条审计记录不符）。", seq)
            if current[pk] != rows[pk]:
                return VerifyResult(False, 0, f"{what}被绕过本软件修改（与第 {seq} 条审计记录不符）。", seq)
    if whole and "phone_attachments" in present:
        for sha, data in db.execute("SELECT sha256, data FROM phone_attachments"):
            if data is not None and hashlib.sha256(bytes(data)).hexdigest() != sha:
                return VerifyResult(False, 0, f"附件 {sha[:12]} 的内容被绕过本软件修改。")
    return None


def _check_anchors(
    db: Database, anchors: Iterable[Anchor], count: int, hashes: dict[int, str] | None = None
) -> VerifyResult | None:
    """The chain still holds every head written down in a backup's manifest."""
    for anchor in anchors:
        if not anchor.seq:
            continue
        if anchor.key and anchor.mac:
            key = chainkey.find(anchor.key)
            if key is not None and not hmac.compare_digest(
                anchor_mac(key, anchor.seq, anchor.head), anchor.mac
            ):
                return VerifyResult(False, count, f"{anchor.label}的备份清单中的链头被改动过。")
        if hashes is not None:
            found = hashes.get(anchor.seq)
        else:
            row = db.execute(f"SELECT hash FROM {AUDIT_TABLE} WHERE seq = ?", [anchor.seq]).fetchone()
            found = row[0] if row else None
        if found is None:
            return VerifyResult(
                False,
                count,
                f"审计链比{anchor.label}的备份还短（备份时已有第 {anchor.seq} 条审计记录，现在没有了）："
                "备份之后的修改连同它们的审计记录被删除了。",
                anchor.seq,
            )
        if found != anchor.head:
            return VerifyResult(
                False,
                count,
                f"第 {anchor.seq} 条审计记录与{anchor.label}的备份中的不同：审计链被改写过。",
                anchor.seq,
            )
    return None


def verify(db: Database, *, anchors: Iterable[Anchor] = (), printed_head: str | None = None) -> VerifyResult:
    """Check the whole chain (each entry's signature and link), then every table against it.

    Reports the first broken link: an entry whose hash or link is wrong (an entry edited or deleted),
    a record changed or deleted behind the app's back, or a record that has no audit entry at all
    (inserted behind the app's back); a sealed table (:data:`SEALED_TABLES`) that differs from its seal;
    a chain shorter than, or different from, the heads in ``anchors`` (the backups' manifests). With
    ``printed_head`` (the head printed on a form, or its first characters) it also says whether that head
    is in the chain.
    """
    anchors = list(anchors)
    prev = GENESIS
    count = 0
    key: bytes | None = None
    keyed = False
    printed = (printed_head or "").strip().lower()
    printed_at: dict | None = None
    wanted = {a.seq for a in anchors}
    hashes: dict[int, str] = {}
    seals: dict[str, tuple[int, dict]] = {}
    for row in db.query(f"SELECT * FROM {AUDIT_TABLE} ORDER BY seq"):
        count += 1
        if row["prev_hash"] != prev:
            return VerifyResult(
                False, count, f"第 {row['seq']} 条审计记录与上一条不相连（可能有记录被删除）。", row["seq"]
            )
        if row["table_name"] == CHAIN and row["action"] == KEY_ACTION:
            key = chainkey.find(row["record_id"])
            if key is None:  # the heads in the backups can still be compared
                return _check_anchors(db, anchors, count) or _missing_key(row["seq"], row["record_id"], count)
            keyed = True
        if _expected(row, key) != row["hash"]:
            return VerifyResult(False, count, f"第 {row['seq']} 条审计记录被改动过。", row["seq"])
        prev = row["hash"]
        if row["seq"] in wanted:
            hashes[row["seq"]] = prev
        if printed and printed_at is None and len(printed) >= 8 and prev.startswith(printed):
            printed_at = row
        if row["action"] == SEAL_ACTION and row["record_id"] == SEAL_ID and row["table_name"] in _SEALED:
            seals[row["table_name"]] = (row["seq"], json.loads(row["after"]))
    if not keyed:
        return VerifyResult(
            False,
            count,
            "审计链中没有本软件的签名密钥记录：整条审计链可能被绕过本软件重写过。",
        )
    problem = _check_anchors(db, anchors, count, hashes)
    if problem is None:
        # each record's last entry is looked up per table once the chain is known whole: keeping every
        # record's state from the pass above cost ~350 MB on a five-year school (the GUI's check)
        problem = _check_records(db, None, count)
    if problem is None:
        problem = _check_sealed(db, seals, whole=True)
    if problem is not None:
        problem.entries = count
        return problem
    message = f"审计链完整，共 {count} 条记录，链头 {prev[:16]}。"
    if printed:
        if printed_at is None:
            return VerifyResult(
                False,
                count,
                f"打印的链头 {printed_head} 不在本数据库的审计链中：这张纸不是从这份数据打印的，"
                "或者打印之后审计链被改写过。",
            )
        later = count - printed_at["seq"]
        message += (
            f"打印的链头 {printed_head} 是第 {printed_at['seq']} 条审计记录（{clock.local_text(printed_at['at'])}），"
            + (f"打印之后又有 {later} 次修改。" if later else "打印之后没有修改。")
        )
    return VerifyResult(True, count, message)


def _check_records(
    db: Database,
    last_state: dict[tuple[str, str], int] | None,
    count: int,
    tables: Iterable[str] | None = None,
) -> VerifyResult | None:
    """Every record of ``tables`` against its last audit entry, and no record without one.
    ``last_state``: each record's last entry's seq; None: looked up in the (verified) chain, table by
    table, so that only one table's worth is in memory."""
    by_table: dict[str, dict[str, int]] = {}
    for (table, record_id), seq in (last_state or {}).items():
        by_table.setdefault(table, {})[record_id] = seq
    names = set(db.table_names())
    if tables is None:
        tables = set(record_tables(db)) | set(by_table)
        if last_state is None:
            tables |= {r[0] for r in db.execute(f"SELECT DISTINCT table_name FROM {AUDIT_TABLE}")}
    for table in sorted(set(tables)):
        if table not in names or not RECORD_MARKERS <= set(db[table].columns_dict):
            continue
        defaults = _column_defaults(db, table)
        if last_state is None:
            # asked of SQLite a chunk at a time: a dict of a big table's ids was ~20 MB on a five-year school,
            # held while the dashboard draws
            seqs: Iterable[int] = (
                seq
                for (seq,) in db.conn.execute(
                    f"SELECT MAX(seq) AS last FROM {AUDIT_TABLE} WHERE {_OF_TABLE} GROUP BY record_id"
                    " ORDER BY last",
                    [table, SEAL_ACTION, SEAL_ID],
                )
            )
        else:
            audited = by_table.get(table, {})
            seqs = sorted(audited.values())
        for entries in _last_entries(db, seqs):
            # the rows of one chunk of entries only: a whole table of dicts was ~100 MB on a big school
            ids = [record_id for record_id, _, _ in entries]
            marks = ",".join("?" * len(ids))
            current = {r["id"]: r for r in db.query(f"SELECT * FROM [{table}] WHERE id IN ({marks})", ids)}
            for record_id, seq, after in entries:
                if after is None:
                    continue
                row = current.get(record_id)
                what = _describe_record(table, record_id, json.loads(after))
                if row is None:
                    return VerifyResult(
                        False,
                        count,
                        f"{what}被绕过本软件删除（最后一次合法修改是第 {seq} 条审计记录）。",
                        seq,
                    )
                if not _same_state(json.loads(after), row, defaults):
                    return VerifyResult(
                        False, count, f"{what}被绕过本软件修改（与第 {seq} 条审计记录不符）。", seq
                    )
        if last_state is None:
            first = db.conn.execute(
                f"SELECT id FROM [{table}] WHERE id NOT IN (SELECT record_id FROM {AUDIT_TABLE} WHERE {_OF_TABLE}"
                " AND record_id IS NOT NULL) ORDER BY id LIMIT 1",
                [table, SEAL_ACTION, SEAL_ID],
            ).fetchone()
            unaudited = [first[0]] if first else []
        else:
            unaudited = sorted({r[0] for r in db.execute(f"SELECT id FROM [{table}]")} - set(audited))
        if unaudited:
            row = next(db.query(f"SELECT * FROM [{table}] WHERE id = ?", [unaudited[0]]))
            what = _describe_record(table, unaudited[0], row)
            return VerifyResult(False, count, f"{what}没有审计记录（被绕过本软件添加）。")
    return None


# A record table's own entries (not its seals): the parameters are the table, SEAL_ACTION and SEAL_ID.
_OF_TABLE = "table_name = ? AND NOT (action = ? AND record_id = ?)"


def _last_entries(db: Database, seqs: Iterable[int]) -> Iterator[list[tuple[str, int, str | None]]]:
    """The entries of these seqs (in chain order) as (record id, seq, after), a chunk of 500 at a time."""
    for chunk, marks in in_chunks(list(seqs)):
        yield db.execute(
            f"SELECT record_id, seq, after FROM {AUDIT_TABLE} WHERE seq IN ({marks}) ORDER BY seq", chunk
        ).fetchall()


def quick_check(db: Database, anchors: Iterable[Anchor] = ()) -> VerifyResult:
    """The start-up and sign-in check (fast; :func:`verify` checks everything): the newest entries, who
    may sign in (accounts, password hashes, the single-user setting and the rest of ``meta``) and the
    exchange bookkeeping against their signed audit entries, and the chain against the backups' heads."""
    anchors = list(anchors)
    count, _ = head_seq(db)
    chain_keys = key_entries(db)
    if not chain_keys:
        return VerifyResult(
            False, count, "审计链中没有本软件的签名密钥记录：整条审计链可能被绕过本软件重写过。"
        )
    found: dict[str, bytes | None] = {fp: chainkey.find(fp) for _, fp in chain_keys}
    last_key_seq, last_fp = chain_keys[-1]
    if found[last_fp] is None:
        return _check_anchors(db, anchors, count) or _missing_key(last_key_seq, last_fp, count)

    def key_for(seq: int) -> tuple[bool, bytes | None]:
        """(known, key) for the entry ``seq``: unkeyed before the first key entry."""
        fp = None
        for kseq, kfp in chain_keys:
            if kseq > seq:
                break
            fp = kfp
        if fp is None:
            return True, None
        return found[fp] is not None, found[fp]

    def check_entry(row: dict) -> VerifyResult | None:
        known, key = key_for(row["seq"])
        if known and _expected(row, key) != row["hash"]:
            return VerifyResult(False, count, f"第 {row['seq']} 条审计记录被改动过。", row["seq"])
        following = db.execute(
            f"SELECT seq, prev_hash FROM {AUDIT_TABLE} WHERE seq > ? ORDER BY seq LIMIT 1", [row["seq"]]
        ).fetchone()
        if following is not None and following[1] != row["hash"]:
            return VerifyResult(
                False,
                count,
                f"第 {following[0]} 条审计记录与上一条不相连（可能有记录被删除）。",
                following[0],
            )
        return None

    # the newest entries, from the newest key entry on (at most 200)
    tail = list(
        db.query(f"SELECT * FROM {AUDIT_TABLE} WHERE seq >= ? ORDER BY seq", [max(last_key_seq, count - 200)])
    )
    prev = None
    for row in tail:
        if prev is not None and row["prev_hash"] != prev:
            return VerifyResult(
                False, count, f"第 {row['seq']} 条审计记录与上一条不相连（可能有记录被删除）。", row["seq"]
            )
        if _expected(row, found[last_fp]) != row["hash"] and row["seq"] >= last_key_seq:
            return VerifyResult(False, count, f"第 {row['seq']} 条审计记录被改动过。", row["seq"])
        prev = row["hash"]
    # who may sign in, and the installation's own tables
    last_state: dict[tuple[str, str], int] = {}
    latest = (
        f"SELECT * FROM {AUDIT_TABLE} WHERE seq IN (SELECT MAX(seq) FROM {AUDIT_TABLE}"
        " WHERE table_name = ? GROUP BY record_id)"
    )
    if "accounts" in db.table_names():
        for row in db.query(latest, ["accounts"]):
            problem = check_entry(row)
            if problem is not None:
                return problem
            last_state[("accounts", row["record_id"])] = row["seq"]
    seals: dict[str, tuple[int, dict]] = {}
    for table in SEALED_TABLES:
        if not table.per_row:
            continue
        row = next(
            iter(
                db.query(
                    f"SELECT * FROM {AUDIT_TABLE} WHERE table_name = ? AND record_id = ? ORDER BY seq DESC LIMIT 1",
                    [table.name, SEAL_ID],
                )
            ),
            None,
        )
        if row is not None:
            problem = check_entry(row)
            if problem is not None:
                return problem
            seals[table.name] = (row["seq"], json.loads(row["after"]))
    problem = (
        _check_records(db, last_state, count, ["accounts"])
        or _check_sealed(db, seals, whole=False)
        or _check_anchors(db, anchors, count)
    )
    if problem is not None:
        problem.entries = count
        return problem
    return VerifyResult(True, count, "")


__all__ = [
    "Anchor",
    "VerifyResult",
    "anchor_mac",
    "new_anchor",
    "quick_check",
    "verify",
]

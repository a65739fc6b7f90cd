"""Offline exchange packages (``.fivemgmt``): teachers' records to the principal, the school set-up back.

File layout (one file, safe to send by USB stick, shared folder or messaging app)::

    FIVEMGMT-PACKAGE 3\\n
    {"cipher": "AES-256-GCM", "school": "<fingerprint>", "kind": ..., "signer": {"key": ..., ...},
     "nonce": ..., "length": N, "sha256": ...}\\n
    {"ed25519": "<signature of the two lines above>"}\\n
    <N bytes: zlib-compressed JSON payload, sealed with the school key (fivemgmt.keys)>

Reading checks, in this order: the size; the sender's Ed25519 signature and that the sender is registered
here (:mod:`fivemgmt.exchange.trust`) — nothing is decrypted or inflated before; the sha256 (corruption,
truncation); the AES-GCM seal under the school key (which keeps pupils' data unreadable to anyone without
it); inflating within :data:`MAX_INFLATED_BYTES`. What a package may change is what its *registered*
sender may change in this school's register (never the role it claims); other rows are refused and
listed. Every row that would be written passes :func:`fivemgmt.rowcheck.check_row` and its school dates
fit this school's calendar (:func:`fivemgmt.rowcheck.calendar_problem`), or the package is
refused. Packages of formats 1 and 2 carry no installation signature and are refused plainly. A
brand-new installation joins the school by importing a set-up package together with the school key that
the principal gives out separately (the recovery key).

Who gets what: a package can be made for one audience -- a teacher's account (``for_user``) or one class
-- so a teacher's set-up package carries only the students of that teacher's classes, and the principal's
corrections reach the teacher as a records package the teacher's install accepts.

Which rows travel is decided per record table, so tables added by any area are covered automatically:

* set-up tables (:data:`SETUP_TABLES`) — in the principal's set-up package;
* tables with ``class_id`` (or ``student_id``) — per class; a teacher exports, and may import, only rows
  of classes (and, with a ``subject`` column, subjects) they may write;
* other record tables — school-wide, exported and imported by the principal/admin only;
* local tables (accounts, exchange bookkeeping) never travel.

Import merges row by row: a new record is inserted; a record whose local version is in the incoming
record's history is updated; an incoming version this installation already has (or has superseded) is
skipped; otherwise both sides changed it — a conflict. The preview lists each conflict as a person reads
it (class · date · subject · field: 本机 old → 数据包 new); the person chooses per conflict to keep this
installation's version or take the package's, and nothing is imported until every conflict has a choice.
Both versions go into the audit trail; the version not kept is remembered as seen, so re-importing the
same package does not ask again. The whole import runs in one transaction (all or nothing) after a
backup; the preview runs the same merge and rolls it back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain, repeat
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

from sqlite_utils import Database
from sqlite_utils.db import jsonify_if_needed

from fivemgmt import __version__, audit, bulk, keys, records, rowcheck, tabular
from fivemgmt import school as school_setup
from fivemgmt.actor import ADMIN, PRINCIPAL, SUPERVISOR, TEACHER, Actor
from fivemgmt.db import transaction
from fivemgmt.errors import PermissionDenied, UserError
from fivemgmt.exchange import schema, trust
from fivemgmt.files import write_private

MAGIC = b"FIVEMGMT-PACKAGE 3\n"
MAGIC_V2 = b"FIVEMGMT-PACKAGE 2\n"  # earlier versions' packages, not signed by their installation: refused
MAGIC_V1 = b"FIVEMGMT-PACKAGE 1\n"
FORMAT = 3
PURPOSE = "package"
KEEP, TAKE = "keep", "take"
CHOICE_NAMES = {KEEP: "保留本机", TAKE: "采用数据包"}
SUFFIX = ".fivemgmt"
MAX_PACKAGE_BYTES = 512 * 1024 * 1024
MAX_HEADER_BYTES = 64 * 1024  # the header and signature lines, read and checked before anything else
MAX_INFLATED_BYTES = 256 * 1024 * 1024  # a package is inflated within this limit, after its signature
INFLATE_CHUNK = 1024 * 1024
SETUP_TABLES = [
    "school",
    "settings",
    "terms",
    "calendar_days",
    "rule_overrides",
    "subjects",
    "teachers",
    "classes",
    "class_years",  # each class's grade and name per school year (学年升级): every installation shows the same
    "teaching",
    "students",
]
LOCAL_ONLY = {"accounts"} | schema.LOCAL_TABLES
KIND_SETUP = "setup"
KIND_RECORDS = "records"
KIND_NAMES = {KIND_SETUP: "学校设置", KIND_RECORDS: "台账记录"}
SETUP_LABELS = {
    "school": "学校",
    "settings": "设置",
    "terms": "学期",
    "calendar_days": "校历",
    "rule_overrides": "规则调整",
    "subjects": "学科",
    "teachers": "教师",
    "classes": "班级",
    "class_years": "班级学年",
    "teaching": "任课",
    "students": "学生",
}
VALUE_TYPES = (str, int, float, type(None))
_ROW, _ID = attrgetter("row"), itemgetter("id")  # a records.Write's row, a row's id


# ------------------------------------------------------------------ helpers


def school_key(db: Database) -> str:
    row = db.execute("SELECT value FROM meta WHERE key = 'school_key'").fetchone()
    if not row or not row[0]:
        raise UserError("本机没有学校密钥，无法交换数据。")
    return row[0]


fingerprint = keys.fingerprint


def version_of(row: dict) -> str:
    return f"{row.get('updated_at') or ''}|{row.get('origin') or ''}"


def _canonical(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def table_label(table: str) -> str:
    """A table as a person names it (作业记录, 学生), for messages and the conflict list."""
    from fivemgmt.exchange.xlsx import TABLE_LABELS

    return SETUP_LABELS.get(table) or TABLE_LABELS.get(table, table)


def exchange_tables(db: Database) -> list[str]:
    """Record tables that travel, set-up tables first (parents before children)."""
    tables = [t for t in audit.record_tables(db) if t not in LOCAL_ONLY]
    setup = [t for t in SETUP_TABLES if t in tables]
    return setup + sorted(t for t in tables if t not in SETUP_TABLES)


def table_scope(db: Database, table: str) -> str:
    """'setup', 'class' (class_id column), 'student' (student_id column) or 'school'."""
    if table in SETUP_TABLES:
        return "setup"
    columns = records.columns(db, table)
    if "class_id" in columns:
        return "class"
    if "student_id" in columns:
        return "student"
    return "school"


def _student_classes(db: Database) -> dict[str, str]:
    if not records.columns(db, "students"):
        return {}
    return {r[0]: r[1] for r in db.execute("SELECT id, class_id FROM students")}


def row_class(
    db: Database, table: str, row: dict, students: dict[str, str], scope: str | None = None
) -> str | None:
    """The class a row belongs to; ``scope``: the table's :func:`table_scope`, when the caller has it."""
    scope = scope or table_scope(db, table)
    if scope == "class":
        return row.get("class_id")
    if scope == "student":
        return students.get(row.get("student_id") or "")
    return None


def _known_versions(db: Database, table: str, ids: Iterable[str] | None = None) -> dict[str, set[str]]:
    """Versions of each record seen here: every audited state, plus versions learnt from packages.

    ``ids``: only those records (read by the audit trail's (table, record) index, 500 ids a query)."""
    known: dict[str, set[str]] = {}
    audited = (
        "SELECT record_id, json_extract(after, '$.updated_at'), json_extract(after, '$.origin')"
        f" FROM {audit.AUDIT_TABLE} WHERE table_name = ? AND after IS NOT NULL"
    )
    learnt = f"SELECT record_id, version FROM {schema.VERSIONS} WHERE table_name = ?"
    if ids is None:
        chunks: list[list[str]] = [[]]
    else:
        wanted = sorted(set(ids))
        chunks = [wanted[i : i + 500] for i in range(0, len(wanted), 500)]
    for chunk in chunks:
        where = f" AND record_id IN ({','.join('?' * len(chunk))})" if ids is not None else ""
        for record_id, updated_at, origin in db.execute(audited + where, [table, *chunk]):
            known.setdefault(record_id, set()).add(f"{updated_at or ''}|{origin or ''}")
        for record_id, version in db.execute(learnt + where, [table, *chunk]):
            known.setdefault(record_id, set()).add(version)
    return known


def _db_file(db: Database) -> Path | None:
    for _, name, file in db.execute("PRAGMA database_list").fetchall():
        if name == "main" and file:
            return Path(file)
    return None


# ------------------------------------------------------------------ export


@dataclass
class ExportResult:
    path: Path
    package_id: str
    kind: str
    counts: dict[str, int]
    audience: str | None = None  # for whom (a teacher or a class), None for everyone

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def summary(self) -> str:
        what = f"{KIND_NAMES[self.kind]}数据包“{self.path.name}”" + (
            f"（给{self.audience}）" if self.audience else ""
        )
        if not self.total:
            return f"已导出{what}：自上次导出以来没有新的修改（0 条记录）。"
        parts = "，".join(f"{table_label(t)} {n} 条" for t, n in self.counts.items() if n)
        return f"已导出{what}，共 {self.total} 条记录（{parts}）。"


def _parse_since(since: str | dt.date | None) -> str | None:
    if since is None or isinstance(since, dt.date):
        return since.isoformat() if isinstance(since, dt.date) else None
    text = str(since).strip()
    if text.lower() in ("all", "全部"):
        return "all"
    try:
        return (
            dt.datetime.fromisoformat(text).isoformat()
            if "T" in text
            else dt.date.fromisoformat(text).isoformat()
        )
    except ValueError:
        raise UserError(f"--since 应为日期（如 2026-11-01）或 all：{since}") from None


def audience_for_class(db: Database, name: str) -> Actor:
    """The audience of a package for one class (``package export --class 四年级(2)班``)."""
    from fivemgmt import school

    try:
        found = school.find_class(db, name)
    except UserError:
        raise UserError(f"找不到班级“{name}”，请写成“四年级(2)班”的样子。") from None
    return Actor(f"class:{found.id}", found.name, TEACHER, {found.id: None})


def export_package(
    db: Database,
    actor: Actor,
    path: Path | str,
    *,
    kind: str | None = None,
    since: str | dt.date | None = None,
    audience: Actor | None = None,
) -> ExportResult:
    """Write a package of what changed since this account's last export (or since a date / everything).

    A teacher exports the records of the classes they may write; the principal or admin exports the
    school set-up (always complete) or, with ``kind='records'``, every class's records. ``audience``
    (a teacher's account, or :func:`audience_for_class`) narrows a principal's package to what that
    teacher's installation needs and accepts: in a set-up package only the students of those classes,
    in a records package only the records that teacher may write (corrections going back).
    """
    if actor.role == SUPERVISOR:
        raise PermissionDenied("督学账户是只读的，不能导出数据包。")
    kind = kind or (KIND_RECORDS if actor.role == TEACHER else KIND_SETUP)
    if kind not in KIND_NAMES:
        raise UserError("数据包类型应为 setup（学校设置）或 records（台账记录）。")
    if kind == KIND_SETUP or audience is not None:
        actor.require_role(ADMIN, PRINCIPAL)
    registering = audience  # a set-up package for an account registers that account's PC (trust)
    if audience is not None and audience.is_school_wide:
        audience = None  # a principal's or admin's install needs the whole school
    if audience is not None and not audience.classes:
        raise UserError(f"“{audience.display_name}”没有任教的班级，数据包里不会有任何学生或记录，未导出。")
    since_text = "all" if kind == KIND_SETUP else _parse_since(since)
    path = Path(path)
    if path.suffix != SUFFIX:
        path = path.with_name(path.name + SUFFIX)
    scope_key = f"{kind}:{actor.username}" + (f">{audience.username}" if audience else "")
    last_seq = 0
    if since_text is None:
        row = db.execute(f"SELECT last_seq FROM {schema.EXPORTS} WHERE scope = ?", [scope_key]).fetchone()
        last_seq = row[0] if row else 0
    head_seq = db.execute(f"SELECT COALESCE(MAX(seq), 0) FROM {audit.AUDIT_TABLE}").fetchone()[0]
    students = _student_classes(db)
    tables_out: dict[str, Any] = {}
    counts: dict[str, int] = {}
    for table in exchange_tables(db):
        scope = table_scope(db, table)
        if (kind == KIND_SETUP) != (scope == "setup"):
            continue
        if scope == "school" and not (actor.is_school_wide and audience is None):
            continue
        if since_text is None:
            changed = {
                r[0]
                for r in db.execute(
                    f"SELECT DISTINCT record_id FROM {audit.AUDIT_TABLE} WHERE table_name = ? AND seq > ?",
                    [table, last_seq],
                )
            }
            rows = [
                r
                for r in records.query_rows(db, f"SELECT * FROM [{table}] ORDER BY id")
                if r["id"] in changed
            ]
        elif since_text == "all":
            rows = records.query_rows(db, f"SELECT * FROM [{table}] ORDER BY id")
        else:
            rows = records.query_rows(
                db, f"SELECT * FROM [{table}] WHERE updated_at >= ? ORDER BY id", [since_text]
            )
        if table == "students" and audience is not None:  # the roster: only the audience's classes
            rows = [r for r in rows if r["class_id"] in audience.classes]
        columns = records.columns(db, table)
        if scope in ("class", "student"):
            has_subject = "subject" in columns
            for reader in (actor, audience):
                if reader is None or reader.is_school_wide:
                    continue
                rows = [
                    r
                    for r in rows
                    if (cid := row_class(db, table, r, students, scope)) is not None
                    and reader.can_write_class(cid, r.get("subject") if has_subject else None)
                ]
        if not rows:
            continue
        known = _known_versions(db, table, [r["id"] for r in rows])
        tables_out[table] = {
            "columns": columns,
            "rows": [[r[c] for c in columns] for r in rows],
            "history": [sorted(known.get(r["id"], set()) | {version_of(r)}) for r in rows],
        }
        counts[table] = len(rows)
    from fivemgmt import migrations, school

    school_row = school.get_school(db) if "school" in db.table_names() else None
    school_name = school_row["name"] if school_row else ""
    package_id = records.new_id()
    school_key(db)  # refuse plainly before anything is written
    enrollment = trust.new_enrollment(db, registering) if kind == KIND_SETUP else None
    head = trust.chain_head(db)
    payload_obj: dict[str, Any] = {
        "format": FORMAT,
        "kind": kind,
        "package_id": package_id,
        "created_at": records.now_iso(),
        "origin": records.installation_id(db),
        "created_by": actor.username,
        "created_by_name": actor.display_name,
        "created_by_role": actor.role,
        "audience": audience.display_name if audience else None,
        "school_name": school_name,
        "app_version": __version__,
        "schema_version": migrations.schema_version(db),
        "since": since_text,
        "audit_head": head,
        "enrollment": enrollment,
        "tables": tables_out,
    }
    write_package(db, path, payload_obj, signer_name=actor.display_name)
    with transaction(db):
        trust.remember_sent(db, head)
        if enrollment is not None:
            trust.save_enrollment(db, actor, enrollment)
        if since_text in (None, "all") and kind == KIND_RECORDS:
            db[schema.EXPORTS].upsert(
                {
                    "scope": scope_key,
                    "last_seq": head_seq,
                    "at": records.now_iso(),
                    "package_id": package_id,
                    "file": path.name,
                },
                pk="scope",
            )
    return ExportResult(path, package_id, kind, counts, audience.display_name if audience else None)


def write_package(db: Database, path: Path, payload_obj: dict[str, Any], *, signer_name: str) -> None:
    """Compress, seal with the school key and sign with this installation's key; write owner-only.

    The signature (Ed25519) covers the magic and header line, and the header holds the sha256 of the
    sealed body, so it covers the whole file; a reader checks it before decrypting or inflating anything.
    """
    payload = zlib.compress(_canonical(payload_obj).encode("utf-8"), 6)
    header = {
        "kind": payload_obj["kind"],
        "school_name": payload_obj.get("school_name") or "",
        "signer": trust.signer_header(db, signer_name),
    }
    sealed = keys.seal(school_key(db), PURPOSE, MAGIC, header, payload)
    end = sealed.index(b"\n", len(MAGIC)) + 1
    signed = sealed[:end]
    signature = json.dumps({"ed25519": trust.sign(db, signed)}).encode() + b"\n"
    try:
        write_private(path, signed + signature + sealed[end:])
    except OSError as error:
        from fivemgmt.db import explain_sqlite_error

        raise UserError(f"无法写入数据包“{path.name}”：{explain_sqlite_error(error)}") from error


# ------------------------------------------------------------------ reading


@dataclass
class Package:
    path: Path
    header: dict
    payload: dict
    adopts_school_key: bool = False  # a set-up package joining a brand-new installation to the school
    key: str = ""  # the school key it was opened with
    sender: trust.Sender | None = None  # who signed it (checked before it was opened)
    digest: str = ""  # sha256 of the file as read

    @property
    def kind(self) -> str:
        return self.payload["kind"]

    @property
    def package_id(self) -> str:
        return str(self.payload.get("package_id") or "")

    @property
    def label(self) -> str:
        p = self.payload
        who = p.get("created_by_name") or p.get("created_by") or "?"
        if self.sender is not None and self.sender.kind == trust.ACCOUNT:
            who = self.sender.name  # as this school's register names the account, not as the package says
        audience = f"，给{p['audience']}" if p.get("audience") else ""
        return (
            f"{self.path.name}（{KIND_NAMES.get(p['kind'], p['kind'])}，{who}{audience}，{_local_time(p)}）"
        )


def _local_time(payload: dict) -> str:
    """When the package was made, in this computer's time (packages store UTC)."""
    try:
        return f"{dt.datetime.fromisoformat(str(payload.get('created_at'))).astimezone():%Y-%m-%d %H:%M}"
    except ValueError:
        return "时间不明"


class SchoolKeyNeeded(UserError):
    """A blank installation is importing a set-up package: the person must give the school key."""


def is_blank_installation(db: Database) -> bool:
    """No school data yet: the only state in which a set-up package from another key may be adopted."""
    for table in audit.record_tables(db):
        if table in LOCAL_ONLY:
            continue
        if db.execute(f"SELECT 1 FROM [{table}] LIMIT 1").fetchone():
            return False
    return True


def _foreign(name: str, school_name: str | None) -> UserError:
    return UserError(
        f"数据包“{name}”来自其他学校（{school_name or '另一所学校'}）或其他学校设置，未导入任何数据。"
        "请确认本机已导入本校校长（教导处）导出的学校设置数据包。"
    )


def read_package(
    db: Database,
    path: Path | str,
    *,
    joining_key: str | None = None,
    pending: dict[str, trust.Sender] | None = None,
) -> Package:
    """Read, check and decrypt a package file; raises UserError (plain Chinese) for anything not right.

    Order: the size, the header and the sender's signature first (a forged or unregistered package is
    refused before anything is decrypted or inflated), then the checksum and the school key's seal, then
    inflating within :data:`MAX_INFLATED_BYTES`.

    ``joining_key``: the school key the person gave to join a blank installation to the school (see
    :class:`SchoolKeyNeeded`); the packages of the same batch are opened with it. ``pending``: senders
    first seen in earlier packages of the same batch.
    """
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_PACKAGE_BYTES:
            raise UserError(f"“{name}”太大，不是有效的数据包。")
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"找不到数据包文件：{path}") from None
    except OSError as error:
        raise UserError(f"无法读取数据包“{name}”（{error.strerror or error}）。") from error
    damaged = UserError(f"数据包“{name}”已损坏，未导入任何数据。请让对方重新导出后再发送。")
    truncated = UserError(f"数据包“{name}”不完整（可能传输或复制中断），未导入任何数据。请让对方重新发送。")
    forged = UserError(f"数据包“{name}”的签名不符（可能被改动过），未导入任何数据。")
    if data.startswith((MAGIC_V1, MAGIC_V2)):
        raise UserError(
            f"“{name}”是旧版本软件导出的数据包，没有导出它的电脑的签名，不能确认是谁导出的，未导入任何数据。"
            "请对方升级本软件后重新导出（教师的电脑要先导入校长为其账户导出的学校设置数据包，才能登记）。"
        )
    if not data.startswith(MAGIC):
        if data.startswith(b"FIVEMGMT-PACKAGE "):
            raise UserError(f"“{name}”由更新版本的软件导出，请先升级本软件。")
        raise UserError(f"“{name}”不是五项管理数据包（.fivemgmt 文件），未导入任何数据。")
    header_end = data.find(b"\n", len(MAGIC), MAX_HEADER_BYTES)
    signature_end = (
        data.find(b"\n", header_end + 1, header_end + 1 + MAX_HEADER_BYTES) if header_end > 0 else -1
    )
    if signature_end < 0:
        raise (truncated if len(data) < MAX_HEADER_BYTES else damaged)
    signed = data[: header_end + 1]
    try:
        header = json.loads(signed[len(MAGIC) :].decode("utf-8"))
        signature = json.loads(data[header_end + 1 : signature_end].decode("utf-8"))["ed25519"]
        if not isinstance(header, dict) or not isinstance(header.get("school"), str):
            raise TypeError
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise damaged from None
    key, adopts = _key_for(db, name, header["school"], header.get("school_name"), joining_key)
    sender = trust.identify(
        db,
        name,
        header,
        signed,
        signature,
        joining=adopts,
        confirmed_school=joining_key is not None and joining_key == key,
        pending=pending if pending is not None else {},
    )
    try:
        sealed = keys.Sealed.parse(signed + data[signature_end + 1 :], MAGIC)
    except keys.Truncated:
        raise truncated from None
    except keys.Damaged:
        raise damaged from None
    try:
        payload = sealed.open(key, PURPOSE)
    except keys.WrongKey:
        raise forged from None
    try:
        content = json.loads(_inflate(payload, name).decode("utf-8"))
        if not isinstance(content, dict) or not isinstance(content.get("tables"), dict):
            raise TypeError
        if content.get("kind") != header.get("kind") or content.get("kind") not in KIND_NAMES:
            raise TypeError
    except (zlib.error, ValueError, TypeError, UnicodeDecodeError):
        raise damaged from None
    if not isinstance(content.get("format"), int) or content["format"] > FORMAT:
        raise UserError(f"“{name}”由更新版本的软件导出，请先升级本软件。")
    adopts = adopts and content.get("kind") == KIND_SETUP
    return Package(path, header, content, adopts, key, sender, hashlib.sha256(data).hexdigest())


def _inflate(payload: bytes, name: str) -> bytearray:
    """zlib-inflate in chunks, stopping as soon as the output passes :data:`MAX_INFLATED_BYTES`."""
    inflater = zlib.decompressobj()
    out = bytearray()
    data = payload
    while data:
        out += inflater.decompress(data, INFLATE_CHUNK)
        if len(out) > MAX_INFLATED_BYTES:
            raise UserError(
                f"数据包“{name}”解压后超过 {MAX_INFLATED_BYTES // (1024 * 1024)} MB，不像正常的数据包，"
                "未导入任何数据。"
            )
        data = inflater.unconsumed_tail
    out += inflater.flush()
    if not inflater.eof or len(out) > MAX_INFLATED_BYTES:
        raise zlib.error("incomplete or too large")
    return out  # no copy: at the limit a copy would double the memory


def _key_for(
    db: Database, name: str, school: str, school_name: str | None, joining_key: str | None
) -> tuple[str, bool]:
    """The key to open a package of school ``school`` with, and whether this joins a blank installation."""
    local = school_key(db)
    if school == fingerprint(local):
        return local, False
    if not is_blank_installation(db):
        raise _foreign(name, school_name)
    if joining_key is None:
        raise SchoolKeyNeeded(
            f"本机还没有加入学校。导入“{name}”（{school_name or '学校设置'}）需要校长（教导处）"
            "另行提供的学校密钥（8 组，每组 4 位，例如 3F2A-09BC-……）。"
        )
    if fingerprint(joining_key) != school:
        raise UserError(f"输入的学校密钥与数据包“{name}”不符，未导入任何数据。请核对后重新输入。")
    return joining_key, True


# ------------------------------------------------------------------ import


@dataclass
class Conflict:
    """A record both this installation and the package changed: the person chooses which version stays."""

    table: str
    record_id: str
    local_version: str
    incoming_version: str
    package: str  # the package file's name
    where: str  # 四年级(2)班 · 11-27 · 数学
    fields: list[tuple[str, str, str]]  # (field label, this installation's value, the package's value)
    choice: str | None = None  # KEEP or TAKE; None until the person chose

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.table, self.record_id, self.incoming_version)

    @property
    def table_label(self) -> str:
        return table_label(self.table)

    def describe(self) -> str:
        """四年级(2)班 · 11-27 · 数学 · 分钟: 本机 20 → 数据包 30"""
        changes = "；".join(f"{label}: 本机 {mine} → 数据包 {theirs}" for label, mine, theirs in self.fields)
        return f"{self.where} · {changes or '修改时间不同'}"

    def __str__(self) -> str:
        decided = f" —— {CHOICE_NAMES[self.choice]}" if self.choice else ""
        return f"{self.table_label}：{self.describe()}{decided}"


@dataclass
class Refused:
    """A row of a package its sender may not change here: not imported, shown to the person."""

    package: str
    table: str
    where: str
    sender: str

    def __str__(self) -> str:
        label = table_label(self.table)
        where = self.where.removeprefix(label + " · ")
        return f"{label}：{where}（{self.sender}无权修改）"


@dataclass
class ImportPreview:
    packages: list[Package]
    counts: dict[str, dict[str, int]] = field(
        default_factory=dict
    )  # table -> {new, changed, conflict, unchanged}
    conflicts: list[Conflict] = field(default_factory=list)
    already_imported: list[str] = field(default_factory=list)
    writes: int = 0  # records the import would write (conflicts count once chosen 采用数据包)
    joining_key: str | None = None  # the school key given to join a blank installation
    refused: list[Refused] = field(default_factory=list)  # rows the sender may not change here
    warnings: list[str] = field(default_factory=list)  # e.g. a sender's audit chain went backwards
    plan: _Plan | None = field(default=None, repr=False, compare=False)  # what the commit makes again

    def total(self, what: str) -> int:
        return sum(c.get(what, 0) for c in self.counts.values())

    @property
    def changes_anything(self) -> bool:
        return bool(
            self.writes
            or self.conflicts
            or any(p.adopts_school_key or (p.sender and p.sender.registration) for p in self.packages)
        )

    @property
    def registrations(self) -> list[trust.Sender]:
        """Senders this import registers (their first package), each once."""
        found: dict[str, trust.Sender] = {}
        for p in self.packages:
            if p.sender is not None and p.sender.registration is not None:
                found.setdefault(p.sender.fingerprint, p.sender)
        return list(found.values())

    def details(self) -> list[str]:
        """What a person must see besides the counts: new senders, warnings, and every refused row."""
        lines = [f"首次登记：{s.label}。请与对方核对密钥指纹。" for s in self.registrations]
        lines += self.warnings
        if self.refused:
            lines.append(
                f"拒绝导入 {len(self.refused)} 条（规则、设置、账户和其他班级的记录只采用有权修改它们的账户的数据包）："
            )
            lines += [f"  {r}" for r in self.refused[:200]]
            if len(self.refused) > 200:
                lines.append(f"  ……另有 {len(self.refused) - 200} 条")
        return lines

    @property
    def undecided(self) -> list[Conflict]:
        return [c for c in self.conflicts if c.choice not in CHOICE_NAMES]

    def choose_all(self, choice: str) -> None:
        if choice not in CHOICE_NAMES:
            raise UserError("冲突的处理应为 keep（保留本机）或 take（采用数据包）。")
        for conflict in self.conflicts:
            conflict.choice = choice

    def summary(self) -> str:
        text = (
            f"{len(self.packages)} 个数据包：新增 {self.total('new')} 条，修改 {self.total('changed')} 条，"
            f"冲突 {self.total('conflict')} 条，不变 {self.total('unchanged')} 条"
            + (f"，拒绝 {len(self.refused)} 条" if self.refused else "")
            + "。"
        )
        if self.already_imported:
            text += f"（其中 {len(self.already_imported)} 个以前导入过。）"
        if any(p.adopts_school_key for p in self.packages):
            names = {p.payload.get("school_name") or "" for p in self.packages if p.adopts_school_key}
            text += f"本机将加入学校“{'、'.join(sorted(names))}”。"
        return text


class _Rollback(Exception):
    pass


@bulk.batch  # the packages' rows stay alive through the merge: the collector would walk them again and again
def preview_import(
    db: Database, actor: Actor, paths: Sequence[Path | str], *, school_key: str | None = None
) -> ImportPreview:
    """Check every package and compute exactly what an import would do, without changing anything.

    ``school_key``: given by the person when a blank installation joins the school (a recovery key as
    printed, see :func:`fivemgmt.keys.parse_recovery_key`); otherwise the installation's own key is used.
    """
    _require_importer(actor)
    if not paths:
        raise UserError("请选择要导入的数据包。")
    joining = keys.parse_recovery_key(school_key) if school_key else None
    packages = _read_all(db, paths, joining)
    result = ImportPreview(packages, joining_key=joining)
    steps: list[Step] = []
    try:
        with transaction(db):
            head = audit.head(db)  # in the transaction: what this merge was computed against
            _apply(db, actor, result, {}, steps)
            raise _Rollback
    except _Rollback:
        pass
    result.plan = _Plan(head, [p.digest for p in packages], steps)
    return result


@bulk.batch  # as preview_import
def commit_import(
    db: Database, actor: Actor, preview: ImportPreview, *, backup: bool = True
) -> records.Changes:
    """Import the previewed packages in one transaction (after a backup): all of them or nothing.

    Every conflict of the preview must have a choice (:attr:`Conflict.choice`); nothing is written
    otherwise, and nothing is decided by which computer's clock is later.
    """
    _require_importer(actor)
    if preview.undecided:
        raise UserError(
            f"还有 {len(preview.undecided)} 处冲突没有选择“保留本机”或“采用数据包”，未导入任何数据。"
        )
    choices = {c.key: c.choice for c in preview.conflicts}
    plan = preview.plan
    # the preview's merge is made again as it was when it decided nothing (no conflicts), the files are the
    # ones it read and the database has not changed since (the same audit head); otherwise merged again
    if (
        plan is not None
        and not preview.conflicts
        and plan.digests == [_file_digest(p.path) for p in preview.packages]
    ):
        packages, result = preview.packages, preview
    else:
        plan = None
        packages = _read_all(db, [p.path for p in preview.packages], preview.joining_key)
        result = ImportPreview(packages, joining_key=preview.joining_key)
    if backup and _db_file(db) is not None:
        from fivemgmt import backup as backups

        backups.make_backup(db, kind="preimport")
    with transaction(db):
        if plan is not None and audit.head(db) == plan.head:
            changes = records.Changes()
            for step in _batched(plan.steps):
                _run(db, actor, step, changes)
        else:
            if plan is not None:  # changed after the preview: merge again from the files
                packages = _read_all(db, [p.path for p in preview.packages], preview.joining_key)
                result = ImportPreview(packages, joining_key=preview.joining_key)
            changes = _apply(db, actor, result, choices)
        if result.undecided:  # a conflict the preview did not show: the database changed meanwhile
            raise UserError("预览之后数据又有变化，出现了新的冲突，未导入任何数据。请重新导入并选择。")
        counts = json.dumps(result.counts, ensure_ascii=False)  # the import's, the same for every package
        for package in packages:
            p = package.payload
            # a plain statement: sqlite-utils' insert asks SQLite for the table's layout at every call
            db.execute(
                f"INSERT OR IGNORE INTO {schema.IMPORTS} (package_id, origin, kind, at, actor, file, counts)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    jsonify_if_needed(value)  # as sqlite-utils stored a package's odd value (a list: JSON)
                    for value in (
                        p["package_id"],
                        p.get("origin"),
                        p["kind"],
                        records.now_iso(),
                        actor.username,
                        package.path.name,
                        counts,
                    )
                ],
            )
            if package.sender is not None:
                trust.commit_sender(db, actor, package.sender, p, package.path.name)
                if package.sender.kind == trust.SCHOOL and p["kind"] == KIND_SETUP:
                    trust.keep_enrollment(db, p.get("enrollment"))
    if result.joining_key:
        keys.remember(result.joining_key, next((p.payload.get("school_name") or "" for p in packages), ""))
    preview.counts, preview.conflicts = result.counts, result.conflicts
    preview.refused, preview.warnings = result.refused, result.warnings
    preview.plan = None  # made: a second commit merges again (and finds the packages imported)
    return changes


@dataclass
class _Plan:
    """The preview's merge, to be made again by the commit: the audit head it was computed against, the
    sha256 of each package file read and its writes in order."""

    head: str
    digests: list[str]
    steps: list[Step]


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""  # gone or unreadable: merged again, which says so plainly


def import_packages(
    db: Database,
    actor: Actor,
    paths: Sequence[Path | str],
    *,
    conflicts: str | None = None,
    school_key: str | None = None,
) -> tuple[ImportPreview, records.Changes]:
    """Preview and import; ``conflicts`` (KEEP or TAKE) settles every conflict the same way."""
    preview = preview_import(db, actor, paths, school_key=school_key)
    if conflicts is not None and preview.conflicts:
        preview.choose_all(conflicts)
    return preview, commit_import(db, actor, preview)


def _read_all(db: Database, paths: Sequence[Path | str], joining: str | None = None) -> list[Package]:
    """Read every package; set-up packages first, so one that joins a blank installation vouches for the rest."""
    packages: dict[int, Package] = {}
    pending = list(enumerate(paths))
    senders: dict[str, trust.Sender] = {}
    for attempt in range(2):
        failed = []
        for index, path in pending:
            try:
                package = read_package(db, path, joining_key=joining, pending=senders)
            except SchoolKeyNeeded:
                raise
            except UserError:
                if attempt == 0:
                    failed.append((index, path))
                    continue
                raise
            packages[index] = package
            if package.adopts_school_key and joining is None:
                joining = package.key  # a version 1 set-up package carried the key
        pending = failed
        if not pending:
            break
    return [packages[i] for i in sorted(packages)]


def _require_importer(actor: Actor) -> None:
    if actor.role == SUPERVISOR:
        raise PermissionDenied("督学账户是只读的，不能导入数据包。")


def _check_value(value: Any) -> bool:
    kind = type(value)  # not isinstance: a bool is an int, and JSON gives no subclasses
    return kind in _VALUE_TYPES and (kind is not str or len(value) <= MAX_TEXT)


_VALUE_TYPES = frozenset(VALUE_TYPES)
MAX_TEXT = 100_000  # characters of one value in a package


def _block_cells(rows: list, histories: list, width: int) -> tuple[list[tuple], list[set[type]]] | None:
    """A block's values a column at a time and the types of each column's values, when every row is a list
    of ``width`` plain values with a list of version texts as its history (judged a column at a time);
    None when not, or when it has no rows."""
    if not (
        rows
        and set(map(type, rows)) == {list}
        and set(map(len, rows)) == {width}
        and set(map(type, histories)) == {list}
        and set(map(type, chain.from_iterable(histories))) <= {str}
    ):
        return None
    cells = list(zip(*rows))
    types = []
    for values in cells:
        kinds = set(map(type, values))
        if not kinds <= _VALUE_TYPES:
            return None
        if str in kinds:
            texts = values if kinds == {str} else [v for v in values if type(v) is str]
            if max(map(len, texts)) > MAX_TEXT:
                return None
        types.append(kinds)
    return cells, types


def _first_malformed(rows: list, histories: list, width: int) -> int | None:
    """The index of the first row of a block that is not a list of ``width`` plain values with a list of
    version texts as its history, or None."""
    for index, (values, history) in enumerate(zip(rows, histories)):
        if not (
            isinstance(values, list)
            and len(values) == width
            and isinstance(history, list)
            and all(map(_check_value, values))
            and all(isinstance(h, str) for h in history)
        ):
            return index
    return None


# A write of the merge, run by :func:`_run` as the merge makes it and again, as it was, by the commit
# that reuses its preview: ("join", package), ("write", table, [records.Write]), ("audit", [audit.Change]),
# ("versions", [(table, record id, version)]).
Step = tuple


def _batched(steps: list[Step]) -> list[Step]:
    """The merge's writes in as few statements as they allow, for the commit to make them again: joining
    first, then per table every package's rows in one write (a record written twice in the merge starts
    another, after the first), then every kept version's audit entry and every version learnt.

    The same rows, audit entries and versions as made step by step, in the same one transaction; only
    the audit entries' order differs (by table, not by package). Nothing in the merge reads across
    tables, and the schema has no foreign keys."""
    joins = [step for step in steps if step[0] == "join"]
    groups: dict[str, list[tuple[set[str], list[records.Write]]]] = {}
    kept: list[audit.Change] = []
    learnt: list[tuple[str, str, str]] = []
    for step in steps:
        if step[0] == "write":
            runs = groups.setdefault(step[1], [])
            ids = [write.row["id"] for write in step[2]]  # a block's ids differ
            if runs and runs[-1][0].isdisjoint(ids):
                runs[-1][0].update(ids)
                runs[-1][1].extend(step[2])
            else:
                runs.append((set(ids), list(step[2])))
        elif step[0] == "audit":
            kept += step[1]
        elif step[0] == "versions":
            learnt += step[1]
    batched: list[Step] = [*joins]
    batched += [("write", table, writes) for table, runs in groups.items() for _, writes in runs]
    if kept:
        batched.append(("audit", kept))
    if learnt:
        batched.append(("versions", learnt))
    return batched


def _run(db: Database, actor: Actor, step: Step, changes: records.Changes, *, audited: bool = True) -> None:
    """Make one write of the merge; ``audited`` False (the preview, rolled back): without audit entries,
    which nothing in the merge reads (the versions it compares are in ``record_versions`` as well)."""
    kind = step[0]
    if kind == "join":
        package = step[1]
        db.execute("UPDATE meta SET value = ? WHERE key = 'school_key'", [package.key])
        if not audited:
            return
        audit.append(
            db,
            "installation",
            "school_key",
            "join",
            None,
            {"school": package.payload.get("school_name")},
            actor.username,
            f"导入学校设置数据包 {package.path.name}，加入学校",
        )
    elif kind == "write":
        records.write_many(db, step[1], step[2], actor.username, changes=changes, audited=audited)
    elif kind == "audit" and audited:
        audit.append_many(db, step[1])
    elif kind == "versions":
        db.conn.executemany(
            f"INSERT OR IGNORE INTO {schema.VERSIONS} (table_name, record_id, version) VALUES (?, ?, ?)",
            step[1],
        )


def _apply(
    db: Database,
    actor: Actor,
    result: ImportPreview,
    choices: dict[tuple[str, str, str], str | None],
    steps: list[Step] | None = None,
) -> records.Changes:
    """Merge every package into the database (caller holds the transaction).

    ``choices``: the person's choice per conflict (:attr:`Conflict.key`); a conflict without one keeps
    this installation's version (in the preview) and is listed in ``result.conflicts`` undecided.
    ``steps``: given by the preview (rolled back), gets every write the import makes, in order, for
    :func:`commit_import` to make again. The preview makes them without audit entries, and makes none at
    all when the packages hold no set-up (which the later checks read): then each block sees the writes of
    the blocks before it through ``pending``, the rows and versions they would have written.
    """
    changes = records.Changes()
    made: list[Step] = [] if steps is None else steps
    preview = steps is not None
    pending: _Pending | None = None
    if preview and not any(t in SETUP_TABLES for p in result.packages for t in p.payload["tables"]):
        pending = _Pending()

    register = _Register(db)

    def run(step: Step) -> None:
        made.append(step)
        if pending is not None:
            pending.note(step)
        else:
            _run(db, actor, step, changes, audited=not preview)
            if step[0] == "write":
                register.wrote(step[1])

    local_tables = set(db.table_names())
    known_tables = set(audit.record_tables(db))
    ordered = sorted(result.packages, key=lambda pkg: pkg.kind != KIND_SETUP)  # set-up first (stable)
    for package in ordered:
        p = package.payload
        done = db.execute(
            f"SELECT 1 FROM {schema.IMPORTS} WHERE package_id = ?", [p.get("package_id")]
        ).fetchone()
        if done:
            result.already_imported.append(package.path.name)
        if package.adopts_school_key:
            run(("join", package))
        if package.sender is not None:
            result.warnings += trust.head_warnings(db, package.sender, p, package.path.name)
        sender = package.sender.rights(db) if package.sender is not None else None
        tables = p["tables"]
        order = [t for t in SETUP_TABLES if t in tables] + sorted(t for t in tables if t not in SETUP_TABLES)
        for table in order:
            if table in LOCAL_ONLY or table not in local_tables or table not in known_tables:
                raise UserError(
                    f"数据包“{package.path.name}”包含本机不认识的数据（{table}），可能来自更新版本的软件。"
                    "请先升级本软件，未导入任何数据。"
                )
            _apply_table(
                db, actor, sender, package, table, tables[table], result, choices, run, register, pending
            )
    _check_references(db, made)
    return changes


class _Register:
    """What every block of a merge reads of this installation's set-up -- each student's class, the school
    calendar and the row checks made against it -- read once, and again after the merge writes a set-up
    table."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._students: dict[str, str] | None = None
        self._dates: tabular.SchoolDates | None = None
        self._checks: dict[str, rowcheck.RowChecks] = {}
        self._layout: dict[str, tuple[frozenset[str], str]] = {}

    def layout(self, table: str) -> tuple[frozenset[str], str]:
        """The table's columns and its :func:`table_scope`: asked of SQLite once per merge, not per block
        (the merge changes no table's columns)."""
        if table not in self._layout:
            self._layout[table] = frozenset(records.columns(self.db, table)), table_scope(self.db, table)
        return self._layout[table]

    def students(self) -> dict[str, str]:
        if self._students is None:
            self._students = _student_classes(self.db)
        return self._students

    def dates(self) -> tabular.SchoolDates:
        if self._dates is None:
            self._dates = tabular.SchoolDates.of(self.db)
        return self._dates

    def checks(self, table: str, scope: str) -> rowcheck.RowChecks:
        """The checks of the rows of ``table``; set-up rows make the calendar, records must fit it."""
        if table not in self._checks:
            dates = None if scope == "setup" else self.dates()
            kinds = records.declared_types(self.db, table)
            self._checks[table] = rowcheck.RowChecks(self.db, table, kinds, dates)
        return self._checks[table]

    def wrote(self, table: str) -> None:
        if table in SETUP_TABLES:
            self._students = self._dates = None
            self._checks.clear()


@dataclass
class _Pending:
    """What a preview that writes nothing would have written so far: rows and versions by table and id."""

    rows: dict[str, dict[str, dict]] = field(default_factory=dict)
    versions: dict[str, dict[str, set[str]]] = field(default_factory=dict)

    def note(self, step: Step) -> None:
        if step[0] == "write":
            rows = list(map(_ROW, step[2]))
            self.rows.setdefault(step[1], {}).update(zip(map(_ID, rows), rows))
        elif step[0] == "versions":
            for table, record_id, version in step[1]:
                self.versions.setdefault(table, {}).setdefault(record_id, set()).add(version)


def _apply_table(
    db: Database,
    actor: Actor,
    sender: Actor | None,
    package: Package,
    table: str,
    block: Any,
    result: ImportPreview,
    choices: dict[tuple[str, str, str], str | None],
    run: Callable[[Step], None],
    register: _Register,
    pending: _Pending | None = None,
) -> None:
    """Merge one table of one package: each row is checked and judged in order as before, against the
    stored rows and versions read for the whole block at once; the block's writes, audit entries and
    versions are then made with one statement each (its record ids differ, so no row sees another's write)."""
    name = package.path.name
    damaged = UserError(f"数据包“{name}”中“{table}”的数据格式不对，未导入任何数据。")
    if not isinstance(block, dict):
        raise damaged
    columns, rows, histories = block.get("columns"), block.get("rows"), block.get("history")
    if not (
        isinstance(columns, list)
        and isinstance(rows, list)
        and isinstance(histories, list)
        and len(rows) == len(histories)
    ):
        raise damaged
    local_columns, scope = register.layout(table)
    unknown = [c for c in columns if c not in local_columns]
    if unknown:
        raise UserError(
            f"数据包“{name}”的“{table}”有本机没有的字段（{'、'.join(map(str, unknown[:5]))}），"
            "可能来自更新版本的软件。请先升级本软件，未导入任何数据。"
        )
    if not {"id", "updated_at", "origin", "deleted"} <= set(columns):
        raise damaged
    has_subject = "subject" in local_columns
    students = register.students() if scope == "student" else {}
    # A package from a version before 学号 had its own field: read its seat numbers as the upgrade does.
    legacy_students = table == "students" and "seat_no" in local_columns and "seat_no" not in columns
    written = [*columns, "seat_no"] if legacy_students else columns
    counts = result.counts.setdefault(table, {"new": 0, "changed": 0, "conflict": 0, "unchanged": 0})
    width = len(columns)
    judged_cells = _block_cells(rows, histories, width)
    cells, types = judged_cells if judged_cells is not None else (None, None)
    malformed = _first_malformed(rows, histories, width) if cells is None else None
    # what is stored of the block's records, read at once (a row that turns out malformed is refused below)
    position = columns.index("id")
    if cells is None:
        ids = [
            v[position]
            for v in rows
            if isinstance(v, list) and len(v) == width and isinstance(v[position], str)
        ]
    else:
        ids = [v for v in cells[position] if isinstance(v, str)]
    # every row's id judged at once, as each row's is below: a text of 1-64 characters, none twice (when
    # the columns name each field once: else a row's id is the last "id" cell, not the one read above)
    sound_ids = (
        cells is not None
        and types[position] == {str}
        and len(set(columns)) == width
        and len(set(ids)) == len(ids)
        and min(map(len, ids)) > 0
        and max(map(len, ids)) <= 64
    )
    locals_ = records.fetch(db, table, ids)
    if pending is not None:  # as the blocks before this one would have left them
        earlier = pending.rows.get(table, {})
        locals_.update((i, earlier[i]) for i in earlier.keys() & ids)  # the set of ids made in C
    versions = _known_versions(db, table, locals_)
    if pending is not None:
        for record_id, learnt_before in pending.versions.get(table, {}).items():
            if record_id in locals_:
                versions.setdefault(record_id, set()).update(learnt_before)
    checks = register.checks(table, scope)
    # new records' cells and dates judged for the whole block at once: each row then only by its area
    quick = cells is not None and not legacy_students and checks.block_passes(columns, cells, types)
    judge_new = checks.area if quick else checks.problem
    imported = f"导入数据包“{name}”（来自 {package.payload.get('created_by_name') or '?'}）"
    taken = f"数据交换冲突：{actor.display_name}选择采用“{name}”中的版本"
    limited = not actor.is_school_wide  # else may write every row: not asked row by row
    judged = sender is not None and not sender.is_school_wide
    seen: set[str] = set()
    writes: list[records.Write] = []
    kept: list[audit.Change] = []
    learnt: list[tuple[str, str, str]] = []
    for index, (values, history) in enumerate(zip(rows, histories)):
        if index == malformed:
            raise damaged
        row = dict(zip(columns, values))
        if legacy_students:
            school_setup.seat_from_old_number(row)
        record_id = row.get("id")
        if not sound_ids:
            if not isinstance(record_id, str) or not record_id or len(record_id) > 64 or record_id in seen:
                raise damaged
            seen.add(record_id)
        local = locals_.get(record_id)
        if limited:
            _require_write(actor, package, table, scope, has_subject, row, local, students)
        incoming_version = f"{row['updated_at'] or ''}|{row['origin'] or ''}"  # version_of(row)
        if local is None:
            action = "new"
            if len(history) == 1 and history[0] == incoming_version:
                known_versions = None  # only the version written, which its audit entry holds
            else:
                known_versions = {*history, incoming_version}
        else:
            known_versions = {*history, incoming_version}
            local_version = version_of(local)
            if incoming_version == local_version or incoming_version in versions.get(record_id, ()):
                action = "unchanged"
            elif local_version in known_versions:
                action = "changed"
            else:
                action = "conflict"
        winner = row if action in ("new", "changed") else None
        if action != "unchanged":
            if local is None:
                candidate = row
                problem = judge_new(row)
            else:
                candidate = {**local, **row}
                problem = checks.problem(candidate, local)
            if problem:
                raise UserError(
                    f"数据包“{name}”中的{table_label(table)}（{_where(db, table, candidate)}）不合规：{problem}"
                    "未导入任何数据。请对方改正后重新导出。"
                )
            if judged and _sender_denied(sender, scope, has_subject, row, local, students):
                counts["refused"] = counts.get("refused", 0) + 1
                result.refused.append(Refused(name, table, _where(db, table, candidate), sender.display_name))
                continue
        if action == "conflict":
            assert local is not None
            incoming_full = {**local, **row}
            conflict = _conflict(db, table, name, local, incoming_full, incoming_version)
            conflict.choice = choices.get(conflict.key)
            result.conflicts.append(conflict)
            winner = incoming_full if conflict.choice == TAKE else None
            if conflict.choice == KEEP:  # keep ours, but record the version not taken in the trail
                kept.append(
                    (
                        table,
                        record_id,
                        "conflict",
                        incoming_full,
                        local,
                        actor.username,
                        f"数据交换冲突：{actor.display_name}选择保留本机的版本，未采用“{name}”中的版本",
                    )
                )
        counts[action] += 1
        if winner is not None:
            if local is None and written is columns:
                full = winner  # a new record: the package's row, every column in the package's order
            else:
                base = local or {}
                full = {c: winner[c] if c in winner else base.get(c) for c in written}
            writes.append(
                records.Write(
                    local,
                    {**local, **full} if local is not None else full,
                    "conflict" if action == "conflict" else "import",
                    taken if action == "conflict" else imported,
                )
            )
            result.writes += 1
        if action == "conflict" and conflict.choice is None:
            continue  # not seen until decided: the next import asks again
        if known_versions is None:
            continue
        # only versions not known here yet; the version written is in its audit entry (_known_versions)
        new_versions = known_versions - versions.get(record_id, _NONE)
        if local is not None:
            new_versions.discard(version_of(local))
        if winner is not None:
            new_versions.discard(incoming_version)
        learnt += [(table, record_id, version) for version in new_versions]
    if writes:
        run(("write", table, writes))
    if kept:
        run(("audit", kept))
    if learnt:
        run(("versions", learnt))


_NONE: frozenset[str] = frozenset()


def _require_write(
    actor: Actor,
    package: Package,
    table: str,
    scope: str,
    has_subject: bool,
    row: dict,
    local: dict | None,
    students: dict[str, str],
) -> None:
    if actor.is_school_wide:
        return
    name = package.path.name
    if scope == "setup":
        if package.kind == KIND_SETUP:
            return  # the school's own set-up, signed with the school key, made by the principal/admin
        raise PermissionDenied(f"数据包“{name}”修改学校设置，只有校长（教导处）或管理员可以导入。")
    if scope == "school":
        raise PermissionDenied(f"数据包“{name}”包含全校性的记录，只有校长（教导处）或管理员可以导入。")
    for candidate in (row, local):
        if candidate is None:
            continue
        class_id = (
            candidate.get("class_id") if scope == "class" else students.get(candidate.get("student_id") or "")
        )
        subject = candidate.get("subject") if has_subject else None
        if class_id is None or not actor.can_write_class(class_id, subject):
            raise PermissionDenied(
                f"数据包“{name}”包含其他班级（或其他学科）的记录，账户“{actor.display_name}”"
                "无权修改，未导入任何数据。"
            )


def _sender_denied(
    sender: Actor, scope: str, has_subject: bool, row: dict, local: dict | None, students: dict[str, str]
) -> bool:
    """Whether the package's sender may not make this change here, judged by this school's own register:
    set-up (rules, settings, classes, teaching, students) and school-wide records only from the school's
    principal/admin; other rows only of the classes (and subjects) that the registered account teaches."""
    if sender.is_school_wide:
        return False
    if scope in ("setup", "school"):
        return True
    for candidate in (row, local):
        if candidate is None:
            continue
        class_id = (
            candidate.get("class_id") if scope == "class" else students.get(candidate.get("student_id") or "")
        )
        subject = candidate.get("subject") if has_subject else None
        if class_id is None or not sender.can_write_class(class_id, subject):
            return True
    return False


def _check_references(db: Database, steps: list[Step]) -> None:
    """Records must belong to classes and students this installation knows (after set-up rows are in):
    the rows the merge writes, as written, against the classes and students stored after it."""
    if not records.columns(db, "classes"):
        return
    classes = {r[0] for r in db.execute("SELECT id FROM classes")}
    students = set(_student_classes(db))
    written: dict[str, list[dict]] = {}
    for step in steps:
        if step[0] == "write" and step[1] not in ("classes", "students"):
            written.setdefault(step[1], []).extend(map(_ROW, step[2]))
    for table in sorted(written):
        rows = written[table]
        # a table's rows repeat their classes and students: each judged once; only a table with one this
        # installation does not know is gone through row by row, for the message of its first
        if _all_known(rows, "class_id", classes) and _all_known(rows, "student_id", students):
            continue
        for row in rows:
            if row.get("class_id") and row["class_id"] not in classes:
                raise UserError(
                    "数据包中的记录属于本机没有的班级，未导入任何数据。"
                    "请先导入校长（教导处）导出的学校设置数据包。"
                )
            if row.get("student_id") and row["student_id"] not in students:
                raise UserError(
                    "数据包中的记录属于本机没有的学生，未导入任何数据。请先导入最新的学校设置数据包。"
                )


def _all_known(rows: list[dict], column: str, known: set[str]) -> bool:
    """Whether every row's ``column`` is empty or in ``known`` (False when unsure: an unhashable value)."""
    try:
        return all(not value or value in known for value in set(map(dict.get, rows, repeat(column))))
    except TypeError:
        return False


def _conflict(
    db: Database, table: str, package_name: str, local: dict, incoming: dict, incoming_version: str
) -> Conflict:
    """A conflict as a person reads it: which class, pupil, day and subject, which fields, both values."""
    from fivemgmt.exchange.xlsx import column_labels

    where = _where(db, table, local)
    labels = column_labels(db, table)
    fields = []
    for column, label in labels.items():
        if column in ("id", "updated_at", "updated_by", "origin") or local.get(column) == incoming.get(
            column
        ):
            continue
        if column == "deleted":
            fields.append(
                (
                    "记录",
                    "已删除" if local.get(column) else "有效",
                    "已删除" if incoming.get(column) else "有效",
                )
            )
        else:
            fields.append((label, _shown(local.get(column)), _shown(incoming.get(column))))
    return Conflict(table, local["id"], version_of(local), incoming_version, package_name, where, fields)


def _where(db: Database, table: str, row: dict) -> str:
    """A record as a person finds it: class · pupil · day · subject, or what it is (规则调整 · name)."""
    from fivemgmt import school

    where: list[str] = []
    class_id = row.get("class_id")
    student = None
    if row.get("student_id") and records.columns(db, "students"):
        student = records.get(db, "students", row["student_id"])
        class_id = class_id or (student or {}).get("class_id")
    if class_id:
        try:
            where.append(school.get_class(db, class_id).name)
        except UserError:
            where.append("（未知班级）")
    if student:
        where.append(student.get("name") or "")
    day = row.get("date")
    if isinstance(day, str) and len(day) >= 10:
        where.append(day[5:10])
    if row.get("subject"):
        where.append(str(row["subject"]))
    if not where:  # a set-up or school-wide record: say what it is
        where.append(table_label(table))
        title = row.get("name") or row.get("title") or row.get("rule_id")
        if title:
            where.append(str(title))
        if row.get("rule_id") and row.get("value") is not None:
            where.append(f"值 {row['value']}")
    return " · ".join(where)


def _shown(value: Any) -> str:
    return "（空）" if value is None or value == "" else str(value)

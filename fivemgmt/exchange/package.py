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

Merging what is read into this installation is :mod:`fivemgmt.exchange.merge`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from fivemgmt import __version__, audit, keys, records, tables
from fivemgmt.actor import ADMIN, PRINCIPAL, SUPERVISOR, TEACHER, Actor
from fivemgmt.chunks import in_chunks
from fivemgmt.db import transaction
from fivemgmt.errors import PermissionDenied, UserError
from fivemgmt.exchange import schema, trust
from fivemgmt.files import write_private

MAGIC = b"FIVEMGMT-PACKAGE 3\n"
MAGIC_V2 = b"FIVEMGMT-PACKAGE 2\n"  # earlier versions' packages, not signed by their installation: refused
MAGIC_V1 = b"FIVEMGMT-PACKAGE 1\n"
FORMAT = 3
PURPOSE = "package"
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
VALUE_TYPES = (str, int, float, type(None))


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
    return tables.label(table)


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
    wanted = None if ids is None else sorted(set(ids))
    for record_id, updated_at, origin in audit.audited_versions(db, table, wanted):
        known.setdefault(record_id, set()).add(f"{updated_at or ''}|{origin or ''}")
    learnt = f"SELECT record_id, version FROM {schema.VERSIONS} WHERE table_name = ?"
    queries = (
        [(learnt, [table])]
        if wanted is None
        else [
            (learnt + f" AND record_id IN ({marks})", [table, *chunk]) for chunk, marks in in_chunks(wanted)
        ]
    )
    for sql, params in queries:
        for record_id, version in db.execute(sql, params):
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
    head_seq = audit.head_seq(db)[0]
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
            changed = audit.changed_since(db, table, last_seq)
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

"""Backups with SQLite's online backup API, retention, restore, start-up integrity check, the app lock.

* Backups are taken with ``sqlite3.Connection.backup`` (a consistent copy of a live database, never a
  file copy) into ``<db name>-backups/`` next to the database: at start-up, daily, before every
  migration (:func:`fivemgmt.session.open_db`) and before every package import. Each backup has a JSON
  manifest: app version, schema version, time, row counts, audit chain head, file checksum.
* Backups are sealed with the school key (AES-256-GCM, :mod:`fivemgmt.keys`) into ``.backup`` files,
  owner-only, and the key is kept in the key file too, so a restore on a new PC works with the key file
  or the recovery key the admin printed (``fivemgmt backup key export``). Plain ``.sqlite`` backups of
  the previous version are still listed, verified and restored.
* Retention (:func:`prune`): of the backups that hold data (:func:`holds_data`), the newest of each of
  the 14 most recent days that have backups, the newest of each of the 12 most recent months, the
  :data:`KEEP_LATEST` newest, and always the newest good one; of backups of an empty school, the newest.
* Each manifest carries the audit chain's head signed with the audit key (:func:`anchors`), so
  ``audit verify`` notices a chain cut back behind a backup.
* Restore refuses while another copy of the app holds the file (:mod:`fivemgmt.applock`), and also
  while SQLite reports another open connection (e.g. a command-line run).
* :func:`check_database`: at start-up, a file failing ``PRAGMA integrity_check`` (the GUI: the
  quick check before its window paints, the full one in the background after) or not a fivemgmt
  database is not opened for writing; the user is told plainly and offered the latest good backup.
  The daily backup carries the full check (:data:`FULL_CHECK_KINDS`): a damaged file is not backed up
  over good backups, and says so (:class:`DamageFound`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from fivemgmt import __version__, clock, keys
from fivemgmt.actor import ADMIN, Actor
from fivemgmt.applock import AppLock, other_instance
from fivemgmt.db import SQLITE_HEADER, explain_sqlite_error, interrupted
from fivemgmt.errors import DatabaseError, UserError
from fivemgmt.files import create_private, private_dir, safe_write, write_private

DAILY_KEEP = 14
MONTHLY_KEEP = 12
KEEP_LATEST = 3
MAGIC = b"FIVEMGMT-BACKUP 1\n"
PURPOSE = "backup"
SUFFIX = ".backup"  # sealed; ".sqlite" are the previous version's plain backups
KIND_NAMES = {
    "manual": "手动",
    "startup": "启动时",
    "daily": "每日",
    "premigration": "升级前",
    "preimport": "导入前",
    "prerestore": "恢复前",
    "prerollover": "学年升级前",
}


FULL_CHECK_KINDS = {"daily"}  # backups that carry the full integrity check of what they copy


class DamageFound(DatabaseError):
    """A check after the school opened found it damaged; ``check`` has the message and latest good backup."""

    def __init__(self, check: DatabaseCheck) -> None:
        super().__init__(check.message)
        self.check = check


# ------------------------------------------------------------------ paths


def db_file(db: Database) -> Path:
    for _, name, file in db.execute("PRAGMA database_list").fetchall():
        if name == "main" and file:
            return Path(file)
    raise UserError("内存中的数据库无法备份。")


def backup_dir(db_path: Path | str) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(f"{db_path.stem}-backups")


@dataclass
class BackupInfo:
    path: Path
    manifest: dict = field(default_factory=dict)

    @property
    def created(self) -> dt.datetime:
        text = self.manifest.get("local_time")
        if text:
            return dt.datetime.fromisoformat(text)
        return dt.datetime.fromtimestamp(self.path.stat().st_mtime)

    @property
    def kind(self) -> str:
        return self.manifest.get("kind", "manual")

    @property
    def label(self) -> str:
        counts = self.manifest.get("row_counts", {})
        total = sum(counts.values()) if counts else 0
        return (
            f"{self.created:%Y-%m-%d %H:%M}  {KIND_NAMES.get(self.kind, self.kind)}备份  "
            f"版本 {self.manifest.get('app_version', '?')}  共 {total} 条记录"
        )


# ------------------------------------------------------------------ making backups


def _counts(conn: sqlite3.Connection) -> dict[str, int]:
    counts = {}
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    for table in tables:
        columns = {r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")}
        where = " WHERE deleted = 0" if "deleted" in columns else ""
        counts[table] = conn.execute(f"SELECT COUNT(*) FROM [{table}]{where}").fetchone()[0]
    return counts


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _meta(conn: sqlite3.Connection, key: str) -> str | None:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def _school_name(conn: sqlite3.Connection) -> str:
    try:
        row = conn.execute("SELECT name FROM school WHERE deleted = 0 LIMIT 1").fetchone()
    except sqlite3.DatabaseError:
        return ""
    return row[0] if row and row[0] else ""


def _describe(conn: sqlite3.Connection) -> dict:
    def meta(key: str) -> str | None:
        return _meta(conn, key)

    try:
        applied = [
            r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = 'fivemgmt'")
        ]
    except sqlite3.DatabaseError:
        applied = []
    try:
        head = conn.execute("SELECT hash, seq FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    except sqlite3.DatabaseError:
        head = None
    return {
        "app": meta("app"),
        "installation_id": meta("installation_id"),
        "schema_version": max((int(name.split("_")[0]) for name in applied), default=0),
        "audit_head": head[0] if head else None,
        "audit_entries": head[1] if head else 0,
        "row_counts": _counts(conn),
    }


def _anchor(conn: sqlite3.Connection) -> dict:
    """The chain's head in the copy, signed with this computer's audit key (compared by audit verify)."""
    from fivemgmt import audit_verify

    try:
        return audit_verify.new_anchor(Database(conn))
    except sqlite3.DatabaseError:
        return {}


def holds_data(info: BackupInfo) -> bool:
    """A backup of a school with something in it (not only the empty tables a new school starts with)."""
    counts = info.manifest.get("row_counts")
    if not counts:
        return info.manifest == {}  # a backup without a manifest: counted as data, to be safe
    return any(n for table, n in counts.items() if table not in EMPTY_SCHOOL_TABLES)


# what a brand-new school (even with its first admin account) already has
EMPTY_SCHOOL_TABLES = {
    "meta",
    "_sqlite_migrations",
    "audit_log",
    "accounts",
    "account_secrets",
    "login_failures",
    "settings",
}


def anchors(db: Database, db_path: Path | str) -> list:
    """The heads of this installation's backups (their manifests), for :func:`fivemgmt.audit_verify.verify`.

    A backup made before the newest restore is not compared: a restore rightly goes back behind it."""
    from fivemgmt import audit, audit_verify

    installation = _meta(db.conn, "installation_id")
    last_restore = audit.entry_times(db, "installation", "restore")[1]
    restored = dt.datetime.fromisoformat(last_restore) if last_restore else None
    found = []
    for info in list_backups(db_path):
        m = info.manifest
        if m.get("installation_id") != installation or not m.get("audit_entries") or not m.get("audit_head"):
            continue
        try:
            made = dt.datetime.fromisoformat(m["created_at"])
        except (KeyError, TypeError, ValueError):
            continue
        if restored is not None and made <= restored:
            continue
        label = f" {made.astimezone():%Y-%m-%d %H:%M} {KIND_NAMES.get(info.kind, info.kind)}"
        found.append(
            audit_verify.Anchor(
                int(m["audit_entries"]), m["audit_head"], label, m.get("audit_key"), m.get("audit_mac")
            )
        )
    return found


def make_backup(
    source: Database | Path | str,
    *,
    kind: str = "manual",
    directory: Path | None = None,
    prune_old: bool = True,
    now: dt.datetime | None = None,
) -> BackupInfo:
    """Copy the live database with the online backup API; write its manifest; apply retention."""
    if isinstance(source, Database):
        db_path, conn, own = db_file(source), source.conn, False
    else:
        db_path = Path(source)
        conn, own = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=15), True
    now = now or clock.now()
    directory = Path(directory) if directory else backup_dir(db_path)
    stem = f"fivemgmt-{now:%Y%m%d-%H%M%S-%f}-{kind}"
    target = directory / (stem + SUFFIX)
    partial = directory / (stem + ".sqlite.part")
    manifest_path = target.with_suffix(".json")
    try:
        private_dir(directory)
        create_private(partial)
        dest = sqlite3.connect(partial)
        try:
            conn.backup(dest)
            if kind in FULL_CHECK_KINDS and (problem := check_connection(dest)) is not None:
                raise DamageFound(damaged(db_path, f"每日备份时的完整检查发现：{problem}。"))
            dest.execute("PRAGMA journal_mode = DELETE")
            manifest = {
                **_describe(dest),
                **_anchor(dest),
                "kind": kind,
                "app_version": __version__,
                "created_at": now.astimezone(dt.UTC).isoformat(timespec="seconds"),
                "local_time": now.isoformat(timespec="seconds"),
                "source": str(db_path),
            }
            key_row = _meta(dest, "school_key")
            school_name = _school_name(dest)
        finally:
            dest.close()
        if key_row:
            keys.remember(key_row, school_name)  # the key must outlive the database
            manifest.update(encrypted=True, school=keys.fingerprint(key_row))
        else:  # a database from before the school key (the first migration makes one): nothing to seal with
            target = directory / (stem + ".sqlite")
            manifest["encrypted"] = False
        # In chunks: a five-year school's file is hundreds of MB (read whole and sealed, it was three copies
        # in memory at start-up). The manifest is written before the backup takes its name, as before.
        with partial.open("rb") as plain, safe_write(target, private=True) as out:
            size = partial.stat().st_size
            if key_row:
                manifest["size"], manifest["sha256"] = keys.seal_into(
                    key_row, PURPOSE, MAGIC, {"kind": kind}, plain, size, out
                )
            else:
                digest = hashlib.sha256()
                while chunk := plain.read(keys.CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                manifest["size"], manifest["sha256"] = size, digest.hexdigest()
            write_private(manifest_path, json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"))
        partial.unlink()
    except (sqlite3.Error, OSError, UserError) as error:
        for leftover in (partial, manifest_path, target):
            try:
                leftover.unlink(missing_ok=True)
            except OSError:
                pass
        if isinstance(error, DamageFound):
            raise
        why = str(error) if isinstance(error, UserError) else explain_sqlite_error(error)
        raise DatabaseError(f"备份没有完成：{why}") from error
    finally:
        if own:
            conn.close()
    info = BackupInfo(target, manifest)
    if prune_old:
        prune(db_path, directory=directory)
    return info


def list_backups(db_path: Path | str, *, directory: Path | None = None) -> list[BackupInfo]:
    """Backups of a database, newest first."""
    directory = Path(directory) if directory else backup_dir(db_path)
    if not directory.is_dir():
        return []
    found = []
    for path in [*directory.glob("fivemgmt-*" + SUFFIX), *directory.glob("fivemgmt-*.sqlite")]:
        try:
            manifest = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            manifest = {}
        found.append(BackupInfo(path, manifest))
    return sorted(found, key=lambda b: (b.created, b.path.name), reverse=True)


def prune(db_path: Path | str, *, directory: Path | None = None) -> list[Path]:
    """Apply the retention rule; returns the backups removed."""
    backups = list_backups(db_path, directory=directory)
    # Only backups that hold data count: backups of an emptied or brand-new school never push good ones
    # out. Of those empty ones only the newest is kept.
    full = [b for b in backups if holds_data(b)]
    empty = [b for b in backups if not holds_data(b)]
    keep: set[Path] = {b.path for b in full[:KEEP_LATEST]} | {b.path for b in empty[:1]}
    days: dict[dt.date, BackupInfo] = {}
    months: dict[tuple[int, int], BackupInfo] = {}
    for info in full:  # newest first: the first seen per day/month is the newest of it
        days.setdefault(info.created.date(), info)
        months.setdefault((info.created.year, info.created.month), info)
    keep |= {days[d].path for d in sorted(days, reverse=True)[:DAILY_KEEP]}
    keep |= {months[m].path for m in sorted(months, reverse=True)[:MONTHLY_KEEP]}
    if any(b.path not in keep for b in full):
        # never the newest good one, even when every newer backup is damaged
        for info in full:
            if verify_backup(info.path) is None:
                keep.add(info.path)
                break
    removed = []
    for info in backups:
        if info.path not in keep:
            info.path.unlink(missing_ok=True)
            info.path.with_suffix(".json").unlink(missing_ok=True)
            removed.append(info.path)
    return removed


def backup_if_due(db: Database | Path | str, *, now: dt.datetime | None = None) -> BackupInfo | None:
    """The daily backup: made when no backup exists yet for today (with the full check: a damaged
    file raises :class:`DamageFound`)."""
    now = now or clock.now()
    backups = list_backups(db_file(db) if isinstance(db, Database) else db)
    if backups and backups[0].created.date() == now.date():
        return None
    return make_backup(db, kind="daily", now=now)


# ------------------------------------------------------------------ checking


def check_connection(conn: sqlite3.Connection, *, full: bool = True) -> str | None:
    """None when this is a healthy fivemgmt database, else the problem in plain Chinese.

    ``full=False``: ``PRAGMA quick_check`` (every page and row, not the indexes' contents: a fraction of
    the time on a large file), for what must be refused before the window paints. A check given up
    (``conn.interrupt()``) raises: it found nothing, least of all damage."""
    try:
        rows = conn.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as error:
        if interrupted(error):
            raise
        if "not a database" in str(error):
            return "该文件不是 SQLite 数据库，也就不是五项管理台账的数据库"
        return f"数据库文件已损坏（{explain_sqlite_error(error)}）"
    if rows != [("ok",)]:
        return "数据库文件已损坏（完整性检查未通过）"
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'app'").fetchone()
    except sqlite3.DatabaseError:
        row = None
    if not row or row[0] != "fivemgmt":
        return "该文件不是五项管理台账的数据库"
    return None


class BackupUnreadable(UserError):
    """A backup that cannot be opened here (damaged, or sealed with a key this PC does not have)."""

    def __init__(self, message: str, *, key_problem: bool = False) -> None:
        super().__init__(message)
        self.key_problem = key_problem  # the key is missing or wrong: asking for the recovery key helps


def is_sealed(path: Path | str) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def _backup_key(sealed: keys.Sealed, key: str | None) -> str:
    if key:
        key = keys.parse_recovery_key(key)
        if keys.fingerprint(key) != sealed.school:
            raise BackupUnreadable("输入的恢复密钥不是这份备份的学校密钥，请核对后重新输入", key_problem=True)
        return key
    found = keys.find(sealed.school)
    if found is None:
        raise BackupUnreadable(
            "这份备份已用学校密钥加密，本机找不到这个密钥（密钥标识 "
            f"{sealed.school}）。请输入管理员保存的恢复密钥（fivemgmt restore 备份文件 --key 恢复密钥，"
            "或先运行 fivemgmt backup key import 恢复密钥）",
            key_problem=True,
        )
    return found


@contextlib.contextmanager
def plain_copy(path: Path | str, key: str | None = None) -> Iterator[Path]:
    """The backup as an SQLite file to read: the file itself (a plain backup of the previous version) or
    a decrypted owner-only temporary copy, removed afterwards. ``key``: a recovery key the person typed;
    otherwise the key file. Raises :class:`BackupUnreadable` with the problem in plain Chinese."""
    path = Path(path)
    if not is_sealed(path):
        yield path
        return
    try:
        sealed = keys.Sealed.parse_file(path, MAGIC)  # in chunks: never the whole file in memory
    except OSError:
        raise BackupUnreadable("无法读取备份文件") from None
    except keys.Truncated:
        raise BackupUnreadable("备份文件不完整（复制可能中断了）") from None
    except keys.Damaged:
        raise BackupUnreadable("备份文件已损坏（校验和不符）") from None
    try:
        plain_key = _backup_key(sealed, key)
    except UserError as error:  # a typed key of the wrong shape
        if isinstance(error, BackupUnreadable):
            raise
        raise BackupUnreadable(str(error).rstrip("。"), key_problem=True) from None
    with tempfile.TemporaryDirectory(prefix="fivemgmt-restore-") as folder:  # created 0700
        plain = Path(folder) / "backup.sqlite"
        try:
            with safe_write(plain, private=True) as out:
                sealed.open_into(plain_key, PURPOSE, out)
        except keys.WrongKey:
            raise BackupUnreadable("备份文件无法用学校密钥解开（已损坏或被改动）") from None
        except keys.Truncated:
            raise BackupUnreadable("备份文件不完整（复制可能中断了）") from None
        except keys.Damaged:
            raise BackupUnreadable("备份文件已损坏（校验和不符）") from None
        yield plain


def verify_backup(path: Path | str, key: str | None = None) -> str | None:
    """None when a backup file is intact (checksum, integrity, a fivemgmt database), else the problem."""
    return _verify(path, key)[0]


def _verify(path: Path | str, key: str | None) -> tuple[str | None, bool]:
    """The problem (or None), and whether it is the key (missing or wrong) rather than the file."""
    path = Path(path)
    manifest_path = path.with_suffix(".json")
    if manifest_path.exists():
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            manifest = {}
        try:
            if manifest.get("sha256") and manifest["sha256"] != _sha256(path):
                return "备份文件与其清单不符（已损坏或被改动）", False
        except OSError:
            return "无法读取备份文件", False
    try:
        with plain_copy(path, key) as plain:
            return _check_plain(plain), False
    except BackupUnreadable as problem:
        return str(problem), problem.key_problem


def _check_plain(path: Path) -> str | None:
    try:
        with open(path, "rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return "备份文件不是 SQLite 数据库"
    except OSError:
        return "无法读取备份文件"
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return check_connection(conn)
    finally:
        conn.close()


def latest_good_backup(db_path: Path | str) -> BackupInfo | None:
    for info in list_backups(db_path):
        if verify_backup(info.path) is None:
            return info
    return None


@dataclass
class DatabaseCheck:
    path: Path
    ok: bool
    message: str = ""
    latest_good: BackupInfo | None = None


def check_database(path: Path | str, *, full: bool = True) -> DatabaseCheck:
    """The start-up check. A new (missing or empty) file is fine; anything unhealthy is not opened for
    writing. ``full=False``: the quick check (:func:`check_connection`)."""
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        return DatabaseCheck(path, True)
    # SQLite alone opens the file (a Python open() here would drop this process's SQLite locks on it).
    problem: str | None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=15)
    except sqlite3.Error as error:
        problem = explain_sqlite_error(error)
    else:
        try:
            problem = check_connection(conn, full=full)
            if (
                problem == "该文件不是五项管理台账的数据库"
                and not conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone()
            ):
                problem = None  # an empty SQLite file: a new school
        except sqlite3.DatabaseError as error:
            problem = f"数据库文件已损坏（{explain_sqlite_error(error)}）"
        finally:
            conn.close()
    if problem is None:
        return DatabaseCheck(path, True)
    return damaged(path, f"“{path.name}”不能打开：{problem}。为保护数据，本软件不会写入这个文件。")


def damaged(path: Path, message: str) -> DatabaseCheck:
    """A failed check: the message, and where the latest good backup is (or why there is none)."""
    good = latest_good_backup(path)
    if good:
        message += f"\n可以从最近一份完好的备份恢复：{good.label}。"
    else:
        locked = [info for info in list_backups(path) if _verify(info.path, None)[1]]
        if locked:
            message += (
                f"\n有 {len(locked)} 份加密的备份，但本机找不到学校密钥。请找到管理员保存的恢复密钥，"
                "运行 fivemgmt backup key import 恢复密钥 后再打开本软件。"
            )
        else:
            message += "\n没有找到完好的备份。请联系管理员，或把该文件交给技术人员检查。"
    return DatabaseCheck(path, False, message, good)


@dataclass
class RestorePreview:
    backup: BackupInfo
    current_counts: dict[str, int]
    backup_counts: dict[str, int]
    current_entries: int
    backup_entries: int
    current_ok: bool
    blocked: str | None  # why restore cannot run now (another copy open), else None
    problem: str | None  # why this backup cannot be used, else None
    key_needed: bool = False  # the school key is missing here (or the one given is wrong): ask for it

    def lines(self) -> list[str]:
        """What will be replaced, for the confirmation dialog and the CLI."""
        out = [f"将用备份替换当前数据库：{self.backup.label}"]
        if not self.current_ok:
            out.append("当前数据库已损坏，将被改名保留（不会删除）。")
        changed = [
            t
            for t in sorted(set(self.current_counts) | set(self.backup_counts))
            if self.current_counts.get(t, 0) != self.backup_counts.get(t, 0)
            and not t.startswith(("_", "sqlite_"))
        ]
        for table in changed:
            out.append(
                f"  {table}：当前 {self.current_counts.get(table, 0)} 条 → 恢复后 {self.backup_counts.get(table, 0)} 条"
            )
        lost = self.current_entries - self.backup_entries
        if lost > 0:
            out.append(f"备份之后的 {lost} 次修改将被撤销（恢复前会先自动备份当前数据库，可再恢复回来）。")
        if self.blocked:
            out.append(f"现在不能恢复：{self.blocked}")
        if self.problem:
            out.append(f"不能使用这份备份：{self.problem}")
        return out


def _resolve_backup(db_path: Path, backup: BackupInfo | Path | str) -> BackupInfo:
    if isinstance(backup, BackupInfo):
        return backup
    path = Path(backup)
    if not path.exists():
        raise UserError(f"找不到备份文件：{path}")
    try:
        manifest = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    return BackupInfo(path, manifest)


def is_school_path(path: Path | str) -> bool:
    path = Path(path)
    return path.is_file() and path.stat().st_size > 0


def _owner(conn: sqlite3.Connection) -> tuple[str | None, str | None, str]:
    """(installation id, school key fingerprint, school name) of a database."""
    key = _meta(conn, "school_key")
    return _meta(conn, "installation_id"), keys.fingerprint(key) if key else None, _school_name(conn)


def _foreign(
    db_path: Path,
    info: BackupInfo,
    backup_owner: tuple[str | None, str | None, str],
    current_owner: tuple[str | None, str | None, str],
    key: str | None,
    empty_here: bool,
) -> tuple[str | None, bool]:
    """Why this backup is not this database's own (another school, another installation), else None.

    Moving a whole school to a new PC — nothing here yet, or only a new empty school — needs that
    school's recovery key, typed on purpose."""
    installation, school = current_owner[0], current_owner[1]
    if empty_here and installation is not None and key:
        return None, False
    if installation is None:  # the database is gone or damaged: its own backups' manifests tell
        for other in list_backups(db_path):
            if other.manifest.get("installation_id"):
                installation, school = other.manifest["installation_id"], other.manifest.get("school")
                break
    b_installation, b_school, b_name = backup_owner
    if installation is None:
        if b_installation is None or not is_sealed(info.path) or key:
            return None, False
        return (
            "本机还没有这所学校的数据，这份备份也不是本机做的。要把整所学校"
            f"{'（' + b_name + '）' if b_name else ''}搬到本机，请输入这所学校的恢复密钥"
            "（fivemgmt restore 备份文件 --key 恢复密钥）",
            True,
        )
    if school and b_school and school != b_school:
        return (
            f"这份备份是另一所学校{'（' + b_name + '）' if b_name else ''}的数据，不是这个数据库的备份，"
            "不能用来恢复（否则会接收那所学校的密钥和安装编号）",
            False,
        )
    if b_installation != installation:
        return (
            "这份备份来自另一台电脑上的安装，不是这个数据库的备份，不能用来恢复；"
            "要把那台电脑上的记录带过来，请用数据包（fivemgmt package export / import）",
            False,
        )
    return None, False


def restore_preview(
    db_path: Path | str,
    backup: BackupInfo | Path | str,
    *,
    own_lock: AppLock | None = None,
    key: str | None = None,
) -> RestorePreview:
    """What a restore would replace. ``key``: the recovery key, for a sealed backup on a PC without its
    key file (a new PC after the old one was lost)."""
    db_path = Path(db_path)
    info = _resolve_backup(db_path, backup)
    problem, key_problem = _verify(info.path, key)
    backup_counts, backup_entries = {}, 0
    backup_owner: tuple[str | None, str | None, str] = (None, None, "")
    if problem is None:
        with plain_copy(info.path, key) as plain:
            conn = sqlite3.connect(f"file:{plain}?mode=ro", uri=True)
            try:
                described = _describe(conn)
                backup_owner = _owner(conn)
            finally:
                conn.close()
        backup_counts, backup_entries = described["row_counts"], described["audit_entries"]
    current_ok = check_database(db_path).ok
    current_counts, current_entries = {}, 0
    current_owner: tuple[str | None, str | None, str] = (None, None, "")
    if current_ok and is_school_path(db_path):
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=15)
        try:
            described = _describe(conn)
            current_owner = _owner(conn)
        finally:
            conn.close()
        current_counts, current_entries = described["row_counts"], described["audit_entries"]
    if problem is None:
        empty_here = not any(n for t, n in current_counts.items() if t not in EMPTY_SCHOOL_TABLES)
        problem, key_problem = _foreign(db_path, info, backup_owner, current_owner, key, empty_here)
    blocked = other_instance(db_path, own_lock)
    return RestorePreview(
        info,
        current_counts,
        backup_counts,
        current_entries,
        backup_entries,
        current_ok,
        blocked,
        problem,
        key_problem,
    )


def restore(
    db_path: Path | str,
    backup: BackupInfo | Path | str,
    actor: Actor,
    *,
    own_lock: AppLock | None = None,
    key: str | None = None,
) -> RestorePreview:
    """Replace the database with a backup (admin only), after backing up the current one.

    Refuses while another copy of the app or another program has the database open. The caller must
    have closed its own connections (a GUI keeps only its :class:`AppLock`, passed as ``own_lock``).
    """
    actor.require_role(ADMIN)
    db_path = Path(db_path)
    preview = restore_preview(db_path, backup, own_lock=own_lock, key=key)
    if preview.problem:
        raise UserError(f"不能用这份备份恢复：{preview.problem}。")
    if preview.blocked:
        raise UserError(f"现在不能恢复：{preview.blocked}请先关闭后再试。")
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    if db_path.exists():
        if preview.current_ok and is_school_path(db_path):
            make_backup(db_path, kind="prerestore", prune_old=False)
        elif preview.current_ok:  # an emptied file: nothing to back up
            for suffix in ("-wal", "-shm"):
                Path(str(db_path) + suffix).unlink(missing_ok=True)
        else:
            for suffix in ("", "-wal", "-shm"):
                old = Path(str(db_path) + suffix)
                if old.exists():
                    os.replace(old, Path(f"{db_path}.damaged-{stamp}{suffix}"))
    private_dir(db_path.parent, tighten=False)
    create_private(db_path)
    with plain_copy(preview.backup.path, key) as plain:
        source = sqlite3.connect(f"file:{plain}?mode=ro", uri=True)
        target = sqlite3.connect(db_path, timeout=15)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode = WAL")
            restored_key = _meta(target, "school_key")
        except sqlite3.Error as error:
            raise DatabaseError(f"恢复没有完成：{explain_sqlite_error(error)}") from error
        finally:
            source.close()
            target.close()
    if restored_key:
        keys.remember(restored_key)  # later backups on this PC find their key
    from fivemgmt import audit
    from fivemgmt.db import connect, transaction

    db = connect(db_path)
    try:
        with transaction(db):
            audit.append(
                db,
                "installation",
                "restore",
                "restore",
                None,
                {"backup": preview.backup.path.name, "backup_time": preview.backup.created.isoformat()},
                actor.username,
                f"从备份恢复：{preview.backup.label}",
            )
    finally:
        db.close()
    return preview

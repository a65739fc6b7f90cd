"""Backups with SQLite's online backup API, retention, restore, start-up integrity check, the app lock.

* Backups are taken with ``sqlite3.Connection.backup`` (a consistent copy of a live database, never a
  file copy) into ``<db name>-backups/`` next to the database: at start-up, daily, before every
  migration (:func:`fivemgmt.db.open_db`) and before every package import. Each backup has a JSON
  manifest: app version, schema version, time, row counts, audit chain head, file checksum.
* Retention (:func:`prune`): the newest backup of each of the 14 most recent days that have backups,
  the newest of each of the 12 most recent months, and always the :data:`KEEP_LATEST` newest.
* :class:`AppLock`: a running copy of the app holds an OS lock on ``<db>.lock`` (released by the OS
  even if the process is killed) with its pid and start time inside; restore refuses while another
  copy holds it, and also while SQLite reports another open connection (e.g. a command-line run).
* :func:`check_database`: at start-up, a file failing ``PRAGMA integrity_check`` or not a fivemgmt
  database is not opened for writing; the user is told plainly and offered the latest good backup.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import socket
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from fivemgmt import __version__
from fivemgmt.accounts import ADMIN, Actor
from fivemgmt.db import SQLITE_HEADER, explain_sqlite_error
from fivemgmt.errors import DatabaseError, UserError

DAILY_KEEP = 14
MONTHLY_KEEP = 12
KEEP_LATEST = 3
KIND_NAMES = {
    "manual": "手动",
    "startup": "启动时",
    "daily": "每日",
    "premigration": "升级前",
    "preimport": "导入前",
    "prerestore": "恢复前",
}


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


def _describe(conn: sqlite3.Connection) -> dict:
    def meta(key: str) -> str | None:
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        except sqlite3.DatabaseError:
            return None
        return row[0] if row else None

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
    now = now or dt.datetime.now()
    directory = Path(directory) if directory else backup_dir(db_path)
    name = f"fivemgmt-{now:%Y%m%d-%H%M%S-%f}-{kind}.sqlite"
    target = directory / name
    partial = directory / (name + ".part")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        dest = sqlite3.connect(partial)
        try:
            conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
            manifest = {
                **_describe(dest),
                "kind": kind,
                "app_version": __version__,
                "created_at": now.astimezone(dt.UTC).isoformat(timespec="seconds"),
                "local_time": now.isoformat(timespec="seconds"),
                "source": str(db_path),
            }
        finally:
            dest.close()
        manifest["size"] = partial.stat().st_size
        manifest["sha256"] = _sha256(partial)
        manifest_path = target.with_suffix(".json")
        manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as error:
        for leftover in (partial, target.with_suffix(".json")):
            try:
                leftover.unlink(missing_ok=True)
            except OSError:
                pass
        raise DatabaseError(f"备份没有完成：{explain_sqlite_error(error)}") from error
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
    for path in directory.glob("fivemgmt-*.sqlite"):
        try:
            manifest = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            manifest = {}
        found.append(BackupInfo(path, manifest))
    return sorted(found, key=lambda b: (b.created, b.path.name), reverse=True)


def prune(db_path: Path | str, *, directory: Path | None = None) -> list[Path]:
    """Apply the retention rule; returns the backups removed."""
    backups = list_backups(db_path, directory=directory)
    keep: set[Path] = {b.path for b in backups[:KEEP_LATEST]}
    days: dict[dt.date, BackupInfo] = {}
    months: dict[tuple[int, int], BackupInfo] = {}
    for info in backups:  # newest first: the first seen per day/month is the newest of it
        days.setdefault(info.created.date(), info)
        months.setdefault((info.created.year, info.created.month), info)
    keep |= {days[d].path for d in sorted(days, reverse=True)[:DAILY_KEEP]}
    keep |= {months[m].path for m in sorted(months, reverse=True)[:MONTHLY_KEEP]}
    removed = []
    for info in backups:
        if info.path not in keep:
            info.path.unlink(missing_ok=True)
            info.path.with_suffix(".json").unlink(missing_ok=True)
            removed.append(info.path)
    return removed


def backup_if_due(db: Database, *, now: dt.datetime | None = None) -> BackupInfo | None:
    """The daily backup: made when no backup exists yet for today."""
    now = now or dt.datetime.now()
    backups = list_backups(db_file(db))
    if backups and backups[0].created.date() == now.date():
        return None
    return make_backup(db, kind="daily", now=now)


# ------------------------------------------------------------------ checking


def _check_connection(conn: sqlite3.Connection) -> str | None:
    """None when this is a healthy fivemgmt database, else the problem in plain Chinese."""
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as error:
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


def verify_backup(path: Path | str) -> str | None:
    """None when a backup file is intact (checksum, integrity, a fivemgmt database), else the problem."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return "备份文件不是 SQLite 数据库"
    except OSError:
        return "无法读取备份文件"
    manifest_path = path.with_suffix(".json")
    if manifest_path.exists():
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            manifest = {}
        if manifest.get("sha256") and manifest["sha256"] != _sha256(path):
            return "备份文件与其清单不符（已损坏或被改动）"
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return _check_connection(conn)
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


def check_database(path: Path | str) -> DatabaseCheck:
    """The start-up check. A new (missing or empty) file is fine; anything unhealthy is not opened for writing."""
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
            problem = _check_connection(conn)
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
    good = latest_good_backup(path)
    message = f"“{path.name}”不能打开：{problem}。为保护数据，本软件不会写入这个文件。"
    if good:
        message += f"\n可以从最近一份完好的备份恢复：{good.label}。"
    else:
        message += "\n没有找到完好的备份。请联系管理员，或把该文件交给技术人员检查。"
    return DatabaseCheck(path, False, message, good)


# ------------------------------------------------------------------ the app lock


class AppLock:
    """Held by a running copy of the app for as long as it has the database open.

    The OS lock (``fcntl.flock`` / ``msvcrt.locking``) is released automatically when the process ends,
    even by SIGKILL, so a crash never leaves a stale lock; the file's JSON (pid, host, start time) only
    tells the user who holds it.
    """

    def __init__(self, db_path: Path | str) -> None:
        self.db_path = Path(db_path)
        self.path = self.db_path.with_name(self.db_path.name + ".lock")
        self._handle = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+")  # noqa: SIM115 - kept open while the lock is held
        if not _try_lock(handle):
            handle.close()
            raise UserError(f"{describe_holder(self.path)}同一个数据库不能同时由两份本软件打开。")
        handle.seek(0)
        handle.truncate()
        handle.write(
            json.dumps(
                {
                    "pid": os.getpid(),
                    "host": socket.gethostname(),
                    "since": dt.datetime.now().isoformat(timespec="seconds"),
                }
            )
        )
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            _unlock(self._handle)
            self._handle.close()
            self._handle = None

    def __enter__(self) -> AppLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _try_lock(handle) -> bool:
    try:
        if os.name == "nt":  # pragma: no cover - Windows
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(handle) -> None:
    try:
        if os.name == "nt":  # pragma: no cover - Windows
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    except OSError:
        pass


def describe_holder(lock_path: Path) -> str:
    try:
        info = json.loads(lock_path.read_text())
        return (
            f"另一份本软件正在使用该数据库（计算机 {info.get('host', '?')}，进程 {info.get('pid', '?')}，"
            f"自 {str(info.get('since', '?')).replace('T', ' ')} 起）。"
        )
    except (OSError, ValueError):
        return "另一份本软件正在使用该数据库。"


def other_instance(db_path: Path | str, own: AppLock | None = None) -> str | None:
    """A plain message if another copy of the app (or any program) has the database open, else None."""
    db_path = Path(db_path)
    lock = AppLock(db_path)
    if not (own is not None and own.held and own.path == lock.path) and lock.path.exists():
        with open(lock.path, "a+") as handle:
            if not _try_lock(handle):
                return describe_holder(lock.path)
            _unlock(handle)
    if db_path.exists() and _sqlite_in_use(db_path):
        return "另一个程序（可能是另一份本软件或命令行）正在使用该数据库。"
    return None


def _sqlite_in_use(path: Path) -> bool:
    """SQLite's own view: switching a WAL database's journal mode needs every other connection closed."""
    try:
        conn = sqlite3.connect(path, timeout=0)
    except sqlite3.Error:
        return False
    try:
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        if mode != "wal":
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("ROLLBACK")
            return False
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA journal_mode = WAL")
        return False
    except sqlite3.OperationalError as error:
        return "locked" in str(error) or "busy" in str(error)
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


# ------------------------------------------------------------------ restore


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


def restore_preview(
    db_path: Path | str, backup: BackupInfo | Path | str, *, own_lock: AppLock | None = None
) -> RestorePreview:
    db_path = Path(db_path)
    info = _resolve_backup(db_path, backup)
    problem = verify_backup(info.path)
    backup_counts, backup_entries = {}, 0
    if problem is None:
        conn = sqlite3.connect(f"file:{info.path}?mode=ro", uri=True)
        try:
            described = _describe(conn)
        finally:
            conn.close()
        backup_counts, backup_entries = described["row_counts"], described["audit_entries"]
    current_ok = check_database(db_path).ok
    current_counts, current_entries = {}, 0
    if current_ok and db_path.exists():
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=15)
        try:
            described = _describe(conn)
        finally:
            conn.close()
        current_counts, current_entries = described["row_counts"], described["audit_entries"]
    blocked = other_instance(db_path, own_lock)
    return RestorePreview(
        info, current_counts, backup_counts, current_entries, backup_entries, current_ok, blocked, problem
    )


def restore(
    db_path: Path | str, backup: BackupInfo | Path | str, actor: Actor, *, own_lock: AppLock | None = None
) -> RestorePreview:
    """Replace the database with a backup (admin only), after backing up the current one.

    Refuses while another copy of the app or another program has the database open. The caller must
    have closed its own connections (a GUI keeps only its :class:`AppLock`, passed as ``own_lock``).
    """
    actor.require_role(ADMIN)
    db_path = Path(db_path)
    preview = restore_preview(db_path, backup, own_lock=own_lock)
    if preview.problem:
        raise UserError(f"不能用这份备份恢复：{preview.problem}。")
    if preview.blocked:
        raise UserError(f"现在不能恢复：{preview.blocked}请先关闭后再试。")
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    if db_path.exists():
        if preview.current_ok:
            make_backup(db_path, kind="prerestore", prune_old=False)
        else:
            for suffix in ("", "-wal", "-shm"):
                old = Path(str(db_path) + suffix)
                if old.exists():
                    os.replace(old, Path(f"{db_path}.damaged-{stamp}{suffix}"))
    source = sqlite3.connect(f"file:{preview.backup.path}?mode=ro", uri=True)
    target = sqlite3.connect(db_path, timeout=15)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode = WAL")
    except sqlite3.Error as error:
        raise DatabaseError(f"恢复没有完成：{explain_sqlite_error(error)}") from error
    finally:
        source.close()
        target.close()
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

"""The single running copy: a running copy of the app holds an OS lock on ``<db>.lock`` (released by the
OS even if the process is killed) with its pid and start time inside, so a second copy is refused and
told who has the file; restore also refuses while SQLite reports another open connection (e.g. a
command-line run, :func:`other_instance`)."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
from pathlib import Path

from fivemgmt import clock
from fivemgmt.errors import UserError
from fivemgmt.files import open_private, private_dir


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
        private_dir(self.path.parent, tighten=False)
        handle = open_private(self.path, "a+")  # kept open while the lock is held
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
                    "since": clock.now().isoformat(timespec="seconds"),
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

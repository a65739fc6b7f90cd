"""The ground floor: connect to a school database with the app's pragmas, and run write transactions.

Opening a school (check, lock, backup, migrate, actor) is a floor higher, :mod:`fivemgmt.session`.

Every write the app makes goes through :func:`transaction`, which takes SQLite's write lock up front
(``BEGIN IMMEDIATE``) so two running copies queue behind the busy timeout instead of failing with
"database is locked" half way through a unit of work.
"""

from __future__ import annotations

import contextlib
import errno
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import platformdirs
from sqlite_utils import Database

from fivemgmt.errors import DatabaseError
from fivemgmt.files import create_private, private_dir

APP_NAME = "fivemgmt"
BUSY_TIMEOUT_MS = 15_000
SQLITE_HEADER = b"SQLite format 3\x00"  # for backup and package files; never read from the live database


def database_files(path: Path | str) -> tuple[Path, Path, Path]:
    """An SQLite file and the write-ahead log and shared-memory files SQLite keeps beside it."""
    return Path(path), Path(f"{path}-wal"), Path(f"{path}-shm")


def make_files_private(path: Path | str) -> None:
    """The SQLite file owner-only (made when missing), and its WAL and shared-memory files where they exist."""
    main, *beside = database_files(path)
    create_private(main)
    for file in beside:
        if file.exists():
            create_private(file)


def remove_database_files(path: Path | str) -> None:
    """An SQLite file and its WAL and shared-memory files removed (those not there, or not removable, left)."""
    for file in database_files(path):
        with contextlib.suppress(OSError):
            file.unlink()


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "school.sqlite"


def interrupted(error: BaseException) -> bool:
    """A statement given up by ``conn.interrupt()`` (the app closing while a check or a computation ran
    on its own connection): nothing is wrong with the file, and nothing was found."""
    return isinstance(error, sqlite3.OperationalError) and "interrupted" in str(error).lower()


def explain_sqlite_error(error: BaseException) -> str:
    """One plain Chinese sentence for an SQLite failure."""
    text = str(error).lower()
    if interrupted(error):
        return "操作已中止（没有数据被修改）。"
    if "locked" in text or "busy" in text:
        return "数据库正被另一个程序占用，请稍后再试（没有数据被修改）。"
    if (
        "disk" in text
        and ("full" in text or "space" in text)
        or getattr(error, "errno", None) == errno.ENOSPC
    ):
        return "磁盘空间已满，本次保存没有完成，已有数据保持不变。请清理磁盘后重试。"
    if "disk i/o error" in text or getattr(error, "errno", None) == errno.EFBIG:
        return (
            "写入磁盘失败（磁盘可能已满或出错），本次保存没有完成，已有数据保持不变。请检查磁盘空间后重试。"
        )
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return "数据库文件已损坏或不是本软件的数据库，未做任何修改。请从备份恢复。"
    if "readonly" in text or "read-only" in text:
        return "数据库文件是只读的，无法保存。请检查文件权限。"
    if "unable to open" in text:
        return "无法打开数据库文件，请检查路径和权限。"
    return f"数据库操作失败，已有数据保持不变（{error}）。"


def connect(path: Path | str, *, readonly: bool = False, wal: bool = True) -> Database:
    """A raw connection with the app's pragmas, without running migrations.

    Only SQLite ever opens the database file: reading its header with Python's ``open()`` and closing
    that descriptor would drop every POSIX lock SQLite holds on the file in this process.
    """
    path = Path(path)
    if readonly and not path.is_file():
        raise DatabaseError(f"找不到数据库文件：{path}")
    if not readonly:  # owner-only from the start; SQLite gives the WAL/SHM files the same mode
        private_dir(path.parent, tighten=False)
        make_files_private(path)
    uri = f"file:{path}?mode=ro" if readonly else str(path)
    try:
        conn = sqlite3.connect(uri, uri=readonly, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    except sqlite3.DatabaseError as error:
        raise DatabaseError(explain_sqlite_error(error)) from error
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()  # SQLite tells whether it is a database
        if wal and not readonly:
            enable_wal(conn)
    except sqlite3.DatabaseError as error:
        conn.close()
        if "not a database" in str(error):
            raise DatabaseError(f"“{path.name}”不是 SQLite 数据库文件，未打开。") from error
        raise DatabaseError(explain_sqlite_error(error)) from error
    return Database(conn, execute_plugins=False)


def enable_wal(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")


def has_table(db: Database, name: str) -> bool:
    """Whether the database has the table ``name``: asked of SQLite for that table alone (sqlite-utils'
    ``table_names()`` lists every table at every call)."""
    found = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]).fetchone()
    return found is not None


@contextlib.contextmanager
def transaction(db: Database) -> Iterator[Database]:
    """One unit of work: all of it is written, or none of it (nested calls become savepoints).

    Changes the app made to the tables outside the record layout (``meta``, the password hashes, …) get
    their seal entry in the audit chain just before the commit (:func:`fivemgmt.audit.seal_changes`)."""
    stopped = getattr(db, "_fivemgmt_stopped", None)
    if stopped is not None:
        raise DatabaseError(stopped)
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    from fivemgmt import audit

    try:
        db.conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        raise DatabaseError(explain_sqlite_error(error)) from error
    try:
        audit.watch(db)  # what the app changes in the tables outside the record layout is sealed at commit
        yield db
        audit.seal_changes(db)
    except sqlite3.OperationalError as error:  # disk full, I/O error: nothing of the unit of work is kept
        db.rollback()
        raise DatabaseError(explain_sqlite_error(error)) from error
    except BaseException:
        db.rollback()
        raise
    try:
        db.conn.execute("COMMIT")
    except sqlite3.DatabaseError as error:
        db.rollback()
        raise DatabaseError(explain_sqlite_error(error)) from error


def stop_writing(db: Database, reason: str) -> None:
    """No more writes through this connection (a check found the file damaged): every transaction is
    refused with ``reason``, and SQLite itself refuses any write that would not go through one."""
    db._fivemgmt_stopped = reason  # type: ignore[attr-defined]
    db.execute("PRAGMA query_only = ON")


def integrity_ok(db: Database) -> bool:
    try:
        rows = db.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError:
        return False
    return rows == [("ok",)]

"""Opening a school: the one path the command line, the GUI's start-up and its 打开数据库 all take.

:func:`open_school` does, in this order:

1. **check** — the file must exist (only :func:`create_school`, ``fivemgmt new-school`` and
   ``fivemgmt demo`` make a new one), and pass the start-up check (a damaged file, or a file that is
   not ours, is refused: :class:`DamagedSchool` carries the latest good backup for the GUI to offer;
   so is a missing or empty file where a school was, :func:`school_gone`); after the migration, the
   audit chain's quick check (:class:`TamperedSchool`) runs before anyone signs in;
2. **lock** — a writer takes the app lock (:class:`fivemgmt.applock.AppLock`) and keeps it until
   :meth:`Session.close`; a second writer is refused with a message naming the holder. Only a holder
   of the lock may write or checkpoint, so nothing can delete the WAL under a running GUI;
   a reader does not take the lock and gets a read-only SQLite connection, which can never
   checkpoint or delete the WAL;
3. **tidy** — ``.part`` files left by a backup or restore that was killed part-way are removed;
4. **backup** — before any migration (:func:`open_db`); the GUI's start-up backup, after its window
   is on screen, follows its full check (:func:`check_fully`: the integrity check, the whole chain);
5. **migrate** — the schema is brought up to date (a reader whose school needs it is told so);
6. **actor** — who acts: the caller's ``sign_in`` (the GUI's dialog, the CLI's password check).

Nothing here opens the database file except SQLite itself: on Linux and macOS closing *any* other
descriptor of the file drops every SQLite lock the process holds on it (SQLite's "How To Corrupt An
SQLite Database File", §2.2).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from fivemgmt import applock, audit_verify, backup, migrations
from fivemgmt.actor import Actor
from fivemgmt.db import connect, enable_wal, explain_sqlite_error, interrupted, stop_writing
from fivemgmt.errors import DatabaseError, UserError

NEW_SCHOOL_HINT = "新建学校请用 fivemgmt new-school --db {path}（演示学校：fivemgmt demo --db {path}）"

SignIn = Callable[[Database], Actor | None]


class DamagedSchool(UserError):
    """The start-up check failed; ``check.latest_good`` is the backup that could replace it."""

    def __init__(self, check: backup.DatabaseCheck) -> None:
        super().__init__(check.message)
        self.check = check


class TamperedSchool(DamagedSchool):
    """The start-up check of the audit chain found a change made outside the app (accounts, settings, …);
    ``check.latest_good`` is the newest good backup (a start-up backup is only made after this check)."""

    def __init__(self, path: Path, result: audit_verify.VerifyResult) -> None:
        message = (
            f"这所学校的数据被绕过本软件改动过：{result.message}为安全起见没有打开（谁能登录、能做什么"
            "已不可信）。请管理员运行 fivemgmt audit verify 查看详情，并用 fivemgmt restore 从改动之前的备份恢复。"
        )
        good = backup.latest_good_backup(path)
        if good is not None:
            message += f"\n最近一份完好的备份：{good.label}。"
        super().__init__(backup.DatabaseCheck(path, False, message, good))
        self.result = result


class SignInCancelled(UserError):
    """The person at the computer gave up signing in (the GUI then keeps what it had)."""


@dataclass
class Session:
    """An open school: its file, its database, who acts, and the app lock when writing. The GUI's main
    window owns one; its background work reads through connections of its own (:meth:`reader`)."""

    path: Path
    db: Database
    actor: Actor
    lock: applock.AppLock | None = None
    stopped: str | None = None  # why writing was stopped (a check after opening found damage)

    @property
    def writable(self) -> bool:
        return self.lock is not None and self.lock.held and self.stopped is None

    def reader(self) -> Database:
        """A read-only connection of its own (for work off the GUI thread); the caller closes it."""
        return connect(self.path, readonly=True)

    def stop_writing(self, reason: str) -> None:
        """Nothing more is written to this school in this session (:func:`fivemgmt.db.stop_writing`)."""
        self.stopped = reason
        stop_writing(self.db, reason)

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.db.close()
        if self.lock is not None:
            self.lock.release()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def same_file(a: Path | str, b: Path | str | None) -> bool:
    """True when two paths name the same file (by stat, never by opening it)."""
    if b is None:
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).absolute() == Path(b).absolute()


def is_school_file(path: Path | str) -> bool:
    """A file that may hold a school: it exists and is not empty (told by stat, not by opening it)."""
    path = Path(path)
    return path.is_file() and path.stat().st_size > 0


def missing_message(path: Path) -> str:
    if Path(path).is_file():
        return (
            f"“{path}”是一个空文件，不是学校数据库；请检查路径，或删除它后"
            + NEW_SCHOOL_HINT.format(path=path)
            + "。"
        )
    return f"找不到学校数据库 {path}；" + NEW_SCHOOL_HINT.format(path=path) + "。"


def remove_partials(path: Path | str) -> list[Path]:
    """Delete ``.part`` files a killed backup or restore left behind (only the lock holder calls this)."""
    path = Path(path)
    found = list(backup.backup_dir(path).glob("*.part")) + list(path.parent.glob(f"{path.name}*.part"))
    removed = []
    for leftover in found:
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed.append(leftover)
    return removed


def open_school(
    path: Path | str,
    sign_in: SignIn,
    *,
    write: bool = True,
    check_chain: bool = True,
    chain_warning: Callable[[str], None] | None = None,
    full_check: bool = True,
    checked: backup.DatabaseCheck | None = None,
) -> Session:
    """Open an existing school (check → lock → tidy → backup → migrate → actor); see the module doc.

    ``full_check=False`` (the GUI, to paint first): the file gets SQLite's quick check here, and the
    caller runs :func:`check_fully` after its window is on screen. ``checked``: that start-up check
    already made (the GUI makes it off its thread behind its painted window); a failed one is refused here.

    ``sign_in`` returns the Actor, or None when the person gave up (:class:`SignInCancelled`).
    Before anyone signs in, :func:`fivemgmt.audit_verify.quick_check` checks the newest audit entries, the
    accounts and the installation's own tables against the chain, and the chain against the backups'
    heads: a change made outside the app is :class:`TamperedSchool`. ``check_chain=False`` only for
    what must work on such a file (``audit``, ``backup --list``, ``restore``). A chain this computer
    has no key for (a database from another PC) is said to ``chain_warning`` and the school opens.
    """
    path = Path(path)
    if not is_school_file(path):
        gone = school_gone(path)
        if gone is not None:
            raise DamagedSchool(gone)
        raise UserError(missing_message(path))
    check = checked if checked is not None else backup.check_database(path, full=full_check)
    if not check.ok:
        raise DamagedSchool(check)
    if not write:
        return _open_for_reading(path, sign_in, check_chain, chain_warning)
    lock = applock.AppLock(path)
    lock.acquire()
    db = None
    try:
        remove_partials(path)
        db = open_db(path)  # backs up first when a migration is pending
        if check_chain:
            _check_chain(db, path, chain_warning)
        actor = sign_in(db)
        if actor is None:
            raise SignInCancelled("未登录，数据库没有打开。")
    except BaseException:
        if db is not None:
            db.close()
        lock.release()
        raise
    return Session(path, db, actor, lock)


def open_db(path: Path | str, *, migrate: bool = True) -> Database:
    """Open (creating if needed) a school database and bring its schema up to date, backing up an
    existing school first: the migrate step of :func:`open_school` (the caller holds the app lock)."""
    # WAL is switched on only after the file is known to be ours: it rewrites the file header.
    db = connect(path, wal=False)
    try:
        migrations.check_is_fivemgmt(db)
        enable_wal(db.conn)
        if migrate:
            if "meta" in db.table_names() and migrations.pending(db):  # an existing school: back up first
                backup.make_backup(db, kind="premigration")
            migrations.upgrade(db)
    except sqlite3.DatabaseError as error:
        db.close()
        raise DatabaseError(explain_sqlite_error(error)) from error
    except BaseException:
        db.close()
        raise
    return db


def create_school(path: Path | str) -> Database:
    """A new, empty school database where no file exists yet (``fivemgmt new-school``; the GUI, asked)."""
    path = Path(path)
    if path.exists():
        raise UserError(f"“{path}”已经存在，不会覆盖。要打开它请直接使用 --db {path}。")
    lock = applock.AppLock(path)
    with lock:
        return open_db(path)


def worth_a_backup(db: Database, path: Path) -> bool:
    """A start-up backup of a brand-new empty school would only push real backups out of retention."""
    from fivemgmt import users

    return bool(
        backup.list_backups(path) or users.has_accounts(db) or db.execute("SELECT 1 FROM classes").fetchone()
    )


def school_gone(path: Path) -> backup.DatabaseCheck | None:
    """A missing or empty file where a school was (it has backups with data): never a new school."""
    full = [info for info in backup.list_backups(path) if backup.holds_data(info)]
    if not full:
        return None
    good = next((info for info in full if backup.verify_backup(info.path) is None), None)
    what = "是一个空文件" if path.exists() else "不存在了"
    message = (
        f"这所学校的数据不见了：“{path}”{what}，但这里有这所学校的 {len(full)} 份备份。"
        "本软件不会把它当作一所新学校打开，也不会拿它做备份。"
    )
    if good is not None:
        message += (
            f"\n可以从最近一份完好的备份恢复：{good.label}。"
            f"\n（命令行：fivemgmt restore {good.path} --db {path} --yes）"
        )
    else:
        message += "\n这些备份都无法在本机打开（可能缺少学校密钥）。请找管理员保存的恢复密钥。"
    return backup.DatabaseCheck(path, False, message, good)


def check_fully(session: Session, reader: Database) -> backup.DatabaseCheck:
    """What the GUI checks after its window painted, on a read connection of its own (``reader``, from
    :meth:`Session.reader`; the caller closes it): SQLite's full integrity check and the whole audit
    chain (:func:`fivemgmt.audit_verify.verify`, against the backups' heads). Damage found is said in plain
    Chinese, with the latest good backup to restore. A check given up (``reader.conn.interrupt()``, the
    app closing) raises :class:`sqlite3.OperationalError`: it found nothing."""
    try:
        problem = backup.check_connection(reader.conn)
        if problem is not None:
            return backup.damaged(
                session.path, f"打开后的完整检查发现“{session.path.name}”有问题：{problem}。"
            )
        result = audit_verify.verify(reader, anchors=backup.anchors(reader, session.path))
    except sqlite3.DatabaseError as error:
        if interrupted(error):
            raise
        return backup.damaged(
            session.path, f"打开后的完整检查读不了“{session.path.name}”：{explain_sqlite_error(error)}"
        )
    if result.ok or result.unverifiable:  # a chain from another PC was said at opening
        return backup.DatabaseCheck(session.path, True)
    return backup.damaged(
        session.path, f"打开后的完整检查发现这所学校的数据被绕过本软件改动过：{result.message}"
    )


def _check_chain(db: Database, path: Path, warn: Callable[[str], None] | None) -> None:
    result = audit_verify.quick_check(db, backup.anchors(db, path))
    if result.ok:
        return
    if result.unverifiable:
        if warn is not None:
            warn(result.message)
        return
    raise TamperedSchool(path, result)


def _open_for_reading(
    path: Path, sign_in: SignIn, check_chain: bool, chain_warning: Callable[[str], None] | None
) -> Session:
    db = connect(path, readonly=True)
    try:
        migrations.check_is_fivemgmt(db)
        if migrations.pending(db):
            db.close()
            _migrate(path)
            db = connect(path, readonly=True)
        if check_chain:
            _check_chain(db, path, chain_warning)
        actor = sign_in(db)
        if actor is None:
            raise SignInCancelled("未登录，数据库没有打开。")
    except sqlite3.DatabaseError as error:
        db.close()
        raise DatabaseError(explain_sqlite_error(error)) from error
    except BaseException:
        db.close()
        raise
    return Session(path, db, actor, None)


def _migrate(path: Path) -> None:
    """A reader found an older schema: upgrade it, as a writer would, when nobody holds the lock."""
    lock = applock.AppLock(path)
    try:
        lock.acquire()
    except UserError as error:
        raise UserError(f"{error}这个数据库需要先升级，请关闭另一份本软件后再试。") from None
    try:
        remove_partials(path)
        open_db(path).close()
    finally:
        lock.release()

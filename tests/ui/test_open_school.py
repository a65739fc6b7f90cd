"""Every way of opening a school goes through the one open path (issue 10 items 1 and 7)."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QFileSystemModel,
    QLabel,
    QMessageBox,
)

from fivemgmt import applock, backup, school, users
from fivemgmt.actor import SYSTEM
from fivemgmt.session import open_db
from tests.core.people import PASSWORD, TODAY, make_people


def single_user_school(path, name):
    db = open_db(path)
    school.save_school(db, SYSTEM, name, "小学")
    school.add_class(db, SYSTEM, 3, 1)
    admin = users.create_first_admin(db, "admin", PASSWORD)
    users.set_single_user(db, admin, "admin")
    db.close()


def accounts_school(path):
    db = open_db(path)
    make_people(db)  # 测试学校, accounts and no single-user account: whoever opens it signs in
    db.close()


@pytest.fixture
def sign_in_as(monkeypatch):
    """The login dialog, filled in and its 登录 button clicked (or cancelled when username is None)."""
    from ui import tasks
    from ui.login import LoginDialog

    wanted: dict[str, str | None] = {}

    def exec_(dialog):
        if wanted.get("username") is None:
            dialog.reject()
        else:
            dialog.username.setText(wanted["username"])
            dialog.password.setText(wanted["password"])
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
            tasks.wait_for_all()  # the password is checked off the GUI thread
        return dialog.result()

    monkeypatch.setattr(LoginDialog, "exec", exec_)

    def choose(username: str | None, password: str = PASSWORD) -> None:
        wanted.update(username=username, password=password)

    return choose


def open_through_the_menu(window, path, monkeypatch) -> None:
    from ui.widgets import file_dialogs

    monkeypatch.setattr(file_dialogs, "get_open_file_name", lambda *args: (str(path), ""))
    action = next(a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "打开数据库…")
    action.trigger()


def test_opening_another_school_signs_in_takes_its_lock_and_backs_up(
    qtbot, tmp_path, sync_tasks, errors, sign_in_as, monkeypatch
):
    from ui.app import open_window

    first, second = tmp_path / "a" / "first.sqlite", tmp_path / "b" / "second.sqlite"
    first.parent.mkdir()
    second.parent.mkdir()
    single_user_school(first, "第一小学")
    accounts_school(second)
    window = open_window(first, TODAY)
    qtbot.addWidget(window)
    assert window.context.actor.username == "admin" and window.app_lock.held
    sign_in_as("wang")
    open_through_the_menu(window, second, monkeypatch)
    assert errors == []
    assert window.context.actor.username == "wang"  # who signed in to this school, not the old actor
    assert "测试学校" in window.school_label.text() and "王丽娟" in window.school_label.text()
    assert str(second) in window.path_label.text()
    assert [b.kind for b in backup.list_backups(second)] == ["startup"]
    with pytest.raises(Exception, match="不能同时"):
        applock.AppLock(second).acquire()  # the window holds the new school's lock …
    with applock.AppLock(first):  # … and let go of the old one
        pass


def test_a_failed_or_cancelled_open_keeps_the_school_that_was_open(
    qtbot, tmp_path, sync_tasks, errors, sign_in_as, monkeypatch
):
    from ui.app import open_window

    first, second, third = (tmp_path / name for name in ("first.sqlite", "second.sqlite", "third.sqlite"))
    single_user_school(first, "第一小学")
    accounts_school(second)
    single_user_school(third, "第三小学")
    window = open_window(first, TODAY)
    qtbot.addWidget(window)
    sign_in_as(None)  # the login dialog is cancelled
    open_through_the_menu(window, second, monkeypatch)
    assert "第一小学" in window.school_label.text() and window.app_lock.held
    with applock.AppLock(second):  # nothing of the cancelled school is held
        pass
    with applock.AppLock(third):  # another copy of the app has the third school open
        open_through_the_menu(window, third, monkeypatch)
    assert "另一份本软件正在使用该数据库" in errors[-1]
    assert "第一小学" in window.school_label.text()
    open_through_the_menu(window, first, monkeypatch)  # the open one is not "another" database
    assert "这就是当前打开的数据库" in errors[-1]
    assert window.app_lock.held and window.context.db.execute("SELECT 1").fetchone()


def test_a_missing_database_is_only_created_when_the_user_says_so(qapp, tmp_path, monkeypatch):
    from ui import app
    from ui.login import FirstRunDialog

    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda parent, title, text: asked.append(text) or QMessageBox.StandardButton.No,
    )
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: None)
    monkeypatch.setattr(FirstRunDialog, "exec", lambda dialog: dialog.reject() or dialog.result())
    missing = tmp_path / "typo.sqlite"
    assert app.run_app(db_path=missing) == app.EXIT_CANNOT_OPEN
    assert asked and "找不到学校数据库" in asked[0]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify shows which files a process opens")
def test_file_dialogs_list_a_folder_without_opening_the_database(qapp, tmp_path, monkeypatch):
    """Opening and closing the database file in the GUI's process would drop SQLite's locks on it."""
    from ui.widgets import file_dialogs

    db_path = tmp_path / "school.sqlite"
    single_user_school(db_path, "第一小学")
    for name in ("notes.db", "old.sqlite3", "readme"):
        (tmp_path / name).write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", QFileDialog.getOpenFileName)  # undone after the test
    monkeypatch.setattr(QFileDialog, "getSaveFileName", QFileDialog.getSaveFileName)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", QFileDialog.getOpenFileNames)
    file_dialogs.install()
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    watch = libc.inotify_init1(os.O_NONBLOCK)
    assert watch >= 0
    try:
        for path in tmp_path.iterdir():
            assert libc.inotify_add_watch(watch, str(path).encode(), 0x20) >= 0  # IN_OPEN
        listed = []

        def close_when_listed() -> None:
            dialogs = [
                w for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog) and w.isVisible()
            ]
            if not dialogs:
                QTimer.singleShot(50, close_when_listed)
                return
            model = dialogs[0].findChild(QFileSystemModel)
            model.directoryLoaded.connect(lambda folder: listed.append(folder))
            QTimer.singleShot(2000, dialogs[0].reject)

        for ask in (QFileDialog.getOpenFileName, QFileDialog.getSaveFileName):
            QTimer.singleShot(0, close_when_listed)
            assert ask(None, "选择文件", str(tmp_path), "学校数据库 (*.sqlite *.db);;所有文件 (*)")[0] == ""
        assert listed  # the dialogs did list the folder
        with pytest.raises(BlockingIOError):
            os.read(watch, 4096)  # … and opened none of its files
    finally:
        os.close(watch)


# ------------------------------------------------------------------ issue 11: an emptied school, a tampered one


@pytest.mark.parametrize("how", ["emptied", "missing"])
def test_an_emptied_school_at_start_up_offers_its_latest_good_backup(
    qapp, tmp_path, monkeypatch, sign_in_as, how
):
    from ui import app
    from ui.login import FirstRunDialog

    path = tmp_path / "school.sqlite"
    accounts_school(path)
    db = open_db(path)
    good = backup.make_backup(db)
    db.close()
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    if how == "emptied":
        path.write_bytes(b"")
    else:
        path.unlink()
    asked: list[str] = []
    no, yes = QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes
    answers = iter([no, no, no, yes])
    monkeypatch.setattr(
        QMessageBox, "question", lambda parent, title, text: asked.append(text) or next(answers)
    )
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: None)
    first_run = []
    monkeypatch.setattr(FirstRunDialog, "exec", lambda dialog: first_run.append(1) or dialog.reject() or 0)
    for _ in range(3):  # opened and given up, again and again: never a new school, never a backup over it
        assert app.open_window(path) is None
    assert "这所学校的数据不见了" in asked[0] and good.label in asked[0]
    assert not first_run and [b.path for b in backup.list_backups(path)] == [good.path]
    sign_in_as("admin")
    window = app.open_window(path)  # this time: yes, restore it
    assert window is not None and len(asked) == 4 and "这所学校的数据不见了" in asked[3]
    assert [c.name for c in school.list_classes(window.context.db)]
    window.close()
    window.context.db.close()


def test_a_school_changed_outside_the_app_is_refused_at_start_up(qapp, tmp_path, monkeypatch, sign_in_as):
    import sqlite3

    from ui import app

    path = tmp_path / "school.sqlite"
    accounts_school(path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE accounts SET role = 'admin' WHERE username = 'du'")
    conn.commit()
    conn.close()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    sign_in_as("du")
    assert app.open_window(path) is None
    assert shown and "被绕过本软件改动过" in shown[0] and "账户“du”" in shown[0]


def test_a_school_from_another_computer_opens_with_a_plain_warning(qapp, tmp_path, monkeypatch, sign_in_as):
    from ui import app

    path = tmp_path / "school.sqlite"
    accounts_school(path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "another-pc"))  # its audit key is not here
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    sign_in_as("admin")
    window = app.open_window(path)
    assert window is not None
    assert warned and "本机没有审计链" in warned[0] and "无法确认" in warned[0]
    window.close()
    window.context.db.close()


def test_a_tampered_school_offers_the_backup_made_before_and_opens_it(
    qapp, tmp_path, monkeypatch, sign_in_as
):
    import sqlite3

    from ui import app

    path = tmp_path / "school.sqlite"
    accounts_school(path)
    db = open_db(path)
    good = backup.make_backup(db)
    db.close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO meta (key, value) VALUES ('single_user_account', 'admin')")
    conn.commit()
    conn.close()
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda parent, title, text: asked.append(text) or QMessageBox.StandardButton.Yes,
    )
    sign_in_as("du")
    window = app.open_window(path)
    assert asked and "免密码登录" in asked[0] and good.label in asked[0]
    assert window is not None and window.context.actor.username == "du"  # signed in, not the forged switch
    assert users.single_user(window.context.db) is None
    window.close()
    window.context.db.close()


def test_at_start_up_the_window_is_on_screen_before_the_start_up_backup_and_it_is_still_made(
    qtbot, tmp_path, sync_tasks, errors, monkeypatch
):
    """Issue 13: the start-up backup (a second of a big school) no longer keeps the first window back;
    the checks that keep a damaged file closed still come first."""
    from ui.app import open_window
    from ui.main_window import MainWindow

    path = tmp_path / "school.sqlite"
    single_user_school(path, "第一小学")
    made = backup.make_backup
    on_screen: list[bool] = []

    def watched(source, **kwargs):
        on_screen.append(
            any(isinstance(w, MainWindow) and w.isVisible() for w in QApplication.topLevelWidgets())
        )
        return made(source, **kwargs)

    monkeypatch.setattr(backup, "make_backup", watched)
    window = open_window(path, TODAY)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: on_screen != [])  # after the first page: see the next test
    assert on_screen == [True]
    assert [b.kind for b in backup.list_backups(path)] == ["startup"]
    assert errors == []


def test_the_start_up_full_check_waits_for_the_principals_first_page_to_be_drawn(
    qtbot, tmp_path, sync_tasks, errors, monkeypatch
):
    """Two threads of Python share one interpreter: beside the full check of a five-year school's audit
    chain the 校长看板 took three times as long. The check starts once the overview is drawn."""
    from fivemgmt import session as sessions
    from ui.app import open_window

    path = tmp_path / "school.sqlite"
    single_user_school(path, "第一小学")
    real = sessions.check_fully
    drawn_before: list[int] = []

    def watched(session, reader):
        window = next(w for w in QApplication.topLevelWidgets() if getattr(w, "session", None) is session)
        dashboard = window.pages.get("dashboard")
        drawn_before.append(dashboard.builds if dashboard is not None else 0)
        return real(session, reader)

    monkeypatch.setattr(sessions, "check_fully", watched)
    window = open_window(path, TODAY)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: drawn_before != [])
    assert window.current_key() == "dashboard" and drawn_before == [1]
    assert [b.kind for b in backup.list_backups(path)] == ["startup"] and errors == []


def test_closing_the_window_while_the_full_check_runs_says_nothing_of_damage(
    qtbot, tmp_path, errors, monkeypatch
):
    """Closing the window gives up the full check after opening (its connection is interrupted). A check
    given up found nothing: SQLite's interrupted integrity check was said as 数据库文件已损坏 and writing
    stopped, in a box that held the closing window open (seen on the five-year school, where the check
    takes a minute)."""
    from fivemgmt import session as sessions
    from ui.app import open_window

    path = tmp_path / "school.sqlite"
    single_user_school(path, "第一小学")
    checking = threading.Event()
    real = sessions.check_fully

    def slow(session, reader):  # the check of a big school: long enough to close the window during it
        def step() -> int:
            checking.set()
            time.sleep(0.002)
            return 0

        reader.conn.set_progress_handler(step, 50)
        return real(session, reader)

    monkeypatch.setattr(sessions, "check_fully", slow)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a, **k: said.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: said.append(text))
    window = open_window(path, TODAY)
    qtbot.addWidget(window)
    session = window.session
    qtbot.waitUntil(checking.is_set, timeout=40_000)
    window.close()
    assert errors == [] and said == []
    assert session.stopped is None


def test_a_start_up_backup_that_fails_after_the_window_is_up_is_said_and_the_school_stays_open(
    qtbot, tmp_path, sync_tasks, errors, monkeypatch
):
    from fivemgmt.errors import UserError
    from ui.app import open_window

    path = tmp_path / "school.sqlite"
    single_user_school(path, "第一小学")
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: warned.append(text))

    def full(source, **kwargs):
        raise UserError("磁盘空间已满")

    monkeypatch.setattr(backup, "make_backup", full)
    window = open_window(path, TODAY)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: warned != [])
    assert warned == ["启动时的自动备份没有完成：磁盘空间已满"]
    assert window.isVisible() and "第一小学" in window.school_label.text()


def test_a_damaged_school_is_still_refused_and_not_backed_up(qtbot, tmp_path, sync_tasks, monkeypatch):
    from ui.app import open_window

    path = tmp_path / "school.sqlite"
    single_user_school(path, "第一小学")
    data = bytearray(path.read_bytes())
    data[4096 : 4096 * 3] = b"\xff" * (4096 * 2)  # pages of the school's tables overwritten
    path.write_bytes(bytes(data))
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a, **k: said.append(text))
    assert open_window(path, TODAY) is None
    assert said and "损坏" in said[0]
    assert backup.list_backups(path) == []  # no start-up backup of a damaged file


def damage_an_index(path) -> None:
    """Damage the quick check does not see: an index whose contents no longer match its table (SQLite's
    ``quick_check`` skips the indexes' contents, ``integrity_check`` reads them)."""
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute(
        'UPDATE sqlite_master SET sql = \'CREATE INDEX "idx_classes_grade_number" ON "classes" ("name")\''
        " WHERE name = 'idx_classes_grade_number'"
    )
    conn.commit()
    conn.close()


def test_damage_found_after_the_window_is_up_is_said_in_chinese_and_writing_stops(
    qtbot, tmp_path, sync_tasks, errors
):
    """Issue 13: only the quick check keeps the window back; the full check after it still protects."""
    from fivemgmt.errors import UserError
    from ui.app import open_window

    path = tmp_path / "school.sqlite"
    single_user_school(path, "第一小学")
    backup.make_backup(path, kind="manual")  # a good backup to restore from
    damage_an_index(path)
    assert backup.check_database(path, full=False).ok and not backup.check_database(path).ok
    window = open_window(path, TODAY)
    qtbot.addWidget(window)
    assert window.isVisible() and "第一小学" in window.school_label.text()  # it opened and painted …
    qtbot.waitUntil(lambda: window.findChild(QLabel, "writingStopped").isVisible())  # … then the full check
    assert "已停止写入" in window.stopped_label.text()
    assert len(errors) == 1 and "完整检查" in errors[0] and "完整性检查未通过" in errors[0]
    assert "已停止写入" in errors[0] and "可以从最近一份完好的备份恢复" in errors[0]
    with pytest.raises(UserError, match="完整检查"):
        school.add_class(window.context.db, window.context.actor, 4, 1)
    assert [b.kind for b in backup.list_backups(path)] == ["manual"]  # the damaged file is not backed up
    window.close()


def test_damage_the_daily_backup_finds_stops_writing(qtbot, tmp_path, sync_tasks, errors, monkeypatch):
    from ui.app import open_window

    path = tmp_path / "school.sqlite"
    single_user_school(path, "第一小学")
    window = open_window(path, TODAY)
    qtbot.addWidget(window)
    assert errors == [] and not window.stopped_label.isVisible()
    damage_an_index(path)  # the file went bad while the app runs
    monkeypatch.setattr(backup, "list_backups", lambda *args, **kwargs: [])  # today's backup is due
    window.daily_backup_timer.timeout.emit()
    assert window.stopped_label.isVisible()
    assert len(errors) == 1 and "每日备份时的完整检查发现" in errors[0]
    window.close()


def test_at_start_up_the_window_paints_before_its_first_page_is_built_then_shows_it(
    qtbot, tmp_path, sync_tasks, errors
):
    """Issue 13: the start page (the dashboard loads the charts library) comes right after the first paint."""
    from ui.app import open_window
    from ui.main_window import start_page

    path = tmp_path / "school.sqlite"
    single_user_school(path, "第一小学")
    window = open_window(path, TODAY)
    qtbot.addWidget(window)
    assert window.pages == {} and "第一小学" in window.school_label.text()
    first = start_page(window.context.actor)
    qtbot.waitUntil(lambda: window.current_key() == first)
    assert window.stack.currentWidget() is window.pages[first] and errors == []
    window.close()


def test_a_page_asked_for_before_the_first_paint_is_built_at_once(qtbot, tmp_path, sync_tasks, errors):
    from ui.app import open_window

    path = tmp_path / "school.sqlite"
    single_user_school(path, "第一小学")
    window = open_window(path, TODAY)
    qtbot.addWidget(window)
    assert window.show_page("setup") is window.stack.currentWidget()  # (the start page: 总览)
    qtbot.wait(50)  # the first paint, then the start page it would have opened: not over the one asked for
    assert window.current_key() == "setup" and errors == []
    window.close()


def test_a_damaged_school_found_behind_the_painted_window_is_refused_before_anyone_signs_in(
    qtbot, tmp_path, monkeypatch
):
    """Issue 13: the window paints first, then SQLite's quick check runs off the GUI thread; a damaged
    file is still refused (said in Chinese) before the sign-in, with nothing to write to meanwhile."""
    import threading

    from ui import app as app_module
    from ui import login

    path = tmp_path / "school.sqlite"
    accounts_school(path)  # whoever opens it would be asked to sign in
    data = bytearray(path.read_bytes())
    data[4096 : 4096 * 3] = b"\xff" * (4096 * 2)
    path.write_bytes(bytes(data))
    windows = []
    made = app_module.create_main_window
    monkeypatch.setattr(
        app_module, "create_main_window", lambda *a, **k: windows.append(made(*a, **k)) or windows[-1]
    )
    checked_on: list[tuple[bool, bool]] = []
    check = backup.check_database

    def watched(source, **kwargs):
        checked_on.append((threading.current_thread() is threading.main_thread(), windows[0]._painted))
        return check(source, **kwargs)

    monkeypatch.setattr(backup, "check_database", watched)
    signed_in: list[object] = []
    monkeypatch.setattr(login, "sign_in", lambda *args: signed_in.append(args))
    said: list[tuple[str, str, bool, bool]] = []

    def critical(parent, title, text, *a, **k):
        window = windows[0]
        said.append((text, window.school_label.text(), window.nav.isEnabled(), window.context is None))

    monkeypatch.setattr(QMessageBox, "critical", critical)
    assert app_module.open_window(path, TODAY) is None
    assert checked_on == [(False, True)]  # off the GUI thread, after the window painted
    assert signed_in == []  # nobody was asked to sign in to the damaged file
    assert len(said) == 1
    text, status, nav_enabled, no_database = said[0]
    assert "无法打开学校数据库" in text and "损坏" in text and "不会写入这个文件" in text
    assert "检查通过前不能登录，也不能写入" in status and not nav_enabled and no_database
    assert not windows[0].isVisible()
    assert backup.list_backups(path) == []


def slow_dashboard(monkeypatch):
    """The dashboard's week, counted on a big school: a statement of ten seconds on the page's own read
    connection (1000 rows of 10 ms; SQLite checks for conn.interrupt() between them). Returns the event
    set once it runs and the list its end is put in (the error it raised, or "ran out")."""
    from ui.pages import dashboard

    running = threading.Event()
    ended: list[object] = []
    real = dashboard.load_week

    def slow(db, *args, **kwargs):
        db.conn.create_function("pause", 1, lambda seconds: time.sleep(seconds))
        running.set()
        try:
            db.execute(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)"
                " SELECT max(pause(0.01)) FROM n"
            ).fetchall()
        except Exception as error:
            ended.append(error)
            raise
        ended.append("ran out")
        return real(db, *args, **kwargs)

    monkeypatch.setattr(dashboard, "load_week", slow)
    return running, ended


def test_closing_the_window_while_the_dashboard_draws_stops_its_work_at_once(
    qtbot, tmp_path, errors, log_file, monkeypatch
):
    """Closing the window while a background task ran (the 校长看板 still drawing after opening, a 校长周报
    being generated) took 5 s: the close waited the task out and nothing told it to stop; the worker then
    ran on past the app. Now the close cancels the running tasks and interrupts their reads."""
    from ui.app import open_window

    path = tmp_path / "school.sqlite"
    single_user_school(path, "第一小学")
    running, ended = slow_dashboard(monkeypatch)
    window = open_window(path, TODAY)
    qtbot.addWidget(window)
    qtbot.waitUntil(running.is_set, timeout=20_000)  # the first page is built once the window painted
    assert window.current_key() == "dashboard"
    task = window.pages["dashboard"].task
    began = time.monotonic()
    window.close()
    took = time.monotonic() - began
    assert not window.isVisible()
    assert [str(error) for error in ended] == ["interrupted"]  # given up, not run out
    assert took < 3.0  # well inside the close's 5 s bound: not waited out
    assert not task.is_running and task.control.cancelled()
    assert errors == []
    assert "内部错误" not in log_file.read_text(encoding="utf-8")


CLOSE_WHILE_DRAWING = """
import sys, threading, time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from fivemgmt import school, users
from fivemgmt.actor import SYSTEM
from fivemgmt.session import open_db
from ui import app as ui_app
from ui.main_window import MainWindow
from ui.pages import dashboard

path = Path(sys.argv[1])
db = open_db(path)
school.save_school(db, SYSTEM, "第一小学", "小学")
school.add_class(db, SYSTEM, 3, 1)
users.set_single_user(db, users.create_first_admin(db, "admin", "Abcd1234!"), "admin")
db.close()
running = threading.Event()

def slow(db, *args, **kwargs):  # eight seconds, unless interrupted; then the worker goes on a little
    db.conn.create_function("pause", 1, lambda seconds: time.sleep(seconds))
    running.set()
    try:
        db.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 800)"
                   " SELECT max(pause(0.01)) FROM n").fetchall()
    finally:
        time.sleep(0.5)
    return {}

dashboard.load_week = slow
app = ui_app.prepare_app()

def close_when_drawing():
    window = next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)), None)
    if running.is_set() and window is not None:
        print("closing", flush=True)
        window.close()
    else:
        QTimer.singleShot(20, close_when_drawing)

QTimer.singleShot(20, close_when_drawing)
sys.exit(ui_app.run_app(path))
"""


def test_the_app_closed_while_its_dashboard_draws_exits_cleanly(tmp_path):
    """The app run as run_app runs it, closed while the dashboard's work ran: the close waited 5 s, the
    worker ran on past app.exec, its emit raised (Signal source has been deleted), and sys.excepthook built a
    message box from the worker thread without a QApplication: the process aborted (exit code 134)."""
    import subprocess
    from pathlib import Path

    from fivemgmt import logs

    script = tmp_path / "close_while_drawing.py"
    script.write_text(CLOSE_WHILE_DRAWING, encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(root),
        logs.LOG_DIR_ENV: str(tmp_path / "logs"),
    }
    began = time.monotonic()
    run = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "school.sqlite")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    took = time.monotonic() - began
    assert run.returncode == 0, run.stderr
    assert "closing" in run.stdout
    assert "Signal source has been deleted" not in run.stderr and "QApplication" not in run.stderr
    assert "内部错误" not in (tmp_path / "logs" / "fivemgmt.log").read_text(encoding="utf-8")
    assert took < 20

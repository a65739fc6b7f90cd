import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from fivemgmt import applock, backup, keys, records, roster, school, users
from fivemgmt.actor import LOCAL_ADMIN
from fivemgmt.areas import homework as hw
from fivemgmt.db import transaction
from fivemgmt.exchange import merge, package, trust
from fivemgmt.session import open_db
from tests.core.people import PASSWORD, add_homework, make_people


@pytest.fixture
def data_page(qtbot, db, db_path, today, sync_tasks, errors):
    from ui.app import create_main_window

    make_people(db)
    window = create_main_window(db, today, users.actor_for(db, "admin"), db_path, start="data")
    qtbot.addWidget(window)
    page = window.show_page("data")
    page.confirm = lambda title, text: True
    page.inform = lambda title, text: None
    return window, page


def test_verify_and_history(data_page, db_path):
    window, page = data_page
    db = window.context.db
    entry = add_homework(db, LOCAL_ADMIN, school.list_classes(db)[1].id, minutes=20)
    with transaction(db):
        records.save(db, hw.ENTRIES, {"id": entry, "minutes": 35}, LOCAL_ADMIN, reason="更正")
    assert page.verify().ok and "审计链完整" in page.verify_label.text()
    entries = page.show_history(hw.ENTRIES, entry)
    assert page.history_view.rowCount() == len(entries) == 2
    assert "20 → 35" in page.history_view.item(1, 3).text() and page.history_view.item(1, 4).text() == "更正"
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE homework_entries SET minutes = 1 WHERE id = ?", [entry])
    conn.commit()
    conn.close()
    assert not page.verify().ok and "绕过本软件修改" in page.verify_label.text()


def test_the_history_tables_are_named_in_chinese(data_page):
    """The 审计记录 tab's table list names every table as people do (it showed rule_overrides, students…)."""
    import re

    window, page = data_page
    choice = page.history_table_choice
    tables = [choice.itemData(i) for i in range(choice.count())]
    assert {"rule_overrides", "students", "accounts", hw.ENTRIES} <= set(tables)
    names = [choice.itemText(i) for i in range(choice.count())]
    assert not [name for name in names if re.search("[A-Za-z_]", name)]
    assert names[tables.index("students")] == "学生名册" and len(set(names)) == len(names)


def test_package_export_and_import_through_the_page(data_page, tmp_path, errors):
    window, page = data_page
    db = window.context.db
    add_homework(db, LOCAL_ADMIN, school.list_classes(db)[1].id)
    page.choose_save_path = lambda *args: tmp_path / "setup.fivemgmt"
    page.export_package(package.KIND_SETUP)
    page.choose_save_path = lambda *args: tmp_path / "records.fivemgmt"
    page.export_package(package.KIND_RECORDS)
    assert "台账记录数据包" in page.exchange_log.toPlainText()
    recovery = keys.format_recovery_key(package.school_key(db))
    window.set_database(
        open_db(tmp_path / "other.sqlite"), window.context.today, LOCAL_ADMIN, tmp_path / "other.sqlite"
    )
    page = window.show_page("data")  # a new PC joining the school: it asks for the school key
    page.confirm = lambda title, text: True
    asked = []
    answers = iter(["1234", recovery])
    page.ask_text = lambda title, label, password=False: asked.append(label) or next(answers)
    page.choose_open_paths = lambda *args: [tmp_path / "setup.fivemgmt", tmp_path / "records.fivemgmt"]
    page.import_packages()
    assert "学校密钥" in asked[0] and len(asked) == 2 and "格式不对" in errors[-1]
    assert "新增" in page.exchange_log.toPlainText() and "加入学校" in page.exchange_log.toPlainText()
    assert window.context.db.execute("SELECT COUNT(*) FROM homework_entries").fetchone()[0] == 1


def test_backup_and_restore_through_the_page(data_page, db_path):
    window, page = data_page
    window.app_lock = applock.AppLock(db_path)
    window.app_lock.acquire()
    page.make_backup()
    assert page.backup_list.count() == 1
    school.add_class(window.context.db, LOCAL_ADMIN, 9, 3)
    page.backup_list.setCurrentRow(0)
    shown = []
    page.confirm = lambda title, text: shown.append(text) or True
    page.restore_selected()
    assert "classes：当前 4 条 → 恢复后 3 条" in shown[0]
    assert len(school.list_classes(window.context.db)) == 3  # the window shows the restored database
    window.app_lock.release()


def test_accounts_tab_follows_the_role(qtbot, db, db_path, today, sync_tasks, errors):
    from ui.app import create_main_window

    people = make_people(db)
    window = create_main_window(db, today, people.head, db_path, start="data")
    qtbot.addWidget(window)
    page = window.show_page("data")
    assert page.accounts_table.rowCount() == 4
    assert not page.add_account_button.isEnabled() and not page.export_setup_button.isEnabled()
    page.choose_save_path = lambda *args: db_path.with_name("mine.fivemgmt")
    page.export_package(package.KIND_RECORDS)
    assert "0 条记录" in page.exchange_log.toPlainText()


def test_first_run_and_login_dialogs(qtbot, db):
    from ui.login import FirstRunDialog, LoginDialog

    first = FirstRunDialog(db)
    qtbot.addWidget(first)
    first.password.setText(PASSWORD)
    first.repeat.setText("different")
    first.submit()
    assert "不一致" in first.message.text() and users.needs_first_run(db)
    first.repeat.setText(PASSWORD)
    first.submit()
    assert first.actor.role == "admin" and not users.needs_first_run(db)
    login = LoginDialog(db, "admin")
    qtbot.addWidget(login)
    login.password.setText("wrong-one")
    login.submit()
    qtbot.waitUntil(lambda: not login.checking)  # the password is checked off the GUI thread
    assert "不正确" in login.message.text() and login.actor is None
    login.password.setText(PASSWORD)
    login.submit()
    qtbot.waitUntil(lambda: not login.checking)
    assert login.actor.username == "admin"


def test_start_session_offers_the_latest_good_backup(qtbot, db, db_path, monkeypatch):
    from ui.login import start_session

    users.create_first_admin(db, "admin", PASSWORD)
    users.set_single_user(db, users.actor_for(db, "admin"), "admin")
    backup.make_backup(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    db_path.write_bytes(db_path.read_bytes()[:4096] + b"\x00" * 40960)
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda parent, title, text: asked.append(text) or QMessageBox.StandardButton.Yes,
    )
    session = start_session(db_path)
    assert asked and "损坏" in asked[0]
    assert session.actor.username == "admin" and backup.check_database(db_path).ok
    with pytest.raises(Exception, match="不能同时"):
        applock.AppLock(db_path).acquire()
    session.close()


def test_screenshot(data_page, tmp_path):
    window, page = data_page
    window.resize(1100, 700)
    page.tabs.setCurrentIndex(3)
    assert not window.grab().isNull()
    window.grab().save(str(tmp_path / "data_page.png"))


@pytest.fixture
def principal_and_teacher(data_page, tmp_path, monkeypatch):
    """The window is the principal's; a teacher's install joined the school; both changed one record."""
    window, page = data_page
    db = window.context.db
    class4 = school.find_class(db, "四年级(1)班").id
    wang = users.actor_for(db, "wang")
    setup = package.export_package(db, LOCAL_ADMIN, tmp_path / "setup", audience=wang)  # registers the PC
    teacher = open_db(tmp_path / "teacher.sqlite")
    merge.import_packages(teacher, LOCAL_ADMIN, [setup.path], school_key=package.school_key(db))
    entry = add_homework(teacher, wang, class4, minutes=20)
    merge.import_packages(db, LOCAL_ADMIN, [package.export_package(teacher, wang, tmp_path / "t1").path])
    with transaction(db):
        records.save(db, hw.ENTRIES, {"id": entry, "minutes": 30}, LOCAL_ADMIN, reason="教导处更正")
    with transaction(teacher):
        records.save(teacher, hw.ENTRIES, {"id": entry, "minutes": 45}, wang)
    path = package.export_package(teacher, wang, tmp_path / "t2").path
    page.choose_open_paths = lambda *args: [path]
    yield window, page, teacher, wang, entry, path
    teacher.close()


def _while_dialog_open(qtbot, page, steps):
    """Run ``steps(dialog)`` once the page's conflict dialog is showing (exec blocks the test)."""
    from PySide6.QtCore import QTimer

    seen = []

    def act():
        dialog = page.conflict_dialog
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(10, act)
            return
        seen.append(dialog)
        steps(dialog)

    QTimer.singleShot(0, act)
    return seen


def test_conflict_dialog_lists_each_conflict_and_the_persons_choice_is_imported(principal_and_teacher, qtbot):
    from PySide6.QtCore import Qt

    window, page, teacher, wang, entry, path = principal_and_teacher
    db = window.context.db
    rows = []

    def steps(dialog):
        table = dialog.table
        rows.append(" | ".join(table.item(0, c).text() for c in range(5)))
        assert not dialog.import_button.isEnabled()  # nothing chosen yet
        qtbot.mouseClick(dialog.take_all_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.keep_buttons[0], Qt.MouseButton.LeftButton)
        assert dialog.import_button.isEnabled()
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    seen = _while_dialog_open(qtbot, page, steps)
    page.import_packages()
    assert seen and rows == ["作业记录 | 四年级(1)班 · 11-25 · 语文 | 预计时长(分钟) | 30 | 45"]
    assert records.get(db, hw.ENTRIES, entry)["minutes"] == 30  # kept, although the package is newer
    assert "冲突：保留本机 1 处，采用数据包 0 处" in page.exchange_log.toPlainText()
    # remembered: the same package again does not ask
    page.inform = lambda title, text: None
    page.conflict_dialog = None
    page.import_packages()
    assert "冲突 0 条" in page.exchange_log.toPlainText().splitlines()[-1]


def test_cancelling_the_conflict_dialog_imports_nothing(principal_and_teacher, qtbot):
    from PySide6.QtCore import Qt

    window, page, teacher, wang, entry, path = principal_and_teacher
    db = window.context.db
    count = db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    _while_dialog_open(
        qtbot, page, lambda dialog: qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    )
    page.import_packages()
    assert records.get(db, hw.ENTRIES, entry)["minutes"] == 30
    assert db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == count
    assert "已取消导入" in page.exchange_log.toPlainText()


def test_the_import_shows_refused_parts_plainly(principal_and_teacher, qtbot, tmp_path):
    """A teacher's package that also changes another class and the rules: the page shows each refused
    part before anything is imported, and imports only the rest (issue 11)."""
    from PySide6.QtCore import Qt

    from fivemgmt import rules

    window, page, teacher, wang, entry, _ = principal_and_teacher
    db = window.context.db
    class8 = school.find_class(db, "八年级(1)班").id
    own = add_homework(
        teacher, LOCAL_ADMIN, school.find_class(db, "四年级(1)班").id, minutes=15, content="口算"
    )
    fake = add_homework(teacher, LOCAL_ADMIN, class8, subject="数学", minutes=200)
    import datetime as dt

    rules.save_override(
        teacher,
        LOCAL_ADMIN,
        "homework.written_daily_max_minutes",
        240,
        1,
        12,
        "自定",
        effective_from=dt.date(2026, 11, 1),
    )
    paths = [
        package.export_package(teacher, LOCAL_ADMIN, tmp_path / "t-setup", kind="setup").path,
        package.export_package(
            teacher, LOCAL_ADMIN, tmp_path / "t-records", kind="records", since="2026-11-25"
        ).path,
    ]
    page.choose_open_paths = lambda *args: paths
    shown = []
    page.confirm = lambda title, text: shown.append(text) or True
    page.resolve_conflicts = lambda conflicts: [setattr(c, "choice", merge.KEEP) for c in conflicts] or True
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    (text,) = shown
    assert "拒绝导入 2 条" in text
    assert "作业记录：八年级(1)班 · 11-25 · 数学（王丽娟无权修改）" in text
    assert "规则调整：homework.written_daily_max_minutes · 值 240（王丽娟无权修改）" in text
    assert "拒绝导入 2 条" in page.exchange_log.toPlainText()
    assert trust.own_fingerprint(db) in page.fingerprint_label.text()
    assert records.get(db, hw.ENTRIES, own)["minutes"] == 15
    assert records.get(db, hw.ENTRIES, fake) is None


def test_a_package_for_one_teacher_through_the_page(data_page, tmp_path, qtbot):
    from PySide6.QtCore import Qt

    window, page = data_page
    db = window.context.db
    for class_name, pupil in (("四年级(1)班", "陈小明"), ("八年级(1)班", "赵子涵")):
        roster.save_student(
            db, LOCAL_ADMIN, {"class_id": school.find_class(db, class_name).id, "name": pupil}
        )
    page.refresh()
    labels = [page.audience_choice.itemText(i) for i in range(page.audience_choice.count())]
    assert (
        labels[0] == "全校（所有班级）" and "教师：王丽娟（wang）" in labels and "班级：八年级(1)班" in labels
    )
    page.audience_choice.setCurrentIndex(labels.index("教师：王丽娟（wang）"))
    page.choose_save_path = lambda title, suggested, filter_text: tmp_path / suggested
    qtbot.mouseClick(page.export_setup_button, Qt.MouseButton.LeftButton)
    (made,) = tmp_path.glob("学校设置-给王丽娟-*.fivemgmt")
    assert "给王丽娟" in page.exchange_log.toPlainText()
    fresh = open_db(tmp_path / "wang-pc.sqlite")
    merge.import_packages(fresh, LOCAL_ADMIN, [made], school_key=package.school_key(db))
    assert [r["name"] for r in records.live_rows(fresh, "students")] == ["陈小明"]
    fresh.close()


def test_recovery_key_export_and_restore_on_a_new_pc_through_the_page(
    data_page, tmp_path, qtbot, monkeypatch, db_path
):
    from PySide6.QtCore import Qt

    window, page = data_page
    db = window.context.db
    info = backup.make_backup(db)
    page.choose_save_path = lambda *args: tmp_path / "恢复密钥.txt"
    qtbot.mouseClick(page.key_export_button, Qt.MouseButton.LeftButton)
    recovery = keys.format_recovery_key(package.school_key(db))
    assert recovery in (tmp_path / "恢复密钥.txt").read_text(encoding="utf-8")
    # a new PC: no key file; a fresh database; the backup file copied over
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "new-pc-config"))
    new_path = tmp_path / "new-pc" / "school.sqlite"
    new_db = open_db(new_path)
    users.create_first_admin(new_db, "admin", "secret-123")
    window.set_database(new_db, window.context.today, users.actor_for(new_db, "admin"), new_path)
    page = window.show_page("data")
    page.confirm = lambda title, text: True
    page.inform = lambda title, text: None
    asked = []
    page.ask_text = lambda title, label, password=False: asked.append(label) or recovery
    page.choose_open_paths = lambda *args: [info.path]
    qtbot.mouseClick(page.restore_file_button, Qt.MouseButton.LeftButton)
    assert asked and "找不到这个密钥" in asked[0]
    assert len(school.list_classes(window.context.db)) == 3  # the school is back


def test_after_a_restore_the_account_is_the_backups_or_signs_in_again(data_page, db_path, monkeypatch):
    """The restored file has the backup's accounts: an account made after the backup must sign in again."""
    from ui import login

    window, page = data_page
    window.app_lock = applock.AppLock(db_path)
    window.app_lock.acquire()
    page.make_backup()
    admin = users.actor_for(window.context.db, "admin")
    users.add_account(window.context.db, admin, "admin2", PASSWORD, "admin", "新管理员")
    window.set_database(
        window.context.db, window.context.today, users.actor_for(window.context.db, "admin2"), db_path
    )
    page = window.show_page("data")
    page.confirm = lambda title, text: True
    page.inform = lambda title, text: None
    asked = []
    monkeypatch.setattr(
        login, "sign_in", lambda db, username, parent: asked.append(username) or users.actor_for(db, "admin")
    )
    page.backup_list.setCurrentRow(0)
    page.restore_selected()
    assert asked == [None]  # admin2 is not in the backup: asked to sign in
    assert window.context.actor.username == "admin"  # the audit trail names who really signs in now
    window.app_lock.release()


def test_excel_import_back_shows_each_row_then_writes(data_page, tmp_path, import_previews, errors):
    import openpyxl

    from fivemgmt.exchange import xlsx

    window, page = data_page
    db = window.context.db
    entry = add_homework(db, LOCAL_ADMIN, school.list_classes(db)[1].id, minutes=20)
    path = tmp_path / "all.xlsx"
    xlsx.export_registers(db, LOCAL_ADMIN, path)
    book = openpyxl.load_workbook(path)
    sheet = book["作业记录"]
    header = [c.value for c in sheet[1]]
    row = next(
        r for r in range(2, sheet.max_row + 1) if sheet.cell(r, header.index("记录编号") + 1).value == entry
    )
    sheet.cell(row, header.index("预计时长(分钟)") + 1).value = 35
    book.save(path)
    page.choose_open_paths = lambda *args: [path]
    page.import_xlsx()
    [preview] = import_previews
    changed = [r for r in preview.rows() if r[1] == "修改"]
    assert len(changed) == 1 and changed[0][0] == str(row) and "工作表“作业记录”" in changed[0][2]
    assert records.get(db, hw.ENTRIES, entry)["minutes"] == 35 and errors == []


# ------------------------------------------------------------------ off the GUI thread (no sync_tasks)


@pytest.fixture
def live_data_page(qtbot, db, db_path, today, errors):
    """The data page with tasks in the background, as in the app."""
    from ui.app import create_main_window

    make_people(db)
    window = create_main_window(db, today, users.actor_for(db, "admin"), db_path, start="data")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.show_page("data")
    page.inform = lambda title, text: informed.append(text)
    informed: list[str] = []
    return window, page, informed


def slowed(monkeypatch, module, name: str, seconds: float = 1.0) -> list:
    """``module.name`` made slow; returns what each call did: (thread, result or exception)."""
    import threading
    import time

    real = getattr(module, name)
    calls: list = []

    def slow(*args, **kwargs):
        time.sleep(seconds)
        try:
            result = real(*args, **kwargs)
        except Exception as error:
            calls.append((threading.current_thread(), error))
            raise
        calls.append((threading.current_thread(), result))
        return result

    monkeypatch.setattr(module, name, slow)
    return calls


def ticking():
    """A timer ticking every 50 ms on the GUI thread: its count says whether the GUI kept running."""
    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.ticks = []
    timer.setInterval(50)
    timer.timeout.connect(lambda: timer.ticks.append(1))
    timer.start()
    return timer


def progress_dialogs() -> list:
    from PySide6.QtWidgets import QApplication, QProgressDialog

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]


def test_verifying_the_chain_keeps_the_window_running(live_data_page, qtbot, monkeypatch, errors):
    """校验审计链 froze the window for 6.5–8 s on a five-year school: it runs in the background now, its
    button off meanwhile, and shows the same result."""
    import threading

    from fivemgmt import audit_verify

    window, page, _ = live_data_page
    page.tabs.setCurrentIndex(2)
    calls = slowed(monkeypatch, audit_verify, "verify")
    timer = ticking()
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    assert not page.verify_button.isEnabled()  # no second check at once
    qtbot.waitUntil(lambda: bool(progress_dialogs()), timeout=5_000)
    assert progress_dialogs()[0].labelText() == "正在校验审计链……"
    qtbot.waitUntil(lambda: page.verify_button.isEnabled(), timeout=10_000)
    timer.stop()
    assert len(timer.ticks) >= 10  # the GUI ran through the second of work
    assert calls[0][0] is not threading.main_thread()
    assert calls[0][1].ok and page.verify_label.text() == calls[0][1].message
    assert page.verify_label.text().startswith("审计链完整") and errors == []


def test_cancelling_the_chain_check_stops_it(live_data_page, qtbot, monkeypatch, errors):
    from fivemgmt import audit_verify

    window, page, _ = live_data_page
    page.tabs.setCurrentIndex(2)
    calls = slowed(monkeypatch, audit_verify, "verify")
    qtbot.mouseClick(page.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(progress_dialogs()), timeout=5_000)
    from PySide6.QtWidgets import QPushButton

    cancel = progress_dialogs()[0].findChild(QPushButton)
    assert cancel.text() == "取消"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.verify_button.isEnabled(), timeout=10_000)
    assert page.verify_label.text() == "已取消校验。" and errors == []
    assert isinstance(calls[0][1], sqlite3.OperationalError)  # its reading was stopped, not run to the end


def test_backup_now_keeps_the_window_running(live_data_page, qtbot, monkeypatch, errors):
    """立即备份 froze the window for 1.3–3 s: it runs in the background with a progress dialog now, its
    button off meanwhile, on a connection of its own; the list shows the new backup as before."""
    import threading

    window, page, informed = live_data_page
    page.tabs.setCurrentIndex(1)
    before = page.backup_list.count()
    calls = slowed(monkeypatch, backup, "make_backup")
    timer = ticking()
    qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    assert not page.backup_button.isEnabled()  # no second backup at once
    qtbot.waitUntil(lambda: bool(progress_dialogs()), timeout=5_000)
    assert progress_dialogs()[0].labelText() == "正在备份……"
    qtbot.waitUntil(lambda: bool(informed), timeout=10_000)
    timer.stop()
    assert len(timer.ticks) >= 10  # the GUI ran through the second of work
    thread, info = calls[0]
    assert thread is not threading.main_thread() and isinstance(info, backup.BackupInfo)
    assert informed == [f"已备份：{info.label}"] and errors == []
    assert page.backup_list.count() == before + 1 and page.backup_list.item(0).text() == info.label
    qtbot.waitUntil(lambda: page.backup_button.isEnabled())


def test_a_failed_backup_is_said_in_chinese(live_data_page, qtbot, monkeypatch, errors):
    window, page, informed = live_data_page
    page.tabs.setCurrentIndex(1)

    def full_disk(*args, **kwargs):
        raise backup.DatabaseError("备份没有完成：磁盘已满。")

    monkeypatch.setattr(backup, "make_backup", full_disk)
    qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert errors == ["备份没有完成：磁盘已满。"] and informed == []
    qtbot.waitUntil(lambda: page.backup_button.isEnabled())

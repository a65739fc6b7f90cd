import sqlite3

import pytest
from PySide6.QtWidgets import QMessageBox

from fivemgmt import backup, records, school, users
from fivemgmt.accounts import LOCAL_ADMIN
from fivemgmt.areas import homework as hw
from fivemgmt.db import open_db, transaction
from fivemgmt.exchange import package
from tests.core.people import PASSWORD, add_homework, make_people


@pytest.fixture
def data_page(qtbot, db, db_path, today, sync_tasks, errors):
    from ui.app import create_main_window

    make_people(db)
    window = create_main_window(db, today, users.actor_for(db, "admin"), db_path)
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


def test_package_export_and_import_through_the_page(data_page, tmp_path):
    window, page = data_page
    db = window.context.db
    add_homework(db, LOCAL_ADMIN, school.list_classes(db)[1].id)
    page.choose_save_path = lambda *args: tmp_path / "setup.fivemgmt"
    page.export_package(package.KIND_SETUP)
    page.choose_save_path = lambda *args: tmp_path / "records.fivemgmt"
    page.export_package(package.KIND_RECORDS)
    assert "台账记录数据包" in page.exchange_log.toPlainText()
    other = open_db(tmp_path / "other.sqlite")
    package.import_packages(other, LOCAL_ADMIN, [tmp_path / "setup.fivemgmt"])
    assert not other.execute("SELECT COUNT(*) FROM homework_entries").fetchone()[0]
    other.close()
    window.set_database(
        open_db(tmp_path / "other.sqlite"), window.context.today, LOCAL_ADMIN, tmp_path / "other.sqlite"
    )
    page = window.show_page("data")
    page.confirm = lambda title, text: True
    page.choose_open_paths = lambda *args: [tmp_path / "records.fivemgmt"]
    page.import_packages()
    assert "新增 1 条" in page.exchange_log.toPlainText()
    assert window.context.db.execute("SELECT COUNT(*) FROM homework_entries").fetchone()[0] == 1


def test_backup_and_restore_through_the_page(data_page, db_path):
    window, page = data_page
    window.app_lock = backup.AppLock(db_path)
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
    window = create_main_window(db, today, people.head, db_path)
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
    assert "不正确" in login.message.text() and login.actor is None
    login.password.setText(PASSWORD)
    login.submit()
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
        backup.AppLock(db_path).acquire()
    session.close()


def test_screenshot(data_page, tmp_path):
    window, page = data_page
    window.resize(1100, 700)
    page.tabs.setCurrentIndex(3)
    assert not window.grab().isNull()
    window.grab().save(str(tmp_path / "data_page.png"))

"""The main window: navigation order, page switching, placeholders, database errors, the app start."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QMessageBox

from ui import main_window
from ui.main_window import PAGES, PageSpec
from ui.pages.placeholder import PlaceholderPage


def test_navigation_lists_the_pages_in_order(window):
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == [
        "作业",
        "睡眠",
        "手机",
        "读物",
        "体质(活动)",
        "课后服务",
        "体质测试",
        "总览",
        "报表",
        "设置",
        "数据与安全",
    ]
    assert window.current_key() == "homework"
    assert "测试小学" in window.school_label.text()


def test_switching_pages_and_placeholder_for_a_page_not_built_yet(window, monkeypatch):
    monkeypatch.setattr(
        main_window, "PAGES", [*PAGES, PageSpec("later", "以后", "ui.pages.not_yet", "LaterPage")]
    )
    window.nav.addItem("以后")
    window.nav.setCurrentRow(len(main_window.PAGES) - 1)
    page = window.stack.currentWidget()
    assert isinstance(page, PlaceholderPage)
    assert "即将推出" in page.message.text()
    setup = window.show_page("setup")
    assert window.stack.currentWidget() is setup
    assert type(setup).__name__ == "SetupPage"


def test_a_broken_page_shows_its_error_and_the_rest_still_works(window, monkeypatch, tmp_path, log_file):
    import sys

    (tmp_path / "broken_page_mod.py").write_text("raise RuntimeError('坏了')\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(main_window, "PAGES", [*PAGES, PageSpec("broken", "坏页", "broken_page_mod", "X")])
    window.nav.addItem("坏页")
    window.nav.setCurrentRow(len(main_window.PAGES) - 1)
    page = window.stack.currentWidget()
    assert isinstance(page, PlaceholderPage) and "坏了" in page.message.text()
    assert f"详情已记录在 {log_file}" in page.message.text()
    assert "页面 broken" in log_file.read_text(encoding="utf-8")
    assert "RuntimeError: 坏了" in log_file.read_text(encoding="utf-8")
    assert window.show_page("homework") is window.stack.currentWidget()
    sys.modules.pop("broken_page_mod", None)


def test_open_request_switches_page_class_and_date(window, small_school):
    window.show_page("setup")
    day = dt.date(2026, 11, 23)
    window.context.open("homework", small_school["class2"], day)
    page = window.stack.currentWidget()
    assert window.current_key() == "homework"
    assert (page.school_class().id, page.day()) == (small_school["class2"], day)
    assert page.top_bar.date_navigator.date() == day


def test_opening_a_file_that_is_not_a_database_shows_a_chinese_error(window, tmp_path, errors):
    bad = tmp_path / "notes.sqlite"
    bad.write_text("这不是数据库", encoding="utf-8")
    assert not window.open_database(bad)
    assert "不是 SQLite 数据库" in errors[-1]
    assert "测试小学" in window.school_label.text()  # still on the old school


def test_opening_another_database_rebuilds_the_pages(window, demo_db_path):
    assert window.open_database(demo_db_path)
    assert "示范区实验学校" in window.school_label.text()
    assert str(demo_db_path) in window.path_label.text()
    page = window.show_page("homework")
    assert page.school_class().name == "一年级(1)班"


def test_run_app_with_a_bad_database_shows_a_message_and_exits_non_zero(qapp, tmp_path, monkeypatch):
    from ui import app

    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"garbage garbage garbage")
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    assert app.run_app(db_path=bad) == app.EXIT_CANNOT_OPEN
    assert "无法打开学校数据库" in shown[0]


def test_english_translation_ships_and_loads(qapp, monkeypatch, db, today):
    from PySide6.QtCore import QCoreApplication

    from ui import app

    monkeypatch.setenv(app.LANG_ENV, "en")
    assert app.ui_language() == "en"
    translators = app.install_translations(qapp, "en")
    try:
        assert QCoreApplication.translate("MainWindow", "作业") == "Homework"
        window = app.create_main_window(db, today, start="homework")
        assert window.nav.item(0).text() == "Homework"
        assert window.menuBar().actions()[0].text() == "&File"
        window.close()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_each_role_starts_where_its_day_starts(qtbot, db, today, sync_tasks, errors):
    """A 班主任 opens on homework of their own class; the principal on the overview; the 督学 on forms."""
    from tests.core.people import make_people
    from ui.app import create_main_window
    from ui.main_window import start_page

    people = make_people(db, with_accounts=False)
    teacher = create_main_window(db, today, people.head)
    qtbot.addWidget(teacher)
    teacher.show()
    qtbot.waitExposed(teacher)
    assert teacher.current_key() == "homework"
    assert teacher.stack.currentWidget().school_class().id == people.classes[4].id  # not the first class
    assert start_page(people.supervisor) == "reports"
    principal = create_main_window(db, today, people.admin)
    qtbot.addWidget(principal)
    assert principal.current_key() == "dashboard"


def test_every_page_fits_a_1366x768_laptop(window, qtbot):
    """The window opens no larger than the screen's free area and no page needs more than 1366×728."""
    from PySide6.QtCore import QRect

    from ui.main_window import initial_size

    class Laptop:
        def availableGeometry(self):
            return QRect(0, 0, 1366, 728)  # 768 less a 40-pixel taskbar

    size = initial_size(Laptop())
    assert size.width() <= 1366 and size.height() + 40 <= 728
    for spec in PAGES:
        window.show_page(spec.key)
        qtbot.wait(1)
        hint = window.minimumSizeHint()
        assert hint.width() <= 1366 and hint.height() <= 728 - 40, (spec.key, hint)


def test_a_supervisor_session_looks_read_only(qtbot, db, today, small_school, sync_tasks, errors):
    from fivemgmt.actor import LOCAL_ADMIN, SUPERVISOR, Actor
    from ui.app import create_main_window

    window = create_main_window(db, today, Actor("du", "督学", SUPERVISOR), start="homework")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.read_only_label.isVisible() and "只读" in window.windowTitle()
    page = window.stack.currentWidget()
    assert not page.add_button.isEnabled() and not page.none_button.isEnabled()
    assert "立即保存" not in page.hint.text() and "只读" in page.hint.text()
    sleep_page = window.show_page("sleep")
    assert not sleep_page.import_button.isEnabled()
    admin = create_main_window(db, today, LOCAL_ADMIN, start="homework")
    qtbot.addWidget(admin)
    assert not admin.read_only_label.isVisibleTo(admin) and "只读" not in admin.windowTitle()

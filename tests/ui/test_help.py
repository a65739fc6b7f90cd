"""Issue 16.18: 帮助 → 使用指南 and 关于, clicked in the menu; tab labels keep their & in English."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QTabWidget

from fivemgmt import backup, logs


def click_help_item(window, qtbot, name):
    """Open the 帮助 menu and click one of its items, as a person would."""
    from PySide6.QtCore import Qt

    bar = window.menuBar()
    menu_action = window.help_menu.menuAction()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(menu_action).center())
    qtbot.waitUntil(window.help_menu.isVisible)
    action = next(a for a in window.help_menu.actions() if a.objectName() == name)
    qtbot.mouseClick(
        window.help_menu, Qt.MouseButton.LeftButton, pos=window.help_menu.actionGeometry(action).center()
    )


def test_the_guide_opens_from_the_help_menu_with_its_pictures(window, qtbot):
    click_help_item(window, qtbot, "guideAction")
    guide = window.guide_window
    qtbot.waitUntil(lambda: guide is not None and guide.isVisible())
    text = guide.browser.toPlainText()
    for chapter in ("每天登记作业", "每周检查", "打印自查表", "在电脑之间传递数据", "备份与恢复"):
        assert chapter in text
    assert "↓" in text and "未达标" in text and "违规" in text
    folder = guide.browser.source().toLocalFile().rsplit("/", 1)[0]
    html = guide.browser.document().toHtml()
    for picture in ("homework", "dashboard", "reports", "exchange", "backup"):
        assert f"img/{picture}.png" in html
        assert (__import__("pathlib").Path(folder) / "img" / f"{picture}.png").stat().st_size > 10_000


def test_about_lists_versions_and_folders(window, qtbot, tmp_path, db):
    window.context.db_path = tmp_path / "school.sqlite"
    click_help_item(window, qtbot, "aboutAction")
    dialog = window.about_dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    text = dialog.plain_text()
    import matplotlib
    import reportlab
    from PySide6 import __version__ as pyside

    from fivemgmt import __version__

    assert __version__ in text and pyside in text and matplotlib.__version__ in text
    assert reportlab.Version in text
    assert str(tmp_path / "school.sqlite") in text
    assert str(backup.backup_dir(tmp_path / "school.sqlite")) in text
    assert str(logs.log_dir()) in text
    assert "Apache-2.0" in text and "WenQuanYi" in text  # the bundled font's licence


@pytest.fixture
def english(qapp):
    from ui import app

    translators = app.install_translations(qapp, "en")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))


def test_english_guide_and_tab_labels_keep_their_ampersand(
    english, qtbot, db, today, small_school, sync_tasks
):
    from ui.app import create_main_window

    window = create_main_window(db, today, start="homework")
    qtbot.addWidget(window)
    window.show()
    window.show_guide()
    assert "User guide" in window.guide_window.browser.toPlainText()
    phone = window.show_page("phone")
    labels = [t.tabText(i) for t in phone.findChildren(QTabWidget) for i in range(t.count())]
    assert "Policies && facilities" in labels  # shown as "Policies & facilities"
    tabs = phone.findChildren(QTabWidget)[0]
    index = labels.index("Policies && facilities")
    assert tabs.tabBar().tabRect(index).width() >= tabs.fontMetrics().horizontalAdvance(
        "Policies & facilities"
    )


def test_every_page_fits_a_1366x768_laptop_in_english(english, qtbot, db, today, small_school, sync_tasks):
    from ui.app import create_main_window
    from ui.main_window import PAGES

    window = create_main_window(db, today, start="homework")
    qtbot.addWidget(window)
    window.show()
    for spec in PAGES:
        window.show_page(spec.key)
        hint = window.minimumSizeHint()
        assert hint.width() <= 1366 and hint.height() <= 728 - 40, (spec.key, hint)
    dashboard = window.show_page("dashboard")
    dashboard.busy.label.setText("Counting and drawing the charts of week 48, 2026 …" * 3)
    dashboard.busy.show()  # while the charts load: the window must not grow for the line
    assert window.minimumSizeHint().width() <= 1366


def test_english_column_headings_fit(english, qtbot, db, today, small_school, sync_tasks):
    from PySide6.QtCore import Qt

    from ui.app import create_main_window
    from ui.widgets.record_table import RecordTableView

    window = create_main_window(db, today, start="homework")
    qtbot.addWidget(window)
    window.show()
    checked = 0
    for key in ("homework", "phone", "sleep", "activity", "afterschool", "fitness"):
        page = window.show_page(key)
        for view in page.findChildren(RecordTableView):
            header, model = view.horizontalHeader(), view.model()
            for position in range(model.columnCount()):
                title = str(model.headerData(position, Qt.Orientation.Horizontal) or "")
                needed = max(header.fontMetrics().horizontalAdvance(t) for t in title.split("\n"))
                if header.sectionResizeMode(position) != header.ResizeMode.Stretch:
                    assert header.sectionSize(position) >= needed, (key, title)
                    checked += 1
    assert checked > 10

"""Homework in seconds: the day's rows listed from the class's 课表, so the teacher types only content and
minutes; without a timetable the page says so and offers the class's usual subjects (issue 16 item 3)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QSpinBox

from fivemgmt import timetable
from fivemgmt.actor import LOCAL_ADMIN
from fivemgmt.areas import homework
from fivemgmt.rules import Status
from tests.ui.conftest import type_text
from ui.models.homework import HomeworkModel


@pytest.fixture
def page(window, small_school):
    page = window.show_page("homework")
    window.open_page("homework", small_school["class4"], small_school["today"])
    return page


def saved(db, small_school, day=None):
    day = day or small_school["today"]
    return homework.entries_between(db, small_school["class4"], day, day)


def focused(qtbot, kind):
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), kind))
    return QApplication.focusWidget()


def test_the_timetable_set_in_its_dialog_lists_the_days_subjects_saved_only_once_typed(
    qtbot, window, page, db, small_school, errors
):
    assert small_school["today"].weekday() == 2  # a Wednesday
    assert page.model.rowCount() == 0 and "还没有课表" in page.plan_label.text()
    qtbot.mouseClick(page.timetable_button, Qt.MouseButton.LeftButton)
    dialog = page.timetable_dialog
    assert dialog.isVisible()
    for weekday, text in {0: "语文、数学、体育", 2: "数学 语文，英语、音乐", 4: "语文"}.items():
        dialog.days[weekday].clear()
        type_text(dialog.days[weekday], text)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert timetable.timetable(db, small_school["class4"])[2] == ["数学", "语文", "英语", "音乐"]

    # Wednesday's subjects are the rows, teachers filled in; nothing is saved and the day is still 未登记
    rows = [(e.subject, e.teacher_name, e.id, e.minutes) for e in page.model.rows]
    assert rows == [
        ("数学", "李老师", None, 0),
        ("语文", "王老师", None, 0),
        ("英语", "", None, 0),
        ("音乐", "", None, 0),
    ]
    assert "按课表列出星期三的学科" in page.plan_label.text()
    minutes = page.model.index(0, HomeworkModel.MINUTES)
    assert minutes.data() in ("", None)  # the minutes are blank to fill in, not 0
    assert saved(db, small_school) == [] and page.status_strip.status is Status.UNLOGGED

    # the cursor waits in the first row's content: type the content, Tab to the minutes, Enter
    assert page.table.currentIndex().row() == 0
    assert page.table.currentIndex().column() == HomeworkModel.CONTENT
    page.table.setFocus()
    type_text(page.table, "练")  # typing on the cell opens its editor
    editor = focused(qtbot, QLineEdit)
    type_text(editor, "习册第12页")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    spin = focused(qtbot, QSpinBox)
    qtbot.keyClicks(spin, "40")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.table.currentIndex().row() == 1)  # Enter moves on to the next subject
    assert [(e.subject, e.content, e.minutes, e.teacher_name) for e in saved(db, small_school)] == [
        ("数学", "练习册第12页", 40, "李老师")
    ]
    assert page.status_strip.status is Status.GREEN  # the listed, untyped rows do not count
    assert page.model.rowCount() == 4

    # back on the day later: the saved entry, then the subjects not logged yet
    window.open_page("homework", small_school["class4"], small_school["today"] - dt.timedelta(days=1))
    assert [e.subject for e in page.model.rows] == []  # Tuesday has no lessons on the timetable
    assert "星期二没有课" in page.plan_label.text()
    window.open_page("homework", small_school["class4"], small_school["today"])
    assert [(e.subject, bool(e.id)) for e in page.model.rows] == [
        ("数学", True),
        ("语文", False),
        ("英语", False),
        ("音乐", False),
    ]
    assert len(saved(db, small_school)) == 1
    assert errors == []


def test_a_day_marked_no_homework_or_a_rest_day_lists_no_subjects(qtbot, window, page, db, small_school):
    timetable.set_timetable(db, LOCAL_ADMIN, small_school["class4"], {d: ["语文", "数学"] for d in range(5)})
    window.open_page("homework", small_school["class4"], small_school["monday"])
    assert [e.subject for e in page.model.rows] == ["语文", "数学"]
    homework.set_no_homework(db, LOCAL_ADMIN, small_school["class4"], small_school["today"])
    window.open_page("homework", small_school["class4"], small_school["today"])
    assert page.model.rowCount() == 0 and page.plan_label.text() == ""
    window.open_page("homework", small_school["class4"], small_school["monday"] + dt.timedelta(days=5))
    assert page.model.rowCount() == 0  # Saturday


def test_without_a_timetable_the_usual_subjects_are_offered_once_clicked(
    qtbot, page, db, small_school, errors
):
    assert page.plan_button.isVisible()
    assert "本班还没有课表" in page.plan_label.text() and "语文、数学" in page.plan_label.text()
    assert page.model.rowCount() == 0  # nothing listed until asked
    qtbot.mouseClick(page.plan_button, Qt.MouseButton.LeftButton)
    assert [(e.subject, e.id) for e in page.model.rows] == [("语文", None), ("数学", None)]
    assert not page.plan_button.isVisible()
    page.add_row()  # 添加一行 still adds a row of its own below the listed ones
    assert page.model.rowCount() == 3
    assert saved(db, small_school) == [] and errors == []

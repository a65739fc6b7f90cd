"""The homework page: typing entries, the status strip, the week strip, past-day reasons, copy, no homework."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QSpinBox

from fivemgmt.accounts import LOCAL_ADMIN
from fivemgmt.areas import homework
from fivemgmt.rules import Status
from tests.ui.conftest import type_text
from ui.models.homework import HomeworkModel


@pytest.fixture
def page(window, small_school):
    page = window.show_page("homework")
    window.open_page("homework", small_school["class4"], small_school["today"])
    return page


def focused_editor(qtbot, kind):
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), kind))
    return QApplication.focusWidget()


def set_cell(page, row, column, value):
    model = page.model
    assert model.setData(model.index(row, column), value)


def test_typing_homework_with_the_keyboard_turns_the_status_from_green_to_red(qtbot, page, db, small_school):
    assert page.school_class().name == "四年级(2)班"
    assert page.status_strip.status is Status.UNLOGGED
    assert page.model.rowCount() == 0

    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter on an empty table adds the first row
    assert page.model.rowCount() == 1
    type_text(focused_editor(qtbot, QLineEdit), "数学")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: page.table.currentIndex().column() == HomeworkModel.CONTENT)
    type_text(focused_editor(qtbot, QLineEdit), "练习册第12页")
    for column in (HomeworkModel.KIND, HomeworkModel.REQUIRED, HomeworkModel.MINUTES):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        qtbot.waitUntil(lambda column=column: page.table.currentIndex().column() == column)
    spin = focused_editor(qtbot, QSpinBox)
    qtbot.keyClicks(spin, "50")
    qtbot.keyClick(spin, Qt.Key.Key_Return)  # commits, and on the last row adds a new one
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)

    saved = homework.entries_between(db, small_school["class4"], small_school["today"], small_school["today"])
    assert [(e.subject, e.content, e.kind, e.required, e.minutes, e.teacher_name) for e in saved] == [
        ("数学", "练习册第12页", "书面", True, 50, "李老师")  # teacher filled in from who teaches 数学
    ]
    assert page.status_strip.status is Status.GREEN
    assert "50" in page.status_strip.reason.text()
    assert page.week_strip.mark_for(small_school["today"]).status is Status.GREEN

    set_cell(page, 0, HomeworkModel.MINUTES, 70)
    assert page.status_strip.status is Status.RED
    assert "超过上限 60" in page.status_strip.reason.text()
    assert page.week_strip.mark_for(small_school["today"]).status is Status.RED


def test_a_blank_new_row_is_not_saved_and_enter_does_not_pile_up_blank_rows(qtbot, page, db, small_school):
    page.add_row()
    page.add_row()
    assert page.model.rowCount() == 1
    set_cell(page, 0, HomeworkModel.MINUTES, 30)  # minutes before the subject: kept, not saved yet
    assert (
        homework.entries_between(db, small_school["class4"], small_school["today"], small_school["today"])
        == []
    )
    set_cell(page, 0, HomeworkModel.SUBJECT, "语文")
    saved = homework.entries_between(db, small_school["class4"], small_school["today"], small_school["today"])
    assert [(e.subject, e.minutes, e.teacher_name) for e in saved] == [("语文", 30, "王老师")]


def test_optional_and_oral_minutes_do_not_count_toward_the_cap(page):
    page.add_row()
    set_cell(page, 0, HomeworkModel.SUBJECT, "数学")
    set_cell(page, 0, HomeworkModel.MINUTES, 50)
    page.add_row()
    set_cell(page, 1, HomeworkModel.SUBJECT, "英语")
    set_cell(page, 1, HomeworkModel.KIND, "口头")
    set_cell(page, 1, HomeworkModel.MINUTES, 40)
    assert page.status_strip.status is Status.GREEN
    set_cell(page, 1, HomeworkModel.KIND, "书面")
    assert page.status_strip.status is Status.RED
    set_cell(page, 1, HomeworkModel.REQUIRED, "选做")
    assert page.status_strip.status is Status.GREEN


def test_written_homework_in_grade_2_is_red_with_the_reason(window, small_school):
    page = window.show_page("homework")
    window.open_page("homework", small_school["class2"], small_school["today"])
    assert page.school_class().grade == 2
    page.add_row()
    set_cell(page, 0, HomeworkModel.SUBJECT, "数学")
    set_cell(page, 0, HomeworkModel.MINUTES, 10)
    assert page.status_strip.status is Status.RED
    assert "不布置书面家庭作业" in page.status_strip.reason.text()


def test_invalid_values_are_refused_and_the_cell_keeps_its_value(page, errors):
    page.add_row()
    set_cell(page, 0, HomeworkModel.SUBJECT, "数学")
    set_cell(page, 0, HomeworkModel.MINUTES, 20)
    model = page.model
    assert not model.setData(model.index(0, HomeworkModel.MINUTES), "abc")
    assert not model.setData(model.index(0, HomeworkModel.KIND), "手抄报")
    assert model.row(0).minutes == 20 and model.row(0).kind == "书面"
    assert len(errors) == 2


def test_no_homework_today_sets_the_week_strip(qtbot, page, small_school):
    assert page.week_strip.mark_for(small_school["today"]).text == "未登记"
    qtbot.mouseClick(page.none_button, Qt.MouseButton.LeftButton)
    mark = page.week_strip.mark_for(small_school["today"])
    assert mark.text == "今日无作业"
    assert mark.status is Status.GREEN
    assert page.status_strip.status is Status.GREEN


def test_week_strip_click_jumps_to_that_day(qtbot, page, small_school):
    monday = small_school["monday"]
    qtbot.mouseClick(page.week_strip.buttons[0], Qt.MouseButton.LeftButton)
    assert page.day() == monday
    assert page.top_bar.date_navigator.date() == monday


def test_editing_a_past_day_asks_for_a_reason_and_cancel_reverts(page, db, small_school, monkeypatch):
    monday = small_school["monday"]
    page.context.selection.set(date=monday)
    asked = []

    def cancel(*args, **kwargs):
        asked.append(args[2])
        return "", False

    monkeypatch.setattr(QInputDialog, "getText", cancel)
    page.add_row()
    assert not page.model.setData(page.model.index(0, HomeworkModel.SUBJECT), "数学")
    assert "作业调整说明" in asked[0]
    assert page.model.row(0).subject == ""
    assert homework.entries_between(db, small_school["class4"], monday, monday) == []

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (asked.append(a[2]) or "补登周一作业", True))
    set_cell(page, 0, HomeworkModel.SUBJECT, "数学")
    set_cell(page, 0, HomeworkModel.MINUTES, 40)  # the same visit: the reason is asked once
    assert len(asked) == 2
    [entry] = homework.entries_between(db, small_school["class4"], monday, monday)
    assert (entry.minutes, entry.adjust_reason) == (40, "补登周一作业")
    audit_reasons = [
        r["reason"] for r in db.query("SELECT reason FROM audit_log WHERE record_id = ?", [entry.id])
    ]
    assert audit_reasons and all(r == "补登周一作业" for r in audit_reasons)


def test_copy_yesterday(qtbot, page, db, small_school):
    yesterday = small_school["today"] - dt.timedelta(days=1)
    for subject, minutes in [("语文", 20), ("数学", 25)]:
        homework.save_entry(
            db,
            LOCAL_ADMIN,
            homework.Entry(None, small_school["class4"], yesterday, subject, "练习", minutes=minutes),
            reason="测试",
            today=yesterday,
        )
    qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    assert [(e.subject, e.minutes, e.date) for e in page.model.rows] == [
        ("语文", 20, small_school["today"]),
        ("数学", 25, small_school["today"]),
    ]
    assert page.status_strip.status is Status.GREEN  # 45 of 60


def test_delete_key_removes_a_saved_row(qtbot, page, db, small_school):
    page.add_row()
    set_cell(page, 0, HomeworkModel.SUBJECT, "数学")
    page.table.setCurrentIndex(page.model.index(0, 0))
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.model.rowCount() == 0
    assert (
        homework.entries_between(db, small_school["class4"], small_school["today"], small_school["today"])
        == []
    )
    assert page.status_strip.status is Status.UNLOGGED


def test_unlogged_classes_for_the_principal(page, db, small_school, monkeypatch):
    from ui.pages.homework import UnloggedClassesDialog

    page.add_row()
    set_cell(page, 0, HomeworkModel.SUBJECT, "数学")
    dialog = UnloggedClassesDialog(page.context, small_school["today"], page)
    names = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert names == ["二年级(1)班"]
    dialog._open(dialog.list.item(0))
    assert page.school_class().name == "二年级(1)班"
    saturday = small_school["monday"] + dt.timedelta(days=5)
    dialog.date_edit.setDate(dialog.date_edit.date().addDays((saturday - small_school["today"]).days))
    assert dialog.list.count() == 0
    assert "不需要登记" in dialog.summary.text()


def test_a_teacher_of_another_class_cannot_edit(window, db, small_school):
    from fivemgmt.accounts import TEACHER, Actor

    teacher = Actor("wang", "王老师", TEACHER, {small_school["class4"]: None})
    window.set_database(db, small_school["today"], teacher, None)
    page = window.show_page("homework")
    assert page.school_class().id == small_school["class4"]  # own class first
    assert page.add_button.isEnabled()
    window.open_page("homework", small_school["class2"])
    assert not page.add_button.isEnabled()


def test_status_strip_follows_minutes_while_typing_before_saving(qtbot, page, db, small_school):
    page.add_row()
    set_cell(page, 0, HomeworkModel.SUBJECT, "数学")
    set_cell(page, 0, HomeworkModel.MINUTES, 40)
    assert page.status_strip.status is Status.GREEN
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, HomeworkModel.MINUTES))
    page.table.edit(page.model.index(0, HomeworkModel.MINUTES))
    spin = focused_editor(qtbot, QSpinBox)
    spin.selectAll()
    qtbot.keyClicks(spin, "75")  # typed, not yet committed with Enter or Tab
    assert page.status_strip.status is Status.RED
    assert "75" in page.status_strip.reason.text()
    saved = homework.entries_between(db, small_school["class4"], small_school["today"], small_school["today"])
    assert [e.minutes for e in saved] == [40]  # nothing saved until the edit is committed


def test_ticking_weekend_homework_counts_it_toward_the_weekend(qtbot, window, db, small_school):
    page = window.show_page("homework")
    friday = dt.date(2026, 11, 27)
    window.open_page("homework", small_school["class4"], friday)
    assert "按本周已登记上课日的平均判定" in page.reading.text() and "整个休息期" in page.reading.text()
    page.add_row()
    set_cell(page, 0, HomeworkModel.SUBJECT, "数学")
    set_cell(page, 0, HomeworkModel.MINUTES, 130)
    assert page.status_strip.status is Status.RED  # 130 on Friday against the daily 60
    model = page.model
    assert model.setData(
        model.index(0, HomeworkModel.FOR_REST), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )
    (saved,) = homework.entries_between(db, small_school["class4"], friday, friday)
    assert saved.for_rest is True
    assert page.status_strip.status is Status.GREEN
    assert "计入 2026-11-28 起的休息期" in page.status_strip.reason.text()
    saturday = homework.class_day(db, page.school_class(), dt.date(2026, 11, 28), small_school["today"])
    assert saturday.period.set_before == 130

"""The 体育活动 page: the PE timetable, filling the week from it, a PE lesson taken over, 大课间 29 vs 30
minutes typed in, a vision screening, and import."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QMessageBox, QSpinBox

from fivemgmt.areas import activity
from fivemgmt.calendar import SchoolCalendar
from fivemgmt.rules import Status
from tests.core.test_imports import write_csv
from tests.ui.conftest import type_text
from tests.ui.test_afterschool_page import editor_of
from ui.models.activity import ActivityModel
from ui.pages.activity import ScreeningDialog, TimetableDialog

MONDAY = dt.date(2026, 11, 23)


@pytest.fixture
def page(window, small_school):
    page = window.show_page("activity")
    window.open_page("activity", small_school["class4"], MONDAY)
    return page


def saved(db, class_id):
    return activity.days_between(db, class_id, MONDAY, MONDAY + dt.timedelta(days=6))


def set_timetable(monkeypatch, page, lessons):
    def fake_exec(dialog):
        for weekday, spin in enumerate(dialog.spins):
            spin.setValue(lessons.get(weekday, 0))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(TimetableDialog, "exec", fake_exec)
    page.timetable_button.click()


def test_timetable_then_week_from_it_then_exceptions(qtbot, page, db, small_school, monkeypatch):
    class4 = small_school["class4"]
    assert page.status_strip.status is Status.UNLOGGED
    set_timetable(monkeypatch, page, {0: 1, 2: 1, 4: 1})
    assert activity.timetable(db, class4) == {0: 1, 1: 0, 2: 1, 3: 0, 4: 1}
    assert "课表每周体育课 3 节，达到要求 3 节" in page.term_label.text()
    assert [r.pe_planned for r in page.model.rows] == [1, 0, 1, 0, 1]

    page.fill_button.click()
    days = saved(db, class4)
    assert [days[d].pe_held for d in sorted(days)] == [1, 0, 1]  # Mon, Tue, Wed (today); PE on Mon and Wed
    assert page.status_strip.status is Status.GREEN

    # Wednesday's PE lesson was taken over by 数学: type 1 in 被占用 and the subject.
    model = page.model
    page.table.setFocus()
    page.table.edit_cell(2, ActivityModel.TAKEN_OVER)
    spin = editor_of(qtbot, page.table, QSpinBox)
    qtbot.keyClicks(spin, "1")
    qtbot.keyClick(spin, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: saved(db, class4)[MONDAY + dt.timedelta(days=2)].pe_taken_over == 1)
    page.table.edit_cell(2, ActivityModel.TAKEN_BY)
    editor = editor_of(qtbot, page.table, QLineEdit)
    type_text(editor, "数学")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: saved(db, class4)[MONDAY + dt.timedelta(days=2)].taken_over_by == "数学")
    wednesday = saved(db, class4)[MONDAY + dt.timedelta(days=2)]
    assert wednesday.pe_held == 0  # a lesson taken over was not held
    assert page.week_strip.mark_for(wednesday.date).status is Status.VIOLATION
    qtbot.mouseClick(page.week_strip.buttons[2], Qt.MouseButton.LeftButton)  # show Wednesday in the strip
    assert page.day() == wednesday.date
    assert page.status_strip.status is Status.VIOLATION
    assert "体育课被数学占用 1 节" in page.status_strip.reason.text()
    assert "被占用 1 节（数学）" in page.week_label.text()

    # 大课间 29 minutes on Monday is red, 30 is green.
    assert model.setData(model.index(0, ActivityModel.BREAK), 29)
    assert page.week_strip.mark_for(MONDAY).status is Status.BELOW
    assert model.setData(model.index(0, ActivityModel.BREAK), 30)
    assert page.week_strip.mark_for(MONDAY).status is Status.GREEN
    # Eye exercises only once on Tuesday.
    assert model.setData(model.index(1, ActivityModel.EYES), 1)
    assert page.week_strip.mark_for(MONDAY + dt.timedelta(days=1)).status is Status.BELOW


def test_first_entry_on_an_unlogged_day_uses_the_defaults(page, db, small_school, errors):
    model = page.model
    assert model.setData(model.index(1, ActivityModel.ACTIVITY), 75)
    day = saved(db, small_school["class4"])[MONDAY + dt.timedelta(days=1)]
    assert (day.break_minutes, day.activity_minutes, day.eye_exercises) == (30, 75, 2)
    # The total cannot be below the 大课间: refused with the core's message, nothing changes.
    assert not model.setData(model.index(1, ActivityModel.ACTIVITY), 20)
    assert "不能少于大课间" in errors[-1]
    assert saved(db, small_school["class4"])[MONDAY + dt.timedelta(days=1)].activity_minutes == 75
    assert not model.setData(model.index(4, ActivityModel.BREAK), 30)  # Friday is after today
    assert "还没到" in errors[-1]


def test_vision_screening_and_import(page, db, small_school, monkeypatch, tmp_path):
    def fake_exec(dialog):
        dialog.date_edit.setDate(dialog.date_edit.date().addDays(-14))
        dialog.count.setValue(38)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ScreeningDialog, "exec", fake_exec)
    page.vision_button.click()
    rows = activity.screenings(db, small_school["class4"], SchoolCalendar(db).term_for(MONDAY))
    assert [(r["date"], r["screened"]) for r in rows] == [("2026-11-09", 38)]
    assert "本学期视力监测：11-09" in page.term_label.text()
    assert "1 次" in page.term_label.text()

    path = write_csv(
        tmp_path / "体育活动.csv",
        [
            ["日期", "班级", "体育课节数", "大课间(分钟)", "校内体育活动(分钟)", "眼保健操次数"],
            ["2026-11-23", "四年级(2)班", "1", "30", "70", "2"],
            ["2026-11-24", "四年级(2)班", "0", "20", "50", "2"],
        ],
    )
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.import_file(path)
    assert len(saved(db, small_school["class4"])) == 2
    assert page.model.rows[1].break_minutes == 20
    assert page.week_strip.mark_for(MONDAY + dt.timedelta(days=1)).status is Status.BELOW


def test_paste_a_week_block_from_a_spreadsheet(qtbot, page, db, small_school, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from ui import tasks

    errors = []
    monkeypatch.setattr(tasks, "show_error", lambda parent, error, title=None: errors.append(str(error)))
    QApplication.clipboard().setText("1\t0\t\t30\t70\t2\r\n1\t0\t\t35分钟\t60\t2\r\n")
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 2))  # Monday, 体育课(节)
    qtbot.keyClick(page.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert not errors
    days = saved(db, small_school["class4"])  # date → the day's record
    assert (days[MONDAY].break_minutes, days[MONDAY].activity_minutes) == (30, 70)
    assert days[MONDAY + dt.timedelta(days=1)].break_minutes == 35

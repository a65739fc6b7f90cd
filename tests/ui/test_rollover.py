"""The set-up page's 学年升级 wizard and 学籍变动 dialog, driven by clicks."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from fivemgmt import roster, school, years
from fivemgmt.actor import LOCAL_ADMIN
from ui.widgets.rollover import MoveStudentDialog, RolloverDialog


def test_rollover_wizard_previews_then_rolls_over(window, db, qtbot, monkeypatch, questions, small_school):
    page = window.show_page("setup")
    seen = []

    def fake_exec(dialog):
        seen.append(dialog)
        assert dialog.to_year.text() == "2027-2028"
        assert not dialog.rollover_button.isEnabled()  # nothing to do before a preview
        dialog.count.setValue(2)
        dialog.clear.setChecked(True)
        qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
        shown = dialog.preview_text.toPlainText()
        assert "四年级(2)班 → 五年级(2)班" in shown and "新建 一年级(2)班" in shown and "全部清空" in shown
        assert years.rolled_years(db) == []  # the preview wrote nothing
        qtbot.mouseClick(dialog.rollover_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(RolloverDialog, "exec", fake_exec)
    qtbot.mouseClick(page.rollover_button, Qt.MouseButton.LeftButton)
    assert seen and seen[0].result() == QDialog.DialogCode.Accepted
    assert any("2027-2028" in q for q in questions)
    assert [c.name for c in school.list_classes(db, year="2027-2028")] == [
        "一年级(1)班",
        "一年级(2)班",
        "三年级(1)班",
        "五年级(2)班",
    ]
    assert school.get_class(db, small_school["class4"], on=dt.date(2027, 9, 1)).head_teacher_id is None
    # the old year is as it was, 班主任 included
    old = school.get_class(db, small_school["class4"], on=dt.date(2026, 11, 25))
    assert old.name == "四年级(2)班" and old.head_teacher_id is not None


def test_move_student_dialog_dates_the_class_change(window, db, qtbot, monkeypatch, small_school):
    page = window.show_page("setup")
    page.tabs.setCurrentIndex(5)  # 学生
    student = roster.save_student(db, LOCAL_ADMIN, {"class_id": small_school["class4"], "name": "小明"})
    page.reload()
    page.student_class.setCurrentIndex(page.student_class.findData(small_school["class4"]))
    page.students.view.setCurrentIndex(page.students.model.index(0, 0))

    def fake_exec(dialog):
        dialog.day.setDate(QDate(2026, 11, 23))
        dialog.target.setCurrentIndex(dialog.target.findData(small_school["class2"]))
        dialog.note.setText("家长申请")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(MoveStudentDialog, "exec", fake_exec)
    qtbot.mouseClick(page.move_button, Qt.MouseButton.LeftButton)
    moves = years.student_moves(db, student)
    assert [(m["kind"], m["date"], m["note"]) for m in moves] == [("转班", "2026-11-23", "家长申请")]
    assert [
        s["name"] for s in school.list_students(db, small_school["class4"], on=dt.date(2026, 11, 20))
    ] == ["小明"]
    assert [s["name"] for s in school.list_students(db, small_school["class2"])] == ["小明"]
    assert page.students.model.rowCount() == 0  # the list of 四年级(2)班 today no longer has him

"""The school set-up page: editing through the core, the roster import preview, rule overrides."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from fivemgmt import calendar, rules, school
from fivemgmt.rules import Rulebook
from ui.pages.setup import RosterPreviewDialog


@pytest.fixture
def setup_page(window):
    return window.show_page("setup")


def section(page, title_start):
    return next(s for s in page.sections if s.title.startswith(title_start))


def cell(sec, row, column, value):
    model = sec.model
    assert model.setData(model.index(row, column), value)


def test_school_name_and_stage_are_saved(setup_page, db, window):
    assert setup_page.school_name.text() == "测试小学"
    setup_page.school_name.setText("实验小学")
    setup_page.save_school()
    assert school.get_school(db)["name"] == "实验小学"
    assert "实验小学" in window.school_label.text()


def test_new_subject_row_is_saved_once_it_has_a_name(setup_page, db):
    subjects = section(setup_page, "学科")
    subjects.add_row()
    row = subjects.model.rowCount() - 1
    cell(subjects, row, 2, 3)  # 起始年级 first: kept in the table only
    assert "科学" not in school.list_subjects(db)
    cell(subjects, row, 0, "科学")
    assert "科学" in school.list_subjects(db, 3) and "科学" not in school.list_subjects(db, 2)


def test_holiday_entry_changes_the_calendar(setup_page, db):
    days = section(setup_page, "节假日")
    days.add_row()
    row = days.model.rowCount() - 1
    cell(days, row, 0, dt.date(2026, 11, 26))
    cell(days, row, 2, "校运会")
    assert calendar.SchoolCalendar(db).kind(dt.date(2026, 11, 26)) is calendar.DayKind.HOLIDAY


def test_overlapping_term_is_refused_with_a_message(setup_page, db, errors):
    terms = section(setup_page, "学期")
    terms.add_row()
    row = terms.model.rowCount() - 1
    for column, value in enumerate(["2026-2027", "第二学期", dt.date(2027, 1, 10), dt.date(2027, 7, 1)]):
        terms.model.setData(terms.model.index(row, column), value)
    assert len(calendar.SchoolCalendar(db).terms) == 1
    assert "重叠" in errors[-1]


def test_head_teacher_is_chosen_from_the_teachers(setup_page, db, small_school):
    classes = section(setup_page, "班级")
    names = [classes.model.row(i)["name"] for i in range(classes.model.rowCount())]
    row = names.index("二年级(1)班")
    cell(classes, row, 1, "李老师")
    class2 = school.get_class(db, small_school["class2"])
    assert school.head_teacher_name(db, class2) == "李老师"


def test_deleting_a_class_with_students_is_refused(setup_page, db, small_school, errors, monkeypatch):
    from fivemgmt.accounts import LOCAL_ADMIN

    school.save_student(db, LOCAL_ADMIN, {"class_id": small_school["class2"], "name": "张三"})
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    setup_page.reload()
    classes = section(setup_page, "班级")
    names = [classes.model.row(i)["name"] for i in range(classes.model.rowCount())]
    classes.delete_row(names.index("二年级(1)班"))
    assert "还有 1 名学生" in errors[-1]
    assert len(school.list_classes(db)) == 2


def test_rule_override_is_saved_marked_and_used(setup_page, db, today):
    overrides = section(setup_page, "规则覆盖")
    row = next(
        i
        for i, r in enumerate(overrides.model.rows)
        if r["rule_id"] == "homework.written_daily_max_minutes" and r["grade_from"] == 3
    )
    cell(overrides, row, 3, "50")
    assert rules.list_overrides(db) == []  # waits for the 覆盖依据
    cell(overrides, row, 4, "省教育厅 2026 年通知")
    rule = Rulebook(db).rule("homework.written_daily_max_minutes", 4, today)
    assert rule.value == 50 and rule.overridden and "省教育厅" in rule.cited
    assert overrides.model.row(row)["override_id"]
    assert overrides.model.row_status(overrides.model.row(row)) is not None  # shown marked
    cell(overrides, row, 3, "")
    assert Rulebook(db).rule("homework.written_daily_max_minutes", 4, today).value == 60


def write_roster(path, rows):
    path.write_text("\n".join(",".join(r) for r in rows), encoding="utf-8-sig")
    return path


def test_roster_import_with_a_bad_file_imports_nothing(setup_page, db, small_school, tmp_path, monkeypatch):
    bad = write_roster(
        tmp_path / "bad.csv",
        [
            ["姓名", "班级", "性别", "学籍号"],
            ["张小明", "四年级(2)班", "男", "G001"],
            ["李小红", "九年级(9)班", "女", "G002"],  # no such class
            ["王小刚", "四年级(2)班", "未知", "G003"],  # bad sex
        ],
    )
    shown = []

    def fake_exec(dialog):
        shown.append(dialog)
        return QDialog.DialogCode.Accepted  # even "accepting" a bad preview must import nothing

    monkeypatch.setattr(RosterPreviewDialog, "exec", fake_exec)
    setup_page.import_roster(bad)
    [dialog] = shown
    assert not dialog.import_button.isEnabled()
    assert dialog.errors.count() == 2
    assert "第 3 行" in dialog.errors.item(0).text() or "第 3 行" in dialog.errors.item(1).text()
    assert "不会导入任何数据" in dialog.verdict.text()
    assert school.list_students(db, small_school["class4"]) == []


def test_roster_import_with_a_good_file(setup_page, db, small_school, tmp_path, monkeypatch):
    good = write_roster(
        tmp_path / "good.csv",
        [
            ["学生姓名", "性别", "班级", "全国学籍号", "出生日期"],
            ["张小明", "男", "四年级(2)班", "G001", "2016-03-01"],
            ["李小红", "女", "四年级2班", "G002", "2016-05-20"],
        ],
    )
    shown = []
    monkeypatch.setattr(RosterPreviewDialog, "exec", lambda d: shown.append(d) or QDialog.DialogCode.Accepted)
    setup_page.student_class.setCurrentIndex(setup_page.student_class.findData(small_school["class4"]))
    setup_page.import_roster(good)
    assert "新增 2 名" in shown[0].summary.text()
    assert [s["name"] for s in school.list_students(db, small_school["class4"])] == ["张小明", "李小红"]
    assert setup_page.students.model.rowCount() == 2  # the table refreshed


def test_a_teacher_sees_set_up_read_only(window, db, small_school):
    from fivemgmt.accounts import TEACHER, Actor

    window.set_database(
        db, small_school["today"], Actor("wang", "王老师", TEACHER, {small_school["class4"]: None}), None
    )
    page = window.show_page("setup")
    assert all(not s.add_button.isVisible() and not s.delete_button.isVisible() for s in page.sections)


def test_rule_override_asks_for_its_start_date(setup_page, db, today):
    overrides = section(setup_page, "规则覆盖")
    row = next(
        i
        for i, r in enumerate(overrides.model.rows)
        if r["rule_id"] == "homework.written_daily_max_minutes" and r["grade_from"] == 3
    )
    header = overrides.model.headerData(5, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    assert header == "起用日期" and overrides.model.row(row)["effective_from"] == today
    start = dt.date(2026, 12, 1)
    cell(overrides, row, 3, "50")
    cell(overrides, row, 5, start)
    cell(overrides, row, 4, "省教育厅 2026 年通知")
    book = Rulebook(db)
    assert book.value("homework.written_daily_max_minutes", 4, today) == 60  # not yet in force
    rule = book.rule("homework.written_daily_max_minutes", 4, start)
    assert rule.value == 50 and "自 2026-12-01 起" in rule.cited

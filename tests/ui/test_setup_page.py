"""The school set-up page: editing through the core, the roster import preview, rule overrides."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from fivemgmt import calendar, roster, rules, school
from fivemgmt.actor import LOCAL_ADMIN
from fivemgmt.rules import Rulebook
from ui.widgets.import_flow import ImportPreviewDialog


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
    from fivemgmt.actor import LOCAL_ADMIN

    roster.save_student(db, LOCAL_ADMIN, {"class_id": small_school["class2"], "name": "张三"})
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


def test_a_rule_of_choices_is_shown_and_typed_by_its_names(setup_page, db, today):
    """平均完成时间的计算范围 read "week 范围"; the school types 逐日判定 and the rule becomes "day"."""
    from fivemgmt.areas import homework as hw

    overrides = section(setup_page, "规则覆盖")
    row = next(i for i, r in enumerate(overrides.model.rows) if r["rule_id"] == hw.WINDOW_RULE)
    shown = overrides.model.data(overrides.model.index(row, 2), Qt.ItemDataRole.DisplayRole)
    assert shown == "按周平均"
    cell(overrides, row, 3, "逐日判定")
    cell(overrides, row, 4, "区教育局要求逐日控制")
    assert Rulebook(db).value(hw.WINDOW_RULE, 4, today) == hw.WINDOW_DAY
    assert overrides.model.data(overrides.model.index(row, 3), Qt.ItemDataRole.DisplayRole) == "逐日判定"
    texts = [
        overrides.model.data(overrides.model.index(r, c), Qt.ItemDataRole.DisplayRole)
        for r in range(overrides.model.rowCount())
        for c in (2, 3)
    ]
    assert not [t for t in texts if t and ("week" in t or "day" in t)]
    with pytest.raises(Exception, match="按周平均（week）、逐日判定（day）"):
        rules.parse_override_value(hw.WINDOW_RULE, "每月")


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

    monkeypatch.setattr(ImportPreviewDialog, "exec", fake_exec)
    setup_page.import_roster(bad)
    [dialog] = shown
    assert not dialog.import_button.isEnabled()
    rows = dialog.rows()  # every row of the file: the good one's outcome, the refused ones with the column
    assert [r[:2] for r in rows] == [("2", "新增"), ("3", "拒绝"), ("4", "拒绝")]
    assert "“班级”列" in rows[1][2] and "九年级(9)班" in rows[1][2] and "“性别”列" in rows[2][2]
    assert "张小明" in rows[0][2]
    assert "未导入任何数据" in dialog.summary.text()
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
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda d: shown.append(d) or QDialog.DialogCode.Accepted)
    setup_page.student_class.setCurrentIndex(setup_page.student_class.findData(small_school["class4"]))
    setup_page.import_roster(good)
    assert "新增 2 名" in shown[0].summary.text()
    assert [s["name"] for s in school.list_students(db, small_school["class4"])] == ["张小明", "李小红"]
    assert setup_page.students.model.rowCount() == 2  # the table refreshed


def test_a_teacher_sees_set_up_read_only(window, db, small_school):
    from fivemgmt.actor import TEACHER, Actor

    window.set_database(
        db, small_school["today"], Actor("wang", "王老师", TEACHER, {small_school["class4"]: None}), None
    )
    page = window.show_page("setup")
    assert all(not s.add_button.isVisible() and not s.delete_button.isVisible() for s in page.sections)


A, B, C = "G330106201702131971", "G11010519491231002X", "G330106201703150014"


def write_roster_xlsx(path, rows):
    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def table_rows(dialog):
    return [list(row) for row in dialog.rows()]


def import_by_clicking(qtbot, setup_page, monkeypatch, path):
    """Click 导入名册…, pick the file, look at the preview, click 导入 when it is enabled."""
    from PySide6.QtWidgets import QFileDialog

    from tests.ui.conftest import click_import_when_enabled

    shown = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(ImportPreviewDialog, "exec", click_import_when_enabled(qtbot, shown))
    qtbot.mouseClick(setup_page.import_button, Qt.MouseButton.LeftButton)
    [dialog] = shown
    return dialog


def test_roster_preview_shows_moves_renames_and_left_out_students_by_row(
    qtbot, setup_page, db, small_school, tmp_path, monkeypatch
):
    class4 = small_school["class4"]  # 四年级(2)班
    for seat, name, number in [(1, "周一", A), (2, "吴二", B)]:
        roster.save_student(
            db,
            LOCAL_ADMIN,
            {"class_id": class4, "name": name, "sex": "男", "student_no": number, "seat_no": seat},
        )
    school.add_class(db, LOCAL_ADMIN, 4, 1)
    path = write_roster_xlsx(
        tmp_path / "四年级1班.xlsx",
        [
            ["学号", "姓名", "性别", "班级", "学籍号"],
            [1, "郑甲", "男", "四年级(1)班", C],
            [2, "周易", "男", "四年级(1)班", A],  # 周一 of (2), now in (1) under a new name
        ],
    )
    dialog = import_by_clicking(qtbot, setup_page, monkeypatch, path)
    assert "新增 1 名，修改 1 名（其中移班 1 名、改名 1 名）" in dialog.summary.text()
    assert table_rows(dialog) == [
        ["2", "新增", f"郑甲（{C}）新增到四年级(1)班"],
        ["3", "移动", f"周易（{A}）移班 四年级(2)班 → 四年级(1)班；改名 周一 → 周易；修改学号"],
    ]
    assert dialog.left_out.count() == 0  # the file lists class (1) only: (2)'s students are not its business
    moved = next(s for s in db.query("SELECT * FROM students WHERE student_no = ?", [A]))
    assert (moved["name"], moved["seat_no"]) == ("周易", 2)
    assert [s["name"] for s in school.list_students(db, class4)] == ["吴二"]  # (2)'s other student untouched


def test_roster_preview_lists_refused_rows_with_the_fix_and_imports_nothing(
    qtbot, setup_page, db, small_school, tmp_path, monkeypatch
):
    roster.save_student(
        db, LOCAL_ADMIN, {"class_id": small_school["class4"], "name": "吴二", "sex": "女", "student_no": B}
    )
    path = write_roster_xlsx(
        tmp_path / "名册.xlsx",
        [
            ["班级", "姓名", "性别", "学籍号"],
            ["四年级(2)班", "周一", "男", 330106201702131971],  # typed into a number cell
            ["四年级(2)班", "郑甲", "男", C],
        ],
    )
    dialog = import_by_clicking(qtbot, setup_page, monkeypatch, path)
    assert not dialog.import_button.isEnabled()
    rows = table_rows(dialog)
    assert rows[0][:2] == ["2", "拒绝"] and "“学籍号”列" in rows[0][2]
    assert "请把学籍号列设为文本后重新输入" in rows[0][2]
    assert rows[1][:2] == ["3", "新增"] and "郑甲" in rows[1][2]
    assert len(rows) == 2
    # the class's student the file leaves out is kept, in a section of its own
    assert [dialog.left_out.item(i).text() for i in range(dialog.left_out.count())] == [
        f"四年级(2)班的吴二（{B}）不在文件中：不会删除或移动，仍在四年级(2)班"
    ]
    assert "文件未列出 (1)" in [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert "文件未列出的本班学生 1 名（保留不动）" in dialog.summary.text()
    assert [s["name"] for s in school.list_students(db, small_school["class4"])] == ["吴二"]


def test_students_table_keeps_seat_number_and_student_number_apart(setup_page, db, small_school, errors):
    class4 = small_school["class4"]
    roster.save_student(
        db, LOCAL_ADMIN, {"class_id": small_school["class2"], "name": "吴二", "student_no": B}
    )
    roster.save_student(db, LOCAL_ADMIN, {"class_id": class4, "name": "周一", "student_no": A})
    setup_page.student_class.setCurrentIndex(setup_page.student_class.findData(class4))
    students = setup_page.students
    headers = [
        students.model.headerData(c, Qt.Orientation.Horizontal) for c in range(students.model.columnCount())
    ]
    seat, number = headers.index("学号"), headers.index("学籍号")
    cell(students, 0, seat, "7")
    assert school.list_students(db, class4)[0]["seat_no"] == 7
    students.model.setData(students.model.index(0, number), B)  # 吴二's 学籍号, in another class
    assert "已是二年级(1)班的吴二的学籍号" in errors[-1]
    assert school.list_students(db, class4)[0]["student_no"] == A


def test_makeup_day_records_whose_timetable_it_follows(setup_page, db):
    days = section(setup_page, "节假日")
    days.add_row()
    row = days.model.rowCount() - 1
    cell(days, row, 0, dt.date(2026, 11, 18))
    cell(days, row, 2, "校庆")  # a Wednesday off
    days.add_row()
    row = days.model.rowCount() - 1
    cell(days, row, 0, dt.date(2026, 11, 21))
    cell(days, row, 1, "调休上课")
    cell(days, row, 2, "校庆调休")
    known = calendar.SchoolCalendar(db)
    assert known.kind(dt.date(2026, 11, 21)) is calendar.DayKind.SCHOOL
    assert known.timetable_weekday(dt.date(2026, 11, 21)) == 2  # proposed: the holiday's weekday
    assert days.model.data(days.model.index(row, 3)) == "周三"
    cell(days, row, 3, "周五")
    assert calendar.SchoolCalendar(db).timetable_weekday(dt.date(2026, 11, 21)) == 4


def test_one_class_roster_is_imported_after_the_class_in_its_title_is_confirmed(
    setup_page, db, small_school, tmp_path, monkeypatch
):
    import openpyxl

    book = openpyxl.Workbook()
    for row in (
        ["2026学年四年级(2)班学生名单"],
        ["序号", "姓名", "性别", "学籍号"],
        [1, "张小明", "男", "G001"],
    ):
        book.active.append(row)
    book.active.merge_cells("A1:D1")
    book.save(tmp_path / "名单.xlsx")
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes
    )
    shown = []
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda d: shown.append(d) or QDialog.DialogCode.Accepted)
    setup_page.import_roster(tmp_path / "名单.xlsx")
    assert "四年级(2)班" in asked[0]
    assert len(shown) == 1 and shown[0].import_button.isEnabled()
    assert [s["name"] for s in school.list_students(db, small_school["class4"])] == ["张小明"]


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


def test_fill_holidays_button_fills_the_term_and_says_what_it_could_not(setup_page, db, qtbot):
    """Issue 17: the term 2026-09-01…2027-01-22 gets 国庆/中秋 and their 调休; 2027 is not known yet."""
    setup_page.tabs.setCurrentIndex(1)
    qtbot.mouseClick(setup_page.fill_holidays_button, Qt.MouseButton.LeftButton)
    cal = calendar.SchoolCalendar(db)
    assert cal.kind(dt.date(2026, 10, 1)) is calendar.DayKind.HOLIDAY
    assert cal.kind(dt.date(2026, 10, 10)) is calendar.DayKind.SCHOOL
    days = section(setup_page, "节假日")
    sources = [days.model.index(r, 4).data() for r in range(days.model.rowCount())]
    assert any("国务院办公厅关于2026年部分节假日安排的通知" in (s or "") for s in sources)
    note = setup_page.calendar_note.text()
    assert "已按国务院节假日安排填入 8 天" in note
    assert "2027 年的节假日安排尚未收录" in note and "不作推测" in note


def test_a_new_term_comes_pre_filled(setup_page, db):
    terms = section(setup_page, "学期")
    terms.add_row()
    row = terms.model.rowCount() - 1
    cell(terms, row, 0, "2025-2026")
    cell(terms, row, 1, "第二学期")
    cell(terms, row, 2, dt.date(2026, 3, 2))
    cell(terms, row, 3, dt.date(2026, 7, 10))
    cal = calendar.SchoolCalendar(db)
    assert cal.kind(dt.date(2026, 5, 1)) is calendar.DayKind.HOLIDAY  # 劳动节
    assert cal.kind(dt.date(2026, 5, 9)) is calendar.DayKind.SCHOOL  # Saturday worked
    assert "2025-2026学年第二学期" in setup_page.calendar_note.text()
    assert "暑假 2026-07-11–2026-08-31" in setup_page.vacation_note.text()

import datetime as dt

import openpyxl
from PySide6.QtCore import Qt

from fivemgmt import records, school
from fivemgmt.actor import LOCAL_ADMIN
from fivemgmt.areas import sleep
from fivemgmt.db import transaction
from fivemgmt.rules import Status


def add_students(db, class_id, names):
    with transaction(db):
        for name in names:
            records.save(db, "students", {"class_id": class_id, "name": name}, LOCAL_ADMIN)


def open_page(window, qtbot, class_id):
    page = window.show_page("sleep")
    page.context.selection.set(class_id=class_id)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    return page


def test_grid_entry_saves_and_colours(window, qtbot, db, small_school, errors):
    add_students(db, small_school["class4"], ["张一", "李二"])
    page = open_page(window, qtbot, small_school["class4"])
    model = page.model
    assert [r.name for r in model.rows] == ["张一", "李二"]
    # Typing into the table view: bedtime 2100, Enter, wake 0700.
    page.table.setFocus()
    model.setData(model.index(0, model.BEDTIME), "2100")
    model.setData(model.index(0, model.WAKE), "07:00")
    model.setData(model.index(1, model.BEDTIME), "21:40")
    model.setData(model.index(1, model.WAKE), "6:50")
    saved = {
        r.student_name: r
        for r in sleep.records_between(
            db, [small_school["class4"]], small_school["today"], small_school["today"]
        )
    }
    assert saved["张一"].minutes == 600 and saved["张一"].source == sleep.SPOT_CHECK
    assert saved["李二"].bedtime == dt.time(21, 40)
    assert model.data(model.index(0, model.HOURS)) == "10.0"
    assert model.row(1).verdict.status is Status.BELOW
    assert model.data(model.index(1, 0), Qt.ItemDataRole.BackgroundRole) is not None  # tinted red
    assert "当天已登记 2/2 人" in page.filled_label.text()
    assert page.status_strip.isVisible()
    assert errors == []


def test_bad_time_is_rejected_and_clearing_deletes(window, qtbot, db, small_school, errors):
    add_students(db, small_school["class4"], ["张一"])
    page = open_page(window, qtbot, small_school["class4"])
    model = page.model
    assert not model.setData(model.index(0, model.BEDTIME), "25:70")
    assert errors and "时刻" in errors[-1]
    model.setData(model.index(0, model.BEDTIME), "21:00")
    model.setData(
        model.index(0, model.WAKE), "21:30"
    )  # half an hour: questioned, confirmed, refused by the core
    assert "不合理" in errors[-1]
    assert [
        r.wake_time
        for r in sleep.records_between(
            db, [small_school["class4"]], small_school["today"], small_school["today"]
        )
    ] == [None]
    model.setData(model.index(0, model.BEDTIME), "")
    assert records.live_rows(db, sleep.RECORDS) == []


def test_questionnaire_dialog_maps_and_remembers(window, qtbot, db, small_school, tmp_path, errors):
    add_students(db, small_school["class4"], ["张一", "李二"])
    page = open_page(window, qtbot, small_school["class4"])
    book = openpyxl.Workbook()
    for row in [
        ["提交答卷时间", "孩子姓名", "几点就寝", "几点起床"],
        ["2026/11/20 20:00:00", "张一", "21:00前", "7:00"],
        ["2026/11/20 20:10:00", "李二", "21:00后", "6:40"],
        ["2026/11/20 20:20:00", "王小五", "21:00前", "7:00"],
    ]:
        book.active.append(row)
    path = tmp_path / "q.xlsx"
    book.save(path)
    dialog = page.import_questionnaire(path)
    qtbot.addWidget(dialog)
    assert dialog.combos["student_column"].currentData() == "孩子姓名"
    dialog.set_band("21:00前", "20:50")
    dialog.set_band("21:00后", sleep.BAND_FAIL)
    dialog.check_button.click()
    assert "王小五" in dialog.result.toPlainText() and dialog.import_button.isEnabled()
    assert "第 2 行 新增：" in dialog.result.toPlainText()  # what each row will do
    with qtbot.waitSignal(dialog.imported):
        dialog.import_button.click()
    saved = {
        r.student_name: r
        for r in sleep.records_between(
            db, [small_school["class4"]], dt.date(2026, 11, 1), small_school["today"]
        )
    }
    assert saved["张一"].bedtime == dt.time(20, 50) and saved["李二"].bedtime_ok is False
    again = page.import_questionnaire(path)
    qtbot.addWidget(again)
    assert again.remembered and again.current_mapping()["bedtime_bands"]["21:00前"] == "20:50"
    assert errors == []


def test_schedule_and_monitoring_tabs(window, qtbot, db, small_school, errors):
    add_students(db, small_school["class4"], ["张一"])
    page = open_page(window, qtbot, small_school["class4"])
    page.tabs.setCurrentIndex(3)
    assert page.schedule_checks.rowCount() == 1  # 小学 only
    page.first_class.setTime(page.first_class.time().fromString("08:10", "HH:mm"))
    page.save_schedule_button.click()
    assert sleep.check_schedule(db, small_school["today"])["小学"].status is Status.VIOLATION
    assert "早于 08:20" in page.schedule_checks.item(0, 2).text()
    page.tabs.setCurrentIndex(2)
    assert page.monitoring.rowCount() == len(school.list_classes(db))
    assert errors == []


def test_student_number_column_shows_the_whole_number(window, qtbot, db, small_school):
    with transaction(db):
        for i, name in enumerate(["张一", "李二"]):
            number = f"G1101052021011501010{i}"
            records.save(
                db,
                "students",
                {"class_id": small_school["class4"], "name": name, "student_no": number},
                LOCAL_ADMIN,
            )
    page = open_page(window, qtbot, small_school["class4"])
    table = page.table
    assert page.model.data(page.model.index(0, 0)) == "G11010520210115010100"
    assert table.columnWidth(0) >= table.sizeHintForColumn(0) > 0  # the longest number fits, not cut off


def test_register_import_button_checks_then_writes(
    window, qtbot, db, small_school, tmp_path, errors, monkeypatch, notices, import_previews
):
    from PySide6.QtWidgets import QFileDialog

    add_students(db, small_school["class4"], ["张一", "李二"])
    page = open_page(window, qtbot, small_school["class4"])
    day = small_school["today"].isoformat()
    bad, good = tmp_path / "bad.xlsx", tmp_path / "good.xlsx"
    for path, rows in (
        (
            bad,
            [
                ["日期", "班级", "姓名", "就寝时间", "起床时间"],
                [day, "四年级(2)班", "张一", "21:00", "07:00"],
                [day, "四年级(2)班", "王小五", "21:00", "07:00"],
            ],
        ),
        (
            good,
            [
                ["日期", "班级", "姓名", "就寝时间", "起床时间"],
                [day, "四年级(2)班", "张一", "21:00", "07:00"],
                [day, "四年级(2)班", "李二", "22:10", "06:40"],
            ],
        ),
    ):
        book = openpyxl.Workbook()
        for row in rows:
            book.active.append(row)
        book.save(path)
    assert page.import_register_button.isEnabled() and "就寝时间" in page.import_register_button.toolTip()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    page.import_register_button.click()
    [refused] = import_previews
    assert not refused.import_button.isEnabled() and "未导入任何数据" in refused.summary.text()
    # every row, in the sheet's numbering: the good one's outcome too, and the refused one with why
    [good_row, (row, outcome, why)] = refused.rows()
    assert good_row[:2] == ("2", "新增") and (row, outcome) == ("3", "拒绝") and "王小五" in why
    assert records.live_rows(db, sleep.RECORDS) == []  # all or nothing: nothing written
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(good), ""))
    page.import_register_button.click()
    assert "新增 2" in import_previews[-1].summary.text()
    assert len(records.live_rows(db, sleep.RECORDS)) == 2
    assert "当天已登记 2/2 人" in page.filled_label.text()  # the grid shows what was imported
    assert page.model.row(1).verdict.status is Status.BELOW  # 李二: 22:10 is too late for 四年级
    # it ends by saying what was imported and where to see it
    assert notices[-1].startswith("已导入“good.xlsx”：2 行，新增 2")
    assert small_school["today"].isoformat() in notices[-1] and "睡眠" in notices[-1]


def type_keys(qtbot, page, text: str) -> None:
    """Type as a teacher does: each key goes to whatever has the focus (the table, then its editor)."""
    from PySide6.QtWidgets import QApplication

    for key in text:
        qtbot.keyClick(QApplication.focusWidget() or page.table, key)


def test_enter_goes_bedtime_wake_then_next_student(window, qtbot, db, small_school, errors):
    add_students(db, small_school["class4"], ["张一", "李二"])
    page = open_page(window, qtbot, small_school["class4"])
    model = page.model
    page.table.setFocus()
    page.table.setCurrentIndex(model.index(0, model.BEDTIME))
    from PySide6.QtWidgets import QApplication

    def cursor():
        return page.table.currentIndex().row(), page.table.currentIndex().column()

    for text, then in [("2110", (0, model.WAKE)), ("0650", (1, model.BEDTIME)), ("2130", (1, model.WAKE))]:
        type_keys(qtbot, page, text)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda t=then: cursor() == t and QApplication.focusWidget() is page.table)
    type_keys(qtbot, page, "0640")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.table)
    saved = {
        r.student_name: (r.bedtime, r.wake_time)
        for r in sleep.records_between(
            db, [small_school["class4"]], small_school["today"], small_school["today"]
        )
    }
    assert saved == {
        "张一": (dt.time(21, 10), dt.time(6, 50)),
        "李二": (dt.time(21, 30), dt.time(6, 40)),
    }
    assert errors == []


def test_implausible_times_are_questioned(window, qtbot, db, small_school, errors, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    add_students(db, small_school["class4"], ["张一"])
    page = open_page(window, qtbot, small_school["class4"])
    model = page.model
    asked: list[str] = []
    answer = QMessageBox.StandardButton.No

    def question(parent, title, text, *args):
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    model.setData(model.index(0, model.BEDTIME), "21:00")
    assert asked == []  # a bedtime alone is fine
    model.setData(model.index(0, model.WAKE), "21:45")  # the next student's bedtime typed into 起床
    assert asked and "起床时间 21:45" in asked[-1]
    saved = sleep.records_between(db, [small_school["class4"]], small_school["today"], small_school["today"])
    assert [(r.bedtime, r.wake_time) for r in saved] == [(dt.time(21, 0), None)]  # not saved on "No"
    asked.clear()
    answer = QMessageBox.StandardButton.Yes
    model.setData(model.index(0, model.WAKE), "10:30")  # a late weekend morning, confirmed
    assert asked and "10:30" in asked[-1]
    saved = sleep.records_between(db, [small_school["class4"]], small_school["today"], small_school["today"])
    assert saved[0].wake_time == dt.time(10, 30)
    asked.clear()
    model.setData(model.index(0, model.WAKE), "07:00")  # 10 h: nothing to ask
    assert asked == []


def test_questionable_bounds():
    assert sleep.questionable(dt.time(21, 0), dt.time(7, 0)) == []
    assert sleep.questionable(dt.time(0, 30), dt.time(6, 0)) == []  # a late night, but real: 5.5 h
    assert sleep.questionable(dt.time(18, 59), None) != []
    assert sleep.questionable(dt.time(19, 0), None) == []
    assert sleep.questionable(None, dt.time(3, 59)) != []
    assert sleep.questionable(None, dt.time(4, 0)) == []
    assert sleep.questionable(None, dt.time(10, 0)) == []
    assert sleep.questionable(None, dt.time(10, 1)) != []
    assert sleep.questionable(dt.time(0, 1), dt.time(5, 0)) != []  # 4 h 59 min
    assert sleep.questionable(dt.time(0, 0), dt.time(5, 0)) == []  # 5 h
    assert sleep.questionable(dt.time(19, 0), dt.time(8, 1)) != []  # 13 h 1 min


def test_parent_notice_about_bedtime_is_recorded_by_clicking(window, qtbot, db, small_school, errors):
    from fivemgmt.calendar import SchoolCalendar

    add_students(db, small_school["class4"], ["张一"])
    page = open_page(window, qtbot, small_school["class4"])
    page.tabs.setCurrentIndex(3)
    assert "尚未登记" in page.notice_status.text()
    page.save_notice_button.click()  # no way of telling given: one plain message, nothing saved
    assert errors and "告知家长的方式" in errors[-1]
    term = SchoolCalendar(db).current_or_last_term(small_school["today"])
    assert sleep.parent_notice(db, term.id) is None
    page.notice_date.setDate(page.notice_date.date().addDays(-2))
    page.notice_how.setText("家长会")
    page.save_notice_button.click()
    notice = sleep.parent_notice(db, term.id)
    assert notice.how == "家长会" and notice.notified_on == small_school["today"] - dt.timedelta(days=2)
    assert "已告知家长（家长会）" in page.notice_status.text()


def test_results_tab_and_week_strip_show_the_core_s_results(window, qtbot, db, small_school, errors):
    add_students(db, small_school["class4"], ["张一", "李二"])
    page = open_page(window, qtbot, small_school["class4"])
    monday, today = small_school["monday"], small_school["today"]
    for day in (monday - dt.timedelta(days=7), monday):  # 张一 short of sleep and late to bed twice
        page.context.selection.set(date=day)
        page.model.setData(page.model.index(0, page.model.BEDTIME), "22:00")
        page.model.setData(page.model.index(0, page.model.WAKE), "06:50")
    page.context.selection.set(date=today)
    page.tabs.setCurrentIndex(1)
    result = sleep.class_results(db, page.school_class(), today, today)
    assert (
        result.verdict.reason in page.class_result.text()
        and "平均睡眠不足（这段时间各晚的平均）：张一" in page.class_result.text()
    )
    assert result.grade_verdict.reason in page.grade_result.text()
    assert page.follow_up.rowCount() == 1 and page.follow_up.item(0, 0).text() == "张一"
    assert page.week_strip.mark_for(monday).text == "抽查 1 人"
    assert page.week_strip.mark_for(monday).status is Status.BELOW
    assert page.week_strip.mark_for(today).status is Status.NA  # no sample today: not a missing register
    assert errors == []

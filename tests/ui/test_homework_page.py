"""The homework page: typing entries, the status strip, the week strip, past-day reasons, copy, no homework."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox, QSpinBox

from fivemgmt import school
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
    # Tab goes straight on to the minutes: the kind (书面) and 必做 keep their defaults
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: page.table.currentIndex().column() == HomeworkModel.MINUTES)
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
    assert page.status_strip.status is Status.VIOLATION
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

    today, monday = small_school["today"], small_school["monday"]
    page.add_row()
    set_cell(page, 0, HomeworkModel.SUBJECT, "数学")
    dialog = UnloggedClassesDialog(page.context, today, page)
    dialog.set_period(today, today)
    names = [dialog.list.item(i).text().split("　")[0] for i in range(dialog.list.count())]
    assert names == ["二年级(1)班"]
    dialog._open(dialog.list.item(0))
    assert page.school_class().name == "二年级(1)班"
    saturday = monday + dt.timedelta(days=5)
    if saturday <= today:
        dialog.set_period(saturday, saturday)
        assert dialog.list.count() == 0
        assert "不需要登记" in dialog.summary.text()


def test_unlogged_over_the_week_lists_every_missed_day_and_the_head_teacher(
    qtbot, page, db, small_school, window
):
    """四年级(2)班 logged every school day but one: the week view names that day (not only 'today')."""
    from fivemgmt.calendar import DayKind, SchoolCalendar
    from ui.pages.homework import UnloggedClassesDialog
    from ui.widgets.date_navigator import from_qdate

    today = small_school["today"]
    calendar = SchoolCalendar(db)
    school_days = [
        today - dt.timedelta(days=n)
        for n in range(1, 15)
        if calendar.kind(today - dt.timedelta(days=n)) is DayKind.SCHOOL
    ][:3]
    missed, logged = school_days[1], [school_days[0], school_days[2]]
    for day in logged:
        homework.save_entry(
            db,
            LOCAL_ADMIN,
            homework.Entry(None, small_school["class4"], day, "数学", "练习", "书面", True, 30),
            reason="补登",
            today=today,
        )
    dialog = UnloggedClassesDialog(page.context, today, page)
    qtbot.addWidget(dialog)
    dialog.set_period(school_days[2], school_days[0])
    texts = {
        dialog.list.item(i).text().split("　")[0]: dialog.list.item(i).text()
        for i in range(dialog.list.count())
    }
    assert f"{missed.month}-{missed.day:02d}" in texts["四年级(2)班"] and "王老师" in texts["四年级(2)班"]
    assert "缺 1 天" in texts["四年级(2)班"]
    assert "缺 3 天" in texts["二年级(1)班"]
    assert from_qdate(dialog.to_edit.maximumDate()) == today  # no future days to pick
    qtbot.mouseClick(dialog.this_week_button, Qt.MouseButton.LeftButton)
    assert dialog.period() == (small_school["monday"], today)
    row = next(i for i in range(dialog.list.count()) if dialog.list.item(i).text().startswith("二年级"))
    dialog._open(dialog.list.item(row))
    assert page.school_class().name == "二年级(1)班"


def test_a_teacher_of_another_class_cannot_edit(window, db, small_school):
    from fivemgmt.actor import TEACHER, Actor

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


def test_next_day_button_stays_under_the_mouse(qtbot, page, small_school):
    """Clicking ▶ several times in a row: the button does not move when the weekday label changes."""
    navigator = page.top_bar.date_navigator
    navigator.set_date(small_school["today"] - dt.timedelta(days=2), emit=True)
    positions = []
    for _ in range(3):
        qtbot.wait(1)  # let the layout settle
        positions.append(navigator.next_button.mapTo(page, navigator.next_button.rect().center()))
        qtbot.mouseClick(navigator.next_button, Qt.MouseButton.LeftButton)
    qtbot.wait(1)
    positions.append(navigator.next_button.mapTo(page, navigator.next_button.rect().center()))
    assert navigator.date() == small_school["today"] + dt.timedelta(days=1)  # passed 今天 on the way
    assert len(set((p.x(), p.y()) for p in positions)) == 1


def save_entries(db, class_id, day, today, subjects):
    for subject, minutes in subjects:
        homework.save_entry(
            db,
            LOCAL_ADMIN,
            homework.Entry(None, class_id, day, subject, "练习", minutes=minutes),
            reason="测试",
            today=today,
        )


def test_copy_takes_the_last_logged_day_even_after_no_homework(qtbot, page, db, small_school):
    today, class_id = small_school["today"], small_school["class4"]
    save_entries(db, class_id, today - dt.timedelta(days=3), today, [("语文", 15), ("英语", 10)])
    homework.set_no_homework(
        db, LOCAL_ADMIN, class_id, today - dt.timedelta(days=1), reason="测试", today=today
    )
    qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    assert [(e.subject, e.minutes, e.date) for e in page.model.rows] == [
        ("语文", 15, today),
        ("英语", 10, today),
    ]


def test_copy_from_a_chosen_day(qtbot, page, db, small_school):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDateEdit

    from ui.widgets.date_navigator import to_qdate

    today, class_id = small_school["today"], small_school["class4"]
    chosen = today - dt.timedelta(days=9)
    save_entries(db, class_id, chosen, today, [("数学", 30)])
    save_entries(db, class_id, today - dt.timedelta(days=1), today, [("语文", 5)])

    def pick():
        page.copy_dialog.findChild(QDateEdit).setDate(to_qdate(chosen))
        page.copy_dialog.accept()

    QTimer.singleShot(0, pick)
    qtbot.mouseClick(page.copy_day_button, Qt.MouseButton.LeftButton)
    assert [(e.subject, e.minutes) for e in page.model.rows] == [("数学", 30)]


def test_nothing_to_copy_is_a_notice_not_an_error(qtbot, page, monkeypatch, errors):
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append((title, text)))
    qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1 and shown[0][0] == "提示" and "没有可复制" in shown[0][1]
    assert errors == []


def test_a_future_day_is_asked_about_before_anything_is_saved(qtbot, page, db, small_school, monkeypatch):
    today, class_id = small_school["today"], small_school["class4"]
    tomorrow = today + dt.timedelta(days=1)
    page.context.selection.set(date=tomorrow)
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *args: asked.append(args[2]) or QMessageBox.StandardButton.No
    )
    qtbot.mouseClick(page.none_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and "还没有到" in asked[0]
    assert db.execute(f"SELECT COUNT(*) FROM {homework.DAYS}").fetchone()[0] == 0  # no 今日无作业 saved
    page.add_row()
    set_cell_result = page.model.setData(page.model.index(0, HomeworkModel.SUBJECT), "数学")
    assert not set_cell_result and len(asked) == 2
    assert homework.entries_between(db, class_id, tomorrow, tomorrow) == []


def test_right_click_a_saved_entry_shows_its_change_history(qtbot, page, db, small_school, monkeypatch):
    """修改记录… from the register: fields in Chinese, old → new, who and why; no UUID to paste; values as
    the register shows them (the class by name, 必做 not 1) and the time in the computer's local time
    (it is stored in UTC: a teacher in Beijing saw her evening's edits eight hours early)."""
    import time as time_module
    import zoneinfo

    from PySide6.QtGui import QContextMenuEvent

    from fivemgmt import audit

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time_module.tzset()

    page.add_row()
    set_cell(page, 0, HomeworkModel.SUBJECT, "数学")
    set_cell(page, 0, HomeworkModel.MINUTES, 20)
    set_cell(page, 0, HomeworkModel.MINUTES, 35)
    table = page.table
    rect = table.visualRect(page.model.index(0, HomeworkModel.SUBJECT))
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, rect.center(), table.viewport().mapToGlobal(rect.center())
    )
    QApplication.sendEvent(table.viewport(), event)
    actions = table.context_menu.actions()
    assert [a.text() for a in actions] == ["修改记录…"]
    actions[0].trigger()
    history = table.history_dialog.table
    qtbot.addWidget(table.history_dialog)
    texts = [history.item(r, 3).text() for r in range(history.rowCount())]
    assert "作业记录" in table.history_dialog.windowTitle()
    assert any("学科：数学" in t for t in texts)
    assert any("20 → 35" in t and "分钟" in t for t in texts)
    assert "班级：四年级(2)班" in texts[0] and "必做/选做：必做" in texts[0]
    assert small_school["class4"] not in " ".join(texts) and "已删除" not in texts[0]
    assert "周末/假期作业：否" in texts[0]
    stored = [e["at"] for e in audit.history(db, "homework_entries", page.model.rows[0].id)]
    beijing = [
        dt.datetime.fromisoformat(at)
        .astimezone(zoneinfo.ZoneInfo("Asia/Shanghai"))
        .strftime("%Y-%m-%d %H:%M:%S")
        for at in stored
    ]
    assert [history.item(r, 0).text() for r in range(history.rowCount())] == beijing
    monkeypatch.delenv("TZ")
    time_module.tzset()


def test_full_screen_board_for_a_class_and_a_grade_follows_new_entries(
    qtbot, page, db, small_school, monkeypatch
):
    today, class_id = small_school["today"], small_school["class4"]
    save_entries(db, class_id, today, today, [("语文", 15)])
    page.reload()
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: (args[3][0], True))  # this class
    qtbot.mouseClick(page.board_button, Qt.MouseButton.LeftButton)
    board = page.board
    qtbot.addWidget(board)
    assert board.isFullScreen() or board.windowState() & Qt.WindowState.WindowFullScreen
    assert "四年级(2)班" in board.title.text()
    ((name, table, total),) = board.sections
    assert table.item(0, 0).text() == "语文" and "15" in table.item(0, 4).text()
    page.add_row()
    set_cell(page, 1, HomeworkModel.SUBJECT, "数学")  # typed on the teacher's PC: the screen follows
    ((name, table, total),) = board.sections
    assert table.rowCount() == 2
    qtbot.keyClick(board, Qt.Key.Key_Escape)
    assert not board.isVisible()
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: (args[3][1], True))  # the whole grade
    qtbot.mouseClick(page.board_button, Qt.MouseButton.LeftButton)
    qtbot.addWidget(page.board)
    assert "四年级" in page.board.title.text() and len(page.board.sections) == 1
    page.board.close()


def test_import_button_reads_a_week_sheet_after_the_class_is_confirmed(
    page, db, small_school, tmp_path, monkeypatch, import_previews
):
    import openpyxl
    from PySide6.QtWidgets import QMessageBox

    import ui.widgets.import_flow as import_flow

    book = openpyxl.Workbook()
    for row in (
        ["四年级(2)班第13周作业公示（2026年11月23日—27日）"],
        ["学科", "星期一", "星期二", "星期三", "星期四", "星期五"],
        ["数学", "练习册P20（20分钟）", "口算（10分钟）", "无", "/", "无书面作业"],
        ["语文", "朗读课文（口头10分钟）", None, None, None, None],
    ):
        book.active.append(row)
    book.save(tmp_path / "公示.xlsx")
    monkeypatch.setattr(import_flow, "choose_file", lambda *a: tmp_path / "公示.xlsx")
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes
    )
    reasons = []
    monkeypatch.setattr(
        QInputDialog, "getText", lambda *a, **k: (reasons.append(a[2]) or "补登本周作业", True)
    )
    page.import_button.click()
    assert "四年级(2)班" in asked[0]  # the class from the title, confirmed
    [preview] = import_previews
    assert "检查通过：3 行" in preview.summary.text()
    assert [r[1] for r in preview.rows()] == ["新增"] * 3
    # Monday and Tuesday are past days (today is Wednesday): marked in the preview, one reason asked
    assert [r[2].endswith("（过去的日子，需要作业调整说明）") for r in preview.rows()] == [True, True, True]
    assert len(reasons) == 1 and "2 行是已经过去的日子" in reasons[0]  # the sheet's 数学 and 语文 lines
    monday = homework.entries_between(
        db, small_school["class4"], dt.date(2026, 11, 23), dt.date(2026, 11, 23)
    )
    assert sorted((e.subject, e.kind, e.minutes, e.adjust_reason) for e in monday) == [
        ("数学", "书面", 20, "补登本周作业"),
        ("语文", "口头", 10, "补登本周作业"),
    ]


def test_an_imported_past_day_without_a_reason_imports_nothing_and_clears_no_homework_with_one(
    page, db, small_school, tmp_path, monkeypatch, import_previews, errors
):
    import openpyxl

    import ui.widgets.import_flow as import_flow

    class4, today = small_school["class4"], small_school["today"]
    monday = small_school["monday"]
    homework.set_no_homework(db, LOCAL_ADMIN, class4, monday, reason="补登", today=today)
    book = openpyxl.Workbook()
    book.active.append(["日期", "班级", "学科", "作业内容", "作业类型", "预计时长(分钟)"])
    book.active.append([monday, "四年级(2)班", "数学", "试卷", "书面", 90])
    book.save(tmp_path / "hw.xlsx")
    monkeypatch.setattr(import_flow, "choose_file", lambda *a: tmp_path / "hw.xlsx")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))  # the reason is cancelled
    page.import_button.click()
    assert errors == ["没有填写作业调整说明，未导入任何数据。"]
    assert homework.entries_between(db, class4, monday, monday) == []
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("补登周一的试卷", True))
    page.import_button.click()
    [entry] = homework.entries_between(db, class4, monday, monday)
    assert (entry.minutes, entry.adjust_reason) == (90, "补登周一的试卷")
    day = homework.class_day(db, school.get_class(db, class4), monday, today)
    assert day.state is not homework.DayState.NONE  # 今日无作业 gave way to the 90 minutes


def test_paste_rows_copied_from_a_spreadsheet(qtbot, page, db, small_school, monkeypatch):
    from ui import tasks

    errors = []
    monkeypatch.setattr(tasks, "show_error", lambda parent, error, title=None: errors.append(str(error)))
    day = small_school["today"]
    QApplication.clipboard().setText(
        "数学\t练习册P20\t书面\t必做\t20分钟\r\n语文\t背诵古诗\t口头\t必做\t10\r\n"
    )
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    saved = homework.entries_between(db, small_school["class4"], day, day)
    assert [(e.subject, e.content, e.kind, e.required, e.minutes) for e in saved] == [
        ("数学", "练习册P20", "书面", True, 20),
        ("语文", "背诵古诗", "口头", True, 10),
    ]
    assert page.model.rowCount() == 2 and not errors


def test_a_paste_with_one_bad_cell_changes_nothing_and_names_the_cell(
    qtbot, page, db, small_school, monkeypatch
):
    from ui import tasks

    errors = []
    monkeypatch.setattr(tasks, "show_error", lambda parent, error, title=None: errors.append(str(error)))
    day = small_school["today"]
    QApplication.clipboard().setText("数学\t练习册\t书面\t必做\t20\n语文\t手抄报\t手工\t必做\t半小时\n")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert homework.entries_between(db, small_school["class4"], day, day) == []
    assert len(errors) == 1
    assert "第 2 行“作业类型”" in errors[0] and "第 2 行“预计时长(分钟)”" in errors[0]


def test_a_paste_with_a_row_the_core_refuses_saves_none_of_it(qtbot, window, db, small_school, errors):
    """Every cell reads well, but the core refuses the second row (a 数学 teacher pasting 语文): the first
    row, saved before it, is not kept either, and the table shows what is saved."""
    from fivemgmt.actor import TEACHER, Actor

    teacher = Actor("wang", "王老师", TEACHER, {small_school["class4"]: frozenset({"数学"})})
    window.set_database(db, small_school["today"], teacher, None)
    page = window.show_page("homework")
    window.open_page("homework", small_school["class4"], small_school["today"])
    day = small_school["today"]
    before = db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    QApplication.clipboard().setText("数学\t练习册P20\t书面\t必做\t20\n语文\t背诵古诗\t口头\t必做\t10\n")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert homework.entries_between(db, small_school["class4"], day, day) == []
    assert db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == before
    assert any("语文" in e for e in errors) and "没有粘贴任何内容" in errors[-1]
    assert page.model.rowCount() == 0  # no row shown as saved
    assert not db.conn.in_transaction


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

"""The homework page's status and week strip right after each save typed in, as the core judges the
class-day and its week afresh, while the page's kept strip is only caught up with the rows written."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QSpinBox

from fivemgmt import school
from fivemgmt.areas import homework
from fivemgmt.areas.homework import strip
from fivemgmt.calendar import SchoolCalendar, monday_of
from fivemgmt.rules import Rulebook, Status
from tests.ui.conftest import type_text
from ui.models.homework import HomeworkModel
from ui.widgets.week_strip import day_marks


@pytest.fixture
def page(window, small_school):
    page = window.show_page("homework")
    window.open_page("homework", small_school["class4"], small_school["today"])
    return page


@pytest.fixture
def reads(monkeypatch):
    count = [0]
    read = strip._Strip.read.__func__

    def counted(cls, *args, **kwargs):
        count[0] += 1
        return read(cls, *args, **kwargs)

    monkeypatch.setattr(strip._Strip, "read", classmethod(counted))
    return count


def focused_editor(qtbot, kind):
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), kind))
    return QApplication.focusWidget()


def shows_fresh_judgement(page, db, small_school) -> None:
    """The strips as the core gives them with nothing kept: build_days of the day and of its week."""
    today = small_school["today"]
    school_class = school.get_class(db, small_school["class4"])
    calendar, rules = SchoolCalendar(db), Rulebook(db)
    (status,) = homework.build_days(db, school_class, today, today, today, calendar, rules)
    monday = monday_of(today)
    week = homework.build_days(
        db, school_class, monday, monday + dt.timedelta(days=6), today, calendar, rules
    )
    assert page.status_strip.status is status.verdict.status
    assert page.status_strip.reason.text() == status.verdict.reason
    assert page.status_strip.detail.text() == page._status_of(status).detail
    assert page.week_strip.marks == day_marks([d.result() for d in week], page.day_text, calendar.day_name)


def type_entry(qtbot, page, db, subject: str, content: str, minutes: str) -> None:
    """Type a row with the keyboard into the empty table (Enter adds it) and save it with Enter."""
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    type_text(focused_editor(qtbot, QLineEdit), subject)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: page.table.currentIndex().column() == HomeworkModel.CONTENT)
    type_text(focused_editor(qtbot, QLineEdit), content)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: page.table.currentIndex().column() == HomeworkModel.MINUTES)
    spin = focused_editor(qtbot, QSpinBox)
    qtbot.keyClicks(spin, minutes)
    qtbot.keyClick(spin, Qt.Key.Key_Return)  # the save; on the last row it adds a new one
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)


def set_cell(page, row: int, column: int, value) -> None:
    """A cell edited and committed (the model saves it through the page, as a typed cell is)."""
    assert page.model.setData(page.model.index(row, column), value)


def test_each_save_typed_in_shows_the_fresh_status_and_week_strip(qtbot, page, db, small_school, reads):
    shows_fresh_judgement(page, db, small_school)
    read_before = reads[0]
    type_entry(qtbot, page, db, "数学", "练习册第12页", "35")
    assert page.status_strip.status is Status.GREEN
    shows_fresh_judgement(page, db, small_school)
    set_cell(page, 1, HomeworkModel.SUBJECT, "语文")
    set_cell(page, 1, HomeworkModel.CONTENT, "作文")
    set_cell(page, 1, HomeworkModel.MINUTES, 40)
    assert page.status_strip.status is Status.RED  # 75 minutes: over the cap of 60
    shows_fresh_judgement(page, db, small_school)
    assert "75" in page.week_strip.mark_for(small_school["today"]).text
    # the second row changed to 10 minutes, then deleted
    set_cell(page, 1, HomeworkModel.MINUTES, 10)
    shows_fresh_judgement(page, db, small_school)
    assert page.status_strip.status is Status.GREEN
    page.delete_row(1)  # what the Del key and 删除所选行 do
    shows_fresh_judgement(page, db, small_school)
    assert "35" in page.week_strip.mark_for(small_school["today"]).text
    assert reads[0] == read_before  # every strip after a save came from the rows it wrote

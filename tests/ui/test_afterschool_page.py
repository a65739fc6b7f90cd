"""The 课后服务 page: ticking and typing a week's service, defaults, a day not held, import, end of work."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QSpinBox

from fivemgmt.areas import afterschool
from fivemgmt.rules import Status
from tests.core.test_imports import write_xlsx
from tests.ui.conftest import type_text
from ui.models.afterschool import AfterschoolModel

MONDAY = dt.date(2026, 11, 23)


@pytest.fixture
def page(window, small_school):
    page = window.show_page("afterschool")
    window.open_page("afterschool", small_school["class4"], MONDAY)
    return page


def editor_of(qtbot, table, kind):
    """The open cell editor (found in the view: offscreen windows do not always get keyboard focus)."""

    def find():
        return [w for w in table.viewport().findChildren(kind) if w.isVisible()]

    qtbot.waitUntil(lambda: bool(find()))
    return find()[0]


def saved(db, class_id):
    return afterschool.days_between(db, class_id, MONDAY, MONDAY + dt.timedelta(days=6))


def test_entering_a_day_with_the_keyboard(qtbot, page, db, small_school):
    assert page.status_strip.status is Status.UNLOGGED
    assert [r.date.weekday() for r in page.model.rows] == [0, 1, 2, 3, 4]
    model = page.model
    # Tick 开展: the day is saved with the usual values (120 minutes, to the local end of work).
    assert model.setData(
        model.index(0, AfterschoolModel.HELD), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )
    day = saved(db, small_school["class4"])[MONDAY]
    assert (day.held, day.minutes, day.end_time) == (True, 120, dt.time(17, 30))
    assert page.status_strip.status is Status.GREEN

    page.table.setFocus()
    page.table.edit_cell(0, AfterschoolModel.MINUTES)
    spin = editor_of(qtbot, page.table, QSpinBox)
    qtbot.keyClicks(spin, "110")
    qtbot.keyClick(spin, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: saved(db, small_school["class4"])[MONDAY].minutes == 110)
    assert page.status_strip.status is Status.BELOW
    assert "低于要求 120" in page.status_strip.reason.text()

    page.table.edit_cell(0, AfterschoolModel.END)
    editor = editor_of(qtbot, page.table, QLineEdit)
    editor.clear()
    type_text(editor, "17:50")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: saved(db, small_school["class4"])[MONDAY].end_time == dt.time(17, 50))
    assert model.setData(model.index(0, AfterschoolModel.MINUTES), 125)
    assert page.status_strip.status is Status.GREEN
    assert page.week_strip.mark_for(MONDAY).status is Status.GREEN
    assert "125分 17:50" in page.week_strip.mark_for(MONDAY).text


def test_a_bad_time_is_rejected_and_nothing_saved(page, db, small_school, errors):
    model = page.model
    assert not model.setData(model.index(1, AfterschoolModel.END), "25:70")
    assert errors and "时刻" in errors[-1]
    assert saved(db, small_school["class4"]) == {}


def test_fill_week_then_a_day_not_held(page, db, small_school, errors):
    page.fill_button.click()
    days = saved(db, small_school["class4"])
    assert sorted(days) == [
        MONDAY,
        MONDAY + dt.timedelta(days=1),
        MONDAY + dt.timedelta(days=2),
    ]  # up to today
    assert "本周：✓ 达标" in page.week_label.text()
    page.table.setCurrentIndex(page.model.index(1, AfterschoolModel.HELD))
    page.not_held_button.click()
    assert saved(db, small_school["class4"])[MONDAY + dt.timedelta(days=1)].held is False
    assert "未开展" in page.week_label.text() and page.week_status is Status.BELOW
    # A day after today cannot be entered.
    model = page.model
    assert not model.setData(model.index(4, AfterschoolModel.MINUTES), 120)
    assert "还没到" in errors[-1]


def test_import_and_end_of_work_setting(page, db, small_school, tmp_path, monkeypatch):
    path = write_xlsx(
        tmp_path / "课后服务.xlsx",
        [
            ["日期", "班级", "是否开展", "时长(分钟)", "结束时间", "参加人数"],
            ["2026-11-23", "四年级(2)班", "是", 120, "17:35", 30],
            ["2026-11-24", "四年级(2)班", "是", 120, "17:35", 30],
        ],
    )
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.import_file(path)
    assert len(saved(db, small_school["class4"])) == 2
    assert page.model.rows[0].minutes == 120 and page.status_strip.status is Status.GREEN
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("17:40", True))
    page.end_button.click()
    assert page.status_strip.status is Status.BELOW
    assert "早于当地下班时间 17:40" in page.status_strip.reason.text()


def test_senior_high_class_is_not_applicable(qtbot, window, db, small_school):
    from fivemgmt import records
    from fivemgmt.actor import SYSTEM
    from fivemgmt.db import transaction

    with transaction(db):
        class_id = records.save(db, "classes", {"grade": 10, "number": 1, "name": "高一(1)班"}, SYSTEM)
    page = window.show_page("afterschool")
    window.open_page("afterschool", class_id, MONDAY)
    page.reload()
    assert page.status_strip.status is Status.NA
    assert not page.fill_button.isEnabled()

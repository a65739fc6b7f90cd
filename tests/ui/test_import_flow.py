"""The one import preview of every register page: each row of the file with what the import does to it, the
warnings, and 导入 / 取消 (导入 only when no row is refused); shown here through the 课后服务 page."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from fivemgmt.areas import afterschool
from tests.core.test_imports import write_xlsx
from ui.widgets.import_flow import ImportPreviewDialog

MONDAY = dt.date(2026, 11, 23)
HEADER = ["日期", "班级", "是否开展", "时长(分钟)", "结束时间", "参加人数"]


@pytest.fixture
def page(window, small_school):
    page = window.show_page("afterschool")
    window.open_page("afterschool", small_school["class4"], MONDAY)
    return page


def minutes(db, class_id):
    return [
        d.minutes
        for d in afterschool.days_between(db, class_id, MONDAY, MONDAY + dt.timedelta(days=6)).values()
    ]


def audit_count(db):
    return db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]


def test_preview_lists_each_row_and_cancel_writes_nothing(
    qtbot, page, db, small_school, tmp_path, monkeypatch, import_previews, errors
):
    class_id = small_school["class4"]
    rows = [
        ["课后服务登记表"],  # a title above the header: data starts on row 3 of the sheet
        HEADER,
        ["2026-11-23", "四年级(2)班", "是", 120, "17:35", 30],
        ["2026-11-24", "四年级(2)班", "是", 120, "17:35", 30],
    ]
    page.import_file(write_xlsx(tmp_path / "a.xlsx", rows))  # 导入 clicked by the fixture
    assert minutes(db, class_id) == [120, 120]
    rows[3][3] = 90
    rows.append(["2026-11-25", "四年级(2)班", "是", 100, "17:35", 30])
    cancelled = []

    def click_import(dialog):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    def cancel(dialog):
        cancelled.append(dialog)
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(ImportPreviewDialog, "exec", cancel)
    before = audit_count(db)
    page.import_file(write_xlsx(tmp_path / "b.xlsx", rows))
    [dialog] = cancelled
    assert [r[:2] for r in dialog.rows()] == [("3", "不变"), ("4", "修改"), ("5", "新增")]
    assert "2026-11-24" in dialog.rows()[1][2] and dialog.import_button.isEnabled()
    assert "新增 1，修改 1，不变 1" in dialog.summary.text()
    assert minutes(db, class_id) == [120, 120] and audit_count(db) == before  # 取消: nothing written
    monkeypatch.setattr(ImportPreviewDialog, "exec", click_import)
    page.import_file(write_xlsx(tmp_path / "b.xlsx", rows))
    assert minutes(db, class_id) == [120, 90, 100] and errors == []


def test_a_refused_row_disables_import_and_names_row_and_column(
    page, db, small_school, tmp_path, import_previews, errors
):
    rows = [
        HEADER,
        ["2026-11-23", "四年级(2)班", "是", 120, "17:35", 30],
        ["2026-11-24", "四年级(2)班", "是", "两小时", "17:35", 30],
    ]
    before = audit_count(db)
    page.import_file(write_xlsx(tmp_path / "bad.xlsx", rows))
    [dialog] = import_previews
    assert not dialog.import_button.isEnabled() and dialog.cancel_button.isEnabled()
    assert "未导入任何数据" in dialog.summary.text()
    refused = [r for r in dialog.rows() if r[1] == "拒绝"]
    assert {r[0] for r in refused} == {"3"} and "“时长(分钟)”列：“两小时”不是数字" in refused[0][2]
    assert minutes(db, small_school["class4"]) == [] and audit_count(db) == before
    assert dialog.result() != QDialog.DialogCode.Accepted

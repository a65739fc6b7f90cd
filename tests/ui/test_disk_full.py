"""A full disk while saving from the app: one plain Chinese message, no ``.part`` file, the old file kept
(issue 11, item 14)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from fivemgmt import users
from fivemgmt.actor import LOCAL_ADMIN
from tests import disk
from tests.core.people import make_people
from tests.core.reports_helpers import MONDAY, TODAY, crafted_school
from tests.disk import leftovers

full_disk = disk.full_disk  # the fixture

OLD = b"the file as it was before"


def test_saving_a_report_on_a_full_disk_says_so_in_chinese(
    qtbot, db, tmp_path, sync_tasks, errors, full_disk, monkeypatch
):
    from ui.pages.base import PageContext
    from ui.pages.reports import ReportsPage

    crafted_school(db)
    page = ReportsPage(PageContext(db, TODAY, LOCAL_ADMIN))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.set_period(MONDAY, MONDAY + dt.timedelta(days=6))
    page.select_document("self-inspection")
    out = tmp_path / "out"
    out.mkdir()
    target = out / "自查表.pdf"
    target.write_bytes(OLD)
    full_disk(out)
    monkeypatch.setattr(page, "ask_save_path", lambda: str(target))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert len(errors) == 1 and errors[0].startswith("磁盘空间不足，无法写入“自查表.pdf”"), errors
    assert "Errno" not in errors[0] and "内部错误" not in errors[0]
    assert not page.status.text().startswith("已保存")
    assert target.read_bytes() == OLD and leftovers(out) == []


def test_exporting_every_register_on_a_full_disk_says_so_in_chinese(
    qtbot, db, db_path, today, tmp_path, sync_tasks, errors, full_disk
):
    from ui.app import create_main_window

    make_people(db)
    window = create_main_window(db, today, users.actor_for(db, "admin"), db_path, start="data")
    qtbot.addWidget(window)
    page = window.show_page("data")
    out = full_disk(tmp_path / "out")
    page.choose_save_path = lambda *args: out / "台账.xlsx"
    qtbot.mouseClick(page.xlsx_export_button, Qt.MouseButton.LeftButton)
    assert len(errors) == 1 and errors[0].startswith("磁盘空间不足，无法写入“台账.xlsx”"), errors
    assert not (out / "台账.xlsx").exists() and leftovers(out) == []

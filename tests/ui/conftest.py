"""GUI test fixtures: offscreen Qt (set in tests/conftest.py), synchronous tasks, message boxes captured."""

from __future__ import annotations

import datetime as dt

import pytest

from fivemgmt import records, school
from fivemgmt.actor import LOCAL_ADMIN
from fivemgmt.calendar import ENTRY_HOLIDAY  # noqa: F401 - re-exported for tests that add holidays
from fivemgmt.db import transaction


@pytest.fixture
def sync_tasks():
    """ui.tasks runs work inline (no threads, no progress dialog)."""
    from ui import tasks

    tasks.set_synchronous(True)
    yield
    tasks.set_synchronous(False)


@pytest.fixture
def errors(monkeypatch):
    """Messages the app would show in an error box (nothing pops up)."""
    from ui import tasks

    shown: list[str] = []

    def fake_show_error(parent, error, title=None):
        shown.append(error if isinstance(error, str) else tasks.error_text(error))

    monkeypatch.setattr(tasks, "show_error", fake_show_error)
    return shown


@pytest.fixture(autouse=True)
def questions(monkeypatch):
    """Yes/No questions the app asks (answered Yes, recorded): a modal box would hang an offscreen test."""
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


@pytest.fixture(autouse=True)
def import_previews(monkeypatch, qtbot):
    """Import previews shown (recorded); 导入 is clicked when it is enabled, else the dialog is left as it
    was (a modal dialog would hang an offscreen test)."""

    from ui.widgets.import_flow import ImportPreviewDialog

    shown: list[ImportPreviewDialog] = []
    monkeypatch.setattr(ImportPreviewDialog, "exec", click_import_when_enabled(qtbot, shown))
    return shown


def click_import_when_enabled(qtbot, shown: list):
    """An ``exec`` for a preview dialog: record it, click its 导入 when enabled, else leave it (rejected)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialog

    def fake_exec(dialog):
        shown.append(dialog)
        if dialog.import_button.isEnabled():
            qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
            return dialog.result()
        return QDialog.DialogCode.Rejected

    return fake_exec


@pytest.fixture(autouse=True)
def notices(monkeypatch):
    """Information boxes the app shows (recorded; a modal box would hang an offscreen test)."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a, **k: shown.append(text))
    return shown


@pytest.fixture(autouse=True)
def warnings_shown(monkeypatch):
    """Warning and error boxes the app shows (recorded): a modal box would hang an offscreen test, and so
    would one shown by a background task finishing late (see ``no_task_outlives_its_test``)."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []

    def box(parent, title, text, *args, **kwargs):
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", box)
    monkeypatch.setattr(QMessageBox, "critical", box)
    return shown


@pytest.fixture
def real_boxes(monkeypatch, warnings_shown):
    """The real warning and error boxes, for a test that reads and clicks the box itself."""
    from PySide6.QtWidgets import QMessageBox

    for name, box in _REAL_BOXES.items():
        monkeypatch.setattr(QMessageBox, name, box)


def _real_boxes() -> dict:
    from PySide6.QtWidgets import QMessageBox

    return {"warning": QMessageBox.warning, "critical": QMessageBox.critical}


_REAL_BOXES = _real_boxes()


@pytest.fixture(autouse=True)
def no_task_outlives_its_test(monkeypatch, questions, notices, warnings_shown):
    """Every background task a test started has ended before its boxes are unpatched: a start-up check or
    backup still running when its window closed would otherwise answer in the next test — with a real
    modal box, which hung a CI run."""
    yield
    from ui import tasks

    assert tasks.wait_for_all(120_000), "a background task was still running two minutes after its test"


@pytest.fixture
def log_file(tmp_path, monkeypatch):
    """The log file, in tmp_path (as the app sets it up at start)."""
    from fivemgmt import logs

    monkeypatch.setenv(logs.LOG_DIR_ENV, str(tmp_path / "logs"))
    path = logs.setup()
    yield path
    logs.close()


@pytest.fixture
def small_school(db, today):
    """A 小学 with a term around today, one grade-4 class with subject teachers, and a grade-2 class."""
    actor = LOCAL_ADMIN
    school.save_school(db, actor, "测试小学", "小学")
    with transaction(db):
        records.save(
            db,
            "terms",
            {
                "school_year": "2026-2027",
                "name": "第一学期",
                "start_date": "2026-09-01",
                "end_date": "2027-01-22",
            },
            actor,
        )
    for order, name in enumerate(["语文", "数学", "英语"]):
        school.add_subject(db, actor, name, order)
    class4 = school.add_class(db, actor, 4, 2)
    class2 = school.add_class(db, actor, 2, 1)
    wang = school.add_teacher(db, actor, "王老师")
    li = school.add_teacher(db, actor, "李老师")
    school.assign_teaching(db, actor, wang, class4, "语文")
    school.assign_teaching(db, actor, li, class4, "数学")
    school.set_head_teacher(db, actor, class4, wang)
    return {
        "class4": class4,
        "class2": class2,
        "today": today,
        "monday": today - dt.timedelta(days=today.weekday()),
    }


@pytest.fixture
def window(qtbot, db, today, small_school, sync_tasks, errors):
    from ui.app import create_main_window

    main = create_main_window(db, today, LOCAL_ADMIN, start="homework")  # the admin's overview is slow
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def type_text(widget, text: str) -> None:
    """Type text (Chinese too: QTest.keyClicks only handles ASCII) into a widget as key events."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for char in text:
        key = ord(char.upper()) if char.isascii() and char.isalnum() else 0
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))

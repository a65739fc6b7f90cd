"""The sleep grid: one row per student of the class for one date (``fivemgmt.areas.sleep.GridRow``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from fivemgmt import parsers
from fivemgmt.areas import sleep
from fivemgmt.rules import Status
from ui.models.base import Column, Editor, RecordTableModel, setter


def parse_clock(text: str) -> dt.time | None:
    """'21:30', '2130', '21.30', '21点30' → a time; '' → None. Raises ValueError with a Chinese message."""
    text = str(text or "").strip().replace(".", ":").replace("：", ":")
    if not text:
        return None
    if text.isdigit() and len(text) in (3, 4):
        text = f"{text[:-2]}:{text[-2:]}"
    try:
        return parsers.clock(text)
    except parsers.CellError as error:
        raise ValueError(str(error)) from None


def _validate_clock(text: str) -> str | None:
    try:
        parse_clock(text)
    except ValueError as error:
        return str(error)
    return None


def _set_time(name: str) -> Callable[[sleep.GridRow, object], None]:
    return lambda row, value: setattr(row, name, parse_clock(str(value)))


def _hours(row: sleep.GridRow) -> str:
    return "" if row.hours is None else f"{row.hours:.1f}"


def sleep_columns() -> list[Column]:
    return [
        Column(QCoreApplication.translate("SleepModel", "学籍号"), lambda r: r.student_no, width=150),
        Column(QCoreApplication.translate("SleepModel", "姓名"), lambda r: r.name, width=90),
        Column(
            QCoreApplication.translate("SleepModel", "就寝时间"),
            lambda r: sleep.hm(r.bedtime) or "",
            _set_time("bedtime"),
            validate=_validate_clock,
            width=90,
            tooltip=QCoreApplication.translate(
                "SleepModel", "如 21:10 或 2110；清空就寝和起床时间即删除该生当天记录"
            ),
        ),
        Column(
            QCoreApplication.translate("SleepModel", "起床时间"),
            lambda r: sleep.hm(r.wake_time) or "",
            _set_time("wake_time"),
            validate=_validate_clock,
            width=90,
        ),
        Column(
            QCoreApplication.translate("SleepModel", "睡眠(小时)"),
            _hours,
            width=90,
            tooltip=QCoreApplication.translate("SleepModel", "由就寝和起床时间算出（跨午夜）"),
        ),
        Column(
            QCoreApplication.translate("SleepModel", "来源"),
            lambda r: r.source if r.record_id else "",
            setter("source"),
            Editor.CHOICE,
            choices=sleep.SOURCES,
            width=100,
        ),
        Column(
            QCoreApplication.translate("SleepModel", "结果"), lambda r: r.verdict.reason if r.verdict else ""
        ),
        Column(QCoreApplication.translate("SleepModel", "备注"), lambda r: r.note, setter("note")),
    ]


def row_status(row: sleep.GridRow) -> Status | None:
    return row.verdict.status if row.verdict else None


class SleepGridModel(RecordTableModel):
    record_table = sleep.RECORDS
    NUMBER, NAME, BEDTIME, WAKE, HOURS, SOURCE, RESULT, NOTE = range(8)

    def __init__(self, commit: Callable | None = None) -> None:
        super().__init__(sleep_columns(), commit=commit, row_status=row_status)

    def filled(self) -> int:
        return sum(1 for r in self.rows if r.record_id)

"""The after-school register's week table: one row per school day of the week (课后服务)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from fivemgmt import parsers
from fivemgmt.areas import afterschool
from fivemgmt.rules import Status
from ui.models.base import Column, DayRowsModel, Editor, day_text, setter, verdict_text


@dataclass
class ServiceRow:
    """A day as the table shows it; ``logged`` is False for a day nobody has entered yet."""

    date: dt.date
    logged: bool
    held: bool
    minutes: int | None
    end_time: dt.time | None
    participants: int | None
    status: Status
    reason: str
    day_name: str = ""

    @classmethod
    def from_result(cls, result: afterschool.RegisterDay, day_name: str) -> ServiceRow:
        record = result.record
        if record is None:
            return cls(
                result.date,
                False,
                False,
                None,
                None,
                None,
                result.verdict.status,
                result.verdict.reason,
                day_name,
            )
        return cls(
            result.date,
            True,
            record.held,
            record.minutes,
            record.end_time,
            record.participants,
            result.verdict.status,
            result.verdict.reason,
            day_name,
        )

    def record(self, class_id: str) -> afterschool.ServiceDay:
        return afterschool.ServiceDay(
            class_id, self.date, self.held, self.minutes, self.end_time, self.participants
        )


def _time_text(value: dt.time | None) -> str:
    return value.strftime("%H:%M") if value else ""


def _valid_time(text: str) -> str | None:
    if not text:
        return None
    try:
        parsers.clock(text)
    except parsers.CellError as error:
        return str(error)
    return None


def _set_time(row: ServiceRow, text: str) -> None:
    row.end_time = parsers.clock(text) if text else None


def afterschool_columns() -> list[Column]:
    """日期, 开展, 时长(分钟), 结束时间, 参加人数, 检查结果."""
    return [
        Column(
            QCoreApplication.translate("AfterschoolModel", "日期"),
            lambda r: day_text(r.date),
            width=100,
        ),
        Column(
            QCoreApplication.translate("AfterschoolModel", "开展"),
            lambda r: r.held,
            setter("held"),
            Editor.BOOL,
            width=60,
            tooltip=QCoreApplication.translate("AfterschoolModel", "当天是否开展课后服务"),
        ),
        Column(
            QCoreApplication.translate("AfterschoolModel", "时长(分钟)"),
            lambda r: r.minutes if r.logged and r.held else None,
            setter("minutes"),
            Editor.INT,
            minimum=0,
            maximum=afterschool.MAX_MINUTES,
            width=100,
        ),
        Column(
            QCoreApplication.translate("AfterschoolModel", "结束时间"),
            lambda r: _time_text(r.end_time) if r.logged and r.held else "",
            _set_time,
            validate=_valid_time,
            width=90,
            tooltip=QCoreApplication.translate("AfterschoolModel", "例如 17:40；不得早于当地下班时间"),
        ),
        Column(
            QCoreApplication.translate("AfterschoolModel", "参加人数"),
            lambda r: r.participants if r.logged and r.held else None,
            setter("participants"),
            Editor.INT,
            maximum=300,
            width=90,
        ),
        Column(
            QCoreApplication.translate("AfterschoolModel", "检查结果"),
            lambda r: r,
            display=verdict_text,
            editor=Editor.NONE,
        ),
    ]


class AfterschoolModel(DayRowsModel):
    record_table = afterschool.DAYS
    DATE, HELD, MINUTES, END, PARTICIPANTS, RESULT = range(6)

    def __init__(self, commit: Callable | None = None) -> None:
        super().__init__(afterschool_columns(), commit=commit, row_status=lambda r: r.status)

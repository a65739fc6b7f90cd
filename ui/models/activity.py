"""The daily activity register's week table: one row per school day (体育课, 大课间, 校内活动, 眼保健操)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from fivemgmt.areas import activity
from fivemgmt.rules import Status
from ui.models.base import Column, DayRowsModel, Editor, day_text, setter, verdict_text


@dataclass
class ActivityRow:
    """A day as the table shows it; ``logged`` is False for a day nobody has entered yet."""

    date: dt.date
    logged: bool
    pe_planned: int
    pe_held: int | None
    pe_taken_over: int | None
    taken_over_by: str
    break_minutes: int | None
    activity_minutes: int | None
    eye_exercises: int | None
    status: Status
    reason: str

    @classmethod
    def from_result(cls, result: activity.RegisterDay) -> ActivityRow:
        r = result.record
        if r is None:
            return cls(
                result.date,
                False,
                result.pe_planned,
                None,
                None,
                "",
                None,
                None,
                None,
                result.verdict.status,
                result.verdict.reason,
            )
        return cls(
            result.date,
            True,
            r.pe_planned,
            r.pe_held,
            r.pe_taken_over,
            r.taken_over_by,
            r.break_minutes,
            r.activity_minutes,
            r.eye_exercises,
            result.verdict.status,
            result.verdict.reason,
        )

    def record(self, class_id: str, default: activity.ActivityDay) -> activity.ActivityDay:
        """The core record, with what the row leaves empty taken from the timetable default."""

        def pick(value: int | None, fallback: int) -> int:
            return fallback if value is None else value

        return activity.ActivityDay(
            class_id,
            self.date,
            self.pe_planned if self.logged else default.pe_planned,
            pick(self.pe_held, default.pe_held),
            pick(self.pe_taken_over, 0),
            self.taken_over_by,
            pick(self.break_minutes, default.break_minutes),
            pick(self.activity_minutes, default.activity_minutes),
            pick(self.eye_exercises, default.eye_exercises),
        )


def activity_columns(subjects: Callable[[], Sequence[str]]) -> list[Column]:
    """日期, 课表体育课, 体育课(节), 被占用(节), 占用学科, 大课间(分钟), 校内活动(分钟), 眼保健操(次), 检查结果."""
    return [
        Column(
            QCoreApplication.translate("ActivityModel", "日期"),
            lambda r: day_text(r.date),
            width=95,
        ),
        Column(
            QCoreApplication.translate("ActivityModel", "课表体育课"),
            lambda r: r.pe_planned,
            editor=Editor.NONE,
            width=85,
            tooltip=QCoreApplication.translate("ActivityModel", "本班体育课表当天安排的节数"),
        ),
        Column(
            QCoreApplication.translate("ActivityModel", "体育课(节)"),
            lambda r: r.pe_held,
            setter("pe_held"),
            Editor.INT,
            maximum=activity.MAX_LESSONS_PER_DAY,
            width=85,
            tooltip=QCoreApplication.translate("ActivityModel", "实际上了的体育课节数"),
        ),
        Column(
            QCoreApplication.translate("ActivityModel", "被占用(节)"),
            lambda r: r.pe_taken_over,
            setter("pe_taken_over"),
            Editor.INT,
            maximum=activity.MAX_LESSONS_PER_DAY,
            width=85,
            tooltip=QCoreApplication.translate("ActivityModel", "体育课被其他学科占用的节数"),
        ),
        Column(
            QCoreApplication.translate("ActivityModel", "占用学科"),
            lambda r: r.taken_over_by,
            setter("taken_over_by"),
            completions=subjects,
            width=90,
        ),
        Column(
            QCoreApplication.translate("ActivityModel", "大课间(分钟)"),
            lambda r: r.break_minutes,
            setter("break_minutes"),
            Editor.INT,
            maximum=120,
            width=95,
        ),
        Column(
            QCoreApplication.translate("ActivityModel", "校内活动(分钟)"),
            lambda r: r.activity_minutes,
            setter("activity_minutes"),
            Editor.INT,
            maximum=480,
            width=105,
            tooltip=QCoreApplication.translate("ActivityModel", "校内体育活动总时间，含大课间和体育课"),
        ),
        Column(
            QCoreApplication.translate("ActivityModel", "眼保健操(次)"),
            lambda r: r.eye_exercises,
            setter("eye_exercises"),
            Editor.INT,
            maximum=activity.MAX_EYE_EXERCISES_PER_DAY,
            width=95,
        ),
        Column(
            QCoreApplication.translate("ActivityModel", "检查结果"),
            lambda r: r,
            display=verdict_text,
            editor=Editor.NONE,
        ),
    ]


class ActivityModel(DayRowsModel):
    record_table = activity.DAYS
    DATE, PLANNED, PE_HELD, TAKEN_OVER, TAKEN_BY, BREAK, ACTIVITY, EYES, RESULT = range(9)

    def __init__(self, subjects: Callable[[], Sequence[str]], commit: Callable | None = None) -> None:
        super().__init__(activity_columns(subjects), commit=commit, row_status=lambda r: r.status)

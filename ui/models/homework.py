"""The homework register's table: one row per ``fivemgmt.areas.homework.Entry`` of a class-day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication

from fivemgmt.areas import homework
from ui.models.base import Column, Editor, RecordTableModel, setter


def _set_required(entry: homework.Entry, label: object) -> None:
    entry.required = label == homework.REQUIRED_LABELS[True]


def homework_columns(
    subjects: Callable[[], Sequence[str]], teachers: Callable[[], Sequence[str]]
) -> list[Column]:
    """学科, 作业内容, 作业类型, 必做/选做, 预计时长(分钟), 布置教师, 周末/假期作业."""
    return [
        Column(
            QCoreApplication.translate("HomeworkModel", "学科"),
            lambda e: e.subject,
            setter("subject"),
            completions=subjects,
            width=110,
        ),
        Column(
            QCoreApplication.translate("HomeworkModel", "作业内容"), lambda e: e.content, setter("content")
        ),
        Column(
            QCoreApplication.translate("HomeworkModel", "作业类型"),
            lambda e: e.kind,
            setter("kind"),
            Editor.CHOICE,
            choices=homework.KINDS,
            width=90,
            tooltip=QCoreApplication.translate("HomeworkModel", "只有书面作业计入书面作业时长上限"),
        ),
        Column(
            QCoreApplication.translate("HomeworkModel", "必做/选做"),
            lambda e: homework.REQUIRED_LABELS[e.required],
            _set_required,
            Editor.CHOICE,
            choices=list(homework.REQUIRED_LABELS.values()),
            width=115,
        ),
        Column(
            QCoreApplication.translate("HomeworkModel", "预计时长(分钟)"),
            lambda e: None if e.planned and e.id is None and not e.minutes else e.minutes,  # blank to fill in
            setter("minutes"),
            Editor.INT,
            maximum=600,
            width=120,
        ),
        Column(
            QCoreApplication.translate("HomeworkModel", "布置教师"),
            lambda e: e.teacher_name,
            setter("teacher_name"),
            completions=teachers,
            width=110,
        ),
        Column(
            QCoreApplication.translate("HomeworkModel", "周末/假期作业"),
            lambda e: e.for_rest,
            setter("for_rest"),
            Editor.BOOL,
            width=110,
            tooltip=QCoreApplication.translate(
                "HomeworkModel",
                "勾选：这项作业是为接下来的周末或假期布置的，计入休息期的书面作业总量，不计入当天",
            ),
        ),
    ]


class HomeworkModel(RecordTableModel):
    record_table = homework.ENTRIES
    SUBJECT, CONTENT, KIND, REQUIRED, MINUTES, TEACHER, FOR_REST = range(7)

    def __init__(
        self,
        subjects: Callable[[], Sequence[str]],
        teachers: Callable[[], Sequence[str]],
        commit: Callable | None = None,
    ) -> None:
        super().__init__(homework_columns(subjects, teachers), commit=commit)

    def add_draft(self, class_id: str, day: dt.date) -> int:
        """A new empty row; it is saved once it has a subject."""
        return self.append_row(homework.Entry(None, class_id, day, ""))

    def add_planned(self, class_id: str, day: dt.date, subjects: Sequence[tuple[str, str]]) -> None:
        """Rows for the day's subjects from the timetable, (subject, teacher) each: saved once the teacher
        types their content or minutes."""
        for subject, teacher in subjects:
            self.append_row(homework.Entry(None, class_id, day, subject, teacher_name=teacher, planned=True))

    @staticmethod
    def is_blank(entry: homework.Entry) -> bool:
        """An unsaved row with nothing typed in it (a subject listed from the timetable is not typing)."""
        return (
            entry.id is None
            and (entry.planned or not entry.subject.strip())
            and not entry.content.strip()
            and not entry.minutes
        )

    def saved_entries(self) -> list[homework.Entry]:
        return [e for e in self.rows if e.id]

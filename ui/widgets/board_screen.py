"""作业公示 on a class screen or the school's display: today's homework of a class or a whole grade,
full-screen, refreshed as entries change. The text comes from the printed board (fivemgmt.reports.board).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from fivemgmt import class_names, school
from fivemgmt.records import Changes
from fivemgmt.reports import board

HEADERS = ["学科", "作业内容", "作业类型", "必做/选做", "预计时长", "布置教师"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("BoardScreen", text)


class BoardScreen(QWidget):
    """One class, or every class of a grade (``grade``), for ``day``; Esc closes it."""

    def __init__(self, context, day: dt.date, class_id: str | None = None, grade: int | None = None) -> None:  # noqa: ANN001
        super().__init__(None, Qt.WindowType.Window)
        self.context, self.day, self.class_id, self.grade = context, day, class_id, grade
        self.setWindowTitle(_tr("作业公示"))
        self.setStyleSheet("background: white;")
        self.layout_ = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 28pt; font-weight: bold;")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.layout_.addWidget(self.title)
        self.sections: list[tuple[QLabel, QTableWidget, QLabel]] = []
        hint = QLabel(_tr("按 Esc 退出全屏公示"))
        hint.setStyleSheet("color: #777777;")
        self.layout_.addStretch(1)
        self.layout_.addWidget(hint)
        context.hub.data_changed.connect(self._data_changed)
        self.refresh()

    def classes(self) -> list[school.SchoolClass]:
        classes = school.list_classes(self.context.db)
        if self.grade is not None:
            return [c for c in classes if c.grade == self.grade]
        return [c for c in classes if c.id == self.class_id]

    def refresh(self) -> None:
        for name, table, total in self.sections:
            for widget in (name, table, total):
                widget.deleteLater()
        self.sections = []
        classes = self.classes()
        what = (
            class_names.grade_name(self.grade)
            if self.grade is not None
            else (classes[0].name if classes else "")
        )
        self.title.setText(_tr("{what} 作业公示　{day}").format(what=what, day=board.day_label(self.day)))
        maker = board.Board(self.context.db, self.context.today)
        font = "font-size: 18pt;" if len(classes) == 1 else "font-size: 13pt;"
        for position, school_class in enumerate(classes):
            (result,) = maker.days(school_class, self.day, self.day)
            name = QLabel(school_class.name if len(classes) > 1 else "")
            name.setStyleSheet("font-size: 16pt; font-weight: bold;")
            table = QTableWidget(len(result.entries), len(HEADERS))
            table.setHorizontalHeaderLabels([_tr(h) for h in HEADERS])
            table.setStyleSheet(font)
            table.verticalHeader().hide()
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            for row, entry in enumerate(result.entries):
                for column, text in enumerate(board.entry_cells(entry)):
                    table.setItem(row, column, QTableWidgetItem(text))
            header = table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
            table.resizeRowsToContents()
            total = QLabel(board.total_line(result, school_class.grade))
            total.setWordWrap(True)
            total.setStyleSheet(font)
            index = 1 + 3 * position
            for offset, widget in enumerate((name, table, total)):
                self.layout_.insertWidget(index + offset, widget, 1 if widget is table else 0)
            self.sections.append((name, table, total))

    def _data_changed(self, changes: Changes, _source: object) -> None:
        if changes.tables & {"homework_entries", "homework_days", "classes"}:
            self.refresh()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:  # noqa: ANN001
        try:
            self.context.hub.data_changed.disconnect(self._data_changed)
        except (RuntimeError, TypeError):
            pass
        super().closeEvent(event)

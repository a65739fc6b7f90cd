"""Previous day / a date with a calendar popup / next day / today. Alt+← and Alt+→ step a day."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class DateNavigator(QWidget):
    date_changed = Signal(object)  # dt.date

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.previous_button = QToolButton(text="◀")
        self.previous_button.setToolTip(self.tr("前一天 (Alt+←)"))
        self.previous_button.setShortcut(QKeySequence("Alt+Left"))
        self.edit = QDateEdit(calendarPopup=True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.weekday = QLabel()
        self.next_button = QToolButton(text="▶")
        self.next_button.setToolTip(self.tr("后一天 (Alt+→)"))
        self.next_button.setShortcut(QKeySequence("Alt+Right"))
        self.today_button = QPushButton(self.tr("今天"))
        for widget in (self.previous_button, self.edit, self.weekday, self.next_button, self.today_button):
            layout.addWidget(widget)
        self.previous_button.clicked.connect(
            lambda: self.set_date(self.date() - dt.timedelta(days=1), emit=True)
        )
        self.next_button.clicked.connect(lambda: self.set_date(self.date() + dt.timedelta(days=1), emit=True))
        self.today_button.clicked.connect(lambda: self.set_date(self.today, emit=True))
        self.edit.dateChanged.connect(self._edited)
        # The label's width is that of its longest text, so ▶ stays under the mouse while stepping days.
        metrics = self.weekday.fontMetrics()
        self.weekday.setFixedWidth(
            max(metrics.horizontalAdvance(name + self.tr("（今天）")) for name in self.weekday_names()) + 4
        )
        self.set_date(today)

    def weekday_names(self) -> list[str]:
        return [
            self.tr("周一"),
            self.tr("周二"),
            self.tr("周三"),
            self.tr("周四"),
            self.tr("周五"),
            self.tr("周六"),
            self.tr("周日"),
        ]

    def date(self) -> dt.date:
        return from_qdate(self.edit.date())

    def set_date(self, day: dt.date, *, emit: bool = False) -> None:
        changed = day != self.date()
        self.edit.blockSignals(True)
        self.edit.setDate(to_qdate(day))
        self.edit.blockSignals(False)
        self.weekday.setText(
            self.weekday_names()[day.weekday()] + (self.tr("（今天）") if day == self.today else "")
        )
        if emit and changed:
            self.date_changed.emit(day)

    def _edited(self, qdate: QDate) -> None:
        self.set_date(from_qdate(qdate))
        self.date_changed.emit(from_qdate(qdate))

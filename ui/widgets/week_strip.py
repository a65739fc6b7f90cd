"""Seven clickable day cells showing each day's state with colour AND symbol (readable without colour)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from fivemgmt.calendar import weekday_name
from fivemgmt.rules import STATUS_COLORS, Status
from ui.widgets.status_strip import text_color_on


@dataclass(frozen=True)
class DayMark:
    """What a week-strip cell shows for one day: e.g. ``DayMark(day, "已登记 50分", Status.GREEN, reason)``."""

    date: dt.date
    text: str
    status: Status
    tooltip: str = ""


class WeekStrip(QWidget):
    day_clicked = Signal(object)  # dt.date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.buttons: list[QPushButton] = []
        self.marks: list[DayMark] = []
        for index in range(7):
            button = QPushButton()
            button.setMinimumHeight(46)
            button.clicked.connect(lambda _checked=False, i=index: self._clicked(i))
            layout.addWidget(button, 1)
            self.buttons.append(button)

    def set_days(self, marks: list[DayMark], selected: dt.date | None = None) -> None:
        self.marks = list(marks)
        for button, mark in zip(self.buttons, self.marks):
            background = STATUS_COLORS[mark.status]
            border = "3px solid #0072B2" if mark.date == selected else "1px solid #888888"
            button.setText(f"{weekday_name(mark.date)} {mark.date:%m-%d}\n{mark.status.symbol} {mark.text}")
            button.setToolTip(mark.tooltip)
            button.setStyleSheet(
                f"QPushButton {{ background: {background}; color: {text_color_on(background)};"
                f" border: {border}; border-radius: 4px; padding: 2px; }}"
            )

    def mark_for(self, day: dt.date) -> DayMark | None:
        return next((m for m in self.marks if m.date == day), None)

    def _clicked(self, index: int) -> None:
        if index < len(self.marks):
            self.day_clicked.emit(self.marks[index].date)

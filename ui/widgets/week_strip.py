"""Seven clickable day cells showing each day's state with colour AND symbol (readable without colour).

Every area page draws it the same way, from the area's ``DayResult``s (``WeekStrip.show_days``): the page
only says what a logged day's cell reads (体育2 60分, 抽查 12 人); the colour, the 未登记 and rest-day cells
and the tooltip (the day's reason) come from the day itself, so no page decides a day's status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from fivemgmt.areas.base import DayResult
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


def day_marks(
    days: Sequence[DayResult], text: Callable[[DayResult], str], day_name: Callable[[dt.date], str]
) -> list[DayMark]:
    """The cells of some days: ``text(day)`` on a day with something recorded, 未登记 on a school day that
    should have been logged, the day's name (周末, 国庆节 …) on a day off, nothing on a day still to come;
    the tooltip is the day's name and the reason of its status."""
    marks = []
    for day in days:
        if day.state == "unlogged":
            shown = Status.UNLOGGED.label  # the status's own word, as on every strip and chart
        elif day.state == "future":
            shown = ""
        elif day.state == "rest" or (day.state == "none" and day.kind.is_rest_day):
            shown = day_name(day.date)
        else:
            shown = text(day)
        tooltip = f"{day_name(day.date)}：{day.reason}" if day.reason else day_name(day.date)
        marks.append(DayMark(day.date, shown, day.status, tooltip))
    return marks


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

    def show_days(
        self,
        days: Sequence[DayResult],
        text: Callable[[DayResult], str],
        day_name: Callable[[dt.date], str],
        selected: dt.date | None = None,
    ) -> None:
        """Draw the week from an area's days (see ``day_marks``)."""
        self.set_days(day_marks(days, text, day_name), selected)

    def mark_for(self, day: dt.date) -> DayMark | None:
        return next((m for m in self.marks if m.date == day), None)

    def _clicked(self, index: int) -> None:
        if index < len(self.marks):
            self.day_clicked.emit(self.marks[index].date)

"""Issue 12: the week strip is drawn the same way for every area, from the area's ``DayResult``s."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from fivemgmt.areas.base import DayResult
from fivemgmt.calendar import DayKind
from fivemgmt.rules import Status
from ui.widgets.week_strip import WeekStrip

MONDAY = dt.date(2026, 11, 16)


def test_cells_show_the_days_state_and_a_click_selects_the_day(qtbot):
    kinds = [DayKind.SCHOOL] * 5 + [DayKind.WEEKEND] * 2
    states = [
        ("logged", Status.GREEN, "大课间 30 分钟"),
        ("unlogged", Status.UNLOGGED, "当天未登记"),
        ("logged", Status.BELOW, "大课间少于 30 分钟"),
        ("future", Status.NA, "尚未到该日"),
        ("future", Status.NA, "尚未到该日"),
        ("rest", Status.NA, "周末"),
        ("rest", Status.NA, "周末"),
    ]
    days = [
        DayResult(MONDAY + dt.timedelta(days=i), kind, state, status, reason)
        for i, (kind, (state, status, reason)) in enumerate(zip(kinds, states))
    ]
    strip = WeekStrip()
    qtbot.addWidget(strip)

    def day_name(day: dt.date) -> str:
        return "周末" if day.weekday() >= 5 else "上课日"

    strip.show_days(days, lambda day: f"已登记 {day.date.day}", day_name, selected=MONDAY)

    texts = [b.text().split("\n")[1] for b in strip.buttons]
    assert texts[0] == f"{Status.GREEN.symbol} 已登记 16"  # the page's words on a logged day
    assert texts[1] == f"{Status.UNLOGGED.symbol} 未登记"  # never blank or green
    assert strip.mark_for(MONDAY + dt.timedelta(days=2)).status is Status.BELOW
    assert texts[5].endswith("周末")
    assert strip.buttons[1].toolTip() == "上课日：当天未登记"  # the day's name and the reason of its status
    with qtbot.waitSignal(strip.day_clicked) as clicked:
        qtbot.mouseClick(strip.buttons[2], Qt.MouseButton.LeftButton)
    assert clicked.args == [MONDAY + dt.timedelta(days=2)]

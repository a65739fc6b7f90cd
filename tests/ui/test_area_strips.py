"""Issue 12: the 睡眠, 手机 and 读物 pages draw their week strip from the area's ``DayResult``s, like every
area page: a click on a day selects it, and the cell, its tooltip and the status strip say what the core
judged. Last week is shown, so every day of it is past on any test date."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from fivemgmt.areas import area_module, phone, reading, sleep
from fivemgmt.areas.base import WeekContext
from fivemgmt.calendar import SchoolCalendar
from fivemgmt.rules import Status
from tests.ui.test_phone_page import open_page as open_phone
from tests.ui.test_phone_page import setup_class
from tests.ui.test_sleep_page import add_students
from tests.ui.test_sleep_page import open_page as open_sleep


def click_day(qtbot, page, index):
    qtbot.mouseClick(page.week_strip.buttons[index], Qt.MouseButton.LeftButton)
    return page.week_strip.marks[index]


def strip_day(page, key, day):
    ctx = WeekContext.load(page.context.db, day - dt.timedelta(days=day.weekday()), page.context.today)
    school_class = page.school_class()
    return area_module(key).days(ctx, [school_class], day, day)[school_class.id][0]


def test_sleep_strip_shows_the_days_samples_and_a_click_selects_the_day(
    window, qtbot, db, small_school, errors
):
    add_students(db, small_school["class4"], ["张一"])
    page = open_sleep(window, qtbot, small_school["class4"])
    monday = small_school["monday"] - dt.timedelta(days=7)
    page.context.selection.set(date=monday)
    page.model.setData(page.model.index(0, page.model.BEDTIME), "22:00")
    page.model.setData(page.model.index(0, page.model.WAKE), "06:50")
    page.context.selection.set(date=monday + dt.timedelta(days=3))

    mark = click_day(qtbot, page, 0)
    assert page.day() == monday
    assert (mark.text, mark.status) == ("抽查 1 人", Status.BELOW)
    verdict, _stats = sleep.day_check(db, page.school_class(), monday, small_school["today"])
    assert page.status_strip.status is Status.BELOW and page.status_strip.reason.text() == verdict.reason
    assert page.week_strip.buttons[0].toolTip().endswith(strip_day(page, "sleep", monday).reason)

    mark = click_day(qtbot, page, 2)  # no sample that day: not a missing register
    assert page.day() == monday + dt.timedelta(days=2)
    assert mark.status is Status.NA and mark.text == "" and "睡眠按月抽查" in mark.tooltip
    sunday = monday + dt.timedelta(days=6)
    assert page.week_strip.mark_for(sunday).text == SchoolCalendar(db).day_name(sunday)
    assert errors == []


def test_phone_strip_shows_logged_and_unlogged_days_as_the_core_judges(
    window, qtbot, db, small_school, errors
):
    class_id, _students = setup_class(db, small_school)
    page = open_phone(window, qtbot, class_id)
    monday = small_school["monday"] - dt.timedelta(days=7)
    page.context.selection.set(date=monday)
    page.all_in_button.click()  # last Monday's log; Tuesday stays unlogged
    page.context.selection.set(date=monday + dt.timedelta(days=3))

    mark = click_day(qtbot, page, 0)
    assert page.day() == monday and mark.text == "已登记"
    verdict, _day = phone.day_check(db, class_id, monday, small_school["today"])
    assert mark.status is verdict.status and page.status_strip.reason.text() == verdict.reason

    tuesday = monday + dt.timedelta(days=1)
    mark = click_day(qtbot, page, 1)
    verdict, _day = phone.day_check(db, class_id, tuesday, small_school["today"])
    assert page.day() == tuesday
    assert (mark.text, mark.status, verdict.status) == ("未登记", Status.UNLOGGED, Status.UNLOGGED)
    assert page.status_strip.reason.text() == verdict.reason
    assert mark.tooltip == f"{SchoolCalendar(db).day_name(tuesday)}：{verdict.reason}"  # as on every page
    sunday = monday + dt.timedelta(days=6)
    assert page.week_strip.mark_for(sunday).text == SchoolCalendar(db).day_name(sunday)
    assert errors == []


def test_reading_strip_says_books_are_not_a_daily_register(window, qtbot, db, small_school, errors):
    monday = small_school["monday"] - dt.timedelta(days=7)
    window.open_page("reading", small_school["class4"], monday + dt.timedelta(days=3))
    page = window.show_page("reading")
    assert page.week_strip.isVisible()

    mark = click_day(qtbot, page, 0)
    assert page.day() == monday
    assert mark.status is Status.NA and mark.tooltip.endswith("读物按学期审核，不按日登记")
    week = reading.week_summary(WeekContext.load(db, monday, small_school["today"]), page.school_class())
    verdict = reading.class_verdict(week, reading.catalogue_findings(db, small_school["today"]))
    assert page.status_strip.status is verdict.status and page.status_strip.reason.text() == verdict.reason
    assert errors == []

"""After a write the pages are told what changed (ui.tasks operations, PageContext.apply): a page reloads
only when it shows a class-week the write touched, and never reloads itself on top of that."""

from __future__ import annotations

import datetime as dt

import pytest

from fivemgmt import school
from fivemgmt.actor import LOCAL_ADMIN
from fivemgmt.areas import activity

MONDAY = dt.date(2026, 11, 23)  # the week of the tests' today (Wednesday 2026-11-25)


def count_loads(page) -> list[int]:
    """Each ``load`` of the page (what AreaPage.reload calls) appends to the list returned."""
    loads: list[int] = []
    original = page.load
    page.load = lambda: (loads.append(1), original())[1]
    return loads


@pytest.fixture
def pages(window, small_school):
    homework = window.show_page("homework")
    window.open_page("homework", small_school["class4"], MONDAY)
    dashboard = window.show_page("dashboard")
    activity_page = window.show_page("activity")
    assert activity_page.school_class().id == small_school["class4"]
    return {"homework": homework, "dashboard": dashboard, "activity": activity_page}


def save_through_the_helper(window, db, class_id: str, day: dt.date, minutes: int) -> None:
    """An activity day written by an operation of the one task helper (as an import or a package would)."""
    school_class = school.get_class(db, class_id)
    record = activity.default_day(db, school_class, day)
    record.activity_minutes = minutes
    window.context.operation(lambda _task: activity.save_day(db, LOCAL_ADMIN, record))


def test_only_pages_showing_the_class_week_reload(window, db, small_school, pages):
    page, homework, dashboard = pages["activity"], pages["homework"], pages["dashboard"]
    loads, homework_loads = count_loads(page), count_loads(homework)
    built = dashboard.builds
    class4, class2 = small_school["class4"], small_school["class2"]

    page.fill_button.click()  # the page's own write: reloaded once, by the announcement
    assert len(loads) == 1
    assert set(activity.days_between(db, class4, MONDAY, MONDAY + dt.timedelta(days=6))) == {
        MONDAY,
        MONDAY + dt.timedelta(days=1),
        MONDAY + dt.timedelta(days=2),
    }

    save_through_the_helper(window, db, class2, MONDAY, 45)  # another class
    save_through_the_helper(window, db, class4, MONDAY - dt.timedelta(weeks=1), 45)  # another week
    assert len(loads) == 1

    save_through_the_helper(window, db, class4, MONDAY, 47)  # the class-week shown
    assert len(loads) == 2
    assert page.model.rows[0].activity_minutes == 47

    window.show_page("homework")  # shows none of it: not reloaded, not even when shown again
    assert homework_loads == []
    window.show_page("dashboard")  # the overview shows that week: drawn again (once, however many writes)
    assert dashboard.builds == built + 1

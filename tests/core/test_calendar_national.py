"""A new term's calendar pre-filled from the State Council's holiday notices (chinesecalendar)."""

from __future__ import annotations

import datetime as dt

import pytest

from fivemgmt import calendar
from fivemgmt.actor import SYSTEM, TEACHER, Actor
from fivemgmt.calendar import DayKind, SchoolCalendar
from fivemgmt.errors import PermissionDenied


def _term(db, start: str, end: str, name: str = "第一学期") -> calendar.Term:
    calendar.save_term(
        db, SYSTEM, {"school_year": "2026-2027", "name": name, "start_date": start, "end_date": end}
    )
    return next(t for t in SchoolCalendar(db).terms if t.start.isoformat() == start)


def test_autumn_2026_term_gets_国庆_中秋_and_调休_with_source(db) -> None:
    term = _term(db, "2026-09-01", "2026-12-31")
    before = SchoolCalendar(db)
    assert before.kind(dt.date(2026, 10, 1)) is DayKind.SCHOOL  # a Thursday: school day until filled
    result = calendar.prefill_national(db, SYSTEM, term)
    cal = SchoolCalendar(db)
    assert (
        cal.kind(dt.date(2026, 10, 1)) is DayKind.HOLIDAY and cal.day_name(dt.date(2026, 10, 1)) == "国庆节"
    )
    assert cal.kind(dt.date(2026, 9, 25)) is DayKind.HOLIDAY  # 中秋 (Friday)
    assert cal.kind(dt.date(2026, 10, 10)) is DayKind.SCHOOL  # Saturday worked (调休)
    assert cal.kind(dt.date(2026, 9, 20)) is DayKind.SCHOOL  # Sunday worked (调休)
    assert cal.kind(dt.date(2026, 10, 3)) is DayKind.WEEKEND
    rows = {r["date"]: r for r in calendar.list_calendar_entries(db)}
    assert "国务院办公厅关于2026年部分节假日安排的通知" in rows["2026-10-01"]["source"]
    assert "chinesecalendar" in rows["2026-10-01"]["source"]
    assert rows["2026-10-10"]["follows_weekday"] is not None  # a timetable for the make-up day
    assert len(result.added) == 8 and not result.plan.unknown_years
    assert "已按国务院节假日安排填入 8 天" in result.summary()


def test_school_entries_win_and_a_second_fill_adds_nothing(db) -> None:
    term = _term(db, "2026-09-01", "2026-12-31")
    calendar.save_calendar_entry(db, SYSTEM, {"date": "2026-10-08", "kind": "holiday", "name": "校庆"})
    calendar.save_calendar_entry(
        db, SYSTEM, {"date": "2026-10-07", "kind": "holiday", "name": "国庆（学校）"}
    )
    first = calendar.prefill_national(db, SYSTEM, term)
    assert dt.date(2026, 10, 7) in first.kept
    rows = {r["date"]: r for r in calendar.list_calendar_entries(db)}
    assert rows["2026-10-07"]["name"] == "国庆（学校）" and rows["2026-10-07"]["source"] == "学校录入"
    again = calendar.prefill_national(db, SYSTEM, term)
    assert not again.added and not again.changes.ids


def test_school_edit_of_a_filled_day_is_marked(db) -> None:
    term = _term(db, "2026-09-01", "2026-12-31")
    calendar.prefill_national(db, SYSTEM, term)
    row = next(r for r in calendar.list_calendar_entries(db) if r["date"] == "2026-10-10")
    calendar.save_calendar_entry(db, SYSTEM, {**row, "follows_weekday": 3})
    row = next(r for r in calendar.list_calendar_entries(db) if r["date"] == "2026-10-10")
    assert row["source"].startswith("学校录入（已修改；原据 国务院办公厅关于2026年")


def test_a_year_the_package_does_not_know_is_said_plainly(db) -> None:
    term = _term(db, "2035-09-01", "2036-01-20")
    result = calendar.prefill_national(db, SYSTEM, term)
    assert result.added == [] and result.plan.unknown_years == [2035, 2036]
    assert calendar.list_calendar_entries(db) == []  # nothing guessed
    text = result.summary()
    assert "2035、2036 年的节假日安排尚未收录" in text and "不作推测" in text


def test_only_admin_fills(db) -> None:
    term = _term(db, "2026-09-01", "2026-12-31")
    with pytest.raises(PermissionDenied):
        calendar.prefill_national(db, Actor("t", "老师", TEACHER), term)


def test_vacations_between_terms() -> None:
    terms = [
        calendar.Term("a", "2026-2027", "第一学期", dt.date(2026, 9, 1), dt.date(2027, 1, 22)),
        calendar.Term("b", "2026-2027", "第二学期", dt.date(2027, 2, 22), dt.date(2027, 7, 9)),
        calendar.Term("c", "2027-2028", "第一学期", dt.date(2027, 9, 1), dt.date(2028, 1, 21)),
    ]
    assert calendar.vacations(terms) == [
        ("寒假", dt.date(2027, 1, 23), dt.date(2027, 2, 21)),
        ("暑假", dt.date(2027, 7, 10), dt.date(2027, 8, 31)),
    ]
    # without the spring term, January to September is not a 寒假
    assert calendar.vacations([terms[0], terms[2]]) == [
        ("未录入学期", dt.date(2027, 1, 23), dt.date(2027, 8, 31))
    ]

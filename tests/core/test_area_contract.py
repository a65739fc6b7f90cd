"""Issue 12: one contract, the same tests for every area.

Every area module (``fivemgmt.areas.AREA_KEYS``) gives its days as ``DayResult``s through ``days(ctx,
classes, start, end)`` and its week through ``week(ctx, class)``, the week's days being those same days.
What a user sees follows from it: the week strip, the summary's JSON and the charts read one shape, a past
school day nobody logged reads 未登记 in every daily register, nothing is judged before the notice that
makes the rule, and a renamed figure is an error instead of a silent 0.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys

import pytest

from fivemgmt import records, school
from fivemgmt.actor import SYSTEM
from fivemgmt.areas import AREA_KEYS, activity, afterschool, area_module, phone, sleep
from fivemgmt.areas.base import DAY_STATES, Area, DayResult, WeekContext
from fivemgmt.calendar import DayKind, SchoolCalendar
from fivemgmt.db import transaction
from fivemgmt.rules import Status
from tests.core.helpers import add_term, make_school
from tests.core.reports_helpers import MONDAY, TODAY, add

SUNDAY = MONDAY + dt.timedelta(days=6)
TUESDAY = MONDAY + dt.timedelta(days=1)
EARLY_MONDAY = dt.date(2020, 11, 16)  # a school week before any of the 双减 notices
pytestmark = pytest.mark.parametrize("key", AREA_KEYS)


def log(db, key: str, school_class: school.SchoolClass, day: dt.date) -> None:
    """Something a teacher records for the class on that day, in the area's own register."""
    if key == "homework":
        add(db, school_class, day, 30)
    elif key == "activity":
        record = activity.ActivityDay(school_class.id, day, 1, 1, 0, "", 30, 60, 2)
        activity.save_day(db, SYSTEM, record)
    elif key == "afterschool":
        record = afterschool.ServiceDay(school_class.id, day, True, 120, dt.time(17, 30), 30)
        afterschool.save_day(db, SYSTEM, record)
    elif key == "phone":
        phone.log_day(db, SYSTEM, school_class.id, day, received_by="王老师")
    elif key == "sleep":
        with transaction(db):
            student = records.save(db, "students", {"class_id": school_class.id, "name": "张一"}, SYSTEM)
        night = sleep.SleepRecord(None, school_class.id, student, day, dt.time(21, 0), dt.time(7, 0))
        sleep.save_record(db, SYSTEM, night)
    elif key == "reading":
        pass  # a book corner is a stock, not a daily register: nothing to record for one day


def days_of(db, key: str, classes, start: dt.date, end: dt.date, today: dt.date = TODAY):
    ctx = WeekContext.load(db, start - dt.timedelta(days=start.weekday()), today)
    return area_module(key).days(ctx, list(classes), start, end)


def test_every_area_implements_the_one_protocol(key):
    module = area_module(key)
    assert isinstance(module, Area)
    assert module.AREA.key == key
    assert module.DAY_FIGURES is None or dataclasses.is_dataclass(module.DAY_FIGURES)


def test_days_cover_the_range_asked_one_result_per_date(db, key):
    classes = list(make_school(db).values())
    start, end = MONDAY - dt.timedelta(days=3), SUNDAY + dt.timedelta(days=2)  # across two weekends
    found = days_of(db, key, classes, start, end)
    calendar = SchoolCalendar(db)
    assert set(found) == {c.id for c in classes}
    dates = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    for school_class in classes:
        days = found[school_class.id]
        assert [d.date for d in days] == dates
        assert [d.kind for d in days] == [calendar.kind(d) for d in dates]
        assert all(isinstance(d, DayResult) and d.state in DAY_STATES for d in days)
        with pytest.raises(dataclasses.FrozenInstanceError):
            days[0].status = Status.GREEN  # type: ignore[misc]


def test_the_week_is_made_of_the_same_days(db, key):
    four = make_school(db)[4]
    log(db, key, four, TUESDAY)
    module = area_module(key)
    ctx = WeekContext.load(db, MONDAY, TODAY)
    week = module.week(ctx, four)
    assert week.days == days_of(db, key, [four], MONDAY, SUNDAY)[four.id]
    assert week == module.week_summary(WeekContext.load(db, MONDAY, TODAY), four)


def test_one_class_logging_a_day_leaves_the_other_classes_as_they_were(db, key):
    classes = make_school(db)
    four, eight = classes[4], classes[8]
    before = days_of(db, key, [eight], MONDAY, SUNDAY)[eight.id]
    log(db, key, four, TUESDAY)
    both = days_of(db, key, [four, eight], MONDAY, SUNDAY)
    assert both[eight.id] == before  # read together, each class still gets only its own records
    assert both[four.id] == days_of(db, key, [four], MONDAY, SUNDAY)[four.id]
    tuesday = both[four.id][1]
    if area_module(key).DAILY or key == "sleep":
        assert tuesday.state == "logged" and tuesday.status not in (Status.UNLOGGED, Status.NA)


def test_a_past_school_day_nobody_logged_reads_unlogged_and_days_to_come_do_not(db, key):
    four = make_school(db)[4]
    wednesday = TODAY  # the pinned today: 2026-11-25
    days = days_of(db, key, [four], MONDAY + dt.timedelta(days=7), SUNDAY + dt.timedelta(days=7))[four.id]
    monday, thursday, saturday = days[0], days[3], days[5]
    assert days[2].date == wednesday
    if area_module(key).DAILY:
        assert (monday.state, monday.status) == ("unlogged", Status.UNLOGGED)
        assert monday.reason  # says what is missing, never an empty red cell
    else:  # sampled monthly (睡眠) or a stock (读物): a day without a sample is not a lapse of its own
        assert monday.state == "none" and monday.status is Status.NA
    assert (thursday.state, thursday.status) == ("future", Status.NA)
    assert saturday.kind is DayKind.WEEKEND and saturday.status is not Status.UNLOGGED


def test_nothing_is_judged_before_the_notice_that_makes_the_rule(db, key):
    classes = list(make_school(db).values())
    add_term(db, dt.date(2020, 9, 1), dt.date(2021, 1, 22), "2020-2021")
    end = EARLY_MONDAY + dt.timedelta(days=6)
    found = days_of(db, key, classes, EARLY_MONDAY, end)
    for school_class in classes:
        assert {d.status for d in found[school_class.id]} == {Status.NA}
        assert all(d.state != "unlogged" for d in found[school_class.id])


def test_the_days_json_round_trips_to_the_same_days(db, key):
    four = make_school(db)[4]
    log(db, key, four, TUESDAY)
    module = area_module(key)
    week = module.week(WeekContext.load(db, MONDAY, TODAY), four)
    shown = json.loads(json.dumps(week.to_json(), ensure_ascii=False))["days"]
    assert len(shown) == 7
    figure_names = [f.name for f in dataclasses.fields(module.DAY_FIGURES)] if module.DAY_FIGURES else []
    for day, data in zip(week.days, shown):
        assert set(data) == {"date", "day_kind", "state", "status", "reason", *figure_names}
        figures = module.DAY_FIGURES(**{n: data[n] for n in figure_names}) if module.DAY_FIGURES else None
        again = DayResult(
            dt.date.fromisoformat(data["date"]),
            DayKind(data["day_kind"]),
            data["state"],
            Status(data["status"]),
            data["reason"],
            day.source,
            figures,
        )
        assert again == day


def test_a_renamed_day_figure_fails_loudly_instead_of_reading_zero(db, key, monkeypatch):
    module = area_module(key)
    four = make_school(db)[4]
    log(db, key, four, TUESDAY)
    if module.DAY_FIGURES is None:
        assert all(d.figures is None for d in days_of(db, key, [four], MONDAY, SUNDAY)[four.id])
        return
    kept = dataclasses.fields(module.DAY_FIGURES)
    renamed = dataclasses.make_dataclass(
        module.DAY_FIGURES.__name__,
        [(f"{kept[0].name}_renamed", kept[0].type), *[(f.name, f.type) for f in kept[1:]]],
        frozen=True,
    )
    where = sys.modules[module.DAY_FIGURES.__module__]
    monkeypatch.setattr(where, module.DAY_FIGURES.__name__, renamed)
    with pytest.raises(TypeError):
        days_of(db, key, [four], MONDAY, SUNDAY)

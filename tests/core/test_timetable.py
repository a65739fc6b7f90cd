"""课表: the subjects a class has each weekday, from which the homework register lists the day's rows."""

import datetime as dt

import pytest

from fivemgmt import audit, audit_verify, calendar, school, timetable
from fivemgmt.actor import SYSTEM, TEACHER, Actor
from fivemgmt.areas import homework
from fivemgmt.errors import PermissionDenied, UserError
from tests.core.helpers import make_school

WED = dt.date(2026, 11, 25)


@pytest.fixture
def c4(db):
    return make_school(db, grades=(4,))[4]


def test_the_days_subjects_come_from_the_timetable_in_order(db, c4):
    changes = timetable.set_timetable(
        db, SYSTEM, c4.id, {0: timetable.split_subjects("语文、数学，英语 体育"), 2: ["数学", "语文", "数学"]}
    )
    assert len(changes.ids) == 2
    assert timetable.timetable(db, c4.id) == {0: ["语文", "数学", "英语", "体育"], 2: ["数学", "语文"]}
    plan = timetable.day_plan(db, c4, WED)
    assert plan.subjects == ["数学", "语文"] and plan.from_timetable and plan.note == ""
    assert timetable.day_plan(db, c4, WED - dt.timedelta(days=1)).note == "本班课表星期二没有课"
    assert timetable.day_plan(db, c4, dt.date(2026, 11, 28)).subjects == []  # a Saturday
    # saving the same again writes nothing; a change is one audited update
    assert timetable.set_timetable(db, SYSTEM, c4.id, {2: ["数学", "语文"]}).ids == []
    [changed] = timetable.set_timetable(db, SYSTEM, c4.id, {2: ["语文"]}).ids
    history = audit.history(db, timetable.TABLE, changed)
    assert [h["after"]["subjects"] for h in history] == ["数学、语文", "语文"]
    assert audit_verify.verify(db).ok


def test_a_make_up_day_follows_the_timetable_of_the_weekday_it_replaces(db, c4):
    calendar.save_calendar_entry(db, SYSTEM, {"date": "2026-11-04", "kind": "holiday", "name": "校庆"})
    calendar.save_calendar_entry(
        db, SYSTEM, {"date": "2026-11-14", "kind": "makeup", "name": "调休上课", "follows_weekday": 2}
    )
    timetable.set_timetable(db, SYSTEM, c4.id, {2: ["数学"], 5: ["美术"]})
    assert timetable.day_plan(db, c4, dt.date(2026, 11, 14)).subjects == ["数学"]  # a Saturday, as Wednesday
    assert timetable.day_plan(db, c4, dt.date(2026, 11, 4)).subjects == []  # the holiday itself


def test_without_a_timetable_the_usual_subjects_are_offered_and_it_is_said(db, c4):
    for name in ["语文", "数学", "英语"]:
        school.add_subject(db, SYSTEM, name, ["语文", "数学", "英语"].index(name))
    plan = timetable.day_plan(db, c4, WED)
    assert not plan.from_timetable and plan.subjects == ["语文", "数学", "英语"]
    assert "本班还没有课表" in plan.note
    for day, subject in [
        (dt.date(2026, 11, 16), "英语"),
        (dt.date(2026, 11, 17), "英语"),
        (dt.date(2026, 11, 18), "数学"),
    ]:
        homework.save_entry(
            db,
            SYSTEM,
            homework.Entry(None, c4.id, day, subject, "练习", minutes=20),
            reason="补登",
            today=WED,
        )
    assert timetable.day_plan(db, c4, WED).subjects == [
        "英语",
        "数学",
    ]  # the last four weeks, most often first


def test_setting_a_timetable_is_checked(db, c4):
    other = Actor("t", "王老师", TEACHER, {"another-class": None})
    with pytest.raises(PermissionDenied):
        timetable.set_timetable(db, other, c4.id, {0: ["语文"]})
    with pytest.raises(UserError, match="超过 12 门"):
        timetable.set_timetable(db, SYSTEM, c4.id, {0: [f"科{i}" for i in range(13)]})
    assert timetable.timetable(db, c4.id) == {}

import datetime as dt

import pytest

from fivemgmt import audit, class_names, summary
from fivemgmt.actor import SYSTEM, TEACHER, Actor
from fivemgmt.areas import homework as hw
from fivemgmt.errors import PermissionDenied, UserError
from fivemgmt.rules import Status
from tests.core.helpers import make_school

ADMIN = SYSTEM
MONDAY = dt.date(2026, 11, 16)  # 2026-W47
TODAY = dt.date(2026, 11, 25)


def entry(school_class, day, minutes, subject="数学", kind="书面", required=True):
    return hw.Entry(None, school_class.id, day, subject, "练习册", kind, required, minutes, "王老师")


@pytest.fixture
def classes(db):
    return make_school(db)


def test_three_day_states(db, classes):
    c = classes[4]
    day = TODAY
    assert hw.class_day(db, c, day, TODAY).state is hw.DayState.UNLOGGED
    assert hw.class_day(db, c, day, TODAY).verdict.status is Status.UNLOGGED
    hw.set_no_homework(db, ADMIN, c.id, day, today=TODAY)
    no_homework = hw.class_day(db, c, day, TODAY)
    assert no_homework.state is hw.DayState.NONE and no_homework.verdict.status is Status.GREEN
    hw.save_entry(db, ADMIN, entry(c, day, 30), today=TODAY)
    logged = hw.class_day(db, c, day, TODAY)
    assert logged.state is hw.DayState.LOGGED and logged.counted_minutes == 30


def test_unlogged_is_not_zero_in_the_week(db, classes):
    c = classes[4]
    hw.save_entry(db, ADMIN, entry(c, TODAY, 40), today=TODAY)
    week = summary.week_summary(db, dt.date(2026, 11, 23), today=TODAY)
    homework = next(r for r in week.classes if r.school_class.id == c.id).areas["homework"]
    states = [d.state for d in homework.days]
    assert states[:2] == ["unlogged", "unlogged"]  # Mon, Tue were never logged
    assert homework.days[0].figures.written_minutes is None
    # The average is over logged days only: 40, not 40/3.
    assert homework.figures.average_minutes == 40
    assert homework.figures.unlogged_days == 2
    assert homework.status is Status.UNLOGGED and "未登记" in homework.reason  # not 预警 (issue 16.10)


def test_class_with_nothing_logged_is_unlogged_not_green(db, classes):
    week = summary.week_summary(db, MONDAY, today=TODAY)
    for row in week.classes:
        assert row.areas["homework"].status is Status.UNLOGGED


@pytest.mark.parametrize(
    ("minutes", "status"), [(50, Status.GREEN), (55, Status.YELLOW), (60, Status.YELLOW), (61, Status.RED)]
)
def test_grade4_day_against_60(db, classes, minutes, status):
    c = classes[4]
    hw.save_entry(db, ADMIN, entry(c, TODAY, minutes - 10), today=TODAY)
    hw.save_entry(db, ADMIN, entry(c, TODAY, 10, subject="语文"), today=TODAY)
    day = hw.class_day(db, c, TODAY, TODAY)
    assert day.counted_minutes == minutes and day.cap == 60
    assert day.verdict.status is status


def test_grade8_cap_is_90(db, classes):
    hw.save_entry(db, ADMIN, entry(classes[8], TODAY, 85), today=TODAY)
    day = hw.class_day(db, classes[8], TODAY, TODAY)
    assert day.cap == 90 and day.verdict.status is Status.YELLOW


def test_written_homework_in_grade2_is_a_violation(db, classes):
    c = classes[2]
    hw.save_entry(db, ADMIN, entry(c, TODAY, 10, kind="阅读"), today=TODAY)
    assert hw.class_day(db, c, TODAY, TODAY).verdict.status is Status.GREEN
    hw.save_entry(db, ADMIN, entry(c, TODAY, 5), today=TODAY)
    verdict = hw.class_day(db, c, TODAY, TODAY).verdict
    assert verdict.status is Status.VIOLATION and verdict.status.label == "违规"
    assert "不布置书面家庭作业" in verdict.reason


def test_only_written_minutes_count_and_optional_per_setting(db, classes):
    c = classes[4]
    hw.save_entry(db, ADMIN, entry(c, TODAY, 50), today=TODAY)
    hw.save_entry(db, ADMIN, entry(c, TODAY, 30, kind="口头"), today=TODAY)
    hw.save_entry(db, ADMIN, entry(c, TODAY, 20, required=False), today=TODAY)
    day = hw.class_day(db, c, TODAY, TODAY)
    assert (day.written_minutes, day.counted_minutes, day.total_minutes) == (70, 50, 100)
    import json

    from fivemgmt import records
    from fivemgmt.db import transaction

    with transaction(db):
        records.save(
            db,
            "rule_overrides",
            {"rule_id": "homework.count_optional", "value": json.dumps(True), "note": "选做计入"},
            ADMIN,
        )
    day = hw.class_day(db, c, TODAY, TODAY)
    assert day.counted_minutes == 70 and day.verdict.status is Status.RED


def test_weekend_is_totalled_against_the_school_total(db, classes):
    c = classes[4]
    saturday, sunday = dt.date(2026, 11, 21), dt.date(2026, 11, 22)
    hw.save_entry(db, ADMIN, entry(c, saturday, 80), reason="补录", today=TODAY)
    assert hw.class_day(db, c, sunday, TODAY).verdict.status is Status.GREEN
    hw.save_entry(db, ADMIN, entry(c, sunday, 50), reason="补录", today=TODAY)
    verdict = hw.class_day(db, c, saturday, TODAY).verdict
    assert verdict.status is Status.RED and "130" in verdict.reason and "120" in verdict.reason


def test_correcting_a_past_day_needs_a_reason_and_keeps_the_old_value(db, classes):
    c = classes[4]
    hw.save_entry(db, ADMIN, entry(c, TODAY, 40), today=TODAY)
    saved = hw.entries_between(db, c.id, TODAY, TODAY)[0]
    later = TODAY + dt.timedelta(days=1)
    saved.minutes = 30
    with pytest.raises(hw.ReasonRequired):
        hw.save_entry(db, ADMIN, saved, today=later)
    assert hw.entries_between(db, c.id, TODAY, TODAY)[0].minutes == 40
    hw.save_entry(db, ADMIN, saved, reason="家长反馈时间过长", today=later)
    assert hw.entries_between(db, c.id, TODAY, TODAY)[0].minutes == 30
    history = audit.history(db, hw.ENTRIES, saved.id)
    assert history[-1]["before"]["minutes"] == 40 and history[-1]["after"]["minutes"] == 30
    assert history[-1]["reason"] == "家长反馈时间过长"


def test_no_homework_refused_when_entries_exist(db, classes):
    c = classes[4]
    hw.save_entry(db, ADMIN, entry(c, TODAY, 40), today=TODAY)
    with pytest.raises(UserError, match="已有作业"):
        hw.set_no_homework(db, ADMIN, c.id, TODAY, today=TODAY)


def test_copy_yesterday(db, classes):
    c = classes[4]
    yesterday = TODAY - dt.timedelta(days=1)
    hw.save_entry(db, ADMIN, entry(c, yesterday, 40), reason="补录", today=TODAY)
    hw.save_entry(db, ADMIN, entry(c, yesterday, 15, subject="语文"), reason="补录", today=TODAY)
    hw.copy_day(db, ADMIN, c.id, yesterday, TODAY, today=TODAY)
    copied = hw.entries_between(db, c.id, TODAY, TODAY)
    assert sorted((e.subject, e.minutes) for e in copied) == [("数学", 40), ("语文", 15)]


def test_unlogged_classes_report(db, classes):
    hw.save_entry(db, ADMIN, entry(classes[4], TODAY, 40), today=TODAY)
    hw.set_no_homework(db, ADMIN, classes[8].id, TODAY, today=TODAY)
    assert [c.name for c in hw.unlogged_classes(db, TODAY)] == ["二年级(1)班"]
    assert hw.unlogged_classes(db, dt.date(2026, 11, 22)) == []  # a Sunday needs no log


def test_teacher_cannot_write_another_class_or_subject(db, classes):
    teacher = Actor("li", "李老师", TEACHER, {classes[4].id: frozenset({"数学"})})
    hw.save_entry(db, teacher, entry(classes[4], TODAY, 30), today=TODAY)
    with pytest.raises(PermissionDenied):
        hw.save_entry(db, teacher, entry(classes[8], TODAY, 30), today=TODAY)
    with pytest.raises(PermissionDenied):
        hw.save_entry(db, teacher, entry(classes[4], TODAY, 30, subject="语文"), today=TODAY)
    assert len(hw.entries_between(db, classes[4].id, TODAY, TODAY)) == 1


def test_class_names_as_schools_write_them():
    assert class_names.parse_class_name("四年级(2)班") == (4, 2)
    assert class_names.parse_class_name("四年级（2）班") == (4, 2)
    assert class_names.parse_class_name("初一(3)班") == (7, 3)
    assert class_names.parse_class_name("七年级3班") == (7, 3)
    assert class_names.parse_class_name("高二(1)班") == (11, 1)
    assert class_names.parse_class_name("4年级12班") == (4, 12)
    with pytest.raises(ValueError):
        class_names.parse_class_name("四年级")


def test_today_not_yet_logged_is_not_a_lapse_in_the_week(db, classes):
    c = classes[4]
    wednesday = dt.date(2026, 11, 25)
    for day in (dt.date(2026, 11, 23), dt.date(2026, 11, 24)):
        hw.save_entry(db, ADMIN, entry(c, day, 40), reason="补录", today=wednesday)
    week = summary.week_summary(db, dt.date(2026, 11, 23), today=wednesday)
    homework = next(r for r in week.classes if r.school_class.id == c.id).areas["homework"]
    assert homework.status is Status.GREEN and homework.figures.unlogged_days == 0
    # The day itself still shows as not logged on the register.
    assert hw.class_day(db, c, wednesday, wednesday).state is hw.DayState.UNLOGGED
    # The next morning it is a lapse.
    week = summary.week_summary(db, dt.date(2026, 11, 23), today=dt.date(2026, 11, 26))
    homework = next(r for r in week.classes if r.school_class.id == c.id).areas["homework"]
    assert homework.status is Status.UNLOGGED and homework.figures.unlogged_days == 1  # 未登记, not 预警


def test_a_missed_day_reads_unlogged_but_never_hides_a_warning_or_a_violation(db, classes):
    """未登记 replaces 预警 only where the homework itself was fine; an over-cap week stays red."""
    c = classes[4]
    today = dt.date(2026, 11, 28)
    for day, minutes in (
        (dt.date(2026, 11, 23), 40),
        (dt.date(2026, 11, 24), 40),
        (dt.date(2026, 11, 25), 90),
    ):
        hw.save_entry(db, ADMIN, entry(c, day, minutes), reason="补录", today=today)
    week = summary.week_summary(db, dt.date(2026, 11, 23), today=today)
    homework = next(r for r in week.classes if r.school_class.id == c.id).areas["homework"]
    assert homework.status is Status.YELLOW  # one day over 60 (a warning under the weekly average)
    assert "另有 2 天未登记" in homework.reason


def test_homework_entered_ahead_for_tomorrow_is_not_in_the_week_average(db, classes):
    """四年级(1)班 = (50+25+25)/3 counted tomorrow's entry: a day that has not happened never counts."""
    c = classes[4]
    tuesday = dt.date(2026, 11, 24)
    hw.save_entry(db, ADMIN, entry(c, dt.date(2026, 11, 23), 50), reason="补录", today=tuesday)
    hw.save_entry(db, ADMIN, entry(c, tuesday, 25), today=tuesday)
    hw.save_entry(db, ADMIN, entry(c, dt.date(2026, 11, 25), 25), today=tuesday)  # entered a day ahead
    week = summary.week_summary(db, dt.date(2026, 11, 23), today=tuesday)
    homework = next(r for r in week.classes if r.school_class.id == c.id).areas["homework"]
    assert homework.figures.average_minutes == 37.5  # (50 + 25) / 2

import datetime as dt
from dataclasses import asdict

import pytest

from fivemgmt import audit, records, school, summary
from fivemgmt.actor import SYSTEM, TEACHER, Actor
from fivemgmt.areas import afterschool as ass
from fivemgmt.areas.base import WeekContext
from fivemgmt.db import transaction
from fivemgmt.errors import PermissionDenied, UserError
from fivemgmt.rules import Rulebook, Status
from tests.core.helpers import make_school
from tests.core.test_imports import write_csv, write_xlsx

MONDAY = dt.date(2026, 11, 16)  # 2026-W47, all five days before "today"
TODAY = dt.date(2026, 11, 25)
WEEK = [MONDAY + dt.timedelta(days=i) for i in range(5)]


@pytest.fixture
def classes(db):
    make_school(db, grades=(2, 8))
    with transaction(db):  # a 高中 class too (a 12-year school is not a stage the set-up offers)
        records.save(db, "classes", {"grade": 11, "number": 1, "name": "高二(1)班"}, SYSTEM)
    return {c.grade: c for c in school.list_classes(db)}


def full_week(db, school_class, minutes=120, end=dt.time(17, 30), overrides=None):
    items = []
    for day in WEEK:
        values = {"minutes": minutes, "end_time": end, "held": True} | (overrides or {}).get(
            day.weekday(), {}
        )
        items.append(
            ass.ServiceDay(school_class.id, day, values["held"], values["minutes"], values["end_time"], 40)
        )
    ass.save_days(db, SYSTEM, items)


def week_of(db, school_class, monday=MONDAY, today=TODAY):
    return ass.week_summary(WeekContext.load(db, monday, today), school_class)


def test_full_week_at_the_minimum_is_green(db, classes):
    full_week(db, classes[2])
    week = week_of(db, classes[2])
    assert week.status is Status.GREEN, week.reason
    assert asdict(week.figures) == {
        "days_held": 5,
        "days_required": 5,
        "minutes_avg": 120.0,
        "min_minutes": 120,
        "short_days": 0,
        "early_end_days": 0,
    }
    assert "ASS" not in week.source and "课后服务" in week.source


@pytest.mark.parametrize(
    ("minutes", "status"), [(119, Status.BELOW), (120, Status.GREEN), (121, Status.GREEN)]
)
def test_minutes_boundary(db, classes, minutes, status):
    full_week(db, classes[8], overrides={2: {"minutes": minutes, "end_time": dt.time(17, 45), "held": True}})
    week = week_of(db, classes[8])
    assert week.status is status, week.reason
    assert week.figures.short_days == (1 if minutes < 120 else 0)
    if status is Status.BELOW:
        assert "1 天不足 120 分钟" in week.reason and "最少 119 分钟" in week.reason


@pytest.mark.parametrize(
    ("end", "status"), [(dt.time(17, 29), Status.BELOW), (dt.time(17, 30), Status.GREEN)]
)
def test_end_time_boundary(db, classes, end, status):
    full_week(db, classes[2], end=end)
    week = week_of(db, classes[2])
    assert week.status is status
    assert week.figures.early_end_days == (5 if status is Status.BELOW else 0)
    day = ass.check_day(Rulebook(db), 2, ass.ServiceDay(classes[2].id, WEEK[0], True, 120, end))
    assert day.status is status
    if status is Status.BELOW:
        assert "17:29 结束，早于当地下班时间 17:30" in day.reason


def test_four_days_a_week_is_red(db, classes):
    full_week(db, classes[2], overrides={4: {"held": False, "minutes": None, "end_time": None}})
    week = week_of(db, classes[2])
    assert week.status is Status.BELOW
    assert week.figures.days_held == 4 and week.figures.days_required == 5
    assert "1 个上课日未开展" in week.reason
    assert week.days[4]["held"] is False and week.days[4]["status"] == "below"


def test_unlogged_days_are_not_green_and_not_zero(db, classes):
    week = week_of(db, classes[2])
    assert week.status is Status.UNLOGGED
    assert week.figures.minutes_avg is None and week.figures.days_held == 0
    assert [d["state"] for d in week.days[:5]] == ["unlogged"] * 5
    # Three good days and two missing: a warning that names the missing days, not green.
    ass.save_days(
        db, SYSTEM, [ass.ServiceDay(classes[2].id, d, True, 130, dt.time(17, 40)) for d in WEEK[:3]]
    )
    week = week_of(db, classes[2])
    assert week.status is Status.UNLOGGED and "另有 2 天未登记" in week.reason
    assert week.figures.minutes_avg == 130


def test_week_in_progress_counts_only_days_so_far(db, classes):
    monday = dt.date(2026, 11, 23)
    ass.save_days(
        db,
        SYSTEM,
        [
            ass.ServiceDay(classes[2].id, monday + dt.timedelta(days=i), True, 120, dt.time(17, 30))
            for i in range(2)
        ],
    )
    week = week_of(db, classes[2], monday=monday)
    assert week.status is Status.GREEN and "本周未结束" in week.reason
    assert week.figures.days_required == 2
    assert [d["state"] for d in week.days[2:5]] == ["future"] * 3


def test_holiday_week_requires_only_its_school_days(db, classes):
    with transaction(db):
        records.save(
            db, "calendar_days", {"date": WEEK[4].isoformat(), "kind": "holiday", "name": "校庆"}, SYSTEM
        )
    ass.save_days(
        db, SYSTEM, [ass.ServiceDay(classes[2].id, d, True, 120, dt.time(17, 30)) for d in WEEK[:4]]
    )
    week = week_of(db, classes[2])
    assert week.status is Status.GREEN
    assert week.figures.days_required == 4 and week.figures.days_held == 4


def test_senior_high_is_not_applicable(db, classes):
    week = week_of(db, classes[11])
    assert week.status is Status.NA and "高中" in week.reason
    whole = summary.week_summary(db, MONDAY, today=TODAY)
    statuses = {row.school_class.grade: row.areas["afterschool"].status for row in whole.classes}
    assert statuses == {2: Status.UNLOGGED, 8: Status.UNLOGGED, 11: Status.NA}


def test_local_end_of_work_is_overridable(db, classes):
    full_week(db, classes[2], end=dt.time(17, 40))
    assert week_of(db, classes[2]).status is Status.GREEN
    ass.set_local_end_of_work(db, SYSTEM, dt.time(18, 0), "本市 18:00 下班")
    week = week_of(db, classes[2])
    assert week.status is Status.BELOW and "早于当地下班时间 18:00" in week.reason
    assert (
        "学校设置(自 2021-07-24 起，本市 18:00 下班)" in week.source and "默认值请学校确认" not in week.source
    )
    # Setting it again updates the one override instead of adding another.
    ass.set_local_end_of_work(db, SYSTEM, dt.time(17, 40))
    assert week_of(db, classes[2]).status is Status.GREEN
    assert len(records.live_rows(db, "rule_overrides", "rule_id = ?", [ass.END_RULE])) == 1
    teacher = Actor("t", "王老师", TEACHER, {classes[2].id: None})
    with pytest.raises(PermissionDenied):
        ass.set_local_end_of_work(db, teacher, dt.time(17, 0))


def test_one_record_per_class_day_and_audit(db, classes):
    c = classes[2]
    ass.save_day(db, SYSTEM, ass.ServiceDay(c.id, WEEK[0], True, 100, dt.time(17, 0), 35))
    changes = ass.save_day(
        db, SYSTEM, ass.ServiceDay(c.id, WEEK[0], True, 120, dt.time(17, 30), 36), reason="补录更正"
    )
    rows = records.live_rows(db, ass.DAYS, "class_id = ?", [c.id])
    assert len(rows) == 1 and rows[0]["minutes"] == 120 and rows[0]["end_time"] == "17:30"
    assert changes.tables == {ass.DAYS}
    history = audit.history(db, ass.DAYS, rows[0]["id"])
    assert [h["action"] for h in history] == ["insert", "update"]
    ass.delete_day(db, SYSTEM, c.id, WEEK[0])
    assert week_of(db, c).days[0]["state"] == "unlogged"


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (dict(minutes=None), "时长"),
        (dict(minutes=0), "1–300"),
        (dict(minutes=301), "1–300"),
        (dict(end_time=None), "结束时间"),
        (dict(participants=-1), "参加人数"),
    ],
)
def test_validation(db, classes, record, message):
    values = dict(held=True, minutes=120, end_time=dt.time(17, 30), participants=30) | record
    with pytest.raises(UserError, match=message):
        ass.save_day(db, SYSTEM, ass.ServiceDay(classes[2].id, WEEK[0], **values))
    assert not records.live_rows(db, ass.DAYS)


def test_not_held_day_needs_no_minutes(db, classes):
    ass.save_day(db, SYSTEM, ass.ServiceDay(classes[2].id, WEEK[0], False, note="停电"))
    row = records.live_rows(db, ass.DAYS)[0]
    assert row["held"] == 0 and row["minutes"] is None and row["end_time"] is None


def test_teacher_only_writes_own_class(db, classes):
    teacher = Actor("t", "王老师", TEACHER, {classes[2].id: None})
    ass.save_day(db, teacher, ass.ServiceDay(classes[2].id, WEEK[0], True, 120, dt.time(17, 30)))
    with pytest.raises(PermissionDenied):
        ass.save_day(db, teacher, ass.ServiceDay(classes[8].id, WEEK[0], True, 120, dt.time(17, 30)))


def test_fill_defaults_uses_last_held_day_and_skips_logged_days(db, classes):
    c = classes[8]
    first = ass.default_day(db, c, WEEK[0])
    assert (first.minutes, first.end_time) == (120, dt.time(17, 30))
    ass.save_day(db, SYSTEM, ass.ServiceDay(c.id, WEEK[0], True, 135, dt.time(18, 5), 38))
    ass.save_day(db, SYSTEM, ass.ServiceDay(c.id, WEEK[2], False))
    ass.fill_defaults(db, SYSTEM, c, WEEK + [WEEK[4] + dt.timedelta(days=1)])  # Saturday is skipped
    days = ass.days_between(db, c.id, WEEK[0], WEEK[4] + dt.timedelta(days=2))
    assert sorted(days) == WEEK
    assert days[WEEK[2]].held is False  # an entered day is never overwritten
    assert (days[WEEK[3]].minutes, days[WEEK[3]].end_time, days[WEEK[3]].participants) == (
        135,
        dt.time(18, 5),
        38,
    )
    with pytest.raises(UserError, match="都已登记"):
        ass.fill_defaults(db, SYSTEM, c, WEEK)


# ------------------------------------------------------------------ import

HEADER = ["日期", "班级", "是否开展", "时长(分钟)", "结束时间", "参加人数"]


def test_import_xlsx(db, classes, tmp_path):
    path = write_xlsx(
        tmp_path / "课后服务.xlsx",
        [
            HEADER,
            [dt.datetime(2026, 11, 16), "二年级(1)班", "是", 120, dt.time(17, 30), 38],
            ["2026-11-17", "初二（1）班", "是", "130分钟", "17:45", 40],
            ["2026/11/18", "二年级1班", "否", None, None, None],
        ],
    )
    preview = ass.preview_import(db, path)
    assert preview.ok, preview.error_report()
    assert preview.counts == {"new": 3, "changed": 0, "unchanged": 0}
    ass.commit_import(db, SYSTEM, preview)
    rows = {(r["date"], r["class_id"]): r for r in records.live_rows(db, ass.DAYS)}
    assert rows[("2026-11-17", classes[8].id)]["minutes"] == 130
    assert rows[("2026-11-18", classes[2].id)]["held"] == 0
    again = ass.preview_import(db, path)
    assert again.counts == {"new": 0, "changed": 0, "unchanged": 3}


def test_import_bad_rows_write_nothing(db, classes, tmp_path):
    path = write_csv(
        tmp_path / "bad.csv",
        [
            HEADER,
            ["2026-11-16", "二年级(1)班", "是", "120", "17:30", "38"],
            ["2026-11-17", "五年级(9)班", "是", "120", "17:30", "38"],
            ["2026-11-18", "二年级(1)班", "也许", "120", "17:30", "38"],
            ["2026-11-19", "二年级(1)班", "是", "", "", "38"],
            ["2026-11-16", "二年级(1)班", "是", "120", "25:30", "38"],
        ],
    )
    preview = ass.preview_import(db, path)
    messages = [(e.row, e.column) for e in preview.errors]
    assert (3, "班级") in messages
    assert (4, "是否开展") in messages
    assert (5, "时长(分钟)") in messages and (5, "结束时间") in messages
    assert (6, "结束时间") in messages
    with pytest.raises(UserError, match="未导入任何数据"):
        ass.commit_import(db, SYSTEM, preview)
    assert not records.live_rows(db, ass.DAYS)


def test_import_missing_column(db, classes, tmp_path):
    path = write_csv(tmp_path / "x.csv", [["日期", "班级", "时长"], ["2026-11-16", "二年级(1)班", "120"]])
    preview = ass.preview_import(db, path)
    assert not preview.ok and preview.errors[0].column == "是否开展"


def test_demo_shows_green_and_red(demo_db, today):
    week = summary.week_summary(demo_db, dt.date(2026, 11, 16), today=today, areas=["afterschool"])
    statuses = [row.areas["afterschool"].status for row in week.classes]
    assert Status.GREEN in statuses and Status.BELOW in statuses
    reasons = " ".join(row.areas["afterschool"].reason for row in week.classes)
    assert "未开展" in reasons  # the class that only ran service four days a week


def test_makeup_saturday_is_a_service_day(db, classes):
    """A 调休 Saturday follows a weekday's timetable: 课后服务 is due that day like any school day."""
    from fivemgmt import calendar

    c = classes[2]
    saturday = MONDAY + dt.timedelta(days=5)
    calendar.save_calendar_entry(db, SYSTEM, {"date": MONDAY.isoformat(), "kind": "holiday", "name": "校庆"})
    calendar.save_calendar_entry(
        db, SYSTEM, {"date": saturday.isoformat(), "kind": "makeup", "name": "校庆调休上课"}
    )
    assert calendar.SchoolCalendar(db).timetable_weekday(saturday) == 0
    week = week_of(db, c)
    saturday_row = next(d for d in week.days if d["date"] == saturday.isoformat())
    assert saturday_row["state"] == "unlogged"


def test_import_preview_says_what_each_row_does(db, classes, tmp_path):
    rows = [
        HEADER,
        ["2026-11-16", "二年级(1)班", "是", 120, "17:30", 38],
        ["2026-11-17", "二年级(1)班", "是", 120, "17:30", 38],
    ]
    ass.commit_import(db, SYSTEM, ass.preview_import(db, write_xlsx(tmp_path / "a.xlsx", rows)))
    rows[2][3] = 90
    preview = ass.preview_import(db, write_xlsx(tmp_path / "b.xlsx", rows))
    assert [(o.row, o.kind) for o in preview.outcomes] == [(2, "不变"), (3, "修改")]
    assert preview.counts == {"new": 0, "changed": 1, "unchanged": 1}

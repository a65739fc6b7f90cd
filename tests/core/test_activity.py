import datetime as dt
from dataclasses import asdict

import pytest

from fivemgmt import records, school, summary
from fivemgmt.actor import SYSTEM, TEACHER, Actor
from fivemgmt.areas import activity as act
from fivemgmt.areas.base import WeekContext
from fivemgmt.calendar import SchoolCalendar
from fivemgmt.db import transaction
from fivemgmt.errors import PermissionDenied, UserError
from fivemgmt.rules import Rulebook, Status
from tests.core.helpers import make_school
from tests.core.test_imports import write_csv, write_xlsx

MONDAY = dt.date(2026, 11, 16)  # 2026-W47, complete before "today"
TODAY = dt.date(2026, 11, 25)
WEEK = [MONDAY + dt.timedelta(days=i) for i in range(5)]
# Two screenings this term, so the vision check is satisfied unless a test says otherwise.
SCREENED = [dt.date(2026, 9, 15), dt.date(2026, 11, 10)]


@pytest.fixture
def classes(db):
    make_school(db, grades=(1, 4, 8))
    with transaction(db):
        records.save(db, "classes", {"grade": 10, "number": 1, "name": "高一(1)班"}, SYSTEM)
    result = {c.grade: c for c in school.list_classes(db)}
    for c in result.values():
        for day in SCREENED:
            act.add_screening(db, SYSTEM, c.id, day, 40, today=TODAY)
    return result


PE_DAYS = {1: {0: 1, 1: 1, 3: 1, 4: 1}, 4: {0: 1, 2: 1, 4: 1}, 8: {0: 1, 2: 1, 4: 1}, 10: {1: 1, 3: 1}}


def good_week(db, school_class, changes=None):
    """A week at exactly the minimums: 30-minute 大课间, 60 minutes of activity, eye exercises twice."""
    act.set_timetable(
        db, SYSTEM, school_class.id, {w: PE_DAYS[school_class.grade].get(w, 0) for w in range(5)}
    )
    items = []
    for day in WEEK:
        record = act.default_day(db, school_class, day)
        record.break_minutes, record.activity_minutes = 30, 60
        for key, value in (changes or {}).get(day.weekday(), {}).items():
            setattr(record, key, value)
        items.append(record)
    act.save_days(db, SYSTEM, items)


def week_of(db, school_class, monday=MONDAY, today=TODAY):
    return act.week_summary(WeekContext.load(db, monday, today), school_class)


@pytest.mark.parametrize("grade", [1, 4, 8, 10])
def test_week_at_the_minimums_is_green(db, classes, grade):
    good_week(db, classes[grade])
    week = week_of(db, classes[grade])
    assert week.status is Status.GREEN, week.reason
    required = {1: 4, 4: 3, 8: 3, 10: 2}[grade]
    assert asdict(week.figures) == {
        "pe_held": required,
        "pe_required": required,
        "pe_taken_over": 0,
        "break_minutes_avg": 30.0,
        "activity_minutes_avg": 60.0,
        "eye_exercise_ok_days": 5,
        "logged_days": 5,
        "school_days": 5,
        "vision_screenings_term": 2,
        "vision_required": 2,
    }


@pytest.mark.parametrize(
    ("grade", "held", "status"),
    [
        (1, 3, Status.BELOW),
        (1, 4, Status.GREEN),
        (4, 2, Status.BELOW),
        (4, 3, Status.GREEN),
        (10, 1, Status.BELOW),
        (10, 2, Status.GREEN),
    ],
)
def test_pe_lessons_per_week_by_grade(db, classes, grade, held, status):
    c = classes[grade]
    good_week(db, c)
    pe_days = sorted(PE_DAYS[grade])
    required = len(pe_days)
    # Cancel lessons (rain, no replacement) until `held` are left.
    for weekday in pe_days[held:]:
        record = act.days_between(db, c.id, WEEK[weekday], WEEK[weekday])[WEEK[weekday]]
        record.pe_held = 0
        act.save_day(db, SYSTEM, record)
    week = week_of(db, c)
    assert week.status is status, week.reason
    assert week.figures.pe_held == held and week.figures.pe_required == required
    if status is Status.BELOW:
        assert f"应上体育课 {required} 节，实上 {held} 节" in week.reason


def test_pe_taken_over_is_red_and_named(db, classes):
    c = classes[4]
    good_week(db, c, {2: {"pe_held": 0, "pe_taken_over": 1, "taken_over_by": "数学"}})
    week = week_of(db, c)
    assert week.status is Status.VIOLATION
    assert "体育课被占用 1 节（数学）" in week.reason
    assert week.figures.pe_taken_over == 1 and week.figures.pe_held == 2
    assert week.days[2]["status"] == "violation"


@pytest.mark.parametrize(
    ("field", "value", "status"),
    [
        ("break_minutes", 29, Status.BELOW),
        ("break_minutes", 30, Status.GREEN),
        ("activity_minutes", 59, Status.BELOW),
        ("activity_minutes", 60, Status.GREEN),
        ("eye_exercises", 1, Status.BELOW),
        ("eye_exercises", 2, Status.GREEN),
    ],
)
def test_daily_boundaries(db, classes, field, value, status):
    c = classes[8]
    good_week(db, c, {3: {field: value}})
    week = week_of(db, c)
    assert week.status is status, week.reason
    assert week.days[3]["status"] == status.value
    if status is Status.BELOW:
        what = {
            "break_minutes": "大课间少于 30 分钟",
            "activity_minutes": "校内体育活动少于 60 分钟",
            "eye_exercises": "眼保健操少于 2 次",
        }[field]
        assert f"1 天{what}" in week.reason
    assert week.figures.eye_exercise_ok_days == (4 if field == "eye_exercises" and value < 2 else 5)


def test_break_cut_to_twenty_minutes_reads_plainly(db, classes):
    c = classes[4]
    good_week(db, c, {d: {"break_minutes": 20} for d in range(5)})
    week = week_of(db, c)
    assert week.status is Status.BELOW and "5 天大课间少于 30 分钟（最少 20）" in week.reason
    assert week.figures.break_minutes_avg == 20


def test_unlogged_days_are_never_green(db, classes):
    c = classes[4]
    week = week_of(db, c)
    assert week.status is Status.UNLOGGED and week.figures.logged_days == 0
    assert week.figures.break_minutes_avg is None
    good_week(db, c)
    act.delete_day(db, SYSTEM, c.id, WEEK[1])
    week = week_of(db, c)
    assert week.status is Status.UNLOGGED and "另有 1 天未登记" in week.reason
    assert week.days[1]["state"] == "unlogged" and week.days[1]["break_minutes"] is None


def test_week_in_progress_uses_the_timetable_so_far(db, classes):
    c = classes[4]  # PE on Mon, Wed, Fri
    act.set_timetable(db, SYSTEM, c.id, PE_DAYS[4])
    monday = dt.date(2026, 11, 23)
    act.fill_defaults(db, SYSTEM, c, [monday, monday + dt.timedelta(days=1)])
    week = week_of(db, c, monday=monday)
    assert week.status is Status.GREEN, week.reason
    assert week.figures.pe_required == 1 and week.figures.pe_held == 1
    assert week.figures.school_days == 2


def test_timetable_check(db, classes):
    c = classes[1]
    rules = Rulebook(db)
    assert act.check_timetable(db, c, TODAY, rules).status is Status.UNLOGGED
    act.set_timetable(db, SYSTEM, c.id, {0: 1, 1: 1, 2: 1, 3: 0, 4: 0})
    verdict = act.check_timetable(db, c, TODAY, rules)
    assert verdict.status is Status.BELOW and "课表每周体育课 3 节，低于要求 4 节" in verdict.reason
    act.set_timetable(db, SYSTEM, c.id, {3: 1})
    assert act.check_timetable(db, c, TODAY, rules).status is Status.GREEN
    assert act.timetable(db, c.id) == {0: 1, 1: 1, 2: 1, 3: 1, 4: 0}
    assert len(records.live_rows(db, act.TIMETABLE, "class_id = ?", [c.id])) == 5
    with pytest.raises(UserError):
        act.set_timetable(db, SYSTEM, c.id, {0: 4})
    teacher = Actor("t", "王老师", TEACHER, {c.id: None})
    with pytest.raises(PermissionDenied):
        act.set_timetable(db, teacher, c.id, {0: 1})


def test_default_day_follows_the_timetable(db, classes):
    c = classes[1]
    act.set_timetable(db, SYSTEM, c.id, PE_DAYS[1])
    tuesday, wednesday = act.default_day(db, c, WEEK[1]), act.default_day(db, c, WEEK[2])
    assert (tuesday.pe_planned, tuesday.pe_held, tuesday.eye_exercises, tuesday.break_minutes) == (
        1,
        1,
        2,
        30,
    )
    assert tuesday.activity_minutes >= 60
    assert (wednesday.pe_planned, wednesday.pe_held) == (0, 0) and wednesday.activity_minutes == 60


def test_vision_screenings_per_term(db, classes):
    c = classes[8]
    rules = Rulebook(db)
    calendar = SchoolCalendar(db)
    for row in records.live_rows(db, act.SCREENINGS, "class_id = ?", [c.id]):
        act.delete_screening(db, SYSTEM, row["id"])
    early = dt.date(2026, 10, 1)
    assert act.check_vision(db, c, early, calendar, rules)[2].status is Status.GREEN  # time left in the term
    done, required, verdict = act.check_vision(db, c, TODAY, calendar, rules)
    assert (done, required, verdict.status) == (0, 2, Status.YELLOW)  # past the middle of the term, none yet
    act.add_screening(db, SYSTEM, c.id, dt.date(2026, 9, 20), today=TODAY)
    assert act.check_vision(db, c, TODAY, calendar, rules)[2].status is Status.GREEN
    assert (
        act.check_vision(db, c, dt.date(2027, 1, 5), calendar, rules)[2].status is Status.YELLOW
    )  # last weeks
    assert (
        act.check_vision(db, c, dt.date(2027, 2, 1), calendar, rules)[2].status is Status.BELOW
    )  # term over
    act.add_screening(db, SYSTEM, c.id, dt.date(2026, 11, 20), today=TODAY)
    assert act.check_vision(db, c, dt.date(2027, 2, 1), calendar, rules)[:2] == (2, 2)
    with pytest.raises(UserError, match="已登记过"):
        act.add_screening(db, SYSTEM, c.id, dt.date(2026, 11, 20), today=TODAY)
    with pytest.raises(UserError, match="不能晚于今天"):
        act.add_screening(db, SYSTEM, c.id, dt.date(2026, 11, 26), today=TODAY)


def test_missing_vision_screening_shows_in_the_week(db, classes):
    c = classes[4]
    good_week(db, c)
    for row in records.live_rows(db, act.SCREENINGS, "class_id = ?", [c.id]):
        act.delete_screening(db, SYSTEM, row["id"])
    week = week_of(db, c)
    assert week.status is Status.YELLOW and "视力监测 0 次" in week.reason
    assert week.figures.vision_screenings_term == 0


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (dict(eye_exercises=act.MAX_EYE_EXERCISES_PER_DAY + 1), "眼保健操"),
        (dict(break_minutes=-1), "大课间"),
        (dict(pe_held=4), "体育课节数"),
        (dict(break_minutes=40, activity_minutes=30), "不能少于大课间"),
    ],
)
def test_validation(db, classes, record, message):
    values = dict(pe_held=1, break_minutes=30, activity_minutes=60, eye_exercises=2) | record
    with pytest.raises(UserError, match=message):
        act.save_day(db, SYSTEM, act.ActivityDay(classes[4].id, WEEK[0], **values))
    assert not records.live_rows(db, act.DAYS)


def test_teacher_only_writes_own_class(db, classes):
    teacher = Actor("t", "王老师", TEACHER, {classes[4].id: None})
    act.save_day(db, teacher, act.ActivityDay(classes[4].id, WEEK[0], 1, 1, 0, "", 30, 70, 2))
    with pytest.raises(PermissionDenied):
        act.save_day(db, teacher, act.ActivityDay(classes[8].id, WEEK[0], 1, 1, 0, "", 30, 70, 2))
    with pytest.raises(PermissionDenied):
        act.add_screening(db, teacher, classes[8].id, WEEK[0], today=TODAY)


# ------------------------------------------------------------------ import

HEADER = [
    "日期",
    "班级",
    "体育课节数",
    "体育课被占用节数",
    "占用学科",
    "大课间(分钟)",
    "校内体育活动(分钟)",
    "眼保健操次数",
]


def test_import_xlsx_fills_planned_from_timetable(db, classes, tmp_path):
    act.set_timetable(db, SYSTEM, classes[4].id, PE_DAYS[4])
    path = write_xlsx(
        tmp_path / "体育活动.xlsx",
        [
            HEADER,
            [dt.datetime(2026, 11, 16), "四年级(1)班", 1, 0, None, 30, 70, 2],
            ["2026-11-18", "四年级1班", 0, 1, "数学", "30分钟", 45, 2],
            ["2026-11-16", "初二(1)班", 1, None, None, 35, 75, 1],
        ],
    )
    preview = act.preview_import(db, path)
    assert preview.ok, preview.error_report()
    assert preview.counts["new"] == 3
    act.commit_import(db, SYSTEM, preview)
    days = act.days_between(db, classes[4].id, WEEK[0], WEEK[4])
    assert days[WEEK[0]].pe_planned == 1 and days[WEEK[2]].pe_taken_over == 1
    assert days[WEEK[2]].taken_over_by == "数学"
    assert act.preview_import(db, path).counts == {"new": 0, "changed": 0, "unchanged": 3}


def test_import_bad_rows_write_nothing(db, classes, tmp_path):
    path = write_csv(
        tmp_path / "bad.csv",
        [
            HEADER,
            ["2026-11-16", "四年级(1)班", "1", "0", "", "30", "70", "2"],
            ["2026-11-17", "四年级(1)班", "1", "0", "", "30", "70", "5"],
            ["2026-11-18", "四年级(1)班", "1", "0", "", "40", "30", "2"],
            ["2026-11-19", "九年级(5)班", "1", "0", "", "30", "70", "2"],
            ["2026-11-16", "四年级(1)班", "1", "0", "", "30", "70", "2"],
            ["昨天", "四年级(1)班", "1", "0", "", "30", "70", "2"],
        ],
    )
    preview = act.preview_import(db, path)
    where = {(e.row, e.column) for e in preview.errors}
    assert {(3, "眼保健操次数"), (4, "校内体育活动(分钟)"), (5, "班级"), (6, ""), (7, "日期")} <= where
    with pytest.raises(UserError, match="未导入任何数据"):
        act.commit_import(db, SYSTEM, preview)
    assert not records.live_rows(db, act.DAYS)


def test_demo_shows_green_and_red(demo_db, today):
    week = summary.week_summary(demo_db, dt.date(2026, 11, 16), today=today, areas=["activity"])
    statuses = [row.areas["activity"].status for row in week.classes]
    assert Status.GREEN in statuses and any(s.is_red for s in statuses)
    reasons = " ".join(row.areas["activity"].reason for row in week.classes)
    assert "体育课被占用" in reasons and "大课间少于 30 分钟（最少 20）" in reasons


def test_week_reason_states_the_eye_exercise_rule_in_force_not_a_fixed_number(db, classes):
    from fivemgmt.actor import LOCAL_ADMIN
    from fivemgmt.rules import save_override

    c = classes[4]
    good_week(db, c)
    assert "眼保健操每天不少于 2 次" in week_of(db, c).reason
    save_override(
        db,
        LOCAL_ADMIN,
        "activity.eye_exercises_per_day",
        "1",
        1,
        12,
        "试行：每天一次",
        effective_from=dt.date(2026, 9, 1),
    )
    good_week(db, c, {w: {"eye_exercises": 1} for w in range(5)})
    week = week_of(db, c)
    assert week.status is Status.GREEN, week.reason
    assert "眼保健操每天不少于 1 次" in week.reason and "眼保健操每天不少于 2" not in week.reason


def test_weeks_before_the_pe_notice_are_not_judged(db):
    classes = make_school(db, grades=(4,), term=(dt.date(2021, 3, 1), dt.date(2021, 7, 10)))
    c = classes[4]
    record = act.ActivityDay(c.id, dt.date(2021, 4, 13), 1, 0, 0, "", 10, 20, 0)
    act.save_days(db, SYSTEM, [record])
    week = week_of(db, c, dt.date(2021, 4, 12), today=dt.date(2021, 5, 1))
    assert week.status is Status.NA and "自 2021-04-21 起施行" in week.reason
    later = week_of(db, c, dt.date(2021, 4, 26), today=dt.date(2021, 5, 1))
    assert later.status is not Status.NA


HOLIDAY_WED = dt.date(2026, 11, 4)  # a weekday off (校庆), made up on Saturday 11-14
MAKEUP_SAT = dt.date(2026, 11, 14)


def makeup_calendar(db, follows=None):
    from fivemgmt import calendar

    calendar.save_calendar_entry(
        db, SYSTEM, {"date": HOLIDAY_WED.isoformat(), "kind": "holiday", "name": "校庆"}
    )
    values = {"date": MAKEUP_SAT.isoformat(), "kind": "makeup", "name": "校庆调休上课"}
    if follows is not None:
        values["follows_weekday"] = follows
    calendar.save_calendar_entry(db, SYSTEM, values)


@pytest.mark.parametrize(("follows", "planned"), [(None, 1), (2, 1), (1, 0), (4, 1)])
def test_makeup_saturday_follows_the_timetable_of_the_weekday_it_replaces(db, classes, follows, planned):
    """Grade 4 has PE on Mon, Wed, Fri. Without a choice the make-up day follows the holiday's weekday."""
    from fivemgmt.calendar import SchoolCalendar

    c = classes[4]
    act.set_timetable(db, SYSTEM, c.id, PE_DAYS[4])
    makeup_calendar(db, follows)
    calendar = SchoolCalendar(db)
    assert calendar.timetable_weekday(MAKEUP_SAT) == (2 if follows is None else follows)
    (saturday,) = [
        d
        for d in act.build_days(db, c, MAKEUP_SAT, MAKEUP_SAT, TODAY, calendar, Rulebook(db))
        if d.date == MAKEUP_SAT
    ]
    assert saturday.pe_planned == planned
    proposal = act.default_day(db, c, MAKEUP_SAT)
    assert (proposal.pe_planned, proposal.break_minutes) == (planned, 30)


def test_week_with_a_makeup_saturday_counts_its_pe_lesson_and_needs_its_register(db, classes):
    c = classes[4]
    act.set_timetable(db, SYSTEM, c.id, PE_DAYS[4])
    makeup_calendar(db, 2)
    monday = MAKEUP_SAT - dt.timedelta(days=5)
    items = []
    for offset in range(6):
        record = act.default_day(db, c, monday + dt.timedelta(days=offset))
        record.break_minutes, record.activity_minutes = 30, 60
        items.append(record)
    act.save_days(db, SYSTEM, items[:5])
    week = week_of(db, c, monday)
    assert week.figures.school_days == 6 and week.figures.pe_required == 4
    assert "另有 1 天未登记" in week.reason  # the make-up Saturday is a school day with 大课间 and PE
    act.save_days(db, SYSTEM, items[5:])
    week = week_of(db, c, monday)
    assert week.status is Status.GREEN and week.figures.pe_held == 4, week.reason


def test_makeup_day_without_a_nearby_holiday_asks_which_timetable(db, classes):
    from fivemgmt import calendar

    with pytest.raises(UserError, match="按星期几的课表"):
        calendar.save_calendar_entry(db, SYSTEM, {"date": MAKEUP_SAT.isoformat(), "kind": "makeup"})
    with pytest.raises(UserError, match="周一至周五"):
        calendar.save_calendar_entry(
            db, SYSTEM, {"date": MAKEUP_SAT.isoformat(), "kind": "makeup", "follows_weekday": 5}
        )
    calendar.save_calendar_entry(
        db, SYSTEM, {"date": MAKEUP_SAT.isoformat(), "kind": "makeup", "follows_weekday": 0}
    )
    assert calendar.SchoolCalendar(db).timetable_weekday(MAKEUP_SAT) == 0


def test_a_school_rule_above_two_eye_exercises_can_be_recorded(db, classes):
    """The count a teacher can type follows what a school may require, not the national 2."""
    from fivemgmt.actor import LOCAL_ADMIN
    from fivemgmt.rules import save_override

    c = classes[4]
    save_override(
        db,
        LOCAL_ADMIN,
        "activity.eye_exercises_per_day",
        "3",
        1,
        12,
        "本校每天三次",
        effective_from=dt.date(2026, 9, 1),
    )
    day = act.ActivityDay(
        c.id,
        dt.date(2026, 11, 23),
        pe_planned=1,
        pe_held=1,
        break_minutes=30,
        activity_minutes=70,
        eye_exercises=3,
    )
    act.save_day(db, LOCAL_ADMIN, day)
    assert act.days_between(db, c.id, day.date, day.date)[day.date].eye_exercises == 3
    with pytest.raises(UserError, match="眼保健操次数"):
        act.save_day(db, LOCAL_ADMIN, act.ActivityDay(c.id, day.date, eye_exercises=9, id=day.id))

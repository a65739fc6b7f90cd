import datetime as dt
import json

import openpyxl
import pytest

from fivemgmt import audit_verify, records, school, summary
from fivemgmt.actor import SYSTEM, TEACHER, Actor
from fivemgmt.areas import sleep
from fivemgmt.areas.base import WeekContext
from fivemgmt.db import transaction
from fivemgmt.errors import PermissionDenied, UserError
from fivemgmt.rules import Rulebook, Status
from tests.core.helpers import make_school

TODAY = dt.date(2026, 11, 25)
MONDAY = dt.date(2026, 11, 23)
T = dt.time


@pytest.fixture
def classes(db):
    found = make_school(db, grades=(4, 8))
    with transaction(db):
        for c in found.values():
            for i, name in enumerate(["张一", "李二", "王三", "赵四"]):
                records.save(
                    db,
                    "students",
                    {
                        "class_id": c.id,
                        "name": name if c.grade == 4 else name + "八",
                        "student_no": f"S{c.grade}{i}",
                    },
                    SYSTEM,
                )
    return found


def students(db, c):
    return school.list_students(db, c.id)


def night(c, student, day, bed, wake, source=sleep.SPOT_CHECK):
    return sleep.SleepRecord(None, c.id, student["id"], day, bed, wake, source=source)


# ------------------------------------------------------------------ duration and boundaries


@pytest.mark.parametrize(
    ("bed", "wake", "minutes"),
    [
        (T(21, 0), T(7, 0), 600),  # crosses midnight
        (T(23, 30), T(6, 30), 420),
        (T(0, 30), T(7, 0), 390),  # after midnight
        (T(13, 0), T(14, 0), 60),  # same day
    ],
)
def test_duration_crosses_midnight(bed, wake, minutes):
    assert sleep.sleep_minutes(bed, wake) == minutes


@pytest.mark.parametrize(
    ("bed", "wake", "status", "text"),
    [
        (T(21, 0), T(7, 0), Status.GREEN, "达到 10"),  # exactly 10 h passes
        (T(21, 1), T(7, 0), Status.BELOW, "少于 10"),  # 9 h 59 min fails
        (T(21, 20), T(7, 20), Status.GREEN, "不晚于 21:20"),  # 21:20 exactly passes
        (T(21, 21), T(7, 30), Status.BELOW, "晚于 21:20"),  # 21:21 fails even with 10 h sleep
        (T(0, 10), T(10, 30), Status.BELOW, "晚于 21:20"),  # after midnight is late, not early
    ],
)
def test_primary_boundaries(db, classes, bed, wake, status, text):
    c = classes[4]
    record = night(c, students(db, c)[0], TODAY, bed, wake)
    verdict = sleep.check_record(Rulebook(db), 4, record)
    assert verdict.status is status
    assert text in verdict.reason


def test_junior_boundaries(db, classes):
    c = classes[8]
    s = students(db, c)[0]
    rules = Rulebook(db)
    assert sleep.check_record(rules, 8, night(c, s, TODAY, T(22, 0), T(7, 0))).status is Status.GREEN
    assert sleep.check_record(rules, 8, night(c, s, TODAY, T(22, 1), T(7, 5))).status is Status.BELOW
    assert sleep.check_record(rules, 8, night(c, s, TODAY, T(21, 30), T(6, 29))).status is Status.BELOW


def test_high_school_rules(db):
    classes = make_school(db, stage="高中", grades=(11,))
    c = classes[11]
    with transaction(db):
        sid = records.save(db, "students", {"class_id": c.id, "name": "高同学"}, SYSTEM)
    record = sleep.SleepRecord(None, c.id, sid, TODAY, T(23, 0), T(7, 0))
    assert sleep.check_record(Rulebook(db), 11, record).status is Status.GREEN  # 8 h, 23:00 exactly


def test_implausible_times_rejected(db, classes):
    c = classes[4]
    s = students(db, c)[0]
    with pytest.raises(UserError, match="不合理"):
        sleep.save_record(db, SYSTEM, night(c, s, TODAY, T(21, 0), T(22, 0)))  # 1 h
    with pytest.raises(UserError, match="来源"):
        sleep.save_record(db, SYSTEM, night(c, s, TODAY, T(21, 0), T(7, 0), source="猜的"))
    assert records.live_rows(db, sleep.RECORDS) == []


# ------------------------------------------------------------------ saving


def test_one_record_per_student_and_night_and_audited(db, classes):
    c = classes[4]
    s = students(db, c)[0]
    sleep.save_record(db, SYSTEM, night(c, s, TODAY, T(21, 30), T(7, 0)))
    sleep.save_record(db, SYSTEM, night(c, s, TODAY, T(21, 0), T(7, 0)))  # corrects, does not add
    rows = records.live_rows(db, sleep.RECORDS)
    assert len(rows) == 1 and rows[0]["bedtime"] == "21:00" and rows[0]["sleep_minutes"] == 600
    assert audit_verify.verify(db).ok


def test_teacher_of_another_class_cannot_write(db, classes):
    teacher = Actor("t", "王老师", TEACHER, {classes[8].id: None})
    c = classes[4]
    with pytest.raises(PermissionDenied):
        sleep.save_record(db, teacher, night(c, students(db, c)[0], TODAY, T(21, 0), T(7, 0)))


def test_grid_entry_saves_filled_rows_and_deletes_cleared(db, classes):
    c = classes[4]
    grid = sleep.class_grid(db, c.id, TODAY)
    assert [r.name for r in grid] == ["张一", "李二", "王三", "赵四"]
    grid[0].bedtime, grid[0].wake_time = T(21, 0), T(7, 0)
    grid[1].bedtime, grid[1].wake_time = T(22, 0), T(6, 30)
    sleep.save_grid(db, SYSTEM, c.id, TODAY, grid)
    again = sleep.class_grid(db, c.id, TODAY)
    assert again[0].verdict.status is Status.GREEN and again[1].verdict.status is Status.BELOW
    assert again[2].record_id is None
    again[1].bedtime = again[1].wake_time = None
    sleep.save_grid(db, SYSTEM, c.id, TODAY, again)
    assert len(records.live_rows(db, sleep.RECORDS)) == 1


def test_grid_is_all_or_nothing(db, classes):
    c = classes[4]
    grid = sleep.class_grid(db, c.id, TODAY)
    grid[0].bedtime, grid[0].wake_time = T(21, 0), T(7, 0)
    grid[1].bedtime, grid[1].wake_time = T(21, 0), T(21, 30)  # half an hour: a typo
    with pytest.raises(UserError, match="李二"):
        sleep.save_grid(db, SYSTEM, c.id, TODAY, grid)
    assert records.live_rows(db, sleep.RECORDS) == []


# ------------------------------------------------------------------ class results


def fill(db, c, day, pairs):
    for s, (bed, wake) in zip(students(db, c), pairs):
        sleep.save_record(db, SYSTEM, night(c, s, day, bed, wake))


def test_class_shares_median_and_verdicts(db, classes):
    c = classes[4]
    fill(
        db,
        c,
        MONDAY,
        [(T(21, 0), T(7, 0)), (T(21, 0), T(7, 10)), (T(21, 10), T(7, 20)), (T(21, 40), T(7, 0))],
    )
    stats = sleep.class_stats(db, c, MONDAY, TODAY)
    assert stats.sampled == 4
    assert stats.meet_sleep_share == 0.75  # 赵四 sleeps 9 h 20 min
    assert stats.meet_bedtime_share == 0.75
    assert stats.median_hours == 10.08
    assert stats.min_hours == 9.33
    assert stats.latest_bedtime == "21:40"
    assert stats.short_students == ["赵四"]
    verdict = sleep.judge_stats(stats, Rulebook(db), 4, TODAY)
    assert verdict.status is Status.YELLOW and "75%" in verdict.reason


def test_class_red_when_fewer_than_half_meet(db, classes):
    c = classes[4]
    fill(db, c, MONDAY, [(T(22, 0), T(7, 0)), (T(22, 0), T(7, 0)), (T(21, 0), T(7, 0)), (T(21, 0), T(7, 0))])
    stats = sleep.class_stats(db, c, MONDAY, TODAY)
    assert stats.meet_sleep_share == 0.5
    assert sleep.judge_stats(stats, Rulebook(db), 4, TODAY).status is Status.YELLOW  # exactly half: not red
    sleep.save_record(db, SYSTEM, night(c, students(db, c)[2], MONDAY, T(21, 30), T(7, 0)))
    stats = sleep.class_stats(db, c, MONDAY, TODAY)
    assert sleep.judge_stats(stats, Rulebook(db), 4, TODAY).status is Status.BELOW


def test_grade_results_pool_classes(db):
    classes = make_school(db, grades=(4,))
    school.add_class(db, SYSTEM, 4, 2)
    both = school.list_classes(db, 4)
    with transaction(db):
        for c in both:
            records.save(db, "students", {"class_id": c.id, "name": f"学生{c.number}"}, SYSTEM)
    for c, wake in zip(both, (T(7, 0), T(6, 0))):
        sleep.save_record(db, SYSTEM, night(c, students(db, c)[0], MONDAY, T(21, 0), wake))
    stats, verdict = sleep.grade_stats(db, 4, MONDAY, TODAY)
    assert stats.sampled == 2 and stats.meet_sleep_share == 0.5
    assert classes[4].id in {c.id for c in both}


def test_follow_up_list_uses_repeat_rule(db, classes):
    c = classes[4]
    s = students(db, c)
    for day in (dt.date(2026, 11, 2), dt.date(2026, 11, 16)):
        sleep.save_record(db, SYSTEM, night(c, s[0], day, T(22, 0), T(6, 50)))  # short and late twice
    sleep.save_record(db, SYSTEM, night(c, s[1], dt.date(2026, 11, 2), T(22, 0), T(6, 50)))  # once only
    follow = sleep.follow_up_list(db, c.id, dt.date(2026, 9, 1), TODAY)
    assert [f.name for f in follow] == ["张一"]
    assert follow[0].short_nights == 2 and follow[0].late_nights == 2
    assert "11-02" in follow[0].details[0]


def test_class_results_judge_the_month_and_the_grade_and_list_the_term_s_follow_ups(db, classes):
    c = classes[4]
    s = students(db, c)
    for day in (dt.date(2026, 9, 20), dt.date(2026, 11, 16)):
        sleep.save_record(db, SYSTEM, night(c, s[0], day, T(22, 0), T(6, 50)))  # short and late twice
    sleep.save_record(db, SYSTEM, night(c, s[1], dt.date(2026, 11, 16), T(21, 0), T(7, 0)))
    result = sleep.class_results(db, c, dt.date(2026, 12, 20), TODAY)  # a later day: up to today
    assert (result.start, result.end) == (TODAY - dt.timedelta(days=30), TODAY)
    assert result.verdict.status is Status.YELLOW and "抽查 2 人" in result.verdict.reason  # September is out
    assert result.short_students == ["张一"]
    assert result.grade_verdict is not None and "抽查 2 人" in result.grade_verdict.reason
    assert [f.name for f in result.follow_ups] == ["张一"]  # both nights of the term count


def strip_day(db, c, day):
    """The 睡眠 page's week-strip cell of a day: the area's DayResult."""
    ctx = WeekContext.load(db, day - dt.timedelta(days=day.weekday()), TODAY)
    return sleep.days(ctx, [c], day, day)[c.id][0]


def test_class_results_and_strip_days_before_the_notice_judge_nothing(db):
    classes = make_school(db, grades=(4,), term=(dt.date(2020, 9, 1), dt.date(2021, 7, 10)))
    c = classes[4]
    early = dt.date(2021, 3, 23)
    result = sleep.class_results(db, c, early, TODAY)
    assert result.verdict.status is Status.NA and "2021-03-30" in result.verdict.reason
    assert result.grade_verdict is None and result.follow_ups == []
    day = strip_day(db, c, early)
    assert day.status is Status.NA and "2021-03-30" in day.reason and day.figures.sampled == 0


def test_a_strip_day_judges_the_day_s_samples_and_a_day_without_is_not_missing(db, classes):
    c = classes[4]
    sleep.save_record(db, SYSTEM, night(c, students(db, c)[0], MONDAY, T(22, 0), T(6, 50)))
    day = strip_day(db, c, MONDAY)
    assert day.state == "logged" and day.status is Status.BELOW and day.figures.sampled == 1
    day = strip_day(db, c, TODAY)
    assert day.state == "none" and day.status is Status.NA and "睡眠按月抽查" in day.reason
    assert day.figures.sampled == 0


# ------------------------------------------------------------------ the week, sampled monthly


def sleep_week(db, c, monday=MONDAY):
    return sleep.week_summary(WeekContext.load(db, monday, TODAY), c)


def test_week_without_any_sample_is_unlogged(db, classes):
    week = sleep_week(db, classes[4])
    assert week.status is Status.UNLOGGED
    assert week.figures.sampled == 0 and week.figures.median_hours is None


def test_week_without_samples_looks_back_a_month_and_says_so(db, classes):
    c = classes[4]
    fill(db, c, dt.date(2026, 11, 5), [(T(21, 0), T(7, 0))] * 4)
    week = sleep_week(db, c)
    assert week.status is Status.GREEN
    assert "本周未抽查" in week.reason and "11-05" in week.reason
    assert week.figures.this_week is False and week.figures.sampled == 4
    # More than a month before the week's end: too old to stand for this week.
    ctx = WeekContext.load(db, dt.date(2026, 12, 7), dt.date(2026, 12, 13))
    assert sleep.week_summary(ctx, c).status is Status.UNLOGGED


def test_week_with_samples_uses_only_that_week(db, classes):
    c = classes[4]
    fill(db, c, dt.date(2026, 11, 5), [(T(22, 30), T(6, 0))] * 4)  # a bad month earlier
    fill(db, c, MONDAY, [(T(21, 0), T(7, 0))] * 2)
    week = sleep_week(db, c)
    assert week.figures.this_week is True and week.figures.sampled == 2
    assert week.status is Status.GREEN


def test_summary_figures_keys_and_json(db, classes):
    fill(db, classes[8], MONDAY, [(T(22, 30), T(6, 0))] * 3)
    week = summary.week_summary(db, MONDAY, today=TODAY, areas=["sleep"])
    row = next(r for r in week.classes if r.school_class.grade == 8).areas["sleep"]
    assert row.status is Status.BELOW
    for key in (
        "sampled",
        "meet_sleep_share",
        "meet_bedtime_share",
        "median_hours",
        "min_hours",
        "latest_bedtime",
        "hours",
        "short_students",
    ):
        assert hasattr(row.figures, key)
    assert row.figures.hours == [7.5, 7.5, 7.5]
    json.dumps(week.to_json(), ensure_ascii=False)


# ------------------------------------------------------------------ schedule and monitoring


def term_id(db):
    return records.live_rows(db, "terms")[0]["id"]


@pytest.mark.parametrize(
    ("stage", "first", "status"),
    [
        ("小学", T(8, 20), Status.GREEN),
        ("小学", T(8, 19), Status.VIOLATION),
        ("初中", T(8, 0), Status.GREEN),
        ("初中", T(7, 50), Status.VIOLATION),
    ],
)
def test_schedule_first_class_boundaries(db, classes, stage, first, status):
    sleep.save_schedule(db, SYSTEM, sleep.Schedule(None, term_id(db), stage, first, midday_rest_minutes=60))
    assert sleep.check_schedule(db, TODAY)[stage].status is status


def test_schedule_early_arrival_and_missing(db, classes):
    checks = sleep.check_schedule(db, TODAY)
    assert set(checks) == {"小学", "初中"} and checks["初中"].status is Status.UNLOGGED
    sleep.save_schedule(db, SYSTEM, sleep.Schedule(None, term_id(db), "初中", T(8, 0), True, "7:20 早读"))
    verdict = sleep.check_schedule(db, TODAY)["初中"]
    assert verdict.status is Status.VIOLATION and "7:20 早读" in verdict.reason
    # A schedule violation makes the stage's classes red in the week summary.
    fill(db, classes[8], MONDAY, [(T(21, 0), T(7, 0))] * 4)
    assert sleep_week(db, classes[8]).status is Status.VIOLATION
    sleep.save_schedule(db, SYSTEM, sleep.Schedule(None, term_id(db), "初中", T(8, 0), False))
    assert len(records.live_rows(db, sleep.SCHEDULE)) == 1  # one row per stage and term
    assert sleep_week(db, classes[8]).status is Status.GREEN


def test_schedule_needs_school_role(db, classes):
    teacher = Actor("t", "王老师", TEACHER, {classes[4].id: None})
    with pytest.raises(PermissionDenied):
        sleep.save_schedule(db, teacher, sleep.Schedule(None, term_id(db), "小学", T(8, 20)))


def test_monthly_monitoring(db, classes):
    c4, c8 = classes[4], classes[8]
    fill(db, c4, dt.date(2026, 10, 20), [(T(21, 0), T(7, 0))])
    fill(db, c4, dt.date(2026, 11, 10), [(T(21, 0), T(7, 0))] * 3)
    november = {r.school_class.id: r for r in sleep.monthly_monitoring(db, 2026, 11, TODAY)}
    assert november[c4.id].verdict.status is Status.GREEN and november[c4.id].sampled == 3
    assert november[c8.id].verdict.status is Status.UNLOGGED  # month still running
    october = {r.school_class.id: r for r in sleep.monthly_monitoring(db, 2026, 10, TODAY)}
    assert october[c4.id].verdict.status is Status.GREEN
    assert october[c8.id].verdict.status is Status.BELOW  # the month ended without a sample
    assert [october[c4.id].done, october[c8.id].done, november[c8.id].done] == [True, False, False]


# ------------------------------------------------------------------ imports


def write_xlsx(path, rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_plain_import_all_or_nothing(db, classes, tmp_path):
    good = write_xlsx(
        tmp_path / "ok.xlsx",
        [
            ["日期", "班级", "姓名", "就寝时间", "起床时间", "来源"],
            ["2026-11-20", "四年级(1)班", "张一", "21:00", "7:00", "家长问卷"],
            ["2026-11-20", "初二(1)班", "张一八", "22:10", "6:40", "学生"],
        ],
    )
    preview = sleep.preview_import(db, good)
    assert preview.ok, preview.error_report()
    assert preview.counts == {"new": 2, "changed": 0, "unchanged": 0}
    sleep.commit_import(db, SYSTEM, preview)
    rows = records.live_rows(db, sleep.RECORDS, order_by="bedtime")
    assert [r["sleep_minutes"] for r in rows] == [600, 510] and rows[1]["source"] == sleep.STUDENT
    assert sleep.preview_import(db, good).counts["unchanged"] == 2

    bad = write_xlsx(
        tmp_path / "bad.xlsx",
        [
            ["日期", "班级", "姓名", "就寝时间", "起床时间"],
            ["2026-11-21", "四年级(1)班", "李二", "21:00", "7:00"],
            ["2026-11-21", "四年级(1)班", "不存在", "21:00", "7:00"],
            ["2026-11-21", "四年级(1)班", "王三", "九点", "7:00"],
            ["2026-11-21", "四年级(1)班", "赵四", "21:00", "21:10"],
        ],
    )
    preview = sleep.preview_import(db, bad)
    messages = preview.error_report()
    assert "第 3 行" in messages and "没有学生“不存在”" in messages
    assert "第 4 行" in messages and "不是时刻" in messages
    assert "第 5 行" in messages and "不合理" in messages
    with pytest.raises(UserError):
        sleep.commit_import(db, SYSTEM, preview)
    assert len(records.live_rows(db, sleep.RECORDS)) == 2  # nothing from the bad file


def test_plain_import_missing_column_and_ambiguous_name(db, classes, tmp_path):
    path = write_xlsx(tmp_path / "x.xlsx", [["日期", "姓名", "就寝时间"], ["2026-11-20", "张一", "21:00"]])
    assert "起床时间" in sleep.preview_import(db, path).error_report()
    school.add_class(db, SYSTEM, 4, 2)
    c2 = school.list_classes(db, 4)[1]
    with transaction(db):
        records.save(db, "students", {"class_id": c2.id, "name": "张一"}, SYSTEM)
    path = write_xlsx(
        tmp_path / "y.xlsx",
        [["日期", "姓名", "就寝时间", "起床时间"], ["2026-11-20", "张一", "21:00", "7:00"]],
    )
    assert "2 个学生叫“张一”" in sleep.preview_import(db, path).error_report()


def questionnaire(tmp_path, rows=None):
    header = [
        "序号",
        "提交答卷时间",
        "1、孩子姓名",
        "2、所在班级",
        "3、孩子平时几点就寝？",
        "4、孩子早上几点起床？",
    ]
    rows = rows or [
        [1, "2026/11/20 20:05:11", "张一", "四年级1班", "21:00前", "7:00"],
        [2, "2026/11/20 20:07:40", "李二", "四年级1班", "21:00–22:00", "6:30"],
        [3, "2026/11/20 20:09:02", "张小一", "四年级1班", "22:00后", "6:40"],  # not in the roster
        [4, "2026/11/20 21:15:30", "王三", "四年级(1)班", "21:00前", "7:10"],
        [5, "2026/11/20 22:01:00", "李二", "四年级1班", "21:00前", "6:50"],  # resubmitted
    ]
    return write_xlsx(tmp_path / "问卷星.xlsx", [header, *rows])


def test_questionnaire_suggested_mapping(tmp_path):
    headers, body = sleep.read_questionnaire(questionnaire(tmp_path))
    mapping = sleep.suggest_mapping(headers, body)
    assert mapping["student_column"] == "1、孩子姓名" and mapping["student_by"] == "name"
    assert mapping["class_column"] == "2、所在班级"
    assert mapping["date_column"] == "提交答卷时间"
    assert mapping["bedtime_column"] == "3、孩子平时几点就寝？"
    assert mapping["wake_time_column"] == "4、孩子早上几点起床？" and mapping["wake_time_bands"] is None
    assert mapping["bedtime_bands"] == {"21:00前": "20:45", "21:00–22:00": "21:30", "22:00后": "22:15"}


def test_questionnaire_import_lists_unmatched_and_remembers_mapping(db, classes, tmp_path):
    path = questionnaire(tmp_path)
    headers, body = sleep.read_questionnaire(path)
    assert sleep.saved_mapping(db, headers) is None
    mapping = sleep.suggest_mapping(headers, body)
    mapping["bedtime_bands"]["21:00前"] = sleep.BAND_PASS  # mapped to pass/fail, not to a time
    preview = sleep.preview_questionnaire(db, path, mapping)
    assert preview.ok, preview.error_report()
    assert [u[1] for u in preview.unmatched] == ["张小一（四年级1班）"]
    assert any("张小一" in w for w in preview.warnings)
    assert any("以第 6 行为准" in w for w in preview.warnings)
    assert preview.counts["new"] == 3
    sleep.commit_questionnaire(db, SYSTEM, preview)
    by_name = {
        r.student_name: r for r in sleep.records_between(db, [classes[4].id], TODAY.replace(day=1), TODAY)
    }
    assert set(by_name) == {"张一", "李二", "王三"}
    assert by_name["李二"].wake_time == T(6, 50) and by_name["李二"].bedtime_ok is True  # the later answer
    assert by_name["张一"].bedtime is None and by_name["张一"].minutes is None
    assert by_name["王三"].date == dt.date(2026, 11, 20) and by_name["王三"].source == sleep.PARENT
    # The next export of the same questionnaire gets the mapping back, bands included.
    assert sleep.saved_mapping(db, headers) == mapping


def test_questionnaire_band_times_give_durations(db, classes, tmp_path):
    path = questionnaire(tmp_path)
    headers, body = sleep.read_questionnaire(path)
    mapping = sleep.suggest_mapping(headers, body)
    preview = sleep.preview_questionnaire(db, path, mapping)
    sleep.commit_questionnaire(db, SYSTEM, preview)
    record = next(
        r
        for r in sleep.records_between(db, [classes[4].id], dt.date(2026, 11, 1), TODAY)
        if r.student_name == "张一"
    )
    assert record.bedtime == T(20, 45) and record.minutes == 615


def test_questionnaire_unknown_band_and_bad_mapping_stop_import(db, classes, tmp_path):
    path = questionnaire(tmp_path)
    headers, body = sleep.read_questionnaire(path)
    mapping = sleep.suggest_mapping(headers, body)
    del mapping["bedtime_bands"]["22:00后"]
    mapping["bedtime_bands"]["21:00–22:00"] = ""
    preview = sleep.preview_questionnaire(db, path, mapping)
    assert not preview.ok and "还没有对应" in preview.error_report()
    with pytest.raises(UserError):
        sleep.commit_questionnaire(db, SYSTEM, preview)
    assert records.live_rows(db, sleep.RECORDS) == []
    with pytest.raises(UserError, match="学籍号"):
        sleep.preview_questionnaire(db, path, {**mapping, "student_column": None})
    with pytest.raises(UserError, match="没有“不存在的列”"):
        sleep.preview_questionnaire(db, path, {**mapping, "class_column": "不存在的列"})
    with pytest.raises(UserError, match="无效"):
        sleep.preview_questionnaire(db, path, {**mapping, "bedtime_bands": {"21:00前": "很早"}})


def test_questionnaire_by_student_number_and_fixed_date(db, classes, tmp_path):
    path = write_xlsx(
        tmp_path / "q.xlsx",
        [["学籍号", "每天睡眠时间"], ["S40", "10小时以上"], ["S41", "9-10小时"], ["S99", "8小时以下"]],
    )
    headers, body = sleep.read_questionnaire(path)
    mapping = sleep.suggest_mapping(headers, body)
    assert mapping["student_by"] == "student_no" and mapping["hours_column"] == "每天睡眠时间"
    mapping["date"] = "2026-11-18"
    mapping["hours_bands"] = {"10小时以上": sleep.BAND_PASS, "9-10小时": "9.5", "8小时以下": sleep.BAND_FAIL}
    preview = sleep.preview_questionnaire(db, path, mapping)
    assert preview.ok and len(preview.rows) == 2 and preview.unmatched[0][2] == "学籍号“S99”不在名册中"
    sleep.commit_questionnaire(db, SYSTEM, preview)
    stats = sleep.class_stats(db, classes[4], dt.date(2026, 11, 1), TODAY)
    assert stats.sampled == 2 and stats.meet_sleep_share == 0.5


def test_import_bad_files(db, classes, tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(UserError, match="无法读取"):
        sleep.preview_import(db, broken)
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    assert not sleep.preview_import(db, empty).ok
    with pytest.raises(UserError):
        sleep.read_questionnaire(empty)


# ------------------------------------------------------------------ demo


def test_demo_shows_green_and_red(demo_db, today):
    week = summary.week_summary(demo_db, dt.date(2026, 11, 23), today=today, areas=["sleep"])
    statuses = {r.areas["sleep"].status for r in week.classes}
    assert Status.GREEN in statuses and Status.BELOW in statuses
    months = sleep.monthly_monitoring(demo_db, 2026, 11, today)
    assert {r.verdict.status for r in months} >= {Status.GREEN, Status.UNLOGGED}
    assert all(v.status is Status.GREEN for v in sleep.check_schedule(demo_db, today).values())
    assert sleep.follow_up_list(demo_db, None, dt.date(2026, 9, 1), today)


def test_weeks_before_the_rules_are_not_judged(db):
    """A register kept before the notices (sleep 2021-03-30, homework 2021-04-12): NA with the reason, no error."""
    from fivemgmt.areas import homework as hw

    classes = make_school(db, grades=(4, 8), term=(dt.date(2020, 9, 1), dt.date(2021, 7, 10)))
    c = classes[4]
    with transaction(db):
        student = records.save(db, "students", {"class_id": c.id, "name": "张一", "student_no": "S1"}, SYSTEM)
    early = dt.date(2021, 3, 23)
    sleep.save_record(db, SYSTEM, sleep.SleepRecord(None, c.id, student, early, T(22, 0), T(6, 30)))
    entry = hw.Entry(None, c.id, early, "数学", "练习", minutes=80)
    hw.save_entry(db, SYSTEM, entry, reason="补录", today=TODAY)
    week = summary.week_summary(db, dt.date(2021, 3, 22), today=TODAY)
    for row in week.classes:
        assert row.areas["sleep"].status is Status.NA
        assert "自 2021-03-30 起施行" in row.areas["sleep"].reason
        assert row.areas["homework"].status is Status.NA
        assert "自 2021-04-12 起施行" in row.areas["homework"].reason
        assert not any(a.status.is_red for a in row.areas.values())
    verdict, _ = sleep.day_check(db, c, early, TODAY)
    assert verdict.status is Status.NA and "2021-03-30" in verdict.reason
    # From the week the rule applies, the same register is judged again.
    sleep.save_record(
        db, SYSTEM, sleep.SleepRecord(None, c.id, student, dt.date(2021, 4, 6), T(22, 0), T(6, 30))
    )
    later = summary.week_summary(db, dt.date(2021, 4, 5), today=TODAY, areas=["sleep"])
    assert later.classes[0].areas["sleep"].status is Status.BELOW


def test_nine_hours_fifty_nine_minutes_reads_as_such_not_ten_hours(db):
    night = sleep.SleepRecord(None, "c", "s", TODAY, T(21, 0), T(6, 59))
    verdict = sleep.check_record(Rulebook(), 4, night)
    assert verdict.status is Status.BELOW
    assert "睡眠 9 小时 59 分，少于 10 小时" in verdict.reason
    exact = sleep.check_record(Rulebook(), 4, sleep.SleepRecord(None, "c", "s", TODAY, T(21, 0), T(7, 0)))
    assert exact.status is Status.GREEN and "睡眠 10 小时，达到 10 小时" in exact.reason
    stats = sleep.stats_for([night], Rulebook(), 4, TODAY)
    assert "睡眠中位数 9 小时 59 分" in sleep.judge_stats(stats, Rulebook(), 4, TODAY).reason


def test_class_thresholds_are_cited_school_settings_and_the_school_can_change_them(db):
    from fivemgmt.actor import LOCAL_ADMIN
    from fivemgmt.rules import save_override

    rules = Rulebook(db)
    for rule_id in ("sleep.class_red_share", "sleep.class_meet_share", "sleep.monthly_sample_required"):
        rule = rules.rule(rule_id, 4, TODAY)
        assert "学校设置" in rule.source, rule_id
        assert rule.source != rules.rule("sleep.min_hours", 4, TODAY).source, rule_id
    assert "未规定频次" in rules.rule("sleep.monthly_sample_required", 4, TODAY).source
    # 2 of 5 sampled students meet the rule: below the default 50 % → red, and the reason says whose line.
    stats = sleep.SleepStats(sampled=5, meet_sleep_share=0.4, meet_bedtime_share=1.0)
    red = sleep.judge_stats(stats, rules, 4, TODAY)
    assert red.status is Status.BELOW and "达标比例低于 50%（学校设置的未达标线）" in red.reason
    assert "学校设置" in red.source
    # At the boundary: exactly the red line is not red.
    assert sleep.judge_stats(sleep.SleepStats(5, 0.5, 1.0), rules, 4, TODAY).status is Status.YELLOW
    save_override(
        db,
        LOCAL_ADMIN,
        "sleep.class_red_share",
        "0.4",
        1,
        12,
        "本校睡眠监测方案",
        effective_from=dt.date(2026, 9, 1),
    )
    changed = sleep.judge_stats(stats, Rulebook(db), 4, TODAY)
    assert (
        changed.status is Status.YELLOW
        and "学校设置覆盖(自 2026-09-01 起，本校睡眠监测方案)" in changed.source
    )

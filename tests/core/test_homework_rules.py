"""Homework rules as the notices mean them (issue 14 items 1–6), each at its boundary."""

import datetime as dt
import json

import pytest

from fivemgmt import calendar, migrations, records, rules, summary
from fivemgmt.actor import SYSTEM
from fivemgmt.areas import homework as hw
from fivemgmt.charts import data as chart_data
from fivemgmt.db import connect, transaction
from fivemgmt.errors import UserError
from fivemgmt.reports import board
from fivemgmt.reports.evidence import Evidence
from fivemgmt.reports.period import Period
from fivemgmt.rules import Rulebook, Status
from fivemgmt.session import open_db
from tests.core.helpers import make_school

TODAY = dt.date(2026, 10, 20)
W40 = dt.date(2026, 9, 28)  # Mon; 国庆 10-01 (Thu) … 10-07 (Wed) runs into W41
W41 = dt.date(2026, 10, 5)
W47 = dt.date(2026, 11, 16)
W48 = dt.date(2026, 11, 23)


def entry(school_class, day, minutes, *, required=True, kind="书面", for_rest=False, subject="数学"):
    return hw.Entry(
        None, school_class.id, day, subject, "练习", kind, required, minutes, "王老师", for_rest=for_rest
    )


def save(db, school_class, day, minutes, today=TODAY, **kwargs):
    hw.save_entry(db, SYSTEM, entry(school_class, day, minutes, **kwargs), reason="补录", today=today)


def log_school_days(db, school_class, monday, minutes, today=TODAY):
    for day in calendar.SchoolCalendar(db).school_days(monday, monday + dt.timedelta(days=6)):
        save(db, school_class, day, minutes, today)


def homework_week(db, school_class, monday, today=TODAY):
    week = summary.week_summary(db, monday, today=today, areas=["homework"])
    return next(r for r in week.classes if r.school_class.id == school_class.id)


def add_national_day(db):
    for offset in range(7):
        day = dt.date(2026, 10, 1) + dt.timedelta(days=offset)
        calendar.save_calendar_entry(
            db, SYSTEM, {"date": day.isoformat(), "kind": "holiday", "name": "国庆节"}
        )


@pytest.fixture
def classes(db):
    return make_school(db)


# ------------------------------------------------------------------ 1. grades 1–2: no written homework at all


def test_optional_written_homework_in_grade2_is_a_violation_on_every_surface(db, classes):
    c = classes[2]
    tuesday = dt.date(2026, 11, 17)
    save(db, c, tuesday, 10, kind="阅读", today=tuesday)  # not written: fine
    assert hw.class_day(db, c, tuesday, tuesday).verdict.status is Status.GREEN
    save(db, c, tuesday, 10, required=False, today=tuesday)  # 选做, not counted in grades 3+ by default
    day = hw.class_day(db, c, tuesday, tuesday)
    assert day.verdict.status is Status.VIOLATION and "选做均不布置" in day.verdict.reason
    week_area = homework_week(db, c, W47, tuesday).areas["homework"]
    assert week_area.status is Status.VIOLATION and week_area.status.label == "违规"
    assert "本周上课日无书面家庭作业" not in week_area.reason  # no all-clear in front of the finding
    text = summary.format_text(summary.week_summary(db, W47, today=tuesday, areas=["homework"]))
    assert "周二 10分 ×" in text and "× 违规" in text and "超标" not in text
    week = summary.week_summary(db, W47, today=tuesday)
    (heat,) = [r for r in chart_data.homework_heatmap(week) if r.class_id == c.id]
    assert next((cell.minutes, cell.status) for cell in heat.cells if cell.day == tuesday) == (
        10,
        Status.VIOLATION,
    )
    s5 = Evidence(db, Period.week(W47), tuesday).homework_lower()
    assert s5.answer == "否" and "布置书面家庭作业 1 班次" in s5.evidence


def test_optional_written_homework_on_a_rest_day_in_grade2_makes_the_week_red(db, classes):
    c = classes[2]
    log_school_days(db, c, W47, 0, today=W48)  # 0 written minutes every school day
    saturday = dt.date(2026, 11, 21)
    save(db, c, saturday, 5, required=False, today=W48)
    row = homework_week(db, c, W47, W48)
    assert (
        row.areas["homework"].status is Status.VIOLATION
        and "休息日登记书面作业 5 分钟" in row.areas["homework"].reason
    )
    assert row.red_share == 1.0
    s5 = Evidence(db, Period.week(W47), W48).homework_lower()
    assert s5.answer == "否" and "休息日布置书面作业 1 次" in s5.evidence


# ------------------------------------------------------------------ 2. rest-day totals decide the week


@pytest.mark.parametrize(
    ("weekend", "status"), [(100, Status.GREEN), (120, Status.YELLOW), (121, Status.RED)]
)
def test_a_weekend_over_the_school_total_is_red_for_the_week(db, classes, weekend, status):
    c = classes[4]
    log_school_days(db, c, W47, 30, today=W48)  # weekday average well under 60
    save(db, c, dt.date(2026, 11, 21), weekend - 20, today=W48)
    save(db, c, dt.date(2026, 11, 22), 20, today=W48)
    row = homework_week(db, c, W47, W48)
    assert row.areas["homework"].status is status
    assert (row.red_share == 1.0) is (status is Status.RED)
    if status is Status.RED:
        assert f"休息日书面作业合计 {weekend} 分钟，超过上限 120 分钟" in row.areas["homework"].reason


def test_a_single_day_over_an_averaged_cap_is_a_warning_not_red(db, classes):
    c = classes[4]
    log_school_days(db, c, W47, 50, today=W48)
    save(db, c, dt.date(2026, 11, 18), 20, subject="语文", today=W48)  # Wednesday 70 > 60, average 54
    homework = homework_week(db, c, W47, W48).areas["homework"]
    assert homework.status is Status.YELLOW and "单日超过为预警" in homework.reason
    assert homework.figures.average_minutes == 54


# ------------------------------------------------------------------ 3. a holiday is one period


@pytest.mark.parametrize(("each", "status"), [(60, Status.YELLOW), (61, Status.RED)])
def test_national_day_is_one_period_on_every_surface(db, classes, tmp_path, each, status):
    c = classes[4]
    add_national_day(db)
    for monday in (W40, W41):
        log_school_days(db, c, monday, 30)
    save(db, c, dt.date(2026, 10, 3), each)  # W40
    save(db, c, dt.date(2026, 10, 6), each)  # W41
    total = 2 * each
    # The homework page: either day shows the whole period.
    for day in (dt.date(2026, 10, 3), dt.date(2026, 10, 6)):
        verdict = hw.class_day(db, c, day, TODAY).verdict
        assert verdict.status is status and f"合计 {total} 分钟" in verdict.reason
        assert "2026-10-01–2026-10-07" in verdict.reason
    # fivemgmt summary: the week containing the period's end (W41) carries it; W40 does not.
    w41 = homework_week(db, c, W41).areas["homework"]
    w40 = homework_week(db, c, W40).areas["homework"]
    assert w41.status is status and f"合计 {total} 分钟" in w41.reason
    assert w40.status is not Status.RED and f"合计 {total}" not in w40.reason
    assert w41.figures.rest_day_minutes == total and w40.figures.rest_periods == []
    # The dashboard: rest-day chart of W41, and the W40 heat-map cell of 10-03.
    week41 = summary.week_summary(db, W41, today=TODAY)
    (rest_row,) = [r for r in chart_data.rest_day_totals(week41, Rulebook(db)) if r.class_id == c.id]
    assert (rest_row.minutes, rest_row.status) == (total, status)
    week40 = summary.week_summary(db, W40, today=TODAY)
    (heat,) = [r for r in chart_data.homework_heatmap(week40) if r.class_id == c.id]
    assert next(cell.status for cell in heat.cells if cell.day == dt.date(2026, 10, 3)) is status
    # The forms: the week of the end counts one rest period over the total; the week before none.
    volume41 = Evidence(db, Period.week(W41), TODAY).homework_volume()
    volume40 = Evidence(db, Period.week(W40), TODAY).homework_volume()
    over = status is Status.RED
    assert ("周末/节假日书面作业超过学校总量 1 次" in volume41.evidence) is over
    assert "周末/节假日书面作业均未超过学校总量" in volume40.evidence
    # The printed publicity sheet states the period total on the holiday.
    b = board.Board(db, TODAY)
    (holiday,) = b.days(c, dt.date(2026, 10, 3), dt.date(2026, 10, 3))
    assert f"休息期 2026-10-01–2026-10-07 合计 {total} 分钟" in board.total_line(holiday, c.grade)


def test_winter_vacation_is_one_period(db, classes):
    c = classes[4]
    with transaction(db):
        records.save(
            db,
            "terms",
            {
                "school_year": "2026-2027",
                "name": "第二学期",
                "start_date": "2027-02-22",
                "end_date": "2027-07-02",
            },
            SYSTEM,
        )
    today = dt.date(2027, 3, 1)
    save(db, c, dt.date(2027, 1, 25), 100, today=today)
    save(db, c, dt.date(2027, 2, 15), 100, today=today)
    verdict = hw.class_day(db, c, dt.date(2027, 1, 25), today).verdict
    assert (
        verdict.status is Status.RED and "2027-01-23–2027-02-21" in verdict.reason and "200" in verdict.reason
    )
    last_week = dt.date(2027, 2, 15)  # contains 02-21, the last day of the vacation
    assert homework_week(db, c, last_week, today).areas["homework"].status is Status.RED
    assert homework_week(db, c, dt.date(2027, 1, 25), today).areas["homework"].status is not Status.RED


# ------------------------------------------------------------------ 4. homework set for the weekend


def test_homework_set_on_friday_for_the_weekend_counts_toward_the_weekend(db, classes):
    c = classes[4]
    log_school_days(db, c, W47, 30, today=W48)
    friday = dt.date(2026, 11, 20)
    save(db, c, friday, 110, for_rest=True, today=W48)
    day = hw.class_day(db, c, friday, W48)
    assert day.counted_minutes == 30 and day.for_rest_minutes == 110
    assert day.verdict.status is Status.GREEN and "计入 2026-11-21 起的休息期" in day.verdict.reason
    saturday = hw.class_day(db, c, dt.date(2026, 11, 21), W48)
    assert saturday.verdict.status is Status.YELLOW and "110" in saturday.verdict.reason  # 110 ≥ 0.9 × 120
    save(db, c, dt.date(2026, 11, 22), 11, today=W48)
    homework = homework_week(db, c, W47, W48).areas["homework"]
    assert homework.status is Status.RED and "含事先布置的周末/假期作业 110 分钟" in homework.reason


def test_homework_for_the_weekend_needs_a_rest_period_ahead(db, classes):
    c = classes[4]
    # Term starts 2026-09-01; 2026-09-01 (Tue) has the weekend 09-05 within a week: accepted.
    save(db, c, dt.date(2026, 9, 1), 30, for_rest=True)
    with transaction(db):  # seven school days in a row (a make-up weekend) leaves no rest day ahead
        for day in ("2026-09-12", "2026-09-13"):
            records.save(db, "calendar_days", {"date": day, "kind": "makeup", "name": "调休"}, SYSTEM)
    with pytest.raises(UserError, match="没有周末或假期"):
        save(db, c, dt.date(2026, 9, 7), 30, for_rest=True)


def test_import_reads_the_weekend_column(db, classes, tmp_path):
    path = tmp_path / "作业.csv"
    path.write_text(
        "日期,班级,学科,作业类型,必做/选做,预计时长(分钟),周末/假期作业\n"
        "2026-11-20,四年级(1)班,数学,书面,必做,100,是\n"
        "2026-11-20,四年级(1)班,语文,书面,必做,20,\n",
        encoding="utf-8-sig",
    )
    preview = hw.preview_import(db, path)
    assert preview.ok, preview.errors
    hw.commit_import(db, SYSTEM, preview, reason="补登上周作业")
    saved = {e.subject: e.for_rest for e in hw.entries_between(db, classes[4].id, W47, W48)}
    assert saved == {"数学": True, "语文": False}


def test_weekend_flag_survives_the_xlsx_round_trip(db, classes, tmp_path):
    from fivemgmt.exchange import xlsx

    save(db, classes[4], dt.date(2026, 11, 20), 100, for_rest=True, today=W48)
    path = tmp_path / "registers.xlsx"
    xlsx.export_registers(db, SYSTEM, path)
    with transaction(db):
        row = records.live_rows(db, hw.ENTRIES)[0]
        records.save(db, hw.ENTRIES, {"id": row["id"], "for_rest": 0}, SYSTEM)
    preview, _changes = xlsx.import_registers(db, SYSTEM, path)
    assert hw.entries_between(db, classes[4].id, W47, W48)[0].for_rest is True


# ------------------------------------------------------------------ 5. how "average" is read


def test_the_averaging_window_is_a_cited_school_setting(db, classes):
    c = classes[4]
    log_school_days(db, c, W47, 50, today=W48)
    save(db, c, dt.date(2026, 11, 18), 20, subject="语文", today=W48)  # one day 70 > 60
    homework = homework_week(db, c, W47, W48).areas["homework"]
    assert homework.status is Status.YELLOW
    assert "5 个已登记上课日平均" in homework.reason and "按本周已登记上课日的平均判定" in homework.source
    rules.save_override(db, SYSTEM, hw.WINDOW_RULE, "day", 1, 12, "区教育局要求逐日控制", effective_from=W47)
    homework = homework_week(db, c, W47, W48).areas["homework"]
    assert homework.status is Status.RED and "按每个上课日单独判定" in homework.source
    assert "区教育局要求逐日控制" in homework.source
    with pytest.raises(UserError, match="按周平均（week）、逐日判定（day）"):
        rules.save_override(db, SYSTEM, hw.WINDOW_RULE, "month", 1, 12, "试", effective_from=W47)


# ------------------------------------------------------------------ 6. overrides have effective dates


def test_an_override_applies_from_its_date_and_past_weeks_stay(db, classes):
    c = classes[4]
    for monday in (W47, W48):
        log_school_days(db, c, monday, 50, today=dt.date(2026, 11, 30))
        save(db, c, monday, 20, required=False, subject="语文", today=dt.date(2026, 11, 30))
    today = dt.date(2026, 11, 30)
    before = homework_week(db, c, W47, today).areas["homework"]
    assert before.status is Status.GREEN
    rules.save_override(db, SYSTEM, "homework.count_optional", "是", 1, 12, "选做也计入", effective_from=W48)
    assert homework_week(db, c, W47, today).areas["homework"].status is Status.GREEN  # unchanged
    after = homework_week(db, c, W48, today).areas["homework"]
    assert (
        after.figures.average_minutes == 54
        and "自 2026-11-23 起" in Rulebook(db).rule("homework.count_optional", 4, W48).cited
    )
    # A new value from a later date keeps the first one for the weeks between.
    (first,) = rules.list_overrides(db)
    rules.save_override(
        db,
        SYSTEM,
        "homework.count_optional",
        "否",
        1,
        12,
        "恢复",
        effective_from=dt.date(2026, 11, 30),
        override_id=first["id"],
    )
    assert Rulebook(db).value("homework.count_optional", 4, W48) is True
    assert Rulebook(db).value("homework.count_optional", 4, dt.date(2026, 11, 30)) is False
    # Cancelling ends it the day before; the weeks it decided stay as they were.
    rules.delete_override(db, SYSTEM, first["id"], from_day=dt.date(2026, 11, 30))
    assert Rulebook(db).value("homework.count_optional", 4, W48) is True
    with pytest.raises(UserError, match="起用日期"):
        rules.save_override(db, SYSTEM, "homework.count_optional", "是", 1, 12, "x", effective_from=None)


def test_undated_overrides_start_on_the_day_they_were_made(db_path):
    old = connect(db_path)
    migrations.upgrade(old, stop_before="0017_override_effective_dates")
    with transaction(old):
        override_id = records.save(
            old,
            rules.OVERRIDES_TABLE,
            {"rule_id": "homework.count_optional", "value": json.dumps(True), "note": "选做计入"},
            SYSTEM,
        )
    made = records.get(old, rules.OVERRIDES_TABLE, override_id)["updated_at"]
    old.close()
    upgraded = open_db(db_path)
    row = records.get(upgraded, rules.OVERRIDES_TABLE, override_id)
    created = (dt.datetime.fromisoformat(made) + rules.SCHOOL_UTC_OFFSET).date()
    assert row["effective_from"] == created.isoformat()
    book = Rulebook(upgraded)
    assert book.value("homework.count_optional", 4, created) is True
    assert book.value("homework.count_optional", 4, created - dt.timedelta(days=1)) is False
    from fivemgmt import audit_verify

    assert audit_verify.verify(upgraded).ok
    upgraded.close()


def test_an_entry_in_a_holiday_refreshes_every_week_of_it(db, classes):
    add_national_day(db)
    changes = hw.save_entry(
        db, SYSTEM, entry(classes[4], dt.date(2026, 10, 3), 50), reason="补录", today=TODAY
    )
    assert chart_data.weeks_touched(db, changes) == {W40, W41}

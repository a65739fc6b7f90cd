"""Issue 16.11: each finding has its own word and symbol on the page strip, the week strip and the summary —
超标 only for over a limit, 违规 for a rule broken, 未达标 for a minimum not met, 未登记 for a missing record —
and a strip is never green while one of its findings is red."""

from __future__ import annotations

import datetime as dt

from fivemgmt import records, summary
from fivemgmt.actor import LOCAL_ADMIN
from fivemgmt.db import transaction
from fivemgmt.rules import STATUS_COLORS, Status, Verdict
from ui.models.homework import HomeworkModel


def week_text(db, small_school, area):
    week = summary.week_summary(db, small_school["monday"], today=small_school["today"], areas=[area])
    return summary.format_text(week), week


def test_written_homework_in_grade_2_reads_violation_not_over_the_limit(window, db, small_school):
    page = window.show_page("homework")
    window.open_page("homework", small_school["class2"], small_school["today"])
    page.add_row()
    page.model.setData(page.model.index(0, HomeworkModel.SUBJECT), "数学")
    page.model.setData(page.model.index(0, HomeworkModel.MINUTES), 10)

    assert page.status_strip.badge.text() == "× 违规"
    assert "不布置书面家庭作业" in page.status_strip.reason.text()
    mark = page.week_strip.mark_for(small_school["today"])
    assert mark.status is Status.VIOLATION
    button = page.week_strip.buttons[small_school["today"].weekday()]
    assert "\n× " in button.text()
    text, week = week_text(db, small_school, "homework")
    (row,) = [r for r in week.classes if r.school_class.id == small_school["class2"]]
    assert row.areas["homework"].status is Status.VIOLATION
    assert "× 违规" in text and "超标" not in text


def test_sleep_below_the_minimum_reads_not_met(window, qtbot, db, small_school):
    with transaction(db):
        for name in ("张一", "李二"):
            records.save(db, "students", {"class_id": small_school["class4"], "name": name}, LOCAL_ADMIN)
    page = window.show_page("sleep")
    page.context.selection.set(class_id=small_school["class4"])
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    for row in (0, 1):  # 9 hours: short of the 10 hours of 小学
        page.model.setData(page.model.index(row, page.model.BEDTIME), "21:00")
        page.model.setData(page.model.index(row, page.model.WAKE), "06:00")

    assert page.model.row(0).verdict.status is Status.BELOW
    assert page.status_strip.status is Status.BELOW
    assert page.status_strip.badge.text() == "↓ 未达标"
    text, _ = week_text(db, small_school, "sleep")
    assert "↓ 未达标" in text and "超标" not in text


def test_a_day_not_logged_reads_unlogged(window, db, small_school):
    page = window.show_page("homework")
    monday = small_school["monday"]
    window.open_page("homework", small_school["class4"], monday)

    assert page.status_strip.badge.text() == "— 未登记"
    assert "当天未登记作业" in page.status_strip.reason.text()
    assert page.week_strip.mark_for(monday).status is Status.UNLOGGED
    text, _ = week_text(db, small_school, "homework")
    assert "— 未登记" in text


def test_a_strip_with_a_red_finding_is_never_green(qtbot):
    from ui.widgets.status_strip import StatusStrip

    strip = StatusStrip()
    qtbot.addWidget(strip)
    for red in (Status.RED, Status.BELOW, Status.VIOLATION):
        verdict = Verdict.worst([Verdict(Status.GREEN, "大课间 30 分钟"), Verdict(red, "…")])
        assert verdict.status is red and verdict.status.is_red
        strip.set_status(verdict.status, verdict.reason)
        assert STATUS_COLORS[Status.GREEN] not in strip.styleSheet()
        assert strip.badge.text() == f"{red.symbol} {red.label}"
    # Every status has its own word, symbol and colour.
    statuses = [s for s in Status]
    for attribute in ("label", "symbol", "color"):
        assert len({getattr(s, attribute) for s in statuses}) == len(statuses), attribute


def test_activity_day_with_pe_taken_over_and_a_short_break_is_a_violation(db):
    from fivemgmt.areas import activity
    from fivemgmt.rules import Rulebook

    day = dt.date(2026, 11, 24)
    record = activity.ActivityDay(
        "c", day, pe_held=0, pe_taken_over=1, taken_over_by="数学", break_minutes=20
    )
    verdict = activity.check_day(Rulebook(db), 4, record)
    assert verdict.status is Status.VIOLATION
    assert "体育课被数学占用 1 节" in verdict.reason and "大课间 20 分钟，低于要求 30 分钟" in verdict.reason


def test_a_day_without_sleep_records_shows_the_figures_first(window, qtbot, db, small_school):
    with transaction(db):
        records.save(db, "students", {"class_id": small_school["class4"], "name": "张一"}, LOCAL_ADMIN)
    page = window.show_page("sleep")
    monday = small_school["monday"]
    page.context.selection.set(class_id=small_school["class4"], date=monday)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.model.setData(page.model.index(0, page.model.BEDTIME), "21:00")
    page.model.setData(page.model.index(0, page.model.WAKE), "07:00")
    page.context.selection.set(date=monday + dt.timedelta(days=1))  # no sample that Tuesday

    reason = page.status_strip.reason.text()
    assert reason.startswith("抽查 1 人") and "当天无抽查记录" in reason
    assert not reason.startswith("当天无")


def test_reading_strip_is_not_green_while_the_school_has_a_problem_book_out(
    qtbot, demo_db, today, sync_tasks
):
    from ui.app import create_main_window

    window = create_main_window(demo_db, today, start="reading")
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("reading")
    assert "1 本问题读物未处置" in page.findings.text()  # the demo's school-level finding
    for class_id in [c.id for c in page.context.classes()][:3]:
        page.context.selection.set(class_id=class_id)
        assert page.status_strip.status is not Status.GREEN
        assert page.status_strip.status.is_red
        assert "问题读物未处置" in page.status_strip.reason.text()

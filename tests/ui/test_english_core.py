"""Issue 16.17: with the English translator loaded, what the core says — verdict reasons, status words, day
kinds, weekday names — reads English on the page, through the one mechanism (fivemgmt.i18n.translate)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QLocale

from fivemgmt import i18n
from fivemgmt.rules import Status
from ui.models.homework import HomeworkModel


@pytest.fixture
def english(qapp, monkeypatch):
    from ui import app

    translators = app.install_translations(qapp, "en")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))


@pytest.fixture
def english_window(english, qtbot, db, today, small_school, sync_tasks, errors):
    from ui.app import create_main_window

    window = create_main_window(db, today, start="homework")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def type_homework(page, subject, minutes):
    page.add_row()
    row = page.model.rowCount() - 1
    page.model.setData(page.model.index(row, HomeworkModel.SUBJECT), subject)
    page.model.setData(page.model.index(row, HomeworkModel.MINUTES), minutes)


def test_homework_strip_and_reason_read_english(english_window, small_school):
    window = english_window
    page = window.show_page("homework")
    window.open_page("homework", small_school["class4"], small_school["today"])
    type_homework(page, "数学", 70)

    assert page.status_strip.badge.text() == "↑ Over limit"
    assert page.status_strip.reason.text().startswith("Written homework 70 min, over the limit of 60 min")
    today_button = page.week_strip.buttons[small_school["today"].weekday()]
    assert today_button.text().startswith("Wed 11-25\n↑ Logged 70")
    monday_button = page.week_strip.buttons[0]
    assert "Not logged" in monday_button.text() and "未登记" not in monday_button.text()
    assert page.top_bar.day_kind.text() == "School day"


def test_grade_2_violation_reads_english(english_window, small_school):
    window = english_window
    page = window.show_page("homework")
    window.open_page("homework", small_school["class2"], small_school["today"])
    type_homework(page, "数学", 10)

    assert page.status_strip.status is Status.VIOLATION
    assert page.status_strip.badge.text() == "× Violation"
    assert page.status_strip.reason.text().startswith("Grade 2 may not be given written homework")


def test_without_the_gui_the_core_stays_chinese():
    i18n.uninstall()
    assert Status.BELOW.label == "未达标"
    assert i18n.translate("Verdict", "书面作业") == "书面作业"


def test_the_homework_chart_reads_english(english, db, small_school):
    from fivemgmt.charts import load_week
    from fivemgmt.charts.homework import homework_heatmap_chart

    chart = homework_heatmap_chart(
        load_week(db, small_school["monday"], small_school["today"], trend_weeks=1)
    )
    ax, side = chart.figure.axes
    assert chart.title == "Homework: written minutes per class and day"
    assert [t.get_text() for t in side.get_xticklabels()] == ["Average / limit"]
    assert "Not logged" in [t.get_text() for t in ax.texts]
    assert ax.get_xticklabels()[0].get_text().startswith("Mon")
    legend = [t.get_text() for t in chart.figure.legends[0].get_texts()]
    assert "↑ Over limit" in legend and "× Violation" in legend


def test_sleep_phone_and_activity_reasons_read_english(english):
    import datetime as dt

    from fivemgmt.areas import activity, sleep
    from fivemgmt.rules import Rulebook

    assert sleep.duration_text(599) == "9 h 59 min"
    stats = sleep.SleepStats(sampled=5, meet_sleep_share=0.4, meet_bedtime_share=1.0)
    verdict = sleep.judge_stats(stats, Rulebook(), 4, dt.date(2026, 11, 25))
    assert verdict.status.label == "Not met"
    assert verdict.reason.startswith("5 students checked, sleep ≥ 10 h 40%, in bed by 21:20 100%")
    record = activity.ActivityDay("c", dt.date(2026, 11, 24), pe_taken_over=1, taken_over_by="数学")
    reason = activity.check_day(Rulebook(), 4, record).reason
    assert reason.startswith("1 PE lessons taken over by 数学; Long break activity 0 min, below the required")


def test_report_names_read_english(english, qtbot, db, today, small_school, sync_tasks):
    from ui.app import create_main_window

    window = create_main_window(db, today, start="homework")
    qtbot.addWidget(window)
    page = window.show_page("reports")
    names = [page.documents.item(i).text() for i in range(page.documents.count())]
    assert "Principal's weekly report" in names and "Rectification list" in names
    assert not any("校长周报" in n for n in names)


def test_the_grades_chart_reads_english(english, db, small_school):
    from fivemgmt.actor import LOCAL_ADMIN
    from fivemgmt.areas import homework
    from fivemgmt.charts import load_week
    from fivemgmt.charts.homework import homework_grades_chart

    homework.save_entry(
        db,
        LOCAL_ADMIN,
        homework.Entry(None, small_school["class4"], small_school["today"], "数学", "练习", "书面", True, 70),
        today=small_school["today"],
    )
    chart = homework_grades_chart(load_week(db, small_school["monday"], small_school["today"], trend_weeks=1))
    (ax,) = chart.figure.axes
    assert chart.title == "Homework: written minutes per day by grade"
    assert ax.get_ylabel() == "Written homework per day (min)" and ax.get_xlabel() == "Grade"
    assert "classes logged" in ax.get_xticklabels()[0].get_text()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any(label.startswith("Daily limit: ") and "min" in label for label in labels)


# ------------------------------------------------------------------ issue 16.17, the rest of the core's words


def test_sleep_school_hours_tab_reads_english(english_window, db, small_school, errors):
    from fivemgmt.areas import sleep

    window = english_window
    page = window.show_page("sleep")
    window.open_page("sleep", small_school["class4"], small_school["today"])
    page.tabs.setCurrentIndex(3)
    assert page.stage.currentText() == "Primary"
    page.first_class.setTime(page.first_class.time().fromString("08:10", "HH:mm"))
    page.save_schedule_button.click()

    assert page.schedule_checks.item(0, 0).text() == "Primary"
    assert page.schedule_checks.item(0, 1).text() == "× Violation"
    assert page.schedule_checks.item(0, 2).text() == "Primary: first lesson at 08:10, earlier than 08:20"
    assert sleep.schedules(db, page._term().id)["小学"].first_class.isoformat() == "08:10:00"  # stored key
    assert errors == []


def test_phone_policy_items_read_english(english_window, small_school, errors):
    window = english_window
    page = window.show_page("phone")
    window.open_page("phone", small_school["class4"], small_school["today"])
    page.tabs.setCurrentIndex(2)
    assert page.policy_table.item(0, 1).text() == "Phone management rules"
    assert (
        page.policy_table.item(0, 3).text() == "This term's phone rules and facilities are not filled in yet"
    )

    page.application_system.setChecked(True)
    page.save_policy_button.click()
    rows = {
        page.policy_table.item(r, 0).text(): [page.policy_table.item(r, c).text() for c in (1, 2, 3)]
        for r in range(page.policy_table.rowCount())
    }
    assert rows["C1"] == [
        "Written application for bringing phones to school",
        "✓ Met",
        "Written application system in place",
    ]
    assert rows["C3"][0] == "Phone storage" and rows["C3"][2] == "No phone storage recorded"
    assert rows["C4"][2].startswith("Classes without a custodian (2): ") and "、" not in rows["C4"][2]
    texts = " ".join(" ".join(cells) for code, cells in rows.items() if code != "C4")  # C4 names classes
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in texts), texts
    assert errors == []


def test_fitness_page_reads_english(english_window, db, small_school, errors):
    from PySide6.QtCore import Qt

    from fivemgmt import roster
    from fivemgmt.actor import LOCAL_ADMIN

    roster.save_student(
        db,
        LOCAL_ADMIN,
        {"class_id": small_school["class2"], "name": "张小明", "sex": "男", "student_no": "G0"},
    )
    window = english_window
    page = window.show_page("fitness")
    window.open_page("fitness", small_school["class2"])
    page.class_picker.select(small_school["class2"])
    model = page.model
    assert model.setData(model.index(0, model.item_column("run50m")), "10.1")

    header = model.headerData(model.item_column("run50m"), Qt.Orientation.Horizontal)
    assert header == "50 m run\n(s)"
    assert model.headerData(model.item_column("lung"), Qt.Orientation.Horizontal) == "Vital capacity\n(ml)"
    shown = model.data(model.index(0, model.level_column), Qt.ItemDataRole.DisplayRole)
    assert shown == "Incomplete results"
    note = model.data(model.index(0, model.level_column + 1), Qt.ItemDataRole.DisplayRole)
    assert (
        note
        == "Incomplete results, missing: Body mass index (BMI), Vital capacity, Sit and reach, 1-minute rope skipping"
    )

    page.tabs.setCurrentIndex(1)
    levels = [page.level_table.item(r, 0).text() for r in range(4)]
    assert levels == ["Excellent", "Good", "Pass", "Fail"]
    tests = [page.item_table.item(r, 0).text() for r in range(page.item_table.rowCount())]
    assert "50 m run" in tests and "1-minute rope skipping" in tests
    page.tabs.setCurrentIndex(2)
    headers = [
        page.compare_table.horizontalHeaderItem(c).text() for c in range(page.compare_table.columnCount())
    ]
    assert headers[:8] == [
        "Scope",
        "School year",
        "Students",
        "Complete results",
        "Excellent",
        "Good",
        "Pass",
        "Fail",
    ]
    page.tabs.setCurrentIndex(3)
    assert page.vision_summary.text().startswith("The poor-vision (myopia) threshold is not confirmed yet")
    assert errors == []


def test_the_fitness_chart_reads_english(english):
    from fivemgmt.charts.fitness import fitness_levels_chart

    chart = fitness_levels_chart(
        [("四年级(1)班", {"优秀": 3, "良好": 4, "及格": 5, "不及格": 1})], title_suffix=""
    )
    (ax,) = chart.figure.axes
    assert chart.title == "Fitness test: ratings per class"
    assert ax.get_xlabel().startswith("Share of students with a rating")
    legend = [t.get_text() for t in chart.figure.legends[0].get_texts()]
    assert {"Excellent", "Good", "Pass", "Fail"} <= set(legend)
    assert "Pass line (left of it: pass or better)" in legend
    subtitle = " ".join(t.get_text() for t in chart.figure.texts)
    assert "National Student Physical Fitness Standard" in subtitle and "《" not in subtitle


def test_the_sleep_chart_reads_english(english, db, small_school):
    from fivemgmt.charts import load_week
    from fivemgmt.charts.phone import phone_chart
    from fivemgmt.charts.sleep import sleep_shares_chart

    data = load_week(db, small_school["monday"], small_school["today"], trend_weeks=1)
    chart = sleep_shares_chart(data)
    assert chart.title == "Sleep: share of students meeting the sleep and bedtime rules per class"
    assert (
        phone_chart(data).title
        == "Phones: violations, phones not handed in and missing custody logs per class"
    )


def test_report_editor_reads_english_and_its_pdf_stays_chinese(
    english, qtbot, db, sync_tasks, errors, tmp_path
):
    from fivemgmt.actor import LOCAL_ADMIN
    from fivemgmt.reports.documents import generate
    from fivemgmt.reports.period import Period
    from tests.core.reports_helpers import MONDAY, TODAY, crafted_school, flat, pages_text
    from ui.pages.base import PageContext
    from ui.pages.reports import ReportsPage

    crafted_school(db)
    page = ReportsPage(PageContext(db, TODAY, LOCAL_ADMIN))
    qtbot.addWidget(page)
    page.set_period(MONDAY, MONDAY + dt.timedelta(days=6))
    page.select_document("self-inspection")
    table = page.checklist.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(4)]
    assert headers == ["Code", "Point", "Self-assessment", "Notes (supporting evidence)"]
    c5 = next(i for i, row in enumerate(page.checklist.rows) if row.code == "C5")
    combo = page.checklist.answer_combo(c5)
    assert [combo.itemText(i) for i in range(combo.count())] == ["", "Yes", "No", "N/A"]
    combo.setCurrentIndex(combo.findText("Yes"))
    assert page.checklist.rows[c5].answer == "是" or page.checklist.answer_combo(c5).currentData() == "是"
    assert "2026-11-16" in page.period_label.text()

    target = tmp_path / "自查表.pdf"
    page.ask_save_path = lambda: str(target)
    page.save_button.click()
    text = flat("".join(pages_text(target)))
    assert "【是】" in text and "Yes" not in text  # the saved answer, in the form's own words

    weekly = flat("".join(pages_text(generate(db, "weekly", Period.week(MONDAY), today=TODAY))))
    assert "作业" in weekly and "Homework" not in weekly and "Over limit" not in weekly
    assert "2026年11月16日" in weekly
    assert errors == []

"""Issue 16.17: with the English translator loaded, what the core says — verdict reasons, status words, day
kinds, weekday names — reads English on the page, through the one mechanism (fivemgmt.i18n.translate)."""

from __future__ import annotations

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
    from fivemgmt.charts.weekly import homework_heatmap_chart

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
    from fivemgmt.accounts import LOCAL_ADMIN
    from fivemgmt.areas import homework
    from fivemgmt.charts import load_week
    from fivemgmt.charts.weekly import homework_grades_chart

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

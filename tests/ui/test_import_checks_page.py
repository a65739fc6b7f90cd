"""What a user sees of the import checks (issue 11, items 10 and 11): a date outside every term is a refused
row in the preview with its reason; “11月3日” imports; the fitness preview names every value it changes."""

from __future__ import annotations

import datetime as dt

import openpyxl

from fivemgmt import records
from fivemgmt.actor import LOCAL_ADMIN
from fivemgmt.areas import sleep
from fivemgmt.fitness import store
from tests.ui import test_fitness_page as fitness
from tests.ui.test_sleep_page import add_students, open_page

YEAR = fitness.YEAR
students = fitness.students  # the fixtures of the fitness page's tests
fitness_page = fitness.page


def _book(path, rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_the_sleep_preview_refuses_a_date_outside_every_term_and_reads_11_3(
    window, qtbot, db, small_school, tmp_path, monkeypatch, import_previews
):
    from PySide6.QtWidgets import QFileDialog

    add_students(db, small_school["class4"], ["张一", "李二"])
    page = open_page(window, qtbot, small_school["class4"])
    header = ["日期", "班级", "姓名", "就寝时间", "起床时间"]
    bad = _book(tmp_path / "bad.xlsx", [header, ["2099-01-01", "四年级(2)班", "张一", "21:00", "07:00"]])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    page.import_register_button.click()
    [refused] = import_previews
    assert not refused.import_button.isEnabled()
    [(row, outcome, why)] = refused.rows()
    assert (row, outcome) == ("2", "拒绝") and "2099-01-01 不在学校日历的任何学期内" in why
    assert records.live_rows(db, sleep.RECORDS) == []

    good = _book(tmp_path / "good.xlsx", [header, ["11月3日", "四年级(2)班", "李二", "21:00", "07:00"]])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(good), ""))
    page.import_register_button.click()
    assert "新增 1" in import_previews[-1].summary.text()
    [saved] = records.live_rows(db, sleep.RECORDS)
    assert saved["date"] == dt.date(2026, 11, 3).isoformat()


def test_the_fitness_preview_names_each_value_and_a_blank_cell_keeps_it(
    fitness_page, db, students, tmp_path, monkeypatch, import_previews
):
    page = fitness_page
    exported = tmp_path / "up.xlsx"
    store.save_result(db, LOCAL_ADMIN, students[0], {"height": "150", "weight": "40"}, school_year=YEAR)
    monkeypatch.setattr(page, "ask_save_path", lambda *args: exported)
    monkeypatch.setattr(page, "inform", lambda title, text: None)
    page.export_template()
    book = openpyxl.load_workbook(exported)
    sheet = book.active
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("身高") + 1).value = None  # blank: keeps 150
    sheet.cell(row=2, column=header.index("体重") + 1).value = 41
    book.save(exported)
    monkeypatch.setattr(page, "ask_open_path", lambda: exported)
    page.import_template()
    [preview] = import_previews
    assert ("2", "修改", "张小明：体重 40.0→41.0") in preview.rows()
    stored = store.result_row(db, students[0], YEAR)
    assert (stored["height"], stored["weight"]) == (150, 41)

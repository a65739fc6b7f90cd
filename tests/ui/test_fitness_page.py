"""The fitness-test page: typing results with the keyboard, live scores and level, refused values, roles,
免测, and the template/report buttons (run through ui.tasks, synchronous in tests)."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from fivemgmt import roster, school
from fivemgmt.actor import LOCAL_ADMIN, TEACHER, Actor
from fivemgmt.fitness import store
from fivemgmt.fitness.scoring import grade_code_for_years, score_student
from tests.ui.conftest import type_text
from ui.pages.base import PageContext
from ui.pages.fitness import FitnessPage

YEAR = "2026-2027"
RESULTS = {
    "height": "125",
    "weight": "24",
    "lung": "1500",
    "run50m": "10.0",
    "sit_reach": "12",
    "rope1min": "130",
}


@pytest.fixture
def students(db, small_school):
    ids = []
    for number, (name, sex) in enumerate((("张小明", "男"), ("李小红", "女"))):
        ids.append(
            roster.save_student(
                db,
                LOCAL_ADMIN,
                {"class_id": small_school["class2"], "name": name, "sex": sex, "student_no": f"G{number}"},
            )
        )
    return ids


@pytest.fixture
def page(window, small_school, students):
    page = window.show_page("fitness")
    window.open_page("fitness", small_school["class2"])
    page.class_picker.select(small_school["class2"])
    assert page.school_class().name == "二年级(1)班"
    return page


def cell(page, row, item):
    return page.model.index(row, page.model.item_column(item))


def shown(page, row, column) -> str:
    return page.model.data(page.model.index(row, column), Qt.ItemDataRole.DisplayRole)


def test_typing_a_result_shows_its_score_then_total_and_level(qtbot, page, db, students):
    # keyboard: select the 50 m cell of the first student, type as a PE teacher does, Enter
    page.table.setFocus()
    page.table.setCurrentIndex(cell(page, 0, "run50m"))
    qtbot.keyClicks(page.table, "1")  # typing on a cell starts editing
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    type_text(editor, "0.01")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: store.result_row(db, students[0], YEAR) is not None)
    assert store.result_row(db, students[0], YEAR)["run50m"] == 10.1  # 10.01 s rounds up to 10.1
    expected = score_student(grade_code_for_years(2), "男", {"run50m": "10.1"})
    assert shown(page, 0, page.model.item_column("run50m")) == f"10.1 · {expected.items['run50m'].score}"
    assert shown(page, 0, page.model.level_column) == "成绩不完整"
    assert shown(page, 0, page.model.total_column) == ""
    qtbot.waitUntil(lambda: page.table.currentIndex().row() == 1)  # Enter: next student, same item

    # the rest of the results: the total and level appear as soon as the last item is in
    for item, value in RESULTS.items():
        assert page.model.setData(cell(page, 0, item), value)
    full = score_student(grade_code_for_years(2), "男", RESULTS)
    assert full.level
    assert shown(page, 0, page.model.total_column) == str(full.total_display)
    assert shown(page, 0, page.model.level_column) == full.level
    assert shown(page, 0, page.model.item_column("bmi")).startswith(str(full.items["bmi"].value))
    assert f"{full.level} 1" in page.summary.text()
    assert "已测 1 人" in page.summary.text()


def test_invalid_value_shows_the_message_and_is_not_saved(qtbot, page, db, students, errors):
    page.table.setFocus()
    page.table.setCurrentIndex(cell(page, 1, "run50m"))
    qtbot.keyClicks(page.table, "2")
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(errors) == 1)
    assert "50米跑" in errors[0] and "不合理" in errors[0]
    assert store.result_row(db, students[1], YEAR) is None
    assert shown(page, 1, page.model.item_column("run50m")) == ""
    # a run time with 75 seconds, and 免测 typed into a cell, are refused too
    assert not page.model.setData(cell(page, 1, "lung"), "abc")
    assert not page.model.setData(cell(page, 1, "height"), "免测")
    assert "不是数字" in errors[1] and "免测" in errors[2]
    assert store.result_row(db, students[1], YEAR) is None


def test_items_a_student_is_not_tested_on_are_greyed_and_not_editable() -> None:
    from ui.models.fitness import FitnessModel, FitnessRow

    def row(sex):
        student = {"id": sex, "name": sex, "sex": sex, "student_no": sex}
        return FitnessRow.from_result(
            store.StudentResult(student, YEAR, 8, None, store.score_row(8, sex, None))
        )

    model = FitnessModel()
    model.set_class(8, [row("男"), row("女")])  # 初二: 1000米/引体向上 for boys, 800米/仰卧起坐 for girls
    assert {"run1000m", "run800m", "pullup", "situp1min", "long_jump"} <= set(model.items)
    editable = Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(0, model.item_column("run1000m"))) & editable
    assert not model.flags(model.index(0, model.item_column("run800m"))) & editable
    assert not model.flags(model.index(1, model.item_column("pullup"))) & editable
    assert model.data(model.index(1, model.item_column("pullup"))) == "—"
    assert model.data(model.index(0, model.level_column)) == "未测"


def test_a_subject_teacher_sees_but_cannot_edit(db, today, small_school, students, qtbot, errors):
    math = Actor("m", "数学老师", TEACHER, {small_school["class2"]: frozenset({"数学"})})
    page = FitnessPage(PageContext(db, today, math))
    qtbot.addWidget(page)
    page.show()
    page.class_picker.select(small_school["class2"])
    assert not page.import_button.isEnabled() and not page.exempt_button.isEnabled()
    assert page.model.setData(cell(page, 0, "height"), "125") is False  # the core refuses
    assert "无权" in errors[0]
    assert store.result_row(db, students[0], YEAR) is None
    pe = Actor("p", "体育老师", TEACHER, {small_school["class2"]: frozenset({"体育与健康"})})
    page = FitnessPage(PageContext(db, today, pe))
    qtbot.addWidget(page)
    page.show()
    page.class_picker.select(small_school["class2"])
    assert page.import_button.isEnabled()
    assert page.model.setData(cell(page, 0, "height"), "125")


def test_exempt_with_reason(page, db, students, monkeypatch):
    page.table.setCurrentIndex(cell(page, 1, "height"))
    monkeypatch.setattr(page, "ask_text", lambda *args: ("哮喘，医嘱免测", True))
    page.edit_exempt()
    assert shown(page, 1, page.model.level_column) == "免测"
    assert "哮喘" in shown(page, 1, len(page.model.columns) - 1)
    assert "免测 1" in page.summary.text()


def test_export_import_and_reports(page, db, students, tmp_path, monkeypatch, import_previews):
    for item, value in RESULTS.items():
        page.model.setData(cell(page, 0, item), value)
    exported, pdf = tmp_path / "up.xlsx", tmp_path / "r.pdf"
    monkeypatch.setattr(page, "ask_save_path", lambda *args: exported)
    monkeypatch.setattr(page, "inform", lambda title, text: setattr(page, "last_message", text))
    page.export_template()
    assert "已导出 2 名学生" in page.last_message
    rows = list(openpyxl.load_workbook(exported).active.iter_rows(min_row=2, values_only=True))
    assert [r[5] for r in rows] == ["张小明", "李小红"] and rows[0][12] == 10.0

    # change a value in the file and import it back: the grid shows the new value and score
    book = openpyxl.load_workbook(exported)
    book.active["M2"] = 11.5  # 50米跑 of 张小明
    book.save(exported)
    monkeypatch.setattr(page, "ask_open_path", lambda: exported)
    import_previews.clear()
    page.import_template()
    [preview] = import_previews  # the shared per-row preview; 导入 clicked
    assert "修改 1" in preview.summary.text() and ("2", "修改") in [r[:2] for r in preview.rows()]
    assert store.result_row(db, students[0], YEAR)["run50m"] == 11.5
    assert shown(page, 0, page.model.item_column("run50m")).startswith("11.5 · ")

    monkeypatch.setattr(page, "ask_save_path", lambda *args: pdf)
    page.print_reports()
    assert "已生成 1 名学生" in page.last_message
    text = pypdf.PdfReader(pdf).pages[0].extract_text()
    assert (
        "张小明" in text and str(store.class_results(db, page.school_class())[0].score.total_display) in text
    )


def test_statistics_and_comparison_tabs(page, db, students):
    for item, value in RESULTS.items():
        page.model.setData(cell(page, 0, item), value)
    weak = {**RESULTS, "lung": "500", "run50m": "14", "sit_reach": "-8", "rope1min": "10"}
    for item, value in weak.items():
        page.model.setData(cell(page, 1, item), value)
    page.tabs.setCurrentIndex(1)
    failing = page.failing_table
    assert failing.rowCount() == 1 and failing.item(0, 0).text() == "李小红"
    assert "分" in failing.item(0, 2).text()
    levels = {
        page.level_table.item(r, 0).text(): page.level_table.item(r, 1).text()
        for r in range(page.level_table.rowCount())
    }
    assert levels["不及格"] == "1"
    page.tabs.setCurrentIndex(2)
    page.scope_box.setCurrentIndex(page.scope_box.findData(2))
    labels = [page.compare_table.item(r, 0).text() for r in range(page.compare_table.rowCount())]
    assert labels == ["二年级(1)班", "二年级合计"]
    assert page.compare_table.item(0, 7).text().startswith("1（50.0%）")
    assert Decimal(page.compare_table.item(0, 9).text()) > 0


# ------------------------------------------------------------------ issue 17: tables from a file, vision


def test_load_tables_button_checks_the_file_and_names_what_is_missing(
    qtbot, page, db, tmp_path, monkeypatch, errors
):
    from fivemgmt.fitness import loaded
    from tests.core import fitness_synthetic as synth

    items = [r for r in synth.item_rows(["21"]) if not (r["item"] == "pullup" and r["score"] == "100")]
    bad = synth.write_xlsx(tmp_path / "bad.xlsx", items, synth.bmi_rows(["21"]))
    monkeypatch.setattr(page, "ask_open_paths", lambda *args: [bad])
    monkeypatch.setattr(page, "inform", lambda title, text: setattr(page, "last_message", text))
    assert page.tables_button.isVisible()
    qtbot.mouseClick(page.tables_button, Qt.MouseButton.LeftButton)
    assert errors and "初一(21) 男生 引体向上：缺 100 分的门槛" in errors[-1]
    assert not loaded.loaded_sets(db)
    good = synth.write_xlsx(tmp_path / "junior.xlsx")
    monkeypatch.setattr(page, "ask_open_paths", lambda *args: [good])
    qtbot.mouseClick(page.tables_button, Qt.MouseButton.LeftButton)
    assert "已装入“junior.xlsx”" in page.last_message and "21、22、23" in page.last_message
    assert [s["source"] for s in loaded.loaded_sets(db)] == ["junior.xlsx"]


def test_vision_tab_imports_results_and_shows_rate_and_change(
    qtbot, page, db, students, tmp_path, monkeypatch, import_previews
):
    from ui.pages.fitness import VISION_TAB

    page.tabs.setCurrentIndex(VISION_TAB)
    files = []
    for name, day, eyes in (("a.xlsx", "2026-09-15", ((5.0, 5.0), (4.8, 5.0))), ("b.xlsx", "2026-11-20", ((4.7, 4.9), (4.8, 4.9)))):  # fmt: skip
        book = openpyxl.Workbook()
        book.active.append(["姓名", "学籍号", "筛查日期", "左眼裸眼视力", "右眼裸眼视力"])
        for (student, number), (left, right) in zip((("张小明", "G0"), ("李小红", "G1")), eyes):
            book.active.append([student, number, day, left, right])
        book.save(tmp_path / name)
        files.append(tmp_path / name)
    for path in files:
        monkeypatch.setattr(page, "ask_open_paths", lambda *args, p=path: [p])
        qtbot.mouseClick(page.vision_import_button, Qt.MouseButton.LeftButton)
    assert len(import_previews) == 2 and "新增 2" in import_previews[0].summary.text()
    assert page.vision_rates.rowCount() == 2
    assert page.vision_rates.item(1, 3).text() == "未确认标准"  # no threshold yet: no number
    assert "尚未确认" in page.vision_summary.text()

    answers = iter([("5.0", True), ("学校确认的筛查标准（测试用）", True)])
    monkeypatch.setattr(page, "ask_text", lambda *args: next(answers))
    qtbot.mouseClick(page.vision_threshold_button, Qt.MouseButton.LeftButton)
    assert page.vision_rates.item(0, 3).text() == "50.0%"
    assert page.vision_rates.item(1, 3).text() == "100.0%"
    assert page.vision_rates.item(1, 4).text() == "+50.0 个百分点"
    assert "近视率 100.0%，较上次（2026-09-15）+50.0 个百分点" in page.vision_summary.text()
    assert page.vision_students.item(0, 5).text() == "视力不良"
    assert (
        "任一眼裸眼视力低于 5.0 计为视力不良（依据：学校确认的筛查标准（测试用）"
        in page.vision_threshold.text()
    )
    page.grab().save(str(tmp_path / "vision.png"))


def test_a_初中_class_is_scored_once_tables_are_loaded_and_says_from_where(
    qtbot, page, db, tmp_path, monkeypatch
):
    from tests.core import fitness_synthetic as synth

    school.save_school(db, LOCAL_ADMIN, "测试学校", "九年一贯制")
    class8 = school.add_class(db, LOCAL_ADMIN, 8, 1)
    sid = roster.save_student(
        db, LOCAL_ADMIN, {"class_id": class8, "name": "初二男", "sex": "男", "student_no": "J8"}
    )
    boy = {"height": "165", "weight": "55", "lung": "4300", "run50m": "7.1", "long_jump": "250",
           "sit_reach": "17", "pullup": "15", "run1000m": "3'42"}  # fmt: skip
    store.save_result(db, LOCAL_ADMIN, sid, boy, today=page.context.today)
    page.reload()
    page.class_picker.select(class8)
    assert "无评分表 1" in page.summary.text()
    monkeypatch.setattr(page, "ask_open_paths", lambda *args: [synth.write_xlsx(tmp_path / "junior.xlsx")])
    monkeypatch.setattr(page, "inform", lambda title, text: setattr(page, "last_message", text))
    qtbot.mouseClick(page.tables_button, Qt.MouseButton.LeftButton)
    page.class_picker.select(class8)
    text = page.summary.text()
    assert "无评分表" not in text and "评分表：学校装入的评分表“junior.xlsx”" in text
    assert store.class_results(db, page.school_class())[0].score.total is not None

"""报表 page: editing proposals and the rectification list, saving as PDF, printing through QPrinter."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from fivemgmt.actor import LOCAL_ADMIN
from fivemgmt.reports import findings as fnd
from fivemgmt.reports.checklist import SELF_INSPECTION
from fivemgmt.reports.period import Period
from tests.core.reports_helpers import MONDAY, TODAY, crafted_school, flat, pages_text


@pytest.fixture
def page(qtbot, db, sync_tasks, errors):
    from ui.pages.base import PageContext
    from ui.pages.reports import ReportsPage

    crafted_school(db)
    widget = ReportsPage(PageContext(db, TODAY, LOCAL_ADMIN))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_period(MONDAY, MONDAY + dt.timedelta(days=6))
    return widget


def row_of(page, code: str) -> int:
    return next(i for i, row in enumerate(page.checklist.rows) if row.code == code)


def test_checklist_shows_proposals_and_saves_edits(page, db):
    page.select_document("self-inspection")
    editor = page.checklist
    assert editor.isVisible()
    s6 = row_of(page, "S6")
    assert editor.answer_combo(s6).currentText() == "是"
    assert editor.table.item(s6, 3).text().startswith("三至六年级书面作业日均 50 分钟")
    c17 = row_of(page, "C17")
    assert editor.answer_combo(c17) is None  # 学校不填: nothing to answer
    assert not editor.table.item(c17, 3).flags()
    editor.answer_combo(s6).setCurrentText("否")
    editor.table.item(s6, 3).setText("五年级超时，已调整")
    saved = fnd.saved_answers(db, SELF_INSPECTION, Period.week(MONDAY))["S6"]
    assert (saved.answer, saved.evidence) == ("否", "五年级超时，已调整")
    assert editor.table.item(s6, 4).text() == "已修改"
    editor.table.selectRow(s6)
    editor.reset_selected()
    assert "S6" not in fnd.saved_answers(db, SELF_INSPECTION, Period.week(MONDAY))
    assert editor.answer_combo(row_of(page, "S6")).currentText() == "是"


def test_save_as_pdf_writes_the_edited_form(page, db, tmp_path, monkeypatch):
    page.select_document("self-inspection")
    c5 = row_of(page, "C5")
    page.checklist.table.item(c5, 3).setText("门卫室设公用电话")
    page.checklist.answer_combo(c5).setCurrentText("是")
    target = tmp_path / "自查表.pdf"
    monkeypatch.setattr(page, "ask_save_path", lambda: str(target))
    page.save_button.click()
    text = flat("".join(pages_text(target)))
    assert "【是】门卫室设公用电话" in text
    assert page.status.text() == f"已保存：{target}"


def test_rectification_list_generate_and_close(page, db, monkeypatch):
    from ui.pages import report_editors

    page.select_document("rectification")
    editor = page.findings
    assert editor.isVisible() and editor.table.rowCount() == 0
    assert "尚未列入整改清单" in editor.pending_label.text()
    editor.generate_button.click()
    count = editor.table.rowCount()
    assert count >= 1 and "均已列入" in editor.pending_label.text()
    editor.table.selectRow(0)
    monkeypatch.setattr(report_editors.CloseDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(
        report_editors.CloseDialog, "values", lambda self: (dt.date(2026, 11, 24), "已调整作业")
    )
    editor.close_button.click()
    assert editor.table.item(0, 4).text() == "已整改"
    assert editor.table.item(0, 5).text() == "2026-11-24 已调整作业"
    assert fnd.list_findings(db)[0].closed


def test_rectification_items_are_added_and_edited_through_their_dialog(page, db, monkeypatch):
    from ui.pages import report_editors

    page.select_document("rectification")
    editor = page.findings
    typed = iter(
        [
            ("三(2)班作业超时", "教研组每周审核作业量", "王老师"),
            ("三(2)班作业超时", "教研组每天审核作业量", "李老师"),
        ]
    )

    def fill_and_accept(dialog):  # the dialog as the user fills it and presses 确定
        problem, measure, owner = next(typed)
        dialog.problem.setPlainText(problem)
        dialog.measure.setPlainText(measure)
        dialog.owner.setText(owner)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(report_editors.FindingDialog, "exec", fill_and_accept)
    editor.add_button.click()
    [added] = fnd.list_findings(db)
    assert (added.problem, added.measure, added.owner) == (
        "三(2)班作业超时",
        "教研组每周审核作业量",
        "王老师",
    )
    assert editor.table.rowCount() == 1 and editor.table.item(0, 0).text() == "三(2)班作业超时"

    editor.table.selectRow(0)
    editor.edit_button.click()
    [edited] = fnd.list_findings(db)
    assert edited.id == added.id  # the same item changed, not a second one
    assert (edited.measure, edited.owner) == ("教研组每天审核作业量", "李老师")
    assert editor.table.item(0, 2).text() == "李老师"


def test_leaders_are_saved_from_the_self_report_editor(page, db):
    page.select_document("self-report")
    assert page.findings.leaders_box.isVisible()
    page.findings.leader_edits["leader"].setText("赵校长")
    page.findings.save_leaders_button.click()
    assert fnd.leaders(db)["leader"] == "赵校长"


def test_printing_paints_every_page_onto_the_printer(page, tmp_path):
    from ui.pages.reports import print_pdf

    page.select_document("self-inspection")
    produced = []
    page.produce(produced.append)
    (data,) = produced
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(200)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert print_pdf(data, printer) == len(pages_text(data))
    assert len(pages_text(out)) == len(pages_text(data))


def test_board_scope_and_weekly_document(page):
    page.select_document("board")
    assert page.scope.isVisible()
    page.scope.setCurrentIndex(page.scope.findText("四年级(1)班"))
    request = page.request()
    assert request["class_name"] == "四年级(1)班" and request["grade"] is None
    page.select_document("weekly")
    assert not page.scope.isVisible()
    assert page.period().is_week


def test_a_supervisor_sees_the_answers_but_cannot_change_them(qtbot, db, sync_tasks, errors):
    """督学: combos and evidence are not offered for editing; a refused change never stays on screen."""
    from fivemgmt.actor import SUPERVISOR, Actor
    from ui.pages.base import PageContext
    from ui.pages.reports import ReportsPage

    crafted_school(db)
    supervisor = Actor("du", "督学", SUPERVISOR)
    widget = ReportsPage(PageContext(db, TODAY, supervisor))
    qtbot.addWidget(widget)
    widget.show()
    widget.set_period(MONDAY, MONDAY + dt.timedelta(days=6))
    widget.select_document("self-inspection")
    editor = widget.checklist
    s6 = row_of(widget, "S6")
    combo = editor.answer_combo(s6)
    assert combo.currentText() == "是" and not combo.isEnabled()
    assert not editor.table.item(s6, 3).flags() & Qt.ItemFlag.ItemIsEditable
    combo.setCurrentText("否")  # forced through anyway (e.g. by a script): refused and put back
    assert len(errors) == 1  # the refusal was said
    qtbot.waitUntil(lambda: editor.answer_combo(row_of(widget, "S6")).currentText() == "是")
    assert "S6" not in fnd.saved_answers(db, SELF_INSPECTION, Period.week(MONDAY))


def test_a_document_with_nothing_to_fill_shows_its_pages(page, qtbot):
    """The weekly report has no answers to edit: the page shows the document itself, not an empty page."""
    page.select_document("weekly")
    preview = page.no_editor
    assert page.editors.currentWidget() is preview
    qtbot.waitUntil(lambda: len(preview.page_labels) > 0)
    pixmap = preview.page_labels[0].pixmap()
    assert pixmap.width() > 300 and pixmap.height() > pixmap.width()  # an A4 portrait page
    assert page.last_pdf is not None and page.last_pdf[:5] == b"%PDF-"


def test_the_status_line_speaks_of_the_document_shown(page, qtbot):
    """After the weekly report was generated, the self-report showed "已生成 校长周报，共 6 页"."""
    page.select_document("weekly")
    qtbot.waitUntil(lambda: "已生成" in page.status.text())
    assert "校长周报" in page.status.text()
    page.select_document("self-report")
    assert page.status.text() == ""
    page.select_document("rectification")
    page.select_document("weekly")
    qtbot.waitUntil(lambda: "已生成" in page.status.text())
    assert "校长周报" in page.status.text()


def test_term_and_school_year_presets(page, db):
    from fivemgmt.calendar import SchoolCalendar

    page.select_document("self-report")
    term = SchoolCalendar(db).term_for(TODAY)
    page.period_mode.setCurrentIndex(page.period_mode.findText("本学期"))
    assert page.period().start == term.start and page.period().end == min(term.end, TODAY)
    page.period_mode.setCurrentIndex(page.period_mode.findText("本学年"))
    year = [t for t in SchoolCalendar(db).terms if t.school_year == term.school_year]
    assert page.period().start == min(t.start for t in year)
    page.start.setDate(page.start.date().addDays(1))  # typing a date makes it 自定义
    assert page.period_mode.currentText() == "自定义"


def test_weekend_board_asks_for_unconfirmed_school_values_before_saving(
    page, db, tmp_path, monkeypatch, errors
):
    from ui.pages import report_editors

    saturday = MONDAY + dt.timedelta(days=5)
    page.select_document("board")
    page.set_period(saturday, saturday)
    page.scope.setCurrentIndex(page.scope.findText("四年级(1)班"))
    target = tmp_path / "公示表.pdf"
    monkeypatch.setattr(page, "ask_save_path", lambda: str(target))
    asked = []

    def cancel(dialog):
        asked.append([box.value() for box in dialog.values])
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(report_editors.ConfirmDefaultsDialog, "exec", cancel)
    page.save_button.click()
    assert asked == [[120]] and not target.exists()
    assert "尚未确认" in page.status.text()

    def confirm(dialog):
        dialog.values[0].setValue(100)
        dialog.note.setText("本校作业管理制度")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        return dialog.result()

    monkeypatch.setattr(report_editors.ConfirmDefaultsDialog, "exec", confirm)
    page.save_button.click()
    text = flat("".join(pages_text(target)))
    assert "默认值请学校确认" not in text and "学校设置(自2026-11-21起，本校作业管理制度)" in text
    asked.clear()
    monkeypatch.setattr(report_editors.ConfirmDefaultsDialog, "exec", cancel)
    page.save_button.click()  # confirmed once: not asked again
    assert asked == [] and errors == []


def test_changing_the_period_keeps_the_window_running(qtbot, db, db_path, errors, monkeypatch):
    """Each period chosen froze the window while the checklist's evidence was gathered (本学期 3.5 s on a
    five-year school): it is gathered in the background now, the table greyed under a busy line, and a
    period chosen meanwhile supersedes the one still loading (its rows never shown over the newer ones)."""
    import threading
    import time

    from PySide6.QtCore import QTimer

    from fivemgmt.reports.evidence import Evidence
    from ui import tasks
    from ui.pages.base import PageContext
    from ui.pages.reports import ReportsPage

    crafted_school(db)
    page = ReportsPage(PageContext(db, TODAY, LOCAL_ADMIN, db_path=db_path))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    editor = page.checklist
    assert tasks.wait_for_all(30_000) and editor.rows  # the first load, of this week
    this_week = Period(TODAY - dt.timedelta(days=2), TODAY + dt.timedelta(days=4))
    assert editor.isVisible() and editor.period.key == this_week.key

    real = Evidence.rows
    gathered: list[tuple] = []

    def slow(evidence, form):
        # the month (chosen first) comes back after the week chosen after it
        time.sleep(2.0 if evidence.period.start.day == 1 else 1.0)
        gathered.append((threading.current_thread(), evidence.period.key))
        return real(evidence, form)

    monkeypatch.setattr(Evidence, "rows", slow)
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    started = time.monotonic()
    page.period_mode.setCurrentIndex(page.period_mode.findData("month"))
    assert time.monotonic() - started < 0.5  # the choice returned at once: the GUI thread is free
    assert editor.busy.isVisible() and not editor.table.isEnabled()  # the page says it is at work
    page.period_mode.setCurrentIndex(page.period_mode.findData("last-week"))
    last_week = Period(MONDAY, MONDAY + dt.timedelta(days=6))
    qtbot.waitUntil(lambda: not editor.busy.isVisible(), timeout=10_000)
    assert len(ticks) >= 10  # the GUI ran through the second of work
    assert editor.period.key == last_week.key and editor.table.isEnabled()
    assert tasks.wait_for_all(10_000)  # the month's load, superseded, has ended too
    timer.stop()
    month = Period(TODAY.replace(day=1), TODAY)
    # the month's load was stopped before its evidence was gathered (its reading given up), the week's ran
    assert month.key not in [key for _, key in gathered] and [k for _, k in gathered] == [last_week.key]
    assert all(thread is not threading.main_thread() for thread, _ in gathered)
    assert editor.period.key == last_week.key  # the month, finished later, did not replace it
    s6 = row_of(page, "S6")
    assert editor.answer_combo(s6).currentText() == "是"
    assert editor.table.item(s6, 3).text().startswith("三至六年级书面作业日均 50 分钟")
    editor.answer_combo(s6).setCurrentText("否")  # edits are saved for the period shown, as before
    assert fnd.saved_answers(db, SELF_INSPECTION, last_week)["S6"].answer == "否" and errors == []

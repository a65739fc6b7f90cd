"""The 读物 page: registering a donated book, the review procedure in order, a problem book and its
disposition, the recommended list and the parents' PDF."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

from fivemgmt.areas import reading
from fivemgmt.rules import Status
from tests.core.test_imports import write_csv
from tests.ui.conftest import type_text
from ui.pages.reading import BookDialog, DispositionDialog, ReviewDialog, StepDialog


@pytest.fixture
def page(window, small_school):
    page = window.show_page("reading")
    window.open_page("reading", small_school["class4"], small_school["today"])
    return page


def fill_book(monkeypatch, title, isbn="", source="采购", place=None):
    def fake_exec(dialog):
        type_text(dialog.title_edit, title)
        type_text(dialog.isbn, isbn)
        dialog.source.setCurrentText(source)
        if place is not None:
            dialog.place.setCurrentIndex(dialog.place.findText(place))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(BookDialog, "exec", fake_exec)


def do_step(monkeypatch, page, person="教务处"):
    def fake_exec(dialog):
        dialog.person.setText(person)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(StepDialog, "exec", fake_exec)
    page.step_button.click()


def do_review(monkeypatch, page, problems=(), grades=(1, 9)):
    def fake_exec(dialog):
        type_text(dialog.reviewers, "语文组王老师")
        for number in problems:
            dialog.items[number - 1].click()
        dialog.grade_from.setValue(grades[0])
        dialog.grade_to.setValue(grades[1])
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ReviewDialog, "exec", fake_exec)
    page.review_button.click()


def state_of(page, title):
    return next(s for s in page.model.rows if s.book.title == title)


def test_donated_book_reviewed_finds_a_problem_and_is_sealed(page, db, monkeypatch, errors):
    assert page.status_strip.status is Status.NA  # no books in the class corner yet
    fill_book(monkeypatch, "午夜鬼故事", source="捐赠", place="四年级(2)班图书角")
    page.add_button.click()
    assert [s.book.title for s in page.model.rows] == ["午夜鬼故事"]
    assert page.status_strip.status is Status.PENDING and "未完成审核" in page.status_strip.reason.text()
    assert page.selected_ids() == [page.model.rows[0].book.id]

    do_review(monkeypatch, page)  # 评议 before 初选 is refused by the core
    assert "下一步应为“初选”" in errors[-1]
    do_step(monkeypatch, page, "班主任")
    assert state_of(page, "午夜鬼故事").state == "待评议"
    do_review(monkeypatch, page, problems=(8,))
    status = state_of(page, "午夜鬼故事")
    assert status.problem and status.review.problem_items == [8] and status.review.person == "语文组王老师"
    assert "不能推荐" in errors[-1]
    assert (
        page.status_strip.status is Status.VIOLATION and "问题读物未处置" in page.status_strip.reason.text()
    )
    assert "1 本问题读物未处置" in page.findings.text()

    def dispose(dialog):
        dialog.action.setCurrentText("封存")
        type_text(dialog.person, "图书管理员")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(DispositionDialog, "exec", dispose)
    page.dispose_button.click()
    assert state_of(page, "午夜鬼故事").state == "问题读物（已封存）"
    assert page.status_strip.status is Status.GREEN
    assert "问题读物未处置" not in page.findings.text()


def test_library_book_through_the_list_and_the_parents_pdf(page, db, monkeypatch, errors, tmp_path):
    page.scope.setCurrentIndex(1)  # 图书室
    fill_book(monkeypatch, "草房子", isbn="978-7-5346-6121-1", place="图书室")
    page.add_button.click()
    assert state_of(page, "草房子").book.isbn == "9787534661211"
    do_step(monkeypatch, page, "图书管理员")
    do_review(monkeypatch, page, grades=(3, 6))
    do_step(monkeypatch, page, "审核小组")
    assert state_of(page, "草房子").state == "已审核"

    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("二年级", True))
    page.recommend_button.click()
    assert "不含二年级" in errors[-1]
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("四年级", True))
    page.recommend_button.click()
    assert [e.status.book.title for e in page.list_model.rows] == ["草房子"]
    assert page.list_model.row_status(page.list_model.rows[0]) is Status.VIOLATION
    assert "缺公示、备案" in page.findings.text()
    do_step(monkeypatch, page)  # 公示
    do_step(monkeypatch, page)  # 备案
    assert page.list_model.row_status(page.list_model.rows[0]) is Status.GREEN
    assert "缺公示、备案" not in page.findings.text() and "缺公示/备案 0" in page.findings.text()

    pdf = page.export_pdf(tmp_path / "书目.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_bad_isbn_and_import(page, db, monkeypatch, errors, tmp_path):
    fill_book(monkeypatch, "稻草人", isbn="978-7-5346-6121-2", place="图书室")
    page.add_button.click()
    assert "校验位不对" in errors[-1]
    assert reading.book_statuses(db) == []
    path = write_csv(
        tmp_path / "目录.csv",
        [
            ["书名", "作者", "来源", "存放位置"],
            ["稻草人", "叶圣陶", "采购", "图书室"],
            ["青铜葵花", "曹文轩", "学生带入", "四年级(2)班"],
        ],
    )
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.import_file(path)
    assert [s.book.title for s in page.model.rows] == ["青铜葵花"]  # the class corner view
    assert page.status_strip.status is Status.PENDING
    assert len(reading.book_statuses(db)) == 2
    assert dt.date(2026, 11, 25) == reading.book_statuses(db)[0].book.added_date


def test_a_book_is_deleted_by_clicking_and_the_audit_log_names_it(
    page, window, qtbot, db, monkeypatch, errors, questions
):
    fill_book(monkeypatch, "青铜葵花", source="学生带入", place="四年级(2)班图书角")
    page.add_button.click()
    fill_book(monkeypatch, "稻草人", source="学生带入", place="四年级(2)班图书角")
    page.add_button.click()
    book = state_of(page, "青铜葵花").book
    page.select_books([book.id])
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert "《青铜葵花》" in questions[-1]  # the confirmation names the book
    assert [s.book.title for s in page.model.rows] == ["稻草人"]
    assert [s.book.title for s in reading.book_statuses(db)] == ["稻草人"]
    history = window.show_page("data")
    history.show_history(reading.BOOKS, book.id)
    assert "《青铜葵花》" in history.history_view.item(history.history_view.rowCount() - 1, 4).text()
    assert errors == []


def test_deleting_a_reviewed_book_or_another_class_s_book_is_refused(
    page, window, db, small_school, monkeypatch, errors
):
    from fivemgmt.actor import SUPERVISOR, TEACHER, Actor

    fill_book(monkeypatch, "青铜葵花", source="学生带入", place="四年级(2)班图书角")
    page.add_button.click()
    fill_book(monkeypatch, "稻草人", source="学生带入", place="四年级(2)班图书角")
    page.add_button.click()
    page.select_books([state_of(page, "青铜葵花").book.id])
    do_step(monkeypatch, page, "班主任")  # 初选: the book has review records now
    page.delete_button.click()
    assert "已有审核记录" in errors[-1] and len(page.model.rows) == 2
    refusals = {"李老师": "无权修改该班级", "督学": "只读"}
    for actor in (
        Actor("li", "李老师", TEACHER, {small_school["class2"]: None}),
        Actor("du", "督学", SUPERVISOR),
    ):
        window.set_database(db, small_school["today"], actor, None)
        page = window.show_page("reading")
        window.open_page("reading", small_school["class4"], small_school["today"])
        page.select_books([state_of(page, "稻草人").book.id])
        assert not page.delete_button.isEnabled()
        page.delete_book()  # even when asked, the core refuses
        assert refusals[actor.display_name] in errors[-1]
        assert len(page.model.rows) == 2 and len(reading.book_statuses(db)) == 2

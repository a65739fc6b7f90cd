"""Tables of the reading page: the book catalogue (with each book's review progress) and the 推荐书目."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from fivemgmt import class_names
from fivemgmt.areas import reading
from ui.models.base import Column, Editor, RecordTableModel


def _place(status: reading.BookStatus, class_names: dict[str, str]) -> str:
    book = status.book
    if book.location == reading.CORNER:
        return class_names.get(book.class_id or "", "") + QCoreApplication.translate("ReadingModel", "图书角")
    return book.location


def catalogue_columns(class_names: Callable[[], dict[str, str]]) -> list[Column]:
    """书名, 作者, 出版社, ISBN, 来源, 位置, 册数, 审核进度, 下一步."""
    return [
        Column(
            QCoreApplication.translate("ReadingModel", "书名"),
            lambda s: f"《{s.book.title}》",
            editor=Editor.NONE,
        ),
        Column(
            QCoreApplication.translate("ReadingModel", "作者"),
            lambda s: s.book.author,
            editor=Editor.NONE,
            width=110,
        ),
        Column(
            QCoreApplication.translate("ReadingModel", "出版社"),
            lambda s: s.book.publisher,
            editor=Editor.NONE,
            width=150,
        ),
        Column(
            QCoreApplication.translate("ReadingModel", "ISBN"),
            lambda s: s.book.isbn,
            editor=Editor.NONE,
            width=120,
        ),
        Column(
            QCoreApplication.translate("ReadingModel", "来源"),
            lambda s: s.book.source,
            editor=Editor.NONE,
            width=70,
        ),
        Column(
            QCoreApplication.translate("ReadingModel", "位置"),
            lambda s: _place(s, class_names()),
            editor=Editor.NONE,
            width=140,
        ),
        Column(
            QCoreApplication.translate("ReadingModel", "册数"),
            lambda s: s.book.copies,
            editor=Editor.NONE,
            width=50,
        ),
        Column(
            QCoreApplication.translate("ReadingModel", "审核进度"),
            lambda s: f"{s.status.symbol} {s.state}",
            editor=Editor.NONE,
            width=150,
            tooltip=QCoreApplication.translate("ReadingModel", "初选 → 评议 → 确认 → 公示 → 备案"),
        ),
        Column(
            QCoreApplication.translate("ReadingModel", "下一步"),
            lambda s: s.next_step or "",
            editor=Editor.NONE,
            width=60,
        ),
    ]


class CatalogueModel(RecordTableModel):
    """Rows are ``fivemgmt.areas.reading.BookStatus``; read-only (changes go through the dialogs)."""

    TITLE, AUTHOR, PUBLISHER, ISBN, SOURCE, PLACE, COPIES, STATE, NEXT = range(9)

    def __init__(self, class_names: Callable[[], dict[str, str]]) -> None:
        super().__init__(catalogue_columns(class_names), row_status=lambda s: s.status)

    def book_ids(self, rows: list[int]) -> list[str]:
        return [self.row(r).book.id for r in rows]


def _done(entry: reading.ListEntry, step: str) -> str:
    found = entry.status.step(step)
    return f"✓ {found.date:%Y-%m-%d}" if found else QCoreApplication.translate("ReadingModel", "× 未") + step


def list_columns() -> list[Column]:
    """年级, 书名, 作者, 出版社, 公示, 备案."""
    return [
        Column(
            QCoreApplication.translate("ReadingModel", "年级"),
            lambda e: class_names.grade_name(e.grade),
            editor=Editor.NONE,
            width=80,
        ),
        Column(
            QCoreApplication.translate("ReadingModel", "书名"),
            lambda e: f"《{e.status.book.title}》",
            editor=Editor.NONE,
        ),
        Column(
            QCoreApplication.translate("ReadingModel", "作者"),
            lambda e: e.status.book.author,
            editor=Editor.NONE,
            width=110,
        ),
        Column(
            QCoreApplication.translate("ReadingModel", "出版社"),
            lambda e: e.status.book.publisher,
            editor=Editor.NONE,
            width=150,
        ),
        Column(
            QCoreApplication.translate("ReadingModel", "公示"),
            lambda e: _done(e, "公示"),
            editor=Editor.NONE,
            width=110,
        ),
        Column(
            QCoreApplication.translate("ReadingModel", "备案"),
            lambda e: _done(e, "备案"),
            editor=Editor.NONE,
            width=110,
        ),
    ]


class RecommendedListModel(RecordTableModel):
    """Rows are ``fivemgmt.areas.reading.ListEntry``; red when 公示 or 备案 is missing."""

    def __init__(self) -> None:
        from fivemgmt.rules import Status

        super().__init__(
            list_columns(), row_status=lambda e: Status.GREEN if e.status.published else Status.VIOLATION
        )

"""读物: the book catalogue with its review procedure (初选 → 评议 → 确认 → 公示 → 备案), problem books,
and the annual recommended list printed for parents.

Reading is not a daily register: the status strip shows the chosen class's book corner as of the chosen
day; the school-wide checks are listed above the catalogue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fivemgmt import class_names, school
from fivemgmt.areas import reading
from fivemgmt.areas.base import WeekContext
from fivemgmt.calendar import monday_of
from fivemgmt.errors import UserError
from fivemgmt.records import Changes
from fivemgmt.reports import reading_list
from fivemgmt.rules import STATUS_COLORS, Status
from ui.models.reading import CatalogueModel, RecommendedListModel
from ui.pages.base import AreaPage, DayStatus
from ui.widgets.date_navigator import from_qdate, to_qdate
from ui.widgets.dialogs import ok_cancel
from ui.widgets.import_flow import run_import
from ui.widgets.record_table import RecordTableView


class ReadingPage(AreaPage):
    title = QT_TRANSLATE_NOOP("ReadingPage", "读物")
    tables = frozenset({reading.BOOKS, reading.STEPS_TABLE, reading.DISPOSITIONS, reading.LIST, "school"})
    area_key = "reading"  # not a daily register: every day reads 不适用, saying why

    SCOPES = ("本班图书角", "图书室", "全部图书")

    def __init__(self, context) -> None:  # noqa: ANN001
        self.class_names: dict[str, str] = {}
        super().__init__(context)

    def page_title(self) -> str:
        return self.tr("课外读物")

    # ------------------------------------------------------------ widgets
    def build_content(self) -> QWidget:
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        self.findings = QLabel()
        self.findings.setWordWrap(True)
        self.findings.setTextFormat(self.findings.textFormat().RichText)
        layout.addWidget(self.findings)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._catalogue_tab(), self.tr("图书目录与审核"))
        self.tabs.addTab(self._list_tab(), self.tr("推荐书目"))
        layout.addWidget(self.tabs, 1)
        school_wide = self.context.actor.is_school_wide
        for button in (
            self.step_button,
            self.review_button,
            self.dispose_button,
            self.undo_button,
            self.recommend_button,
            self.remove_button,
        ):
            button.setEnabled(school_wide)
        return content

    def _catalogue_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("显示")))
        self.scope = QComboBox()
        self.scope.addItems([self.tr(s) for s in self.SCOPES])
        row.addWidget(self.scope)
        self.add_button = QPushButton(self.tr("登记图书…"))
        self.import_button = QPushButton(self.tr("导入目录…"))
        self.delete_button = QPushButton(self.tr("删除所选…"))
        self.delete_button.setToolTip(
            self.tr("删除登记错的图书（尚未审核的）；删除记入审计记录。已审核的图书不再使用请“处置”")
        )
        self.step_button = QPushButton(self.tr("下一步（初选/确认/公示/备案）…"))
        self.review_button = QPushButton(self.tr("评议…"))
        self.dispose_button = QPushButton(self.tr("处置…"))
        self.undo_button = QPushButton(self.tr("撤销上一步…"))
        self.recommend_button = QPushButton(self.tr("加入推荐书目…"))
        for button in (self.add_button, self.import_button):
            row.addWidget(button)
        row.addStretch(1)
        for button in (
            self.step_button,
            self.review_button,
            self.dispose_button,
            self.undo_button,
            self.recommend_button,
        ):
            row.addWidget(button)
        layout.addLayout(row)
        self.model = CatalogueModel(lambda: self.class_names)
        self.table = RecordTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.set_read_only(True)
        layout.addWidget(self.table, 1)
        below = QHBoxLayout()  # apart from the everyday buttons (and the page fits a 1366-pixel screen)
        below.addWidget(self.delete_button)
        below.addStretch(1)
        layout.addLayout(below)
        self.scope.currentIndexChanged.connect(lambda _i: self.load_catalogue())
        self.add_button.clicked.connect(self.add_book)
        self.import_button.clicked.connect(lambda: self.import_file())
        self.delete_button.clicked.connect(self.delete_book)
        self.step_button.clicked.connect(self.next_step)
        self.review_button.clicked.connect(self.review_book)
        self.dispose_button.clicked.connect(self.dispose_book)
        self.undo_button.clicked.connect(self.undo_step)
        self.recommend_button.clicked.connect(self.recommend)
        self.table.doubleClicked.connect(lambda index: self._double_clicked(index.row()))
        return tab

    def _list_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("学年")))
        self.year = QLineEdit()
        self.year.setFixedWidth(100)
        row.addWidget(self.year)
        row.addWidget(QLabel(self.tr("年级")))
        self.grade = QComboBox()
        row.addWidget(self.grade)
        row.addStretch(1)
        self.remove_button = QPushButton(self.tr("移出推荐书目"))
        self.pdf_button = QPushButton(self.tr("导出家长版书目(PDF)…"))
        row.addWidget(self.remove_button)
        row.addWidget(self.pdf_button)
        layout.addLayout(row)
        self.list_model = RecommendedListModel()
        self.list_table = RecordTableView()
        self.list_table.setModel(self.list_model)
        self.list_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_table.set_read_only(True)
        layout.addWidget(self.list_table, 1)
        notice = QLabel(self.tr("家长版书目注明：") + reading.VOLUNTARY_NOTICE)
        notice.setWordWrap(True)
        notice.setStyleSheet("color: #555555;")
        layout.addWidget(notice)
        self.year.editingFinished.connect(self.load_list)
        self.grade.currentIndexChanged.connect(lambda _i: self.load_list())
        self.remove_button.clicked.connect(self.remove_from_list)
        self.pdf_button.clicked.connect(lambda: self.export_pdf())
        return tab

    # ------------------------------------------------------------ loading
    def load(self) -> None:
        db = self.context.db
        classes = self.context.classes()
        self.class_names = {c.id: c.name for c in classes}
        school_class = self.school_class()
        self.add_button.setEnabled(
            school_class is not None
            and self.context.actor.can_write_class(school_class.id)
            or self.context.actor.is_school_wide
        )
        self.delete_button.setEnabled(self.add_button.isEnabled())
        if not self.year.text():
            self.year.setText(reading.school_year_of(db, self.context.today))
        grades = sorted({c.grade for c in classes})
        if [self.grade.itemData(i) for i in range(self.grade.count())] != [None, *grades]:
            self.grade.blockSignals(True)
            self.grade.clear()
            self.grade.addItem(self.tr("全部年级"), None)
            for grade in grades:
                self.grade.addItem(class_names.grade_name(grade), grade)
            self.grade.blockSignals(False)
        self.load_catalogue()
        self.load_list()
        self._show_findings()

    def load_catalogue(self) -> None:
        db = self.context.db
        scope = self.SCOPES[self.scope.currentIndex()]
        school_class = self.school_class()
        if scope == "本班图书角":
            rows = (
                []
                if school_class is None
                else reading.book_statuses(db, class_id=school_class.id, location=reading.CORNER)
            )
        elif scope == "图书室":
            rows = reading.book_statuses(db, location=reading.LIBRARY)
        else:
            rows = reading.book_statuses(db)
        self.model.set_rows(rows)

    def load_list(self) -> None:
        year = self.year.text().strip()
        try:
            entries = reading.recommended_list(self.context.db, year, self.grade.currentData())
        except UserError:
            entries = []
        self.list_model.set_rows(entries)

    def _show_findings(self) -> None:
        lines = []
        for status, text in reading.catalogue_findings(self.context.db, self.context.today):
            color = STATUS_COLORS[status] if status is not Status.GREEN else "#007A5A"
            lines.append(
                f"<span style='color:{color}; font-weight:bold'>{status.symbol} {status.label}</span> {text}"
            )
        counts = reading.catalogue_status(self.context.db, self.context.today)
        lines.append(
            self.tr(
                "全校：图书 {books} 种 · 已审核 {reviewed} · 待审核 {pending} · 问题读物已处置 "
                "{done}、未处置 {open} · 推荐书目 {recommended} 种（缺公示/备案 {unpublished}）"
            ).format(
                books=counts["books"],
                reviewed=counts["reviewed"],
                pending=counts["pending"],
                done=counts["problem_dispositioned"],
                open=counts["problem_open"],
                recommended=counts["recommended"],
                unpublished=counts["recommended_unpublished"],
            )
        )
        self.findings.setText("<br>".join(lines))

    def day_status(self) -> DayStatus:
        week = reading.week_summary(
            WeekContext.load(self.context.db, monday_of(self.day()), self.context.today), self.school_class()
        )
        detail = (
            self.tr("图书角 {n} 种").format(n=week.figures.class_books) if week.figures.class_books else ""
        )
        findings = reading.catalogue_findings(self.context.db, self.context.today)
        return DayStatus(reading.class_verdict(week, findings), detail)

    # ------------------------------------------------------------ helpers
    def selected_ids(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        return self.model.book_ids(rows)

    def select_books(self, book_ids: list[str]) -> None:
        """Select the catalogue rows of these books (used after adding, and by tests)."""
        from PySide6.QtCore import QItemSelectionModel

        selection = self.table.selectionModel()
        selection.clearSelection()
        for position, status in enumerate(self.model.rows):
            if status.book.id in book_ids:
                selection.select(
                    self.model.index(position, 0),
                    QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
                )

    def _run(self, operation: Callable[[], Changes]) -> bool:
        selected = self.selected_ids()
        if self.context.apply(operation, self, shown=False) is None:  # reloads every page that shows it
            return False
        self.select_books(selected)
        return True

    def _need_selection(self) -> list[str] | None:
        ids = self.selected_ids()
        if not ids:
            self.context.show_error(self.tr("请先在目录中选择图书。"), self)
            return None
        return ids

    def _double_clicked(self, row: int) -> None:
        status = self.model.row(row)
        if status.next_step == reading.REVIEW_STEP:
            self.review_book()
        elif status.next_step:
            self.next_step()

    # ------------------------------------------------------------ operations
    def add_book(self) -> None:
        school_class = self.school_class()
        classes = self.context.classes()
        if not self.context.actor.is_school_wide:
            classes = [c for c in classes if self.context.actor.can_write_class(c.id)]
        default = (
            school_class.id
            if school_class is not None and self.SCOPES[self.scope.currentIndex()] == "本班图书角"
            else None
        )
        dialog = BookDialog(classes, default, self.context.actor.is_school_wide, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        book = dialog.book()
        if self._run(
            lambda: reading.save_book(self.context.db, self.context.actor, book, today=self.context.today)
        ):
            self.select_books([book.id])

    def delete_book(self) -> None:
        """删除所选…: one book entered by mistake, after a confirmation naming it (the core refuses a book
        with review records and keeps the audit entry)."""
        ids = self._need_selection()
        if ids is None or len(ids) != 1:
            if ids:
                self.context.show_error(self.tr("一次删除一本图书：请只选择一本。"), self)
            return
        status = next(s for s in self.model.rows if s.book.id == ids[0])
        answer = QMessageBox.question(
            self,
            self.tr("删除图书"),
            self.tr("从目录中删除《{title}》吗？\n删除记入审计记录。").format(title=status.book.title),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._run(lambda: reading.delete_book(self.context.db, self.context.actor, ids[0]))

    def next_step(self) -> None:
        ids = self._need_selection()
        if ids is None:
            return
        statuses = [s for s in self.model.rows if s.book.id in ids]
        steps = {s.next_step for s in statuses}
        if len(steps) != 1 or None in steps:
            self.context.show_error(
                self.tr("所选图书的下一步不同（或已完成/为问题读物），请分开处理。"), self
            )
            return
        step = steps.pop()
        if step == reading.REVIEW_STEP:
            self.review_book()
            return
        titles = "、".join(f"《{s.book.title}》" for s in statuses[:5]) + ("……" if len(statuses) > 5 else "")
        dialog = StepDialog(step, titles, self.context.today, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        day, person, note = dialog.values()
        self._run(
            lambda: reading.record_step(
                self.context.db, self.context.actor, ids, step, day, person, note, today=self.context.today
            )
        )

    def review_book(self) -> None:
        ids = self._need_selection()
        if ids is None:
            return
        if len(ids) != 1:
            self.context.show_error(self.tr("评议要逐本进行，请只选择一本书。"), self)
            return
        status = next(s for s in self.model.rows if s.book.id == ids[0])
        dialog = ReviewDialog(status, self.context.today, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        review = dialog.review()
        if self._run(
            lambda: reading.save_review(self.context.db, self.context.actor, review, today=self.context.today)
        ) and any(review.negative):
            self.context.show_error(
                self.tr("《{title}》不符合负面清单要求，不能推荐。请予以处置（封存/下架/上报）。").format(
                    title=status.book.title
                ),
                self,
            )

    def dispose_book(self) -> None:
        ids = self._need_selection()
        if ids is None or len(ids) != 1:
            if ids:
                self.context.show_error(self.tr("请只选择一本书。"), self)
            return
        status = next(s for s in self.model.rows if s.book.id == ids[0])
        dialog = DispositionDialog(status.book.title, self.context.today, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        action, day, person, note = dialog.values()
        self._run(
            lambda: reading.disposition(
                self.context.db,
                self.context.actor,
                ids[0],
                action,
                day,
                person,
                note,
                today=self.context.today,
            )
        )

    def undo_step(self) -> None:
        ids = self._need_selection()
        if ids is None or len(ids) != 1:
            return
        status = next(s for s in self.model.rows if s.book.id == ids[0])
        if not status.steps:
            return
        reason, ok = QInputDialog.getText(
            self,
            self.tr("撤销上一步"),
            self.tr("撤销《{title}》的“{step}”，原因：").format(
                title=status.book.title, step=status.last_step
            ),
        )
        if ok:
            self._run(lambda: reading.undo_step(self.context.db, self.context.actor, ids[0], reason=reason))

    def recommend(self) -> None:
        ids = self._need_selection()
        if ids is None:
            return
        grades = [self.grade.itemData(i) for i in range(1, self.grade.count())]
        names = [class_names.grade_name(g) for g in grades]
        if not grades:
            return
        name, ok = QInputDialog.getItem(
            self,
            self.tr("加入推荐书目"),
            self.tr("{year} 学年，年级：").format(year=self.year.text()),
            names,
            0,
            False,
        )
        if not ok:
            return
        grade = grades[names.index(name)]
        year = self.year.text().strip()

        def add_all() -> Changes:
            changes = Changes()
            for book_id in ids:
                changes.merge(reading.add_to_list(self.context.db, self.context.actor, book_id, year, grade))
            return changes

        self._run(add_all)

    def remove_from_list(self) -> None:
        index = self.list_table.currentIndex()
        if not index.isValid():
            return
        entry = self.list_model.row(index.row())
        self._run(lambda: reading.remove_from_list(self.context.db, self.context.actor, entry.id))

    def export_pdf(self, path: Path | None = None) -> Path | None:
        year = self.year.text().strip()
        grade = self.grade.currentData()
        if path is None:
            suggested = f"课外读物推荐书目_{year}{'_' + class_names.grade_name(grade) if grade else ''}.pdf"
            name, _ = QFileDialog.getSaveFileName(self, self.tr("导出家长版书目"), suggested, "PDF (*.pdf)")
            if not name:
                return None
            path = Path(name)
        listing = reading.parent_list(self.context.db, year, grade)
        self.context.run_task(
            lambda _task: reading_list.write_parent_list_pdf(listing, path),
            title=self.tr("导出推荐书目"),
            progress=False,
        )
        return path

    def import_file(self, path: Path | None = None) -> None:
        run_import(
            self,
            self.tr("导入图书目录"),
            reading.preview_import,
            # books without a 登记日期 are registered on the app's today (pinned by --today and tests)
            lambda db, actor, preview: reading.commit_import(db, actor, preview, today=self.context.today),
            path,
        )


# ------------------------------------------------------------------ dialogs


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = ok_cancel(dialog)
    return buttons


def _date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(to_qdate(day), calendarPopup=True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class BookDialog(QDialog):
    """登记图书: title, author, publisher, ISBN, edition, source, place, copies."""

    def __init__(
        self,
        classes: list[school.SchoolClass],
        default_class: str | None,
        library: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("登记图书"))
        layout = QFormLayout(self)
        self.title_edit, self.author, self.publisher = QLineEdit(), QLineEdit(), QLineEdit()
        self.isbn, self.edition = QLineEdit(), QLineEdit()
        self.isbn.setPlaceholderText(self.tr("10 位或 13 位，可带横线"))
        self.source = QComboBox()
        self.source.addItems(reading.SOURCES)
        self.place = QComboBox()
        if library:
            self.place.addItem(reading.LIBRARY, None)
        for school_class in classes:
            self.place.addItem(school_class.name + self.tr("图书角"), school_class.id)
        if default_class is not None:
            self.place.setCurrentIndex(max(0, self.place.findData(default_class)))
        self.copies = QSpinBox()
        self.copies.setRange(1, 10_000)
        for label, widget in (
            (self.tr("书名"), self.title_edit),
            (self.tr("作者"), self.author),
            (self.tr("出版社"), self.publisher),
            ("ISBN", self.isbn),
            (self.tr("版次"), self.edition),
            (self.tr("来源"), self.source),
            (self.tr("存放位置"), self.place),
            (self.tr("册数"), self.copies),
        ):
            layout.addRow(label, widget)
        layout.addRow(QLabel(self.tr("捐赠和学生带入的图书同样要经过初选、评议、确认。")))
        layout.addRow(_buttons(self))

    def book(self) -> reading.Book:
        class_id = self.place.currentData()
        return reading.Book(
            self.title_edit.text(),
            self.author.text(),
            self.publisher.text(),
            self.isbn.text(),
            self.edition.text(),
            self.source.currentText(),
            reading.CORNER if class_id else reading.LIBRARY,
            class_id,
            self.copies.value(),
        )


class StepDialog(QDialog):
    """初选 / 确认 / 公示 / 备案 of the selected books: date and responsible person."""

    PEOPLE = {"初选": "图书管理员", "确认": "学校课外读物审核小组", "公示": "教务处", "备案": "教务处"}

    def __init__(self, step: str, titles: str, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(step)
        layout = QFormLayout(self)
        label = QLabel(titles)
        label.setWordWrap(True)
        layout.addRow(self.tr("图书"), label)
        self.date_edit = _date_edit(today)
        self.person = QLineEdit(self.PEOPLE.get(step, ""))
        self.note = QLineEdit()
        layout.addRow(self.tr("日期"), self.date_edit)
        layout.addRow(self.tr("负责人"), self.person)
        layout.addRow(self.tr("备注"), self.note)
        layout.addRow(_buttons(self))

    def values(self) -> tuple[dt.date, str, str]:
        return from_qdate(self.date_edit.date()), self.person.text(), self.note.text()


class ReviewDialog(QDialog):
    """评议: reviewers, date, each of the 12 negative-list items, the grades the book suits, opinion."""

    def __init__(self, status: reading.BookStatus, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = status
        self.setWindowTitle(self.tr("评议《{title}》").format(title=status.book.title))
        self.resize(760, 640)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        existing = status.review
        self.date_edit = _date_edit(existing.date if existing else today)
        self.reviewers = QLineEdit(existing.person if existing else "")
        self.reviewers.setPlaceholderText(self.tr("如：语文教研组 王老师、李老师"))
        grades = QHBoxLayout()
        self.grade_from, self.grade_to = QSpinBox(), QSpinBox()
        for spin, value in (
            (self.grade_from, existing.grade_from if existing else 1),
            (self.grade_to, existing.grade_to if existing else 9),
        ):
            spin.setRange(1, 12)
            spin.setValue(value or 1)
            grades.addWidget(spin)
        grades.insertWidget(1, QLabel("—"))
        grades.addWidget(QLabel(self.tr("年级")))
        grades.addStretch(1)
        form.addRow(self.tr("评议日期"), self.date_edit)
        form.addRow(self.tr("评议人"), self.reviewers)
        form.addRow(self.tr("适用年级"), grades)
        layout.addLayout(form)
        listing = reading.negative_list()
        layout.addWidget(
            QLabel(
                self.tr("负面清单（{source}）：逐条判断，存在该问题的请勾选").format(source=listing.source)
            )
        )
        box = QWidget()
        grid = QGridLayout(box)
        self.items: list[QCheckBox] = []
        answers = existing.negative if existing else ()
        for number, text in enumerate(listing.items, start=1):
            check = QCheckBox(f"{number}.")
            check.setChecked(bool(answers[number - 1]) if len(answers) == 12 else False)
            check.setToolTip(text)
            label = QLabel(text)
            label.setWordWrap(True)
            label.setBuddy(check)
            label.mousePressEvent = lambda _event, c=check: c.toggle()  # clicking the text ticks the box too
            self.items.append(check)
            grid.addWidget(check, number - 1, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(label, number - 1, 1)
        grid.setColumnStretch(1, 1)
        scroll = QScrollArea()
        scroll.setWidget(box)
        scroll.setWidgetResizable(True)
        layout.addWidget(scroll, 1)
        self.verdict = QLabel()
        layout.addWidget(self.verdict)
        self.opinion = QLineEdit(existing.note if existing else "")
        self.opinion.setPlaceholderText(self.tr("评议意见"))
        layout.addWidget(self.opinion)
        layout.addWidget(_buttons(self))
        for check in self.items:
            check.toggled.connect(self._update_verdict)
        self._update_verdict()

    def _update_verdict(self) -> None:
        found = [str(i + 1) for i, check in enumerate(self.items) if check.isChecked()]
        if found:
            self.verdict.setText(
                self.tr("× 存在负面清单第 {items} 条问题：不能推荐，须处置").format(items="、".join(found))
            )
        else:
            self.verdict.setText(self.tr("✓ 12 条均不存在：可进入确认"))

    def review(self) -> reading.Review:
        return reading.Review(
            self.status.book.id,
            from_qdate(self.date_edit.date()),
            self.reviewers.text(),
            [check.isChecked() for check in self.items],
            self.grade_from.value(),
            self.grade_to.value(),
            self.opinion.text(),
        )


class DispositionDialog(QDialog):
    """封存 / 下架 / 上报 with date, person and note."""

    def __init__(self, title: str, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("处置《{title}》").format(title=title))
        layout = QFormLayout(self)
        self.action = QComboBox()
        self.action.addItems(reading.ACTIONS)
        self.date_edit = _date_edit(today)
        self.person = QLineEdit()
        self.note = QLineEdit()
        layout.addRow(self.tr("处置方式"), self.action)
        layout.addRow(self.tr("日期"), self.date_edit)
        layout.addRow(self.tr("处置人"), self.person)
        layout.addRow(self.tr("说明"), self.note)
        layout.addRow(_buttons(self))

    def values(self) -> tuple[str, dt.date, str, str]:
        return (
            self.action.currentText(),
            from_qdate(self.date_edit.date()),
            self.person.text(),
            self.note.text(),
        )

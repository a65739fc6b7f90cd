"""A keyboard-first table view for :class:`ui.models.base.RecordTableModel`.

- typing on a cell starts editing; Tab / Shift+Tab commit and move to the next / previous cell;
- Enter commits and moves down; on the last row it emits ``add_row_requested`` (the page appends a
  row and calls ``edit_cell(new_row, 0)``); with ``entry_columns`` (a grid of students, one row each)
  Enter moves to the row's next entry column and from its last one to the next row's first;
- Del (when not editing) emits ``delete_requested(row)``;
- Ctrl+V pastes cells copied from WPS/Excel (several rows and columns) from the current cell: every cell is
  read and checked as an import reads it, and nothing changes when any is wrong; rows beyond the end are
  added as Enter adds them; the rows are saved in one transaction, so a row the core refuses keeps none;
- editors follow the column: autocomplete line edit, spin box, combo box, date edit, check box.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QCompleter,
    QDateEdit,
    QHeaderView,
    QLineEdit,
    QMenu,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from fivemgmt import sheets
from fivemgmt.errors import UserError
from ui.models.base import Column, Editor, RecordTableModel
from ui.pages.base import Undo
from ui.widgets.date_navigator import from_qdate, to_qdate

Index = QModelIndex | QPersistentModelIndex


class RecordDelegate(QStyledItemDelegate):
    """Creates the editor a column asks for."""

    # (row, column, value) while a number or choice is being edited, before it is committed:
    # pages use it for live feedback (e.g. the homework total against the cap while typing minutes).
    editing = Signal(int, int, object)

    def column(self, index: Index) -> Column:
        return index.model().columns[index.column()]

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        column = self.column(index)
        row, position = index.row(), index.column()
        if column.editor is Editor.INT:
            editor = QSpinBox(parent)
            editor.setRange(column.minimum, column.maximum)
            editor.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
            editor.valueChanged.connect(lambda value: self.editing.emit(row, position, value))
            return editor
        if column.editor is Editor.CHOICE:
            editor = QComboBox(parent)
            editor.addItems(column.choice_list())
            editor.currentTextChanged.connect(lambda text: self.editing.emit(row, position, text))
            return editor
        if column.editor is Editor.DATE:
            editor = QDateEdit(parent, calendarPopup=True)
            editor.setDisplayFormat("yyyy-MM-dd")
            return editor
        editor = QLineEdit(parent)
        completions = column.completion_list()
        if completions:
            completer = QCompleter(completions, editor)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            editor.setCompleter(completer)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QSpinBox):
            editor.setValue(int(value or 0))
            editor.selectAll()
        elif isinstance(editor, QComboBox):
            position = editor.findText(str(value))
            editor.setCurrentIndex(max(position, 0))
        elif isinstance(editor, QDateEdit):
            if isinstance(value, str) and value:
                value = dt.date.fromisoformat(value[:10])
            if value:
                editor.setDate(to_qdate(value))
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        value: Any
        if isinstance(editor, QSpinBox):
            editor.interpretText()
            value = editor.value()
        elif isinstance(editor, QComboBox):
            value = editor.currentText()
        elif isinstance(editor, QDateEdit):
            value = from_qdate(editor.date())
        else:
            value = editor.text()
        model.setData(index, value, Qt.ItemDataRole.EditRole)


HEADER_PADDING = 16  # px around a heading's text (margins, the sort arrow's space)


def fit_heading(header: QHeaderView, model: QAbstractItemModel, position: int, width: int) -> None:
    """Give a column ``width`` pixels, never fewer than its heading needs: an English heading is often
    longer than the Chinese one."""
    title = str(model.headerData(position, Qt.Orientation.Horizontal) or "")
    metrics = header.fontMetrics()
    needed = max((metrics.horizontalAdvance(line) for line in title.split("\n")), default=0)
    header.resizeSection(position, max(width, needed + HEADER_PADDING))


class RecordTableView(QTableView):
    add_row_requested = Signal()
    delete_requested = Signal(int)
    EDIT_TRIGGERS = (
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
        | QAbstractItemView.EditTrigger.SelectedClicked
    )

    def __init__(self, parent: QWidget | None = None, *, entry_columns: tuple[int, ...] = ()) -> None:
        super().__init__(parent)
        self.entry_columns = entry_columns  # Enter walks these along the row, then to the next row
        self.delegate = RecordDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setEditTriggers(self.EDIT_TRIGGERS)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(True)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setDefaultSectionSize(30)
        self.horizontalHeader().setHighlightSections(False)
        self._pasting = False

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if isinstance(model, RecordTableModel):
            header = self.horizontalHeader()
            for position, column in enumerate(model.columns):
                if column.width:
                    fit_heading(header, model, position, column.width)
                else:
                    header.setSectionResizeMode(position, QHeaderView.ResizeMode.Stretch)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Right-click a saved row → 修改记录…: who changed it, when, from what to what."""
        index = self.indexAt(event.pos())
        model = self.model()
        ref = (
            model.record_ref(index.row()) if isinstance(model, RecordTableModel) and index.isValid() else None
        )
        context = self._page_context()
        if ref is None or context is None:
            return
        menu = QMenu(self)
        action = menu.addAction(QCoreApplication.translate("RecordTable", "修改记录…"))
        action.triggered.connect(lambda: self.show_history(*ref))
        menu.popup(event.globalPos())
        self.context_menu = menu  # tests trigger its action

    def show_history(self, table: str, record_id: str) -> None:
        from ui.widgets.history import HistoryDialog

        context = self._page_context()
        if context is not None:
            dialog = HistoryDialog(context.db, table, record_id, self)
            self.history_dialog = dialog
            dialog.open()

    def _page_context(self):  # noqa: ANN202 - the PageContext of the page this table is on
        widget = self.parentWidget()
        while widget is not None and getattr(widget, "context", None) is None:
            widget = widget.parentWidget()
        return None if widget is None else widget.context

    def set_read_only(self, read_only: bool) -> None:
        """No editing (e.g. a teacher looking at another class); the core refuses writes anyway."""
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers if read_only else self.EDIT_TRIGGERS
        )

    def edit_cell(self, row: int, column: int = 0) -> None:
        if self._pasting:
            return  # a row added for a paste is filled by the paste, not typed into
        index = self.model().index(row, column)
        self.setCurrentIndex(index)
        if not self.model().flags(index) & Qt.ItemFlag.ItemIsEditable:
            return  # read-only cell or session: the cursor goes there, no editor opens
        if self.state() == QAbstractItemView.State.EditingState:
            # once the open editor has closed; the timer dies with the view (a closed page never retries)
            QTimer.singleShot(0, self, lambda: self.edit_cell(row, column))
            return
        self.edit(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        if not editing and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._after_enter()
            return
        if not editing and event.matches(QKeySequence.StandardKey.Paste):
            self.paste(QApplication.clipboard().text())
            return
        if not editing and event.key() == Qt.Key.Key_Delete and self.currentIndex().isValid():
            self.delete_requested.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)

    def paste(self, text: str) -> bool:
        """Paste tab-separated cells from the current cell (the first cell when none); True when all went in.
        Problems go to the model's ``edit_rejected`` (pages show them) by row and column."""
        model = self.model()
        grid = sheets.pasted_rows(text)
        if (
            not isinstance(model, RecordTableModel)
            or not grid
            or self.editTriggers() == self.EditTrigger.NoEditTriggers
        ):
            return False
        current = self.currentIndex()
        top, left = (current.row(), current.column()) if current.isValid() else (0, 0)
        values, problems = model.check_paste(left, grid, top)
        if problems:
            model.edit_rejected.emit(
                QCoreApplication.translate("RecordTableView", "没有粘贴任何内容：\n")
                + "\n".join(problems[:20])
            )
            return False
        context = self._page_context()
        before = model.rows
        self._pasting = True
        try:
            # All rows or none: the page's commits run in one transaction, undone when one is refused.
            with context.all_or_nothing() if context is not None else contextlib.nullcontext():
                for offset, line in enumerate(values):
                    row = top + offset
                    if row >= model.rowCount():
                        self.add_row_requested.emit()  # the page adds a row, as for Enter on the last row
                        if row >= model.rowCount():
                            model.edit_rejected.emit(
                                QCoreApplication.translate(
                                    "RecordTableView", "第 {row} 行起没有粘贴：表格不能再加行"
                                ).format(row=row + 1)
                            )
                            raise Undo
                    if line and not model.apply_values(row, line):
                        raise Undo  # the page has said why
        except Undo:
            model.set_rows(before)  # the rows as they were (the pages have re-read what is saved)
            model.edit_rejected.emit(
                QCoreApplication.translate("RecordTableView", "没有粘贴任何内容：粘贴的行都未保存。")
            )
            return False
        except UserError as error:  # the database could not start the unit of work (locked, read-only…)
            model.set_rows(before)
            model.edit_rejected.emit(str(error))
            return False
        finally:
            self._pasting = False
        return True

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            # Enter in an editor: move on once the commit (and any dialog it opened) is done.
            QTimer.singleShot(0, self._after_enter)

    def _after_enter(self) -> None:
        current = self.currentIndex()
        model = self.model()
        if model is None:
            return
        if self.entry_columns and current.isValid():
            target = self._next_entry(current.row(), current.column())
            if target is not None:
                self.setCurrentIndex(model.index(*target))  # typing there starts editing
            return
        if not current.isValid() or current.row() >= model.rowCount() - 1:
            self.add_row_requested.emit()
        else:
            self.setCurrentIndex(model.index(current.row() + 1, current.column()))

    def _next_entry(self, row: int, column: int) -> tuple[int, int] | None:
        """The entry cell after (row, column) in reading order, or None after the last row."""
        later = [c for c in self.entry_columns if c > column]
        if later:
            return row, later[0]
        if row + 1 < self.model().rowCount():
            return row + 1, self.entry_columns[0]
        return None

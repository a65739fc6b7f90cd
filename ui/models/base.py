"""A table model over plain core objects (Vorta style: fed by ``set_rows()``, testable without a view).

A page describes its columns once and tells the model how to save an edit::

    columns = [
        Column("学科", get=lambda e: e.subject, set=lambda e, v: setattr(e, "subject", v),
               completions=lambda: subjects),
        Column("分钟", get=lambda e: e.minutes, set=lambda e, v: setattr(e, "minutes", v),
               editor=Editor.INT, maximum=600),
        Column("已做", get=lambda r: r.done, set=lambda r, v: setattr(r, "done", v), editor=Editor.BOOL),
    ]
    model = RecordTableModel(columns, commit=save_row)   # save_row(index, old, new) -> row | None

An edit copies the row, applies the column's setter and passes (old, new) to ``commit``, which calls
the core operation and returns the row to keep (e.g. with its new id) or ``None`` to reject the edit
(the old value stays). Without ``commit`` edits are kept in memory only. The view side (editors,
keyboard: Enter adds a row, Tab moves, Del deletes) is ui.widgets.record_table.RecordTableView.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from fivemgmt import parsers
from fivemgmt.calendar import weekday_name
from fivemgmt.rules import STATUS_COLORS, Status

Index = QModelIndex | QPersistentModelIndex


class Editor(StrEnum):
    TEXT = "text"  # a line edit, with autocomplete when the column has completions
    INT = "int"  # a spin box from minimum to maximum
    CHOICE = "choice"  # a combo box of choices
    DATE = "date"  # a date edit with a calendar popup (values are datetime.date)
    BOOL = "bool"  # a check box in the cell
    NONE = "none"  # read-only


@dataclass
class Column:
    header: str
    get: Callable[[Any], Any]
    set: Callable[[Any, Any], None] | None = None  # mutates the (copied) row; None: read-only
    editor: Editor = Editor.TEXT
    choices: Callable[[], Sequence[str]] | Sequence[str] = ()
    completions: Callable[[], Sequence[str]] | None = None
    validate: Callable[[Any], str | None] | None = None  # returns a Chinese message when invalid
    display: Callable[[Any], str] | None = None
    minimum: int = 0
    maximum: int = 9999
    width: int | None = None
    tooltip: str = ""

    @property
    def editable(self) -> bool:
        return self.set is not None and self.editor is not Editor.NONE

    def choice_list(self) -> list[str]:
        return list(self.choices() if callable(self.choices) else self.choices)

    def completion_list(self) -> list[str]:
        return list(self.completions()) if self.completions else []

    def text(self, row: Any) -> str:
        value = self.get(row)
        if self.display is not None:
            return self.display(value)
        if value is None:
            return ""
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(value)

    def parse(self, value: Any) -> Any:
        """Turn what an editor (or a test) gives into the column's value; raises ValueError with Chinese text."""
        if self.editor is Editor.INT:
            try:
                number = int(str(value).strip() or 0)
            except ValueError:
                raise ValueError(QCoreApplication.translate("RecordTableModel", "请输入整数。")) from None
            if not self.minimum <= number <= self.maximum:
                raise ValueError(
                    QCoreApplication.translate("RecordTableModel", "请输入 {low}–{high} 之间的数。").format(
                        low=self.minimum, high=self.maximum
                    )
                )
            return number
        if self.editor is Editor.CHOICE:
            text = str(value).strip()
            choices = self.choice_list()
            if text not in choices:
                raise ValueError(
                    QCoreApplication.translate("RecordTableModel", "请选择：{choices}").format(
                        choices="、".join(choices)
                    )
                )
            return text
        if self.editor is Editor.DATE:
            if isinstance(value, dt.date):
                return value
            try:
                return dt.date.fromisoformat(str(value).strip())
            except ValueError:
                raise ValueError(
                    QCoreApplication.translate("RecordTableModel", "日期格式应为 YYYY-MM-DD。")
                ) from None
        if self.editor is Editor.BOOL:
            if isinstance(value, Qt.CheckState):
                return value == Qt.CheckState.Checked
            if isinstance(value, int) and not isinstance(value, bool):
                return value == Qt.CheckState.Checked.value
            return bool(value)
        return str(value).strip()

    def pasted(self, text: str) -> Any:
        """A cell pasted from WPS/Excel, read as an import reads it ("20分钟", "2026/11/23", "必做", "是");
        raises ValueError with Chinese text."""
        text = text.strip()
        if self.editor is Editor.INT:
            return self.parse(parsers.integer(text, low=self.minimum, high=self.maximum) if text else 0)
        if self.editor is Editor.DATE:
            return parsers.date(text)
        if self.editor is Editor.CHOICE:
            wanted = parsers.normalize_header(text)
            text = next((c for c in self.choice_list() if parsers.normalize_header(c) == wanted), text)
        if self.editor is Editor.BOOL:
            if parsers.normalize_header(text) not in YES | NO:
                raise ValueError(QCoreApplication.translate("RecordTableModel", "应为“是”或“否”。"))
            return parsers.normalize_header(text) in YES
        return self.parse(text)


YES = {"是", "√", "✓", "1", "true", "y", "yes"}
NO = {"否", "×", "x", "0", "false", "n", "no", ""}


def setter(name: str) -> Callable[[Any, Any], None]:
    """A column's ``set``: the value goes to the row's attribute ``name``."""
    return lambda row, value: setattr(row, name, value)


def day_text(day: dt.date) -> str:
    """A register row's date cell: 11-25 周三."""
    return f"{day:%m-%d} {weekday_name(day)}"


def verdict_text(row: Any) -> str:
    """A register row's 检查结果 cell: the status symbol and the reason."""
    return f"{row.status.symbol} {row.reason}"


class RecordTableModel(QAbstractTableModel):
    """Rows are plain objects (dataclasses or dicts); columns say how to show and edit them."""

    edit_rejected = Signal(str)  # a Chinese message for an invalid value

    def __init__(
        self,
        columns: list[Column],
        *,
        commit: Callable[[int, Any, Any], Any | None] | None = None,
        row_status: Callable[[Any], Status | None] | None = None,
        parent=None,  # noqa: ANN001
    ) -> None:
        super().__init__(parent)
        self.columns = columns
        self.commit = commit
        self.row_status = row_status  # tints a row by a status (e.g. a student short of sleep)
        self._rows: list[Any] = []

    record_table: str | None = None  # the core table a row is stored in (its history: 修改记录…)

    def record_ref(self, index: int) -> tuple[str, str] | None:
        """(table, record id) of a row that is saved, for its change history; None for drafts."""
        if self.record_table is None or not 0 <= index < len(self._rows):
            return None
        row = self._rows[index]
        record_id = getattr(row, "record_id", None) or getattr(row, "id", None)
        return (self.record_table, record_id) if record_id else None

    # ------------------------------------------------------------ rows
    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    @property
    def rows(self) -> list[Any]:
        return list(self._rows)

    def row(self, index: int) -> Any:
        return self._rows[index]

    def append_row(self, row: Any) -> int:
        position = len(self._rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.append(row)
        self.endInsertRows()
        return position

    def remove_row(self, index: int) -> None:
        self.beginRemoveRows(QModelIndex(), index, index)
        del self._rows[index]
        self.endRemoveRows()

    def replace_row(self, index: int, row: Any) -> None:
        self._rows[index] = row
        self.dataChanged.emit(self.index(index, 0), self.index(index, len(self.columns) - 1))

    # ------------------------------------------------------------ Qt model interface
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            column = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.header
            if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
                return column.tooltip
        elif role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = self.columns[index.column()]
        if column.editable:
            flags |= (
                Qt.ItemFlag.ItemIsUserCheckable
                if column.editor is Editor.BOOL
                else Qt.ItemFlag.ItemIsEditable
            )
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        if column.editor is Editor.BOOL:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if column.get(row) else Qt.CheckState.Unchecked
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return None
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = column.text(row)
            return text if len(text) > 12 else None
        if role == Qt.ItemDataRole.EditRole:
            value = column.get(row)
            return "" if value is None else value
        if role == Qt.ItemDataRole.TextAlignmentRole and column.editor is Editor.INT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and self.row_status is not None:
            status = self.row_status(row)
            if status is not None and status.level in (Status.RED, Status.YELLOW):
                color = QColor(STATUS_COLORS[status])
                color.setAlpha(60)
                return QBrush(color)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        column = self.columns[index.column()]
        if not column.editable or role not in (Qt.ItemDataRole.EditRole, Qt.ItemDataRole.CheckStateRole):
            return False
        try:
            parsed = column.parse(value)
        except ValueError as error:
            self.edit_rejected.emit(str(error))
            return False
        old = self._rows[index.row()]
        if parsed == column.get(old):
            return True
        message = column.validate(parsed) if column.validate else None
        if message:
            self.edit_rejected.emit(message)
            return False
        new = copy.deepcopy(old)
        column.set(new, parsed)
        kept = self.commit(index.row(), old, new) if self.commit else new
        if kept is None:
            return False
        self.replace_row(index.row(), kept)
        return True

    # ------------------------------------------------------------ paste (several rows and columns at once)
    def check_paste(
        self, left: int, grid: list[list[str]], first_row: int
    ) -> tuple[list[dict[int, Any]], list[str]]:
        """Every pasted cell read and checked, before anything changes: per pasted line the values by column
        position, and the problems by row (the table's numbering) and column. Read-only columns are skipped."""
        values: list[dict[int, Any]] = []
        problems = []
        for offset, cells in enumerate(grid):
            line: dict[int, Any] = {}
            for position, text in enumerate(cells, start=left):
                if position >= len(self.columns):
                    if text.strip():
                        problems.append(
                            QCoreApplication.translate(
                                "RecordTableModel", "第 {row} 行：粘贴的列比表格多"
                            ).format(row=first_row + offset + 1)
                        )
                    break
                column = self.columns[position]
                if not column.editable:
                    continue
                try:
                    value = column.pasted(text)
                    message = column.validate(value) if column.validate else None
                except ValueError as error:
                    message = str(error)
                if message:
                    problems.append(
                        QCoreApplication.translate(
                            "RecordTableModel", "第 {row} 行“{column}”：{message}"
                        ).format(row=first_row + offset + 1, column=column.header, message=message)
                    )
                else:
                    line[position] = value
            values.append(line)
        return values, problems

    def apply_values(self, index: int, values: dict[int, Any]) -> bool:
        """Set several cells of one row and commit the row once; False when the commit refused it."""
        old = self._rows[index]
        new = copy.deepcopy(old)
        for position, value in values.items():
            self.columns[position].set(new, value)  # type: ignore[misc]
        kept = self.commit(index, old, new) if self.commit else new
        if kept is None:
            return False
        self.replace_row(index, kept)
        return True


class DayRowsModel(RecordTableModel):
    """A week register's table: one row per day (rows have a ``date``)."""

    def row_for(self, day: dt.date) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.date == day), None)

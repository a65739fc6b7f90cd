"""Read-only result tables of the pages (class results, follow-up lists, statistics): fill from plain rows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem

from fivemgmt.rules import STATUS_COLORS, Status

READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def tint(status: Status) -> QBrush:
    """The status colour, light enough to read black text on."""
    color = QColor(STATUS_COLORS[status])
    color.setAlpha(70)
    return QBrush(color)


def status_item(status: Status, text: str) -> QTableWidgetItem:
    """A cell with the status symbol (✓ ! × …) and a tinted background: never colour alone."""
    item = QTableWidgetItem(f"{status.symbol} {text}")
    item.setBackground(tint(status))
    return item


def read_only_table() -> QTableWidget:
    table = QTableWidget()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fill_table(
    table: QTableWidget, headers: list[str], rows: list[list[Any]], *, center: bool = False
) -> None:
    """Replace the table's content: a cell is a QTableWidgetItem (kept) or a value (None shows blank).
    ``center``: every column but the first centred (figures under their headers)."""
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            item = (
                value
                if isinstance(value, QTableWidgetItem)
                else QTableWidgetItem("" if value is None else str(value))
            )
            item.setFlags(READ_ONLY)
            if center and c:
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)


__all__ = ["fill_table", "read_only_table", "status_item", "tint"]

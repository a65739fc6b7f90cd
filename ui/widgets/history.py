"""A record's change history (the audit trail) in words: who changed which field from what to what.

Used by the 数据与安全 page and by every register table (right-click → 修改记录…).
"""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from fivemgmt import audit
from fivemgmt.exchange import xlsx

BOOKKEEPING = ("updated_at", "updated_by", "origin")


def _tr(text: str) -> str:
    return QCoreApplication.translate("RecordHistory", text)


class HistoryTable(QTableWidget):
    """时间 · 操作人 · 操作 · 修改内容 · 说明, oldest first, fields named as the registers name them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.setHorizontalHeaderLabels(
            [_tr("时间"), _tr("操作人"), _tr("操作"), _tr("修改内容"), _tr("说明")]
        )
        header = self.horizontalHeader()
        for column in (0, 1, 2, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.setWordWrap(True)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

    def show_record(self, db: Database, table: str | None, record_id: str) -> list[dict]:
        entries = audit.history(db, table, record_id) if table and record_id else []
        labels = xlsx.column_labels(db, table) if entries else {}
        actions = {
            "insert": _tr("新增"),
            "update": _tr("修改"),
            "delete": _tr("删除"),
            "import": _tr("导入"),
            "conflict": _tr("冲突"),
        }

        def value(v: object) -> str:
            return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)

        self.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            before, after = entry["before"] or {}, entry["after"] or {}
            changed = [k for k in after if k not in BOOKKEEPING and before.get(k) != after.get(k)]
            if before:
                what = "；".join(
                    f"{labels.get(k, k)}：{value(before.get(k))} → {value(after.get(k))}" for k in changed
                )
            else:
                what = "；".join(
                    f"{labels.get(k, k)}：{value(after[k])}" for k in changed if after[k] is not None
                )
            cells = [
                entry["at"][:19].replace("T", " "),
                entry["actor"],
                actions.get(entry["action"], entry["action"]),
                what,
                entry["reason"] or "",
            ]
            for column, text in enumerate(cells):
                self.setItem(row, column, QTableWidgetItem(text))
        self.resizeRowsToContents()
        return entries


class HistoryDialog(QDialog):
    """One record's history, opened from a register."""

    def __init__(self, db: Database, table: str, record_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("修改记录：{table}").format(table=xlsx.table_label(table)))
        self.resize(860, 360)
        layout = QVBoxLayout(self)
        self.table = HistoryTable()
        entries = self.table.show_record(db, table, record_id)
        if not entries:
            layout.addWidget(QLabel(_tr("这条记录还没有修改记录。")))
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

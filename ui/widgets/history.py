"""A record's change history (the audit trail) in words: who changed which field from what to what.

Used by the 数据与安全 page and by every register table (right-click → 修改记录…).
"""

from __future__ import annotations

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

from fivemgmt import audit, clock, users
from fivemgmt.exchange import xlsx

SKIPPED = ("id", "updated_at", "updated_by", "origin")  # the record itself and who/when: columns of their own


class HistoryTable(QTableWidget):
    """时间 · 操作人 · 操作 · 修改内容 · 说明, oldest first, fields named as the registers name them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("RecordHistory", "时间"),
                QCoreApplication.translate("RecordHistory", "操作人"),
                QCoreApplication.translate("RecordHistory", "操作"),
                QCoreApplication.translate("RecordHistory", "修改内容"),
                QCoreApplication.translate("RecordHistory", "说明"),
            ]
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
            "insert": QCoreApplication.translate("RecordHistory", "新增"),
            "update": QCoreApplication.translate("RecordHistory", "修改"),
            "delete": QCoreApplication.translate("RecordHistory", "删除"),
            "import": QCoreApplication.translate("RecordHistory", "导入"),
            "conflict": QCoreApplication.translate("RecordHistory", "冲突"),
        }

        names = xlsx.Names(db) if entries else None
        accounts = users.list_accounts(db) if entries and "accounts" in db.table_names() else []
        people = {a.username: a.display_name for a in accounts}
        labels.update({c: label for c, label in xlsx.DERIVED.items() if c in labels})  # shown by name
        for column, words in xlsx.FLAG_COLUMNS.items():  # 必做/选做：选做, not 必做：选做
            if column in labels and words != ("是", "否"):
                labels[column] = "/".join(words)

        def value(column: str, v: object) -> str:
            if v is None or v == "":
                return QCoreApplication.translate("RecordHistory", "（空）")
            return xlsx.readable_value(column, v, names)

        self.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            before, after = entry["before"] or {}, entry["after"] or {}
            changed = [k for k in after if k not in SKIPPED and before.get(k) != after.get(k)]
            if before:
                what = "；".join(
                    f"{labels.get(k, k)}：{value(k, before.get(k))} → {value(k, after.get(k))}"
                    for k in changed
                )
            else:
                what = "；".join(
                    f"{labels.get(k, k)}：{value(k, after[k])}"
                    for k in changed
                    if after[k] not in (None, "") and not (k == "deleted" and not after[k])
                )
            cells = [
                clock.local_text(entry["at"]),  # stored in UTC
                people.get(entry["actor"]) or entry["actor"],
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
        self.setWindowTitle(
            QCoreApplication.translate("RecordHistory", "修改记录：{table}").format(
                table=xlsx.table_label(table)
            )
        )
        self.resize(860, 360)
        layout = QVBoxLayout(self)
        self.table = HistoryTable()
        entries = self.table.show_record(db, table, record_id)
        if not entries:
            layout.addWidget(QLabel(QCoreApplication.translate("RecordHistory", "这条记录还没有修改记录。")))
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

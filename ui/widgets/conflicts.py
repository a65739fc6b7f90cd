"""The package-import conflict dialog: each record changed on both sides, and the person's choice.

One row per conflict (台账 · 班级 · 日期 · 学科 · 字段 · 本机 · 数据包) with 保留本机 / 采用数据包; two
buttons settle every row at once. Import is enabled only when every row has a choice; the choices are
written into the preview's :class:`fivemgmt.exchange.merge.Conflict` objects on accept.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fivemgmt.exchange import merge


class ConflictDialog(QDialog):
    def __init__(self, conflicts: list[merge.Conflict], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conflicts = conflicts
        self.setWindowTitle(self.tr("两边都修改过的记录"))
        self.resize(900, 420)
        layout = QVBoxLayout(self)
        explain = QLabel(
            self.tr(
                "以下记录在本机和数据包中都被修改过。请逐条选择保留哪一个版本，全部选择后才能导入（取消则什么都不导入）。"
                "两个版本都会记入审计记录，再次导入同一个数据包时不会再问。"
            )
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.table = QTableWidget(len(conflicts), 6)
        self.table.setObjectName("conflictTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("台账"),
                self.tr("班级 · 日期 · 学科"),
                self.tr("字段"),
                self.tr("本机"),
                self.tr("数据包"),
                self.tr("处理"),
            ]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.groups: list[QButtonGroup] = []
        self.keep_buttons: list[QPushButton] = []
        self.take_buttons: list[QPushButton] = []
        for row, conflict in enumerate(conflicts):
            cells = [
                conflict.table_label,
                conflict.where,
                "；".join(label for label, _, _ in conflict.fields),
                "；".join(mine for _, mine, _ in conflict.fields),
                "；".join(theirs for _, _, theirs in conflict.fields),
            ]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
            cell = QWidget()
            buttons = QHBoxLayout(cell)
            buttons.setContentsMargins(2, 0, 2, 0)
            group = QButtonGroup(self)
            keep, take = QPushButton(self.tr("保留本机")), QPushButton(self.tr("采用数据包"))
            for choice, button in ((merge.KEEP, keep), (merge.TAKE, take)):
                button.setCheckable(True)
                button.setChecked(conflict.choice == choice)
                group.addButton(button)
                buttons.addWidget(button)
                button.toggled.connect(self._update)
            self.groups.append(group)
            self.keep_buttons.append(keep)
            self.take_buttons.append(take)
            self.table.setCellWidget(row, 5, cell)
        self.table.resizeRowsToContents()
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.keep_all_button = QPushButton(self.tr("全部保留本机"))
        self.take_all_button = QPushButton(self.tr("全部采用数据包"))
        self.status = QLabel()
        self.import_button = QPushButton(self.tr("按所选导入"))
        self.import_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("取消"))
        for widget in (self.keep_all_button, self.take_all_button):
            row.addWidget(widget)
        row.addWidget(self.status, 1)
        row.addWidget(self.import_button)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        self.keep_all_button.clicked.connect(lambda: self._set_all(self.keep_buttons))
        self.take_all_button.clicked.connect(lambda: self._set_all(self.take_buttons))
        self.import_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.reject)
        self._update()

    def _set_all(self, buttons: list[QPushButton]) -> None:
        for button in buttons:
            button.setChecked(True)

    def choices(self) -> list[str | None]:
        out: list[str | None] = []
        for keep, take in zip(self.keep_buttons, self.take_buttons):
            out.append(merge.KEEP if keep.isChecked() else merge.TAKE if take.isChecked() else None)
        return out

    def _update(self, *_: object) -> None:
        left = sum(1 for choice in self.choices() if choice is None)
        self.import_button.setEnabled(left == 0)
        self.status.setText(self.tr("还有 {n} 处没有选择").format(n=left) if left else self.tr("已全部选择"))

    def accept(self) -> None:
        choices = self.choices()
        if None in choices:
            return
        for conflict, choice in zip(self.conflicts, choices):
            conflict.choice = choice
        super().accept()

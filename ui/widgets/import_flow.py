"""The shared import flow of the register pages: choose a file, check it, confirm, write it all at once.

The core gives every area ``preview_import(db, path) -> tabular.Preview`` (nothing written, per-row outcomes
and errors) and ``commit_import(db, actor, preview) -> Changes`` (all rows or none); this runs the first in
the background, shows :class:`ImportPreviewDialog` (each row of the file: 新增/修改/不变/移动/拒绝, and the
warnings), and on 导入 writes and notifies the other pages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fivemgmt import tabular
from fivemgmt.records import Changes


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportFlow", text)


COUNT_LABELS = {"new": "新增", "changed": "修改", "unchanged": "不变"}


def choose_file(parent: Any, title: str) -> Path | None:
    """An open-file dialog for the spreadsheet formats the core reads; None when cancelled."""
    name, _ = QFileDialog.getOpenFileName(
        parent, title, "", QCoreApplication.translate("ImportFlow", "表格文件 (*.xlsx *.xls *.csv)")
    )
    return Path(name) if name else None


def summary_text(result: tabular.Preview, *, warnings: bool = True) -> str:
    """检查通过：N 行（新增 a，修改 b，不变 c）。 plus (unless ``warnings`` is False) the first warnings."""
    counts = "，".join(f"{_tr(COUNT_LABELS.get(k, k))} {v}" for k, v in result.counts.items())
    text = QCoreApplication.translate("ImportFlow", "检查通过：{rows} 行（{counts}）。").format(
        rows=len(result.rows), counts=counts
    )
    if warnings and result.warnings:
        text += "\n" + "\n".join(result.warnings[:10])
    return text


def kind_label(kind: str) -> str:
    """An outcome (新增/修改/不变/移动/拒绝) in the interface's language."""
    labels = {
        "新增": QCoreApplication.translate("ImportFlow", "新增"),
        "修改": QCoreApplication.translate("ImportFlow", "修改"),
        "不变": QCoreApplication.translate("ImportFlow", "不变"),
        "移动": QCoreApplication.translate("ImportFlow", "移动"),
        "拒绝": QCoreApplication.translate("ImportFlow", "拒绝"),
    }
    return labels.get(kind, kind)


class ImportPreviewDialog(QDialog):
    """What an import would do, row by row in the file's own numbering: each row's outcome (新增, 修改, 不变,
    移动, or 拒绝 with the column and why), and the warnings. 导入 is enabled only when no row is refused.

    ``details``: a line under the summary (the roster: how many move class or change name); ``left_out``:
    what the file leaves out and the import keeps as it is (the roster: the students of its classes it does
    not list), shown in a section of their own."""

    MAX_SHOWN = 5000  # counted rows listed (every refused row is listed): a table stays quick to open

    def __init__(
        self,
        preview: tabular.Preview,
        title: str,
        parent: QWidget | None = None,
        *,
        details: str = "",
        left_out: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(
            QCoreApplication.translate("ImportFlow", "{title}：{name}").format(
                title=title, name=preview.path.name
            )
        )
        self.resize(780, 540)
        layout = QVBoxLayout(self)
        if preview.ok:
            text = summary_text(preview, warnings=False)
        else:
            text = QCoreApplication.translate(
                "ImportFlow", "“{name}”有 {count} 处错误，未导入任何数据。请改正下表中“拒绝”的行后重新导入。"
            ).format(name=preview.path.name, count=len(preview.errors))
        self.summary = QLabel(f"{text}\n{details}" if details else text)
        self.summary.setWordWrap(True)
        if not preview.ok:
            self.summary.setStyleSheet("color: #D55E00; font-weight: bold;")
        layout.addWidget(self.summary)
        headers = [
            QCoreApplication.translate("ImportFlow", "行"),
            QCoreApplication.translate("ImportFlow", "结果"),
            QCoreApplication.translate("ImportFlow", "说明"),
        ]
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self._fill()
        self.warnings = QListWidget()
        self.warnings.addItems(preview.warnings)
        self.tabs = QTabWidget()
        self.tabs.addTab(
            self.table,
            QCoreApplication.translate("ImportFlow", "逐行查看 ({count})").format(
                count=self.table.rowCount()
            ),
        )
        self.left_out = QListWidget()
        self.left_out.addItems(list(left_out))
        if left_out:
            self.tabs.addTab(
                self.left_out,
                QCoreApplication.translate("ImportFlow", "文件未列出 ({count})").format(count=len(left_out)),
            )
        self.tabs.addTab(
            self.warnings,
            QCoreApplication.translate("ImportFlow", "提示 ({count})").format(count=self.warnings.count()),
        )
        layout.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(QCoreApplication.translate("ImportFlow", "取消"))
        self.import_button = buttons.addButton(
            QCoreApplication.translate("ImportFlow", "导入"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(preview.ok and bool(preview.rows))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _fill(self) -> None:
        outcomes = self.preview.outcomes
        refused = tabular.REFUSED
        if len(outcomes) > self.MAX_SHOWN:
            counted = [o for o in outcomes if o.kind != refused][: self.MAX_SHOWN]
            outcomes = sorted([*counted, *(o for o in outcomes if o.kind == refused)], key=lambda o: o.row)
        self.table.setRowCount(len(outcomes))
        for index, outcome in enumerate(outcomes):
            where = str(outcome.row) if outcome.row else QCoreApplication.translate("ImportFlow", "文件")
            text = outcome.description
            if outcome.column:
                text = QCoreApplication.translate("ImportFlow", "“{column}”列：{message}").format(
                    column=outcome.column, message=text
                )
            for column, cell in enumerate((where, kind_label(outcome.kind), text)):
                self.table.setItem(index, column, QTableWidgetItem(cell))
        self.table.resizeColumnsToContents()

    def rows(self) -> list[tuple[str, str, str]]:
        """The table's cells (row, outcome, description), as shown."""
        return [
            tuple(self.table.item(r, c).text() for c in range(self.table.columnCount()))  # type: ignore[misc]
            for r in range(self.table.rowCount())
        ]


def confirm_suggestions(
    parent: Any, title: str, path: Path, result: tabular.Preview
) -> dict[str, str] | None:
    """For a sheet that leaves out a column whose value its title or file name gives (a one-class sheet):
    ask the user to confirm the value; the values to run the preview again with, or None."""
    suggestions = getattr(result, "suggestions", {})
    if result.ok or not suggestions:
        return None
    answer = QMessageBox.question(
        parent,
        title,
        QCoreApplication.translate("ImportFlow", "“{name}”：\n{errors}\n\n全部行按“{values}”导入吗？").format(
            name=path.name, errors=result.error_report(5), values="、".join(suggestions.values())
        ),
    )
    return dict(suggestions) if answer == QMessageBox.StandardButton.Yes else None


def run_import(
    page: Any,
    title: str,
    preview: Callable[..., tabular.Preview],
    commit: Callable[..., Changes],
    path: Path | None = None,
) -> None:
    """Choose a file (unless ``path``), check it in the background with ``preview(db, path)`` (a query, on a
    connection of its own), show what each row would do (:class:`ImportPreviewDialog`), and on 导入
    ``commit(db, actor, preview)`` (an operation): every page that shows what it changed reloads, this one
    too.

    ``page``: an area page (anything with ``context``: a :class:`ui.pages.base.PageContext`).
    """
    context = page.context
    if path is None:
        path = choose_file(page, title)
        if path is None:
            return

    def checked(result: tabular.Preview, defaults: dict[str, str] | None = None) -> None:
        confirmed = None if defaults else confirm_suggestions(page, title, path, result)
        if confirmed:
            context.query(
                lambda reader, _task: preview(reader, path, defaults=confirmed),
                title=title,
                on_done=lambda again: checked(again, confirmed),
            )
            return
        dialog = ImportPreviewDialog(result, title, page)
        if dialog.exec() != QDialog.DialogCode.Accepted or not result.ok:
            return  # cancelled, or refused rows: nothing is written
        from ui import tasks

        context.operation(
            lambda _task: commit(context.db, context.actor, result),
            page,
            title=title,
            cancellable=False,
            on_done=lambda _changes: tasks.show_notice(page, done_text(path, result, page)),
        )

    context.query(lambda reader, _task: preview(reader, path), title=title, on_done=checked)


def done_text(path: Path, result: tabular.Preview, page: Any) -> str:
    """What was imported and where to see it: 已导入“x.xlsx”：新增 3，修改 1（2026-11-23 至 11-27）。可在“作业管理”页查看。"""
    counts = "，".join(f"{_tr(COUNT_LABELS.get(k, k))} {v}" for k, v in result.counts.items() if v)
    days = sorted({row["date"] for row in result.rows if hasattr(row.get("date"), "isoformat")})
    span = ""
    if days:
        span = (
            days[0].isoformat() if days[0] == days[-1] else f"{days[0].isoformat()} 至 {days[-1].isoformat()}"
        )
        span = _tr("（{span}）").format(span=span)
    text = _tr("已导入“{name}”：{rows} 行，{counts}{span}。").format(
        name=path.name, rows=len(result.rows), counts=counts or _tr("没有变化"), span=span
    )
    title = page.page_title() if hasattr(page, "page_title") else ""
    if title:
        text += _tr("可在“{page}”页查看（选择班级和日期）。").format(page=title)
    return text


__all__ = [
    "COUNT_LABELS",
    "ImportPreviewDialog",
    "choose_file",
    "confirm_suggestions",
    "done_text",
    "kind_label",
    "run_import",
    "summary_text",
]

"""The shared import flow of the register pages: choose a file, check it, confirm, write it all at once.

The core gives every area ``preview_import(db, path) -> tabular.Preview`` (nothing written, per-row errors)
and ``commit_import(db, actor, preview) -> Changes`` (all rows or none); this runs the first in the background,
shows the errors or the counts (新增/修改/不变) and warnings, and on 确定 writes and notifies the other pages.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from fivemgmt import tabular
from fivemgmt.errors import UserError
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


def summary_text(result: tabular.Preview) -> str:
    """检查通过：N 行（新增 a，修改 b，不变 c）。 plus the first warnings."""
    counts = "，".join(f"{_tr(COUNT_LABELS.get(k, k))} {v}" for k, v in result.counts.items())
    text = QCoreApplication.translate("ImportFlow", "检查通过：{rows} 行（{counts}）。").format(
        rows=len(result.rows), counts=counts
    )
    if result.warnings:
        text += "\n" + "\n".join(result.warnings[:10])
    return text


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
    after: Callable[[], None] | None = None,
) -> None:
    """Choose a file (unless ``path``), check it in the background with ``preview(db, path)``, show the errors
    or ask to confirm, then ``commit(db, actor, preview)`` and tell the other pages what changed.

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
            context.run_task(
                lambda _task: preview(context.db, path, defaults=confirmed),
                title=title,
                on_done=lambda again: checked(again, confirmed),
            )
            return
        if not result.ok:
            context.show_error(
                QCoreApplication.translate(
                    "ImportFlow", "“{name}”有 {count} 处错误，未导入任何数据：\n{errors}"
                ).format(name=path.name, count=len(result.errors), errors=result.error_report(20)),
                page,
            )
            return
        answer = QMessageBox.question(
            page,
            title,
            summary_text(result) + "\n" + QCoreApplication.translate("ImportFlow", "确定导入吗？"),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            changes = commit(context.db, context.actor, result)
        except UserError as error:
            context.show_error(error, page)
            return
        context.notify(changes, page)
        if after is not None:
            after()
        from ui import tasks

        tasks.show_notice(page, done_text(path, result, page))

    context.run_task(lambda _task: preview(context.db, path), title=title, on_done=checked)


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


__all__ = ["COUNT_LABELS", "choose_file", "confirm_suggestions", "done_text", "run_import", "summary_text"]

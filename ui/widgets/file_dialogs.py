"""File dialogs that never open the files they list.

Qt's file dialogs guess each listed file's type (for its icon) by reading its first bytes. For the open
school database that is an open()/close() of the file inside the GUI's process, and on Linux and macOS
closing any descriptor of a file drops every POSIX lock SQLite holds on it (SQLite's "How To Corrupt An
SQLite Database File", §2.2): another process could then checkpoint and delete the WAL the GUI is still
writing to. So every dialog of the app is Qt's own widget dialog with an icon provider that looks at
nothing but the kind of entry (folder or file) — files are filtered by suffix only — and a dialog given
no folder starts in the user's documents, not in the working directory (where a database may be).

:func:`install` puts these in place of ``QFileDialog``'s static functions, so every page's
``QFileDialog.getOpenFileName(...)`` is safe without each page knowing about it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QFileDialog, QWidget


class PlainIcons(QAbstractFileIconProvider):
    """Folder or file icons from the entry's kind alone: no file is opened to guess its type."""

    def icon(self, what: Any) -> QIcon:
        if isinstance(what, QAbstractFileIconProvider.IconType):
            return super().icon(what)
        kind = (
            QAbstractFileIconProvider.IconType.Folder
            if what.isDir()
            else QAbstractFileIconProvider.IconType.File
        )
        return super().icon(kind)

    def type(self, info: Any) -> str:
        return "Folder" if info.isDir() else "File"


_ICONS = PlainIcons()


def start_folder(directory: str = "") -> str:
    """Where a dialog opens: the folder or file name given, else the documents folder."""
    if directory:
        return directory
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or ""


def make_dialog(parent: QWidget | None, caption: str, directory: str, filter_text: str) -> QFileDialog:
    dialog = QFileDialog(parent, caption, start_folder(directory), filter_text)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # a native dialog may read files
    dialog.setOption(QFileDialog.Option.DontUseCustomDirectoryIcons, True)
    dialog.setIconProvider(_ICONS)
    return dialog


def _arguments(args: tuple, kwargs: dict) -> tuple[QWidget | None, str, str, str, str]:
    names = ("parent", "caption", "dir", "filter", "selectedFilter")
    values = dict(zip(names, args, strict=False))
    values.update({k: v for k, v in kwargs.items() if k in names})
    return (
        values.get("parent"),
        values.get("caption") or "",
        values.get("dir") or "",
        values.get("filter") or "",
        values.get("selectedFilter") or "",
    )


def _run(mode: QFileDialog.FileMode, save: bool, args: tuple, kwargs: dict) -> tuple[list[str], str]:
    parent, caption, directory, filter_text, selected = _arguments(args, kwargs)
    dialog = make_dialog(parent, caption, directory, filter_text)
    dialog.setFileMode(mode)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    if selected:
        dialog.selectNameFilter(selected)
    if dialog.exec() != QFileDialog.DialogCode.Accepted:
        return [], ""
    return dialog.selectedFiles(), dialog.selectedNameFilter()


def get_open_file_name(*args: Any, **kwargs: Any) -> tuple[str, str]:
    files, chosen = _run(QFileDialog.FileMode.ExistingFile, False, args, kwargs)
    return (files[0] if files else ""), chosen


def get_open_file_names(*args: Any, **kwargs: Any) -> tuple[list[str], str]:
    return _run(QFileDialog.FileMode.ExistingFiles, False, args, kwargs)


def get_save_file_name(*args: Any, **kwargs: Any) -> tuple[str, str]:
    files, chosen = _run(QFileDialog.FileMode.AnyFile, True, args, kwargs)
    return (files[0] if files else ""), chosen


def install() -> None:
    """Make QFileDialog's static functions (used by every page) the safe ones above."""
    QFileDialog.getOpenFileName = staticmethod(get_open_file_name)
    QFileDialog.getOpenFileNames = staticmethod(get_open_file_names)
    QFileDialog.getSaveFileName = staticmethod(get_save_file_name)

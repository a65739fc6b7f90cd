"""Shown for a page that is not built yet ("即将推出"), or whose module failed to load."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.pages.base import PageContext


class PlaceholderPage(QWidget):
    def __init__(self, context: PageContext, title: str = "", error: str = "") -> None:
        super().__init__()
        self.context = context
        self.error = error
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setStyleSheet("font-size: 18pt; font-weight: bold;")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if error:
            text = self.tr("此页面加载失败，其他功能不受影响。\n{error}").format(error=error)
        else:
            text = self.tr("即将推出：这一部分正在开发中。")
        self.message = QLabel(text)
        self.message.setObjectName("placeholderMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-size: 13pt; color: #555555;")
        layout.addStretch(1)
        layout.addWidget(heading)
        layout.addWidget(self.message)
        layout.addStretch(2)

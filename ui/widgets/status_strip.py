"""A coloured strip with a status symbol, its label and the Chinese reason (e.g. 书面作业 70 分钟，超过上限)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from fivemgmt.rules import STATUS_COLORS, Status


def text_color_on(background: str) -> str:
    """Black or white text, whichever reads better on the background colour."""
    red, green, blue = (int(background[i : i + 2], 16) for i in (1, 3, 5))
    return "#000000" if 0.299 * red + 0.587 * green + 0.114 * blue > 140 else "#FFFFFF"


class StatusStrip(QWidget):
    """Shows one verdict: ``set_status(Status.OVER, "书面作业 70 分钟，超过上限 60 分钟", source)``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusStrip")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.badge = QLabel()
        self.badge.setObjectName("statusBadge")
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.detail = QLabel()
        layout.addWidget(self.badge)
        layout.addWidget(self.reason, 1)
        layout.addWidget(self.detail)
        self.status: Status = Status.NA
        self.set_status(Status.NA, "")

    def set_status(self, status: Status, reason: str, source: str = "", detail: str = "") -> None:
        self.status = status
        background = STATUS_COLORS[status]
        foreground = text_color_on(background)
        self.setStyleSheet(
            f"#statusStrip {{ background: {background}; border-radius: 4px; }}"
            f"#statusStrip QLabel {{ color: {foreground}; font-size: 11pt; }}"
            f"#statusBadge {{ font-weight: bold; }}"
        )
        self.badge.setText(f"{status.symbol} {status.label}")
        self.reason.setText(reason)
        self.detail.setText(detail)
        self.setToolTip(source)

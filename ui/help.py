"""帮助: the user guide (HTML in resources/help/<language>/ with screenshots from ui/help_screenshots.py) and
the About page (versions, database, data/backup/log folders, the bundled fonts' licences)."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from fivemgmt import about
from fivemgmt.i18n import translate
from fivemgmt.resources import resource_path


def help_language() -> str:
    """The guide's language: the one the UI is shown in, i.e. English when the English translator is
    installed (whatever the default locale says)."""
    english = QCoreApplication.translate("MainWindow", "作业") != "作业"
    return "en" if english else "zh_CN"


def guide_path(language: str | None = None) -> Path:
    return resource_path("help", language or help_language(), "index.html")


class GuideWindow(QDialog):
    """使用指南: a browser over the bundled HTML; links to outside the guide open in the system browser."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideWindow")
        self.setWindowTitle(self.tr("使用指南"))
        self.resize(960, 680)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(True)
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        path = guide_path()
        if path.exists():
            self.browser.setSource(QUrl.fromLocalFile(str(path)))
        else:
            self.browser.setPlainText(self.tr("找不到使用指南文件：{path}").format(path=path))


class AboutDialog(QDialog):
    """关于: the version of every component and where the data, backups and logs are."""

    def __init__(self, db_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("关于五项管理台账"))
        self.resize(720, 460)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("五项管理台账"))
        heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        layout.addWidget(heading)
        layout.addWidget(QLabel(translate("About", about.ABOUT_TEXT)))
        qt = self.tr("Qt {qt}，PySide6 {pyside}").format(qt=qVersion(), pyside=pyside_version)
        self.facts = about.about_facts(db_path, qt_version=qt)
        rows = "".join(
            f"<tr><td style='padding-right:12px'><b>{html.escape(f.label)}</b></td>"
            f"<td>{self._value(f)}</td></tr>"
            for f in self.facts
        )
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.anchorClicked.connect(QDesktopServices.openUrl)  # a folder opens in the file manager
        self.text.setHtml(f"<table>{rows}</table>")
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)

    @staticmethod
    def _value(fact: about.Fact) -> str:
        path = Path(fact.value)
        if path.is_absolute() and path.exists() and path.is_dir():
            return f"<a href='{QUrl.fromLocalFile(str(path)).toString()}'>{html.escape(fact.value)}</a>"
        return html.escape(fact.value)

    def plain_text(self) -> str:
        return self.text.toPlainText()

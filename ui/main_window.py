"""The main window: a navigation list on the left, the pages on the right, 文件/帮助 menus, status bar.

Pages come from :data:`PAGES`, a list of (key, title, module, class). A page is imported and built the
first time it is shown, as ``PageClass(context)``; when its module or class does not exist yet the
"即将推出" placeholder is shown instead, so a new page only needs its file, e.g. ui/pages/sleep.py
with ``class SleepPage``. A page that fails to load shows the error without breaking the others.
"""

from __future__ import annotations

import datetime as dt
import importlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QPaintEvent, QScreen
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QTabWidget,
    QWidget,
)
from sqlite_utils import Database

from fivemgmt import school
from fivemgmt.actor import SUPERVISOR, Actor
from fivemgmt.db import explain_sqlite_error
from fivemgmt.errors import UserError
from fivemgmt.session import Session, same_file
from ui import tasks
from ui.pages.base import PageContext
from ui.pages.placeholder import PlaceholderPage
from ui.widgets import file_dialogs

CONTEXT = "MainWindow"


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # translated at display time (context "MainWindow")
    module: str
    class_name: str


PAGES = [
    PageSpec("homework", QT_TRANSLATE_NOOP("MainWindow", "作业"), "ui.pages.homework", "HomeworkPage"),
    PageSpec("sleep", QT_TRANSLATE_NOOP("MainWindow", "睡眠"), "ui.pages.sleep", "SleepPage"),
    PageSpec("phone", QT_TRANSLATE_NOOP("MainWindow", "手机"), "ui.pages.phone", "PhonePage"),
    PageSpec("reading", QT_TRANSLATE_NOOP("MainWindow", "读物"), "ui.pages.reading", "ReadingPage"),
    PageSpec("activity", QT_TRANSLATE_NOOP("MainWindow", "体质(活动)"), "ui.pages.activity", "ActivityPage"),
    PageSpec(
        "afterschool", QT_TRANSLATE_NOOP("MainWindow", "课后服务"), "ui.pages.afterschool", "AfterschoolPage"
    ),
    PageSpec("fitness", QT_TRANSLATE_NOOP("MainWindow", "体质测试"), "ui.pages.fitness", "FitnessPage"),
    PageSpec("dashboard", QT_TRANSLATE_NOOP("MainWindow", "总览"), "ui.pages.dashboard", "DashboardPage"),
    PageSpec("reports", QT_TRANSLATE_NOOP("MainWindow", "报表"), "ui.pages.reports", "ReportsPage"),
    PageSpec("setup", QT_TRANSLATE_NOOP("MainWindow", "设置"), "ui.pages.setup", "SetupPage"),
    PageSpec("data", QT_TRANSLATE_NOOP("MainWindow", "数据与安全"), "ui.pages.data", "DataPage"),
]


PREFERRED_SIZE = QSize(1280, 800)
FRAME_ALLOWANCE = 40  # title bar and borders the window manager adds around the client area
FIRST_PAGE_GRACE_MS = 30_000  # the start-up checks wait this long at most for the first page to load


def initial_size(screen: QScreen | None) -> QSize:
    """The preferred size, shrunk to the screen's free area (a 1366×768 laptop with a taskbar)."""
    if screen is None:
        return PREFERRED_SIZE
    free = screen.availableGeometry()
    return QSize(
        min(PREFERRED_SIZE.width(), free.width()),
        min(PREFERRED_SIZE.height(), free.height() - FRAME_ALLOWANCE),
    )


def start_page(actor: Actor) -> str:
    """A principal's day starts on the overview, a supervisor's on the forms, a teacher's on homework."""
    if actor.is_school_wide:
        return "dashboard"
    if actor.role == SUPERVISOR:
        return "reports"
    return "homework"


def keep_ampersands(widget: QWidget) -> None:
    """Show a translated " & " as written ("Policies & facilities"): in tab labels, buttons and group
    titles a lone & marks a keyboard shortcut and disappears. "&File"-style shortcuts are left alone."""
    for tabs in widget.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setTabText(index, _literal_ampersands(tabs.tabText(index)))
    for button in widget.findChildren(QAbstractButton):
        button.setText(_literal_ampersands(button.text()))
    for group in widget.findChildren(QGroupBox):
        group.setTitle(_literal_ampersands(group.title()))


def _literal_ampersands(text: str) -> str:
    return text.replace(" & ", " && ") if " && " not in text else text


def load_page_class(spec: PageSpec) -> type[QWidget] | None:
    """The page class, or None when its module or class does not exist yet (other errors propagate)."""
    try:
        module = importlib.import_module(spec.module)
    except ModuleNotFoundError as error:
        if error.name == spec.module:
            return None
        raise
    return getattr(module, spec.class_name, None)


class MainWindow(QMainWindow):
    painted = Signal()  # its first paint (the app's start-up check of the school waits for it)

    def __init__(
        self,
        db: Database | None,
        today: dt.date,
        actor: Actor | None,
        db_path: Path | None = None,
        start: str | None = None,
        paint_first: bool = False,
    ) -> None:
        super().__init__()
        self.start = start  # the first page shown (default: the actor's, see start_page)
        # paint_first (the app's cold start): the window paints before its first page is built (the
        # dashboard's charts library alone takes a second or two to load); that page follows at once
        self._first_row: int | None = -1 if paint_first else None
        self._first_pending = paint_first  # until then no page is built (the list selects one on focus)
        self._first_settled = False  # the first page shown has finished loading (see after_first_page)
        self._after_first: list[Callable[[], None]] = []
        self.setWindowTitle(self.tr("五项管理台账"))
        self.resize(initial_size(QGuiApplication.primaryScreen()))
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(150)
        self.nav.setIconSize(QSize(0, 0))
        self.nav.setStyleSheet("#navigation { font-size: 12pt; } #navigation::item { padding: 8px 10px; }")
        self.stack = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        for spec in PAGES:
            item = QListWidgetItem(QCoreApplication.translate(CONTEXT, spec.title))
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.nav.addItem(item)
        self.school_label = QLabel()
        self.path_label = QLabel()
        self.read_only_label = QLabel(self.tr(" 只读 "))  # a 督学 session: seen at a glance
        self.read_only_label.setStyleSheet("background: #555555; color: white; font-weight: bold;")
        self.read_only_label.setToolTip(self.tr("本账户只能查看和打印，不能修改任何记录。"))
        self.read_only_label.hide()
        self.statusBar().addWidget(self.read_only_label)
        self.statusBar().addWidget(self.school_label)
        self.statusBar().addPermanentWidget(self.path_label)
        self._build_menus()
        self.nav.currentRowChanged.connect(self._show_row)
        self.pages: dict[str, QWidget] = {}
        self.context: PageContext | None = None
        self.session: Session | None = None  # the open school (database, actor, app lock) once adopted
        self.app_lock = None  # held while the app runs; restore (数据与安全) passes it on
        self.stopped_label = QLabel()  # writing stopped: a check after opening found the file damaged
        self.stopped_label.setObjectName("writingStopped")
        self.stopped_label.setStyleSheet("background: #b2182b; color: white; font-weight: bold;")
        self.stopped_label.hide()
        self.statusBar().addWidget(self.stopped_label)
        QCoreApplication.instance().aboutToQuit.connect(self._quitting)
        self.today = today
        self._painted = False
        if db is None:  # the app's cold start: the window paints while the school is checked (waiting)
            self.waiting(db_path)
        else:
            self.set_database(db, today, actor, db_path)

    def waiting(self, db_path: Path | None) -> None:
        """No school yet: its start-up check runs behind the painted window (ui/app.py open_window).
        Nobody signs in and nothing can be written (there is no database to write to) until it passed."""
        self.nav.setEnabled(False)
        self.menuBar().setEnabled(False)
        self.school_label.setText(self.tr("正在检查数据库文件……检查通过前不能登录，也不能写入。"))
        self.path_label.setText(self.tr("数据库：{path}").format(path=db_path or "—"))

    def adopt(self, session: Session) -> None:
        """Own an opened school: show it, hold its lock; the one shown before is closed, its lock freed.
        Its full check and start-up backup then run in the background (:func:`ui.login.start_checks`)."""
        from ui.login import start_checks

        old = self.session
        self.session = session
        self.app_lock = session.lock
        if self.context is None or self.context.db is not session.db:
            self.set_database(session.db, self.today, session.actor, session.path)
        if old is not None and old is not session:
            old.close()
        self.stopped_label.hide()
        start_checks(self, session)

    def stop_writing(self, message: str) -> None:
        """A check after opening found the school damaged: say so plainly and write nothing more to it."""
        if self.session is not None:
            self.session.stop_writing(message)
        self.stopped_label.setText(self.tr(" 已停止写入：数据库文件有问题 "))
        self.stopped_label.setToolTip(message)
        self.stopped_label.show()
        tasks.show_error(
            self,
            self.tr(
                "{message}\n\n为保护数据，本软件已停止写入这个数据库（仍可查看和打印）。请到“数据与安全”从备份恢复。"
            ).format(message=message),
            self.tr("数据库文件有问题"),
        )

    # ------------------------------------------------------------ database
    def set_database(self, db: Database, today: dt.date, actor: Actor, db_path: Path | None) -> None:
        """Show a (newly opened) school database: pages are rebuilt for it."""
        old = self.context
        self.today = today
        self.nav.setEnabled(True)
        self.menuBar().setEnabled(True)
        if self.session is not None and db_path == self.session.path:
            self.session.db = db  # reopened in place (after a restore): the session owns the new connection
        self.context = PageContext(db=db, today=today, actor=actor, db_path=db_path, window=self)
        self.context.hub.open_requested.connect(self.open_page)
        self.context.hub.data_changed.connect(lambda changes, _source: self._refresh_status_bar(changes))
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages = {}
        if old is not None and old.db is not db:
            old.db.close()
        self._refresh_status_bar()
        current = self.nav.currentRow()
        if current < 0:  # first opened: where this person's day starts
            current = [spec.key for spec in PAGES].index(self.start or start_page(actor))
        if self._first_row is not None:  # the first page waits for the first paint: see paintEvent
            self._first_row = current
            if self._painted:  # the window painted while its school was checked
                self._schedule_first_page()
            return
        self.nav.setCurrentRow(-1)
        self.nav.setCurrentRow(current)
        self._watch_first_page()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.painted.emit()
        if self.context is not None:  # (a waiting window has no page yet: set_database schedules it)
            self._schedule_first_page()

    def _schedule_first_page(self) -> None:
        if self._first_row is not None:
            row, self._first_row = self._first_row, None
            QTimer.singleShot(0, lambda: self._open_first_page(row))

    def _open_first_page(self, row: int) -> None:
        if not self.isVisible():
            return  # closed before its first page was built: it builds none (its school may be closed too)
        if self._first_pending:  # unless a page was asked for meanwhile (show_page)
            self._first_pending = False
            self.nav.setCurrentRow(-1)
            self.nav.setCurrentRow(row)
        self._watch_first_page()

    def after_first_page(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once the first page shown has finished loading (the dashboard's charts are
        drawn), or after :data:`FIRST_PAGE_GRACE_MS` at the latest. The start-up full check waits for it:
        two threads of Python share one interpreter, and a principal's 校长看板 on a five-year school took
        three times as long beside the check of its audit chain."""
        if self._first_settled:
            callback()
            return
        self._after_first.append(callback)
        QTimer.singleShot(FIRST_PAGE_GRACE_MS, self, self._first_page_settled)

    def _watch_first_page(self) -> None:
        if self._first_settled:
            return
        page = self.stack.currentWidget()
        if page is not None and getattr(page, "loading", lambda: False)():
            page.settled.connect(self._first_page_settled)
        else:
            self._first_page_settled()

    def _first_page_settled(self) -> None:
        if self._first_settled:
            return
        self._first_settled = True
        waiting, self._after_first = self._after_first, []
        for callback in waiting:
            callback()

    def _refresh_status_bar(self, changes: object = None) -> None:
        if changes is not None and "school" not in getattr(changes, "tables", set()):
            return
        row = school.get_school(self.context.db)
        name = row["name"] if row else self.tr("（尚未设置学校，请到“设置”填写）")
        self.school_label.setText(
            self.tr("学校：{name}　用户：{user}").format(name=name, user=self.context.actor.display_name)
        )
        self.path_label.setText(self.tr("数据库：{path}").format(path=self.context.db_path or "—"))
        read_only = self.context.actor.read_only
        self.read_only_label.setVisible(read_only)
        self.setWindowTitle(self.tr("五项管理台账（只读）") if read_only else self.tr("五项管理台账"))

    # ------------------------------------------------------------ pages
    def page(self, key: str) -> QWidget:
        """The page for a key, built on first use."""
        if key not in self.pages:
            spec = next(s for s in PAGES if s.key == key)
            title = QCoreApplication.translate(CONTEXT, spec.title)
            try:
                page_class = load_page_class(spec)
                page = page_class(self.context) if page_class else PlaceholderPage(self.context, title)
            except Exception as error:  # a broken page must not take the window down
                tasks.log_internal(error, f"页面 {key}")
                page = PlaceholderPage(self.context, title, error=tasks.error_text(error))
            keep_ampersands(page)
            self.pages[key] = page
            self.stack.addWidget(page)
        return self.pages[key]

    def current_key(self) -> str:
        item = self.nav.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else ""

    def show_page(self, key: str) -> QWidget:
        row = next(i for i, s in enumerate(PAGES) if s.key == key)
        self._first_pending = False  # asked for: built now, even before the first paint
        if self.nav.currentRow() == row:
            self._show_row(row)
        else:
            self.nav.setCurrentRow(row)
        return self.pages[key]

    def open_page(self, key: str, class_id: str | None = None, date: dt.date | None = None) -> None:
        self.context.selection.set(class_id=class_id, date=date)
        self.show_page(key)

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(PAGES) and not self._first_pending:
            self.stack.setCurrentWidget(self.page(PAGES[row].key))

    # ------------------------------------------------------------ menus
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        open_action = QAction(self.tr("打开数据库…"), self, shortcut=QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self.choose_database)
        quit_action = QAction(self.tr("退出"), self, shortcut=QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(open_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        guide_action = QAction(self.tr("使用指南"), self, shortcut=QKeySequence.StandardKey.HelpContents)
        guide_action.setObjectName("guideAction")
        guide_action.triggered.connect(self.show_guide)
        about_action = QAction(self.tr("关于"), self)
        about_action.setObjectName("aboutAction")
        about_action.triggered.connect(self.show_about)
        help_menu.addAction(guide_action)
        help_menu.addSeparator()
        help_menu.addAction(about_action)
        self.help_menu = help_menu
        self.guide_window: QWidget | None = None
        self.about_dialog: QWidget | None = None

    def choose_database(self) -> None:
        # Not the open database's folder, and the dialog reads no file (ui/widgets/file_dialogs.py).
        path, _filter = file_dialogs.get_open_file_name(
            self,
            self.tr("打开学校数据库"),
            "",
            self.tr("学校数据库 (*.sqlite *.db)"),
        )
        if path:
            self.open_database(Path(path))

    def open_database(self, path: Path) -> bool:
        """Open another school through the one open path: check, its lock, backup, migrations, sign-in."""
        from ui.login import start_session

        if same_file(path, self.context.db_path):
            tasks.show_error(self, UserError(self.tr("这就是当前打开的数据库。")), self.tr("打开数据库"))
            return False
        try:
            session = start_session(path, parent=self)
        except (UserError, sqlite3.DatabaseError) as error:
            if isinstance(error, sqlite3.DatabaseError):
                error = UserError(explain_sqlite_error(error))
            tasks.show_error(self, error, self.tr("无法打开数据库"))
            return False
        if session is None:
            return False
        self.adopt(session)
        return True

    def show_guide(self) -> None:
        """帮助 → 使用指南: one guide window, brought to the front when already open."""
        from ui.help import GuideWindow

        if self.guide_window is None:
            self.guide_window = GuideWindow(self)
        self.guide_window.show()
        self.guide_window.raise_()
        self.guide_window.activateWindow()

    def show_about(self) -> None:
        """帮助 → 关于: versions, the database and the data, backup and log folders."""
        from ui.help import AboutDialog

        if self.about_dialog is not None:
            self.about_dialog.close()
            self.about_dialog.deleteLater()
        self.about_dialog = AboutDialog(self.context.db_path if self.context else None, self)
        self.about_dialog.show()

    def abandon_checks(self) -> None:
        """Give up the full check after opening (ui.login.start_checks sets this while one runs)."""

    def _quitting(self) -> None:
        self.abandon_checks()
        tasks.stop_all()

    def closeEvent(self, event: QCloseEvent) -> None:
        # the work still running (the dashboard drawing, a report generated, the full check) is of no use
        # now: cancelled and its reads interrupted, not waited out
        self.abandon_checks()
        tasks.stop_all(5_000)
        super().closeEvent(event)

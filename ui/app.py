"""Start the desktop application: QApplication, bundled font, translations, database, main window."""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlite_utils import Database

from fivemgmt import clock, fonts, i18n, logs
from fivemgmt.actor import Actor
from fivemgmt.db import default_db_path, explain_sqlite_error
from fivemgmt.errors import UserError
from fivemgmt.resources import resource_path
from ui.language import LANG_ENV, ui_language  # noqa: F401 - LANG_ENV re-exported
from ui.main_window import MainWindow

EXIT_CANNOT_OPEN = 2


def register_font(app: QApplication) -> str:
    """Register the bundled CJK fonts with Qt, the main one as the application font and the Extension A/B
    fallback substituted for the characters it lacks; returns the main family."""
    families = []
    for path, default in fonts.font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        found = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        families.append(found[0] if found else default)
    QFont.insertSubstitutions(families[0], families[1:])
    font = QFont(families[0])
    font.setPointSize(10)
    app.setFont(font)
    return families[0]


def install_translations(app: QApplication, language: str) -> list[QTranslator]:
    """Qt's own strings (确定/取消 …) and the app's .qm for the language; the core's tr() goes through Qt."""
    translators = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates = [("qtbase_" + language, qt_dir)]
    app_qm = Path(resource_path("translations", f"fivemgmt_{language}.qm"))
    if app_qm.exists():
        candidates.append((app_qm.stem, str(app_qm.parent)))
    for name, directory in candidates:
        translator = QTranslator(app)
        if translator.load(name, directory):
            app.installTranslator(translator)
            translators.append(translator)
    QLocale.setDefault(
        QLocale(
            QLocale.Language.English if language == "en" else QLocale.Language.Chinese,
            QLocale.Country.UnitedStates if language == "en" else QLocale.Country.China,
        )
    )
    i18n.install(QCoreApplication.translate)
    return translators


def create_main_window(
    db: Database | None,
    today: dt.date | None = None,
    actor: Actor | None = None,
    db_path: Path | None = None,
    start: str | None = None,
    paint_first: bool = False,
) -> MainWindow:
    """The main window over an open database (tests use this directly; ``start`` picks the first page;
    ``paint_first``: the first page is built once the window has painted, as at the app's start)."""
    from fivemgmt.actor import LOCAL_ADMIN

    return MainWindow(db, today or clock.today(), actor or LOCAL_ADMIN, db_path, start, paint_first)


def _show_uncaught(kind: type[BaseException], error: BaseException, trace: object) -> None:
    """Last line of defence: an unexpected error becomes a message box naming the log file that has
    its traceback (show_error logs it). Raised off the GUI thread (a worker's) or once the app is gone,
    it is only logged: a widget may be built on the GUI thread of a running app only."""
    from ui.tasks import log_internal, show_error

    app = QApplication.instance()
    if (
        app is None
        or QCoreApplication.closingDown()
        or threading.current_thread() is not threading.main_thread()
    ):
        log_internal(error, "界面（后台线程）" if app is not None else "界面（已退出）")
        return
    show_error(QApplication.activeWindow(), error)


def prepare_app() -> QApplication:
    """The QApplication with the bundled font, translations and file dialogs that never open a file."""
    from ui import language
    from ui.widgets import file_dialogs

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("fivemgmt")
    app.setApplicationDisplayName(QCoreApplication.translate("app", "五项管理台账"))
    register_font(app)
    install_translations(app, ui_language())
    file_dialogs.install()
    problem = language.problem()
    if problem:  # the chosen 界面语言 could not be read: said, not silently replaced
        QMessageBox.warning(
            None,
            QCoreApplication.translate("app", "界面语言"),
            QCoreApplication.translate("app", "{problem}\n本次按系统语言显示。").format(problem=problem),
        )
    return app


def open_window(path: Path, today: dt.date | None = None, user: str | None = None) -> MainWindow | None:
    """Open the school at path through the one open path and show it; None (after saying why) if not.

    The window paints first, empty and saying that the file is being checked; SQLite's quick check (it
    reads the whole file: seconds on a big school with a cold disk cache) runs off the GUI thread behind
    it. Only once it passed does anyone sign in, and only then has the window a database to write to."""
    from fivemgmt import backup
    from ui.login import start_daily_backups, start_session

    window = create_main_window(None, today, db_path=path, paint_first=True)
    window.show()
    try:
        checked = _checked_behind(window, lambda: backup.check_database(path, full=False))
        if not window.isVisible():  # closed while its school was checked
            return None
        # app lock, migrations (backed up first), the chain's quick check, sign-in; the full check and the
        # start-up backup after (MainWindow.adopt)
        session = start_session(path, user, checked=checked)
    except (UserError, sqlite3.DatabaseError) as error:
        if isinstance(error, sqlite3.DatabaseError):
            error = UserError(explain_sqlite_error(error))
        QMessageBox.critical(
            window,
            QCoreApplication.translate("app", "无法打开数据库"),
            QCoreApplication.translate("app", "无法打开学校数据库“{path}”：\n{error}").format(
                path=path, error=error
            ),
        )
        session = None
    if session is None:
        window.close()
        window.deleteLater()
        return None
    window.adopt(session)
    start_daily_backups(window)
    return window


def _checked_behind(window: MainWindow, check: Callable[[], object]) -> object:
    """check() off the GUI thread once the window painted (the window stays responsive meanwhile); its
    result, or its error raised. A window that does not paint (started minimized) waits a second only."""
    from PySide6.QtCore import QEventLoop, QTimer

    from ui.tasks import run_task

    outcome: dict[str, object] = {}
    loop = QEventLoop()

    def finished(kind: str, value: object) -> None:
        outcome[kind] = value
        loop.quit()

    def start() -> None:
        if "started" in outcome:
            return
        outcome["started"] = True
        run_task(
            window,
            lambda _task: check(),
            progress=False,
            on_done=lambda value: finished("done", value),
            on_error=lambda error: finished("error", error),
        )

    window.painted.connect(start)
    QTimer.singleShot(1000, start)
    while "done" not in outcome and "error" not in outcome:
        loop.exec()
    window.painted.disconnect(start)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["done"]


def run_app(db_path: Path | str | None = None, today: dt.date | None = None, user: str | None = None) -> int:
    logs.setup()  # the CLI has done it already; run_app may also be called on its own
    if today is not None:
        clock.pin(today)  # --today rules every "today" the app reads, not only the pages'
    app = prepare_app()
    window = open_window(Path(db_path) if db_path else default_db_path(), today, user)
    if window is None:
        return EXIT_CANNOT_OPEN
    sys.excepthook = _show_uncaught
    return app.exec()

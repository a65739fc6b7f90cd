"""Sign-in: the first-run dialog that creates the admin, and the login dialog.

:func:`sign_in` is what ui/app.py calls after opening the database: it returns the Actor (without a
dialog for the single-user install the admin allowed), or None when the user gave up.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from fivemgmt import users
from fivemgmt.actor import Actor
from fivemgmt.db import interrupted
from fivemgmt.errors import UserError
from ui import tasks


class FirstRunDialog(QDialog):
    """No account exists yet: create the administrator (管理员)."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("首次运行：建立管理员账户"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "本机还没有任何账户。请先建立管理员账户（负责学校设置、规则、备份和账户管理）。\n"
                "如果只有您一人使用本机，建好后可在“数据与安全”中允许免密码登录。"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.username = QLineEdit("admin")
        self.display_name = QLineEdit(self.tr("管理员"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("用户名"), self.username)
        form.addRow(self.tr("显示名"), self.display_name)
        form.addRow(self.tr("密码"), self.password)
        form.addRow(self.tr("再输入一次"), self.repeat)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("loginMessage")
        self.message.setStyleSheet("color: #b2182b;")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def submit(self) -> None:
        if self.password.text() != self.repeat.text():
            self.message.setText(self.tr("两次输入的密码不一致。"))
            return
        try:
            self.actor = users.create_first_admin(
                self.db, self.username.text(), self.password.text(), self.display_name.text()
            )
        except UserError as error:
            self.message.setText(str(error))
            return
        self.accept()


class LoginDialog(QDialog):
    def __init__(self, db: Database, username: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("登录 — 五项管理台账"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.username = QLineEdit(username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("用户名"), self.username)
        form.addRow(self.tr("密码"), self.password)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("loginMessage")
        self.message.setStyleSheet("color: #b2182b;")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons = buttons
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登录"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.checking = False
        (self.password if username else self.username).setFocus()

    def submit(self) -> None:
        """Check the password off the GUI thread (scrypt takes about a second): the dialog says it is
        checking and takes no input meanwhile. The worker uses this dialog's connection (opened with
        check_same_thread=False, SQLite serialized): nothing else uses it until the check has ended."""
        if self.checking:
            return
        username, password = self.username.text(), self.password.text()
        self._set_checking(True)
        self.message.setText(self.tr("正在核对密码……"))
        tasks.run_task(
            self,
            lambda _task: users.login(self.db, username, password),
            title=self.tr("登录"),
            on_done=self._signed_in,
            on_error=self._refused,
            progress=False,
        )

    def _set_checking(self, checking: bool) -> None:
        self.checking = checking
        for button in self.buttons.buttons():
            button.setEnabled(not checking)
        self.username.setReadOnly(checking)
        self.password.setReadOnly(checking)

    def _signed_in(self, actor: Actor) -> None:
        self._set_checking(False)
        self.message.clear()
        self.actor = actor
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self._set_checking(False)
        self.password.clear()
        self.password.setFocus()
        if isinstance(error, UserError):
            self.message.setText(str(error))
        else:
            self.message.clear()
            tasks.show_error(self, error, self.tr("登录"))

    def reject(self) -> None:
        if not self.checking:  # Esc and the window's close button wait for the check too
            super().reject()


def sign_in(db: Database, username: str | None = None, parent: QWidget | None = None) -> Actor | None:
    """Who uses the app this session: first run → create the admin; single-user → no prompt; else log in."""
    if users.needs_first_run(db):
        dialog = FirstRunDialog(db, parent)
        return dialog.actor if dialog.exec() == QDialog.DialogCode.Accepted else None
    if not username:
        automatic = users.automatic_actor(db)
        if automatic is not None:
            return automatic
    dialog = LoginDialog(db, username or "", parent)
    return dialog.actor if dialog.exec() == QDialog.DialogCode.Accepted else None


# ------------------------------------------------------------------ opening a school (ui/app.py, 打开数据库)


def start_session(path, username: str | None = None, parent: QWidget | None = None, checked=None):
    """Open a school for this window through the one open path (:func:`fivemgmt.session.open_school`).

    Returns the :class:`~fivemgmt.session.Session` (path, database, actor, app lock), or None when the user
    gave up. What only a person at the screen can decide is asked here:

    * a missing file: create a new school there? (nothing is created without a yes) — unless a school was
      there (it has backups with data): then, as for an emptied file, 这所学校的数据不见了 and its latest
      good backup is offered;
    * a damaged file, or one that is not ours, with a good backup: restore it? (else the error is raised);
    * a chain this computer has no key for is shown as a warning (a school changed outside the app is
      refused by the open path: :class:`~fivemgmt.session.TamperedSchool`);
    * who is signing in (first run → create the admin; the single-user install → no prompt);
    * a start-up backup that failed is shown as a warning, the school still opens.

    Before anyone signs in, the file gets only what must refuse a damaged or foreign file (SQLite's
    quick check, the fivemgmt header, the audit chain's quick check); the full integrity check, the whole
    chain and the start-up backup run once the window is on screen (:func:`start_checks`). ``checked``:
    SQLite's quick check of the file, already made (:func:`ui.app.open_window`, behind its painted window).
    """
    from pathlib import Path

    from PySide6.QtWidgets import QMessageBox

    from fivemgmt import applock, backup, session
    from fivemgmt.actor import LOCAL_ADMIN

    path = Path(path)
    if not session.is_school_file(path):
        checked = None  # no school there yet (or it is gone): the open path checks what comes of it
    if not path.exists() and session.school_gone(path) is None:  # where a school was: offered its backup
        answer = QMessageBox.question(
            parent,
            QCoreApplication.translate("Login", "新建学校"),
            QCoreApplication.translate(
                "Login", "找不到学校数据库“{path}”。\n要在这里新建一所学校吗？"
            ).format(path=path),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        session.create_school(path).close()

    def chain_warning(message: str) -> None:
        QMessageBox.warning(parent, QCoreApplication.translate("Login", "审计链"), message)

    def open_it(checked=None):
        return session.open_school(
            path,
            lambda db: sign_in(db, username, parent),
            chain_warning=chain_warning,
            full_check=False,
            checked=checked,
        )

    try:
        return open_it(checked)
    except session.SignInCancelled:
        return None
    except session.DamagedSchool as damaged:
        if damaged.check.latest_good is None:
            raise  # shown as 无法打开学校数据库
        answer = QMessageBox.question(
            parent,
            QCoreApplication.translate("Login", "数据库不能打开"),
            damaged.check.message
            + "\n\n"
            + QCoreApplication.translate("Login", "现在从这份备份恢复吗？（损坏的文件会改名保留）"),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        # the damaged file's accounts cannot be read: whoever sits at this computer may restore it
        with applock.AppLock(path) as lock:
            backup.restore(path, damaged.check.latest_good, LOCAL_ADMIN, own_lock=lock)
    try:
        return open_it()
    except session.SignInCancelled:
        return None


def start_checks(window: QWidget, session) -> None:
    """After a school is on screen, off the GUI thread on read connections of their own: the full check
    (:func:`fivemgmt.session.check_fully`: SQLite's integrity check, the whole audit chain), then the
    start-up backup (not of a brand-new empty school). Damage found stops writing and is said plainly
    (``window.stop_writing``); a failed backup is a warning, the school stays open."""
    from PySide6.QtWidgets import QMessageBox

    from fivemgmt import backup
    from fivemgmt import session as sessions
    from ui.tasks import run_task

    back_up = sessions.worth_a_backup(session.db, session.path)
    reader = session.reader()
    abandoned: list[bool] = []

    def work(task):
        try:
            with task.interrupting(reader):  # the window closing interrupts the check (ui.tasks.stop_all)
                check = sessions.check_fully(session, reader)
        finally:
            reader.close()
        if check.ok and back_up:
            backup.make_backup(session.path, kind="startup")
        if check.ok and not task.cancelled():
            warm_figures(task)
        return check

    def warm_figures(task) -> None:
        """The term's checklist figures into the figure cache (derived data: a failure is only logged)."""
        from fivemgmt import logs
        from fivemgmt.reports import evidence

        warmer = session.reader()
        try:
            with task.interrupting(warmer):
                evidence.warm(warmer)
        except Exception as error:  # noqa: BLE001 - the first PDF then computes its figures itself
            if not interrupted(error) and not task.cancelled():
                logs.log_exception(error, "自查表数据预先计算")
        finally:
            warmer.close()

    def abandon() -> None:  # the window closes: no check begins (one running is stopped by tasks.stop_all)
        abandoned.append(True)

    def done(check) -> None:
        if not check.ok and window.session is session:
            window.stop_writing(check.message)

    def failed(error: BaseException) -> None:  # an internal error is in the log too (run_task)
        QMessageBox.warning(
            window,
            QCoreApplication.translate("Login", "备份"),
            QCoreApplication.translate("Login", "启动时的自动备份没有完成：{error}").format(error=error),
        )

    window.abandon_checks = abandon

    def begin() -> None:  # once the first page has loaded: see MainWindow.after_first_page
        if window.session is not session or abandoned:
            reader.close()  # another school opened meanwhile, or the window closed: no check
            return
        window.check_task = run_task(window, work, progress=False, on_done=done, on_error=failed)

    window.after_first_page(begin)


def start_daily_backups(window: QWidget) -> None:
    """Check once an hour whether today's backup is due (the app may run for days), off the GUI thread.
    The daily backup carries the full check: damage found stops writing (``window.stop_writing``)."""
    from PySide6.QtCore import QTimer

    from fivemgmt import backup, logs
    from ui.tasks import run_task

    def tick() -> None:
        session = window.session
        if session is None or session.stopped is not None:
            return

        def failed(error: BaseException) -> None:  # an internal error is logged by run_task
            if isinstance(error, backup.DamageFound):
                if window.session is session:
                    window.stop_writing(error.check.message)
            elif isinstance(error, UserError):  # retried next hour, but not without a trace
                logs.log_exception(error, "每日备份")

        run_task(window, lambda task: backup.backup_if_due(session.path), progress=False, on_error=failed)

    timer = QTimer(window)
    timer.setInterval(60 * 60 * 1000)
    timer.timeout.connect(tick)
    timer.start()
    window.daily_backup_timer = timer

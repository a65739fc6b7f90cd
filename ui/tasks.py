"""One helper for background work (imports, reports, backups, dashboard drawing): ``run_task``, and its two
shapes (Anki's CollectionOp / QueryOp):

- an *operation* writes: :func:`run_operation` (pages: ``context.operation(work, …)``); ``work`` returns the
  ``Changes`` it made, which are announced to every page (each reloads only if it shows what changed), so a
  page never reloads itself after a write;
- a *query* reads: :func:`run_query` (pages: ``context.query(work, on_done=…)``); ``work(db, task)`` gets a
  read-only connection of its own and returns a value.

Usage::

    from ui.tasks import run_task

    def work(task):                      # runs OFF the GUI thread: no widgets in here
        rows = load_rows()
        for done, row in enumerate(rows, 1):
            if task.cancelled():         # the user pressed 取消
                return None              # (or raise TaskCancelled)
            handle(row)
            task.progress(done, len(rows), "正在导入……")
        return result

    task = run_task(parent_widget, work, title="导入名册", on_done=show_result)

- ``work(task)`` gets a :class:`TaskControl`: ``task.progress(done, total, text)`` updates the dialog
  (``total=0`` shows a busy bar) and ``task.cancelled()`` says whether 取消 was pressed.
- ``on_done(result)`` runs on the GUI thread with work's return value, unless the user cancelled.
- Errors raised by work reach the GUI thread: a :class:`fivemgmt.errors.UserError` is shown as its
  Chinese message; anything else as 内部错误 with the type and message, its traceback written to the
  log file (:mod:`fivemgmt.logs`, named in the message) and stderr. Pass ``on_error(exception)`` to
  handle errors yourself instead (no message box then; an internal error is still logged).
- ``on_cancelled()`` runs when the user cancelled.
- A task given up is no error: work that raised after ``cancel()``, or whose statement was given up by
  ``conn.interrupt()`` (:func:`fivemgmt.db.interrupted`), ends as cancelled — neither shown nor logged as an
  internal error (an unexpected error after ``cancel()`` is still logged, never shown).
- ``with task.interrupting(db):`` in work: ``cancel()`` interrupts the statement running on that connection of
  the work's own (a query's connection is, by :func:`run_query`), so a long read stops at once.
- Closing the main window calls :func:`stop_all`: every running task is cancelled (its own connections
  interrupted) and waited for a little; whatever a worker ends with once the app is gone is dropped.
- ``task.send(value)`` hands a piece of the result over while work goes on: ``on_partial(value)`` runs on the
  GUI thread (the dashboard shows each chart as it is drawn); nothing arrives after ``cancel()``.
- A progress dialog with a 取消 button appears when the work takes longer than ``show_after_ms``
  (pass ``progress=False`` for silent work such as drawing a chart; ``cancellable=False`` hides 取消).
- The returned :class:`Task` has Qt signals ``succeeded(object)``, ``failed(object)``, ``cancelled()``
  and ``finished()`` (always, last), plus ``cancel()``, ``is_running``, ``result`` and ``error``.
- An operation's work uses the page's database connection (opened with ``check_same_thread=False``): the
  progress dialog is window-modal, so the user cannot start another write meanwhile. A query reads on a
  connection of its own.
- Tests call ``set_synchronous(True)`` (the ``sync_tasks`` fixture in tests/ui/conftest.py): work then
  runs at once on the calling thread, the callbacks fire before ``run_task`` returns, no dialog.

Error message boxes go through :func:`show_error`, which pages also use for errors of direct calls.
"""

from __future__ import annotations

import contextlib
import sqlite3
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget
from sqlite_utils import Database

from fivemgmt import logs
from fivemgmt.db import interrupted
from fivemgmt.errors import UserError
from fivemgmt.records import Changes

_synchronous = False
_running: set[Task] = set()  # keeps running tasks (and their signal objects) alive


def set_synchronous(enabled: bool) -> None:
    """Run tasks inline on the calling thread (for tests)."""
    global _synchronous
    _synchronous = enabled


class TaskCancelled(Exception):
    """Raise from work to stop after the user pressed 取消 (returning early is fine too)."""


def error_text(error: BaseException) -> str:
    """What the user reads for an error: the Chinese message of a UserError, else an internal error
    and where its details are logged."""
    if isinstance(error, UserError):
        return str(error)
    path = logs.current_file()
    note = (
        QCoreApplication.translate("tasks", "详情已记录在 {path}。").format(path=path)
        if path is not None
        else logs.logged_note()
    )
    return QCoreApplication.translate(
        "tasks", "内部错误（{kind}）：{message}\n{note}\n请把此信息告诉管理员。"
    ).format(kind=type(error).__name__, message=error, note=note)


def log_internal(error: BaseException, where: str) -> None:
    """An unexpected error's traceback to the log file and stderr (a UserError is no internal error)."""
    if isinstance(error, UserError):
        return
    if not logs.is_logged(error) and sys.stderr is not None:  # None in a windowed build
        traceback.print_exception(error, file=sys.stderr)
    logs.log_exception(error, where)


def show_error(parent: QWidget | None, error: BaseException | str, title: str | None = None) -> None:
    """A Chinese message box for an error (tests patch this to collect messages)."""
    if isinstance(error, BaseException):
        log_internal(error, title or "界面")
    text = error if isinstance(error, str) else error_text(error)
    QMessageBox.warning(parent, title or QCoreApplication.translate("tasks", "出错了"), text)


def show_notice(parent: QWidget | None, text: str) -> None:
    """A harmless message (nothing went wrong, there is just nothing to do): not titled 出错了."""
    QMessageBox.information(parent, QCoreApplication.translate("tasks", "提示"), text)


class TaskControl:
    """What the work function gets: report progress, check for 取消. Safe to call from any thread."""

    def __init__(self, task: Task) -> None:
        self._task = task
        self._cancel = threading.Event()
        # SQLite allows an interrupt from another thread while a statement runs, never while the connection
        # closes: a connection leaves _connections (under the lock) before its owner closes it
        self._lock = threading.Lock()
        self._connections: list[Any] = []

    def progress(self, done: int, total: int, text: str = "") -> None:
        if not self.cancelled():
            self._emit("progressed", int(done), int(total), text)

    def send(self, value: Any) -> None:
        if _synchronous:  # the work runs on the GUI thread: hand it over now, before on_done
            self._task._deliver(value)
        elif not self.cancelled():
            self._emit("_piece", value)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @contextlib.contextmanager
    def interrupting(self, db: Any) -> Iterator[Any]:
        """While inside, ``cancel()`` interrupts the statement running on ``db`` (a sqlite_utils Database or
        a sqlite3 connection of the work's own: never one another thread uses); raises TaskCancelled
        at once when the task is cancelled already."""
        if self.cancelled():
            raise TaskCancelled
        conn = getattr(db, "conn", db)
        # An interrupt sent between two statements is lost: SQLite also asks every 10,000 instructions
        # whether the task was cancelled, so a statement begun after cancel() stops too.
        handler = getattr(conn, "set_progress_handler", None)
        if handler is not None:
            handler(self.cancelled, 10_000)
        with self._lock:
            self._connections.append(db)
        try:
            yield db
        finally:
            with self._lock:
                self._connections.remove(db)
            if handler is not None:
                with contextlib.suppress(sqlite3.Error):
                    handler(None, 0)

    def _interrupt(self) -> None:
        with self._lock:
            for db in self._connections:
                interrupt = getattr(getattr(db, "conn", db), "interrupt", None)
                if interrupt is not None:
                    with contextlib.suppress(sqlite3.Error):
                        interrupt()

    def _emit(self, signal: str, *args: Any) -> None:
        try:
            getattr(self._task, signal).emit(*args)
        except RuntimeError:  # the task's object went with the closed app: nobody is listening any more
            self._cancel.set()


class Task(QObject):
    progressed = Signal(int, int, str)
    partial = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()
    _outcome = Signal(str, object)  # worker → GUI thread: ("done" | "error", value)
    _piece = Signal(object)  # worker → GUI thread: a value of TaskControl.send

    def __init__(self, parent: QWidget | None, work: Callable[[TaskControl], Any], title: str) -> None:
        super().__init__()
        self.parent_widget = parent
        self.work = work
        self.title = title
        self.control = TaskControl(self)
        self.is_running = False
        self.result: Any = None
        self.error: BaseException | None = None
        self.dialog: QProgressDialog | None = None
        self._outcome.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self._piece.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def cancel(self) -> None:
        self.control._cancel.set()
        self.control._interrupt()
        if self.dialog is not None:
            self.dialog.setLabelText(QCoreApplication.translate("tasks", "正在取消……"))

    def _deliver(self, value: Any) -> None:
        if not self.control.cancelled():  # a piece still on its way when the task was cancelled is dropped
            self.partial.emit(value)

    def _run_work(self) -> tuple[str, Any]:
        try:
            return "done", self.work(self.control)
        except TaskCancelled:
            return "done", None
        except BaseException as error:  # noqa: BLE001 - every error must reach the user, not kill a thread
            if interrupted(error):  # its statement was given up (conn.interrupt()): the task was given up
                self.control._cancel.set()
            if self.control.cancelled():
                return "given up", error
            return "error", error

    def _finish(self, kind: str, value: Any) -> None:
        self.is_running = False
        _running.discard(self)
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None
        if kind == "given up":  # an error after cancel(): the task is cancelled, a bug in it still logged
            if not interrupted(value):
                log_internal(value, f"后台任务“{self.title}”（已取消）")
            self.cancelled.emit()
        elif kind == "error":
            self.error = value
            log_internal(value, f"后台任务“{self.title}”")
            self.failed.emit(value)
        elif self.control.cancelled():
            self.cancelled.emit()
        else:
            self.result = value
            self.succeeded.emit(value)
        self.finished.emit()


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task = task

    def run(self) -> None:
        kind, value = self.task._run_work()
        # after the app closed, the task's object may be gone: what the work ended with is of no use
        self.task.control._emit("_outcome", kind, value)


def run_task(
    parent: QWidget | None,
    work: Callable[[TaskControl], Any],
    *,
    title: str = "",
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    on_partial: Callable[[Any], None] | None = None,
    progress: bool = True,
    cancellable: bool = True,
    show_after_ms: int = 300,
) -> Task:
    """Run ``work(task_control)`` off the GUI thread; see the module docstring."""
    task = Task(parent, work, title or QCoreApplication.translate("tasks", "请稍候"))
    if on_done is not None:
        task.succeeded.connect(on_done)
    task.failed.connect(
        on_error if on_error is not None else (lambda error: show_error(parent, error, task.title))
    )
    if on_cancelled is not None:
        task.cancelled.connect(on_cancelled)
    if on_partial is not None:
        task.partial.connect(on_partial)
    task.is_running = True
    _running.add(task)
    if _synchronous:
        kind, value = task._run_work()
        task._finish(kind, value)
        return task
    if progress:
        dialog = QProgressDialog(task.title, "", 0, 0, parent)
        dialog.setWindowTitle(task.title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(show_after_ms)
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        if cancellable:
            dialog.setCancelButtonText(QCoreApplication.translate("tasks", "取消"))
            dialog.canceled.connect(task.cancel)
        else:
            dialog.setCancelButton(None)
        task.dialog = dialog
        task.progressed.connect(_update_dialog(task))
        dialog.setValue(0)
    QThreadPool.globalInstance().start(_Runnable(task))
    return task


def run_operation(
    parent: QWidget | None,
    work: Callable[[TaskControl], Changes | None],
    *,
    announce: Callable[[Changes], None],
    on_done: Callable[[Changes], None] | None = None,
    **options: Any,
) -> Task:
    """A write in the background: ``work(task)`` returns the :class:`~fivemgmt.records.Changes` it made, and on
    the GUI thread ``announce(changes)`` tells every page what changed (PageContext.operation passes its
    notify) before ``on_done(changes)``. Nothing is announced after an error or 取消 (nothing was kept)."""

    def done(changes: Changes | None) -> None:
        if changes is None:
            return
        announce(changes)
        if on_done is not None:
            on_done(changes)

    return run_task(parent, work, on_done=done, **options)


def run_query(
    parent: QWidget | None,
    work: Callable[[Database, TaskControl], Any],
    *,
    connect: Callable[[], AbstractContextManager[Database]],
    on_done: Callable[[Any], None] | None = None,
    shared: Database | None = None,
    **options: Any,
) -> Task:
    """A read in the background on a connection of its own (``connect()``, PageContext.reading: the GUI's
    connection may be in the middle of a write): ``work(db, task)`` returns a value for ``on_done``.
    ``cancel()`` interrupts the read, unless ``connect()`` handed over ``shared`` (the GUI's connection, of
    an in-memory school), which the GUI thread uses too."""

    def read(task: TaskControl) -> Any:
        with connect() as db:
            if db is shared:
                return work(db, task)
            with task.interrupting(db):
                return work(db, task)

    return run_task(parent, read, on_done=on_done, **options)


def _update_dialog(task: Task) -> Callable[[int, int, str], None]:
    def update(done: int, total: int, text: str) -> None:
        dialog = task.dialog
        if dialog is None or task.control.cancelled():
            return
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total > 0 else 0)
        if text:
            dialog.setLabelText(text)

    return update


def wait_for_all(timeout_ms: int = 10_000, *, cancelling: bool = False) -> bool:
    """Process events until no task is running (tests, and closing the main window); ``cancelling``: each
    round, every running task is cancelled, so one started meanwhile (by another's on_done) is too."""
    from PySide6.QtCore import QDeadlineTimer, QEventLoop

    deadline = QDeadlineTimer(timeout_ms)
    while _running and not deadline.hasExpired():
        if cancelling:
            for task in list(_running):
                task.cancel()
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        QThreadPool.globalInstance().waitForDone(10)
    return not _running


def stop_all(timeout_ms: int = 5_000) -> bool:
    """The main window closes: every running task is asked to stop (cancelled, the statements on its own
    connections interrupted) and waited for, ``timeout_ms`` at most; True when none runs any more. A task
    still running after that ends unseen: what it finishes with is dropped."""
    return wait_for_all(timeout_ms, cancelling=True)


__all__ = [
    "Task",
    "TaskCancelled",
    "TaskControl",
    "error_text",
    "run_operation",
    "run_query",
    "run_task",
    "set_synchronous",
    "show_error",
    "stop_all",
    "wait_for_all",
]

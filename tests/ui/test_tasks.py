"""ui.tasks.run_task: results, progress, cancel and errors, in threaded and synchronous mode."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import Qt, QThread, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from fivemgmt.errors import UserError
from ui import tasks


def test_work_runs_off_the_gui_thread_and_the_result_arrives_on_it(qtbot):
    seen = {}

    def work(task):
        seen["work_thread"] = threading.current_thread()
        for done in range(1, 4):
            task.progress(done, 3, f"第 {done} 步")
        return 42

    def done(result):
        seen["result"] = result
        seen["done_thread"] = QThread.currentThread()

    task = tasks.run_task(None, work, title="测试", on_done=done)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert seen["result"] == 42 and task.result == 42
    assert seen["work_thread"] is not threading.main_thread()
    assert seen["done_thread"] is QThread.currentThread()  # the GUI thread
    assert not task.is_running


def test_cancel_button_stops_the_work_and_skips_on_done(qtbot):
    started = threading.Event()
    results, cancelled = [], []

    def work(task):
        started.set()
        while not task.cancelled():
            time.sleep(0.01)
        return "should not be used"

    task = tasks.run_task(
        None,
        work,
        title="长任务",
        on_done=results.append,
        on_cancelled=lambda: cancelled.append(True),
        show_after_ms=0,
    )
    assert started.wait(5)
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible(), timeout=5000)
    [cancel_button] = [b for b in task.dialog.findChildren(QPushButton) if b.text() == "取消"]
    qtbot.mouseClick(cancel_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert cancelled == [True] and results == []


def test_a_user_error_in_the_work_becomes_a_chinese_message(qtbot, errors):
    def work(task):
        raise UserError("文件格式不对。")

    task = tasks.run_task(None, work, title="导入")
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert errors == ["文件格式不对。"]
    assert isinstance(task.error, UserError)


def test_an_unexpected_error_is_reported_as_an_internal_error(qtbot, errors, capsys):
    task = tasks.run_task(None, lambda task: 1 / 0)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert errors and "内部错误（ZeroDivisionError）" in errors[0]


def test_synchronous_mode_runs_inline(sync_tasks, errors):
    results = []
    task = tasks.run_task(None, lambda task: task.progress(1, 1) or "ok", on_done=results.append)
    assert results == ["ok"] and not task.is_running
    tasks.run_task(None, lambda task: (_ for _ in ()).throw(UserError("不行")))
    assert errors == ["不行"]


def test_custom_error_handler_replaces_the_message_box(sync_tasks, errors):
    handled = []
    tasks.run_task(None, lambda task: 1 / 0, on_error=handled.append)
    assert isinstance(handled[0], ZeroDivisionError) and errors == []


def answer_next_message_box(qtbot):
    """Read and close (by clicking OK) the message box that is about to open; returns its texts."""
    seen: list[str] = []

    def close_it():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, close_it)
            return
        seen.append(box.text())
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, close_it)
    return seen


def test_an_internal_error_dialog_names_the_log_file_with_the_traceback(qtbot, log_file, real_boxes):
    def work(task):
        return {}["缺少的键"]

    seen = answer_next_message_box(qtbot)
    task = tasks.run_task(None, work, title="导入")
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert "内部错误（KeyError）" in seen[0] and f"详情已记录在 {log_file}" in seen[0]
    text = log_file.read_text(encoding="utf-8")
    assert "后台任务“导入”" in text and "in work" in text and "KeyError: '缺少的键'" in text


def test_an_error_handled_by_the_caller_is_still_logged(sync_tasks, errors, log_file):
    handled = []
    tasks.run_task(None, lambda task: 1 / 0, on_error=handled.append)
    assert isinstance(handled[0], ZeroDivisionError) and errors == []
    assert "ZeroDivisionError" in log_file.read_text(encoding="utf-8")


def test_an_uncaught_error_in_the_gui_is_logged_and_named(qtbot, log_file, real_boxes):
    from ui.app import _show_uncaught

    try:
        raise RuntimeError("按钮坏了")
    except RuntimeError as error:
        caught = error
    seen = answer_next_message_box(qtbot)
    _show_uncaught(RuntimeError, caught, caught.__traceback__)
    assert "内部错误（RuntimeError）" in seen[0] and f"详情已记录在 {log_file}" in seen[0]
    assert "RuntimeError: 按钮坏了" in log_file.read_text(encoding="utf-8")


def test_pieces_sent_by_the_work_arrive_on_the_gui_thread_in_order_and_none_after_cancel(qtbot):
    """TaskControl.send: the dashboard shows each chart as it is drawn."""
    arrived, threads, finished = [], [], []
    second_sent, go_on = threading.Event(), threading.Event()

    def work(task):
        task.send(1)
        task.send(2)
        second_sent.set()
        assert go_on.wait(5)
        task.send(3)  # after cancel(): dropped
        return "done"

    def piece(value):
        arrived.append(value)
        threads.append(QThread.currentThread())

    task = tasks.run_task(
        None, work, progress=False, on_partial=piece, on_done=finished.append, on_cancelled=lambda: None
    )
    assert second_sent.wait(5)
    qtbot.waitUntil(lambda: arrived == [1, 2], timeout=5000)
    assert all(t is QThread.currentThread() for t in threads)
    task.cancel()
    go_on.set()
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert arrived == [1, 2] and finished == []

    tasks.set_synchronous(True)
    try:
        order = []
        tasks.run_task(
            None, lambda t: t.send("piece") or "result", on_partial=order.append, on_done=order.append
        )
        assert order == ["piece", "result"]  # inline: every piece before on_done
    finally:
        tasks.set_synchronous(False)


def test_an_operation_announces_its_changes_on_the_gui_thread_before_on_done(qtbot):
    from fivemgmt.records import Changes

    seen = []

    def work(task):
        changes = Changes()
        changes.add("homework_entries", "x", {"class_id": "c1", "date": "2026-11-25"})
        return changes

    def announce(changes):
        seen.append(("announced", sorted(changes.tables), QThread.currentThread()))

    task = tasks.run_operation(
        None,
        work,
        announce=announce,
        on_done=lambda changes: seen.append(("done", None, None)),
        progress=False,
    )
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert seen == [("announced", ["homework_entries"], QThread.currentThread()), ("done", None, None)]


def test_a_failed_operation_announces_nothing(qtbot, monkeypatch):
    shown, announced = [], []
    monkeypatch.setattr(tasks, "show_error", lambda parent, error, title=None: shown.append(str(error)))

    def work(task):
        raise UserError("第 3 行：日期不在学期内")

    task = tasks.run_operation(None, work, announce=announced.append, progress=False)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert announced == [] and shown == ["第 3 行：日期不在学期内"]


def test_a_query_reads_on_the_connection_it_is_given_and_closes_it(qtbot):
    import contextlib

    opened, closed = [], []

    @contextlib.contextmanager
    def connect():
        reader = object()
        opened.append((reader, threading.current_thread()))
        yield reader
        closed.append(reader)

    results = []
    task = tasks.run_query(None, lambda db, task: db, connect=connect, on_done=results.append, progress=False)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    [(reader, thread)] = opened
    assert results == [reader] and closed == [reader]
    assert thread is not threading.main_thread()  # opened and used off the GUI thread


def pausing_connection():
    """An in-memory connection with ``pause(seconds)``: a statement that takes long and can be interrupted
    (SQLite checks for conn.interrupt() between its rows)."""
    from sqlite_utils import Database

    db = Database(memory=True)
    db.conn.create_function("pause", 1, lambda seconds: time.sleep(seconds))
    return db


SLOW_STATEMENT = (  # 1000 rows of 10 ms each: ten seconds, unless interrupted
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) SELECT max(pause(0.01)) FROM n"
)


def test_stopping_all_tasks_interrupts_a_running_query_and_gives_it_up_quietly(qtbot, errors, log_file):
    """Closing the main window (tasks.stop_all): a query reading on its own connection is interrupted at
    once, not waited out for the 5 s of the close; a task given up is neither shown nor logged as an
    internal error."""
    import contextlib
    import sqlite3

    started = threading.Event()
    ended: list[BaseException] = []
    outcome: list[str] = []

    @contextlib.contextmanager
    def connect():
        db = pausing_connection()
        try:
            yield db
        finally:
            db.close()

    def work(db, task):
        started.set()
        try:
            return db.execute(SLOW_STATEMENT).fetchall()
        except sqlite3.Error as error:
            ended.append(error)
            raise

    task = tasks.run_query(
        None,
        work,
        connect=connect,
        progress=False,
        on_done=lambda value: outcome.append("done"),
        on_cancelled=lambda: outcome.append("cancelled"),
    )
    assert started.wait(5)
    began = time.monotonic()
    assert tasks.stop_all(5_000)
    assert time.monotonic() - began < 2.0  # the statement was interrupted, not waited for (10 s)
    assert [str(error) for error in ended] == ["interrupted"]
    assert outcome == ["cancelled"] and not task.is_running and task.error is None
    assert errors == []
    assert "内部错误" not in log_file.read_text(encoding="utf-8")


def test_a_task_whose_statement_was_interrupted_is_given_up_not_an_internal_error(qtbot, errors, log_file):
    """conn.interrupt() from elsewhere (the full check given up when the window closes): the task ends
    as cancelled; it was logged as 内部错误（后台任务“请稍候”）with a traceback, and shown."""
    import sqlite3

    def work(task):
        raise sqlite3.OperationalError("interrupted")

    outcome: list[str] = []
    task = tasks.run_task(
        None,
        work,
        progress=False,
        on_error=lambda error: outcome.append("failed"),
        on_cancelled=lambda: outcome.append("cancelled"),
    )
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert outcome == ["cancelled"] and errors == []
    assert "内部错误" not in log_file.read_text(encoding="utf-8")
    tasks.run_task(None, work)  # without handlers: nothing shown either
    tasks.wait_for_all(5_000)
    assert errors == [] and "内部错误" not in log_file.read_text(encoding="utf-8")


def test_a_bug_after_cancel_is_logged_but_not_shown(qtbot, errors, log_file):
    go_on = threading.Event()

    def work(task):
        assert go_on.wait(5)
        return {}["缺少的键"]

    outcome: list[str] = []
    task = tasks.run_task(None, work, progress=False, on_cancelled=lambda: outcome.append("cancelled"))
    task.cancel()
    go_on.set()
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert outcome == ["cancelled"] and errors == []
    assert "KeyError: '缺少的键'" in log_file.read_text(encoding="utf-8")


def test_the_outcome_of_a_task_whose_object_is_gone_is_dropped_quietly(qtbot, errors):
    """The app closed while the worker ran: its task's Qt object went with the app. The worker's emit
    raised RuntimeError (Signal source has been deleted), which reached the uncaught-error handler — a
    message box from the worker thread after the app was gone, and the process aborted."""
    import shiboken6

    sent: list[str] = []

    def work(task):
        task.progress(1, 2, "还在算")
        task.send("一块")
        sent.append("sent")
        return "result"

    gone = tasks.Task(None, work, "请稍候")
    shiboken6.delete(gone)  # as the app's end deletes it
    raised: list[BaseException] = []

    def run() -> None:
        try:
            tasks._Runnable(gone).run()
        except BaseException as error:  # noqa: BLE001 - what used to reach sys.excepthook
            raised.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(5)
    assert not thread.is_alive() and raised == [] and errors == []


def test_an_uncaught_error_off_the_gui_thread_is_logged_and_builds_no_widget(qtbot, errors, log_file):
    """sys.excepthook (ui.app._show_uncaught) called from a worker thread — as PySide does for an error in a
    QRunnable — built a message box there ("QWidget: Must construct a QApplication before a QWidget" once
    the app was gone: the process aborted). Off the GUI thread it only logs."""
    from ui.app import _show_uncaught

    try:
        raise RuntimeError("工作线程出错")
    except RuntimeError as error:
        caught = error
    widgets_before = len(QApplication.allWidgets())  # a count: each call makes new wrappers (new ids)
    thread = threading.Thread(target=_show_uncaught, args=(RuntimeError, caught, caught.__traceback__))
    thread.start()
    thread.join(5)
    assert not thread.is_alive() and errors == []
    assert len(QApplication.allWidgets()) <= widgets_before
    assert "RuntimeError: 工作线程出错" in log_file.read_text(encoding="utf-8")

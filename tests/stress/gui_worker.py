"""A real GUI process for the lock tests: ``python -m tests.stress.gui_worker DB``.

It starts the app the way ``fivemgmt gui`` does (ui.app.prepare_app + open_window: sign-in, app lock,
start-up backup), prints ``READY``, then obeys one command per line on stdin:

- ``save N``: save N homework entries through the core on the window's database (one transaction
  each), print ``SAVED <total>``;
- ``dialog DIR``: open a real file dialog on DIR the way every page does (``QFileDialog.getOpenFileName``),
  wait until it has listed the folder, close it, print ``DIALOG``;
- ``open-menu DIR``: the same through 文件→打开数据库… (MainWindow.choose_database), cancelled;
- ``open PATH``: 文件→打开数据库 on PATH (MainWindow.open_database), print ``OPENED True|False``.
"""

from __future__ import annotations

import datetime as dt
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel

TODAY = dt.date(2026, 11, 25)


class Commands(QObject):
    """Lines read on a thread, handled on the GUI thread (a queued signal)."""

    line = Signal(str)

    def __init__(self, handle) -> None:
        super().__init__()
        self._handle = handle
        self.line.connect(self.on_line)

    @Slot(str)
    def on_line(self, text: str) -> None:
        try:
            self._handle(text)
        except Exception as error:  # noqa: BLE001 - reported to the test, which fails on it
            print(f"FAILED {type(error).__name__}: {error}", flush=True)


def close_dialog_once_listed(app: QApplication) -> None:
    """Close the file dialog after its folder has been listed (and its icons drawn)."""

    def find() -> None:
        dialogs = [w for w in app.topLevelWidgets() if isinstance(w, QFileDialog) and w.isVisible()]
        if not dialogs:
            QTimer.singleShot(50, find)
            return
        dialog = dialogs[0]
        model = dialog.findChild(QFileSystemModel)
        done = {"closed": False}

        def close() -> None:
            if not done["closed"]:
                done["closed"] = True
                dialog.reject()

        model.directoryLoaded.connect(lambda _path: QTimer.singleShot(1500, close))
        QTimer.singleShot(8000, close)  # already loaded before we connected

    QTimer.singleShot(0, find)


def main(db_path: str) -> int:
    from fivemgmt.actor import LOCAL_ADMIN
    from fivemgmt.areas import homework as hw
    from ui import tasks
    from ui.app import open_window, prepare_app

    app = prepare_app()
    tasks.show_error = lambda parent, error, title=None: print(f"ERROR {tasks.error_text(error)}", flush=True)
    window = open_window(Path(db_path), TODAY)
    if window is None:
        print("NOT-OPENED", flush=True)
        return 2
    state = {"saved": 0}

    def handle(line: str) -> None:
        command, _, arg = line.strip().partition(" ")
        if command == "save":
            db = window.context.db
            class_id = db.execute("SELECT id FROM classes ORDER BY grade LIMIT 1").fetchone()[0]
            for _ in range(int(arg)):
                state["saved"] += 1
                entry = hw.Entry(None, class_id, TODAY, "语文", f"GUI-{state['saved']}", "书面", True, 1)
                hw.save_entry(db, LOCAL_ADMIN, entry, today=TODAY)
            print(f"SAVED {state['saved']}", flush=True)
        elif command == "dialog":
            close_dialog_once_listed(app)
            QFileDialog.getOpenFileName(window, "选择文件", arg, "学校数据库 (*.sqlite *.db);;所有文件 (*)")
            print("DIALOG", flush=True)
        elif command == "open-menu":
            from ui.widgets import file_dialogs

            real = file_dialogs.start_folder
            file_dialogs.start_folder = lambda directory="": arg  # where the user would browse to
            close_dialog_once_listed(app)
            window.choose_database()
            file_dialogs.start_folder = real
            print("DIALOG", flush=True)
        elif command == "open":
            print(f"OPENED {window.open_database(Path(arg))}", flush=True)

    commands = Commands(handle)

    def read() -> None:
        for line in sys.stdin:
            commands.line.emit(line)

    threading.Thread(target=read, daemon=True).start()
    print("READY", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

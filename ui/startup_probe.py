"""Start-up probes of ``fivemgmt benchmark`` (issue 13), run as child processes:
``python -m ui.startup_probe bare`` (QtWidgets + matplotlib QtAgg, an empty QMainWindow: the baseline) and
``python -m ui.startup_probe app PATH DATE`` (the real app on a school). Each prints
"painted <monotonic seconds>" at its main window's first paint, then "rss <peak KB>" (the app's after its
dashboard has drawn every chart). They live in ui/ because they are Qt; the core only starts them.
"""

import datetime as dt
import sys
import time


def peak_kb():
    import sys

    if sys.platform.startswith("linux"):
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    if sys.platform == "win32":
        import ctypes
        from ctypes import wintypes

        class Counters(ctypes.Structure):
            _fields_ = [("cb", wintypes.DWORD), ("PageFaultCount", wintypes.DWORD)] + [
                (name, ctypes.c_size_t)
                for name in (
                    "PeakWorkingSetSize",
                    "WorkingSetSize",
                    "QuotaPeakPagedPoolUsage",
                    "QuotaPagedPoolUsage",
                    "QuotaPeakNonPagedPoolUsage",
                    "QuotaNonPagedPoolUsage",
                    "PagefileUsage",
                    "PeakPagefileUsage",
                )
            ]

        counters = Counters()
        counters.cb = ctypes.sizeof(counters)
        ctypes.windll.psapi.GetProcessMemoryInfo(
            ctypes.windll.kernel32.GetCurrentProcess(), ctypes.byref(counters), counters.cb
        )
        return counters.PeakWorkingSetSize // 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024  # macOS: bytes


def bare() -> int:
    import matplotlib
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    matplotlib.use("QtAgg")
    from matplotlib.backends import backend_qtagg  # noqa: F401

    app = QApplication(sys.argv[:1])
    window = QMainWindow()

    class First(QObject):
        def eventFilter(self, obj, event):
            if obj is window and event.type() == QEvent.Type.Paint and not hasattr(self, "done"):
                self.done = True
                print("painted", time.monotonic(), flush=True)
                QTimer.singleShot(0, finish)
            return False

    def finish():
        print("rss", peak_kb(), flush=True)
        app.quit()

    first = First()
    window.installEventFilter(first)
    window.show()
    app.exec()
    return 0


def app(path: str, today: dt.date) -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    state = {}

    class First(QObject):
        def eventFilter(self, obj, event):
            if isinstance(obj, QMainWindow) and event.type() == QEvent.Type.Paint and "window" not in state:
                state["window"] = obj
                print("painted", time.monotonic(), flush=True)
                QTimer.singleShot(0, wait)
            return False

    def wait():
        if state["window"].context is None:  # painted; its school is still being checked
            QTimer.singleShot(50, wait)
            return
        page = state["window"].show_page("dashboard")
        if page.builds and page.views and page.loading_key is None:
            app.processEvents()
            print("rss", peak_kb(), flush=True)
            app.quit()
            return
        QTimer.singleShot(50, wait)

    first = First()
    app.installEventFilter(first)
    from ui.app import run_app

    sys.exit(run_app(path, today))


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        sys.exit(bare())
    sys.exit(app(sys.argv[2], dt.date.fromisoformat(sys.argv[3])))

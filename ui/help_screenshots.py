"""Screenshots of the real app on the demo school, offscreen: the user guide's pictures, or every page.

    python -m ui.help_screenshots                       # the guide's PNGs → resources/help/<lang>/img/
    python -m ui.help_screenshots --pages --out DIR     # every page (and tab) at 1366×768, zh_CN and en

Each language runs in a process of its own (one QApplication, one translator). Pages are shot from a
QTimer chain inside ``app.exec()``: after showing a page the chain waits, on a timer, until the page's
background tasks (ui/tasks.py) have finished, then grabs the window.

用演示学校在后台（offscreen）运行真实程序，截取使用指南的插图，或以 1366×768 截取每个页面（中文和英文）。
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

SIZE = (1366, 768)
DEMO_TODAY = dt.date(2026, 11, 25)  # fixed, so the pictures do not change from day to day
GUIDE_WIDTH = 1000  # the guide's pictures are scaled to this width (the HTML shows them at 800)
SETTLE_MS = 150  # after a page's tasks are done: let queued results paint
POLL_MS = 100
MAX_WAIT_MS = 60_000

# (file stem, page key, tab index or None) of the guide's pictures
GUIDE_SHOTS = [
    ("homework", "homework", None),
    ("dashboard", "dashboard", None),
    ("reports", "reports", None),
    ("exchange", "data", 0),
    ("backup", "data", 1),
]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m ui.help_screenshots",
        description="截取使用指南的插图或每个页面的截图 / Take the user guide's screenshots, or one of every page.",
    )
    parser.add_argument(
        "--pages",
        action="store_true",
        help="截取每个页面及其选项卡 / shoot every page and each of its tabs",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="输出文件夹（默认：resources/help/<语言>/img）/ output folder (default: resources/help/<lang>/img)",
    )
    parser.add_argument(
        "--lang",
        choices=["zh_CN", "en", "both"],
        default="both",
        help="界面语言 / UI language",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.lang == "both":
        for language in ("zh_CN", "en"):
            command = [sys.executable, "-m", "ui.help_screenshots", "--lang", language]
            if args.pages:
                command.append("--pages")
            if args.out:
                command += ["--out", str(args.out)]
            result = subprocess.run(command, check=False)
            if result.returncode != 0:
                return result.returncode
        return 0
    return shoot(args.lang, args.pages, args.out)


def shoot(language: str, pages: bool, out: Path | None) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["FIVEMGMT_LANG"] = language
    from fivemgmt import clock, demo, logs
    from fivemgmt.resources import resource_path

    clock.pin(DEMO_TODAY)
    # A fixed folder name, so the path in the status bar (and so the pictures) is the same every run.
    folder = Path(tempfile.gettempdir()) / f"fivemgmt-demo-{language}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    try:
        os.environ[logs.LOG_DIR_ENV] = str(folder / "logs")
        path = folder / "示范学校.sqlite"
        demo.build(path, today=DEMO_TODAY).close()
        if out is None:
            target = resource_path("help", language, "img")
        else:
            target = out / language if not pages else out
        target.mkdir(parents=True, exist_ok=True)
        return _run(path, language, pages, target)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run(db_path: Path, language: str, pages: bool, target: Path) -> int:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QTabWidget

    from fivemgmt.actor import LOCAL_ADMIN
    from fivemgmt.db import connect
    from ui import app as app_module
    from ui import tasks
    from ui.main_window import PAGES

    qt_app = app_module.prepare_app()
    db = connect(db_path)
    window = app_module.create_main_window(db, DEMO_TODAY, LOCAL_ADMIN, db_path, start="homework")
    window.resize(*SIZE)
    window.show()

    shots: list[tuple[str, str, int | None]] = []
    if pages:
        for spec in PAGES:
            shots.append((f"{language}-{spec.key}", spec.key, None))
    else:
        shots = [(stem, key, tab) for stem, key, tab in GUIDE_SHOTS]
    saved: list[Path] = []
    queue = list(shots)

    def tabs_of(page) -> list[QTabWidget]:
        return page.findChildren(QTabWidget)

    def after_tasks(then: Callable[[], None], waited: int = 0) -> None:
        if tasks._running and waited < MAX_WAIT_MS:  # noqa: SLF001 - the one place that knows
            QTimer.singleShot(POLL_MS, lambda: after_tasks(then, waited + POLL_MS))
        else:
            QTimer.singleShot(SETTLE_MS, then)

    def grab(stem: str) -> None:
        pixmap = window.grab()
        if not pages:
            pixmap = pixmap.scaledToWidth(GUIDE_WIDTH, Qt.TransformationMode.SmoothTransformation)
        file = target / f"{stem}.png"
        pixmap.save(str(file))
        saved.append(file)

    def next_shot() -> None:
        if not queue:
            window.close()
            qt_app.quit()
            return
        stem, key, tab = queue.pop(0)
        page = window.show_page(key)
        if key == "homework":
            window.open_page("homework", None, DEMO_TODAY - dt.timedelta(days=1))
        widgets = tabs_of(page)
        if tab is not None and widgets:
            widgets[0].setCurrentIndex(tab)
        if pages and widgets and tab is None:  # then every other tab of the page's first tab widget
            for index in range(widgets[0].count() - 1, 0, -1):
                queue.insert(0, (f"{stem}-tab{index}", key, index))
            widgets[0].setCurrentIndex(0)
        after_tasks(lambda: (grab(stem), next_shot()))

    QTimer.singleShot(300, next_shot)
    qt_app.exec()
    db.close()
    for file in saved:
        print(file)
    return 0 if len(saved) == len(shots) or pages else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Each figure's measurement: the app's time (or memory) and its baseline, measured in the same run."""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlite_utils import Database

import fivemgmt
from fivemgmt import records, school
from fivemgmt.actor import PRINCIPAL, SYSTEM, TEACHER, Actor
from fivemgmt.areas import homework as hw
from fivemgmt.backup import backup_dir
from fivemgmt.benchmark.data import copy_database, median, p95
from fivemgmt.calendar import monday_of
from fivemgmt.db import remove_database_files
from fivemgmt.errors import UserError
from fivemgmt.session import open_db


def time_dashboard(db: Database, today: dt.date, *, baseline: bool = True) -> tuple[float, float | None]:
    """CPU seconds of the dashboard (aggregate + draw every chart, cold caches) and (when asked) of drawing
    the same charts from the numbers already computed."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from fivemgmt.charts import dashboard_charts, load_week
    from fivemgmt.charts import data as chart_data

    def draw(charts: list) -> None:
        for chart in charts:
            FigureCanvasAgg(chart.figure).draw()

    monday = monday_of(today)
    chart_data.clear_cache()
    start = time.process_time()
    week = load_week(db, monday, today, trend_weeks=6)  # as ui/pages/dashboard.py asks
    draw(dashboard_charts(week))
    app = time.process_time() - start
    if not baseline:
        return app, None
    start = time.process_time()
    draw(dashboard_charts(week))
    return app, time.process_time() - start


def time_save(db_path: Path, db: Database, today: dt.date, repeats: int) -> tuple[float, float]:
    """p95 CPU milliseconds of this thread: the homework page's save (entry + audit, then the day's status
    and week strip), and a raw INSERT+COMMIT of the same row with the same pragmas into the same table of a
    copy of the same database (as the import's and the merge's baselines: the table's own indexes and the
    file's size are the row's cost, not the app's).

    CPU time, not the wall clock (as the dashboard's figure): both write without fsync (WAL, synchronous
    NORMAL), so their wall-clock p95 on a shared computer measures the other programs that took the CPU
    in between (a save of 1 ms CPU shows 12 ms when the scheduler hands the core away once)."""
    target = next(c for c in school.list_classes(db) if c.grade >= 3)
    raw_path = copy_database(db_path, db_path.with_name("baseline-save.sqlite"))
    conn = _raw_connection(raw_path)
    conn.execute("PRAGMA foreign_keys = ON")
    insert = (
        f"INSERT INTO {hw.ENTRIES} (id, class_id, date, subject, content, kind, required, minutes,"
        " teacher_name, for_rest, updated_at, updated_by, origin, deleted)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )
    # The two alternate, a save and then a raw insert: a busy moment of the machine falls on both alike
    # (measured one after the other, one of them had the quiet minute and the ratio moved 1.3–9×).
    app, raw = [], []
    for i in range(repeats):
        start = time.thread_time()
        hw.save_entry(
            db, SYSTEM, hw.Entry(None, target.id, today, "数学", f"基准第{i}题", "书面", True, 1), today=today
        )
        hw.status_and_week(db, target, today, today)  # what the page's status and week strip call
        app.append((time.thread_time() - start) * 1000)
        start = time.thread_time()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            insert,
            [records.new_id(), target.id, today.isoformat(), "数学", f"基准第{i}题", "书面", 1, 1, "", 0]
            + [records.now_iso(), SYSTEM.username, "benchmark", 0],
        )
        conn.execute("COMMIT")
        raw.append((time.thread_time() - start) * 1000)
    conn.close()
    return p95(app), p95(raw)


def write_homework_csv(db: Database, path: Path, rows: int, first: dt.date) -> None:
    """rows new homework entries (eight a class-day, weekdays from first), as a school's export would.

    Every day lies in a term (imports refuse any other): past the last term the days start again at the
    first term's (the contents differ, so every row is still a new entry)."""
    from fivemgmt import tabular

    classes = school.list_classes(db)
    subjects = ["语文", "数学", "英语", "科学"]
    terms = tabular.SchoolDates.of(db).terms
    if not terms:
        raise UserError("基准学校没有学期，无法生成导入文件。")
    term_days = [
        term.start + dt.timedelta(days=offset)
        for term in terms
        for offset in range((term.end - term.start).days + 1)
        if (term.start + dt.timedelta(days=offset)).weekday() < 5
    ]
    later = [i for i, d in enumerate(term_days) if d >= first]
    position = later[0] if later else 0
    day = term_days[position]
    written = 0
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        out = csv.writer(handle)
        out.writerow(
            ["日期", "班级", "学科", "作业内容", "作业类型", "是否必做", "预计时长(分钟)", "布置教师"]
        )
        while written < rows:
            if day.weekday() < 5:
                for c in classes:
                    for n in range(8):
                        if written == rows:
                            break
                        out.writerow(
                            [
                                day.isoformat(),
                                c.name,
                                subjects[n % 4],
                                f"导入作业{written}",
                                "书面",
                                "必做",
                                10,
                                "",
                            ]
                        )
                        written += 1
            position = (position + 1) % len(term_days)
            day = term_days[position]


def time_import(
    db_path: Path, work: Path, rows: int, today: dt.date, repeats: int = 1
) -> tuple[float, float]:
    """Seconds (medians of ``repeats`` rounds): the app's csv import (preview + commit) of rows homework
    entries into a copy of the database, and an executemany of the same parsed rows into another copy.

    The two alternate round by round, each on fresh copies, so a busy moment of a shared machine falls on
    both alike (one measurement each, one after the other, moved the ratio by half)."""
    csv_path = work / "homework.csv"
    source = open_db(db_path)
    write_homework_csv(source, csv_path, rows, dt.date(today.year + 1, 1, 4))
    source.close()
    app, baseline = [], []
    for app_path, baseline_path in _fresh_copies(db_path, work / "import", repeats):
        db = open_db(app_path)
        start = time.perf_counter()
        preview = hw.preview_import(db, csv_path, today=today)
        preview.require_ok()
        # the generated rows lie in the school's terms, past ones too: an import of them needs its 调整说明
        hw.commit_import(db, SYSTEM, preview, reason="性能测试导入", today=today)
        app.append(time.perf_counter() - start)
        db.close()
        baseline.append(_raw_import(baseline_path, preview.rows))
    return median(app), median(baseline)


def _raw_import(path: Path, rows: list[dict[str, Any]]) -> float:
    """Seconds: the import's parsed rows written by a raw executemany (one transaction, the app's pragmas)."""
    stamp = records.now_iso()
    parsed = [
        (
            records.new_id(),
            r["class_id"],
            r["date"].isoformat(),
            r["subject"],
            r["content"],
            r["kind"],
            int(r["required"]),
            r["minutes"],
            "",
            stamp,
            "benchmark",
            "benchmark",
            0,
        )
        for r in rows
    ]
    columns = ["id", "class_id", "date", "subject", "content", "kind", "required", "minutes", "teacher_name"]
    columns += ["updated_at", "updated_by", "origin", "deleted"]
    return _raw_insert(path, {hw.ENTRIES: (columns, parsed)})


def _raw_insert(path: Path, tables: dict[str, tuple[list[str], list[tuple]]]) -> float:
    """Seconds: each table's rows (its columns, the rows' values in that order) written by a raw
    executemany, all in one transaction, through a bare connection with the app's pragmas."""
    raw = _raw_connection(path)
    start = time.perf_counter()
    raw.execute("BEGIN IMMEDIATE")
    for table, (columns, rows) in tables.items():
        names = ", ".join(f"[{c}]" for c in columns)
        raw.executemany(f"INSERT INTO [{table}] ({names}) VALUES ({', '.join('?' * len(columns))})", rows)
    raw.execute("COMMIT")
    seconds = time.perf_counter() - start
    raw.close()
    return seconds


def rounds_note(repeats: int) -> str:
    """How an alternated figure was taken, for its note."""
    if repeats == 1:
        return "本软件与基线各一次 / one round"
    return f"本软件与基线交替 {repeats} 轮取中位数 / median of {repeats} alternated rounds"


def _raw_connection(path: Path) -> sqlite3.Connection:
    """A bare sqlite3 connection with the app's pragmas, for a baseline."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def _fresh_copies(source: Path, stem: Path, repeats: int) -> Iterator[tuple[Path, Path]]:
    """Per round, a fresh copy of ``source`` for the app and one for the baseline (``stem``-N.sqlite and
    beside it baseline-…), removed when the round is over."""
    for round_ in range(repeats):
        app_path = copy_database(source, stem.with_name(f"{stem.name}-{round_}.sqlite"))
        baseline_path = copy_database(source, stem.with_name(f"baseline-{stem.name}-{round_}.sqlite"))
        try:
            yield app_path, baseline_path
        finally:
            _remove(app_path, baseline_path)


def _remove(*paths: Path) -> None:
    """Database copies done with, with their WAL and shared-memory files and the backups the app made of
    them (the merge backs up before it writes; a 5-year school is 260 MB)."""
    for path in paths:
        remove_database_files(path)
        shutil.rmtree(backup_dir(path), ignore_errors=True)


def time_merge(db: Database, work: Path, repeats: int = 1) -> tuple[float, float, int]:
    """Seconds (medians of ``repeats`` rounds, alternating as :func:`time_import`): the principal's import
    of every class's 班主任 term package (preview and commit, as ``fivemgmt package import`` does) into a
    copy of an installation holding the school set-up, and an executemany of the same rows into another
    copy; and the number of packages."""
    from fivemgmt.actor import LOCAL_ADMIN
    from fivemgmt.exchange import merge, package

    principal = Actor("benchmark-principal", "校长", PRINCIPAL)
    setup = package.export_package(db, principal, work / "setup").path
    paths = []
    # numbered, not named by a piece of the class id: ids made together share their leading (time) digits
    for number, school_class in enumerate(school.list_classes(db), 1):
        teacher = Actor(f"t-{number}", "班主任", TEACHER, {school_class.id: None})
        paths.append(package.export_package(db, teacher, work / f"class-{number}", since="all").path)
    joined_path = work / "joined.sqlite"
    joined = open_db(joined_path)
    merge.import_packages(joined, LOCAL_ADMIN, [setup], school_key=package.school_key(db))  # joining
    joined.close()
    app, baseline = [], []
    for target_path, baseline_path in _fresh_copies(joined_path, work / "merged", repeats):
        target = open_db(target_path)
        before = {
            t: {r[0] for r in target.execute(f"SELECT id FROM [{t}]")}
            for t in package.exchange_tables(target)
        }
        start = time.perf_counter()
        merge.import_packages(target, principal, paths)
        app.append(time.perf_counter() - start)
        new_rows = {
            t: [r for r in target.execute(f"SELECT * FROM [{t}]").fetchall() if r[0] not in ids]
            for t, ids in before.items()
        }
        tables = {
            t: ([c[1] for c in target.execute(f"PRAGMA table_info([{t}])")], rows)
            for t, rows in new_rows.items()
            if rows
        }
        target.close()
        baseline.append(_raw_insert(baseline_path, tables))
    return median(app), median(baseline), len(paths)


PDF_NOTE = "缓存由首次生成填好，其后一位老师保存本周作业再生成 / cache warmed by a first build, then one teacher's save this week"


def time_pdf(db: Database, today: dt.date, data: dict[str, Any], repeats: int = 3) -> tuple[float, float]:
    """Seconds (medians of ``repeats``): the term self-inspection PDF as a school meets it, and the same
    ReportLab document (its title, fields, checklist and signature tables) laid out from rows computed
    beforehand: what the app pays beyond the baseline is the evidence.

    The app's build runs in the realistic state: the figure cache filled by a first (cold) build, as the
    app's background warming or an earlier PDF leaves it, then one teacher's save in the current week (so
    the build finds a change and recomputes what it touches: that class's homework and the homework
    items) before each timed build. The cold build's time (no cache file at all, the fonts loaded in
    this process for the first time) and the cold evidence's alone go into ``data`` and the printed
    note, never hidden."""
    from fivemgmt import figcache
    from fivemgmt.calendar import SchoolCalendar
    from fivemgmt.reports import self_inspection
    from fivemgmt.reports.checklist import load_form
    from fivemgmt.reports.evidence import Evidence
    from fivemgmt.reports.period import Period

    term = SchoolCalendar(db).current_or_last_term(today)
    period = Period(term.start, min(term.end, today)) if term else Period.week(today)
    figcache.forget(db)
    start = time.perf_counter()
    self_inspection.build(db, period, today=today)
    data["self_inspection_pdf_cold_s"] = round(time.perf_counter() - start, 3)
    target = next(c for c in school.list_classes(db) if c.grade >= 3)
    form = load_form(self_inspection.SELF_INSPECTION)
    app, baseline = [], []
    for i in range(repeats):
        hw.save_entry(
            db,
            SYSTEM,
            hw.Entry(None, target.id, today, "语文", f"自查基准第{i}题", "书面", True, 10),
            today=today,
        )
        start = time.perf_counter()
        self_inspection.build(db, period, today=today)
        app.append(time.perf_counter() - start)
        rows = Evidence(db, period, today).rows(form)
        start = time.perf_counter()
        document = self_inspection.checklist_document(
            db, form, period, rows, title=self_inspection.TITLE, today=today
        )
        document.build(None)
        baseline.append(time.perf_counter() - start)
    figcache.forget(db)  # the cold evidence alone (fonts loaded by now): what a new day's first PDF pays
    start = time.perf_counter()
    Evidence(db, period, today).rows(form)
    data["self_inspection_evidence_cold_s"] = round(time.perf_counter() - start, 3)
    return median(app), median(baseline)


def time_fitness(db: Database, work: Path, today: dt.date, repeats: int = 1) -> tuple[float, float]:
    """CPU seconds (medians of ``repeats``, the two taken in turn so both see the same load): reading and
    scoring the national upload template of every student, and openpyxl reading the same file.

    CPU time of the process, as the dashboard's figure: both are one thread reading a file already in
    the page cache, and on a shared computer their wall clock measured the other programs (the same tree
    gave 1.5× and 2.3× back to back)."""
    import openpyxl

    from fivemgmt.fitness import store, upload
    from fivemgmt.fitness.scorefile import score_sheet
    from fivemgmt.fitness.tables import load_tables
    from fivemgmt.fitness.template import read_template

    path = work / "fitness.xlsx"
    upload.export_template(db, path, today=today)
    wusi = store.is_wusi(db)
    app, baseline = [], []
    for _ in range(repeats):
        tables = load_tables()  # as a new process has them: no value parsed or looked up yet
        start = time.process_time()
        score_sheet(read_template(path, tables=tables), wusi=wusi, tables=tables)
        app.append(time.process_time() - start)
        start = time.process_time()
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        for sheet in book.worksheets:
            for _ in sheet.iter_rows(values_only=True):
                pass
        book.close()
        baseline.append(time.process_time() - start)
    return median(app), median(baseline)


CHILD_TIMEOUT_S = 900  # the five-year school's start-up takes well under a minute


def _run_child(args: list[str]) -> tuple[float, float]:
    """(seconds from spawn to first paint, peak MB) of one child process."""
    env = dict(os.environ)
    env.setdefault(
        "QT_QPA_PLATFORM", "offscreen" if sys.platform.startswith("linux") and not env.get("DISPLAY") else ""
    )
    if not env["QT_QPA_PLATFORM"]:
        del env["QT_QPA_PLATFORM"]
    root = Path(fivemgmt.__file__).resolve().parent.parent  # where the packages fivemgmt and ui lie
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH", "")]))
    # The system-wide monotonic clock: the same in parent and child, and never moved (a changed wall
    # clock, or a test's pinned one, would make the figure negative).
    started = time.monotonic()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "ui.startup_probe", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=CHILD_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired as stuck:  # a window that never closes (a box left open) is said
        output = stuck.stderr.decode(errors="replace") if isinstance(stuck.stderr, bytes) else stuck.stderr
        raise UserError(
            f"基准测试的子进程 {CHILD_TIMEOUT_S // 60} 分钟没有结束（窗口没有关闭）：{(output or '').strip()[-800:]}"
        ) from None
    lines = dict(
        line.split(" ", 1) for line in done.stdout.splitlines() if line.startswith(("painted ", "rss "))
    )
    if "painted" not in lines or "rss" not in lines:
        raise UserError(f"基准测试的子进程没有完成（退出码 {done.returncode}）：{done.stderr.strip()[-800:]}")
    return float(lines["painted"]) - started, int(lines["rss"]) / 1024


def time_startup(
    db_path: Path, today: dt.date, repeats: int
) -> tuple[tuple[float, float], tuple[float, float]]:
    """((app start-up s, bare s), (app peak MB on the dashboard, bare peak MB)), medians of repeats."""
    app, bare = [], []
    for _ in range(repeats):
        bare.append(_run_child(["bare"]))
        app.append(_run_child(["app", str(db_path), today.isoformat()]))
    return (
        (median([a[0] for a in app]), median([b[0] for b in bare])),
        (median([a[1] for a in app]), median([b[1] for b in bare])),
    )

"""``fivemgmt benchmark``: the app's slow paths on a realistic school, each against a baseline of the same run.

Machines are shared and noisy, so no figure has an absolute budget: each is the app's time (or memory) next
to a baseline measured in the same run on the same data — what the same work costs without the app's own
overhead — and the budget is their ratio. Budgets live here, not in the tests: a test suite on a loaded CI
machine must not fail on speed (``--quick`` only proves the command works), but a release should not ship
with a figure over its budget.

Data: the demo school (every register at realistic density, written through the app so its audit entries
are the app's) for one term; ``school-5y`` copies every dated register back into four earlier school years
with :func:`fivemgmt.records.save_many` (executemany, audit entries chained as the app writes them).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from fivemgmt import demo, records, school
from fivemgmt.actor import PRINCIPAL, SYSTEM, TEACHER, Actor
from fivemgmt.areas import homework as hw
from fivemgmt.backup import backup_dir
from fivemgmt.calendar import monday_of
from fivemgmt.db import remove_database_files, transaction
from fivemgmt.errors import UserError
from fivemgmt.session import open_db

SCALES = ("school", "school-5y", "district")

# How a figure is judged: app/baseline at most the budget; baseline/app (throughput) at least the budget;
# app minus baseline (MB) at most the budget.
AT_MOST, AT_LEAST, EXTRA_AT_MOST = "ratio ≤", "throughput ratio ≥", "extra MB ≤"


@dataclass(frozen=True)
class Size:
    classes: int
    students: int  # per class (the demo varies it by ±3)
    weeks: int  # weeks of records in the current term
    years: int  # school years in school-5y (the current one included)
    import_rows: int
    repeats: int  # of the slow figures (start-up, dashboard)
    saves: int


FULL = Size(classes=60, students=45, weeks=20, years=5, import_rows=100_000, repeats=3, saves=60)
QUICK = Size(classes=6, students=8, weeks=3, years=2, import_rows=2_000, repeats=1, saves=10)


@dataclass(frozen=True)
class DistrictSize:
    schools: int
    # classes of the schools built through the app (the largest is the term school of the other scales);
    # every other school of the district is one of them with every id re-keyed
    classes: tuple[int, ...]


DISTRICT = DistrictSize(schools=300, classes=(6, 15, 30, 60))
DISTRICT_QUICK = DistrictSize(schools=6, classes=(2, 6))


@dataclass
class Figure:
    key: str
    title: str  # 中文 / English
    baseline_title: str
    unit: str  # "s", "ms", "MB"
    judge: str  # AT_MOST, AT_LEAST or EXTRA_AT_MOST
    budget: float
    app: float | None = None
    baseline: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.app is None or self.baseline is None or not self.baseline or not self.app:
            return None
        if self.judge == AT_LEAST:
            return self.baseline / self.app  # the app's throughput as a share of the baseline's
        return self.app / self.baseline

    @property
    def measure(self) -> float | None:
        """The number compared with the budget."""
        if self.judge == EXTRA_AT_MOST:
            return None if self.app is None or self.baseline is None else self.app - self.baseline
        return self.ratio

    @property
    def ok(self) -> bool | None:
        if self.measure is None:
            return None
        return self.measure >= self.budget if self.judge == AT_LEAST else self.measure <= self.budget

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(ratio=self.ratio, measure=self.measure, ok=self.ok)
        return data

    def line(self) -> str:
        mark = {True: "✓", False: "×", None: "—"}[self.ok]
        if self.app is None or self.baseline is None:
            return f"{mark} {self.title}：未测量（{self.note}）"
        what = (
            f"多 {self.measure:.0f} MB"
            if self.judge == EXTRA_AT_MOST
            else (f"吞吐比 {self.ratio:.3f}×" if self.judge == AT_LEAST else f"比值 {self.ratio:.2f}×")
        )
        limit = {AT_MOST: "≤", AT_LEAST: "≥", EXTRA_AT_MOST: "≤ +"}[self.judge]
        unit = " MB" if self.judge == EXTRA_AT_MOST else "×"
        note = f"；{self.note}" if self.note else ""
        return (
            f"{mark} {self.title}：本软件 {self.app:.3f} {self.unit}，基线（{self.baseline_title}）"
            f"{self.baseline:.3f} {self.unit}，{what}（预算 {limit}{self.budget:g}{unit}）{note}"
        )


def figures(scale: str = "school-5y") -> dict[str, Figure]:
    """Every figure of the issue's table at this scale, in its order, unmeasured: the district scale has
    its own figure (a school's costs at a district hub), the other scales the app's slow paths."""
    if scale == "district":
        item = Figure(
            "district_linearity",
            "区县：每校成本按学生数线性，最大校对最小校 / district: a school's cost per student, largest vs smallest",
            "最小学校的每名学生成本",
            "ms",
            AT_MOST,
            1.2,
        )
        return {item.key: item}
    items = [
        Figure(
            "startup",
            "冷启动到主窗口首次绘制 / cold start to first painted main window",
            "空进程：QtWidgets + matplotlib QtAgg + 空 QMainWindow",
            "s",
            AT_MOST,
            1.5,
        ),
        Figure(
            "save_entry",
            "保存一条作业（含审计、状态、周条）p95，CPU / save one homework entry incl. audit + status + week strip, CPU",
            "sqlite3 把同一行 INSERT+COMMIT 进同一数据库副本的同一张表，相同 pragma",
            "ms",
            AT_MOST,
            5,
        ),
        Figure(
            "dashboard",
            "总览（统计 + 绘制全部图表，CPU） / dashboard (aggregate + draw every chart, CPU)",
            "用算好的数字绘制同样的图表",
            "s",
            AT_MOST,
            1.5,
        ),
        Figure(
            "dashboard_history",
            "总览：五年数据对一学期 / dashboard school-5y vs school",
            "一学期数据的总览",
            "s",
            AT_MOST,
            1.2,
        ),
        Figure(
            "csv_import",
            "导入作业 CSV / csv import of homework rows",
            "同样解析好的行直接 executemany",
            "s",
            AT_LEAST,
            0.3,
        ),
        Figure(
            "package_merge",
            "合并各班教师的学期数据包 / merging teachers' term packages",
            "同样的行直接 executemany",
            "s",
            AT_LEAST,
            0.3,
        ),
        Figure(
            "self_inspection_pdf",
            "学期自查表 PDF / term self-inspection PDF",
            "同样表格的 ReportLab 文档（同一份版面）",
            "s",
            AT_MOST,
            1.5,
        ),
        Figure(
            "peak_memory",
            "总览显示后的峰值内存 / peak memory on the dashboard",
            "空进程（同上）",
            "MB",
            EXTRA_AT_MOST,
            150,
        ),
        Figure(
            "fitness_scoring",
            "体测评分（CPU） / fitness scoring of the upload template, CPU",
            "openpyxl 读取同一文件",
            "s",
            AT_MOST,
            1.5,
        ),
    ]
    return {f.key: f for f in items}


@dataclass
class Report:
    scale: str
    quick: bool
    today: str
    data: dict[str, Any] = field(default_factory=dict)
    figures: dict[str, Figure] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.figures = self.figures or figures(self.scale)

    @property
    def ok(self) -> bool:
        return all(f.ok is not False for f in self.figures.values())

    def to_json(self) -> dict[str, Any]:
        return {
            "scale": self.scale,
            "quick": self.quick,
            "today": self.today,
            "data": self.data,
            "ok": self.ok,
            "figures": {k: f.to_json() for k, f in self.figures.items()},
        }


# ------------------------------------------------------------------ data


def build_school(path: Path, size: Size, today: dt.date) -> Database:
    """One term of the demo school (written through the app: its audit entries are the app's)."""
    return demo.build(
        path, classes=size.classes, weeks=size.weeks, seed=1, today=today, students_per_class=size.students
    )


# Registers copied into earlier years, parents first (a step names its book, a custodian its term).
HISTORY_TABLES = [
    "terms",
    "calendar_days",
    "phone_policy",
    "phone_custodians",
    "sleep_schedule",
    "homework_entries",
    "homework_days",
    "sleep_records",
    "phone_applications",
    "phone_custody",
    "phone_custody_days",
    "reading_books",
    "reading_steps",
    "reading_dispositions",
    "activity_days",
    "afterschool_days",
    "vision_screenings",
    "fitness_results",
]
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SCHOOL_YEAR = re.compile(r"(\d{4})-(\d{4})")


def _moved(column: str, value: Any, back: int, new_ids: dict[str, str]) -> Any:
    """A value of a register row copied ``back`` school years earlier: dates 52 weeks per year earlier
    (weekdays stay weekdays), school years earlier, references to copied rows to their copies."""
    if not isinstance(value, str):
        return value
    if column.endswith("_id") and value in new_ids:
        return new_ids[value]
    if _DATE.fullmatch(value):
        return (dt.date.fromisoformat(value) - dt.timedelta(weeks=52 * back)).isoformat()
    match = _SCHOOL_YEAR.fullmatch(value)
    if match and int(match[2]) == int(match[1]) + 1:
        return f"{int(match[1]) - back}-{int(match[2]) - back}"
    return value


def add_history(db: Database, years: int, seed: int = 1) -> int:
    """Copy every dated register of the current term into ``years`` earlier school years (52 weeks apart,
    so weekdays stay weekdays), with fresh ids and the app's audit entries; returns the rows added."""
    rng = random.Random(seed)
    tables = [t for t in HISTORY_TABLES if t in db.table_names()]
    source = {t: list(db.query(f"SELECT * FROM [{t}] WHERE deleted = 0 ORDER BY rowid")) for t in tables}
    added = 0
    for back in range(1, years + 1):
        new_ids: dict[str, str] = {}
        with transaction(db):
            for table in tables:
                rows = []
                for row in source[table]:
                    new_ids[row["id"]] = f"{rng.getrandbits(128):032x}"
                for row in source[table]:
                    copy = {
                        k: _moved(k, v, back, new_ids) for k, v in row.items() if k not in records.BOOKKEEPING
                    }
                    copy["id"] = new_ids[row["id"]]
                    rows.append(copy)
                records.save_many(db, table, rows, SYSTEM)
                added += len(rows)
    return added


def counts(db: Database) -> dict[str, int]:
    return {
        "classes": db.execute("SELECT COUNT(*) FROM classes WHERE deleted = 0").fetchone()[0],
        "students": db.execute("SELECT COUNT(*) FROM students WHERE deleted = 0").fetchone()[0],
        "homework_entries": db.execute(f"SELECT COUNT(*) FROM {hw.ENTRIES}").fetchone()[0],
        "audit_entries": db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0],
    }


def _built(data_dir: Path | None, name: str, path: Path, build: Callable[[], Database]) -> Database:
    """The school at ``path``: built, or copied from ``data_dir`` where an earlier run with the same size and
    date kept it (and kept there after building, when a ``data_dir`` is given)."""
    kept = data_dir / f"{name}.sqlite" if data_dir is not None else None
    if kept is not None and kept.exists():
        shutil.copy(kept, path)
        return open_db(path)
    db = build()
    if kept is not None:
        db.close()
        data_dir.mkdir(parents=True, exist_ok=True)
        _copy(path, kept)
        db = open_db(path)
    return db


def _copy(db_path: Path, target: Path) -> Path:
    """A copy of a closed-or-checkpointed database file (the WAL folded in first)."""
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    shutil.copy(db_path, target)
    return target


def _median(samples: list[float]) -> float:
    return statistics.median(samples)


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


# ------------------------------------------------------------------ figures


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
    raw_path = _copy(db_path, db_path.with_name("baseline-save.sqlite"))
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
    return _p95(app), _p95(raw)


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
    return _median(app), _median(baseline)


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


def _rounds(repeats: int) -> str:
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
        app_path = _copy(source, stem.with_name(f"{stem.name}-{round_}.sqlite"))
        baseline_path = _copy(source, stem.with_name(f"baseline-{stem.name}-{round_}.sqlite"))
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
    from fivemgmt.exchange import package

    principal = Actor("benchmark-principal", "校长", PRINCIPAL)
    setup = package.export_package(db, principal, work / "setup").path
    paths = []
    for school_class in school.list_classes(db):
        teacher = Actor(f"t-{school_class.id[:8]}", "班主任", TEACHER, {school_class.id: None})
        paths.append(
            package.export_package(db, teacher, work / f"class-{school_class.id[:8]}", since="all").path
        )
    joined_path = work / "joined.sqlite"
    joined = open_db(joined_path)
    package.import_packages(joined, LOCAL_ADMIN, [setup], school_key=package.school_key(db))  # joining
    joined.close()
    app, baseline = [], []
    for target_path, baseline_path in _fresh_copies(joined_path, work / "merged", repeats):
        target = open_db(target_path)
        before = {
            t: {r[0] for r in target.execute(f"SELECT id FROM [{t}]")}
            for t in package.exchange_tables(target)
        }
        start = time.perf_counter()
        package.import_packages(target, principal, paths)
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
    return _median(app), _median(baseline), len(paths)


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
    return _median(app), _median(baseline)


def time_fitness(db: Database, work: Path, today: dt.date, repeats: int = 1) -> tuple[float, float]:
    """CPU seconds (medians of ``repeats``, the two taken in turn so both see the same load): reading and
    scoring the national upload template of every student, and openpyxl reading the same file.

    CPU time of the process, as the dashboard's figure: both are one thread reading a file already in
    the page cache, and on a shared computer their wall clock measured the other programs (the same tree
    gave 1.5× and 2.3× back to back)."""
    import openpyxl

    from fivemgmt.fitness import store
    from fivemgmt.fitness.scorefile import score_sheet
    from fivemgmt.fitness.tables import load_tables
    from fivemgmt.fitness.template import read_template

    path = work / "fitness.xlsx"
    store.export_template(db, path, today=today)
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
    return _median(app), _median(baseline)


def _run_child(args: list[str]) -> tuple[float, float]:
    """(seconds from spawn to first paint, peak MB) of one child process."""
    env = dict(os.environ)
    env.setdefault(
        "QT_QPA_PLATFORM", "offscreen" if sys.platform.startswith("linux") and not env.get("DISPLAY") else ""
    )
    if not env["QT_QPA_PLATFORM"]:
        del env["QT_QPA_PLATFORM"]
    root = Path(__file__).resolve().parent.parent
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH", "")]))
    # The system-wide monotonic clock: the same in parent and child, and never moved (a changed wall
    # clock, or a test's pinned one, would make the figure negative).
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "ui.startup_probe", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        check=False,
    )
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
        (_median([a[0] for a in app]), _median([b[0] for b in bare])),
        (_median([a[1] for a in app]), _median([b[1] for b in bare])),
    )


# ------------------------------------------------------------------ district


@dataclass
class DistrictSchool:
    """One school of the district: its term packages (set-up and records) and the built school they come
    from (a re-keyed school shares its keys: reading its packages costs what its own keys would)."""

    number: int
    base: int  # index into the built schools
    students: int
    paths: list[Path]


_GENERATED_ID = re.compile(r"[0-9a-f]{32}")


def rekeyed(payloads: list[dict[str, Any]], number: int) -> list[dict[str, Any]]:
    """The packages of a built school as another school's: every generated id (and every reference to
    one, in any column), version and package id replaced by a deterministic hash of the school's number,
    so no two schools of the district share a record; the rows, their sizes and their order unchanged."""
    salt = f"district-{number}:"

    def new(value: str) -> str:
        return hashlib.sha256((salt + value).encode()).hexdigest()[:32]

    ids: dict[str, str] = {}
    for payload in payloads:
        for table in payload["tables"].values():
            where = table["columns"].index("id")
            for row in table["rows"]:
                if isinstance(row[where], str) and _GENERATED_ID.fullmatch(row[where]):
                    ids[row[where]] = new(row[where])
    out = []
    for payload in payloads:
        tables = {}
        for name, table in payload["tables"].items():
            tables[name] = {
                "columns": table["columns"],
                "rows": [[ids.get(v, v) if isinstance(v, str) else v for v in row] for row in table["rows"]],
                "history": [[new(v) for v in versions] for versions in table["history"]],
            }
        copy = dict(payload, tables=tables, package_id=new(payload["package_id"]))
        copy["school_name"] = f"{payload.get('school_name') or '学校'}（{number}号）"
        out.append(copy)
    return out


def build_district(
    district: DistrictSize,
    size: Size,
    term_path: Path,
    work: Path,
    data_dir: Path | None,
    today: dt.date,
    print_line: Callable[[str], None] = print,
) -> tuple[list[Path], list[DistrictSchool]]:
    """The built schools (one per size in ``district.classes``, through the app; the largest is the term
    school at ``term_path``) and the district's schools with their term packages: the built ones export
    theirs with the app, every other school is a built one re-keyed (:func:`rekeyed`) and sealed and signed
    by the app's package writer. Deterministic: the same schools, rows and ids on every run."""
    from fivemgmt.exchange import package

    principal = Actor("benchmark-principal", "校长", PRINCIPAL)
    bases: list[Path] = []
    payloads: list[list[dict[str, Any]]] = []
    students: list[int] = []
    folder = work / "district"
    folder.mkdir()
    for index, classes in enumerate(sorted(district.classes)):
        if classes == size.classes:
            path = term_path
        else:
            path = work / f"district-base-{classes}.sqlite"
            small = Size(classes, size.students, size.weeks, 1, 0, 1, 0)
            _built(
                data_dir,
                f"district-{classes}-{size.students}-{size.weeks}-{today}",
                path,
                lambda path=path, small=small: build_school(path, small, today),
            ).close()
        db = open_db(path)
        exported = [
            package.export_package(db, principal, folder / f"school-{index}-setup").path,
            package.export_package(
                db, principal, folder / f"school-{index}-records", kind="records", since="all"
            ).path,
        ]
        payloads.append([package.read_package(db, p).payload for p in exported])
        students.append(counts(db)["students"])
        db.close()
        bases.append(path)
        print_line(f"区县：第 {index + 1} 所建成的学校，{classes} 个班，{students[-1]} 名学生")
    schools = [DistrictSchool(i, i, students[i], []) for i in range(len(bases))]
    for i, school_ in enumerate(schools):
        school_.paths = [
            folder / f"school-{i}-setup{package.SUFFIX}",
            folder / f"school-{i}-records{package.SUFFIX}",
        ]
    signers = [open_db(path) for path in bases]
    try:
        for number in range(len(bases), district.schools):
            base = number % len(bases)
            paths = []
            for payload, kind in zip(rekeyed(payloads[base], number), ("setup", "records"), strict=True):
                path = folder / f"school-{number}-{kind}{package.SUFFIX}"
                package.write_package(signers[base], path, payload, signer_name=principal.display_name)
                paths.append(path)
            schools.append(DistrictSchool(number, base, students[base], paths))
    finally:
        for db in signers:
            db.close()
    return bases, schools


def time_district_school(db: Database, school_: DistrictSchool) -> float:
    """Seconds a district hub spends opening a school's term packages: the size, header and signature
    checked, the seal opened, the rows inflated and parsed (as ``package import`` reads every package)."""
    from fivemgmt.exchange import package

    start = time.perf_counter()
    for path in school_.paths:
        package.read_package(db, path)
    return time.perf_counter() - start


def time_term_summary(db: Database, today: dt.date) -> float:
    """Seconds of the school's term summary (``fivemgmt summary --term``: every week judged)."""
    from fivemgmt import summary
    from fivemgmt.calendar import SchoolCalendar

    term = SchoolCalendar(db).current_or_last_term(today)
    if term is None:
        raise UserError("基准测试的学校没有学期。")
    start = time.perf_counter()
    summary.period_summary(db, "本学期", term.start, term.end, today=today)
    return time.perf_counter() - start


def run_district(
    report: Report,
    district: DistrictSize,
    size: Size,
    term_path: Path,
    work: Path,
    data_dir: Path | None,
    today: dt.date,
    print_line: Callable[[str], None] = print,
) -> None:
    """Build the district, time every school's packages and each built school's term summary, and judge
    linearity: the cost per student of the largest school against the smallest's (medians over the
    district's schools of each size; the summary a median of repeats)."""
    started = time.perf_counter()
    bases, schools = build_district(district, size, term_path, work, data_dir, today, print_line)
    report.data["district"] = {
        "schools": len(schools),
        "students": sum(s.students for s in schools),
        "build_s": round(time.perf_counter() - started, 1),
    }
    print_line(f"区县数据：{report.data['district']}")
    reads: dict[int, list[float]] = {i: [] for i in range(len(bases))}
    dbs = [open_db(path) for path in bases]
    try:
        for school_ in schools:
            reads[school_.base].append(time_district_school(dbs[school_.base], school_))
        summaries = {
            i: _median([time_term_summary(db, today) for _ in range(size.repeats)])
            for i, db in enumerate(dbs)
        }
    finally:
        for db in dbs:
            db.close()
    per_size = []
    for i in range(len(bases)):
        students = schools[i].students
        read = _median(reads[i])
        per_size.append(
            {
                "students": students,
                "schools": len(reads[i]),
                "package_s": round(read, 4),
                "summary_s": round(summaries[i], 4),
                "ms_per_student": round((read + summaries[i]) * 1000 / students, 4),
            }
        )
        print_line(
            f"区县：{students} 名学生的学校（{len(reads[i])} 所）：数据包 {read:.3f} s，学期汇总 "
            f"{summaries[i]:.3f} s，每名学生 {per_size[-1]['ms_per_student']:.3f} ms"
        )
    report.data["district"]["sizes"] = per_size
    smallest, largest = per_size[0], per_size[-1]
    figure = report.figures["district_linearity"]
    figure.app, figure.baseline = largest["ms_per_student"], smallest["ms_per_student"]
    figure.note = (
        f"{len(schools)} 所学校；最大 {largest['students']} 名学生，最小 {smallest['students']} 名；"
        "每校：打开、验证、读取学期数据包 + 学期汇总"
    )
    print_line(figure.line())


# ------------------------------------------------------------------ the run


def run(
    *,
    scale: str = "school-5y",
    quick: bool = False,
    today: dt.date,
    json_path: Path | None = None,
    workdir: Path | None = None,
    only: set[str] | None = None,
    data_dir: Path | None = None,
    print_line: Callable[[str], None] = print,
) -> Report:
    """Build the data, measure every figure, print the table (and write it as JSON when asked).

    ``only``: the keys of the figures to measure (the others are left unmeasured); ``data_dir``: a folder
    where the built schools are kept and, on the next run with the same size and date, reused — for
    engineers measuring one figure again and again, never for a release's table."""
    if scale not in SCALES:
        raise UserError(f"规模应为 {'、'.join(SCALES)} 之一。")
    if only is not None and (unknown := only - set(figures(scale))):
        raise UserError(
            f"没有这些测量项 / no such figures: {'、'.join(sorted(unknown))}；可选 {'、'.join(figures(scale))}"
        )
    wanted = (lambda key: True) if only is None else (lambda key: key in only)
    size = QUICK if quick else FULL
    report = Report(scale, quick, today.isoformat())
    with tempfile.TemporaryDirectory(prefix="fivemgmt-bench-", dir=workdir) as tmp:
        work = Path(tmp)
        term_path = work / "school.sqlite"
        started = time.perf_counter()
        db = _built(
            data_dir,
            f"school-{size.classes}-{size.weeks}-{today}",
            term_path,
            lambda: build_school(term_path, size, today),
        )
        report.data["school"] = counts(db) | {"build_s": round(time.perf_counter() - started, 1)}
        print_line(f"一学期数据：{report.data['school']}")
        f = report.figures
        if scale == "district":
            db.close()
            district = DISTRICT_QUICK if quick else DISTRICT
            run_district(report, district, size, term_path, work, data_dir, today, print_line)
            return _finish(report, json_path, print_line)

        def measure(
            key: str, action: Callable[[], tuple[float, float]], note: str | Callable[[], str] = ""
        ) -> None:
            if not wanted(key):
                return
            print_line(f"… {f[key].title}")
            f[key].app, f[key].baseline = action()
            f[key].note = note() if callable(note) else note  # a note may tell what the action found
            print_line(f[key].line())

        need_dashboards = wanted("dashboard") or wanted("dashboard_history")
        dashboards = [
            time_dashboard(db, today, baseline=scale == "school")
            for _ in range(size.repeats if need_dashboards else 0)
        ]
        term_dashboard = _median([d[0] for d in dashboards]) if dashboards else None
        measure(
            "self_inspection_pdf",
            lambda: time_pdf(db, today, report.data, 1 if quick else 5),
            lambda: (
                f"一学期数据，{PDF_NOTE}；首次（冷）生成 {report.data['self_inspection_pdf_cold_s']:.2f} s，"
                f"其中无缓存的自评依据 {report.data['self_inspection_evidence_cold_s']:.2f} s"
            ),
        )
        measure(
            "fitness_scoring",
            lambda: time_fitness(db, work, today, size.repeats),
            f"{report.data['school']['students']} 名学生",
        )
        merged: dict[str, int] = {}

        def merge() -> tuple[float, float]:
            app, baseline, merged["packages"] = time_merge(db, work, size.repeats)
            return app, baseline

        measure("package_merge", merge)
        if "packages" in merged:
            f["package_merge"].note = f"{merged['packages']} 个班主任数据包，{_rounds(size.repeats)}"
        db.close()
        path = term_path
        if scale == "school-5y":
            history_path = work / "school-5y.sqlite"

            def build_history() -> Database:
                history = open_db(_copy(term_path, history_path))
                report.data["history_rows"] = add_history(history, size.years - 1)
                return history

            started = time.perf_counter()
            path = history_path
            db = _built(
                data_dir, f"school-5y-{size.classes}-{size.weeks}-{size.years}-{today}", path, build_history
            )
            report.data["school-5y"] = counts(db) | {"build_s": round(time.perf_counter() - started, 1)}
            print_line(f"{size.years} 个学年的数据：{report.data['school-5y']}")
            dashboards = [time_dashboard(db, today) for _ in range(size.repeats if need_dashboards else 0)]
            if dashboards:
                history_dashboard = _median([d[0] for d in dashboards])
                f["dashboard_history"].app, f["dashboard_history"].baseline = (
                    history_dashboard,
                    term_dashboard,
                )
                print_line(f["dashboard_history"].line())
            db.close()
        else:
            f["dashboard_history"].note = "只在 --scale school-5y 测量 / measured with school-5y only"
        label = f"{scale} 规模"
        if dashboards and wanted("dashboard"):
            f["dashboard"].app = _median([d[0] for d in dashboards])
            f["dashboard"].baseline = _median([d[1] for d in dashboards])
            f["dashboard"].note = label
            print_line(f["dashboard"].line())
        if wanted("startup") or wanted("peak_memory"):
            (startup, bare), (memory, bare_memory) = time_startup(path, today, size.repeats)
            f["startup"].app, f["startup"].baseline, f["startup"].note = startup, bare, label
            f["peak_memory"].app, f["peak_memory"].baseline = memory, bare_memory
            f["peak_memory"].note = label
            print_line(f["startup"].line())
            print_line(f["peak_memory"].line())
        db = open_db(path)
        measure("save_entry", lambda: time_save(path, db, today, size.saves), label)
        db.close()
        measure(
            "csv_import",
            lambda: time_import(path, work, size.import_rows, today, size.repeats),
            f"{size.import_rows} 行，{label}，{_rounds(size.repeats)}",
        )
    return _finish(report, json_path, print_line)


def _finish(report: Report, json_path: Path | None, print_line: Callable[[str], None]) -> Report:
    """Print the table (and write it as JSON when asked)."""
    print_line("")
    print_line(format_table(report))
    print_line("基准测试通过：各项均在预算内" if report.ok else "基准测试未通过：有项目超出预算")
    if json_path is not None:
        Path(json_path).write_text(
            json.dumps(report.to_json(), ensure_ascii=False, indent=2), encoding="utf-8"
        )
    return report


def format_table(report: Report) -> str:
    """The figures as a Markdown table (the README's Performance section is this output)."""
    lines = [
        f"| figure | app | baseline | ratio | budget | ok |  (scale {report.scale}{', quick' if report.quick else ''})",
        "|---|---|---|---|---|---|",
    ]
    for item in report.figures.values():
        if item.app is None or item.baseline is None:
            lines.append(f"| {item.title} | — | — | — | {item.judge} {item.budget:g} | {item.note} |")
            continue
        shown = f"+{item.measure:.0f} MB" if item.judge == EXTRA_AT_MOST else f"{item.ratio:.3g}×"
        mark = "✓" if item.ok else "×"
        lines.append(
            f"| {item.title} | {item.app:.3g} {item.unit} | {item.baseline:.3g} {item.unit} | {shown} |"
            f" {item.judge} {item.budget:g} | {mark} |"
        )
    return "\n".join(lines)

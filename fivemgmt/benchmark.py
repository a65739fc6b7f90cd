"""``fivemgmt benchmark``: a large school with five school years of history, timed against budgets.

Timing budgets live here, not in the tests: a test suite on a loaded CI machine must not fail on speed,
but a release should not ship when saving an entry stops feeling instant.
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fivemgmt import clock, demo, records, school, summary
from fivemgmt.accounts import SYSTEM
from fivemgmt.areas import homework as hw
from fivemgmt.calendar import monday_of

# name → budget in milliseconds (95th percentile of the repeats)
BUDGETS_MS = {
    "保存一条作业 save one entry": 50,
    "读取一个班一天 read one class-day": 50,
    "一个班一周汇总 one class week": 50,
    "全校一周作业汇总 whole-school homework week": 1500,
    "全校一周五项汇总 whole-school week, all areas": 4000,
    "当天未登记班级 unlogged classes today": 100,
}


@dataclass
class Timing:
    name: str
    samples_ms: list[float]
    budget_ms: float

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples_ms)
        return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]

    @property
    def ok(self) -> bool:
        return self.p95 <= self.budget_ms

    def line(self) -> str:
        mark = "✓" if self.ok else "×"
        return (
            f"{mark} {self.name}: 中位 {statistics.median(self.samples_ms):.1f} ms, p95 {self.p95:.1f} ms"
            f"（预算 {self.budget_ms:.0f} ms）"
        )


def _time(name: str, repeats: int, action: Callable[[int], object]) -> Timing:
    samples = []
    for i in range(repeats):
        start = time.perf_counter()
        action(i)
        samples.append((time.perf_counter() - start) * 1000)
    return Timing(name, samples, BUDGETS_MS[name])


def add_history(db, years: int, classes: list[school.SchoolClass], before: dt.date) -> int:
    """Bulk-insert earlier school years of homework (benchmark data only, so no audit entries)."""
    rows = []
    stamp = records.now_iso()
    for year in range(1, years + 1):
        start = dt.date(before.year - year, 9, 1)
        for offset in range(0, 300):
            day = start + dt.timedelta(days=offset)
            if day.weekday() >= 5 or day >= before:
                continue
            for c in classes:
                for subject, minutes in (("语文", 20), ("数学", 20), ("英语", 15), ("科学", 10), ("美术", 5)):
                    rows.append(
                        (
                            records.new_id(),
                            c.id,
                            day.isoformat(),
                            subject,
                            "历史记录",
                            "书面",
                            1,
                            minutes,
                            stamp,
                            "benchmark",
                            "benchmark",
                            0,
                        )
                    )
    with db.conn:
        db.conn.executemany(
            f"INSERT INTO {hw.ENTRIES} (id, class_id, date, subject, content, kind, required, minutes, updated_at,"
            " updated_by, origin, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    return len(rows)


def run(
    *,
    classes: int = 60,
    students: int = 45,
    years: int = 5,
    today: dt.date | None = None,
    workdir: Path | None = None,
    print_line: Callable[[str], None] = print,
) -> bool:
    today = today or clock.today()
    with tempfile.TemporaryDirectory(prefix="fivemgmt-bench-") as tmp:
        path = (workdir or Path(tmp)) / "benchmark.sqlite"
        started = time.perf_counter()
        db = demo.build(path, classes=classes, weeks=20, seed=1, today=today, students_per_class=students)
        all_classes = school.list_classes(db)
        history = add_history(
            db, years, all_classes, dt.date(today.year if today.month >= 9 else today.year - 1, 9, 1)
        )
        total = db.execute(f"SELECT COUNT(*) FROM {hw.ENTRIES}").fetchone()[0]
        pupils = db.execute("SELECT COUNT(*) FROM students").fetchone()[0]
        print_line(
            f"学校：{len(all_classes)} 个班级，{pupils} 名学生，作业记录 {total} 条（其中历史 {history} 条），"
            f"准备用时 {time.perf_counter() - started:.1f} 秒"
        )
        target = next(c for c in all_classes if c.grade >= 3)
        monday = monday_of(today)
        plan = db.execute(
            f"EXPLAIN QUERY PLAN SELECT * FROM {hw.ENTRIES} WHERE deleted = 0 AND class_id = ? AND date BETWEEN ? AND ?",
            [target.id, "2026-01-01", "2026-01-07"],
        ).fetchall()
        uses_index = any("USING INDEX" in str(row[-1]) for row in plan)
        print_line(("✓" if uses_index else "×") + f" 按班级和日期读取使用索引：{plan[-1][-1]}")
        timings = [
            _time(
                "保存一条作业 save one entry",
                50,
                lambda i: hw.save_entry(
                    db,
                    SYSTEM,
                    hw.Entry(None, target.id, today, "数学", f"第{i}题", "书面", True, 1),
                    today=today,
                ),
            ),
            _time("读取一个班一天 read one class-day", 30, lambda i: hw.class_day(db, target, today, today)),
            _time(
                "一个班一周汇总 one class week",
                30,
                lambda i: summary.week_summary(
                    db, monday, today=today, areas=["homework"], class_ids=[target.id]
                ),
            ),
            _time(
                "全校一周作业汇总 whole-school homework week",
                5,
                lambda i: summary.week_summary(db, monday, today=today, areas=["homework"]),
            ),
            _time(
                "全校一周五项汇总 whole-school week, all areas",
                3,
                lambda i: summary.week_summary(db, monday, today=today),
            ),
            _time("当天未登记班级 unlogged classes today", 30, lambda i: hw.unlogged_classes(db, today)),
        ]
        db.close()
    for timing in timings:
        print_line(timing.line())
    ok = uses_index and all(t.ok for t in timings)
    print_line("基准测试通过" if ok else "基准测试未通过：有项目超出预算")
    return ok

"""``fivemgmt benchmark``: the app's slow paths on a realistic school, each against a baseline of the same run.

Machines are shared and noisy, so no figure has an absolute budget: each is the app's time (or memory) next
to a baseline measured in the same run on the same data — what the same work costs without the app's own
overhead — and the budget is their ratio. Budgets live here, not in the tests: a test suite on a loaded CI
machine must not fail on speed (``--quick`` only proves the command works), but a release should not ship
with a figure over its budget.

Data: the demo school (every register at realistic density, written through the app so its audit entries
are the app's) for one term; ``school-5y`` copies every dated register back into four earlier school years
with :func:`fivemgmt.records.save_many` (executemany, audit entries chained as the app writes them).

Here is the run itself; :mod:`.report` has the sizes, the figures and their budgets, :mod:`.data` builds the
schools, :mod:`.timing` measures each figure against its baseline, :mod:`.district` the district scale.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database

from fivemgmt.benchmark.data import add_history, build_school, built_or_kept, copy_database, counts, median
from fivemgmt.benchmark.district import rekeyed, run_district
from fivemgmt.benchmark.report import (
    DISTRICT,
    DISTRICT_QUICK,
    FULL,
    QUICK,
    SCALES,
    Report,
    figures,
    format_table,
)
from fivemgmt.benchmark.timing import (
    PDF_NOTE,
    rounds_note,
    time_dashboard,
    time_fitness,
    time_import,
    time_merge,
    time_pdf,
    time_save,
    time_startup,
    write_homework_csv,
)
from fivemgmt.errors import UserError
from fivemgmt.session import open_db

# what the command, the tests and engineers' scripts use of the package
__all__ = [
    "QUICK",
    "SCALES",
    "build_school",
    "copy_database",
    "figures",
    "rekeyed",
    "run",
    "time_import",
    "time_merge",
    "write_homework_csv",
]


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
        db = built_or_kept(
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
        term_dashboard = median([d[0] for d in dashboards]) if dashboards else None
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
            f["package_merge"].note = f"{merged['packages']} 个班主任数据包，{rounds_note(size.repeats)}"
        db.close()
        path = term_path
        if scale == "school-5y":
            history_path = work / "school-5y.sqlite"

            def build_history() -> Database:
                history = open_db(copy_database(term_path, history_path))
                report.data["history_rows"] = add_history(history, size.years - 1)
                return history

            started = time.perf_counter()
            path = history_path
            db = built_or_kept(
                data_dir, f"school-5y-{size.classes}-{size.weeks}-{size.years}-{today}", path, build_history
            )
            report.data["school-5y"] = counts(db) | {"build_s": round(time.perf_counter() - started, 1)}
            print_line(f"{size.years} 个学年的数据：{report.data['school-5y']}")
            dashboards = [time_dashboard(db, today) for _ in range(size.repeats if need_dashboards else 0)]
            if dashboards:
                history_dashboard = median([d[0] for d in dashboards])
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
            f["dashboard"].app = median([d[0] for d in dashboards])
            f["dashboard"].baseline = median([d[1] for d in dashboards])
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
            f"{size.import_rows} 行，{label}，{rounds_note(size.repeats)}",
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

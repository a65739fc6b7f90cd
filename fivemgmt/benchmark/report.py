"""The benchmark's sizes, its figures with their budgets, and the report they make (the README's table)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

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

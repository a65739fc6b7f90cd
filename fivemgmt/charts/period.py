"""Charts of a period of several weeks (本学期, 本学年): one chart per area with every week of the period.

Each week is a bar of the school's classes by what that week's check found for the area (达标, 预警, 超标,
未达标, 违规, 待审, 未登记 — the one status vocabulary), so a term's report shows the whole term, not its
last week. A class the rule does not apply to (不适用) is left out; a week without records is 未登记, never
达标.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlite_utils import Database

from fivemgmt.calendar import week_label
from fivemgmt.charts import style
from fivemgmt.charts.chart import Chart
from fivemgmt.charts.data import cached_week
from fivemgmt.rules import Status

# Bottom to top: good news first, 未登记 on top (hatched).
ORDER = [
    Status.GREEN,
    Status.YELLOW,
    Status.PENDING,
    Status.RED,
    Status.BELOW,
    Status.VIOLATION,
    Status.UNLOGGED,
]


@dataclass
class AreaWeeks:
    """Per week of the period, the number of classes with each status of one area."""

    area: str
    title: str
    labels: list[str]  # 2026-W36
    counts: dict[Status, list[int]]

    @property
    def judged(self) -> bool:
        return any(sum(v) for v in self.counts.values())


def area_weeks(
    db: Database, mondays: list[dt.date], today: dt.date, areas: list[str]
) -> dict[str, AreaWeeks]:
    """For each area, every week's classes counted by status (the week summaries the dashboard uses)."""
    found = {a: AreaWeeks(a, a, [], {s: [] for s in ORDER}) for a in areas}
    for monday in mondays:
        week = cached_week(db, monday, today)
        for area, result in found.items():
            result.title = week.area_titles.get(area, result.title)
            result.labels.append(week_label(monday))
            tally = dict.fromkeys(ORDER, 0)
            for row in week.classes:
                status = row.areas[area].status if area in row.areas else None
                if status is None or status is Status.NA:
                    continue
                tally[status if status in tally else status.level] += 1
            for status in ORDER:
                result.counts[status].append(tally[status])
    return found


def area_period_chart(data: AreaWeeks, period_label: str) -> Chart:
    name = f"period_{data.area}"
    title = f"{data.title}：各周各班判定"
    figure = style.new_figure(style.WIDTH, 3.6)
    style.title(figure, title, f"{period_label}，每周一柱，柱高为班级数")
    ax = figure.subplots()
    xs = list(range(len(data.labels)))
    if not data.judged:
        style.no_data(ax, "暂无数据")
        return Chart(name, title, figure, data.area, empty=True)
    bottoms = [0] * len(xs)
    shown = []
    for status in ORDER:
        values = data.counts[status]
        if not any(values):
            continue
        shown.append(status)
        ax.bar(
            xs,
            values,
            bottom=bottoms,
            color=status.color,
            edgecolor="#666666",
            linewidth=0.4,
            hatch=style.UNLOGGED_HATCH if status is Status.UNLOGGED else "",
        )
        bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
    step = max(1, len(xs) // 20)  # a school year's ~40 weeks: every other label
    ax.set_xticks(xs[::step], [label.split("-")[-1] for label in data.labels[::step]], fontsize=8)
    ax.set_xlabel(f"周（ISO 周次，{data.labels[0]} 至 {data.labels[-1]}）")
    ax.set_ylabel("班级数")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(
        handles=style.status_legend_handles(shown),
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
        fontsize=8,
        frameon=False,
    )
    ax.grid(axis="y", color="#DDDDDD")
    return Chart(name, title, figure, data.area)


def period_charts(
    db: Database, mondays: list[dt.date], today: dt.date, areas: list[str], period_label: str
) -> dict[str, Chart]:
    """One chart per area over the given weeks, by area key (an area without any judged week included,
    with its 暂无数据 note)."""
    return {
        area: area_period_chart(data, period_label)
        for area, data in area_weeks(db, mondays, today, areas).items()
    }

"""Shared parts of the weekly charts: click targets, subtitles, 暂无数据 notes, limit texts and the grouped
per-class bars (phone, activity).

Builders never query the database; :func:`fivemgmt.charts.data.load_week` does that once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from fivemgmt.areas.base import AreaWeek
from fivemgmt.charts import style
from fivemgmt.charts.chart import Chart
from fivemgmt.charts.data import ClassFigures, NavTarget, WeekData, class_figures
from fivemgmt.i18n import QT_TRANSLATE_NOOP, translate
from fivemgmt.rules import STATUS_COLORS, Status, reason_separator

AREA_TITLES = {
    "homework": QT_TRANSLATE_NOOP("Charts", "作业"),
    "sleep": QT_TRANSLATE_NOOP("Charts", "睡眠"),
    "phone": QT_TRANSLATE_NOOP("Charts", "手机"),
    "reading": QT_TRANSLATE_NOOP("Charts", "读物"),
    "activity": QT_TRANSLATE_NOOP("Charts", "体质"),
    "afterschool": QT_TRANSLATE_NOOP("Charts", "课后服务"),
    "fitness": QT_TRANSLATE_NOOP("Charts", "体质测试"),
}


def focus_day(area: AreaWeek | None, monday: dt.date) -> dt.date:
    """The day a click on a class's week opens: its first red or 未登记 day, else Monday."""
    for wanted in (
        Status.VIOLATION,
        Status.RED,
        Status.BELOW,
        Status.UNLOGGED,
        Status.YELLOW,
        Status.PENDING,
    ):
        for day in area.days if area else []:
            if day.status is wanted:
                return day.date
    return monday


def area_of(data: WeekData, class_id: str, area: str) -> AreaWeek | None:
    row = next((c for c in data.week.classes if c.school_class.id == class_id), None)
    return row.areas.get(area) if row else None


def target(
    data: WeekData, class_id: str, class_name: str, area: str, day: dt.date | None = None
) -> NavTarget:
    return NavTarget(
        class_id, class_name, area, day or focus_day(area_of(data, class_id, area), data.week.monday)
    )


def subtitle(data: WeekData) -> str:
    week = data.week
    sunday = week.monday + dt.timedelta(days=6)
    text = translate("Charts", "{week}（{start_month}月{start_day}日—{end_month}月{end_day}日）")
    return text.format(
        week=week.label,
        start_month=f"{week.monday:%m}",
        start_day=f"{week.monday:%d}",
        end_month=f"{sunday:%m}",
        end_day=f"{sunday:%d}",
    )


def empty_chart(name: str, title: str, area: str | None, note: str) -> Chart:
    figure = style.new_figure(style.WIDTH, 2.4)
    style.title(figure, title)
    style.no_data(figure.add_subplot(), note)
    return Chart(name, title, figure, area, empty=True)


def class_chart(
    data: WeekData, name: str, title: str, area: str, rows: int, extra: float
) -> tuple[Chart, Axes]:
    """A per-class chart with one axes: a row per class, the week in the subtitle."""
    figure = style.new_figure(style.WIDTH, style.per_class_height(rows, extra))
    style.title(figure, title, subtitle(data))
    return Chart(name, title, figure, area), figure.add_subplot()


def no_area_note(area: str) -> str:
    text = translate("Charts", "暂无数据：{area}本周没有可显示的记录（或该模块尚未启用）")
    return text.format(area=translate("Charts", AREA_TITLES.get(area, area)))


def logged_rows(data: WeekData, area: str) -> list[ClassFigures]:
    """The area's per-class figures; empty when no class logged anything this week (a chart of blanks says
    nothing — the overview grid still shows every class as 未登记)."""
    rows = class_figures(data.week, area)
    if all(r.status in (Status.UNLOGGED, Status.NA) for r in rows):
        return []
    return rows


@dataclass
class Series:
    key: str
    label: str
    limit_label: str  # names the limit in the legend
    limit: Callable[[ClassFigures], float | None]
    kind: str = "min"  # "min": below the limit breaks the rule; "max": above it does


def class_bars(
    data: WeekData,
    name: str,
    title: str,
    area: str,
    rows: list[ClassFigures],
    series: list[Series],
    xlabel: str,
    *,
    percent: bool = False,
    integer: bool = False,
    minimum_top: float = 1.0,
) -> Chart:
    """Horizontal grouped bars per class, one bar per series, each series with its limit drawn and named.

    A limit that is the same for every class is one line across the chart; otherwise each bar gets its own mark.
    Values that break the limit are labelled with × and drawn in vermillion text, so colour is not needed.
    """
    row_height = style.ROW_HEIGHT * (1 + 0.4 * (len(series) - 1))
    figure = style.new_figure(style.WIDTH, 2.2 + row_height * max(len(rows), 3))
    style.title(figure, title, subtitle(data))
    ax = figure.add_subplot()
    chart = Chart(name, title, figure, area)
    ys = np.arange(len(rows))
    height = 0.8 / len(series)
    top = minimum_top
    for k, item in enumerate(series):
        values = [getattr(r.figures, item.key) for r in rows]
        limits_ = [item.limit(r) for r in rows]
        offset = (k - (len(series) - 1) / 2) * height
        ax.barh(
            ys + offset,
            [v or 0 for v in values],
            height=height * 0.9,
            color=style.PALETTE[k],
            hatch=style.HATCHES[k],
            edgecolor="white",
            label=item.label,
        )
        top = max([top, *[v or 0 for v in values], *[v or 0 for v in limits_]])
        for y, v, lim in zip(ys, values, limits_):
            broken = v is not None and lim is not None and (v < lim if item.kind == "min" else v > lim)
            text = translate("Charts", "未登记") if v is None else (style.pct(v) if percent else style.fmt(v))
            ax.text(
                v or 0,
                y + offset,
                f" {text}{' ' + Status.BELOW.symbol if broken and item.kind == 'min' else ' ' + Status.RED.symbol if broken else ''}",
                va="center",
                fontsize=7,
                color=STATUS_COLORS[Status.RED] if broken else style.TEXT_DARK,
            )
        known = {v for v in limits_ if v is not None}
        linestyle = style.LINESTYLES[1 + k % 3]
        if len(known) == 1:
            ax.axvline(
                known.pop(),
                color=style.LIMIT_COLOR,
                linestyle=linestyle,
                linewidth=1.6,
                label=item.limit_label,
                zorder=4,
            )
        elif known:
            style.draw_limit_segments(
                ax,
                list(ys + offset),
                limits_,
                horizontal_bars=True,
                width=height * 1.3,
                label=item.limit_label,
                style=linestyle,
            )
    for y, r in zip(ys, rows):
        chart.add_hit(ax, 0, top * 1.1, y - 0.4, y + 0.4, target(data, r.class_id, r.class_name, area))
    style.class_axis(ax, [f"{r.class_name}  {style.symbol(r.status)}" for r in rows])
    ax.set_xlim(0, top * 1.15)
    if percent:
        ax.xaxis.set_major_formatter(lambda v, _: f"{v * 100:.0f}%")
    if integer:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(xlabel)
    ax.grid(axis="x", color="#DDDDDD")
    ax.set_axisbelow(True)
    figure.legend(
        *ax.get_legend_handles_labels(), loc="outside lower center", ncol=2, fontsize=9, frameon=False
    )
    return chart


def limit_text(data: WeekData, rule_id: str, prefix: str) -> str:
    """The limit of a rule for the grades shown, from the rule book: "三至六年级 60 分钟；七至九年级 90 分钟"."""
    from fivemgmt import class_names

    grades = sorted({c.school_class.grade for c in data.week.classes})
    groups: list[tuple[list[int], object, str]] = []
    for grade in grades:
        if not data.rules.has(rule_id, grade, data.week.monday):
            continue
        rule = data.rules.rule(rule_id, grade, data.week.monday)
        if groups and groups[-1][1] == rule.value and groups[-1][0][-1] == grade - 1:
            groups[-1][0].append(grade)
        else:
            groups.append(([grade], rule.value, rule.unit))
    parts = []
    for members, value, unit in groups:
        first, last = class_names.grade_name(members[0]), class_names.grade_name(members[-1])
        span = first if len(members) == 1 else f"{first.removesuffix('年级')}至{last}"
        if value == 0 and "homework" in rule_id:
            shown = translate("Charts", "不布置书面作业")
        else:
            shown = f"{style.fmt(float(value))} {translate('Unit', unit)}"
        parts.append(shown if len(groups) == 1 else f"{span} {shown}")
    return prefix + (reason_separator().join(parts) if parts else "—")

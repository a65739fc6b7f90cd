"""The weekly charts: each builder takes the week's data and returns a :class:`Chart` (Figure + click targets).

Builders never query the database; :func:`fivemgmt.charts.data.load_week` does that once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import MaxNLocator

from fivemgmt.areas.base import AreaWeek
from fivemgmt.calendar import weekday_name
from fivemgmt.charts import style
from fivemgmt.charts.chart import Chart
from fivemgmt.charts.data import (
    FITNESS_LEVELS,
    ClassFigures,
    FitnessYear,
    LevelRow,
    NavTarget,
    SubjectWeek,
    Trend,
    WeekData,
    class_figures,
    grade_means,
    has_figures,
    homework_heatmap,
    level_rows,
    limits,
    overview,
    rest_day_totals,
    sleep_by_grade,
)
from fivemgmt.fitness.names import shown as fitness_name
from fivemgmt.i18n import QT_TRANSLATE_NOOP, translate
from fivemgmt.rules import LEGEND_ORDER, STATUS_COLORS, Status, reason_separator

AREA_TITLES = {
    "homework": QT_TRANSLATE_NOOP("Charts", "作业"),
    "sleep": QT_TRANSLATE_NOOP("Charts", "睡眠"),
    "phone": QT_TRANSLATE_NOOP("Charts", "手机"),
    "reading": QT_TRANSLATE_NOOP("Charts", "读物"),
    "activity": QT_TRANSLATE_NOOP("Charts", "体质"),
    "afterschool": QT_TRANSLATE_NOOP("Charts", "课后服务"),
    "fitness": QT_TRANSLATE_NOOP("Charts", "体质测试"),
}


def _focus_day(area: AreaWeek | None, monday: dt.date) -> dt.date:
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


def _area_of(data: WeekData, class_id: str, area: str) -> AreaWeek | None:
    row = next((c for c in data.week.classes if c.school_class.id == class_id), None)
    return row.areas.get(area) if row else None


def _target(
    data: WeekData, class_id: str, class_name: str, area: str, day: dt.date | None = None
) -> NavTarget:
    return NavTarget(
        class_id, class_name, area, day or _focus_day(_area_of(data, class_id, area), data.week.monday)
    )


def _subtitle(data: WeekData) -> str:
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


def _class_chart(
    data: WeekData, name: str, title: str, area: str, rows: int, extra: float
) -> tuple[Chart, Axes]:
    """A per-class chart with one axes: a row per class, the week in the subtitle."""
    figure = style.new_figure(style.WIDTH, style.per_class_height(rows, extra))
    style.title(figure, title, _subtitle(data))
    return Chart(name, title, figure, area), figure.add_subplot()


def _no_area_note(area: str) -> str:
    text = translate("Charts", "暂无数据：{area}本周没有可显示的记录（或该模块尚未启用）")
    return text.format(area=translate("Charts", AREA_TITLES.get(area, area)))


def _logged_rows(data: WeekData, area: str) -> list[ClassFigures]:
    """The area's per-class figures; empty when no class logged anything this week (a chart of blanks says
    nothing — the overview grid still shows every class as 未登记)."""
    rows = class_figures(data.week, area)
    if all(r.status in (Status.UNLOGGED, Status.NA) for r in rows):
        return []
    return rows


# ------------------------------------------------------------------ overview


def overview_chart(data: WeekData) -> Chart:
    """Class × area grid of status codes, with each class's red share against the school average."""
    view = overview(data.week)
    name, title = "overview", translate("Charts", "五项管理周概览：各班各方面判定")
    if not view.rows or not view.areas:
        return empty_chart(name, title, None, translate("Charts", "暂无数据：没有班级或没有可判定的方面"))
    n, m = len(view.rows), len(view.areas)
    figure = style.new_figure(style.WIDTH, style.per_class_height(n, 2.4))
    style.title(figure, title, _subtitle(data))
    grid_ax, share_ax = figure.subplots(
        1, 2, sharey=True, gridspec_kw={"width_ratios": [max(m, 2) * 1.1, 3.2]}
    )
    chart = Chart(name, title, figure)
    average = view.average_red_share
    above = {i for i, r in enumerate(view.rows) if r.above_average(average)}
    for i, row in enumerate(view.rows):
        for j, (key, _) in enumerate(view.areas):
            status = row.statuses.get(key, Status.NA)
            grid_ax.add_patch(
                Rectangle(
                    (j - 0.5, i - 0.5),
                    1,
                    1,
                    facecolor=STATUS_COLORS[status],
                    edgecolor="white",
                    linewidth=2,
                    hatch=style.UNLOGGED_HATCH if status is Status.UNLOGGED else None,
                )
            )
            grid_ax.text(
                j,
                i,
                style.status_text(status),
                ha="center",
                va="center",
                fontsize=9,
                color=style.text_color_on(status),
            )
            chart.add_hit(
                grid_ax, j - 0.5, j + 0.5, i - 0.5, i + 0.5, _target(data, row.class_id, row.class_name, key)
            )
    grid_ax.set_xlim(-0.5, m - 0.5)
    grid_ax.set_xticks(range(m), [translate("Charts", t) for _, t in view.areas])
    grid_ax.xaxis.set_ticks_position("top")
    grid_ax.tick_params(axis="x", length=0, labelsize=10)
    for spine in grid_ax.spines.values():
        spine.set_visible(False)
    style.class_axis(grid_ax, [r.class_name for r in view.rows], highlight=above)
    grid_ax.set_xlabel(
        translate("Charts", "方面（格内为本周判定：{statuses}）").format(
            statuses=" · ".join(style.status_text(s) for s in LEGEND_ORDER[:-1])
        ),
        fontsize=9,
    )

    shares = [r.red_share for r in view.rows]
    colors = [STATUS_COLORS[Status.RED] if i in above else "#8DA0CB" for i in range(n)]
    bars = share_ax.barh(range(n), shares, color=colors, height=0.6, edgecolor="#444444", linewidth=0.5)
    for i, bar in enumerate(bars):
        if i in above:
            bar.set_hatch("//")
        if shares[i] > 0:
            share_ax.text(shares[i] + 0.01, i, style.pct(shares[i]), va="center", fontsize=8)
        chart.add_hit(
            share_ax,
            0,
            max(shares[i], 0.05),
            i - 0.4,
            i + 0.4,
            _target(data, view.rows[i].class_id, view.rows[i].class_name, "homework"),
        )
    share_ax.axvline(average, color=style.LIMIT_COLOR, linestyle="--", linewidth=1.8)
    share_ax.set_xlim(0, max(1.0 if max(shares, default=0) > 0.6 else 0.7, average + 0.1))
    share_ax.xaxis.set_major_formatter(lambda v, _: f"{v * 100:.0f}%")
    share_ax.set_xlabel(translate("Charts", "红灯（超标、未达标、违规）方面占比"))
    share_ax.set_title(translate("Charts", "各班红灯占比"), fontsize=10)
    share_ax.grid(axis="x", color="#DDDDDD")
    share_ax.set_axisbelow(True)
    handles = style.status_legend_handles(list(LEGEND_ORDER))
    handles += [
        style.limit_handle(translate("Charts", "全校平均红灯占比 {share}").format(share=style.pct(average))),
        Patch(
            facecolor=STATUS_COLORS[Status.RED],
            hatch="//",
            edgecolor="#444444",
            label=translate("Charts", "高于全校平均的班级（班名加框）"),
        ),
    ]
    figure.legend(handles=handles, loc="outside lower center", ncol=4, fontsize=9, frameon=False)
    return chart


# ------------------------------------------------------------------ homework


def homework_heatmap_chart(data: WeekData) -> Chart:
    name, title = "homework_heatmap", translate("Charts", "作业：各班每日书面作业时长（分钟）")
    rows = homework_heatmap(data.week)
    if not rows:
        return empty_chart(name, title, "homework", _no_area_note("homework"))
    n = len(rows)
    figure = style.new_figure(style.WIDTH, style.per_class_height(n, 2.4))
    style.title(figure, title, _subtitle(data) + translate("Charts", "  颜色按本班年级上限判定"))
    ax, side = figure.subplots(1, 2, sharey=True, gridspec_kw={"width_ratios": [7, 1.4]})
    chart = Chart(name, title, figure, "homework")
    days = [c.day for c in rows[0].cells]
    for i, row in enumerate(rows):
        for j, cell in enumerate(row.cells):
            if cell.state == "future":
                face, text, color, hatch = "#FFFFFF", "—", "#999999", None
            elif cell.state == "invalid":
                face, text = (
                    STATUS_COLORS[cell.status],
                    translate("Charts", "数据有误") + f" {style.symbol(cell.status)}",
                )
                color, hatch = style.text_color_on(cell.status), style.UNLOGGED_HATCH
            elif cell.state == "unlogged":
                face, text, color, hatch = (
                    STATUS_COLORS[Status.UNLOGGED],
                    Status.UNLOGGED.label,
                    style.TEXT_DARK,
                    style.UNLOGGED_HATCH,
                )
            elif cell.day_kind != "school" and not cell.minutes:
                face, text, color, hatch = "#F4F4F4", translate("Charts", "休息日"), "#777777", None
            elif cell.state == "none" and cell.day_kind == "school":
                face = STATUS_COLORS[cell.status]
                text = translate("Charts", "无作业") + f" {style.symbol(cell.status)}"
                color, hatch = style.text_color_on(cell.status), None
            else:
                face, text = STATUS_COLORS[cell.status], f"{cell.minutes} {style.symbol(cell.status)}"
                color, hatch = style.text_color_on(cell.status), None
            ax.add_patch(
                Rectangle(
                    (j - 0.5, i - 0.5), 1, 1, facecolor=face, edgecolor="white", linewidth=2, hatch=hatch
                )
            )
            ax.text(j, i, text, ha="center", va="center", fontsize=9, color=color)
            if cell.state != "future":
                chart.add_hit(
                    ax,
                    j - 0.5,
                    j + 0.5,
                    i - 0.5,
                    i + 0.5,
                    NavTarget(row.class_id, row.class_name, "homework", cell.day),
                )
    ax.set_xlim(-0.5, len(days) - 0.5)
    today_mark = translate("Charts", "（今天）")
    ax.set_xticks(
        range(len(days)),
        [
            f"{weekday_name(d)}\n{d.month}/{d.day}" + (today_mark if d == data.week.today else "")
            for d in days
        ],
    )
    ax.xaxis.set_ticks_position("top")
    ax.tick_params(axis="x", length=0)
    for spine in [*ax.spines.values(), *side.spines.values()]:
        spine.set_visible(False)
    ax.set_xlabel(translate("Charts", "日期（周末/节假日格为休息日合计判定）"), fontsize=9)
    style.class_axis(ax, [r.class_name for r in rows])
    # The cap itself, per class: "日均 / 上限" next to each row.
    week_rows = {c.school_class.id: c.areas.get("homework") for c in data.week.classes}
    for i, row in enumerate(rows):
        week_row = week_rows.get(row.class_id)
        if week_row is not None and week_row.invalid:  # a finding: stored data the app could not read
            shown = translate("Charts", "! 数据有误")
        else:
            figures = week_row.figures if week_row is not None else None
            cap = figures.cap if figures else None
            if cap is None:
                cap = limits(data.week, data.rules, row.grade)["homework_cap"]
            shown_cap = translate("Charts", "不布置") if cap == 0 else style.fmt(cap)
            shown = f"{style.fmt(figures.average_minutes if figures else None)} / {shown_cap}"
        side.text(
            0.5,
            i,
            shown,
            ha="center",
            va="center",
            fontsize=9,
        )
    side.set_xlim(0, 1)
    side.set_xticks([0.5], [translate("Charts", "日均 / 上限")])
    side.xaxis.set_ticks_position("top")
    side.tick_params(length=0)
    handles = style.status_legend_handles(
        [Status.GREEN, Status.YELLOW, Status.RED, Status.VIOLATION, Status.UNLOGGED]
    )
    handles.append(Patch(facecolor="#FFFFFF", edgecolor="#999999", label=translate("Charts", "— 尚未到该日")))
    handles.append(
        Patch(
            facecolor="white",
            edgecolor="white",
            label=_limit_text(
                data, "homework.written_daily_max_minutes", translate("Charts", "上限（右列）：")
            ),
        )
    )
    figure.legend(handles=handles, loc="outside lower center", ncol=3, fontsize=9, frameon=False)
    return chart


def homework_grades_chart(data: WeekData) -> Chart:
    name, title = "homework_grades", translate("Charts", "作业：各年级书面作业日均时长")
    means = grade_means(
        data.week, "homework", "average_minutes", "homework.written_daily_max_minutes", data.rules
    )
    if not has_figures(data.week, "homework") or not means:
        return empty_chart(name, title, "homework", _no_area_note("homework"))
    figure = style.new_figure(style.WIDTH, 4.6)
    style.title(
        figure, title, _subtitle(data) + translate("Charts", "  （各班日均的平均，未登记的班级不计为 0）")
    )
    ax = figure.add_subplot()
    chart = Chart(name, title, figure, "homework")
    xs = list(range(len(means)))
    heights = [m.mean or 0 for m in means]
    colors = []
    for m in means:
        if m.mean is None:
            colors.append(STATUS_COLORS[Status.UNLOGGED])
        elif m.limit is not None and m.mean > m.limit:
            colors.append(STATUS_COLORS[Status.RED])
        else:
            colors.append(style.NEUTRAL)
    ax.bar(
        xs,
        heights,
        color=colors,
        width=0.6,
        edgecolor="#333333",
        linewidth=0.5,
        label=translate("Charts", "年级日均（分钟）"),
    )
    top = max([*heights, *[m.limit or 0 for m in means], 10])
    for x, m in zip(xs, means):
        if m.mean is None:
            ax.text(x, top * 0.02, style.status_text(Status.UNLOGGED), ha="center", va="bottom", fontsize=9)
        else:
            over = m.limit is not None and m.mean > m.limit
            ax.text(
                x,
                m.mean + top * 0.01,
                f"{style.fmt(m.mean)}{' ' + style.status_text(Status.RED) if over else ''}",
                ha="center",
                va="bottom",
                fontsize=9,
                color=STATUS_COLORS[Status.RED] if over else None,
            )
        if m.limit == 0:
            note = translate("Charts", "不布置\n书面作业")
            ax.text(x, top * 0.12, note, ha="center", va="bottom", fontsize=8, color="#555555")
    style.draw_limit_segments(
        ax,
        xs,
        [m.limit for m in means],
        horizontal_bars=False,
        width=0.8,
        label=_limit_text(data, "homework.written_daily_max_minutes", translate("Charts", "日均上限：")),
    )
    logged = translate("Charts", "{grade}\n{logged}/{classes} 班已登记")
    ax.set_xticks(
        xs,
        [logged.format(grade=m.grade_name, logged=m.with_value, classes=m.classes) for m in means],
        fontsize=9,
    )
    ax.set_ylim(0, top * 1.18)
    ax.set_ylabel(translate("Charts", "书面作业日均（分钟）"))
    ax.set_xlabel(translate("Charts", "年级"))
    ax.grid(axis="y", color="#DDDDDD")
    ax.set_axisbelow(True)
    handles, _ = ax.get_legend_handles_labels()
    handles.append(
        Patch(
            facecolor=STATUS_COLORS[Status.RED],
            edgecolor="#333333",
            label=f"{Status.RED.symbol} " + translate("Charts", "超过上限的年级"),
        )
    )
    ax.legend(handles=handles, loc="upper left", fontsize=9)
    return chart


def homework_subjects_chart(data: WeekData) -> Chart:
    week = data.subjects
    name = "homework_subjects"
    if week is None:
        note = data.extra.get("subjects_note") or _no_area_note("homework")
        return empty_chart(name, translate("Charts", "作业：某班各学科书面作业"), "homework", note)
    return subject_chart(week, data.week.label)


def subject_chart(week: SubjectWeek, label: str = "") -> Chart:
    """Stacked bars per day for one class: counted written minutes by subject, 选做 on top, cap marked."""
    name = "homework_subjects"
    title = translate("Charts", "作业：{class_name}各学科书面作业").format(class_name=week.class_name)
    figure = style.new_figure(style.WIDTH, 4.8)
    style.title(figure, title, translate("Charts", "{week}  每天按学科叠加（分钟）").format(week=label))
    ax = figure.add_subplot()
    chart = Chart(name, title, figure, "homework")
    xs = np.arange(len(week.days))
    bottom = np.zeros(len(week.days))
    for index, subject in enumerate(week.subjects):
        values = np.array(week.minutes[subject], dtype=float)
        ax.bar(
            xs,
            values,
            bottom=bottom,
            width=0.62,
            color=style.PALETTE[index % len(style.PALETTE)],
            hatch=style.HATCHES[(index // len(style.PALETTE)) % len(style.HATCHES)],
            edgecolor="white",
            linewidth=0.8,
            label=subject,
        )
        bottom += values
    if any(week.optional):
        ax.bar(
            xs,
            week.optional,
            bottom=bottom,
            width=0.62,
            color="#FFFFFF",
            edgecolor="#777777",
            hatch="..",
            label=translate("Charts", "选做（不计入上限）"),
        )
    totals = bottom + np.array(week.optional, dtype=float)
    caps = [c for c in week.caps if c is not None]
    top = max([*totals, *caps, 10])
    for x, day in enumerate(week.days):
        if not week.logged[x]:
            ax.text(
                x,
                top * 0.02,
                translate("Charts", "未登记")
                if day <= max(week.days) and week.caps[x] is None and day.weekday() < 5
                else "—",
                ha="center",
                va="bottom",
                fontsize=9,
                color="#555555",
            )
            ax.add_patch(
                Rectangle(
                    (x - 0.31, 0),
                    0.62,
                    top * 0.12,
                    facecolor=STATUS_COLORS[Status.UNLOGGED],
                    hatch=style.UNLOGGED_HATCH,
                    edgecolor="#888888",
                    alpha=0.6,
                    zorder=0,
                )
            )
        elif bottom[x] > 0:
            ax.text(x, totals[x] + top * 0.01, style.fmt(bottom[x]), ha="center", va="bottom", fontsize=9)
        else:
            ax.text(
                x,
                top * 0.02,
                translate("Charts", "无书面作业"),
                ha="center",
                va="bottom",
                fontsize=9,
                color="#555555",
            )
        chart.add_hit(
            ax,
            x - 0.31,
            x + 0.31,
            0,
            max(totals[x], top * 0.12),
            NavTarget(week.class_id, week.class_name, "homework", day),
        )
    school_caps = [c if d.weekday() < 5 else None for c, d in zip(week.caps, week.days)]
    style.draw_limit_segments(
        ax,
        list(xs),
        school_caps,
        horizontal_bars=False,
        width=0.8,
        label=translate("Charts", "上课日书面作业上限 {cap} 分钟").format(
            cap=style.fmt(caps[0]) if caps else "—"
        ),
    )
    ax.set_xticks(xs, [f"{weekday_name(d)}\n{d.month}/{d.day}" for d in week.days])
    ax.set_ylim(0, top * 1.2)
    ax.set_ylabel(translate("Charts", "书面作业（分钟）"))
    ax.set_xlabel(translate("Charts", "日期（周末为休息日作业，按休息日合计另行判定）"))
    ax.grid(axis="y", color="#DDDDDD")
    ax.set_axisbelow(True)
    handles, _ = ax.get_legend_handles_labels()
    handles.append(
        Patch(
            facecolor=STATUS_COLORS[Status.UNLOGGED],
            hatch=style.UNLOGGED_HATCH,
            edgecolor="#888888",
            label=translate("Charts", "— 未登记（不是 0）"),
        )
    )
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=9, frameon=False)
    return chart


def homework_rest_chart(data: WeekData) -> Chart:
    name, title = "homework_rest", translate("Charts", "作业：周末/节假日书面作业合计")
    rows = rest_day_totals(data.week, data.rules)
    if not rows:
        return empty_chart(name, title, "homework", _no_area_note("homework"))
    if all(r.minutes is None for r in rows):
        return empty_chart(name, title, "homework", translate("Charts", "暂无数据：本周的周末/节假日尚未到"))
    chart_rows = rows
    chart, ax = _class_chart(data, name, title, "homework", len(chart_rows), 1.8)
    ys = list(range(len(chart_rows)))
    values = [r.minutes or 0 for r in chart_rows]
    colors = [
        STATUS_COLORS[r.status] if r.minutes is not None else STATUS_COLORS[Status.UNLOGGED]
        for r in chart_rows
    ]
    ax.barh(ys, values, color=colors, height=0.6, edgecolor="#333333", linewidth=0.5)
    top = max([*values, *[r.cap or 0 for r in chart_rows], 10])
    for y, r in zip(ys, chart_rows):
        text = translate("Charts", "尚未到") if r.minutes is None else f"{r.minutes} {style.symbol(r.status)}"
        ax.text((r.minutes or 0) + top * 0.01, y, text, va="center", fontsize=8)
        chart.add_hit(
            ax,
            0,
            max(r.minutes or 0, top * 0.05),
            y - 0.3,
            y + 0.3,
            NavTarget(r.class_id, r.class_name, "homework", r.first_rest_day or data.week.monday),
        )
    style.draw_limit_segments(
        ax,
        ys,
        [r.cap for r in chart_rows],
        horizontal_bars=True,
        width=0.8,
        label=_limit_text(data, "homework.rest_day_total_minutes", translate("Charts", "休息日合计上限：")),
    )
    style.class_axis(ax, [r.class_name for r in chart_rows])
    ax.set_xlim(0, top * 1.15)
    ax.set_xlabel(translate("Charts", "本周周末/节假日书面作业合计（分钟）"))
    ax.grid(axis="x", color="#DDDDDD")
    ax.set_axisbelow(True)
    handles, _ = ax.get_legend_handles_labels()
    handles = (
        style.status_legend_handles([Status.GREEN, Status.YELLOW, Status.RED, Status.VIOLATION]) + handles
    )
    chart.figure.legend(handles=handles, loc="outside lower center", ncol=4, fontsize=9, frameon=False)
    return chart


# ------------------------------------------------------------------ sleep


def sleep_hours_chart(data: WeekData) -> Chart:
    name, title = "sleep_hours", translate("Charts", "睡眠：各年级抽样睡眠时长分布")
    grades = [g for g in sleep_by_grade(data.week, data.rules)]
    if not any(g.hours for g in grades):
        return empty_chart(name, title, "sleep", _no_area_note("sleep"))
    figure = style.new_figure(style.WIDTH, 4.8)
    style.title(figure, title, _subtitle(data))
    ax = figure.add_subplot()
    chart = Chart(name, title, figure, "sleep")
    xs = list(range(len(grades)))
    with_data = [(x, g) for x, g in zip(xs, grades) if g.hours]
    box = ax.boxplot(
        [g.hours for _, g in with_data],
        positions=[x for x, _ in with_data],
        widths=0.5,
        patch_artist=True,
        showfliers=True,
        medianprops=dict(color="#000000", linewidth=1.5),
    )
    for patch in box["boxes"]:
        patch.set_facecolor("#56B4E9")
        patch.set_alpha(0.8)
    for x, g in with_data:
        below = sum(h < g.min_hours for h in g.hours) if g.min_hours is not None else 0
        ax.text(
            x,
            min(g.hours) - 0.25,
            translate("Charts", "{sampled} 人抽样\n{below} 人不足").format(sampled=len(g.hours), below=below),
            ha="center",
            va="top",
            fontsize=8,
        )
    for x, g in zip(xs, grades):
        if not g.hours:
            ax.text(x, 8, translate("Charts", "— 未登记"), ha="center", fontsize=9)
    style.draw_limit_segments(
        ax,
        xs,
        [g.min_hours for g in grades],
        horizontal_bars=False,
        width=0.8,
        label=_limit_text(data, "sleep.min_hours", translate("Charts", "睡眠时间不少于：")),
    )
    low = min([min(g.hours) for _, g in with_data] + [g.min_hours or 10 for g in grades]) - 1.2
    high = max([max(g.hours) for _, g in with_data] + [g.min_hours or 10 for g in grades]) + 0.6
    ax.set_ylim(low, high)
    ax.set_xticks(xs, [g.grade_name for g in grades])
    ax.set_xlim(-0.6, len(xs) - 0.4)
    ax.set_ylabel(translate("Charts", "每天睡眠（小时）"))
    ax.set_xlabel(translate("Charts", "年级（箱体：中间一半学生；横线：中位数）"))
    ax.grid(axis="y", color="#DDDDDD")
    ax.set_axisbelow(True)
    handles, _ = ax.get_legend_handles_labels()
    handles.insert(
        0, Patch(facecolor="#56B4E9", edgecolor="#000000", label=translate("Charts", "抽样学生睡眠时长分布"))
    )
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, -0.2), fontsize=9, ncol=2, frameon=False)
    return chart


def sleep_shares_chart(data: WeekData) -> Chart:
    name, title = "sleep_shares", translate("Charts", "睡眠：各班达到睡眠时间与就寝时间要求的学生比例")
    rows = _logged_rows(data, "sleep")
    if not rows:
        return empty_chart(name, title, "sleep", _no_area_note("sleep"))
    chart, ax = _class_chart(data, name, title, "sleep", len(rows), 2.0)
    ys = np.arange(len(rows))
    series = [
        ("meet_sleep_share", translate("Charts", "睡眠时间达标比例"), "#0072B2", ""),
        ("meet_bedtime_share", translate("Charts", "按时就寝比例"), "#E69F00", "//"),
    ]
    for k, (key, label, color, hatch) in enumerate(series):
        values = [getattr(r.figures, key) for r in rows]
        offset = (k - 0.5) * 0.36
        ax.barh(
            ys + offset,
            [v or 0 for v in values],
            height=0.34,
            color=color,
            hatch=hatch,
            edgecolor="white",
            label=label,
        )
        for y, v in zip(ys, values):
            if v is not None:
                ax.text(v + 0.01, y + offset, style.pct(v), va="center", fontsize=7)
    for y, r in zip(ys, rows):
        if all(getattr(r.figures, key) is None for key, *_ in series):
            ax.add_patch(
                Rectangle(
                    (0, y - 0.35),
                    1.0,
                    0.7,
                    facecolor=STATUS_COLORS[Status.UNLOGGED],
                    alpha=0.5,
                    hatch=style.UNLOGGED_HATCH,
                    edgecolor="#888888",
                )
            )
            ax.text(
                0.5, y, translate("Charts", "— 未登记（本周未抽样）"), ha="center", va="center", fontsize=8
            )
    for y, r in zip(ys, rows):
        chart.add_hit(ax, 0, 1.0, y - 0.4, y + 0.4, _target(data, r.class_id, r.class_name, "sleep"))
    ax.axvline(
        1.0,
        color=style.LIMIT_COLOR,
        linestyle="--",
        linewidth=1.8,
        label=translate("Charts", "要求：全体学生达标（100%）"),
    )
    style.class_axis(ax, [f"{r.class_name}  {style.symbol(r.status)}" for r in rows])
    ax.set_xlim(0, 1.12)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v * 100:.0f}%")
    ax.set_xlabel(translate("Charts", "本周抽样学生中的比例（班名后为本周判定）"))
    ax.grid(axis="x", color="#DDDDDD")
    ax.set_axisbelow(True)
    chart.figure.legend(
        *ax.get_legend_handles_labels(), loc="outside lower center", ncol=3, fontsize=9, frameon=False
    )
    return chart


# ------------------------------------------------------------------ grouped per-class bars (phone, activity, …)


@dataclass
class Series:
    key: str
    label: str
    limit_label: str  # names the limit in the legend
    limit: Callable[[ClassFigures], float | None]
    kind: str = "min"  # "min": below the limit breaks the rule; "max": above it does


def _class_bars(
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
    style.title(figure, title, _subtitle(data))
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
        chart.add_hit(ax, 0, top * 1.1, y - 0.4, y + 0.4, _target(data, r.class_id, r.class_name, area))
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


def phone_chart(data: WeekData) -> Chart:
    name, title = "phone", translate("Charts", "手机：各班违规带入与保管记录缺失")
    rows = _logged_rows(data, "phone")
    if not rows:
        return empty_chart(name, title, "phone", _no_area_note("phone"))
    series = [
        Series(
            "violations",
            translate("Charts", "违规带入/使用（次）"),
            translate("Charts", "要求：违规带入/使用为 0"),
            lambda r: 0.0,
            "max",
        ),
        Series(
            "missing_log_days",
            translate("Charts", "缺保管登记（天）"),
            translate("Charts", "要求：每天登记保管（缺登记为 0）"),
            lambda r: 0.0,
            "max",
        ),
    ]
    return _class_bars(
        data,
        name,
        title,
        "phone",
        rows,
        series,
        translate("Charts", "本周次数 / 天数（班名后为本周判定）"),
        integer=True,
        minimum_top=3,
    )


def activity_pe_chart(data: WeekData) -> Chart:
    """PE lessons held (filled) inside the lessons required (dashed outline), with lessons taken over named."""
    name, title = "activity_pe", translate("Charts", "体质：各班体育课开齐情况")
    rows = _logged_rows(data, "activity")
    if not rows:
        return empty_chart(name, title, "activity", _no_area_note("activity"))
    chart, ax = _class_chart(data, name, title, "activity", len(rows), 2.0)
    ys = np.arange(len(rows))
    held = [r.figures.pe_held for r in rows]
    required = []
    for r in rows:
        value = r.figures.pe_required
        required.append(
            float(value) if value is not None else limits(data.week, data.rules, r.grade)["pe_per_week"]
        )
    ax.barh(
        ys,
        [v or 0 for v in required],
        height=0.7,
        facecolor="none",
        edgecolor=style.LIMIT_COLOR,
        linestyle="--",
        linewidth=1.4,
        label=_limit_text(data, "activity.pe_lessons_per_week", translate("Charts", "应上节数：")),
        zorder=3,
    )
    short = [h is not None and q is not None and h < q for h, q in zip(held, required)]
    ax.barh(
        ys,
        [v or 0 for v in held],
        height=0.5,
        color=[STATUS_COLORS[Status.BELOW] if s_ else style.NEUTRAL for s_ in short],
        hatch=None,
        edgecolor="white",
        label=translate("Charts", "实际上课节数"),
        zorder=2,
    )
    top = max([*[v or 0 for v in held], *[v or 0 for v in required], 1])
    for y, h, q, r, s_ in zip(ys, held, required, rows, short):
        taken = r.figures.pe_taken_over
        text = (
            translate("Charts", "未登记")
            if h is None
            else translate("Charts", "{held} / {required} 节").format(
                held=style.fmt(h), required=style.fmt(q)
            )
            + (f" {Status.BELOW.symbol} " + translate("Charts", "未开齐") if s_ else "")
        )
        if taken:
            text += translate("Charts", "，被占用 {n} 节").format(n=taken)
        ax.text(
            max(h or 0, q or 0) + top * 0.01,
            y,
            " " + text,
            va="center",
            fontsize=8,
            color=STATUS_COLORS[Status.VIOLATION if taken else Status.BELOW]
            if s_ or taken
            else style.TEXT_DARK,
        )
        chart.add_hit(ax, 0, top * 1.2, y - 0.4, y + 0.4, _target(data, r.class_id, r.class_name, "activity"))
    style.class_axis(ax, [f"{r.class_name}  {style.symbol(r.status)}" for r in rows])
    ax.set_xlim(0, top * 1.6)
    ax.set_xlabel(translate("Charts", "本周体育课（节）（班名后为本周判定）"))
    ax.grid(axis="x", color="#DDDDDD")
    ax.set_axisbelow(True)
    handles, _ = ax.get_legend_handles_labels()
    handles.append(
        Patch(
            facecolor=STATUS_COLORS[Status.BELOW],
            label=f"{Status.BELOW.symbol} " + translate("Charts", "未开齐（少于应上节数）"),
        )
    )
    chart.figure.legend(handles=handles, loc="outside lower center", ncol=3, fontsize=9, frameon=False)
    return chart


def _limit_text(data: WeekData, rule_id: str, prefix: str) -> str:
    """The limit of a rule for the grades shown, from the rule book: "三至六年级 60 分钟；七至九年级 90 分钟"."""
    from fivemgmt import school

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
        first, last = school.grade_name(members[0]), school.grade_name(members[-1])
        span = first if len(members) == 1 else f"{first.removesuffix('年级')}至{last}"
        if value == 0 and "homework" in rule_id:
            shown = translate("Charts", "不布置书面作业")
        else:
            shown = f"{style.fmt(float(value))} {translate('Unit', unit)}"
        parts.append(shown if len(groups) == 1 else f"{span} {shown}")
    return prefix + (reason_separator().join(parts) if parts else "—")


def activity_minutes_chart(data: WeekData) -> Chart:
    name, title = "activity_minutes", translate("Charts", "体质：大课间与校内体育活动时间")
    rows = _logged_rows(data, "activity")
    if not rows:
        return empty_chart(name, title, "activity", _no_area_note("activity"))
    series = [
        Series(
            "break_minutes_avg",
            translate("Charts", "大课间日均（分钟）"),
            _limit_text(data, "activity.break_minutes", translate("Charts", "大课间不少于")),
            lambda r: limits(data.week, data.rules, r.grade)["break_minutes"],
        ),
        Series(
            "activity_minutes_avg",
            translate("Charts", "校内体育活动日均（分钟）"),
            _limit_text(data, "activity.in_school_minutes", translate("Charts", "校内体育活动不少于")),
            lambda r: limits(data.week, data.rules, r.grade)["activity_minutes"],
        ),
    ]
    return _class_bars(
        data, name, title, "activity", rows, series, translate("Charts", "日均分钟（班名后为本周判定）")
    )


@dataclass(frozen=True)
class EyeShares:
    """The two shares the eyes chart draws per class (None: nothing to divide by)."""

    eye_share: float | None
    vision_share: float | None


def activity_eyes_chart(data: WeekData) -> Chart:
    name, title = "activity_eyes", translate("Charts", "体质：眼保健操与视力监测")
    rows = _logged_rows(data, "activity")
    if not rows:
        return empty_chart(name, title, "activity", _no_area_note("activity"))
    shaped = []
    for r in rows:
        figures = r.figures
        ok_days, days = figures.eye_exercise_ok_days, figures.school_days
        eye = ok_days / days if days and figures.logged_days else None
        required = figures.vision_required
        vision = figures.vision_screenings_term / required if required else None
        shaped.append(ClassFigures(r.class_id, r.class_name, r.grade, r.status, EyeShares(eye, vision)))
    series = [
        Series(
            "eye_share",
            translate("Charts", "每天两次眼保健操的上课日比例"),
            translate("Charts", "要求：每个上课日都做（100%）"),
            lambda r: 1.0,
        ),
        Series(
            "vision_share",
            translate("Charts", "本学期视力监测完成比例"),
            translate("Charts", "要求：每学期完成规定次数（100%）"),
            lambda r: 1.0,
        ),
    ]
    return _class_bars(
        data,
        name,
        title,
        "activity",
        shaped,
        series,
        translate("Charts", "比例（班名后为本周判定）"),
        percent=True,
    )


def afterschool_chart(data: WeekData) -> Chart:
    name, title = "afterschool", translate("Charts", "课后服务：各班开展天数与时长")
    rows = _logged_rows(data, "afterschool")
    if not rows:
        return empty_chart(name, title, "afterschool", _no_area_note("afterschool"))
    figure = style.new_figure(style.WIDTH, style.per_class_height(len(rows), 2.2))
    style.title(figure, title, _subtitle(data))
    days_ax, minutes_ax = figure.subplots(1, 2, sharey=True)
    chart = Chart(name, title, figure, "afterschool")
    ys = np.arange(len(rows))
    for ax, key, need_key, label, unit, color, hatch in (
        (
            days_ax,
            "days_held",
            "days_required",
            translate("Charts", "开展天数"),
            translate("Charts", "天"),
            style.PALETTE[0],
            "",
        ),
        (
            minutes_ax,
            "minutes_avg",
            None,
            translate("Charts", "日均时长"),
            translate("Charts", "分钟"),
            style.PALETTE[1],
            "//",
        ),
    ):
        values = [getattr(r.figures, key) for r in rows]
        ax.barh(
            ys, [v or 0 for v in values], height=0.6, color=color, hatch=hatch, edgecolor="white", label=label
        )
        needs = []
        for r in rows:
            own = limits(data.week, data.rules, r.grade)
            if need_key:
                need = getattr(r.figures, need_key)
                needs.append(float(need) if need is not None else own["afterschool_days"])
            else:
                needs.append(own["afterschool_minutes"])
        top = max([*[v or 0 for v in values], *[n or 0 for n in needs], 1])
        for y, v, r in zip(ys, values, rows):
            ax.text(
                (v or 0) + top * 0.01,
                y,
                translate("Charts", "未登记") if v is None else style.fmt(v),
                va="center",
                fontsize=8,
            )
            chart.add_hit(
                ax, 0, top * 1.1, y - 0.4, y + 0.4, _target(data, r.class_id, r.class_name, "afterschool")
            )
        label_text = (
            _limit_text(data, "afterschool.days_per_week", translate("Charts", "要求：每周 "))
            if need_key
            else _limit_text(
                data, "afterschool.min_minutes_per_day", translate("Charts", "要求：每天不少于 ")
            )
        )
        known = {n for n in needs if n is not None}
        if len(known) == 1:
            ax.axvline(known.pop(), color=style.LIMIT_COLOR, linestyle="--", linewidth=1.6, label=label_text)
        else:
            style.draw_limit_segments(ax, list(ys), needs, horizontal_bars=True, width=0.8, label=label_text)
        for y, v, n in zip(ys, values, needs):
            if v is not None and n is not None and v < n:
                ax.text(0, y, " ×", va="center", fontsize=9, color="white")
        ax.set_xlim(0, top * 1.2)
        ax.set_xlabel(translate("Charts", "本周{what}（{unit}）").format(what=label, unit=unit))
        ax.grid(axis="x", color="#DDDDDD")
        ax.set_axisbelow(True)
        ax.legend(
            loc="upper center",
            bbox_to_anchor=(0.5, -0.12 if len(rows) > 8 else -0.2),
            fontsize=8,
            frameon=False,
            ncol=2,
        )
    style.class_axis(days_ax, [f"{r.class_name}  {style.symbol(r.status)}" for r in rows])
    return chart


# ------------------------------------------------------------------ reading


def reading_chart(data: WeekData) -> Chart:
    name, title = "reading", translate("Charts", "读物：进校园读物审核情况")
    catalogue = data.extra.get("catalogue")
    rows = class_figures(data.week, "reading")
    if not catalogue and not rows:
        return empty_chart(name, title, "reading", _no_area_note("reading"))
    figure = style.new_figure(style.WIDTH, max(4.2, style.per_class_height(len(rows), 1.8) if rows else 4.2))
    style.title(figure, title, _subtitle(data))
    chart = Chart(name, title, figure, "reading")
    if catalogue and rows:
        cat_ax, class_ax = figure.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.3]})
    elif catalogue:
        cat_ax, class_ax = figure.add_subplot(), None
    else:
        cat_ax, class_ax = None, figure.add_subplot()
    if cat_ax is not None:
        items = [
            ("reviewed", translate("Charts", "已审核"), Status.GREEN),
            ("pending", translate("Charts", "待审核"), Status.PENDING),
            ("problem_dispositioned", translate("Charts", "问题读物已处置"), Status.GREEN),
            ("problem_open", translate("Charts", "问题读物未处置"), Status.VIOLATION),
            ("recommended", translate("Charts", "推荐书目"), None),
            ("recommended_unpublished", translate("Charts", "推荐书目未公示"), Status.VIOLATION),
        ]
        values = [int(catalogue.get(k) or 0) for k, _, _ in items]
        colors = [STATUS_COLORS[s] if s else style.NEUTRAL for _, _, s in items]
        ys = np.arange(len(items))
        cat_ax.barh(ys, values, color=colors, height=0.6, edgecolor="#333333", linewidth=0.5)
        for y, v, (_, _, s) in zip(ys, values, items):
            cat_ax.text(v, y, f" {v}{' ' + style.symbol(s) if s else ''}", va="center", fontsize=9)
        cat_ax.set_yticks(ys, [label for _, label, _ in items])
        cat_ax.set_ylim(len(items) - 0.5, -0.5)
        cat_ax.axvline(
            0,
            color=style.LIMIT_COLOR,
            linestyle="--",
            linewidth=1.8,
            label=translate("Charts", "要求：待审核、未处置、未公示均为 0"),
        )
        cat_ax.set_xlim(0, max([*values, 1]) * 1.25)
        cat_ax.set_xlabel(translate("Charts", "读物（种）"))
        cat_ax.set_title(translate("Charts", "全校读物目录"), fontsize=10)
        cat_ax.legend(
            loc="upper center",
            bbox_to_anchor=(0.5, -0.08 if len(rows) > 8 else -0.15),
            fontsize=8,
            frameon=False,
        )
    if class_ax is not None:
        ys = np.arange(len(rows))
        books = [r.figures.class_books for r in rows]
        unreviewed = [r.figures.unreviewed_books for r in rows]
        class_ax.barh(
            ys,
            books,
            height=0.6,
            color="#CCCCCC",
            edgecolor="#666666",
            label=translate("Charts", "班级图书角读物"),
        )
        class_ax.barh(
            ys,
            unreviewed,
            height=0.6,
            color=STATUS_COLORS[Status.PENDING],
            hatch="//",
            edgecolor="white",
            label=translate("Charts", "其中未完成审核"),
        )
        for y, b, u, r in zip(ys, books, unreviewed, rows):
            class_ax.text(b, y, f" {u}/{b}", va="center", fontsize=8)
            chart.add_hit(
                class_ax, 0, max(b, 1), y - 0.4, y + 0.4, _target(data, r.class_id, r.class_name, "reading")
            )
        class_ax.axvline(
            0,
            color=style.LIMIT_COLOR,
            linestyle="--",
            linewidth=1.8,
            label=translate("Charts", "要求：未审核为 0"),
        )
        style.class_axis(class_ax, [f"{r.class_name} {style.symbol(r.status)}" for r in rows])
        class_ax.set_xlim(0, max([*books, 1]) * 1.25)
        class_ax.set_xlabel(translate("Charts", "班级图书角读物（种）"))
        class_ax.set_title(translate("Charts", "各班图书角：未审核 / 总数"), fontsize=10)
        class_ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        class_ax.legend(
            loc="upper center",
            bbox_to_anchor=(0.5, -0.08 if len(rows) > 8 else -0.15),
            fontsize=8,
            frameon=False,
            ncol=3,
        )
    return chart


# ------------------------------------------------------------------ fitness (annual test)


LEVEL_COLORS = {"优秀": "#009E73", "良好": "#56B4E9", "及格": "#F0E442", "不及格": "#D55E00"}
LEVEL_HATCHES = {"优秀": "", "良好": "..", "及格": "//", "不及格": "xx"}
LEVELS_XLABEL = QT_TRANSLATE_NOOP(
    "Charts", "有等级学生中的占比（格内为人数；未测、成绩不完整、免测、无评分表不计入等级）"
)


def fitness_levels_chart(
    rows: Iterable[tuple[str, dict[str, int]] | LevelRow],
    *,
    title_suffix: str = "",
    grades: Iterable[tuple[str, dict[str, int]] | LevelRow] = (),
    name: str = "fitness_levels",
    title: str | None = None,
    subtitle: str = QT_TRANSLATE_NOOP("Charts", "《国家学生体质健康标准》等级，各班人数占比"),
    note: str = QT_TRANSLATE_NOOP("Charts", "暂无数据：尚未导入本学年体质测试成绩"),
) -> Chart:
    """Level distribution (优秀/良好/及格/不及格) per class (and, below, per grade) as 100% stacked bars.

    ``rows`` / ``grades``: (label, {level: count}) pairs or :class:`LevelRow` — the fitness module provides
    them. Students without a level (``LevelRow.others``: 未测, 免测, 无评分表 …) are named beside the bar,
    never drawn as 不及格.
    """
    title = title or translate("Charts", "体质测试：各班等级分布") + title_suffix
    subtitle, note = translate("Charts", subtitle), translate("Charts", note)
    panels = [
        (levels, heading)
        for levels, heading in (
            (level_rows(rows), translate("Charts", "各班")),
            (level_rows(grades), translate("Charts", "各年级")),
        )
        if levels
    ]
    if not panels or not any(r.total or r.others for levels, _ in panels for r in levels):
        return empty_chart(name, title, "fitness", note)
    sizes = [max(len(levels), 2) for levels, _ in panels]
    figure = style.new_figure(style.WIDTH, style.per_class_height(sum(sizes), 2.0 + 0.6 * (len(panels) - 1)))
    style.title(figure, title, subtitle)
    axes = figure.subplots(len(panels), 1, squeeze=False, gridspec_kw={"height_ratios": sizes})[:, 0]
    chart = Chart(name, title, figure, "fitness")
    for ax, (levels, heading) in zip(axes, panels):
        _draw_levels(ax, chart, levels)
        if len(panels) > 1:
            ax.set_title(heading, fontsize=10, loc="left")
    axes[-1].set_xlabel(translate("Charts", LEVELS_XLABEL))
    figure.legend(
        *axes[0].get_legend_handles_labels(), loc="outside lower center", ncol=5, fontsize=9, frameon=False
    )
    return chart


def _draw_levels(ax: Axes, chart: Chart, levels: list[LevelRow]) -> None:
    """One panel of level bars: a row per class or grade, shares of the students with a level."""
    ys = np.arange(len(levels))
    left = np.zeros(len(levels))
    for level in FITNESS_LEVELS:
        shares = np.array([r.counts[level] / r.total if r.total else 0 for r in levels])
        ax.barh(
            ys,
            shares,
            left=left,
            height=0.6,
            color=LEVEL_COLORS[level],
            hatch=LEVEL_HATCHES[level],
            edgecolor="white",
            label=fitness_name(level),
        )
        for y, share, r in zip(ys, shares, levels):
            if share >= 0.06:
                ax.text(
                    left[y] + share / 2,
                    y,
                    f"{r.counts[level]}",
                    ha="center",
                    va="center",
                    fontsize=8,
                    color=style.TEXT_DARK,
                    bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none", alpha=0.85),
                )
        left += shares
    with_others = any(r.others for r in levels)
    for y, r in enumerate(levels):
        others = " · ".join(f"{fitness_name(label)} {n}" for label, n in r.others.items())
        if r.total:
            side = translate("Charts", "{n} 人有等级").format(n=r.total) + (
                reason_separator() + others if others else ""
            )
            ax.text(1.01, y, side, va="center", fontsize=8)
        else:
            ax.text(
                0.5,
                y,
                translate("Charts", "无等级：{others}").format(others=others),
                ha="center",
                va="center",
                fontsize=8,
                color="#555555",
            )
        if r.target is not None:
            chart.add_hit(ax, 0, 1, y - 0.4, y + 0.4, r.target)
    pass_lines = [(r.total - r.counts["不及格"]) / r.total if r.total else None for r in levels]
    style.draw_limit_segments(
        ax,
        list(ys),
        pass_lines,
        horizontal_bars=True,
        width=0.8,
        label=translate("Charts", "及格线（左侧为及格及以上）"),
        style="-",
    )
    style.class_axis(ax, [r.label for r in levels])
    ax.set_xlim(0, 1.5 if with_others else 1.08)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.xaxis.set_major_formatter(lambda v, _: f"{v * 100:.0f}%")


def fitness_year_chart(data: WeekData) -> Chart:
    """The annual test of the school year the week falls in: per class, and per grade below."""
    year: FitnessYear | None = data.extra.get("fitness")
    label = (
        translate("Charts", "{year} 学年").format(year=year.school_year)
        if year
        else translate("Charts", "本学年")
    )
    title = translate("Charts", "体质测试：各班与各年级等级分布（{year}，每学年测试一次）").format(year=label)
    if year is None or not year.recorded:
        return empty_chart(
            "fitness_levels",
            title,
            "fitness",
            translate("Charts", "暂无数据：尚未录入{year}体质测试成绩").format(year=label),
        )
    return fitness_levels_chart(
        year.classes,
        grades=year.grades if len(year.grades) > 1 else (),
        title=title,
        subtitle=translate(
            "Charts", "《国家学生体质健康标准》等级，{year}的测试成绩（不随所选的周变化）"
        ).format(year=label),
    )


# ------------------------------------------------------------------ trends


def trend_chart(trend: Trend | None, label: str = "") -> Chart:
    name, title = "trends", translate("Charts", "趋势：近几周各年级变化")
    if trend is None or len(trend.weeks) < 2:
        return empty_chart(name, title, None, translate("Charts", "暂无数据：少于两周"))
    has_sleep = any(v is not None for values in trend.sleep_share.values() for v in values)
    panels = 3 if has_sleep else 2
    figure = style.new_figure(style.WIDTH, 3.3 * panels + 0.8)
    style.title(
        figure,
        title,
        translate("Charts", "{first} 至 {last}，每条线一个年级").format(
            first=trend.labels[0], last=trend.labels[-1]
        ),
    )
    axes = figure.subplots(panels, 1, sharex=True)
    xs = list(range(len(trend.weeks)))
    from fivemgmt import school

    def lines(ax, values: dict[int, list[float | None]]) -> None:
        for k, grade in enumerate(trend.grades):
            ys = [np.nan if v is None else v for v in values[grade]]
            ax.plot(
                xs,
                ys,
                marker=style.MARKERS[k % len(style.MARKERS)],
                linestyle=style.LINESTYLES[(k // len(style.PALETTE)) % len(style.LINESTYLES)],
                color=style.PALETTE[k % len(style.PALETTE)],
                linewidth=1.6,
                label=school.grade_name(grade),
            )

    hw_ax = axes[0]
    lines(hw_ax, trend.homework_mean)
    caps = sorted({c for c in trend.homework_cap.values() if c})
    for k, cap in enumerate(caps):
        grades = [school.grade_name(g) for g, c in trend.homework_cap.items() if c == cap]
        span = grades[0] if len(grades) == 1 else f"{grades[0]}–{grades[-1]}"
        hw_ax.axhline(
            cap,
            color=style.LIMIT_COLOR,
            linestyle=style.LINESTYLES[1 + k % 3],
            linewidth=1.4,
            label=translate("Charts", "上限 {cap} 分钟（{grades}）").format(cap=style.fmt(cap), grades=span),
        )
    hw_ax.set_ylabel(translate("Charts", "书面作业日均（分钟）"))
    hw_ax.set_title(translate("Charts", "作业：年级日均（未登记的班不计为 0）"), fontsize=10)
    hw_ax.set_ylim(bottom=0)
    red_ax = axes[1]
    lines(red_ax, trend.red_share)
    red_ax.axhline(
        0,
        color=style.LIMIT_COLOR,
        linestyle="--",
        linewidth=1.4,
        label=translate("Charts", "目标：0（无红灯）"),
    )
    red_ax.set_ylabel(translate("Charts", "红灯方面占比"))
    red_ax.set_title(translate("Charts", "五项管理：红灯（超标、未达标、违规）的班级·方面占比"), fontsize=10)
    red_ax.yaxis.set_major_formatter(lambda v, _: f"{v * 100:.0f}%")
    red_ax.set_ylim(
        -0.02,
        max(0.3, max((v for vs in trend.red_share.values() for v in vs if v is not None), default=0) * 1.2),
    )
    if has_sleep:
        sleep_ax = axes[2]
        lines(sleep_ax, trend.sleep_share)
        sleep_ax.axhline(
            1.0,
            color=style.LIMIT_COLOR,
            linestyle="--",
            linewidth=1.4,
            label=translate("Charts", "要求：100% 达标"),
        )
        sleep_ax.set_ylabel(translate("Charts", "睡眠达标比例"))
        sleep_ax.set_title(translate("Charts", "睡眠：抽样学生睡眠时间达标比例"), fontsize=10)
        sleep_ax.yaxis.set_major_formatter(lambda v, _: f"{v * 100:.0f}%")
        sleep_ax.set_ylim(0, 1.08)
    for ax in axes:
        ax.grid(color="#DDDDDD")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    axes[-1].set_xticks(xs, trend.labels)
    axes[-1].set_xlabel(translate("Charts", "周（ISO 周次）"))
    return Chart(name, title, figure, None)


# ------------------------------------------------------------------ all of them


CHART_AREAS: dict[str, str | None] = {
    "overview": None,
    "homework_heatmap": "homework",
    "homework_grades": "homework",
    "homework_subjects": "homework",
    "homework_rest": "homework",
    "sleep_hours": "sleep",
    "sleep_shares": "sleep",
    "phone": "phone",
    "reading": "reading",
    "activity_pe": "activity",
    "activity_minutes": "activity",
    "activity_eyes": "activity",
    "afterschool": "afterschool",
    "fitness_levels": "fitness",
    "trends": None,
}
# The area filter a chart follows when its own area is not one of the weekly areas (体质测试 → 体质).
FILTER_AREA = {"fitness": "activity"}
BUILDERS: dict[str, Callable[[WeekData], Chart]] = {
    "overview": overview_chart,
    "homework_heatmap": homework_heatmap_chart,
    "homework_grades": homework_grades_chart,
    "homework_subjects": homework_subjects_chart,
    "homework_rest": homework_rest_chart,
    "sleep_hours": sleep_hours_chart,
    "sleep_shares": sleep_shares_chart,
    "phone": phone_chart,
    "reading": reading_chart,
    "activity_pe": activity_pe_chart,
    "activity_minutes": activity_minutes_chart,
    "activity_eyes": activity_eyes_chart,
    "afterschool": afterschool_chart,
    "fitness_levels": fitness_year_chart,
    "trends": lambda data: trend_chart(data.trend),
}


def weekly_charts(
    data: WeekData, *, names: list[str] | None = None, include_empty: bool = True
) -> list[Chart]:
    """Every weekly chart for the week's data, in dashboard order (areas not in the week are left out)."""
    charts = []
    for name, builder in BUILDERS.items():
        if names is not None and name not in names:
            continue
        area = CHART_AREAS[name]
        area = FILTER_AREA.get(area, area)
        if area is not None and data.areas is not None and area not in data.areas:
            continue  # left out by the area filter (an area without data still gets its 暂无数据 note)
        if name == "trends" and data.trend is None:
            continue
        chart = builder(data)
        if chart.empty and not include_empty:
            continue
        charts.append(chart)
    return charts

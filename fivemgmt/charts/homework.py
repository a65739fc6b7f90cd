"""作业 charts: the class × day heatmap, the grades' daily means, one class's subjects, rest-day totals."""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Patch, Rectangle

from fivemgmt.calendar import weekday_name
from fivemgmt.charts import style
from fivemgmt.charts.chart import Chart
from fivemgmt.charts.common import class_chart, empty_chart, limit_text, no_area_note, subtitle
from fivemgmt.charts.data import (
    NavTarget,
    SubjectWeek,
    WeekData,
    grade_means,
    has_figures,
    homework_heatmap,
    limits,
    rest_day_totals,
)
from fivemgmt.i18n import translate
from fivemgmt.rules import STATUS_COLORS, Status


def homework_heatmap_chart(data: WeekData) -> Chart:
    name, title = "homework_heatmap", translate("Charts", "作业：各班每日书面作业时长（分钟）")
    rows = homework_heatmap(data.week)
    if not rows:
        return empty_chart(name, title, "homework", no_area_note("homework"))
    n = len(rows)
    figure = style.new_figure(style.WIDTH, style.per_class_height(n, 2.4))
    style.title(figure, title, subtitle(data) + translate("Charts", "  颜色按本班年级上限判定"))
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
            label=limit_text(
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
        return empty_chart(name, title, "homework", no_area_note("homework"))
    figure = style.new_figure(style.WIDTH, 4.6)
    style.title(
        figure, title, subtitle(data) + translate("Charts", "  （各班日均的平均，未登记的班级不计为 0）")
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
        label=limit_text(data, "homework.written_daily_max_minutes", translate("Charts", "日均上限：")),
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
        note = data.extra.get("subjects_note") or no_area_note("homework")
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
        return empty_chart(name, title, "homework", no_area_note("homework"))
    if all(r.minutes is None for r in rows):
        return empty_chart(name, title, "homework", translate("Charts", "暂无数据：本周的周末/节假日尚未到"))
    chart_rows = rows
    chart, ax = class_chart(data, name, title, "homework", len(chart_rows), 1.8)
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
        label=limit_text(data, "homework.rest_day_total_minutes", translate("Charts", "休息日合计上限：")),
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

"""睡眠 charts: the grades' sampled sleep hours, each class's shares meeting the sleep and bedtime rules."""

from __future__ import annotations

import datetime as dt

import numpy as np
from matplotlib.patches import Patch, Rectangle

from fivemgmt.charts import style
from fivemgmt.charts.chart import Chart
from fivemgmt.charts.common import (
    class_chart,
    empty_chart,
    limit_text,
    logged_rows,
    no_area_note,
    subtitle,
    target,
)
from fivemgmt.charts.data import WeekData, rule_value, sleep_by_grade
from fivemgmt.i18n import translate
from fivemgmt.rules import STATUS_COLORS, Status


def sleep_hours_chart(data: WeekData) -> Chart:
    name, title = "sleep_hours", translate("Charts", "睡眠：各年级抽样睡眠时长分布")
    grades = [g for g in sleep_by_grade(data.week, data.rules)]
    if not any(g.hours for g in grades):
        return empty_chart(name, title, "sleep", no_area_note("sleep"))
    figure = style.new_figure(style.WIDTH, 4.8)
    style.title(figure, title, subtitle(data))
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
        label=limit_text(data, "sleep.min_hours", translate("Charts", "睡眠时间不少于：")),
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
    rows = logged_rows(data, "sleep")
    if not rows:
        return empty_chart(name, title, "sleep", no_area_note("sleep"))
    chart, ax = class_chart(data, name, title, "sleep", len(rows), 2.0)
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
        chart.add_hit(ax, 0, 1.0, y - 0.4, y + 0.4, target(data, r.class_id, r.class_name, "sleep"))
    ax.axvline(
        1.0,
        color=style.LIMIT_COLOR,
        linestyle="--",
        linewidth=1.8,
        label=translate("Charts", "要求：全体学生达标（100%）"),
    )
    # the verdicts after the class names are judged against the school's two lines, not the 100%: drawn too
    day = data.week.monday + dt.timedelta(days=6)
    for rule_id, label, linestyle in (
        ("sleep.class_meet_share", translate("Charts", "学校预警线 {share}（低于为黄）"), ":"),
        ("sleep.class_red_share", translate("Charts", "学校未达标线 {share}（低于为红）"), "-."),
    ):
        shares = {rule_value(data.rules, rule_id, r.grade, day) for r in rows} - {None}
        for share in sorted(map(float, shares)):
            ax.axvline(
                share,
                color=style.LIMIT_COLOR,
                linestyle=linestyle,
                linewidth=1.2,
                label=label.format(share=style.pct(share)),
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

"""趋势 chart: the last weeks per grade (homework mean, red share, sleep share)."""

from __future__ import annotations

import numpy as np

from fivemgmt.charts import style
from fivemgmt.charts.chart import Chart
from fivemgmt.charts.common import empty_chart
from fivemgmt.charts.data import Trend
from fivemgmt.i18n import translate


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
    from fivemgmt import class_names

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
                label=class_names.grade_name(grade),
            )

    hw_ax = axes[0]
    lines(hw_ax, trend.homework_mean)
    caps = sorted({c for c in trend.homework_cap.values() if c})
    for k, cap in enumerate(caps):
        grades = [class_names.grade_name(g) for g, c in trend.homework_cap.items() if c == cap]
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

"""总览 chart: the class × area grid of the week's verdicts, with each class's red share."""

from __future__ import annotations

from matplotlib.patches import Patch, Rectangle

from fivemgmt.charts import style
from fivemgmt.charts.chart import Chart
from fivemgmt.charts.common import empty_chart, subtitle, target
from fivemgmt.charts.data import WeekData, overview
from fivemgmt.i18n import translate
from fivemgmt.rules import LEGEND_ORDER, STATUS_COLORS, Status


def overview_chart(data: WeekData) -> Chart:
    """Class × area grid of status codes, with each class's red share against the school average."""
    view = overview(data.week)
    name, title = "overview", translate("Charts", "五项管理周概览：各班各方面判定")
    if not view.rows or not view.areas:
        return empty_chart(name, title, None, translate("Charts", "暂无数据：没有班级或没有可判定的方面"))
    n, m = len(view.rows), len(view.areas)
    figure = style.new_figure(style.WIDTH, style.per_class_height(n, 2.4))
    style.title(figure, title, subtitle(data))
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
                grid_ax, j - 0.5, j + 0.5, i - 0.5, i + 0.5, target(data, row.class_id, row.class_name, key)
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
            target(data, view.rows[i].class_id, view.rows[i].class_name, "homework"),
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

"""读物 chart: the school's catalogue review and each class's 图书角."""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import MaxNLocator

from fivemgmt.charts import style
from fivemgmt.charts.chart import Chart
from fivemgmt.charts.common import empty_chart, no_area_note, subtitle, target
from fivemgmt.charts.data import WeekData, class_figures
from fivemgmt.i18n import translate
from fivemgmt.rules import STATUS_COLORS, Status


def reading_chart(data: WeekData) -> Chart:
    name, title = "reading", translate("Charts", "读物：进校园读物审核情况")
    catalogue = data.extra.get("catalogue")
    rows = class_figures(data.week, "reading")
    if not catalogue and not rows:
        return empty_chart(name, title, "reading", no_area_note("reading"))
    figure = style.new_figure(style.WIDTH, max(4.2, style.per_class_height(len(rows), 1.8) if rows else 4.2))
    style.title(figure, title, subtitle(data))
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
                class_ax, 0, max(b, 1), y - 0.4, y + 0.4, target(data, r.class_id, r.class_name, "reading")
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

"""课后服务 chart: each class's days and daily minutes of after-school service."""

from __future__ import annotations

import numpy as np

from fivemgmt.charts import style
from fivemgmt.charts.chart import Chart
from fivemgmt.charts.common import empty_chart, limit_text, logged_rows, no_area_note, subtitle, target
from fivemgmt.charts.data import WeekData, limits
from fivemgmt.i18n import translate


def afterschool_chart(data: WeekData) -> Chart:
    name, title = "afterschool", translate("Charts", "课后服务：各班开展天数与时长")
    rows = logged_rows(data, "afterschool")
    if not rows:
        return empty_chart(name, title, "afterschool", no_area_note("afterschool"))
    figure = style.new_figure(style.WIDTH, style.per_class_height(len(rows), 2.2))
    style.title(figure, title, subtitle(data))
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
                ax, 0, top * 1.1, y - 0.4, y + 0.4, target(data, r.class_id, r.class_name, "afterschool")
            )
        label_text = (
            limit_text(data, "afterschool.days_per_week", translate("Charts", "要求：每周 "))
            if need_key
            else limit_text(data, "afterschool.min_minutes_per_day", translate("Charts", "要求：每天不少于 "))
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

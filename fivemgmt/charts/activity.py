"""体质 (activity) charts: PE lessons held, 大课间 and in-school activity minutes, eye exercises and vision checks."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.patches import Patch

from fivemgmt.charts import style
from fivemgmt.charts.chart import Chart
from fivemgmt.charts.common import (
    Series,
    class_bars,
    class_chart,
    empty_chart,
    limit_text,
    logged_rows,
    no_area_note,
    target,
)
from fivemgmt.charts.data import ClassFigures, WeekData, limits
from fivemgmt.i18n import translate
from fivemgmt.rules import STATUS_COLORS, Status


def activity_pe_chart(data: WeekData) -> Chart:
    """PE lessons held (filled) inside the lessons required (dashed outline), with lessons taken over named."""
    name, title = "activity_pe", translate("Charts", "体质：各班体育课开齐情况")
    rows = logged_rows(data, "activity")
    if not rows:
        return empty_chart(name, title, "activity", no_area_note("activity"))
    chart, ax = class_chart(data, name, title, "activity", len(rows), 2.0)
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
        label=limit_text(data, "activity.pe_lessons_per_week", translate("Charts", "应上节数：")),
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
        chart.add_hit(ax, 0, top * 1.2, y - 0.4, y + 0.4, target(data, r.class_id, r.class_name, "activity"))
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


def activity_minutes_chart(data: WeekData) -> Chart:
    name, title = "activity_minutes", translate("Charts", "体质：大课间与校内体育活动时间")
    rows = logged_rows(data, "activity")
    if not rows:
        return empty_chart(name, title, "activity", no_area_note("activity"))
    series = [
        Series(
            "break_minutes_avg",
            translate("Charts", "大课间日均（分钟）"),
            limit_text(data, "activity.break_minutes", translate("Charts", "大课间不少于")),
            lambda r: limits(data.week, data.rules, r.grade)["break_minutes"],
        ),
        Series(
            "activity_minutes_avg",
            translate("Charts", "校内体育活动日均（分钟）"),
            limit_text(data, "activity.in_school_minutes", translate("Charts", "校内体育活动不少于")),
            lambda r: limits(data.week, data.rules, r.grade)["activity_minutes"],
        ),
    ]
    return class_bars(
        data, name, title, "activity", rows, series, translate("Charts", "日均分钟（班名后为本周判定）")
    )


@dataclass(frozen=True)
class EyeShares:
    """The two shares the eyes chart draws per class (None: nothing to divide by)."""

    eye_share: float | None
    vision_share: float | None


def activity_eyes_chart(data: WeekData) -> Chart:
    name, title = "activity_eyes", translate("Charts", "体质：眼保健操与视力监测")
    rows = logged_rows(data, "activity")
    if not rows:
        return empty_chart(name, title, "activity", no_area_note("activity"))
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
    return class_bars(
        data,
        name,
        title,
        "activity",
        shaped,
        series,
        translate("Charts", "比例（班名后为本周判定）"),
        percent=True,
    )

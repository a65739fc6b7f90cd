"""体质测试 charts: the annual fitness test's level distribution per class and per grade."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from matplotlib.axes import Axes

from fivemgmt.charts import style
from fivemgmt.charts.chart import Chart
from fivemgmt.charts.common import empty_chart
from fivemgmt.charts.data import FITNESS_LEVELS, FitnessYear, LevelRow, WeekData, level_rows
from fivemgmt.fitness.names import shown as fitness_name
from fivemgmt.i18n import QT_TRANSLATE_NOOP, translate
from fivemgmt.rules import reason_separator

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

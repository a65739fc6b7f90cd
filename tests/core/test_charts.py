"""Dashboard charts: the numbers (crafted data), the figures' content, and the rendered text's font."""

from __future__ import annotations

import datetime as dt

import pytest
from matplotlib.patches import Rectangle

from fivemgmt import class_names, fonts, records, school
from fivemgmt.actor import SYSTEM
from fivemgmt.areas import homework as hw
from fivemgmt.charts import (
    CHART_NAMES,
    build_weekly_charts,
    build_weekly_figures,
    dashboard_charts,
    figure_texts,
    fitness_levels_chart,
    load_week,
    style,
    weeks_touched,
)
from fivemgmt.charts import data as chart_data
from fivemgmt.charts.homework import homework_grades_chart, homework_heatmap_chart, subject_chart
from fivemgmt.charts.overview import overview_chart
from fivemgmt.rules import STATUS_COLORS, Status
from tests.core.helpers import make_school

TODAY = dt.date(2026, 11, 25)
MONDAY = dt.date(2026, 11, 16)  # 2026-W47, all days in the past


def save(db, school_class, day, minutes, subject="数学", required=True, kind="书面"):
    entry = hw.Entry(None, school_class.id, day, subject, "练习", kind, required, minutes, "王老师")
    hw.save_entry(db, SYSTEM, entry, reason="补登", today=TODAY)


@pytest.fixture
def crafted(db):
    """Grade 4 (cap 60) and grade 8 (cap 90) classes, a second grade-4 class that logs nothing."""
    classes = make_school(db, grades=(4, 8))
    from fivemgmt import school

    school.add_class(db, SYSTEM, 4, 2)
    c4, c8 = classes[4], classes[8]
    c4b = next(c for c in school.list_classes(db) if c.grade == 4 and c.number == 2)
    # 四年级(1)班: Mon 40, Tue 70 (over 60), Wed 50 (30 + 20 of English), Thu not logged, Fri 今日无作业 (0).
    save(db, c4, MONDAY, 40)
    save(db, c4, MONDAY + dt.timedelta(days=1), 70)
    save(db, c4, MONDAY + dt.timedelta(days=2), 30)
    save(db, c4, MONDAY + dt.timedelta(days=2), 20, subject="英语")
    save(db, c4, MONDAY + dt.timedelta(days=2), 15, subject="数学", required=False)  # 选做: not counted
    hw.set_no_homework(db, SYSTEM, c4.id, MONDAY + dt.timedelta(days=4), reason="补登", today=TODAY)
    save(db, c4, MONDAY + dt.timedelta(days=5), 45, subject="语文")  # Saturday
    # 八年级(1)班: 80 every school day.
    for i in range(5):
        save(db, c8, MONDAY + dt.timedelta(days=i), 80)
    return {"c4": c4, "c4b": c4b, "c8": c8}


def week_data(db, **kwargs):
    return load_week(db, MONDAY, TODAY, trend_weeks=kwargs.pop("trend_weeks", 1), **kwargs)


# ------------------------------------------------------------------ aggregation on crafted data


def test_heatmap_cells_keep_unlogged_apart_from_zero(db, crafted):
    rows = {r.class_name: r for r in chart_data.homework_heatmap(week_data(db).week)}
    c4 = rows["四年级(1)班"].cells
    assert [c.minutes for c in c4[:5]] == [40, 70, 50, None, 0]  # Thu 未登记 → None, Fri 今日无作业 → 0
    assert [c.status for c in c4[:5]] == [
        Status.GREEN,
        Status.RED,
        Status.GREEN,
        Status.UNLOGGED,
        Status.GREEN,
    ]
    assert c4[3].state == "unlogged" and c4[4].state == "none"
    assert c4[1].cap == 60
    assert all(c.minutes is None and c.status is Status.UNLOGGED for c in rows["四年级(2)班"].cells[:5])
    assert [c.cap for c in rows["八年级(1)班"].cells[:5]] == [90] * 5


def test_grade_means_leave_out_unlogged_classes(db, crafted):
    data = week_data(db)
    means = {
        m.grade: m
        for m in chart_data.grade_means(
            data.week, "homework", "average_minutes", "homework.written_daily_max_minutes", data.rules
        )
    }
    # 四年级(1)班 averages (40 + 70 + 50 + 0) / 4 logged days = 40; 四年级(2)班 logged nothing and is left out.
    assert means[4].mean == 40 and means[4].classes == 2 and means[4].with_value == 1 and means[4].limit == 60
    assert means[8].mean == 80 and means[8].limit == 90


def test_overview_never_shows_unlogged_as_green(db, crafted):
    view = chart_data.overview(week_data(db, areas=["homework"]).week)
    statuses = {r.class_name: r.statuses["homework"] for r in view.rows}
    assert statuses["四年级(2)班"] is Status.UNLOGGED
    assert statuses["八年级(1)班"] is Status.GREEN  # 80 < 90 × 0.9 = 81
    assert statuses["四年级(1)班"] is Status.YELLOW  # average fine, one red day, one day 未登记
    chart = overview_chart(week_data(db, areas=["homework"]))
    grid = chart.figure.axes[0]
    cells = [p for p in grid.patches if isinstance(p, Rectangle)]
    row_of = {t.get_text(): i for i, t in enumerate(grid.get_yticklabels())}
    unlogged_cell = next(p for p in cells if p.get_y() == row_of["四年级(2)班"] - 0.5)
    assert unlogged_cell.get_facecolor() != pytest.approx(_rgba(STATUS_COLORS[Status.GREEN]))
    assert unlogged_cell.get_facecolor() == pytest.approx(_rgba(STATUS_COLORS[Status.UNLOGGED]))
    texts = [t.get_text() for t in grid.texts]
    assert "— 未登记" in texts


def _rgba(color):
    from matplotlib.colors import to_rgba

    return to_rgba(color)


def test_red_share_against_school_average(db, crafted):
    # Make 四年级(1)班 red for the week: average over 60.
    c4 = crafted["c4"]
    save(db, c4, MONDAY + dt.timedelta(days=3), 200)
    data = week_data(db, areas=["homework"])
    view = chart_data.overview(data.week)
    shares = {r.class_name: r.red_share for r in view.rows}
    assert shares == {"四年级(1)班": 1.0, "四年级(2)班": 0.0, "八年级(1)班": 0.0}
    assert view.average_red_share == pytest.approx(1 / 3)
    chart = overview_chart(data)
    share_ax = chart.figure.axes[1]
    average_line = next(line for line in share_ax.get_lines() if line.get_linestyle() == "--")
    assert average_line.get_xdata()[0] == pytest.approx(1 / 3)
    legend_texts = [t.get_text() for t in chart.figure.legends[0].get_texts()]
    assert "全校平均红灯占比 33%" in legend_texts
    highlighted = [
        t.get_text() for t in chart.figure.axes[0].get_yticklabels() if t.get_bbox_patch() is not None
    ]
    assert highlighted == ["四年级(1)班"]


def test_subject_breakdown_stacks_counted_minutes(db, crafted):
    week = chart_data.subject_breakdown(db, crafted["c4"].id, MONDAY, TODAY)
    assert week.subjects == ["数学", "英语", "语文"]
    assert week.minutes["数学"][:3] == [40, 70, 30]
    assert week.minutes["英语"][2] == 20
    assert week.optional[2] == 15  # 选做 shown apart, not counted toward the cap
    assert week.logged[:5] == [True, True, True, False, True]
    chart = subject_chart(week, "2026-W47")
    ax = chart.figure.axes[0]
    wednesday = [
        p
        for p in ax.patches
        if isinstance(p, Rectangle)
        and abs(p.get_x() + p.get_width() / 2 - 2) < 1e-6
        and p.get_height() > 0
        and p.get_facecolor()[3] == 1
        and p.get_width() < 0.7
    ]
    assert sorted(p.get_height() for p in wednesday) == [15, 20, 30]
    labels = ax.get_legend().get_texts()
    assert "上课日书面作业上限 60 分钟" in [t.get_text() for t in labels]
    assert "未登记" in [t.get_text() for t in ax.texts]  # Thursday


def test_rest_day_totals(db, crafted):
    data = week_data(db)
    rows = {r.class_name: r for r in chart_data.rest_day_totals(data.week, data.rules)}
    assert rows["四年级(1)班"].minutes == 45 and rows["四年级(1)班"].cap == 120
    assert rows["四年级(1)班"].status is Status.GREEN
    assert rows["八年级(1)班"].minutes == 0


# ------------------------------------------------------------------ figure content


def test_grade_bars_heights_cap_lines_and_labels(db, crafted):
    chart = homework_grades_chart(week_data(db))
    ax = chart.figure.axes[0]
    bars = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_width() == pytest.approx(0.6)]
    assert [b.get_height() for b in bars] == [40, 80]
    caps = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert sorted(line.get_ydata()[0] for line in caps) == [60, 90]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "日均上限：四年级 60 分钟；八年级 90 分钟" in legend
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks == ["四年级\n1/2 班已登记", "八年级\n1/1 班已登记"]
    assert chart.figure.get_suptitle().startswith("作业：各年级书面作业日均时长")
    assert ax.get_ylabel() == "书面作业日均（分钟）"


def test_heatmap_class_names_and_own_caps(db, crafted):
    chart = homework_heatmap_chart(week_data(db))
    ax, side = chart.figure.axes
    assert [t.get_text() for t in ax.get_yticklabels()] == ["四年级(1)班", "四年级(2)班", "八年级(1)班"]
    assert [t.get_text() for t in side.texts] == ["40 / 60", "— / 60", "80 / 90"]
    cell_texts = [t.get_text() for t in ax.texts]
    assert cell_texts.count("未登记") == 5 + 1  # 四年级(2)班 all week, 四年级(1)班 Thursday
    assert "70 ↑" in cell_texts and "无作业 ✓" in cell_texts


def test_click_targets_lead_to_class_and_day(db, crafted):
    chart = homework_heatmap_chart(week_data(db))
    ax = chart.figure.axes[0]
    target = chart.target_at(ax, 1.1, 0.2)  # column Tuesday, row 四年级(1)班
    assert (target.class_name, target.area, target.day) == (
        "四年级(1)班",
        "homework",
        MONDAY + dt.timedelta(days=1),
    )
    assert chart.target_at(ax, 3.0, 2.0).class_id == crafted["c8"].id
    assert chart.target_at(chart.figure.axes[1], 0.5, 0) is None


def test_fitness_levels_hook(db):
    rows = [
        ("四年级(1)班", {"优秀": 5, "良好": 10, "及格": 12, "不及格": 3}),
        ("四年级(2)班", {"良好": 20, "及格": 10}),
    ]
    chart = fitness_levels_chart(rows)
    ax = chart.figure.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["四年级(1)班", "四年级(2)班"]
    first_row = sorted(
        (p for p in ax.patches if isinstance(p, Rectangle) and abs(p.get_y() + 0.3) < 1e-6),
        key=lambda p: p.get_x(),
    )
    assert [round(p.get_width(), 3) for p in first_row] == [round(5 / 30, 3), round(10 / 30, 3), 0.4, 0.1]
    pass_line = next(line for line in ax.get_lines() if line.get_label() == "及格线（左侧为及格及以上）")
    assert pass_line.get_xdata()[0] == pytest.approx(0.9)
    assert fitness_levels_chart([]).empty


def test_area_without_data_gets_a_note_not_zeros(db, crafted):
    charts = {c.name: c for c in build_weekly_charts(db, MONDAY, TODAY, trend_weeks=1)}
    assert set(charts) <= set(CHART_NAMES) and "overview" in charts
    sleep = charts["sleep_shares"]  # nobody sampled sleep in the crafted school
    assert sleep.empty and any("暂无数据" in t for t in sleep.texts())
    assert not charts["homework_heatmap"].empty


def test_build_weekly_figures_for_reports(db, crafted):
    figures = build_weekly_figures(db, MONDAY, TODAY, areas=["homework"], trend_weeks=1)
    names = [name for name, _ in figures]
    assert names[:3] == ["overview", "homework_heatmap", "homework_grades"]
    assert all(hasattr(figure, "savefig") for _, figure in figures)


def test_weeks_touched(db, crafted):
    changes = records.Changes()
    c4 = crafted["c4"]
    entry = hw.Entry(None, c4.id, dt.date(2026, 11, 3), "数学", "", "书面", True, 30)
    changes.merge(hw.save_entry(db, SYSTEM, entry, reason="补登", today=TODAY))
    assert weeks_touched(db, changes) == {dt.date(2026, 11, 2)}
    entry.date = dt.date(2026, 11, 18)  # moved into another week: both weeks change
    moved = hw.save_entry(db, SYSTEM, entry, reason="改日期", today=TODAY)
    assert weeks_touched(db, moved) == {dt.date(2026, 11, 2), dt.date(2026, 11, 16)}
    assert weeks_touched(db, records.Changes({"classes"}, ["x"])) is None


def test_a_save_in_one_week_keeps_the_trends_other_weeks_cached_and_true(db, crafted, monkeypatch):
    """The trend's weeks are remembered per week: a save recounts only the week it touches, and every week
    of the trend still shows what a cold count shows."""
    summed: list[dt.date] = []
    real = chart_data.week_summary

    def counting(db_, monday, **kwargs):
        summed.append(monday)
        return real(db_, monday, **kwargs)

    monkeypatch.setattr(chart_data, "week_summary", counting)
    chart_data.clear_cache()
    c8 = crafted["c8"]
    w45, w46 = MONDAY - dt.timedelta(weeks=2), MONDAY - dt.timedelta(weeks=1)
    save(db, c8, w45, 60)
    assert week_data(db, trend_weeks=3).trend.homework_mean[8] == [60.0, None, 80.0]
    assert sorted(summed) == [w45, w46, MONDAY]

    summed.clear()
    save(db, c8, w46 + dt.timedelta(days=1), 30)  # 2026-W46 only
    trend = week_data(db, trend_weeks=3).trend
    assert summed == [w46]  # W45 and W47 kept
    assert trend.homework_mean[8] == [60.0, 30.0, 80.0]

    summed.clear()
    save(db, c8, MONDAY - dt.timedelta(weeks=6), 50)  # a week outside the trend
    assert week_data(db, trend_weeks=3).trend.homework_mean[8] == [60.0, 30.0, 80.0]
    assert summed == []

    summed.clear()
    school.add_class(db, SYSTEM, 8, 2)  # classes change every week
    kept = week_data(db, trend_weeks=3).trend
    assert sorted(summed) == [w45, w46, MONDAY]
    chart_data.clear_cache()
    assert week_data(db, trend_weeks=3).trend == kept  # what a cold count shows


# ------------------------------------------------------------------ the demo school, rendered


def test_demo_charts_render_with_the_bundled_font(demo_db):
    fonts.setup_matplotlib()
    charts = build_weekly_charts(demo_db, MONDAY, TODAY, trend_weeks=3)
    assert [c.name for c in charts][0] == "overview"
    from matplotlib.font_manager import FontProperties, findfont

    for chart in charts:
        texts = figure_texts(chart.figure)
        assert texts, chart.name
        missing = set().union(*(fonts.missing_glyphs(t) for t in texts))
        assert not missing, (chart.name, missing)
        png = chart.png_bytes(dpi=60)
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        for text in chart.figure.findobj(
            lambda a: hasattr(a, "get_fontproperties") and hasattr(a, "get_text")
        ):
            if text.get_text():
                path = findfont(FontProperties(family=text.get_fontfamily()), fallback_to_default=False)
                assert path.endswith(fonts.FONT_FILE), (chart.name, text.get_text(), path)
    titles = [c.figure.get_suptitle() for c in charts]
    assert all(titles)


def test_each_grade_has_its_own_line_in_the_trends(demo_db):
    """一年级 and 九年级 were drawn in one colour (eight colours for nine grades)."""
    chart = next(c for c in build_weekly_charts(demo_db, MONDAY, TODAY, trend_weeks=3) if c.name == "trends")
    lines = [line for line in chart.figure.axes[0].get_lines() if line.get_label() in GRADE_LABELS]
    assert len(lines) >= 9
    assert len({line.get_color() for line in lines}) == len(lines)


GRADE_LABELS = {class_names.grade_name(g) for g in range(1, 13)}


def test_the_sleep_shares_chart_draws_the_school_lines_its_verdicts_use(demo_db):
    """Only the 100% line was drawn, so a class at 90% marked ✓ looked wrong; the verdict's lines are the
    school's (预警线, 未达标线), drawn where their values are."""
    from fivemgmt.rules import Rulebook

    chart = next(
        c for c in build_weekly_charts(demo_db, MONDAY, TODAY, trend_weeks=1) if c.name == "sleep_shares"
    )
    rules = Rulebook(demo_db)
    target = float(rules.value("sleep.class_meet_share", 4, MONDAY))
    red = float(rules.value("sleep.class_red_share", 4, MONDAY))
    texts = figure_texts(chart.figure)
    assert f"学校预警线 {style.pct(target)}（低于为黄）" in texts
    assert f"学校未达标线 {style.pct(red)}（低于为红）" in texts
    xs = {line.get_xdata()[0] for line in chart.figure.axes[0].get_lines()}
    assert {target, red, 1.0} <= xs


def test_every_chart_names_its_limit(demo_db):
    data = load_week(demo_db, MONDAY, TODAY, trend_weeks=3)
    for chart in dashboard_charts(data, include_empty=False):
        labels = []
        for legend in [*chart.figure.legends, *(ax.get_legend() for ax in chart.figure.axes)]:
            if legend is not None:
                labels += [t.get_text() for t in legend.get_texts()]
        assert any(word in " ".join(labels) for word in ("上限", "要求", "不少于", "平均", "应上", "及格")), (
            chart.name
        )


def test_pdf_one_page_per_chart(demo_db, tmp_path):
    from pypdf import PdfReader

    charts = build_weekly_charts(demo_db, MONDAY, TODAY, trend_weeks=2, names=["overview", "homework_grades"])
    path = charts[0].save(tmp_path / "one.pdf")
    assert len(PdfReader(path).pages) == 1
    from fivemgmt.charts import save_pdf

    reader = PdfReader(save_pdf(charts, tmp_path / "all.pdf"))
    assert len(reader.pages) == 2
    assert "五项管理周概览" in reader.pages[0].extract_text()


def test_symbols_are_drawable():
    for status in Status:
        assert not fonts.missing_glyphs(style.symbol(status))


def test_figures_are_not_pyplot_figures(db, crafted):
    import matplotlib.pyplot as plt  # noqa: F401 - only to ask pyplot which figures it manages

    before = plt.get_fignums()
    build_weekly_charts(db, MONDAY, TODAY, trend_weeks=1)
    assert plt.get_fignums() == before


def test_weekly_set_has_the_fitness_levels_of_the_school_year(demo_db):
    from fivemgmt.fitness import summaries

    figures = dict(build_weekly_figures(demo_db, MONDAY, TODAY, trend_weeks=1))
    assert "fitness_levels" in figures
    [chart] = build_weekly_charts(demo_db, MONDAY, TODAY, trend_weeks=1, names=["fitness_levels"])
    assert "2026-2027 学年" in chart.title and "每学年" in chart.title
    classes_ax, grades_ax = chart.figure.axes
    levels = summaries.level_counts(demo_db, TODAY, today=TODAY)
    assert [t.get_text() for t in classes_ax.get_yticklabels()] == [c.label for c in levels.classes]
    assert [t.get_text() for t in grades_ax.get_yticklabels()] == [g.label for g in levels.grades]
    texts = " ".join(chart.texts())
    junior = next(c for c in levels.classes if c.grade == 8)
    # 初中 has no scoring table: named as such beside an empty bar, never drawn as 不及格.
    assert junior.scored == 0 and f"无评分表 {junior.no_table}" in texts
    row = [c.label for c in levels.classes].index(junior.label)
    assert not [p for p in classes_ax.patches if abs(p.get_y() + 0.3 - row) < 1e-6 and p.get_width() > 0]
    target = chart.target_at(classes_ax, 0.5, 0)
    assert target.area == "fitness" and target.class_id == levels.classes[0].class_id
    # The annual test belongs to 体质: kept by that area filter, left out by the others.
    assert "fitness_levels" in dict(
        build_weekly_figures(demo_db, MONDAY, TODAY, areas=["activity"], trend_weeks=1)
    )
    assert "fitness_levels" not in dict(
        build_weekly_figures(demo_db, MONDAY, TODAY, areas=["homework"], trend_weeks=1)
    )


def test_no_fitness_results_no_fitness_chart_in_reports(db, crafted):
    assert "fitness_levels" not in dict(build_weekly_figures(db, MONDAY, TODAY, trend_weeks=1))
    [chart] = build_weekly_charts(db, MONDAY, TODAY, trend_weeks=1, names=["fitness_levels"])
    assert chart.empty and any("尚未录入2026-2027 学年体质测试成绩" in t for t in chart.texts())

"""The dashboard's charts of one week, in dashboard order: which chart belongs to which area, and its builder.

Each area's charts live in their own module (``charts/homework.py`` …); ``fivemgmt chart weekly``, the
principal's 周报 (``reports/weekly.py``) and the 自查报告 pick from the same list.
"""

from __future__ import annotations

from collections.abc import Callable

from fivemgmt.charts.activity import activity_eyes_chart, activity_minutes_chart, activity_pe_chart
from fivemgmt.charts.afterschool import afterschool_chart
from fivemgmt.charts.chart import Chart
from fivemgmt.charts.data import WeekData
from fivemgmt.charts.fitness import fitness_year_chart
from fivemgmt.charts.homework import (
    homework_grades_chart,
    homework_heatmap_chart,
    homework_rest_chart,
    homework_subjects_chart,
)
from fivemgmt.charts.overview import overview_chart
from fivemgmt.charts.phone import phone_chart
from fivemgmt.charts.reading import reading_chart
from fivemgmt.charts.sleep import sleep_hours_chart, sleep_shares_chart
from fivemgmt.charts.trends import trend_chart

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


def dashboard_names(data: WeekData) -> list[str]:
    """The charts the week's data has, in dashboard order (areas left out by the filter are not)."""
    names = []
    for name in BUILDERS:
        area = CHART_AREAS[name]
        area = FILTER_AREA.get(area, area)
        if area is not None and data.areas is not None and area not in data.areas:
            continue  # left out by the area filter (an area without data still gets its 暂无数据 note)
        if name == "trends" and data.trend is None:
            continue
        names.append(name)
    return names


def dashboard_charts(
    data: WeekData, *, names: list[str] | None = None, include_empty: bool = True
) -> list[Chart]:
    """Every weekly chart for the week's data, in dashboard order (areas not in the week are left out)."""
    charts = []
    for name in dashboard_names(data):
        if names is not None and name not in names:
            continue
        chart = BUILDERS[name](data)
        if chart.empty and not include_empty:
            continue
        charts.append(chart)
    return charts

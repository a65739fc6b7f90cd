"""Charts for the printed reports, from the dashboard's chart package (fivemgmt.charts).

A small adapter so the reports keep working (without charts) if that package is missing or a chart fails.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

# The chart that stands for each area in the 自查报告.
AREA_CHART = {
    "homework": "homework_grades",
    "sleep": "sleep_shares",
    "phone": "phone",
    "reading": "reading",
    "activity": "activity_minutes",
    "afterschool": "afterschool",
}
# A report of several weeks (本学期, 本学年) also draws every week of its period in one chart.
PERIOD_CHART = "trends"
# The charts of the principal's weekly report, in order.
WEEKLY_CHARTS = ["homework_heatmap", "homework_grades", "sleep_shares", "phone", "activity_pe", "afterschool"]


@dataclass
class ReportChart:
    name: str
    title: str
    figure: Any  # matplotlib Figure


def weekly_charts(
    db: Database, monday: dt.date, today: dt.date, names: list[str], *, trend_weeks: int = 6
) -> dict[str, ReportChart]:
    """The named charts of one week that have data, by name ({} when charts are unavailable)."""
    try:
        from fivemgmt.charts import build_weekly_charts
    except ImportError:
        return {}
    charts = build_weekly_charts(db, monday, today, names=names, include_empty=False, trend_weeks=trend_weeks)
    return {c.name: ReportChart(c.name, c.title, c.figure) for c in charts}


def period_charts(
    db: Database, mondays: list[dt.date], today: dt.date, areas: list[str], period_label: str
) -> dict[str, ReportChart]:
    """Per area, its chart of every week of a period of several weeks, by area key ({} when charts are
    unavailable); areas with no judged week are left out."""
    try:
        from fivemgmt.charts.period import period_charts as build
    except ImportError:
        return {}
    charts = build(db, mondays, today, areas, period_label)
    return {key: ReportChart(c.name, c.title, c.figure) for key, c in charts.items() if not c.empty}

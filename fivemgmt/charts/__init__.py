"""Principal dashboard charts: matplotlib Figures built in the core (no pyplot, no Qt).

The same numbers feed the GUI dashboard, ``fivemgmt chart weekly`` and the PDF reports:

    from fivemgmt.charts import build_weekly_figures
    for name, figure in build_weekly_figures(db, monday, today):
        ...  # e.g. figure.savefig(buffer, format="png") or draw it into a ReportLab page

``build_weekly_charts`` returns :class:`Chart` objects instead (figure + click targets + export helpers);
``fitness_levels_chart(rows)`` draws the annual fitness test's level distribution from
``[(label, {"优秀": n, "良好": n, "及格": n, "不及格": n}), ...]``. The numbers behind every chart are in
:mod:`fivemgmt.charts.data` (``load_week`` queries once; the chart builders never touch the database).

One module per area draws its charts (``homework``, ``sleep``, ``phone``, ``reading``, ``activity``,
``afterschool``, ``fitness``; ``overview`` and ``trends`` span the areas; ``common`` and ``style`` are shared);
:mod:`fivemgmt.charts.dashboard` lists them in dashboard order (``dashboard_charts(data)``). The printed
周报 (``fivemgmt.reports.weekly``) picks some of them by name.
"""

from __future__ import annotations

import datetime as dt

from matplotlib.figure import Figure
from sqlite_utils import Database

from fivemgmt.charts.chart import Chart, Hit, figure_texts, save_pdf
from fivemgmt.charts.dashboard import BUILDERS, CHART_AREAS, dashboard_charts, dashboard_names
from fivemgmt.charts.data import NavTarget, WeekData, load_week, weeks_touched
from fivemgmt.charts.fitness import fitness_levels_chart
from fivemgmt.charts.homework import subject_chart
from fivemgmt.charts.trends import trend_chart

CHART_NAMES = list(BUILDERS)


def build_weekly_charts(
    db: Database,
    monday: dt.date,
    today: dt.date,
    *,
    areas: list[str] | None = None,
    grade: int | None = None,
    subject_class_id: str | None = None,
    trend_weeks: int = 6,
    include_empty: bool = True,
    names: list[str] | None = None,
) -> list[Chart]:
    """All weekly charts of one week (optionally only some areas / one grade), in dashboard order."""
    data = load_week(
        db,
        monday,
        today,
        areas=areas,
        grade=grade,
        subject_class_id=subject_class_id,
        trend_weeks=trend_weeks,
    )
    return dashboard_charts(data, names=names, include_empty=include_empty)


def build_weekly_figures(
    db: Database,
    monday: dt.date,
    today: dt.date,
    areas: list[str] | None = None,
    grade: int | None = None,
    *,
    include_empty: bool = False,
    trend_weeks: int = 6,
) -> list[tuple[str, Figure]]:
    """(chart name, Figure) pairs for reports; charts without data are left out unless include_empty."""
    return [
        (c.name, c.figure)
        for c in build_weekly_charts(
            db, monday, today, areas=areas, grade=grade, trend_weeks=trend_weeks, include_empty=include_empty
        )
    ]


__all__ = [
    "CHART_AREAS",
    "CHART_NAMES",
    "Chart",
    "Hit",
    "NavTarget",
    "WeekData",
    "build_weekly_charts",
    "build_weekly_figures",
    "dashboard_charts",
    "dashboard_names",
    "figure_texts",
    "fitness_levels_chart",
    "load_week",
    "save_pdf",
    "subject_chart",
    "trend_chart",
    "weeks_touched",
]

"""手机 chart: each class's violations, phones not handed in and missing custody-log days: every count
that makes its verdict ×."""

from __future__ import annotations

from fivemgmt.charts.chart import Chart
from fivemgmt.charts.common import Series, class_bars, empty_chart, logged_rows, no_area_note
from fivemgmt.charts.data import WeekData
from fivemgmt.i18n import translate


def phone_chart(data: WeekData) -> Chart:
    name, title = "phone", translate("Charts", "手机：各班违规带入、未交保管与保管记录缺失")
    rows = logged_rows(data, "phone")
    if not rows:
        return empty_chart(name, title, "phone", no_area_note("phone"))
    series = [
        Series(
            "violations",
            translate("Charts", "违规带入/使用（次）"),
            translate("Charts", "要求：违规带入/使用为 0"),
            lambda r: 0.0,
            "max",
        ),
        Series(  # a red verdict of its own: without it a class could be marked × beside two empty bars
            "not_handed_in",
            translate("Charts", "未交手机（人次）"),
            translate("Charts", "要求：带入的手机交由学校统一保管（未交为 0）"),
            lambda r: 0.0,
            "max",
        ),
        Series(
            "missing_log_days",
            translate("Charts", "缺保管登记（天）"),
            translate("Charts", "要求：每天登记保管（缺登记为 0）"),
            lambda r: 0.0,
            "max",
        ),
    ]
    return class_bars(
        data,
        name,
        title,
        "phone",
        rows,
        series,
        translate("Charts", "本周次数 / 天数（班名后为本周判定）"),
        integer=True,
        minimum_top=3,
    )

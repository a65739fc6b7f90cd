"""The principal's weekly report: the dashboard's overview and key charts for one week (2–4 pages)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer
from sqlite_utils import Database

from fivemgmt import clock, summary
from fivemgmt.areas import homework as hw
from fivemgmt.calendar import monday_of, week_label
from fivemgmt.percent import percent
from fivemgmt.reports import charts, pdf
from fivemgmt.reports import findings as fnd
from fivemgmt.reports.period import Period
from fivemgmt.rules import LEGEND_ORDER, STATUS_COLORS, Status

TITLE = "五项管理校长周报"
# Status marks that the bundled font can draw.
MARKS = {status: status.symbol for status in Status}  # the one symbol of each status
STATUSES = tuple(s for s in LEGEND_ORDER if s is not Status.NA)


def _light(hex_color: str, amount: float = 0.55) -> colors.Color:
    base = colors.HexColor(hex_color)
    return colors.Color(
        base.red + (1 - base.red) * amount,
        base.green + (1 - base.green) * amount,
        base.blue + (1 - base.blue) * amount,
    )


def build(
    db: Database,
    period: Period,
    target: Path | str | None = None,
    *,
    today: dt.date | None = None,
    with_charts: bool = True,
) -> bytes:
    """The week of period.start (a weekly report always covers one ISO week)."""
    today = today or clock.today()
    monday = monday_of(period.start)
    cutoff = min(today, monday + dt.timedelta(days=6))
    week = summary.week_summary(db, monday, today=today)
    doc = pdf.Document(db, f"{TITLE} {week_label(monday)}", today=today)
    styles = doc.styles
    doc.add(pdf.P(f"{TITLE}", styles.title))
    doc.add(pdf.P(f"{Period.week(monday).label}　　统计截至 {cutoff:%Y-%m-%d}", styles.subtitle))

    # Overview numbers.
    keys = list(week.area_titles)
    classes = len(week.classes)
    reds = sum(1 for c in week.classes for a in c.areas.values() if a.status.is_red)
    unlogged_homework = [
        c.school_class.name
        for c in week.classes
        if c.figures("homework") and c.figures("homework").unlogged_days
    ]
    open_findings = fnd.list_findings(db, open_only=True)
    overdue = [f for f in open_findings if f.overdue(today)]
    doc.add(pdf.P("一、总体情况", styles.h1))
    doc.add(
        pdf.P(
            f"全校 {classes} 个班，本周各班红灯（超标、未达标、违规）共 {reds} 项，各班红灯占比平均 {percent(week.average_red_share)}。"
            + (
                f"作业未按日登记的班级 {len(unlogged_homework)} 个：{'、'.join(unlogged_homework)}。"
                if unlogged_homework
                else "各班作业均已按日登记。"
            )
            + f"整改清单中整改中 {len(open_findings)} 项"
            + (f"，其中逾期 {len(overdue)} 项。" if overdue else "。"),
            styles.para,
        )
    )

    rows: list[list] = [["方面", *[s.label for s in STATUSES], "需关注的班级"]]
    for key in keys:
        area_rows = week.area(key)
        counts = Counter(a.status for a in area_rows)
        worst = sorted(
            (a for a in area_rows if a.status.level in (Status.RED, Status.YELLOW)),
            key=lambda a: -a.status.rank,
        )
        names = "；".join(f"{a.class_name}{MARKS[a.status]} {a.reason}" for a in worst[:3])
        if len(worst) > 3:
            names += f"；等 {len(worst)} 个班"
        rows.append([week.area_titles[key], *[str(counts[s]) for s in STATUSES], names or "—"])
    widths = [16 * mm, *[11.5 * mm for _ in STATUSES], 0]
    widths[-1] = doc.width - sum(widths)
    extra = [("BACKGROUND", (1 + i, 0), (1 + i, 0), _light(STATUS_COLORS[s])) for i, s in enumerate(STATUSES)]
    doc.add(pdf.table(rows, widths, styles, extra=extra, font_size=8.5))

    # Class × area matrix.
    doc.add(pdf.P("二、各班各方面判定", styles.h1))
    doc.add(pdf.P("　".join(f"{s.symbol} {s.label}" for s in LEGEND_ORDER), styles.note))
    header = ["班级", *[week.area_titles[k] for k in keys], "作业日均(分钟)", "红灯占比"]
    matrix: list[list] = [header]
    extra = []
    for r, row in enumerate(week.classes, 1):
        cells = [row.school_class.name]
        for c, key in enumerate(keys, 1):
            area = row.areas[key]
            cells.append(f"{MARKS[area.status]} {area.status.label}")
            if area.status is not Status.NA:
                extra.append(("BACKGROUND", (c, r), (c, r), _light(STATUS_COLORS[area.status])))
        average = row.figures("homework").average_minutes if row.figures("homework") else None
        cells += ["—" if average is None else f"{average:g}", percent(row.red_share)]
        matrix.append(cells)
    first = 24 * mm
    last = 2 * 20 * mm
    each = (doc.width - first - last) / max(len(keys), 1)
    doc.add(
        pdf.table(
            matrix,
            [first, *[each] * len(keys), 20 * mm, 20 * mm],
            styles,
            cell_style=styles.cell_center,
            extra=extra,
            font_size=8.5,
        )
    )

    # Homework not logged today (the principal's 未登记 list).
    if monday <= today <= monday + dt.timedelta(days=6):
        missing = [c.name for c in hw.unlogged_classes(db, today)]
        if missing:
            doc.add(Spacer(1, 2 * mm))
            doc.add(pdf.P(f"今天（{today:%m-%d}）尚未登记作业的班级：{'、'.join(missing)}", styles.small))

    # Charts, two to a page.
    if with_charts:
        figures = charts.weekly_charts(db, monday, today, charts.WEEKLY_CHARTS)
        ordered = [figures[name] for name in charts.WEEKLY_CHARTS if name in figures]
        if ordered:
            doc.add(PageBreak())
            doc.add(pdf.P("三、重点图表", styles.h1))
        for chart in ordered:
            image = pdf.figure_image(chart.figure, doc.width)
            limit = doc.height / 2 - 12 * mm
            if image.drawHeight > limit:
                scale = limit / image.drawHeight
                image.drawWidth *= scale
                image.drawHeight = limit
            doc.add(KeepTogether([image, pdf.P(f"图：{chart.title}", styles.note), Spacer(1, 3 * mm)]))
    return doc.build(target)

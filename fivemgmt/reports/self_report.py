"""自查报告 — the written self-inspection report: 领导小组, one section per area with the period's figures
and a chart, 存在问题 (from the red findings, editable as the rectification list), 整改措施, signature."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer
from sqlite_utils import Database

from fivemgmt import clock
from fivemgmt.areas import AREA_KEYS, area_module
from fivemgmt.calendar import monday_of
from fivemgmt.reports import charts, pdf
from fivemgmt.reports import findings as fnd
from fivemgmt.reports.evidence import Evidence, Proposal, pending_red_findings
from fivemgmt.reports.period import Period
from fivemgmt.rules import LEGEND_ORDER, Status

TITLE = "“五项管理”工作自查报告"
CN_NUMBERS = "一二三四五六七八九十"
FALLBACK_TITLES = {
    "homework": "作业管理",
    "sleep": "睡眠管理",
    "phone": "手机管理",
    "reading": "课外读物管理",
    "activity": "体质健康管理",
    "afterschool": "课后服务",
}


def area_title(key: str) -> str:
    area = getattr(area_module(key), "AREA", None)
    return area.long_title if area else FALLBACK_TITLES[key]


def area_proposals(evidence: Evidence, key: str) -> list[Proposal]:
    """The evidence lines that describe an area in the report (the same ones the checklists print)."""
    makers = {
        "homework": [
            evidence.homework_lower,
            lambda: evidence.homework_stage("primary"),
            lambda: evidence.homework_stage("junior"),
            lambda: evidence.homework_publicity(daily=False),
        ],
        "sleep": [evidence.sleep_monitoring],
        "phone": [evidence.phone_applications, evidence.phone_custody, evidence.phone_violations],
        "reading": [evidence.reading_review, evidence.reading_published, evidence.reading_class_books],
        "activity": [evidence.pe_lessons, evidence.daily_activity, evidence.eyes, evidence.fitness_test],
        "afterschool": [evidence.afterschool],
    }[key]
    return [p for p in (make() for make in makers) if p.answer != "不适用"]


def status_tally(evidence: Evidence, key: str) -> str:
    rows = evidence.area_weeks(key)
    if not rows:
        return ""
    counts = Counter(r.status for r in rows)
    parts = [
        f"{status.label} {counts[status]}"
        for status in LEGEND_ORDER
        if status is not Status.NA
        if counts[status]
    ]
    return f"按班按周判定（共 {len(rows)} 班·周）：" + "，".join(parts) + "。"


def problems(db: Database, period: Period, today: dt.date) -> list[fnd.Finding]:
    """存在问题: the saved findings of the period, then red findings not yet saved (nor dismissed)."""
    return fnd.list_findings(db, period=period) + pending_red_findings(db, period, today)


def build(
    db: Database,
    period: Period,
    target: Path | str | None = None,
    *,
    today: dt.date | None = None,
    with_charts: bool = True,
) -> bytes:
    today = today or clock.today()
    evidence = Evidence(db, period, today)
    doc = pdf.Document(db, TITLE, today=today)
    styles = doc.styles
    doc.add(pdf.P(f"{doc.school_name}{TITLE}", styles.title))
    doc.add(pdf.P(f"自查时段：{period.label}", styles.subtitle))
    doc.add(
        pdf.P(
            f"为落实教育部关于中小学生作业、睡眠、手机、读物、体质管理（“五项管理”）的规定，学校依据"
            f"“五项管理”台账记录，对{period.label}的落实情况进行了自查。现将自查情况报告如下。",
            styles.para,
        )
    )

    # 一、组织领导
    doc.add(pdf.P("一、组织领导", styles.h1))
    names = fnd.leaders(db)
    blank = "&nbsp;" * 30
    doc.add(Paragraph("学校成立“五项管理”工作领导小组，统筹推进各项工作：", styles.para))
    for key, label in fnd.LEADER_KEYS.items():
        value = pdf.text(names.get(key)) or f"<u>{blank}</u>"
        doc.add(Paragraph(f"{label}：{value}", styles.body))

    # 二、落实情况
    doc.add(pdf.P("二、落实情况", styles.h1))
    chart_week = monday_of(evidence.cutoff)
    weeks = max(1, len(period.mondays()))
    # A week the period covers to its Sunday is drawn as a past week (no "today" mark on it).
    full_week = evidence.cutoff >= chart_week + dt.timedelta(days=6)
    chart_today = today if full_week or evidence.cutoff == today else evidence.cutoff
    # A report of several weeks (本学期, 本学年) draws every area over all its weeks, not its last week.
    names = list(charts.AREA_CHART.values()) if weeks == 1 else [charts.PERIOD_CHART]
    figures = (
        charts.weekly_charts(db, chart_week, chart_today, names, trend_weeks=weeks) if with_charts else {}
    )
    area_figures = (
        charts.period_charts(db, period.mondays(), chart_today, list(AREA_KEYS), period.label)
        if with_charts and weeks > 1
        else {}
    )
    whole = figures.get(charts.PERIOD_CHART)
    if whole is not None:
        # a term or a school year: its every week in one chart, before the areas' charts
        doc.add(pdf.figure_image(whole.figure, doc.width * 0.6))
        doc.add(pdf.P(f"图：{whole.title}（{period.label}，每周一点）", styles.note))
    for index, key in enumerate(AREA_KEYS):
        block = [pdf.P(f"（{CN_NUMBERS[index]}）{area_title(key)}", styles.h2)]
        lines = area_proposals(evidence, key)
        facts = [p.evidence for p in lines if p.evidence]
        if not any(p.has_data for p in lines):
            facts = [f"本期{area_title(key)}台账暂无记录。"]
        tally = status_tally(evidence, key)
        text = "；".join(facts).rstrip("。") + "。" + (tally if tally else "")
        block.append(pdf.P(text, styles.para))
        chart = area_figures.get(key) if weeks > 1 else figures.get(charts.AREA_CHART[key])
        if chart is not None:
            block.append(Spacer(1, 1.5 * mm))
            block.append(pdf.figure_image(chart.figure, doc.width * 0.92))
            note = f"图：{chart.title}（{period.label}，每周一柱）" if weeks > 1 else f"图：{chart.title}"
            block.append(pdf.P(note, styles.note))
        doc.add(KeepTogether(block))

    # 三、存在问题
    found = problems(db, period, today)
    doc.add(pdf.P("三、存在问题", styles.h1))
    if not found:
        doc.add(pdf.P("本期台账记录中未发现超标、未达标或违规问题。", styles.para))
    for number, finding in enumerate(found, 1):
        state = "（已整改）" if finding.closed else ""
        doc.add(pdf.P(f"{number}. {finding.problem}{state}", styles.body))

    # 四、整改措施
    doc.add(pdf.P("四、整改措施", styles.h1))
    if found:
        rows: list[list] = [["序号", "存在问题", "整改措施", "责任人", "完成时限", "状态"]]
        for number, finding in enumerate(found, 1):
            deadline = finding.deadline.isoformat() if finding.deadline else ""
            status = finding.status_label if finding.id else "待确认"
            if finding.closed and finding.closed_on:
                status = f"已整改\n{finding.closed_on:%Y-%m-%d}"
            rows.append([str(number), finding.problem, finding.measure, finding.owner, deadline, status])
        widths = [10 * mm, 0, 48 * mm, 18 * mm, 20 * mm, 17 * mm]
        widths[1] = doc.width - sum(widths)
        doc.add(pdf.table(rows, widths, styles, font_size=8.5))
    else:
        doc.add(pdf.P("继续坚持台账日常登记与每周检查。", styles.para))
    doc.add(pdf.signature_block(styles, doc.width, labels=("校长(签字)",), stamp="学校(盖章)"))
    return doc.build(target)

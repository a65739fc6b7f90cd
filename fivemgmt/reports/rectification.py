"""整改清单 — the rectification list: open findings with owner, deadline and status; closed ones 已整改."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.units import mm
from sqlite_utils import Database

from fivemgmt import clock
from fivemgmt.reports import findings as fnd
from fivemgmt.reports import pdf
from fivemgmt.reports.evidence import pending_red_findings
from fivemgmt.reports.period import Period

TITLE = "“五项管理”问题整改清单"


def build(
    db: Database, period: Period, target: Path | str | None = None, *, today: dt.date | None = None
) -> bytes:
    """Findings found by the period's end and open at its start: still open, or 已整改 with date and how."""
    today = today or clock.today()
    found = fnd.list_findings(db, period=period)
    doc = pdf.Document(db, TITLE, landscape_page=True, today=today)
    styles = doc.styles
    doc.add(pdf.P(TITLE, styles.title))
    open_count = sum(1 for f in found if not f.closed)
    overdue = sum(1 for f in found if f.overdue(today))
    doc.add(
        pdf.P(
            f"时段：{period.label}　　共 {len(found)} 项，整改中 {open_count} 项（逾期 {overdue} 项），"
            f"已整改 {len(found) - open_count} 项",
            styles.subtitle,
        )
    )
    rows: list[list] = [
        ["序号", "发现日期", "涉及", "存在问题", "整改措施", "责任人", "完成时限", "状态", "整改完成情况"]
    ]
    extra: list[tuple] = []
    for number, finding in enumerate(found, 1):
        status = finding.status_label
        if finding.overdue(today):
            status += "（逾期）"
        rows.append(
            [
                str(number),
                f"{finding.found_on:%Y-%m-%d}",
                finding.class_name or "全校",
                finding.problem,
                finding.measure,
                finding.owner,
                finding.deadline.isoformat() if finding.deadline else "",
                status,
                finding.done_text,
            ]
        )
        if finding.closed:
            extra.append(("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), pdf.GREY_FILL))
    if not found:
        rows.append(["本期没有列入清单的整改事项。", "", "", "", "", "", "", "", ""])
        extra.append(("SPAN", (0, 1), (-1, 1)))
    widths = [10 * mm, 20 * mm, 24 * mm, 0, 55 * mm, 18 * mm, 20 * mm, 18 * mm, 42 * mm]
    widths[3] = doc.width - sum(widths)
    doc.add(pdf.table(rows, widths, styles, extra=extra, font_size=8.5))
    pending = pending_red_findings(db, period, today)
    if pending:
        doc.add(
            pdf.P(
                f"另有 {len(pending)} 项红灯问题尚未列入整改清单（可在“报表”页面由红灯生成后填写整改措施）。",
                styles.note,
            )
        )
    doc.add(pdf.signature_block(styles, doc.width, labels=("校长(签字)", "督学(签字)"), stamp="学校(盖章)"))
    return doc.build(target)

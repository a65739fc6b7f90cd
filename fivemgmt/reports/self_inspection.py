"""中小学"五项管理"实地督查要点 自查表 — the official on-site checklist, answered from the records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer
from sqlite_utils import Database

from fivemgmt import clock
from fivemgmt.reports import pdf
from fivemgmt.reports.checklist import SELF_INSPECTION, Form, load_form
from fivemgmt.reports.evidence import Evidence, Row
from fivemgmt.reports.period import Period

TITLE = "中小学“五项管理”实地督查要点 自查表"
NOT_FILLED = "（学校不填）"
ADDITION_LABEL = "学校补充"


def answer_markup(row: Row) -> str:
    """The 自评 cell: the answer in bold-ish brackets, then the evidence line; blank boxes when unanswered."""
    if not row.item.school_fills:
        return ""
    head = f"<font size=10>【{pdf.text(row.answer)}】</font>" if row.answer else "□是　□否"
    evidence = pdf.text(row.evidence)
    return f"{head} {evidence}" if evidence else head


def checklist_table(doc: pdf.Document, form: Form, rows: list[Row], *, numbered: bool = False):
    """The form's grid. ``numbered``: the 内容 column shows the item number (the 双减 list has no B-codes)."""
    styles = doc.styles
    width = doc.width
    widths = [13 * mm, 14 * mm, width * 0.33, 0, 24 * mm]
    widths[3] = width - sum(widths)
    header = [
        "项目",
        "序号" if numbered else "内容",
        "督导重点" if numbered else "要点",
        "自评（是否有，提供佐证材料）",
        "督评",
    ]
    data: list[list] = [header]
    extra: list[tuple] = []
    group_start = 1
    previous_area = None
    additions_started = False

    def close_group(end: int) -> None:
        if end > group_start:
            extra.append(("SPAN", (0, group_start), (0, end)))

    for row in rows:
        item = row.item
        index = len(data)
        if item.addition and not additions_started:
            close_group(index - 1)
            additions_started = True
            data.append(
                [
                    Paragraph(
                        f"以下为学校补充自查项（代码以 S 开头，非官方督查要点）。{pdf.text(form.additions_source)}",
                        styles.cell_small,
                    ),
                    "",
                    "",
                    "",
                    "",
                ]
            )
            extra += [
                ("SPAN", (0, index), (-1, index)),
                ("BACKGROUND", (0, index), (-1, index), pdf.HEADER_FILL),
            ]
            index += 1
            group_start = index
            previous_area = None
        if item.area != previous_area:
            close_group(index - 1)
            group_start = index
            previous_area = item.area
        grey = not item.school_fills
        cell_style = styles.cell_grey if grey else styles.cell
        center = styles.cell_grey_center if grey else styles.cell_center
        point = pdf.text(item.point) + (NOT_FILLED if grey else "")
        if numbered:
            content, code = item.code, ""
        else:
            content = ADDITION_LABEL if item.addition else item.content
            code = f"<font size=8 color='#555555'>{pdf.text(item.code)}</font>　"
        data.append(
            [
                pdf.P(item.area, styles.cell_center) if index == group_start else "",
                pdf.P(content, center),
                Paragraph(code + point, cell_style),
                Paragraph(answer_markup(row), styles.cell),
                "",
            ]
        )
        if grey:
            extra.append(("BACKGROUND", (0, index), (3, index), pdf.GREY_FILL))
    close_group(len(data) - 1)
    return pdf.table(data, widths, styles, extra=extra)


def build_checklist(
    db: Database,
    form: Form,
    period: Period,
    target: Path | str | None = None,
    *,
    title: str,
    today: dt.date | None = None,
    numbered: bool = False,
) -> bytes:
    today = today or clock.today()
    rows = Evidence(db, period, today).rows(form)
    return checklist_document(db, form, period, rows, title=title, today=today, numbered=numbered).build(
        target
    )


def checklist_document(
    db: Database,
    form: Form,
    period: Period,
    rows: list[Row],
    *,
    title: str,
    today: dt.date,
    numbered: bool = False,
) -> pdf.Document:
    """The form's document from its rows (the benchmark lays out the same document from rows it has)."""
    doc = pdf.Document(db, title, subject=form.source, today=today)
    styles = doc.styles
    doc.add(pdf.P(title, styles.title))
    doc.add(
        pdf.fields_line(
            [("学校(印章)：", doc.school_name), ("责任督学：", ""), ("", pdf.date_blank())], styles, doc.width
        )
    )
    doc.add(Spacer(1, 2 * mm))
    doc.add(
        pdf.P(
            f"自查时段：{period.label}　　“自评”栏由软件根据台账记录提出建议，经学校核对修改后填写。",
            styles.small,
        )
    )
    doc.add(Spacer(1, 2 * mm))
    doc.add(checklist_table(doc, form, rows, numbered=numbered))
    doc.add(Spacer(1, 2 * mm))
    doc.add(pdf.P(f"依据：{form.source}", styles.note))
    doc.add(
        pdf.signature_block(
            styles, doc.width, labels=("填表人(签字)", "校长(签字)"), inspector=form.id == SELF_INSPECTION
        )
    )
    return doc


def build(
    db: Database, period: Period, target: Path | str | None = None, *, today: dt.date | None = None
) -> bytes:
    return build_checklist(db, load_form(SELF_INSPECTION), period, target, title=TITLE, today=today)

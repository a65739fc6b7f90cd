"""The recommended reading list for parents (推荐书目, 家长版) as a PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fivemgmt import class_names
from fivemgmt.areas.reading.records import ParentList
from fivemgmt.i18n import in_source_language


@in_source_language  # a PDF for parents: Chinese in any UI language
def write_parent_list_pdf(listing: ParentList, path: Path) -> Path:
    """A one-document PDF of the list with the voluntary-purchase notice (bundled CJK font)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from fivemgmt.fonts import setup_reportlab
    from fivemgmt.reports import pdf

    font = setup_reportlab()
    title_style = ParagraphStyle("title", fontName=font, fontSize=16, leading=22, alignment=1, spaceAfter=6)
    head_style = ParagraphStyle("head", fontName=font, fontSize=12, leading=16, spaceBefore=8, spaceAfter=4)
    body_style = ParagraphStyle("body", fontName=font, fontSize=10, leading=14, wordWrap="CJK")
    cell_style = ParagraphStyle("cell", fontName=font, fontSize=9.5, leading=12, wordWrap="CJK")
    notice_style = ParagraphStyle(
        "notice",
        parent=body_style,
        borderColor=colors.black,
        borderWidth=0.6,
        borderPadding=5,
        spaceBefore=10,
    )
    story: list[Any] = [
        Paragraph(pdf.text(listing.title), title_style),
        Paragraph("致家长：" + pdf.text(listing.notice), notice_style),
        Spacer(1, 6),
    ]
    if not listing.grades:
        story.append(Paragraph("（本学年尚未确定推荐书目）", body_style))
    for grade, books in listing.grades.items():
        story.append(Paragraph(class_names.grade_name(grade), head_style))
        data = [[Paragraph(h, cell_style) for h in ("序号", "书名", "作者", "出版社", "ISBN")]]
        for number, book in enumerate(books, start=1):
            data.append(
                [
                    Paragraph(str(number), cell_style),
                    Paragraph(pdf.text(f"《{book.title}》"), cell_style),
                    Paragraph(pdf.text(book.author), cell_style),
                    Paragraph(pdf.text(book.publisher), cell_style),
                    Paragraph(pdf.text(book.isbn), cell_style),
                ]
            )
        table = Table(data, colWidths=[12 * mm, 55 * mm, 35 * mm, 45 * mm, 33 * mm], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ]
            )
        )
        story.append(table)
    path = Path(path)
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=listing.title,
    )
    pdf.check_glyphs(story)  # a title or author no bundled font can draw is refused, not printed with gaps
    doc.build(story)
    return path

"""The one ReportLab document template every printed form and report uses.

A4 with fixed margins; the bundled CJK font registered by :func:`fivemgmt.fonts.setup_reportlab` (ReportLab
embeds TrueType fonts as subsets); a header with the school's name and the document's title; a footer with
"第 x 页 共 y 页" and the head of the audit chain (``fivemgmt.audit.head``) so a printed sheet can be matched
to the data it came from; tables that split across pages repeating their header rows; signature and stamp
boxes.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from sqlite_utils import Database

from fivemgmt import audit, clock, fonts, school
from fivemgmt.errors import UserError

MARGIN_X = 18 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 20 * mm
GREY_TEXT = colors.HexColor("#808080")
GREY_FILL = colors.HexColor("#E6E6E6")
HEADER_FILL = colors.HexColor("#F0F0F0")
GRID = colors.HexColor("#404040")
CHART_DPI = 220


def font() -> str:
    return fonts.setup_reportlab()


class Styles:
    """Paragraph styles in the bundled font (CJK line breaking on)."""

    def __init__(self) -> None:
        name = font()

        def style(key: str, size: float, leading: float | None = None, **kwargs: Any) -> ParagraphStyle:
            return ParagraphStyle(
                key, fontName=name, fontSize=size, leading=leading or size * 1.35, wordWrap="CJK", **kwargs
            )

        self.title = style("title", 16, 22, alignment=TA_CENTER, spaceAfter=4 * mm)
        self.subtitle = style("subtitle", 10.5, alignment=TA_CENTER, spaceAfter=3 * mm)
        self.h1 = style("h1", 13, 18, spaceBefore=4 * mm, spaceAfter=2 * mm)
        self.h2 = style("h2", 11, 15, spaceBefore=3 * mm, spaceAfter=1.5 * mm)
        self.body = style("body", 10.5, 16, firstLineIndent=0)
        self.para = style("para", 10.5, 17, firstLineIndent=21)
        self.small = style("small", 8.5)
        self.note = style("note", 8, textColor=GREY_TEXT)
        self.cell = style("cell", 9)
        self.cell_small = style("cell_small", 8)
        self.cell_center = style("cell_center", 9, alignment=TA_CENTER)
        self.cell_bold = style("cell_bold", 9.5, alignment=TA_CENTER)
        self.cell_grey = style("cell_grey", 9, textColor=GREY_TEXT)
        self.cell_grey_center = style("cell_grey_center", 9, textColor=GREY_TEXT, alignment=TA_CENTER)
        self.right = style("right", 10.5, alignment=TA_RIGHT)
        self.left = style("left", 10.5, alignment=TA_LEFT)


def text(value: Any) -> str:
    """Plain text made safe for a Paragraph (escaped, newlines kept; rare characters in the fallback font)."""
    return fonts.markup(escape("" if value is None else str(value))).replace("\n", "<br/>")


def _drawn_texts(flowables: Sequence[Any]) -> Any:
    """(text, font name) of every piece of text the story draws: paragraph fragments and plain table cells."""
    for item in flowables:
        if isinstance(item, Paragraph):
            for frag in getattr(item, "frags", []):
                yield str(getattr(frag, "text", "")), frag.fontName
        elif isinstance(item, Table):
            for row in item._cellvalues:
                for cell in row:
                    if isinstance(cell, str):
                        yield cell, fonts.PDF_FONT_NAME
                    elif isinstance(cell, list | tuple):
                        yield from _drawn_texts(cell)
                    elif isinstance(cell, Flowable):
                        yield from _drawn_texts([cell])
        elif isinstance(item, KeepTogether):
            yield from _drawn_texts(item._content)


def check_glyphs(flowables: Sequence[Any], extra: Sequence[str] = ()) -> None:
    """Refuse to print a document with characters no bundled font can draw (they would vanish): names the
    text and the characters, so a rare name is checked rather than printed wrong."""
    missing: dict[str, set[str]] = {}
    pieces = [*_drawn_texts(flowables), *((t, fonts.PDF_FONT_NAME) for t in extra)]
    fallbacks = {name for _file, _family, name in fonts.FALLBACKS}
    for piece, font_name in pieces:
        # a run markup() gave to a fallback is drawn in that font alone; other text takes what it lacks from
        # the fallbacks
        lacking = (
            fonts.missing_glyphs(piece, font_name) if font_name in fallbacks else fonts.unprintable(piece)
        )
        lacking = {ch for ch in lacking if ord(ch) >= 0x2E80}  # CJK: Latin comes from the PDF's own fonts
        if lacking:
            missing.setdefault(piece.strip()[:20], set()).update(lacking)
    if missing:
        listed = "；".join(
            f"“{where}”中的" + "、".join(f"“{ch}”(U+{ord(ch):04X})" for ch in sorted(chars))
            for where, chars in list(missing.items())[:10]
        )
        raise UserError(
            f"文档中有字体无法显示的字，打印出来会缺字，未生成 PDF：{listed}。请核对这些文字（如名册中的姓名）。"
        )


def P(value: Any, style: ParagraphStyle) -> Paragraph:  # noqa: N802 (reads like ReportLab's own names)
    return Paragraph(text(value), style)


def table(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    styles: Styles,
    *,
    header_rows: int = 1,
    extra: Sequence[tuple] = (),
    cell_style: ParagraphStyle | None = None,
    font_size: float | None = None,
) -> Table:
    """A grid table whose cells wrap; splits across pages repeating its first ``header_rows`` rows."""
    body_style = cell_style or styles.cell
    if font_size:
        body_style = ParagraphStyle(
            f"cell{font_size}", parent=body_style, fontSize=font_size, leading=font_size * 1.3
        )
    header_style = ParagraphStyle(
        "head",
        parent=styles.cell_bold,
        fontSize=(font_size or 9) + 0.5,
        leading=((font_size or 9) + 0.5) * 1.3,
    )
    data = []
    for index, row in enumerate(rows):
        cells = []
        for value in row:
            if isinstance(value, Flowable | list):
                cells.append(value)
            else:
                cells.append(P(value, header_style if index < header_rows else body_style))
        data.append(cells)
    result = Table(data, colWidths=list(widths), repeatRows=header_rows, splitByRow=1)
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.6, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL))
    result.setStyle(TableStyle([*commands, *extra]))
    return result


def fields_line(pairs: Sequence[tuple[str, str]], styles: Styles, width: float) -> Table:
    """A header line of the paper form: 学校(印章): ____  责任督学: ____  ____年__月__日."""
    cells, widths = [], []
    share = width / len(pairs)
    for label, value in pairs:
        shown = value if value.startswith("<u>") else f"<u>{text(value) or '&nbsp;' * 24}</u>"
        cells.append(Paragraph(f"{text(label)}{shown}", styles.body))
        widths.append(share)
    result = Table([cells], colWidths=widths)
    result.setStyle(
        TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "BOTTOM")])
    )
    return result


def date_blank(day: dt.date | None = None) -> str:
    if day:
        return f"{day.year}年{day.month}月{day.day}日"
    blank = "&nbsp;" * 6
    return f"<u>{blank * 2}</u>年<u>{blank}</u>月<u>{blank}</u>日"


class SignatureBlock(KeepTogether):
    """Signature lines and a stamp box. :meth:`Document.build` binds it to the content before it."""


class _WithTail(Flowable):
    """A table and what closes it (source note, signature block): the tail never starts a page alone.

    When the tail does not fit under the table, the table's last row(s) go to the next page with it. Like
    ReportLab's KeepTogether, wrap reports an impossible height so that the frame always asks for split.
    """

    def __init__(self, table: Table, tail: Sequence[Flowable]) -> None:
        super().__init__()
        self.table = table
        self.tail = list(tail)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return available_width, 0xFFFFFF

    def _tail_height(self, width: float, height: float) -> float:
        return sum(f.wrap(width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in self.tail)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        table_height = self.table.wrap(available_width, available_height)[1]
        if table_height + self._tail_height(available_width, available_height) <= available_height:
            return [self.table, *self.tail]
        if table_height > available_height:  # the table breaks here anyway; look again at the rest
            parts = self.table.split(available_width, available_height)
            return [parts[0], _WithTail(parts[1], self.tail)] if len(parts) == 2 else []
        parts = self.table.split(available_width, table_height - 1)  # leave the last row(s) for the tail
        if len(parts) == 2:
            return [parts[0], KeepTogether([parts[1], *self.tail])]
        together = KeepTogether([self.table, *self.tail])
        together.wrap(available_width, available_height)
        return together.split(available_width, available_height)


def _bind_tails(story: list[Flowable]) -> list[Flowable]:
    """Bind every signature block to the table before it (the note lines between go along)."""
    result: list[Flowable] = []
    for flowable in story:
        if isinstance(flowable, SignatureBlock) and result:
            tail: list[Flowable] = [*flowable._content]
            while result and isinstance(result[-1], Paragraph | Spacer) and len(tail) < 6:
                tail.insert(0, result.pop())
            if result and isinstance(result[-1], Table):
                result.append(_WithTail(result.pop(), tail))
            else:
                result.append(KeepTogether(tail))  # after text: at least the last paragraph goes along
            continue
        result.append(flowable)
    return result


def signature_block(
    styles: Styles,
    width: float,
    *,
    labels: Sequence[str] = ("校长(签字)", "填表人(签字)"),
    stamp: str = "学校(盖章)",
    day: dt.date | None = None,
    inspector: bool = False,
) -> SignatureBlock:
    """Signature lines and a stamp box, kept together and never alone on a page.

    ``inspector``: a line for the 责任督学's signature and the date of the 督评 (the on-site checklist)."""
    stamp_box = Table([[P(stamp, styles.cell_grey_center)]], colWidths=[42 * mm], rowHeights=[42 * mm])
    stamp_box.setStyle(
        TableStyle(
            [("BOX", (0, 0), (-1, -1), 0.8, GRID, None, (3, 2)), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        )
    )
    lines = [[Paragraph(f"{text(label)}：<u>{'&nbsp;' * 36}</u>", styles.body)] for label in labels]
    lines.append([Paragraph(f"日期：{date_blank(day)}", styles.body)])
    if inspector:
        lines.append(
            [Paragraph(f"责任督学(签字)：<u>{'&nbsp;' * 24}</u>　督评日期：{date_blank()}", styles.body)]
        )
    left = Table(lines, colWidths=[width - 50 * mm], rowHeights=[13 * mm] * len(lines))
    left.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    outer = Table([[left, stamp_box]], colWidths=[width - 46 * mm, 46 * mm])
    outer.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return SignatureBlock([Spacer(1, 6 * mm), outer])


def figure_image(figure: Any, width: float, dpi: int = CHART_DPI) -> Image:
    """A matplotlib Figure as a PNG image at print resolution, scaled to ``width`` points."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", facecolor="white")
    try:
        import matplotlib.pyplot as plt

        plt.close(figure)
    except Exception:  # noqa: BLE001 (a figure not made through pyplot needs no closing)
        pass
    buffer.seek(0)
    image = Image(buffer)
    ratio = image.imageHeight / image.imageWidth
    image.drawWidth = width
    image.drawHeight = width * ratio
    return image


class _NumberedCanvas(rl_canvas.Canvas):
    """Draws header and footer after the last page so "共 y 页" is known (two-pass page numbers)."""

    decorate: Any = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 (ReportLab API)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            if self.decorate:
                self.decorate(self, self._pageNumber, total)
            super().showPage()
        super().save()


class Document:
    """Collects the story of one document and writes it as a PDF."""

    def __init__(
        self,
        db: Database,
        title: str,
        *,
        landscape_page: bool = False,
        subject: str = "",
        today: dt.date | None = None,
    ) -> None:
        self.db = db
        self.title = title
        self.subject = subject
        self.today = today or clock.today()
        self.pagesize = landscape(A4) if landscape_page else A4
        self.styles = Styles()
        info = school.get_school(db) or {}
        self.school_name = info.get("name") or "（未设置学校名称）"
        self.audit_head = audit.head(db)
        self.story: list[Flowable] = []

    @property
    def width(self) -> float:
        return self.pagesize[0] - 2 * MARGIN_X

    @property
    def height(self) -> float:
        return self.pagesize[1] - MARGIN_TOP - MARGIN_BOTTOM

    def add(self, *flowables: Flowable) -> None:
        self.story.extend(flowables)

    def _decorate(self, canvas: rl_canvas.Canvas, page: int, total: int) -> None:
        width, height = self.pagesize
        name = font()
        canvas.saveState()
        canvas.setFont(name, 9)
        canvas.setFillColor(colors.HexColor("#333333"))
        top = height - MARGIN_TOP + 6 * mm
        canvas.drawString(MARGIN_X, top, self.school_name)
        canvas.drawRightString(width - MARGIN_X, top, self.title)
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, top - 2 * mm, width - MARGIN_X, top - 2 * mm)
        bottom = MARGIN_BOTTOM - 9 * mm
        canvas.line(MARGIN_X, bottom + 4.5 * mm, width - MARGIN_X, bottom + 4.5 * mm)
        canvas.setFont(name, 9)
        canvas.drawCentredString(width / 2, bottom, f"第 {page} 页 共 {total} 页")
        canvas.setFont(name, 7)
        canvas.setFillColor(GREY_TEXT)
        canvas.drawString(MARGIN_X, bottom, f"五项管理台账 生成于 {self.today:%Y-%m-%d}")
        canvas.drawRightString(width - MARGIN_X, bottom, f"数据校验码 {self.audit_head[:16]}")
        canvas.restoreState()

    def build(self, target: Path | str | io.BytesIO | None = None) -> bytes:
        """Write the PDF to target (a path or file object); returns the bytes as well."""
        buffer = io.BytesIO()
        doc = BaseDocTemplate(
            buffer,
            pagesize=self.pagesize,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=self.title,
            author=self.school_name,
            subject=self.subject,
            creator="fivemgmt 五项管理台账",
        )
        frame = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            self.width,
            self.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], pagesize=self.pagesize)])
        decorate = self._decorate

        class Canvas(_NumberedCanvas):
            pass

        Canvas.decorate = staticmethod(decorate)
        check_glyphs(self.story, [self.school_name, self.title])
        doc.build(_bind_tails(self.story) or [Spacer(1, 1)], canvasmaker=Canvas)
        data = buffer.getvalue()
        if isinstance(target, str | Path):
            from fivemgmt.files import write_file

            write_file(target, data)  # .part, fsync, rename; a full disk is a plain WriteError
        elif target is not None:
            target.write(data)
        return data

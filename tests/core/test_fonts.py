"""Every name prints: rare characters (CJK Extension A/B, common in 姓名) come from the bundled fallback in
PDFs, charts and the GUI, and a character no bundled font has stops a PDF with a clear message."""

import io

import pytest
from pypdf import PdfReader

from fivemgmt import fonts
from fivemgmt.errors import UserError
from fivemgmt.reports import pdf

RARE_NAMES = ["刘䶮", "王𫖯", "张㛃"]  # Ext-A, Ext-C, Ext-A


def test_the_fallback_covers_extension_a():
    extension_a = "".join(chr(c) for c in range(0x3400, 0x4DC0))
    assert len(fonts.unprintable(extension_a)) <= 10  # HanaMinA lacks 10 of the 6,592
    assert len(fonts.missing_glyphs(extension_a)) > 6000  # what the main font alone loses
    assert not fonts.unprintable("".join(RARE_NAMES))


def _roster_pdf(db, names):
    doc = pdf.Document(db, "学生名单")
    doc.add(pdf.table([["姓名"], *[[pdf.P(n, doc.styles.cell)] for n in names]], [60], doc.styles))
    return doc.build()


def test_rare_names_are_drawn_in_the_pdf(db):
    data = _roster_pdf(db, RARE_NAMES)
    reader = PdfReader(io.BytesIO(data))
    extracted = reader.pages[0].extract_text()
    assert "刘䶮" in extracted and "张㛃" in extracted
    used = [font.get_object() for font in reader.pages[0]["/Resources"]["/Font"].values()]
    fallback = [f for f in used if "HanaMin" in str(f["/BaseFont"])]
    assert fallback, [str(f["/BaseFont"]) for f in used]
    # 𫖯 is outside the BMP: ReportLab draws it, but writes its text mapping in a form pypdf cannot
    # extract (a copy/search limitation, not a printing one), so check the fallback font maps it.
    mapped = b"".join(f["/ToUnicode"].get_object().get_data() for f in fallback)
    assert b"2B5AF" in mapped.upper()


def test_a_character_no_font_has_stops_the_pdf_and_names_it(db):
    with pytest.raises(UserError, match=r"“王\U00020001”中的“\U00020001”\(U\+20001\)"):
        _roster_pdf(db, ["张三", "王\U00020001"])


def test_charts_take_rare_characters_from_the_fallback():
    import matplotlib.pyplot as plt
    from matplotlib.font_manager import FontProperties, findfont

    fonts.setup_matplotlib()
    assert fonts.FALLBACK_FAMILY in plt.rcParams["font.sans-serif"]
    assert findfont(FontProperties(family=fonts.FALLBACK_FAMILY), fallback_to_default=False).endswith(
        fonts.FALLBACK_FILE
    )

"""Every name prints: rare characters (CJK Extension A/B, common in 姓名) come from the bundled fallback in
PDFs, charts and the GUI, and a character no bundled font has stops a PDF with a clear message."""

import io

import pytest
from pypdf import PdfReader

from fivemgmt import fonts
from fivemgmt.errors import UserError
from fivemgmt.reports import pdf

RARE_NAMES = ["刘䶮", "王𫖯", "张㛃"]  # Ext-A, Ext-C, Ext-A
EXT_B_NAMES = ["陈𠀾", "李𡒄", "黄𪚥"]  # Extension B (U+2003E, U+21484, U+2A6A5): beyond what HanaMinA has
NO_FONT = "\U00030000"  # CJK Extension G (Unicode 13): no bundled font has it


def test_the_fallback_covers_extension_a():
    extension_a = "".join(chr(c) for c in range(0x3400, 0x4DC0))
    assert len(fonts.unprintable(extension_a)) <= 10  # HanaMinA lacks 10 of the 6,592
    assert len(fonts.missing_glyphs(extension_a)) > 6000  # what the main font alone loses
    assert not fonts.unprintable("".join(RARE_NAMES))


def test_every_extension_b_character_prints():
    extension_b = "".join(chr(c) for c in range(0x20000, 0x2A6D7))  # Unicode 3.1–12: 42,711 characters
    assert fonts.unprintable(extension_b) == set()
    assert fonts.unprintable("".join(EXT_B_NAMES)) == set()
    assert len(fonts.unprintable("".join(chr(c) for c in range(0x2A700, 0x2B740)))) <= 11  # Extension C


def test_bundled_fonts_are_truetype_outlines_reportlab_can_embed():
    from fontTools.ttLib import TTFont

    for path, _family in fonts.font_files():
        font = TTFont(str(path), lazy=True)
        assert "glyf" in font and "CFF " not in font, path.name


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
    assert b"D86DDDAF" in mapped.upper()  # U+2B5AF as UTF-16, the form PDF readers map back to text


def test_extension_b_names_are_drawn_and_can_be_copied_from_the_pdf(db):
    reader = PdfReader(io.BytesIO(_roster_pdf(db, [*EXT_B_NAMES, "王𫖯"])))
    used = [str(f.get_object()["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()]
    assert any("HanaMinB" in name for name in used), used
    extracted = reader.pages[0].extract_text()
    for name in [*EXT_B_NAMES, "王𫖯"]:
        assert name in extracted, (name, extracted)


def test_a_character_no_font_has_stops_the_pdf_and_names_it(db):
    with pytest.raises(UserError, match=rf"“王{NO_FONT}”中的“{NO_FONT}”\(U\+30000\)"):
        _roster_pdf(db, ["张三", "陈𠀾", f"王{NO_FONT}"])


def test_charts_take_rare_characters_from_the_fallback():
    import matplotlib.pyplot as plt
    from matplotlib.font_manager import FontProperties, findfont

    fonts.setup_matplotlib()
    for file, family, _name in fonts.FALLBACKS:
        assert family in plt.rcParams["font.sans-serif"]
        assert findfont(FontProperties(family=family), fallback_to_default=False).endswith(file)

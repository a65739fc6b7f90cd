"""The bundled CJK fonts, registered with Qt, matplotlib and ReportLab from one place.

Chinese must never render as missing-glyph boxes, even on a machine with no Chinese fonts installed. The
main font (WenQuanYi Micro Hei) has almost none of CJK Extension A/B, where many names' characters are
(刘䶮, 王𫖯, 𠀾): two fallbacks draw those — a subset of HanaMinA (Extension A) and HanaMinB (Extensions
B–F), resources/fonts/LICENSE-hanazono.txt. Qt and matplotlib fall back by family (Qt: ui/app.py registers
:func:`font_files`); ReportLab cannot, so :func:`markup` marks each run of a fallback's characters and
:func:`unprintable` finds what no bundled font has, before a document is printed.
"""

from __future__ import annotations

import functools
import struct
from collections.abc import Iterator
from pathlib import Path

from fivemgmt.resources import resource_path

FONT_FILE = "wqy-microhei.ttf"
FONT_FAMILY = "WenQuanYi Micro Hei"
PDF_FONT_NAME = "WQYMicroHei"
FALLBACK_FILE = "hanazono-ext.ttf"
FALLBACK_FAMILY = "HanaMinA"
PDF_FALLBACK_NAME = "HanaMinExt"
FALLBACK_B_FILE = "hanazono-b.ttf"
FALLBACK_B_FAMILY = "HanaMinB"
PDF_FALLBACK_B_NAME = "HanaMinB"
# (file, family, ReportLab name) of each fallback, in the order a character is looked for
FALLBACKS = (
    (FALLBACK_FILE, FALLBACK_FAMILY, PDF_FALLBACK_NAME),
    (FALLBACK_B_FILE, FALLBACK_B_FAMILY, PDF_FALLBACK_B_NAME),
)
_FILES = {PDF_FONT_NAME: FONT_FILE, **{name: file for file, _family, name in FALLBACKS}}


def font_path() -> Path:
    return resource_path("fonts", FONT_FILE)


def font_files() -> list[tuple[Path, str]]:
    """(file, family) of the bundled fonts, main first then the fallbacks: what ui/app.py registers with Qt."""
    return [(font_path(), FONT_FAMILY), *((resource_path("fonts", f), fam) for f, fam, _n in FALLBACKS)]


@functools.cache
def setup_matplotlib() -> str:
    """Register the font with matplotlib and make it the default; returns the family name."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib import font_manager, rcParams

    for path, _family in font_files():
        font_manager.fontManager.addfont(str(path))
    rcParams["font.family"] = "sans-serif"
    # matplotlib takes each glyph from the first family in the list that has it
    families = [family for _path, family in font_files()]
    rcParams["font.sans-serif"] = [*families, *rcParams["font.sans-serif"]]
    rcParams["axes.unicode_minus"] = False  # the font has no U+2212 minus sign
    return FONT_FAMILY


@functools.cache
def setup_reportlab() -> str:
    """Register the main font with ReportLab (embedded as a subset of the glyphs used in every PDF);
    returns its name. A fallback is registered the first time :func:`markup` gives it a character, so a
    document without rare characters never reads HanaMinB's 30 MB."""
    from reportlab.pdfbase import ttfonts

    _register_pdf_font(PDF_FONT_NAME)
    # ReportLab writes a supplementary-plane character's text mapping as five hex digits, which PDF readers
    # ignore, so 𫖯 printed but could not be copied or searched: write it as UTF-16 (a surrogate pair).
    ttfonts.makeToUnicodeCMap = to_unicode_cmap
    return PDF_FONT_NAME


@functools.cache
def _register_pdf_font(name: str) -> None:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics, ttfonts

    pdfmetrics.registerFont(ttfonts.TTFont(name, str(resource_path("fonts", _FILES[name]))))
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)


def _utf16_hex(code: int) -> str:
    return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap for one ≤256-glyph subset of a TrueType font, with every character as
    UTF-16BE (PDF 32000-1 §9.10.3), so characters beyond U+FFFF can be copied out of the PDF too."""
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *(f"<{i:02X}> <{_utf16_hex(v)}>" for i, v in enumerate(subset)),
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


def missing_glyphs(text: str, font_name: str = PDF_FONT_NAME) -> set[str]:
    """Characters of text a bundled font (the main one unless named by its ReportLab name) cannot draw."""
    cmap = _cmap(_FILES.get(font_name, FONT_FILE))
    return {ch for ch in text if not ch.isspace() and ord(ch) not in cmap}


def unprintable(text: str) -> set[str]:
    """Characters of text no bundled font has: they would vanish from a PDF."""
    lacking = missing_glyphs(text)
    for _file, _family, name in FALLBACKS:
        if not lacking:
            break
        lacking &= missing_glyphs("".join(lacking), name)
    return lacking


def _fallback_for(code: int) -> str | None:
    for file, _family, name in FALLBACKS:
        if code in _cmap(file):
            return name
    return None


def markup(escaped: str) -> str:
    """ReportLab paragraph markup (already escaped) with each run of characters only a fallback has in a
    ``<font>`` tag naming that fallback, so a PDF shows 刘䶮 instead of 刘 and a gap."""
    main = _cmap(FONT_FILE)
    out: list[str] = []
    run: list[str] = []
    run_font: str | None = None

    def close() -> None:
        if run:
            _register_pdf_font(run_font)
            out.append(f'<font face="{run_font}">{"".join(run)}</font>')
            run.clear()

    for ch in escaped:
        font = None if ord(ch) in main else _fallback_for(ord(ch))
        if font != run_font:
            close()
            run_font = font
        if font is None:
            out.append(ch)
        else:
            run.append(ch)
    close()
    return "".join(out)


@functools.cache
def _cmap(file: str = FONT_FILE) -> frozenset[int]:
    """The characters a bundled font maps to a glyph, read straight from its cmap table (fontTools would
    name all 60,000 glyphs of HanaMinB first: a second per process)."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(resource_path("fonts", file)), lazy=True)
    data = font.reader["cmap"]
    subtables = {}
    for i in range(struct.unpack_from(">H", data, 2)[0]):
        platform, encoding, offset = struct.unpack_from(">HHI", data, 4 + 8 * i)
        subtables[(platform, encoding, struct.unpack_from(">H", data, offset)[0])] = offset
    for key, read in (
        ((3, 10, 12), _format12),
        ((0, 4, 12), _format12),
        ((3, 1, 4), _format4),
        ((0, 3, 4), _format4),
    ):
        if key in subtables:
            return frozenset(read(data, subtables[key]))
    return frozenset(font.getBestCmap())


def _format12(data: bytes, offset: int) -> Iterator[int]:
    (groups,) = struct.unpack_from(">I", data, offset + 12)
    for start, end, glyph in struct.iter_unpack(">III", data[offset + 16 : offset + 16 + 12 * groups]):
        yield from range(start + (glyph == 0), end + 1)


def _format4(data: bytes, offset: int) -> Iterator[int]:
    segments = struct.unpack_from(">H", data, offset + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", data, offset + 14)
    starts = struct.unpack_from(f">{segments}H", data, offset + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, offset + 16 + 4 * segments)
    range_at = offset + 16 + 6 * segments
    range_offsets = struct.unpack_from(f">{segments}H", data, range_at)
    for i, (start, end, delta, range_offset) in enumerate(
        zip(starts, ends, deltas, range_offsets, strict=True)
    ):
        for code in range(start, end + 1):
            if code == 0xFFFF:
                continue
            if range_offset == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                (glyph,) = struct.unpack_from(
                    ">H", data, range_at + 2 * i + range_offset + 2 * (code - start)
                )
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                yield code

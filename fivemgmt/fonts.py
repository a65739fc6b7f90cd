"""The bundled CJK fonts, registered with Qt, matplotlib and ReportLab from one place.

Chinese must never render as missing-glyph boxes, even on a machine with no Chinese fonts installed. The
main font (WenQuanYi Micro Hei) has almost none of CJK Extension A/B, where many names' characters are
(刘䶮, 王𫖯): a fallback (a subset of HanaMinA, resources/fonts/LICENSE-hanazono.txt) draws those. Qt and
matplotlib fall back by family (Qt: ui/app.py registers :func:`font_files`); ReportLab cannot, so :func:`markup` marks the fallback's characters and
:func:`unprintable` finds what neither font has, before a document is printed.
"""

from __future__ import annotations

import functools
from pathlib import Path

from fivemgmt.resources import resource_path

FONT_FILE = "wqy-microhei.ttf"
FONT_FAMILY = "WenQuanYi Micro Hei"
PDF_FONT_NAME = "WQYMicroHei"
FALLBACK_FILE = "hanazono-ext.ttf"
FALLBACK_FAMILY = "HanaMinA"
PDF_FALLBACK_NAME = "HanaMinExt"


def font_path() -> Path:
    return resource_path("fonts", FONT_FILE)


def fallback_path() -> Path:
    return resource_path("fonts", FALLBACK_FILE)


def font_files() -> list[tuple[Path, str]]:
    """(file, family) of the bundled fonts, main first: what ui/app.py registers with Qt."""
    return [(font_path(), FONT_FAMILY), (fallback_path(), FALLBACK_FAMILY)]


@functools.cache
def setup_matplotlib() -> str:
    """Register the font with matplotlib and make it the default; returns the family name."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib import font_manager, rcParams

    font_manager.fontManager.addfont(str(font_path()))
    font_manager.fontManager.addfont(str(fallback_path()))
    rcParams["font.family"] = "sans-serif"
    # matplotlib takes each glyph from the first family in the list that has it
    rcParams["font.sans-serif"] = [FONT_FAMILY, FALLBACK_FAMILY, *rcParams["font.sans-serif"]]
    rcParams["axes.unicode_minus"] = False  # the font has no U+2212 minus sign
    return FONT_FAMILY


@functools.cache
def setup_reportlab() -> str:
    """Register the font with ReportLab (embedded as a subset in every PDF); returns its name."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, path in ((PDF_FONT_NAME, font_path()), (PDF_FALLBACK_NAME, fallback_path())):
        pdfmetrics.registerFont(TTFont(name, str(path)))
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(name, bold, italic, name)
    return PDF_FONT_NAME


def missing_glyphs(text: str, font_name: str = PDF_FONT_NAME) -> set[str]:
    """Characters of text a bundled font (the main one unless named) cannot draw."""
    cmap = _cmap(FALLBACK_FILE if font_name == PDF_FALLBACK_NAME else FONT_FILE)
    return {ch for ch in text if not ch.isspace() and ord(ch) not in cmap}


def unprintable(text: str) -> set[str]:
    """Characters of text neither bundled font has: they would vanish from a PDF."""
    return missing_glyphs(text) & missing_glyphs(text, PDF_FALLBACK_NAME)


def markup(escaped: str) -> str:
    """ReportLab paragraph markup (already escaped) with each run of characters only the fallback has in
    a ``<font>`` tag, so a PDF shows 刘䶮 instead of 刘 and a gap."""
    main, fallback = _cmap(FONT_FILE), _cmap(FALLBACK_FILE)
    out, run = [], []
    for ch in escaped:
        if ord(ch) not in main and ord(ch) in fallback:
            run.append(ch)
            continue
        if run:
            out.append(f'<font face="{PDF_FALLBACK_NAME}">{"".join(run)}</font>')
            run = []
        out.append(ch)
    if run:
        out.append(f'<font face="{PDF_FALLBACK_NAME}">{"".join(run)}</font>')
    return "".join(out)


@functools.cache
def _cmap(file: str = FONT_FILE) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(str(resource_path("fonts", file)), lazy=True).getBestCmap())

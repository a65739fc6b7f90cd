"""The bundled CJK font, registered with matplotlib and ReportLab from one place (Qt: ui/app.py).

Chinese must never render as missing-glyph boxes, even on a machine with no Chinese fonts installed.
"""

from __future__ import annotations

import functools
from pathlib import Path

from fivemgmt.resources import resource_path

FONT_FILE = "wqy-microhei.ttf"
FONT_FAMILY = "WenQuanYi Micro Hei"
PDF_FONT_NAME = "WQYMicroHei"


def font_path() -> Path:
    return resource_path("fonts", FONT_FILE)


@functools.cache
def setup_matplotlib() -> str:
    """Register the font with matplotlib and make it the default; returns the family name."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib import font_manager, rcParams

    font_manager.fontManager.addfont(str(font_path()))
    rcParams["font.family"] = "sans-serif"
    rcParams["font.sans-serif"] = [FONT_FAMILY, *rcParams["font.sans-serif"]]
    rcParams["axes.unicode_minus"] = False  # the font has no U+2212 minus sign
    return FONT_FAMILY


@functools.cache
def setup_reportlab() -> str:
    """Register the font with ReportLab (embedded as a subset in every PDF); returns its name."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(PDF_FONT_NAME, str(font_path())))
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(PDF_FONT_NAME, bold, italic, PDF_FONT_NAME)
    return PDF_FONT_NAME


def missing_glyphs(text: str) -> set[str]:
    """Characters of text the bundled font cannot draw (used by self-test and tests)."""
    cmap = _cmap()
    return {ch for ch in text if not ch.isspace() and ord(ch) not in cmap}


@functools.cache
def _cmap() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(str(font_path()), lazy=True).getBestCmap())

"""The GUI draws rare name characters: both fallbacks (Extension A, Extensions B–F) substitute for the main
font in Qt."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel

from fivemgmt import fonts
from ui.app import register_font


def test_qt_takes_extension_b_characters_from_the_bundled_fallback(qtbot):
    main = register_font(QApplication.instance())
    assert [f.lower() for f in QFont.substitutes(main)][:2] == ["hanamina", "hanaminb"]
    # 𠀾 (U+2003E): the main font has no glyph; through its substitutes the GUI's font draws it
    assert 0x2003E not in fonts._cmap(fonts.FONT_FILE)
    assert QFontMetrics(QFont(main)).inFontUcs4(0x2003E)
    label = QLabel("陈𠀾")
    qtbot.addWidget(label)
    assert label.grab().width() > 0

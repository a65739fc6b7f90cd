"""The Qt binding installed keeps the reference counts it is given."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QComboBox, QTableWidget


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 (PEP 683)")
def test_qt_calls_that_return_none_leave_nones_reference_count_alone(qapp):
    """PySide6 6.12.0 under Python 3.11 dropped a reference to None at every Qt call that returned None
    (an empty table cell, a widget without parent, an item's data): after some thousands the interpreter
    aborted with "none_dealloc" — found when a principal had switched the 报表 periods for a while, each
    load clearing the 学校不填 rows' answer boxes. pyproject.toml keeps that version out."""
    table = QTableWidget(2, 2)
    combo = QComboBox()
    combo.addItem("是", None)
    before = sys.getrefcount(None)
    for _ in range(2_000):
        table.item(0, 0)
        table.cellWidget(0, 0)
        table.parent()
        combo.currentData()
        table.setCellWidget(1, 1, None)
    assert sys.getrefcount(None) > before - 100  # the faulty binding: 10,000 fewer

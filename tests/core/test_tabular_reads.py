"""How often an import file is read: once, unless it holds formulas Excel never calculated."""

from __future__ import annotations

import openpyxl
import pytest

from fivemgmt import parsers, sheets, tabular


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    passes: list[bool] = []
    original = sheets._xlsx_cells

    def counting(path, *, data_only, sheet_name=None):  # noqa: ANN001, ANN202
        passes.append(data_only)
        return original(path, data_only=data_only, sheet_name=sheet_name)

    monkeypatch.setattr(sheets, "_xlsx_cells", counting)
    return passes


def test_a_sheet_with_blank_cells_and_no_formula_is_read_once(tmp_path, monkeypatch) -> None:
    path = tmp_path / "plain.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["学籍号", "姓名", "身高"])
    book.active.append(["G1", "张一", None])  # a blank cell: before, every such file was read twice
    book.active.merge_cells("A3:B3")
    book.active["A3"] = "合并"
    book.save(path)
    passes = _counting(monkeypatch)
    rows = sheets.read_sheet(path).rows
    assert passes == [True]
    assert rows[2][:2] == ["合并", "合并"]  # the merge is still found


def test_an_uncalculated_formula_is_still_shown_as_a_formula(tmp_path, monkeypatch) -> None:
    path = tmp_path / "formula.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["身高", "体重"])
    book.active.append([120, "=A2/6"])  # openpyxl stores no calculated value
    book.save(path)
    passes = _counting(monkeypatch)
    rows = sheets.read_sheet(path).rows
    assert passes == [True, False]
    assert rows[1] == [120, "=A2/6"]


def test_a_cell_repeated_on_many_rows_is_read_and_refused_on_every_row(tmp_path) -> None:
    """Each distinct cell of a column is parsed once (imports repeat their dates and kinds): every row still
    gets its own value, and a bad cell its own error, however often it repeats."""
    path = tmp_path / "rows.csv"
    lines = ["名称,时长"] + [f"甲{i},{'abc' if i % 3 == 0 else i % 2 * 10 + 5}" for i in range(9)]
    path.write_text("\n".join(lines), encoding="utf-8")
    columns = [
        tabular.Column("name", "名称", (), parse=parsers.text),
        tabular.Column("minutes", "时长", (), parse=parsers.integer),
    ]
    result = tabular.preview(path, columns)
    assert sorted(e.row for e in result.errors) == [2, 5, 8]
    assert len({e.message for e in result.errors}) == 1
    assert [r.get("minutes") for r in result.rows] == [None, 15, 5, None, 5, 15, None, 15, 5]
    assert [r["name"] for r in result.rows] == [f"甲{i}" for i in range(9)]

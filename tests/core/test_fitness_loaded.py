"""Scoring tables loaded from a file (初中/高中): checked before use, stored with source and checksum.

The tables here are synthetic (tests/core/fitness_synthetic.py), never the standard's."""

from __future__ import annotations

import hashlib
from decimal import Decimal

import pytest

from fivemgmt import audit
from fivemgmt.accounts import SYSTEM, TEACHER, Actor
from fivemgmt.errors import PermissionDenied, UserError
from fivemgmt.fitness import loaded, store
from fivemgmt.fitness.scoring import COMPLETE, NO_TABLE, score_student
from tests.core import fitness_synthetic as synth

JUNIOR_BOY = {"height": "165", "weight": "55", "lung": "4300", "run50m": "7.1", "long_jump": "250",
              "sit_reach": "17", "pullup": "15", "run1000m": "3'42"}  # fmt: skip


def test_complete_synthetic_tables_load_and_score_初中(db, tmp_path) -> None:
    path = synth.write_xlsx(tmp_path / "junior.xlsx")
    before = store.score_row(8, "M", JUNIOR_BOY)
    assert before.status == NO_TABLE
    result = loaded.load(db, SYSTEM, [path])
    assert result.grade_codes == ["21", "22", "23"]
    assert result.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    tables = loaded.school_tables(db)
    after = store.score_row(8, "M", JUNIOR_BOY, tables=tables)
    assert after.status == COMPLETE and after.total is not None
    # same bands as 大一 (synthetic copy), so the same score
    assert after.total == score_student("41", "M", JUNIOR_BOY).total
    assert "junior.xlsx" in tables.loaded_sources["22"] and result.sha256[:16] in tables.loaded_sources["22"]
    assert audit.verify(db).ok  # stored with its audit entries


def test_csv_files_given_together(db, tmp_path) -> None:
    items = synth.write_csv(tmp_path / "item_tables.csv", synth.ITEM_HEADER, synth.item_rows(["21"]))
    bmi = synth.write_csv(tmp_path / "bmi_bands.csv", synth.BMI_HEADER, synth.bmi_rows(["21"]))
    result = loaded.load(db, SYSTEM, [items, bmi])
    assert result.grade_codes == ["21"]
    assert loaded.school_tables(db).has_table("21", "F")
    assert not loaded.school_tables(db).has_table("22", "F")


def _refusal(db, path) -> str:
    with pytest.raises(UserError) as caught:
        loaded.load(db, SYSTEM, [path])
    assert not loaded.loaded_sets(db)  # nothing stored
    return str(caught.value)


def test_missing_band_and_missing_bmi_are_named(db, tmp_path) -> None:
    items = [r for r in synth.item_rows(["21"])
             if not (r["sex"] == "M" and r["item"] == "run1000m" and r["score"] in ("95", "60"))]  # fmt: skip
    bmi = [r for r in synth.bmi_rows(["21"]) if r["sex"] == "M"]
    message = _refusal(db, synth.write_xlsx(tmp_path / "t.xlsx", items, bmi))
    assert "初一(21) 男生 1000米跑：缺 95、60 分的门槛" in message
    assert "初一(21) 女生：缺 BMI 分档" in message


def test_out_of_order_threshold_is_named(db, tmp_path) -> None:
    items = synth.item_rows(["21"])
    for row in items:  # 50米跑 is "lower": the 85-point time must be faster than the 80-point one
        if row["sex"] == "F" and row["item"] == "run50m" and row["score"] == "85":
            row["threshold"] = "30"
    message = _refusal(db, synth.write_xlsx(tmp_path / "t.xlsx", items, synth.bmi_rows(["21"])))
    assert (
        "初一(21) 女生 50米跑：85 分的门槛 30 应小于 80 分的 8.3（顺序不对，t.xlsx「item_tables」 第"
        in message
    )


def test_unknown_or_bundled_grade_codes_and_wrong_direction_are_refused(db, tmp_path) -> None:
    items = synth.item_rows(["21"])
    items.append({**items[0], "grade_code": "29"})
    items.append({**items[0], "grade_code": "11"})
    items[1] = {**items[1], "direction": "lower"}
    message = _refusal(db, synth.write_xlsx(tmp_path / "t.xlsx", items, synth.bmi_rows(["21"])))
    assert "年级编号 29 不是国家上报模板的年级编号" in message
    assert "一年级(11) 已随软件提供经核实的评分表" in message
    assert "方向应为 higher" in message


def test_filled_unreachable_pullup_band_is_refused(db, tmp_path) -> None:
    items = synth.item_rows(["21"])
    for row in items:
        if row["item"] == "pullup" and row["score"] == "78":
            row["threshold"] = "14.5"
    message = _refusal(db, synth.write_xlsx(tmp_path / "t.xlsx", items, synth.bmi_rows(["21"])))
    assert "标准中没有 78 分这几档，门槛应留空" in message


def test_only_admin_loads_and_reload_replaces(db, tmp_path) -> None:
    path = synth.write_xlsx(tmp_path / "junior.xlsx")
    with pytest.raises(PermissionDenied):
        loaded.load(db, Actor("t", "老师", TEACHER), [path])
    loaded.load(db, SYSTEM, [path])
    second = loaded.load(db, SYSTEM, [synth.write_xlsx(tmp_path / "junior2.xlsx")])
    assert second.replaced == ["junior.xlsx"]
    assert [s["source"] for s in loaded.loaded_sets(db)] == ["junior2.xlsx"]
    table = loaded.school_tables(db).item_tables[("22", "M", "pullup")]
    assert table.top_threshold == Decimal("19")

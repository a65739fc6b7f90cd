"""Scoring tables loaded from a file (初中/高中): checked before use, stored with source and checksum.

The tables here are synthetic (tests/core/fitness_synthetic.py), never the standard's."""

from __future__ import annotations

import hashlib
from decimal import Decimal

import pytest

from fivemgmt import audit_verify
from fivemgmt.actor import SYSTEM, TEACHER, Actor
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
    assert audit_verify.verify(db).ok  # stored with its audit entries


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


# ------------------------------------------------------------------ command line


def test_cli_tables_load_list_and_refusal(db, db_path, tmp_path, capsys) -> None:
    from fivemgmt.cli import main

    good = synth.write_xlsx(tmp_path / "junior.xlsx")
    items = [r for r in synth.item_rows(["21"]) if not (r["item"] == "lung" and r["sex"] == "F")]
    bad = synth.write_xlsx(tmp_path / "bad.xlsx", items, synth.bmi_rows(["21"]))
    db.close()
    assert main(["fitness", "tables", "load", str(bad), "--db", str(db_path)]) == 2
    err = capsys.readouterr().err
    assert "未通过检查，未装入" in err and "初一(21) 女生 肺活量：整张表缺失" in err
    assert "Traceback" not in err
    assert main(["fitness", "tables", "list", "--db", str(db_path)]) == 0
    assert "没有装入评分表" in capsys.readouterr().out
    assert main(["fitness", "tables", "load", str(good), "--db", str(db_path)]) == 0
    assert hashlib.sha256(good.read_bytes()).hexdigest() in capsys.readouterr().err
    assert main(["fitness", "tables", "list", "--db", str(db_path)]) == 0
    assert "junior.xlsx" in capsys.readouterr().out


def test_cli_score_with_tables_file_scores_初中(tmp_path, capsys) -> None:
    import json

    from fivemgmt.cli import main
    from tests.core.test_fitness_cli import make_row, write_input

    source = tmp_path / "in.xlsx"
    row = make_row("22", "J1", "初二男", 1, 身高=165, 体重=55, 肺活量=4300, **{"50米跑": 7.1, "1000米跑(男)": "3'42"},
                   立定跳远=250, 坐位体前屈=17, **{"引体向上(男)": 15})  # fmt: skip
    write_input(source, [row])
    assert main(["fitness", "score", str(source), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["状态"] == "no_table"
    tables = synth.write_xlsx(tmp_path / "junior.xlsx")
    assert main(["fitness", "score", str(source), "--json", "--tables", str(tables)]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["状态"] == "complete"
    assert "年级编号 22 的评分表：学校装入的评分表“junior.xlsx”" in captured.err


# ------------------------------------------------------------------ 毕业成绩 and the 报告书


def test_graduating_初三_gets_毕业成绩_and_report_names_loaded_table(db, tmp_path, today) -> None:
    import pypdf

    from fivemgmt import roster
    from fivemgmt.fitness import report
    from tests.core.helpers import make_school

    classes = make_school(db, grades=(9,))
    sid = roster.save_student(
        db, SYSTEM, {"class_id": classes[9].id, "name": "孙初三", "sex": "男", "student_no": "J9"}
    )
    store.save_result(db, SYSTEM, sid, JUNIOR_BOY, today=today)  # 初三 (2026-2027)
    store.save_result(db, SYSTEM, sid, {**JUNIOR_BOY, "lung": "3600"}, school_year="2025-2026", today=today)
    store.save_result(db, SYSTEM, sid, {**JUNIOR_BOY, "pullup": "9"}, school_year="2024-2025", today=today)

    def page_text() -> str:
        out = tmp_path / "r.pdf"
        report.class_report(db, classes[9], out, today=today)
        return pypdf.PdfReader(out).pages[0].extract_text()

    assert store.graduation(db, sid).score is None  # no 初中 table: nothing invented
    before = page_text()
    assert "毕业成绩：本年级没有评分表" in before and "学校装入的评分表" not in before

    result = loaded.load(db, SYSTEM, [synth.write_xlsx(tmp_path / "junior.xlsx")], today=today)
    years = store.history(db, sid)
    totals = [r.score.total for r in years.values()]
    assert None not in totals
    grad = store.graduation(db, sid)
    assert grad.score == totals[-1] * Decimal("0.5") + (totals[0] + totals[1]) / 2 * Decimal("0.5")
    text = page_text().replace("\n", "")
    assert f"毕业成绩（毕业当年学年总分×50% + 其他学年平均×50%）：{grad.display}" in text
    assert "junior.xlsx" in text and result.sha256[:16] in text


def test_stored_rows_changed_behind_the_check_are_not_used(db, tmp_path) -> None:
    """Rows can arrive by an xlsx import or a package; a table that no longer passes is not scored with."""
    loaded.load(db, SYSTEM, [synth.write_xlsx(tmp_path / "junior.xlsx")])
    assert loaded.school_tables(db).has_table("22", "M")  # cached now
    row = db.execute(
        "SELECT id FROM fitness_table_rows WHERE grade_code = '22' AND sex = 'M' AND item = 'run1000m' AND score = 90"
    ).fetchone()
    from fivemgmt import records
    from fivemgmt.db import transaction

    with transaction(db):
        records.save(db, loaded.ROWS, {"id": row[0], "threshold": "999"}, SYSTEM)
    tables = loaded.school_tables(db)
    assert not tables.has_table("22", "M") and "22" not in tables.loaded_sources
    assert store.score_row(8, "M", JUNIOR_BOY, tables=tables).status == NO_TABLE

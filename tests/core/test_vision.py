"""Per-student vision screening: import with the one preview, 近视率 per screening and its change, and a
视力不良 threshold that must be confirmed with its source before any rate is shown."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from fivemgmt import roster
from fivemgmt.actor import SYSTEM, TEACHER, Actor
from fivemgmt.errors import PermissionDenied, UserError
from fivemgmt.fitness import vision
from tests.core.helpers import make_school


@pytest.fixture
def klass(db):
    classes = make_school(db, grades=(4,))
    c = classes[4]
    for i, name in enumerate(["甲", "乙", "丙", "丁"]):
        roster.save_student(db, SYSTEM, {"class_id": c.id, "name": name, "sex": "男", "student_no": f"V{i}"})
    return c


def write(path, rows, header=("姓名", "学籍号", "筛查日期", "左眼裸眼视力", "右眼裸眼视力")):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["四年级(1)班 视力筛查结果"])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def test_import_rates_and_change_between_screenings(db, klass, tmp_path, today) -> None:
    first = write(tmp_path / "a.xlsx", [("甲", "V0", "2026-09-15", 5.0, 5.1), ("乙", "V1", "2026-09-15", 4.8, 5.0),
                                        ("丙", "", "2026-09-15", 5.0, 5.0), ("丁", "V3", "2026-09-15", 5.1, 5.2)])  # fmt: skip
    preview = vision.preview_import(db, first, school_class=klass, today=today)
    assert preview.ok and preview.counts["new"] == 4
    vision.commit_import(db, SYSTEM, preview)
    second = write(tmp_path / "b.xlsx", [("甲", "V0", "2026-11-20", 4.9, 5.0), ("乙", "V1", "2026-11-20", 4.7, 4.9),
                                         ("丙", "V2", "2026-11-20", 5.0, 5.0), ("丁", "V3", "2026-11-20", 5.1, 5.2)])  # fmt: skip
    vision.commit_import(db, SYSTEM, vision.preview_import(db, second, school_class=klass, today=today))

    before = vision.class_vision(db, klass)
    assert before.threshold is None and [s.rate for s in before.screenings] == [None, None]
    assert "尚未确认" in before.message  # no silent number

    with pytest.raises(UserError, match="依据"):
        vision.set_threshold(db, SYSTEM, "5.0", "")
    vision.set_threshold(db, SYSTEM, "5.0", "学校确认的筛查标准（测试用）", today=today)
    seen = vision.class_vision(db, klass)
    assert [(s.screened, s.poor, s.rate) for s in seen.screenings] == [
        (4, 1, Decimal("25.0")),
        (4, 2, Decimal("50.0")),
    ]
    assert seen.screenings[1].change == Decimal("25.0")
    assert "近视率 50.0%，较上次（2026-09-15）+25.0 个百分点" in seen.message
    assert "依据：学校确认的筛查标准（测试用）" in seen.threshold.text
    # the class's screenings count toward the term's two
    rows = db.execute(
        "SELECT date, screened FROM vision_screenings WHERE class_id = ? ORDER BY date", [klass.id]
    ).fetchall()
    assert rows == [("2026-09-15", 4), ("2026-11-20", 4)]


def test_bad_rows_are_refused_with_row_and_column(db, klass, tmp_path, today) -> None:
    path = write(tmp_path / "bad.xlsx", [("甲", "V0", "2026-09-15", 6.2, 5.0), ("戊", "", "2026-09-15", 5.0, 5.0),
                                         ("乙", "V9", "2026-09-15", 5.0, 5.0), ("丙", "V2", "2026-12-30", 5.0, 5.0),
                                         ("丁", "V3", "2026-09-15", "4.85", 5.0)])  # fmt: skip
    preview = vision.preview_import(db, path, school_class=klass, today=today)
    messages = {(e.row, e.column): e.message for e in preview.errors}
    assert "超出五分记录范围" in messages[(3, "左眼裸眼视力")]
    assert "班上没有这名学生" in messages[(4, "姓名")]
    assert "名册中没有学籍号 V9" in messages[(5, "学籍号")]
    assert "晚于今天" in messages[(6, "筛查日期")]
    assert "一位小数" in messages[(7, "左眼裸眼视力")]
    with pytest.raises(UserError):
        vision.commit_import(db, SYSTEM, preview)
    assert db.execute("SELECT count(*) FROM vision_results").fetchone()[0] == 0


def test_a_teacher_of_another_class_cannot_import(db, klass, tmp_path, today) -> None:
    path = write(tmp_path / "a.xlsx", [("甲", "V0", "2026-09-15", 5.0, 5.1)])
    preview = vision.preview_import(db, path, school_class=klass, today=today)
    with pytest.raises(PermissionDenied):
        vision.commit_import(db, Actor("t", "老师", TEACHER, {}), preview)


def test_cli_import_vision_one_class_sheet(db, db_path, klass, tmp_path, capsys) -> None:
    from fivemgmt.cli import main

    path = write(
        tmp_path / "a.xlsx", [("甲", "", "2026-09-15", 5.0, 4.9), ("乙", "", "2026-09-15", 4.6, 4.8)]
    )
    db.close()
    args = ["import", "vision", str(path), "--db", str(db_path), "--today", "2026-11-25"]
    assert main([*args, "--dry-run", "--class", klass.name]) == 0
    assert "检查通过：2 行视力筛查结果" in capsys.readouterr().out
    assert main([*args, "--class", klass.name]) == 0
    assert "已导入视力筛查结果 2 行" in capsys.readouterr().out


def test_vision_results_and_loaded_tables_survive_the_xlsx_round_trip(db, klass, tmp_path, today) -> None:
    from fivemgmt.exchange import xlsx
    from fivemgmt.fitness import loaded
    from tests.core import fitness_synthetic as synth

    path = write(tmp_path / "a.xlsx", [("甲", "V0", "2026-09-15", 4.9, 5.1)])
    vision.commit_import(db, SYSTEM, vision.preview_import(db, path, school_class=klass, today=today))
    loaded.load(db, SYSTEM, [synth.write_xlsx(tmp_path / "junior.xlsx")], today=today)
    out = tmp_path / "all.xlsx"
    xlsx.export_registers(db, SYSTEM, out)
    sheets = openpyxl.load_workbook(out, read_only=True).sheetnames
    assert "学生视力筛查结果" in sheets and "装入的评分表" in sheets
    preview, changes = xlsx.import_registers(db, SYSTEM, out)
    assert preview.ok and not changes.ids  # the same file changes nothing

import datetime as dt

import openpyxl
import pytest

from fivemgmt import audit_verify, records, school
from fivemgmt.actor import LOCAL_ADMIN, Actor
from fivemgmt.areas import homework as hw
from fivemgmt.cli import main
from fivemgmt.db import transaction
from fivemgmt.errors import PermissionDenied, UserError
from fivemgmt.exchange import merge, package, xlsx
from fivemgmt.session import open_db
from tests.core.people import add_homework, make_people

CONTENT_SKIP = ("updated_at", "updated_by", "origin")


def _content(db, tables):
    return {
        t: sorted(
            tuple(sorted((k, v) for k, v in r.items() if k not in CONTENT_SKIP))
            for r in db.query(f"SELECT * FROM [{t}]")
        )
        for t in tables
    }


def _audit_count(db):
    return db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]


def test_every_register_is_exported_with_chinese_headers(demo_db, tmp_path):
    result = xlsx.export_registers(demo_db, LOCAL_ADMIN, tmp_path / "all.xlsx")
    tables = xlsx.register_tables(demo_db)
    assert set(result.counts) == set(tables)
    for required in (
        "homework_entries",
        "sleep_records",
        "phone_custody",
        "reading_books",
        "activity_days",
        "afterschool_days",
        "fitness_results",
    ):
        assert required in tables and result.counts[required] > 0, required
    book = openpyxl.load_workbook(tmp_path / "all.xlsx", read_only=True)
    header = next(book["作业记录"].iter_rows(values_only=True))
    assert {"记录编号", "班级", "日期", "学科", "作业内容", "预计时长(分钟)", "已删除"} <= set(header)
    assert "体质测试成绩" in book.sheetnames and "说明" in book.sheetnames
    for table in tables:
        assert result.counts[table] == demo_db.execute(f"SELECT COUNT(*) FROM [{table}]").fetchone()[0]


def test_reimporting_the_same_file_changes_nothing(demo_db, tmp_path):
    xlsx.export_registers(demo_db, LOCAL_ADMIN, tmp_path / "all.xlsx")
    count = _audit_count(demo_db)
    preview, changes = xlsx.import_registers(demo_db, LOCAL_ADMIN, tmp_path / "all.xlsx")
    assert preview.counts["new"] == preview.counts["changed"] == 0 and preview.counts["unchanged"] > 1000
    assert not changes.ids and _audit_count(demo_db) == count


def test_round_trip_into_a_new_installation_gives_identical_records(demo_db, tmp_path):
    tables = xlsx.register_tables(demo_db)
    xlsx.export_registers(demo_db, LOCAL_ADMIN, tmp_path / "all.xlsx")
    setup = package.export_package(demo_db, LOCAL_ADMIN, tmp_path / "setup")
    fresh = open_db(tmp_path / "fresh.sqlite")
    merge.import_packages(fresh, LOCAL_ADMIN, [setup.path], school_key=package.school_key(demo_db))
    preview, _ = xlsx.import_registers(fresh, LOCAL_ADMIN, tmp_path / "all.xlsx")
    assert preview.counts["new"] == sum(preview.tables.values())
    assert _content(fresh, tables) == _content(demo_db, tables)
    assert audit_verify.verify(fresh).ok
    fresh.close()


def test_edits_made_after_the_export_are_undone_by_importing_it(demo_db, tmp_path):
    xlsx.export_registers(demo_db, LOCAL_ADMIN, tmp_path / "all.xlsx")
    tables = xlsx.register_tables(demo_db)
    original = _content(demo_db, tables)
    rows = records.live_rows(demo_db, hw.ENTRIES, order_by="id")[:3]
    with transaction(demo_db):
        records.save(
            demo_db, hw.ENTRIES, {"id": rows[0]["id"], "minutes": 99, "content": "=1+1"}, LOCAL_ADMIN
        )
        records.delete(demo_db, hw.ENTRIES, rows[1]["id"], LOCAL_ADMIN)
    preview, changes = xlsx.import_registers(demo_db, LOCAL_ADMIN, tmp_path / "all.xlsx")
    assert preview.counts["changed"] == 2 and len(changes.ids) == 2
    assert _content(demo_db, tables) == original


def test_text_that_looks_like_a_formula_or_a_date_stays_text(db, tmp_path):
    people = make_people(db, with_accounts=False)
    entry = add_homework(db, LOCAL_ADMIN, people.classes[4].id, content="=SUM(A1:A3) 不是公式")
    with transaction(db):
        records.save(db, hw.ENTRIES, {"id": entry, "teacher_name": "007", "adjust_reason": ""}, LOCAL_ADMIN)
    xlsx.export_registers(db, LOCAL_ADMIN, tmp_path / "t.xlsx")
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    sheet = book["作业记录"]
    cells = {c.value: c.data_type for c in sheet[2]}
    assert cells["=SUM(A1:A3) 不是公式"] == "s" and cells["007"] == "s"
    # the date is a date cell for people (issue 15), and comes back as the same date
    header = [c.value for c in sheet[1]]
    assert sheet.cell(2, header.index("日期") + 1).value == dt.datetime(2026, 11, 25)
    count = _audit_count(db)
    xlsx.import_registers(db, LOCAL_ADMIN, tmp_path / "t.xlsx")
    assert _audit_count(db) == count
    assert records.get(db, hw.ENTRIES, entry)["adjust_reason"] == ""


def test_teacher_exports_own_class_and_cannot_import_another(db, tmp_path):
    people = make_people(db)
    add_homework(db, people.head, people.classes[4].id)
    other = add_homework(db, people.admin, people.classes[8].id, subject="数学")
    result = xlsx.export_registers(db, people.head, tmp_path / "mine.xlsx", tables=[hw.ENTRIES])
    assert result.counts == {hw.ENTRIES: 1}
    xlsx.export_registers(db, people.admin, tmp_path / "all.xlsx", tables=[hw.ENTRIES])
    book = openpyxl.load_workbook(tmp_path / "all.xlsx")
    sheet = book["作业记录"]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[header.index("记录编号")].value == other:
            row[header.index("预计时长(分钟)")].value = 5
    book.save(tmp_path / "all.xlsx")
    count = _audit_count(db)
    preview = xlsx.preview_registers(db, people.head, tmp_path / "all.xlsx")
    assert not preview.ok and "无权修改其他班级" in preview.error_report()
    with pytest.raises(UserError):
        xlsx.commit_registers(db, people.head, preview)
    with pytest.raises(PermissionDenied):
        xlsx.preview_registers(db, people.supervisor, tmp_path / "all.xlsx")
    assert _audit_count(db) == count and records.get(db, hw.ENTRIES, other)["minutes"] == 20
    subject_teacher = Actor("li", "李建华", "teacher", {people.classes[8].id: frozenset({"数学"})})
    assert xlsx.import_registers(db, subject_teacher, tmp_path / "all.xlsx")[0].counts["changed"] == 1


def test_cli_xlsx_export_and_import(demo_db_path, tmp_path, capsys):
    out = tmp_path / "cli.xlsx"
    assert main(["xlsx", "export", "--db", str(demo_db_path), "-o", str(out)]) == 0
    assert "张台账" in capsys.readouterr().out
    assert main(["xlsx", "import", "--db", str(demo_db_path), str(out), "--dry-run"]) == 0
    assert "新增 0，修改 0" in capsys.readouterr().out
    assert main(["xlsx", "export", "--db", str(demo_db_path), "-o", str(out), "--table", "nonsense"]) == 2


def test_registers_are_laid_out_for_people(demo_db, tmp_path):
    xlsx.export_registers(demo_db, LOCAL_ADMIN, tmp_path / "all.xlsx")
    book = openpyxl.load_workbook(tmp_path / "all.xlsx")
    sheet = book["作业记录"]
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["班级", "日期"]  # class and date first
    assert header[-3:] == ["记录编号", "班级编号", "教师编号"]  # ids last, kept for the round trip
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    by = {h: i for i, h in enumerate(header)}
    classes = {c.name: (c.grade, c.number) for c in school.list_classes(demo_db)}
    keys = [(classes[r[by["班级"]]], r[by["日期"]]) for r in rows]
    assert keys == sorted(keys)  # sorted by class, then date
    assert isinstance(rows[0][by["日期"]], dt.datetime)  # a date cell
    assert {r[by["必做"]] for r in rows} <= {"必做", "选做"} and {r[by["已删除"]] for r in rows} <= {
        "是",
        "否",
    }
    modified = rows[0][by["最后修改时间"]]
    stored = demo_db.execute(
        "SELECT updated_at FROM homework_entries WHERE id = ?", [rows[0][by["记录编号"]]]
    ).fetchone()[0]
    local = dt.datetime.fromisoformat(stored).astimezone().replace(tzinfo=None, microsecond=0)
    assert modified == local  # the computer's local time, not UTC text
    assert sheet.column_dimensions["B"].width >= 12  # widths set
    assert {"学生名册", "班级", "教师", "校历"} <= set(book.sheetnames)
    roster = book["学生名册"]
    assert [c.value for c in roster[1]][:3] == ["班级", "姓名", "学籍号"]
    # the set-up sheets are for reading: importing the workbook skips them and changes nothing
    preview = xlsx.preview_registers(demo_db, LOCAL_ADMIN, tmp_path / "all.xlsx")
    assert preview.ok, preview.error_report()
    assert preview.counts["new"] == preview.counts["changed"] == 0
    assert any("学生名册" in w and "导入时不读取" in w for w in preview.warnings)

"""A teacher account cannot change another class through any path: core operations, file imports,
register workbooks, exchange packages, the command line."""

from __future__ import annotations

import openpyxl
import pytest

from fivemgmt import audit_verify, records
from fivemgmt.actor import PRINCIPAL, Actor
from fivemgmt.areas import homework as hw
from fivemgmt.cli import main
from fivemgmt.db import transaction
from fivemgmt.errors import PermissionDenied, UserError
from fivemgmt.exchange import merge, package, xlsx
from tests.core.people import PASSWORD, TODAY, add_homework, make_people


@pytest.fixture
def setup(db):
    people = make_people(db)
    other = add_homework(db, people.admin, people.classes[8].id, subject="数学", minutes=20)
    return db, people, other


def _snapshot(db):
    return (
        db.execute("SELECT COUNT(*), MAX(seq) FROM audit_log").fetchone(),
        sorted(tuple(r) for r in db.execute("SELECT id, minutes, deleted FROM homework_entries")),
    )


def test_core_operations(setup):
    db, people, other = setup
    c8 = people.classes[8].id
    before = _snapshot(db)
    attempts = [
        lambda: add_homework(db, people.head, c8, subject="数学"),
        lambda: hw.save_entry(
            db, people.head, hw.Entry(other, c8, TODAY, "数学", "改", "书面", True, 99), today=TODAY
        ),
        lambda: hw.save_entry(
            db,
            people.head,
            hw.Entry(other, people.classes[4].id, TODAY, "语文", "搬走", "书面", True, 5),
            today=TODAY,
        ),  # move it into my class
        lambda: hw.delete_entry(db, people.head, other, today=TODAY),
        lambda: hw.set_no_homework(db, people.head, c8, TODAY, today=TODAY),
        lambda: hw.copy_day(db, people.head, c8, TODAY, TODAY, today=TODAY),
        lambda: add_homework(db, people.maths, c8, subject="英语"),
        lambda: add_homework(db, people.supervisor, c8, subject="数学"),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    assert _snapshot(db) == before


def test_homework_file_import_and_cli(setup, tmp_path, db_path, capsys, monkeypatch):
    db, people, _ = setup
    monkeypatch.setenv("FIVEMGMT_PASSWORD", PASSWORD)
    book = openpyxl.Workbook()
    book.active.append(["日期", "班级", "学科", "作业内容", "作业类型", "必做/选做", "预计时长(分钟)"])
    book.active.append(["2026-11-25", "四年级(1)班", "语文", "我的", "书面", "必做", 10])
    book.active.append(["2026-11-25", "八年级(1)班", "数学", "别人的", "书面", "必做", 10])
    book.save(tmp_path / "hw.xlsx")
    before = _snapshot(db)
    preview = hw.preview_import(db, tmp_path / "hw.xlsx")
    with pytest.raises(PermissionDenied):
        hw.commit_import(db, people.head, preview)
    assert _snapshot(db) == before
    assert (
        main(["import", "homework", str(tmp_path / "hw.xlsx"), "--db", str(db_path), "--user", "wang"]) == 2
    )
    assert "无权" in capsys.readouterr().err
    assert _snapshot(db) == before


def test_register_workbook_and_package(setup, tmp_path):
    db, people, other = setup
    xlsx.export_registers(db, people.admin, tmp_path / "all.xlsx", tables=[hw.ENTRIES])
    book = openpyxl.load_workbook(tmp_path / "all.xlsx")
    sheet = book["作业记录"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("预计时长(分钟)") + 1).value = 99
    sheet.cell(row=2, column=header.index("已删除") + 1).value = "是"
    book.save(tmp_path / "all.xlsx")
    before = _snapshot(db)
    for actor in (
        people.head,
        people.maths.__class__("li", "李建华", "teacher", {people.classes[8].id: frozenset({"语文"})}),
    ):
        with pytest.raises(UserError, match="无权"):
            xlsx.import_registers(db, actor, tmp_path / "all.xlsx")
    assert _snapshot(db) == before
    # a package with another class's records, signed with this school's key
    boss = Actor("boss", "校长", PRINCIPAL)
    with transaction(db):
        records.save(db, hw.ENTRIES, {"id": other, "minutes": 77}, boss)
    path = package.export_package(db, boss, tmp_path / "p", kind="records", since="all").path
    with transaction(db):
        records.save(db, hw.ENTRIES, {"id": other, "minutes": 20}, boss)
    before = _snapshot(db)
    with pytest.raises(PermissionDenied):
        merge.import_packages(db, people.head, [path])
    assert _snapshot(db) == before
    assert audit_verify.verify(db).ok
